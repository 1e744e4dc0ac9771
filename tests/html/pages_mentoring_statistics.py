"""The mentoring statistics pages of the HTML check: the list of dashboards, the dashboards of
a programme, a carrier and a site (filled, with hidden small numbers, and empty).

The demo world has no mentoring programme yet: each page builds a small one with the
factories (the check rolls every page back, so each builds its own)."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from django.urls import reverse
from django.utils import timezone

from handschlag.mentoring import access, statistics_figures
from handschlag.mentoring.models import Programme, Site, Tandem
from tests.mentoring import factories
from tests.mentoring.statistics_helpers import answers, ended, tandems

from .page import Page, in_english
from .world import PageWorld

SLUG = "statistik-seite"
_BUILT: dict[tuple[int, datetime.datetime], SimpleNamespace] = {}


def programme_world() -> SimpleNamespace:
    """A programme with two carriers and three sites, tandems in every state, survey answers;
    built once per page (found again when the URL and the person are asked for)."""
    found = Programme.objects.filter(slug=SLUG).first()
    if found is not None:
        return _BUILT[(found.pk, found.created_at)]
    programme = factories.ProgrammeFactory(slug=SLUG, name="Menschen stärken Menschen")
    carrier = factories.CarrierFactory(programme=programme)
    other = factories.CarrierFactory(programme=programme)
    site = factories.SiteFactory(carrier=carrier, name="Patenschaften Torgau")
    empty = factories.SiteFactory(carrier=carrier, name="Patenschaften Oschatz")
    factories.SiteFactory(carrier=other, name="Patenschaften Sonneberg")
    today = timezone.localdate()
    for months_ago in range(0, 14, 2):
        tandems(
            site, months_ago % 3 + 1, started_on=today - datetime.timedelta(days=30 * months_ago)
        )
    start = datetime.date(2024, 2, 1)
    ended(
        site, 6, Tandem.EndReason.GOAL_REACHED, started_on=start, ended_on=datetime.date(2024, 9, 1)
    )
    ended(site, 2, Tandem.EndReason.CONFLICT, started_on=start, ended_on=datetime.date(2024, 9, 1))
    tandems(site, 1, started_on=start, state=Tandem.State.PAUSED)
    factories.MenteeFactory(site=site)
    answers(site, "mentor", [5, 5, 4, 4, 2, 1])
    answers(site, "mentee", [5, 4, 4])
    # the check's transaction never commits: the summary tables are filled here
    statistics_figures.refresh(programme_sites(programme))
    world = SimpleNamespace(
        programme=programme,
        carrier=carrier,
        site=site,
        empty=empty,
        staff=factories.coordinator(access.PROGRAMME_STAFF, programme),
        site_coordinator=factories.coordinator(access.SITE_COORDINATOR, site),
    )
    _BUILT[(programme.pk, programme.created_at)] = world
    return world


def programme_sites(programme: Programme) -> list[int]:
    return list(Site.objects.filter(carrier__programme=programme).values_list("pk", flat=True))


def _stats(attribute: str):
    return lambda world: getattr(programme_world(), attribute)


def _url(name: str, attribute: str, key: str):
    def build(world: PageWorld) -> str:
        obj = getattr(programme_world(), attribute)
        return reverse(name, args=[getattr(obj, key)])

    return build


MENTORING_STATISTICS_PAGES = [
    Page(
        "mentoring_statistics_index",
        _stats("staff"),
        lambda world: (programme_world(), reverse("mentoring:statistics"))[1],
    ),
    Page(
        "mentoring_statistics_programme",
        _stats("staff"),
        _url("mentoring:statistics_programme", "programme", "slug"),
    ),
    Page(
        "mentoring_statistics_carrier",
        _stats("staff"),
        _url("mentoring:statistics_carrier", "carrier", "pk"),
    ),
    Page(
        "mentoring_statistics_site",
        _stats("site_coordinator"),
        _url("mentoring:statistics_site", "site", "slug"),
    ),
    Page(
        "mentoring_statistics_site_empty",
        _stats("staff"),
        _url("mentoring:statistics_site", "empty", "slug"),
    ),
]
MENTORING_STATISTICS_PAGES += in_english(
    MENTORING_STATISTICS_PAGES, "mentoring_statistics_programme"
)
