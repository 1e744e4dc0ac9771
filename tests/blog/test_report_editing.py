"""The moderator's report page: edit title, lead, sections and photo descriptions, preview
the post as the blog will show it (nothing saved), save, publish with the edits; everyone
else is refused with nothing changed. And the published post: sections under headings, each
sentence once, the lead as the feeds' description."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from handschlag.audit.models import AuditEntry
from handschlag.blog import services
from handschlag.blog.models import Post
from handschlag.core.errors import DomainError
from handschlag.promises import services as promise_services
from handschlag.promises.models import Redemption
from tests import factories
from tests.conftest import client_for
from tests.promises.report_data import CONTENT

from .reporting import edit_data
from .test_feeds import parse
from .test_reports import confirmed_report

pytestmark = pytest.mark.django_db


def review_url(redemption):
    return reverse("blog:review_report", args=[redemption.pk])


@pytest.fixture
def confirmed():
    redemption = confirmed_report(factories.PromiseFactory(title="Tablets"))
    factories.ReportPhotoFactory(redemption=redemption, alt_text="Bild")
    return redemption


def snapshot(redemption):
    redemption.refresh_from_db()
    return (
        redemption.state, redemption.report_title, redemption.report_lead,
        redemption.report_happened, [p.alt_text for p in redemption.photos.all()],
        Post.objects.count(),
    )  # fmt: skip


def test_the_page_shows_the_report_in_an_editable_form(moderator, confirmed):
    html = client_for(moderator).get(review_url(confirmed)).text
    photo = confirmed.photos.get()
    assert f'value="{CONTENT.title}"' in html and CONTENT.advice in html
    assert f'name="alt_{photo.pk}"' in html and 'value="Bild"' in html
    for decision in ("preview", "save", "publish"):
        assert f'name="decision" value="{decision}"' in html


def test_preview_shows_the_edited_post_and_saves_nothing(moderator, confirmed):
    before = snapshot(confirmed)
    photo = confirmed.photos.get()
    response = client_for(moderator).post(
        review_url(confirmed),
        edit_data(
            confirmed,
            decision="preview",
            title="Ein besserer Titel",
            worked="Feste Tandems, neu formuliert.",
            **{f"alt_{photo.pk}": "Zwei Kinder am Tablet"},
        ),
    )
    assert response.status_code == 200
    preview = response.context["preview"]
    assert preview.pk is None and preview.title == "Ein besserer Titel"
    html = response.text
    assert "Vorschau: so erscheint der Bericht im Blog" in html
    assert "Ein besserer Titel" in html and "Feste Tandems, neu formuliert." in html
    assert 'alt="Zwei Kinder am Tablet"' in html
    assert "Was gut funktioniert hat" in html  # the sections' headings
    assert snapshot(confirmed) == before  # nothing saved, nothing published


def test_save_keeps_the_edits_for_later(moderator, confirmed):
    photo = confirmed.photos.get()
    response = client_for(moderator).post(
        review_url(confirmed),
        edit_data(
            confirmed, decision="save", lead="Neu.", **{f"alt_{photo.pk}": "Neu beschrieben"}
        ),
    )
    assert response.status_code == 302 and response["Location"] == review_url(confirmed)
    state, title, lead, _happened, alts, posts = snapshot(confirmed)
    assert (state, title, lead, alts, posts) == (
        Redemption.State.CONFIRMED, CONTENT.title, "Neu.", ["Neu beschrieben"], 0
    )  # fmt: skip
    entry = AuditEntry.objects.get(verb="promises.edit_report")
    assert (entry.actor, entry.target) == (moderator, confirmed)


def test_publish_takes_the_edits_into_the_post(moderator, confirmed):
    photo = confirmed.photos.get()
    response = client_for(moderator).post(
        review_url(confirmed),
        edit_data(
            confirmed,
            title="Fünf Tablets für die Straße",
            differently="Früher fragen.",
            **{f"alt_{photo.pk}": "Tablets auf dem Tisch"},
        ),
    )
    assert response.status_code == 302
    post = Post.objects.get(redemption=confirmed)
    assert post.title == "Fünf Tablets für die Straße"
    assert post.slug == "fuenf-tablets-fuer-die-strasse"
    assert dict((s["key"], s["text"]) for s in post.sections)["differently"] == "Früher fragen."
    confirmed.refresh_from_db()
    assert confirmed.state == Redemption.State.PUBLISHED
    assert confirmed.photos.get().alt_text == "Tablets auf dem Tisch"
    page = client_for(confirmed.applicant).get(confirmed.get_absolute_url()).text
    assert "Erfüllt – der Bericht ist im Blog veröffentlicht. Danke!" in page


def test_an_invalid_edit_comes_back_with_errors_and_changes_nothing(moderator, confirmed):
    before = snapshot(confirmed)
    photo = confirmed.photos.get()
    for changes in ({"title": ""}, {"advice": " "}, {f"alt_{photo.pk}": ""}, {"title": "x" * 141}):
        response = client_for(moderator).post(
            review_url(confirmed), edit_data(confirmed, **changes)
        )
        assert response.status_code == 200 and response.context["edit_form"].errors
        assert response.context["preview"] is None
    assert snapshot(confirmed) == before


@pytest.mark.parametrize("decision", ["preview", "save", "publish"])
def test_nobody_but_moderators_edits_previews_or_publishes(client, moderator, confirmed, decision):
    before = snapshot(confirmed)
    data = edit_data(confirmed, decision=decision, title="Übernommen?")
    response = client.post(review_url(confirmed), data)
    assert response.status_code == 302 and "/konto/login/" in response["Location"]
    people = (confirmed.applicant, confirmed.promise.owner, factories.UserFactory())
    for someone in people:
        assert client_for(someone).post(review_url(confirmed), data).status_code == 403
    assert snapshot(confirmed) == before


def test_the_services_refuse_non_moderators_and_wrong_states(moderator, confirmed):
    for someone in (confirmed.applicant, confirmed.promise.owner):
        with pytest.raises(PermissionDenied):
            promise_services.edit_report(redemption=confirmed, by=someone, content=CONTENT)
    running = factories.RedemptionFactory(state=Redemption.State.IN_PROGRESS)
    with pytest.raises(DomainError):
        promise_services.edit_report(redemption=running, by=moderator, content=CONTENT)
    running.refresh_from_db()
    assert running.report_title == "" and not AuditEntry.objects.filter(verb="promises.edit_report")


def test_a_published_report_cannot_be_edited_here(moderator, confirmed):
    client_for(moderator).post(review_url(confirmed), edit_data(confirmed))
    response = client_for(moderator).post(
        review_url(confirmed), edit_data(confirmed, decision="save", title="Später"), follow=True
    )
    assert "message-error" in response.text
    confirmed.refresh_from_db()
    assert confirmed.report_title == CONTENT.title
    assert Post.objects.get().title == CONTENT.title
    assert 'value="publish"' not in response.text


# --- the published post ---------------------------------------------------------------------


def test_the_post_shows_lead_and_sections_under_headings_each_sentence_once(client, moderator):
    redemption = confirmed_report(factories.PromiseFactory())
    post = services.publish_report(redemption=redemption, by=moderator)
    page = client.get(post.get_absolute_url()).text
    assert CONTENT.title in page.split("</title>")[0]
    html = page.split("<main")[1].split("</main>")[0]  # the <head> repeats the lead
    assert html.count(CONTENT.lead) == 1
    for heading, text in (
        ("Was passiert ist", "Zwölf Kinder lernen jetzt mit Tablets."),
        ("Was gut funktioniert hat", CONTENT.worked),
        ("Was wir anders machen würden", CONTENT.differently),
        ("Unser Rat für Orte, die es nachmachen", CONTENT.advice),
    ):
        assert f"<h2>{heading}</h2>" in html
        assert html.count(text) == 1
    assert html.index("Was passiert ist") < html.index("Unser Rat für Orte")


def test_the_feeds_describe_a_report_by_its_lead(client, moderator):
    post = services.publish_report(
        redemption=confirmed_report(factories.PromiseFactory()), by=moderator
    )
    for feed in ("blog:rss", "blog:atom"):
        response = client.get(reverse(feed))
        parse(response.content)  # still well-formed XML
        content = response.content.decode()
        assert post.title in content and CONTENT.lead in content
        assert CONTENT.advice not in content


def test_an_old_report_post_shows_its_text_once(client):
    """A post migrated from before sections: its text as first section, no repeated teaser."""
    post = factories.PostFactory(
        kind=Post.Kind.REPORT,
        teaser="",
        body="Ein alter Bericht.",
        sections=[{"key": "happened", "text": "Ein alter Bericht."}],
    )
    html = client.get(post.get_absolute_url()).text
    assert html.count("Ein alter Bericht.") == 1 and "Was passiert ist" in html


def test_an_editorial_post_still_shows_its_body(client):
    post = factories.PostFactory(body="Erster Absatz.\n\nZweiter Absatz.")
    html = client.get(post.get_absolute_url()).text
    assert "<p>Erster Absatz.</p>" in html and "<p>Zweiter Absatz.</p>" in html
