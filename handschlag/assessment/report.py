"""The files a town takes away from a round: the report for the town council as PDF (results and
action plan) and all answers as XLSX. Only the town's members may take them
(`assessment.export`); each download is written to the audit log.

The PDF is made by handschlag.core.pdf (WeasyPrint: A4, the shared fonts for every language,
the reader's language and direction) from templates/assessment/results/report_pdf.html and its
own print stylesheet report_pdf.css: a title page with the town and the round, the overall and
area scores with the radar chart (the page's SVG with its colours inside), the indicators,
where the groups disagree (the heatmap), the comparison with peers (aggregates only, as on the
page), the recommendations and the action plan's items.

The XLSX has one row per respondent group × question (unanswered ones too, so the table is
complete), with the answer as the page shows it, its points, "not applicable", the evidence
note, link and file name; a second sheet holds the scores. Cells that a spreadsheet would run
as a formula are made plain text.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from handschlag.audit.services import record
from handschlag.core import pdf
from handschlag.core.localized import pick

from .charts import whole
from .models import Answer, Assessment, PlanItem
from .results_page import results_page
from .results_selectors import comparison
from .scores import framework_tree, round_answers
from .scoring import AnswerData, answer_points

if TYPE_CHECKING:
    from handschlag.accounts.models import User

REPORT_DOWNLOADED = "assessment.download_report"  # audit verbs (kernel/results.py)
ANSWERS_EXPORTED = "assessment.export_answers"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _check(assessment: Assessment, by: User) -> None:
    if not by.has_perm("assessment.export", assessment):
        raise PermissionDenied


def filename(assessment: Assessment, kind: str) -> str:
    stem = "bericht" if kind == "pdf" else "antworten"
    return f"{stem}-{assessment.municipality.slug}-{assessment.pk}.{kind}"


# --- PDF -------------------------------------------------------------------------------------


def plan_items(assessment: Assessment) -> list[PlanItem]:
    """The items of the town's action plan, by area and due date (dropped ones last)."""
    items = list(
        PlanItem.objects.filter(plan__municipality_id=assessment.municipality_id)
        .select_related("area", "owner", "measure")
        .prefetch_related("milestones")
        .order_by("area__position", "due_date", "pk")
    )
    items.sort(key=lambda item: item.state == PlanItem.State.DROPPED)
    return items


def report_context(assessment: Assessment) -> dict[str, Any]:
    page = results_page(assessment)
    keys = [area.key for area in page.areas]
    peers = comparison(assessment, keys)
    group = peers.band_group if peers.fallback else peers.state_group
    items = plan_items(assessment)
    active = [item for item in items if item.state != PlanItem.State.DROPPED]
    return {
        "assessment": assessment,
        "page": page,
        "framework_title": pick(assessment.framework.title),
        "radar_svg": page.radar.svg(print_style=True),
        "heatmap_svg": page.heatmap.svg(print_style=True),
        "peers": peers,
        "peer_group": group,
        "peer_areas": [(area, group.areas.get(area.key)) for area in page.areas],
        "items": items,
        "plan_progress": (
            whole(sum(item.progress for item in active) / len(active)) if active else None
        ),
        "today": timezone.localdate(),
    }


def render_pdf(assessment: Assessment) -> bytes:
    """The report in the active language."""
    context = report_context(assessment)
    title = _("Standortbestimmung %(town)s") % {"town": assessment.municipality.name}
    return pdf.render_pdf(
        render_to_string("assessment/results/report_pdf.html", context),
        language=get_language() or settings.LANGUAGE_CODE,
        title=f"{title} – {assessment.title}",
        css=render_to_string("assessment/results/report_pdf.css", context),
        author=assessment.organisation.name,
    )


def report_pdf(*, assessment: Assessment, by: User) -> bytes:
    """The council report of `assessment` as PDF; only the town's members may take it."""
    _check(assessment, by)
    data = render_pdf(assessment)
    record(actor=by, verb=REPORT_DOWNLOADED, target=assessment)
    return data


# --- XLSX ------------------------------------------------------------------------------------


def safe_cell(value: object) -> object:
    """A text that a spreadsheet would run as a formula, made plain text with a leading '."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def answer_rows(assessment: Assessment) -> tuple[list[str], list[list[object]]]:
    tree = framework_tree(assessment.framework_id, texts=True)
    groups, _answers = round_answers(assessment)
    answers = {(a.group_id, a.question_id): a for a in Answer.objects.filter(assessment=assessment)}
    header = [
        _("Gruppe"),
        _("Handlungsfeld"),
        _("Indikator"),
        _("Kennung"),
        _("Frage"),
        _("Antwort"),
        _("Punkte"),
        _("trifft nicht zu"),
        _("Beleg oder Anmerkung"),
        _("Link"),
        _("Datei"),
        _("zuletzt geändert"),
    ]
    specs = {q.id: q for q in tree.structure().questions}
    rows = [
        [safe_cell(value) for value in _row(group.name, area, indicator, question, answer, specs)]
        for group in groups
        for area in tree.areas
        for indicator in area.indicators
        for question in indicator.questions
        for answer in [answers.get((group.id, question.id))]
    ]
    return header, rows


def _row(
    group: str, area: Any, indicator: Any, question: Any, answer: Answer | None, specs: Any
) -> list[object]:
    """One line of the answers' table: where the question sits, the answer and its evidence."""
    start = [group, pick(area.title), pick(indicator.title), question.key, pick(question.text)]
    if answer is None:
        return [*start, "", "", _("nein"), "", "", "", ""]
    value = answer_points(specs[question.id], _data(answer))
    return [
        *start,
        _answer_text(question, answer),
        whole(value) if isinstance(value, float) else "",
        _("ja") if answer.not_applicable else _("nein"),
        answer.note,
        answer.link,
        (answer.evidence.name or "").rsplit("/", 1)[-1] if answer.evidence else "",
        date_format(timezone.localtime(answer.updated_at), "SHORT_DATETIME_FORMAT"),
    ]


def _data(answer: Answer) -> AnswerData:
    return AnswerData(answer.question_id, answer.option_id, answer.number, answer.not_applicable)


def _answer_text(question: Any, answer: Answer) -> str:
    if answer.not_applicable:
        return _("trifft nicht zu")
    if question.kind == "text":
        return answer.text
    if question.kind == "number":
        if answer.number is None:
            return ""
        unit = pick(question.unit)
        number = f"{answer.number.normalize():f}"
        return f"{number} {unit}".strip()
    option = question.options.get(answer.option_id)
    return pick(option[1]) if option else ""


def answers_xlsx(*, assessment: Assessment, by: User) -> bytes:
    """All answers of `assessment` (and its scores) as XLSX; only the town's members."""
    _check(assessment, by)
    header, rows = answer_rows(assessment)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Antworten")[:31]
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for index, width in enumerate((22, 28, 28, 10, 60, 28, 8, 10, 50, 30, 20, 18), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    _scores_sheet(book, assessment)
    out = io.BytesIO()
    book.save(out)
    record(actor=by, verb=ANSWERS_EXPORTED, target=assessment)
    return out.getvalue()


def _number(value: float | None) -> object:
    return "" if value is None else whole(value)


def _scores_sheet(book: Workbook, assessment: Assessment) -> None:
    page = results_page(assessment)
    sheet = book.create_sheet(_("Punkte")[:31])
    groups = [share.group for share in page.groups]
    scores = page.live.scores
    sheet.append([_("Ebene"), _("Titel"), _("alle Gruppen"), *(safe_cell(g.name) for g in groups)])

    def values(kind: str, key: int | None) -> list[object]:
        found: list[object] = []
        for group in groups:
            own = scores.groups[group.id]
            value = own.overall if kind == "overall" else getattr(own, kind).get(key)
            found.append(_number(value))
        return found

    sheet.append([_("gesamt"), "", _number(page.overall), *values("overall", None)])
    for area in page.areas:
        sheet.append(
            [_("Handlungsfeld"), area.title, _number(area.score), *values("areas", area.id)]
        )
        for indicator in area.indicators:
            sheet.append(
                [
                    _("Indikator"),
                    safe_cell(indicator.title),
                    _number(indicator.score),
                    *values("indicators", indicator.id),
                ]
            )
    for index, width in enumerate((16, 48, 14), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
