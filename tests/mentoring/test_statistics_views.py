"""The statistics pages: who may open which dashboard and report (role × URL), what a dashboard
says, and that it runs at most 10 queries whatever the number of tandems and sites."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from handschlag.audit.models import AuditEntry
from handschlag.mentoring.models import Tandem

from . import factories
from .statistics_helpers import answers, ended, tandems

pytestmark = pytest.mark.usefixtures("figures_at_once")

ROLES = [
    "staff",
    "carrier_coordinator",
    "site_coordinator",
    "other_site_coordinator",
    "mentor",
    "mentee",
    "anonymous",
]
YEAR = timezone.localdate().year


def person(world, role):
    if role == "anonymous":
        return None
    if role == "mentor":
        return world.mentor.user
    if role == "mentee":
        return world.mentee.user
    return getattr(world, role)


def url_of(world, name):
    return {
        "index": reverse("mentoring:statistics"),
        "programme": reverse("mentoring:statistics_programme", args=[world.programme.slug]),
        "carrier": reverse("mentoring:statistics_carrier", args=[world.carrier.pk]),
        "other_carrier": reverse("mentoring:statistics_carrier", args=[world.other_carrier.pk]),
        "site": reverse("mentoring:statistics_site", args=[world.site.slug]),
        "sister_site": reverse("mentoring:statistics_site", args=[world.sister_site.slug]),
        "report_programme": reverse(
            "mentoring:report_programme", args=[world.programme.slug, YEAR, "xlsx"]
        ),
        "report_carrier": reverse("mentoring:report_carrier", args=[world.carrier.pk, YEAR, "csv"]),
        "report_site": reverse("mentoring:report_site", args=[world.site.slug, YEAR, "csv"]),
    }[name]


# status per role, in the order of ROLES; anonymous people are sent to the login
MATRIX = {
    "index": [200, 200, 200, 200, 403, 403, 302],
    "programme": [200, 403, 403, 403, 403, 403, 302],
    "carrier": [200, 200, 403, 403, 403, 403, 302],
    "other_carrier": [200, 403, 403, 403, 403, 403, 302],
    "site": [200, 200, 200, 403, 403, 403, 302],
    "sister_site": [200, 200, 403, 403, 403, 403, 302],
    "report_programme": [200, 403, 403, 403, 403, 403, 302],
    "report_carrier": [200, 200, 403, 403, 403, 403, 302],
    "report_site": [200, 200, 200, 403, 403, 403, 302],
}
CASES = [
    (name, role, status)
    for name, row in MATRIX.items()
    for role, status in zip(ROLES, row, strict=True)
]


@pytest.mark.parametrize(("name", "role", "status"), CASES)
def test_access_matrix(client, world, name, role, status):
    user = person(world, role)
    if user is not None:
        client.force_login(user)
    entries = AuditEntry.objects.count()
    response = client.get(url_of(world, name))
    assert response.status_code == status
    if status == 302:
        assert reverse("account_login") in response["Location"]
    exported = name.startswith("report") and status == 200
    # a refused export writes nothing (not even the audit entry of a download)
    assert AuditEntry.objects.count() == entries + (1 if exported else 0)


@pytest.mark.parametrize(
    "url",
    [
        reverse("mentoring:statistics_programme", args=["gibt-es-nicht"]),
        reverse("mentoring:statistics_carrier", args=[999_999]),
        reverse("mentoring:statistics_site", args=["gibt-es-nicht"]),
        reverse("mentoring:report_site", args=["gibt-es-nicht", 2025, "csv"]),
    ],
)
def test_unknown_programmes_carriers_and_sites_are_404(client, world, url):
    client.force_login(world.staff)
    assert client.get(url).status_code == 404


def test_a_report_in_an_unknown_format_or_outside_the_programme_is_404(client, world):
    client.force_login(world.staff)
    slug = world.programme.slug
    for args in ([slug, YEAR, "pdf"], [slug, 2015, "csv"], [slug, YEAR + 1, "csv"]):
        response = client.get(reverse("mentoring:report_programme", args=args))
        assert response.status_code == 404, args
    assert not AuditEntry.objects.filter(verb="mentoring.export_funder_report").exists()


def test_the_site_dashboard_shows_its_figures_in_german(client, world):
    today = timezone.localdate()
    start = today - datetime.timedelta(days=400)
    tandems(world.site, 3, started_on=today)
    ended(
        world.site,
        5,
        Tandem.EndReason.GOAL_REACHED,
        started_on=start,
        ended_on=start + datetime.timedelta(76),
    )
    ended(
        world.site,
        2,
        Tandem.EndReason.CONFLICT,
        started_on=start,
        ended_on=start + datetime.timedelta(76),
    )
    answers(world.site, "mentor", [5, 5, 5, 4, 1])
    client.force_login(world.site_coordinator)
    html = client.get(url_of(world, "site")).content.decode()
    assert "10 Tandems" in html  # set up
    assert "3 Tandems" in html  # running
    assert "2,5 Monate" in html  # 76 days
    assert "weniger als 5" in html  # conflict: 2
    assert "verdeckt" in html  # and the goal reached, else 7 − 5
    assert "80 %" in html  # of the mentors' answers
    assert 'role="img"' in html and "<caption>" in html
    # a site coordinator sees no way up to the carrier's or the programme's figures
    assert url_of(world, "carrier") not in html and url_of(world, "programme") not in html


def test_the_programme_dashboard_links_down_to_each_carrier(client, world):
    client.force_login(world.staff)
    html = client.get(url_of(world, "programme")).content.decode()
    assert url_of(world, "carrier") in html and url_of(world, "other_carrier") in html
    assert url_of(world, "report_programme") in html
    assert "Noch hat kein Tandem begonnen." in html  # an empty chart is a sentence


def test_the_carrier_dashboard_links_down_to_its_sites_and_up_for_staff(client, world):
    client.force_login(world.staff)
    html = client.get(url_of(world, "carrier")).content.decode()
    assert url_of(world, "site") in html and url_of(world, "sister_site") in html
    assert url_of(world, "programme") in html
    client.force_login(world.carrier_coordinator)
    html = client.get(url_of(world, "carrier")).content.decode()
    assert url_of(world, "programme") not in html


def test_the_index_lists_what_a_person_coordinates(client, world):
    client.force_login(world.carrier_coordinator)
    html = client.get(url_of(world, "index")).content.decode()
    assert url_of(world, "carrier") in html
    assert url_of(world, "programme") not in html and url_of(world, "site") not in html


def test_the_report_is_a_download_named_after_programme_and_year(client, world):
    client.force_login(world.carrier_coordinator)
    response = client.get(url_of(world, "report_carrier"))
    organisation = world.carrier.organisation.slug
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="foerderbericht-{world.programme.slug}-{organisation}-{YEAR}.csv"'
    )
    entry = AuditEntry.objects.get(verb="mentoring.export_funder_report")
    assert entry.actor == world.carrier_coordinator and entry.details["year"] == YEAR


def _fill(world, per_site):
    for site in (world.site, world.sister_site, world.other_site):
        tandems(site, per_site, started_on=timezone.localdate() - datetime.timedelta(days=40))
        ended(
            site,
            per_site,
            Tandem.EndReason.MOVED,
            started_on=datetime.date(2024, 1, 1),
            ended_on=datetime.date(2025, 2, 1),
        )
        answers(site, "mentor", [5] * per_site)


@pytest.mark.parametrize("name", ["programme", "carrier", "site", "index"])
def test_a_dashboard_runs_eight_queries_constant_in_tandems_and_sites(
    client, world, django_assert_num_queries, name
):
    """3 for any signed-in page, 2 for the person's scopes, 1 for the programme, carrier or
    site, 2 for the figures (the index: 3 lists instead)."""
    client.force_login(world.staff)
    url = url_of(world, name)
    client.get(url)  # content types and the like, cached per process
    with django_assert_num_queries(8):
        assert client.get(url).status_code == 200
    _fill(world, 6)
    for _ in range(4):
        factories.SiteFactory(carrier=world.carrier)
        factories.CarrierFactory(programme=world.programme)
    with django_assert_num_queries(8):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("name", ["report_programme", "report_carrier", "report_site"])
def test_the_funder_report_runs_a_constant_number_of_queries(
    client, world, django_assert_num_queries, name
):
    """The signed-in page's, the person's scopes, the scope, the sites (not for a site), the
    months, the audit entry: the same with more tandems and sites."""
    client.force_login(world.staff)
    url = url_of(world, name)
    client.get(url)
    queries = 8 if name != "report_site" else 7  # a site's report needs no list of sites
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
    _fill(world, 6)
    for _ in range(3):
        factories.SiteFactory(carrier=world.carrier)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


def test_the_site_page_section_shows_three_numbers_and_the_way_to_the_dashboard(world):
    from django.template.loader import render_to_string

    from handschlag.mentoring.registry import site_sections

    tandems(world.site, 2, started_on=timezone.localdate())
    for user in (world.staff, world.carrier_coordinator, world.site_coordinator):
        shown = dict((s.key, c) for s, c in site_sections.shown(world.site, user))
        assert shown["statistics"]["running"] == "2"
        assert shown["statistics"]["waiting"] == "1"  # the world's mentee
        assert shown["statistics"]["free_places"] == "1"  # the world's mentor
    for user in (world.other_site_coordinator, world.mentor.user, world.stranger):
        assert "statistics" not in [s.key for s, _c in site_sections.shown(world.site, user)]
    section = dict((s.key, c) for s, c in site_sections.shown(world.site, world.staff))
    html = render_to_string(
        "mentoring/statistics/section_site.html", {"section": section["statistics"]}
    )
    assert url_of(world, "site") in html and "wartende Mentees" in html


def test_the_site_page_section_takes_one_query(world, django_assert_num_queries):
    from handschlag.mentoring.kernel.statistics import site_numbers

    site_numbers(world.site, world.staff)  # the person's scopes, read once per request
    with django_assert_num_queries(1):
        site_numbers(world.site, world.staff)


def test_a_persons_scopes_are_read_in_two_queries(world, django_assert_num_queries):
    """The grants with their organisations, then programmes, carriers and sites in one UNION
    (every dashboard, API call and export pays this once per request)."""
    from handschlag.mentoring import access

    access.scopes_of(world.staff)  # content types: cached per process
    for user in (world.staff, world.carrier_coordinator, world.site_coordinator):
        access.forget_scopes(user)
        with django_assert_num_queries(2):
            assert access.scopes_of(user)
    access.forget_scopes(world.stranger)
    with django_assert_num_queries(1):
        assert not access.scopes_of(world.stranger)


def test_scopes_without_sites_still_count(world):
    """A programme without carriers and a carrier without sites are still in the scopes."""
    from handschlag.mentoring import access

    empty_programme = factories.ProgrammeFactory(organisation=world.programme.organisation)
    empty_carrier = factories.CarrierFactory(programme=world.programme)
    staff = factories.coordinator(access.PROGRAMME_STAFF, empty_programme)
    coordinator = factories.coordinator(access.CARRIER_COORDINATOR, empty_carrier)
    assert access.scopes_of(staff) == access.Scopes(programmes=frozenset({empty_programme.pk}))
    assert access.scopes_of(coordinator) == access.Scopes(carriers=frozenset({empty_carrier.pk}))
    assert empty_carrier.pk in access.scopes_of(world.staff).carriers
