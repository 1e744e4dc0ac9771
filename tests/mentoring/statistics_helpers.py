"""Building blocks for the statistics tests: tandems with given dates and ends, survey answers."""

from __future__ import annotations

import datetime

from handschlag.mentoring import statistics_figures
from handschlag.mentoring.models import Site, SurveyResponse, Tandem
from handschlag.mentoring.surveys import HELPS_KEYS

from . import factories


def tandems(
    site: Site,
    n: int,
    *,
    started_on: datetime.date | None,
    state: str = Tandem.State.ACTIVE,
    ended_on: datetime.date | None = None,
    end_reason: str = "",
) -> list[Tandem]:
    """`n` tandems at `site` (each with its own mentor and mentee)."""
    return factories.TandemFactory.create_batch(
        n,
        site=site,
        started_on=started_on,
        state=state,
        ended_on=ended_on,
        end_reason=end_reason,
    )


def ended(
    site: Site, n: int, reason: str, *, started_on: datetime.date, ended_on: datetime.date
) -> list[Tandem]:
    return tandems(
        site, n, started_on=started_on, state=Tandem.State.ENDED, ended_on=ended_on,
        end_reason=reason,
    )  # fmt: skip


def answers(site: Site, side: str, helps: list[int], key: str | None = None) -> None:
    """Anonymous survey answers of one side at `site`, one per value of `helps` (1–5) to the
    side's "does the tandem help" question (surveys.HELPS_KEYS) unless `key` names another."""
    key = key or HELPS_KEYS[side]
    SurveyResponse.objects.bulk_create(
        SurveyResponse(
            site=site,
            side=side,
            phase="end",
            kind="everyday",
            language="de",
            month=datetime.date(2026, 1, 1),
            version="1",
            answers={key: value, "comment": "Sehr gut"},
        )
        for value in helps
    )
    statistics_figures.site_changed(site.pk)  # a bulk write sends no signal
