"""Moderation writes: filing abuse reports and deciding on them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handschlag.audit.services import record
from handschlag.core.errors import DomainError

from .models import AbuseReport
from .registry import reportable_for

if TYPE_CHECKING:
    from handschlag.accounts.models import User

RESOLVE = "moderation.resolve_abuse"
DISMISS = "moderation.dismiss_abuse"


@transaction.atomic
def file_abuse_report(
    *, reporter: User, target: models.Model, reason: str, message: str = ""
) -> AbuseReport:
    """A signed-in person reports a public object (one open report per person and target)."""
    if not reporter.has_perm("moderation.report_abuse"):
        raise PermissionDenied
    reportable = reportable_for(type(target))
    if reportable is None or not reportable.may_report(reporter, target):
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


def _close(
    *,
    report: AbuseReport,
    by: User,
    state: AbuseReport.State,
    verb: str,
    comment: str,
    **details: str,
) -> AbuseReport:
    if not by.has_perm("moderation.decide_abuse_report", report):
        raise PermissionDenied
    # One conditional UPDATE: two moderators deciding at once cannot both close it.
    closed = AbuseReport.objects.filter(pk=report.pk, state=AbuseReport.State.OPEN).update(
        state=state, resolved_by=by, resolution=comment, updated_at=timezone.now()
    )
    if not closed:
        raise DomainError(_("Diese Meldung ist bereits bearbeitet."), code="wrong_state")
    report.refresh_from_db()
    record(actor=by, verb=verb, target=report, comment=comment, **details)
    return report


def decisions_for(report: AbuseReport) -> list:
    """What a moderator can do about the reported object (empty when it is gone)."""
    reportable = reportable_for(report.content_type.model_class())
    if reportable is None or report.target is None:
        return []
    return list(reportable.decisions)


@transaction.atomic
def resolve_abuse_report(
    *, report: AbuseReport, by: User, comment: str = "", decision: str = ""
) -> AbuseReport:
    """The report was right. With `decision`, the registered action on the reported object
    (e.g. take a post off the blog) runs first, in the same transaction."""
    details = {}
    if decision:
        chosen = next((d for d in decisions_for(report) if d.key == decision), None)
        if chosen is None:
            raise DomainError(_("Diese Entscheidung ist hier nicht möglich."), code="decision")
        if not by.has_perm("moderation.decide_abuse_report", report):
            raise PermissionDenied
        chosen.run(report.target, by, comment)
        details["decision"] = decision
    return _close(
        report=report,
        by=by,
        state=AbuseReport.State.RESOLVED,
        verb=RESOLVE,
        comment=comment,
        **details,
    )


@transaction.atomic
def dismiss_abuse_report(*, report: AbuseReport, by: User, comment: str) -> AbuseReport:
    """The report was unfounded; nothing changes on the target."""
    return _close(
        report=report, by=by, state=AbuseReport.State.DISMISSED, verb=DISMISS, comment=comment
    )
