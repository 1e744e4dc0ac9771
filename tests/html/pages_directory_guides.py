"""The guide editor and the translation workspace of the newcomer portal (directory: guides).

Each URL builds its own small scene with the factories (undone after the page): a portal with
a topic, a page with two sections, one of them translated into Ukrainian and then changed (so
the translate page shows a diff); the page's user is the portal's editor of that scene."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from handschlag.directory.editing import apply_changes
from handschlag.directory.translating import translate
from tests import factories as base
from tests.directory import factories

from .page import Page, in_english
from .world import PageWorld


def _scene(world: PageWorld) -> dict[str, Any]:
    portal = factories.PortalFactory()
    editor = base.UserFactory()
    base.MembershipFactory(user=editor, organisation=portal.organisation)
    page = factories.GuidePageFactory(topic=factories.GuideTopicFactory(portal=portal))
    section = factories.GuideSectionFactory(page=page)
    factories.GuideSectionFactory(page=page, heading="Deutsch lernen", body="Es gibt Kurse.")
    factories.OfferFactory(portal=portal)
    translate(obj=section, field="body", language="uk", text="Зареєструйтеся.", by=editor)
    apply_changes(section, {"body": section.body + " Und das Mietpapier."}, by=editor)
    scene = {"portal": portal, "slug": portal.municipality.slug, "editor": editor,
             "page": page, "section": section}  # fmt: skip
    world.guides_scene = scene  # type: ignore[attr-defined]
    return scene


def _url(name: str, *parts: str) -> Any:
    def build(world: PageWorld) -> str:
        scene = _scene(world)
        args = [scene["slug"], *(p[1:] if p.startswith("=") else scene[p].pk for p in parts)]
        return reverse(name, args=args)

    return build


def _editor(world: PageWorld) -> Any:
    return world.guides_scene["editor"]  # type: ignore[attr-defined]


GUIDES = [
    Page("directory_guides", _editor, _url("directory:guide_editor")),
    Page("directory_guide_page_edit", _editor, _url("directory:guide_page_edit", "page")),
    Page(
        "directory_guide_page_edit_errors",
        _editor,
        _url("directory:guide_page_edit", "page"),
        data=lambda w: {"action": "section", "new-body": ""},
    ),
    Page("directory_guide_section_edit", _editor, _url("directory:guide_section_edit", "section")),
    Page(
        "directory_guide_section_delete",
        _editor,
        _url("directory:guide_section_delete", "section"),
    ),
    Page("directory_translations", _editor, _url("directory:translations")),
    Page("directory_translate_uk", _editor, _url("directory:translate", "=page", "page", "=uk")),
    Page("directory_translate_ar", _editor, _url("directory:translate", "=page", "page", "=ar")),
]

DIRECTORY_GUIDES_PAGES = GUIDES + in_english(
    GUIDES, "directory_guide_page_edit", "directory_translations", "directory_translate_uk"
)
