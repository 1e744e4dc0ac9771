"""The role × URL matrix of the tandems part: programme staff, carrier coordinator, site
coordinator, other site's coordinator, mentor, mentee, anonymous. Allowed: the page shows, a
write does what it says. Refused: a login redirect or 403, and the database is unchanged."""

import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone

from handschlag.mentoring.models import Mentee, ProblemReport, Tandem

from .tandems_helpers import ROLES, make_tandem, person, snapshot

pytestmark = pytest.mark.django_db

COORDINATORS = {"staff", "carrier_coordinator", "site_coordinator"}
PARTIES = {"mentor", "mentee"}
EVERYONE_INVOLVED = COORDINATORS | PARTIES
POST_ONLY = {"tandem_resume", "problem_handled"}


def _today(world, tandem):
    return {"started_on": timezone.localdate().isoformat()}


def _meeting(world, tandem):
    return {"date": timezone.localdate().isoformat(), "duration_minutes": "60", "kind": "phone"}


# name, the tandem's state, who may, what a successful POST sends (None: GET only)
CASES = [
    ("tandem", "active", EVERYONE_INVOLVED, None),
    ("tandem", "ended", EVERYONE_INVOLVED, None),
    ("tandem_activate", "proposed", COORDINATORS, _today),
    ("tandem_pause", "active", COORDINATORS, lambda w, t: {"comment": "Urlaub"}),
    ("tandem_resume", "paused", COORDINATORS, lambda w, t: {}),
    ("tandem_end", "active", EVERYONE_INVOLVED, lambda w, t: {"reason": "moved"}),
    ("tandem_end", "proposed", COORDINATORS, lambda w, t: {"reason": "not_started"}),
    ("meeting_log", "active", EVERYONE_INVOLVED, _meeting),
    ("meeting_log", "ended", set(), _meeting),
    ("problem_report", "active", PARTIES, lambda w, t: {"text": "Es hakt."}),
    ("problem_handled", "active", COORDINATORS, lambda w, t: {}),
    ("erase_mentee", "active", COORDINATORS, lambda w, t: {}),
]


def _url(name, world, tandem):
    if name == "problem_handled":
        problem = ProblemReport.objects.create(tandem=tandem, side="mentor", text="x")
        return reverse("mentoring:problem_handled", args=[problem.pk])
    if name == "erase_mentee":
        return reverse("mentoring:erase_mentee", args=[world.mentee.pk])
    return reverse(f"mentoring:{name}", args=[tandem.pk])


def _state(tandem):
    return json.dumps(
        [
            snapshot(tandem),
            list(Mentee.objects.values_list("pk", flat=True)),
            list(ProblemReport.objects.values_list("handled_at", "text")),
        ],
        cls=DjangoJSONEncoder,
    )


def _client(client, world, role):
    user = person(world, role)
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "state", "allowed", "data"),
    CASES,
    ids=[f"{name}-{state}" for name, state, _a, _d in CASES],
)
def test_who_may_open_a_page(client, world, role, name, state, allowed, data):
    fields = {"ended_on": timezone.localdate()} if state == "ended" else {}
    tandem = make_tandem(world, state, **fields)
    url = _url(name, world, tandem)
    before = _state(tandem)
    response = _client(client, world, role).get(url)
    if role == "anonymous":
        assert response.status_code == 302 and "/login/" in response["Location"]
    elif name in POST_ONLY:
        assert response.status_code == 405
    else:
        assert response.status_code == (200 if role in allowed else 403)
    assert _state(tandem) == before


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "state", "allowed", "data"),
    [case for case in CASES if case[3] is not None],
    ids=[f"{name}-{state}" for name, state, _a, data in CASES if data is not None],
)
def test_who_may_write(client, world, role, name, state, allowed, data):
    fields = {"ended_on": timezone.localdate()} if state == "ended" else {}
    tandem = make_tandem(world, state, **fields)
    url = _url(name, world, tandem)
    before = _state(tandem)
    response = _client(client, world, role).post(url, data(world, tandem))
    if role in allowed:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert _state(tandem) != before
        return
    if role == "anonymous":
        assert response.status_code == 302 and "/login/" in response["Location"]
    else:
        assert response.status_code == 403
    assert _state(tandem) == before


def test_an_unknown_tandem_is_404(client, world):
    client.force_login(world.site_coordinator)
    assert client.get(reverse("mentoring:tandem", args=[999_999])).status_code == 404
    assert client.post(reverse("mentoring:tandem_end", args=[999_999])).status_code == 404


def test_a_refused_end_shows_the_reason_on_the_form(client, world):
    tandem = make_tandem(world)
    client.force_login(world.site_coordinator)
    before = _state(tandem)
    page = client.post(reverse("mentoring:tandem_end", args=[tandem.pk]), {"reason": "bogus"})
    assert page.status_code == 200 and "errorlist" in page.content.decode()
    assert _state(tandem) == before
    assert Tandem.objects.get(pk=tandem.pk).state == "active"
