"""Guide editing services: permissions, refusals that change nothing, audit, images."""

from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from handschlag.audit.models import AuditEntry
from handschlag.core.errors import DomainError
from handschlag.directory import guides
from handschlag.directory.models import GuidePage, GuideSection, GuideTopic, Translation
from handschlag.directory.translating import translate
from tests import factories as base

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(portal):
    return factories.GuidePageFactory(topic=factories.GuideTopicFactory(portal=portal))


def snapshot():
    return (
        list(GuideTopic.objects.values()),
        list(GuidePage.objects.values()),
        list(GuideSection.objects.values()),
        Translation.objects.count(),
        AuditEntry.objects.count(),
    )


def jpeg_with_exif():
    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "GeheimKamera"  # Make
    out = BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile("foto.jpg", out.getvalue(), content_type="image/jpeg")


def test_editor_creates_topic_page_and_sections_in_order(portal, editor):
    topic = guides.create_topic(portal=portal, title=" Ankommen ", by=editor)
    page = guides.create_page(topic=topic, title="Erste Schritte", by=editor)
    first = guides.add_section(page=page, heading="Anmelden", body="Gehen Sie ins Amt.", by=editor)
    second = guides.add_section(page=page, body="Bringen Sie den Pass mit.", by=editor)
    assert topic.title == "Ankommen"
    assert page.slug == "erste-schritte"
    assert list(page.sections.all()) == [first, second]
    guides.move_section(section=second, step=-1, by=editor)
    assert list(page.sections.all()) == [second, first]
    assert guides.create_page(topic=topic, title="Erste Schritte", by=editor).slug == (
        "erste-schritte-2"
    )
    verbs = set(AuditEntry.objects.values_list("verb", flat=True))
    assert {guides.TOPIC_CREATED, guides.PAGE_CREATED, guides.SECTION_CREATED} <= verbs
    assert "directory.guide_section_changed" in verbs  # the reordering


@pytest.mark.parametrize("who", ["anonymous", "stranger", "other_town", "moderator", "provider"])
def test_refused_writes_change_nothing(portal, page, who):
    from django.contrib.auth.models import AnonymousUser

    section = factories.GuideSectionFactory(page=page)
    users = {
        "anonymous": lambda: AnonymousUser(),
        "stranger": base.UserFactory,
        "other_town": lambda: factories.translator_of(factories.PortalFactory()),
        "moderator": base.ModeratorFactory,
        "provider": lambda: _provider_member(portal),
    }
    user = users[who]()
    before = snapshot()
    attempts = [
        lambda: guides.create_topic(portal=portal, title="X", by=user),
        lambda: guides.change_topic(topic=page.topic, values={"title": "X"}, by=user),
        lambda: guides.delete_topic(topic=page.topic, by=user),
        lambda: guides.create_page(topic=page.topic, title="X", by=user),
        lambda: guides.change_page(page=page, values={"title": "X"}, by=user),
        lambda: guides.set_published(page=page, published=False, by=user),
        lambda: guides.add_section(page=page, body="X", by=user),
        lambda: guides.change_section(section=section, values={"body": "X"}, by=user),
        lambda: guides.delete_section(section=section, by=user),
        lambda: guides.move_section(section=section, step=1, by=user),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    assert snapshot() == before


def _provider_member(portal):
    organisation = base.OrganisationFactory(is_verified=True)
    factories.ProviderFactory(portal=portal, organisation=organisation)
    user = base.UserFactory()
    base.MembershipFactory(user=user, organisation=organisation)
    return user


def test_a_topic_with_pages_is_not_deleted(page, editor):
    before = snapshot()
    with pytest.raises(DomainError):
        guides.delete_topic(topic=page.topic, by=editor)
    assert snapshot() == before
    empty = guides.create_topic(portal=page.topic.portal, title="Leer", by=editor)
    guides.delete_topic(topic=empty, by=editor)
    assert not GuideTopic.objects.filter(pk=empty.pk).exists()


def test_deleting_a_section_removes_its_translations_only(page, editor):
    gone, kept = factories.GuideSectionFactory.create_batch(2, page=page)
    for section in (gone, kept):
        translate(obj=section, field="body", language="uk", text="Текст", by=editor)
    guides.delete_section(section=gone, by=editor)
    assert not GuideSection.objects.filter(pk=gone.pk).exists()
    assert list(Translation.objects.values_list("object_id", flat=True)) == [kept.pk]
    assert AuditEntry.objects.filter(verb=guides.SECTION_DELETED).count() == 1


def test_editing_german_outdates_and_is_recorded(page, editor):
    section = factories.GuideSectionFactory(page=page, body="Alt.")
    changed = guides.change_section(section=section, values={"body": "Neu."}, by=editor)
    assert changed == {"body": ["Alt.", "Neu."]}
    section.refresh_from_db()
    assert section.body == "Neu."
    entry = AuditEntry.objects.filter(verb="directory.guide_section_changed").get()
    assert entry.details["changed"] == {"body": ["Alt.", "Neu."]}


def test_page_moves_only_within_its_portal_and_slug_is_checked(page, editor):
    other_topic = factories.GuideTopicFactory(portal=page.topic.portal)
    foreign = factories.GuideTopicFactory()
    before = snapshot()
    with pytest.raises(DomainError):
        guides.change_page(page=page, values={"topic": foreign}, by=editor)
    with pytest.raises(DomainError):
        guides.change_page(page=page, values={"slug": "Nicht gültig"}, by=editor)
    assert snapshot() == before
    guides.change_page(page=page, values={"topic": other_topic}, by=editor)
    page.refresh_from_db()
    assert page.topic == other_topic


def test_publish_and_unpublish(page, editor):
    guides.set_published(page=page, published=False, by=editor)
    page.refresh_from_db()
    assert page.published_at is None
    guides.set_published(page=page, published=True, by=editor)
    page.refresh_from_db()
    assert page.published_at is not None


def test_only_offers_of_the_portal_are_linked(page, editor):
    own = factories.OfferFactory(portal=page.topic.portal)
    foreign = factories.OfferFactory()
    with pytest.raises(DomainError):
        guides.set_offers(page=page, offers=[own, foreign], by=editor)
    assert not page.offers.exists()
    guides.set_offers(page=page, offers=[own], by=editor)
    assert list(page.offers.all()) == [own]


def test_image_is_reencoded_without_exif_and_needs_alt_text(page, editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    before = snapshot()
    with pytest.raises(DomainError, match="beschreiben"):
        guides.add_section(page=page, body="Text", image=jpeg_with_exif(), by=editor)
    with pytest.raises(DomainError, match="kein Bild"):
        guides.add_section(
            page=page, body="Text", image_alt="Ein Amt",
            image=SimpleUploadedFile("x.jpg", b"not an image"), by=editor,
        )  # fmt: skip
    assert snapshot() == before
    section = guides.add_section(
        page=page, body="Text", image=jpeg_with_exif(), image_alt="Das Rathaus", by=editor
    )
    with Image.open(section.image.path) as stored:
        assert stored.format == "JPEG"
        assert 0x010F not in stored.getexif()
    # clearing the alt text of a section with an image is refused
    with pytest.raises(DomainError):
        guides.change_section(section=section, values={"image_alt": ""}, by=editor)
    section.refresh_from_db()
    assert section.image_alt == "Das Rathaus"
    # a new image replaces the old one, re-encoded
    guides.change_section(section=section, values={}, image=jpeg_with_exif(), by=editor)
    section.refresh_from_db()
    with Image.open(section.image.path) as stored:
        assert 0x010F not in stored.getexif()
