import datetime

import pytest
from django.utils import timezone

from handschlag.directory import privacy
from handschlag.directory.models import OfferCheck, ReaderReport, Translation
from handschlag.directory.translating import translate

from . import factories

pytestmark = pytest.mark.django_db


def test_export_lists_the_translations_a_person_made(editor, portal):
    offer = factories.OfferFactory(portal=portal)
    translate(obj=offer, field="name", language="uk", text="Курс", by=editor)
    exported = privacy.export(editor)
    assert [(t["field"], t["language"], t["text"]) for t in exported["translations"]] == [
        ("name", "uk", "Курс")
    ]


def test_erase_keeps_the_translation_and_forgets_the_person(editor, portal):
    offer = factories.OfferFactory(portal=portal, last_checked_by=editor)
    translate(obj=offer, field="name", language="uk", text="Курс", by=editor)
    privacy.erase(editor)
    row = Translation.objects.get()
    assert (row.text, row.translated_by, row.reviewed_by) == ("Курс", None, None)
    offer.refresh_from_db()
    assert offer.last_checked_by is None


def test_purge_removes_old_handled_reports_and_old_checks_only(portal):
    offer = factories.OfferFactory(portal=portal)
    now = timezone.now()
    old = now - datetime.timedelta(days=400)
    ReaderReport.objects.create(offer=offer, reason="closed", handled_at=old)
    kept_open = ReaderReport.objects.create(offer=offer, reason="closed", created_at=old)
    kept_recent = ReaderReport.objects.create(offer=offer, reason="other", handled_at=now)
    OfferCheck.objects.create(
        offer=offer, token_hash="a" * 64, sent_to="x@example.org", sent_at=old,
        expires_at=old + datetime.timedelta(days=30),
    )  # fmt: skip
    pending = OfferCheck.objects.create(
        offer=offer, token_hash="b" * 64, sent_to="x@example.org",
        expires_at=now + datetime.timedelta(days=30),
    )  # fmt: skip
    assert privacy.purge(now) == 2
    assert set(ReaderReport.objects.all()) == {kept_open, kept_recent}
    assert list(OfferCheck.objects.all()) == [pending]
