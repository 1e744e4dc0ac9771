"""The cast of the editor's tests: one portal with a municipality editor and admin, a provider
organisation's member, a translator, another town's admin, a moderator; offers of the provider
(published, with a place and hours; and a draft) and of the town; a snapshot of everything the
editor's pages can write, to assert that a refused write changed nothing."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from handschlag.audit.models import AuditEntry
from handschlag.directory.models import (
    Location,
    Offer,
    OfferLanguage,
    OfferLocation,
    OfferTopic,
    Portal,
    Provider,
    Schedule,
    ScheduleException,
)
from handschlag.directory.rules import TRANSLATOR
from handschlag.organisations.models import Membership, Organisation, RoleGrant
from handschlag.organisations.roles import grant_role
from tests import factories as base

from . import factories

ROLES = ["editor", "admin", "provider", "translator", "other_town", "moderator", "anonymous"]


def build_cast(portal: Portal) -> SimpleNamespace:
    municipality_org = portal.organisation

    def member(organisation: Organisation, role: str = "member"):
        return base.MembershipFactory(organisation=organisation, role=role).user

    editor = member(municipality_org)
    admin = member(municipality_org, "admin")
    translator = member(municipality_org)
    grant_role(
        membership=Membership.objects.get(user=translator, organisation=municipality_org),
        by=admin, role=TRANSLATOR, scope=portal,
    )  # fmt: skip
    provider_org = base.OrganisationFactory(
        name="Caritas Musterstadt", is_verified=True, municipality=portal.municipality
    )
    provider_member = member(provider_org)
    provider = factories.ProviderFactory(portal=portal, organisation=provider_org, name="Caritas")
    town_provider = factories.ProviderFactory(portal=portal, name="Stadtverwaltung")
    own = factories.OfferFactory(portal=portal, provider=provider, name="Migrationsberatung")
    draft = factories.OfferFactory(
        portal=portal, provider=provider, name="Entwurf Sprachcafé", published_at=None
    )
    town_offer = factories.OfferFactory(portal=portal, provider=town_provider, name="Bürgerbüro")
    location = factories.LocationFactory(portal=portal, name="Caritas-Haus")
    place = OfferLocation.objects.create(offer=own, location=location)
    Schedule.objects.create(
        offer_location=place, weekday=0, opens_at=datetime.time(9), closes_at=datetime.time(12)
    )
    other_portal = factories.PortalFactory()
    other_town = member(other_portal.organisation, "admin")
    return SimpleNamespace(
        portal=portal, slug=portal.municipality.slug, editor=editor, admin=admin,
        translator=translator, provider_org=provider_org, provider_member=provider_member,
        provider=provider, town_provider=town_provider, own=own, draft=draft,
        town_offer=town_offer, location=location, place=place, other_portal=other_portal,
        other_town=other_town, moderator=base.ModeratorFactory(),
        grant=RoleGrant.objects.get(role=TRANSLATOR),
    )  # fmt: skip


def user_of(cast: SimpleNamespace, role: str):
    return (
        None
        if role == "anonymous"
        else getattr(cast, {"provider": "provider_member"}.get(role, role))
    )


def snapshot() -> tuple:
    """Everything the editor's pages write (and the audit log): equal before and after a
    refused request."""
    return (
        list(Portal.objects.order_by("pk").values()),
        list(Provider.objects.order_by("pk").values()),
        list(Location.objects.order_by("pk").values()),
        list(Offer.objects.order_by("pk").values()),
        list(OfferTopic.objects.order_by("pk").values()),
        list(OfferLanguage.objects.order_by("pk").values()),
        list(OfferLocation.objects.order_by("pk").values()),
        list(Schedule.objects.order_by("pk").values()),
        list(ScheduleException.objects.order_by("pk").values()),
        list(RoleGrant.objects.order_by("pk").values()),
        AuditEntry.objects.count(),
    )


def offer_data(offer: Offer, **changes) -> dict:
    """The offer form as the editor sends it, with `changes`."""
    data = {
        "name": offer.name, "summary": offer.summary, "description": offer.description,
        "eligibility": offer.eligibility, "required_documents": offer.required_documents,
        "cost": offer.cost, "cost_note": offer.cost_note,
        "min_age": offer.min_age or "", "max_age": offer.max_age or "",
        "website": offer.website, "contact_name": offer.contact_name,
        "contact_phone": offer.contact_phone, "contact_email": offer.contact_email,
        "provider": offer.provider_id,
        "topics": list(offer.topic_rows.values_list("topic", flat=True)),
        "languages": list(offer.language_rows.values_list("language", flat=True)),
    }  # fmt: skip
    data.update(changes)
    return data


def hours_data(*slots, exceptions=(), by_appointment=False, action="save") -> dict:
    """The hours form: `slots` as (weekday, "09:00", "12:00"), `exceptions` as dicts."""
    data = {
        "slots-TOTAL_FORMS": str(len(slots)), "slots-INITIAL_FORMS": "0",
        "exceptions-TOTAL_FORMS": str(len(exceptions)), "exceptions-INITIAL_FORMS": "0",
        "action": action,
    }  # fmt: skip
    if by_appointment:
        data["by_appointment"] = "on"
    for number, (weekday, opens, closes) in enumerate(slots):
        data.update({
            f"slots-{number}-weekday": str(weekday), f"slots-{number}-opens_at": opens,
            f"slots-{number}-closes_at": closes,
        })  # fmt: skip
    for number, item in enumerate(exceptions):
        data.update({f"exceptions-{number}-{key}": value for key, value in item.items()})
    return data
