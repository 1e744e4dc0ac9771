"""Who may open which library page: one row per URL, one column per role, and for every cell
what it did to the data.

LOGIN: a redirect to the login page; DONE: the action ran (302) and did what the row's check
says; 200/403/404: that status, and nothing changed. Roles (tests/measures/cast.py):
anonymous, stranger (signed in, no organisation), proposer (admin of the initiative that
proposed the drafts), member (of the verified municipality organisation), moderator.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from handschlag.measures import materials
from handschlag.measures.models import Material, Measure, Report
from tests.conftest import client_for

from .cast import proposal_data
from .factories import texts

pytestmark = pytest.mark.django_db
LOGIN, DONE = "login", "done"
ROLES = ("anonymous", "stranger", "proposer", "member", "moderator")
PDF = b"%PDF-1.4\n%%EOF\n"


def edit_data(cast):
    return proposal_data(title_de="Geänderter Titel")


def upload(cast):
    return {"title_de": "Leitfaden", "file": SimpleUploadedFile("leitfaden.pdf", PDF)}


def report(cast):
    return {"organisation": cast.city.pk, "note": "Lief gut."}


# fmt: off
MATRIX = [
    # url name, target, method, data,  anonymous, stranger, proposer, member, moderator
    ("list", None, "get", None, 200, 200, 200, 200, 200),
    ("detail", "published", "get", None, 200, 200, 200, 200, 200),
    ("detail", "proposed", "get", None, 200, 200, 200, 200, 200),
    ("detail", "draft", "get", None, 404, 404, 200, 404, 200),
    ("detail", "submitted", "get", None, 404, 404, 200, 404, 200),
    ("detail", "withdrawn", "get", None, 404, 404, 200, 404, 200),
    ("propose", None, "get", None, LOGIN, 403, 200, 403, 403),
    ("propose", None, "post", "proposal", LOGIN, 403, DONE, 403, 403),
    ("mine", None, "get", None, LOGIN, 200, 200, 200, 200),
    ("edit", "draft", "get", None, LOGIN, 404, 200, 404, 200),
    ("edit", "draft", "post", "edit", LOGIN, 404, DONE, 404, DONE),
    ("edit", "submitted", "post", "edit", LOGIN, 404, 403, 404, DONE),
    ("edit", "published", "post", "edit", LOGIN, 403, 403, 403, DONE),
    ("submit", "draft", "post", {}, LOGIN, 404, DONE, 404, 403),
    ("submit", "submitted", "post", {}, LOGIN, 404, 403, 404, 403),
    ("delete", "draft", "get", None, LOGIN, 404, 200, 404, 403),
    ("delete", "draft", "post", {}, LOGIN, 404, DONE, 404, 403),
    ("delete", "proposed", "post", {}, LOGIN, 403, 403, 403, 403),
    ("materials", "draft", "get", None, LOGIN, 404, 200, 404, 200),
    ("materials", "draft", "post", "upload", LOGIN, 404, DONE, 404, DONE),
    ("materials", "proposed", "post", "upload", LOGIN, 403, 403, 403, DONE),
    ("remove_material", "draft", "post", {}, LOGIN, 404, DONE, 404, DONE),
    ("remove_material", "proposed", "post", {}, LOGIN, 403, 403, 403, DONE),
    ("report", "published", "get", None, LOGIN, 403, 403, 200, 403),
    ("report", "published", "post", "report", LOGIN, 403, 403, DONE, 403),
    ("report", "draft", "post", "report", LOGIN, 404, 403, 404, 403),
    ("review", "submitted", "get", None, LOGIN, 403, 403, 403, 200),
    ("review", "submitted", "post", {"decision": "approve"}, LOGIN, 403, 403, 403, DONE),
    ("review", "submitted", "post", {"decision": "return", "return-comment": "Bitte mehr."},
     LOGIN, 403, 403, 403, DONE),
    ("review", "published", "post", {"decision": "withdraw", "withdraw-comment": "Doppelt."},
     LOGIN, 403, 403, 403, DONE),
]
# fmt: on
DATA = {"proposal": None, "edit": edit_data, "upload": upload, "report": report}


def snapshot():
    """Everything a library page could change."""
    return {
        "measures": set(
            (pk, state, str(title))
            for pk, state, title in Measure.objects.values_list("pk", "state", "title")
        ),
        "materials": set(Material.objects.values_list("pk", "measure_id")),
        "reports": set(Report.objects.values_list("pk", "measure_id", "organisation_id")),
    }


def state(measure):
    return Measure.objects.filter(pk=measure.pk).values_list("state", flat=True).first()


def check_done(name, method, target, data, cast, before):
    """The DONE cell did exactly what its row is for."""
    after = snapshot()
    measure = getattr(cast, target) if target else None
    if name == "propose":
        assert Measure.objects.filter(slug="sprachcafe-in-der-stadtbibliothek").exists()
        assert len(after["measures"] - before["measures"]) == 1
    elif name == "edit":
        assert Measure.objects.get(pk=measure.pk).title["de"] == "Geänderter Titel"
    elif name == "submit":
        assert state(measure) == Measure.State.SUBMITTED
    elif name == "delete":
        assert state(measure) is None
    elif name == "materials":
        assert len(after["materials"] - before["materials"]) == 1
    elif name == "remove_material":
        assert len(before["materials"] - after["materials"]) == 1
    elif name == "report":
        assert len(after["reports"] - before["reports"]) == 1
    elif name == "review":
        expected = {"approve": "published", "return": "draft", "withdraw": "withdrawn"}
        assert state(measure) == expected[data["decision"]]
    else:  # pragma: no cover
        raise AssertionError(f"no check for {name}")
    untouched = {key for key in before if before[key] == after[key]}
    assert len(untouched) >= 2, "one action changes one kind of thing"


def cells():
    for row in MATRIX:
        name, target, method, data, *expected = row
        for role, outcome in zip(ROLES, expected, strict=True):
            yield pytest.param(
                name, target, method, data, role, outcome, id=f"{name}-{target}-{method}-{role}"
            )


@pytest.mark.parametrize("name, target, method, data, role, outcome", list(cells()))
def test_access(cast, name, target, method, data, role, outcome):
    measure = getattr(cast, target) if target else None
    material = None
    if name == "remove_material":
        material = materials.add_material(
            measure=measure,
            by=cast.moderator,
            title=texts("Leitfaden"),
            upload=SimpleUploadedFile("a.pdf", PDF),
        )
    args = [measure.slug] if measure else []
    if material is not None:
        args.append(material.pk)
    url = reverse(f"measures:{name}", args=args)
    if isinstance(data, str):
        builder = DATA[data]
        data = proposal_data(cast.initiative) if builder is None else builder(cast)
    client = Client() if role == "anonymous" else client_for(getattr(cast, role))
    before = snapshot()
    response = client.get(url) if method == "get" else client.post(url, data or {})
    if outcome == LOGIN:
        assert response.status_code == 302 and "/konto/" in response["Location"]
        assert snapshot() == before
    elif outcome == DONE:
        assert response.status_code == 302, response.content.decode()[:2000]
        check_done(name, method, target, data, cast, before)
    else:
        assert response.status_code == outcome
        assert snapshot() == before
