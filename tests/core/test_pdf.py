"""PDFs in every language (handschlag/core/pdf.py): Arabic and Farsi shaped, right to left, in
an embedded Arabic font, and their text comes back out in logical order.

How the text is stored: WeasyPrint (Pango + HarfBuzz) writes each line's glyphs in visual
order, left to right, as every PDF producer does; what a glyph means is in the font's
ToUnicode map, and there WeasyPrint writes the logical text of the glyph's cluster: the base
letters (U+0600–U+06FF), not the presentation forms (U+FB50–U+FEFF) that the shapes look like.
So no NFKC folding is needed, and the tests check that no presentation form is there at all.
An extractor has to put a right-to-left line back into logical order itself. What we saw:

- pdfminer.six gives the visual order ("ةينامللأا ةغللا ةرود"): not usable for this.
- pypdf reverses runs of right-to-left letters: Arabic and Persian words come out right, but
  Persian digits inside them are reversed too ("۱۴" → "۴۱") and a Latin or digit run inside
  Arabic lands in the wrong place.
- PDFium (pypdfium2; the engine of Chromium's PDF viewer, so what a reader gets who copies the
  text there) runs the Unicode bidi algorithm: words and Persian digits in logical order. A
  ligature glyph that stands for two letters is the exception: PDFium reverses its letters.
  Noto Sans Arabic draws lam-alef as one such glyph ("الألمانية" came out as "األلمانية");
  Noto Naskh Arabic draws it as two glyphs, one letter each, which is why the print stylesheet
  names Noto Naskh Arabic.

So the order test reads the text with PDFium, and the Arabic words also with pypdf, a second
extractor that shares nothing with it. Two things no extractor gets back, because the PDF has
no glyph for them: the zero-width non-joiner (U+200C) of Persian ("تازه‌واردان"; it only stops
the letters from joining, and the shapes show that) is compared without it; and a Latin or
digit run inside a right-to-left line ("B1", "9:00–12:00") comes back misplaced by both
extractors, so the tests use lines without one.
"""

from __future__ import annotations

import base64
import io
import logging
import re
from dataclasses import dataclass

import pypdfium2
import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from handschlag.core.pdf import (
    FONT_FAMILIES,
    FONT_STACK,
    direction,
    missing_fonts,
    pdf_source,
    print_css,
    render_pdf,
    write_pdf,
)

ZWNJ = "\u200c"
ARABIC = "دورة اللغة الألمانية للمبتدئين في سونبرغ"
ARABIC_MORE = "الاستشارة مجانية وسرية، ولا تحتاج إلى موعد"
FARSI = f"کلاس زبان آلمانی برای تازه{ZWNJ}واردان در پوتسدام"
FARSI_NUMBERS = "مشاوره رایگان: ۱۴ نفر، ساعت ۱۰"
UKRAINIAN = "Курс німецької мови для початківців у Зоннеберзі"
RUSSIAN = "Бесплатная консультация для новоприбывших"
TURKISH = "Ücretsiz Almanca kursu: Şubat'ta başlıyor, kayıt gerekli değil"
GERMAN = "Deutschkurs für Anfängerinnen und Anfänger, Anmeldung nicht nötig – größer"
ENGLISH = "German course for beginners, free of charge"
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
TEXTS = {
    "ar": [ARABIC, ARABIC_MORE],
    "fa": [FARSI, FARSI_NUMBERS],
    "uk": [UKRAINIAN],
    "ru": [RUSSIAN],
    "tr": [TURKISH],
    "de": [GERMAN],
    "en": [ENGLISH],
}


def body(language: str) -> str:
    """The language's lines, then a line in each other language, marked with its own lang and
    dir (as a page that quotes another language does)."""
    own = "".join(f"<p>{line}</p>" for line in TEXTS[language])
    others = "".join(
        f'<p lang="{code}" dir="{direction(code)}">{lines[0]}</p>'
        for code, lines in TEXTS.items()
        if code != language
    )
    return f"<h1>{TEXTS[language][0][:20]}</h1>{own}{others}"


@pytest.fixture(scope="module")
def pdfs() -> dict[str, bytes]:
    """One PDF per language, made once for the module."""
    assert not missing_fonts(), "run `bash scripts/ensure-fonts.sh` (Debian's fonts-noto-core)"
    return {code: render_pdf(body(code), language=code, title=TEXTS[code][0]) for code in TEXTS}


def pdfium_text(data: bytes) -> str:
    document = pypdfium2.PdfDocument(data)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def pypdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@dataclass
class EmbeddedFont:
    name: str  # "ABCDEF+Noto-Naskh-Arabic": the subset's tag and the font
    to_unicode: dict[int, str]  # glyph id → the text it stands for
    used: set[int]  # the glyph ids that the page's text shows
    program: TTFont | None  # the embedded TrueType program (FontFile2), if any


def embedded_fonts(data: bytes) -> list[EmbeddedFont]:
    """The fonts of the first page, with what the page's text draws with each (WeasyPrint
    writes `/F1 12 Tf` and `[<0012003a>-20<0041>] TJ`, two bytes per glyph)."""
    page = PdfReader(io.BytesIO(data)).pages[0]
    content = page.get_contents().get_data().decode("latin-1")
    used: dict[str, set[int]] = {}
    font = ""
    for match in re.finditer(r"/(\S+) [\d.]+ Tf|\[([^\]]*)\] TJ", content):
        if match[1]:
            font = "/" + match[1]
            continue
        for run in re.findall(r"<([0-9a-fA-F]*)>", match[2]):
            used.setdefault(font, set()).update(
                int(run[i : i + 4], 16) for i in range(0, len(run), 4)
            )
    fonts = []
    for key, reference in page["/Resources"]["/Font"].items():
        entry = reference.get_object()
        descriptor = entry["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        program = descriptor.get("/FontFile2")
        cmap = entry["/ToUnicode"].get_object().get_data().decode("latin-1")
        assert "beginbfrange" not in cmap  # WeasyPrint writes one bfchar per glyph
        to_unicode = {
            int(glyph, 16): bytes.fromhex(text).decode("utf-16-be")
            for glyph, text in re.findall(r"<([0-9a-fA-F]+)> <([0-9a-fA-F]*)>", cmap)
            if len(glyph) == 4
        }
        fonts.append(
            EmbeddedFont(
                name=str(entry["/BaseFont"]).lstrip("/"),
                to_unicode=to_unicode,
                used=used.get(key, set()),
                program=TTFont(io.BytesIO(program.get_object().get_data())) if program else None,
            )
        )
    return fonts


def test_the_fonts_that_the_stylesheet_names_are_installed():
    assert missing_fonts() == [], "run `bash scripts/ensure-fonts.sh` (Debian's fonts-noto-core)"
    assert missing_fonts(["Keine Schrift dieses Namens"]) == ["Keine Schrift dieses Namens"]
    for family in FONT_FAMILIES:
        assert f'"{family}"' in FONT_STACK
    assert f"font-family: {FONT_STACK};" in print_css()


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_arabic_and_farsi_come_out_in_logical_order(pdfs, language):
    text = pdfium_text(pdfs[language])
    for line in TEXTS[language]:
        expected = line.replace(ZWNJ, "")
        assert expected in text, (expected, text)
        assert expected[::-1] not in text
    assert not PRESENTATION_FORMS.search(text)


def test_pypdf_reads_the_same_arabic_and_persian_words(pdfs):
    arabic, farsi = pypdf_text(pdfs["ar"]), pypdf_text(pdfs["fa"])
    assert ARABIC in arabic and ARABIC_MORE in arabic
    assert FARSI.replace(ZWNJ, "") in farsi
    assert "مشاوره رایگان" in farsi  # its digits: see the module's docstring
    assert not PRESENTATION_FORMS.search(arabic + farsi)


@pytest.mark.parametrize("language", ["ar", "fa", "uk", "ru", "tr", "de", "en"])
def test_every_language_reads_back_in_a_pdf_of_every_direction(pdfs, language):
    """Each PDF holds a line in each of the seven languages, each must read back as written."""
    text = pdfium_text(pdfs[language])
    for code, lines in TEXTS.items():
        assert lines[0].replace(ZWNJ, "") in text, (language, code)


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_the_arabic_letters_are_drawn_by_the_embedded_noto_naskh_arabic(pdfs, language):
    fonts = embedded_fonts(pdfs[language])
    arabic = [f for f in fonts if any("\u0600" <= c <= "\u06ff" for c in f.to_unicode.values())]
    # the text in Noto Naskh Arabic, the heading in its bold face
    assert sorted(f.name.split("+", 1)[1] for f in arabic) == [
        "Noto-Naskh-Arabic",
        "Noto-Naskh-Arabic-Bold",
    ]
    for font in arabic:
        assert font.program is not None  # embedded (a subset), not just named
        assert 0 not in font.used  # no .notdef: no box for a letter the font lacks
        assert font.used <= set(font.to_unicode)  # every glyph says which letters it is
        letters = {glyph: text for glyph, text in font.to_unicode.items() if text.strip()}
        assert not PRESENTATION_FORMS.search("".join(letters.values()))
        glyphs = font.program["glyf"]
        for glyph in font.used & set(letters):
            # an outline (simple or composite), not an empty glyph
            assert glyphs[font.program.getGlyphName(glyph)].numberOfContours != 0, letters[glyph]
    # and the Latin and Cyrillic lines are in Noto Sans
    assert any(f.name.endswith("+Noto-Sans") for f in fonts)


def test_no_letter_falls_back_to_a_missing_glyph(caplog):
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        render_pdf(body("fa"), language="fa", title="x")
    assert not [r for r in caplog.records if ".notdef" in r.getMessage()]


def test_the_document_carries_language_direction_title_and_author():
    source = pdf_source("<p>x</p>", language="fa", title='راهنما <b>"', author="Sonneberg & Co")
    assert '<html lang="fa" dir="rtl">' in source.html
    assert "<title>راهنما &lt;b&gt;&quot;</title>" in source.html
    assert '<meta name="author" content="Sonneberg &amp; Co">' in source.html
    assert '<html lang="uk" dir="ltr">' in pdf_source("", language="uk", title="x").html
    data = render_pdf("<p>x</p>", language="ar", title="دليل", author="Sonneberg")
    reader = PdfReader(io.BytesIO(data))
    assert reader.trailer["/Root"]["/Lang"] == "ar"
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]  # tagged for screen readers
    assert (reader.metadata.title, reader.metadata.author) == ("دليل", "Sonneberg")


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_pages_are_a4_and_numbered(language):
    line = TEXTS[language][0]
    data = render_pdf("".join(f"<p>{line}</p>" for _ in range(120)), language=language, title="x")
    reader = PdfReader(io.BytesIO(data))
    pages = len(reader.pages)
    assert pages >= 2
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)  # 210 × 297 mm in points
    document = pypdfium2.PdfDocument(data)
    for number, page in enumerate(document, start=1):
        footer = page.get_textpage().get_text_range().splitlines()[-1]
        # "1 / 3"; on a right-to-left page it reads from the right, so it stands as "3 / 1"
        assert footer == (f"{number} / {pages}" if language == "de" else f"{pages} / {number}")
    document.close()


def test_the_callers_css_comes_after_the_shared_one_and_wins():
    source = pdf_source("<p>x</p>", language="de", title="x", css="@page { size: A5; }")
    assert source.stylesheets == (print_css(), "@page { size: A5; }")
    assert "<style" not in source.html  # the styles go to WeasyPrint beside the document
    page = PdfReader(io.BytesIO(write_pdf(source))).pages[0]
    assert round(float(page.mediabox.width)) == 420  # A5: 148 mm
    assert (
        source.key()
        == pdf_source("<p>x</p>", language="de", title="x", css="@page { size: A5; }").key()
    )
    assert source.key() != pdf_source("<p>y</p>", language="de", title="x").key()


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ar", "rtl"), ("fa", "rtl"), ("prs", "rtl"), ("ps", "rtl"), ("ckb", "rtl"),
     ("ar-dz", "rtl"), ("de", "ltr"), ("uk", "ltr"), ("tr", "ltr"), ("ru", "ltr"),
     ("en", "ltr")],
)  # fmt: skip
def test_direction(language, expected):
    assert direction(language) == expected


PNG = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def test_nothing_but_data_urls_is_fetched(caplog, tmp_path):
    secret = tmp_path / "geheim.png"  # an image, so it would be drawn if it were read
    secret.write_bytes(base64.b64decode(PNG.split(",", 1)[1]))
    body = (
        f'<img src="file://{secret}" alt="a"><img src="http://127.0.0.1:9/b.png" alt="b">'
        f'<link rel="attachment" href="file://{secret}"><a rel="attachment" '
        f'href="file://{secret}">c</a><p style="background: url(file://{secret})">d</p>'
    )
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        data = render_pdf(body, language="de", title="x")
    assert b"/EmbeddedFile" not in data
    assert not PdfReader(io.BytesIO(data)).pages[0]["/Resources"].get("/XObject")
    assert any("disallowed protocol" in record.getMessage() for record in caplog.records)
    inline = render_pdf(f'<img src="{PNG}" alt="ein Punkt">', language="de", title="x")
    assert PdfReader(io.BytesIO(inline)).pages[0]["/Resources"].get("/XObject")
