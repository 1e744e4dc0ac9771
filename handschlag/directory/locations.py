"""Places where offers happen (HSDS location): address, coordinates, accessibility, how to get
there. Created by whoever may add offers to the portal; edited by its editors, or by a provider
whose own offers are the only ones there."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from handschlag.audit.services import record
from handschlag.core.errors import DomainError

from .editing import apply_changes
from .models import Accessibility, Location, Portal

LOCATION_CREATED = "directory.location_created"
FIELDS = (
    "name", "street", "postcode", "city", "latitude", "longitude", "directions",
    "accessibility", "accessibility_note",
)  # fmt: skip


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    if set(values) - set(FIELDS):
        raise DomainError(_("Das lässt sich hier nicht ändern."))
    values = {k: v.strip() if isinstance(v, str) else v for k, v in values.items()}
    if "accessibility" in values:
        known = set(Accessibility.values)
        chosen = list(values["accessibility"] or [])
        if set(chosen) - known:
            raise DomainError(_("Unbekanntes Merkmal der Barrierefreiheit."), code="accessibility")
        values["accessibility"] = [code for code in Accessibility.values if code in chosen]
    if ("latitude" in values) != ("longitude" in values) or (
        (values.get("latitude") is None) != (values.get("longitude") is None)
    ):
        raise DomainError(
            _("Bitte geben Sie Breiten- und Längengrad an – oder keinen von beiden."),
            code="coordinates",
        )
    return values


@transaction.atomic
def create_location(*, portal: Portal, by: Any, **values: Any) -> Location:
    if not by.has_perm("directory.add_offer", portal):
        raise PermissionDenied
    values = _clean(values)
    if not values.get("name") or not values.get("city"):
        raise DomainError(_("Bitte geben Sie Bezeichnung und Ort an."), code="name")
    location = Location.objects.create(portal=portal, **values)
    record(actor=by, verb=LOCATION_CREATED, target=location, portal=str(portal))
    return location


@transaction.atomic
def update_location(*, location: Location, by: Any, **values: Any) -> dict[str, list[Any]]:
    if not by.has_perm("directory.edit_location", location):
        raise PermissionDenied
    return apply_changes(location, _clean(values), by=by)
