"""Read side of keeping offers current."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Portal, ReaderReport


def open_reports(portal: Portal) -> QuerySet[ReaderReport]:
    return (
        ReaderReport.objects.filter(offer__portal=portal, handled_at__isnull=True)
        .select_related("offer")
        .order_by("-created_at")
    )


def open_reports_count(portal: Portal) -> int:
    """For the editor home: readers' reports not yet marked done."""
    return ReaderReport.objects.filter(offer__portal=portal, handled_at__isnull=True).count()
