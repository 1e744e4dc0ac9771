"""Notifications about organisations: membership requests, decisions, removals, role changes.

Organisations are a kernel app below notifications; they send signals (organisations/signals.py)
and this module turns them into notifications for the people concerned.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handschlag.accounts.models import User
from handschlag.organisations import signals
from handschlag.organisations.models import Membership

from .recipients import address, admins_of
from .registry import NotificationKind, notification_kinds
from .services import notify

GROUP = gettext_lazy("Organisationen")

JOIN_REQUESTED = NotificationKind(
    key="organisations.join_requested",
    group=GROUP,
    label=gettext_lazy("Jemand möchte in meiner Organisation mitmachen"),
    title=lambda p: _("%(name)s möchte bei „%(organisation)s“ mitmachen") % p,
    body=lambda p: _("Bitte nehmen Sie die Anfrage an oder lehnen Sie sie ab."),
)
JOIN_ACCEPTED = NotificationKind(
    key="organisations.join_accepted",
    group=GROUP,
    label=gettext_lazy("Meine Beitrittsanfrage wurde angenommen"),
    title=lambda p: _("Willkommen bei „%(organisation)s“") % p,
    body=lambda p: _("Ihre Anfrage wurde angenommen."),
)
JOIN_DECLINED = NotificationKind(
    key="organisations.join_declined",
    group=GROUP,
    label=gettext_lazy("Meine Beitrittsanfrage wurde abgelehnt"),
    title=lambda p: _("Ihre Anfrage an „%(organisation)s“ wurde abgelehnt") % p,
)
MEMBER_REMOVED = NotificationKind(
    key="organisations.member_removed",
    group=GROUP,
    label=gettext_lazy("Ich wurde aus einer Organisation entfernt"),
    title=lambda p: _("Sie sind nicht mehr Mitglied von „%(organisation)s“") % p,
    body=lambda p: _(
        "Eine Administrator:in hat Sie entfernt. Sie handeln nicht mehr für diese Organisation."
    ),
)
ROLE_CHANGED = NotificationKind(
    key="organisations.role_changed",
    group=GROUP,
    label=gettext_lazy("Meine Rolle in einer Organisation hat sich geändert"),
    title=lambda p: (
        _("Ihre Rolle bei „%(organisation)s“: %(role)s") % {**p, "role": role_label(p["role_key"])}
    ),
)
INVITATION = NotificationKind(
    key="organisations.invitation",
    group=GROUP,
    label=gettext_lazy("Ich wurde in eine Organisation eingeladen"),
    title=lambda p: _("Einladung zu „%(organisation)s“ auf Handschlag") % p,
    body=lambda p: (
        _(
            "Sie wurden eingeladen, bei „%(organisation)s“ auf Handschlag mitzuwirken. Melden Sie "
            "sich mit dieser E-Mail-Adresse an (oder registrieren Sie sich) und nehmen Sie die "
            "Einladung unter dem Link an. Der Link funktioniert einmal und nur für diese Adresse."
        )
        % p
    ),
)
# Notifications stored before kinds were registered per event carry a finished sentence.
LEGACY_MESSAGE = NotificationKind(
    key="organisations.message",
    group=GROUP,
    label=gettext_lazy("Neuigkeiten aus meinen Organisationen"),
    title=lambda p: _("Neuigkeit aus „%(organisation)s“") % p,
    body=lambda p: p["message"],
)


def role_label(key: str) -> str:
    return str(dict(Membership.Role.choices).get(key, key))


KINDS = (
    INVITATION,
    JOIN_REQUESTED,
    JOIN_ACCEPTED,
    JOIN_DECLINED,
    MEMBER_REMOVED,
    ROLE_CHANGED,
    LEGACY_MESSAGE,
)


def _on_join_requested(sender: Any, join_request: Any, **kwargs: Any) -> None:
    organisation = join_request.organisation
    notify(
        to=admins_of(organisation),
        kind=JOIN_REQUESTED.key,
        params={"organisation": organisation.name, "name": join_request.user.public_name},
        url=reverse("organisations:members", kwargs={"slug": organisation.slug}),
    )


def _on_invited(sender: Any, invitation: Any, by: Any, **kwargs: Any) -> None:
    """The invited address gets the link; with an account, the person gets it in the app too
    and in their own language, else the mail is written in the inviting admin's language."""
    person = User.objects.filter(email__iexact=invitation.email, is_active=True).first()
    notify(
        to=person or address(invitation.email, language=by.preferred_language),
        kind=INVITATION.key,
        params={"organisation": invitation.organisation.name},
        url=reverse("organisations:invitation", kwargs={"token": invitation.token}),
    )


def _on_join_request_decided(sender: Any, join_request: Any, accepted: bool, **kwargs: Any) -> None:
    organisation = join_request.organisation
    notify(
        to=join_request.user,
        kind=(JOIN_ACCEPTED if accepted else JOIN_DECLINED).key,
        params={"organisation": organisation.name},
        url=organisation.get_absolute_url(),
    )


def _on_member_removed(sender: Any, organisation: Any, user: Any, **kwargs: Any) -> None:
    notify(
        to=user,
        kind=MEMBER_REMOVED.key,
        params={"organisation": organisation.name},
        url=organisation.get_absolute_url(),
    )


def _on_role_changed(sender: Any, membership: Any, **kwargs: Any) -> None:
    notify(
        to=membership.user,
        kind=ROLE_CHANGED.key,
        # the role's label is looked up when shown, so each reader sees it in their language
        params={"organisation": membership.organisation.name, "role_key": membership.role},
        url=membership.organisation.get_absolute_url(),
    )


def register() -> None:
    for kind in KINDS:
        notification_kinds.register(kind)
    signals.invited.connect(_on_invited, dispatch_uid="notify_invited")
    signals.join_requested.connect(_on_join_requested, dispatch_uid="notify_join_requested")
    signals.join_request_decided.connect(
        _on_join_request_decided, dispatch_uid="notify_join_decided"
    )
    signals.member_removed.connect(_on_member_removed, dispatch_uid="notify_member_removed")
    signals.role_changed.connect(_on_role_changed, dispatch_uid="notify_role_changed")
