"""Writes on promises: create, edit, submit, withdraw, moderate, copy ("Nachmachen")."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from handschlag.audit.services import record
from handschlag.core.errors import DomainError
from handschlag.core.units import amount, stored_pair
from handschlag.organisations.rules import is_org_member

from .. import messages
from ..models import Promise, Redemption
from ._common import lock_promise, notify_applicant, notify_promisers, require_perm

if TYPE_CHECKING:
    from handschlag.accounts.models import User
    from handschlag.organisations.models import Organisation

# Fields a promiser may set; everything else (state, counters, owner) belongs to the services.
EDITABLE_FIELDS = (
    "title", "description", "category", "quantity", "unit", "unit_singular", "estimated_value",
    "condition", "report_requirements", "municipality", "deadline", "capacity", "eligibility",
)  # fmt: skip
COPY_DAYS = 90
# A moderator can send back what waits for review and what is public.
RETURNABLE_STATES = (Promise.State.PENDING, Promise.State.PUBLISHED)
# Audit verbs (registered in apps.py).
CREATED = "promises.create_promise"
CHANGED = "promises.change_promise"
PUBLISHED = "promises.publish_promise"
RETURNED = "promises.return_promise"
COPIED = "promises.copy_promise"
DELETED = "promises.delete_draft"


def _clean_fields(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown promise fields: {sorted(unknown)}")
    if "capacity" in fields and (fields["capacity"] or 0) < 1:
        raise DomainError(_("Ein Versprechen muss mindestens einmal einlösbar sein."))
    if "quantity" in fields and (fields["quantity"] or 0) < 1:
        raise DomainError(_("Die Menge muss mindestens 1 sein."))
    value = fields.get("estimated_value")
    if value is not None and value < 0:
        raise DomainError(_("Der geschätzte Wert darf nicht negativ sein."))
    if "unit" in fields or "unit_singular" in fields:
        fields["unit_singular"], fields["unit"] = stored_pair(
            fields.get("unit_singular") or "", fields.get("unit") or ""
        )
    return fields


def _require_future_deadline(deadline: datetime.date) -> None:
    if deadline <= timezone.localdate():
        raise DomainError(_("Die Frist muss in der Zukunft liegen."), code="deadline")


@transaction.atomic
def create_promise(*, by: User, organisation: Organisation | None = None, **fields: Any) -> Promise:
    """A new draft promise by `by`, optionally for an organisation they belong to."""
    require_perm("promises.create_promise", by, None)
    if organisation is not None and not is_org_member(by, organisation):
        raise PermissionDenied
    fields = _clean_fields(fields)
    promise = Promise(owner=by, organisation=organisation, state=Promise.State.DRAFT, **fields)
    promise.remaining_capacity = promise.capacity
    promise.remaining_quantity = promise.quantity
    promise.save()
    record(actor=by, verb=CREATED, target=promise)
    return promise


@transaction.atomic
def update_promise(*, promise: Promise, by: User, **fields: Any) -> Promise:
    """Change a draft or returned promise; only its owner or an admin of its organisation."""
    require_perm("promises.edit_promise", by, promise)
    promise = Promise.objects.select_for_update().get(pk=promise.pk)
    promise.require_state(*Promise.EDITABLE_STATES)
    organisation = fields.pop("organisation", promise.organisation)
    changes_org = organisation is not None and organisation != promise.organisation
    if changes_org and not is_org_member(by, organisation):
        raise PermissionDenied
    fields = _clean_fields(fields)
    for name, value in fields.items():
        setattr(promise, name, value)
    promise.organisation = organisation
    # A promise returned after publication may already have accepted redemptions: the
    # counters are the totals minus what those hold (the row lock keeps accepts out meanwhile).
    held_count, held_units = _held(promise)
    if promise.capacity < held_count:
        raise DomainError(
            ngettext(
                "%(n)d Einlösung ist schon angenommen; so oft muss es mindestens einlösbar sein.",
                "%(n)d Einlösungen sind schon angenommen; "
                "so oft muss es mindestens einlösbar sein.",
                held_count,
            )
            % {"n": held_count},
            code="capacity",
        )
    if promise.quantity < held_units:
        raise DomainError(
            ngettext(
                "%(amount)s ist schon zugesagt; die Menge muss mindestens so groß sein.",
                "%(amount)s sind schon zugesagt; die Menge muss mindestens so groß sein.",
                held_units,
            )
            % {"amount": amount(held_units, promise.unit_singular, promise.unit)},
            code="quantity",
        )
    promise.remaining_capacity = promise.capacity - held_count
    promise.remaining_quantity = promise.quantity - held_units
    promise.save()
    record(actor=by, verb=CHANGED, target=promise, fields=sorted(fields))
    return promise


def _held(promise: Promise) -> tuple[int, int]:
    """How many redemptions, and how many units, the promise has already given."""
    held = promise.redemptions.filter(state__in=Redemption.HOLDING_STATES).aggregate(
        count=Count("pk"), units=Sum("quantity")
    )
    return held["count"], held["units"] or 0


@transaction.atomic
def submit_promise(*, promise: Promise, by: User) -> Promise:
    """Send a draft (or a returned promise) to the moderation queue."""
    require_perm("promises.edit_promise", by, promise)
    lock_promise(promise)
    promise.require_state(*Promise.EDITABLE_STATES)
    _require_future_deadline(promise.deadline)
    promise.move_to(Promise.State.PENDING, by=by)
    return promise


@transaction.atomic
def withdraw_promise(*, promise: Promise, by: User) -> Promise:
    """Withdraw a promise; open applications are declined, accepted ones go on."""
    require_perm("promises.withdraw_promise", by, promise)
    lock_promise(promise)
    promise.require_state(*RUNNING_STATES)
    promise.move_to(Promise.State.WITHDRAWN, by=by)
    reason = _("Das Versprechen wurde zurückgezogen.")
    decline_open_applications(promise=promise, by=by, reason=reason)
    return promise


@transaction.atomic
def delete_draft(*, promise: Promise, by: User) -> None:
    """A draft that was never public is deleted, not withdrawn: nobody else has seen it."""
    require_perm("promises.edit_promise", by, promise)
    lock_promise(promise)
    if promise.state not in Promise.EDITABLE_STATES or promise.published_at is not None:
        raise DomainError(
            _("Nur Entwürfe, die nie veröffentlicht waren, können gelöscht werden."),
            code="wrong_state",
        )
    record(actor=by, verb=DELETED, target=promise, title=promise.title)
    promise.delete()


# The states a promise can be withdrawn from: it still runs, or is about to.
RUNNING_STATES = (
    Promise.State.DRAFT, Promise.State.RETURNED, Promise.State.PENDING, Promise.State.PUBLISHED
)  # fmt: skip


@transaction.atomic
def withdraw_promises_of_leaving_user(*, user: User) -> int:
    """The account of `user` is being deleted: their personal promises that still run are
    withdrawn, so nobody applies to a promise no one will answer. Promises made for an
    organisation stay with the organisation, whose admins can still decide on them."""
    reason = _("Das Versprechen wurde zurückgezogen.")
    withdrawn = 0
    for promise in Promise.objects.filter(
        owner=user, organisation__isnull=True, state__in=RUNNING_STATES
    ):
        lock_promise(promise)
        if promise.state in RUNNING_STATES:
            promise.move_to(Promise.State.WITHDRAWN, by=None)
            decline_open_applications(promise=promise, by=None, reason=reason)
            withdrawn += 1
    return withdrawn


@transaction.atomic
def expire_promise(*, promise: Promise) -> bool:
    """The deadline has passed: expire the promise, decline what still waits, tell the
    promisers. False if it was no longer published (withdrawn or expired meanwhile)."""
    lock_promise(promise)
    if promise.state != Promise.State.PUBLISHED:
        return False
    promise.move_to(Promise.State.EXPIRED, by=None)
    decline_open_applications(promise=promise, by=None, reason=_("Das Versprechen ist abgelaufen."))
    notify_promisers(promise, messages.PROMISE_EXPIRED)
    return True


@transaction.atomic
def warn_of_expiry(*, promise: Promise) -> bool:
    """Tell the promisers once that the deadline is near; the conditional UPDATE makes the
    warning go out once, even if two runs overlap."""
    claimed = Promise.objects.filter(pk=promise.pk, expiry_warned_at__isnull=True).update(
        expiry_warned_at=timezone.now()
    )
    if claimed:
        notify_promisers(promise, messages.EXPIRING_SOON, deadline=promise.deadline.isoformat())
    return bool(claimed)


def decline_open_applications(*, promise: Promise, by: User | None, reason: str) -> int:
    """Decline every application still waiting for a decision (used on withdrawal and expiry).

    The caller holds the promise's row lock, so no application changes meanwhile."""
    waiting = promise.redemptions.filter(state=Redemption.State.APPLIED).select_related(
        "applicant", "promise"
    )
    count = 0
    for redemption in waiting:
        redemption.decision_reason = reason
        redemption.move_to(
            Redemption.State.DECLINED, by=by, comment=reason, save_fields=["decision_reason"]
        )
        notify_applicant(redemption, messages.APPLICATION_DECLINED, reason=reason)
        count += 1
    return count


@transaction.atomic
def approve_promise(*, promise: Promise, by: User, comment: str = "") -> Promise:
    """A moderator publishes a pending promise."""
    require_perm("promises.review_promise", by, promise)
    lock_promise(promise)
    promise.require_state(Promise.State.PENDING)
    promise.published_at = timezone.now()
    promise.moderation_comment = comment
    promise.move_to(
        Promise.State.PUBLISHED,
        by=by,
        comment=comment,
        save_fields=["published_at", "moderation_comment"],
    )
    record(actor=by, verb=PUBLISHED, target=promise, comment=comment)
    notify_promisers(promise, messages.PROMISE_PUBLISHED)
    return promise


@transaction.atomic
def return_promise(*, promise: Promise, by: User, comment: str) -> Promise:
    """A moderator returns a pending or published promise to its owner with a comment."""
    require_perm("promises.review_promise", by, promise)
    if not comment.strip():
        raise DomainError(_("Bitte begründen Sie die Rückgabe."))
    lock_promise(promise)
    promise.require_state(*RETURNABLE_STATES)
    promise.moderation_comment = comment
    promise.move_to(
        Promise.State.RETURNED, by=by, comment=comment, save_fields=["moderation_comment"]
    )
    record(actor=by, verb=RETURNED, target=promise, comment=comment)
    notify_promisers(promise, messages.RETURNED_BY_MODERATION, comment=comment)
    return promise


def is_fulfilled(promise: Promise) -> bool:
    return promise.redemptions.filter(state__in=Redemption.FULFILLED_STATES).exists()


@transaction.atomic
def copy_promise(*, promise: Promise, by: User) -> Promise:
    """ "Nachmachen": a draft copy of a fulfilled public promise for `by` to adapt to their town."""
    require_perm("promises.copy_promise", by, promise)
    if promise.state not in Promise.PUBLIC_STATES or not is_fulfilled(promise):
        raise DomainError(_("Nur erfüllte Versprechen können nachgemacht werden."))
    fields = {name: getattr(promise, name) for name in EDITABLE_FIELDS}
    fields["municipality"] = None
    fields["deadline"] = timezone.localdate() + datetime.timedelta(days=COPY_DAYS)
    copy = Promise(owner=by, state=Promise.State.DRAFT, inspired_by=promise, **fields)
    copy.remaining_capacity = copy.capacity
    copy.remaining_quantity = copy.quantity
    copy.save()
    record(actor=by, verb=COPIED, target=copy, original=promise.pk)
    return copy
