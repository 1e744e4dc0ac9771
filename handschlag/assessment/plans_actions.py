"""What a person can do next with a plan item: one `available_actions()` used by the item page
(its buttons, in this order) and the tests, and `next_step()` in words; and the measures
library's "In den Handlungsplan übernehmen" link for the people who may adopt.

Each action knows its permission and the states it is offered in, so a template never encodes
the state machine. Dropping comes last, opens a page that asks first and says its consequence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handschlag.organisations.models import Membership, Organisation

from .models import PlanItem

S = PlanItem.State


@dataclass(frozen=True)
class Action:
    """`url` takes a POST, or is a link when `link`; `consequence` is said beside a
    destructive button."""

    key: str
    label: str
    url: str
    style: str = "primary"  # primary | secondary | danger
    link: bool = False
    consequence: str = ""


@dataclass(frozen=True)
class _Offer:
    key: str
    perm: str  # checked on the item ("assessment.update_item") or its plan ("…edit_plan")
    states: tuple[str, ...]
    build: Callable[[PlanItem], Action]


def _url(name: str, item: PlanItem, *args: Any) -> str:
    return reverse(f"assessment:{name}", args=[item.plan.municipality.slug, item.pk, *args])


def _move(item: PlanItem, state: str) -> str:
    return _url("plan_item_move", item, state)


DROP_CONSEQUENCE = gettext_lazy(
    "Ein verworfenes Vorhaben zählt nicht mehr zum Fortschritt des Plans, und niemand wird "
    "mehr an seine Frist erinnert. Sie können es später zurückholen."
)

OPEN = (S.PLANNED, S.IN_PROGRESS, S.PAUSED)
OFFERS = (
    _Offer("start", "assessment.update_item", (S.PLANNED,), lambda i: Action(
        "start", _("Beginnen"), _move(i, S.IN_PROGRESS))),
    _Offer("resume", "assessment.update_item", (S.PAUSED,), lambda i: Action(
        "resume", _("Fortsetzen"), _move(i, S.IN_PROGRESS))),
    _Offer("progress", "assessment.update_item", OPEN, lambda i: Action(
        "progress", _("Fortschritt eintragen"), _url("plan_item_edit", i), link=True)),
    _Offer("done", "assessment.update_item", (S.PLANNED, S.IN_PROGRESS), lambda i: Action(
        "done", _("Als erledigt markieren"), _move(i, S.DONE), style="secondary")),
    _Offer("links", "assessment.edit_plan", (*OPEN, S.DONE), lambda i: Action(
        "links", _("Veranstaltungen und Versprechen verknüpfen"), _url("plan_item_links", i),
        style="secondary", link=True)),
    _Offer("pause", "assessment.update_item", (S.IN_PROGRESS,), lambda i: Action(
        "pause", _("Pausieren"), _move(i, S.PAUSED), style="secondary")),
    _Offer("reopen", "assessment.update_item", (S.DONE,), lambda i: Action(
        "reopen", _("Wieder öffnen"), _move(i, S.IN_PROGRESS), style="secondary")),
    _Offer("restore", "assessment.update_item", (S.DROPPED,), lambda i: Action(
        "restore", _("Zurückholen"), _move(i, S.PLANNED), style="secondary")),
    _Offer("drop", "assessment.update_item", OPEN, lambda i: Action(
        "drop", _("Verwerfen …"), _move(i, S.DROPPED), style="danger", link=True,
        consequence=str(DROP_CONSEQUENCE))),
)  # fmt: skip


def available_actions(item: PlanItem, user: Any) -> list[Action]:
    """The actions `user` may take on `item` in its state, primary first."""
    return [
        offer.build(item)
        for offer in OFFERS
        if item.state in offer.states
        and user.has_perm(offer.perm, item.plan if offer.perm.endswith("edit_plan") else item)
    ]


def next_step(item: PlanItem, *, may_update: bool) -> str:
    """What happens next with the item, in words."""
    if item.state == S.PLANNED:
        if item.owner_id is None:
            return _(
                "Geplant. Noch ist niemand verantwortlich: Die Koordination bestimmt, wer das "
                "Vorhaben voranbringt."
            )
        return _(
            "Geplant. Sobald die Arbeit beginnt, tragen Sie den Fortschritt ein; das Vorhaben "
            "gilt dann als „in Arbeit“."
        )
    if item.state == S.IN_PROGRESS:
        return _(
            "In Arbeit. Tragen Sie den Fortschritt ein und haken Sie Meilensteine ab; wenn "
            "alles getan ist, markieren Sie das Vorhaben als erledigt."
        )
    if item.state == S.PAUSED:
        return _("Pausiert. Es zählt weiter zum Plan; setzen Sie es fort, wenn es weitergeht.")
    if item.state == S.DONE:
        return _("Erledigt. Es zählt mit 100 % zum Fortschritt des Plans.")
    return _("Verworfen. Es zählt nicht zum Fortschritt des Plans.")


# --- the measures library's action ------------------------------------------------------


def adopt_url(request: Any, measure: Any) -> str | None:
    """The adopt page of the town whose verified municipality organisation the visitor
    administers (measures.adopt), or None."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    organisations = Organisation.objects.filter(
        memberships__user=user,
        memberships__role=Membership.Role.ADMIN,
        kind=Organisation.Kind.MUNICIPALITY,
        is_verified=True,
        municipality__isnull=False,
    ).select_related("municipality")
    for organisation in organisations.order_by("pk"):
        town = organisation.municipality
        if town is not None and user.has_perm("measures.adopt", organisation):
            return reverse("assessment:adopt", args=[town.slug, measure.slug])
    return None
