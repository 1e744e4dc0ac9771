"""Providers (HSDS organization): who runs offers. The municipality's editors add and edit them;
a verified organisation linked to a provider edits its own provider and offers; only the
municipality's admins link a provider to an organisation (that hands its members power)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from handschlag.audit.services import record
from handschlag.core.errors import DomainError
from handschlag.organisations.models import Organisation

from .editing import apply_changes
from .models import Portal, Provider

PROVIDER_CREATED = "directory.provider_created"
FIELDS = ("name", "description", "website", "email", "phone")


def _require_unique_name(portal: Portal, name: str, exclude_pk: int | None = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise DomainError(_("Bitte geben Sie den Namen des Anbieters an."), code="provider_name")
    taken = Provider.objects.filter(portal=portal, name__iexact=name)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise DomainError(
            _("Einen Anbieter mit diesem Namen gibt es in diesem Portal schon."),
            code="provider_name",
        )
    return name


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    if set(values) - set(FIELDS):
        raise DomainError(_("Das lässt sich hier nicht ändern."))
    return {
        key: value.strip() if isinstance(value, str) else value for key, value in values.items()
    }


@transaction.atomic
def create_provider(*, portal: Portal, by: Any, **values: Any) -> Provider:
    """A new provider of the portal (by its editors)."""
    if not by.has_perm("directory.edit_portal", portal):
        raise PermissionDenied
    values = _clean(values)
    values["name"] = _require_unique_name(portal, values.get("name", ""))
    try:
        with transaction.atomic():
            provider = Provider.objects.create(portal=portal, **values)
    except IntegrityError:  # the same name at the same moment
        raise DomainError(
            _("Einen Anbieter mit diesem Namen gibt es in diesem Portal schon."),
            code="provider_name",
        ) from None
    record(actor=by, verb=PROVIDER_CREATED, target=provider, portal=str(portal))
    return provider


@transaction.atomic
def update_provider(*, provider: Provider, by: Any, **values: Any) -> dict[str, list[Any]]:
    """Name, description and contact; a new name is also the offers' new search text."""
    if not by.has_perm("directory.edit_provider", provider):
        raise PermissionDenied
    values = _clean(values)
    if "name" in values:
        values["name"] = _require_unique_name(provider.portal, values["name"], provider.pk)
    changed = apply_changes(provider, values, by=by)
    if "name" in changed:
        from .translating import refresh_search_text

        for offer in provider.offers.select_related("provider"):
            refresh_search_text(offer)
    return changed


@transaction.atomic
def link_provider(
    *, provider: Provider, organisation: Organisation | None, by: Any
) -> dict[str, list[Any]]:
    """Link the provider to a verified organisation of the platform (whose members then keep
    its offers), or unlink it (None)."""
    if not by.has_perm("directory.manage_portal", provider.portal):
        raise PermissionDenied
    if organisation is not None and not organisation.is_verified:
        raise DomainError(
            _("Nur verifizierte Organisationen können Angebote selbst pflegen."),
            code="organisation",
        )
    if organisation is not None and organisation.pk == provider.portal.organisation_id:
        raise DomainError(
            _("Ihre eigene Organisation pflegt ohnehin alle Angebote des Portals."),
            code="organisation",
        )
    return apply_changes(provider, {"organisation": organisation}, by=by)
