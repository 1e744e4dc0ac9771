"""Charts drawn on the server as SVG (mentoring's dashboards, the self-assessment's radar and
heatmap): elements placed in left-to-right coordinates and mirrored for right-to-left pages,
every value escaped, and an accessible frame (role="img" with a title and a description; the
pages put the numbers in a table beside it)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

FONT = 13  # px at the chart's own width


def number(value: float) -> str:
    """A coordinate with at most one decimal, without trailing zeros."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


class Drawing:
    """SVG elements on a canvas `width` wide, mirrored when `rtl`."""

    def __init__(self, rtl: bool, width: float) -> None:
        self.rtl = rtl
        self.width = width
        self.parts: list[str] = []

    def x(self, x: float, width: float = 0) -> float:
        return self.width - x - width if self.rtl else x

    def rect(self, x: float, y: float, width: float, height: float, css: str) -> None:
        self.parts.append(
            format_html(
                '<rect class="{}" x="{}" y="{}" width="{}" height="{}"/>',
                css,
                number(self.x(x, width)),
                number(y),
                number(width),
                number(height),
            )
        )

    def line(self, x1: float, y1: float, x2: float, y2: float, css: str) -> None:
        self.parts.append(
            format_html(
                '<line class="{}" x1="{}" y1="{}" x2="{}" y2="{}"/>',
                css,
                number(self.x(x1)),
                number(y1),
                number(self.x(x2)),
                number(y2),
            )
        )

    def polygon(self, points: Sequence[tuple[float, float]], css: str) -> None:
        coordinates = " ".join(f"{number(self.x(x))},{number(y)}" for x, y in points)
        self.parts.append(format_html('<polygon class="{}" points="{}"/>', css, coordinates))

    def circle(self, x: float, y: float, r: float, css: str) -> None:
        self.parts.append(
            format_html(
                '<circle class="{}" cx="{}" cy="{}" r="{}"/>',
                css,
                number(self.x(x)),
                number(y),
                number(r),
            )
        )

    def text(self, x: float, y: float, text: str, anchor: str, css: str = "") -> None:
        self.parts.append(
            format_html(
                '<text class="{}" x="{}" y="{}" text-anchor="{}">{}</text>',
                css or "chart-text",
                number(self.x(x)),
                number(y),
                anchor,
                text,
            )
        )

    def svg(
        self, *, kind: str, key: str, height: float, title: str, desc: str, style: str = ""
    ) -> SafeString:
        """The whole chart; `style`: CSS from our code (never user input) to carry inside,
        for print, where the page's stylesheet does not reach."""
        head = format_html(
            '<svg class="chart-svg chart-{}" viewBox="0 0 {} {}" role="img" '
            'aria-labelledby="{}-title {}-desc" direction="{}" font-size="{}">'
            '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>',
            kind,
            number(self.width),
            number(height),
            key,
            key,
            "rtl" if self.rtl else "ltr",
            FONT,
            key,
            title,
            key,
            desc,
        )
        css = f"<style>{style}</style>" if style else ""
        return mark_safe(head + css + "".join(self.parts) + "</svg>")
