"""The library's part of a person's data export and account deletion.

The library keeps who wrote a report or proposed a measure (`created_by`). Both belong to the
town or organisation they were written for, so they stay when the person goes; only the link
to the person is cleared."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from handschlag.core.localized import pick

from .models import Measure, Report

if TYPE_CHECKING:
    from handschlag.accounts.models import User


def export(user: User) -> dict[str, Any]:
    reports = Report.objects.filter(created_by=user).select_related("measure", "municipality")
    proposals = Measure.objects.filter(created_by=user).select_related("organisation")
    return {
        "reports": [
            {
                "measure": pick(report.measure.title, "de"),
                "town": report.municipality.name,
                "note": report.note,
                "url": report.url,
                "post": report.post_id,
                "created_at": report.created_at,
            }
            for report in reports
        ],
        "proposals": [
            {
                "title": measure.title,
                "organisation": measure.organisation.name if measure.organisation else "",
                "state": measure.state,
                "created_at": measure.created_at,
            }
            for measure in proposals
        ],
    }


@transaction.atomic
def erase(user: User) -> None:
    """Forget who wrote: the reports and proposals stay with their town or organisation."""
    Report.objects.filter(created_by=user).update(created_by=None)
    Measure.objects.filter(created_by=user).update(created_by=None)
