"""Exports of registrations: CSV and XLSX, formula injection neutralised, organiser team only."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from handschlag.audit.models import AuditEntry
from handschlag.events import exports
from handschlag.events.models import Registration
from handschlag.organisations.models import Membership
from tests import factories
from tests.conftest import client_for
from tests.events.factories import EventFactory, RegistrationFactory, organiser_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    event = EventFactory(free_places=6)
    RegistrationFactory(
        event=event,
        user=factories.UserFactory(first_name="Amira", last_name="Haddad"),
        places=3,
        interpreter_language="ar",
        childcare=2,
        step_free=True,
    )
    RegistrationFactory(
        event=event,
        user=None,
        guest_name='=HYPERLINK("http://evil.example","klick")',
        guest_email="gast@example.org",
        other_needs="+49 170 1234567",
        state=Registration.State.WAITING,
    )
    RegistrationFactory(
        event=event, user=None, guest_name="Jürgen Özdemir", guest_email="j@example.org"
    )
    return event


def _csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads it as UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_csv_has_a_row_per_registration_with_needs_and_umlauts(event):
    rows = _csv_rows(exports.to_csv(event))
    assert rows[0][:4] == ["Name", "E-Mail", "Plätze", "Zustand"]
    by_name = {row[0]: row for row in rows[1:]}
    assert len(rows) == 4
    amira = next(row for name, row in by_name.items() if name.startswith("Amira"))
    assert amira[2:8] == ["3", "angemeldet", "ar", "2", "ja", ""]
    assert "Jürgen Özdemir" in by_name


def test_formula_like_cells_are_exported_as_text(event):
    rows = _csv_rows(exports.to_csv(event))
    guest = next(row for row in rows if "HYPERLINK" in row[0])
    assert guest[0].startswith("'=")
    assert guest[7] == "'+49 170 1234567"
    assert guest[3] == "auf der Warteliste"


def test_xlsx_opens_with_openpyxl_and_holds_no_formula(event):
    book = load_workbook(io.BytesIO(exports.to_xlsx(event)))
    sheet = book.active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Name" and len(values) == 4
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert any(str(row[0]).startswith("'=HYPERLINK") for row in values[1:])


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("role", ["admin", "member"])
def test_organiser_team_downloads_and_it_is_audited(event, fmt, role):
    user = organiser_of(event, role=role)
    response = client_for(user).get(reverse("events:export", args=[event.pk, fmt]))
    assert response.status_code == 200
    assert response["Content-Type"] == exports.CONTENT_TYPES[fmt]
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    assert AuditEntry.objects.filter(verb=exports.EXPORTED, actor=user).count() == 1


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("participant", 403),
        ("stranger", 403),
        ("moderator", 403),
        ("former", 403),
        ("anonymous", 302),
    ],
)
def test_everyone_else_is_refused(event, fmt, who, status):
    url = reverse("events:export", args=[event.pk, fmt])
    if who == "anonymous":
        response = client_for_anonymous().get(url)
    else:
        user = {
            "participant": lambda: event.registrations.exclude(user=None).first().user,
            "stranger": factories.UserFactory,
            "moderator": factories.ModeratorFactory,
            "former": lambda: _former_member(event),
        }[who]()
        response = client_for(user).get(url)
    assert response.status_code == status
    assert b"gast@example.org" not in response.content
    assert not AuditEntry.objects.filter(verb=exports.EXPORTED).exists()


def test_unknown_format_is_404(event):
    response = client_for(organiser_of(event)).get(f"/veranstaltungen/{event.pk}/anmeldungen.pdf")
    assert response.status_code == 404


def client_for_anonymous():
    from django.test import Client

    return Client()


def _former_member(event):
    user = organiser_of(event, role=Membership.Role.MEMBER)
    Membership.objects.filter(user=user).delete()
    return user
