"""The results' charts, drawn on the server as SVG (no JavaScript, no library), in the style of
handschlag/mentoring/charts.py: each drawing is an image with a name (`role="img"`, `<title>`,
`<desc>` that says the numbers), its colours come from the stylesheet (classes, no inline
style), right-to-left pages get a mirrored drawing (x' = width - x; text anchors keep their
meaning under `direction="rtl"`), and the page puts the same numbers beside it as a table.

- `Radar`: the areas' scores on one axis each (0 at the centre, 100 at the rim), the previous
  round as a dashed outline when there is one. Needs three areas or more.
- `Heatmap`: indicator × respondent group, each cell the group's own score in one of five
  colour bands (the number is written in the cell, so colour is never the only carrier), and
  the spread between the groups.

The PDF report embeds the same SVG; WeasyPrint does not apply the page's stylesheet to inline
SVG, so `svg(print_style=True)` carries its colours inside the drawing.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from handschlag.core.svg import FONT, Drawing

WIDTH = 640
LINE = 16
BANDS = (20, 40, 60, 80)  # heat bands: 0–19, 20–39, 40–59, 60–79, 80–100

PRINT_CSS = (
    ".chart-text,.chart-tick,.chart-value{fill:#1d2733}.chart-value{font-weight:700}"
    ".chart-grid{stroke:#d3dae1;stroke-width:1;fill:none}.chart-axis{stroke:#7b8794;stroke-width:1}"
    ".chart-axis-title{fill:#4a5968;font-weight:600}.chart-hidden{fill:#4a5968;font-style:italic}"
    ".radar-now{fill:#1f5f8b;fill-opacity:.18;stroke:#1f5f8b;stroke-width:2.5}"
    ".radar-before{fill:none;stroke:#8a4b00;stroke-width:2;stroke-dasharray:6 4}"
    ".radar-dot{fill:#1f5f8b}.radar-dot-before{fill:#8a4b00}"
    ".heat-0{fill:#f6d5d1}.heat-1{fill:#fbe3c8}.heat-2{fill:#fdf1c4}.heat-3{fill:#dcefd6}"
    ".heat-4{fill:#bfe3c8}.heat-none{fill:#ffffff;stroke:#d3dae1}"
)


def whole(value: float) -> int:
    """A score as a whole number, halves rounded up (45.5 → 46)."""
    return math.floor(value + 0.5)


def score_text(value: float | None) -> str:
    return "–" if value is None else str(whole(value))


def heat_band(value: float | None) -> str:
    if value is None:
        return "heat-none"
    return f"heat-{sum(1 for edge in BANDS if whole(value) >= edge)}"


def _lines(text: str, width: int, most: int = 3) -> list[str]:
    """`text` in lines of about `width` characters; a word longer than a line is broken with a
    hyphen; more than `most` lines end in "…"."""
    words: list[str] = []
    for word in text.split():
        while len(word) > width:
            words.append(word[: width - 1] + "-")
            word = word[width - 1 :]
        words.append(word)
    lines: list[str] = []
    for word in words:
        if lines and not lines[-1].endswith("-") and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > most:
        lines = [*lines[: most - 1], lines[most - 1].rstrip("-") + " …"]
    return lines or [""]


# --- radar -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Axis:
    label: str
    value: float | None
    previous: float | None = None


@dataclass(frozen=True)
class Radar:
    key: str
    title: str
    axes: Sequence[Axis]
    now_label: str
    previous_label: str = ""  # "" when there is no previous round
    rtl: bool | None = None

    HEIGHT = 490
    RADIUS = 150

    @property
    def is_drawable(self) -> bool:
        return len(self.axes) >= 3

    @property
    def description(self) -> str:
        parts = [
            _("%(label)s: %(value)s") % {"label": axis.label, "value": score_text(axis.value)}
            for axis in self.axes
        ]
        text = _("Punkte je Handlungsfeld von 0 bis 100. %(values)s.") % {
            "values": "; ".join(parts)
        }
        if self.previous_label:
            text += " " + _("Gestrichelt: %(label)s.") % {"label": self.previous_label}
        return text

    def svg(self, *, print_style: bool = False) -> SafeString:
        if not self.is_drawable:
            return mark_safe("")
        rtl = get_language_bidi() if self.rtl is None else self.rtl
        d = Drawing(rtl, WIDTH)
        cx, cy, radius = WIDTH / 2, 230.0, float(self.RADIUS)
        count = len(self.axes)

        def point(index: int, value: float) -> tuple[float, float]:
            angle = -math.pi / 2 + 2 * math.pi * index / count
            r = radius * max(0.0, min(100.0, value)) / 100
            return cx + r * math.cos(angle), cy + r * math.sin(angle)

        for ring in (25, 50, 75, 100):
            d.polygon([point(i, ring) for i in range(count)], "chart-grid")
            x, y = point(0, ring)
            d.text(x + 4, y + 4, str(ring), "start", "chart-tick")
        for index, axis in enumerate(self.axes):
            x, y = point(index, 100)
            d.line(cx, cy, x, y, "chart-axis")
            self._label(d, index, axis, point)
        if self.previous_label and any(a.previous is not None for a in self.axes):
            before = [point(i, a.previous or 0) for i, a in enumerate(self.axes)]
            d.polygon(before, "radar-before")
            for x, y in before:
                d.circle(x, y, 2.5, "radar-dot-before")
        now = [point(i, a.value or 0) for i, a in enumerate(self.axes)]
        d.polygon(now, "radar-now")
        for x, y in now:
            d.circle(x, y, 3.5, "radar-dot")
        self._legend(d)
        return mark_safe(
            d.svg(
                key=self.key,
                kind="radar",
                height=self.HEIGHT,
                title=self.title,
                desc=self.description,
                style=PRINT_CSS if print_style else "",
            )
        )

    def _label(self, d: Drawing, index: int, axis: Axis, point) -> None:  # type: ignore[no-untyped-def]
        x, y = point(index, 112)
        angle = -math.pi / 2 + 2 * math.pi * index / len(self.axes)
        cos, sin = math.cos(angle), math.sin(angle)
        anchor = "start" if cos > 0.25 else "end" if cos < -0.25 else "middle"
        lines = _lines(axis.label, 22)
        block = (len(lines) + 1) * LINE
        top = (
            y - block + LINE / 2
            if sin < -0.25
            else y + LINE
            if sin > 0.25
            else y - block / 2 + LINE
        )
        for number, text in enumerate(lines):
            d.text(x, top + number * LINE, text, anchor)
        d.text(x, top + len(lines) * LINE, score_text(axis.value), anchor, "chart-value")

    def _legend(self, d: Drawing) -> None:
        y = self.HEIGHT - (34 if self.previous_label else 14)
        d.line(24, y - 4, 52, y - 4, "radar-now")
        d.text(60, y, self.now_label, "start")
        if self.previous_label:
            d.line(24, y + 16, 52, y + 16, "radar-before")
            d.text(60, y + 20, self.previous_label, "start")


# --- heatmap ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class HeatRow:
    label: str
    cells: Sequence[float | None]
    spread: float | None
    heading: bool = False  # an area's title above its indicators

    @property
    def spread_text(self) -> str:
        return score_text(self.spread)


@dataclass(frozen=True)
class Heatmap:
    key: str
    title: str
    columns: Sequence[str]  # the groups
    rows: Sequence[HeatRow]
    label_heading: str
    spread_heading: str
    rtl: bool | None = None

    @property
    def is_drawable(self) -> bool:
        return len(self.columns) >= 2 and any(not r.heading for r in self.rows)

    @property
    def description(self) -> str:
        widest = max(
            (r for r in self.rows if not r.heading and r.spread is not None),
            key=lambda r: r.spread or 0,
            default=None,
        )
        text = _(
            "Punkte je Indikator (Zeilen) und Gruppe (Spalten), von 0 bis 100; leere Felder: "
            "die Gruppe hat dazu nichts beantwortet."
        )
        if widest is not None:
            text += " " + _("Am weitesten auseinander: %(label)s (%(spread)s Punkte).") % {
                "label": widest.label,
                "spread": widest.spread_text,
            }
        return text

    def svg(self, *, print_style: bool = False) -> SafeString:
        if not self.is_drawable:
            return mark_safe("")
        rtl = get_language_bidi() if self.rtl is None else self.rtl
        d = Drawing(rtl, WIDTH)
        label_w, spread_w, row_h, head_h = 250.0, 80.0, 34.0, 50.0
        cell_w = min(130.0, (WIDTH - label_w - spread_w - 8) / len(self.columns))
        for index, name in enumerate(self.columns):
            lines = _lines(name, max(8, int(cell_w / 8)), 2)
            middle = label_w + cell_w * index + cell_w / 2
            for number, text in enumerate(lines):
                d.text(
                    middle,
                    head_h - 10 - (len(lines) - 1 - number) * LINE,
                    text,
                    "middle",
                    "chart-axis-title",
                )
        spread_x = label_w + cell_w * len(self.columns) + 8
        d.text(
            spread_x + spread_w / 2, head_h - 10, self.spread_heading, "middle", "chart-axis-title"
        )
        y = head_h
        for row in self.rows:
            if row.heading:
                d.text(
                    4,
                    y + 22,
                    textwrap.shorten(row.label, 70, placeholder=" …"),
                    "start",
                    "chart-value",
                )
                y += row_h
                continue
            lines = _lines(row.label, 34, 2)
            for number, text in enumerate(lines):
                offset = (number - (len(lines) - 1) / 2) * (LINE - 2)
                d.text(label_w - 10, y + row_h / 2 + FONT / 3 + offset, text, "end")
            for index, value in enumerate(row.cells):
                x = label_w + cell_w * index
                d.rect(x + 1, y + 1, cell_w - 2, row_h - 2, heat_band(value))
                css = "chart-value" if value is not None else "chart-hidden"
                d.text(x + cell_w / 2, y + row_h / 2 + FONT / 3, score_text(value), "middle", css)
            d.text(
                spread_x + spread_w / 2,
                y + row_h / 2 + FONT / 3,
                row.spread_text,
                "middle",
                "chart-value" if row.spread is not None else "chart-hidden",
            )
            y += row_h
        y += 14
        for index, (label, css) in enumerate(self.legend()):
            x = 4 + index * 124
            d.rect(x, y, 18, 14, css)
            d.text(x + 24, y + 12, label, "start", "chart-tick")
        return mark_safe(
            d.svg(
                key=self.key,
                kind="heatmap",
                height=y + 28,
                title=self.title,
                desc=self.description,
                style=PRINT_CSS if print_style else "",
            )
        )

    @staticmethod
    def legend() -> list[tuple[str, str]]:
        edges = (0, *BANDS, 101)
        return [(f"{edges[i]}–{edges[i + 1] - 1}", f"heat-{i}") for i in range(len(edges) - 1)]
