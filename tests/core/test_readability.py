"""Issue #12 "Guides": the German readability score (Wiener Sachtextformel through textstat)
with hints, and that layout tricks do not make a hard text look easy."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handschlag.core import readability
from handschlag.core.plaintext import Block, blocks, sentences
from handschlag.core.readability import analyse, is_fragment, is_long_word

EASY = (
    "Sie wohnen neu in Sonneberg. Dann müssen Sie sich anmelden. Das geht im Rathaus. "
    "Bringen Sie Ihren Pass mit. Die Anmeldung kostet nichts. Sie bekommen ein Papier. "
    "Das Papier heißt Melde-Bescheinigung. Heben Sie das Papier gut auf."
)
HARD = (
    "Nach Ihrem Zuzug sind Sie verpflichtet, sich innerhalb von zwei Wochen bei der "
    "zuständigen Meldebehörde unter Vorlage eines gültigen Identitätsnachweises sowie der "
    "Wohnungsgeberbestätigung anzumelden, wobei die Anmeldebescheinigung für die Beantragung "
    "weiterer Leistungen, insbesondere bei der Ausländerbehörde und dem Jobcenter, zwingend "
    "erforderlich ist."
)
HARD_WORDS = HARD.replace(",", "").replace(".", "").split()


def score(text: str) -> float:
    result = analyse(text).score
    assert result is not None, text
    return result


# --- the score and its verdict ---------------------------------------------------------------


def test_an_easy_text_scores_easy_and_a_hard_one_hard():
    easy, hard = analyse(EASY), analyse(HARD)
    assert easy.score is not None and easy.score < readability.TARGET
    assert easy.level is not None and easy.level.key in {"very-easy", "easy"}
    assert hard.score is not None and hard.score >= 12
    assert hard.level is not None and hard.level.key == "very-hard"
    assert str(hard.level.label) == "sehr schwer"


def test_the_score_is_textstats_formula_on_our_sentences():
    from textstat.textstat import textstatistics

    reference = textstatistics()
    reference.set_lang("de")
    # Plain sentences without abbreviations: textstat alone splits them as we do.
    assert score(EASY) == round(reference.wiener_sachtextformel(EASY, 1), 1)


@pytest.mark.parametrize(
    ("value", "key"),
    [(2.0, "very-easy"), (4.0, "easy"), (6.9, "easy"), (7.0, "medium"), (11.9, "hard"),
     (12.0, "very-hard"), (20.0, "very-hard")],
)  # fmt: skip
def test_the_scale_has_plain_words(value, key):
    assert readability.level_of(value).key == key


@pytest.mark.parametrize(
    "text", ["", "   ", "Hallo.", "Sie gehen zum Amt. " * 2, "1 2 3 4 5 " * 20]
)
def test_a_text_too_short_to_judge_has_no_score(text):
    report = analyse(text)
    assert report.score is None and report.too_short and report.level is None


# --- hints -----------------------------------------------------------------------------------


def test_long_sentences_are_quoted_with_their_start_and_length():
    report = analyse(EASY + " " + HARD)
    assert report.long_sentence_count == 1
    [long] = report.long_sentences
    assert long.start == "Nach Ihrem Zuzug sind Sie verpflichtet, sich innerhalb …"
    assert long.words == len(HARD_WORDS)


def test_a_lead_in_with_its_list_is_no_long_sentence_but_counts_as_one():
    text = (
        EASY + "\nBringen Sie diese Papiere mit:\n- Ihren Pass oder Ihren Ausweis\n"
        "- die Bestätigung von Ihrem Vermieter\n- ein Foto von Ihnen"
    )
    report = analyse(text)
    assert report.long_sentences == []
    assert report.sentences == analyse(EASY).sentences + 1
    assert report.fragments == 3


def test_long_words_are_listed_once_and_hyphen_or_mediopunkt_parts_are_read_one_by_one():
    report = analyse(HARD + " Die Meldebehörde ist im Rathaus. Sie zeigen dort Ihren Pass.")
    assert "Wohnungsgeberbestätigung" in report.long_words
    assert report.long_words.count("Meldebehörde") == 1
    assert "Anmeldung" not in report.long_words
    assert is_long_word("Wohnungsgeberbestätigung")
    assert not is_long_word("Wohnungs·geber·bestätigung")
    assert not is_long_word("Melde-Bescheinigung")
    assert not is_long_word("Sprachkurs")


def test_urls_and_email_addresses_are_not_long_words_nor_words():
    text = (
        "Schreiben Sie an beratung@integrationsbeauftragte.sonneberg.de oder lesen Sie "
        "https://www.sonneberg.de/integrationsangebote/sprachkurse-und-beratung.html bitte."
    )
    report = analyse(text)
    assert report.long_words == []
    assert report.words == 7  # Schreiben Sie an oder lesen Sie bitte


def test_nominal_style_and_passive_are_pointed_out():
    report = analyse(HARD + " Der Antrag wird vom Amt geprüft. Die Unterlagen werden zugeschickt.")
    assert {"Beantragung", "Leistungen"} <= set(report.nominal_words)
    assert report.passive_sentences == [
        "Der Antrag wird vom Amt geprüft.",
        "Die Unterlagen werden zugeschickt.",
    ]
    assert analyse(EASY + " Sie werden einen Brief bekommen.").passive_sentences == []


def test_an_easy_text_gets_no_hints():
    report = analyse(EASY)
    assert not report.has_hints and report.fragments == 0 and report.repeated == 0


# --- what counts as a sentence ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Zum Amt.",
        "Mit dem Pass und Foto.",
        "Pass. ",
        "Bitte mitbringen",  # two words
        "bei der zuständigen Behörde.",  # goes on in lower case
        "Wochen bei der zuständigen.",  # an adjective is no verb
    ],
)
def test_stubs_are_fragments(text):
    [sentence] = sentences(Block("text", text))
    assert is_fragment(sentence)


@pytest.mark.parametrize(
    "text",
    [
        "Gehen Sie zum Amt.",
        "Das geht im Rathaus.",
        "Die Anmeldung kostet nichts.",
        "Kann ich mein Kind mitbringen?",
        "Sie brauchen einen Pass.",
    ],
)
def test_sentences_with_a_verb_are_sentences(text):
    [sentence] = sentences(Block("text", text))
    assert not is_fragment(sentence)


def test_abbreviations_ordinals_and_initials_end_no_sentence():
    text = (
        "Bringen Sie z. B. den Pass mit. Der Kurs beginnt am 3. Mai um 9.30 Uhr in der Str. Nr. 4."
    )
    found = sentences(Block("text", text))
    assert [s.text for s in found] == [
        "Bringen Sie z. B. den Pass mit.",
        "Der Kurs beginnt am 3. Mai um 9.30 Uhr in der Str. Nr. 4.",
    ]
    assert found[1].words[-1] == "Nr"  # "4" and "9.30" are no words


def test_markup_is_stripped_and_blocks_are_kept():
    source = (
        "<h2>Erste <b>Schritte</b></h2><p>Sie melden sich im <a href='/x'>Rathaus</a> an.</p>"
        "<ul><li>Pass</li><li>Foto</li></ul><script>var x = 'Nicht lesen.';</script>"
    )
    assert blocks(source) == [
        Block("heading", "Erste Schritte"),
        Block("text", "Sie melden sich im Rathaus an."),
        Block("item", "Pass"),
        Block("item", "Foto"),
    ]
    markdown = (
        "## Erste **Schritte**\nSie melden sich im [Rathaus](https://x.de) an.\n- Pass\n* Foto"
    )
    assert blocks(markdown) == blocks(source)


# --- gaming: chopping a hard text does not make it easy ---------------------------------------


def chopped(size: int, *, joiner: str = " ", bullet: str = "", capitalise: bool = False) -> str:
    pieces = [" ".join(HARD_WORDS[i : i + size]) for i in range(0, len(HARD_WORDS), size)]
    if capitalise:
        pieces = [piece[0].upper() + piece[1:] for piece in pieces]
    return joiner.join(f"{bullet}{piece}." for piece in pieces)


@pytest.mark.parametrize("size", [1, 2, 3])
@pytest.mark.parametrize(("joiner", "bullet"), [(" ", ""), ("\n", ""), ("\n", "- "), ("\n\n", "")])
def test_full_stops_line_breaks_or_bullets_between_stubs_do_not_lower_the_score(
    size, joiner, bullet
):
    assert score(chopped(size, joiner=joiner, bullet=bullet)) >= score(HARD)


@pytest.mark.parametrize("size", [3, 4, 5])
def test_even_capitalised_stubs_of_a_hard_text_stay_hard(size):
    assert score(chopped(size, capitalise=True)) >= 12


def test_line_breaks_inside_a_paragraph_change_nothing():
    assert analyse("\n".join(HARD.split())) == analyse(HARD)


def test_empty_bullets_and_punctuation_add_nothing():
    padding = "\n".join(["-", "- .", "* –", "• ...", "1.", "- 42"]) + "\n"
    assert score(padding + HARD + "\n" + padding) == score(HARD)


def test_headings_do_not_count_for_the_score():
    headed = "\n".join(f"# Schritt {i}\n{HARD}" if i == 1 else f"## Teil {i}" for i in range(1, 9))
    assert score(headed) == score(HARD)
    # A text of headings alone has nothing to judge.
    assert analyse("\n".join(f"## {word}" for word in HARD_WORDS)).score is None


def test_a_repeated_short_sentence_counts_once():
    report = analyse(HARD + " Das ist gut." * 20)
    assert report.repeated == 19
    assert report.score == score(HARD + " Das ist gut.")


def test_invisible_characters_and_inline_tags_cannot_split_a_long_word():
    for split in (
        "Melde\u00adbehörde",
        "Melde\u200bbehörde",
        "Melde<b></b>behörde",
        "Melde&shy;behörde",
    ):
        text = f"<p>{HARD.replace('Meldebehörde', split)}</p>"
        assert "Meldebehörde" in analyse(text).long_words, split
        assert score(text) == score(HARD), split


def test_a_spaced_mediopunkt_joins_the_parts_of_one_word():
    text = HARD.replace("Wohnungsgeberbestätigung", "Wohnungs · geber · bestätigung")
    assert score(text) == score(HARD)


# --- robustness ------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=600))
def test_any_text_gives_a_report_with_a_sane_score(text):
    report = analyse(text)
    assert report.score is None or 0 <= report.score <= 20
    assert report.words >= 0 and report.sentences >= 0
    assert (report.score is None) == (report.words < readability.MIN_WORDS)


MARKS = [".", ",", "!", "?", "-", "•", "\n", "#", "z.", "B.", "<b>", "&shy;", "·", "https://x.de"]
german_words = st.sampled_from(
    [*HARD_WORDS, "Sie", "gehen", "zum", "Amt", "und", "bringen", "den", "Pass", "mit", *MARKS]
)


@settings(max_examples=100, deadline=None)
@given(st.lists(german_words, max_size=120))
def test_any_mix_of_german_words_and_marks_gives_a_sane_score(words):
    report = analyse(" ".join(words))
    assert report.score is None or 0 <= report.score <= 20


def test_german_text_never_asks_nltk_for_data(monkeypatch):
    import nltk

    def refuse(*args, **kwargs):
        raise AssertionError("no download at run time")

    monkeypatch.setattr(nltk, "download", refuse)
    monkeypatch.setattr(nltk.data, "find", refuse)
    assert analyse("Schreiben Sie uns. " + HARD).score is not None


PATHOLOGICAL = [
    "x" * 50_000,
    "." * 50_000,
    "!" * 49_999 + "a",
    "[" * 50_000,
    "a@" * 25_000,
    "<a" * 25_000,
    "*" * 25_000 + "x",
    "www." * 12_500,
    "-\n" * 25_000,
    "# " * 25_000,
    "Melde" * 10_000,
    "Sie gehen zum Amt. " * 2_600,
]


@pytest.mark.parametrize("text", PATHOLOGICAL, ids=lambda text: repr(text[:6]))
def test_the_longest_text_the_check_takes_is_analysed_quickly(text):
    import time

    analyse("Sie gehen heute zum Amt.")  # Pyphen's dictionary loads once per process
    started = time.perf_counter()
    report = analyse(text)
    assert time.perf_counter() - started < 3, "a pattern or a count is not linear"
    assert report.score is None or 0 <= report.score <= 20
