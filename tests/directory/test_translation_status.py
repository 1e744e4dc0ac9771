"""A translation's status is computed from the hash of the German section it was made from,
and is right after every kind of edit of the source."""

import pytest
from django.core.exceptions import PermissionDenied

from handschlag.core.errors import DomainError
from handschlag.directory.editing import apply_changes
from handschlag.directory.models import GuideSection, Translation
from handschlag.directory.translating import review, translate
from handschlag.directory.translation import (
    Status,
    localize,
    section_statuses,
    source_hash,
    status_of,
)
from tests import factories as base

from . import factories

pytestmark = pytest.mark.django_db

UK = "uk"


@pytest.fixture
def page(portal):
    page = factories.GuidePageFactory(topic=factories.GuideTopicFactory(portal=portal))
    for position, (heading, body) in enumerate(
        (
            ("Anmelden", "Melden Sie sich im Bürgerbüro an."),
            ("Krankenversicherung", "Sie brauchen eine Krankenkasse."),
            ("Deutsch lernen", "Es gibt Kurse am Abend."),
        )
    ):
        factories.GuideSectionFactory(page=page, position=position, heading=heading, body=body)
    return page


def translate_all(page, by, language=UK):
    for section in page.sections.all():
        translate(obj=section, field="heading", language=language, text=f"[{language}] h", by=by)
        translate(obj=section, field="body", language=language, text=f"[{language}] b", by=by)


def body_statuses(page, language=UK):
    return [section_statuses(s, [language])[language]["body"] for s in page.sections.all()]


def test_a_fresh_translation_is_current_and_a_missing_one_is_missing(page, editor):
    first = page.sections.first()
    translate(obj=first, field="body", language=UK, text="Зареєструйтеся.", by=editor)
    assert section_statuses(first, [UK, "ar"]) == {
        UK: {"heading": Status.MISSING, "body": Status.CURRENT},
        "ar": {"heading": Status.MISSING, "body": Status.MISSING},
    }


def test_a_typo_fixed_in_one_section_outdates_that_section_only(page, editor):
    translate_all(page, editor)
    second = page.sections.all()[1]
    apply_changes(second, {"body": "Sie brauchen eine Krankenversicherung."}, by=editor)
    assert body_statuses(page) == [Status.CURRENT, Status.OUTDATED, Status.CURRENT]
    heading = section_statuses(second, [UK])[UK]["heading"]
    assert heading == Status.CURRENT  # the other field of the same section is untouched


def test_whitespace_and_line_endings_do_not_outdate(page, editor):
    translate_all(page, editor)
    first = page.sections.first()
    apply_changes(first, {"body": "  Melden Sie sich  im Bürgerbüro an.\r\n"}, by=editor)
    assert body_statuses(page)[0] == Status.CURRENT


def test_an_added_section_is_missing_and_the_others_stay_current(page, editor):
    translate_all(page, editor)
    factories.GuideSectionFactory(page=page, position=9, heading="Neu", body="Ein neuer Text.")
    assert body_statuses(page) == [Status.CURRENT] * 3 + [Status.MISSING]


def test_a_removed_section_takes_its_translations_along(page, editor):
    translate_all(page, editor)
    doomed = page.sections.all()[1]
    doomed_pk = doomed.pk
    doomed.delete()
    assert not Translation.objects.filter(object_id=doomed_pk, field="body").exists()
    assert body_statuses(page) == [Status.CURRENT, Status.CURRENT]


def test_reverting_the_source_makes_the_translation_current_again(page, editor):
    translate_all(page, editor)
    first = page.sections.first()
    original = first.body
    apply_changes(first, {"body": "Melden Sie sich im Rathaus an."}, by=editor)
    assert body_statuses(page)[0] == Status.OUTDATED
    apply_changes(first, {"body": original}, by=editor)
    assert body_statuses(page)[0] == Status.CURRENT


def test_retranslating_an_outdated_section_makes_it_current(page, editor):
    translate_all(page, editor)
    first = page.sections.first()
    apply_changes(first, {"body": "Melden Sie sich im Rathaus an."}, by=editor)
    translate(obj=first, field="body", language=UK, text="Зареєструйтеся в ратуші.", by=editor)
    assert body_statuses(page)[0] == Status.CURRENT
    row = Translation.objects.get(object_id=first.pk, field="body", language=UK)
    assert row.source_text == "Melden Sie sich im Rathaus an."


def test_machine_translation_is_unreviewed_until_a_person_reviews_it(page, editor):
    first = page.sections.first()
    row = translate(
        obj=first, field="body", language="ar", text="سجل نفسك.", by=None,
        origin=Translation.Origin.MACHINE,
    )  # fmt: skip
    assert status_of(first.body, row) == Status.MACHINE
    review(translation=row, by=editor)
    row.refresh_from_db()
    assert status_of(first.body, row) == Status.CURRENT


def test_reviewing_an_outdated_machine_translation_is_refused(page, editor):
    first = page.sections.first()
    row = translate(
        obj=first, field="body", language="ar", text="سجل نفسك.", by=None,
        origin=Translation.Origin.MACHINE,
    )  # fmt: skip
    apply_changes(first, {"body": "Ganz anders."}, by=editor)
    with pytest.raises(DomainError):
        review(translation=row, by=editor)
    row.refresh_from_db()
    assert row.reviewed_at is None


def test_outdated_machine_translation_counts_as_outdated(page, editor):
    first = page.sections.first()
    row = translate(
        obj=first, field="body", language="ar", text="سجل نفسك.", by=None,
        origin=Translation.Origin.MACHINE,
    )  # fmt: skip
    assert status_of("Ganz anders.", row) == Status.OUTDATED


def test_readers_get_the_translation_with_its_status_or_the_german_original(page, editor):
    first, second, _third = page.sections.all()
    translate(obj=first, field="body", language=UK, text="Зареєструйтеся.", by=editor)
    translate(obj=second, field="body", language=UK, text="Потрібна страховка.", by=editor)
    apply_changes(second, {"body": "Sie brauchen eine Krankenversicherung."}, by=editor)
    sections = list(GuideSection.objects.filter(page=page))
    localize(sections, UK)
    shown = [(s.localized["body"].text, s.localized["body"].language) for s in sections]
    assert shown == [
        ("Зареєструйтеся.", UK),
        ("Потрібна страховка.", UK),
        ("Es gibt Kurse am Abend.", "de"),
    ]
    assert [s.localized["body"].is_outdated for s in sections] == [False, True, False]
    second.refresh_from_db()
    assert sections[1].localized["body"].source_changed_at == second.content_changed_at


def test_only_translatable_fields_move_the_source_date(page, editor):
    first = page.sections.first()
    before = first.content_changed_at
    apply_changes(first, {"position": 7}, by=editor)
    first.refresh_from_db()
    assert first.content_changed_at == before
    apply_changes(first, {"heading": "Anmeldung"}, by=editor)
    first.refresh_from_db()
    assert first.content_changed_at > before


def test_hash_is_of_the_normalised_text():
    assert source_hash("a  b\r\n") == source_hash("a b")
    assert source_hash("Pass") != source_hash("Paß")


@pytest.mark.parametrize(
    ("field", "language", "text"),
    [("slug", UK, "x"), ("body", "de", "x"), ("body", "fr", "x"), ("body", UK, "   ")],
)
def test_bad_translations_are_refused_and_nothing_is_saved(page, editor, field, language, text):
    with pytest.raises(DomainError):
        translate(obj=page.sections.first(), field=field, language=language, text=text, by=editor)
    assert not Translation.objects.exists()


def test_outsiders_cannot_translate(page):
    stranger = base.UserFactory()
    with pytest.raises(PermissionDenied):
        translate(obj=page.sections.first(), field="body", language=UK, text="x", by=stranger)
    assert not Translation.objects.exists()


def test_a_member_named_translator_translates_but_does_not_edit(portal, page):
    from handschlag.directory.rules import TRANSLATOR
    from handschlag.organisations.roles import grant_role

    admin = base.UserFactory()
    base.MembershipFactory(user=admin, organisation=portal.organisation, role="admin")
    translator = base.UserFactory()
    membership = base.MembershipFactory(user=translator, organisation=portal.organisation)
    section = page.sections.first()
    assert translator.has_perm("directory.edit_guides", section)
    grant_role(membership=membership, by=admin, role=TRANSLATOR, scope=portal)
    assert translator.has_perm("directory.translate", section)
    assert not translator.has_perm("directory.edit_guides", section)
    assert not translator.has_perm("directory.edit_offer", factories.OfferFactory(portal=portal))
    assert admin.has_perm("directory.edit_guides", section)
