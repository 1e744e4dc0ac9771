"""A town's page gathers what happens there: open promises (and nearby ones), published reports,
organisations. It is linked from the list of municipalities, so "Kommunen" is no dead end."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from handschlag.blog.models import Post
from handschlag.needs.models import Need
from handschlag.promises.models import Promise
from tests import factories
from tests.needs.factories import NeedFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def towns():
    return {
        "coburg": factories.MunicipalityFactory(
            name="Coburg", slug="coburg", latitude=50.2612, longitude=10.9627
        ),
        "roedental": factories.MunicipalityFactory(
            name="Rödental", slug="roedental", latitude=50.2894, longitude=11.0411
        ),
        "kiel": factories.MunicipalityFactory(
            name="Kiel", slug="kiel", latitude=54.3233, longitude=10.1228
        ),
    }


def page(client, town):
    return client.get(reverse("municipality", args=[town.slug]))


def test_the_page_shows_the_towns_promises_nearby_ones_reports_and_organisations(client, towns):
    here = factories.PromiseFactory(municipality=towns["coburg"], title="Laptops in Coburg")
    nearby = factories.PromiseFactory(municipality=towns["roedental"], title="Räder in Rödental")
    factories.PromiseFactory(municipality=towns["kiel"], title="Kurse in Kiel")
    factories.PromiseFactory(
        municipality=towns["coburg"], title="Entwurf", state=Promise.State.DRAFT, published_at=None
    )
    factories.PostFactory(kind=Post.Kind.REPORT, promise=here, title="So lief es in Coburg")
    factories.OrganisationFactory(municipality=towns["coburg"], name="Coburg hilft e. V.")
    NeedFactory(municipality=towns["coburg"], title="Fahrräder für Azubis")
    NeedFactory(municipality=towns["coburg"], title="Noch geheim", state=Need.State.DRAFT)

    html = page(client, towns["coburg"]).content.decode()
    assert "<h1>Coburg</h1>" in html
    assert here.title in html and nearby.title in html
    assert "Kurse in Kiel" not in html and "Entwurf" not in html
    assert "So lief es in Coburg" in html and "Coburg hilft e. V." in html
    assert "Fahrräder für Azubis" in html and "Noch geheim" not in html
    assert html.index("Laptops in Coburg") < html.index("In der Nähe") < html.index(nearby.title)


def test_an_empty_town_says_how_to_begin(client, towns):
    html = page(client, towns["kiel"]).content.decode()
    assert "In Kiel gibt es gerade kein offenes Versprechen." in html
    assert reverse("promises:create") in html
    assert reverse("organisations:create") in html
    assert "Aus Kiel ist gerade kein Bedarf gemeldet." in html


def test_unknown_towns_are_a_404(client):
    assert client.get(reverse("municipality", args=["gibt-es-nicht"])).status_code == 404


def test_the_page_runs_the_same_queries_for_one_or_many_promises(client, towns):
    factories.PromiseFactory(municipality=towns["coburg"])
    with CaptureQueriesContext(connection) as few:
        page(client, towns["coburg"])
    factories.PromiseFactory.create_batch(8, municipality=towns["coburg"])
    factories.PromiseFactory.create_batch(3, municipality=towns["roedental"])
    with CaptureQueriesContext(connection) as many:
        html = page(client, towns["coburg"]).content.decode()
    assert len(many) == len(few)  # here, nearby and the count of all are one query
    assert "Alle 9 offenen Versprechen ansehen" in html
    assert "In der Nähe" not in html  # six of the town's own fill the list


def test_nearby_means_within_25_km_whatever_the_box(client, towns):
    """Rödental is 6 km from Coburg; Eckdorf lies in the corner of the square the query
    narrows to first, but 29 km away; Ostwärts is 30 km east."""
    east = factories.MunicipalityFactory(
        name="Ostwärts", slug="ostwaerts", latitude=50.2612, longitude=11.3850
    )  # about 30 km east of Coburg
    corner = factories.MunicipalityFactory(
        name="Eckdorf", slug="eckdorf", latitude=50.2612 + 0.19, longitude=10.9627 + 0.29
    )  # inside the 25 km box, about 29 km away
    for town, title in ((towns["roedental"], "Nah"), (east, "Östlich"), (corner, "Ecke")):
        factories.PromiseFactory(municipality=town, title=title)
    html = page(client, towns["coburg"]).content.decode()
    assert "Nah" in html and "Östlich" not in html and "Ecke" not in html


def test_a_new_promise_shows_on_the_cached_page_at_once(client, towns):
    page(client, towns["coburg"])
    factories.PromiseFactory(municipality=towns["coburg"], title="Ganz neu")
    assert "Ganz neu" in page(client, towns["coburg"]).content.decode()


def test_the_list_of_municipalities_links_each_town(client, towns):
    html = client.get(reverse("places:list")).content.decode()
    assert f'href="{reverse("municipality", args=["coburg"])}"' in html
