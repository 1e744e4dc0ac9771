"""Checks of a rendered page's structure: one <h1>, headings in order, every field labelled."""

from html.parser import HTMLParser


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.levels: list[int] = []
        self.label_targets: set[str] = set()
        self.fields: list[tuple[str, str]] = []  # (id, name) of visible form controls

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self.levels.append(int(tag[1]))
        elif tag == "label" and values.get("for"):
            self.label_targets.add(values["for"])
        elif tag in ("input", "select", "textarea") and values.get("type") not in (
            "hidden",
            "submit",
        ):
            self.fields.append((values.get("id", ""), values.get("name", "")))


def assert_well_formed_page(html: str) -> None:
    page = _Collector()
    page.feed(html)
    assert page.levels.count(1) == 1, f"expected exactly one h1, got {page.levels}"
    for previous, current in zip(page.levels, page.levels[1:], strict=False):
        assert current <= previous + 1, f"heading skips a level: {page.levels}"
    for field_id, name in page.fields:
        assert field_id in page.label_targets, f"field {name!r} has no label"
