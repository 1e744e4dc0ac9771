"""The reader's pages of the newcomer portal in the HTML check: the index (all portals, near a
place, an unknown place), a portal's home, its offers (all, near a place, bad filters), one
offer (open, temporarily closed, ended, not yet published), its guides, the German original,
the offline page; a portal not yet published as its editors see it.

Each page builds its own portal (tests/directory/public_world.py) in a town of its own, beside
the demo world; the check undoes it after the page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse

from tests.directory.public_world import PublicWorld, build_public_world

from .page import Page, anonymous, at, in_english, in_language
from .world import PageWorld

TOWN = {"name": "Musterhausen am See", "slug": "html-musterhausen", "ags": "16099001"}


def _scene(world: PageWorld) -> PublicWorld:
    scene = build_public_world(**TOWN)
    world.public_scene = scene  # type: ignore[attr-defined]  (for `editor` below)
    return scene


def _editor(world: PageWorld) -> Any:
    return world.public_scene.editor  # type: ignore[attr-defined]


def _at(build: Callable[[PublicWorld], str]) -> Callable[[PageWorld], str]:
    return lambda world: build(_scene(world))


def _offers(query: str = "") -> Callable[[PageWorld], str]:
    return _at(lambda s: reverse("directory:offers", args=[s.town.slug]) + query)


def _unpublished_home(world: PageWorld) -> str:
    scene = _scene(world)
    scene.portal.published_at = None
    scene.portal.save()
    return reverse("directory:portal", args=[scene.town.slug])


# directory: public
DIRECTORY_PUBLIC_PAGES = [
    Page("portal_index", anonymous, _at(lambda s: reverse("directory:index"))),
    Page(
        "portal_index_near", anonymous, _at(lambda s: reverse("directory:index") + "?place=Lauscha")
    ),
    Page(
        "portal_index_errors",
        anonymous,
        _at(lambda s: reverse("directory:index") + "?place=Lausha"),
    ),
    Page("portal_home", anonymous, _at(lambda s: reverse("directory:portal", args=[s.town.slug]))),
    Page("portal_home_unpublished", _editor, _unpublished_home),
    Page("portal_offers", anonymous, _offers()),
    Page("portal_offers_near", anonymous, _offers("?place=Neuhaus-Schierschnitz&radius=25")),
    # the filters kept in the links to share and print the list (and to its PDF)
    Page("portal_offers_filtered", anonymous, _offers("?topic=language&language=ar")),
    Page("portal_offers_none_found", anonymous, _offers("?q=Blumenkohl")),
    Page("portal_offers_errors", anonymous, _offers("?topic=kochen&place=Lausha&radius=7")),
    Page("portal_offer", anonymous, _at(lambda s: s.course.get_absolute_url())),
    Page("portal_offer_closed", anonymous, _at(lambda s: s.counselling.get_absolute_url())),
    Page("portal_offer_no_place", anonymous, _at(lambda s: s.phone_line.get_absolute_url())),
    Page("portal_offer_gone", anonymous, _at(lambda s: s.ended.get_absolute_url()), status=410),
    Page("portal_offer_preview", _editor, _at(lambda s: s.unpublished.get_absolute_url())),
    Page(
        "portal_guides", anonymous, _at(lambda s: reverse("directory:guides", args=[s.town.slug]))
    ),
    Page("portal_guide", anonymous, _at(lambda s: s.guide.get_absolute_url())),
    Page(
        "portal_guide_original",
        anonymous,
        _at(lambda s: s.guide.get_absolute_url() + "?original=1"),
    ),
    Page("portal_guide_preview", _editor, _at(lambda s: s.draft_guide.get_absolute_url())),
    Page("portal_offline", anonymous, at("directory:offline")),
    Page("portal_not_found", anonymous, at("directory:portal", "gibt-es-nicht"), status=404),
]
DIRECTORY_PUBLIC_PAGES += in_english(
    DIRECTORY_PUBLIC_PAGES,
    "portal_home",
    "portal_offers_near",
    "portal_offer",
    "portal_guide",
)
# the reader's tools (report, PDF, print and share) right to left
DIRECTORY_PUBLIC_PAGES += in_language(DIRECTORY_PUBLIC_PAGES, "ar", "portal_offers_filtered")
