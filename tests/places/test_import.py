from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from handschlag.places.importer import import_municipalities
from handschlag.places.models import FederalState, Municipality
from handschlag.places.seed import SEED_TOWNS, ensure_seed_towns

SAMPLE = Path(__file__).resolve().parents[2] / "handschlag/places/data/municipalities_sample.csv"

pytestmark = pytest.mark.django_db


def run(path: Path | str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_municipalities", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_sample_import_creates_every_row_with_state_from_the_key():
    out, err = run(SAMPLE)

    rows = sum(1 for line in SAMPLE.read_text(encoding="utf-8").splitlines()[1:] if line)
    assert Municipality.objects.count() == rows
    assert f"created: {rows}, updated: 0, skipped: 0" in out
    assert err == ""
    berlin = Municipality.objects.get(ags="11000000")
    assert berlin.state == FederalState.BE and berlin.slug == "berlin"
    assert Municipality.objects.get(ags="16072018").state == FederalState.TH
    assert Municipality.objects.get(ags="08231000").state == FederalState.BW


def test_running_the_import_twice_updates_instead_of_doubling():
    run(SAMPLE)
    Municipality.objects.filter(ags="12054000").update(population=1, name="Alt")

    out, _ = run(SAMPLE)

    assert "created: 0" in out and "skipped: 0" in out
    potsdam = Municipality.objects.get(ags="12054000")
    assert potsdam.population == 185750 and potsdam.name == "Potsdam"
    assert potsdam.slug == "potsdam"  # the slug stays although the name changed meanwhile


def test_bad_rows_are_reported_with_their_line_number_and_skipped(tmp_path):
    path = tmp_path / "towns.csv"
    path.write_text(
        "16072017;Sonneberg;23600;50,3597;11,1747\n"  # no header, decimal commas
        "99000000;Nirgendwo;1;50;10\n"
        "12054000;Potsdam;viele;52.4;13.06\n"
        "13073088;Stralsund;59400;154.3;13.08\n"
        "14730310;Torgau\n"
        "16072017;Sonneberg;1;50;11\n",
        encoding="utf-8",
    )

    out, err = run(path)

    assert "created: 1, updated: 0, skipped: 5" in out
    for line in (2, 3, 4, 5, 6):
        assert f"Zeile {line}:" in err
    assert "Zeile 1:" not in err
    assert Municipality.objects.get().latitude == pytest.approx(50.3597)


def test_namesakes_get_distinct_slugs():
    result = import_municipalities(["06000001;Neustadt;1;50;9\n", "07000001;Neustadt;1;49;8\n"])

    assert result.created == 2
    assert set(Municipality.objects.values_list("slug", flat=True)) == {
        "neustadt",
        "neustadt-07000001",
    }


def test_a_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError):
        run(tmp_path / "missing.csv")


def test_ten_thousand_rows_import_in_few_queries(django_assert_max_num_queries):
    lines = [f"{9000000 + n:08d};Ort {n};{n};50.0;10.0\n" for n in range(10_800)]
    with django_assert_max_num_queries(200):
        result = import_municipalities(lines)
    assert result.created == 10_800


def test_seed_towns_are_idempotent_and_in_order():
    first = ensure_seed_towns()
    second = ensure_seed_towns()

    assert [m.pk for m in first] == [m.pk for m in second]
    assert [m.name for m in first] == [town.name for town in SEED_TOWNS]
    assert Municipality.objects.count() == len(SEED_TOWNS)
    for town in first:
        assert len(town.ags) == 8


def test_unchanged_reimport_writes_nothing(django_assert_max_num_queries):
    lines = [f"{9000000 + n:08d};Ort {n};{n};50.0;10.0\n" for n in range(2000)]
    import_municipalities(lines)
    with django_assert_max_num_queries(10):
        result = import_municipalities(lines)
    assert (result.created, result.updated) == (0, 2000)
