"""Writes on the secret address of a person's own calendar feed (CalendarToken)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from handschlag.audit.services import record

from .models import CalendarToken, new_token

RENEWED = "events.calendar_feed_renewed"
REVOKED = "events.calendar_feed_revoked"


@transaction.atomic
def renew(*, user: Any) -> CalendarToken:
    """A new secret address for `user`'s feed (made if there was none); the old one stops
    working at once."""
    token, created = CalendarToken.objects.select_for_update().get_or_create(user=user)
    if not created:
        token.token = new_token()
        token.save(update_fields=["token", "updated_at"])
    record(actor=user, verb=RENEWED, target=token)
    return token


@transaction.atomic
def revoke(*, user: Any) -> None:
    """No feed address any more; every subscription to the old one gets 404."""
    token = CalendarToken.objects.select_for_update().filter(user=user).first()
    if token is not None:
        record(actor=user, verb=REVOKED, target=token)
        token.delete()
