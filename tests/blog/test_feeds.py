import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def parse(content: bytes) -> ET.Element:
    """Parse our own feed; it is trusted test output, not input from outside."""
    return ET.fromstring(content)  # noqa: S314


def test_rss_feed_is_valid_xml_with_titles_links_and_promise_link(client):
    promise = factories.PromiseFactory(title="Tablets für alle")
    post = factories.PostFactory(title="Tablets im Unterricht", byline="Lesepaten", promise=promise)
    factories.PostFactory(title="Unveröffentlicht", published_at=None)
    response = client.get(reverse("blog:rss"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = parse(response.content)
    items = root.findall("./channel/item")
    assert [item.findtext("title") for item in items] == ["Tablets im Unterricht"]
    item = items[0]
    assert item.findtext("link") == f"http://testserver{post.get_absolute_url()}"
    assert item.findtext("pubDate")
    description = item.findtext("description")
    assert "Wie eine Initiative" in description
    assert f"http://testserver{promise.get_absolute_url()}" in description


def test_atom_feed_is_valid_xml_with_author(client):
    post = factories.PostFactory(title="Ein Atom-Beitrag", byline="Redaktion", teaser="")
    response = client.get(reverse("blog:atom"))
    assert response.status_code == 200
    root = parse(response.content)
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Ein Atom-Beitrag"]
    entry = entries[0]
    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver{post.get_absolute_url()}"
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Redaktion"
    # Without a teaser the first paragraph is the summary.
    assert "Ein Bericht." in entry.findtext(f"{ATOM}summary")
    assert "Mit zwei Absätzen" not in entry.findtext(f"{ATOM}summary")


def test_feed_escapes_markup_from_posts(client):
    factories.PostFactory(title="<b>fett</b>", teaser="<script>alert(1)</script>")
    response = client.get(reverse("blog:rss"))
    root = parse(response.content)  # still well-formed
    assert root.findtext("./channel/item/title") == "<b>fett</b>"
    assert "<script>" not in root.findtext("./channel/item/description")


def test_feed_has_at_most_thirty_items(client):
    factories.PostFactory.create_batch(32)
    root = parse(client.get(reverse("blog:rss")).content)
    assert len(root.findall("./channel/item")) == 30
