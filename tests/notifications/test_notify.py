import pytest
from django.core import mail
from django.utils import translation

from handschlag.notifications import services
from handschlag.notifications.messages import render_body, render_title
from handschlag.notifications.models import EmailOptOut, Kind, Notification
from handschlag.notifications.tasks import send_notification_email
from tests import factories

pytestmark = pytest.mark.django_db


def test_notify_stores_the_notification_and_mails_it_after_commit(
    django_capture_on_commit_callbacks,
):
    user = factories.UserFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notification = services.notify(
            recipient=user, kind=Kind.PROMISE_PUBLISHED, params={"promise": "Tablets"}, url="/x/"
        )
        assert mail.outbox == []  # nothing leaves before the transaction commits
    assert len(callbacks) == 1
    assert Notification.objects.get() == notification
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert message.subject == "[Handschlag] Ihr Versprechen „Tablets“ ist veröffentlicht"
    assert "http://" in message.body and "/x/" in message.body
    notification.refresh_from_db()
    assert notification.emailed_at is not None and notification.read_at is None


def test_mail_is_written_in_the_recipients_language(django_capture_on_commit_callbacks):
    german = factories.UserFactory(preferred_language="de")
    english = factories.UserFactory(preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        for person in (german, english):
            services.notify(
                recipient=person, kind=Kind.PROMISE_EXPIRED, params={"promise": "Räume"}
            )
    by_recipient = {m.to[0]: m for m in mail.outbox}
    # English .po files are not written yet, so the English mail may still carry the German
    # source text; what must hold is that each mail was rendered with its own params.
    assert "Räume" in by_recipient[german.email].subject
    assert "Räume" in by_recipient[english.email].subject
    assert "ist abgelaufen" in by_recipient[german.email].subject


def test_no_mail_when_the_user_opted_out(django_capture_on_commit_callbacks):
    user = factories.UserFactory()
    services.set_email_preferences(
        user=user, enabled_kinds={k for k in Kind.values if k != Kind.NEW_APPLICATION}
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(recipient=user, kind=Kind.NEW_APPLICATION, params={"promise": "P"})
        services.notify(recipient=user, kind=Kind.PROMISE_EXPIRED, params={"promise": "P"})
    assert Notification.objects.filter(recipient=user).count() == 2  # in-app stays
    assert [m.subject for m in mail.outbox] == ["[Handschlag] Ihr Versprechen „P“ ist abgelaufen"]


def test_no_mail_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    user = factories.UserFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.notify(recipient=user, kind=Kind.PROMISE_EXPIRED, params={"promise": "P"})
    # The callbacks were captured, not run: as after a rollback, no mail went out.
    assert len(callbacks) == 1 and mail.outbox == []


def test_the_task_sends_each_notification_only_once():
    notification = factories.NotificationFactory()
    assert send_notification_email.call(notification.pk) is True
    assert send_notification_email.call(notification.pk) is False
    assert len(mail.outbox) == 1


def test_inactive_users_get_no_mail():
    notification = factories.NotificationFactory(recipient=factories.UserFactory(is_active=False))
    assert send_notification_email.call(notification.pk) is False
    assert mail.outbox == []


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("kind", Kind.values)
def test_every_kind_has_a_title_filled_with_its_params(kind, language):
    params = {
        "promise": "Zehn Tablets",
        "deadline": "31.12.2026",
        "organisation": "Lesepaten e. V.",
        "applicant": "Anna B.",
        "reason": "Kein Bericht",
        "comment": "Bitte Foto ergänzen",
        "message": "Treffen am Montag",
    }
    with translation.override(language):
        title = render_title(kind, params)
        body = render_body(kind, params)
    assert title and "%(" not in title and "%(" not in body
    assert "Zehn Tablets" in title or "Lesepaten e. V." in title


def test_titles_with_missing_params_do_not_crash():
    assert render_title(Kind.PROMISE_EXPIRED, {}) == "Ihr Versprechen „%(promise)s“ ist abgelaufen"


def test_german_title_text():
    with translation.override("de"):
        assert (
            render_title(Kind.APPLICATION_DECLINED, {"promise": "Räume"})
            == "Ihre Bewerbung auf „Räume“ wurde abgelehnt"
        )
        assert render_body(Kind.APPLICATION_DECLINED, {"reason": "voll"}) == "Begründung: voll"


def test_set_email_preferences_replaces_the_opt_outs():
    user = factories.UserFactory()
    services.set_email_preferences(user=user, enabled_kinds=set())
    assert EmailOptOut.objects.filter(user=user).count() == len(Kind.values)
    services.set_email_preferences(user=user, enabled_kinds=set(Kind.values))
    assert not EmailOptOut.objects.filter(user=user).exists()


def test_a_deadline_is_shown_in_the_readers_language():
    from django.utils import translation

    from handschlag.notifications.messages import render_title
    from handschlag.notifications.models import Kind

    params = {"promise": "Tablets", "deadline": "2027-01-02"}
    with translation.override("de"):
        assert "2. Januar 2027" in render_title(Kind.EXPIRING_SOON, params)
    with translation.override("en"):
        assert "Jan. 2, 2027" in render_title(Kind.EXPIRING_SOON, params)
