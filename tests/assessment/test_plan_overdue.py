"""Overdue items: the daily task tells each owner once per item and due date, in the owner's
language; not again the next day; again after the due date changed and passed. Done and
dropped items are never overdue; an item without an owner in the organisation goes to its
admins."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from handschlag.assessment import plans
from handschlag.assessment.models import PlanItem
from handschlag.assessment.tasks import process_plans
from handschlag.notifications.models import Notification
from handschlag.notifications.registry import render_title
from handschlag.organisations.models import Membership

from .plan_helpers import make_item

S = PlanItem.State
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def _overdue_notices():
    return list(Notification.objects.filter(kind="assessment.plan_item_overdue").order_by("pk"))


def test_the_owner_is_told_once_not_again_the_next_day(world):
    item = make_item(world.plan, owner=world.colleague, due_date=TODAY - DAY, state=S.IN_PROGRESS)
    assert plans.notify_overdue_items(TODAY) == 1
    (notice,) = _overdue_notices()
    assert notice.recipient == world.colleague and notice.params["item"] == item.title
    assert notice.params["due"] == (TODAY - DAY).isoformat()
    item.refresh_from_db()
    assert item.overdue_notified_on == TODAY
    assert plans.notify_overdue_items(TODAY) == 0
    assert plans.notify_overdue_items(TODAY + DAY) == 0
    assert len(_overdue_notices()) == 1


def test_told_again_after_the_due_date_changed_and_passed(world):
    item = make_item(world.plan, owner=world.colleague, due_date=TODAY - DAY)
    plans.notify_overdue_items(TODAY)
    plans.update_item(item=item, by=world.admin, due_date=TODAY + 2 * DAY)
    assert plans.notify_overdue_items(TODAY + DAY) == 0  # not due yet
    assert plans.notify_overdue_items(TODAY + 2 * DAY) == 0  # due today: not overdue
    assert plans.notify_overdue_items(TODAY + 3 * DAY) == 1
    assert plans.notify_overdue_items(TODAY + 4 * DAY) == 0
    assert [n.params["due"] for n in _overdue_notices()] == [
        (TODAY - DAY).isoformat(), (TODAY + 2 * DAY).isoformat(),
    ]  # fmt: skip


@pytest.mark.parametrize("state", [S.DONE, S.DROPPED])
def test_done_and_dropped_items_are_not_overdue(world, state):
    make_item(world.plan, owner=world.colleague, due_date=TODAY - DAY, state=state)
    assert plans.notify_overdue_items(TODAY) == 0 and not _overdue_notices()


def test_items_without_a_due_date_or_not_yet_due_are_left_alone(world):
    make_item(world.plan, owner=world.colleague)
    make_item(world.plan, owner=world.colleague, due_date=TODAY)
    assert plans.notify_overdue_items(TODAY) == 0


def test_without_an_owner_in_the_organisation_the_admins_are_told(world):
    make_item(world.plan, due_date=TODAY - DAY, title="Ohne Verantwortliche")
    left = make_item(world.plan, owner=world.colleague, due_date=TODAY - DAY, title="Verlassen")
    Membership.objects.filter(user=world.colleague).delete()
    assert plans.notify_overdue_items(TODAY) == 2
    assert {(n.recipient, n.params["item"]) for n in _overdue_notices()} == {
        (world.admin, "Ohne Verantwortliche"), (world.admin, left.title),
    }  # fmt: skip


def test_the_notice_is_mailed_in_the_owners_language(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    world.colleague.preferred_language = "en"
    world.colleague.save()
    make_item(world.plan, owner=world.colleague, due_date=TODAY - DAY, title="Leitbild")
    with django_capture_on_commit_callbacks(execute=True):
        plans.notify_overdue_items(TODAY)
    (notice,) = _overdue_notices()
    with translation.override("de"):
        assert render_title(notice.kind, notice.params) == "„Leitbild“ ist überfällig"
    (mail,) = mailoutbox
    assert mail.to == [world.colleague.email]
    with translation.override("en"):
        title = translation.gettext("„%(item)s“ ist überfällig") % {"item": "Leitbild"}
        greeting = translation.gettext("Guten Tag %(name)s,") % {
            "name": world.colleague.get_full_name()
        }
    assert title in mail.subject and mail.body.startswith(greeting)
    assert greeting != f"Guten Tag {world.colleague.get_full_name()},"  # really English


def test_the_daily_command_and_the_task_run_the_same_work(world):
    make_item(world.plan, owner=world.colleague, due_date=TODAY - DAY)
    out = StringIO()
    call_command("process_action_plans", "--date", TODAY.isoformat(), stdout=out)
    assert out.getvalue().strip() == "overdue_told: 1"
    assert process_plans(TODAY + DAY) == {"overdue_told": 0}


def test_the_plan_page_flags_overdue_items_in_words(client, world):
    make_item(world.plan, owner=world.colleague, due_date=TODAY - DAY, title="Zu spät")
    client.force_login(world.member)
    html = client.get(world.plan.get_absolute_url()).content.decode()
    assert "überfällig" in html and "plan-item-overdue" in html
