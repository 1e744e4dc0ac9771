"""The reader's pages: who sees which portal, offer and guide page (404 for what is not
public, a banner for the people who work on it), bad filter input as a message, and what each
page shows."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from handschlag.directory.models import GuideSection, Offer, Portal
from handschlag.organisations.models import Membership
from tests import factories as base
from tests.conftest import client_for

from .public_world import build_public_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_public_world()


def offers_url(portal: Portal, query: str = "") -> str:
    return reverse("directory:offers", args=[portal.municipality.slug]) + query


def page_urls(world) -> list[str]:
    slug = world.town.slug
    return [
        reverse("directory:portal", args=[slug]),
        reverse("directory:offers", args=[slug]),
        world.course.get_absolute_url(),
        reverse("directory:guides", args=[slug]),
        world.guide.get_absolute_url(),
    ]


# --- who sees what ---------------------------------------------------------------------------


def test_every_page_of_a_published_portal_is_open_to_anyone(client, world):
    for url in [reverse("directory:index"), *page_urls(world)]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"noch nicht ver\xc3\xb6ffentlicht" not in response.content


@pytest.mark.parametrize(
    "name", ["directory:portal", "directory:offers", "directory:guides"]
)  # fmt: skip
def test_an_unknown_town_is_a_404(client, world, name):
    assert client.get(reverse(name, args=["gibt-es-nicht"])).status_code == 404
    assert client.get(reverse(name, args=[world.neighbour.slug])).status_code == 404  # no portal


def test_an_unpublished_portal_is_a_404_except_for_the_people_who_work_in_it(client, world):
    hidden = world.hidden_portal
    urls = [reverse("directory:portal", args=[hidden.municipality.slug]), offers_url(hidden)]
    offer = hidden.offers.get()
    urls.append(offer.get_absolute_url())
    stranger = base.UserFactory()
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client_for(stranger).get(url).status_code == 404, url
        assert client_for(world.editor).get(url).status_code == 404, url  # another town's
    member = base.UserFactory()
    base.MembershipFactory(
        user=member, organisation=hidden.organisation, role=Membership.Role.MEMBER
    )
    for url in urls:
        response = client_for(member).get(url)
        assert response.status_code == 200, url
        assert "Dieses Portal ist noch nicht veröffentlicht" in response.content.decode()
        assert "X-Portal-Offline" not in response  # never kept offline
    assert "Nicht sichtbar" in client_for(member).get(offers_url(hidden)).content.decode()


def test_the_index_lists_published_portals_only(client, world):
    html = client.get(reverse("directory:index")).content.decode()
    assert 'href="/portal/sonneberg/"' in html
    assert world.hidden_portal.municipality.name not in html


def test_an_unpublished_offer_is_a_404_for_readers_and_a_preview_for_its_editors(client, world):
    url = world.unpublished.get_absolute_url()
    assert client.get(url).status_code == 404
    assert client_for(base.UserFactory()).get(url).status_code == 404
    response = client_for(world.editor).get(url)
    assert response.status_code == 200
    assert "Dieses Angebot ist noch nicht veröffentlicht" in response.content.decode()
    assert "X-Portal-Offline" not in response
    # and it is never in the list, nor among a guide page's offers
    listed = client_for(world.editor).get(offers_url(world.portal)).content.decode()
    assert "Geheimer Entwurf" not in listed
    assert "Geheimer Entwurf" not in client.get(world.guide.get_absolute_url()).content.decode()


def test_an_ended_offer_says_so_with_410_and_where_to_look_instead(client, world):
    response = client.get(world.ended.get_absolute_url())
    assert response.status_code == 410
    html = response.content.decode()
    assert "Dieses Angebot gibt es nicht mehr" in html and "Alter Nähkurs" in html
    assert offers_url(world.portal) in html
    # its editors still see the whole page, marked as ended
    editor_view = client_for(world.editor).get(world.ended.get_absolute_url())
    assert editor_view.status_code == 200
    assert "Dieses Angebot ist beendet." in editor_view.content.decode()


def test_an_offer_is_found_only_under_its_own_town(client, world):
    other = Portal.objects.exclude(pk=world.portal.pk).filter(published_at__isnull=True).get()
    other.published_at = timezone.now()
    other.save()
    url = reverse("directory:offer", args=[other.municipality.slug, world.course.pk])
    assert client.get(url).status_code == 404
    assert client.get(reverse("directory:offer", args=["sonneberg", 999_999])).status_code == 404


def test_an_unpublished_guide_page_is_a_404_except_for_guide_editors(client, world):
    url = world.draft_guide.get_absolute_url()
    assert client.get(url).status_code == 404
    response = client_for(world.editor).get(url)
    assert response.status_code == 200
    assert "Diese Seite ist noch nicht veröffentlicht" in response.content.decode()
    guides = client.get(reverse("directory:guides", args=["sonneberg"])).content.decode()
    assert "Entwurf" not in guides


def test_a_guide_page_under_an_old_slug_moves_to_its_own_address(client, world):
    url = reverse("directory:guide", args=["sonneberg", world.guide.pk, "alter-name"])
    response = client.get(url + "?original=1")
    assert response.status_code == 301
    assert response["Location"] == world.guide.get_absolute_url()  # German: no original mode
    elsewhere = reverse("directory:guide", args=["potsdam", world.guide.pk, "x"])
    assert client.get(elsewhere).status_code == 404


def test_pages_only_answer_reading(client, world):
    for url in page_urls(world):
        assert client.post(url).status_code == 405


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "?topic=kochen",
        "?language=%00",
        "?radius=-1",
        "?place=Atlantis",
        "?place=%00",
        "?q=" + "a" * 500,
        "?page=abc",
        "?page=99999",
        "?place=12345&radius=5",
        "?q=%25_%5C%27%22%3Cscript%3E",
    ],
)
def test_bad_filter_input_is_a_message_never_an_error_page(client, world, query):
    response = client.get(offers_url(world.portal, query))
    assert response.status_code == 200
    html = response.content.decode()
    if "page" not in query and "%25" not in query:
        assert "Diese Filter konnten nicht angewendet werden" in html
    assert "<script>" not in html.split("</head>", 1)[1].replace("<script nonce", "")  # escaped


def test_an_unknown_place_offers_similar_towns(client, world):
    html = client.get(offers_url(world.portal, "?place=Lausha&topic=language")).content.decode()
    assert "Meinten Sie:" in html
    assert '<a href="?topic=language&amp;place=Lauscha">Lauscha</a>' in html


def test_the_index_search_finds_the_portal_of_a_town_or_those_near_it(client, world):
    here = client.get(reverse("directory:index") + "?place=Sonneberg").content.decode()
    assert "Zum Portal für Sonneberg" in here
    near = client.get(reverse("directory:index") + "?place=Lauscha").content.decode()
    assert "Für Lauscha gibt es noch kein eigenes Portal" in near and "13 km" in near
    unknown = client.get(reverse("directory:index") + "?place=Lausha").content.decode()
    assert "Diesen Ort kennen wir nicht." in unknown and "Meinten Sie:" in unknown


# --- what the pages show ---------------------------------------------------------------------


def test_the_home_page_welcomes_and_shows_topics_with_counts_and_guides(client, world):
    html = client.get(reverse("directory:portal", args=["sonneberg"])).content.decode()
    assert "<p>Willkommen in Sonneberg!</p><p>Hier finden Sie Hilfe.</p>" in html
    assert '?topic=language">Deutsch lernen <span class="count">2 Angebote</span>' in html
    assert '?topic=counselling">Beratung <span class="count">1 Angebot</span>' in html
    assert "Freizeit" not in html  # only the ended offer had it
    assert world.guide.get_absolute_url() in html and "Entwurf" not in html
    assert 'name="q"' in html and 'name="place"' in html  # search box and "near me"


def test_a_card_shows_what_a_reader_needs(client, world):
    html = client.get(offers_url(world.portal, "?place=Neuhaus-Schierschnitz")).content.decode()
    assert "4 Angebote, die nächsten zuerst (von Neuhaus-Schierschnitz aus)" in html
    assert '<strong class="distance">7,6 km</strong> Volkshochschule, <bdi>Schulplatz 3' in html
    assert "vorübergehend geschlossen bis 31. Januar 2031" in html
    assert '<span lang="ar" dir="auto">العربية</span>' in html
    assert "ermäßigt möglich" in html and world.course.provider.name in html
    assert html.index("Deutschkurs am Abend") < html.index("Hilfetelefon")  # placeless last


def test_offers_sharing_a_place_each_name_it_in_every_language(client, world):
    from tests.directory.public_world import offer

    offer(world.portal, "Sozialberatung", places=[world.town_hall])
    for language in ("de", "uk"):
        client.cookies["django_language"] = language
        html = client.get(offers_url(world.portal)).content.decode()
        # Migrationsberatung, Sozialberatung and the course's second place: the town hall
        named = re.findall(r">?Rathaus(?:</span>)?, <bdi>Bahnhofstraße 1", html)
        assert len(named) == html.count("<bdi>Bahnhofstraße 1") == 2, language


def test_a_filtered_list_offers_to_reset_the_filters(client, world):
    reset = f'<a href="{offers_url(world.portal)}">Alle Filter zurücksetzen</a>'
    assert reset in client.get(offers_url(world.portal, "?topic=language")).content.decode()
    assert reset not in client.get(offers_url(world.portal)).content.decode()


def test_the_list_pages_and_htmx_gets_only_the_results(client, world):
    from tests.directory.public_world import more_offers

    more_offers(world.portal, 21)
    first = client.get(offers_url(world.portal)).content.decode()
    assert "Seite 1 von 2" in first and first.count('class="card offer-card"') == 20
    partial = client.get(offers_url(world.portal, "?page=2"), HTTP_HX_REQUEST="true")
    body = partial.content.decode()
    assert body.lstrip().startswith('<section id="results"') and "<html" not in body
    assert body.count('class="card offer-card"') == 5


def test_the_offer_page_shows_places_hours_closed_days_contact_and_check(client, world):
    html = client.get(world.course.get_absolute_url()).content.decode()
    for expected in [
        "<h1>Deutschkurs am Abend</h1>",
        "Schulplatz 3, 96515 Sonneberg",
        "<dt>Montag</dt>",
        "18:00–20:00 Uhr",
        "(vom 01.07.2030 bis 31.08.2030)",
        "am 24. Dezember 2030",
        "<strong>geschlossen</strong> (Heiligabend)",
        "<li>stufenloser Zugang</li><li>Aufzug</li>",
        "Bus 2 bis Rathaus.",
        'href="tel:+49367512345"',
        'href="mailto:kurs@vhs.example"',
        "ermäßigt möglich: 10 Euro im Monat",
        "ab 16 Jahren",
        "Erwachsene ab 16 Jahren.",
        "Aufenthaltstitel",
        "Zuletzt geprüft am",
    ]:
        assert expected in html, expected
    assert "Dienstag" not in html  # its slot ended in 2001


def test_open_now_is_computed_on_berlin_time(client, world, settings, monkeypatch):
    from handschlag.directory import public_views

    # a Monday, 18:30 in Berlin (winter: 17:30 UTC); the course is on from 18 to 20
    monday_evening = datetime.datetime(2030, 1, 7, 17, 30, tzinfo=datetime.UTC)
    monkeypatch.setattr(public_views.timezone, "now", lambda: monday_evening)
    settings.TIME_ZONE = "UTC"
    html = client.get(world.course.get_absolute_url()).content.decode()
    assert "Jetzt geöffnet</span> bis 20:00 Uhr" in html
    # a temporarily closed offer is never "open now"
    assert "Jetzt geöffnet" not in client.get(world.counselling.get_absolute_url()).content.decode()


def test_the_guide_page_shows_its_sections_breadcrumbs_and_offers(client, world):
    section = world.sections[1]
    section.image = SimpleUploadedFile("k.png", _PNG, content_type="image/png")
    section.image_alt = "Eine Versichertenkarte"
    section.save()
    html = client.get(world.guide.get_absolute_url()).content.decode()
    assert '<nav class="breadcrumbs"' in html
    assert 'href="/portal/sonneberg/wegweiser/#thema-' in html and ">Ankommen</a>" in html
    assert "<p>Sie brauchen eine gesetzliche Krankenkasse.</p>" in html
    assert 'alt="Eine Versichertenkarte"' in html
    assert html.count('class="card offer-card"') == 2  # the unpublished one is left out
    image = client.get(section.image.url)
    assert image.status_code == 200 and image["Cache-Control"].startswith("public")


def test_a_guide_image_of_an_unpublished_page_is_hidden(client, world):
    section = GuideSection.objects.create(
        page=world.draft_guide, body="x", image=SimpleUploadedFile("d.png", _PNG),
        image_alt="Entwurf",
    )  # fmt: skip
    assert client.get(section.image.url).status_code == 404
    assert client_for(world.editor).get(section.image.url).status_code == 200


def test_offline_marks_only_public_pages(client, world):
    kinds = [client.get(url).get("X-Portal-Offline") for url in page_urls(world)]
    assert kinds == ["page", "page", "page", "guide", "guide"]


def test_the_service_worker_is_served_at_the_portal_scope_with_its_files(client):
    response = client.get(reverse("directory:service_worker"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/portal/"
    assert response["Cache-Control"] == "no-cache"
    source = response.content.decode()
    assert '"__' not in source and "__PRECACHE__" not in source
    assert 'var SCOPE = "/portal/";' in source
    assert '["/portal/offline/", "/static/handschlag/css/site.css",' in source
    offline = client.get(reverse("directory:offline"))
    assert offline.status_code == 200 and "Keine Verbindung" in offline.content.decode()


def test_every_portal_page_registers_the_service_worker_with_the_nonce(client, world):
    html = client.get(world.guide.get_absolute_url()).content.decode()
    assert 'navigator.serviceWorker.register("/portal/sw.js", {scope: "/portal/"})' in html
    start = html.index("navigator.serviceWorker")
    script = html[start - 200 : start]
    assert "<script nonce=" in script


def test_offers_of_any_status_render(client, world):
    for status in Offer.Status:
        Offer.objects.filter(pk=world.far.pk).update(status=status)
        response = client_for(world.editor).get(world.far.get_absolute_url())
        assert response.status_code == 200


_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360f8cfc0f01f0005000201a0c1f5e40000000049454e44ae426082"
)
