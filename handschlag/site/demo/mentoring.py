"""Mentoring in the demo world: the programme "Menschen stärken Menschen" with three carriers
and a site in each of the eight seed towns; about 200 mentors and 250 mentees; tandems in
every state since 2019, with meetings, check-ins and survey answers, so the dashboards are
filled; and in every site approved mentors and mentees without a tandem, so a matching round
is ready to run.

Rows are made with the models directly (bulk), not through the services: the demo needs
years of history and must not send a mail per demo person. Counters are kept consistent by
hand — a mentor's free places = capacity − tandems holding a place; tests/site checks that.
Deterministic (a seeded random generator) and idempotent (nothing happens if the programme
exists).
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from handschlag.accounts.models import User
from handschlag.conversations.models import Conversation, Message, Reader
from handschlag.core.models import StateChange
from handschlag.matching import SLOTS
from handschlag.mentoring import access, statistics_figures, surveys, tandem_conversation
from handschlag.mentoring.models import (
    AgeGroup,
    Carrier,
    CheckIn,
    Meeting,
    Mentee,
    Mentor,
    Programme,
    Site,
    SurveyInvitation,
    SurveyResponse,
    Tandem,
    TandemKind,
)
from handschlag.organisations.models import Membership, Organisation, RoleGrant
from handschlag.places.models import Municipality

from .data import DEMO_PASSWORD

PROGRAMME_SLUG = "menschen-staerken-menschen"
CONSENT_VERSION = "2026-11"

# key, email, first name, last name — the people who run and use the programme
PEOPLE = [
    ("programme_staff", "programm@demo.handschlag.example", "Katrin", "Vogel"),
    ("carrier_coordinator", "traeger@demo.handschlag.example", "Jonas", "Albrecht"),
    ("site_coordinator", "koordination@demo.handschlag.example", "Aylin", "Demir"),
    ("mentor", "mentorin@demo.handschlag.example", "Hannah", "Schulze"),
    ("mentee", "mentee@demo.handschlag.example", "Yusuf", "Rahimi"),
]

# carrier organisation, its town, its sites' towns
CARRIERS = [
    ("Patenschaftsnetz Mitteldeutschland e. V.", "sonneberg",
     ["sonneberg", "torgau", "burgenlandkreis"]),
    ("Brückenbauer Nordost gGmbH", "potsdam", ["potsdam", "berlin", "stralsund"]),
    ("Ankommen West e. V.", "pforzheim", ["pforzheim", "kalletal"]),
]  # fmt: skip


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


MENTOR_FIRST = _words(
    "Anna Ben Clara David Elif Felix Greta Hannes Ida Jan Katja Lars Marie Nils Olga Paul "
    "Ruth Simon Tanja Uwe Vera Wolfgang Yvonne Zeynep Birgit Carsten Doris Emil Frieda Georg"
)
MENTOR_LAST = _words(
    "Bauer Becker Fischer Hartmann Jung Koch Krüger Lange Lehmann Möller Neumann Peters "
    "Richter Schmidt Schröder Schwarz Wagner Weber Wolf Zimmermann Yıldız Nowak Petrov"
)
MENTEE_FIRST = _words(
    "Amal Karim Olena Dmytro Farid Mariam Aziz Hevin Tesfay Nour Oksana Reza Samira Walid "
    "Zahra Ahmad Iryna Bashir Layla Omid Selam Kateryna Hamid Rana Timur Aisha Mohammad Dalia "
    "Artem Shirin"
)
# newcomer languages with the demo's weights
MENTEE_LANGUAGES = (("ar", 6), ("uk", 5), ("fa", 3), ("prs", 2), ("ti", 2), ("tr", 2),
                    ("ru", 2), ("ku", 1), ("so", 1), ("ps", 1))  # fmt: skip
MENTOR_SECOND_LANGUAGES = ("en", "en", "en", "fr", "ru", "ar", "tr", "uk", "es", "")
ALL_KINDS = [value for value, _label in TandemKind.choices]
END_REASONS = (
    (Tandem.EndReason.GOAL_REACHED, 10), (Tandem.EndReason.MOVED, 3),
    (Tandem.EndReason.NO_CONTACT, 2), (Tandem.EndReason.TIME, 2),
    (Tandem.EndReason.CONFLICT, 1), (Tandem.EndReason.NOT_STARTED, 1),
)  # fmt: skip


def load_mentoring(people: dict[str, User], towns: dict[str, Municipality]) -> int:
    """Create the programme unless it exists; returns the number of tandems created."""
    if Programme.objects.filter(slug=PROGRAMME_SLUG).exists():
        return 0
    rng = random.Random(2016)
    cast = {**people, **_people()}
    programme = _programme(cast)
    sites = _structure(programme, cast, towns)
    today = timezone.localdate()
    tandems = 0
    for index, site in enumerate(sites):
        mentors = _mentors(site, rng, index, cast if index == 0 else {}, today)
        mentees = _mentees(site, rng, index, cast if index == 0 else {}, today)
        tandems += _tandems(site, mentors, mentees, rng, today)
    statistics_figures.refresh(site.pk for site in sites)  # bulk writes send no signals
    _messages(cast)
    return tandems


def _people() -> dict[str, User]:
    password = make_password(DEMO_PASSWORD)
    people = {}
    for key, email, first, last in PEOPLE:
        user, created = User.objects.get_or_create(
            email=email, defaults={"first_name": first, "last_name": last, "password": password}
        )
        if created:
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        people[key] = user
    return people


def _programme(cast: dict[str, User]) -> Programme:
    organisation, _new = Organisation.objects.get_or_create(
        slug="servicestelle-patenschaften",
        defaults={
            "name": "Servicestelle Patenschaften", "kind": Organisation.Kind.FOUNDATION,
            "is_verified": True, "verified_at": timezone.now(),
            "description": "Begleitet bundesweit Träger von Patenschaftsprogrammen.",
        },
    )  # fmt: skip
    programme = Programme.objects.create(
        name="Menschen stärken Menschen", slug=PROGRAMME_SLUG,
        funder="Bundesministerium für Bildung, Familie, Senioren, Frauen und Jugend",
        description=(
            "Patenschaften zwischen Menschen, die schon länger hier leben, und Menschen, die neu "
            "in Deutschland sind: im Alltag, bei Schule und Ausbildung, beim Deutschlernen, beim "
            "Einstieg in den Beruf und in der Freizeit."
        ),
        starts_on=datetime.date(2016, 1, 1), kinds=ALL_KINDS, organisation=organisation,
    )  # fmt: skip
    _grant(cast["programme_staff"], organisation, access.PROGRAMME_STAFF, programme)
    return programme


def _structure(
    programme: Programme, cast: dict[str, User], towns: dict[str, Municipality]
) -> list[Site]:
    sites = []
    for number, (name, town, site_towns) in enumerate(CARRIERS):
        organisation, _new = Organisation.objects.get_or_create(
            slug=f"demo-traeger-{number + 1}",
            defaults={
                "name": name, "kind": Organisation.Kind.CARRIER, "municipality": towns[town],
                "is_verified": True, "verified_at": timezone.now(),
                "description": f"{name} trägt Patenschaftsprojekte an {len(site_towns)} Orten.",
            },
        )  # fmt: skip
        carrier = Carrier.objects.create(programme=programme, organisation=organisation)
        if number == 0:
            Membership.objects.get_or_create(
                organisation=organisation, user=cast["carrier_coordinator"],
                defaults={"role": Membership.Role.ADMIN},
            )  # fmt: skip
            _grant(cast["carrier_coordinator"], organisation, access.CARRIER_COORDINATOR, carrier)
        for site_town in site_towns:
            municipality = towns[site_town]
            site = Site.objects.create(
                carrier=carrier, name=f"Patenschaften {municipality.name}",
                slug=f"patenschaften-{site_town}", municipality=municipality,
                contact_email=f"paten-{site_town}@demo.handschlag.example",
                contact_phone="03675 123456" if site_town == "sonneberg" else "",
            )  # fmt: skip
            if site_town == "sonneberg":
                _grant(cast["site_coordinator"], organisation, access.SITE_COORDINATOR, site)
            sites.append(site)
    return sites


def _grant(
    user: User, organisation: Organisation, role: str, scope: Programme | Carrier | Site
) -> None:
    membership, _new = Membership.objects.get_or_create(organisation=organisation, user=user)
    RoleGrant.objects.get_or_create(
        membership=membership, role=role,
        scope_type=ContentType.objects.get_for_model(type(scope)), scope_id=scope.pk,
    )  # fmt: skip


def _weighted(rng: random.Random, pairs: Sequence[tuple[object, int]]) -> object:
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def _slots(rng: random.Random) -> list[str]:
    return sorted(rng.sample(SLOTS, rng.randint(2, 6)), key=SLOTS.index)


def _mentors(
    site: Site, rng: random.Random, index: int, cast: dict[str, User], today: datetime.date
) -> list[Mentor]:
    """25 mentors: 21 approved, 2 waiting for approval, 1 returned, 1 withdrawn."""
    password = make_password(DEMO_PASSWORD)
    users, addresses = [], []
    for n in range(25):
        first = MENTOR_FIRST[(index * 7 + n) % len(MENTOR_FIRST)]
        last = MENTOR_LAST[(index * 11 + n * 3) % len(MENTOR_LAST)]
        users.append(User(
            email=f"mentor-{site.slug}-{n + 1}@demo.handschlag.example", first_name=first,
            last_name=last, password=password,
        ))  # fmt: skip
    if cast:
        users[0] = cast["mentor"]
    created = User.objects.bulk_create([u for u in users if u.pk is None])
    for user in created:
        addresses.append(EmailAddress(user=user, email=user.email, verified=True, primary=True))
    EmailAddress.objects.bulk_create(addresses)
    states = [Mentor.State.APPROVED] * 21 + [
        Mentor.State.SUBMITTED, Mentor.State.SUBMITTED, Mentor.State.RETURNED,
        Mentor.State.WITHDRAWN,
    ]  # fmt: skip
    mentors = []
    for n, (user, state) in enumerate(zip(users, states, strict=True)):
        capacity = int(_weighted(rng, ((1, 6), (2, 3), (3, 1))))  # type: ignore[call-overload]
        second = rng.choice(MENTOR_SECOND_LANGUAGES)
        minors = rng.random() < 0.4
        seen = minors and (n % 9 != 4)
        issued = today - datetime.timedelta(days=rng.randint(30, 1500))
        mentors.append(Mentor(
            user=user, site=site, state=state, municipality=site.municipality,
            languages=[{"code": "de", "level": "native"}, *_second(rng, second)],
            max_km=rng.choice([5, 10, 10, 15, 25]), online=rng.random() < 0.2,
            availability=_slots(rng), kinds=sorted(rng.sample(ALL_KINDS, rng.randint(1, 3))),
            gender=rng.choice(["f", "f", "m", "m", "d", ""]),
            partner_age_groups=[] if minors else [AgeGroup.ADULT],
            capacity=capacity, free_places=capacity,
            interests=rng.choice(["Wandern, Kochen", "Fußball", "Lesen und Museen",
                                  "Fahrradfahren", "Gärtnern", "Musik"]),
            certificate_issued_on=issued if seen else None,
            certificate_seen_on=issued + datetime.timedelta(days=14) if seen else None,
            state_comment="Bitte ergänzen Sie, an welchen Tagen Sie Zeit haben."
            if state == Mentor.State.RETURNED else "",
            waiting_since=today - datetime.timedelta(days=rng.randint(5, 200)),
        ))  # fmt: skip
    return Mentor.objects.bulk_create(mentors)


def _second(rng: random.Random, code: str) -> list[dict[str, str]]:
    return [{"code": code, "level": rng.choice(["fluent", "good", "basic"])}] if code else []


def _mentees(
    site: Site, rng: random.Random, index: int, cast: dict[str, User], today: datetime.date
) -> list[Mentee]:
    """31 mentees: 27 approved, 3 waiting for approval, 1 returned."""
    states = [Mentee.State.APPROVED] * 27 + [Mentee.State.SUBMITTED] * 3 + [Mentee.State.RETURNED]
    mentees = []
    for n, state in enumerate(states):
        code = str(_weighted(rng, MENTEE_LANGUAGES))
        age = str(_weighted(rng, ((AgeGroup.ADULT, 6), (AgeGroup.YOUTH, 2), (AgeGroup.CHILD, 2))))
        by_coordinator = rng.random() < 0.6
        mentees.append(Mentee(
            site=site, state=state, first_name=cast["mentee"].first_name if cast and n == 0
            else MENTEE_FIRST[(index * 5 + n) % len(MENTEE_FIRST)],
            user=cast["mentee"] if cast and n == 0 else None,
            age_group=age, municipality=site.municipality,
            languages=[{"code": code, "level": "native"}]
            + ([{"code": "de", "level": "basic"}] if rng.random() < 0.6 else []),
            max_km=rng.choice([3, 5, 10, 10]), online=rng.random() < 0.1,
            availability=_slots(rng), kinds=sorted(rng.sample(ALL_KINDS, rng.randint(1, 2))),
            gender=rng.choice(["f", "m"]),
            partner_genders=["f"] if rng.random() < 0.15 else [],
            wishes=rng.choice(["Ich möchte besser Deutsch sprechen.",
                               "Hilfe bei Briefen vom Amt.", "Jemand für Hausaufgaben.",
                               "Einen Ausbildungsplatz finden.", ""]),
            phone="0151 2345678" if rng.random() < 0.5 else "",
            language=code if code in ("ar", "uk", "fa", "tr", "ru") else "de",
            source=Mentee.Source.COORDINATOR if by_coordinator else Mentee.Source.SELF,
            consent_version=CONSENT_VERSION, consent_given_at=timezone.now(),
            consent_by_guardian=age != AgeGroup.ADULT,
            state_comment="Bitte geben Sie an, wie wir Sie erreichen können."
            if state == Mentee.State.RETURNED else "",
            waiting_since=today - datetime.timedelta(days=rng.randint(10, 300)),
        ))  # fmt: skip
    return Mentee.objects.bulk_create(mentees)


def _tandems(
    site: Site,
    mentors: list[Mentor],
    mentees: list[Mentee],
    rng: random.Random,
    today: datetime.date,
) -> int:
    """History since 2019 (ended, most with the mentee's data gone after the end), then the
    tandems of today: 10 active (one quiet for two months), 1 paused, 1 proposed. The
    remaining approved people wait: the pool of the next matching round."""
    approved = [m for m in mentors if m.state == Mentor.State.APPROVED]
    waiting = [m for m in mentees if m.state == Mentee.State.APPROVED]
    speaks_german = [m for m in waiting if "de" in m.language_codes()]
    rows: list[Tandem] = []
    for year in range(2019, today.year + 1):
        for _ in range(rng.randint(4, 8)):
            started = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
            ended = started + datetime.timedelta(days=rng.randint(90, 540))
            if ended >= today - datetime.timedelta(days=30):
                continue
            rows.append(Tandem(
                site=site, mentor=rng.choice(approved), mentee=None,
                kind=rng.choice(ALL_KINDS), state=Tandem.State.ENDED, started_on=started,
                ended_on=ended, end_reason=str(_weighted(rng, END_REASONS)),
                last_contact_on=ended - datetime.timedelta(days=rng.randint(3, 40)),
            ))  # fmt: skip
    holders = [m for m in approved if m.capacity > 0]
    taken: dict[int, int] = {}
    plan = [Tandem.State.ACTIVE] * 10 + [Tandem.State.PAUSED, Tandem.State.PROPOSED]
    partners = speaks_german[: len(plan)]
    for number, (state, mentee) in enumerate(zip(plan, partners, strict=False)):
        mentor = next(
            m for m in holders[number % len(holders) :] + holders if taken.get(m.pk, 0) < m.capacity
        )
        taken[mentor.pk] = taken.get(mentor.pk, 0) + 1
        since: datetime.date | None = None
        if state != Tandem.State.PROPOSED:
            since = today - datetime.timedelta(days=rng.randint(40, 400))
        quiet = number == 3  # no meeting, no check-in for two months: the coordination is told
        rows.append(Tandem(
            site=site, mentor=mentor, mentee=mentee, kind=mentee.kinds[0]
            if mentee.kinds[0] in mentor.kinds else mentor.kinds[0], state=state,
            started_on=since,
            last_contact_on=None if since is None else today - datetime.timedelta(
                days=62 if quiet else rng.randint(2, 25)),
        ))  # fmt: skip
    # two recent endings whose mentee waits for a new tandem (the pair is not proposed again)
    for mentee in waiting[len(plan) : len(plan) + 2]:
        started = today - datetime.timedelta(days=rng.randint(200, 300))
        rows.append(Tandem(
            site=site, mentor=rng.choice(approved), mentee=mentee, kind=mentee.kinds[0],
            state=Tandem.State.ENDED, started_on=started,
            ended_on=started + datetime.timedelta(days=120),
            end_reason=Tandem.EndReason.NO_CONTACT,
            last_contact_on=started + datetime.timedelta(days=60),
        ))  # fmt: skip
    tandems = Tandem.objects.bulk_create(rows)
    for mentor in approved:
        if taken.get(mentor.pk):
            Mentor.objects.filter(pk=mentor.pk).update(
                free_places=mentor.capacity - taken[mentor.pk]
            )
    _history(tandems)
    _meetings_and_checkins(tandems, rng, today)
    return len(tandems)


PATHS: dict[str, list[str]] = {
    Tandem.State.PROPOSED: [],
    Tandem.State.ACTIVE: ["active"],
    Tandem.State.PAUSED: ["active", "paused"],
    Tandem.State.ENDED: ["active", "ended"],
}


# what the demo mentor and the demo mentee wrote to each other (days ago, side, text)
MESSAGES = [
    (9, "mentor", "Hallo Yusuf, ich bin Hannah. Ich freue mich auf unser Tandem! Passt Ihnen "
                  "Dienstag um 16 Uhr in der Stadtbücherei?"),
    (8, "mentee", "Hallo Hannah, ja, Dienstag passt. Ich bringe den Brief vom Jobcenter mit."),
    (2, "mentor", "Das war ein gutes Treffen. Nächste Woche schauen wir uns zusammen die "
                  "Bewerbung an – bringen Sie gern Ihren Lebenslauf mit."),
    (1, "mentee", "Danke! Ich schreibe ihn bis dahin auf Deutsch. Können wir am Donnerstag?"),
]  # fmt: skip


def _messages(cast: dict[str, User]) -> None:
    """A few messages in the running tandem of the demo mentor and the demo mentee, so that
    the tandem page shows its thread (the mentor has not read the last one yet)."""
    tandem = Tandem.objects.filter(
        mentor__user=cast["mentor"], mentee__user=cast["mentee"], state=Tandem.State.ACTIVE
    ).first()
    if tandem is None:
        return
    now = timezone.now()
    conversation = Conversation.objects.create(
        subject_key=tandem_conversation.SUBJECT, object_id=tandem.pk
    )
    authors = {"mentor": cast["mentor"], "mentee": cast["mentee"]}
    Message.objects.bulk_create(
        Message(
            conversation=conversation,
            author=authors[side],
            side=side,
            text=text,
            created_at=now - datetime.timedelta(days=days, hours=3),
        )
        for days, side, text in MESSAGES
    )
    Reader.objects.bulk_create(
        [
            Reader(conversation=conversation, user=cast["mentee"], last_read_at=now),
            Reader(
                conversation=conversation,
                user=cast["mentor"],
                last_read_at=now - datetime.timedelta(days=2),
            ),
        ]
    )


def _history(tandems: list[Tandem]) -> None:
    content_type = ContentType.objects.get_for_model(Tandem)
    changes = []
    for tandem in tandems:
        previous: str = Tandem.State.PROPOSED
        for state in PATHS[tandem.state]:
            day = tandem.ended_on if state == "ended" else tandem.started_on
            assert day is not None  # started and ended tandems have their dates
            at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
            changes.append(StateChange(
                content_type=content_type, object_id=tandem.pk, from_state=previous,
                to_state=state, at=at,
            ))  # fmt: skip
            previous = state
    StateChange.objects.bulk_create(changes)


def _meetings_and_checkins(tandems: list[Tandem], rng: random.Random, today: datetime.date) -> None:
    meetings, checkins, invitations = [], [], []
    month = today.replace(day=1)
    for tandem in tandems:
        if tandem.state in (Tandem.State.ACTIVE, Tandem.State.PAUSED) and tandem.last_contact_on:
            for weeks in range(rng.randint(2, 6)):
                meetings.append(Meeting(
                    tandem=tandem,
                    date=tandem.last_contact_on - datetime.timedelta(weeks=weeks * 2),
                    duration_minutes=rng.choice([45, 60, 90, 120]),
                    kind=rng.choice([k for k, _label in Meeting.Kind.choices]),
                    logged_by=tandem.mentor.user if tandem.mentor else None,
                ))  # fmt: skip
            if (today - tandem.last_contact_on).days < 30:
                for side in (CheckIn.Side.MENTOR, CheckIn.Side.MENTEE):
                    checkins.append(CheckIn(
                        tandem=tandem, side=side, month=month,
                        mood=rng.choice(["good", "good", "good", "okay", "difficult"]),
                    ))  # fmt: skip
        if tandem.started_on and tandem.mentee_id:
            for side in (CheckIn.Side.MENTOR, CheckIn.Side.MENTEE):
                invitations.append(SurveyInvitation(
                    tandem=tandem, side=side, phase=SurveyInvitation.Phase.START,
                    answered=rng.random() < 0.7,
                ))  # fmt: skip
    Meeting.objects.bulk_create(meetings)
    CheckIn.objects.bulk_create(checkins)
    SurveyInvitation.objects.bulk_create(invitations)
    _survey_answers(tandems, invitations, rng)


def _survey_answers(
    tandems: list[Tandem], invitations: list[SurveyInvitation], rng: random.Random
) -> None:
    """Anonymous answers: to the start survey of the answered invitations, and to the end
    survey of about two in three ended tandems. Most say the tandem helps (as in the real
    programme's evaluation, about 90 %)."""
    responses = []
    for invitation in invitations:
        if invitation.answered and invitation.tandem is not None:
            responses.append(_response(invitation.tandem, invitation.side, "start", rng))
    for tandem in tandems:
        if tandem.state == Tandem.State.ENDED and tandem.started_on and rng.random() < 0.66:
            for side in (CheckIn.Side.MENTOR, CheckIn.Side.MENTEE):
                responses.append(_response(tandem, side, "end", rng))
    SurveyResponse.objects.bulk_create(responses)


def _response(tandem: Tandem, side: str, phase: str, rng: random.Random) -> SurveyResponse:
    day = tandem.ended_on if phase == "end" else tandem.started_on
    assert day is not None
    answers: dict[str, int | str] = {}
    for question in surveys.QUESTIONS[(phase, side)]:
        if question.kind == surveys.LIKERT:
            answers[question.key] = rng.choices((5, 4, 3, 2, 1), weights=(55, 35, 6, 3, 1))[0]
    return SurveyResponse(
        site_id=tandem.site_id, side=side, phase=phase, kind=tandem.kind,
        language="de" if side == CheckIn.Side.MENTOR else rng.choice(["ar", "uk", "de", "fa"]),
        month=day.replace(day=1), version=surveys.VERSION, answers=answers,
    )  # fmt: skip
