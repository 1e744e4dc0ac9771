"""The open data pages of the newcomer portal (HSDS 3.0): the index of all portals, a town's
data page as a visitor and as its editor, and the import page (empty and sent without a file).

The scene: Potsdam's portal (made here if the demo has none), kept by the verified Potsdam
office whose staff member is "municipality", with one offer in every detail."""

from __future__ import annotations

from django.urls import reverse

from handschlag.directory.models import Portal
from tests.demo_world import DemoWorld
from tests.directory import factories as directory
from tests.directory.hsds_world import full_offer

from .page import Page, anonymous, at, in_english, nothing, person


def potsdam_portal(world: DemoWorld) -> Portal:
    office = world.organisation("stadt_potsdam")
    portal = Portal.objects.filter(municipality=office.municipality).first()
    if portal is None:
        portal = directory.PortalFactory(municipality=office.municipality, organisation=office)
    if not portal.offers.exists():
        full_offer(portal)
    return portal


def data_page(name: str) -> object:
    return lambda world: reverse(
        f"directory:{name}", args=[potsdam_portal(world).municipality.slug]
    )


DATA_PAGES = [
    Page("portal_data_index", anonymous, at("directory:data_index")),
    Page("portal_data", anonymous, data_page("data")),
    Page("portal_data_editor", person("municipality"), data_page("data")),
    Page("portal_data_import", person("municipality"), data_page("hsds_import")),
    Page(
        "portal_data_import_errors", person("municipality"), data_page("hsds_import"), data=nothing
    ),
]
DATA_PAGES += in_english(DATA_PAGES, "portal_data", "portal_data_import_errors")
