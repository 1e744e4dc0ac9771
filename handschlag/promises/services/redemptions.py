"""Writes on redemptions: apply, decide, withdraw, start.

Capacity is guarded by conditional UPDATEs, correct under concurrency on every database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from handschlag.audit.services import record
from handschlag.core import capacity
from handschlag.core.errors import DomainError
from handschlag.core.units import amount
from handschlag.organisations.rules import is_org_member

from .. import messages
from ..models import Eligibility, Promise, Redemption
from ._common import lock_promise_row, notify_applicant, notify_promisers, require_perm

if TYPE_CHECKING:
    from handschlag.accounts.models import User
    from handschlag.organisations.models import Organisation


# Audit verb (registered in apps.py); the state changes that follow are in the state history.
APPLIED = "promises.apply"


def lock_state(redemption: Redemption) -> None:
    """Reload the state under a row lock, so two decisions on one application cannot both pass.

    The promise is locked first (see lock_promise_row for the lock order)."""
    lock_promise_row(redemption.promise_id)
    redemption.state = (
        Redemption.objects.select_for_update().values_list("state", flat=True).get(pk=redemption.pk)
    )


def take_capacity(*, promise_id: int, quantity: int) -> bool:
    """Hold one redemption and `quantity` units with the kernel's guard; False if the promise
    is no longer open (state and deadline are part of the condition) or has too little left."""
    return capacity.take(
        Promise.objects.open().filter(pk=promise_id),
        counters={"remaining_capacity": 1, "remaining_quantity": quantity},
    )


def _refusal(promise_id: int) -> DomainError:
    """Why take_capacity said no: the promise is closed, or it is full."""
    promise = Promise.objects.only("state", "deadline").get(pk=promise_id)
    if promise.state != Promise.State.PUBLISHED or promise.deadline < timezone.localdate():
        return DomainError(_("Dieses Versprechen ist nicht (mehr) offen."), code="not_open")
    return DomainError(_("Dieses Versprechen ist bereits vollständig vergeben."), code="full")


def give_back_capacity(*, promise_id: int, quantity: int) -> None:
    """Return what a redemption held; the guard keeps the counters within the totals."""
    capacity.give_back(
        Promise.objects.filter(pk=promise_id),
        counters={"remaining_capacity": 1, "remaining_quantity": quantity},
        totals={"remaining_capacity": "capacity", "remaining_quantity": "quantity"},
    )


def _check_eligibility(*, promise: Promise, by: User, organisation: Organisation | None) -> None:
    if organisation is not None and not is_org_member(by, organisation):
        raise PermissionDenied
    if promise.eligibility != Eligibility.ANYONE and organisation is None:
        raise DomainError(
            _("Dieses Versprechen können nur Organisationen einlösen."), code="eligibility"
        )
    if promise.eligibility == Eligibility.VERIFIED and not organisation.is_verified:  # type: ignore[union-attr]
        raise DomainError(
            _("Dieses Versprechen können nur verifizierte Organisationen einlösen."),
            code="eligibility",
        )


def _check_not_promiser(*, promise: Promise, by: User, organisation: Organisation | None) -> None:
    own = promise.owner_id == by.pk
    if promise.organisation_id:
        own = own or organisation == promise.organisation or is_org_member(by, promise.organisation)
    if own:
        raise DomainError(
            _("Sie können Ihr eigenes Versprechen nicht einlösen."), code="own_promise"
        )


@transaction.atomic
def apply_for_promise(
    *,
    promise: Promise,
    by: User,
    organisation: Organisation | None = None,
    plan: str,
    quantity: int,
) -> Redemption:
    """Apply to redeem an open promise, for oneself or for an organisation."""
    if not by.has_perm("promises.apply"):
        raise PermissionDenied
    # Under the promise's lock, so a withdrawal or expiry cannot slip in between the check
    # that it is open and the new application.
    lock_promise_row(promise.pk)
    promise = Promise.objects.select_related("owner", "organisation").get(pk=promise.pk)
    if not promise.is_open:
        raise DomainError(_("Dieses Versprechen ist nicht (mehr) offen."), code="not_open")
    if quantity < 1:
        raise DomainError(_("Bitte geben Sie eine Menge von mindestens 1 an."))
    if quantity > promise.remaining_quantity:
        raise DomainError(
            ngettext(
                "Es ist nur noch %(amount)s verfügbar.",
                "Es sind nur noch %(amount)s verfügbar.",
                promise.remaining_quantity,
            )
            % {"amount": amount(promise.remaining_quantity, promise.unit_singular, promise.unit)},
            code="quantity",
        )
    if not plan.strip():
        raise DomainError(_("Bitte beschreiben Sie, wie Sie die Bedingung erfüllen."))
    _check_not_promiser(promise=promise, by=by, organisation=organisation)
    _check_eligibility(promise=promise, by=by, organisation=organisation)
    duplicate = DomainError(
        _("Sie haben sich auf dieses Versprechen bereits beworben."), code="duplicate"
    )
    if promise.redemptions.filter(applicant=by, state=Redemption.State.APPLIED).exists():
        raise duplicate
    try:
        with transaction.atomic():
            redemption = Redemption.objects.create(
                promise=promise,
                applicant=by,
                organisation=organisation,
                plan=plan,
                quantity=quantity,
            )
    except IntegrityError as exc:  # a parallel request won the race for the unique constraint
        raise duplicate from exc
    record(actor=by, verb=APPLIED, target=redemption, quantity=quantity)
    notify_promisers(
        promise, messages.NEW_APPLICATION, url=redemption.get_absolute_url(),
        applicant=redemption.redeemer_name, quantity=str(redemption.quantity),
        unit=promise.unit, unit_singular=promise.unit_singular,
    )  # fmt: skip
    return redemption


@transaction.atomic
def accept_application(*, redemption: Redemption, by: User) -> Redemption:
    """The promiser accepts; refused when the promise is no longer open or has nothing left."""
    require_perm("promises.decide_application", by, redemption)
    lock_state(redemption)
    redemption.require_state(Redemption.State.APPLIED)
    if not take_capacity(promise_id=redemption.promise_id, quantity=redemption.quantity):
        raise _refusal(redemption.promise_id)
    redemption.move_to(Redemption.State.ACCEPTED, by=by)
    notify_applicant(redemption, messages.APPLICATION_ACCEPTED)
    return redemption


@transaction.atomic
def decline_application(*, redemption: Redemption, by: User, reason: str) -> Redemption:
    require_perm("promises.decide_application", by, redemption)
    if not reason.strip():
        raise DomainError(_("Bitte begründen Sie die Ablehnung."), code="reason")
    lock_state(redemption)
    redemption.require_state(Redemption.State.APPLIED)
    redemption.decision_reason = reason
    redemption.move_to(
        Redemption.State.DECLINED, by=by, comment=reason, save_fields=["decision_reason"]
    )
    notify_applicant(redemption, messages.APPLICATION_DECLINED, reason=reason)
    return redemption


@transaction.atomic
def withdraw_application(*, redemption: Redemption, by: User) -> Redemption:
    """The applicant steps back; a held capacity goes back to the promise."""
    require_perm("promises.withdraw_application", by, redemption)
    lock_state(redemption)
    redemption.require_state(
        Redemption.State.APPLIED, Redemption.State.ACCEPTED, Redemption.State.IN_PROGRESS
    )
    held = redemption.state in Redemption.HOLDING_STATES
    redemption.move_to(Redemption.State.WITHDRAWN, by=by)
    if held:
        give_back_capacity(promise_id=redemption.promise_id, quantity=redemption.quantity)
    return redemption


@transaction.atomic
def start_redemption(*, redemption: Redemption, by: User) -> Redemption:
    require_perm("promises.work_on_redemption", by, redemption)
    lock_state(redemption)
    redemption.require_state(Redemption.State.ACCEPTED)
    redemption.move_to(Redemption.State.IN_PROGRESS, by=by)
    return redemption


@transaction.atomic
def end_for_leaving_applicant(*, redemption: Redemption) -> None:
    """The applicant's account is being deleted: a personal application is withdrawn, and an
    accepted or running redemption ends, gives its place back and the promisers are told."""
    lock_state(redemption)
    if redemption.state not in (
        Redemption.State.APPLIED,
        Redemption.State.ACCEPTED,
        Redemption.State.IN_PROGRESS,
    ):
        return
    held = redemption.state in Redemption.HOLDING_STATES
    redemption.move_to(Redemption.State.WITHDRAWN, by=None)
    if held:
        give_back_capacity(promise_id=redemption.promise_id, quantity=redemption.quantity)
        notify_promisers(redemption.promise, messages.REDEEMER_LEFT)
