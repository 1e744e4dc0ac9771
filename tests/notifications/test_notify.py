import pytest
from django.apps import apps
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from handschlag.notifications import recipients, services
from handschlag.notifications.models import EmailOptOut, Notification
from handschlag.notifications.registry import notification_kinds, render_body, render_title
from handschlag.notifications.tasks import send_notification_email
from handschlag.organisations import services as org_services
from handschlag.promises import messages
from tests import factories

pytestmark = pytest.mark.django_db

PUBLISHED = messages.PROMISE_PUBLISHED.key
EXPIRED = messages.PROMISE_EXPIRED.key
NO_ACCOUNT_FOOTER = (
    "Sie bekommen diese E-Mail, weil Ihre Adresse bei Handschlag angegeben wurde. "
    "Sie haben kein Konto bei uns."
)


def test_notify_stores_the_notification_and_mails_it_after_commit(
    django_capture_on_commit_callbacks,
):
    user = factories.UserFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notifications = services.notify(
            to=user, kind=PUBLISHED, params={"promise": "Tablets"}, url="/x/"
        )
        assert mail.outbox == []  # nothing leaves before the transaction commits
    assert len(callbacks) == 1
    assert list(Notification.objects.all()) == notifications
    notification = notifications[0]
    assert notification.recipient == user and notification.email == ""
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert message.subject == "[Handschlag] Ihr Versprechen „Tablets“ ist veröffentlicht"
    assert "http://" in message.body and "/x/" in message.body
    assert "/benachrichtigungen/einstellungen/" in message.body  # people with an account
    notification.refresh_from_db()
    assert notification.emailed_at is not None and notification.read_at is None


def test_mail_is_written_in_the_recipients_language(django_capture_on_commit_callbacks):
    german = factories.UserFactory(preferred_language="de")
    english = factories.UserFactory(preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(to=[german, english], kind=EXPIRED, params={"promise": "Räume"})
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert (
        by_recipient[german.email].subject == "[Handschlag] Ihr Versprechen „Räume“ ist abgelaufen"
    )
    assert by_recipient[english.email].subject == "[Handschlag] Your promise “Räume” has expired"
    assert "Choose which emails you receive here" in by_recipient[english.email].body


def test_no_mail_when_the_user_opted_out(django_capture_on_commit_callbacks):
    user = factories.UserFactory()
    new_application = messages.NEW_APPLICATION.key
    services.set_email_preferences(
        user=user, enabled_kinds={k.key for k in notification_kinds if k.key != new_application}
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(to=user, kind=new_application, params={"promise": "P", "applicant": "A"})
        services.notify(to=user, kind=EXPIRED, params={"promise": "P"})
    assert Notification.objects.filter(recipient=user).count() == 2  # in-app stays
    assert [m.subject for m in mail.outbox] == ["[Handschlag] Ihr Versprechen „P“ ist abgelaufen"]


def test_no_mail_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    user = factories.UserFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.notify(to=user, kind=EXPIRED, params={"promise": "P"})
    # The callbacks were captured, not run: as after a rollback, no mail went out.
    assert len(callbacks) == 1 and mail.outbox == []


def test_the_task_sends_each_notification_only_once():
    notification = factories.NotificationFactory(kind=PUBLISHED)
    assert send_notification_email.call(notification.pk) is True
    assert send_notification_email.call(notification.pk) is False
    assert len(mail.outbox) == 1


def test_inactive_users_get_no_mail():
    notification = factories.NotificationFactory(
        recipient=factories.UserFactory(is_active=False), kind=PUBLISHED
    )
    assert send_notification_email.call(notification.pk) is False
    assert mail.outbox == []


def test_an_unknown_kind_is_refused_and_nothing_is_stored(django_capture_on_commit_callbacks):
    user = factories.UserFactory()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(services.UnknownKind):
        services.notify(to=user, kind="promise_published", params={"promise": "P"})
    assert not Notification.objects.exists() and mail.outbox == []


# recipients: an address without an account, the admins of an organisation, lists


def test_an_address_gets_an_email_only_in_the_given_language(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(
            to=recipients.address(" Gast@Example.org ", language="en"),
            kind=EXPIRED,
            params={"promise": "Räume"},
            url="/x/",
        )
    notification = Notification.objects.get()
    assert notification.recipient is None  # nobody's in-app list shows it
    assert (notification.email, notification.language) == ("Gast@Example.org", "en")
    assert notification.emailed_at is not None
    [message] = mail.outbox
    assert message.to == ["Gast@Example.org"]
    assert message.subject == "[Handschlag] Your promise “Räume” has expired"
    with translation.override("en"):
        footer = gettext(NO_ACCOUNT_FOOTER)
    assert message.body.endswith(footer)
    assert "/benachrichtigungen/einstellungen/" not in message.body  # no settings to point to


def test_an_address_without_a_language_is_written_to_in_the_site_language(
    django_capture_on_commit_callbacks,
):
    owner_of_the_address = factories.UserFactory(email="gast@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(
            to=recipients.address("gast@example.org"), kind=EXPIRED, params={"promise": "Räume"}
        )
    assert Notification.objects.get().language == "de"
    assert not Notification.objects.filter(recipient=owner_of_the_address).exists()
    [message] = mail.outbox
    assert message.subject == "[Handschlag] Ihr Versprechen „Räume“ ist abgelaufen"
    assert NO_ACCOUNT_FOOTER in message.body


def test_admins_of_an_organisation_are_each_notified_once(django_capture_on_commit_callbacks):
    org = factories.OrganisationFactory()
    first, second = (
        factories.MembershipFactory(organisation=org, role="admin").user for _ in range(2)
    )
    member = factories.MembershipFactory(organisation=org).user
    demoted = factories.MembershipFactory(organisation=org, role="admin")
    org_services.set_member_role(membership=demoted, by=first, role="member")
    removed = factories.MembershipFactory(organisation=org, role="admin")
    org_services.remove_member(membership=removed, by=first)
    inactive = factories.MembershipFactory(
        organisation=org, role="admin", user__is_active=False
    ).user
    factories.MembershipFactory(role="admin")  # admin of another organisation
    Notification.objects.all().delete()  # the role change and removal notified those two

    with django_capture_on_commit_callbacks(execute=True):
        sent = services.notify(
            to=[first, recipients.admins_of(org), second],
            kind=EXPIRED,
            params={"promise": "P"},
        )

    assert [n.recipient for n in sent] == [first, second]
    assert Notification.objects.count() == 2
    for outsider in (member, demoted.user, removed.user, inactive):
        assert not Notification.objects.filter(recipient=outsider).exists()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.email, second.email])


def test_the_same_address_twice_is_one_mail(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(
            to=[recipients.address("a@example.org"), recipients.address("A@example.org")],
            kind=EXPIRED,
            params={"promise": "P"},
        )
    assert Notification.objects.count() == 1 and len(mail.outbox) == 1


# texts


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("kind", notification_kinds.keys())
def test_every_kind_has_a_title_filled_with_its_params(kind, language):
    params = {
        "promise": "Zehn Tablets",
        "title": "Zehn Tablets",
        "deadline": "2026-12-31",
        "organisation": "Lesepaten e. V.",
        "name": "Anna B.",
        "role_key": "admin",
        "applicant": "Anna B.",
        "reason": "Kein Bericht",
        "comment": "Bitte Foto ergänzen",
        "message": "Treffen am Montag",
        "site": "Patenschaften Sonneberg",
        "mentee": "Amal",
        "mentor": "Hannah S.",
        "partner": "Amal",
        "tandem": "12",
        "weeks": "6",
        "month": "2026-11-01",
        "contact": "03675 123456",
        "by": "die Koordination",
        "phase": "start",
        "item": "Leitbild Weltoffene Kommune",
        "town": "Sonneberg",
        "due": "2026-12-31",
        # the self-assessment's answering part
        "group": "Zivilgesellschaft",
        "areas": "Steuerung, Begegnung",
        "days": "30",
        "person": "Leyla Aydın",
        # the newcomer portal's checks
        "offer": "Deutschkurs am Abend",
        "portal": "Sonneberg",
        "count": "3",
        "offers": "Deutschkurs, Sprachcafé, Kita-Beratung",
    }
    with translation.override(language):
        title = render_title(kind, params)
        body = render_body(kind, params)
    assert title and "%(" not in title and "%(" not in body


def test_every_kind_is_namespaced_by_the_app_that_registers_it():
    for kind in notification_kinds:
        app_label, _, name = kind.key.partition(".")
        assert name and apps.get_app_config(app_label), kind.key


def test_titles_with_missing_params_do_not_crash():
    assert render_title(EXPIRED, {}) == "Ihr Versprechen „%(promise)s“ ist abgelaufen"


def test_an_unregistered_kind_shows_a_generic_title():
    with translation.override("de"):
        assert render_title("events.seat_offered", {"event": "X"}) == "Benachrichtigung"
    with translation.override("en"):
        assert render_title("events.seat_offered", {}) == "Notification"
    assert render_body("events.seat_offered", {"event": "X"}) == ""


def test_german_title_text():
    declined = messages.APPLICATION_DECLINED.key
    with translation.override("de"):
        assert (
            render_title(declined, {"promise": "Räume"})
            == "Ihre Bewerbung auf „Räume“ wurde abgelehnt"
        )
        assert render_body(declined, {"reason": "voll"}) == "Begründung: voll"


def test_a_role_is_named_in_the_readers_language():
    params = {"organisation": "Lesepaten e. V.", "role_key": "admin"}
    with translation.override("de"):
        assert (
            render_title("organisations.role_changed", params)
            == "Ihre Rolle bei „Lesepaten e. V.“: Administrator:in"
        )


def test_set_email_preferences_replaces_the_opt_outs():
    user = factories.UserFactory()
    services.set_email_preferences(user=user, enabled_kinds=set())
    assert set(EmailOptOut.objects.filter(user=user).values_list("kind", flat=True)) == set(
        notification_kinds.keys()
    )
    services.set_email_preferences(user=user, enabled_kinds=set(notification_kinds.keys()))
    assert not EmailOptOut.objects.filter(user=user).exists()


def test_a_deadline_is_shown_in_the_readers_language():
    params = {"promise": "Tablets", "deadline": "2027-01-02"}
    with translation.override("de"):
        assert "2. Januar 2027" in render_title(messages.EXPIRING_SOON.key, params)
    with translation.override("en"):
        assert "Jan. 2, 2027" in render_title(messages.EXPIRING_SOON.key, params)


def test_a_person_named_directly_and_by_address_gets_one_notification(
    django_capture_on_commit_callbacks,
):
    from handschlag.notifications.recipients import address

    user = factories.UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.notify(
            to=[user, address(user.email.upper())],
            kind="promises.promise_expired",
            params={"promise": "P"},
        )
    assert [n.recipient for n in sent] == [user]
    assert len(mail.outbox) == 1


def test_mails_to_addresses_without_an_account_are_purged_after_the_retention_period(settings):
    import datetime

    from django.utils import timezone

    from handschlag.notifications import privacy

    old = timezone.now() - datetime.timedelta(days=settings.RETENTION_READ_NOTIFICATIONS_DAYS + 1)
    kept = Notification.objects.create(email="neu@example.org", kind="promises.promise_expired")
    gone = Notification.objects.create(
        email="alt@example.org", kind="promises.promise_expired", created_at=old
    )
    assert privacy.purge(timezone.now()) == 1
    assert list(Notification.objects.filter(pk__in=[kept.pk, gone.pk])) == [kept]


def test_a_mail_greets_by_name_and_says_where_to_go_on():
    notification = factories.NotificationFactory(
        recipient__first_name="Amal", recipient__last_name="Haddad", url="/versprechen/1/"
    )
    send_notification_email.call(notification.pk)
    body = mail.outbox[-1].body
    assert body.startswith("Guten Tag Amal Haddad,\n\n")
    assert "Hier geht es weiter: http" in body and body.index("/versprechen/1/") > 0
    assert "Viele Grüße\nIhr Handschlag-Team" in body
    assert body.index("Viele Grüße") < body.index("Welche E-Mails Sie bekommen")


def test_a_mail_to_someone_without_a_name_greets_without_guessing():
    notification = factories.NotificationFactory(recipient__first_name="", recipient__last_name="")
    send_notification_email.call(notification.pk)
    assert mail.outbox[-1].body.startswith("Guten Tag,\n\n")
