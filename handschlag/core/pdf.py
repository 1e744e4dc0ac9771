"""One way to make a PDF: a body of HTML in the shared document (core/pdf/document.html),
styled by the shared print stylesheet (core/pdf/print.css), rendered by WeasyPrint.

    body = render_to_string("directory/guide_pdf.html", context)  # in the reader's language
    data = render_pdf(body, language="fa", title=guide_title, css=own_css)

(`pdf_source` and `write_pdf` are its two halves, for a caller that stores PDFs and hashes
what they are made of.) The document carries `lang` and `dir` (from the language: ar, fa, …
are right to left), the title and author; the stylesheet sets A4, margins, page numbers
("3 / 7", bottom centre) and one font stack for every language the platform speaks. Pango
and HarfBuzz shape Arabic and Farsi and order them right to left; the fonts are Debian's,
installed by the project's set-up (scripts/ensure-fonts.sh, run by `make run`, `make serve`
and the test targets):

- "Noto Sans" (fonts-noto-core): Latin, Cyrillic, Greek, so German, English, Turkish,
  Ukrainian and Russian.
- "Noto Naskh Arabic" (fonts-noto-core): Arabic, Persian (Farsi, Dari), Pashto, Urdu, Kurdish
  in Arabic script. Chosen over Noto Sans Arabic (also installed) because it draws lam-alef
  as two glyphs, one letter each: text copied from the PDF in Chromium's viewer (PDFium) comes
  out in logical order, where Noto Sans Arabic's one lam-alef glyph for two letters comes out
  reversed ("الألمانية" as "األلمانية"; tests/core/test_pdf.py).
- "DejaVu Sans" (fonts-dejavu-core, on every Debian machine): what is left, and a fallback
  that still has Arabic letters where the Noto fonts are missing (then `missing_fonts()` and
  the system check handschlag.W003 say so).

WeasyPrint fetches nothing here: the body is ours or our users', so an <img src="file:///…">
or a link to an internal address must not become part of a PDF. Only `data:` URLs are read;
a caller that wants an image in a PDF checks who may see it and inlines it.

The PDF is tagged (structure tree with headings, lists, tables and the language), so screen
readers read it in order.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

# The families the print stylesheet names, in this order; the set-up installs them.
FONT_FAMILIES: tuple[str, ...] = ("Noto Sans", "Noto Naskh Arabic")
FONT_PACKAGE = "fonts-noto-core"
FONT_STACK = ", ".join(f'"{family}"' for family in FONT_FAMILIES) + ', "DejaVu Sans", sans-serif'
# Right-to-left languages that Django's LANGUAGES_BIDI does not name.
_MORE_RIGHT_TO_LEFT = frozenset({"prs", "ps"})


def direction(language: str) -> str:
    """'rtl' for a right-to-left language (ar, fa, prs, ps, ckb, ur, he …), else 'ltr'."""
    base = language.lower().split("-")[0]
    bidi = {code.split("-")[0] for code in settings.LANGUAGES_BIDI}
    return "rtl" if base in bidi or base in _MORE_RIGHT_TO_LEFT else "ltr"


def css_string(text: str) -> str:
    """`text` for inside a CSS string "…" (e.g. a running header in `content:`), on one line."""
    return " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")


@dataclass(frozen=True)
class PdfSource:
    """What a PDF is made of: the HTML document and its stylesheets, the shared one first."""

    html: str
    stylesheets: tuple[str, ...]

    def key(self) -> bytes:
        """All of it as bytes, for a caller that hashes it to know when a stored PDF is stale."""
        return "\n".join((self.html, *self.stylesheets)).encode()


def pdf_source(
    body: str, *, language: str, title: str, css: str = "", author: str = ""
) -> PdfSource:
    """`body` in the shared document (core/pdf/document.html), with the shared print
    stylesheet and then `css`, which may override anything in it. `body` is HTML, escaped by
    whoever made it (a template)."""
    html = render_to_string(
        "core/pdf/document.html",
        {
            "language": language,
            "direction": direction(language),
            "title": title,
            "author": author,
            "body": mark_safe(body),  # made and escaped by the caller
        },
    )
    return PdfSource(html, (print_css(), css) if css else (print_css(),))


def write_pdf(source: PdfSource) -> bytes:
    """The PDF of `source` (from `pdf_source`)."""
    from weasyprint import CSS, HTML  # imported here: it loads Pango once, when a PDF is made
    from weasyprint.urls import URLFetcher

    # any other URL is refused: WeasyPrint leaves the resource out and logs a warning
    data_only = URLFetcher(allowed_protocols=("data",), allow_redirects=False)
    stylesheets = [CSS(string=css, url_fetcher=data_only) for css in source.stylesheets]
    document = HTML(string=source.html, url_fetcher=data_only)
    return bytes(document.write_pdf(stylesheets=stylesheets, pdf_tags=True) or b"")


def render_pdf(body: str, *, language: str, title: str, css: str = "", author: str = "") -> bytes:
    """`body` (HTML) as an A4 PDF in `language`: its direction, the fonts for its script, page
    numbers; `css` is the caller's own print style on top of the shared one."""
    return write_pdf(pdf_source(body, language=language, title=title, css=css, author=author))


def print_css() -> str:
    """The shared print stylesheet, with the font stack."""
    return render_to_string("core/pdf/print.css", {"font_stack": mark_safe(FONT_STACK)})


def missing_fonts(families: Sequence[str] = FONT_FAMILIES) -> list[str]:
    """The families of the print stylesheet that fontconfig (which WeasyPrint uses) does not
    know on this machine; all of them when fontconfig's `fc-list` is not there."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return list(families)
    missing = []
    for family in families:
        found = subprocess.run(  # noqa: S603  (fixed program, our own family names)
            [fc_list, f":family={family}", "family"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        ).stdout
        if not found.strip():
            missing.append(family)
    return missing
