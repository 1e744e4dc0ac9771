"""The library's read API: the list with the page's filters, one measure with its materials,
towns and reports; nothing that is not published; bad parameters are a 422."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from handschlag.measures import materials, reports
from handschlag.measures.models import Adoption

from .factories import MeasureFactory, texts

pytestmark = pytest.mark.django_db
LIST = "/api/v1/measures"


def slugs(response):
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["items"]]


def test_the_list_has_published_measures_only_by_title(cast, client):
    # "Maßnahme …" (the proposal) before "Willkommenscafé …"
    assert slugs(client.get(LIST)) == [cast.proposed.slug, cast.published.slug]


def test_one_item_of_the_list(cast, client):
    Adoption.objects.create(measure=cast.published, municipality=cast.town, organisation=cast.city)
    item = next(i for i in client.get(LIST).json()["items"] if i["slug"] == "willkommenscafe")
    assert item == {
        "slug": "willkommenscafe",
        "title": "Willkommenscafé im Rathaus",
        "summary": "Ein offener Treffpunkt",
        "format": "encounter",
        "topics": ["cohesion", "engagement"],
        "target_groups": ["newcomers", "public"],
        "effort": "low",
        "town_count": 1,
        "proposed_by": None,
        "url": "http://testserver/massnahmen/willkommenscafe/",
    }


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"q": "Rathaus"}, ["willkommenscafe"]),
        ({"q": "town hall"}, ["willkommenscafe"]),
        ({"format": "encounter"}, ["willkommenscafe"]),
        ({"topic": "engagement"}, ["willkommenscafe"]),
        ({"target_group": "public"}, ["willkommenscafe"]),
        ({"effort": "low"}, ["willkommenscafe"]),
        ({"effort": "high"}, []),
    ],
)
def test_the_list_takes_the_pages_filters(cast, client, params, expected):
    assert slugs(client.get(LIST, params)) == expected


@pytest.mark.parametrize(
    "params",
    [
        {"format": "party"},
        {"topic": "astrology"},
        {"effort": "enormous"},
        {"target_group": "cats"},
        {"q": "x" * 201},
        {"page": "0"},
        {"page": "99999999999999999999"},
    ],
)
def test_bad_parameters_are_422(cast, client, params):
    assert client.get(LIST, params).status_code == 422


def test_texts_in_the_requested_language(cast, client):
    english = client.get(LIST, {"q": "rathaus"}, HTTP_ACCEPT_LANGUAGE="en").json()["items"][0]
    assert english["title"] == "Welcome café at the town hall"


def test_one_measure_with_materials_towns_and_reports(cast, client):
    Adoption.objects.create(measure=cast.published, municipality=cast.town, organisation=cast.city)
    published = reports.add_report(
        measure=cast.published,
        organisation=cast.city,
        by=cast.member,
        note="Lief gut.",
        url="https://www.sonneberg.example/cafe",
    )
    reports.publish_report(report=published, by=cast.moderator)
    reports.add_report(  # waits for moderation: not in the API
        measure=cast.published, organisation=cast.city, by=cast.member, note="Noch offen."
    )
    material = materials.add_material(
        measure=cast.published,
        by=cast.moderator,
        title=texts("Leitfaden"),
        upload=SimpleUploadedFile("leitfaden.pdf", b"%PDF-1.4\n"),
    )
    data = client.get(f"{LIST}/willkommenscafe").json()
    assert data["goal"] == "Neue und alte Nachbarn lernen sich kennen."
    assert data["steps"] == ["Raum im Rathaus finden", "Einladung mehrsprachig verteilen"]
    assert data["duration"] == "ein Nachmittag im Monat"
    assert data["towns"] == [
        {"name": "Sonneberg", "ags": "16072017", "url": "http://testserver/orte/sonneberg/"}
    ]
    assert data["materials"] == [
        {"title": "Leitfaden", "url": f"http://testserver{material.file.url}", "size": 9}
    ]
    [report] = data["reports"]
    assert report["town"] == "Sonneberg" and report["organisation"] == "Stadt Sonneberg"
    assert report["note"] == "Lief gut." and report["link"] == "https://www.sonneberg.example/cafe"


def test_a_proposed_measure_names_its_organisation(cast, client):
    data = client.get(f"{LIST}/{cast.proposed.slug}").json()
    assert data["proposed_by"] == "Willkommen in Sonneberg e. V."


@pytest.mark.parametrize("target", ["draft", "submitted", "withdrawn"])
def test_unpublished_measures_are_404_even_for_their_proposers(cast, client, target):
    client.force_login(cast.proposer)
    assert client.get(f"{LIST}/{getattr(cast, target).slug}").status_code == 404


def test_an_unknown_slug_is_404(cast, client):
    assert client.get(f"{LIST}/gibt-es-nicht").status_code == 404


def test_pages_of_twenty(cast, client):
    for i in range(25):
        MeasureFactory(title=texts(f"Maßnahme {i:02d}"))
    first = client.get(LIST).json()
    assert first["count"] == 27 and len(first["items"]) == 20
    assert len(client.get(LIST, {"page": 2}).json()["items"]) == 7
