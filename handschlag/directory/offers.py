"""Writing offers (HSDS service): create, edit (with topics and languages spoken), status,
publish, and delete while it was never public. Every change goes through
editing.apply_changes, so the offer's history says who changed which field from what to what —
topics and languages too. Places and opening hours: offer_locations.py.

Delete or end? An offer that readers could once see may sit in a shelter's printout, a QR code,
an HSDS export someone downloaded, and its translations and history are the record of the
town's work: it is only *ended* (hidden from readers, kept for editors, can be reactivated).
Only an offer that was never published — a draft begun by mistake — may be deleted.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handschlag.audit.models import AuditEntry
from handschlag.audit.services import record
from handschlag.core.errors import DomainError
from handschlag.core.languages import BY_CODE, LANGUAGES

from .editing import CHANGED, apply_changes, offer_search_text
from .models import Offer, OfferLanguage, OfferTopic, Portal, Provider, Topic
from .providers import create_provider

OFFER_CREATED = "directory.offer_created"
OFFER_DELETED = "directory.offer_deleted"
FIELDS = (
    "name", "summary", "description", "eligibility", "required_documents", "cost", "cost_note",
    "min_age", "max_age", "website", "contact_name", "contact_phone", "contact_email",
)  # fmt: skip


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    if set(values) - set(FIELDS):
        raise DomainError(_("Das lässt sich hier nicht ändern."))
    values = {k: v.strip() if isinstance(v, str) else v for k, v in values.items()}
    low, high = values.get("min_age"), values.get("max_age")
    if low is not None and high is not None and high < low:
        raise DomainError(_("„bis Alter“ muss mindestens „ab Alter“ sein."), code="max_age")
    return values


def _topics(chosen: Iterable[str]) -> list[str]:
    chosen = set(chosen)
    if chosen - set(Topic.values):
        raise DomainError(_("Unbekanntes Thema."), code="topics")
    return [topic for topic in Topic.values if topic in chosen]


def _languages(chosen: Iterable[str]) -> list[str]:
    chosen = set(chosen)
    if chosen - set(BY_CODE):
        raise DomainError(_("Unbekannte Sprache."), code="languages")
    return [language.code for language in LANGUAGES if language.code in chosen]


def _require_provider(portal: Portal, provider: Provider, by: Any) -> None:
    """`by` may keep offers under `provider` (a provider of the same portal)."""
    if provider.portal_id != portal.pk:
        raise DomainError(_("Dieser Anbieter gehört zu einem anderen Portal."), code="provider")
    if not by.has_perm("directory.edit_offer", Offer(portal=portal, provider=provider)):
        raise PermissionDenied


def current_topics(offer: Offer) -> list[str]:
    return _topics(offer.topic_rows.values_list("topic", flat=True))


def current_languages(offer: Offer) -> list[str]:
    return _languages(offer.language_rows.values_list("language", flat=True))


def _lock(offer: Offer) -> None:
    """One edit of an offer at a time (PostgreSQL; SQLite writes one at a time anyway): the
    topics and languages read as "before" are the ones replaced."""
    Offer.objects.select_for_update().filter(pk=offer.pk).values_list("pk").first()


def _checked(by: Any) -> dict[str, Any]:
    return {"last_checked_at": timezone.now(), "last_checked_by": by, "flagged_at": None}


def _new_provider(portal: Portal, name: str, by: Any) -> Provider:
    return create_provider(portal=portal, by=by, name=name)


@transaction.atomic
def create_offer(
    *, portal: Portal, by: Any, provider: Provider | None = None, new_provider: str = "",
    topics: Iterable[str] = (), languages: Iterable[str] = (), checked: bool = False,
    **values: Any,
) -> Offer:  # fmt: skip
    """A new offer, not yet published (readers see it once someone publishes it), under
    `provider` or a provider named `new_provider` made with it (by the portal's editors)."""
    if not by.has_perm("directory.add_offer", portal):
        raise PermissionDenied
    if new_provider.strip():
        provider = _new_provider(portal, new_provider, by)
    if provider is None:
        raise DomainError(_("Bitte wählen Sie den Anbieter."), code="provider")
    _require_provider(portal, provider, by)
    values = _clean(values)
    if not values.get("name") or not values.get("summary"):
        raise DomainError(_("Bitte geben Sie Namen und Kurzbeschreibung an."), code="name")
    offer = Offer(portal=portal, provider=provider, **values)
    if checked:
        offer.last_checked_at, offer.last_checked_by = timezone.now(), by
    offer.search_text = offer_search_text(offer)
    offer.save()
    chosen_topics, chosen_languages = _topics(topics), _languages(languages)
    OfferTopic.objects.bulk_create(OfferTopic(offer=offer, topic=t) for t in chosen_topics)
    OfferLanguage.objects.bulk_create(
        OfferLanguage(offer=offer, language=code) for code in chosen_languages
    )
    record(
        actor=by, verb=OFFER_CREATED, target=offer, provider=provider.name,
        topics=chosen_topics, languages=chosen_languages,
    )  # fmt: skip
    return offer


def _replace_rows(
    offer: Offer, model: Any, field: str, before: list[str], after: list[str]
) -> None:
    gone, new = set(before) - set(after), [value for value in after if value not in before]
    if gone:
        model.objects.filter(offer=offer, **{f"{field}__in": gone}).delete()
    # a row someone else added a moment ago is simply there already
    model.objects.bulk_create(
        (model(offer=offer, **{field: value}) for value in new), ignore_conflicts=True
    )


@transaction.atomic
def update_offer(
    *, offer: Offer, by: Any, provider: Provider | None = None, new_provider: str = "",
    topics: Iterable[str] | None = None, languages: Iterable[str] | None = None,
    checked: bool = False, **values: Any,
) -> dict[str, list[Any]]:  # fmt: skip
    """Change the offer's fields, provider, topics and languages; `checked` ("Ich habe alle
    Angaben geprüft") sets the last-checked date and clears an unanswered-check flag."""
    if not by.has_perm("directory.edit_offer", offer):
        raise PermissionDenied
    _lock(offer)
    values = _clean(values)
    if new_provider.strip():
        provider = _new_provider(offer.portal, new_provider, by)
    if provider is not None and provider.pk != offer.provider_id:
        _require_provider(offer.portal, provider, by)
        values["provider"] = provider
    also: dict[str, list[Any]] = {}
    if topics is not None:
        before, after = current_topics(offer), _topics(topics)
        _replace_rows(offer, OfferTopic, "topic", before, after)
        also["topics"] = [before, after]
    if languages is not None:
        before, after = current_languages(offer), _languages(languages)
        _replace_rows(offer, OfferLanguage, "language", before, after)
        also["languages"] = [before, after]
    if checked:
        values.update(_checked(by))
    return apply_changes(offer, values, by=by, also=also)


@transaction.atomic
def set_offer_status(
    *, offer: Offer, status: str, by: Any, closed_until: datetime.date | None = None
) -> dict[str, list[Any]]:
    """Active; temporarily closed until a date (it shows as closed until then); or ended
    (hidden from readers, kept, can be made active again)."""
    if not by.has_perm("directory.edit_offer", offer):
        raise PermissionDenied
    if status not in Offer.Status.values:
        raise DomainError(_("Unbekannter Status."), code="status")
    if status == Offer.Status.CLOSED:
        if closed_until is None:
            raise DomainError(
                _("Bitte geben Sie an, bis wann geschlossen ist."), code="closed_until"
            )
        if closed_until < timezone.localdate():
            raise DomainError(
                _("Das Datum liegt in der Vergangenheit. Ist das Angebot wieder geöffnet?"),
                code="closed_until",
            )
    else:
        closed_until = None
    return apply_changes(offer, {"status": status, "closed_until": closed_until}, by=by)


@transaction.atomic
def set_offer_published(*, offer: Offer, published: bool, by: Any) -> dict[str, list[Any]]:
    if not by.has_perm("directory.edit_offer", offer):
        raise PermissionDenied
    if published and offer.status == Offer.Status.ENDED:
        raise DomainError(
            _("Ein beendetes Angebot erscheint nicht. Setzen Sie es zuerst wieder auf „aktiv“."),
            code="status",
        )
    if published == (offer.published_at is not None):
        return {}
    return apply_changes(offer, {"published_at": timezone.now() if published else None}, by=by)


def was_ever_published(offer: Offer) -> bool:
    """Published now, or at some time in its history."""
    if offer.published_at is not None:
        return True
    return AuditEntry.objects.filter(
        verb=CHANGED["Offer"], content_type__app_label="directory",
        content_type__model="offer", object_id=offer.pk,
        details__changed__has_key="published_at",
    ).exists()  # fmt: skip


@transaction.atomic
def delete_offer(*, offer: Offer, by: Any) -> None:
    """Delete a never-published offer (see the module's note: the others are ended)."""
    if not by.has_perm("directory.edit_offer", offer):
        raise PermissionDenied
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    if was_ever_published(offer):
        raise DomainError(
            _(
                "Dieses Angebot war schon veröffentlicht und kann nur beendet werden: Lesende, "
                "Ausdrucke und Übersetzungen verweisen darauf, und sein Verlauf bleibt erhalten."
            ),
            code="published",
        )
    record(
        actor=by, verb=OFFER_DELETED, target=offer.portal, offer=offer.name, offer_id=offer.pk
    )  # fmt: skip
    offer.delete()
