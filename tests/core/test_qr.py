"""QR codes as inline SVG (handschlag/core/qr.py): one well-formed <svg> element that scales
with its container, with an accessible title, the same for the same URL, and readable by a
scanner once printed (rendered into a PDF, rasterised by PDFium, decoded by zxing-cpp)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pypdfium2
import pytest
import zxingcpp
from django.template import Context, Template

from handschlag.core.pdf import render_pdf
from handschlag.core.qr import qr_svg

SVG = "{http://www.w3.org/2000/svg}"
URL = "https://handschlag.example/kurz/k3x9"
# what a portal's short link with a query may look like, with characters XML must escape
AWKWARD = "https://handschlag.example/sonneberg/angebote/?sprache=ar&thema=sprache<kurs>"


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)  # noqa: S314  (our own SVG)


def decoded(svg: str, *, width_mm: float, language: str = "de") -> list[str]:
    """The texts a scanner reads from `svg` printed `width_mm` wide on an A4 page."""
    data = render_pdf(
        f'<div class="qr">{svg}</div>',
        language=language,
        title="QR",
        css=f".qr {{ inline-size: {width_mm}mm; }}",
    )
    document = pypdfium2.PdfDocument(data)
    try:
        image = document[0].render(scale=150 / 72).to_pil()  # 150 dpi, as a cheap printer
    finally:
        document.close()
    return [code.text for code in zxingcpp.read_barcodes(image)]


def test_is_one_svg_element_without_xml_declaration_that_scales():
    svg = qr_svg(URL)
    assert svg.startswith("<svg ") and svg.endswith("</svg>") and "<?xml" not in svg
    root = parse(svg)  # well-formed XML
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox", "").startswith("0 0 ")
    assert root.get("width") is None and root.get("height") is None  # the container decides
    assert root.get("role") == "img"
    title = root[0]
    assert title.tag == f"{SVG}title" and title.text == f"QR-Code: {URL}"
    paints = {(path.get("fill"), path.get("stroke")) for path in root.iter(f"{SVG}path")}
    assert paints == {("#fff", None), (None, "#000")}  # a white ground, black modules


def test_the_same_url_gives_the_same_svg():
    assert qr_svg(URL) == qr_svg(URL)
    assert qr_svg(URL) != qr_svg(URL + "x")


def test_the_title_is_escaped_and_can_be_given():
    root = parse(qr_svg(AWKWARD))
    assert root[0].text == f"QR-Code: {AWKWARD}"
    own = parse(qr_svg(URL, title='Zum Wegweiser <"Erste Schritte">'))
    assert own[0].text == 'Zum Wegweiser <"Erste Schritte">'


@pytest.mark.parametrize(
    ("url", "width_mm", "language"),
    [(URL, 30, "de"), (AWKWARD, 45, "ar"), (URL, 23.7, "fa")],
    ids=["small", "long-url-rtl-page", "odd-size-rtl-page"],
)
def test_a_scanner_reads_the_url_from_the_printed_code(url, width_mm, language):
    assert decoded(qr_svg(url), width_mm=width_mm, language=language) == [url]


def test_the_template_tag_places_it():
    template = Template('{% load handschlag %}<div class="qr">{% qr_code url title=label %}</div>')
    html = template.render(Context({"url": AWKWARD, "label": "Angebote & Kurse"}))
    assert html.startswith('<div class="qr"><svg role="img"') and html.endswith("</svg></div>")
    root = parse(html)[0]
    assert root[0].text == "Angebote & Kurse"
    plain = Template("{% load handschlag %}{% qr_code url %}").render(Context({"url": URL}))
    assert plain == qr_svg(URL)
