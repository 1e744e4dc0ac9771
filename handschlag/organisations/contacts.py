"""Contact persons: a member who agrees is shown with name, function and (optionally) a work
email address on the organisation's page and, for a municipality, on the town's network
page. Only the person decides, never an admin: consent is theirs to give and to take back,
and it ends with the membership."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from handschlag.audit.services import record
from handschlag.core.errors import DomainError

from .models import Membership, Organisation

if TYPE_CHECKING:
    from handschlag.accounts.models import User

CONTACT_SHOWN = "organisations.contact_shown"
CONTACT_HIDDEN = "organisations.contact_hidden"


def _own_membership(organisation: Organisation, by: User) -> Membership:
    membership = (
        Membership.objects.select_for_update().filter(organisation=organisation, user=by).first()
    )
    if membership is None or not by.is_active:
        raise DomainError(_("Sie sind nicht Mitglied dieser Organisation."), code="not_member")
    return membership


@transaction.atomic
def show_as_contact(
    *, organisation: Organisation, by: User, function: str, email: str = ""
) -> Membership:
    """`by` agrees to be shown as a contact person of `organisation`."""
    membership = _own_membership(organisation, by)
    if not function.strip():
        raise DomainError(_("Bitte geben Sie Ihre Funktion an."), code="function")
    membership.contact_function = function.strip()
    membership.contact_email = email.strip()
    membership.contact_consented_at = timezone.now()
    membership.save(update_fields=["contact_function", "contact_email", "contact_consented_at"])
    record(actor=by, verb=CONTACT_SHOWN, target=organisation, function=membership.contact_function)
    return membership


@transaction.atomic
def hide_as_contact(*, organisation: Organisation, by: User) -> Membership:
    """`by` takes the consent back: nothing of it stays public."""
    membership = _own_membership(organisation, by)
    membership.contact_function = ""
    membership.contact_email = ""
    membership.contact_consented_at = None
    membership.save(update_fields=["contact_function", "contact_email", "contact_consented_at"])
    record(actor=by, verb=CONTACT_HIDDEN, target=organisation)
    return membership


def public_contacts(organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(
            organisation=organisation, contact_consented_at__isnull=False, user__is_active=True
        )
        .select_related("user")
        .order_by("contact_consented_at", "pk")
    )
