"""The full municipality list: the data package's format (vg250.py) and its loader (loader.py).

The small file tests/places/data/gemeinden_sample.geo.json has the package's shape: a list of
GeoJSON Features and FeatureCollections (a municipality in parts, water parts with GF 2)."""

import io
import json
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from handschlag.places import loader, vg250
from handschlag.places.importer import ImportResult, read_rows
from handschlag.places.models import Municipality
from handschlag.places.seed import SEED_TOWNS, ensure_seed_towns

SAMPLE = Path(__file__).parent / "data" / "gemeinden_sample.geo.json"


def sample_tarball(path: Path) -> Path:
    """The sample packed the way `npm pack` leaves the package."""
    target = path / vg250.TARBALL_NAME
    content = SAMPLE.read_bytes()
    with tarfile.open(target, "w:gz") as tar:
        info = tarfile.TarInfo(vg250.MEMBER)
        info.size = len(content)
        tar.addfile(info, io.BytesIO(content))
    return target


@pytest.fixture
def data_dir(db, settings, tmp_path):
    settings.MUNICIPALITY_DATA_DIR = tmp_path
    return tmp_path


def test_reads_key_name_and_centroid_of_the_land_parts():
    rows = {row.ags: row for row in vg250.read_geojson(json.loads(SAMPLE.read_text()))}
    assert set(rows) == {"09463000", "13073088", "16072018"}  # no unincorporated, bad keys
    coburg = rows["09463000"]
    assert coburg.name == "Coburg" and coburg.population == 0
    assert coburg.latitude == pytest.approx(50.265) and coburg.longitude == pytest.approx(10.965)
    # two land squares side by side; the water part (further north-east) does not count
    stralsund = rows["13073088"]
    assert stralsund.latitude == pytest.approx(54.305)
    assert stralsund.longitude == pytest.approx(13.125)


def test_centroid_of_an_l_shape_is_area_weighted():
    big = {"type": "Polygon", "coordinates": [[[0, 0], [2, 0], [2, 1], [0, 1], [0, 0]]]}
    small = {"type": "Polygon", "coordinates": [[[2, 0], [3, 0], [3, 1], [2, 1], [2, 0]]]}
    latitude, longitude = vg250.centroid([big, small])
    assert (latitude, longitude) == pytest.approx((0.5, 1.5))


def test_loader_converts_once_and_imports_idempotently(data_dir, django_assert_max_num_queries):
    sample_tarball(data_dir)
    result = loader.load_full_list()
    assert (result.created, result.updated) == (3, 0)
    assert loader.csv_path().exists()
    coburg = Municipality.objects.get(ags="09463000")
    assert (coburg.name, coburg.slug, coburg.state) == ("Coburg", "coburg", "BY")
    # again: read from the converted file, nothing new, nothing written but reads
    with django_assert_max_num_queries(5):
        again = loader.load_full_list()
    assert (again.created, again.updated) == (0, 3)
    assert Municipality.objects.get(ags="09463000").slug == "coburg"


def test_seed_towns_keep_their_keys_slugs_and_populations(data_dir):
    seeded = {m.ags: m for m in ensure_seed_towns()}
    sample_tarball(data_dir)
    loader.load_full_list()
    sonneberg = Municipality.objects.get(ags="16072018")
    assert sonneberg.pk == seeded["16072018"].pk and sonneberg.slug == "sonneberg"
    assert sonneberg.population == 23_500  # the list has none: a known one is kept
    ensure_seed_towns()
    assert Municipality.objects.filter(ags__in=[t.ags for t in SEED_TOWNS]).count() == len(
        SEED_TOWNS
    )


def test_command_without_the_package(data_dir):
    with pytest.raises(CommandError, match="make data"):
        call_command("load_municipalities")
    err = io.StringIO()
    call_command("load_municipalities", if_present=True, stderr=err)
    assert "make data" in err.getvalue() and not Municipality.objects.exists()


def test_command_with_the_package(data_dir):
    sample_tarball(data_dir)
    out = io.StringIO()
    call_command("load_municipalities", stdout=out)
    assert "created 3" in out.getvalue()


SHIPPED = Path(settings.BASE_DIR) / "var" / "data" / vg250.TARBALL_NAME


@pytest.mark.skipif(not SHIPPED.exists(), reason="run `make data` first (make unit does)")
def test_the_shipped_data_knows_coburg_and_every_municipality():
    path = loader.ensure_csv()  # converted from the package once (as load_demo does)
    assert path is not None
    with path.open(encoding="utf-8") as file:
        rows = {row.ags: row for row in read_rows(file, ImportResult())}
    assert rows["09463000"].name == "Coburg"
    assert rows["09463000"].latitude == pytest.approx(50.26, abs=0.05)
    assert rows["09463000"].longitude == pytest.approx(10.96, abs=0.05)
    assert len(rows) > 10_800
    for seed in SEED_TOWNS:
        if seed.name != "Burgenlandkreis":  # a district, not a municipality
            assert rows[seed.ags].name == seed.name
