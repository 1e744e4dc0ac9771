"""A town tells how a measure went: a note, and a link to one of its published blog posts or
to another public page. Reports are public as soon as they are written; anyone signed in can
report one to moderation, which can take it off the measure's page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from handschlag.audit.services import record
from handschlag.core.errors import DomainError

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
REMOVED = "measures.remove_report"


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
    or none; never both."""
    require_perm("measures.report", by, organisation)
    if measure.state != Measure.State.PUBLISHED:
        raise DomainError(
            _("Zu dieser Maßnahme kann man gerade nichts berichten."), code="wrong_state"
        )
    if organisation.municipality_id is None:
        raise DomainError(_("Ihre Organisation ist keinem Ort zugeordnet."), code="town")
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
    report = Report.objects.create(
        measure=measure,
        municipality_id=organisation.municipality_id,
        organisation=organisation,
        post=post,
        url=url,
        note=note,
        created_by=by,
    )
    record(actor=by, verb=REPORTED, target=report, measure=measure.pk)
    return report


@transaction.atomic
def remove_report(*, report: Report, by: User, comment: str = "") -> None:
    """Moderation takes a report off the measure's page (after an abuse report)."""
    require_perm("measures.remove_report", by, report)
    record(actor=by, verb=REMOVED, target=report, comment=comment, measure=report.measure_id)
    report.delete()
