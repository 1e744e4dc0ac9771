"""What a reader reads of an edited text: its blocks (headings, list items, paragraphs), its
sentences and its words — the ground for the readability check (handschlag/core/readability.py).

Built so that layout cannot pass for easy language:
- Markup is stripped: HTML tags (inline tags join the letters around them, block tags end a
  block), Markdown marks, link targets, images. Invisible characters (soft hyphens, zero-width
  spaces) are removed, so they cannot cut a long word in two.
- URLs and e-mail addresses are not words; nor is a token without a letter (numbers, times,
  phone numbers, bullets, dashes).
- A line break inside a paragraph ends nothing; a heading, a list item and a paragraph end
  their sentence. Inside a block a sentence ends at . ! ? … — not after an abbreviation
  ("z. B.", "Nr.", "Str."), an initial or an ordinal ("am 3. Mai"). Every such piece is a
  sentence here, however short; handschlag/core/readability.py decides which are stubs.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Literal

from handschlag.core.text import without_control_characters

BlockKind = Literal["text", "heading", "item"]

# Tags that end a block; the others (b, i, span, a, …) are inline and join their neighbours.
_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "form", "header", "hr", "main", "nav", "ol", "p", "pre", "section",
    "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SKIPPED_TAGS = {"script", "style", "template", "noscript", "svg", "math"}
_LOOKS_LIKE_HTML = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*|/[a-zA-Z][a-zA-Z0-9]*|!--)[^<>]*>")

_URL = re.compile(r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"]*[^\s<>\".,;:!?)\]}»“”'’]", re.I)
# Every pattern here runs in linear time on any input (no start position can rescan a long run).
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_MD_IMAGE = re.compile(r"!\[[^\[\]]*\]\([^()]*\)")
_MD_LINK = re.compile(r"\[([^\[\]]*)\]\([^()]*\)")
_MD_MARKS = re.compile(r"[*_`~|#^]+")
# "Koordinator*innen", "Lehrer_innen": one word (as "Koordinator:innen" is).
_MARK_IN_WORD = re.compile(r"(?<=\w)[*_`~^]+(?=\w)")
_HEADING_LINE = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_ITEM_LINE = re.compile(r"^\s*(?:[-*+•–—·▪◦‣●○■□➤→]|\(?\d{1,3}[.)]|\(?[a-h]\))\s+(.*)$")
_RULE_LINE = re.compile(r"^\s*(?:[-=*_~#·•]\s*){3,}$")
_QUOTE = re.compile(r"^\s*(?:>\s*)+")
# "Melde · bescheinigung" is one word written in parts, not two.
_SPACED_MIDDOT = re.compile(r"(?<=\w)\s*[·‧]\s*(?=\w)")
# "Melde-\nbescheinigung": a word broken over two lines.
_BROKEN_WORD = re.compile(r"(?<=\w)-\s*\n\s*(?=[a-zäöüß])")

# Abbreviations after which a full stop does not end a sentence (compared in lower case).
_ABBREVIATED = """
    abs allg anm bd bsp bspw bzgl bzw ca chr co dgl dipl dr ebd etc evtl exkl fa fam ff
    frl gem ggf gegr hbf hl hr hrn hrsg inkl jh jr kath kfm kl max min mind mio mrd nr nrn
    o.ä od orig pkt pl pol prof reg s sog sp st std str tel tsd u.a u.ä usw v.a vgl vs wg
    z.b z.t zzgl zt jan feb febr mär apr jun jul aug sep sept okt nov dez mo di mi do fr"""
ABBREVIATIONS = frozenset(_ABBREVIATED.split())
_CLOSING = "\"'»«“”„‘’)]"


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str


@dataclass(frozen=True)
class Sentence:
    """A sentence as written (`text`) and its words (tokens with at least one letter, their
    surrounding punctuation stripped; hyphens and Mediopunkt inside a word are kept)."""

    text: str
    words: tuple[str, ...]
    kind: BlockKind = "text"


class _HtmlBlocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.skipping = 0

    def _break(self, prefix: str = "") -> None:
        self.lines.append(prefix)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping += 1
        elif tag in _HEADING_TAGS:
            self._break("# ")
        elif tag == "li":
            self._break("- ")
        elif tag in _BLOCK_TAGS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _HEADING_TAGS or tag == "li" or tag in _BLOCK_TAGS:
            self._break()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            # A line break in HTML source is a space; only tags break lines.
            self.lines[-1] += " ".join(data.splitlines())

    def text(self) -> str:
        return "\n\n".join(line for line in self.lines if line.strip())


def _visible(text: str) -> str:
    """`text` without control and format characters (soft hyphen, zero-width space, …)."""
    text = without_control_characters(text.replace("\r\n", "\n").replace("\r", "\n"))
    return "".join(char for char in text if unicodedata.category(char) != "Cf")


def blocks(source: str) -> list[Block]:
    """The headings, list items and paragraphs of `source` (plain text, Markdown or HTML)."""
    text = _visible(source or "")
    if _LOOKS_LIKE_HTML.search(text):
        parser = _HtmlBlocks()
        parser.feed(text)
        parser.close()
        text = parser.text()
    text = html.unescape(text)
    text = _visible(text)  # entities may have brought soft hyphens back
    text = _BROKEN_WORD.sub("-", text)
    text = _MD_IMAGE.sub(" ", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _URL.sub(" ", text)
    text = _EMAIL.sub(" ", text)
    text = _SPACED_MIDDOT.sub("·", text)

    found: list[Block] = []
    paragraph: list[str] = []

    def end_paragraph() -> None:
        if paragraph:
            found.append(Block("text", " ".join(paragraph)))
            paragraph.clear()

    for raw in text.split("\n"):
        line = _QUOTE.sub("", raw)
        if not line.strip() or _RULE_LINE.match(line):
            end_paragraph()
            continue
        if heading := _HEADING_LINE.match(line):
            end_paragraph()
            found.append(Block("heading", _clean_inline(heading.group(1))))
        elif item := _ITEM_LINE.match(line):
            end_paragraph()
            found.append(Block("item", _clean_inline(item.group(1))))
        else:
            paragraph.append(_clean_inline(line))
    end_paragraph()
    return [block for block in found if block.text]


def _clean_inline(line: str) -> str:
    return " ".join(_MD_MARKS.sub(" ", _MARK_IN_WORD.sub("", line)).split())


def word_of(token: str) -> str | None:
    """The word in a whitespace-separated token ("(Pass)," → "Pass"), or None without a letter."""
    start, end = 0, len(token)
    while start < end and not token[start].isalnum():
        start += 1
    while end > start and not token[end - 1].isalnum():
        end -= 1
    word = token[start:end]
    if not any(char.isalpha() for char in word):
        return None
    return word


def _ends_sentence(token: str) -> bool:
    """Whether `token` ends a sentence inside a block. A piece that goes on in lower case
    ("Bibl. im Rathaus") is joined again by the readability check, like any other stub."""
    core = token.rstrip(_CLOSING)
    if not core or core[-1] not in ".!?…":
        return False
    if core.endswith(("!", "?")):
        return True
    stem = core.rstrip(".…").lstrip("([" + _CLOSING)
    if not stem:
        return True  # a full stop on its own, e.g. after a URL that is left out
    if stem.isdigit() and len(stem) <= 2:
        return False  # an ordinal ("am 3. Mai"); a year ends a sentence
    if stem.lower() in ABBREVIATIONS or (len(stem) == 1 and stem.isalpha()):
        return False
    return not ("." in stem and all(len(part) <= 2 for part in stem.split(".")))


def sentences(block: Block) -> list[Sentence]:
    """The sentences of one block; a block always ends its last sentence."""
    tokens = block.text.split()
    found: list[Sentence] = []
    start = 0
    for index, token in enumerate(tokens):
        last = index + 1 == len(tokens)
        if last or _ends_sentence(token):
            part = tokens[start : index + 1]
            words = tuple(word for word in map(word_of, part) if word)
            if words:
                found.append(Sentence(" ".join(part), words, block.kind))
            start = index + 1
    return found
