"""The data of bench/portal.py: many published newcomer portals, each fully translated.

`generate(sizes, rng)` writes, with bulk_create in batches (a bench, not the service path):
- `sizes.municipalities` synthetic towns, each with a verified municipality organisation and a
  published portal with a welcome text;
- per portal 10 providers, 20 places (with coordinates near the town) and `sizes.offers`
  offers made from a few kinds (a language course, counselling, a job centre, …): one or two
  topics, two or three languages spoken, one place with two weekly slots; about one in
  twenty temporarily closed;
- per portal 2 guide topics with 2 pages of 3 sections each, linked to three offers;
- every non-empty section of all of these translated into the six portal languages, each
  translation with the hash of its German source made by directory.translation.source_hash
  (so the statuses the pages compute are the ones the service would give); one in ten
  translations made by the machine and unreviewed. These millions of rows go in with one
  prepared INSERT per batch (`_insert`) rather than bulk_create, which would spend most of
  the build compiling SQL;
- each offer's search text as editing.offer_search_text writes it (German, provider, and the
  translations of name, summary and description, lower-case).
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

BATCH = 2000
SLUG_PREFIX = "bench-portal-"

# kind: topics, German name, summary; name per language (the rest is "<language>: German")
KINDS: list[tuple[tuple[str, ...], str, str, dict[str, str]]] = [
    (("language",), "Integrationskurs", "Deutsch lernen von A1 bis B1, mit Kinderbetreuung.",
     {"en": "Integration course", "ar": "دورة الاندماج", "uk": "Інтеграційний курс",
      "fa": "دوره ادغام", "tr": "Uyum kursu", "ru": "Интеграционный курс"}),
    (("language", "encounter"), "Sprachcafé", "Deutsch sprechen üben bei Kaffee und Tee.",
     {"en": "Language café", "ar": "مقهى اللغة", "uk": "Мовне кафе", "fa": "کافه زبان",
      "tr": "Dil kafesi", "ru": "Языковое кафе"}),
    (("counselling",), "Migrationsberatung für Erwachsene",
     "Beratung zu Aufenthalt, Arbeit, Wohnung und Familie.",
     {"en": "Migration counselling for adults", "ar": "استشارة الهجرة للبالغين",
      "uk": "Міграційна консультація для дорослих", "fa": "مشاوره مهاجرت برای بزرگسالان",
      "tr": "Yetişkinler için göç danışmanlığı", "ru": "Миграционная консультация для взрослых"}),
    (("asylum", "counselling"), "Asylverfahrensberatung",
     "Unabhängige Beratung vor und während des Asylverfahrens.",
     {"en": "Asylum procedure counselling", "ar": "استشارة إجراءات اللجوء",
      "uk": "Консультація щодо процедури притулку", "fa": "مشاوره روند پناهندگی",
      "tr": "İltica süreci danışmanlığı", "ru": "Консультация по процедуре убежища"}),
    (("work",), "Jobcenter – Beratung für Geflüchtete",
     "Hilfe bei Arbeitssuche, Bewerbung und Anerkennung von Abschlüssen.",
     {"en": "Job centre – advice for refugees", "ar": "مركز العمل – استشارة للاجئين",
      "uk": "Джобцентр – консультація для біженців", "fa": "مرکز کاریابی – مشاوره برای پناهجویان",
      "tr": "İş merkezi – mültecilere danışmanlık", "ru": "Джобцентр – консультация для беженцев"}),
    (("health",), "Gesundheitssprechstunde", "Ärztliche Beratung ohne Termin, mit Dolmetschen.",
     {"en": "Health consultation", "ar": "استشارة صحية", "uk": "Консультація зі здоров'я",
      "fa": "مشاوره سلامت", "tr": "Sağlık danışma saati", "ru": "Консультация по здоровью"}),
    (("childcare", "family"), "Eltern-Kind-Gruppe", "Spielen, singen und andere Eltern treffen.",
     {"en": "Parent and child group", "ar": "مجموعة الأهل والأطفال", "uk": "Група батьків і дітей",
      "fa": "گروه والدین و کودک", "tr": "Ebeveyn-çocuk grubu", "ru": "Группа родителей и детей"}),
    (("leisure",), "Fußball für alle", "Offenes Training jeden Samstag, ohne Anmeldung.",
     {"en": "Football for everyone", "ar": "كرة القدم للجميع", "uk": "Футбол для всіх",
      "fa": "فوتبال برای همه", "tr": "Herkes için futbol", "ru": "Футбол для всех"}),
]  # fmt: skip
LANGUAGES_SPOKEN = ["ar", "uk", "fa", "tr", "ru", "en", "fr", "ku", "ps", "ti"]


@dataclass(frozen=True)
class Sizes:
    municipalities: int
    offers: int


def _bulk(model: Any, objects: Iterable[Any]) -> int:
    """Write `objects` in batches; returns how many (the objects are not kept: millions of
    translations would not fit)."""
    made = 0
    batch: list[Any] = []
    for obj in objects:
        batch.append(obj)
        if len(batch) == BATCH:
            model.objects.bulk_create(batch)
            made, batch = made + len(batch), []
    if batch:
        model.objects.bulk_create(batch)
        made += len(batch)
    return made


@lru_cache(maxsize=65536)
def _hash(text: str) -> str:
    from handschlag.directory.translation import source_hash

    return source_hash(text)


def _spoken(pk: int, rng: random.Random) -> set[str]:
    """Two or three languages; every other offer's staff speak Arabic (what the search asks)."""
    first = "ar" if pk % 2 else "uk"
    return {first, *rng.sample(LANGUAGES_SPOKEN, 1 + pk % 2)}


def _translated(language: str, german: str) -> str:
    return f"{language}: {german}"


TRANSLATION_COLUMNS = (
    "created_at", "updated_at", "content_type_id", "object_id", "field", "language", "text",
    "source_hash", "source_text", "origin", "reviewed_at",
)  # fmt: skip


def _translations(
    content_type: int, objects: Iterable[Any], rng: random.Random, names: dict[int, dict] | None
) -> Iterable[tuple[Any, ...]]:
    """Every non-empty section of `objects` in every target language (from the German
    source's hash), as rows of TRANSLATION_COLUMNS; `names` gives an offer's name per language
    when there is one. A person's translation counts as reviewed when made, a machine's not."""
    from django.db import connection
    from django.utils import timezone

    from handschlag.directory.models import TARGET_LANGUAGES, Translation

    now = connection.ops.adapt_datetimefield_value(timezone.now())
    for obj in objects:
        for field, source in obj.source_sections().items():
            if not source.strip():
                continue
            digest = _hash(source)
            for language in TARGET_LANGUAGES:
                text = _translated(language, source)
                if field == "name" and names is not None:
                    text = names[obj.pk][language]
                machine = rng.random() < 0.1
                origin = Translation.Origin.MACHINE if machine else Translation.Origin.HUMAN
                yield (
                    now, now, content_type, obj.pk, field, language, text, digest, source,
                    str(origin), None if machine else now,
                )  # fmt: skip


def _insert(table: str, columns: tuple[str, ...], rows: Iterable[tuple[Any, ...]]) -> int:
    """Rows written with one prepared INSERT per batch: for the 2.5 million translations,
    bulk_create spends three quarters of its time compiling SQL, this a tenth."""
    from django.db import connection

    # our own model's table and columns, quoted; the values are parameters
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    places = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {connection.ops.quote_name(table)} ({names}) VALUES ({places})"  # noqa: S608
    made = 0
    batch: list[tuple[Any, ...]] = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(row)
            if len(batch) == 5 * BATCH:
                cursor.executemany(sql, batch)
                made, batch = made + len(batch), []
        if batch:
            cursor.executemany(sql, batch)
            made += len(batch)
    return made


def generate(sizes: Sizes, rng: random.Random) -> dict[str, int]:
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone

    from handschlag.directory import models as m
    from handschlag.organisations.models import Organisation
    from handschlag.places.models import Municipality

    now = timezone.now()
    counts: dict[str, int] = {}
    with transaction.atomic():
        _bulk(Municipality, (
            Municipality(
                name=f"Portalstadt {n}", slug=f"{SLUG_PREFIX}{n}", ags=f"{80_000_000 + n:08d}",
                state="TH", latitude=50 + rng.random() * 3, longitude=9 + rng.random() * 4,
                population=20_000 + n,
            )
            for n in range(sizes.municipalities)
        ))  # fmt: skip
        towns = list(Municipality.objects.filter(slug__startswith=SLUG_PREFIX).order_by("pk"))
        _bulk(Organisation, (
            Organisation(
                name=f"Stadt {town.name} – Integration", slug=f"bench-stadt-{town.pk}",
                kind=Organisation.Kind.MUNICIPALITY, municipality=town, is_verified=True,
                verified_at=now,
            )
            for town in towns
        ))  # fmt: skip
        orgs = {
            org.municipality_id: org
            for org in Organisation.objects.filter(slug__startswith="bench-stadt-")
        }
        _bulk(m.Portal, (
            m.Portal(
                municipality=town, organisation=orgs[town.pk], published_at=now,
                welcome=f"Willkommen in {town.name}! Hier finden Sie Hilfe in Ihrer Nähe.",
            )
            for town in towns
        ))  # fmt: skip
        portals = list(m.Portal.objects.select_related("municipality").order_by("pk"))
        _bulk(m.Provider, (
            m.Provider(portal=portal, name=f"Träger {p} {portal.municipality.name}",
                       description="Wir beraten und begleiten Menschen, die neu hier sind.",
                       email=f"traeger{p}@portal{portal.pk}.example")
            for portal in portals for p in range(10)
        ))  # fmt: skip
        _bulk(m.Location, (
            m.Location(
                portal=portal, name=f"Haus {p}", street=f"Hauptstraße {p + 1}", postcode="99999",
                city=portal.municipality.name,
                latitude=portal.municipality.latitude + rng.uniform(-0.02, 0.02),
                longitude=portal.municipality.longitude + rng.uniform(-0.02, 0.02),
                directions=f"Bus {p % 5 + 1} bis Haltestelle Markt, dann drei Minuten zu Fuß.",
                accessibility=["step_free"] if p % 2 else [],
            )
            for portal in portals for p in range(20)
        ))  # fmt: skip
        providers: dict[int, list[m.Provider]] = {}
        for provider in m.Provider.objects.order_by("pk"):
            providers.setdefault(provider.portal_id, []).append(provider)
        places: dict[int, list[m.Location]] = {}
        for location in m.Location.objects.order_by("pk"):
            places.setdefault(location.portal_id, []).append(location)

        def offers() -> Iterable[m.Offer]:
            for portal in portals:
                for n in range(sizes.offers):
                    kind = n % len(KINDS)
                    _topics, name, summary, _names = KINDS[kind]
                    closed = n % 20 == 7
                    yield m.Offer(
                        portal=portal, provider=providers[portal.pk][n % 10],
                        name=f"{name} {n}", summary=summary,
                        description=f"{summary} Das Angebot Nummer {n} in "
                        f"{portal.municipality.name}. Kommen Sie gern vorbei.",
                        eligibility="Für alle Menschen, die neu in der Stadt sind.",
                        required_documents="Ausweis oder Aufenthaltsdokument" if n % 3 else "",
                        cost=m.Cost.FREE if n % 4 else m.Cost.REDUCED,
                        cost_note="" if n % 4 else "Mit Sozialpass ermäßigt.",
                        contact_email=f"angebot{n}@portal{portal.pk}.example",
                        status=m.Offer.Status.CLOSED if closed else m.Offer.Status.ACTIVE,
                        published_at=now, last_checked_at=now - datetime.timedelta(days=n % 200),
                    )  # fmt: skip

        _bulk(m.Offer, offers())
        offer_rows = list(m.Offer.objects.select_related("provider").order_by("pk"))
        number = {o.pk: int(o.name.rsplit(" ", 1)[1]) for o in offer_rows}
        kinds = {pk: n % len(KINDS) for pk, n in number.items()}
        names = {
            pk: {lang: f"{KINDS[kinds[pk]][3][lang]} {n}" for lang in m.TARGET_LANGUAGES}
            for pk, n in number.items()
        }
        _bulk(m.OfferTopic, (
            m.OfferTopic(offer=o, topic=topic)
            for o in offer_rows for topic in KINDS[kinds[o.pk]][0]
        ))  # fmt: skip
        _bulk(m.OfferLanguage, (
            m.OfferLanguage(offer=o, language=code)
            for o in offer_rows for code in _spoken(o.pk, rng)
        ))  # fmt: skip
        _bulk(m.OfferLocation, (
            m.OfferLocation(offer=o, location=places[o.portal_id][o.pk % 20],
                            by_appointment=o.pk % 5 == 0)
            for o in offer_rows
        ))  # fmt: skip
        _bulk(m.Schedule, (
            m.Schedule(offer_location_id=row_id, weekday=(row_id + s * 2) % 5,
                       opens_at=datetime.time(9 + s * 5), closes_at=datetime.time(12 + s * 5))
            for row_id in m.OfferLocation.objects.values_list("pk", flat=True) for s in range(2)
        ))  # fmt: skip
        _bulk(m.GuideTopic, (
            m.GuideTopic(portal=portal, title=title, summary=summary, position=t)
            for portal in portals
            for t, (title, summary) in enumerate([
                ("Ankommen", "Die ersten Wochen in der Stadt."),
                ("Deutsch lernen", "Kurse, Sprachcafés und Hilfe beim Lernen."),
            ])
        ))  # fmt: skip
        topics = list(m.GuideTopic.objects.select_related("portal__municipality").order_by("pk"))
        _bulk(m.GuidePage, (
            m.GuidePage(topic=topic, slug=f"seite-{p}", title=f"{topic.title}: Schritt {p + 1}",
                        summary="Was Sie wissen müssen, in einfacher Sprache.", position=p,
                        published_at=now)
            for topic in topics for p in range(2)
        ))  # fmt: skip
        pages = list(m.GuidePage.objects.select_related("topic").order_by("pk"))
        _bulk(m.GuideSection, (
            m.GuideSection(
                page=page, position=s, heading=f"Schritt {s + 1}",
                body="Gehen Sie zuerst ins Bürgerbüro. Bringen Sie Ihren Pass mit. "
                f"Dort bekommen Sie eine Meldebescheinigung. (Abschnitt {s + 1})",
            )
            for page in pages for s in range(3)
        ))  # fmt: skip
        first_offers: dict[int, list[int]] = {}
        for offer in offer_rows:
            if len(first_offers.setdefault(offer.portal_id, [])) < 3:
                first_offers[offer.portal_id].append(offer.pk)
        through = m.GuidePage.offers.through
        _bulk(through, (
            through(guidepage_id=page.pk, offer_id=offer_id)
            for page in pages for offer_id in first_offers[page.topic.portal_id]
        ))  # fmt: skip
        translated = 0
        for model, rows, offer_names in (
            (m.Portal, portals, None),
            (m.Provider, m.Provider.objects.order_by("pk"), None),
            (m.Location, m.Location.objects.order_by("pk"), None),
            (m.Offer, offer_rows, names),
            (m.GuideTopic, topics, None),
            (m.GuidePage, pages, None),
            (m.GuideSection, m.GuideSection.objects.order_by("pk"), None),
        ):
            content_type = ContentType.objects.get_for_model(model).pk
            translated += _insert(
                m.Translation._meta.db_table, TRANSLATION_COLUMNS,
                _translations(content_type, rows, rng, offer_names),
            )  # fmt: skip
        for offer in offer_rows:
            parts = [offer.name, offer.summary, offer.description, offer.provider.name]
            for language in m.TARGET_LANGUAGES:
                parts += [names[offer.pk][language], _translated(language, offer.summary),
                          _translated(language, offer.description)]  # fmt: skip
            offer.search_text = " ".join(parts).lower()
        m.Offer.objects.bulk_update(offer_rows, ["search_text"], batch_size=BATCH)
    counts.update(
        municipalities=len(towns), portals=len(portals), offers=len(offer_rows),
        guides=len(pages), translations=translated,
    )  # fmt: skip
    return counts
