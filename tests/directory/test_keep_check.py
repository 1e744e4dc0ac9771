"""'Ist das noch richtig?': token links, the daily job, flagging."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from handschlag.directory import keeping
from handschlag.directory.models import Offer, OfferCheck
from handschlag.notifications.models import Notification

from . import factories

pytestmark = pytest.mark.django_db


def due_offer(**kwargs):
    return factories.OfferFactory(last_checked_at=timezone.now() - timedelta(days=400), **kwargs)


def send_and_token(django_capture_on_commit_callbacks) -> str:
    with django_capture_on_commit_callbacks(execute=True):
        keeping.send_checks()
    return re.search(r"/portal/pruefen/([^/]+)/", mail.outbox[-1].body).group(1)


def test_due_offer_contact_gets_a_german_mail_with_link(django_capture_on_commit_callbacks):
    offer = due_offer()
    factories.OfferFactory()  # checked recently: not due
    token = send_and_token(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [offer.contact_email]
    assert "Ist das noch richtig?" in mail.outbox[0].subject
    check = OfferCheck.objects.get()
    assert check.token_hash == keeping.hash_token(token)
    assert token not in check.token_hash
    # the raw token is stored nowhere a notification could show it
    assert not Notification.objects.filter(url__contains=token).exists()
    assert not any(token in str(n.params) for n in Notification.objects.all())
    assert check.expires_at - check.sent_at == timedelta(days=offer.portal.flag_after_days)


def test_provider_email_when_offer_has_no_contact(django_capture_on_commit_callbacks):
    offer = due_offer(contact_email="")
    offer.provider.email = "traeger@beispiel.example"
    offer.provider.save()
    send_and_token(django_capture_on_commit_callbacks)
    assert mail.outbox[0].to == ["traeger@beispiel.example"]


def test_daily_job_is_idempotent(django_capture_on_commit_callbacks):
    due_offer()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("check_portal_offers", stdout=None)
        call_command("check_portal_offers", stdout=None)
    assert len(mail.outbox) == 1
    assert OfferCheck.objects.count() == 1


def test_unpublished_offers_are_not_asked(django_capture_on_commit_callbacks):
    due_offer(published_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        keeping.send_checks()
    assert mail.outbox == []


def test_page_shows_offer_without_login_and_confirm_sets_checked(
    client, django_capture_on_commit_callbacks
):
    offer = due_offer()
    token = send_and_token(django_capture_on_commit_callbacks)
    url = reverse("directory:check", args=[token])
    page = client.get(url)
    assert page.status_code == 200
    assert offer.name in page.content.decode()
    done = client.post(url, {"answer": "confirmed"})
    assert done.status_code == 200
    offer.refresh_from_db()
    assert offer.last_checked_at > timezone.now() - timedelta(minutes=1)
    # used once: the link is gone
    again = client.post(url, {"answer": "ended"})
    assert again.status_code == 410
    assert OfferCheck.objects.get().answer == "confirmed"


def test_correction_tells_editors(client, editor, portal, django_capture_on_commit_callbacks):
    offer = due_offer(portal=portal)
    before = offer.last_checked_at
    token = send_and_token(django_capture_on_commit_callbacks)
    client.post(
        reverse("directory:check", args=[token]),
        {"answer": "corrected", "correction": "Neue Zeiten: <b>Montag</b>"},
    )
    check = OfferCheck.objects.get()
    assert check.answer == "corrected" and check.correction.startswith("Neue Zeiten")
    note = Notification.objects.get(recipient=editor)
    assert note.kind == keeping.CORRECTION_KIND
    offer.refresh_from_db()
    assert offer.last_checked_at == before


def test_correction_needs_text(client, django_capture_on_commit_callbacks):
    due_offer()
    token = send_and_token(django_capture_on_commit_callbacks)
    page = client.post(reverse("directory:check", args=[token]), {"answer": "corrected"})
    assert page.status_code == 200
    assert OfferCheck.objects.get().answered_at is None


def test_ended_tells_editors_but_does_not_end(
    client, editor, portal, django_capture_on_commit_callbacks
):
    offer = due_offer(portal=portal)
    token = send_and_token(django_capture_on_commit_callbacks)
    client.post(reverse("directory:check", args=[token]), {"answer": "ended"})
    offer.refresh_from_db()
    assert offer.status == Offer.Status.ACTIVE
    assert Notification.objects.get(recipient=editor).kind == keeping.ENDED_KIND


def test_expired_and_unknown_tokens(client, django_capture_on_commit_callbacks):
    due_offer()
    token = send_and_token(django_capture_on_commit_callbacks)
    assert client.get(reverse("directory:check", args=["nichtda"])).status_code == 404
    assert client.get(reverse("directory:check", args=["x" * 300])).status_code == 404
    OfferCheck.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(reverse("directory:check", args=[token])).status_code == 410
    assert (
        client.post(reverse("directory:check", args=[token]), {"answer": "confirmed"}).status_code
        == 410
    )
    assert OfferCheck.objects.get().answered_at is None


def test_token_of_one_offer_does_not_touch_another(client, django_capture_on_commit_callbacks):
    a = due_offer()
    token = send_and_token(django_capture_on_commit_callbacks)
    b = factories.OfferFactory(
        portal=a.portal, last_checked_at=timezone.now() - timedelta(days=400)
    )
    b_checked = b.last_checked_at
    # no parameter can point the token at another offer
    client.post(reverse("directory:check", args=[token]), {"answer": "confirmed", "offer": b.pk})
    b.refresh_from_db()
    assert b.last_checked_at == b_checked
    a.refresh_from_db()
    assert a.last_checked_at > b_checked
    # nor is it a session: the editor pages stay closed
    assert "_auth_user_id" not in client.session


def test_unanswered_offers_flagged_and_editors_told_once(
    editor, portal, django_capture_on_commit_callbacks
):
    first, second = due_offer(portal=portal), due_offer(portal=portal)
    with django_capture_on_commit_callbacks(execute=True):
        keeping.send_checks()
    later = timezone.now() + timedelta(days=portal.flag_after_days + 1)
    assert keeping.flag_unanswered(now=later) == 2
    assert keeping.flag_unanswered(now=later) == 0
    with django_capture_on_commit_callbacks(execute=True):
        keeping.run_daily(now=later + timedelta(days=1))
    digests = Notification.objects.filter(recipient=editor, kind=keeping.UNCHECKED_KIND)
    assert digests.count() == 1
    assert digests.get().params["count"] == "2"
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.flagged_at and second.flagged_at
    # flagged offers are not asked again while the editors look at them
    assert len([m for m in mail.outbox if "Ist das noch richtig" in m.subject]) == 2


def test_check_page_query_count(
    client, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    due_offer()
    token = send_and_token(django_capture_on_commit_callbacks)
    with django_assert_max_num_queries(6):
        client.get(reverse("directory:check", args=[token]))
