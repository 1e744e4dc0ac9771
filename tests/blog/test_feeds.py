import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from handschlag.blog.services import publish_report, unpublish_post
from handschlag.promises import services
from handschlag.promises.models import Redemption
from tests import factories
from tests.promises.report_data import CONTENT, form_data
from tests.promises.report_data import content as report_content

from .reporting import edit_data

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


def published_report(moderator, promise_title="Tablets für die Willkommensklasse"):
    """A report taken through the real services, from application to the blog."""
    promise = factories.PromiseFactory(title=promise_title)
    redemption = factories.RedemptionFactory(
        promise=promise, applicant__first_name="Lena", applicant__last_name="Kurz"
    )
    services.accept_application(redemption=redemption, by=promise.owner)
    services.start_redemption(redemption=redemption, by=redemption.applicant)
    services.submit_report(
        redemption=redemption,
        by=redemption.applicant,
        content=report_content(
            title="Tablets in Sonneberg: zwölf Kinder lernen Deutsch",
            lead="Zwölf Kinder lernen jetzt mit Tablets.",
        ),
        consent=True,
    )
    services.confirm_fulfilment(redemption=redemption, by=promise.owner)
    post = publish_report(redemption=redemption, by=moderator)
    assert Redemption.objects.get(pk=redemption.pk).state == Redemption.State.PUBLISHED
    return post, promise


@pytest.mark.parametrize("feed", ["blog:rss", "blog:atom"])
def test_published_reports_are_in_both_feeds_with_a_link_to_their_promise(client, moderator, feed):
    post, promise = published_report(moderator)
    content = client.get(reverse(feed)).content.decode()
    assert "Tablets in Sonneberg: zwölf Kinder lernen Deutsch" in content
    assert f"http://testserver{post.get_absolute_url()}" in content
    assert f"http://testserver{promise.get_absolute_url()}" in content
    assert "Zwölf Kinder lernen jetzt mit Tablets." in content  # the lead is the description
    assert CONTENT.worked not in content  # the sections are on the page, not in the feed


def test_a_report_taken_off_the_blog_leaves_the_feeds(client, moderator):
    post, _ = published_report(moderator)
    unpublish_post(post=post, by=moderator)
    for feed in ("blog:rss", "blog:atom"):
        assert post.title not in client.get(reverse(feed)).content.decode()


def test_feed_speaks_the_readers_language(client):
    factories.PostFactory()
    rss = parse(client.get(reverse("blog:rss"), headers={"accept-language": "en"}).content)
    assert rss.findtext("./channel/language") == "en"
    assert rss.findtext("./channel/title") == "Handschlag – Blog"


# Issue #7 F2: a control character in a published report took both feeds down (500).


def test_a_report_typed_with_a_control_character_is_published_and_the_feeds_stay_up(
    client, moderator
):
    from tests.conftest import client_for
    from tests.promises.conftest import redemption_in

    redemption = redemption_in(Redemption.State.IN_PROGRESS)
    redeemer = client_for(redemption.applicant)
    redeemer.post(
        reverse("promises:report", args=[redemption.pk]),
        form_data(lead="Alles erledigt.\x0b Danke!"),
    )
    services.confirm_fulfilment(redemption=redemption, by=redemption.promise.owner)
    redemption.refresh_from_db()
    client_for(moderator).post(
        reverse("blog:review_report", args=[redemption.pk]), edit_data(redemption)
    )
    redemption.refresh_from_db()
    assert redemption.state == Redemption.State.PUBLISHED
    assert redemption.report_lead == "Alles erledigt. Danke!"  # cleaned when it was saved
    for feed in ("blog:rss", "blog:atom"):
        response = client.get(reverse(feed))
        assert response.status_code == 200
        assert "Alles erledigt. Danke!" in response.content.decode()


@pytest.mark.parametrize("feed", ["blog:rss", "blog:atom"])
def test_control_characters_stored_earlier_do_not_break_the_feeds(client, feed):
    from handschlag.blog.models import Post

    post = factories.PostFactory(title="Titel", byline="Anna", body="Text")
    # as a row written before input was cleaned: update() skips the model's save
    Post.objects.filter(pk=post.pk).update(
        title="Ti\x0btel", byline="An\x1bna", teaser="Kurz\x07 gesagt", body="Te\x01xt"
    )
    response = client.get(reverse(feed))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Titel" in text and "Anna" in text and "Kurz gesagt" in text


def test_names_are_stored_without_control_characters():
    user = factories.UserFactory(first_name="Ann\x0ba", last_name="B\x7fauer")
    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Anna", "Bauer")
