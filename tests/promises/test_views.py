"""Promise pages through their forms: create with preview, edit, submit, withdraw, copy, mine.

The redemption pages (apply, decide, report, confirm) are in test_redemption_views.py.
"""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from handschlag.organisations.models import Membership
from handschlag.promises.models import Promise, Redemption
from tests import factories
from tests.conftest import client_for

from .conftest import redemption_in

pytestmark = pytest.mark.django_db


def promise_data(**overrides):
    """What a person types into the promise form."""
    data = {
        "organisation": "",
        "title": "Zehn Tablets für eine Willkommensklasse",
        "description": "Gebrauchte, zurückgesetzte Tablets.",
        "category": "equipment",
        "quantity": "10",
        "unit": "Tablets",
        "estimated_value": "1500",
        "condition": "… eine Initiative damit eine Willkommensklasse unterrichtet.",
        "report_requirements": "Ein Foto und drei Sätze.",
        "municipality": "Sonneberg",
        "deadline": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
        "capacity": "2",
        "eligibility": "anyone",
    }
    data.update(overrides)
    return data


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- create: form → preview → draft or submit -------------------------------------------------


def test_create_form_shows_the_first_step(user):
    response = client_for(user).get(reverse("promises:create"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="title"' in html and 'name="condition"' in html
    assert 'value="preview"' in html


def test_preview_shows_the_promise_and_saves_nothing(user, municipality):
    response = client_for(user).post(
        reverse("promises:create"), promise_data(action="preview", title="Tablets-Vorschau")
    )
    assert response.status_code == 200
    assert response.templates[0].name == "promises/preview.html"
    html = response.content.decode()
    assert "Tablets-Vorschau" in html and "Sonneberg" in html
    # the data travels hidden, and the next step offers submit, draft and back-to-edit
    assert 'type="hidden" name="title" value="Tablets-Vorschau"' in html
    for action in ("edit", "draft", "submit"):
        assert f'value="{action}"' in html
    assert not Promise.objects.exists()


def test_edit_from_preview_returns_to_the_filled_form(user, municipality):
    response = client_for(user).post(
        reverse("promises:create"), promise_data(action="edit", title="Zurück zum Formular")
    )
    assert response.templates[0].name == "promises/form.html"
    assert 'value="Zurück zum Formular"' in response.content.decode()
    assert not Promise.objects.exists()


def test_submit_from_preview_creates_a_pending_promise(user, municipality):
    response = client_for(user).post(reverse("promises:create"), promise_data(action="submit"))
    promise = Promise.objects.get()
    assert response.status_code == 302 and response["Location"] == promise.get_absolute_url()
    assert promise.state == Promise.State.PENDING and promise.owner == user
    assert promise.municipality == municipality
    assert (promise.capacity, promise.remaining_capacity, promise.remaining_quantity) == (2, 2, 10)
    assert any("Moderation" in m for m in messages_of(response))


def test_save_as_draft_creates_a_draft(user, municipality):
    client_for(user).post(reverse("promises:create"), promise_data(action="draft"))
    assert Promise.objects.get().state == Promise.State.DRAFT


def test_create_for_my_organisation(org_member, municipality):
    organisation = org_member.organisation
    client_for(org_member.user).post(
        reverse("promises:create"),
        promise_data(action="submit", organisation=organisation.pk, municipality=""),
    )
    promise = Promise.objects.get()
    assert promise.organisation == organisation and promise.municipality is None


def test_create_for_a_foreign_organisation_is_refused(user, municipality):
    foreign = factories.OrganisationFactory()
    response = client_for(user).post(
        reverse("promises:create"), promise_data(action="submit", organisation=foreign.pk)
    )
    assert response.status_code == 200 and "organisation" in response.context["form"].errors
    assert not Promise.objects.exists()


# --- edit while draft or returned -------------------------------------------------------------


@pytest.mark.parametrize("state", [Promise.State.DRAFT, Promise.State.RETURNED])
def test_owner_edits_a_draft_or_returned_promise_and_resubmits(state, municipality):
    promise = factories.PromiseFactory(state=state, published_at=None, municipality=municipality)
    client = client_for(promise.owner)
    form = client.get(reverse("promises:edit", args=[promise.pk]))
    assert form.status_code == 200 and f'value="{promise.title}"' in form.content.decode()
    assert 'value="Sonneberg"' in form.content.decode()
    response = client.post(
        reverse("promises:edit", args=[promise.pk]),
        promise_data(action="submit", title="Überarbeitet", capacity="4"),
    )
    assert response.status_code == 302
    promise.refresh_from_db()
    assert promise.title == "Überarbeitet" and promise.state == Promise.State.PENDING
    assert promise.remaining_capacity == 4
    assert Promise.objects.count() == 1


def test_returned_promise_shows_the_moderators_comment_to_its_owner(user):
    promise = factories.PromiseFactory(
        state=Promise.State.RETURNED, moderation_comment="Bitte den Ort angeben."
    )
    assert (
        "Bitte den Ort angeben."
        in client_for(promise.owner).get(promise.get_absolute_url()).content.decode()
    )


@pytest.mark.parametrize("state", [Promise.State.PENDING, Promise.State.PUBLISHED])
def test_pending_or_published_promise_cannot_be_edited(state):
    promise = factories.PromiseFactory(state=state, title="Unverändert")
    client = client_for(promise.owner)
    response = client.post(
        reverse("promises:edit", args=[promise.pk]), promise_data(action="submit", title="Neu")
    )
    assert response.status_code == 302 and response["Location"] == promise.get_absolute_url()
    assert any("bearbeitet" in m for m in messages_of(response))
    promise.refresh_from_db()
    assert promise.title == "Unverändert" and promise.state == state


def test_submit_button_on_the_detail_page_sends_a_draft_to_moderation():
    promise = factories.PromiseFactory(state=Promise.State.DRAFT, published_at=None)
    response = client_for(promise.owner).post(reverse("promises:submit", args=[promise.pk]))
    assert response.status_code == 302
    promise.refresh_from_db()
    assert promise.state == Promise.State.PENDING


def test_submitting_a_draft_past_its_deadline_is_refused_with_a_message():
    promise = factories.PromiseFactory(
        state=Promise.State.DRAFT, published_at=None, deadline=datetime.date(2020, 1, 1)
    )
    response = client_for(promise.owner).post(reverse("promises:submit", args=[promise.pk]))
    assert any("Zukunft" in m for m in messages_of(response))
    promise.refresh_from_db()
    assert promise.state == Promise.State.DRAFT


# --- withdraw ---------------------------------------------------------------------------------


def test_owner_withdraws_a_published_promise_and_open_applications_are_declined(promise):
    waiting = factories.RedemptionFactory(promise=promise)
    response = client_for(promise.owner).post(reverse("promises:withdraw", args=[promise.pk]))
    assert response.status_code == 302
    promise.refresh_from_db()
    waiting.refresh_from_db()
    assert promise.state == Promise.State.WITHDRAWN
    assert waiting.state == Redemption.State.DECLINED
    # a withdrawn promise is no longer public
    assert stranger_get(promise.get_absolute_url()).status_code == 404


def stranger_get(url):
    return client_for(factories.UserFactory()).get(url)


def test_withdrawing_twice_shows_a_message(promise):
    client = client_for(promise.owner)
    client.post(reverse("promises:withdraw", args=[promise.pk]))
    response = client.post(reverse("promises:withdraw", args=[promise.pk]))
    assert response.status_code == 302 and messages_of(response)
    promise.refresh_from_db()
    assert promise.state == Promise.State.WITHDRAWN


def test_org_admin_withdraws_the_organisations_promise(org_admin):
    promise = factories.PromiseFactory(organisation=org_admin.organisation)
    client_for(org_admin.user).post(reverse("promises:withdraw", args=[promise.pk]))
    promise.refresh_from_db()
    assert promise.state == Promise.State.WITHDRAWN


# --- "Nachmachen" -----------------------------------------------------------------------------


def test_copy_of_a_fulfilled_promise_remembers_its_inspiration(user):
    original = factories.PromiseFactory(title="Tablets für Sonneberg")
    redemption_in(Redemption.State.CONFIRMED, promise=original)
    detail = client_for(user).get(original.get_absolute_url()).content.decode()
    assert reverse("promises:copy", args=[original.pk]) in detail

    response = client_for(user).post(reverse("promises:copy", args=[original.pk]))

    copy = Promise.objects.get(inspired_by=original)
    assert response.status_code == 302
    assert response["Location"] == reverse("promises:edit", args=[copy.pk])
    assert copy.owner == user and copy.state == Promise.State.DRAFT
    assert copy.title == original.title and copy.municipality is None
    copy_page = client_for(user).get(copy.get_absolute_url()).content.decode()
    assert "Inspiriert von" in copy_page and original.get_absolute_url() in copy_page


def test_original_shows_how_often_it_was_copied(user):
    original = factories.PromiseFactory()
    redemption_in(Redemption.State.PUBLISHED, promise=original)
    for person in (user, factories.UserFactory()):
        client_for(person).post(reverse("promises:copy", args=[original.pk]))
    html = client_for(user).get(original.get_absolute_url()).content.decode()
    assert "In Vorbereitung: 2 Kopien in anderen Orten." in html  # drafts: counted, not linked


def test_copy_of_an_unfulfilled_promise_is_refused_with_a_message(user, promise):
    detail = client_for(user).get(promise.get_absolute_url()).content.decode()
    assert reverse("promises:copy", args=[promise.pk]) not in detail
    response = client_for(user).post(reverse("promises:copy", args=[promise.pk]))
    assert response["Location"] == promise.get_absolute_url()
    assert any("erfüllte" in m for m in messages_of(response))
    assert Promise.objects.count() == 1


# --- "Meine Versprechen" ----------------------------------------------------------------------


def test_mine_lists_my_promises_with_applications_and_next_steps(user):
    mine = factories.PromiseFactory(owner=user, title="Mein Versprechen")
    factories.RedemptionFactory(
        promise=mine, organisation=factories.OrganisationFactory(name="Lesepaten")
    )
    factories.RedemptionFactory(promise=mine)
    draft = factories.PromiseFactory(
        owner=user, title="Mein Entwurf", state=Promise.State.DRAFT, published_at=None
    )
    factories.PromiseFactory(title="Fremdes Versprechen")

    html = client_for(user).get(reverse("promises:mine")).content.decode()

    assert "Mein Versprechen" in html and "Mein Entwurf" in html
    assert "Fremdes Versprechen" not in html
    assert "Lesepaten" in html and "2 neue Bewerbungen – bitte entscheiden" in html
    assert "Entwurf – prüfen und zur Prüfung einreichen" in html
    assert draft.get_absolute_url() in html


def test_mine_lists_my_applications_with_state_and_next_step(user):
    accepted = redemption_in(Redemption.State.ACCEPTED, applicant=user)
    waiting = factories.RedemptionFactory(applicant=user)
    someone_elses = factories.RedemptionFactory()

    html = client_for(user).get(reverse("promises:mine")).content.decode()

    assert accepted.promise.title in html and waiting.promise.title in html
    assert accepted.get_absolute_url() in html and waiting.get_absolute_url() in html
    assert "Angenommen – bitte mit der Umsetzung beginnen" in html
    assert "Wartet auf die Entscheidung" in html
    assert someone_elses.promise.title not in html


def test_mine_shows_the_organisations_promises_to_its_members(org_member):
    promise = factories.PromiseFactory(organisation=org_member.organisation, title="Unser Angebot")
    html = client_for(org_member.user).get(reverse("promises:mine")).content.decode()
    assert "Unser Angebot" in html and promise.get_absolute_url() in html
    assert org_member.role == Membership.Role.MEMBER


def test_mine_says_which_list_is_still_empty(user):
    """(With nothing at all, the page shows how to begin instead: test_mine.py.)"""
    factories.RedemptionFactory(applicant=user)
    html = client_for(user).get(reverse("promises:mine")).content.decode()
    assert "Sie haben noch nichts versprochen." in html
    assert "Sie haben sich noch auf kein Versprechen beworben." not in html


def test_editing_capacity_below_what_is_already_held_shows_the_reason(moderator, municipality):
    promise = factories.PromiseFactory(capacity=2, municipality=municipality)
    redemption_in(Redemption.State.ACCEPTED, promise=promise)
    redemption_in(Redemption.State.IN_PROGRESS, promise=promise)
    Promise.objects.filter(pk=promise.pk).update(state=Promise.State.RETURNED)
    response = client_for(promise.owner).post(
        reverse("promises:edit", args=[promise.pk]), promise_data(action="submit", capacity="1")
    )
    assert response.status_code == 200
    assert "2 Einlösungen sind schon angenommen" in response.content.decode()
    promise.refresh_from_db()
    assert (promise.capacity, promise.remaining_capacity, promise.state) == (2, 0, "returned")
