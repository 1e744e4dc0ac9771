"""HSDS 3.0 import into a portal: creates or updates providers, locations, offers and their
places and opening hours by their HSDS ids, all or nothing.

An object is found by the id it has in HSDS: one made here by the id derived from its pk
(an export read back into its own portal updates it in place), one that came in by an
earlier import by the id it came with (HsdsId), a provider also by its name. The file
describes each of its offers completely: topics, languages, places and opening hours not in
it are removed from that offer; offers of the portal that are not in the file stay as they
are. German texts replace the portal's (each change recorded with before and after);
translations in "x-translations" are written with the German they were made from, so their
status (current, machine-made, outdated) comes out as it was exported.
"""

from __future__ import annotations

import datetime
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from handschlag.audit.services import record
from handschlag.core.versions import bump

from .editing import CHANGED, apply_changes, offer_search_text
from .hsds import COST_TAXONOMY, TOPIC_TAXONOMY, derived_id
from .hsds_import_places import PlacesImport
from .hsds_import_translations import write_translations
from .hsds_input import (
    Address,
    ImportInvalid,
    LocationIn,
    Organization,
    ServiceIn,
    Translations,
    read_services,
)
from .models import (
    Accessibility,
    Cost,
    HsdsId,
    Location,
    Offer,
    OfferLanguage,
    OfferLocation,
    OfferTopic,
    Portal,
    Provider,
    Schedule,
    Topic,
    Translatable,
)
from .translating import refresh_search_text

IMPORTED = "directory.hsds_imported"
CREATED = "directory.created_by_import"
Kind = HsdsId.Kind


@dataclass
class ImportResult:
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    offers: int = 0
    dry_run: bool = False


class _DryRun(Exception):
    def __init__(self, result: ImportResult) -> None:
        self.result = result


def import_hsds(
    *, portal: Portal, content: bytes, name: str, by: Any, publish: bool = True,
    dry_run: bool = False,
) -> ImportResult:  # fmt: skip
    """Import the HSDS file `content` (JSON or zip) into `portal` as `by` (None: the system,
    from the command line). New offers are published when `publish`. `dry_run` checks and
    counts everything and writes nothing. ImportInvalid (a DomainError) lists every problem
    of a file that cannot be imported; then nothing is written either."""
    if by is not None and not by.has_perm("directory.edit_portal", portal):
        raise PermissionDenied
    services = read_services(content, name)
    try:
        with transaction.atomic():
            result = _Importer(portal, by, publish=publish).run(services, name)
            if dry_run:
                raise _DryRun(result)
    except _DryRun as stop:
        stop.result.dry_run = True
        return stop.result
    except IntegrityError as error:  # what the checks above did not foresee: still no 500
        raise ImportInvalid(
            [_("Die Datei passt nicht zu den Daten des Portals; nichts wurde übernommen.")]
        ) from error
    return result


def _places() -> Prefetch:
    return Prefetch(
        "offer_locations",
        OfferLocation.objects.prefetch_related("schedules", "exceptions").order_by("pk"),
    )


class _Importer(PlacesImport):
    def __init__(self, portal: Portal, by: Any, *, publish: bool) -> None:
        self.portal, self.by, self.publish = portal, by, publish
        self.result = ImportResult()
        self.warnings = self.result.warnings
        self.now = timezone.now()
        self.providers = {p.pk: p for p in Provider.objects.filter(portal=portal)}
        self.provider_names = {p.name: p for p in self.providers.values()}
        self.locations = {loc.pk: loc for loc in Location.objects.filter(portal=portal)}
        self.offers = {
            offer.pk: offer
            for offer in Offer.objects.filter(portal=portal)
            .select_related("provider")
            .prefetch_related("topic_rows", "language_rows", _places())
        }
        self.known = self._known_ids()
        self.done: dict[tuple[str, uuid.UUID], Any] = {}
        self.translated: list[tuple[Translatable, Translations, str]] = []
        self.touched: dict[int, Offer] = {}
        self.new_ids: dict[tuple[str, int], uuid.UUID] = {}
        self.assigned: dict[tuple[str, uuid.UUID], int] = {}
        with translation.override("de"):
            self.access_codes = {
                str(label).casefold(): code for code, label in Accessibility.choices
            }

    def _known_ids(self) -> dict[str, dict[uuid.UUID, int]]:
        portal = self.portal
        schedules = Schedule.objects.filter(offer_location__offer__portal=portal)
        pks: dict[str, list[int]] = {
            Kind.ORGANIZATION: list(self.providers),
            Kind.LOCATION: list(self.locations),
            Kind.SERVICE: list(self.offers),
            Kind.SERVICE_AT_LOCATION: [
                place.pk for offer in self.offers.values() for place in offer.offer_locations.all()
            ],
            Kind.SCHEDULE: list(schedules.values_list("pk", flat=True)),
        }
        known = {kind: {derived_id(kind, pk): pk for pk in found} for kind, found in pks.items()}
        for kind, object_id, hsds_id in HsdsId.objects.filter(portal=portal).values_list(
            "kind", "object_id", "hsds_id"
        ):
            known[kind][hsds_id] = object_id
        return known

    def _remember(self, kind: str, hsds_id: uuid.UUID, obj: Any) -> None:
        """The object now has this HSDS id: kept where it is not the derived one."""
        first = self.assigned.setdefault((kind, hsds_id), obj.pk)
        if first != obj.pk:  # the file gives two things one id: the first keeps it
            self.result.warnings.append(
                _("Die id %(id)s (%(kind)s) steht mehrfach in der Datei; nur das erste behält sie.")
                % {"id": hsds_id, "kind": kind}
            )
            return
        if self.known[kind].get(hsds_id) == obj.pk:  # derived, or kept already
            return
        self.known[kind][hsds_id] = obj.pk
        if derived_id(kind, obj.pk) == hsds_id:
            return
        self.new_ids[(kind, obj.pk)] = hsds_id

    def _save_ids(self) -> None:
        """Keep the ids that are not derived (in bulk, replacing what they replace)."""
        if not self.new_ids:
            return
        by_kind: dict[str, dict[int, uuid.UUID]] = {}
        for (kind, pk), hsds_id in self.new_ids.items():
            by_kind.setdefault(kind, {})[pk] = hsds_id
        for kind, ids in by_kind.items():
            pks, uuids = list(ids), list(ids.values())
            for start in range(0, len(pks), 500):
                chunk = slice(start, start + 500)
                HsdsId.objects.filter(kind=kind).filter(
                    Q(object_id__in=pks[chunk]) | Q(portal=self.portal, hsds_id__in=uuids[chunk])
                ).delete()
        HsdsId.objects.bulk_create(
            (
                HsdsId(portal=self.portal, kind=kind, object_id=pk, hsds_id=hsds_id)
                for (kind, pk), hsds_id in self.new_ids.items()
            ),
            batch_size=500,
        )

    def _created(self, obj: Any, label: str, hsds_id: uuid.UUID) -> None:
        record(actor=self.by, verb=CREATED, target=obj, hsds_id=str(hsds_id))
        self.result.created[label] += 1

    def _save(self, obj: Any, values: dict[str, Any], label: str) -> bool:
        changed = bool(apply_changes(obj, values, by=self.by))
        if changed and label:
            self.result.updated[label] += 1
        return changed

    # providers and locations ----------------------------------------------------------------
    def provider(self, org: Organization, where: str) -> Provider:
        if (Kind.ORGANIZATION, org.id) in self.done:
            return self.done[(Kind.ORGANIZATION, org.id)]
        values = {
            "name": org.name,
            "description": org.description or "",
            "email": org.email or "",
            "website": org.website or "",
            "phone": org.phones[0].number if org.phones else "",
        }
        provider = self.providers.get(self.known[Kind.ORGANIZATION].get(org.id, 0))
        if provider is None:  # the same name in this portal is the same provider
            provider = self.provider_names.get(org.name)
        if provider is None:
            provider = Provider.objects.create(portal=self.portal, **values)
            self._created(provider, "providers", org.id)
        else:
            other = self.provider_names.get(org.name)
            if other is not None and other.pk != provider.pk:
                self.result.warnings.append(
                    _("%(where)s: Den Anbieter „%(name)s“ gibt es schon; der Name bleibt.")
                    % {"where": where, "name": org.name}
                )
                values["name"] = provider.name
            self.provider_names.pop(provider.name, None)
            self._save(provider, values, "providers")
        self.provider_names[provider.name] = provider
        self.providers[provider.pk] = provider
        self._remember(Kind.ORGANIZATION, org.id, provider)
        self.translated.append((provider, org.x_translations, where))
        self.done[(Kind.ORGANIZATION, org.id)] = provider
        return provider

    def location(self, given: LocationIn, where: str) -> Location:
        if (Kind.LOCATION, given.id) in self.done:
            return self.done[(Kind.LOCATION, given.id)]
        physical = [a for a in given.addresses if a.address_type in (None, "physical")]
        addresses: list[Address | None] = [*(physical or given.addresses), given.x_address]
        address = addresses[0]
        street = (address.address_1 if address else None) or ""
        city = (address.city if address else None) or self.portal.municipality.name
        codes: list[str] = []
        notes: list[str] = []
        for item in given.accessibility:
            text = (item.description or "").strip()
            code = self.access_codes.get(text.casefold())
            if code and not item.details:
                if code not in codes:
                    codes.append(code)
            elif text or item.details:
                notes.append(" – ".join(part for part in (text, item.details or "") if part))
        values = {
            "name": given.name or street or city,
            "street": street,
            "postcode": (address.postal_code if address else None) or "",
            "city": city,
            "latitude": given.latitude,
            "longitude": given.longitude,
            "directions": given.transportation or "",
            "accessibility": codes,
            "accessibility_note": "\n".join(notes),
        }
        location = self.locations.get(self.known[Kind.LOCATION].get(given.id, 0))
        if location is None:
            location = Location.objects.create(portal=self.portal, **values)
            self.locations[location.pk] = location
            self._created(location, "locations", given.id)
        else:
            self._save(location, values, "locations")
        self._remember(Kind.LOCATION, given.id, location)
        self.translated.append((location, given.x_translations, where))
        self.done[(Kind.LOCATION, given.id)] = location
        return location

    # offers ---------------------------------------------------------------------------------
    def _cost(self, service: ServiceIn) -> str:
        for attribute in service.attributes:
            term = attribute.taxonomy_term
            if term and term.taxonomy_name == COST_TAXONOMY and term.code in Cost.values:
                return str(term.code)
        amounts = [option.amount for option in service.cost_options if option.amount is not None]
        if any(amount > 0 for amount in amounts):
            return Cost.PAID
        if amounts or not service.fees_description:
            return Cost.FREE
        return Cost.PAID

    def _topics(self, service: ServiceIn, where: str) -> list[str]:
        topics: list[str] = []
        for attribute in service.attributes:
            term = attribute.taxonomy_term
            if not term or term.taxonomy_name != TOPIC_TAXONOMY:
                continue
            if term.code in Topic.values:
                topics.append(str(term.code))
            else:
                self.result.warnings.append(
                    _("%(where)s: unbekanntes Thema „%(code)s“ übergangen")
                    % {"where": where, "code": term.code}
                )
        return sorted(set(topics))

    def _checked_at(self, service: ServiceIn, offer: Offer | None) -> datetime.datetime | None:
        if service.assured_date is None:
            return offer.last_checked_at if offer else None
        checked = offer.last_checked_at if offer else None
        if checked and timezone.localdate(checked) == service.assured_date:
            return checked
        noon = datetime.datetime.combine(service.assured_date, datetime.time(12))
        return timezone.make_aware(noon)

    def offer_values(self, service: ServiceIn, offer: Offer | None, where: str) -> dict[str, Any]:
        contact = service.contacts[0] if service.contacts else None
        phones = service.phones or (contact.phones if contact else [])
        summary = service.x_summary
        if summary is None:  # HSDS has no summary: the description's first sentence
            first = (service.description or "").strip().split("\n")[0].split(". ")[0]
            summary = first if len(first) <= 300 else first[:299] + "…"
        status = service.offer_status
        return {
            "provider": self.provider(service.organization, where),
            "name": service.name,
            "summary": summary,
            "description": service.description or "",
            "eligibility": service.eligibility_description or "",
            "required_documents": "\n".join(
                doc.document.strip()
                for doc in service.required_documents
                if doc.document and doc.document.strip()
            ),
            "cost": self._cost(service),
            "cost_note": service.fees_description or "",
            "min_age": service.minimum_age,
            "max_age": service.maximum_age,
            "website": service.url or "",
            "contact_name": (contact.name if contact else None) or "",
            "contact_phone": phones[0].number if phones else "",
            "contact_email": service.email or (contact.email if contact else None) or "",
            "status": status,
            "closed_until": service.x_closed_until if status == Offer.Status.CLOSED else None,
            "last_checked_at": self._checked_at(service, offer),
        }

    def offer(self, service: ServiceIn, where: str) -> None:
        offer = self.offers.get(self.known[Kind.SERVICE].get(service.id, 0))
        values = self.offer_values(service, offer, where)
        fresh = offer is None
        fields_changed = False
        if offer is None:
            offer = Offer(portal=self.portal, published_at=self.now if self.publish else None)
            for name, value in values.items():
                setattr(offer, name, value)
            offer.search_text = offer_search_text(offer)
            offer.save()
            self._created(offer, "offers", service.id)
        else:
            fields_changed = self._save(offer, values, "")
        self._remember(Kind.SERVICE, service.id, offer)
        changed: dict[str, list[Any]] = {}
        topics = self._topics(service, where)
        before = [] if fresh else sorted(row.topic for row in offer.topic_rows.all())
        if topics != before:
            OfferTopic.objects.filter(offer=offer).exclude(topic__in=topics).delete()
            OfferTopic.objects.bulk_create(
                [OfferTopic(offer=offer, topic=t) for t in topics if t not in before]
            )
            changed["topics"] = [before, topics]
        codes = sorted({lang.code.lower() for lang in service.languages if lang.code})
        before = [] if fresh else sorted(row.language for row in offer.language_rows.all())
        if codes != before:
            OfferLanguage.objects.filter(offer=offer).exclude(language__in=codes).delete()
            OfferLanguage.objects.bulk_create(
                [OfferLanguage(offer=offer, language=c) for c in codes if c not in before]
            )
            changed["languages"] = [before, codes]
        changed.update(self.places(offer, service.service_at_locations, fresh, where))
        if service.schedules:
            self.result.warnings.append(
                _("%(where)s: Zeitplan des ganzen Angebots übergangen (Öffnungszeiten werden je "
                  "Ort übernommen: service_at_locations → schedules)") % {"where": where}
            )  # fmt: skip
        if changed:
            record(actor=self.by, verb=CHANGED["Offer"], target=offer, changed=changed)
        if not fresh and (fields_changed or changed):
            self.result.updated["offers"] += 1
        self.translated.append((offer, service.x_translations, where))
        self.touched[offer.pk] = offer
        self.result.offers += 1

    def run(self, services: list[tuple[str, ServiceIn]], name: str) -> ImportResult:
        for where, service in services:
            self.offer(service, where)
        self._save_ids()
        write_translations(self.translated, by=self.by, now=self.now, warnings=self.result.warnings)
        for offer in self.touched.values():
            refresh_search_text(offer)
        record(
            actor=self.by, verb=IMPORTED, target=self.portal, file=name,
            created=dict(self.result.created), updated=dict(self.result.updated),
            offers=self.result.offers,
        )  # fmt: skip
        bump()
        return self.result


def summary(result: ImportResult) -> str:
    """What an import did, in words: "4 Angebote gelesen; neu: 4 Angebote, 2 Anbieter …"."""
    words = {
        "offers": lambda n: ngettext("%(n)s Angebot", "%(n)s Angebote", n),
        "providers": lambda n: ngettext("%(n)s Anbieter", "%(n)s Anbieter", n),
        "locations": lambda n: ngettext("%(n)s Ort", "%(n)s Orte", n),
    }

    def counted(counts: Counter[str]) -> str:
        parts = [words[key](n) % {"n": n} for key, n in counts.items() if n and key in words]
        return ", ".join(parts) or _("nichts")

    text = (
        ngettext("%(n)s Angebot gelesen", "%(n)s Angebote gelesen", result.offers)
        % {"n": result.offers}
        + "; "
        + _("neu: %(created)s; geändert: %(updated)s.")
        % {"created": counted(result.created), "updated": counted(result.updated)}
    )
    if result.dry_run:
        text += " " + _("Nur geprüft: nichts wurde gespeichert.")
    return text
