"""Full-text search over promises (promises/search.py), on SQLite (FTS5) and PostgreSQL
(tsvector 'german' + GIN): run this file with DATABASE_URL=postgres://… for the second.

What a person types finds what a promise says, where it is and who promises it: umlauts in
either spelling, singular and plural, place names, organisation names and a person's public
"first name + initial" (never more)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from handschlag.organisations import services as organisation_services
from handschlag.organisations.models import Membership
from handschlag.promises import search, selectors
from handschlag.promises.filters import PromiseFilters
from tests import factories

pytestmark = pytest.mark.django_db


def found(q: str) -> set[str]:
    return {p.title for p in selectors.promise_list(filters=PromiseFilters(q=q))}


@pytest.fixture
def world():
    potsdam = factories.MunicipalityFactory(name="Potsdam", slug="potsdam")
    coburg = factories.MunicipalityFactory(name="Coburg", slug="coburg")
    tafel = factories.OrganisationFactory(name="Tafel Süd e.V.")
    factories.PromiseFactory(
        title="Ein Laptop für das Bewerbungstraining", description="gebraucht, aber gut",
        condition="wenn jemand Bewerbungen mit Geflüchteten schreibt",
        municipality=coburg, organisation=tafel,
    )  # fmt: skip
    factories.PromiseFactory(
        title="Fahrräder für Schüler", description="Zehn Räder aus der Werkstatt Müller",
        condition="wenn jemand eine Fahrradwerkstatt anbietet", municipality=potsdam,
        owner=factories.UserFactory(first_name="Anna", last_name="Großmann"),
    )  # fmt: skip
    factories.PromiseFactory(
        title="Sprachcafé", description="Kaffee und Kuchen", condition="wenn jemand moderiert",
        municipality=None,
    )  # fmt: skip
    return {"potsdam": potsdam, "coburg": coburg, "tafel": tafel}


def test_the_index_is_the_databases_own(world):
    """SQLite answers from its FTS5 table, PostgreSQL from the tsvector (with a GIN index)."""
    if connection.vendor == "sqlite":
        assert search.fts_available()
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM promises_promise_fts")
            assert cursor.fetchone()[0] == 3
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'promise_search_gin'")
            assert "gin" in cursor.fetchone()[0].lower()
        from handschlag.promises.models import Promise

        assert not Promise.objects.filter(search_vector__isnull=True).exists()


def test_plural_finds_singular_and_back(world):
    assert found("Laptops") == {"Ein Laptop für das Bewerbungstraining"}
    assert found("Laptop") == {"Ein Laptop für das Bewerbungstraining"}
    assert found("Bewerbung") == {"Ein Laptop für das Bewerbungstraining"}  # "Bewerbungen"
    assert found("Fahrrad") == {"Fahrräder für Schüler"}  # stem of "Fahrräder"


@pytest.mark.parametrize("q", ["Fahrräder", "Fahrraeder", "fahrräder", "FAHRRÄDER"])
def test_umlauts_in_either_spelling(world, q):
    assert found(q) == {"Fahrräder für Schüler"}


@pytest.mark.parametrize("q", ["Mueller", "Müller", "Schueler"])
def test_umlaut_transcriptions_in_the_text(world, q):
    assert found(q) == {"Fahrräder für Schüler"}


def test_sharp_s_and_ss(world):
    assert found("Grossmann") == found("Großmann") == set()  # the last name is never indexed
    factories.PromiseFactory(title="Straßenfest", municipality=None)
    assert found("Strassenfest") == found("straßenfest") == {"Straßenfest"}


def test_place_names_find_the_promises_there(world):
    assert found("Potsdam") == {"Fahrräder für Schüler"}
    assert found("Coburg") == {"Ein Laptop für das Bewerbungstraining"}
    assert found("Laptop Coburg") == {"Ein Laptop für das Bewerbungstraining"}
    assert found("Laptop Potsdam") == set()  # every word must match


def test_promiser_names(world):
    assert found("Tafel") == {"Ein Laptop für das Bewerbungstraining"}
    assert found("Tafel Süd") == {"Ein Laptop für das Bewerbungstraining"}
    assert found("Anna") == {"Fahrräder für Schüler"}
    assert found("Anna G.") == {"Fahrräder für Schüler"}


def test_words_are_matched_from_their_start(world):
    assert found("Pots") == {"Fahrräder für Schüler"}
    assert found("otsdam") == set()


def test_a_renamed_organisation_is_found_by_its_new_name(world):
    admin = factories.MembershipFactory(
        organisation=world["tafel"], role=Membership.Role.ADMIN
    ).user
    organisation_services.update_organisation(
        organisation=world["tafel"], by=admin, name="Lebensmittelhilfe Nord"
    )
    assert found("Lebensmittelhilfe") == {"Ein Laptop für das Bewerbungstraining"}
    assert found("Tafel") == set()


def test_a_person_who_changes_their_first_name_is_found_by_it(world):
    owner = factories.PromiseFactory(
        title="Nachhilfe", municipality=None, owner=factories.UserFactory(first_name="Bert")
    ).owner
    owner.first_name = "Berta"
    owner.save()
    assert found("Berta") == {"Nachhilfe"}


def test_an_edited_promise_is_found_by_its_new_words(world):
    promise = factories.PromiseFactory(
        title="Tablets", description="neu", condition="wenn jemand hilft", municipality=None
    )
    assert found("Tablets") == {"Tablets"}
    promise.title = "Nähmaschinen"
    promise.save()
    assert found("Nähmaschine") == {"Nähmaschinen"}
    assert found("Tablets") == set()


def test_a_deleted_promise_leaves_the_index(world):
    promise = factories.PromiseFactory(title="Gitarren", municipality=None)
    pk = promise.pk
    assert found("Gitarren") == {"Gitarren"}
    promise.delete()
    assert found("Gitarren") == set()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM promises_promise_fts WHERE rowid = %s", [pk])
            assert cursor.fetchone()[0] == 0


@pytest.mark.parametrize("q", ["' OR 1=1; --", '"', "*", "NEAR(a b)", "&|!():*<>", "und"])
def test_odd_queries_never_break(world, q):
    """Quotes, operators and stop words reach neither FTS5's nor PostgreSQL's query syntax."""
    result = found(q)
    assert result <= {
        "Ein Laptop für das Bewerbungstraining",
        "Fahrräder für Schüler",
        "Sprachcafé",
    }


def test_query_words_are_stems_of_letters_and_digits_only():
    assert search.query_words('"Laptops" OR Fahrräder*') == ["laptop", "or", "fahrrad"]
    assert search.query_words("") == []
    assert len(search.query_words(" ".join(f"w{i}" for i in range(20)))) == search.MAX_QUERY_WORDS


def test_the_list_page_and_the_api_search_alike(client, world):
    page = client.get(reverse("promises:list"), {"q": "Potsdam"})
    api = client.get("/api/v1/promises", {"q": "Potsdam"})
    assert [p.title for p in page.context["page_obj"]] == ["Fahrräder für Schüler"]
    assert [item["title"] for item in api.json()["items"]] == ["Fahrräder für Schüler"]


def test_reindex_repairs_a_lost_index(world):
    from handschlag.promises.models import Promise

    Promise.objects.update(search_text="")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM promises_promise_fts")
    else:
        Promise.objects.update(search_vector=None)
    assert found("Potsdam") == set()
    assert search.reindex(Promise.objects.all()) == 3
    assert found("Potsdam") == {"Fahrräder für Schüler"}


def test_both_ways_of_paging_a_search_give_the_same_page(world, monkeypatch):
    """SQLite pages a common word by walking the newest-first index, a rare one from its
    matches (search.FtsMatch); the page and the count are the same either way."""
    for i in range(30):
        factories.PromiseFactory(title=f"Laptop Nummer {i}", municipality=None)

    def page_and_count():
        promises = selectors.promise_list(filters=PromiseFilters(q="Laptop"))
        return [p.pk for p in promises[:20]], promises.count()

    monkeypatch.setattr(search, "COMMON", 10**9)
    from_matches = page_and_count()
    monkeypatch.setattr(search, "COMMON", 0)
    with CaptureQueriesContext(connection) as queries:
        from_index = page_and_count()
    assert from_matches == from_index and from_matches[1] == 31
    if connection.vendor == "sqlite":
        page_sql, count_sql = (q["sql"] for q in queries.captured_queries if "LIMIT" in q["sql"]
                               or "COUNT(*) AS" in q["sql"])  # fmt: skip
        assert '+"promises_promise"."id" IN' in page_sql
        assert '+"promises_promise"' not in count_sql


def test_a_renamed_town_is_found_by_its_new_name(world):
    """Renamed in the admin (a save) or by the open-data import (bulk updates, no save)."""
    from handschlag.places.importer import MunicipalityRow, upsert_municipalities
    from handschlag.places.models import Municipality

    coburg = Municipality.objects.get(slug="coburg")
    coburg.name = "Coburg (Vestestadt)"
    coburg.save()
    assert found("Vestestadt") == {"Ein Laptop für das Bewerbungstraining"}
    potsdam = Municipality.objects.get(slug="potsdam")
    row = MunicipalityRow(potsdam.ags, "Potsdam, Landeshauptstadt", 0, 52.4, 13.06)
    upsert_municipalities([row])
    assert found("Landeshauptstadt") == {"Fahrräder für Schüler"}
