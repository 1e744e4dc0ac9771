"""'Das stimmt nicht': readers' reports, rate limit, the editors' list."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from handschlag.audit.models import AuditEntry
from handschlag.directory.keep_selectors import open_reports_count
from handschlag.directory.models import ReaderReport
from handschlag.directory.translating import translate
from tests import factories as base

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_cache(settings):
    """A cache of this test's own (the file cache under var/ is shared with other checkouts)."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "keep"},
    }
    from django.core.cache import cache

    cache.clear()


def report_url(offer):
    return reverse("directory:report", args=[offer.portal.municipality.slug, offer.pk])


def test_reader_reports_in_their_language(client, portal):
    offer = factories.OfferFactory(portal=portal)
    client.cookies["django_language"] = "en"
    response = client.post(
        report_url(offer), {"reason": "address", "note": "<script>x</script>"}, follow=True
    )
    assert response.status_code == 200
    found = ReaderReport.objects.get()
    assert (found.reason, found.language) == ("address", "en")
    with translation.override("en"):  # thanked once, on the page; no form, no intro again
        thanks = escape(translation.gettext("Danke! Das Portal-Team prüft Ihren Hinweis."))
    page = response.content.decode().split("<main", 1)[1]
    assert page.count(thanks) == 1 and 'class="messages"' not in page
    assert "<form" not in page and "goes to the portal team" not in page


def test_the_form_names_the_offer_in_the_readers_language_or_marks_the_german(client, portal):
    offer = factories.OfferFactory(portal=portal, name="Deutschkurs am Abend")
    translate(obj=offer, field="name", language="ar", text="دورة ألمانية مسائية", by=None)
    client.cookies["django_language"] = "ar"
    arabic = client.get(report_url(offer)).content.decode()
    assert "دورة ألمانية مسائية" in arabic and "Deutschkurs am Abend" not in arabic
    client.cookies["django_language"] = "uk"
    ukrainian = client.get(report_url(offer)).content.decode()
    assert '<span lang="de" dir="ltr">Deutschkurs am Abend</span>' in ukrainian


def test_the_button_include_links_to_the_form(portal):
    offer = factories.OfferFactory(portal=portal)
    html = render_to_string("directory/public/includes/report_button.html", {"offer": offer})
    assert report_url(offer) in html


def test_bad_reason_and_unpublished_offer(client, portal):
    offer = factories.OfferFactory(portal=portal)
    assert client.post(report_url(offer), {"reason": "nonsense"}).status_code == 200
    hidden = factories.OfferFactory(portal=portal, published_at=None)
    assert client.post(report_url(hidden), {"reason": "other"}).status_code == 404
    assert not ReaderReport.objects.exists()


def test_csrf_required(portal):
    from django.test import Client

    offer = factories.OfferFactory(portal=portal)
    response = Client(enforce_csrf_checks=True).post(report_url(offer), {"reason": "other"})
    assert response.status_code == 403
    assert not ReaderReport.objects.exists()


def test_rate_limit_per_ip(client, portal):
    offer = factories.OfferFactory(portal=portal)
    codes = [client.post(report_url(offer), {"reason": "other"}).status_code for _ in range(7)]
    assert codes[:5] == [302] * 5
    assert codes[5:] == [429, 429]
    assert ReaderReport.objects.count() == 5
    # a fresh session from the same address is limited too
    from django.test import Client

    assert Client().post(report_url(offer), {"reason": "other"}).status_code == 429


def test_behind_a_proxy_each_reader_has_their_own_limit(portal, settings):
    """With DJANGO_TRUSTED_PROXY_COUNT set, the address is the reader's, not the proxy's
    (REMOTE_ADDR is the proxy for everyone)."""
    from django.test import Client

    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    offer = factories.OfferFactory(portal=portal)

    def send(reader: str) -> int:
        return (
            Client(HTTP_X_FORWARDED_FOR=reader)
            .post(report_url(offer), {"reason": "other"})
            .status_code
        )

    assert [send("203.0.113.1") for _ in range(6)] == [302] * 5 + [429]
    assert send("203.0.113.2") == 302
    assert ReaderReport.objects.count() == 6


def test_editors_list_escapes_and_marks_done(client, portal, editor):
    offer = factories.OfferFactory(portal=portal)
    report = ReaderReport.objects.create(offer=offer, reason="other", note="<script>x</script>")
    url = reverse("directory:reports", args=[portal.municipality.slug])
    client.force_login(editor)
    page = client.get(url).content.decode()
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "<script>x</script>" not in page
    assert reverse("directory:offer_edit", args=[portal.municipality.slug, offer.pk]) in page
    done = reverse("directory:report_done", args=[portal.municipality.slug, report.pk])
    assert client.post(done).status_code == 302
    report.refresh_from_db()
    assert report.handled_by == editor and report.handled_at
    assert open_reports_count(portal) == 0
    assert AuditEntry.objects.filter(verb="directory.reader_report_handled").count() == 1


def test_public_and_strangers_see_no_reports(client, portal):
    offer = factories.OfferFactory(portal=portal)
    report = ReaderReport.objects.create(offer=offer, reason="other")
    url = reverse("directory:reports", args=[portal.municipality.slug])
    assert client.get(url).status_code == 302  # to login
    client.force_login(base.UserFactory())
    assert client.get(url).status_code == 403
    done = reverse("directory:report_done", args=[portal.municipality.slug, report.pk])
    assert client.post(done).status_code == 403
    report.refresh_from_db()
    assert report.handled_at is None


def test_other_portals_reports_not_reachable(client, portal, editor):
    other = factories.OfferFactory()
    report = ReaderReport.objects.create(offer=other, reason="other")
    client.force_login(editor)
    done = reverse("directory:report_done", args=[portal.municipality.slug, report.pk])
    assert client.post(done).status_code == 404
    report.refresh_from_db()
    assert report.handled_at is None


@pytest.mark.parametrize("count", [1, 20])
def test_reports_page_query_count(client, portal, editor, count, django_assert_max_num_queries):
    for _ in range(count):
        ReaderReport.objects.create(offer=factories.OfferFactory(portal=portal), reason="other")
    client.force_login(editor)
    with django_assert_max_num_queries(14):  # 2 of them: the editor's tabs
        response = client.get(reverse("directory:reports", args=[portal.municipality.slug]))
    assert response.status_code == 200
