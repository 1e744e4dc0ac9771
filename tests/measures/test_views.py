"""The measure page (facts, steps, materials, towns, reports, "Nachmachen" with the registered
actions), the proposal form and the moderators' review, as people use them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from handschlag.measures import materials, reports
from handschlag.measures.models import Adoption, Measure
from handschlag.measures.registry import MeasureAction, measure_actions
from handschlag.notifications.models import Notification
from tests import factories as base
from tests.conftest import client_for

from .cast import proposal_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_actions():
    """No registered measure action (the plan's own is put back afterwards)."""
    registered = list(measure_actions)
    for action in registered:
        measure_actions.unregister(action.key)
    yield
    for action in registered:
        if action.key not in measure_actions:
            measure_actions.register(action)


@pytest.fixture
def adopt_action(no_actions):
    """An action as the plan registers it: for admins of a verified municipality only."""

    def url(request, measure):
        if (
            request.user.is_authenticated
            and request.user.memberships.filter(
                role="admin", organisation__kind="municipality", organisation__is_verified=True
            ).exists()
        ):
            return f"/plan/uebernehmen/{measure.slug}/"
        return None

    measure_actions.register(MeasureAction("tests.adopt", "In den Handlungsplan übernehmen", url))
    yield
    measure_actions.unregister("tests.adopt")


def page(cast, who=None, measure=None):
    client = client_for(getattr(cast, who)) if who else base_client()
    response = client.get((measure or cast.published).get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def base_client():
    from django.test import Client

    return Client()


def test_the_page_shows_what_a_measure_is(cast):
    html = page(cast)
    for text in (
        "Willkommenscafé im Rathaus",
        "Neue und alte Nachbarn lernen sich kennen.",
        "ein Nachmittag im Monat",
        "Begegnungsformat",
        "Neuzugewanderte, Stadtgesellschaft",
        "Zusammenhalt und Begegnung, Engagement und Beteiligung",
    ):
        assert text in html
    steps = html[html.index('<ol class="measure-steps">') :]
    assert steps.index("Raum im Rathaus finden") < steps.index("Einladung mehrsprachig")


def test_the_page_speaks_english_where_the_measure_does(cast):
    client = base_client()
    client.cookies["django_language"] = "en"
    html = client.get(cast.published.get_absolute_url()).content.decode()
    assert "Welcome café at the town hall" in html and "Find a room in the town hall" in html


def test_materials_are_listed_with_type_and_size(cast):
    materials.add_material(
        measure=cast.published,
        by=cast.moderator,
        title={"de": "Moderationsleitfaden"},
        upload=SimpleUploadedFile("leitfaden.pdf", b"%PDF-1.4\n" + b"0" * 2000),
    )
    html = page(cast)
    assert "Moderationsleitfaden" in html and "(PDF, 2,0\xa0KB)" in html


def test_towns_link_their_municipality_pages_and_reports_show_their_links(cast):
    Adoption.objects.create(measure=cast.published, municipality=cast.town, organisation=cast.city)
    post = base.PostFactory(promise=base.PromiseFactory(municipality=cast.town), title="So war es")
    for report in (
        reports.add_report(
            measure=cast.published, organisation=cast.city, by=cast.member, note="Gut.", post=post
        ),
        reports.add_report(
            measure=cast.published,
            organisation=cast.city,
            by=cast.member,
            note="Presse.",
            url="https://zeitung.example/cafe",
        ),
    ):
        reports.publish_report(report=report, by=cast.moderator)
    html = page(cast, "stranger")
    assert f'href="{reverse("municipality", args=["sonneberg"])}">Sonneberg</a>' in html
    assert "1 Kommune macht diese Maßnahme." in html
    assert f'href="{post.get_absolute_url()}">Im Blog: So war es</a>' in html
    assert 'href="https://zeitung.example/cafe" rel="noopener noreferrer nofollow"' in html
    assert "Bericht melden" in html


def test_a_report_whose_post_left_the_blog_loses_the_link(cast):
    post = base.PostFactory(promise=base.PromiseFactory(municipality=cast.town), title="Weg")
    report = reports.add_report(
        measure=cast.published, organisation=cast.city, by=cast.member, note="Gut.", post=post
    )
    reports.publish_report(report=report, by=cast.moderator)
    post.published_at = None
    post.save()
    assert "Im Blog: Weg" not in page(cast)


# --- "Nachmachen" --------------------------------------------------------------------------


def test_registered_actions_are_offered_to_whom_they_are_available(cast, adopt_action):
    assert 'href="/plan/uebernehmen/willkommenscafe/"' in page(cast, "town_admin")
    html = page(cast, "stranger")
    assert "/plan/uebernehmen/" not in html
    assert "Admins einer verifizierten Kommune" in html


def test_a_visitor_is_told_to_sign_in_as_municipality_staff(cast, no_actions):
    html = page(cast)
    assert "Melden Sie sich als Mitarbeitende einer Kommune an" in html
    assert f"?next=/massnahmen/{cast.published.slug}/" in html


def test_a_town_that_does_it_already_is_told_so(cast, adopt_action):
    Adoption.objects.create(measure=cast.published, municipality=cast.town, organisation=cast.city)
    html = page(cast, "town_admin")
    assert "Ihre Kommune macht diese Maßnahme schon" in html
    assert 'href="/plan/uebernehmen/willkommenscafe/"' in html  # the action still decides


def test_without_any_action_a_town_admin_is_pointed_to_the_self_assessment(cast, no_actions):
    assert "über die Standortbestimmung" in page(cast, "town_admin")


def test_members_of_a_town_are_invited_to_share_their_experience(cast):
    assert reverse("measures:report", args=[cast.published.slug]) in page(cast, "member")
    assert reverse("measures:report", args=[cast.published.slug]) not in page(cast, "stranger")


# --- proposing -----------------------------------------------------------------------------


def test_an_admin_proposes_with_steps_one_per_line(cast):
    client = client_for(cast.proposer)
    response = client.post(reverse("measures:propose"), proposal_data(cast.initiative))
    measure = Measure.objects.get(slug="sprachcafe-in-der-stadtbibliothek")
    assert response["Location"] == measure.get_absolute_url()
    assert measure.state == Measure.State.DRAFT
    assert measure.steps == [
        {"de": "Raum klären"},
        {"de": "Ehrenamtliche gewinnen"},
        {"de": "Einladung verteilen"},
    ]
    assert measure.title == {
        "de": "Sprachcafé in der Stadtbibliothek",
        "en": "Language café at the public library",
    }
    assert measure.summary == {"de": proposal_data()["summary_de"]}  # no empty English


def test_english_steps_must_match_the_german_ones(cast):
    client = client_for(cast.proposer)
    data = proposal_data(cast.initiative, steps_en="Find a room\nInvite")
    response = client.post(reverse("measures:propose"), data)
    assert response.status_code == 200
    assert "Auf Deutsch sind es 3 Schritte, auf Englisch 2." in response.content.decode()
    assert not Measure.objects.filter(slug__startswith="sprachcafe").exists()
    data["steps_en"] = "Find a room\nRecruit volunteers\nInvite"
    client.post(reverse("measures:propose"), data)
    steps = Measure.objects.get(slug="sprachcafe-in-der-stadtbibliothek").steps
    assert steps[1] == {"de": "Ehrenamtliche gewinnen", "en": "Recruit volunteers"}


def test_an_empty_proposal_comes_back_with_its_errors(cast):
    response = client_for(cast.proposer).post(reverse("measures:propose"), {"sent": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bitte prüfen Sie Ihre Eingaben." in html
    assert "Bitte wählen Sie mindestens ein Handlungsfeld." in html
    assert Measure.objects.count() == 5


def test_a_person_without_an_organisation_is_told_how_to_propose(cast):
    response = client_for(cast.stranger).get(reverse("measures:propose"))
    assert response.status_code == 403
    assert "Admin-Rechte in einer Organisation" in response.content.decode()


def test_the_edit_form_is_filled_with_the_measure(cast):
    html = client_for(cast.proposer).get(reverse("measures:edit", args=[cast.draft.slug]))
    text = html.content.decode()
    assert "Erster Schritt\nZweiter Schritt" in text
    assert "Erster Schritt (en)\nZweiter Schritt (en)" in text


def test_a_returned_proposal_shows_the_comment_to_its_proposers(cast):
    cast.draft.moderation_comment = "Bitte Schritte konkreter."
    cast.draft.save()
    assert "Bitte Schritte konkreter." in page(cast, "proposer", cast.draft)


def test_my_proposals_say_what_happens_next(cast):
    html = client_for(cast.proposer).get(reverse("measures:mine")).content.decode()
    assert "Eingereicht: Die Moderation prüft den Vorschlag." in html
    assert html.count('<li class="card">') == 4
    empty = client_for(cast.other_admin).get(reverse("measures:mine")).content.decode()
    assert "noch keine Maßnahme vorgeschlagen" in empty


def test_a_published_proposal_says_who_submitted_it(cast):
    assert "Willkommen in Sonneberg e. V." in page(cast, measure=cast.proposed)
    html = base_client().get(reverse("measures:list")).content.decode()
    assert "eingereicht von Willkommen in Sonneberg e. V." in html


# --- moderation ----------------------------------------------------------------------------


def test_submitted_proposals_wait_in_the_moderation_queue(cast):
    html = client_for(cast.moderator).get(reverse("moderation:dashboard"), {"queue": "measures"})
    text = html.content.decode()
    assert reverse("measures:review", args=[cast.submitted.slug]) in text
    assert "Maßnahmen zur Prüfung" in text


def test_the_moderator_publishes_from_the_review_page(cast):
    client = client_for(cast.moderator)
    url = reverse("measures:review", args=[cast.submitted.slug])
    assert "Veröffentlichen" in client.get(url).content.decode()
    response = client.post(url, {"decision": "approve", "approve-comment": ""})
    assert response.status_code == 302
    cast.submitted.refresh_from_db()
    assert cast.submitted.state == Measure.State.PUBLISHED
    assert Notification.objects.filter(kind="measures.proposal_published").exists()


def test_returning_without_a_comment_changes_nothing(cast):
    client = client_for(cast.moderator)
    url = reverse("measures:review", args=[cast.submitted.slug])
    response = client.post(url, {"decision": "return", "return-comment": ""})
    assert response.status_code == 200
    assert "Bitte begründen Sie Ihre Entscheidung." in response.content.decode()
    cast.submitted.refresh_from_db()
    assert cast.submitted.state == Measure.State.SUBMITTED


def test_the_moderator_withdraws_a_published_measure(cast):
    client = client_for(cast.moderator)
    url = reverse("measures:review", args=[cast.published.slug])
    client.post(url, {"decision": "withdraw", "withdraw-comment": "Doppelt vorhanden."})
    cast.published.refresh_from_db()
    assert cast.published.state == Measure.State.WITHDRAWN
    assert base_client().get(cast.published.get_absolute_url()).status_code == 404


def test_the_plans_action_takes_a_town_admin_to_adopting_it(cast):
    """The action plan (assessment) registers "In den Handlungsplan übernehmen"."""
    html = page(cast, "town_admin")
    adopt = reverse("assessment:adopt", args=["sonneberg", cast.published.slug])
    assert f'href="{adopt}">In den Handlungsplan übernehmen</a>' in html
    assert adopt not in page(cast, "member") and adopt not in page(cast)
