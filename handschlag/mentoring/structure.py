"""The structure of a programme without the Django admin: programme staff edit their programme
and add its carriers (each run by an existing organisation); a carrier's coordinators and the
admins of its organisation add and edit the carrier's sites.

Nothing that has had people or tandems is deleted: a site or carrier that has is *deactivated*
(it takes no registrations, leaves the public pages and the site finder; its tandems run on
until they end, its coordinators keep their access, its numbers stay in the statistics) and
can be activated again. Only an empty site or carrier is deleted, with the coordination roles
that hung on it. `site_footprint` / `carrier_footprint` say beforehand which it will be and
what follows, so the page can ask first.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from handschlag.audit.services import record
from handschlag.core.errors import DomainError
from handschlag.organisations.models import Organisation, RoleGrant
from handschlag.places.models import Municipality

from . import access
from .joining import require_perm
from .models import (
    Carrier,
    MatchingRound,
    Mentee,
    Mentor,
    Programme,
    Site,
    Tandem,
    TandemKind,
)

if TYPE_CHECKING:
    from handschlag.accounts.models import User

PROGRAMME_UPDATED = "mentoring.programme_updated"
CARRIER_ADDED = "mentoring.carrier_added"
CARRIER_CHANGED = "mentoring.carrier_changed"
CARRIER_DEACTIVATED = "mentoring.carrier_deactivated"
CARRIER_REACTIVATED = "mentoring.carrier_reactivated"
CARRIER_DELETED = "mentoring.carrier_deleted"
SITE_ADDED = "mentoring.site_added"
SITE_CHANGED = "mentoring.site_changed"
SITE_DEACTIVATED = "mentoring.site_deactivated"
SITE_REACTIVATED = "mentoring.site_reactivated"
SITE_DELETED = "mentoring.site_deleted"

DELETED = "deleted"
DEACTIVATED = "deactivated"

PROFILE_OPEN = (Mentor.State.SUBMITTED, Mentor.State.RETURNED, Mentor.State.APPROVED)


# --- programme -------------------------------------------------------------------------------


def kinds_in_use(programme: Programme, kinds: list[str]) -> dict[str, int]:
    """Of `kinds`, those that open profiles or open tandems of the programme still have, with
    how many (a kind cannot be taken away from them)."""
    used: dict[str, int] = {}
    sites = Site.objects.filter(carrier__programme=programme)
    for kind in kinds:
        has_kind = Q(kinds__icontains=f'"{kind}"')
        count = (
            Mentor.objects.filter(has_kind, site__in=sites, state__in=PROFILE_OPEN).count()
            + Mentee.objects.filter(has_kind, site__in=sites, state__in=PROFILE_OPEN).count()
            + Tandem.objects.filter(site__in=sites, kind=kind, state__in=Tandem.HOLDING).count()
        )
        if count:
            used[kind] = count
    return used


@transaction.atomic
def update_programme(
    *,
    programme: Programme,
    by: User,
    name: str,
    funder: str,
    description: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
    kinds: list[str],
    inactivity_weeks: int,
) -> Programme:
    """Programme staff change name, funder, description, period, kinds of tandem and after how
    many weeks without contact the coordination is told. A kind that open profiles or tandems
    still have cannot be removed."""
    require_perm("mentoring.edit_programme", by, programme)
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Bitte geben Sie dem Programm einen Namen."), code="name")
    if ends_on is not None and ends_on < starts_on:
        raise DomainError(_("Das Ende liegt vor dem Beginn."), code="ends_on")
    kinds = [value for value in TandemKind.values if value in set(kinds)]
    if not kinds:
        raise DomainError(_("Bitte wählen Sie mindestens eine Art von Tandem."), code="kinds")
    if not 2 <= int(inactivity_weeks) <= 26:
        raise DomainError(_("Bitte wählen Sie zwischen 2 und 26 Wochen."), code="weeks")
    removed = [kind for kind in programme.kinds if kind not in kinds]
    used = kinds_in_use(programme, removed)
    if used:
        labels = ", ".join(
            _("„%(kind)s“ (%(count)d)") % {"kind": TandemKind(kind).label, "count": count}
            for kind, count in used.items()
        )
        raise DomainError(
            _(
                "Diese Arten haben noch offene Profile oder Tandems und bleiben deshalb: "
                "%(kinds)s. Nehmen Sie sie heraus, wenn niemand mehr sie gewählt hat."
            )
            % {"kinds": labels},
            code="kinds",
        )
    programme.name = name[:160]
    programme.funder = (funder or "").strip()[:200]
    programme.description = (description or "").strip()
    programme.starts_on, programme.ends_on = starts_on, ends_on
    programme.kinds = kinds
    programme.inactivity_weeks = int(inactivity_weeks)
    programme.save()
    record(actor=by, verb=PROGRAMME_UPDATED, target=programme, kinds=kinds)
    return programme


# --- carriers --------------------------------------------------------------------------------


def carrier_organisations(programme: Programme, carrier: Carrier | None = None) -> Any:
    """The organisations that can run a carrier of the programme: verified, and not a
    carrier of it yet (except `carrier`'s own, which it keeps)."""
    taken = Carrier.objects.filter(programme=programme)
    if carrier is not None:
        taken = taken.exclude(pk=carrier.pk)
    return (
        Organisation.objects.filter(is_verified=True)
        .exclude(pk__in=taken.values("organisation"))
        .order_by("name")
    )


def _check_organisation(programme: Programme, organisation: Organisation, carrier: Any) -> None:
    if not organisation.is_verified:
        raise DomainError(
            _("Nur verifizierte Organisationen können Träger sein."), code="organisation"
        )
    others = Carrier.objects.filter(programme=programme, organisation=organisation)
    if carrier is not None:
        others = others.exclude(pk=carrier.pk)
    if others.exists():
        raise DomainError(
            _("%(name)s ist schon Träger in diesem Programm.") % {"name": organisation.name},
            code="organisation",
        )


@transaction.atomic
def add_carrier(*, programme: Programme, by: User, organisation: Organisation) -> Carrier:
    require_perm("mentoring.add_carrier", by, programme)
    Programme.objects.select_for_update().filter(pk=programme.pk).first()
    _check_organisation(programme, organisation, None)
    carrier = Carrier.objects.create(programme=programme, organisation=organisation)
    record(actor=by, verb=CARRIER_ADDED, target=programme, organisation=organisation.name)
    return carrier


def _carrier_grants(carrier: Carrier, organisation_id: int) -> Any:
    types = ContentType.objects.get_for_models(Carrier, Site)
    return RoleGrant.objects.filter(membership__organisation_id=organisation_id).filter(
        Q(role=access.CARRIER_COORDINATOR, scope_type=types[Carrier], scope_id=carrier.pk)
        | Q(
            role=access.SITE_COORDINATOR,
            scope_type=types[Site],
            scope_id__in=list(carrier.sites.values_list("pk", flat=True)),
        )
    )


def coordinators_of_carrier(carrier: Carrier) -> int:
    """How many coordination roles hang on the carrier and its sites (they end when the
    carrier changes its organisation or is deleted)."""
    return _carrier_grants(carrier, carrier.organisation_id).count()


@transaction.atomic
def change_carrier_organisation(
    *, carrier: Carrier, by: User, organisation: Organisation
) -> Carrier:
    """Another organisation runs the carrier from now on: the coordination roles held in the
    former one end (they would count for nothing anyway, see access.py)."""
    require_perm("mentoring.edit_carrier", by, carrier)
    carrier = Carrier.objects.select_for_update().select_related("organisation").get(pk=carrier.pk)
    if organisation.pk == carrier.organisation_id:
        return carrier
    _check_organisation(carrier.programme, organisation, carrier)
    ended = _carrier_grants(carrier, carrier.organisation_id).delete()[0]
    former = carrier.organisation.name
    carrier.organisation = organisation
    carrier.save(update_fields=["organisation", "updated_at"])
    record(
        actor=by, verb=CARRIER_CHANGED, target=carrier,
        former=former, organisation=organisation.name, roles_ended=ended,
    )  # fmt: skip
    return carrier


@dataclass(frozen=True)
class Footprint:
    """What a site or carrier has: deciding whether removing it deletes or deactivates."""

    tandems: int = 0
    open_tandems: int = 0
    mentors: int = 0
    mentees: int = 0
    waiting_mentees: int = 0
    rounds: int = 0
    sites: int = 0
    active_sites: int = 0
    coordinators: int = 0

    @property
    def deletable(self) -> bool:
        return not (self.tandems or self.mentors or self.mentees or self.rounds)

    def consequences(self, what: str) -> list[str]:
        """The consequences of removing it, in words (`what`: "site" or "carrier")."""
        if self.deletable:
            said = [
                _("Der Standort ist noch leer und wird gelöscht.")
                if what == "site"
                else _("Der Träger hat noch keine Tandems und keine Profile und wird gelöscht.")
            ]
            if what == "carrier" and self.sites:
                said.append(
                    ngettext(
                        "Sein leerer Standort wird mit gelöscht.",
                        "Seine %(n)d leeren Standorte werden mit gelöscht.",
                        self.sites,
                    )
                    % {"n": self.sites}
                )
            if self.coordinators:
                said.append(
                    ngettext(
                        "%(n)d Koordinationsaufgabe endet.",
                        "%(n)d Koordinationsaufgaben enden.",
                        self.coordinators,
                    )
                    % {"n": self.coordinators}
                )
            return said
        said = [
            _(
                "Der Standort hat schon Profile oder Tandems. Er wird deshalb nicht gelöscht, "
                "sondern deaktiviert:"
            )
            if what == "site"
            else _(
                "Der Träger hat schon Profile oder Tandems. Er wird deshalb nicht gelöscht, "
                "sondern deaktiviert – mit allen seinen Standorten:"
            ),
            _(
                "Er nimmt keine Anmeldungen mehr an und erscheint nicht mehr auf den öffentlichen "
                "Seiten und in der Standortsuche."
            ),
        ]
        if self.open_tandems:
            said.append(
                ngettext(
                    "%(n)d offenes Tandem läuft weiter, bis es beendet wird.",
                    "%(n)d offene Tandems laufen weiter, bis sie beendet werden.",
                    self.open_tandems,
                )
                % {"n": self.open_tandems}
            )
        if self.waiting_mentees:
            said.append(
                ngettext(
                    "%(n)d Mentee wartet noch auf eine Begleitung; die Koordination kann sie "
                    "weiter vermitteln oder an einen anderen Standort verweisen.",
                    "%(n)d Mentees warten noch auf eine Begleitung; die Koordination kann sie "
                    "weiter vermitteln oder an einen anderen Standort verweisen.",
                    self.waiting_mentees,
                )
                % {"n": self.waiting_mentees}
            )
        said.append(
            _(
                "Die Koordination behält ihren Zugang, die Zahlen bleiben in der Statistik. "
                "Sie können ihn jederzeit wieder aktivieren."
            )
        )
        return said


def _waiting(sites: Any) -> int:
    open_tandem = Tandem.objects.filter(state__in=Tandem.HOLDING).values("mentee")
    return (
        Mentee.objects.filter(site__in=sites, state=Mentee.State.APPROVED)
        .exclude(pk__in=open_tandem)
        .count()
    )


def site_footprint(site: Site) -> Footprint:
    types = ContentType.objects.get_for_models(Site)
    return Footprint(
        tandems=site.tandems.count(),
        open_tandems=site.tandems.filter(state__in=Tandem.HOLDING).count(),
        mentors=Mentor.objects.filter(site=site).count(),
        mentees=Mentee.objects.filter(site=site).count(),
        waiting_mentees=_waiting([site.pk]),
        rounds=MatchingRound.objects.filter(site=site).count(),
        coordinators=RoleGrant.objects.filter(
            role=access.SITE_COORDINATOR, scope_type=types[Site], scope_id=site.pk
        ).count(),
    )


def carrier_footprint(carrier: Carrier) -> Footprint:
    sites = Site.objects.filter(carrier=carrier)
    tandems = Tandem.objects.filter(site__in=sites)
    return Footprint(
        tandems=tandems.count(),
        open_tandems=tandems.filter(state__in=Tandem.HOLDING).count(),
        mentors=Mentor.objects.filter(site__in=sites).count(),
        mentees=Mentee.objects.filter(site__in=sites).count(),
        waiting_mentees=_waiting(sites),
        rounds=MatchingRound.objects.filter(carrier=carrier).count(),
        sites=sites.count(),
        active_sites=sites.filter(is_active=True).count(),
        coordinators=coordinators_of_carrier(carrier),
    )


@transaction.atomic
def remove_carrier(*, carrier: Carrier, by: User) -> str:
    """Delete the carrier if it is empty (with its empty sites and the roles on them),
    otherwise deactivate it; returns DELETED or DEACTIVATED."""
    require_perm("mentoring.edit_carrier", by, carrier)
    carrier = Carrier.objects.select_for_update().select_related("organisation").get(pk=carrier.pk)
    footprint = carrier_footprint(carrier)
    if footprint.deletable:
        ended = _carrier_grants(carrier, carrier.organisation_id).delete()[0]
        record(
            actor=by, verb=CARRIER_DELETED, target=carrier.programme,
            organisation=carrier.organisation.name, sites=footprint.sites, roles_ended=ended,
        )  # fmt: skip
        carrier.delete()
        return DELETED
    if not carrier.is_active:
        raise DomainError(_("Dieser Träger ist schon deaktiviert."), code="inactive")
    carrier.is_active = False
    carrier.save(update_fields=["is_active", "updated_at"])
    record(actor=by, verb=CARRIER_DEACTIVATED, target=carrier, open_tandems=footprint.open_tandems)
    return DEACTIVATED


@transaction.atomic
def reactivate_carrier(*, carrier: Carrier, by: User) -> Carrier:
    require_perm("mentoring.edit_carrier", by, carrier)
    done = Carrier.objects.filter(pk=carrier.pk, is_active=False).update(is_active=True)
    if not done:
        raise DomainError(_("Dieser Träger ist schon aktiv."), code="active")
    carrier.is_active = True
    record(actor=by, verb=CARRIER_REACTIVATED, target=carrier)
    return carrier


# --- sites -----------------------------------------------------------------------------------


def _unique_slug(name: str, municipality: Municipality) -> str:
    base = slugify(f"{name}") or slugify(municipality.name) or "standort"
    base = base[:170].strip("-")
    slug, number = base, 2
    while Site.objects.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def _site_fields(
    name: str, response_days: int, contact_email: str, contact_phone: str
) -> dict[str, Any]:
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Bitte geben Sie dem Standort einen Namen."), code="name")
    if not 1 <= int(response_days) <= 60:
        raise DomainError(_("Bitte wählen Sie zwischen 1 und 60 Tagen."), code="response_days")
    return {
        "name": name[:160],
        "response_days": int(response_days),
        "contact_email": (contact_email or "").strip(),
        "contact_phone": (contact_phone or "").strip()[:40],
    }


@transaction.atomic
def add_site(
    *,
    carrier: Carrier,
    by: User,
    name: str,
    municipality: Municipality,
    response_days: int = 14,
    contact_email: str = "",
    contact_phone: str = "",
) -> Site:
    """A new site of the carrier; it takes registrations at once. Its coordinators are
    appointed on the carrier's team page."""
    require_perm("mentoring.manage_sites", by, carrier)
    carrier = Carrier.objects.select_for_update().get(pk=carrier.pk)
    if not carrier.is_active:
        raise DomainError(
            _("Der Träger ist deaktiviert; er bekommt keine neuen Standorte."), code="inactive"
        )
    fields = _site_fields(name, response_days, contact_email, contact_phone)
    site = Site.objects.create(
        carrier=carrier,
        municipality=municipality,
        slug=_unique_slug(fields["name"], municipality),
        **fields,
    )
    record(actor=by, verb=SITE_ADDED, target=site, municipality=municipality.name)
    return site


@transaction.atomic
def update_site_details(
    *,
    site: Site,
    by: User,
    name: str,
    municipality: Municipality,
    response_days: int,
    contact_email: str,
    contact_phone: str,
) -> Site:
    """Name, town, how soon the coordination answers, and how it is reached. The address of
    the site's pages (its slug) stays, so links already given out keep working."""
    require_perm("mentoring.manage_site", by, site)
    site = Site.objects.select_for_update().get(pk=site.pk)
    fields = _site_fields(name, response_days, contact_email, contact_phone)
    for key, value in fields.items():
        setattr(site, key, value)
    site.municipality = municipality
    site.save(update_fields=[*fields, "municipality", "updated_at"])
    record(actor=by, verb=SITE_CHANGED, target=site, municipality=municipality.name)
    return site


@transaction.atomic
def remove_site(*, site: Site, by: User) -> str:
    """Delete the site if it is empty (with the coordination roles on it), otherwise
    deactivate it; returns DELETED or DEACTIVATED."""
    require_perm("mentoring.manage_site", by, site)
    site = Site.objects.select_for_update().select_related("carrier").get(pk=site.pk)
    footprint = site_footprint(site)
    if footprint.deletable:
        types = ContentType.objects.get_for_models(Site)
        ended = RoleGrant.objects.filter(
            role=access.SITE_COORDINATOR, scope_type=types[Site], scope_id=site.pk
        ).delete()[0]
        record(actor=by, verb=SITE_DELETED, target=site.carrier, site=site.name, roles_ended=ended)
        site.delete()
        return DELETED
    if not site.is_active:
        raise DomainError(_("Dieser Standort ist schon deaktiviert."), code="inactive")
    site.is_active = False
    site.save(update_fields=["is_active", "updated_at"])
    record(actor=by, verb=SITE_DEACTIVATED, target=site, open_tandems=footprint.open_tandems)
    return DEACTIVATED


@transaction.atomic
def reactivate_site(*, site: Site, by: User) -> Site:
    require_perm("mentoring.manage_site", by, site)
    done = Site.objects.filter(pk=site.pk, is_active=False).update(is_active=True)
    if not done:
        raise DomainError(_("Dieser Standort ist schon aktiv."), code="active")
    site.is_active = True
    record(actor=by, verb=SITE_REACTIVATED, target=site)
    return site
