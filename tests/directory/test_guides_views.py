"""The guide editor's pages: role × URL matrix (refused writes change nothing), forms with
clear messages, query counts."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from handschlag.audit.models import AuditEntry
from handschlag.directory.models import GuidePage, GuideSection, GuideTopic, Translation
from handschlag.directory.translating import translate
from tests import factories as base

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(portal):
    page = factories.GuidePageFactory(topic=factories.GuideTopicFactory(portal=portal))
    factories.GuideSectionFactory.create_batch(2, page=page)
    return page


def provider_member(portal):
    organisation = base.OrganisationFactory(is_verified=True)
    factories.ProviderFactory(portal=portal, organisation=organisation)
    user = base.UserFactory()
    base.MembershipFactory(user=user, organisation=organisation)
    return user


def other_town_editor(portal):
    other = factories.PortalFactory()
    user = base.UserFactory()
    base.MembershipFactory(user=user, organisation=other.organisation)
    return user


ROLES = {
    "translator_elsewhere": lambda portal: factories.translator_of(factories.PortalFactory()),
    "provider": provider_member,
    "other_town": other_town_editor,
    "moderator": lambda portal: base.ModeratorFactory(),
    "anonymous": lambda portal: None,
}


def snapshot():
    return (
        list(GuideTopic.objects.values()), list(GuidePage.objects.values()),
        list(GuideSection.objects.values()), Translation.objects.count(),
        AuditEntry.objects.count(),
    )  # fmt: skip


def writes(portal, page):
    slug = portal.municipality.slug
    section = page.sections.first()
    topic = page.topic
    return [
        (reverse("directory:guide_editor", args=[slug]), {"topic-title": "X"}),
        (reverse("directory:guide_topic_edit", args=[slug, topic.pk]), {"title": "X"}),
        (
            reverse("directory:guide_topic_edit", args=[slug, topic.pk]),
            {"action": "page", "page-title": "X"},
        ),
        (reverse("directory:guide_topic_move", args=[slug, topic.pk]), {"step": "up"}),
        (reverse("directory:guide_topic_delete", args=[slug, topic.pk]), {}),
        (
            reverse("directory:guide_page_edit", args=[slug, page.pk]),
            {"action": "page", "title": "X", "slug": "x", "topic": topic.pk},
        ),
        (
            reverse("directory:guide_page_edit", args=[slug, page.pk]),
            {"action": "section", "new-body": "X"},
        ),
        (reverse("directory:guide_page_publish", args=[slug, page.pk]), {"publish": "0"}),
        (reverse("directory:guide_page_move", args=[slug, page.pk]), {"step": "down"}),
        (reverse("directory:guide_section_edit", args=[slug, section.pk]), {"body": "X"}),
        (reverse("directory:guide_section_move", args=[slug, section.pk]), {"step": "down"}),
        (reverse("directory:guide_section_delete", args=[slug, section.pk]), {}),
    ]


@pytest.mark.parametrize("role", sorted(ROLES))
def test_refused_roles_change_nothing(client, portal, page, role):
    user = ROLES[role](portal)
    if user is not None:
        client.force_login(user)
    before = snapshot()
    for url, data in writes(portal, page):
        response = client.post(url, data)
        if user is None:
            assert response.status_code == 302, url
            assert AuditEntry.objects.count() == before[-1], url
        else:
            assert response.status_code == 403, url
        if user is not None:
            assert client.get(url).status_code in (403, 405), url
    assert snapshot() == before


def test_editor_walks_through_the_editor(client, portal, page, editor):
    client.force_login(editor)
    slug = portal.municipality.slug
    for url, _data in writes(portal, page):
        assert client.get(url).status_code in (200, 405), url
    response = client.post(
        reverse("directory:guide_editor", args=[slug]), {"topic-title": "Arbeit"}
    )
    assert response.status_code == 302
    topic = GuideTopic.objects.get(title="Arbeit")
    response = client.post(
        reverse("directory:guide_topic_edit", args=[slug, topic.pk]),
        {"action": "page", "page-title": "Arbeit finden", "page-summary": ""},
    )
    new_page = GuidePage.objects.get(title="Arbeit finden")
    assert response["Location"] == reverse("directory:guide_page_edit", args=[slug, new_page.pk])
    response = client.post(
        reverse("directory:guide_page_edit", args=[slug, new_page.pk]),
        {"action": "section", "new-heading": "Jobcenter", "new-body": "Gehen Sie zum Jobcenter."},
    )
    assert response.status_code == 302
    assert new_page.sections.get().heading == "Jobcenter"
    page_html = client.get(reverse("directory:guide_page_edit", args=[slug, new_page.pk]))
    content = page_html.content.decode()
    assert "Lesbarkeit" in content and "translation-status" in content


def test_section_delete_asks_first_and_mentions_translations(client, portal, page, editor):
    client.force_login(editor)
    section = page.sections.first()
    translate(obj=section, field="body", language="uk", text="Текст", by=editor)
    url = reverse("directory:guide_section_delete", args=[portal.municipality.slug, section.pk])
    response = client.get(url)
    assert "Übersetzungen" in response.content.decode()
    assert GuideSection.objects.filter(pk=section.pk).exists()
    client.post(url)
    assert not GuideSection.objects.filter(pk=section.pk).exists()
    assert not Translation.objects.exists()


def test_image_without_alt_text_gets_a_clear_message(client, portal, page, editor, settings,
                                                    tmp_path):  # fmt: skip
    settings.MEDIA_ROOT = tmp_path
    client.force_login(editor)
    out = BytesIO()
    Image.new("RGB", (10, 10)).save(out, format="PNG")
    url = reverse("directory:guide_page_edit", args=[portal.municipality.slug, page.pk])
    before = snapshot()
    response = client.post(url, {
        "action": "section", "new-body": "Text",
        "new-image": SimpleUploadedFile("a.png", out.getvalue(), content_type="image/png"),
    })  # fmt: skip
    assert response.status_code == 200
    assert "Bitte beschreiben Sie das Bild" in response.content.decode()
    assert snapshot() == before


def test_other_portals_objects_are_not_found(client, portal, editor):
    client.force_login(editor)
    foreign = factories.GuidePageFactory()
    url = reverse("directory:guide_page_edit", args=[portal.municipality.slug, foreign.pk])
    assert client.get(url).status_code == 404


def test_page_editor_queries_are_constant(client, portal, editor, django_assert_max_num_queries):
    client.force_login(editor)
    page = factories.GuidePageFactory(topic=factories.GuideTopicFactory(portal=portal))
    url = reverse("directory:guide_page_edit", args=[portal.municipality.slug, page.pk])
    factories.GuideSectionFactory(page=page)
    client.get(url)
    with django_assert_max_num_queries(40) as one:
        assert client.get(url).status_code == 200
    factories.GuideSectionFactory.create_batch(10, page=page)
    factories.OfferFactory.create_batch(5, portal=portal)
    with django_assert_max_num_queries(len(one.captured_queries) + 1):
        client.get(url)
    client.get(reverse("directory:guide_editor", args=[portal.municipality.slug]))
