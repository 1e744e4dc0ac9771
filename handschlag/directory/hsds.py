"""Open data in Open Referral's Human Services Data Specification (HSDS) 3.0: what the export
(hsds_export.py), the tabular package (hsds_tabular.py) and the import (hsds_import.py) share.

How the portal maps onto HSDS 3.0 (documented for data users at /portal/<town>/daten/):

- Provider → organization (name, description, email, website, phones).
- Offer → service: name, description, url (website), email (contact email), status (active →
  "active", temporarily closed → "temporarily closed", ended → "defunct"), fees_description
  (cost note), eligibility_description, minimum_age / maximum_age, assured_date (the date it
  was last checked), alert (closed until …), last_modified; phones (contact phone); contacts
  (the contact's name); languages (spoken, ISO 639 codes); required_documents (one per line);
  cost_options (an amount of 0 € when free); attributes: the topics, as taxonomy terms of our
  own taxonomy "handschlag-topics", and the cost (free / reduced / paid) of "handschlag-cost".
- OfferLocation → service_at_location, with its location (name, transportation = how to get
  there, latitude/longitude, a physical address, accessibility — one entry per feature, named
  in German, and one for the free-text note) and its schedules: weekly RRULE parts (freq
  WEEKLY, byday, opens_at/closes_at in local time, Europe/Berlin, valid_from/valid_to).

HSDS has no field for these; they are extension properties, prefixed "x-" (HSDS allows extra
properties, see its "Extending HSDS"):

- service "x-summary": the one-sentence summary; "x-closed_until": the date a temporarily
  closed offer opens again.
- service_at_location "x-by_appointment": true when only by appointment;
  "x-schedule_exceptions": holidays and other hours, [{starts_on, ends_on, closed, opens_at,
  closes_at, note}].
- location "x-address": the parts of an address too incomplete for an HSDS address
  (address_1, postal_code, city).
- "x-translations" on service, organization and location: HSDS fields are single-language, so
  the values are German (the source) and each translated section is given here, keyed by
  language and by the HSDS field it translates: {"en": {"name": {"text": "…", "status":
  "current"}}}. status is "current", "machine" (machine-translated, not reviewed) or
  "outdated" (made from an older German text, which "source" then holds).

In the tabular package extension properties are extra columns ("x-…") of their object's
table; lists and objects there are JSON text.

Ids are UUIDs, stable across exports: derived (uuid5) from the site's address and the pk, or,
for what came in by an import, the id it came with (HsdsId). Parts without a row of their own
(addresses, phones, languages, …) get ids derived from their parent's.
"""

from __future__ import annotations

import uuid
from functools import lru_cache

from django.conf import settings

from .models import HsdsId, Location, Offer, OfferLocation, Provider, Schedule

HSDS_VERSION = "3.0"
TOPIC_TAXONOMY = "handschlag-topics"
COST_TAXONOMY = "handschlag-cost"
# The licence the portal's open data are published under (datapackage.json, the data page).
DATA_LICENSE = {
    "name": "dl-de-by-2.0",
    "path": "https://www.govdata.de/dl-de/by-2-0",
    "title": "Datenlizenz Deutschland – Namensnennung – Version 2.0",
}

STATUS_OUT = {
    Offer.Status.ACTIVE: "active",
    Offer.Status.CLOSED: "temporarily closed",
    Offer.Status.ENDED: "defunct",
}
STATUS_IN = {
    "active": Offer.Status.ACTIVE,
    "temporarily closed": Offer.Status.CLOSED,
    "inactive": Offer.Status.CLOSED,
    "defunct": Offer.Status.ENDED,
}
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

# Which HSDS field carries each translatable section: {model field: HSDS field}.
TRANSLATED_FIELDS: dict[type, dict[str, str]] = {
    Offer: {
        "name": "name",
        "summary": "x-summary",
        "description": "description",
        "eligibility": "eligibility_description",
        "required_documents": "required_documents",
        "cost_note": "fees_description",
    },
    Provider: {"description": "description"},
    Location: {
        "name": "name",
        "directions": "transportation",
        "accessibility_note": "accessibility",
    },
}

KIND_OF: dict[type, str] = {
    Provider: HsdsId.Kind.ORGANIZATION,
    Location: HsdsId.Kind.LOCATION,
    Offer: HsdsId.Kind.SERVICE,
    OfferLocation: HsdsId.Kind.SERVICE_AT_LOCATION,
    Schedule: HsdsId.Kind.SCHEDULE,
}


@lru_cache(maxsize=4)
def _namespace(site_url: str) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, site_url.rstrip("/") + "/hsds/")


def namespace() -> uuid.UUID:
    """This site's namespace of derived ids: two sites never derive the same id."""
    return _namespace(settings.SITE_URL)


def derived_id(kind: str, pk: int) -> uuid.UUID:
    """The id of an object made here: the same in every export."""
    return uuid.uuid5(namespace(), f"{kind}/{pk}")


def part_id(parent: str | uuid.UUID, part: str) -> str:
    """The id of a part without a row of its own (an address, a phone, a language …)."""
    return str(uuid.uuid5(uuid.UUID(str(parent)), part))


def term_id(taxonomy: str, code: str) -> str:
    return str(uuid.uuid5(namespace(), f"taxonomy/{taxonomy}/{code}"))


def taxonomy_id(taxonomy: str) -> str:
    return str(uuid.uuid5(namespace(), f"taxonomy/{taxonomy}"))


class Ids:
    """The HSDS ids of one or more portals' objects: imported ones as they came, the rest
    derived from the pk. One query."""

    def __init__(self, portal_ids: list[int]) -> None:
        rows = HsdsId.objects.filter(portal_id__in=portal_ids).values_list(
            "kind", "object_id", "hsds_id"
        )
        self.imported: dict[tuple[str, int], uuid.UUID] = {
            (kind, object_id): hsds_id for kind, object_id, hsds_id in rows
        }

    def of(self, obj: Provider | Location | Offer | OfferLocation | Schedule) -> str:
        kind = KIND_OF[type(obj)]
        return str(self.imported.get((kind, obj.pk)) or derived_id(kind, obj.pk))
