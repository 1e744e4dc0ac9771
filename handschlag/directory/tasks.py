"""Background work of the portal (django-tasks; in tests and `make run` it runs at once)."""

from __future__ import annotations

from django_tasks import task


@task()
def machine_translate_portal(portal_id: int) -> int:
    """Fill a portal's missing sections with the configured machine translation (if any)."""
    from .machine import configured_backend, fill_missing, portal_objects
    from .models import Portal

    portal = Portal.objects.filter(pk=portal_id).first()
    if portal is None or configured_backend() is None:
        return 0
    return fill_missing(objects=portal_objects(portal))


@task()
def check_portal_offers() -> list[int]:
    """Daily: "Ist das noch richtig?" mails and flags (idempotent)."""
    from .keeping import run_daily

    return list(run_daily())
