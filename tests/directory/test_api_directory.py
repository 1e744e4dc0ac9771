"""The portal's read API (/api/v1/directory/): published portals, offers with the list's
filters, one offer, guides with each section's translation status, and the offline bundle
with ETag / Last-Modified. Published only; bad parameters are a 422; constant queries."""

import datetime

import pytest
from django.utils import timezone

from handschlag.directory.hsds import derived_id
from handschlag.directory.models import Offer, OfferLanguage, OfferTopic, Topic
from handschlag.directory.translating import refresh_search_text
from tests import factories as base

from . import factories
from .hsds_world import full_offer, translate

pytestmark = pytest.mark.django_db
API = "/api/v1/directory"


def offers_url(portal, **params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"{API}/portals/{portal.municipality.slug}/offers" + (f"?{query}" if query else "")


def course(portal, name, *, topic=Topic.LANGUAGE, languages=("de",), **fields):
    offer = factories.OfferFactory(portal=portal, name=name, **fields)
    OfferTopic.objects.create(offer=offer, topic=topic)
    for code in languages:
        OfferLanguage.objects.create(offer=offer, language=code)
    refresh_search_text(offer)
    return offer


@pytest.fixture
def guide(portal):
    topic = factories.GuideTopicFactory(portal=portal, title="Ankommen")
    page = factories.GuidePageFactory(topic=topic, title="Erste Schritte")
    current = factories.GuideSectionFactory(
        page=page, heading="Anmelden", body="Gehen Sie ins Bürgerbüro."
    )
    outdated = factories.GuideSectionFactory(
        page=page, heading="Konto", body="Eröffnen Sie ein Konto."
    )
    machine = factories.GuideSectionFactory(
        page=page, heading="Arzt", body="Suchen Sie eine Praxis."
    )
    factories.GuideSectionFactory(page=page, heading="Schule", body="Melden Sie Ihr Kind an.")
    translate(current, "body", "uk", "Ідіть до бюро громадян.")
    translate(outdated, "body", "uk", "Відкрийте рахунок.", made_from="Eröffnen Sie ein Girokonto.")
    translate(machine, "body", "uk", "Знайдіть лікаря.", origin="machine", reviewed=False)
    factories.GuidePageFactory(topic=topic, published_at=None, title="Entwurf")
    return page


# --- portals --------------------------------------------------------------------------------


def test_published_portals_with_their_welcome_in_the_readers_language(client, portal):
    factories.PortalFactory(published_at=None)
    translate(portal, "welcome", "uk", "Ласкаво просимо!")
    answer = client.get(f"{API}/portals?lang=uk").json()
    assert answer["count"] == 1
    [item] = answer["items"]
    assert item["slug"] == portal.municipality.slug
    assert item["welcome"] == {"text": "Ласкаво просимо!", "language": "uk", "status": "current"}
    assert item["hsds_url"].endswith(f"/portal/{portal.municipality.slug}/daten/hsds.json")
    english = client.get(f"{API}/portals?lang=en").json()["items"][0]["welcome"]
    assert english == {"text": portal.welcome, "language": "de", "status": "missing"}


def test_the_language_comes_from_the_request_without_lang(client, portal):
    translate(portal, "welcome", "en", "Welcome!")
    answer = client.get(
        f"{API}/portals/{portal.municipality.slug}", headers={"accept-language": "en"}
    )
    assert answer.json()["welcome"]["text"] == "Welcome!"
    assert (
        client.get(f"{API}/portals/{portal.municipality.slug}").json()["welcome"]["language"]
        == "de"
    )


def test_unpublished_and_unknown_portals_are_not_found(client):
    draft = factories.PortalFactory(published_at=None)
    for slug in (draft.municipality.slug, "nirgendwo"):
        for path in ("", "/offers", "/guides", "/bundle", "/offers/1", "/guides/1"):
            assert client.get(f"{API}/portals/{slug}{path}").status_code == 404


def test_portal_list_runs_constant_queries(client, django_assert_max_num_queries):
    factories.PortalFactory()
    with django_assert_max_num_queries(4) as few:
        client.get(f"{API}/portals?lang=uk")
    factories.PortalFactory.create_batch(4)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(f"{API}/portals?lang=uk").json()["count"] == 5


# --- offers ---------------------------------------------------------------------------------


def test_only_what_readers_see_is_listed(client, portal):
    course(portal, "Deutschkurs")
    course(
        portal, "Geschlossen", status=Offer.Status.CLOSED, closed_until=datetime.date(2026, 9, 1)
    )
    course(portal, "Beendet", status=Offer.Status.ENDED)
    course(portal, "Entwurf", published_at=None)
    course(factories.PortalFactory(), "Anderswo")
    names = [item["name"]["text"] for item in client.get(offers_url(portal)).json()["items"]]
    assert names == ["Deutschkurs", "Geschlossen"]  # open ones first


def test_the_list_filters_like_the_page(client, portal):
    arabic = course(portal, "Deutschkurs am Abend", languages=("de", "ar"))
    course(portal, "Deutschkurs am Morgen", languages=("de", "uk"))
    course(portal, "Migrationsberatung", topic=Topic.COUNSELLING, languages=("ar",))
    translate(arabic, "name", "ar", "دورة اللغة الألمانية مساءً")
    refresh_search_text(arabic)

    def names(**params):
        return [i["name"]["text"] for i in client.get(offers_url(portal, **params)).json()["items"]]

    assert names(topic="language", language="ar") == ["Deutschkurs am Abend"]
    assert names(topic="counselling") == ["Migrationsberatung"]
    assert names(q="morgen deutschkurs") == ["Deutschkurs am Morgen"]
    assert names(q="الألمانية", lang="ar") == ["دورة اللغة الألمانية مساءً"]


def test_a_typed_place_orders_by_distance(client, portal):
    near = course(portal, "Nah")
    far = course(portal, "Fern")
    nowhere = course(portal, "Ohne Ort")
    factories.OfferLocationFactory(offer=far, location__latitude=52.5, location__longitude=13.4)
    factories.OfferLocationFactory(offer=near, location__latitude=50.36, location__longitude=11.18)
    town = base.MunicipalityFactory(name="Neuhaus-Schierschnitz", latitude=50.36, longitude=11.17)
    items = client.get(offers_url(portal, place=town.name)).json()["items"]
    assert [i["name"]["text"] for i in items] == ["Nah", "Fern", "Ohne Ort"]
    assert items[0]["distance_km"] < 1 and items[1]["distance_km"] > 200
    assert items[2]["distance_km"] is None
    within = client.get(offers_url(portal, place=town.slug, radius=25)).json()["items"]
    assert [i["name"]["text"] for i in within] == ["Nah", "Ohne Ort"]
    assert nowhere.pk in [i["id"] for i in within]


@pytest.mark.parametrize(
    "params, field",
    [
        ({"topic": "cooking"}, "topic"),
        ({"language": "xx"}, "language"),
        ({"place": "Atlantis"}, "place"),
        ({"place": "Sonneberg", "radius": 7}, "radius"),
        ({"lang": "fr"}, "lang"),
        ({"page": 0}, "page"),
        ({"page_size": 500}, "page_size"),
    ],
)
def test_bad_parameters_are_a_422_that_names_them(client, portal, params, field):
    answer = client.get(offers_url(portal, **params))
    assert answer.status_code == 422
    assert field in answer.json()["detail"][0]["loc"]


def test_the_list_is_paginated(client, portal):
    for n in range(5):
        course(portal, f"Kurs {n}")
    answer = client.get(offers_url(portal, page_size=2, page=3)).json()
    assert answer["count"] == 5
    assert [i["name"]["text"] for i in answer["items"]] == ["Kurs 4"]


def test_the_list_runs_constant_queries(client, portal, django_assert_max_num_queries):
    full_offer(portal, 0)
    url = offers_url(portal, lang="uk", topic="counselling", place=portal.municipality.slug)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for n in range(1, 6):
        full_offer(portal, n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).json()["count"] == 6


def test_one_offer_with_everything_in_the_readers_language(client, portal):
    offer = full_offer(portal, languages=("uk",))
    answer = client.get(f"{API}/portals/{portal.municipality.slug}/offers/{offer.pk}?lang=uk")
    data = answer.json()
    assert data["hsds_id"] == str(derived_id("service", offer.pk))
    assert data["name"] == {
        "text": "Migration counselling 0 [uk]",
        "language": "uk",
        "status": "current",
    }
    assert data["summary"]["status"] == "machine"
    assert data["description"]["status"] == "outdated"
    assert data["eligibility"] == {"text": offer.eligibility, "language": "de", "status": "missing"}
    assert data["provider"]["description"]["text"].startswith("We advise you for free")
    assert [t["code"] for t in data["topics"]] == ["counselling", "asylum"]
    assert [lang["native"] for lang in data["languages"]] == ["العربية", "Deutsch", "Русский"]
    house = next(p for p in data["places"] if p["location"]["street"])
    assert house["location"]["directions"]["text"].startswith("Bus 2 to the station")
    assert [(h["weekday"], h["opens_at"]) for h in house["hours"]] == [
        (0, "09:00:00"),
        (3, "14:00:00"),
    ]
    assert house["exceptions"][0]["note"] == ""  # 1 July: other hours; then Christmas
    assert house["exceptions"][1]["note"] == "Weihnachten"
    assert data["contact"] == {
        "name": "Beratungsstelle",
        "phone": "03675 99999",
        "email": offer.contact_email,
    }
    assert data["last_checked_on"] == timezone.localdate(offer.last_checked_at).isoformat()


def test_offers_that_readers_do_not_see_are_not_found(client, portal):
    ended = course(portal, "Beendet", status=Offer.Status.ENDED)
    draft = course(portal, "Entwurf", published_at=None)
    elsewhere = course(factories.PortalFactory(), "Anderswo")
    for offer in (ended, draft, elsewhere):
        assert (
            client.get(f"{API}/portals/{portal.municipality.slug}/offers/{offer.pk}").status_code
            == 404
        )


# --- guides ---------------------------------------------------------------------------------


def test_guides_list_published_pages(client, portal, guide):
    answer = client.get(f"{API}/portals/{portal.municipality.slug}/guides?lang=uk").json()
    assert answer["count"] == 1
    [topic] = answer["items"]
    assert topic["title"]["text"] == "Ankommen"
    assert [page["id"] for page in topic["pages"]] == [guide.pk]


def test_a_guide_page_says_each_sections_translation_status(client, portal, guide):
    url = f"{API}/portals/{portal.municipality.slug}/guides/{guide.pk}?lang=uk"
    sections = client.get(url).json()["sections"]
    statuses = [
        (s["heading"]["text"], s["body"]["status"], s["body"]["language"]) for s in sections
    ]
    assert statuses == [
        ("Anmelden", "current", "uk"),
        ("Konto", "outdated", "uk"),
        ("Arzt", "machine", "uk"),
        ("Schule", "missing", "de"),
    ]
    draft = guide.topic.pages.get(published_at=None)
    assert (
        client.get(f"{API}/portals/{portal.municipality.slug}/guides/{draft.pk}").status_code == 404
    )


def test_guide_answers_run_constant_queries(client, portal, guide, django_assert_max_num_queries):
    url = f"{API}/portals/{portal.municipality.slug}/guides/{guide.pk}?lang=uk"
    guide.offers.add(full_offer(portal, 0))
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for n in range(1, 5):
        factories.GuideSectionFactory(page=guide)
        guide.offers.add(full_offer(portal, n))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(url).json()["offers"]) == 5


# --- the bundle -----------------------------------------------------------------------------


def test_the_bundle_holds_everything_in_one_language(client, portal, guide):
    offer = full_offer(portal, languages=("uk",))
    guide.offers.add(offer)
    data = client.get(f"{API}/portals/{portal.municipality.slug}/bundle?lang=uk").json()
    assert data["language"] == "uk"
    assert [o["id"] for o in data["offers"]] == [offer.pk]
    assert data["offers"][0]["places"][0]["hours"]
    [topic] = data["guides"]
    [page] = topic["pages"]
    assert [s["body"]["status"] for s in page["sections"]] == [
        "current",
        "outdated",
        "machine",
        "missing",
    ]
    assert page["offer_ids"] == [offer.pk]
    assert {t["code"] for t in data["topics"]} == set(Topic.values)


def test_apps_revalidate_the_bundle(client, portal, guide):
    offer = full_offer(portal)
    url = f"{API}/portals/{portal.municipality.slug}/bundle?lang=en"
    first = client.get(url)
    assert first.status_code == 200
    etag, modified = first["ETag"], first["Last-Modified"]
    again = client.get(url, headers={"if-none-match": etag})
    assert again.status_code == 304 and again["ETag"] == etag and not again.content
    assert client.get(url, headers={"if-modified-since": modified}).status_code == 304
    assert client.get(url)["Last-Modified"] == modified  # the same content: the same date
    offer.name = "Neue Beratung"
    offer.save()
    changed = client.get(url, headers={"if-none-match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
    # another language is another bundle
    assert client.get(url.replace("lang=en", "lang=uk"))["ETag"] != changed["ETag"]


def test_the_bundle_runs_constant_queries(client, portal, guide, django_assert_max_num_queries):
    full_offer(portal, 0)
    url = f"{API}/portals/{portal.municipality.slug}/bundle?lang=uk"
    with django_assert_max_num_queries(25) as few:
        client.get(url)
    for n in range(1, 5):
        guide.offers.add(full_offer(portal, n))
        factories.GuideSectionFactory(page=factories.GuidePageFactory(topic=guide.topic))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(url).json()["offers"]) == 5


@pytest.mark.parametrize(
    "params",
    [
        {"q": "\x00"},
        {"place": "a\x00b"},
        {"page": "99999999999999999999"},
        {"page": "1e30"},
        {"q": "x" * 201},
        {"radius": "-5"},
    ],
)
def test_unusable_parameters_are_a_422_not_a_500(client, portal, params):
    course(portal, "Deutschkurs")
    response = client.get(offers_url(portal), params)
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/json")
