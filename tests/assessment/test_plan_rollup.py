"""The roll-up, computed by hand: an area's (and the plan's) progress is the mean progress of
its items that are not dropped, a done item counting 100 %; the filters choose the rows shown,
never what rolls up."""

import datetime

import pytest
from django.utils import timezone

from handschlag.assessment.models import PlanItem
from handschlag.assessment.plans_selectors import NO_OWNER, narrow, plan_page, roll_up

from .plan_helpers import make_item

S = PlanItem.State
TODAY = timezone.localdate()


def _items(*rows):
    return [PlanItem(title="x", state=state, progress=progress) for state, progress in rows]


# items (state, stored progress) → counted, done, mean progress, shown percent
TABLE = [
    ([], 0, 0, None, None),
    ([(S.PLANNED, 0)], 1, 0, 0.0, 0),
    ([(S.IN_PROGRESS, 40), (S.PLANNED, 0)], 2, 0, 20.0, 20),
    # done counts 100 even if its stored progress says otherwise
    ([(S.DONE, 70), (S.IN_PROGRESS, 50)], 2, 1, 75.0, 75),
    # dropped items do not count, whatever their progress
    ([(S.DROPPED, 90), (S.IN_PROGRESS, 30), (S.PAUSED, 10)], 2, 0, 20.0, 20),
    ([(S.DROPPED, 0)], 0, 0, None, None),
    # (100 + 25 + 0) / 3 = 41.67 → 42
    ([(S.DONE, 100), (S.IN_PROGRESS, 25), (S.PLANNED, 0), (S.DROPPED, 60)], 3, 1, 125 / 3, 42),
    ([(S.IN_PROGRESS, 25), (S.PLANNED, 0), (S.PLANNED, 0), (S.PLANNED, 0)], 4, 0, 6.25, 6),
    # 12.5 is shown as 13 (half up, not to the even 12)
    ([(S.IN_PROGRESS, 25), (S.PLANNED, 0)], 2, 0, 12.5, 13),
]


@pytest.mark.parametrize(("rows", "counted", "done", "mean", "percent"), TABLE)
def test_roll_up_by_hand(rows, counted, done, mean, percent):
    rollup = roll_up(_items(*rows))
    assert (rollup.total, rollup.counted, rollup.done) == (len(rows), counted, done)
    assert rollup.progress == (pytest.approx(mean) if mean is not None else None)
    assert rollup.percent == percent


def test_the_plan_page_rolls_up_per_area_and_for_the_whole_plan(world):
    a1, a2 = world.first_area, world.second_area
    make_item(world.plan, area=a1, state=S.DONE, progress=100)
    make_item(world.plan, area=a1, state=S.IN_PROGRESS, progress=40)
    make_item(world.plan, area=a1, state=S.DROPPED, progress=80)
    make_item(world.plan, area=a2, state=S.PAUSED, progress=10)
    make_item(world.plan, area=None, state=S.PLANNED, progress=0)
    page = plan_page(world.plan, user=world.admin, today=TODAY, coordinator=True)
    assert [(g.title, g.rollup.counted, g.rollup.done, g.rollup.percent) for g in page.groups] == [
        ("Steuerung", 2, 1, 70),  # (100 + 40) / 2
        ("Begegnung", 1, 0, 10),
        ("Ohne Handlungsfeld", 1, 0, 0),
    ]
    # (100 + 40 + 10 + 0) / 4 = 37.5 → 38
    assert (page.rollup.total, page.rollup.counted, page.rollup.percent) == (5, 4, 38)


def test_items_of_an_older_framework_version_group_by_the_area_key(world):
    """A town's new round on framework version 2: items that named the area of version 1
    are grouped under version 2's area with the same key."""
    from tests.assessment.factories import AssessmentFactory, small_framework

    old_area = world.first_area
    item = make_item(world.plan, area=old_area, progress=50, state=S.IN_PROGRESS)
    newer = small_framework(key=world.framework.key, version=2)
    AssessmentFactory(
        municipality=world.municipality, organisation=world.organisation, framework=newer
    )
    page = plan_page(world.plan, user=world.admin, today=TODAY, coordinator=True)
    first = page.groups[0]
    assert first.key == old_area.key and [r.item for r in first.rows] == [item]
    assert first.rollup.percent == 50 and len(page.groups) == 2


def test_filters_choose_the_rows_not_the_roll_up(world):
    overdue = make_item(
        world.plan, area=world.first_area, owner=world.colleague, state=S.IN_PROGRESS,
        progress=20, due_date=TODAY - datetime.timedelta(days=1),
    )  # fmt: skip
    mine = make_item(world.plan, area=world.second_area, owner=world.admin, progress=0)
    nobody = make_item(world.plan, area=world.second_area, state=S.DONE, progress=100)
    page = plan_page(world.plan, user=world.admin, today=TODAY, coordinator=True)

    def rows(shown):
        return [row.item for group in shown.groups for row in group.rows]

    assert rows(narrow(page, overdue=True)) == [overdue]
    assert rows(narrow(page, owner=world.admin.pk)) == [mine]
    assert rows(narrow(page, owner=NO_OWNER)) == [nobody]
    assert rows(narrow(page, state=S.DONE)) == [nobody]
    done = narrow(page, state=S.DONE)
    assert [g.key for g in done.groups] == [world.second_area.key]
    assert [g.rollup.percent for g in done.all_groups] == [20, 50]
    assert (done.shown, done.total, done.filtered) == (1, 3, True)
    assert page.overdue == 1
