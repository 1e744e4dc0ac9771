"""The action plan's pages in the HTML check: the plan (with items, empty, filtered, in
English), an item as coordinator and as owner, the forms (with errors), adopting a measure,
dropping (asks first), links, removing a milestone, and the plan on the organisation's page.

The demo world has no self-assessment yet, so each page builds its own small cast with the
assessment factories (inside the page's transaction, rolled back after it); the page's person
is taken from the cast its URL built (`_cast`, set by the URL builder, which runs first).
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace
from typing import Any

from django.urls import reverse
from django.utils import timezone

from handschlag.assessment.models import ActionPlan, Milestone, PlanItem
from tests import factories as base
from tests.assessment.factories import AssessmentFactory
from tests.events.factories import EventFactory
from tests.measures.factories import MeasureFactory

from .page import Page, in_english, nothing
from .world import PageWorld

S = PlanItem.State
_cast = SimpleNamespace()


def _build(*, items: bool = True) -> SimpleNamespace:
    """A town's round on the small framework, its municipality organisation with an admin
    and an item owner, and a plan whose items are in every state."""
    today = timezone.localdate()
    assessment = AssessmentFactory()
    organisation = assessment.organisation
    admin = base.MembershipFactory(organisation=organisation, role="admin").user
    owner = base.MembershipFactory(organisation=organisation, role="member").user
    first, second = assessment.framework.areas.order_by("position")
    plan = ActionPlan.objects.create(
        municipality=assessment.municipality,
        organisation=organisation,
        title=f"Handlungsplan {assessment.municipality.name}",
    )
    measure = MeasureFactory(
        topics=[second.key],
        title={"de": "Sprachcafé im Stadtteil", "en": "Neighbourhood language café"},
    )
    _cast.__dict__.update(
        assessment=assessment, organisation=organisation, admin=admin, owner=owner,
        plan=plan, measure=measure, town=assessment.municipality.slug,
    )  # fmt: skip
    if not items:
        return _cast
    item = PlanItem.objects.create(
        plan=plan, title="Leitbild Weltoffene Kommune", area=first, owner=owner,
        partners="Migrantenbeirat, Volkshochschule", state=S.IN_PROGRESS, progress=40,
        due_date=today + datetime.timedelta(days=30), description="Entwurf bis zum Sommer.",
        measure=measure,
    )  # fmt: skip
    Milestone.objects.create(item=item, title="Auftakt-Workshop", done_on=today)
    Milestone.objects.create(
        item=item, title="Ratsbeschluss", due_date=today + datetime.timedelta(days=20)
    )
    item.events.add(EventFactory(organisation=organisation, municipality=plan.municipality))
    item.promises.add(base.PromiseFactory(municipality=plan.municipality))
    PlanItem.objects.create(
        plan=plan, title="Mehrsprachige Begrüßungsmappe", area=second, owner=admin,
        state=S.PLANNED, due_date=today - datetime.timedelta(days=3),
    )  # fmt: skip
    PlanItem.objects.create(plan=plan, title="Sprachcafé", area=second, state=S.DONE, progress=100)
    PlanItem.objects.create(plan=plan, title="Bürgerdialog", state=S.DROPPED, progress=10)
    _cast.item = item
    return _cast


def _url(name: str, *, items: bool = True, query: str = "") -> Any:
    def build(world: PageWorld) -> str:
        cast = _build(items=items)
        town = cast.town
        item = [town, cast.item.pk] if items else []
        return {
            "plan": lambda: reverse("assessment:plan", args=[town]),
            "plan_item": lambda: reverse("assessment:plan_item", args=item),
            "plan_item_add": lambda: reverse("assessment:plan_item_add", args=[town]),
            "plan_item_edit": lambda: reverse("assessment:plan_item_edit", args=item),
            "plan_item_links": lambda: reverse("assessment:plan_item_links", args=item),
            "drop": lambda: reverse("assessment:plan_item_move", args=[*item, "dropped"]),
            "adopt": lambda: reverse("assessment:adopt", args=[town, cast.measure.slug]),
            "milestone_remove": lambda: reverse(
                "assessment:milestone_remove",
                args=[*item, cast.item.milestones.order_by("pk").first().pk],
            ),
            "organisation": lambda: cast.organisation.get_absolute_url(),
        }[name]() + query

    return build


def _admin(world: PageWorld) -> Any:
    return _cast.admin


def _owner(world: PageWorld) -> Any:
    return _cast.owner


def _bad_progress(world: PageWorld) -> dict[str, Any]:
    return {"progress": "140", "description": ""}


PLAN_PAGES = [
    Page("plan", _admin, _url("plan")),
    Page("plan_empty", _admin, _url("plan", items=False)),
    Page("plan_filtered", _owner, _url("plan", query="?stand=in_progress&ueberfaellig=on")),
    Page("plan_filtered_errors", _owner, _url("plan", query="?stand=quatsch&verantwortlich=x")),
    Page("plan_item", _admin, _url("plan_item")),
    Page("plan_item_owner", _owner, _url("plan_item")),
    Page("plan_item_add", _admin, _url("plan_item_add")),
    Page("plan_item_add_errors", _admin, _url("plan_item_add"), data=nothing),
    Page("plan_item_edit", _admin, _url("plan_item_edit")),
    Page("plan_item_edit_owner", _owner, _url("plan_item_edit")),
    Page("plan_item_edit_owner_errors", _owner, _url("plan_item_edit"), data=_bad_progress),
    Page("plan_item_links", _admin, _url("plan_item_links")),
    Page("plan_item_drop", _owner, _url("drop")),
    Page("plan_milestone_remove", _owner, _url("milestone_remove")),
    Page("plan_adopt", _admin, _url("adopt")),
    Page("plan_adopt_errors", _admin, _url("adopt"), data=nothing),
    Page("plan_on_organisation_page", _owner, _url("organisation")),
]
ASSESSMENT_PLAN_PAGES = PLAN_PAGES + in_english(
    PLAN_PAGES, "plan", "plan_item", "plan_adopt", "plan_item_edit_owner_errors"
)
