"""Every write on needs and proposals: create, edit, submit, publish or return (moderation),
close, withdraw; decline a proposal, apply from it in one click, answer a need with a promise."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handschlag.audit.services import record
from handschlag.core.errors import DomainError
from handschlag.core.units import stored_pair
from handschlag.notifications.services import notify
from handschlag.organisations.rules import is_org_member
from handschlag.promises import services as promise_services
from handschlag.promises.models import Promise, Redemption

from . import messages
from .models import Need, Proposal
from .telling import need_side

if TYPE_CHECKING:
    from handschlag.accounts.models import User
    from handschlag.organisations.models import Organisation

EDITABLE_FIELDS = (
    "title", "description", "category", "quantity", "unit", "unit_singular", "municipality",
    "needed_by",
)  # fmt: skip
RUNNING_STATES = (Need.State.DRAFT, Need.State.PENDING, Need.State.PUBLISHED)
ANSWER_MIN_DAYS = 14
# Audit verbs (registered in apps.py).
CREATED = "needs.create_need"
CHANGED = "needs.change_need"
SUBMITTED = "needs.submit_need"
PUBLISHED = "needs.publish_need"
RETURNED = "needs.return_need"
CLOSED = "needs.close_need"
CLOSED_BY_MODERATION = "needs.close_need_by_moderation"
WITHDRAWN = "needs.withdraw_need"
PROPOSAL_DECLINED = "needs.decline_proposal"
APPLIED = "needs.apply_from_proposal"
ANSWERED = "needs.answer_need"


def _require(perm: str, user: User, obj: Any) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown need fields: {sorted(unknown)}")
    if "quantity" in fields and (fields["quantity"] or 0) < 1:
        raise DomainError(_("Die Menge muss mindestens 1 sein."), code="quantity")
    if "unit" in fields or "unit_singular" in fields:
        fields["unit_singular"], fields["unit"] = stored_pair(
            fields.get("unit_singular") or "", fields.get("unit") or ""
        )
    if "municipality" in fields and fields["municipality"] is None:
        raise DomainError(_("Bitte geben Sie den Ort an."), code="municipality")
    if "needed_by" in fields:
        _require_future(fields["needed_by"])
    return fields


def _require_future(needed_by: datetime.date) -> None:
    if needed_by < timezone.localdate():
        raise DomainError(_("Das Datum darf nicht in der Vergangenheit liegen."), code="needed_by")


def _lock(need: Need) -> None:
    need.state = Need.objects.select_for_update().values_list("state", flat=True).get(pk=need.pk)


def _notify_need_side(need: Need, kind: Any, **params: str) -> None:
    notify(
        to=need_side(need),
        kind=kind.key,
        params={"title": need.title, **params},
        url=need.get_absolute_url(),
    )


@transaction.atomic
def create_need(*, by: User, organisation: Organisation, **fields: Any) -> Need:
    """A new draft need of `organisation`, which `by` must currently belong to."""
    _require("needs.create_need", by, None)
    if organisation is None or not is_org_member(by, organisation):
        raise PermissionDenied
    fields = _clean(fields)
    need = Need.objects.create(author=by, organisation=organisation, **fields)
    record(actor=by, verb=CREATED, target=need)
    return need


@transaction.atomic
def update_need(*, need: Need, by: User, **fields: Any) -> Need:
    """Change a draft need; only current members of its organisation."""
    _require("needs.edit_need", by, need)
    need = Need.objects.select_for_update().get(pk=need.pk)
    need.require_state(*Need.EDITABLE_STATES)
    organisation = fields.pop("organisation", need.organisation)
    if organisation != need.organisation and not is_org_member(by, organisation):
        raise PermissionDenied
    fields = _clean(fields)
    for name, value in fields.items():
        setattr(need, name, value)
    need.organisation = organisation
    need.save()
    record(actor=by, verb=CHANGED, target=need, fields=sorted(fields))
    return need


@transaction.atomic
def submit_need(*, need: Need, by: User) -> Need:
    """Send a draft to the moderation queue."""
    _require("needs.edit_need", by, need)
    _lock(need)
    need.require_state(Need.State.DRAFT)
    _require_future(need.needed_by)
    need.move_to(Need.State.PENDING, by=by)
    record(actor=by, verb=SUBMITTED, target=need)
    return need


@transaction.atomic
def publish_need(*, need: Need, by: User, comment: str = "") -> Need:
    """A moderator publishes a need; matching looks for promises for it right away."""
    _require("needs.review_need", by, need)
    _lock(need)
    need.require_state(Need.State.PENDING)
    need.published_at = timezone.now()
    need.moderation_comment = comment
    need.move_to(
        Need.State.PUBLISHED,
        by=by,
        comment=comment,
        save_fields=["published_at", "moderation_comment"],
    )
    record(actor=by, verb=PUBLISHED, target=need, comment=comment)
    _notify_need_side(need, messages.NEED_PUBLISHED)
    from .tasks import match_need

    transaction.on_commit(lambda: match_need.enqueue(need.pk))
    return need


@transaction.atomic
def return_need(*, need: Need, by: User, comment: str) -> Need:
    """A moderator sends a pending need back to its draft, with a reason."""
    _require("needs.review_need", by, need)
    if not comment.strip():
        raise DomainError(_("Bitte begründen Sie die Rückgabe."), code="comment")
    _lock(need)
    need.require_state(Need.State.PENDING)
    need.moderation_comment = comment
    need.move_to(Need.State.DRAFT, by=by, comment=comment, save_fields=["moderation_comment"])
    record(actor=by, verb=RETURNED, target=need, comment=comment)
    _notify_need_side(need, messages.NEED_RETURNED, comment=comment)
    return need


def _end_proposals(need: Need) -> int:
    return need.proposals.filter(state=Proposal.State.PROPOSED).update(
        state=Proposal.State.EXPIRED, decided_at=timezone.now(), updated_at=timezone.now()
    )


@transaction.atomic
def close_need(*, need: Need, by: User | None, fulfilled: bool) -> Need:
    """The need is met ("gedeckt") or no longer sought; its open proposals end. `by` None:
    closed by the daily task because its date has passed."""
    if by is not None:
        _require("needs.close_need", by, need)
    _lock(need)
    need.require_state(Need.State.PUBLISHED)
    need.move_to(Need.State.FULFILLED if fulfilled else Need.State.CLOSED, by=by)
    _end_proposals(need)
    record(actor=by, verb=CLOSED, target=need, fulfilled=fulfilled)
    return need


@transaction.atomic
def withdraw_need(*, need: Need, by: User) -> Need:
    _require("needs.withdraw_need", by, need)
    _lock(need)
    need.require_state(*RUNNING_STATES)
    need.move_to(Need.State.WITHDRAWN, by=by)
    _end_proposals(need)
    record(actor=by, verb=WITHDRAWN, target=need)
    return need


def close_past_needs() -> int:
    """Close published needs whose date has passed (daily task)."""
    closed = 0
    for need in Need.objects.published().filter(needed_by__lt=timezone.localdate()):
        close_need(need=need, by=None, fulfilled=False)
        closed += 1
    return closed


# --- proposals --------------------------------------------------------------------------------


def _lock_proposal(proposal: Proposal) -> None:
    proposal.state = (
        Proposal.objects.select_for_update().values_list("state", flat=True).get(pk=proposal.pk)
    )
    if proposal.state != Proposal.State.PROPOSED:
        raise DomainError(_("Über diesen Vorschlag ist schon entschieden."), code="decided")


@transaction.atomic
def decline_proposal(*, proposal: Proposal, by: User) -> Proposal:
    """Either side says "passt nicht"; the pair is never proposed again."""
    _require("needs.decline_proposal", by, proposal)
    _lock_proposal(proposal)
    need_side_member = by.has_perm("needs.apply_from_proposal", proposal)
    proposal.state = (
        Proposal.State.DECLINED_BY_NEED if need_side_member else Proposal.State.DECLINED_BY_PROMISER
    )
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["state", "decided_at", "updated_at"])
    record(actor=by, verb=PROPOSAL_DECLINED, target=proposal.need, promise=proposal.promise_id)
    return proposal


def default_plan(need: Need) -> str:
    return _("Für unseren Bedarf „%(need)s“ (%(place)s):\n\n%(description)s") % {
        "need": need.title,
        "place": need.municipality.name,
        "description": need.description,
    }


@transaction.atomic
def apply_from_proposal(
    *, proposal: Proposal, by: User, plan: str = "", quantity: int | None = None
) -> Redemption:
    """One click: apply for the proposed promise for the need's organisation, with the need's
    text as the plan. The promise's own service guards capacity, eligibility and duplicates."""
    _require("needs.apply_from_proposal", by, proposal)
    _lock_proposal(proposal)
    need = Need.objects.select_related("organisation", "municipality").get(pk=proposal.need_id)
    if not need.is_open:
        raise DomainError(_("Dieser Bedarf ist nicht (mehr) offen."), code="need_not_open")
    promise = Promise.objects.get(pk=proposal.promise_id)
    if quantity is None:
        quantity = max(1, min(need.quantity, promise.remaining_quantity))
    redemption = promise_services.apply_for_promise(
        promise=promise,
        by=by,
        organisation=need.organisation,
        plan=plan.strip() or default_plan(need),
        quantity=quantity,
    )
    proposal.state = Proposal.State.APPLIED
    proposal.redemption = redemption
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["state", "redemption", "decided_at", "updated_at"])
    record(actor=by, verb=APPLIED, target=need, promise=promise.pk, redemption=redemption.pk)
    return redemption


@transaction.atomic
def answer_need(*, need: Need, by: User, organisation: Organisation | None = None) -> Promise:
    """ "Ich kann das versprechen": a draft promise prefilled from the need, linked to it by a
    proposal; the person adapts and submits it as any promise."""
    _require("needs.promise_for_need", by, need)
    if organisation is not None and not is_org_member(by, organisation):
        raise PermissionDenied
    need = Need.objects.select_related("organisation", "municipality").get(pk=need.pk)
    deadline = max(need.needed_by, timezone.localdate() + datetime.timedelta(days=ANSWER_MIN_DAYS))
    promise = promise_services.create_promise(
        by=by,
        organisation=organisation,
        title=need.title,
        description=need.description,
        category=need.category,
        quantity=need.quantity,
        unit=need.unit,
        unit_singular=need.unit_singular,
        municipality=need.municipality,
        deadline=deadline,
        capacity=1,
        condition=_("… %(organisation)s damit „%(need)s“ umsetzt.")
        % {"organisation": need.organisation.name, "need": need.title},
        report_requirements=_("Ein kurzer Bericht mit Foto: Wofür wurde es eingesetzt?"),
    )
    Proposal.objects.create(need=need, promise=promise, score=1.0, reasons={"answer": True})
    record(actor=by, verb=ANSWERED, target=need, promise=promise.pk)
    promiser = organisation.name if organisation else by.public_name
    _notify_need_side(need, messages.PROMISE_FOR_NEED, name=promiser)
    return promise


def erase_author(*, user: User) -> int:
    """The author's account is deleted: the needs stay with their organisations, unsigned."""
    return Need.objects.filter(author=user).update(author=None)


@transaction.atomic
def close_need_by_moderation(*, need: Need, by: User, comment: str) -> Need:
    """A moderator takes a reported need off the list (closed, its proposals end)."""
    _require("needs.review_need", by, need)
    _lock(need)
    need.require_state(Need.State.PUBLISHED)
    need.move_to(Need.State.CLOSED, by=by, comment=comment)
    _end_proposals(need)
    record(actor=by, verb=CLOSED_BY_MODERATION, target=need, comment=comment)
    return need
