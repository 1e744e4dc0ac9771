"""Redemption pages through their forms: apply, accept, decline, start, report, confirm, dispute."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from PIL import Image

from handschlag.promises.models import Eligibility, Promise, Redemption
from tests import factories
from tests.conftest import client_for

from .conftest import jpeg_with_gps, redemption_in
from .report_data import CONTENT, form_data

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def post(user, name, redemption, data=None, **kwargs):
    return client_for(user).post(
        reverse(f"promises:{name}", args=[redemption.pk]), data or {}, **kwargs
    )


# --- apply ------------------------------------------------------------------------------------


def test_apply_form_and_submission(user, promise):
    client = client_for(user)
    form = client.get(reverse("promises:apply", args=[promise.pk]))
    assert form.status_code == 200 and 'name="plan"' in form.content.decode()

    response = client.post(
        reverse("promises:apply", args=[promise.pk]), {"plan": "Montags Deutschkurs", "quantity": 3}
    )

    redemption = Redemption.objects.get()
    assert response.status_code == 302 and response["Location"] == redemption.get_absolute_url()
    assert (redemption.applicant, redemption.plan, redemption.quantity) == (
        user, "Montags Deutschkurs", 3,
    )  # fmt: skip
    assert redemption.state == Redemption.State.APPLIED
    # the applicant's way back to it is on the promise page
    detail = client.get(promise.get_absolute_url()).content.decode()
    assert redemption.get_absolute_url() in detail


def test_apply_for_my_organisation(org_member):
    promise = factories.PromiseFactory(eligibility=Eligibility.ORGANISATIONS)
    organisation = org_member.organisation
    client_for(org_member.user).post(
        reverse("promises:apply", args=[promise.pk]),
        {"organisation": organisation.pk, "plan": "Wir machen das", "quantity": 1},
    )
    assert Redemption.objects.get().organisation == organisation


def test_apply_to_organisations_only_promise_without_organisation_is_refused(user):
    promise = factories.PromiseFactory(eligibility=Eligibility.ORGANISATIONS)
    response = client_for(user).post(
        reverse("promises:apply", args=[promise.pk]), {"plan": "Ich allein", "quantity": 1}
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert not Redemption.objects.exists()


def test_apply_to_verified_only_promise_with_unverified_organisation_shows_the_reason(org_member):
    promise = factories.PromiseFactory(eligibility=Eligibility.VERIFIED)
    response = client_for(org_member.user).post(
        reverse("promises:apply", args=[promise.pk]),
        {"organisation": org_member.organisation.pk, "plan": "Wir", "quantity": 1},
    )
    assert response.status_code == 200
    assert "verifizierte Organisationen" in response.content.decode()
    assert not Redemption.objects.exists()


def test_apply_for_more_than_is_left_is_refused_with_a_field_error(user, promise):
    response = client_for(user).post(
        reverse("promises:apply", args=[promise.pk]), {"plan": "Viel", "quantity": 11}
    )
    assert response.status_code == 200
    assert "Es sind nur noch 10 Tablets verfügbar." in response.context["form"].errors["quantity"]
    assert not Redemption.objects.exists()


def test_applying_twice_shows_a_message_and_keeps_one_application(user, promise):
    url = reverse("promises:apply", args=[promise.pk])
    client = client_for(user)
    client.post(url, {"plan": "Erste", "quantity": 1})
    response = client.post(url, {"plan": "Zweite", "quantity": 1})
    assert response.status_code == 200 and "bereits beworben" in response.content.decode()
    assert Redemption.objects.count() == 1


def test_apply_to_a_closed_promise_shows_no_form(user):
    full = factories.PromiseFactory(remaining_capacity=0)
    html = client_for(user).get(reverse("promises:apply", args=[full.pk])).content.decode()
    assert "nicht (mehr) offen" in html and 'name="plan"' not in html


# --- accept, decline --------------------------------------------------------------------------


def test_promiser_sees_the_application_and_accepts_it(promise):
    redemption = factories.RedemptionFactory(promise=promise, quantity=4)
    page = client_for(promise.owner).get(promise.get_absolute_url()).content.decode()
    assert reverse("promises:accept", args=[redemption.pk]) in page and redemption.plan in page

    response = post(promise.owner, "accept", redemption)

    assert response["Location"] == redemption.get_absolute_url()
    redemption.refresh_from_db()
    promise.refresh_from_db()
    assert redemption.state == Redemption.State.ACCEPTED
    assert (promise.remaining_capacity, promise.remaining_quantity) == (1, 6)


def test_accepting_beyond_capacity_shows_a_clear_message():
    promise = factories.PromiseFactory(capacity=1)
    first, second = factories.RedemptionFactory.create_batch(2, promise=promise)
    post(promise.owner, "accept", first)
    response = post(promise.owner, "accept", second)
    assert "Dieses Versprechen ist bereits vollständig vergeben." in messages_of(response)
    second.refresh_from_db()
    assert second.state == Redemption.State.APPLIED


def test_decline_with_reason_is_shown_to_the_applicant(promise):
    redemption = factories.RedemptionFactory(promise=promise)
    post(promise.owner, "decline", redemption, {"decline-reason": "Wir haben schon genug Hilfe."})
    redemption.refresh_from_db()
    assert redemption.state == Redemption.State.DECLINED
    page = client_for(redemption.applicant).get(redemption.get_absolute_url()).content.decode()
    assert "Wir haben schon genug Hilfe." in page


def test_decline_without_reason_re_renders_with_an_error(promise):
    redemption = factories.RedemptionFactory(promise=promise)
    response = post(promise.owner, "decline", redemption, {"decline-reason": ""})
    assert response.status_code == 200
    assert response.context["decline_form"].errors["reason"]
    redemption.refresh_from_db()
    assert redemption.state == Redemption.State.APPLIED


def test_applicant_withdraws_the_accepted_application_and_capacity_returns(promise):
    redemption = redemption_in(Redemption.State.ACCEPTED, promise=promise)
    post(redemption.applicant, "withdraw_application", redemption)
    redemption.refresh_from_db()
    promise.refresh_from_db()
    assert redemption.state == Redemption.State.WITHDRAWN and promise.remaining_capacity == 2


# --- start, report ----------------------------------------------------------------------------


def test_redeemer_starts_the_work():
    redemption = redemption_in(Redemption.State.ACCEPTED)
    page = client_for(redemption.applicant).get(redemption.get_absolute_url()).content.decode()
    assert reverse("promises:start", args=[redemption.pk]) in page
    post(redemption.applicant, "start", redemption)
    redemption.refresh_from_db()
    assert redemption.state == Redemption.State.IN_PROGRESS


def test_report_with_a_photo_is_stored_without_exif_and_gps():
    redemption = redemption_in(Redemption.State.IN_PROGRESS)
    original = jpeg_with_gps()
    assert Image.open(original).getexif().get_ifd(0x8825)  # the upload really carries GPS
    original.seek(0)

    response = post(
        redemption.applicant,
        "report",
        redemption,
        form_data(photos=original, action="upload"),
    )
    assert response.status_code == 200
    photo = redemption.photos.get()
    response = post(
        redemption.applicant,
        "report",
        redemption,
        form_data(**{f"alt_{photo.pk}": "Kinder am Tablet"}),
    )

    assert response.status_code == 302
    redemption.refresh_from_db()
    assert redemption.state == Redemption.State.REPORTED and redemption.report_consent
    photo = redemption.photos.get()
    with photo.image.open("rb") as stored, Image.open(stored) as image:
        assert image.format == "JPEG"
        assert not image.getexif() and "exif" not in image.info
    page = client_for(redemption.promise.owner).get(redemption.get_absolute_url())
    html = page.content.decode()
    assert CONTENT.happened in html and 'alt="Kinder am Tablet"' in html
    assert photo.image.url in html


def test_report_photo_without_description_is_refused_and_the_text_kept():
    redemption = redemption_in(Redemption.State.IN_PROGRESS)
    response = post(
        redemption.applicant,
        "report",
        redemption,
        form_data(happened="Mein langer Bericht", photos=jpeg_with_gps()),
    )
    assert response.status_code == 200
    photo = redemption.photos.get()  # kept, waiting for its description
    assert response.context["report_form"].errors[f"alt_{photo.pk}"]
    assert "Mein langer Bericht" in response.content.decode()
    redemption.refresh_from_db()
    assert redemption.state == Redemption.State.IN_PROGRESS


# --- confirm, dispute -------------------------------------------------------------------------


def test_promiser_confirms_the_fulfilment(promise):
    redemption = redemption_in(Redemption.State.REPORTED, promise=promise, report_text="Erledigt")
    page = client_for(promise.owner).get(redemption.get_absolute_url()).content.decode()
    assert reverse("promises:confirm", args=[redemption.pk]) in page and "Erledigt" in page
    post(promise.owner, "confirm", redemption)
    redemption.refresh_from_db()
    assert redemption.state == Redemption.State.CONFIRMED and redemption.confirmed_at


def test_promiser_disputes_with_a_reason(promise):
    redemption = redemption_in(Redemption.State.REPORTED, promise=promise, report_text="x")
    post(promise.owner, "dispute", redemption, {"dispute-reason": "Es fehlt das Foto."})
    redemption.refresh_from_db()
    assert redemption.state == Redemption.State.DISPUTED
    assert redemption.decision_reason == "Es fehlt das Foto."


def test_dispute_without_reason_re_renders_with_an_error(promise):
    redemption = redemption_in(Redemption.State.REPORTED, promise=promise, report_text="x")
    response = post(promise.owner, "dispute", redemption, {"dispute-reason": " "})
    assert response.status_code == 200 and response.context["dispute_form"].errors
    redemption.refresh_from_db()
    assert redemption.state == Redemption.State.REPORTED


def test_confirm_in_the_wrong_state_shows_a_message(promise):
    redemption = redemption_in(Redemption.State.IN_PROGRESS, promise=promise)
    response = post(promise.owner, "confirm", redemption)
    assert response.status_code == 302 and messages_of(response)
    redemption.refresh_from_db()
    assert redemption.state == Redemption.State.IN_PROGRESS


def test_the_history_lists_each_step(promise):
    redemption = factories.RedemptionFactory(promise=promise)
    post(promise.owner, "accept", redemption)
    post(redemption.applicant, "start", redemption)
    html = client_for(redemption.applicant).get(redemption.get_absolute_url()).content.decode()
    history = html[html.index('id="history-heading"') :]
    assert history.index("angenommen") < history.index("in Umsetzung")
    assert Promise.objects.get(pk=promise.pk).remaining_capacity == 1
