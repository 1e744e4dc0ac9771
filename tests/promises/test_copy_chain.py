""" "Erfüllt" and "Nachmachen": the rule (public, nobody can apply any more, at least one
redemption fulfilled), the badge on cards and page, the call to action for everyone (login on
demand, then back to the copy form), and the copy chain with places."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from handschlag.promises import selectors, services
from handschlag.promises.filters import DEFAULT_FILTERS
from handschlag.promises.models import Promise, Redemption
from tests import factories
from tests.conftest import client_for

from .conftest import redemption_in

pytestmark = pytest.mark.django_db
S = Redemption.State


def full_promise(*states, capacity=None, **kwargs):
    """A promise whose places are taken by redemptions in `states`."""
    promise = factories.PromiseFactory(capacity=capacity or len(states), **kwargs)
    for state in states:
        redemption_in(state, promise=promise)
    promise.refresh_from_db()
    return promise


# --- the rule ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("states", "capacity", "expected"),
    [
        pytest.param((S.PUBLISHED, S.IN_PROGRESS), 2, True, id="full-one-published"),
        pytest.param((S.CONFIRMED,), 1, True, id="full-one-confirmed"),
        pytest.param((S.IN_PROGRESS, S.REPORTED), 2, False, id="full-none-fulfilled"),
        pytest.param((S.CONFIRMED,), 3, False, id="fulfilled-but-still-open"),
        pytest.param((), 1, False, id="nothing"),
    ],
)
def test_the_erfuellt_rule(states, capacity, expected):
    promise = full_promise(*states, capacity=capacity)
    assert promise.is_fulfilled is expected  # one query per row without the annotation
    annotated = Promise.objects.with_fulfilment().get(pk=promise.pk)
    assert annotated.is_fulfilled is expected
    assert selectors.promise_detail(pk=promise.pk, user=factories.UserFactory()).is_fulfilled is (
        expected
    )


def test_a_promise_whose_time_is_over_is_fulfilled_with_places_left():
    promise = full_promise(S.CONFIRMED, capacity=5, state=Promise.State.EXPIRED)
    assert promise.is_fulfilled
    promise.state = Promise.State.PUBLISHED
    promise.deadline = timezone.localdate() - datetime.timedelta(days=1)
    assert promise.is_fulfilled
    promise.state = Promise.State.WITHDRAWN  # no longer public: no badge, no copying
    assert not promise.is_fulfilled and not promise.can_be_copied


def test_a_returned_report_takes_the_fulfilment_back(moderator):
    promise = full_promise(S.CONFIRMED)
    redemption = promise.redemptions.get()
    redemption.report_text = "x"
    redemption.save()
    assert Promise.objects.with_fulfilment().get(pk=promise.pk).is_fulfilled
    services.return_report(redemption=redemption, by=moderator, comment="Bitte nachbessern")
    assert not Promise.objects.with_fulfilment().get(pk=promise.pk).is_fulfilled


# --- cards and page ------------------------------------------------------------------------


def test_cards_show_erfuellt_and_the_list_annotates_it_in_its_query(client):
    done = full_promise(S.PUBLISHED, title="Erfüllte Tablets")
    busy = full_promise(S.IN_PROGRESS, title="Vergebene Räume")
    listed = {p.pk: p for p in selectors.promise_list(filters=DEFAULT_FILTERS)}
    assert listed[done.pk].fulfilled_count == 1 and listed[busy.pk].fulfilled_count == 0
    html = client.get(reverse("promises:list")).text
    done_card = html.split("Erfüllte Tablets")[1].split("</li>")[0]
    busy_card = html.split("Vergebene Räume")[1].split("</li>")[0]
    assert "Erfüllt" in done_card and "vollständig vergeben" not in done_card
    assert "vollständig vergeben" in busy_card and "Erfüllt" not in busy_card


def test_the_page_of_a_fulfilled_promise_says_so_instead_of_noch_0(client):
    promise = full_promise(S.PUBLISHED, S.CONFIRMED, S.IN_PROGRESS)
    html = client.get(promise.get_absolute_url()).text
    assert 'class="badge badge-fulfilled">Erfüllt<' in html
    assert "erfüllt: 2 von 3" in html and "noch 0 von 3" not in html
    assert "vollständig vergeben" not in html


# --- Nachmachen for everyone -------------------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "user", "promiser"])
def test_everyone_is_invited_to_copy_a_fulfilled_promise(client, who):
    promise = full_promise(S.PUBLISHED)
    browser = {
        "anonymous": client,
        "user": client_for(factories.UserFactory()),
        "promiser": client_for(promise.owner),
    }[who]
    html = browser.get(promise.get_absolute_url()).text
    copy_url = reverse("promises:copy", args=[promise.pk])
    assert f'<a class="button" href="{copy_url}">Nachmachen</a>' in html
    assert "Erfüllt – jetzt in Ihrem Ort nachmachen" in html


def test_an_open_promise_with_a_fulfilment_offers_copying_besides_applying(client):
    promise = full_promise(S.CONFIRMED, capacity=3)
    html = client.get(promise.get_absolute_url()).text
    copy_url = reverse("promises:copy", args=[promise.pk])
    assert f'<a class="button button-secondary" href="{copy_url}">Nachmachen</a>' in html
    assert "Jetzt bewerben" in html


def test_an_unfulfilled_promise_offers_no_copying(client, user):
    promise = full_promise(S.IN_PROGRESS)
    copy_url = reverse("promises:copy", args=[promise.pk])
    assert copy_url not in client.get(promise.get_absolute_url()).text
    response = client_for(user).get(copy_url, follow=True)
    assert response.redirect_chain[-1][0] == promise.get_absolute_url()
    assert "Nur erfüllte Versprechen können nachgemacht werden." in response.text
    assert not Promise.objects.filter(inspired_by=promise).exists()


def test_anonymous_visitors_sign_in_and_come_back_to_the_copy_form(client):
    promise = full_promise(S.PUBLISHED, title="Tablets für Sonneberg")
    copy_url = reverse("promises:copy", args=[promise.pk])

    response = client.get(copy_url)
    assert response.status_code == 302
    login = response["Location"]
    assert login.startswith(reverse("account_login")) and f"next={copy_url}" in login
    # a POST without login copies nothing
    assert client.post(copy_url).status_code == 302
    assert not Promise.objects.filter(inspired_by=promise).exists()

    person = factories.UserFactory()
    back = client.post(login, {"login": person.email, "password": "correct-horse-battery"})
    assert back.status_code == 302 and back["Location"] == copy_url
    form = client.get(copy_url)
    assert form.status_code == 200 and "Entwurf für meinen Ort anlegen" in form.text

    made = client.post(copy_url)
    copy = Promise.objects.get(inspired_by=promise)
    assert made["Location"] == reverse("promises:edit", args=[copy.pk])
    assert (copy.owner, copy.state, copy.municipality) == (person, Promise.State.DRAFT, None)


# --- the copy chain ------------------------------------------------------------------------


def test_the_chain_shows_inspired_by_and_copied_by_with_places(client):
    sonneberg = factories.MunicipalityFactory(name="Sonneberg")
    original = full_promise(S.PUBLISHED, title="Tablets für Sonneberg", municipality=sonneberg)
    towns = [factories.MunicipalityFactory(name=name) for name in ("Pforzheim", "Coburg")]
    copies = [
        factories.PromiseFactory(
            inspired_by=original, title=f"Tablets für {town.name}", municipality=town
        )
        for town in towns
    ]
    factories.PromiseFactory(inspired_by=original, state=Promise.State.DRAFT, title="Geheim")

    html = client.get(original.get_absolute_url()).text
    assert "Nachgemacht von" in html
    assert "2 andere Versprechen sind diesem nachgemacht:" in html
    for copy in copies:
        assert copy.get_absolute_url() in html and copy.title in html
        assert copy.municipality.name in html and copy.promiser_name in html
    assert "Geheim" not in html  # drafts are counted, never shown
    assert "In Vorbereitung: 1 Kopie in einem anderen Ort." in html

    copy_page = client.get(copies[0].get_absolute_url()).text
    inspired = copy_page.split("Inspiriert von")[1].split("</dd>")[0]
    assert original.get_absolute_url() in inspired and "Sonneberg" in inspired


def test_an_original_that_is_no_longer_public_is_not_linked(client):
    original = full_promise(S.PUBLISHED, state=Promise.State.WITHDRAWN)
    copy = factories.PromiseFactory(inspired_by=original)
    html = client.get(copy.get_absolute_url()).text
    assert "Inspiriert von" not in html and original.get_absolute_url() not in html


def test_a_new_public_copy_shows_at_once_on_the_original(client, moderator):
    original = full_promise(S.PUBLISHED)
    assert "Nachgemacht von" not in client.get(original.get_absolute_url()).text  # now cached
    copy = services.copy_promise(promise=original, by=factories.UserFactory())
    copy.municipality = factories.MunicipalityFactory(name="Coburg")
    copy.save()
    services.submit_promise(promise=copy, by=copy.owner)
    services.approve_promise(promise=copy, by=moderator)
    html = client.get(original.get_absolute_url()).text
    assert "1 anderes Versprechen ist diesem nachgemacht:" in html and "Coburg" in html


def test_the_flagship_of_the_demo_is_erfuellt_and_invites_visitors_to_copy(client):
    call_command("load_demo", verbosity=0)
    tablets = Promise.objects.get(title="Zehn Tablets für eine Willkommensklasse")
    html = client.get(tablets.get_absolute_url()).text
    assert 'class="badge badge-fulfilled">Erfüllt<' in html
    assert "vollständig vergeben" not in html and "noch 0 von 10" not in html
    assert "10 von 10 Tablets vergeben" in html
    assert f'href="{reverse("promises:copy", args=[tablets.pk])}">Nachmachen</a>' in html
    # its report in the blog: the redeemers' title, the lead once, sections under headings
    post = tablets.posts.get(kind="report")
    page = client.get(post.get_absolute_url()).text.split("<main")[1]
    assert page.count(post.teaser) == 1 and "<h2>Was gut funktioniert hat</h2>" in page
