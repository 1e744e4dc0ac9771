"""Right-to-left without a second stylesheet: every stylesheet of every app uses logical
properties (inline/block, start/end), and whatever points along the line turns round."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# Ours only: vendored libraries (static/vendor/, e.g. Leaflet) are shipped unchanged; the map's
# own mirroring for right-to-left is in handschlag/css/map.css, which is checked.
STYLESHEETS = sorted(
    path for path in ROOT.glob("handschlag/**/static/**/*.css") if "vendor" not in path.parts
)
TEMPLATES = sorted(ROOT.glob("handschlag/**/templates/**/*.html"))

PHYSICAL = re.compile(
    r"(?<![\w-])(?:margin|padding|border|inset|scroll-margin|scroll-padding)-(?:left|right)\b"
    r"|(?<![\w-])(?:left|right)\s*:"
    r"|text-align\s*:\s*(?:left|right)"
    r"|(?:float|clear)\s*:\s*(?:left|right)"
    r"|border-(?:top|bottom)-(?:left|right)-radius"
    r"|background-position[^;}]*\b(?:left|right)\b"
)
# four values whose second (right) and fourth (left) differ: margin: 0 1rem 0 0
SHORTHAND = re.compile(
    r"(?<![\w-])(?:margin|padding|inset|border-width|border-color|border-style)\s*:"
    r"\s*[^\s;}]+\s+([^\s;}]+)\s+[^\s;}]+\s+([^\s;}]+)\s*[;}]"
)
POINTING = re.compile(r"[→←⇒⇐➜➔▶◀►◄]")


def offenders(css: str) -> list[str]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found = [match.group(0) for match in PHYSICAL.finditer(css)]
    found += [m.group(0) for m in SHORTHAND.finditer(css) if m.group(1) != m.group(2)]
    return found


def test_the_checker_finds_physical_directions():
    css = (
        ".a { margin-left: 1rem; padding: 0 2rem 0 0; text-align: right; float: left; }"
        ".b { left: 0; background-position: right 1rem center; border-right: 1px solid; }"
        "/* margin-right in a comment is fine */ .c { margin: 0 1rem 0 1rem; inset-inline: 0; }"
    )
    assert offenders(css) == [
        "margin-left", "text-align: right", "float: left", "left:",
        "background-position: right", "border-right", "padding: 0 2rem 0 0;",
    ]  # fmt: skip


def test_there_are_stylesheets_to_check():
    assert len(STYLESHEETS) >= 5


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda p: p.name)
def test_stylesheet_uses_only_logical_directions(path):
    assert offenders(path.read_text(encoding="utf-8")) == [], (
        "use logical properties (margin-inline-start, inset-inline-end, text-align: start)"
    )


def test_the_site_turns_pointing_things_round_in_right_to_left_languages():
    css = (ROOT / "handschlag/core/static/handschlag/css/site.css").read_text(encoding="utf-8")
    assert re.search(r'\[dir="rtl"\] \.flip-rtl \{[^}]*transform: scaleX\(-1\)', css)


def test_arrows_in_templates_turn_round_in_right_to_left_languages():
    """« and » mirror by themselves (Unicode); →, ← and ▶ do not: they sit in .flip-rtl."""
    unflipped = []
    for path in TEMPLATES:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            text = re.sub(r'<span class="flip-rtl"[^>]*>[^<]*</span>', "", line)
            text = re.sub(r"\{#.*?#\}", "", text)
            if POINTING.search(text):
                unflipped.append(f"{path.relative_to(ROOT)}:{number}")
    assert unflipped == []
