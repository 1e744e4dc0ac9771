"""Bad input on the promise pages: clear messages in the user's language, 404s, never a 500.

`<script>` in text fields is in test_escaping.py; the API's bad input in tests/api/.
"""

import io
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from handschlag.promises.models import Promise, Redemption
from tests import factories
from tests.conftest import client_for

from .conftest import jpeg_with_gps, redemption_in
from .report_data import form_data
from .test_views import promise_data

pytestmark = pytest.mark.django_db

REQUIRED = {"de": "Dieses Feld ist zwingend erforderlich.", "en": "This field is required."}
CHECK = {"de": "Bitte prüfen Sie Ihre Eingaben.", "en": "Please check your entries."}


def speaking(user, language, how):
    """A client for `user` whose browser asks for `language`, by header or by cookie."""
    client = client_for(user)
    if how == "cookie":
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        return client, {}
    return client, {"headers": {"accept-language": language}}


LANGUAGES = [
    pytest.param("de", "header", id="de"),
    pytest.param("en", "header", id="en-accept-language"),
    pytest.param("en", "cookie", id="en-cookie"),
]


# --- invalid forms re-render with field errors, in the user's language ------------------------


@pytest.mark.parametrize(("language", "how"), LANGUAGES)
def test_promise_form_errors_in_the_users_language(user, municipality, language, how):
    client, extra = speaking(user, language, how)
    data = promise_data(
        action="preview", title="", deadline="2020-01-01", municipality="Atlantis", quantity="0"
    )
    response = client.post(reverse("promises:create"), data, **extra)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    errors = response.context["form"].errors
    assert set(errors) == {"title", "deadline", "municipality", "quantity"}
    assert errors["title"] == [REQUIRED[language]]
    expected = {
        "de": ("Die Frist muss in der Zukunft liegen.", "Diesen Ort kennen wir nicht."),
        "en": ("The deadline must be in the future.", "We don't know this place."),
    }[language]
    assert errors["deadline"] == [expected[0]] and errors["municipality"] == [expected[1]]
    assert CHECK[language] in html
    # what was typed stays in the form
    assert "Gebrauchte, zurückgesetzte Tablets." in html
    assert not Promise.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        {"quantity": "viele"},
        {"capacity": "-1"},
        {"estimated_value": "-5"},
        {"estimated_value": "teuer"},
        {"category": "evil"},
        {"eligibility": "everyone"},
        {"deadline": "morgen"},
        {"title": "x" * 141},
        {"organisation": "999999"},
        {"organisation": "abc"},
        # issue #7 F6: the town was looked up before validation; NUL was a 500 on PostgreSQL
        {"municipality": "a\x00b"},
        {"municipality": "x" * 500},
    ],
    ids=lambda change: "-".join(change),
)
def test_promise_form_refuses_each_bad_value(user, municipality, change):
    response = client_for(user).post(
        reverse("promises:create"), promise_data(action="submit", **change)
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == set(change)
    assert not Promise.objects.exists()


@pytest.mark.parametrize(("language", "how"), LANGUAGES)
def test_apply_form_errors_in_the_users_language(user, promise, language, how):
    client, extra = speaking(user, language, how)
    response = client.post(
        reverse("promises:apply", args=[promise.pk]), {"plan": "", "quantity": "11"}, **extra
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["plan"] == [REQUIRED[language]]
    left = {
        "de": "Es sind nur noch 10 Tablets verfügbar.",
        "en": "Only 10 Tablets still available.",
    }[language]
    assert errors["quantity"] == [left]
    assert not Redemption.objects.exists()


@pytest.mark.parametrize("quantity", ["", "abc", "0", "-3", "1.5"])
def test_apply_form_refuses_bad_quantities(user, promise, quantity):
    response = client_for(user).post(
        reverse("promises:apply", args=[promise.pk]), {"plan": "So", "quantity": quantity}
    )
    assert response.status_code == 200 and "quantity" in response.context["form"].errors
    assert not Redemption.objects.exists()


@pytest.mark.parametrize(("language", "how"), LANGUAGES)
def test_decline_and_dispute_without_reason_in_the_users_language(promise, language, how):
    client, extra = speaking(promise.owner, language, how)
    applied = factories.RedemptionFactory(promise=promise)
    reported = redemption_in(Redemption.State.REPORTED, promise=promise, report_text="x")
    declined = client.post(
        reverse("promises:decline", args=[applied.pk]), {"decline-reason": ""}, **extra
    )
    disputed = client.post(
        reverse("promises:dispute", args=[reported.pk]), {"dispute-reason": ""}, **extra
    )
    assert declined.context["decline_form"].errors["reason"] == [REQUIRED[language]]
    assert disputed.context["dispute_form"].errors["reason"] == [REQUIRED[language]]
    assert CHECK[language] in declined.content.decode()


@pytest.mark.parametrize(("language", "how"), LANGUAGES)
def test_report_without_text_in_the_users_language(language, how):
    redemption = redemption_in(Redemption.State.IN_PROGRESS)
    client, extra = speaking(redemption.applicant, language, how)
    response = client.post(
        reverse("promises:report", args=[redemption.pk]), form_data(happened=""), **extra
    )
    assert response.status_code == 200
    assert response.context["report_form"].errors["happened"] == [REQUIRED[language]]


# --- uploads: oversized and non-images are refused, the typed text is kept --------------------


def noisy_png(side: int) -> SimpleUploadedFile:
    """A real, incompressible PNG of about side² × 3 bytes."""
    image = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return SimpleUploadedFile("gross.png", out.getvalue(), content_type="image/png")


def report(redemption, **files):
    data = form_data(happened="Mein ausführlicher Bericht über drei Monate", **files)
    return client_for(redemption.applicant).post(
        reverse("promises:report", args=[redemption.pk]), data
    )


def assert_refused_and_text_kept(redemption, response, message):
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Mein ausführlicher Bericht über drei Monate" in html
    redemption.refresh_from_db()
    assert redemption.state == Redemption.State.IN_PROGRESS and not redemption.photos.exists()


def test_oversized_photo_is_refused_with_a_message(settings):
    settings.MAX_UPLOAD_BYTES = 1024 * 1024
    redemption = redemption_in(Redemption.State.IN_PROGRESS)
    upload = noisy_png(700)
    assert upload.size > settings.MAX_UPLOAD_BYTES
    response = report(redemption, photos=upload)
    assert_refused_and_text_kept(
        redemption, response, "Die Datei „gross.png“ ist zu groß (höchstens 1 MB)."
    )


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("bericht.pdf", b"%PDF-1.4 not an image", content_type="application/pdf"),
        SimpleUploadedFile("foto.jpg", b"<html>kein Bild</html>", content_type="image/jpeg"),
        SimpleUploadedFile("leer.png", b"", content_type="image/png"),
    ],
    ids=["pdf", "html-named-jpg", "empty"],
)
def test_non_image_is_refused_with_a_message(upload):
    redemption = redemption_in(Redemption.State.IN_PROGRESS)
    upload.seek(0)
    response = report(redemption, photos=upload)
    assert response.status_code == 200
    form = response.context["report_form"]
    assert form.errors, "the upload must be refused"
    assert_refused_and_text_kept(redemption, response, "Mein ausführlicher Bericht")


def test_non_image_message_names_the_file():
    redemption = redemption_in(Redemption.State.IN_PROGRESS)
    upload = SimpleUploadedFile("notizen.jpg", b"Hallo Welt", content_type="image/jpeg")
    response = report(redemption, photos=upload)
    assert_refused_and_text_kept(redemption, response, "„notizen.jpg“ ist kein Bild")


def test_a_bad_second_photo_is_refused_and_the_good_one_kept(settings):
    redemption = redemption_in(Redemption.State.IN_PROGRESS)
    bad = SimpleUploadedFile("b.jpg", b"nope", content_type="image/jpeg")
    response = report(redemption, photos=[jpeg_with_gps(), bad])
    assert response.status_code == 200 and "„b.jpg“ ist kein Bild" in response.text
    assert "Mein ausführlicher Bericht über drei Monate" in response.text
    redemption.refresh_from_db()
    assert redemption.state == Redemption.State.IN_PROGRESS
    kept = redemption.photos.get()  # stored at once, waiting for its description
    # every stored file has its database row, and only that one
    stored = [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]
    assert [p.name for p in stored] == [Path(kept.image.name).name]


# --- unknown ids are 404 on every pk URL ------------------------------------------------------

PK_URLS = [
    ("detail", "get"), ("edit", "get"), ("edit", "post"), ("submit", "post"),
    ("withdraw", "post"), ("copy", "post"), ("apply", "get"), ("apply", "post"),
    ("redemption", "get"), ("accept", "post"), ("decline", "post"),
    ("withdraw_application", "post"), ("start", "post"), ("report", "post"),
    ("confirm", "post"), ("dispute", "post"),
]  # fmt: skip


@pytest.mark.parametrize("pk", [999999, 2**63 + 7])
@pytest.mark.parametrize(("name", "method"), PK_URLS)
def test_unknown_ids_are_404_even_for_moderators(moderator, name, method, pk):
    factories.RedemptionFactory()  # something exists, just not this id
    url = reverse(f"promises:{name}", args=[pk])
    response = getattr(client_for(moderator), method)(url, {"decline-reason": "x"})
    assert response.status_code == 404


# --- list filters with garbage never 500 ------------------------------------------------------

INVALID_FILTERS = [
    {"radius": "-5"}, {"radius": "abc"}, {"radius": "99999999999999999999"},
    {"municipality": "xyz"}, {"municipality": "\x00"}, {"near": "xyz"}, {"near": "\x00"},
    {"sort": "evil"}, {"sort": "-pk"}, {"category": "<script>"}, {"q": "\x00"}, {"q": "x" * 5000},
    {"near": "sonneberg", "radius": "7"},
]  # fmt: skip
HARMLESS = [
    {"page": "abc"}, {"page": "-1"}, {"page": "0"}, {"page": "99999999999999999999"},
    {"open": "vielleicht"}, {"q": "' OR 1=1; --"}, {"q": "&|!():*<>"}, {"q": "   "},
]  # fmt: skip


@pytest.mark.parametrize("params", INVALID_FILTERS, ids=lambda p: repr(p)[:40])
def test_invalid_filters_are_shown_as_field_errors(client, municipality, params):
    factories.PromiseFactory(title="Immer noch da", municipality=municipality)
    response = client.get(reverse("promises:list"), params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Diese Filter konnten nicht angewendet werden:" in html
    assert 'class="errorlist"' in html  # next to the field, too
    assert "Immer noch da" in html
    assert not list(get_messages(response.wsgi_request))  # nothing left for the next page


@pytest.mark.parametrize("params", HARMLESS, ids=lambda p: repr(p)[:40])
def test_odd_but_harmless_parameters_give_a_list(client, municipality, params):
    factories.PromiseFactory(title="Immer noch da", municipality=municipality)
    response = client.get(reverse("promises:list"), params)
    assert response.status_code == 200
    assert "Versprechen gefunden" in response.content.decode()


def test_list_fragment_for_htmx_with_garbage_is_200(client):
    response = client.get(
        reverse("promises:list"), {"page": "x", "radius": "-5"}, headers={"hx-request": "true"}
    )
    assert response.status_code == 200 and "<html" not in response.content.decode()


def test_repeated_parameters_do_not_break_the_list(client):
    response = client.get(reverse("promises:list") + "?municipality=a&municipality=b&page=1&page=x")
    assert response.status_code == 200
