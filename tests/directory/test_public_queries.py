"""Every reader's page runs a constant number of queries, few enough for a cheap server:
the same with one offer (or section) as with many."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from handschlag.directory.models import Offer
from handschlag.directory.translating import translate

from . import factories
from .public_world import build_public_world, more_offers

pytestmark = pytest.mark.django_db

MAX_QUERIES = 10


def count(client, url: str) -> int:
    client.get(url)  # content types and other per-process caches warm
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def grow(world) -> None:
    """Many more offers (translated, with places), guide sections and linked offers."""
    added = more_offers(world.portal, 25)
    for offer in added[:10]:
        text = f"Пропозиція {offer.pk}"
        translate(obj=offer, field="name", language="uk", text=text, by=world.editor)
    for position in range(10, 30):
        section = factories.GuideSectionFactory(page=world.guide, position=position)
        translate(obj=section, field="body", language="uk", text="Текст", by=world.editor)
    world.guide.offers.add(*added)
    for n in range(8):
        factories.GuidePageFactory(topic=world.guide.topic, slug=f"seite-{n}")


def urls(world) -> dict[str, str]:
    slug = world.town.slug
    offers = reverse("directory:offers", args=[slug])
    return {
        "index": reverse("directory:index"),
        "index_search": reverse("directory:index") + "?place=Lauscha",
        "home": reverse("directory:portal", args=[slug]),
        "list": offers,
        "list_filtered": offers + "?q=deutsch&topic=language&language=ar",
        "list_near": offers + "?place=Neuhaus-Schierschnitz&radius=25",
        "list_postcode": offers + "?place=96515",
        "offer": world.course.get_absolute_url(),
        "guides": reverse("directory:guides", args=[slug]),
        "guide": world.guide.get_absolute_url(),
    }


@pytest.mark.parametrize("language", ["de", "uk"])
def test_each_page_runs_the_same_few_queries_with_one_or_many_offers(client, settings, language):
    settings.LANGUAGES = [*settings.LANGUAGES, ("uk", "Українська")]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    world = build_public_world()
    Offer.objects.exclude(pk__in=[world.course.pk, world.unpublished.pk]).update(
        published_at=None
    )  # one public offer
    few = {name: count(client, url) for name, url in urls(world).items()}
    Offer.objects.update(published_at=world.course.published_at)
    grow(world)
    many = {name: count(client, url) for name, url in urls(world).items()}
    assert many == few
    assert max(many.values()) <= MAX_QUERIES, many


def test_a_signed_in_editor_adds_only_the_session_and_permission_queries(client, settings):
    world = build_public_world()
    client.force_login(world.editor)
    small = count(client, world.guide.get_absolute_url())
    grow(world)
    assert count(client, world.guide.get_absolute_url()) == small
    assert small <= MAX_QUERIES + 4
