"""Moderation's part of a person's data export and account deletion."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .models import AbuseReport

if TYPE_CHECKING:
    from handschlag.accounts.models import User


def export(user: User) -> dict[str, Any]:
    return {
        "abuse_reports": [
            {"reason": a.reason, "message": a.message, "state": a.state, "at": a.created_at}
            for a in AbuseReport.objects.filter(reporter=user)
        ]
    }


def erase(user: User) -> None:
    # The reports stay for the moderators, without the link to who filed them.
    AbuseReport.objects.filter(reporter=user).update(reporter=None)
