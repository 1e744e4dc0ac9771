from hypothesis import given
from hypothesis import strategies as st

from handschlag.core.geo import bounding_box, haversine_km


def test_distance_potsdam_berlin_is_about_27_km():
    assert 25 < haversine_km(52.3906, 13.0645, 52.5200, 13.4050) < 29


@given(
    lat=st.floats(47, 55),
    lon=st.floats(5, 15),
    km=st.floats(1, 200),
    bearing_lat=st.floats(-1, 1),
    bearing_lon=st.floats(-1, 1),
)
def test_every_point_within_the_radius_lies_inside_the_bounding_box(
    lat, lon, km, bearing_lat, bearing_lon
):
    min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, km)
    point = (lat + bearing_lat * 2, lon + bearing_lon * 3)
    if haversine_km(lat, lon, *point) <= km:
        assert min_lat <= point[0] <= max_lat
        assert min_lon <= point[1] <= max_lon
