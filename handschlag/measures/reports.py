"""A town tells how a measure went: a note, and a link to one of its published blog posts or
to another public page.

A report waits for moderation before it goes public (pending → published, or returned with a
comment). Its author may change it while it waits or after it came back; changing a
published report sends it back to moderation, and it is off the measure's page until a
moderator publishes it again (as blog and promise reports are read before they go public).
Anyone signed in can report a published one as abuse; moderation can then take it off.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from handschlag.audit.services import record
from handschlag.core.errors import DomainError
from handschlag.notifications.registry import NotificationKind
from handschlag.notifications.services import notify

from . import messages
from .models import Measure, Report
from .rules import require_perm
from .selectors import posts_of

if TYPE_CHECKING:
    from handschlag.accounts.models import User
    from handschlag.blog.models import Post
    from handschlag.organisations.models import Organisation

MAX_NOTE = 2000

# Audit verbs (registered in kernel.py).
REPORTED = "measures.add_report"
EDITED = "measures.edit_report"
REPORT_PUBLISHED = "measures.publish_report"
REPORT_RETURNED = "measures.return_report"
REMOVED = "measures.remove_report"

S = Report.State


def _require_published(measure: Measure) -> None:
    if measure.state != Measure.State.PUBLISHED:
        raise DomainError(
            _("Zu dieser Maßnahme kann man gerade nichts berichten."), code="wrong_state"
        )


def _checked(organisation: Organisation, note: str, post: Post | None, url: str) -> tuple[str, str]:
    """The note and the URL as stored; DomainError for what a report may not hold."""
    note = (note or "").strip()
    if not note:
        raise DomainError(_("Bitte schreiben Sie, wie es gelaufen ist."), code="note")
    if len(note) > MAX_NOTE:
        raise DomainError(
            _("Bitte fassen Sie sich kürzer (höchstens %(max)d Zeichen).") % {"max": MAX_NOTE},
            code="note",
        )
    url = (url or "").strip()
    if post is not None and url:
        raise DomainError(
            _("Bitte verlinken Sie entweder einen Beitrag im Blog oder eine Adresse."),
            code="link",
        )
    if post is not None and not posts_of(organisation).filter(pk=post.pk).exists():
        raise DomainError(
            _(
                "Verlinken können Sie nur veröffentlichte Beiträge Ihrer Organisation "
                "oder Ihres Orts."
            ),
            code="post",
        )
    if url and not url.startswith(("https://", "http://")):
        raise DomainError(_("Bitte geben Sie eine Adresse mit https:// an."), code="url")
    return note, url


def _locked(report: Report) -> Report:
    """The report as stored now, its row locked for the rest of the transaction."""
    return (
        Report.objects.select_for_update()
        .select_related("measure", "organisation")
        .get(pk=report.pk)
    )


def _tell_author(report: Report, kind: NotificationKind, **params: str) -> None:
    if report.created_by_id is None:  # the author's account is gone
        return
    notify(
        to=report.created_by,  # type: ignore[arg-type]
        kind=kind.key,
        params={"title": report.measure.title.get("de", ""), **params},
        url=report.get_absolute_url(),
    )


@transaction.atomic
def add_report(
    *,
    measure: Measure,
    organisation: Organisation,
    by: User,
    note: str,
    post: Post | None = None,
    url: str = "",
) -> Report:
    """A member of a verified municipality organisation reports on a published measure for
    their town. The link is one of the organisation's (or town's) published posts, or a URL,
    or none; never both. The report waits for moderation."""
    require_perm("measures.report", by, organisation)
    _require_published(measure)
    if organisation.municipality_id is None:
        raise DomainError(_("Ihre Organisation ist keinem Ort zugeordnet."), code="town")
    note, url = _checked(organisation, note, post, url)
    report = Report.objects.create(
        measure=measure,
        municipality_id=organisation.municipality_id,
        organisation=organisation,
        post=post,
        url=url,
        note=note,
        created_by=by,
        state=S.PENDING,
    )
    record(actor=by, verb=REPORTED, target=report, measure=measure.pk)
    return report


@transaction.atomic
def edit_report(
    *, report: Report, by: User, note: str, post: Post | None = None, url: str = ""
) -> Report:
    """Its author changes the report: while it waits, it keeps waiting; a returned or
    published one goes (back) to moderation, and a published one is off the measure's page
    until it is published again."""
    require_perm("measures.edit_report", by, report)
    current = _locked(report)
    _require_published(current.measure)
    note, url = _checked(current.organisation, note, post, url)
    before = current.state
    current.note, current.post, current.url = note, post, url
    if before == S.PENDING:
        current.save(update_fields=["note", "post", "url", "updated_at"])
    else:
        current.move_to(S.PENDING, by=by, save_fields=["note", "post", "url"])
    record(actor=by, verb=EDITED, target=current, measure=current.measure_id, was=before)
    report.refresh_from_db()
    return current


@transaction.atomic
def publish_report(*, report: Report, by: User, comment: str = "") -> Report:
    """Moderation puts a waiting report on the measure's page; its author is told."""
    require_perm("measures.review_report", by, report)
    current = _locked(report)
    current.require_state(S.PENDING)
    current.moderation_comment = comment
    current.move_to(S.PUBLISHED, by=by, comment=comment, save_fields=["moderation_comment"])
    record(actor=by, verb=REPORT_PUBLISHED, target=current, comment=comment)
    _tell_author(current, messages.REPORT_PUBLISHED)
    return current


@transaction.atomic
def return_report(*, report: Report, by: User, comment: str) -> Report:
    """Moderation gives a waiting report back to its author, saying what should change."""
    require_perm("measures.review_report", by, report)
    if not comment.strip():
        raise DomainError(_("Bitte begründen Sie die Rückgabe."), code="comment")
    current = _locked(report)
    current.require_state(S.PENDING)
    current.moderation_comment = comment
    current.move_to(S.RETURNED, by=by, comment=comment, save_fields=["moderation_comment"])
    record(actor=by, verb=REPORT_RETURNED, target=current, comment=comment)
    _tell_author(current, messages.REPORT_RETURNED, comment=comment)
    return current


@transaction.atomic
def remove_report(*, report: Report, by: User, comment: str = "") -> None:
    """Moderation takes a report off the measure's page (after an abuse report)."""
    require_perm("measures.remove_report", by, report)
    record(actor=by, verb=REMOVED, target=report, comment=comment, measure=report.measure_id)
    report.delete()
