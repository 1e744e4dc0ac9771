"""The statistics API: aggregates only, the same scopes as the pages, the rule of five."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from handschlag.mentoring.models import Tandem

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
MATRIX = {
    "programme": [200, 403, 403, 403, 403, 403, 401],
    "carrier": [200, 200, 403, 403, 403, 403, 401],
    "other_carrier": [200, 403, 403, 403, 403, 403, 401],
    "site": [200, 200, 200, 403, 403, 403, 401],
    "sister_site": [200, 200, 403, 403, 403, 403, 401],
}
CASES = [
    (name, role, code)
    for name, row in MATRIX.items()
    for role, code in zip(ROLES, row, strict=True)
]


def person(world, role):
    return {
        "anonymous": None,
        "mentor": world.mentor.user,
        "mentee": world.mentee.user,
    }.get(role, getattr(world, role, None))


def url(world, name):
    base = "/api/v1/mentoring"
    return {
        "programme": f"{base}/programmes/{world.programme.slug}/statistics",
        "carrier": f"{base}/carriers/{world.carrier.pk}/statistics",
        "other_carrier": f"{base}/carriers/{world.other_carrier.pk}/statistics",
        "site": f"{base}/sites/{world.site.slug}/statistics",
        "sister_site": f"{base}/sites/{world.sister_site.slug}/statistics",
    }[name]


@pytest.mark.parametrize(("name", "role", "status"), CASES)
def test_access_matrix(client, world, name, role, status):
    user = person(world, role)
    if user is not None:
        client.force_login(user)
    response = client.get(url(world, name))
    assert response.status_code == status
    if status == 200:
        assert response.json()["scope"]["kind"] == name.removeprefix("other_").removeprefix(
            "sister_"
        )


@pytest.mark.parametrize(
    "path",
    ["/programmes/nix/statistics", "/carriers/999999/statistics", "/sites/nix/statistics"],
)
def test_unknown_scopes_are_404(client, world, path):
    client.force_login(world.staff)
    assert client.get("/api/v1/mentoring" + path).status_code == 404


def test_the_site_figures_hide_small_numbers_and_name_no_person(client, world):
    today = datetime.date.today()
    tandems(world.site, 2, started_on=today)
    start = datetime.date(2024, 1, 1)
    ended(
        world.site, 6, Tandem.EndReason.MOVED, started_on=start, ended_on=datetime.date(2024, 7, 1)
    )
    ended(
        world.site,
        1,
        Tandem.EndReason.CONFLICT,
        started_on=start,
        ended_on=datetime.date(2024, 7, 1),
    )
    answers(world.site, "mentee", [5, 4, 4, 1, 5])
    client.force_login(world.site_coordinator)
    body = client.get(url(world, "site")).json()
    assert body["scope"] == {
        "kind": "site",
        "id": world.site.pk,
        "slug": world.site.slug,
        "name": world.site.name,
        "programme": world.programme.slug,
    }
    assert body["set_up_total"] == 9 and body["active"] == 2
    assert body["set_up_last_12_months"][-1] == {"month": f"{today:%Y-%m}", "set_up": 2}
    reasons = {r["reason"]: r for r in body["ended_by_reason"]}
    assert reasons["conflict"]["value"] is None and reasons["conflict"]["hidden"] == "small"
    assert reasons["moved"]["value"] is None and reasons["moved"]["hidden"] == "covered"
    assert reasons["time"]["value"] == 0
    assert body["ended"] == {"value": 7, "hidden": None}
    assert body["average_duration_months"] == 6.0
    shares = {s["side"]: s for s in body["survey"]}
    assert shares["mentee"] == {"side": "mentee", "responses": 5, "percent_helps": 80.0}
    assert body["waiting_mentees"] == 1 + 7  # world's mentee and the ended tandems' mentees
    text = str(body)
    for tandem in Tandem.objects.all():
        assert tandem.mentee.first_name not in text
        assert tandem.mentor.user.email not in text


def test_the_programme_answer_has_a_row_per_carrier(client, world):
    client.force_login(world.staff)
    body = client.get(url(world, "programme")).json()
    assert [(row["kind"], row["id"]) for row in body["rows"]] == sorted(
        [("carrier", world.carrier.pk), ("carrier", world.other_carrier.pk)],
        key=lambda kind_id: str(
            world.carrier if kind_id[1] == world.carrier.pk else world.other_carrier
        ),
    )
    assert {row["sites"] for row in body["rows"]} == {1, 2}


def test_the_answer_takes_the_same_queries_however_many_tandems(client, world):
    client.force_login(world.staff)
    client.get(url(world, "programme"))

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url(world, "programme")).status_code == 200
        return len(captured)

    before = count()
    for site in (world.site, world.other_site):
        tandems(site, 5, started_on=datetime.date(2025, 1, 1))
    assert count() == before <= 10
