import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from handschlag.notifications.context_processors import unread_count
from handschlag.notifications.models import EmailOptOut, Notification
from handschlag.notifications.registry import notification_kinds
from handschlag.promises import messages
from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
PUBLISHED = messages.PROMISE_PUBLISHED.key


@pytest.mark.parametrize(
    ("name", "args", "method"),
    [
        ("notifications:list", [], "get"),
        ("notifications:settings", [], "get"),
        ("notifications:mark_all_read", [], "post"),
        ("notifications:mark_read", [1], "post"),
    ],
)
def test_anonymous_visitors_are_sent_to_login(client, name, args, method):
    response = getattr(client, method)(reverse(name, args=args))
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_list_shows_only_my_notifications_unread_first_marked(user):
    mine = factories.NotificationFactory(
        recipient=user, kind=PUBLISHED, params={"promise": "Meins"}, url="/m/"
    )
    factories.NotificationFactory(
        recipient=user, kind=PUBLISHED, params={"promise": "Gelesen"}, read_at="2026-01-01T00:00Z"
    )
    factories.NotificationFactory(kind=PUBLISHED, params={"promise": "Fremdes"})
    html = client_for(user).get(reverse("notifications:list")).content.decode()
    assert "Ihr Versprechen „Meins“ ist veröffentlicht" in html
    assert '<a href="/m/">' in html
    assert "Gelesen" in html and "Fremdes" not in html
    assert html.count('badge-warn">ungelesen') == 1
    assert reverse("notifications:mark_read", args=[mine.pk]) in html


def test_list_escapes_params(user):
    factories.NotificationFactory(
        recipient=user, kind=PUBLISHED, params={"promise": "<script>x</script>"}
    )
    html = client_for(user).get(reverse("notifications:list")).content.decode()
    assert "<script>x</script>" not in html and "&lt;script&gt;" in html


def test_list_is_paginated_with_constant_queries(user):
    client = client_for(user)
    factories.NotificationFactory(recipient=user)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("notifications:list"))
    factories.NotificationFactory.create_batch(22, recipient=user)
    with CaptureQueriesContext(connection) as many:
        html = client.get(reverse("notifications:list")).content.decode()
    assert len(many) == len(one)
    assert html.count('id="notification-') == 20


def test_mark_one_read_without_javascript_redirects_back(user):
    notification = factories.NotificationFactory(recipient=user)
    response = client_for(user).post(
        reverse("notifications:mark_read", args=[notification.pk]),
        {"next": "/benachrichtigungen/?page=1"},
    )
    assert response.status_code == 302 and response["Location"] == "/benachrichtigungen/?page=1"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_mark_one_read_ignores_foreign_next_urls(user):
    notification = factories.NotificationFactory(recipient=user)
    response = client_for(user).post(
        reverse("notifications:mark_read", args=[notification.pk]),
        {"next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("notifications:list")


def test_mark_one_read_with_htmx_returns_the_updated_item(user):
    notification = factories.NotificationFactory(recipient=user)
    response = client_for(user).post(
        reverse("notifications:mark_read", args=[notification.pk]), headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.strip().startswith("<li") and f'id="notification-{notification.pk}"' in html
    assert "ungelesen" not in html and "<html" not in html


def test_marking_someone_elses_notification_changes_nothing(user):
    foreign = factories.NotificationFactory()
    client = client_for(user)
    client.post(reverse("notifications:mark_read", args=[foreign.pk]))
    response = client.post(
        reverse("notifications:mark_read", args=[foreign.pk]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.read_at is None


def test_mark_all_read_only_touches_my_notifications(user):
    factories.NotificationFactory.create_batch(2, recipient=user)
    foreign = factories.NotificationFactory()
    response = client_for(user).post(reverse("notifications:mark_all_read"))
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()
    foreign.refresh_from_db()
    assert foreign.read_at is None


def test_get_cannot_mark_read(user):
    notification = factories.NotificationFactory(recipient=user)
    assert (
        client_for(user).get(reverse("notifications:mark_read", args=[notification.pk])).status_code
        == 405
    )
    assert client_for(user).get(reverse("notifications:mark_all_read")).status_code == 405


def test_settings_show_every_kind_checked_by_default(user):
    html = client_for(user).get(reverse("notifications:settings")).content.decode()
    assert html.count('type="checkbox"') == len(notification_kinds)
    assert len(re.findall(r"\schecked[\s>/]", html)) == len(notification_kinds)
    assert "E-Mail bei: Meine Bewerbung wurde angenommen" in html


def fieldsets(html):
    """(legend, [checkbox names]) for each fieldset of the page, in order."""
    found = []
    for chunk in html.split("<fieldset>")[1:]:
        chunk = chunk.split("</fieldset>")[0]
        legend = re.search(r"<legend>(.*?)</legend>", chunk).group(1)
        found.append((legend, re.findall(r'type="checkbox" name="([^"]+)"', chunk)))
    return found


def test_settings_show_one_fieldset_per_group(user):
    expected = {}
    for kind in notification_kinds:
        expected.setdefault(str(kind.group), []).append(kind.key)
    html = client_for(user).get(reverse("notifications:settings")).content.decode()
    assert fieldsets(html) == list(expected.items())
    groups = [legend for legend, _ in fieldsets(html)]
    assert groups[:5] == [
        "Organisationen", "Nachrichten", "Meine Versprechen", "Meine Bewerbungen und Einlösungen",
        "Moderation",
    ]  # fmt: skip
    assert "Blog" in groups


def test_settings_save_opt_outs_and_show_them_again(user):
    off = {"organisations.message", messages.NEW_APPLICATION.key}
    enabled = [kind.key for kind in notification_kinds if kind.key not in off]
    response = client_for(user).post(reverse("notifications:settings"), {k: "on" for k in enabled})
    assert response.status_code == 302
    assert set(EmailOptOut.objects.filter(user=user).values_list("kind", flat=True)) == off
    html = client_for(user).get(reverse("notifications:settings")).content.decode()
    assert len(re.findall(r"\schecked[\s>/]", html)) == len(notification_kinds) - 2
    for key in off:
        assert re.search(rf'type="checkbox" name="{re.escape(key)}" id="[^"]+">', html), key
    for key in enabled:
        assert f'name="{key}" id="id_{key}" checked>' in html, key

    # and back: saving everything on removes the opt-outs
    client_for(user).post(
        reverse("notifications:settings"), dict.fromkeys(notification_kinds.keys(), "on")
    )
    assert not EmailOptOut.objects.filter(user=user).exists()


def test_a_notification_of_an_unregistered_kind_shows_a_generic_title(user):
    # e.g. stored by an app that was removed since
    factories.NotificationFactory(
        recipient=user, kind="events.seat_offered", params={"event": "Nähkurs"}, url="/e/"
    )
    response = client_for(user).get(reverse("notifications:list"))
    assert response.status_code == 200
    assert '<a href="/e/">Benachrichtigung</a>' in response.content.decode()


def test_unread_count_costs_nothing_for_anonymous_visitors(django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with django_assert_num_queries(0):
        assert unread_count(request) == {"unread_notifications": 0}


def test_unread_count_is_one_query_for_users(user, django_assert_num_queries):
    factories.NotificationFactory.create_batch(2, recipient=user)
    factories.NotificationFactory(recipient=user, read_at="2026-01-01T00:00Z")
    factories.NotificationFactory()
    request = RequestFactory().get("/")
    request.user = user
    with django_assert_num_queries(1):
        assert unread_count(request) == {"unread_notifications": 2}


def test_settings_with_every_box_unchecked_switch_all_mail_off(user):
    response = client_for(user).post(reverse("notifications:settings"), {})
    assert response.status_code == 302
    assert EmailOptOut.objects.filter(user=user).count() == len(notification_kinds)


@pytest.mark.parametrize(
    "target", ["foo", "notifications:list", "//evil.example/x", "https://evil.example/", " /x"]
)
def test_mark_read_goes_back_only_to_a_local_path(target):
    """Issue #7 F7: next=foo was taken for a view name and answered 500 (NoReverseMatch)."""
    notification = factories.NotificationFactory()
    response = client_for(notification.recipient).post(
        reverse("notifications:mark_read", args=[notification.pk]), {"next": target}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("notifications:list")
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_mark_read_goes_back_to_the_page_it_came_from():
    notification = factories.NotificationFactory()
    response = client_for(notification.recipient).post(
        reverse("notifications:mark_read", args=[notification.pk]), {"next": "/versprechen/?page=2"}
    )
    assert response["Location"] == "/versprechen/?page=2"
