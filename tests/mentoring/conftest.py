"""The cast of mentoring tests: one programme with two carriers; the first carrier has two
sites, the second one. Each role of the access matrix is one fixture."""

from types import SimpleNamespace

import pytest

from handschlag.mentoring import access
from tests import factories as base

from . import factories


@pytest.fixture
def world(db):
    programme = factories.ProgrammeFactory()
    carrier = factories.CarrierFactory(programme=programme)
    other_carrier = factories.CarrierFactory(programme=programme)
    site = factories.SiteFactory(carrier=carrier)
    sister_site = factories.SiteFactory(carrier=carrier)
    other_site = factories.SiteFactory(carrier=other_carrier)
    mentor = factories.MentorFactory(site=site)
    mentee = factories.MenteeFactory(site=site, user=base.UserFactory())
    return SimpleNamespace(
        programme=programme,
        carrier=carrier,
        other_carrier=other_carrier,
        site=site,
        sister_site=sister_site,
        other_site=other_site,
        mentor=mentor,
        mentee=mentee,
        staff=factories.coordinator(access.PROGRAMME_STAFF, programme),
        carrier_coordinator=factories.coordinator(access.CARRIER_COORDINATOR, carrier),
        site_coordinator=factories.coordinator(access.SITE_COORDINATOR, site),
        other_site_coordinator=factories.coordinator(access.SITE_COORDINATOR, other_site),
        stranger=base.UserFactory(),
    )


@pytest.fixture
def figures_at_once(db, monkeypatch):
    """The statistics' summary tables recomputed at each write, not after the commit: a test
    runs in one transaction that never commits (statistics_figures.py)."""
    from handschlag.mentoring import statistics_figures

    monkeypatch.setattr(statistics_figures, "_after_commit", statistics_figures._flush)
    statistics_figures._flush()
