"""QR codes as inline SVG (segno), for a page or a PDF to print and hang up in a shelter.

`qr_svg(url)` is one <svg> element without XML declaration, so it goes straight into HTML
(`{% qr_code url %}` in a template, from the `handschlag` tag library) and into a PDF made by
core/pdf.py. It has a viewBox and no width or height, so it takes the width of its container
(give the container a size); dark modules on a white ground with the quiet zone of four modules
that scanners need; `role="img"` with a <title> that names what the code opens. The same URL
always gives the same SVG.
"""

from __future__ import annotations

import io

import segno
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

DARK, LIGHT = "#000", "#fff"
QUIET_ZONE = 4  # modules; ISO/IEC 18004 asks for four
# "M" restores 15 % of a damaged code; segno raises it where the code's size stays the same
ERROR_LEVEL = "m"


def qr_svg(url: str, *, title: str = "") -> SafeString:
    """`url` as a QR code: an inline <svg> that scales to its container. `title` is what
    assistive technology reads (default: "QR-Code: <url>")."""
    code = segno.make(url, error=ERROR_LEVEL, micro=False)
    out = io.BytesIO()
    code.save(
        out,
        kind="svg",
        xmldecl=False,
        nl=False,
        scale=1,
        border=QUIET_ZONE,
        dark=DARK,
        light=LIGHT,
        omitsize=True,  # viewBox only: the container decides the size
        svgns=True,  # valid inline in HTML, and as a file of its own
        svgclass="qr-code",
        lineclass=None,
        title=title or _("QR-Code: %(url)s") % {"url": url},
    )
    svg = out.getvalue().decode()
    # segno escapes the title; the attributes added here are constant
    svg = svg.replace("<svg ", '<svg role="img" shape-rendering="crispEdges" ', 1)
    return mark_safe(svg)
