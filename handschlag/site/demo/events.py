"""Events in the demo world: upcoming and past, one of every kind, in the seed towns — a full
network meeting with a waiting list and an open offer, a webinar, a weekly tandem meet-up, an
evening today whose door the initiative can run, a workshop whose report is due, and a citizen
dialogue in Potsdam whose closing report is published in the blog.

Registrations are made with the models directly, not through the registration services: the
demo needs states that the services reach only as time passes (attended, an offer running out)
and must not send a mail per demo person. The counters are kept consistent by hand:
free_places = capacity − reserved − places held (confirmed, offered, attended); the demo test
checks that.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from io import BytesIO

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Sum
from django.utils import timezone
from PIL import Image, ImageDraw

from handschlag.accounts.models import User
from handschlag.core.models import StateChange
from handschlag.events import report
from handschlag.events.models import Event, Registration
from handschlag.organisations.models import Organisation
from handschlag.places.models import Municipality

State = Registration.State


@dataclass(frozen=True)
class Person:
    """Who registers: a demo account (key) or a guest (name, email, language)."""

    key: str = ""
    guest: tuple[str, str, str] = ("", "", "de")
    state: str = State.CONFIRMED
    places: int = 1
    interpreter: str = ""
    childcare: int = 0
    step_free: bool = False
    other: str = ""


@dataclass(frozen=True)
class DemoEvent:
    org: str
    town: str
    kind: str
    title: str
    description: str
    days: float  # start, from now (negative: past)
    hours: float = 2
    format: str = "in_person"
    capacity: int = 20
    reserved: int = 0
    venue: tuple[str, str] = ("", "")
    accessibility: str = ""
    online_url: str = ""
    recurrence: str = ""
    languages: tuple[str, ...] = ("de",)
    interpretation: tuple[str, ...] = ()
    state: str = Event.State.PUBLISHED
    people: tuple[Person, ...] = field(default_factory=tuple)


CITIZEN_DIALOGUE_TITLE = "Bürgerdialog: Gut ankommen am Schlaatz"
CITIZEN_DIALOGUE_OUTCOME = (
    "Rund 40 Nachbarinnen und Nachbarn, Neuangekommene und Fachleute aus Verwaltung und Vereinen "
    "haben an sechs Tischen gesprochen: Was fehlt am Schlaatz, damit Familien gut ankommen?\n\n"
    "Drei Verabredungen: Das Bürgerhaus öffnet donnerstags ein Elterncafé mit Dolmetschenden "
    "(Arabisch, Ukrainisch); die Stadtteilbibliothek bietet eine Sprechstunde zu Behördenpost an; "
    "ein Arbeitskreis aus sechs Personen plant bis zum Sommer einen Stadtteilspaziergang in "
    "einfacher Sprache.\n\n"
    "Was wir anderen Orten raten: Kinderbetreuung und Dolmetschen schon in der Einladung "
    "zusagen – das hat mehr Familien gebracht als jeder Aushang."
)

EVENTS = [
    DemoEvent(
        "willkommen", "sonneberg", "workshop", "Elternabend mit Dolmetschenden",
        "Wie funktioniert die Grundschule in Sonneberg? Lehrkräfte erklären, Dolmetschende "
        "übersetzen ins Arabische und Ukrainische, danach ist Zeit für Fragen.",
        days=0.05, hours=2, capacity=25, venue=("Grundschule Sonneberg-Ost, Aula", "Schulstraße 4"),
        accessibility="stufenloser Zugang über den Schulhof, barrierefreies WC",
        languages=("de",), interpretation=("ar", "uk"),
        people=(
            Person("volunteer"),
            Person("company", places=2, interpreter="ar", childcare=2),
            Person(guest=("Olena K.", "olena.k@example.org", "uk"), interpreter="uk",
                   step_free=True),
            Person("municipality", state=State.ATTENDED),
            Person(guest=("Samir A.", "samir.a@example.org", "ar"), places=3, interpreter="ar",
                   childcare=1, other="Wir kommen mit dem Kinderwagen."),
        ),
    ),
    DemoEvent(
        "elbbruecke", "torgau", "network_meeting", "Netzwerktreffen Ehrenamt Torgau",
        "Alle, die in Torgau Neuangekommene begleiten, stellen sich vor und verabreden, wer "
        "künftig welche Sprechstunde übernimmt.",
        days=9, hours=3, capacity=5, reserved=1, venue=("Bürgerhaus Torgau", "Markt 12"),
        accessibility="Aufzug vorhanden",
        people=(
            Person("volunteer", places=2),
            Person("initiative"),
            Person("foundation", state=State.OFFERED),
            Person("municipality", state=State.WAITING),
            Person(guest=("Jana P.", "jana.p@example.org", "de"), state=State.WAITING, places=2),
        ),
    ),
    DemoEvent(
        "goldstadt", "pforzheim", "webinar", "Webinar: Fördermittel für Integrationsprojekte",
        "Welche Stiftungen und Programme fördern lokale Integrationsarbeit, und wie schreibt man "
        "einen Antrag, der überzeugt? Mit Beispielen aus Pforzheim.",
        days=12, hours=1.5, format="online", capacity=100,
        online_url="https://meet.example.org/foerdermittel-webinar",
        people=(Person("initiative"), Person("initiative_member"), Person("volunteer")),
    ),
    DemoEvent(
        "kalletal_hilft", "kalletal", "tandem_meetup", "Tandemtreffen im Sprachcafé",
        "Jede Woche treffen sich Mentorinnen, Mentoren und ihre Tandems zum Plaudern, Üben und "
        "Kuchenessen. Neue Tandems sind willkommen.",
        days=3, hours=2, capacity=30, venue=("Dorfgemeinschaftshaus Hohenhausen", "Alte Straße 1"),
        recurrence="FREQ=WEEKLY;COUNT=10", languages=("de", "ar", "fa"),
        people=(Person("initiative_member"), Person("foundation", places=2)),
    ),
    DemoEvent(
        "stadt_potsdam", "burgenlandkreis", "training", "Schulung: Dolmetschen in der Beratung",
        "Für Beratende in Verwaltung und Vereinen: mit Dolmetschenden arbeiten – vor Ort und per "
        "Video. Mit Übungen.",
        days=20, hours=6, format="hybrid", capacity=16,
        venue=("Kreisvolkshochschule Naumburg", "Weingarten 4"),
        online_url="https://meet.example.org/schulung-dolmetschen",
        people=(Person("initiative", interpreter=""),),
    ),
    DemoEvent(
        "goldstadt", "berlin", "congress", "Kongress „Kommunen gestalten Ankommen“",
        "Zwei Tage, 30 Werkstätten: Was in Kommunen funktioniert, zum Nachmachen.",
        days=45, hours=30, capacity=300, reserved=20,
        venue=("Umweltforum Berlin", "Pufendorfstraße 11"),
        accessibility="stufenlos, Induktionsschleife im großen Saal",
        people=(Person("municipality"), Person("company")),
    ),
    DemoEvent(
        "hanse_bau", "stralsund", "workshop", "Workshop: Ausbildung im Handwerk für Geflüchtete",
        "Betriebe und Initiativen aus Stralsund tauschen sich aus: Wie gelingt der Einstieg in "
        "eine Ausbildung am Bau?",
        days=-5, hours=3, capacity=15, venue=("Hanse Bau, Schulungsraum", "Werftstraße 7"),
        people=(
            Person("initiative", state=State.ATTENDED),
            Person("volunteer", state=State.CONFIRMED),
            Person("initiative_member", state=State.NO_SHOW),
        ),
    ),
    DemoEvent(
        "stadt_potsdam", "potsdam", "citizen_dialogue", CITIZEN_DIALOGUE_TITLE,
        "Was brauchen Familien, die neu am Schlaatz sind? Ein Abend an Thementischen – mit "
        "Kinderbetreuung und Dolmetschenden.",
        days=-21, hours=3, capacity=40, venue=("Bürgerhaus am Schlaatz", "Schilfhof 28"),
        interpretation=("ar", "uk"),
        people=(
            Person("volunteer", state=State.ATTENDED),
            Person("initiative", state=State.ATTENDED, places=2, interpreter="ar"),
            Person("foundation", state=State.NO_SHOW),
            Person(guest=("Mariam S.", "mariam.s@example.org", "ar"), state=State.ATTENDED,
                   interpreter="ar", childcare=2),
        ),
    ),
]  # fmt: skip


def load_events(
    people: dict[str, User],
    organisations: dict[str, Organisation],
    towns: dict[str, Municipality],
) -> int:
    """Create the demo events unless they exist (by title and organiser); returns how many."""
    created = 0
    for spec in EVENTS:
        organisation = organisations[spec.org]
        if Event.objects.filter(title=spec.title, organisation=organisation).exists():
            continue
        event = _event(spec, organisation, towns[spec.town], people["moderator"])
        for person in spec.people:
            _registration(event, person, people)
        _count_places(event)
        created += 1
    _publish_dialogue_report(people)
    return created


def _event(spec: DemoEvent, organisation: Organisation, town: Municipality, by: User) -> Event:
    start = timezone.now() + datetime.timedelta(days=spec.days)
    start = start.replace(minute=0, second=0, microsecond=0)
    if spec.days > 1:  # upcoming events start at a sensible hour
        start = start.replace(hour=16)
    admin = organisation.memberships.filter(role="admin").select_related("user").first()
    event = Event.objects.create(
        organisation=organisation, author=admin.user if admin else None, title=spec.title,
        description=spec.description, kind=spec.kind, format=spec.format, municipality=town,
        venue_name=spec.venue[0], venue_address=spec.venue[1], accessibility=spec.accessibility,
        online_url=spec.online_url, starts_at=start,
        ends_at=start + datetime.timedelta(hours=spec.hours), recurrence=spec.recurrence,
        capacity=spec.capacity, reserved_places=spec.reserved,
        free_places=spec.capacity - spec.reserved, languages=list(spec.languages),
        interpretation=list(spec.interpretation), state=spec.state,
        published_at=timezone.now() - datetime.timedelta(days=max(spec.days * -1, 0) + 10),
    )  # fmt: skip
    _record(event, ["pending", "published"], by)
    return event


def _registration(event: Event, person: Person, people: dict[str, User]) -> Registration:
    user = people[person.key] if person.key else None
    name, email, language = person.guest
    now = timezone.now()
    registration = Registration.objects.create(
        event=event, user=user, guest_name=name if user is None else "",
        guest_email=email if user is None else "", language=language,
        email_confirmed_at=now if user is None else None, places=person.places,
        interpreter_language=person.interpreter, childcare=person.childcare,
        step_free=person.step_free, other_needs=person.other, state=person.state,
        waiting_since=now - datetime.timedelta(days=2)
        if person.state in (State.WAITING, State.OFFERED) else None,
        offer_expires_at=min(now + datetime.timedelta(hours=30), event.starts_at)
        if person.state == State.OFFERED else None,
        checked_in_at=max(event.starts_at, now - datetime.timedelta(minutes=10))
        if person.state == State.ATTENDED else None,
    )  # fmt: skip
    paths: dict[str, list[str]] = {
        State.CONFIRMED: ["confirmed"],
        State.WAITING: ["waiting"],
        State.OFFERED: ["waiting", "offered"],
        State.ATTENDED: ["confirmed", "attended"],
        State.NO_SHOW: ["confirmed", "no_show"],
    }
    _record(registration, paths.get(person.state, []), user, start="requested")
    return registration


def _count_places(event: Event) -> None:
    held = event.registrations.holding().aggregate(n=Sum("places"))["n"] or 0
    Event.objects.filter(pk=event.pk).update(
        free_places=event.capacity - event.reserved_places - held
    )


def _record(
    obj: Event | Registration, path: list[str], by: User | None, start: str = "draft"
) -> None:
    content_type = ContentType.objects.get_for_model(type(obj))
    previous = start
    for state in path:
        StateChange.objects.create(
            content_type=content_type, object_id=obj.pk, from_state=previous, to_state=state, by=by
        )
        previous = state


def _dialogue_photo() -> SimpleUploadedFile:
    """A drawn picture of round tables with cards: no people, no real photo needed."""
    image = Image.new("RGB", (1200, 800), "#f3ecdf")
    draw = ImageDraw.Draw(image)
    for i, (x, y) in enumerate(((250, 300), (600, 250), (950, 320), (420, 560), (800, 580))):
        draw.ellipse((x - 120, y - 70, x + 120, y + 70), fill="#8a6a4a")
        draw.rectangle(
            (x - 40, y - 20, x + 40, y + 20), fill=("#f6c445", "#6fb1e0", "#9fd19b")[i % 3]
        )
    draw.text((80, 80), "Bürgerdialog am Schlaatz", fill="#1d2733")
    out = BytesIO()
    image.save(out, format="PNG")
    return SimpleUploadedFile("dialog.png", out.getvalue(), content_type="image/png")


def _publish_dialogue_report(people: dict[str, User]) -> None:
    """The citizen dialogue's closing report, through the report services: written by the
    Potsdam staff member, closed, submitted and published by the moderator."""
    event = Event.objects.filter(title=CITIZEN_DIALOGUE_TITLE).first()
    if event is None or event.report_post_id is not None:
        return
    writer = people["municipality"]
    report.save_report(
        event=event, by=writer, outcome=CITIZEN_DIALOGUE_OUTCOME, new_photos=[_dialogue_photo()],
        alt_texts=["Runde Tische mit bunten Karten in einem hellen Saal."],
    )  # fmt: skip
    report.close_event(event=event, by=writer)
    report.submit_report(event=event, by=writer)
    report.publish_report(event=event, by=people["moderator"])
