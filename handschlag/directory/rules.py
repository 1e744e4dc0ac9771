"""Object permissions of the newcomer portal (django-rules), checked with `has_perm` in
services, views, API and templates alike. Permissions: "directory.<action>".

- The portal belongs to its town's verified municipality organisation: its members edit
  everything in it (offers, providers, places, guides, translations); its admins also publish
  the portal, set how often offers are checked and name translators.
- A verified provider organisation linked to a provider edits that provider's offers (and
  their translations); it adds new offers only under its own provider.
- Translators (the scoped role `directory.translator`, granted in the municipality
  organisation for one portal) translate every section of that portal and change nothing else.
- Moderators and everyone else read what is published. Every predicate reads the membership
  at the time of asking: someone who left the organisation has no power left.
"""

from __future__ import annotations

from typing import Any

import rules

from handschlag.accounts.rules import is_active_user
from handschlag.organisations.models import Membership, Organisation
from handschlag.organisations.roles import has_role
from handschlag.organisations.rules import (
    is_municipality_admin,
    is_municipality_member,
    is_org_member,
)

from .models import (
    GuidePage,
    GuideSection,
    GuideTopic,
    Location,
    Offer,
    OfferLocation,
    Portal,
    Provider,
)

TRANSLATOR = "directory.translator"


def portal_of(obj: Any) -> Portal | None:
    """The portal an object of the directory belongs to (None for anything else)."""
    if isinstance(obj, Portal):
        return obj
    if isinstance(obj, Provider | Location | Offer | GuideTopic):
        return obj.portal
    if isinstance(obj, GuidePage):
        return obj.topic.portal
    if isinstance(obj, GuideSection):
        return obj.page.topic.portal
    if isinstance(obj, OfferLocation):
        return obj.offer.portal
    return None


def _provider_of(obj: Any) -> Provider | None:
    if isinstance(obj, Provider):
        return obj
    if isinstance(obj, Offer):
        return obj.provider
    if isinstance(obj, OfferLocation):
        return obj.offer.provider
    return None


@rules.predicate
def is_portal_editor(user: Any, obj: Any) -> bool:
    """A current member of the verified municipality organisation that keeps the portal —
    except a member named translator of it: translators translate and change nothing else
    (the organisation's admins keep their powers with the role)."""
    portal = portal_of(obj)
    if portal is None or not is_municipality_member(user, portal.organisation):
        return False
    return bool(is_municipality_admin(user, portal.organisation)) or not has_role(
        user, TRANSLATOR, scope=portal, organisation=portal.organisation
    )


@rules.predicate
def is_portal_admin(user: Any, obj: Any) -> bool:
    portal = portal_of(obj)
    return portal is not None and bool(is_municipality_admin(user, portal.organisation))


@rules.predicate
def is_provider_member(user: Any, obj: Any) -> bool:
    """A current member of the verified organisation linked to the provider of `obj`."""
    provider = _provider_of(obj)
    organisation = provider.organisation if provider is not None else None
    return (
        organisation is not None and organisation.is_verified
        and bool(is_org_member(user, organisation))
    )  # fmt: skip


@rules.predicate
def is_translator(user: Any, obj: Any) -> bool:
    portal = portal_of(obj)
    return (
        portal is not None and is_active_user(user)
        and has_role(user, TRANSLATOR, scope=portal, organisation=portal.organisation)
    )  # fmt: skip


@rules.predicate
def keeps_a_provider(user: Any, portal: Any) -> bool:
    """A member of a verified organisation linked to one of the portal's providers."""
    if not isinstance(portal, Portal) or not is_active_user(user):
        return False
    return portal.providers.filter(
        organisation__is_verified=True, organisation__memberships__user=user
    ).exists()


@rules.predicate
def is_town_admin(user: Any, municipality: Any) -> bool:
    """An admin of a verified municipality organisation of the town `municipality`: may open
    the town's portal when it has none."""
    if municipality is None or not is_active_user(user):
        return False
    return Organisation.objects.filter(
        kind=Organisation.Kind.MUNICIPALITY, is_verified=True, municipality=municipality,
        memberships__user=user, memberships__role=Membership.Role.ADMIN,
    ).exists()  # fmt: skip


@rules.predicate
def keeps_every_offer_at(user: Any, location: Any) -> bool:
    """A member of the verified organisations running every offer at `location` (at least
    one): a provider edits a place that only its own offers use."""
    if not isinstance(location, Location) or not is_active_user(user):
        return False
    providers = Provider.objects.filter(offers__offer_locations__location=location).distinct()
    every = set(providers.values_list("pk", flat=True))
    kept = set(
        providers.filter(
            organisation__is_verified=True, organisation__memberships__user=user
        ).values_list("pk", flat=True)
    )
    return bool(every) and every == kept


@rules.predicate
def is_published(user: Any, obj: Any) -> bool:
    portal = portal_of(obj)
    return portal is not None and portal.is_published


can_edit_portal = is_portal_editor
can_edit_offer = is_portal_editor | is_provider_member

rules.add_perm("directory.view_portal", is_published | is_portal_editor | is_translator)
rules.add_perm("directory.manage_portal", is_portal_admin)
rules.add_perm("directory.edit_portal", is_portal_editor)
rules.add_perm("directory.add_offer", is_portal_editor | keeps_a_provider)
rules.add_perm("directory.edit_offer", can_edit_offer)
rules.add_perm("directory.edit_provider", is_portal_editor | is_provider_member)
rules.add_perm("directory.edit_guides", is_portal_editor)
rules.add_perm("directory.translate", is_portal_editor | is_translator | is_provider_member)
rules.add_perm("directory.handle_reports", is_portal_editor)
rules.add_perm("directory.work_in_portal", is_portal_editor | is_translator | keeps_a_provider)
# the editor's part (issue #12, point 2): opening a town's portal, editing a place of offers
rules.add_perm("directory.create_portal", is_town_admin)
rules.add_perm("directory.edit_location", is_portal_editor | keeps_every_offer_at)
