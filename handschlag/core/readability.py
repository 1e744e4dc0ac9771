"""How easy a German text is to read (issue #12, "Guides"): the Wiener Sachtextformel through
textstat, with a plain verdict and concrete hints for the editor.

The scale. The (first) Wiener Sachtextformel of Bamberger and Vanecek estimates from the share
of words with three or more syllables, the mean sentence length, the share of words with more
than six letters and the share of one-syllable words which school year (Schulstufe) a factual
text suits: about 4 is very easy, 15 very hard. For newcomers we aim below 7:
below 4 "sehr leicht", 4–7 "leicht", 7–10 "mittel", 10–12 "schwer", 12 and more "sehr schwer".

Hard to game. Integreat's score could be pushed down by chopping sentences with full stops or
line breaks, or with bullet lists of stubs. Here the sentences are our own
(handschlag/core/plaintext.py: markup stripped, line breaks end nothing, abbreviations are no
full stops), and a "sentence" is a fragment that counts with the sentence before it when it
- has fewer than three words ("Pass. Foto. Termin."),
- plainly has no verb: only nouns and function words ("Zum Amt.", "Mit dem Pass und Foto."),
- goes on in lower case (a sentence cut into list items or lines).
A sentence repeated word for word counts once; headings count for the hints, not the score
(they are short by nature); a text of fewer than MIN_WORDS words gets no score at all.
Textstat then computes the formula on these sentences (its own splitting is not used).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from textstat.textstat import textstatistics

from handschlag.core.plaintext import Sentence, blocks, sentences

MIN_WORDS = 20
MIN_SENTENCE_WORDS = 3
LONG_SENTENCE_WORDS = 15
LONG_WORD_LETTERS = 14
LONG_WORD_SYLLABLES = 5
MAX_HINTS = 5
MAX_LONG_WORDS = 12
# Longer "words" are no German words (a URL without its scheme, a row of letters); they are cut
# here for counting syllables, which takes Pyphen time quadratic in a word's length.
MAX_WORD_CHARS = 40
SCORE_RANGE = (0.0, 20.0)
TARGET = 7.0

_textstat = textstatistics()
_textstat.set_lang("de")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Articles, determiners and prepositions: a lower-case word right after one is an adjective.
BEFORE_ADJECTIVES = _words(
    """der die das den dem des ein eine einen einem einer eines kein keine keinen keinem keiner
    keines mit ohne zum zur von vom im in ins am an ans auf aus bei beim für fürs nach seit
    über unter vor hinter neben zwischen durch gegen um bis pro per je ab alle allen aller
    alles jede jeder jedes jeden jedem ihre ihren ihrem ihrer ihres seine seinen seinem seiner
    seines unser unsere unseren unserem unserer euer eure mein meine meinen meinem meiner dein
    deine dies diese dieser dieses diesen diesem jene welche welcher welches viele wenige"""
)
# Words that are never verbs: those above, pronouns, conjunctions, adverbs, particles.
FUNCTION_WORDS = BEFORE_ADJECTIVES | _words(
    """zu und oder aber sowie bzw beziehungsweise sondern denn doch als wie auch nur noch schon
    sehr mehr weniger nicht ja nein bitte hier dort da dann heute morgen gestern jetzt immer
    oft nie bald gern gerne also etwa ca so zb z.b usw etc u.a ihr ich du er es wir sie mich
    dich sich uns euch ihn ihm ihnen mir dir man was wer wo wann warum wieso viel wenig"""
)
PRONOUNS = _words("sie ich du er es wir ihr man")
OPENING_PRONOUNS = _words("der die das dies diese dieser dieses jeder jede alle")
# First words that may be a verb though they end otherwise: "Kann …?", "Bring …", "Ruf …".
SHORT_VERBS = _words(
    """kann muss soll will darf mag ist hat wird sind war gib nimm lies hilf sieh iss tu geh
    komm ruf frag hol bring schreib mach sag such zeig weiß gilt gibt gibts"""
)
_VERB_ENDINGS = ("en", "ern", "eln", "t", "e", "st")
_NOMINAL_ENDINGS = ("ung", "ungen", "heit", "heiten", "keit", "keiten", "tion", "tionen", "tät",
                    "täten", "nis", "nisse")  # fmt: skip
_WERDEN = _words("wird werden wurde wurden worden wirst werdet würde würden")
_PARTICIPLE = re.compile(
    r"^(?:(?:ab|an|auf|aus|bei|ein|fest|her|hin|los|mit|nach|vor|weg|zu|zurück|zusammen)?"
    r"ge\w{3,}(?:t|en)|(?:be|emp|ent|er|ge|miss|ver|zer)\w{3,}t|\w{3,}iert)$"
)
_NOT_PARTICIPLES = _words("gegen geben gehen gelten genug gestern gesamt gemeinsam")
_PART_SEPARATORS = re.compile(r"[-·‧‐‑]")


class Level:
    """Where a score lies on the scale, with a plain word for it."""

    def __init__(self, key: str, label: Promise, upper: float) -> None:
        self.key, self.label, self.upper = key, label, upper


LEVELS = (
    Level("very-easy", _("sehr leicht"), 4.0),
    Level("easy", _("leicht"), TARGET),
    Level("medium", _("mittel"), 10.0),
    Level("hard", _("schwer"), 12.0),
    Level("very-hard", _("sehr schwer"), math.inf),
)


def level_of(score: float) -> Level:
    return next(level for level in LEVELS if score < level.upper)


@dataclass(frozen=True)
class LongSentence:
    start: str  # the first words, with "…" when cut
    words: int


@dataclass
class Report:
    """The readability of one text: `score` is None for a text too short to judge."""

    score: float | None
    words: int
    sentences: int
    long_sentences: list[LongSentence] = field(default_factory=list)
    long_sentence_count: int = 0
    long_words: list[str] = field(default_factory=list)
    long_word_count: int = 0
    fragments: int = 0
    repeated: int = 0
    nominal_words: list[str] = field(default_factory=list)
    passive_sentences: list[str] = field(default_factory=list)

    @property
    def level(self) -> Level | None:
        return None if self.score is None else level_of(self.score)

    @property
    def too_short(self) -> bool:
        return self.score is None

    @property
    def has_notes(self) -> bool:
        """Anything to say beyond the score: hints, or stubs and repeats not counted."""
        return self.has_hints or bool(self.fragments or self.repeated)

    @property
    def has_hints(self) -> bool:
        return bool(
            self.long_sentences or self.long_words or self.nominal_words or self.passive_sentences
        )


def _could_be_verb(words: tuple[str, ...], index: int) -> bool:
    word = words[index]
    lower = word.lower()
    if lower in FUNCTION_WORDS:
        return False
    if index == 0:  # imperatives and questions start with the verb: "Gehen Sie …", "Gibt es …?"
        after = words[1].lower() if len(words) > 1 else ""
        return lower in SHORT_VERBS or (lower.endswith(_VERB_ENDINGS) and after in PRONOUNS)
    if not word[:1].islower():
        return False  # nouns (and "Sie") are capitalised; verbs are not
    # Right after an article or a preposition a lower-case word is an adjective ("der neuen"),
    # except after a pronoun that opens the sentence ("Das geht.", "Die kommen morgen.").
    before = words[index - 1].lower()
    return before not in BEFORE_ADJECTIVES or (index == 1 and before in OPENING_PRONOUNS)


def is_fragment(sentence: Sentence) -> bool:
    """A stub that is no sentence of its own (see the module's docstring)."""
    words = sentence.words
    if len(words) < MIN_SENTENCE_WORDS or words[0][:1].islower():
        return True
    return not any(_could_be_verb(words, index) for index in range(len(words)))


@dataclass(frozen=True)
class Joined(Sentence):
    """A sentence with the fragments joined to it; `prose_words` leaves out the words of list
    items, so that a lead-in with its list is no "long sentence" in the hints."""

    prose_words: int = 0


def scored_sentences(text: str) -> tuple[list[Joined], list[Sentence], int, int]:
    """The sentences the score is computed on, the headings, and how many fragments were
    joined to their neighbour and how many repeated sentences were left out."""
    joined: list[list[Sentence]] = []
    pending: list[Sentence] = []
    headings: list[Sentence] = []
    fragments = 0
    for block in blocks(text):
        for sentence in sentences(block):
            if block.kind == "heading" and len(sentence.words) <= LONG_SENTENCE_WORDS // 2:
                headings.append(sentence)
            elif is_fragment(sentence):
                fragments += 1
                (joined[-1] if joined else pending).append(sentence)
            else:
                joined.append([*pending, sentence])
                pending = []
    if pending:  # only fragments so far: together they are one sentence
        joined.append(pending)
        fragments -= 1
    unique: list[Joined] = []
    seen: set[tuple[str, ...]] = set()
    for parts in joined:
        sentence = Joined(
            text=" ".join(part.text for part in parts),
            words=tuple(word for part in parts for word in part.words),
            prose_words=sum(len(part.words) for part in parts if part.kind != "item"),
        )
        key = tuple(word.lower() for word in sentence.words)
        if key not in seen:
            seen.add(key)
            unique.append(sentence)
    return unique, headings, max(0, fragments), len(joined) - len(unique)


def _letters(word: str) -> str:
    return "".join(char for char in word if char.isalpha())


def wiener_sachtextformel(found: Sequence[Sentence]) -> float | None:
    """The first Wiener Sachtextformel of these sentences, by textstat, kept within
    SCORE_RANGE; None when there are fewer than MIN_WORDS words."""
    words = sum(len(sentence.words) for sentence in found)
    if words < MIN_WORDS:
        return None
    # One line per sentence, its words without any punctuation: textstat's own sentence
    # splitting then finds exactly our sentences.
    text = " ".join(
        " ".join(re.sub(r"\W", "", word)[:MAX_WORD_CHARS] for word in sentence.words) + "."
        for sentence in found
    )
    score = _textstat.wiener_sachtextformel(text, 1)
    low, high = SCORE_RANGE
    return round(min(high, max(low, score)), 1)


def syllables(word: str) -> int:
    letters = _letters(word).lower()[:MAX_WORD_CHARS]
    return _textstat.syllable_count(letters) if letters else 0


def is_long_word(word: str) -> bool:
    """Long to read: many letters or syllables in one part. Parts set off with a hyphen or a
    Mediopunkt ("Melde·bescheinigung") are read one by one."""
    return any(
        len(_letters(part)) >= LONG_WORD_LETTERS or syllables(part) >= LONG_WORD_SYLLABLES
        for part in _PART_SEPARATORS.split(word)
    )


def _start(sentence: Sentence, words: int = 8) -> str:
    tokens = sentence.text.split()
    return " ".join(tokens[:words]) + (" …" if len(tokens) > words else "")


def _unique(words: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for word in words:
        seen.setdefault(word.lower(), word)
    return list(seen.values())


def _is_passive(sentence: Sentence) -> bool:
    lowered = [word.lower() for word in sentence.words]
    for index, word in enumerate(lowered):
        if word in _WERDEN:
            return any(
                _PARTICIPLE.match(later) and later not in _NOT_PARTICIPLES
                for later in lowered[index + 1 :]
            )
    return False


def analyse(text: str) -> Report:
    """The readability of `text` (plain text, Markdown or HTML) with hints for the editor."""
    found, headings, fragments, repeated = scored_sentences(text)
    all_words = [word for sentence in [*headings, *found] for word in sentence.words]
    long = sorted(
        (s for s in found if s.prose_words > LONG_SENTENCE_WORDS), key=lambda s: -len(s.words)
    )
    long_words = _unique(word for word in all_words if is_long_word(word))
    nominal = _unique(
        word
        for word in all_words
        if word[:1].isupper() and len(word) > 5 and word.lower().endswith(_NOMINAL_ENDINGS)
    )
    body_words = sum(len(sentence.words) for sentence in found)
    show_nominal = len(nominal) >= 3 and len(nominal) >= 0.05 * max(body_words, 1)
    return Report(
        score=wiener_sachtextformel(found),
        words=body_words,
        sentences=len(found),
        long_sentences=[LongSentence(_start(s), len(s.words)) for s in long[:MAX_HINTS]],
        long_sentence_count=len(long),
        long_words=long_words[:MAX_LONG_WORDS],
        long_word_count=len(long_words),
        fragments=fragments,
        repeated=repeated,
        nominal_words=nominal[:MAX_HINTS] if show_nominal else [],
        passive_sentences=[_start(s) for s in found if _is_passive(s)][:MAX_HINTS],
    )
