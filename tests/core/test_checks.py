"""The system check that says when `collectstatic` has not run (with DEBUG off every page is a
500 until it has)."""

from pathlib import Path

import pytest
from django.core import checks
from django.core.management import call_command
from django.test import override_settings

from handschlag.core.checks import pdf_fonts_installed, static_manifest_collected

MANIFEST = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
PLAIN = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
MEDIA = {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def production(static_root: Path | None, staticfiles: dict = MANIFEST, **more):
    return override_settings(
        DEBUG=False,
        STATIC_ROOT=static_root,
        STORAGES={"default": MEDIA, "staticfiles": staticfiles},
        **more,
    )


def ids(messages) -> list[str]:
    return [message.id for message in messages]


def test_warns_when_the_manifest_is_missing(tmp_path):
    with production(tmp_path):
        messages = static_manifest_collected()
    assert ids(messages) == ["handschlag.W001"]
    assert messages[0].level == checks.WARNING
    assert "staticfiles.json" in messages[0].msg
    assert str(tmp_path) in messages[0].msg
    assert "collectstatic" in messages[0].hint
    assert "make serve" in messages[0].hint


def test_is_registered_with_the_system_checks(tmp_path):
    with production(tmp_path):
        assert "handschlag.W001" in ids(checks.run_checks())
        # `check --deploy` runs it too.
        assert "handschlag.W001" in ids(checks.run_checks(include_deployment_checks=True))


def test_silent_once_collectstatic_has_run(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    (source / "site.css").write_text("body { color: #111; }\n")
    static_root = tmp_path / "static"
    with production(
        static_root,
        STATICFILES_DIRS=[source],
        STATICFILES_FINDERS=["django.contrib.staticfiles.finders.FileSystemFinder"],
    ):
        assert ids(static_manifest_collected()) == ["handschlag.W001"]
        call_command("collectstatic", "--noinput", verbosity=0)
        assert (static_root / "staticfiles.json").exists()
        assert static_manifest_collected() == []


def test_unreadable_manifest_is_reported(tmp_path):
    (tmp_path / "staticfiles.json").write_text("{not json")
    with production(tmp_path):
        assert ids(static_manifest_collected()) == ["handschlag.W002"]


def test_missing_static_root_is_reported():
    with production(None):
        messages = static_manifest_collected()
    assert ids(messages) == ["handschlag.W001"]
    assert "STATIC_ROOT" in messages[0].msg


@pytest.mark.parametrize(
    "overrides",
    [
        pytest.param({"DEBUG": True}, id="debug"),
        pytest.param({"STORAGES": {"default": MEDIA, "staticfiles": PLAIN}}, id="no-manifest"),
    ],
)
def test_quiet_where_no_manifest_is_needed(tmp_path, overrides):
    with production(tmp_path), override_settings(**overrides):
        assert static_manifest_collected() == []


def test_missing_pdf_fonts_are_reported(monkeypatch, tmp_path):
    assert pdf_fonts_installed() == []  # the set-up installed them (scripts/ensure-fonts.sh)
    monkeypatch.setenv("PATH", str(tmp_path))  # a machine without fontconfig's fc-list
    messages = pdf_fonts_installed()
    assert ids(messages) == ["handschlag.W003"]
    assert "Noto Naskh Arabic" in messages[0].msg
    assert "ensure-fonts.sh" in messages[0].hint and "fonts-noto-core" in messages[0].hint
    assert "handschlag.W003" in ids(checks.run_checks())
