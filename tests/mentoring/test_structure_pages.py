"""What the structure pages say: empty states that say how to begin, the way there from the
coordination pages, removing that says beforehand whether it deletes or deactivates, refusals
shown on the form with nothing changed, and lists in a constant number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from handschlag.mentoring import access
from handschlag.mentoring.models import Programme, Site
from handschlag.organisations.models import Membership
from tests import factories as base

from . import factories

pytestmark = pytest.mark.django_db


def _page(client, user, name, *args):
    client.force_login(user)
    response = client.get(reverse(f"mentoring:{name}", args=args))
    assert response.status_code == 200
    return response.content.decode()


def test_a_programme_without_carriers_says_how_to_begin(client, world):
    html = _page(client, world.staff, "structure_programme", world.programme.slug)
    assert "So beginnen Sie" not in html and world.carrier.organisation.name in html
    new = factories.ProgrammeFactory()
    staff = factories.coordinator(access.PROGRAMME_STAFF, new)
    html = _page(client, staff, "structure_programme", new.slug)
    assert "So beginnen Sie" in html
    assert reverse("mentoring:carrier_add", args=[new.slug]) in html


def test_a_carrier_without_sites_says_how_to_begin(client, world):
    html = _page(client, world.staff, "structure_carrier", world.other_carrier.pk)
    assert "Patenschaften Musterstadt" in html  # its one site
    empty = factories.CarrierFactory(programme=world.programme)
    html = _page(client, world.staff, "structure_carrier", empty.pk)
    assert "noch keine Standorte" in html and "So beginnen Sie" in html


def test_the_coordination_pages_lead_to_the_structure(client, world):
    html = _page(client, world.staff, "coordination")
    assert reverse("mentoring:structure_programme", args=[world.programme.slug]) in html
    assert reverse("mentoring:structure_carrier", args=[world.carrier.pk]) in html
    html = _page(client, world.carrier_coordinator, "coordination")
    assert reverse("mentoring:structure_carrier", args=[world.carrier.pk]) in html
    assert reverse("mentoring:structure_programme", args=[world.programme.slug]) not in html
    admin = base.MembershipFactory(
        organisation=world.other_carrier.organisation, role=Membership.Role.ADMIN
    ).user
    html = _page(client, admin, "coordination")
    assert reverse("mentoring:structure_carrier", args=[world.other_carrier.pk]) in html
    # the public programme page, for its staff
    html = _page(client, world.staff, "programme", world.programme.slug)
    assert reverse("mentoring:structure_programme", args=[world.programme.slug]) in html
    html = _page(client, world.site_coordinator, "programme", world.programme.slug)
    assert reverse("mentoring:structure_programme", args=[world.programme.slug]) not in html


def test_the_site_page_offers_editing_to_the_carrier_only(client, world):
    edit = reverse("mentoring:site_details", args=[world.site.slug])
    assert edit in _page(client, world.carrier_coordinator, "site", world.site.slug)
    assert edit not in _page(client, world.site_coordinator, "site", world.site.slug)


def test_removing_says_first_what_will_happen(client, world):
    html = _page(client, world.carrier_coordinator, "site_remove", world.site.slug)
    assert "nicht gelöscht, sondern deaktiviert" in html and "Ja, deaktivieren" in html
    html = _page(client, world.carrier_coordinator, "site_remove", world.sister_site.slug)
    assert "wird gelöscht" in html and "Ja, löschen" in html
    assert Site.objects.filter(pk__in=[world.site.pk, world.sister_site.pk]).count() == 2


def test_a_deactivated_site_says_so_and_offers_to_come_back(client, world):
    client.force_login(world.carrier_coordinator)
    response = client.post(reverse("mentoring:site_remove", args=[world.site.slug]))
    assert response.status_code == 302
    html = _page(client, world.carrier_coordinator, "structure_carrier", world.carrier.pk)
    assert "deaktiviert" in html
    assert reverse("mentoring:site_reactivate", args=[world.site.slug]) in html
    html = _page(client, world.site_coordinator, "site", world.site.slug)
    assert "Dieser Standort ist deaktiviert" in html
    assert "Öffentliche Seite des Standorts" not in html


def test_a_refused_kind_shows_on_the_form_and_changes_nothing(client, world):
    client.force_login(world.staff)
    before = Programme.objects.filter(pk=world.programme.pk).values().get()
    response = client.post(
        reverse("mentoring:programme_edit", args=[world.programme.slug]),
        {
            "name": "Anders",
            "starts_on": "2016-01-01",
            "kinds": ["job"],
            "inactivity_weeks": "6",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "errorlist" in html and "Alltagsbegleitung" in html
    assert Programme.objects.filter(pk=world.programme.pk).values().get() == before


def test_an_unknown_town_is_refused_on_the_site_form(client, world):
    client.force_login(world.carrier_coordinator)
    count = Site.objects.count()
    response = client.post(
        reverse("mentoring:site_add", args=[world.carrier.pk]),
        {"name": "Paten", "municipality": "Atlantis", "response_days": "14"},
    )
    assert response.status_code == 200
    assert "Diesen Ort kennen wir nicht" in response.content.decode()
    assert Site.objects.count() == count


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_structure_lists_run_a_constant_number_of_queries(client, world):
    client.force_login(world.staff)
    programme_url = reverse("mentoring:structure_programme", args=[world.programme.slug])
    carrier_url = reverse("mentoring:structure_carrier", args=[world.carrier.pk])
    few = (_queries(client, programme_url), _queries(client, carrier_url))
    for _ in range(4):
        carrier = factories.CarrierFactory(programme=world.programme)
        factories.SiteFactory(carrier=carrier)
        site = factories.SiteFactory(carrier=world.carrier)
        factories.TandemFactory(site=site)
    assert (_queries(client, programme_url), _queries(client, carrier_url)) == few
