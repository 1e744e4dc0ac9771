"""A carrier's admins appoint its coordinators among the members of the carrier's
organisation: for one site (site coordination) or the whole carrier. The grants are the
organisations app's scoped roles (grant_role / revoke_role record them in the audit log), so
leaving the organisation ends the role at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _

from handschlag.core.errors import DomainError
from handschlag.organisations.models import Membership, RoleGrant
from handschlag.organisations.roles import grant_role, revoke_role

from . import access
from .joining import require_perm
from .models import Carrier, Site

if TYPE_CHECKING:
    from handschlag.accounts.models import User


@transaction.atomic
def appoint_coordinator(
    *, carrier: Carrier, by: User, membership: Membership, site: Site | None = None
) -> RoleGrant:
    """Make a member coordinator of `site` (or, without a site, of the whole carrier)."""
    require_perm("mentoring.appoint_coordinators", by, carrier)
    if membership.organisation_id != carrier.organisation_id:
        raise DomainError(
            _("Nur Mitglieder der Organisation des Trägers können koordinieren."),
            code="not_member",
        )
    if site is not None and site.carrier_id != carrier.pk:
        raise DomainError(_("Dieser Standort gehört zu einem anderen Träger."), code="scope")
    if site is None:
        grant = grant_role(
            membership=membership, by=by, role=access.CARRIER_COORDINATOR, scope=carrier
        )
    else:
        grant = grant_role(membership=membership, by=by, role=access.SITE_COORDINATOR, scope=site)
    access.forget_scopes(membership.user)
    return grant


@transaction.atomic
def relieve_coordinator(*, carrier: Carrier, by: User, grant: RoleGrant) -> None:
    """End one coordination role of the carrier or one of its sites."""
    require_perm("mentoring.appoint_coordinators", by, carrier)
    types = ContentType.objects.get_for_models(Site, Carrier)
    of_carrier = (
        grant.role == access.CARRIER_COORDINATOR
        and grant.scope_type_id == types[Carrier].pk
        and grant.scope_id == carrier.pk
    )
    of_its_site = (
        grant.role == access.SITE_COORDINATOR
        and grant.scope_type_id == types[Site].pk
        and grant.scope_id is not None
        and Site.objects.filter(pk=grant.scope_id, carrier=carrier).exists()
    )
    if grant.membership.organisation_id != carrier.organisation_id or not (
        of_carrier or of_its_site
    ):
        raise DomainError(_("Diese Rolle gehört nicht zu diesem Träger."), code="scope")
    revoke_role(grant=grant, by=by)
    access.forget_scopes(grant.membership.user)
