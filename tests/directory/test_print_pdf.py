"""Print and share: a guide page as a PDF in Arabic and Farsi (logical order), the share page."""

from __future__ import annotations

import pypdfium2
import pytest
from django.urls import reverse

from handschlag.directory.models import ShortLink
from handschlag.directory.translating import translate

from . import factories

pytestmark = pytest.mark.django_db

WORDS = {
    "ar": ("الخطوات الأولى", "التسجيل", "سجلوا في مكتب المواطنين"),
    "fa": ("قدم اول", "نام نویسی", "در دفتر شهروندان نام نویسی کنید"),
}


def pdfium_text(data: bytes) -> str:
    document = pypdfium2.PdfDocument(data)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


@pytest.fixture
def guide(portal, editor):
    page = factories.GuidePageFactory(topic=factories.GuideTopicFactory(portal=portal))
    section = factories.GuideSectionFactory(page=page)
    for language, (title, heading, body) in WORDS.items():
        translate(obj=page, field="title", language=language, text=title, by=editor)
        translate(obj=section, field="heading", language=language, text=heading, by=editor)
        translate(obj=section, field="body", language=language, text=body, by=editor)
    return page


def pdf_url(page):
    return reverse("directory:guide_pdf", args=[page.topic.portal.municipality.slug, page.pk])


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_guide_pdf_in_right_to_left_languages_reads_in_order(client, guide, language):
    response = client.get(pdf_url(guide), {"lang": language})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pdfium_text(response.content).split())
    positions = [text.find(" ".join(word.split())) for word in WORDS[language]]
    assert all(p >= 0 for p in positions), text
    assert positions == sorted(positions)
    assert "/k/" + ShortLink.objects.get().code in text


def test_german_pdf_and_unknown_language_falls_back(client, guide):
    response = client.get(pdf_url(guide), {"lang": "xx"})
    assert "Anmelden" in pdfium_text(response.content)


def test_unpublished_guide_has_no_pdf(client, portal):
    page = factories.GuidePageFactory(
        topic=factories.GuideTopicFactory(portal=portal), published_at=None
    )
    assert client.get(pdf_url(page)).status_code == 404


def test_share_page_makes_one_short_link_with_qr(client, portal, django_assert_max_num_queries):
    path = f"/portal/{portal.municipality.slug}/angebote/?thema=sprache&ort=2"
    url = reverse("directory:share", args=[portal.municipality.slug])
    with django_assert_max_num_queries(10):  # with the session that counts new short links
        first = client.get(url, {"pfad": path})
    client.get(url, {"pfad": path})
    assert first.status_code == 200
    link = ShortLink.objects.get()
    assert link.path == path
    html = first.content.decode()
    assert f"/k/{link.code}" in html and "<svg" in html
    # the printed notice says where the code leads
    assert f"Ankommen in {portal.municipality.name}" in html
    assert client.get(f"/k/{link.code}")["Location"] == path


@pytest.mark.parametrize(
    "path", ["https://evil.example/", "//evil.example/", "/portal/anders/", "/admin/"]
)
def test_share_refuses_other_sites_and_portals(client, portal, path):
    url = reverse("directory:share", args=[portal.municipality.slug])
    response = client.get(url, {"pfad": path})
    assert response.status_code == 400
    assert not ShortLink.objects.exists()
    # no dead end: the page leads back to the portal's offers
    offers = reverse("directory:offers", args=[portal.municipality.slug])
    assert f'href="{offers}"' in response.content.decode()


def test_a_german_section_in_an_arabic_pdf_reads_left_to_right(client, guide):
    german = factories.GuideSectionFactory(
        page=guide, position=1, heading="Krankenkasse", body="Sie brauchen eine Krankenkasse."
    )
    response = client.get(pdf_url(guide), {"lang": "ar"})
    text = " ".join(pdfium_text(response.content).split())
    assert german.body in text, text  # the full stop at the end, not before "Sie"
