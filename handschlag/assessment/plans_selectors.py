"""Reads of the action plan: the town's plan (or the one it would have), the areas it is
grouped by, the plan page with its roll-up, an item with everything it links to, and what an
item can be linked to.

The roll-up: an area's (and the whole plan's) progress is the mean progress of its items that
are not dropped; a done item counts 100 %. A plan page runs the same number of queries for 3
items or 300 (tests/assessment/test_plan_queries.py).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from handschlag.core.localized import pick
from handschlag.events.models import Event
from handschlag.organisations.models import Membership, Organisation
from handschlag.organisations.rules import is_org_admin, is_org_member
from handschlag.places.models import Municipality
from handschlag.promises.models import Promise

from .models import ActionPlan, Area, Assessment, Framework, Indicator, PlanItem

S = PlanItem.State
OPEN_STATES = (S.PLANNED, S.IN_PROGRESS, S.PAUSED)
LINK_CHOICES_LIMIT = 100


# --- the town's plan --------------------------------------------------------------------


def default_title(municipality: Municipality) -> str:
    return _("Handlungsplan %(town)s") % {"town": municipality.name}


def town_organisations(municipality: Municipality) -> QuerySet[Organisation]:
    """The verified municipality organisations of the town: who may run its plan."""
    return Organisation.objects.filter(
        municipality=municipality, kind=Organisation.Kind.MUNICIPALITY, is_verified=True
    ).order_by("pk")


def plan_of(municipality: Municipality) -> ActionPlan | None:
    return (
        ActionPlan.objects.select_related("organisation", "municipality")
        .filter(municipality=municipality)
        .first()
    )


def plan_or_draft(municipality: Municipality, user: Any) -> ActionPlan | None:
    """The town's plan; before it has one, an unsaved plan of the town's municipality
    organisation (the one `user` administers or belongs to, if there are several), so that the
    same permissions decide. None if the town has no verified municipality organisation."""
    plan = plan_of(municipality)
    if plan is not None:
        return plan
    organisations = list(town_organisations(municipality))
    if not organisations:
        return None
    chosen = (
        [o for o in organisations if is_org_admin(user, o)]
        or [o for o in organisations if is_org_member(user, o)]
        or organisations
    )
    return ActionPlan(
        municipality=municipality,
        organisation=chosen[0],
        title=default_title(municipality),
    )


def plan_framework(municipality: Municipality) -> Framework | None:
    """The framework of the town's latest assessment; before its first one, the newest
    published framework."""
    latest = (
        Assessment.objects.filter(municipality=municipality)
        .select_related("framework")
        .order_by("-created_at", "-pk")
        .first()
    )
    if latest is not None:
        return latest.framework
    return Framework.objects.filter(published=True).order_by("-created_at", "-pk").first()


def plan_areas(municipality: Municipality) -> list[Area]:
    framework = plan_framework(municipality)
    if framework is None:
        return []
    return list(Area.objects.filter(framework=framework).order_by("position", "pk"))


def allowed_framework_ids(municipality: Municipality) -> set[int]:
    """Frameworks whose areas and indicators an item of the town may name: those of its
    assessments, and the one its plan is grouped by."""
    ids = set(
        Assessment.objects.filter(municipality=municipality).values_list("framework_id", flat=True)
    )
    framework = plan_framework(municipality)
    if framework is not None:
        ids.add(framework.pk)
    return ids


def area_for_indicator(indicator: Indicator, areas: Iterable[Area]) -> Area | None:
    """The plan's area an indicator belongs to (the same area key, if the town's plan is
    grouped by a newer framework version)."""
    areas = list(areas)
    for area in areas:
        if area.pk == indicator.area_id:
            return area
    key = indicator.area.key
    return next((area for area in areas if area.key == key), None)


def latest_assessment_on(municipality: Municipality, framework_id: int) -> Assessment | None:
    return (
        Assessment.objects.filter(municipality=municipality, framework_id=framework_id)
        .order_by("-created_at", "-pk")
        .first()
    )


# --- the roll-up ------------------------------------------------------------------------


def item_progress(item: PlanItem) -> int:
    return 100 if item.state == S.DONE else int(item.progress)


@dataclass(frozen=True)
class Rollup:
    """`progress` is the mean progress of the `counted` items (all but the dropped ones; done
    ones count 100), None when there is none."""

    total: int
    counted: int
    done: int
    progress: float | None

    @property
    def dropped(self) -> int:
        return self.total - self.counted

    @property
    def percent(self) -> int | None:
        if self.progress is None:
            return None
        return int(Decimal(str(self.progress)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def roll_up(items: Iterable[PlanItem]) -> Rollup:
    items = list(items)
    counted = [item for item in items if item.state != S.DROPPED]
    progress = sum(item_progress(item) for item in counted) / len(counted) if counted else None
    done = sum(1 for item in counted if item.state == S.DONE)
    return Rollup(total=len(items), counted=len(counted), done=done, progress=progress)


# --- the plan page ----------------------------------------------------------------------

NO_OWNER = 0  # the owner filter's value for "nobody yet"


@dataclass
class ItemRow:
    item: PlanItem
    overdue: bool
    owner_is_member: bool
    may_update: bool

    @property
    def progress(self) -> int:
        return item_progress(self.item)

    @property
    def milestones_done(self) -> int:
        return int(getattr(self.item, "milestones_done", 0))

    @property
    def milestones_total(self) -> int:
        return int(getattr(self.item, "milestones_total", 0))


@dataclass
class AreaGroup:
    key: str  # the area's key; "" for items without an area
    title: str
    rollup: Rollup  # of all the area's items, whatever the filters show
    rows: list[ItemRow] = field(default_factory=list)  # the items the filters let through


@dataclass
class PlanPage:
    plan: ActionPlan
    groups: list[AreaGroup]
    rollup: Rollup
    total: int
    shown: int
    overdue: int
    owners: list[Any]
    filtered: bool = False
    all_groups: list[AreaGroup] = field(default_factory=list)  # for the roll-up, unfiltered


def _items(plan: ActionPlan) -> list[PlanItem]:
    if plan.pk is None:
        return []
    return list(
        PlanItem.objects.filter(plan=plan)
        .select_related("owner", "area", "measure")
        .annotate(
            milestones_total=Count("milestones", distinct=True),
            milestones_done=Count(
                "milestones", filter=Q(milestones__done_on__isnull=False), distinct=True
            ),
        )
        .order_by(F("due_date").asc(nulls_last=True), "pk")
    )


def plan_page(plan: ActionPlan, *, user: Any, today: datetime.date, coordinator: bool) -> PlanPage:
    """The plan grouped by the areas of the town's framework (then areas of older versions
    that items still name, then "ohne Handlungsfeld"), each group with its roll-up and all its
    items; `narrow()` then applies the filters to the rows, never to the roll-ups."""
    areas = plan_areas(plan.municipality)
    items = _items(plan)
    members = (
        set(
            Membership.objects.filter(organisation=plan.organisation).values_list(
                "user_id", flat=True
            )
        )
        if items
        else set()
    )
    groups: dict[str, AreaGroup] = {}
    grouped: dict[str, list[PlanItem]] = {}
    for area in areas:
        grouped[area.key] = []
        groups[area.key] = AreaGroup(area.key, pick(area.title), roll_up([]))
    for item in items:
        key = item.area.key if item.area is not None else ""
        if key not in groups:
            title = pick(item.area.title) if item.area is not None else ""
            groups[key] = AreaGroup(key, title, roll_up([]))
            grouped[key] = []
        grouped[key].append(item)
    if "" in groups:  # the items without an area come last
        groups[""] = groups.pop("")
        groups[""].title = _("Ohne Handlungsfeld")
    for key, group in groups.items():
        group.rollup = roll_up(grouped[key])
        group.rows = [
            ItemRow(
                item=item,
                overdue=item.is_overdue(today),
                owner_is_member=item.owner_id in members,
                may_update=coordinator or (item.owner_id == user.pk and item.owner_id in members),
            )
            for item in grouped[key]
        ]
    owners = sorted(
        {item.owner_id: item.owner for item in items if item.owner is not None}.values(),
        key=lambda person: person.get_full_name().lower(),
    )
    shown = list(groups.values()) if items else []
    return PlanPage(
        plan=plan,
        groups=shown,
        all_groups=shown,
        rollup=roll_up(items),
        total=len(items),
        shown=len(items),
        overdue=sum(1 for item in items if item.is_overdue(today)),
        owners=owners,
    )


def _passes(row: ItemRow, *, state: str | None, owner: int | None, overdue: bool) -> bool:
    item = row.item
    if state and item.state != state:
        return False
    if owner is not None and (item.owner_id or NO_OWNER) != owner:
        return False
    return not overdue or row.overdue


def narrow(
    page: PlanPage, *, state: str | None = None, owner: int | None = None, overdue: bool = False
) -> PlanPage:
    """The page with only the rows that pass the filters; groups left empty by a filter are
    left out (without filters, an area without items still shows, so gaps are seen)."""
    if not (state or owner is not None or overdue):
        return page
    groups = []
    for group in page.groups:
        rows = [r for r in group.rows if _passes(r, state=state, owner=owner, overdue=overdue)]
        if rows:
            groups.append(AreaGroup(group.key, group.title, group.rollup, rows))
    return replace(page, groups=groups, shown=sum(len(g.rows) for g in groups), filtered=True)


# --- one item ---------------------------------------------------------------------------


def item_on_plan(municipality: Municipality, pk: int) -> PlanItem:
    """An item of the town's plan with what its page shows; 404 if it is not the town's."""
    return get_object_or_404(
        PlanItem.objects.select_related(
            "plan__organisation", "plan__municipality", "owner", "area", "indicator", "measure"
        ).prefetch_related("milestones", "events", "promises"),
        pk=pk,
        plan__municipality=municipality,
    )


def team(plan: ActionPlan, *, also: int | None = None) -> QuerySet[Any]:
    """The current members of the plan's organisation: who may own an item (and the person
    `also`, an item's owner who has left, so that a form can keep them until changed)."""
    members = Q(memberships__organisation=plan.organisation, is_active=True)
    if also is not None:
        members |= Q(pk=also)
    return (
        get_user_model()
        .objects.filter(members)
        .distinct()
        .order_by("first_name", "last_name", "pk")
    )


def linkable_events(plan: ActionPlan, item: PlanItem | None = None) -> QuerySet[Event]:
    """The organisation's events, newest first (and whatever the item links already)."""
    recent = list(
        Event.objects.filter(organisation=plan.organisation)
        .order_by("-starts_at", "-pk")
        .values_list("pk", flat=True)[:LINK_CHOICES_LIMIT]
    )
    linked = list(item.events.values_list("pk", flat=True)) if item and item.pk else []
    return Event.objects.filter(pk__in=[*recent, *linked]).order_by("-starts_at", "-pk")


def linkable_promises(plan: ActionPlan, item: PlanItem | None = None) -> QuerySet[Promise]:
    """Public promises in the town or by the organisation, newest first (and whatever the item
    links already)."""
    recent = list(
        Promise.objects.filter(
            Q(municipality=plan.municipality) | Q(organisation=plan.organisation),
            state__in=Promise.PUBLIC_STATES,
        )
        .order_by("-published_at", "-pk")
        .values_list("pk", flat=True)[:LINK_CHOICES_LIMIT]
    )
    linked = list(item.promises.values_list("pk", flat=True)) if item and item.pk else []
    return Promise.objects.filter(pk__in=[*recent, *linked]).order_by("-published_at", "-pk")


def overdue_items_to_tell(today: datetime.date) -> QuerySet[PlanItem]:
    """Items past their due date, not done or dropped, whose people were not yet told about
    this due date."""
    return (
        PlanItem.objects.filter(state__in=OPEN_STATES, due_date__lt=today)
        .filter(Q(overdue_notified_on__isnull=True) | Q(overdue_notified_on__lte=F("due_date")))
        .select_related("plan__municipality", "plan__organisation", "owner")
        .order_by("due_date", "pk")
    )


def organisation_section(organisation: Any, user: Any) -> dict[str, Any] | None:
    """The action plan on the page of a verified municipality organisation, for its members:
    the plan's progress and overdue items with a link, or how to begin."""
    if organisation.municipality_id is None or not user.has_perm(
        "assessment.view_plan", ActionPlan(organisation=organisation)
    ):
        return None
    plan = ActionPlan.objects.filter(municipality_id=organisation.municipality_id).first()
    if plan is not None and plan.organisation_id != organisation.pk:
        return None
    items = list(PlanItem.objects.filter(plan=plan)) if plan is not None else []
    today = timezone.localdate()
    return {
        "url": reverse("assessment:plan", args=[organisation.municipality.slug]),
        "rollup": roll_up(items),
        "overdue": sum(1 for item in items if item.is_overdue(today)),
        "coordinator": user.has_perm("assessment.edit_plan", ActionPlan(organisation=organisation)),
    }
