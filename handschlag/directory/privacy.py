"""The portal's part of a person's data export and account deletion, and its retention.

An account's traces in the portal are the translations it made or reviewed and the offers it
confirmed. They belong to the town's portal and stay when the person goes; only the link to the
person is cleared. Readers' reports are anonymous but may carry a note: handled ones are kept a
year, then removed; "Ist das noch richtig?" requests hold a contact's address: answered or
expired ones are removed after a year too.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Q

from .models import Offer, OfferCheck, ReaderReport, Translation

if TYPE_CHECKING:
    from handschlag.accounts.models import User

RETENTION = datetime.timedelta(days=365)


def export(user: User) -> dict[str, Any]:
    translations = Translation.objects.filter(Q(translated_by=user) | Q(reviewed_by=user))
    return {
        "translations": [
            {
                "field": row.field,
                "language": row.language,
                "text": row.text,
                "translated": row.translated_by_id == user.pk,
                "reviewed": row.reviewed_by_id == user.pk,
                "updated_at": row.updated_at,
            }
            for row in translations.order_by("pk")
        ],
        "offers_checked": list(
            Offer.objects.filter(last_checked_by=user).values("name", "last_checked_at")
        ),
    }


@transaction.atomic
def erase(user: User) -> None:
    Translation.objects.filter(translated_by=user).update(translated_by=None)
    Translation.objects.filter(reviewed_by=user).update(reviewed_by=None)
    Offer.objects.filter(last_checked_by=user).update(last_checked_by=None)
    ReaderReport.objects.filter(handled_by=user).update(handled_by=None)


def purge(now: datetime.datetime) -> int:
    cutoff = now - RETENTION
    reports, _ = ReaderReport.objects.filter(handled_at__lt=cutoff).delete()
    checks, _ = OfferCheck.objects.filter(
        Q(answered_at__lt=cutoff) | Q(answered_at__isnull=True, expires_at__lt=cutoff)
    ).delete()
    return reports + checks
