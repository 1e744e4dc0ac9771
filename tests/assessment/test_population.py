"""The town's population, given by its administration where the comparison needs it: the
service's rule (admins of the town's verified municipality organisation, nobody else), its
refusals leave everything as it was, the inline forms on the start of a round and the
results, and the page to change it later."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from handschlag.assessment.population import POPULATION_SET, set_population
from handschlag.audit.models import AuditEntry
from handschlag.core.errors import DomainError
from handschlag.places.importer import MunicipalityRow, upsert_municipalities
from tests import factories as base

from .results_helpers import close

STAND = datetime.date(2025, 12, 31)


@pytest.fixture
def unknown(world):
    """The round's town as the boundary file brings it: population unknown."""
    town = world.municipality
    town.population = 0
    town.save()
    return town


def _unchanged(town):
    town.refresh_from_db()
    return (
        town.population == 0
        and town.population_as_of is None
        and not (AuditEntry.objects.filter(verb=POPULATION_SET).exists())
    )


def test_an_admin_of_the_town_gives_its_population_with_its_date(world, unknown):
    set_population(municipality=unknown, by=world.admin, population=18_250, as_of=STAND)
    unknown.refresh_from_db()
    assert (unknown.population, unknown.population_as_of) == (18_250, STAND)
    entry = AuditEntry.objects.get(verb=POPULATION_SET)
    assert entry.actor == world.admin and entry.object_id == unknown.pk
    assert entry.details == {
        "old_population": 0, "old_as_of": None, "population": 18_250, "as_of": "2025-12-31",
    }  # fmt: skip


OTHERS = ["member", "colleague", "partner", "other_admin", "moderator", "stranger"]


@pytest.mark.parametrize("role", OTHERS)
def test_nobody_else_may_change_it(world, unknown, role):
    with pytest.raises(PermissionDenied):
        set_population(
            municipality=unknown, by=getattr(world, role), population=18_250, as_of=STAND
        )
    assert _unchanged(unknown)


def test_an_admin_of_an_unverified_municipality_organisation_may_not(world, unknown):
    hopeful = base.OrganisationFactory(kind="municipality", is_verified=False, municipality=unknown)
    admin = base.MembershipFactory(organisation=hopeful, role="admin").user
    with pytest.raises(PermissionDenied):
        set_population(municipality=unknown, by=admin, population=18_250, as_of=STAND)
    assert _unchanged(unknown)


@pytest.mark.parametrize(
    ("population", "as_of", "code"),
    [
        (0, STAND, "population"),
        (10_000_001, STAND, "population"),
        (18_250, timezone.localdate() + datetime.timedelta(days=1), "as_of"),
        (18_250, datetime.date(1989, 12, 31), "as_of"),
    ],
)
def test_implausible_figures_are_refused(world, unknown, population, as_of, code):
    with pytest.raises(DomainError) as refused:
        set_population(municipality=unknown, by=world.admin, population=population, as_of=as_of)
    assert refused.value.code == code
    assert _unchanged(unknown)


def test_the_start_of_a_round_asks_for_it_and_says_why(client, world, unknown):
    close(world.assessment)  # no round running: a new one can begin
    client.force_login(world.admin)
    url = reverse("assessment:start", args=[world.organisation.slug])
    html = client.get(url).content.decode()
    assert "Vorab: die Einwohnerzahl Ihrer Kommune" in html
    assert "In den amtlichen Gebietsdaten" in html
    assert reverse("assessment:population", args=[unknown.slug]) in html

    response = client.post(
        reverse("assessment:population", args=[unknown.slug]),
        {"next": url, "einwohner-population": "18250", "einwohner-as_of": "2025-12-31"},
    )
    assert response.status_code == 302 and response["Location"] == url
    unknown.refresh_from_db()
    assert (unknown.population, unknown.population_as_of) == (18_250, STAND)
    assert "Vorab: die Einwohnerzahl" not in client.get(url).content.decode()


def test_the_results_comparison_asks_the_coordination_for_it(client, world, unknown):
    close(world.assessment)
    results = reverse("assessment:results", args=[world.assessment.pk])
    client.force_login(world.member)  # reads the results, does not speak for the town
    assert "Dafür fehlt noch die Einwohnerzahl" not in client.get(results).content.decode()

    client.force_login(world.admin)
    html = client.get(results).content.decode()
    assert "Dafür fehlt noch die Einwohnerzahl" in html
    assert f'name="next" value="{results}#peers-heading"' in html
    response = client.post(
        reverse("assessment:population", args=[unknown.slug]),
        {"next": f"{results}#peers-heading", "einwohner-population": "18250",
         "einwohner-as_of": "2025-12-31"},
    )  # fmt: skip
    assert response["Location"] == f"{results}#peers-heading"
    html = client.get(results).content.decode()
    assert "Verglichen wird nach der Einwohnerzahl: 18.250 (Stand 31.12.2025)." in html
    assert "Einwohnerzahl ändern" in html
    peers = client.get(reverse("assessment:peers", args=[world.assessment.pk])).content.decode()
    assert "ist keine Einwohnerzahl hinterlegt" not in peers


def test_the_comparison_page_asks_for_it_too(client, world, unknown):
    close(world.assessment)
    client.force_login(world.admin)
    html = client.get(reverse("assessment:peers", args=[world.assessment.pk])).content.decode()
    assert "ist keine Einwohnerzahl hinterlegt" in html and "Einwohnerzahl eintragen" in html


def test_it_can_be_changed_later_on_its_own_page(client, world):
    town = world.municipality
    set_population(municipality=town, by=world.admin, population=23_000, as_of=STAND)
    client.force_login(world.admin)
    url = reverse("assessment:population", args=[town.slug])
    html = client.get(url).content.decode()
    assert "Hinterlegt: 23.000 Einwohner:innen (Stand 31.12.2025)." in html
    assert 'value="23000"' in html and 'value="2025-12-31"' in html
    response = client.post(url, {"einwohner-population": "23400", "einwohner-as_of": "2026-06-30"})
    assert response["Location"] == reverse("assessment:index")  # no page to go back to
    town.refresh_from_db()
    assert (town.population, town.population_as_of) == (23_400, datetime.date(2026, 6, 30))
    assert AuditEntry.objects.filter(verb=POPULATION_SET).count() == 2
    assert "(Stand 30.06.2026)" in client.get(town.get_absolute_url()).content.decode()


def test_a_bad_form_says_what_is_wrong_and_changes_nothing(client, world, unknown):
    client.force_login(world.admin)
    response = client.post(
        reverse("assessment:population", args=[unknown.slug]),
        {"einwohner-population": "0", "einwohner-as_of": "2999-01-01"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Bitte prüfen Sie Ihre Eingaben." in html
    assert "größer oder gleich 1" in html
    response = client.post(
        reverse("assessment:population", args=[unknown.slug]),
        {"einwohner-population": "500", "einwohner-as_of": "2999-01-01"},
    )
    assert "Der Stand kann nicht in der Zukunft liegen." in response.content.decode()
    assert _unchanged(unknown)


def test_a_link_elsewhere_is_not_followed_after_saving(client, world, unknown):
    client.force_login(world.admin)
    response = client.post(
        reverse("assessment:population", args=[unknown.slug]),
        {"next": "https://evil.example/", "einwohner-population": "5",
         "einwohner-as_of": "2025-12-31"},
    )  # fmt: skip
    assert response["Location"] == reverse("assessment:index")


@pytest.mark.parametrize("role", ["member", "partner", "other_admin", "moderator", "stranger"])
def test_the_page_refuses_everyone_but_the_towns_admins(client, world, unknown, role):
    client.force_login(getattr(world, role))
    url = reverse("assessment:population", args=[unknown.slug])
    assert client.get(url).status_code == 403
    response = client.post(url, {"einwohner-population": "5", "einwohner-as_of": "2025-12-31"})
    assert response.status_code == 403
    assert _unchanged(unknown)


def test_anonymous_visitors_are_sent_to_the_login_and_unknown_towns_are_404(client, world):
    url = reverse("assessment:population", args=[world.municipality.slug])
    assert client.get(url)["Location"].startswith(reverse("account_login"))
    client.force_login(world.admin)
    missing = reverse("assessment:population", args=["gibt-es-nicht"])
    assert client.get(missing).status_code == 404


def test_an_imported_number_replaces_the_date_it_does_not_have(world):
    town = world.municipality
    set_population(municipality=town, by=world.admin, population=23_000, as_of=STAND)
    row = MunicipalityRow(town.ags, town.name, 0, town.latitude, town.longitude)
    upsert_municipalities([row])  # the boundary file: no number, keeps ours
    town.refresh_from_db()
    assert (town.population, town.population_as_of) == (23_000, STAND)
    upsert_municipalities([row._replace(population=24_100)])
    town.refresh_from_db()
    assert (town.population, town.population_as_of) == (24_100, None)
