"""Pages of publishing: who may see and do what (the role × URL matrix, the database state
asserted after each refused write), members-only visibility, the online link that never leaks,
what the pages say, and their queries."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from handschlag.events.models import Audience, Event, Format, Registration
from handschlag.notifications.models import Notification
from tests import factories
from tests.blog.page_structure import assert_well_formed_page
from tests.conftest import client_for

from .factories import EventFactory, RegistrationFactory, organiser_of
from .publishing import admin_of, in_days, member_of, snapshot

pytestmark = pytest.mark.django_db

SECRET_LINK = "https://meet.example.org/geheim-7f3a9"
ROLES = ("anonymous", "stranger", "admin", "member", "moderator", "participant", "waiting")


def people(event):
    """Everyone who could look at an event, by role."""
    participant = factories.UserFactory()
    RegistrationFactory(event=event, user=participant)
    waiting = factories.UserFactory()
    RegistrationFactory(event=event, user=waiting, state=Registration.State.WAITING)
    return {
        "anonymous": None,
        "stranger": factories.UserFactory(),
        "admin": admin_of(event.organisation),
        "member": member_of(event.organisation),
        "moderator": factories.ModeratorFactory(),
        "participant": participant,
        "waiting": waiting,
    }


def client_as(user):
    return Client() if user is None else client_for(user)


def login_redirect(response):
    return response.status_code == 302 and "/konto/login/" in response["Location"]


# --- seeing -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_a_published_event_is_public(role):
    event = EventFactory(
        format=Format.HYBRID, online_url=SECRET_LINK, languages=["de", "ar"], interpretation=["uk"]
    )
    user = people(event)[role]
    response = client_as(user).get(event.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert event.title in html
    assert "Rathaus, Großer Saal" in html
    assert '<span lang="ar">العربية</span>' in html
    assert "Українська" in html
    assert_well_formed_page(html)


SEES_LINK = {"admin", "member", "participant"}


@pytest.mark.parametrize("role", ROLES)
def test_the_online_link_is_shown_only_to_the_team_and_confirmed_participants(role):
    event = EventFactory(format=Format.ONLINE, online_url=SECRET_LINK, venue_name="")
    user = people(event)[role]
    html = client_as(user).get(event.get_absolute_url()).content.decode()
    assert (SECRET_LINK in html) == (role in SEES_LINK)
    assert ("geheim-7f3a9" in html) == (role in SEES_LINK)
    if role not in SEES_LINK:
        assert "Den Link erhalten angemeldete Teilnehmende." in html


def test_the_link_does_not_leak_through_the_review_the_mine_or_the_organisation_page():
    event = EventFactory(format=Format.ONLINE, online_url=SECRET_LINK, state=Event.State.PENDING)
    moderator = factories.ModeratorFactory()
    html = client_as(moderator).get(reverse("events:review", args=[event.pk])).content.decode()
    assert "meet.example.org" in html and "geheim-7f3a9" not in html
    published = EventFactory(format=Format.ONLINE, online_url=SECRET_LINK)
    stranger = factories.UserFactory()
    html = client_as(stranger).get(published.organisation.get_absolute_url()).content.decode()
    assert published.title in html and "geheim-7f3a9" not in html


SEES_DRAFT = {"admin", "member", "moderator"}


@pytest.mark.parametrize("state", [Event.State.DRAFT, Event.State.PENDING, Event.State.RETURNED])
@pytest.mark.parametrize("role", ROLES)
def test_an_unpublished_event_is_seen_by_its_team_and_moderators_only(role, state):
    event = EventFactory(state=state, published_at=None)
    user = people(event)[role]
    response = client_as(user).get(event.get_absolute_url())
    assert response.status_code == (200 if role in SEES_DRAFT else 404)


@pytest.mark.parametrize("role", ROLES)
def test_an_event_for_members_is_hidden_from_everyone_else(role):
    event = EventFactory(audience=Audience.MEMBERS)
    user = people(event)[role]
    response = client_as(user).get(event.get_absolute_url())
    # a participant registered before it became members-only is still no member
    assert response.status_code == (200 if role in SEES_DRAFT else 404)


def test_an_unknown_event_is_404():
    assert Client().get(reverse("events:detail", args=[999999])).status_code == 404


def test_the_page_says_date_weekday_and_places_in_words(settings):
    # Tuesday, 12 May 2026, 18:00–20:00 in Berlin (CEST)
    starts = datetime.datetime(2026, 5, 12, 16, 0, tzinfo=datetime.UTC)
    event = EventFactory(
        starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), capacity=20, free_places=3
    )
    html = Client().get(event.get_absolute_url()).content.decode()
    assert "Dienstag, 12. Mai 2026, 18:00–20:00 Uhr" in html
    assert "noch 3 von 20 Plätzen" in html
    Event.objects.filter(pk=event.pk).update(free_places=0)
    html = Client().get(event.get_absolute_url()).content.decode()
    assert "ausgebucht" in html


def test_a_series_is_said_in_words_with_its_dates():
    event = EventFactory(recurrence="FREQ=WEEKLY;INTERVAL=2;COUNT=3")
    html = Client().get(event.get_absolute_url()).content.decode()
    assert "alle zwei Wochen, insgesamt 3 Termine" in html
    assert html.count("<li>") >= 3


def test_the_page_keeps_the_parts_of_the_other_helpers():
    from pathlib import Path

    from handschlag.events import views

    template = Path(views.__file__).parent / "templates/events/detail.html"
    text = template.read_text()
    for part in ("registration_box", "organiser_box", "calendar_links"):
        assert f'{{% include "events/includes/{part}.html" %}}' in text


def test_a_cancelled_event_says_so_and_why():
    event = EventFactory(state=Event.State.CANCELLED, cancel_reason="Der Saal ist gesperrt.")
    html = Client().get(event.get_absolute_url()).content.decode()
    assert "Diese Veranstaltung ist abgesagt." in html and "Der Saal ist gesperrt." in html


def test_the_event_page_links_to_its_report_once_the_blog_has_published_it():
    from handschlag.events import report

    start = timezone.now() - datetime.timedelta(days=2)
    event = EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    admin = organiser_of(event)
    report.save_report(event=event, by=admin, outcome="Ein Elterncafé trifft sich monatlich.")
    report.close_event(event=event, by=admin)
    post = report.submit_report(event=event, by=admin)
    link = f'href="{post.get_absolute_url()}"'
    assert link not in Client().get(event.get_absolute_url()).content.decode()

    report.publish_report(event=event, by=factories.ModeratorFactory())

    html = Client().get(event.get_absolute_url()).content.decode()
    assert link in html and "Der Bericht ist im Blog veröffentlicht." in html


# --- the organisers' actions ------------------------------------------------------------------


def test_the_admin_sees_the_next_step_and_the_buttons_in_order():
    event = EventFactory(state=Event.State.DRAFT, published_at=None)
    admin = admin_of(event.organisation)
    html = client_as(admin).get(event.get_absolute_url()).content.decode()
    assert "So geht es weiter:" in html
    assert html.index("Zur Prüfung einreichen") < html.index("Bearbeiten")
    member_html = client_as(member_of(event.organisation)).get(event.get_absolute_url())
    assert "Zur Prüfung einreichen" not in member_html.content.decode()


def post_as(user, url, data=None):
    return client_as(user).post(url, data or {})


WRITE_REFUSED = {
    # role: status for an event the role can see (published) — anonymous go to the login
    "stranger": 403,
    "member": 403,
    "moderator": 403,
    "participant": 403,
    "waiting": 403,
}


@pytest.mark.parametrize("role", ["anonymous", *WRITE_REFUSED])
def test_only_the_admins_may_edit_submit_or_cancel(role):
    event = EventFactory(capacity=10, free_places=9)
    draft = EventFactory(
        organisation=event.organisation, state=Event.State.DRAFT, published_at=None
    )
    user = people(event)[role]
    before, draft_before = snapshot(event), snapshot(draft)
    requests = [
        ("get", reverse("events:edit", args=[event.pk]), None),
        ("post", reverse("events:edit", args=[event.pk]), {"title": "Übernommen"}),
        ("get", reverse("events:cancel", args=[event.pk]), None),
        ("post", reverse("events:cancel", args=[event.pk]), {"reason": "Weil."}),
        ("post", reverse("events:submit", args=[draft.pk]), None),
    ]
    for method, url, data in requests:
        response = getattr(client_as(user), method)(url, data or {})
        if user is None:
            assert login_redirect(response), url
        elif url == reverse("events:submit", args=[draft.pk]) and role not in SEES_DRAFT:
            assert response.status_code == 404, url  # the draft is not admitted to exist
        else:
            assert response.status_code == WRITE_REFUSED[role], (url, response.status_code)
    assert snapshot(event) == before and snapshot(draft) == draft_before
    assert not Notification.objects.exists()


def test_submit_takes_post_only():
    event = EventFactory(state=Event.State.DRAFT, published_at=None)
    admin = admin_of(event.organisation)
    assert client_as(admin).get(reverse("events:submit", args=[event.pk])).status_code == 405


def test_the_admin_submits_a_draft():
    event = EventFactory(state=Event.State.DRAFT, published_at=None)
    admin = admin_of(event.organisation)
    response = post_as(admin, reverse("events:submit", args=[event.pk]))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.state == Event.State.PENDING


def test_the_cancel_page_asks_first_and_names_the_consequence():
    event = EventFactory(capacity=20, free_places=8)
    for _ in range(12):
        RegistrationFactory(event=event)
    admin = admin_of(event.organisation)
    url = reverse("events:cancel", args=[event.pk])
    response = client_as(admin).get(url)
    html = response.content.decode()
    assert "Alle 12 Angemeldeten werden benachrichtigt." in html
    assert_well_formed_page(html)
    event.refresh_from_db()
    assert event.state == Event.State.PUBLISHED  # asking changed nothing
    response = post_as(admin, url, {"reason": ""})
    assert response.status_code == 200
    assert "Bitte sagen Sie den Teilnehmenden, warum Sie absagen." in response.content.decode()
    response = post_as(admin, url, {"reason": "Die Referentin ist krank."})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.state == Event.State.CANCELLED
    assert Notification.objects.filter(kind="events.event_cancelled").count() == 12


def test_the_event_page_names_the_cancel_consequence():
    event = EventFactory()
    RegistrationFactory(event=event)
    admin = admin_of(event.organisation)
    html = client_as(admin).get(event.get_absolute_url()).content.decode()
    assert "Die eine angemeldete Person wird benachrichtigt." in html
    assert html.index("Worum es geht") < html.index("Absagen …")


# --- the form ---------------------------------------------------------------------------------


def form_data(town, **overrides):
    day = (in_days(21)).date()
    data = {
        "organisation": "",
        "title": "Bürgerdialog: Ankommen in Pirna",
        "description": "Was hilft Neuankommenden?",
        "kind": "citizen_dialogue",
        "format": "in_person",
        "date": day.isoformat(),
        "start_time": "18:00",
        "end_time": "20:00",
        "timezone": "Europe/Berlin",
        "repeat": "",
        "municipality": town.name,
        "venue_name": "Rathaus",
        "venue_address": "Markt 1",
        "audience": "public",
        "capacity": "20",
        "reserved_places": "0",
        "max_places_per_registration": "4",
        "languages": ["de"],
        "offer_hours": "48",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_an_admin_creates_and_submits_an_event_with_the_form():
    town = factories.MunicipalityFactory(name="Pirna", slug="pirna")
    organisation = factories.OrganisationFactory(municipality=town)
    admin = admin_of(organisation)
    client = client_as(admin)
    page = client.get(reverse("events:create"))
    assert page.status_code == 200
    assert_well_formed_page(page.content.decode())
    response = client.post(
        reverse("events:create"),
        form_data(town, organisation=str(organisation.pk), action="submit"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get()
    assert event.state == Event.State.PENDING and event.organisation == organisation
    assert event.starts_at.astimezone(event.zone).hour == 18


def test_a_form_error_is_shown_next_to_its_field_in_german():
    town = factories.MunicipalityFactory(name="Pirna", slug="pirna")
    organisation = factories.OrganisationFactory()
    admin = admin_of(organisation)
    response = client_as(admin).post(
        reverse("events:create"),
        form_data(town, organisation=str(organisation.pk), end_time="17:00"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Das Ende liegt vor dem Beginn." in html
    assert 'role="alert"' in html
    assert not Event.objects.exists()
    assert_well_formed_page(html)


def test_someone_without_an_organisation_is_told_how_to_begin():
    html = client_as(factories.UserFactory()).get(reverse("events:create")).content.decode()
    assert (
        "Admin-Rechte" in html and '<form method="post" novalidate class="event-form"' not in html
    )
    response = client_as(factories.UserFactory()).post(reverse("events:create"), {"title": "x"})
    assert response.status_code == 200 and not Event.objects.exists()


def test_the_admin_edits_a_published_event_and_the_registered_hear_of_a_new_time():
    town = factories.MunicipalityFactory(name="Pirna", slug="pirna")
    event = EventFactory(municipality=town)
    registration = RegistrationFactory(event=event)
    admin = admin_of(event.organisation)
    url = reverse("events:edit", args=[event.pk])
    page = client_as(admin).get(url).content.decode()
    assert "werden alle" in page or "wird die angemeldete Person benachrichtigt" in page
    response = client_as(admin).post(url, form_data(town, start_time="17:00", action="save"))
    assert response.status_code == 302, response.content.decode()[:3000]
    event.refresh_from_db()
    assert event.starts_at.astimezone(event.zone).hour == 17 and event.sequence == 1
    assert Notification.objects.get(recipient=registration.user).kind == "events.event_changed"


def test_lowering_capacity_below_the_places_held_is_refused_on_the_form():
    town = factories.MunicipalityFactory(name="Pirna", slug="pirna")
    event = EventFactory(municipality=town, capacity=10, free_places=3)
    admin = admin_of(event.organisation)
    before = snapshot(event)
    local = event.starts_at.astimezone(event.zone)
    response = client_as(admin).post(
        reverse("events:edit", args=[event.pk]),
        form_data(
            town, capacity="5", date=local.date().isoformat(),
            start_time=local.strftime("%H:%M"), end_time="23:30",
        ),
    )  # fmt: skip
    assert response.status_code == 200
    assert "7 Plätze sind schon vergeben" in response.content.decode()
    assert snapshot(event) == before


# --- mine and review --------------------------------------------------------------------------


def test_mine_groups_the_events_of_my_organisations(django_assert_max_num_queries):
    organisation = factories.OrganisationFactory()
    admin = admin_of(organisation)
    EventFactory(organisation=organisation, state=Event.State.DRAFT, title="Entwurf A")
    EventFactory(organisation=organisation, state=Event.State.PENDING, title="In Prüfung B")
    for n in range(5):
        EventFactory(organisation=organisation, title=f"Bald {n}")
    EventFactory(
        organisation=organisation, title="Vorbei C",
        starts_at=in_days(-3), ends_at=in_days(-3, 20),
    )  # fmt: skip
    EventFactory(title="Fremd D")
    client = client_as(admin)
    client.get(reverse("events:mine"))  # warm up the session and caches
    with django_assert_max_num_queries(12):
        response = client.get(reverse("events:mine"))
    html = response.content.decode()
    for title in ("Entwurf A", "In Prüfung B", "Bald 4", "Vorbei C"):
        assert title in html
    assert "Fremd D" not in html
    assert html.index("Entwurf A") < html.index("In Prüfung B") < html.index("Bald 0")
    assert html.index("Bald 4") < html.index("Vorbei C")
    assert_well_formed_page(html)


def test_mine_is_for_signed_in_people_and_says_how_to_begin():
    assert login_redirect(Client().get(reverse("events:mine")))
    organisation = factories.OrganisationFactory()
    html = client_as(admin_of(organisation)).get(reverse("events:mine")).content.decode()
    assert "So fangen Sie an" in html
    html = client_as(factories.UserFactory()).get(reverse("events:mine")).content.decode()
    assert "Admin-Rechte" in html


@pytest.mark.parametrize("role", ["anonymous", "stranger", "admin", "member"])
def test_only_moderators_review(role):
    event = EventFactory(state=Event.State.PENDING, published_at=None)
    user = people(event)[role]
    before = snapshot(event)
    url = reverse("events:review", args=[event.pk])
    for response in (
        client_as(user).get(url),
        client_as(user).post(url, {"decision": "approve", "approve-comment": ""}),
    ):
        assert login_redirect(response) if user is None else response.status_code == 403
    assert snapshot(event) == before


def test_a_moderator_publishes_from_the_queue():
    event = EventFactory(state=Event.State.PENDING, published_at=None)
    admin = admin_of(event.organisation)
    moderator = factories.ModeratorFactory()
    dashboard = client_as(moderator).get(reverse("moderation:dashboard") + "?queue=events")
    assert event.title in dashboard.content.decode()
    url = reverse("events:review", args=[event.pk])
    html = client_as(moderator).get(url).content.decode()
    assert_well_formed_page(html)
    response = client_as(moderator).post(url, {"decision": "approve", "approve-comment": ""})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.state == Event.State.PUBLISHED
    assert Notification.objects.get(recipient=admin).kind == "events.event_published"


def test_a_moderator_returns_with_a_comment():
    event = EventFactory(state=Event.State.PENDING, published_at=None)
    moderator = factories.ModeratorFactory()
    url = reverse("events:review", args=[event.pk])
    response = client_as(moderator).post(url, {"decision": "return", "return-comment": ""})
    assert response.status_code == 200
    event.refresh_from_db()
    assert event.state == Event.State.PENDING
    client_as(moderator).post(url, {"decision": "return", "return-comment": "Ort fehlt."})
    event.refresh_from_db()
    assert event.state == Event.State.RETURNED and event.moderation_comment == "Ort fehlt."


# --- the organisation's page ------------------------------------------------------------------


def test_the_organisation_page_lists_its_upcoming_events():
    organisation = factories.OrganisationFactory()
    for n in range(4):
        EventFactory(organisation=organisation, title=f"Treffen {n}")
    EventFactory(organisation=organisation, audience=Audience.MEMBERS, title="Intern")
    EventFactory(organisation=organisation, state=Event.State.DRAFT, title="Entwurf")
    html = Client().get(organisation.get_absolute_url()).content.decode()
    assert "Treffen 3" in html and "Intern" not in html and "Entwurf" not in html
    member_html = client_as(member_of(organisation)).get(organisation.get_absolute_url())
    assert "Intern" in member_html.content.decode()
    assert_well_formed_page(html)


def test_the_event_section_queries_the_same_however_many_events():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    organisation = factories.OrganisationFactory()

    def queries():
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            Client().get(organisation.get_absolute_url())
        return len(captured)

    EventFactory(organisation=organisation)
    one = queries()
    for _ in range(6):
        EventFactory(organisation=organisation)
    assert queries() == one


def test_a_pending_event_is_taken_back_to_edit_it():
    event = EventFactory(state=Event.State.PENDING, published_at=None)
    admin = admin_of(event.organisation)
    url = reverse("events:retract", args=[event.pk])
    html = client_as(admin).get(event.get_absolute_url()).content.decode()
    assert "Zurückholen und bearbeiten" in html
    for user in (member_of(event.organisation), factories.ModeratorFactory()):
        assert post_as(user, url).status_code == 403
    assert Event.objects.get(pk=event.pk).state == Event.State.PENDING
    response = post_as(admin, url)
    assert response.status_code == 302
    assert response["Location"] == reverse("events:edit", args=[event.pk])
    assert Event.objects.get(pk=event.pk).state == Event.State.DRAFT
