"""The translation workspace: counts per language and status, the list of work, the diff."""

import pytest

from handschlag.directory.editing import apply_changes
from handschlag.directory.models import Translation
from handschlag.directory.translating import translate
from handschlag.directory.translation import Status
from handschlag.directory.translations_selectors import (
    counts,
    needing_work,
    status_summary,
    word_diff,
    workspace_rows,
)

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(portal, editor):
    """Four guide sections (body only) in Ukrainian: current, outdated, machine, missing."""
    portal.welcome = ""
    portal.save()
    page = factories.GuidePageFactory(
        topic=factories.GuideTopicFactory(portal=portal, summary=""), summary=""
    )
    sections = [
        factories.GuideSectionFactory(page=page, heading="", body=f"Text {n}.") for n in range(4)
    ]
    current, outdated, machine, _missing = sections
    translate(obj=current, field="body", language="uk", text="Текст 0.", by=editor)
    translate(obj=outdated, field="body", language="uk", text="Текст 1.", by=editor)
    apply_changes(outdated, {"body": "Text 1, neu."}, by=editor)
    translate(obj=machine, field="body", language="uk", text="Текст 2.", by=None,
              origin=Translation.Origin.MACHINE)  # fmt: skip
    offer = factories.OfferFactory(portal=portal)
    return page, sections, offer


def test_counts_have_every_status(world, portal):
    rows = workspace_rows(portal, ["uk"])
    guide = [row for row in rows if row.kind == "guide"]
    statuses = sorted(row.status for row in guide)
    assert statuses.count(Status.CURRENT) == 1
    assert statuses.count(Status.OUTDATED) == 1
    assert statuses.count(Status.MACHINE) == 1
    # the fourth section, the topic title and the page title are missing
    assert statuses.count(Status.MISSING) == 3
    total = counts(rows)["uk"]
    assert total["current"] == 1 and total["outdated"] == 1 and total["machine"] == 1
    assert total["missing"] == len(rows) - 3


def test_work_filtered_by_status_and_kind(world, portal):
    rows = workspace_rows(portal, ["uk", "ar"])
    outdated = needing_work(rows, status="outdated")
    assert [(row.language, row.obj) for row in outdated] == [("uk", world[1][1])]
    assert all(row.kind == "offer" for row in needing_work(rows, kind="offer"))
    assert needing_work(rows, kind="offer")
    assert not any(row.status == Status.CURRENT for row in needing_work(rows))


def test_counts_take_constant_queries(portal, editor, django_assert_max_num_queries):
    def world_of(n):
        for _ in range(n):
            page = factories.GuidePageFactory(topic=factories.GuideTopicFactory(portal=portal))
            section = factories.GuideSectionFactory(page=page)
            translate(obj=section, field="body", language="uk", text="x", by=editor)
            factories.OfferFactory(portal=portal)

    world_of(1)
    with django_assert_max_num_queries(12) as one:
        counts(workspace_rows(portal))
    world_of(15)
    with django_assert_max_num_queries(len(one.captured_queries)):
        counts(workspace_rows(portal))


def test_word_diff_marks_words_and_escapes():
    html = word_diff("Bringen Sie den Pass mit.", "Bringen Sie den <b>Ausweis</b> mit.")
    assert "<del>" in html and "Pass" in html
    assert "<ins>" in html and "&lt;b&gt;Ausweis&lt;/b&gt;" in html
    assert "<b>" not in html
    assert word_diff("gleich", "gleich") == "gleich"


def test_status_summary_is_worst_per_language(world, editor):
    page, sections, _offer = world
    summary = status_summary([page, *sections])
    assert summary["uk"] == Status.MISSING
    assert summary["ar"] == Status.MISSING
    one = status_summary([sections[0]])
    assert one["uk"] == Status.CURRENT
    assert status_summary([sections[2]])["uk"] == Status.MACHINE
