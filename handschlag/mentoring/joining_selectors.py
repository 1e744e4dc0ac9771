"""Reads of joining: the public programme and site pages, the site finder, the coordination
overview and a site's to-dos and lists, a person's own profiles, a carrier's team.

Coordinator-facing reads take the sites from access.py, so nobody sees past their scope;
lists run a constant number of queries however many rows they have.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from handschlag.accounts.models import User
from handschlag.organisations.models import Membership, RoleGrant
from handschlag.places.selectors import municipality_ids_near

from . import access
from .models import (
    CERTIFICATE_DAYS,
    MINOR_AGE_GROUPS,
    Carrier,
    Mentee,
    Mentor,
    Programme,
    Site,
    Tandem,
)

State = Mentor.State
OPEN_STATES = (State.SUBMITTED, State.RETURNED, State.APPROVED)

# A mentor may accompany minors when they named child or youth, or no age group at all. JSON
# lists are matched as text ('"child"'), which SQLite and PostgreSQL both do.
MAY_ACCOMPANY_MINORS = Q(partner_age_groups=[]) | Q(
    *[Q(partner_age_groups__icontains=f'"{group}"') for group in MINOR_AGE_GROUPS],
    _connector=Q.OR,
)


def valid_certificate(on: datetime.date | None = None) -> Q:
    on = on or timezone.localdate()
    return Q(
        certificate_seen_on__isnull=False,
        certificate_issued_on__gt=on - datetime.timedelta(days=CERTIFICATE_DAYS),
    )


def lacks_certificate() -> Q:
    """Mentors who may accompany minors but have no valid certificate on record."""
    return MAY_ACCOMPANY_MINORS & ~valid_certificate()


def may_accompany_minors(mentor: Mentor) -> bool:
    groups = mentor.partner_age_groups or []
    return not groups or any(group in MINOR_AGE_GROUPS for group in groups)


def needs_certificate(mentor: Mentor) -> bool:
    """The mentor may accompany minors and no valid certificate is on record."""
    return may_accompany_minors(mentor) and not mentor.has_valid_certificate()


# --- public ------------------------------------------------------------------------------


def public_programmes() -> QuerySet[Programme]:
    """Running programmes (not ended) with their numbers of carriers and open sites."""
    today = timezone.localdate()
    return (
        Programme.objects.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .annotate(
            carrier_count=Count("carriers", filter=Q(carriers__is_active=True), distinct=True),
            site_count=Count(
                "carriers__sites",
                filter=Q(
                    carriers__is_active=True,
                    carriers__sites__is_active=True,
                    carriers__sites__accepts_registrations=True,
                ),
                distinct=True,
            ),
        )
        .order_by("name")
    )


def programme_carriers(programme: Programme) -> list[Carrier]:
    """The programme's active carriers, each with its active sites (ordered by town) in
    `.site_list`."""
    sites = (
        Site.objects.filter(is_active=True)
        .select_related("municipality")
        .order_by("municipality__name", "name")
    )
    return list(
        programme.carriers.filter(is_active=True)
        .select_related("organisation")
        .prefetch_related(Prefetch("sites", queryset=sites, to_attr="site_list"))
    )


def find_sites(
    *, place: str = "", radius_km: int = 25, programme: Programme | None = None
) -> QuerySet[Site]:
    """Open sites that take registrations, near `place` (a town's slug) if given."""
    sites = Site.objects.filter(
        accepts_registrations=True, is_active=True, carrier__is_active=True
    ).select_related("municipality", "carrier__organisation", "carrier__programme")
    if programme is not None:
        sites = sites.filter(carrier__programme=programme)
    if place:
        sites = sites.filter(
            municipality__in=municipality_ids_near(slug=place, radius_km=radius_km)
        )
    return sites.order_by("municipality__name", "name")


def public_site(slug: str) -> Site | None:
    """An open site (a deactivated one, or one of a deactivated carrier, is not public)."""
    return (
        Site.objects.select_related("municipality", "carrier__organisation", "carrier__programme")
        .filter(slug=slug, is_active=True, carrier__is_active=True)
        .first()
    )


# --- people ------------------------------------------------------------------------------


def coordinators_of(site: Site) -> list[User]:
    """Who is told about the site's new profiles: its coordinators; if it has none (yet), the
    carrier's coordinators, so that nobody waits unseen."""
    types = ContentType.objects.get_for_models(Site, Carrier)
    organisation_id = site.carrier.organisation_id

    def holders(role: str, model: type, scope_id: int) -> QuerySet[User]:
        grants = RoleGrant.objects.filter(
            role=role,
            scope_type=types[model],
            scope_id=scope_id,
            membership__organisation_id=organisation_id,
        )
        return (
            User.objects.filter(is_active=True, memberships__grants__in=grants)
            .distinct()
            .order_by("pk")
        )

    found = list(holders(access.SITE_COORDINATOR, Site, site.pk))
    return found or list(holders(access.CARRIER_COORDINATOR, Carrier, site.carrier_id))


def open_tandem_count(profile: Mentor | Mentee) -> int:
    """Tandems of the person that are proposed, active or paused."""
    side = "mentor" if isinstance(profile, Mentor) else "mentee"
    return Tandem.objects.filter(**{side: profile}, state__in=Tandem.HOLDING).count()


@dataclass
class MyProfiles:
    mentors: list[Mentor]
    mentees: list[Mentee]

    def __bool__(self) -> bool:
        return bool(self.mentors or self.mentees)


def my_profiles(user: Any) -> MyProfiles:
    """The person's own mentor and mentee profiles, the open ones first."""
    related = ("site__municipality", "site__carrier__organisation", "site__carrier__programme")
    open_first = ("-updated_at",)
    # how many tandems each profile holds, so the page says the right next step
    holding = Count("tandems", filter=Q(tandems__state__in=Tandem.HOLDING))
    mentors = (
        Mentor.objects.filter(user=user)
        .select_related(*related)
        .annotate(open_tandems=holding)
        .order_by(*open_first)
    )
    mentees = (
        Mentee.objects.filter(user=user)
        .select_related(*related)
        .annotate(open_tandems=holding)
        .order_by(*open_first)
    )
    return MyProfiles(mentors=list(mentors), mentees=list(mentees))


# --- coordination --------------------------------------------------------------------------


def _count(rows: QuerySet, aggregate: Any = None) -> Coalesce:
    """A per-site number of `rows` as a subquery (one query for a whole page of sites)."""
    per_site = (
        rows.filter(site=OuterRef("pk"))
        .order_by()
        .values("site")
        .annotate(n=aggregate or Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(per_site, output_field=IntegerField()), Value(0))


def waiting_mentees() -> QuerySet[Mentee]:
    """Approved mentees without a proposed, active or paused tandem."""
    open_tandem = Tandem.objects.filter(mentee=OuterRef("pk"), state__in=Tandem.HOLDING)
    return Mentee.objects.filter(state=State.APPROVED).filter(~Exists(open_tandem))


def with_counts(sites: QuerySet[Site]) -> QuerySet[Site]:
    """Sites with the numbers a coordinator starts from: profiles to decide, waiting mentees,
    free mentor places, approved mentors lacking a police certificate."""
    approved_mentors = Mentor.objects.filter(state=State.APPROVED)
    return sites.annotate(
        mentors_to_decide=_count(Mentor.objects.filter(state=State.SUBMITTED)),
        mentees_to_decide=_count(Mentee.objects.filter(state=State.SUBMITTED)),
        mentees_waiting=_count(waiting_mentees()),
        free_places=_count(approved_mentors, Sum("free_places")),
        certificates_missing=_count(approved_mentors.filter(lacks_certificate())),
    )


def coordination_sites(user: Any) -> QuerySet[Site]:
    """Every site the person coordinates (directly, through the carrier or the programme)."""
    return with_counts(
        access.sites_visible_to(user).select_related(
            "municipality", "carrier__organisation", "carrier__programme"
        )
    ).order_by("carrier__programme__name", "carrier__organisation__name", "name")


def carriers_administered_by(user: Any) -> list[Carrier]:
    """Carriers whose organisation the person administers (they appoint its coordinators)."""
    if not getattr(user, "is_authenticated", False):
        return []
    admin_of = Membership.objects.filter(user=user, role=Membership.Role.ADMIN).values(
        "organisation"
    )
    return list(
        Carrier.objects.filter(organisation__in=admin_of)
        .select_related("organisation", "programme")
        .order_by("programme__name", "organisation__name")
    )


@dataclass
class SiteTodos:
    mentors_to_decide: list[Mentor]
    mentees_to_decide: list[Mentee]
    certificates_missing: list[Mentor]

    def __bool__(self) -> bool:
        return bool(self.mentors_to_decide or self.mentees_to_decide or self.certificates_missing)


TODO_LIMIT = 20


def site_todos(site: Site) -> SiteTodos:
    """The oldest profiles waiting for a decision and the approved mentors of minors without a
    certificate; at most TODO_LIMIT of each (the lists below have them all)."""
    mentors = Mentor.objects.filter(site=site).select_related("user")
    return SiteTodos(
        mentors_to_decide=list(
            mentors.filter(state=State.SUBMITTED).order_by("created_at", "pk")[:TODO_LIMIT]
        ),
        mentees_to_decide=list(
            Mentee.objects.filter(site=site, state=State.SUBMITTED).order_by("created_at", "pk")[
                :TODO_LIMIT
            ]
        ),
        certificates_missing=list(
            mentors.filter(state=State.APPROVED)
            .filter(lacks_certificate())
            .order_by("created_at", "pk")[:TODO_LIMIT]
        ),
    )


@dataclass(frozen=True)
class ProfileFilters:
    state: str = ""
    kind: str = ""
    language: str = ""
    q: str = ""


def _filtered(rows: QuerySet, filters: ProfileFilters, name_fields: tuple[str, ...]) -> QuerySet:
    if filters.state:
        rows = rows.filter(state=filters.state)
    if filters.kind:
        rows = rows.filter(kinds__icontains=f'"{filters.kind}"')
    if filters.language:
        rows = rows.filter(languages__icontains=f'"code": "{filters.language}"')
    if filters.q:
        rows = rows.filter(
            Q(*[Q(**{f"{name}__icontains": filters.q}) for name in name_fields], _connector=Q.OR)
        )
    return rows


def site_mentors(site: Site, filters: ProfileFilters) -> QuerySet[Mentor]:
    rows = Mentor.objects.filter(site=site).select_related("user", "municipality")
    fields = ("user__first_name", "user__last_name", "user__email")
    return _filtered(rows, filters, fields).order_by("state", "-waiting_since", "pk")


def site_mentees(site: Site, filters: ProfileFilters) -> QuerySet[Mentee]:
    rows = Mentee.objects.filter(site=site).select_related("municipality")
    return _filtered(rows, filters, ("first_name",)).order_by("state", "waiting_since", "pk")


def carrier_team(carrier: Carrier) -> list[RoleGrant]:
    """The carrier's coordinators and its sites' coordinators, as their grants."""
    types = ContentType.objects.get_for_models(Site, Carrier)
    site_ids = list(carrier.sites.values_list("pk", flat=True))
    grants = RoleGrant.objects.filter(membership__organisation_id=carrier.organisation_id).filter(
        Q(role=access.CARRIER_COORDINATOR, scope_type=types[Carrier], scope_id=carrier.pk)
        | Q(role=access.SITE_COORDINATOR, scope_type=types[Site], scope_id__in=site_ids)
    )
    grants = grants.select_related("membership__user").order_by("role", "scope_id", "pk")
    sites = {site.pk: site for site in carrier.sites.all()}
    found = list(grants)
    for grant in found:
        grant.scope_label = (  # type: ignore[attr-defined]
            sites[grant.scope_id].name
            if grant.role == access.SITE_COORDINATOR and grant.scope_id in sites
            else ""
        )
    return found


def carrier_members(carrier: Carrier) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation_id=carrier.organisation_id, user__is_active=True)
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "pk")
    )
