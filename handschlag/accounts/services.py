"""Writes about a person's own account: profile, export of all their data, and deletion.

Export and deletion ask every app through the personal-data registry (personal_data.py), so an
app that keeps data about people plugs in there instead of being wired in here. Deletion
anonymises instead of removing the row: promises, redemptions and posts are part of other
people's history (and PROTECT the user), so they stay, attached to a nameless, inactive account.
"""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied
from django.db import transaction

from handschlag.audit.models import AuditEntry
from handschlag.core.models import StateChange

from .models import User
from .personal_data import personal_data

PROFILE_FIELDS = ("first_name", "last_name", "municipality", "preferred_language")


@transaction.atomic
def update_profile(*, user: User, by: User, **changes: Any) -> User:
    """A person changes what they may change about themselves (the email goes through allauth)."""
    if not (by.is_authenticated and by.pk == user.pk and by.is_active):
        raise PermissionDenied
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"not a profile field: {sorted(unknown)}")
    user = User.objects.select_for_update().get(pk=user.pk)
    for field, value in changes.items():
        setattr(user, field, value.strip() if isinstance(value, str) else value)
    user.save(update_fields=[*changes])
    return user


def _profile(user: User) -> dict[str, Any]:
    return {
        "id": user.pk,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "public_name": user.public_name,
        "municipality": str(user.municipality) if user.municipality else None,
        "preferred_language": user.preferred_language,
        "is_moderator": user.is_moderator,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user)
        ],
    }


def _records(user: User) -> dict[str, Any]:
    """What the person did that was recorded: state changes and audit log entries."""
    return {
        "state_changes": [
            {
                "object": f"{c.content_type.app_label}.{c.content_type.model} #{c.object_id}",
                "from": c.from_state,
                "to": c.to_state,
                "comment": c.comment,
                "at": c.at,
            }
            for c in StateChange.objects.filter(by=user).select_related("content_type")
        ],
        "audit_log": [
            {"verb": e.verb, "object": e.target_label, "comment": e.comment, "at": e.at}
            for e in AuditEntry.objects.filter(actor=user)
        ],
    }


def export_user_data(*, user: User) -> dict[str, Any]:
    """Everything stored about `user` (GDPR Art. 15/20), as a JSON-ready dict: the profile,
    the records of what they did, then one section per registered app.

    Dates stay Python objects; serialise with DjangoJSONEncoder.
    """
    data = {"profile": _profile(user), **_records(user)}
    for handler in personal_data:
        data[handler.key] = handler.export(user)
    return data


def _anonymise(user: User) -> None:
    user.email = f"deleted-{user.pk}@invalid.example"
    user.first_name = user.last_name = ""
    user.municipality = None
    user.is_active = user.is_staff = user.is_superuser = user.is_moderator = False
    user.set_unusable_password()  # also ends every other session of this account
    user.save()
    EmailAddress.objects.filter(user=user).delete()
    user.groups.clear()
    user.user_permissions.clear()


@transaction.atomic
def delete_account(*, user: User) -> User:
    """Erase what every app keeps about the person, through the apps' own services, then
    anonymise the account row; the caller logs out."""
    user = User.objects.select_for_update().get(pk=user.pk)
    for handler in reversed(list(personal_data)):
        if handler.erase is not None:
            handler.erase(user)
    _anonymise(user)
    return user
