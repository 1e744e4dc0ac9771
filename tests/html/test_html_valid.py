"""The project's standard "the HTML is valid": the Nu Html Checker reports no errors on any page.

Every page of tests/html/pages.py is rendered with the test client against the demo world, as
the person who sees it, written to a file, and all files are checked in ONE run of the checker
(Java starts slowly). Each page is then one test, so a failure names the page, its URL and
every error with its line. Warnings are not checked (`--errors-only`).

Without the checker or Java the tests fail (the standard requires the check): `make vnu`.
"""

from __future__ import annotations

import re
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.test import Client, override_settings

from . import checker
from .page import Page
from .pages import PAGES
from .world import PageWorld, build_page_world

SHOWS_ERRORS = re.compile(r'class="[^"]*\b(errorlist|message-error)\b')

pytestmark = [
    pytest.mark.django_db,  # so that the test database is set up (the pages use it in `checked`)
    pytest.mark.xdist_group("html_valid"),  # `make unit` runs the checker once, not per worker
]


@dataclass
class Rendered:
    url: str = ""
    file: Path | None = None
    failure: str = ""  # why the page could not be rendered as expected
    html: str = ""
    problems: list[checker.Problem] = field(default_factory=list)


def render(page: Page, world: PageWorld, folder: Path) -> Rendered:
    """The page as its person sees it; whatever it writes (a form sent, a session) is undone,
    so every page sees the same world."""
    rendered = Rendered()
    try:
        with transaction.atomic():
            rendered.url = page.url(world)
            client = Client()
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = page.language
            user = page.user(world)
            if user is not None:
                client.force_login(user)
            if page.data is None:
                response = client.get(rendered.url)
            else:
                response = client.post(rendered.url, page.data(world))
            transaction.set_rollback(True)
    except Exception:  # reported as this page's failure; the other pages go on
        rendered.failure = traceback.format_exc(limit=-3)
        return rendered
    if response.status_code != page.status:
        where = response.get("Location", "")
        rendered.failure = f"status {response.status_code} {where}, expected {page.status}"
        return rendered
    rendered.file = folder / f"{page.name}.html"
    rendered.file.write_bytes(response.content)
    rendered.html = response.content.decode()
    return rendered


def selected_pages(request: pytest.FixtureRequest) -> list[Page]:
    """The pages whose tests run (all, unless some were chosen, e.g. with -k)."""
    names = set()
    for item in request.session.items:
        callspec = getattr(item, "callspec", None)
        if item.module is request.module and callspec and "page" in callspec.params:
            names.add(callspec.params["page"].name)
    return [page for page in PAGES if page.name in names]


@pytest.fixture(scope="module")
def checked(
    request: pytest.FixtureRequest, django_db_setup, django_db_blocker, tmp_path_factory
) -> dict[str, Rendered]:
    missing = checker.missing()
    if missing:
        pytest.fail(missing, pytrace=False)
    folder = tmp_path_factory.mktemp("html")
    quick = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(LANGUAGE_CODE="de", MEDIA_ROOT=folder / "media", PASSWORD_HASHERS=quick),
        transaction.atomic(),
    ):
        for cache in caches.all(initialized_only=True):
            cache.clear()
        world = build_page_world()
        results = {page.name: render(page, world, folder) for page in selected_pages(request)}
        transaction.set_rollback(True)  # the world leaves nothing behind for other tests
    files = [result.file for result in results.values() if result.file]
    problems = checker.check(files) if files else {}
    for result in results.values():
        if result.file:
            result.problems = problems.get(result.file, [])
    return results


def test_page_names_are_unique() -> None:
    names = [page.name for page in PAGES]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_page_is_valid_html(page: Page, checked: dict[str, Rendered]) -> None:
    result = checked[page.name]
    if result.failure:
        pytest.fail(f"{page.name} ({result.url}) was not rendered: {result.failure}", pytrace=False)
    if page.name.endswith("_errors") and not SHOWS_ERRORS.search(result.html):
        pytest.fail(f"{page.name} ({result.url}) shows no form errors", pytrace=False)
    if result.problems:
        errors = "\n".join(f"  {problem}" for problem in result.problems)
        pytest.fail(
            f"{page.name} ({result.url}) is not valid HTML; the page is in {result.file}:\n"
            f"{errors}",
            pytrace=False,
        )
