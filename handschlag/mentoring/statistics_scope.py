"""What a dashboard, the API or a funder report is about — a programme, a carrier or a site —
and who may see its figures.

`access_scope` is asked by pages, API and exports alike: programme staff see the programme and
every carrier and site in it, carrier coordinators their carrier and its sites, site
coordinators their site (access.py via the rules "mentoring.view_*").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from .models import Carrier, Programme, Site


@dataclass(frozen=True)
class Scope:
    """A programme, a carrier or a site: what a dashboard, the API or a report is about."""

    kind: str  # "programme" | "carrier" | "site"
    programme: Programme
    carrier: Carrier | None = None
    site: Site | None = None

    @property
    def obj(self) -> Programme | Carrier | Site:
        return self.site or self.carrier or self.programme

    @property
    def name(self) -> str:
        return str(self.obj)

    def where(self, site: str = "site") -> Q:
        """The condition on a model with a foreign key `site` to Site."""
        if self.site is not None:
            return Q(**{site: self.site.pk})
        if self.carrier is not None:
            return Q(**{f"{site}__carrier": self.carrier.pk})
        return Q(**{f"{site}__carrier__programme": self.programme.pk})


PERMISSIONS = {
    "programme": "mentoring.view_programme",
    "carrier": "mentoring.view_carrier",
    "site": "mentoring.view_site",
}


class NotAllowed(Exception):
    """The scope exists, but the person may not see its figures."""


def find_scope(kind: str, key: str | int) -> Scope | None:
    """A programme (by slug), carrier (by id) or site (by slug), with what it belongs to; one
    query. None when there is no such thing."""
    try:
        if kind == "programme":
            return scope_of(Programme.objects.get(slug=key))
        if kind == "carrier":
            carrier = Carrier.objects.select_related("organisation", "programme").get(pk=int(key))
            return scope_of(carrier)
        if kind == "site":
            return scope_of(
                Site.objects.select_related("carrier__organisation", "carrier__programme").get(
                    slug=key
                )
            )
    except (Programme.DoesNotExist, Carrier.DoesNotExist, Site.DoesNotExist, ValueError):
        return None
    raise ValueError(kind)


def access_scope(*, user: Any, kind: str, key: str | int) -> Scope | None:
    """The scope if `user` may see its figures (programme staff: the programme and all in it;
    carrier coordinators: their carrier and its sites; site coordinators: their site), None if
    it does not exist; raises NotAllowed otherwise. Pages, API and exports all ask here."""
    scope = find_scope(kind, key)
    if scope is not None and not user.has_perm(PERMISSIONS[kind], scope.obj):
        raise NotAllowed
    return scope


def scope_of(obj: Programme | Carrier | Site) -> Scope:
    """The scope of an object fetched with its carrier and programme (select_related)."""
    if isinstance(obj, Site):
        return Scope("site", obj.carrier.programme, obj.carrier, obj)
    if isinstance(obj, Carrier):
        return Scope("carrier", obj.programme, obj)
    return Scope("programme", obj)
