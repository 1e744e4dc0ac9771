"""Charts a person can read at a glance: SVG drawn on the server, no JavaScript, no library.

A `Chart` is a title, a description and bars; `svg` draws it (columns for a time series,
horizontal bars for categories), and the template puts the same numbers beside it as a table.
The drawing is an image with a name (`role="img"`, `<title>`, `<desc>`); its colours come from
the stylesheet (classes, no inline style) with enough contrast; right-to-left pages get a
mirrored drawing (x' = width - x; text anchors keep their meaning under `direction="rtl"`).
A chart without any number says so in a sentence instead of drawing empty axes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils import formats
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from handschlag.core.svg import FONT, Drawing

WIDTH = 640
COLUMNS_HEIGHT = 280
ROW_HEIGHT = 30


@dataclass(frozen=True)
class Bar:
    """One bar: `value` None when the number is hidden (rule of five); `display` is the
    number as the page shows it ("1.234", "weniger als 5")."""

    label: str
    value: float | None
    display: str
    sublabel: str = ""  # a second line under a column (the year under January)
    long_label: str = ""  # the label in the table ("März 2026")

    @property
    def table_label(self) -> str:
        return self.long_label or self.label


@dataclass(frozen=True)
class Chart:
    key: str  # unique on the page: the ids of the drawing's title and description
    kind: str  # "columns" or "bars"
    title: str
    description: str
    bars: Sequence[Bar]
    label_heading: str  # the x axis (columns) / the categories (bars), and the table's column
    value_heading: str  # the numbers' axis and column
    empty_text: str
    scale_max: float | None = None  # a fixed top of the scale (100 for shares)
    total: Bar | None = None  # a sum row under the table
    rtl: bool | None = None  # None: the active language's direction
    notes: Sequence[str] = field(default_factory=tuple)

    @property
    def is_empty(self) -> bool:
        return all(bar.value == 0 for bar in self.bars)

    @property
    def svg(self) -> SafeString:
        if self.is_empty:
            return mark_safe("")
        rtl = get_language_bidi() if self.rtl is None else self.rtl
        drawing = Drawing(rtl, WIDTH)
        height = _columns(self, drawing) if self.kind == "columns" else _bars(self, drawing)
        return drawing.svg(
            kind=self.kind, key=self.key, height=height, title=self.title, desc=_summary(self)
        )


def number(value: float, decimals: int = 0) -> str:
    """A number in the active language's format ("1.234", "2,5")."""
    if decimals:
        return formats.number_format(round(value, decimals), decimals, force_grouping=True)
    return formats.number_format(round(value), force_grouping=True)


def nice_step(top: float, ticks: int = 4) -> float:
    """A round step (1, 2, 5 × 10^n) so that about `ticks` steps reach `top`."""
    if top <= 0:
        return 1
    raw = top / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return max(1, factor * magnitude)
    return 10 * magnitude  # pragma: no cover


def _summary(chart: Chart) -> str:
    """The description plus what a sighted reader sees first: the highest bar."""
    shown = [bar for bar in chart.bars if bar.value is not None]
    if not shown:
        return chart.description
    top = max(shown, key=lambda bar: bar.value or 0)
    highest = _("Höchster Wert: %(label)s mit %(value)s.") % {
        "label": top.table_label,
        "value": top.display,
    }
    return f"{chart.description} {highest}".strip()


def _scale(chart: Chart) -> tuple[float, float]:
    """(top of the scale, step between grid lines)."""
    if chart.scale_max:
        return chart.scale_max, chart.scale_max / 4
    largest = max((bar.value or 0 for bar in chart.bars), default=0)
    step = nice_step(largest)
    return max(step, step * math.ceil(largest / step)), step


def _columns(chart: Chart, d: Drawing) -> float:
    """Vertical bars over a time axis, a grid with numbers, both axes named."""
    left, right, top, bottom = 56, 12, 40, 56
    plot_w, plot_h = WIDTH - left - right, COLUMNS_HEIGHT - top - bottom
    scale_top, step = _scale(chart)
    base = top + plot_h
    d.text(left - 8, 16, chart.value_heading, "start", "chart-axis-title")
    tick = 0.0
    while tick <= scale_top + 1e-9:
        y = base - tick / scale_top * plot_h
        d.line(left, y, left + plot_w, y, "chart-grid")
        d.text(left - 8, y + FONT / 3, number(tick), "end", "chart-tick")
        tick += step
    slot = plot_w / max(1, len(chart.bars))
    width = min(48.0, slot * 0.65)
    for index, bar in enumerate(chart.bars):
        middle = left + slot * index + slot / 2
        if bar.value is None:
            d.text(middle, base - 6, bar.display, "middle", "chart-hidden")
        else:
            height = bar.value / scale_top * plot_h
            d.rect(middle - width / 2, base - height, width, height, "chart-bar")
            d.text(middle, base - height - 6, bar.display, "middle", "chart-value")
        d.text(middle, base + 18, bar.label, "middle", "chart-tick")
        if bar.sublabel:
            d.text(middle, base + 34, bar.sublabel, "middle", "chart-tick")
    d.line(left, base, left + plot_w, base, "chart-axis")
    d.text(left + plot_w / 2, COLUMNS_HEIGHT - 4, chart.label_heading, "middle", "chart-axis-title")
    return COLUMNS_HEIGHT


def _bars(chart: Chart, d: Drawing) -> float:
    """Horizontal bars for categories (reasons, sides): label, bar, number."""
    label_w, right, top = 200, 110, 8
    plot_w = WIDTH - label_w - right
    scale_top, _step = _scale(chart)
    for index, bar in enumerate(chart.bars):
        y = top + index * ROW_HEIGHT
        middle = y + ROW_HEIGHT / 2 + FONT / 3
        d.text(label_w - 10, middle, bar.label, "end", "chart-text")
        if bar.value is None:
            d.text(label_w + 6, middle, bar.display, "start", "chart-hidden")
            continue
        length = bar.value / scale_top * plot_w if scale_top else 0
        d.rect(label_w, y + 5, length, ROW_HEIGHT - 10, "chart-bar")
        d.text(label_w + length + 6, middle, bar.display, "start", "chart-value")
    base = top + len(chart.bars) * ROW_HEIGHT
    d.line(label_w, top, label_w, base, "chart-axis")
    d.text(label_w + plot_w / 2, base + 22, chart.value_heading, "middle", "chart-axis-title")
    return base + 30
