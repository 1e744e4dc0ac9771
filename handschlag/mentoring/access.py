"""Who may see which part of a programme: scoped roles, read once per request.

Programme staff hold `mentoring.programme_staff` for a programme (in the programme's
organisation), carrier coordinators `mentoring.carrier_coordinator` for a carrier and site
coordinators `mentoring.site_coordinator` for a site (both in the carrier's organisation). A
grant counts only while the membership it hangs on exists and only in the organisation that
runs the programme or the carrier, so leaving the organisation ends every power at once.

Pages, API and exports all filter through `scopes_of(user)`: a site coordinator never sees
another site's mentees, whichever way they ask.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q, QuerySet, Value

from handschlag.organisations.models import RoleGrant

from .models import Carrier, Programme, Site

PROGRAMME_STAFF = "mentoring.programme_staff"
CARRIER_COORDINATOR = "mentoring.carrier_coordinator"
SITE_COORDINATOR = "mentoring.site_coordinator"
ROLES = (PROGRAMME_STAFF, CARRIER_COORDINATOR, SITE_COORDINATOR)

_CACHE = "_mentoring_scopes"


@dataclass(frozen=True)
class Scopes:
    """Ids a person coordinates: programmes as staff; carriers as their coordinator or as
    staff of their programme; sites as any of the three."""

    programmes: frozenset[int] = frozenset()
    carriers: frozenset[int] = frozenset()
    sites: frozenset[int] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.sites or self.carriers or self.programmes)


NOBODY = Scopes()


def scopes_of(user: Any) -> Scopes:
    """The person's scopes; read from the database once per user object (one request)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOBODY
    cached = getattr(user, _CACHE, None)
    if cached is None:
        cached = _read_scopes(user)
        setattr(user, _CACHE, cached)
    return cached


def forget_scopes(user: Any) -> None:
    """After a grant changes within the same request (tests, services)."""
    if hasattr(user, _CACHE):
        delattr(user, _CACHE)


def _read_scopes(user: Any) -> Scopes:
    """Two queries: the person's grants with their membership's organisation, then the
    programmes, carriers and sites they hold in one UNION (content types are cached)."""
    grants = list(
        RoleGrant.objects.filter(membership__user=user, role__in=ROLES).values_list(
            "role", "scope_type_id", "scope_id", "membership__organisation_id"
        )
    )
    if not grants:
        return NOBODY
    types = ContentType.objects.get_for_models(Programme, Carrier, Site)
    wanted: dict[str, set[tuple[int, int]]] = {role: set() for role in ROLES}
    expected_type = {
        PROGRAMME_STAFF: types[Programme].pk,
        CARRIER_COORDINATOR: types[Carrier].pk,
        SITE_COORDINATOR: types[Site].pk,
    }
    for role, type_id, scope_id, organisation_id in grants:
        if scope_id is not None and type_id == expected_type[role]:
            wanted[role].add((scope_id, organisation_id))
    if not any(wanted.values()):
        return NOBODY
    # a grant holds only inside the organisation that runs the scope
    staffed = wanted[PROGRAMME_STAFF]
    coordinated = wanted[CARRIER_COORDINATOR]
    programmes = Programme.objects.filter(
        _any(Q(pk=scope_id, organisation_id=org) for scope_id, org in staffed)
    )
    carriers = Carrier.objects.filter(
        _any(Q(pk=scope_id, organisation_id=org) for scope_id, org in coordinated)
        | _any(
            Q(programme_id=scope_id, programme__organisation_id=org) for scope_id, org in staffed
        )
    )
    sites = Site.objects.filter(
        _any(
            [
                *(
                    Q(pk=scope_id, carrier__organisation_id=org)
                    for scope_id, org in wanted[SITE_COORDINATOR]
                ),
                *(
                    Q(carrier_id=scope_id, carrier__organisation_id=org)
                    for scope_id, org in coordinated
                ),
                *(
                    Q(carrier__programme_id=scope_id, carrier__programme__organisation_id=org)
                    for scope_id, org in staffed
                ),
            ]
        )
    )
    held: dict[str, set[int]] = {"programme": set(), "carrier": set(), "site": set()}
    union = _tagged(programmes, "programme").union(
        _tagged(carriers, "carrier"), _tagged(sites, "site"), all=True
    )
    for kind, pk in union:
        held[kind].add(pk)
    return Scopes(
        programmes=frozenset(held["programme"]),
        carriers=frozenset(held["carrier"]),
        sites=frozenset(held["site"]),
    )


def _tagged(queryset: QuerySet[Any], kind: str) -> QuerySet[Any]:
    return (
        queryset.order_by()
        .annotate(kind=Value(kind, output_field=CharField()))
        .values_list("kind", "pk")
    )


def _any(conditions: Iterable[Q]) -> Q:
    result = Q(pk__in=[])
    for condition in conditions:
        result |= condition
    return result


def sites_visible_to(user: Any) -> QuerySet[Site]:
    return Site.objects.filter(pk__in=scopes_of(user).sites)


def carriers_visible_to(user: Any) -> QuerySet[Carrier]:
    return Carrier.objects.filter(pk__in=scopes_of(user).carriers)


def programmes_visible_to(user: Any) -> QuerySet[Programme]:
    return Programme.objects.filter(pk__in=scopes_of(user).programmes)


def coordinates_site(user: Any, site_id: int | None) -> bool:
    return site_id is not None and site_id in scopes_of(user).sites


def coordinates_carrier(user: Any, carrier_id: int | None) -> bool:
    return carrier_id is not None and carrier_id in scopes_of(user).carriers


def staffs_programme(user: Any, programme_id: int | None) -> bool:
    return programme_id is not None and programme_id in scopes_of(user).programmes
