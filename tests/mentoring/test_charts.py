"""The SVG charts: bars in proportion, labels escaped, named for screen readers, mirrored for
right-to-left pages; no numbers give a sentence, not empty axes."""

import re

from django.template.loader import render_to_string
from django.utils import translation

from handschlag.mentoring.charts import WIDTH, Bar, Chart, nice_step, number


def chart(bars, kind="columns", **extra) -> Chart:
    return Chart(
        key="chart-test",
        kind=kind,
        title="Begonnene Tandems",
        description="Säulen je Jahr.",
        bars=bars,
        label_heading="Jahr",
        value_heading="Tandems",
        empty_text="Noch hat kein Tandem begonnen.",
        **extra,
    )


def rects(svg: str) -> list[dict[str, float]]:
    found = re.findall(
        r'<rect class="chart-bar" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"', svg
    )
    return [dict(zip(("x", "y", "width", "height"), map(float, r), strict=True)) for r in found]


def test_column_heights_are_proportional_to_the_values():
    svg = chart([Bar("2024", 10, "10"), Bar("2025", 20, "20"), Bar("2026", 5, "5")], rtl=False).svg
    heights = [r["height"] for r in rects(svg)]
    assert heights[1] == 2 * heights[0] == 4 * heights[2] > 0
    # all stand on the same base line
    assert len({round(r["y"] + r["height"], 1) for r in rects(svg)}) == 1


def test_horizontal_bar_lengths_are_proportional_and_a_share_scale_ends_at_100():
    bars = [Bar("Mentor:innen", 90, "90 %"), Bar("Mentees", 45, "45 %")]
    svg = chart(bars, kind="bars", scale_max=100, rtl=False).svg
    widths = [r["width"] for r in rects(svg)]
    assert widths[0] == 2 * widths[1]
    assert widths[0] < WIDTH * 0.9 * 0.75  # 90 % of the plot, not all of it


def test_labels_and_titles_are_escaped():
    svg = chart([Bar("<script>alert(1)</script>", 3, "3")], rtl=False).svg
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_the_drawing_is_a_named_image():
    svg = chart([Bar("2025", 3, "3")], rtl=False).svg
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert 'aria-labelledby="chart-test-title chart-test-desc"' in svg
    assert '<title id="chart-test-title">Begonnene Tandems</title>' in svg
    assert '<desc id="chart-test-desc">Säulen je Jahr. Höchster Wert: 2025 mit 3.</desc>' in svg
    assert "style=" not in svg  # colours come from the stylesheet


def test_both_axes_are_labelled_with_round_steps():
    svg = chart([Bar("2025", 37, "37")], rtl=False).svg
    assert ">Jahr</text>" in svg and ">Tandems</text>" in svg
    assert nice_step(37) == 10 and nice_step(7) == 2 and nice_step(1200) == 500
    for tick in ("0", "10", "20", "30", "40"):
        assert f">{tick}</text>" in svg


def test_right_to_left_pages_get_a_mirrored_drawing():
    bars = [Bar("2025", 10, "10"), Bar("2026", 20, "20")]
    ltr, rtl = rects(chart(bars, rtl=False).svg), rects(chart(bars, rtl=True).svg)
    for left, right in zip(ltr, rtl, strict=True):
        assert right["x"] == round(WIDTH - left["x"] - left["width"], 1)
    assert 'direction="rtl"' in chart(bars, rtl=True).svg


def test_a_hidden_number_draws_no_bar_but_says_why():
    svg = chart(
        [Bar("Konflikt", None, "weniger als 5"), Bar("Umzug", 8, "8")], kind="bars", rtl=False
    ).svg
    assert len(rects(svg)) == 1 and "weniger als 5" in svg


def test_no_numbers_give_a_sentence_instead_of_a_chart():
    empty = chart([Bar("2025", 0, "0"), Bar("2026", 0, "0")])
    assert empty.is_empty and empty.svg == ""
    html = render_to_string("mentoring/statistics/includes/chart.html", {"chart": empty})
    assert "Noch hat kein Tandem begonnen." in html and "<svg" not in html


def test_the_table_beside_the_chart_has_a_caption_and_headers():
    full = chart([Bar("Jan", 1234, number(1234), long_label="Januar 2026")], rtl=False)
    with translation.override("de"):
        html = render_to_string("mentoring/statistics/includes/chart.html", {"chart": full})
    assert "<caption>Begonnene Tandems: die Zahlen</caption>" in html
    assert '<th scope="col">Jahr</th>' in html and '<th scope="row">Januar 2026</th>' in html
    assert "1.234" in html  # German number format


def test_numbers_follow_the_language():
    with translation.override("de"):
        assert (number(1234), number(2.5, 1)) == ("1.234", "2,5")
    with translation.override("en"):
        assert (number(1234), number(2.5, 1)) == ("1,234", "2.5")
