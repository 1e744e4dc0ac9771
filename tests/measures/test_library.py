"""The shipped measures library (data/measures.json) and its loader."""

import copy
import io
import json

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from handschlag.measures.library import (
    DEFAULT_FILE,
    MATERIALS_DIR,
    InvalidMeasures,
    load_measures,
    read_json,
)
from handschlag.measures.models import Effort, Format, Material, Measure, TargetGroup, Topic
from tests import factories as base

from .factories import MeasureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def shipped():
    return read_json(DEFAULT_FILE)


def texts_of(entry):
    yield "title", entry["title"]
    yield "summary", entry["summary"]
    yield "goal", entry["goal"]
    yield "duration", entry["duration"]
    for number, step in enumerate(entry["steps"], start=1):
        yield f"step {number}", step
    for material in entry.get("materials", []):
        yield "material", material["title"]


def one_measure(**changes):
    entry = {
        "slug": "sprachcafe-test",
        "title": {"de": "Sprachcafé", "en": "Language café"},
        "summary": {"de": "Wöchentlich reden.", "en": "Talk weekly."},
        "goal": {"de": "Deutsch üben.", "en": "Practise German."},
        "duration": {"de": "laufend", "en": "ongoing"},
        "steps": [{"de": f"Schritt {n}", "en": f"Step {n}"} for n in (1, 2, 3)],
        "format": "encounter",
        "topics": ["cohesion"],
        "target_groups": ["newcomers"],
        "effort": "low",
    }
    entry.update(changes)
    return {"measures": [entry]}


def test_the_shipped_library_is_complete_and_bilingual(shipped):
    entries = shipped["measures"]

    assert len(entries) >= 24
    assert {e["format"] for e in entries} == set(Format.values)
    assert {t for e in entries for t in e["topics"]} == set(Topic.values)
    assert {g for e in entries for g in e["target_groups"]} == set(TargetGroup.values)
    assert {e["effort"] for e in entries} == set(Effort.values)
    for entry in entries:
        assert 3 <= len(entry["steps"]) <= 7, entry["slug"]
        for name, text in texts_of(entry):
            assert text["de"].strip() and text["en"].strip(), (entry["slug"], name)
            assert text["de"] != text["en"], (entry["slug"], name)
    assert sum(len(e.get("materials", [])) for e in entries) >= 5


def test_the_shipped_library_loads_published_with_pdf_materials(shipped):
    result = load_measures(shipped)

    assert len(result.created) == len(shipped["measures"]) == Measure.objects.count()
    assert set(Measure.objects.values_list("state", flat=True)) == {Measure.State.PUBLISHED}
    assert not Measure.objects.filter(published_at=None).exists()
    assert not Measure.objects.exclude(organisation=None).exists()
    sprachcafe = Measure.objects.get(slug="sprachcafe")
    assert "deutsch lernen" in sprachcafe.search_text  # the library's search reads it
    materials = Material.objects.select_related("measure")
    assert materials.count() == result.materials_written >= 5
    for material in materials:
        with default_storage.open(material.file.name) as file:
            content = file.read()
        assert content.startswith(b"%PDF") and material.size == len(content)
        text = PdfReader(io.BytesIO(content)).pages[0].extract_text()
        assert "Handschlag" in text and "Modulkoffer" in text, material
    guide = Material.objects.get(measure__slug="zukunftswerkstatt-zusammenleben")
    assert guide.title["de"] == "Moderationsleitfaden Zukunftswerkstatt (PDF)"
    guide_text = " ".join(page.extract_text() for page in PdfReader(guide.file.path).pages)
    assert "Fantasie" in guide_text and "Nacharbeit" in guide_text


def test_loading_the_same_file_twice_changes_nothing(shipped):
    load_measures(shipped)
    before = (
        list(Measure.objects.values_list("pk", "slug", "updated_at").order_by("pk")),
        list(Material.objects.values_list("pk", "file", "size").order_by("pk")),
    )

    again = load_measures(shipped)

    assert (again.created, again.updated, again.materials_written) == ([], [], 0)
    assert len(again.unchanged) == len(shipped["measures"])
    assert before == (
        list(Measure.objects.values_list("pk", "slug", "updated_at").order_by("pk")),
        list(Material.objects.values_list("pk", "file", "size").order_by("pk")),
    )


def test_a_changed_entry_is_updated_in_place_and_a_changed_guide_replaces_its_file(
    tmp_path, django_capture_on_commit_callbacks
):
    (tmp_path / "guide.html").write_text("<h1>Leitfaden</h1><p>Version eins</p>")
    material = {"title": {"de": "Leitfaden", "en": "Guide"}, "source": "guide.html"}
    load_measures(one_measure(materials=[material]), materials_dir=tmp_path)
    measure = Measure.objects.get()
    old_file = measure.materials.get().file.name

    (tmp_path / "guide.html").write_text("<h1>Leitfaden</h1><p>Version zwei</p>")
    data = one_measure(materials=[material], title={"de": "Sprachtreff", "en": "Language meet"})
    with django_capture_on_commit_callbacks(execute=True):
        result = load_measures(data, materials_dir=tmp_path)

    assert result.updated == ["sprachcafe-test"]
    assert (result.materials_written, result.materials_removed) == (1, 1)
    changed = Measure.objects.get()
    assert changed.pk == measure.pk and changed.title["de"] == "Sprachtreff"
    assert "sprachtreff" in changed.search_text
    new_file = changed.materials.get().file.name
    assert new_file != old_file
    assert default_storage.exists(new_file) and not default_storage.exists(old_file)
    assert "Version zwei" in PdfReader(default_storage.path(new_file)).pages[0].extract_text()

    with django_capture_on_commit_callbacks(execute=True):
        dropped = load_measures(one_measure(), materials_dir=tmp_path)

    assert dropped.materials_removed == 1 and not Material.objects.exists()
    assert not default_storage.exists(new_file)


def test_materials_uploaded_in_the_admin_are_left_alone(tmp_path):
    load_measures(one_measure())
    measure = Measure.objects.get()
    upload = Material.objects.create(measure=measure, title={"de": "Folien"}, file="measures/f.pdf")

    load_measures(one_measure())

    assert list(measure.materials.all()) == [upload]


def test_a_withdrawn_measure_stays_withdrawn_and_a_draft_is_published():
    MeasureFactory(slug="sprachcafe-test", state=Measure.State.WITHDRAWN)
    MeasureFactory(slug="lange-tafel-test", state=Measure.State.DRAFT, published_at=None)
    data = one_measure()
    data["measures"].append({**data["measures"][0], "slug": "lange-tafel-test"})

    load_measures(data)

    assert Measure.objects.get(slug="sprachcafe-test").state == Measure.State.WITHDRAWN
    draft = Measure.objects.get(slug="lange-tafel-test")
    assert draft.state == Measure.State.PUBLISHED and draft.published_at is not None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"title": {"en": "Language café"}},
            "measure 'sprachcafe-test': title: the German text (de) is missing",
        ),
        ({"goal": "Deutsch üben"}, 'goal: expected a text like {"de": "…", "en": "…"}'),
        ({"steps": [{"de": "Nur einer"}]}, "steps must be a list of 3 to 7 texts"),
        ({"format": "party"}, "format 'party' is not one of workshop, citizen_dialogue"),
        ({"topics": ["weather"]}, "topics: unknown ['weather']"),
        ({"target_groups": []}, "target_groups: expected a non-empty list"),
        ({"effort": "huge"}, "effort 'huge' is not one of low, medium, high"),
        ({"slug": "Sprach Café"}, "slug 'Sprach Café' must be lower-case letters"),
        ({"colour": "blue"}, "unknown fields colour"),
        (
            {"materials": [{"title": {"de": "x"}, "source": "missing.html"}]},
            "material file missing.html is not in",
        ),
    ],
)
def test_bad_data_is_refused_with_a_clear_message_and_nothing_is_written(changes, message):
    with pytest.raises(InvalidMeasures) as refused:
        load_measures(one_measure(**changes))

    assert message in str(refused.value)
    assert not Measure.objects.exists() and not Material.objects.exists()


def test_every_problem_is_reported_at_once_and_nothing_is_written(shipped):
    data = copy.deepcopy(shipped)
    data["measures"][0]["title"] = {"en": "no German"}
    data["measures"][5]["format"] = "party"
    data["measures"].append(copy.deepcopy(data["measures"][1]))

    with pytest.raises(InvalidMeasures) as refused:
        load_measures(data)

    assert len(refused.value.errors) == 3
    assert f"measure {data['measures'][1]['slug']!r} appears more than once" in refused.value.errors
    assert not Measure.objects.exists()


def test_a_slug_of_a_measure_an_organisation_proposed_is_never_overwritten():
    organisation = base.OrganisationFactory(name="Stadt Torgau")
    proposed = MeasureFactory(slug="sprachcafe-test", organisation=organisation)

    with pytest.raises(InvalidMeasures, match="belongs to a measure that Stadt Torgau proposed"):
        load_measures(one_measure())

    proposed.refresh_from_db()
    assert proposed.title != one_measure()["measures"][0]["title"]


def test_the_command_loads_the_shipped_file_and_says_what_it_did(shipped):
    out = io.StringIO()
    call_command("load_measures", stdout=out)
    assert f"Measures: {len(shipped['measures'])} created, 0 updated, 0 unchanged" in out.getvalue()

    out = io.StringIO()
    call_command("load_measures", str(DEFAULT_FILE), stdout=out)
    assert f"0 created, 0 updated, {len(shipped['measures'])} unchanged" in out.getvalue()
    assert "materials: 0 written, 0 removed" in out.getvalue()


def test_the_command_refuses_a_broken_file_and_loads_nothing(tmp_path):
    broken = tmp_path / "measures.json"
    broken.write_text(json.dumps(one_measure(effort="huge")))

    with pytest.raises(CommandError, match="nothing was loaded") as refused:
        call_command("load_measures", str(broken))
    assert "effort 'huge'" in str(refused.value)

    broken.write_text("{ not json")
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("load_measures", str(broken))
    with pytest.raises(CommandError, match="no such file"):
        call_command("load_measures", str(tmp_path / "missing.json"))
    assert not Measure.objects.exists()


def test_every_shipped_guide_is_used():
    shipped_sources = {path.name for path in MATERIALS_DIR.iterdir()}
    used = {
        material["source"]
        for entry in read_json(DEFAULT_FILE)["measures"]
        for material in entry.get("materials", [])
    }
    assert used == shipped_sources
