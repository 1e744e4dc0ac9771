"""Moderation writes: the action log, and handling abuse reports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handschlag.accounts.rules import is_moderator
from handschlag.core.errors import DomainError

from .models import AbuseReport, ModerationAction

if TYPE_CHECKING:
    from handschlag.accounts.models import User


def record_action(
    *, moderator: User, action: ModerationAction.Action, target: models.Model, comment: str = ""
) -> ModerationAction:
    """Append one moderator action to the log; call it inside the action's transaction."""
    return ModerationAction.objects.create(
        moderator=moderator,
        action=action,
        content_type=ContentType.objects.get_for_model(type(target)),
        object_id=target.pk,
        target_label=str(target)[:200],
        comment=comment,
    )


@transaction.atomic
def file_abuse_report(
    *, reporter: User, target: models.Model, reason: str, message: str = ""
) -> AbuseReport:
    """A logged-in person reports a public promise or post (one open report per target)."""
    if not reporter.is_authenticated:
        raise PermissionDenied
    if reason not in AbuseReport.Reason.values:
        raise DomainError(_("Bitte wählen Sie einen Grund."))
    content_type = ContentType.objects.get_for_model(type(target))
    already = AbuseReport.objects.filter(
        content_type=content_type,
        object_id=target.pk,
        reporter=reporter,
        state=AbuseReport.State.OPEN,
    ).exists()
    if already:
        raise DomainError(
            _("Sie haben das bereits gemeldet. Die Moderation kümmert sich darum."),
            code="duplicate",
        )
    return AbuseReport.objects.create(
        content_type=content_type,
        object_id=target.pk,
        reporter=reporter,
        reason=reason,
        message=message,
    )


def _close_abuse_report(
    *,
    report: AbuseReport,
    by: User,
    state: AbuseReport.State,
    action: ModerationAction.Action,
    comment: str,
) -> AbuseReport:
    if not is_moderator(by):
        raise PermissionDenied
    # One conditional UPDATE: two moderators deciding at once cannot both close it.
    closed = AbuseReport.objects.filter(pk=report.pk, state=AbuseReport.State.OPEN).update(
        state=state, resolved_by=by, resolution=comment, updated_at=timezone.now()
    )
    if not closed:
        raise DomainError(_("Diese Meldung ist bereits bearbeitet."), code="wrong_state")
    report.refresh_from_db()
    record_action(moderator=by, action=action, target=report, comment=comment)
    return report


@transaction.atomic
def resolve_abuse_report(*, report: AbuseReport, by: User, comment: str = "") -> AbuseReport:
    """The report was right and has been dealt with."""
    return _close_abuse_report(
        report=report,
        by=by,
        state=AbuseReport.State.RESOLVED,
        action=ModerationAction.Action.RESOLVE_ABUSE,
        comment=comment,
    )


@transaction.atomic
def dismiss_abuse_report(*, report: AbuseReport, by: User, comment: str) -> AbuseReport:
    """The report was unfounded; nothing changes on the target."""
    return _close_abuse_report(
        report=report,
        by=by,
        state=AbuseReport.State.DISMISSED,
        action=ModerationAction.Action.DISMISS_ABUSE,
        comment=comment,
    )
