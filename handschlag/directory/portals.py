"""A town's portal as a whole: opening it, publishing it, how often its offers are checked, and
who translates it. Only admins of the town's verified municipality organisation do these."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handschlag.audit.services import record
from handschlag.core.errors import DomainError
from handschlag.organisations.models import Membership, Organisation, RoleGrant
from handschlag.organisations.roles import grant_role, revoke_role
from handschlag.places.models import Municipality

from .editing import apply_changes
from .models import Portal
from .rules import TRANSLATOR

PORTAL_CREATED = "directory.portal_created"


def _require(perm: str, by: Any, obj: Any) -> None:
    if not by.has_perm(perm, obj):
        raise PermissionDenied


def town_organisations(municipality: Municipality, by: Any) -> list[Organisation]:
    """The verified municipality organisations of the town that `by` administers: what may
    keep its portal."""
    return list(
        Organisation.objects.filter(
            kind=Organisation.Kind.MUNICIPALITY, is_verified=True, municipality=municipality,
            memberships__user=by, memberships__role=Membership.Role.ADMIN,
        ).order_by("name")
    )  # fmt: skip


@transaction.atomic
def create_portal(
    *, municipality: Municipality, organisation: Organisation, by: Any, welcome: str = ""
) -> Portal:
    """Open the town's portal, kept by `organisation` (which `by` administers). Unpublished
    until an admin publishes it."""
    _require("directory.create_portal", by, municipality)
    if organisation not in town_organisations(municipality, by):
        raise PermissionDenied
    if Portal.objects.filter(municipality=municipality).exists():
        raise DomainError(_("Diese Kommune hat schon ein Portal."), code="exists")
    try:
        with transaction.atomic():
            portal = Portal.objects.create(
                municipality=municipality, organisation=organisation, welcome=welcome.strip()
            )
    except IntegrityError:  # someone opened it at the same moment
        raise DomainError(_("Diese Kommune hat schon ein Portal."), code="exists") from None
    record(actor=by, verb=PORTAL_CREATED, target=portal, organisation=organisation.name)
    return portal


@transaction.atomic
def set_portal_published(*, portal: Portal, published: bool, by: Any) -> Portal:
    """Publish the portal (readers see its published offers) or take it offline again."""
    _require("directory.manage_portal", by, portal)
    if published == portal.is_published:
        return portal
    apply_changes(portal, {"published_at": timezone.now() if published else None}, by=by)
    return portal


@transaction.atomic
def update_portal(*, portal: Portal, by: Any, **values: Any) -> dict[str, list[Any]]:
    """The welcome text and the check intervals."""
    _require("directory.manage_portal", by, portal)
    allowed = {"welcome", "check_every_days", "flag_after_days"}
    if set(values) - allowed:
        raise DomainError(_("Das lässt sich hier nicht ändern."))
    if "welcome" in values:
        values["welcome"] = values["welcome"].strip()
    return apply_changes(portal, values, by=by)


def translator_grants(portal: Portal) -> dict[int, RoleGrant]:
    """The translator role of the portal's members, by membership id."""
    grants = RoleGrant.objects.filter(
        role=TRANSLATOR, membership__organisation=portal.organisation, scope_id=portal.pk,
        scope_type__app_label="directory", scope_type__model="portal",
    )  # fmt: skip
    return {grant.membership_id: grant for grant in grants}


@transaction.atomic
def grant_translator(*, portal: Portal, membership: Membership, by: Any) -> RoleGrant:
    """A member of the municipality organisation translates the portal from now on."""
    _require("directory.manage_portal", by, portal)
    if membership.organisation_id != portal.organisation_id:
        raise DomainError(_("Übersetzen dürfen nur Mitglieder Ihrer Organisation."))
    return grant_role(membership=membership, by=by, role=TRANSLATOR, scope=portal)


@transaction.atomic
def revoke_translator(*, portal: Portal, grant: RoleGrant, by: Any) -> None:
    _require("directory.manage_portal", by, portal)
    if grant.role != TRANSLATOR or grant.pk not in {
        found.pk for found in translator_grants(portal).values()
    }:
        raise DomainError(_("Diese Rolle gehört nicht zu diesem Portal."))
    revoke_role(grant=grant, by=by)
