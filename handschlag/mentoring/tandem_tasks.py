"""The tandems part's daily work (run by `manage.py process_mentoring`): the monthly
check-in invitations, the look-out for tandems without contact, and the retention of tandem
notes. Each step is idempotent: running the day twice sends and changes nothing more."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django_tasks import task

from . import checkins, privacy


def process(today: datetime.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    return {
        "checkins_asked": checkins.send_checkin_invitations(today),
        "inactive_told": checkins.notify_inactive_tandems(today),
        "notes_purged": privacy.purge(timezone.now()),
    }


@task()
def process_tandems() -> dict[str, int]:
    return process()
