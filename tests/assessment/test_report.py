"""The council report (PDF) and the answers (XLSX), checked as files: the PDF is opened with
pypdf and its text searched, the XLSX with openpyxl."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from handschlag.assessment import report
from handschlag.assessment.models import Answer, PlanItem
from handschlag.audit.models import AuditEntry

from .results_helpers import BEST, NA, close, give, seven_area_framework


def pdf_text(data: bytes) -> str:
    """The text of every page, whitespace (and the line breaks in table cells) as one space."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_pdf_has_the_town_every_area_score_and_the_plan_items(world, client):
    give(world.assessment, world.administration, BEST)
    give(world.assessment, world.civil_society, {"q1": "no", "q5": "some", "q7": NA})
    close(world.assessment)
    for title, state, progress in (
        ("Integrationskonzept im Rat beschließen", PlanItem.State.IN_PROGRESS, 40),
        ("Sprechstunde für Neuzugewanderte", PlanItem.State.PLANNED, 0),
    ):
        PlanItem.objects.create(
            plan=world.plan, title=title, state=state, progress=progress, area=world.first_area,
            owner=world.admin, due_date=datetime.date(2027, 3, 1),
        )  # fmt: skip
    client.force_login(world.member)
    response = client.get(reverse("assessment:report_pdf", args=[world.assessment.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    data = b"".join(response.streaming_content) if response.streaming else response.content
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    assert world.municipality.name in text
    assert world.assessment.title in text
    # as computed in test_scoring's two-group case: a1 83.3 → 83, a2 85, overall 83.9 → 84
    for line in ("Steuerung 83", "Begegnung 85", "Gesamtwert 84"):
        assert line in text, line
    assert "Integrationskonzept im Rat beschließen" in text
    assert "Sprechstunde für Neuzugewanderte" in text
    assert world.admin.email not in text
    entry = AuditEntry.objects.get()
    assert (entry.verb, entry.object_id) == (report.REPORT_DOWNLOADED, world.assessment.pk)


def test_the_pdf_draws_the_radar_of_seven_areas(world):
    framework = seven_area_framework()
    world.assessment.framework = framework
    world.assessment.save()
    data = report.render_pdf(world.assessment)
    text = pdf_text(data)
    for area in framework.areas.all():
        assert area.title["de"].split()[0] in text
    assert len(PdfReader(io.BytesIO(data)).pages) >= 3


def test_the_xlsx_has_a_row_per_group_and_question_with_the_evidence(world, client):
    give(world.assessment, world.administration, {"q1": "partly", "q3": 2, "q6": "Ein Fest"})
    Answer.objects.filter(question__key="q1").update(
        note='=HYPERLINK("http://example.org")', link="https://example.org/konzept"
    )
    give(world.assessment, world.civil_society, {"q4": NA})
    client.force_login(world.colleague)
    response = client.get(reverse("assessment:answers_xlsx", args=[world.assessment.pk]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert len(body) == 2 * 7  # two groups × seven questions, unanswered ones included
    by_key = {(row[0], row[3]): dict(zip(header, row, strict=True)) for row in body}
    q1 = by_key["Verwaltung", "q1"]
    assert (q1["Antwort"], q1["Punkte"]) == ("teilweise", 50)
    assert q1["Beleg oder Anmerkung"].startswith("'=")  # plain text, not a formula
    assert q1["Link"] == "https://example.org/konzept"
    assert (
        by_key["Verwaltung", "q3"]["Antwort"] == "2" and by_key["Verwaltung", "q3"]["Punkte"] == 50
    )
    assert by_key["Verwaltung", "q6"]["Antwort"] == "Ein Fest"
    assert by_key["Zivilgesellschaft", "q4"]["trifft nicht zu"] == "ja"
    assert by_key["Zivilgesellschaft", "q1"]["Antwort"] in ("", None)
    scores = list(book.worksheets[1].iter_rows(values_only=True))
    assert scores[0][2:] == ("alle Gruppen", "Verwaltung", "Zivilgesellschaft")
    assert AuditEntry.objects.get().verb == report.ANSWERS_EXPORTED


@pytest.mark.parametrize("make", [report.report_pdf, report.answers_xlsx])
def test_a_partner_may_not_take_the_files_and_nothing_is_recorded(world, make):
    with pytest.raises(PermissionDenied):
        make(assessment=world.assessment, by=world.partner)
    assert not AuditEntry.objects.exists()
