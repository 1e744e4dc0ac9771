"""The action plan: every write on a town's plan, its items and their milestones.

Who may do what (rules.py): the coordinators — admins of the town's verified municipality
organisation — open the plan, add items (free ones, or measures from the library: "Nachmachen",
which also records the town's `measures.Adoption`), change everything about an item and link
it to events and promises. An item's owner — a current member of that organisation — moves
its state, enters its progress and description and keeps its milestones.

States: planned → in progress ⇄ paused → done | dropped (PlanItem.TRANSITIONS, each move
recorded by `StatefulModel.move_to`). Done sets the progress to 100 % and marks the town's
adoption of the item's measure as completed; reopening clears that again. Overdue items
(past their due date, neither done nor dropped) are told to their owner once per due date
(`notify_overdue_items`, run daily by `manage.py process_action_plans`). Dropping (or
deleting) the last item of a measure ends the town's adoption of it (`sync_adoption`).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from handschlag.audit.services import record
from handschlag.core.errors import DomainError
from handschlag.core.localized import pick
from handschlag.measures.models import Adoption, Measure
from handschlag.notifications.recipients import admins_of
from handschlag.notifications.services import notify
from handschlag.organisations.rules import is_org_member

from . import plans_messages
from . import plans_selectors as selectors
from .models import ActionPlan, Area, Indicator, Milestone, PlanItem

if TYPE_CHECKING:
    from handschlag.accounts.models import User
    from handschlag.events.models import Event
    from handschlag.organisations.models import Organisation
    from handschlag.places.models import Municipality
    from handschlag.promises.models import Promise

PLAN_CREATED = "assessment.plan_created"
ITEM_ADDED = "assessment.plan_item_added"
MEASURE_ADOPTED = "assessment.measure_adopted"
ITEM_CHANGED = "assessment.plan_item_changed"
ITEM_MOVED = "assessment.plan_item_moved"
LINKS_CHANGED = "assessment.plan_item_links_changed"
MILESTONE_ADDED = "assessment.milestone_added"
MILESTONE_DONE = "assessment.milestone_done"
MILESTONE_REOPENED = "assessment.milestone_reopened"
MILESTONE_REMOVED = "assessment.milestone_removed"
OVERDUE_TOLD = "assessment.plan_item_overdue_told"
OWNER_ERASED = "assessment.plan_item_owner_erased"

S = PlanItem.State
COORDINATOR_FIELDS = frozenset(
    {"title", "description", "area", "owner", "partners", "due_date", "progress"}
)
OWNER_FIELDS = frozenset({"progress", "description"})


def item_url(item: PlanItem) -> str:
    return reverse("assessment:plan_item", args=[item.plan.municipality.slug, item.pk])


def _require(user: Any, perm: str, obj: Any) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def _check_owner(plan: ActionPlan, owner: User | None) -> None:
    if owner is not None and not is_org_member(owner, plan.organisation):
        raise DomainError(
            _(
                "%(person)s gehört nicht zu „%(organisation)s“. Verantwortlich kann nur sein, "
                "wer Mitglied Ihrer Organisation ist."
            )
            % {"person": owner.get_full_name(), "organisation": plan.organisation.name},
            code="owner",
        )


def _check_area(plan: ActionPlan, area: Area | None) -> None:
    if area is not None and area.framework_id not in selectors.allowed_framework_ids(
        plan.municipality
    ):
        raise DomainError(
            _("Dieses Handlungsfeld gehört nicht zum Fragebogen Ihrer Kommune."), code="area"
        )


def _check_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Geben Sie dem Vorhaben einen Titel."), code="title")
    return title


def _check_progress(progress: Any) -> int:
    if not isinstance(progress, int) or not 0 <= progress <= 100:
        raise DomainError(_("Der Fortschritt liegt zwischen 0 und 100 %."), code="progress")
    return progress


def _tell_owner(item: PlanItem, by: User) -> None:
    """The new owner hears that the item is theirs now (not if they gave it to themselves)."""
    if item.owner is None or item.owner_id == by.pk:
        return
    notify(
        to=item.owner,
        kind=plans_messages.ITEM_ASSIGNED.key,
        params={
            "item": item.title,
            "town": item.plan.municipality.name,
            "due": item.due_date.isoformat() if item.due_date else "",
            "by": by.public_name,
        },
        url=item_url(item),
    )


# --- the plan and its items -------------------------------------------------------------


@transaction.atomic
def open_plan(*, municipality: Municipality, organisation: Organisation, by: User) -> ActionPlan:
    """The town's plan, created on first use by a coordinator of `organisation`."""
    plan = selectors.plan_of(municipality)
    if plan is not None:
        _require(by, "assessment.edit_plan", plan)
        return plan
    if organisation.municipality_id != municipality.pk:
        raise PermissionDenied
    plan = ActionPlan(
        municipality=municipality,
        organisation=organisation,
        title=selectors.default_title(municipality),
    )
    _require(by, "assessment.edit_plan", plan)
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError:  # someone else opened it a moment ago
        plan = ActionPlan.objects.select_related("organisation", "municipality").get(
            municipality=municipality
        )
        _require(by, "assessment.edit_plan", plan)
        return plan
    record(actor=by, verb=PLAN_CREATED, target=plan)
    return plan


def _create_item(plan: ActionPlan, by: User, **fields: Any) -> PlanItem:
    fields["title"] = _check_title(fields.get("title", ""))
    _check_owner(plan, fields.get("owner"))
    _check_area(plan, fields.get("area"))
    item = PlanItem.objects.create(plan=plan, **fields)
    item.plan = plan
    return item


@transaction.atomic
def add_item(
    *,
    plan: ActionPlan,
    by: User,
    title: str,
    description: str = "",
    area: Area | None = None,
    owner: User | None = None,
    partners: str = "",
    due_date: datetime.date | None = None,
    indicator: Indicator | None = None,
) -> PlanItem:
    """A free item (or one that answers an indicator of the town's assessment)."""
    _require(by, "assessment.edit_plan", plan)
    if plan.pk is None:
        plan = open_plan(municipality=plan.municipality, organisation=plan.organisation, by=by)
    assessment = None
    if indicator is not None:
        if indicator.area.framework_id not in selectors.allowed_framework_ids(plan.municipality):
            raise DomainError(_("Dieser Indikator gehört nicht zu Ihrer Kommune."), code="area")
        assessment = selectors.latest_assessment_on(plan.municipality, indicator.area.framework_id)
    item = _create_item(
        plan, by, title=title, description=description, area=area, owner=owner,
        partners=partners, due_date=due_date, indicator=indicator, assessment=assessment,
    )  # fmt: skip
    record(actor=by, verb=ITEM_ADDED, target=item, area=area.key if area else "")
    _tell_owner(item, by)
    return item


@transaction.atomic
def adopt_measure(
    *,
    municipality: Municipality,
    organisation: Organisation,
    measure: Measure,
    by: User,
    title: str,
    area: Area | None = None,
    owner: User | None = None,
    due_date: datetime.date | None = None,
    indicator: Indicator | None = None,
    description: str = "",
    partners: str = "",
) -> PlanItem:
    """ "Nachmachen": the measure becomes an item of the town's plan (opened if need be), and
    the library learns that the town works with it (`measures.Adoption`, once per town)."""
    _require(by, "measures.adopt", organisation)
    if measure.state != Measure.State.PUBLISHED:
        raise DomainError(_("Nur veröffentlichte Maßnahmen lassen sich übernehmen."))
    plan = open_plan(municipality=municipality, organisation=organisation, by=by)
    assessment = None
    if indicator is not None:
        if indicator.area.framework_id not in selectors.allowed_framework_ids(municipality):
            raise DomainError(_("Dieser Indikator gehört nicht zu Ihrer Kommune."), code="area")
        assessment = selectors.latest_assessment_on(municipality, indicator.area.framework_id)
    item = _create_item(
        plan, by, title=title, description=description, area=area, owner=owner,
        partners=partners, due_date=due_date, indicator=indicator, assessment=assessment,
        measure=measure,
    )  # fmt: skip
    _adoption, first = Adoption.objects.get_or_create(
        measure=measure, municipality=municipality, defaults={"organisation": plan.organisation}
    )
    record(
        actor=by, verb=MEASURE_ADOPTED, target=item, measure=measure.slug, first_time=first,
        measure_title=pick(measure.title, "de"),
    )  # fmt: skip
    _tell_owner(item, by)
    return item


def _shown(field: str, value: Any) -> Any:
    """A changed value as the audit log keeps it."""
    if field == "owner":
        return value.pk if value is not None else None
    if field == "area":
        return value.key if value is not None else ""
    return value


@transaction.atomic
def update_item(*, item: PlanItem, by: User, **changes: Any) -> PlanItem:
    """Change an item: a coordinator everything (COORDINATOR_FIELDS), its owner the progress
    and the description. Entering progress on a planned item starts it (in progress)."""
    if by.has_perm("assessment.edit_plan", item.plan):
        allowed = COORDINATOR_FIELDS
    elif by.has_perm("assessment.update_item", item):
        allowed = OWNER_FIELDS
    else:
        raise PermissionDenied
    if not set(changes) <= allowed:
        raise PermissionDenied
    changed = {
        name: value
        for name, value in changes.items()
        if _shown(name, getattr(item, name)) != _shown(name, value)
    }
    if not changed:
        return item
    if "title" in changed:
        changed["title"] = _check_title(changed["title"])
    if "progress" in changed:
        changed["progress"] = _check_progress(changed["progress"])
        if item.state in (S.DONE, S.DROPPED):
            raise DomainError(
                _("Öffnen Sie das Vorhaben wieder, um seinen Fortschritt zu ändern."),
                code="progress",
            )
    if "owner" in changed:
        _check_owner(item.plan, changed["owner"])
    if "area" in changed:
        _check_area(item.plan, changed["area"])
    before = {name: _shown(name, getattr(item, name)) for name in changed}
    fields = list(changed)
    for name, value in changed.items():
        setattr(item, name, value)
    if "due_date" in changed:  # a new due date: told again once it has passed
        item.overdue_notified_on = None
        fields.append("overdue_notified_on")
    item.save(update_fields=[*fields, "updated_at"])
    if "progress" in changed and item.state == S.PLANNED and item.progress > 0:
        item.move_to(S.IN_PROGRESS, by=by, comment=_("Fortschritt eingetragen"))
    record(
        actor=by, verb=ITEM_CHANGED, target=item,
        changes={name: [before[name], _shown(name, value)] for name, value in changed.items()},
    )  # fmt: skip
    if "owner" in changed:
        _tell_owner(item, by)
    return item


def keeps_adoption(item: PlanItem) -> bool:
    """Whether another item of the plan with the same measure is still on (not dropped):
    then dropping `item` leaves the town's adoption of the measure in place."""
    if item.measure_id is None:
        return False
    return (
        PlanItem.objects.filter(plan_id=item.plan_id, measure_id=item.measure_id)
        .exclude(pk=item.pk)
        .exclude(state=S.DROPPED)
        .exists()
    )


def sync_adoption(
    *, plan_id: int, municipality_id: int, organisation_id: int, measure_id: int | None
) -> None:
    """The town's adoption of a measure (`measures.Adoption`: the town's page "Woran … arbeitet",
    the library's towns) follows the plan's items with that measure: it exists while one of
    them is not dropped, and is completed while one of them is done. When the last one is
    dropped or deleted, the town no longer works on the measure: the adoption goes; bringing
    an item back adopts it again."""
    if measure_id is None:
        return
    states = set(
        PlanItem.objects.filter(plan_id=plan_id, measure_id=measure_id).values_list(
            "state", flat=True
        )
    )
    town = {"measure_id": measure_id, "municipality_id": municipality_id}
    if not states - {S.DROPPED}:
        Adoption.objects.filter(**town).delete()
        return
    adoption, _created = Adoption.objects.get_or_create(
        **town, defaults={"organisation_id": organisation_id}
    )
    completed_at = (adoption.completed_at or timezone.localdate()) if S.DONE in states else None
    if adoption.completed_at != completed_at:
        adoption.completed_at = completed_at
        adoption.save(update_fields=["completed_at", "updated_at"])


def _sync_adoption(item: PlanItem) -> None:
    plan = item.plan
    sync_adoption(
        plan_id=plan.pk,
        municipality_id=plan.municipality_id,
        organisation_id=plan.organisation_id,
        measure_id=item.measure_id,
    )


@transaction.atomic
def move_item(*, item: PlanItem, by: User, to: str, comment: str = "") -> PlanItem:
    """Move the item to state `to` (coordinator or owner). Done sets 100 %."""
    _require(by, "assessment.update_item", item)
    # the state as stored now, locked: of two moves that read the same state, one wins
    item.state = (
        PlanItem.objects.select_for_update().values_list("state", flat=True).get(pk=item.pk)
    )
    previous = item.state
    extra = []
    if to == S.DONE and item.progress != 100:
        item.progress = 100
        extra.append("progress")
    item.move_to(to, by=by, comment=comment, save_fields=extra)
    if {S.DONE, S.DROPPED} & {previous, to}:
        _sync_adoption(item)
    record(actor=by, verb=ITEM_MOVED, target=item, comment=comment, **{"from": previous, "to": to})
    return item


@transaction.atomic
def set_links(
    *, item: PlanItem, by: User, events: list[Event], promises: list[Promise]
) -> PlanItem:
    """Link the item to events of the organisation and promises in the town (coordinator)."""
    _require(by, "assessment.edit_plan", item.plan)
    allowed_events = set(selectors.linkable_events(item.plan, item).values_list("pk", flat=True))
    allowed_promises = set(
        selectors.linkable_promises(item.plan, item).values_list("pk", flat=True)
    )
    if not {e.pk for e in events} <= allowed_events:
        raise DomainError(
            _("Verknüpfen lassen sich nur Veranstaltungen Ihrer Organisation."), code="events"
        )
    if not {p.pk for p in promises} <= allowed_promises:
        raise DomainError(
            _("Verknüpfen lassen sich nur veröffentlichte Versprechen aus Ihrer Kommune."),
            code="promises",
        )
    item.events.set(events)
    item.promises.set(promises)
    record(
        actor=by, verb=LINKS_CHANGED, target=item,
        events=sorted(e.pk for e in events), promises=sorted(p.pk for p in promises),
    )  # fmt: skip
    return item


# --- milestones -------------------------------------------------------------------------


def _require_milestone_work(item: PlanItem, by: User) -> None:
    _require(by, "assessment.update_item", item)
    if item.state == S.DROPPED:
        raise DomainError(
            _("Das Vorhaben ist verworfen. Holen Sie es zurück, um es weiterzuführen."),
            code="wrong_state",
        )


@transaction.atomic
def add_milestone(
    *, item: PlanItem, by: User, title: str, due_date: datetime.date | None = None
) -> Milestone:
    _require_milestone_work(item, by)
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Geben Sie dem Meilenstein einen Titel."), code="title")
    milestone = Milestone.objects.create(item=item, title=title, due_date=due_date)
    record(actor=by, verb=MILESTONE_ADDED, target=item, milestone=title)
    return milestone


@transaction.atomic
def set_milestone_done(
    *, milestone: Milestone, by: User, done: bool, today: datetime.date | None = None
) -> Milestone:
    """Tick a milestone (reached today) or untick it."""
    _require_milestone_work(milestone.item, by)
    if done == (milestone.done_on is not None):
        return milestone
    milestone.done_on = (today or timezone.localdate()) if done else None
    milestone.save(update_fields=["done_on"])
    record(
        actor=by, verb=MILESTONE_DONE if done else MILESTONE_REOPENED, target=milestone.item,
        milestone=milestone.title,
    )  # fmt: skip
    return milestone


@transaction.atomic
def remove_milestone(*, milestone: Milestone, by: User) -> None:
    _require_milestone_work(milestone.item, by)
    record(actor=by, verb=MILESTONE_REMOVED, target=milestone.item, milestone=milestone.title)
    milestone.delete()


# --- overdue items ----------------------------------------------------------------------


def tell_overdue(*, item: PlanItem, today: datetime.date) -> bool:
    """Tell the owner (or, without an owner in the organisation, its admins) that the item is
    overdue — once per due date: the row is claimed with a conditional UPDATE first."""
    with transaction.atomic():
        claimed = (
            PlanItem.objects.filter(pk=item.pk, state__in=selectors.OPEN_STATES, due_date__lt=today)
            .filter(Q(overdue_notified_on__isnull=True) | Q(overdue_notified_on__lte=F("due_date")))
            .update(overdue_notified_on=today)
        )
        if not claimed:
            return False
        owner = item.owner
        to: Any = (
            owner
            if owner is not None and is_org_member(owner, item.plan.organisation)
            else admins_of(item.plan.organisation)
        )
        notify(
            to=to,
            kind=plans_messages.ITEM_OVERDUE.key,
            params={
                "item": item.title,
                "town": item.plan.municipality.name,
                "due": item.due_date.isoformat() if item.due_date else "",
            },
            url=item_url(item),
        )
        record(actor=None, verb=OVERDUE_TOLD, target=item, due=item.due_date)
    return True


def notify_overdue_items(today: datetime.date | None = None) -> int:
    """Every overdue item whose people were not told about its due date yet; returns how many
    were told. Idempotent: running the day twice tells nobody twice."""
    today = today or timezone.localdate()
    return sum(
        tell_overdue(item=item, today=today) for item in selectors.overdue_items_to_tell(today)
    )


# --- personal data ----------------------------------------------------------------------


def export_owned_items(user: User) -> dict[str, Any]:
    items = (
        PlanItem.objects.filter(owner=user)
        .select_related("plan__municipality")
        .prefetch_related("milestones")
        .order_by("created_at", "pk")
    )
    return {
        "plan_items_owned": [
            {
                "town": item.plan.municipality.name,
                "title": item.title,
                "description": item.description,
                "state": item.state,
                "progress": item.progress,
                "partners": item.partners,
                "due_date": item.due_date,
                "milestones": [
                    {"title": m.title, "due_date": m.due_date, "done_on": m.done_on}
                    for m in item.milestones.all()
                ],
            }
            for item in items
        ]
    }


@transaction.atomic
def erase_owner(user: User) -> None:
    """A person whose account is deleted owns no item any more; the items stay with the plan
    (the coordinators see that they need a new owner)."""
    for item in PlanItem.objects.filter(owner=user).select_related("plan"):
        item.owner = None
        item.save(update_fields=["owner", "updated_at"])
        record(actor=None, verb=OWNER_ERASED, target=item)
