"""The action plan's services: who may do what, what each write changes, and what a refusal
leaves unchanged."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from handschlag.assessment import plans
from handschlag.assessment.models import ActionPlan, Milestone, PlanItem
from handschlag.audit.models import AuditEntry
from handschlag.core.errors import DomainError
from handschlag.core.models import StateChange
from handschlag.measures.models import Adoption, Measure
from handschlag.notifications.models import Notification
from handschlag.organisations.models import Membership
from tests import factories as base
from tests.events.factories import EventFactory

from .plan_helpers import make_item, measure_for, snapshot

S = PlanItem.State
TODAY = timezone.localdate()


def _verbs():
    return list(AuditEntry.objects.order_by("pk").values_list("verb", flat=True))


# --- the plan ---------------------------------------------------------------------------


def test_a_coordinator_opens_the_plan_on_first_use(world):
    world.plan.delete()
    plan = plans.open_plan(
        municipality=world.municipality, organisation=world.organisation, by=world.admin
    )
    assert plan.pk and plan.organisation == world.organisation
    assert plan.title == f"Handlungsplan {world.municipality.name}"
    assert _verbs() == [plans.PLAN_CREATED]
    again = plans.open_plan(
        municipality=world.municipality, organisation=world.organisation, by=world.admin
    )
    assert again.pk == plan.pk and ActionPlan.objects.count() == 1


@pytest.mark.parametrize("role", ["colleague", "member", "other_admin", "moderator", "stranger"])
def test_nobody_else_opens_a_plan(world, role):
    world.plan.delete()
    with pytest.raises(PermissionDenied):
        plans.open_plan(
            municipality=world.municipality,
            organisation=world.organisation,
            by=getattr(world, role),
        )
    assert not ActionPlan.objects.exists()


def test_an_unverified_municipality_organisation_opens_no_plan(world):
    world.plan.delete()
    world.organisation.is_verified = False
    world.organisation.save()
    with pytest.raises(PermissionDenied):
        plans.open_plan(
            municipality=world.municipality, organisation=world.organisation, by=world.admin
        )
    assert not ActionPlan.objects.exists()


def test_an_organisation_opens_no_plan_for_another_town(world):
    world.plan.delete()
    with pytest.raises(PermissionDenied):
        plans.open_plan(
            municipality=world.other_assessment.municipality,
            organisation=world.organisation,
            by=world.admin,
        )
    assert not ActionPlan.objects.exists()


# --- items ------------------------------------------------------------------------------


def test_a_free_item_with_an_owner_who_is_told(world):
    due = TODAY + datetime.timedelta(days=30)
    item = plans.add_item(
        plan=world.plan, by=world.admin, title="  Leitbild schreiben ", area=world.first_area,
        owner=world.colleague, partners="Migrantenbeirat", due_date=due,
    )  # fmt: skip
    item.refresh_from_db()
    assert (item.title, item.area, item.owner, item.state, item.progress) == (
        "Leitbild schreiben", world.first_area, world.colleague, S.PLANNED, 0,
    )  # fmt: skip
    told = Notification.objects.get()
    assert (told.recipient, told.kind) == (world.colleague, "assessment.plan_item_assigned")
    assert told.params["due"] == due.isoformat() and told.url.endswith(f"/vorhaben/{item.pk}/")
    assert _verbs() == [plans.ITEM_ADDED]


def test_a_coordinator_who_takes_an_item_is_not_told(world):
    plans.add_item(plan=world.plan, by=world.admin, title="Selbst gemacht", owner=world.admin)
    assert not Notification.objects.exists()


def test_adding_an_item_opens_the_plan_when_there_is_none(world):
    world.plan.delete()
    draft = ActionPlan(
        municipality=world.municipality, organisation=world.organisation, title="Entwurf"
    )
    item = plans.add_item(plan=draft, by=world.admin, title="Erstes Vorhaben")
    assert item.plan.pk and _verbs() == [plans.PLAN_CREATED, plans.ITEM_ADDED]


@pytest.mark.parametrize("role", ["partner", "stranger", "other_admin", "moderator"])
def test_an_owner_outside_the_organisation_is_refused_with_a_reason(world, role):
    before = snapshot()
    with pytest.raises(DomainError) as refused:
        plans.add_item(
            plan=world.plan, by=world.admin, title="Vorhaben", owner=getattr(world, role)
        )
    assert refused.value.code == "owner"
    assert "Mitglied Ihrer Organisation" in refused.value.message
    assert snapshot() == before


@pytest.mark.parametrize("role", ["colleague", "member", "partner", "other_admin", "moderator"])
def test_only_coordinators_add_items(world, role):
    before = snapshot()
    with pytest.raises(PermissionDenied):
        plans.add_item(plan=world.plan, by=getattr(world, role), title="Vorhaben")
    assert snapshot() == before


def test_an_area_of_another_framework_is_refused(world):
    foreign = world.other_assessment.framework.areas.first()
    before = snapshot()
    with pytest.raises(DomainError) as refused:
        plans.add_item(plan=world.plan, by=world.admin, title="Vorhaben", area=foreign)
    assert refused.value.code == "area" and snapshot() == before


def test_an_empty_title_is_refused(world):
    with pytest.raises(DomainError) as refused:
        plans.add_item(plan=world.plan, by=world.admin, title="   ")
    assert refused.value.code == "title" and not PlanItem.objects.exists()


# --- adopting a measure ("Nachmachen") --------------------------------------------------


def _adopt(world, measure, **fields):
    fields.setdefault("title", "Interkulturelle Woche")
    return plans.adopt_measure(
        municipality=world.municipality, organisation=world.organisation, measure=measure,
        by=fields.pop("by", world.admin), **fields,
    )  # fmt: skip


def test_adopting_a_measure_makes_an_item_and_records_the_towns_adoption(world):
    measure = measure_for()
    indicator = world.second_area.indicators.first()
    item = _adopt(
        world, measure, area=world.second_area, owner=world.colleague, indicator=indicator
    )
    assert (item.measure, item.indicator, item.assessment) == (
        measure, indicator, world.assessment,
    )  # fmt: skip
    adoption = Adoption.objects.get()
    assert (adoption.measure, adoption.municipality, adoption.organisation) == (
        measure, world.municipality, world.organisation,
    )  # fmt: skip
    assert adoption.completed_at is None
    entry = AuditEntry.objects.get(verb=plans.MEASURE_ADOPTED)
    assert entry.details["measure"] == measure.slug and entry.details["first_time"] is True
    assert Notification.objects.get().recipient == world.colleague


def test_adopting_the_same_measure_again_keeps_one_adoption(world):
    measure = measure_for()
    _adopt(world, measure)
    _adopt(world, measure, title="Noch einmal")
    assert PlanItem.objects.filter(measure=measure).count() == 2
    assert Adoption.objects.count() == 1
    entries = AuditEntry.objects.filter(verb=plans.MEASURE_ADOPTED).order_by("pk")
    assert [entry.details["first_time"] for entry in entries] == [True, False]


def test_adopting_opens_the_plan_when_there_is_none(world):
    world.plan.delete()
    item = _adopt(world, measure_for())
    assert item.plan.municipality == world.municipality
    assert _verbs() == [plans.PLAN_CREATED, plans.MEASURE_ADOPTED]


@pytest.mark.parametrize("role", ["colleague", "member", "partner", "other_admin", "moderator"])
def test_only_the_towns_coordinators_adopt(world, role):
    measure = measure_for()
    before = snapshot()
    with pytest.raises(PermissionDenied):
        _adopt(world, measure, by=getattr(world, role))
    assert snapshot() == before


def test_a_measure_that_is_not_published_is_not_adopted(world):
    measure = measure_for(state=Measure.State.DRAFT)
    before = snapshot()
    with pytest.raises(DomainError):
        _adopt(world, measure)
    assert snapshot() == before


# --- changing an item -------------------------------------------------------------------


def test_the_coordinator_changes_everything_and_a_new_owner_is_told(world):
    item = make_item(world.plan, owner=world.colleague)
    due = TODAY + datetime.timedelta(days=9)
    plans.update_item(
        item=item, by=world.admin, title="Neu", description="Mehr", area=world.second_area,
        owner=world.member, partners="Jobcenter", due_date=due, progress=20,
    )  # fmt: skip
    item.refresh_from_db()
    assert (item.title, item.owner, item.progress, item.state, item.due_date) == (
        "Neu", world.member, 20, S.IN_PROGRESS, due,
    )  # fmt: skip
    assert Notification.objects.get().recipient == world.member
    changes = AuditEntry.objects.get(verb=plans.ITEM_CHANGED).details["changes"]
    assert changes["owner"] == [world.colleague.pk, world.member.pk]
    assert changes["area"] == ["", world.second_area.key]


def test_the_owner_enters_progress_and_description_which_starts_a_planned_item(world):
    item = make_item(world.plan, owner=world.colleague)
    plans.update_item(item=item, by=world.colleague, progress=30, description="Erste Runde")
    item.refresh_from_db()
    assert (item.progress, item.description, item.state) == (30, "Erste Runde", S.IN_PROGRESS)
    assert StateChange.objects.get().to_state == S.IN_PROGRESS


@pytest.mark.parametrize("field", ["title", "owner", "due_date", "area", "partners"])
def test_the_owner_changes_nothing_else(world, field):
    item = make_item(world.plan, owner=world.colleague)
    value = {"title": "X", "owner": world.member, "due_date": TODAY, "area": world.first_area,
             "partners": "Y"}[field]  # fmt: skip
    before = snapshot()
    with pytest.raises(PermissionDenied):
        plans.update_item(item=item, by=world.colleague, **{field: value})
    assert snapshot() == before


@pytest.mark.parametrize("role", ["member", "partner", "other_admin", "moderator", "stranger"])
def test_others_change_no_item(world, role):
    item = make_item(world.plan, owner=world.colleague)
    before = snapshot()
    with pytest.raises(PermissionDenied):
        plans.update_item(item=item, by=getattr(world, role), progress=50)
    assert snapshot() == before


def test_an_owner_who_left_the_organisation_has_no_power_over_the_item(world):
    item = make_item(world.plan, owner=world.colleague)
    Membership.objects.filter(user=world.colleague).delete()
    before = snapshot()
    with pytest.raises(PermissionDenied):
        plans.update_item(item=item, by=world.colleague, progress=50)
    assert snapshot() == before


def test_progress_is_between_0_and_100_and_frozen_when_done(world):
    item = make_item(world.plan, owner=world.colleague)
    with pytest.raises(DomainError):
        plans.update_item(item=item, by=world.colleague, progress=101)
    done = make_item(world.plan, owner=world.colleague, state=S.DONE, progress=100)
    with pytest.raises(DomainError):
        plans.update_item(item=done, by=world.colleague, progress=40)
    done.refresh_from_db()
    assert done.progress == 100


def test_nothing_changed_records_nothing(world):
    item = make_item(world.plan, owner=world.colleague, progress=10)
    plans.update_item(item=item, by=world.admin, progress=10, owner=world.colleague)
    assert not AuditEntry.objects.exists() and not Notification.objects.exists()


def test_a_new_due_date_resets_the_overdue_notice(world):
    item = make_item(
        world.plan, owner=world.colleague, due_date=TODAY - datetime.timedelta(days=3),
        overdue_notified_on=TODAY,
    )  # fmt: skip
    plans.update_item(item=item, by=world.admin, due_date=TODAY + datetime.timedelta(days=7))
    item.refresh_from_db()
    assert item.overdue_notified_on is None


# --- states -----------------------------------------------------------------------------


def test_done_sets_100_and_completes_the_adoption_reopening_clears_it(world):
    item = _adopt(world, measure_for(), owner=world.colleague)
    plans.update_item(item=item, by=world.colleague, progress=60)
    plans.move_item(item=item, by=world.colleague, to=S.DONE)
    item.refresh_from_db()
    assert (item.state, item.progress) == (S.DONE, 100)
    assert Adoption.objects.get().completed_at == TODAY
    plans.move_item(item=item, by=world.colleague, to=S.IN_PROGRESS)
    assert Adoption.objects.get().completed_at is None
    moves = AuditEntry.objects.filter(verb=plans.ITEM_MOVED).order_by("pk")
    assert [(e.details["from"], e.details["to"]) for e in moves] == [
        (S.IN_PROGRESS, S.DONE), (S.DONE, S.IN_PROGRESS),
    ]  # fmt: skip


def test_the_adoption_stays_completed_while_another_item_with_the_measure_is_done(world):
    measure = measure_for()
    first, second = _adopt(world, measure), _adopt(world, measure, title="Zweite Runde")
    plans.move_item(item=first, by=world.admin, to=S.DONE)
    plans.move_item(item=second, by=world.admin, to=S.DONE)
    plans.move_item(item=second, by=world.admin, to=S.IN_PROGRESS)
    assert Adoption.objects.get().completed_at == TODAY


def test_dropped_and_back(world):
    item = make_item(world.plan, owner=world.colleague)
    plans.move_item(item=item, by=world.colleague, to=S.DROPPED, comment="kein Geld")
    item.refresh_from_db()
    assert item.state == S.DROPPED
    assert StateChange.objects.get().comment == "kein Geld"
    plans.move_item(item=item, by=world.admin, to=S.PLANNED)
    item.refresh_from_db()
    assert item.state == S.PLANNED


def test_a_move_the_state_machine_does_not_allow_is_refused(world):
    item = make_item(world.plan, state=S.DONE, progress=100)
    before = snapshot()
    with pytest.raises(DomainError):
        plans.move_item(item=item, by=world.admin, to=S.PAUSED)
    assert snapshot() == before


@pytest.mark.parametrize("role", ["member", "partner", "other_admin", "moderator", "stranger"])
def test_others_move_no_item(world, role):
    item = make_item(world.plan, owner=world.colleague)
    before = snapshot()
    with pytest.raises(PermissionDenied):
        plans.move_item(item=item, by=getattr(world, role), to=S.DONE)
    assert snapshot() == before


def test_a_move_reads_the_stored_state(world):
    """Two pages showed "in Arbeit"; the first marks it done, the second's pause is refused."""
    item = make_item(world.plan, state=S.IN_PROGRESS)
    stale = PlanItem.objects.get(pk=item.pk)
    plans.move_item(item=item, by=world.admin, to=S.DONE)
    with pytest.raises(DomainError):
        plans.move_item(item=stale, by=world.admin, to=S.PAUSED)
    assert PlanItem.objects.get(pk=item.pk).state == S.DONE


# --- milestones -------------------------------------------------------------------------


def test_the_owner_keeps_the_milestones(world):
    item = make_item(world.plan, owner=world.colleague)
    milestone = plans.add_milestone(item=item, by=world.colleague, title="Entwurf steht")
    plans.set_milestone_done(milestone=milestone, by=world.colleague, done=True)
    assert Milestone.objects.get().done_on == TODAY
    plans.set_milestone_done(milestone=milestone, by=world.colleague, done=False)
    assert Milestone.objects.get().done_on is None
    plans.remove_milestone(milestone=milestone, by=world.admin)
    assert not Milestone.objects.exists()
    assert _verbs() == [
        plans.MILESTONE_ADDED, plans.MILESTONE_DONE, plans.MILESTONE_REOPENED,
        plans.MILESTONE_REMOVED,
    ]  # fmt: skip


@pytest.mark.parametrize("role", ["member", "partner", "other_admin", "moderator", "stranger"])
def test_others_keep_no_milestones(world, role):
    item = make_item(world.plan, owner=world.colleague)
    milestone = Milestone.objects.create(item=item, title="Entwurf")
    user = getattr(world, role)
    before = snapshot()
    for attempt in (
        lambda: plans.add_milestone(item=item, by=user, title="X"),
        lambda: plans.set_milestone_done(milestone=milestone, by=user, done=True),
        lambda: plans.remove_milestone(milestone=milestone, by=user),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    assert snapshot() == before


def test_a_dropped_item_keeps_its_milestones_as_they_are(world):
    item = make_item(world.plan, owner=world.colleague, state=S.DROPPED)
    before = snapshot()
    with pytest.raises(DomainError):
        plans.add_milestone(item=item, by=world.admin, title="X")
    assert snapshot() == before


# --- links ------------------------------------------------------------------------------


def test_links_to_the_organisations_events_and_promises_in_the_town(world):
    item = make_item(world.plan)
    event = EventFactory(organisation=world.organisation)
    promise = base.PromiseFactory(municipality=world.municipality)
    plans.set_links(item=item, by=world.admin, events=[event], promises=[promise])
    assert list(item.events.all()) == [event] and list(item.promises.all()) == [promise]
    plans.set_links(item=item, by=world.admin, events=[], promises=[promise])
    assert not item.events.exists()


def test_links_to_others_events_or_unpublished_promises_are_refused(world):
    item = make_item(world.plan)
    foreign = EventFactory()
    draft = base.PromiseFactory(municipality=world.municipality, state="draft")
    before = snapshot()
    with pytest.raises(DomainError):
        plans.set_links(item=item, by=world.admin, events=[foreign], promises=[])
    with pytest.raises(DomainError):
        plans.set_links(item=item, by=world.admin, events=[], promises=[draft])
    assert snapshot() == before


def test_the_owner_does_not_change_links(world):
    item = make_item(world.plan, owner=world.colleague)
    event = EventFactory(organisation=world.organisation)
    with pytest.raises(PermissionDenied):
        plans.set_links(item=item, by=world.colleague, events=[event], promises=[])
    assert not item.events.exists()


# --- personal data ----------------------------------------------------------------------


def test_export_lists_the_items_a_person_owns_and_erase_clears_the_owner(world):
    item = make_item(world.plan, owner=world.colleague, partners="Jobcenter")
    Milestone.objects.create(item=item, title="Entwurf")
    make_item(world.plan, owner=world.member, title="Nicht meins")
    exported = plans.export_owned_items(world.colleague)["plan_items_owned"]
    assert [entry["title"] for entry in exported] == [item.title]
    assert exported[0]["milestones"][0]["title"] == "Entwurf"
    plans.erase_owner(world.colleague)
    item.refresh_from_db()
    assert item.owner is None and PlanItem.objects.filter(owner=world.member).exists()
    assert _verbs() == [plans.OWNER_ERASED]


def test_deleting_an_account_goes_through_the_registered_erase(world):
    from handschlag.accounts.personal_data import personal_data

    handler = personal_data.get("assessment_plan")
    assert handler is not None and handler.erase is plans.erase_owner
