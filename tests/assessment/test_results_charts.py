"""The results' SVG charts: named images that say their numbers, mirrored for right-to-left."""

from __future__ import annotations

import re

from handschlag.assessment.charts import Axis, Heatmap, HeatRow, Radar, heat_band, whole

AXES = [Axis("Steuerung", 45.4, 30), Axis("Begegnung", 80), Axis("Arbeit", None, 10)]


def test_a_radar_is_a_named_image_that_says_every_areas_score():
    radar = Radar("r", "Punkte je Handlungsfeld", AXES, "diese Runde", "vorige Runde: 2025")
    svg = str(radar.svg())
    assert 'role="img"' in svg and 'aria-labelledby="r-title r-desc"' in svg
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg).group(1)
    assert "Steuerung: 45" in desc and "Begegnung: 80" in desc and "Arbeit: –" in desc
    assert 'class="radar-before"' in svg and "<style>" not in svg
    assert "<style>" in str(radar.svg(print_style=True))


def test_a_radar_needs_three_areas_and_has_no_outline_without_a_previous_round():
    assert str(Radar("r", "t", AXES[:2], "jetzt").svg()) == ""
    assert "radar-before" not in str(Radar("r", "t", AXES, "jetzt").svg())


def test_right_to_left_mirrors_the_drawing():
    ltr = str(Radar("r", "t", AXES, "jetzt", rtl=False).svg())
    rtl = str(Radar("r", "t", AXES, "jetzt", rtl=True).svg())
    assert 'direction="rtl"' in rtl
    axis_end = r'<line class="chart-axis" x1="[\d.]+" y1="[\d.]+" x2="([\d.]+)"'
    # the first axis points up (x = 320 both ways); the second one's end is mirrored
    ends, mirrored = re.findall(axis_end, ltr), re.findall(axis_end, rtl)
    assert float(ends[0]) == float(mirrored[0]) == 320
    assert abs(float(ends[1]) + float(mirrored[1]) - 640) < 0.2


def test_heat_bands_and_whole_numbers():
    assert [heat_band(v) for v in (None, 0, 19.4, 19.5, 59, 60, 100)] == [
        "heat-none", "heat-0", "heat-0", "heat-1", "heat-2", "heat-3", "heat-4",
    ]  # fmt: skip
    assert (whole(45.5), whole(45.49), whole(0)) == (46, 45, 0)


def test_a_heatmap_writes_every_number_and_names_the_widest_spread():
    heatmap = Heatmap(
        "h", "Punkte je Indikator und Gruppe", ["Verwaltung", "Zivilgesellschaft"],
        [HeatRow("Steuerung", [], None, heading=True), HeatRow("Strategie", [90, 20], 70),
         HeatRow("Personal", [50, None], None)],
        "Indikator", "Abstand",
    )  # fmt: skip
    svg = str(heatmap.svg())
    assert 'class="heat-4"' in svg and 'class="heat-1"' in svg and 'class="heat-none"' in svg
    assert ">90<" in svg and ">20<" in svg and ">70<" in svg
    assert "Strategie (70 Punkte)" in svg
    one_group = Heatmap("h", "t", ["Verwaltung"], heatmap.rows, "Indikator", "Abstand")
    assert str(one_group.svg()) == ""
