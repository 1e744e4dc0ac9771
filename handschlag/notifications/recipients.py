"""Who receives a notification, resolved by one helper for every app.

A recipient is a person with an account (in-app and email), or an email address without an
account (email only, in the language given), or — expanded when sending — every admin of an
organisation.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Union

from django.conf import settings
from django.db.models import Model

from handschlag.organisations.models import Membership

if TYPE_CHECKING:
    from handschlag.accounts.models import User
    from handschlag.organisations.models import Organisation


@dataclass(frozen=True)
class Recipient:
    user: User | None = None
    email: str = ""
    language: str = ""

    @property
    def identity(self) -> str:
        """The inbox: a person named directly and by address is notified once."""
        return (self.user.email if self.user is not None else self.email).lower()


@dataclass(frozen=True)
class AdminsOf:
    """All current admins of an organisation, looked up when the notification is sent."""

    organisation: Organisation


Target = Union["User", Recipient, AdminsOf]


def person(user: User) -> Recipient:
    return Recipient(user=user)


def address(email: str, *, language: str = "") -> Recipient:
    return Recipient(email=email.strip(), language=language or settings.LANGUAGE_CODE)


def admins_of(organisation: Organisation) -> AdminsOf:
    return AdminsOf(organisation)


def _expand(target: Target) -> list[Recipient]:
    if isinstance(target, Recipient):
        return [target]
    if isinstance(target, AdminsOf):
        admins = Membership.objects.filter(
            organisation=target.organisation, role=Membership.Role.ADMIN, user__is_active=True
        ).select_related("user")
        return [Recipient(user=m.user) for m in admins.order_by("created_at", "pk")]
    return [Recipient(user=target)]


def resolve(targets: Target | Iterable[Target]) -> list[Recipient]:
    """Every target as recipients, each person or address once, in the order given."""
    # A user is one target, also as a request's lazy user (which looks iterable).
    if isinstance(targets, Recipient | AdminsOf | Model) or not isinstance(targets, Iterable):
        targets = [targets]
    seen: set[str] = set()
    recipients = []
    for target in targets:
        for recipient in _expand(target):
            if recipient.identity not in seen:
                seen.add(recipient.identity)
                recipients.append(recipient)
    return recipients
