"""The kernel's media areas (handschlag/core/media.py): an app registers a top folder and who
may see a file in it; the kernel serves it, or answers 404, and never imports the app.

These tests register a throw-away area, the way a new feature app would in `ready()`.
"""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpRequest
from django.test import Client

from handschlag.core.media import MediaArea, Visibility, clean_path, media_areas
from handschlag.core.registry import AlreadyRegistered

PLAN = {"plans/public.pdf": Visibility.PUBLIC, "plans/private.pdf": Visibility.PRIVATE}
asked: list[str] = []


def plan_visibility(request: HttpRequest, path: str) -> Visibility:
    asked.append(path)
    return PLAN.get(path, Visibility.HIDDEN)


@pytest.fixture
def plans():
    asked.clear()
    media_areas.register(MediaArea(prefix="plans/", visibility=plan_visibility))
    for name in [*PLAN, "plans/hidden.pdf"]:
        default_storage.save(name, ContentFile(b"%PDF-1.7 " + name.encode()))
    yield
    media_areas.unregister("plans/")


def test_the_promises_app_registered_its_report_photos():
    assert "reports/" in media_areas


def test_an_area_serves_what_it_allows_and_hides_the_rest(plans):
    client = Client()
    public = client.get("/media/plans/public.pdf")
    assert public.status_code == 200
    assert b"".join(public.streaming_content) == b"%PDF-1.7 plans/public.pdf"
    assert public["Content-Type"] == "application/pdf"
    assert "public" in public["Cache-Control"]

    private = client.get("/media/plans/private.pdf")
    assert private.status_code == 200
    assert "private" in private["Cache-Control"] and "no-store" in private["Cache-Control"]

    assert client.get("/media/plans/hidden.pdf").status_code == 404  # exists, not allowed
    assert client.get("/media/plans/nowhere.pdf").status_code == 404
    assert asked == [f"plans/{n}.pdf" for n in ("public", "private", "hidden", "nowhere")]


def test_the_area_is_not_asked_about_paths_that_are_not_plain(plans):
    for url in ["/media/plans/../plans/public.pdf", "/media/plans/", "/media/plans//public.pdf"]:
        assert Client().get(url).status_code == 404
    assert asked == []


def test_an_unregistered_area_is_gone_at_once(plans):
    media_areas.unregister("plans/")
    assert Client().get("/media/plans/public.pdf").status_code == 404


def test_an_area_is_one_top_folder_registered_once(plans):
    for prefix in ["plans", "/plans/", "plans/2024/", "../", "", "Plans/"]:
        with pytest.raises(ValueError):
            MediaArea(prefix=prefix, visibility=plan_visibility)
    with pytest.raises(AlreadyRegistered):
        media_areas.register(MediaArea(prefix="plans/", visibility=plan_visibility))


@pytest.mark.parametrize(
    "path",
    [
        "",
        "/etc/passwd",
        "../x",
        "a/../b",
        "a/./b",
        "a//b",
        "a/",
        ".",
        "a\\b",
        "a\x00b",
        "a\nb",
        "A" * 256,
        "a/" + "é" * 128,  # 256 bytes in UTF-8
        "a/" * 600 + "b",
    ],
)
def test_clean_path_refuses_what_is_not_a_plain_relative_path(path):
    assert clean_path(path) is None


@pytest.mark.parametrize("path", ["reports/1/20260101.jpg", "a", "A" * 255, "a/b-c_d.e f.jpg"])
def test_clean_path_keeps_plain_relative_paths(path):
    assert clean_path(path) == path
