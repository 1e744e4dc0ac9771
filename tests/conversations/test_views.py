"""The thread over HTTP: the access matrix (asserting the database after each refusal),
posting with and without htmx, the mail's reply link through the login, contact releases."""

import pytest
from django.test import Client
from django.urls import reverse

from handschlag.conversations.models import ContactRelease, Message
from handschlag.promises.conversation import SUBJECT
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

PARTIES = ["owner", "promiser_member", "applicant", "redeemer_member"]
OUTSIDERS = ["leaver", "stranger", "moderator"]


def urls(world):
    pk = world.redemption.pk
    return {
        "page": world.redemption.get_absolute_url(),
        "post": reverse("conversations:post", args=[SUBJECT, pk]),
        "reply": reverse("conversations:reply", args=[SUBJECT, pk]),
        "open": reverse("conversations:open", args=[SUBJECT, pk]),
        "release": reverse("conversations:release_contact", args=[SUBJECT, pk]),
    }


def client_as(world, who):
    if who == "anonymous":
        return Client()
    if who == "leaver":
        world.remove_leaver()
    return client_for(getattr(world, who))


@pytest.mark.parametrize("who", PARTIES)
def test_every_party_sees_the_thread_and_writes(world, who):
    client, u = client_as(world, who), urls(world)
    page = client.get(u["page"])
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="gespraech"' in html and u["post"] in html
    assert "So geht es weiter" in html
    response = client.post(u["post"], {"text": f"Hallo von {who}"})
    assert response.status_code == 302 and response["Location"] == u["page"] + "#gespraech"
    message = Message.objects.get()
    assert message.author == getattr(world, who) and message.text == f"Hallo von {who}"
    assert f"Hallo von {who}" in client.get(u["page"]).content.decode()


@pytest.mark.parametrize("who", [*OUTSIDERS, "anonymous"])
def test_nobody_else_reads_or_writes(world, who):
    client, u = client_as(world, who), urls(world)
    client_for(world.applicant).post(u["post"], {"text": "Nur für die Beteiligten"})
    page = client.get(u["page"])
    if who == "moderator":  # sees the redemption, never the messages
        assert page.status_code == 200
        assert "Nur für die Beteiligten" not in page.content.decode()
        assert u["post"] not in page.content.decode()
    elif who == "anonymous":
        assert page.status_code == 302 and "/konto/login/" in page["Location"]
    else:
        assert page.status_code == 404
    for name, data in [
        ("post", {"text": "Eingeschleust"}),
        ("release", {"email": "x@example.org", "consent": "on"}),
    ]:
        response = client.post(u[name], data)
        assert response.status_code == (302 if who == "anonymous" else 404), name
        if who == "anonymous":
            assert "/konto/login/" in response["Location"]
    for name in ("reply", "open"):
        assert client.get(u[name]).status_code == (302 if who == "anonymous" else 404)
    assert list(Message.objects.values_list("text", flat=True)) == ["Nur für die Beteiligten"]
    assert not ContactRelease.objects.exists()


def test_an_ex_member_loses_access_at_once(world):
    client, u = client_for(world.leaver), urls(world)
    assert client.get(u["page"]).status_code == 200
    assert client.post(u["post"], {"text": "Noch dabei"}).status_code == 302
    world.remove_leaver()
    assert client.get(u["page"]).status_code == 404
    assert client.post(u["post"], {"text": "Nicht mehr"}).status_code == 404
    assert client.get(u["reply"]).status_code == 404
    assert list(Message.objects.values_list("text", flat=True)) == ["Noch dabei"]


def test_posting_with_htmx_returns_only_the_thread(world):
    client, u = client_for(world.applicant), urls(world)
    response = client.post(u["post"], {"text": "Ohne Neuladen"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<section class="conversation" id="gespraech"')
    assert "Ohne Neuladen" in html and "<html" not in html
    assert Message.objects.get().text == "Ohne Neuladen"


def test_an_empty_message_says_so_with_and_without_htmx(world):
    client, u = client_for(world.applicant), urls(world)
    response = client.post(u["post"], {"text": "  "}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    response = client.post(u["post"], {"text": ""}, follow=True)
    assert response.status_code == 200
    assert "Ihre Nachricht" in response.content.decode()
    assert [str(m) for m in response.context["messages"]]
    assert not Message.objects.exists()


def test_before_acceptance_the_page_says_when_writing_starts(db):
    from .conftest import make_world

    world = make_world(accept=False)
    html = client_for(world.applicant).get(urls(world)["page"]).content.decode()
    assert "Sobald die Bewerbung angenommen ist" in html and urls(world)["post"] not in html
    response = client_for(world.applicant).post(urls(world)["post"], {"text": "Zu früh"})
    assert response.status_code == 302
    assert not Message.objects.exists()


def test_the_reply_link_leads_through_the_login_to_the_reply_box(world):
    u = urls(world)
    anonymous = Client()
    response = anonymous.get(u["reply"])
    assert response.status_code == 302
    login = response["Location"]
    assert login.startswith("/konto/login/") and "next=" in login
    response = anonymous.post(
        login, {"login": world.owner.email, "password": "correct-horse-battery"}
    )
    assert response.status_code == 302 and response["Location"] == u["reply"]
    response = anonymous.get(u["reply"])
    assert response["Location"] == u["page"] + "#antwort"
    page = anonymous.get(u["page"]).content.decode()
    assert 'id="antwort"' in page


def test_releasing_contact_details_over_http(world):
    u = urls(world)
    anna, olga = client_for(world.applicant), client_for(world.owner)
    response = anna.post(u["release"], {"email": "anna@example.org"})  # no consent
    assert response.status_code == 302 and not ContactRelease.objects.exists()
    anna.post(u["release"], {"email": "anna@example.org", "consent": "on"})
    assert "anna@example.org" not in olga.get(u["page"]).content.decode()
    response = olga.post(
        u["release"], {"phone": "03675 123456", "consent": "on"}, HTTP_HX_REQUEST="true"
    )
    assert "anna@example.org" in response.content.decode()
    assert "03675 123456" in anna.get(u["page"]).content.decode()
    # revoked: gone for the other side at once
    anna.post(reverse("conversations:revoke_contact", args=[SUBJECT, world.redemption.pk]))
    assert "anna@example.org" not in olga.get(u["page"]).content.decode()
    assert ContactRelease.objects.filter(email="anna@example.org").count() == 0


def test_unknown_subjects_and_objects_are_404(world):
    client = client_for(world.applicant)
    assert client.post("/gespraeche/nichts/1/schreiben/", {"text": "x"}).status_code == 404
    url = reverse("conversations:post", args=[SUBJECT, 999999])
    assert client.post(url, {"text": "x"}).status_code == 404
    assert not Message.objects.exists()


def test_reading_the_page_clears_the_unread_badge(world):
    u = urls(world)
    client_for(world.applicant).post(u["post"], {"text": "Neu für Olga"})
    olga = client_for(world.owner)
    assert "1 neue" in olga.get(u["page"]).content.decode()
    assert "1 neue" not in olga.get(u["page"]).content.decode()


def test_an_ex_member_can_still_take_back_their_contact_details(world):
    u = urls(world)
    leaver = client_for(world.leaver)
    leaver.post(u["release"], {"email": "lena@example.org", "consent": "on"})
    assert ContactRelease.objects.filter(email="lena@example.org").exists()
    world.remove_leaver()
    response = leaver.post(
        reverse("conversations:revoke_contact", args=[SUBJECT, world.redemption.pk])
    )
    assert response.status_code == 302 and response["Location"] == "/"
    release = ContactRelease.objects.get(user=world.leaver)
    assert release.revoked_at is not None and release.email == ""
    # and a stranger's "revoke" changes nothing of anybody else's
    client_for(world.applicant).post(u["release"], {"email": "anna@example.org", "consent": "on"})
    client_for(world.stranger).post(
        reverse("conversations:revoke_contact", args=[SUBJECT, world.redemption.pk])
    )
    assert ContactRelease.objects.filter(email="anna@example.org", revoked_at=None).exists()


def test_the_page_runs_the_same_queries_for_few_and_many_messages(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from handschlag.conversations import services as conversation_services

    from .conftest import thread_for

    client, url = client_for(world.owner), world.redemption.get_absolute_url()

    def write(n):
        for i in range(n):
            author = world.applicant if i % 2 else world.redeemer_member
            conversation_services.post_message(
                thread=thread_for(world.redemption), by=author, text=f"Nachricht {i}"
            )

    write(2)
    client.get(url)  # warm: sessions, content types
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    write(12)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert "Nachricht 13" in response.content.decode()
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries][len(few) :]
