"""Needs in the demo world ("Wir suchen 5 Laptops für ein Bewerbungstraining in Stralsund"),
one promise that answers the first, and the proposals the matching makes for them."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.text import slugify

from handschlag.accounts.models import User
from handschlag.core.models import StateChange
from handschlag.core.units import stored_pair
from handschlag.needs import matching
from handschlag.needs.models import Need
from handschlag.organisations.models import Membership, Organisation
from handschlag.places.models import Municipality
from handschlag.promises.models import Promise

# key, name, kind, town slug, verified, admin key
ORGANISATIONS = [
    ("stralsund_hilft", "Stralsund hilft e. V.", "initiative", "stralsund", True, "initiative"),
]

# organisation key, town, category, title, description, quantity, unit, state, days
NEEDS = [
    ("stralsund_hilft", "stralsund", "equipment",
     "5 Laptops für ein Bewerbungstraining in Stralsund",
     "Jeden Dienstagabend schreiben wir mit Geflüchteten Bewerbungen. Bisher teilen sich acht "
     "Teilnehmende zwei alte Laptops – mit fünf weiteren könnte jede und jeder selbst üben.",
     5, "Laptops", "published", 45),
    ("willkommen", "sonneberg", "expertise", "Dolmetschende für Elternabende an der Grundschule",
     "Zu den Elternabenden kommen Familien, die Arabisch, Dari und Ukrainisch sprechen. Wir "
     "suchen Beratung, wie wir Dolmetschen verlässlich organisieren.",
     3, "Termine", "published", 60),
    ("stadt_potsdam", "potsdam", "space", "Ein Raum für einen Elterntreff am Schlaatz",
     "Zweimal im Monat, samstags vormittags, für etwa 20 Eltern mit Kindern.",
     1, "Raum", "published", 90),
    ("elbbruecke", "torgau", "mobility", "Vier Fahrräder für Auszubildende in Torgau",
     "Vier Auszubildende erreichen ihren Betrieb im Gewerbegebiet nur schwer mit dem Bus.",
     4, "Fahrräder", "published", 30),
    ("kalletal_hilft", "kalletal", "leisure", "Trikots für ein gemischtes Fußballteam",
     "Unser neues Team trainiert zweimal pro Woche; es fehlen Trikots in den Größen S bis XL.",
     15, "Trikots", "pending", 60),
]  # fmt: skip

ANSWER = (
    "company", "hanse_bau", "stralsund", "equipment", "Acht Laptops aus unserer Büroerneuerung",
    "Acht Business-Laptops, drei Jahre alt, frisch aufgesetzt, mit Netzteil.", 8, "Laptops",
    "… eine Initiative damit Menschen beim Bewerben, Lernen oder der Jobsuche unterstützt.",
    "Wofür wurden die Laptops eingesetzt, wie viele Menschen haben sie genutzt?",
)  # fmt: skip


def load_needs(
    people: dict[str, User],
    organisations: dict[str, Organisation],
    towns: dict[str, Municipality],
) -> int:
    """Create the demo needs unless they exist, then let the matching propose promises."""
    organisations = {**organisations, **_organisations(people, towns)}
    _answering_promise(people, organisations, towns)
    created = 0
    moderator = people["moderator"]
    for org, town, category, title, description, quantity, unit, state, days in NEEDS:
        organisation = organisations[org]
        if Need.objects.filter(title=title, organisation=organisation).exists():
            continue
        admin = organisation.memberships.filter(role=Membership.Role.ADMIN).first()
        unit_singular, unit = stored_pair("", unit)
        need = Need.objects.create(
            organisation=organisation, author=admin.user if admin else None, title=title,
            description=description, category=category, quantity=quantity, unit=unit,
            unit_singular=unit_singular,
            municipality=towns[town], state=state,
            needed_by=timezone.localdate() + datetime.timedelta(days=days),
            published_at=timezone.now() - datetime.timedelta(days=2)
            if state == "published" else None,
        )  # fmt: skip
        path = ["pending", "published"] if state == "published" else ["pending"]
        previous = "draft"
        for to_state in path:
            StateChange.objects.create(
                target=need, from_state=previous, to_state=to_state, by=moderator
            )
            previous = to_state
        created += 1
    matching.nightly(tell=False)
    return created


def _organisations(
    people: dict[str, User], towns: dict[str, Municipality]
) -> dict[str, Organisation]:
    made = {}
    for key, name, kind, town, verified, admin in ORGANISATIONS:
        organisation, _new = Organisation.objects.get_or_create(
            slug=slugify(name),
            defaults={
                "name": name, "kind": kind, "municipality": towns[town], "is_verified": verified,
                "verified_at": timezone.now() if verified else None,
                "description": f"{name} begleitet Neuangekommene in {towns[town]} in Arbeit.",
            },
        )  # fmt: skip
        Membership.objects.get_or_create(
            organisation=organisation, user=people[admin], defaults={"role": "admin"}
        )
        made[key] = organisation
    return made


def _answering_promise(
    people: dict[str, User],
    organisations: dict[str, Organisation],
    towns: dict[str, Municipality],
) -> None:
    owner, org, town, category, title, description, quantity, unit, condition, report = ANSWER
    if Promise.objects.filter(title=title, owner=people[owner]).exists():
        return
    Promise.objects.create(
        owner=people[owner], organisation=organisations[org], municipality=towns[town],
        category=category, title=title, description=description, quantity=quantity, unit=unit,
        unit_singular=stored_pair("", unit)[0],
        condition=condition, report_requirements=report, capacity=2, remaining_capacity=2,
        remaining_quantity=quantity, eligibility="organisations", state="published",
        deadline=timezone.localdate() + datetime.timedelta(days=75),
        published_at=timezone.now() - datetime.timedelta(days=1),
    )  # fmt: skip
