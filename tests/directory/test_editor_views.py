"""The editor's pages as an editor uses them: the home says what to do next and how far each
offer is translated; an offer is created, edited, given places and hours, ended; the history
reads before → after; bad input comes back with messages in the editor's language."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from handschlag.audit.models import AuditEntry
from handschlag.directory import offers
from handschlag.directory.models import Location, Offer, ReaderReport
from handschlag.directory.offer_locations import ExceptionDays, Slot, set_hours
from handschlag.directory.translating import translate
from tests.e2e.test_layout import PHYSICAL

from . import factories
from .editor_cast import build_cast, hours_data, offer_data, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(portal):
    return build_cast(portal)


def url(name, cast, *args):
    return reverse(f"directory:{name}", args=[cast.slug, *args])


def page(client, user, address, **params):
    client.force_login(user)
    response = client.get(address, params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_home_says_what_to_do_next(client, cast):
    old = timezone.now() - datetime.timedelta(days=200)
    Offer.objects.filter(pk=cast.own.pk).update(last_checked_at=old, flagged_at=timezone.now())
    Offer.objects.filter(pk=cast.town_offer.pk).update(last_checked_at=old)
    ReaderReport.objects.create(offer=cast.own, reason="address")
    html = page(client, cast.editor, url("editor_home", cast))
    assert "2 Angebote seit über 6 Monaten nicht geprüft" in html
    assert "1 Angebot als ungeprüft gemeldet" in html
    assert "1 offener Hinweis von Lesenden" in html
    assert "1 Angebot noch nicht veröffentlicht" in html
    due = page(client, cast.editor, url("editor_home", cast), attention="due")
    assert "Migrationsberatung" in due and "Bürgerbüro" in due and "Entwurf" not in due


def test_the_home_shows_translation_progress_per_language(client, cast):
    translate(obj=cast.own, field="name", language="uk", text="Консультація", by=cast.editor)
    translate(obj=cast.own, field="summary", language="uk", text="Вечірній курс", by=cast.editor)
    translate(obj=cast.own, field="description", language="uk", text="Двічі", by=cast.editor)
    offers.update_offer(offer=cast.own, by=cast.editor, description="Neu: dreimal pro Woche.")
    html = page(client, cast.editor, url("editor_home", cast), q="migration")
    assert "UK 2/3" in html and "EN 0/3" in html
    assert "Ukrainisch: 2 von 3 Abschnitten aktuell, 1 veraltet" in html


def test_a_provider_sees_only_its_offers_and_a_translator_edits_none(client, cast):
    html = page(client, cast.provider_member, url("editor_home", cast))
    assert "Migrationsberatung" in html and "Bürgerbüro" not in html
    html = page(client, cast.translator, url("editor_home", cast))
    assert "Bürgerbüro" in html and url("offer_edit", cast, cast.town_offer.pk) not in html


def test_the_tabs_lead_to_every_part_of_the_editor_and_back(client, cast):
    html = page(client, cast.editor, url("editor_home", cast))
    for name in ("guide_editor", "translations", "reports", "hsds_import"):
        assert f'href="{url(name, cast)}"' in html, name
    home = f'href="{url("editor_home", cast)}"'
    for name in ("guide_editor", "translations", "reports", "hsds_import"):
        assert home in page(client, cast.editor, url(name, cast)), name
    provider = page(client, cast.provider_member, url("editor_home", cast))
    assert f'href="{url("translations", cast)}"' in provider
    assert url("guide_editor", cast) not in provider and url("reports", cast) not in provider


def test_bad_filters_are_explained_not_a_500(client, cast):
    html = page(client, cast.editor, url("editor_home", cast), provider="abc", page="x")
    assert "Diese Filter konnten nicht angewendet werden" in html
    assert "Migrationsberatung" in html  # the list still shows


def test_an_offer_is_created_then_placed_then_timed(client, cast):
    client.force_login(cast.editor)
    response = client.post(
        url("offer_create", cast),
        offer_data(cast.own, name="Deutsch für Eltern", provider="", new_provider="Kita Sonne",
                   topics=["language", "family"], languages=["de", "ar"], checked="on"),
    )  # fmt: skip
    offer = Offer.objects.get(name="Deutsch für Eltern")
    assert response["Location"] == url("offer_places", cast, offer.pk)
    assert offer.provider.name == "Kita Sonne" and offer.last_checked_by == cast.editor
    response = client.post(
        url("offer_places", cast, offer.pk),
        {"action": "new", "new-name": "Kita Sonne", "new-city": "Musterstadt",
         "new-town_coordinates": "on", "new-accessibility": ["step_free"]},
    )  # fmt: skip
    place = offer.offer_locations.get()
    assert response["Location"] == url("offer_hours", cast, offer.pk, place.pk)
    town = cast.portal.municipality
    assert (place.location.latitude, place.location.longitude) == (
        round(town.latitude, 5), round(town.longitude, 5),
    )  # fmt: skip
    response = client.post(
        url("offer_hours", cast, offer.pk, place.pk),
        hours_data(("workdays", "08:00", "10:00"), exceptions=[
            {"starts_on": "2030-08-01", "ends_on": "2030-08-15", "closed": "1", "note": "Ferien"}
        ]),
    )  # fmt: skip
    assert response.status_code == 302
    assert list(place.schedules.values_list("weekday", flat=True)) == [0, 1, 2, 3, 4]
    html = page(client, cast.editor, url("offer_places", cast, offer.pk))
    assert "Freitag 08:00–10:00" in html and "geschlossen (Ferien)" in html


def test_more_rows_keeps_what_was_typed_and_saves_nothing(client, cast):
    client.force_login(cast.editor)
    before = snapshot()
    response = client.post(
        url("offer_hours", cast, cast.own.pk, cast.place.pk),
        hours_data((3, "10:00", "11:00"), action="more"),
    )
    html = response.content.decode()
    assert response.status_code == 200 and snapshot() == before
    assert 'value="10:00"' in html and 'name="slots-5-weekday"' in html


def test_bad_hours_come_back_with_their_errors(client, cast):
    client.force_login(cast.editor)
    before = snapshot()
    response = client.post(
        url("offer_hours", cast, cast.own.pk, cast.place.pk),
        hours_data((1, "14:00", "09:00"), ("", "10:00", ""), exceptions=[
            {"starts_on": "2030-05-02", "ends_on": "2030-05-01", "closed": "0"}
        ]),
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200 and snapshot() == before
    for message in (
        "Die Endzeit muss nach der Anfangszeit liegen.", "Bitte wählen Sie den Wochentag.",
        "Bitte geben Sie die Endzeit an.", "Das Ende liegt vor dem Anfang.",
        "Für andere Öffnungszeiten geben Sie bitte an, von wann bis wann.",
    ):  # fmt: skip
        assert message in html


def test_offer_form_errors_in_the_editors_language(client, cast):
    client.force_login(cast.editor)
    before = snapshot()
    bad = offer_data(
        cast.own, name="", min_age="18", max_age="6", contact_email="keine-adresse",
        contact_phone="ruf an", website="nicht da",
    )  # fmt: skip
    html = client.post(url("offer_edit", cast, cast.own.pk), bad).content.decode()
    assert "Dieses Feld ist zwingend erforderlich." in html
    assert "„bis Alter“ muss mindestens „ab Alter“ sein." in html
    assert "Bitte geben Sie eine Telefonnummer aus Ziffern an" in html
    assert "Bitte gültige E-Mail-Adresse eingeben." in html
    client.cookies["django_language"] = "en"
    html = client.post(url("offer_edit", cast, cast.own.pk), bad).content.decode()
    assert "This field is required." in html and "Enter a valid email address." in html
    assert "Enter a valid URL." in html
    assert snapshot() == before


def test_editing_records_each_change_and_the_history_reads_it(client, cast):
    client.force_login(cast.editor)
    client.post(
        url("offer_edit", cast, cast.own.pk),
        offer_data(cast.own, name="Migrationsberatung (MBE)", topics=["counselling"],
                   languages=["ar"], cost="reduced"),
    )  # fmt: skip
    client.post(
        url("offer_hours", cast, cast.own.pk, cast.place.pk), hours_data((4, "13:00", "15:00"))
    )
    client.post(url("offer_status", cast, cast.own.pk), {"status": "ended"})
    html = page(client, cast.editor, url("offer_history", cast, cast.own.pk))
    for text in (
        "Migrationsberatung", "Migrationsberatung (MBE)", "Beratung", "Arabisch",
        "ermäßigt möglich", "Öffnungszeiten (Caritas-Haus)", "Montag 09:00–12:00",
        "Freitag 13:00–15:00", "aktiv", "beendet", cast.editor.public_name,
    ):  # fmt: skip
        assert text in html, text
    assert AuditEntry.objects.filter(object_id=cast.own.pk).count() >= 3


def test_checking_only_says_thank_you(client, cast):
    client.force_login(cast.provider_member)
    response = client.post(
        url("offer_edit", cast, cast.own.pk), offer_data(cast.own, checked="on"), follow=True
    )
    assert "Das Angebot ist als geprüft vermerkt." in response.content.decode()


def test_closed_needs_its_date_on_the_status_page(client, cast):
    client.force_login(cast.editor)
    html = client.post(
        url("offer_status", cast, cast.own.pk), {"status": "closed"}
    ).content.decode()
    assert "Bitte geben Sie an, bis wann geschlossen ist." in html
    until = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
    client.post(url("offer_status", cast, cast.own.pk), {"status": "closed", "closed_until": until})
    cast.own.refresh_from_db()
    assert cast.own.status == "closed" and cast.own.closed_until.isoformat() == until


def test_delete_asks_first_and_a_published_offer_is_only_ended(client, cast):
    html = page(client, cast.editor, url("offer_delete", cast, cast.draft.pk))
    assert "endgültig gelöscht" in html and Offer.objects.filter(pk=cast.draft.pk).exists()
    html = page(client, cast.editor, url("offer_delete", cast, cast.own.pk))
    assert "kann nur beendet werden" in html
    before = snapshot()
    response = client.post(url("offer_delete", cast, cast.own.pk), follow=True)
    assert "kann nur beendet werden" in response.content.decode() and snapshot() == before
    client.post(url("offer_delete", cast, cast.draft.pk))
    assert not Offer.objects.filter(pk=cast.draft.pk).exists()


def test_publishing_an_offer_in_an_unpublished_portal_says_when_readers_see_it(client, cast):
    cast.portal.published_at = None
    cast.portal.save()
    client.force_login(cast.editor)
    response = client.post(url("offer_publish", cast, cast.draft.pk), {"publish": "1"}, follow=True)
    assert "sobald das Portal veröffentlicht ist" in response.content.decode()


def test_places_page_picks_a_known_place_and_refuses_bad_coordinates(client, cast):
    other = factories.LocationFactory(portal=cast.portal, name="Rathaus")
    client.force_login(cast.editor)
    response = client.post(
        url("offer_places", cast, cast.town_offer.pk),
        {"action": "pick", "pick-location": other.pk, "pick-by_appointment": "on"},
    )
    assert response.status_code == 302 and cast.town_offer.offer_locations.get().by_appointment
    html = client.post(
        url("offer_places", cast, cast.town_offer.pk),
        {"action": "new", "new-name": "X", "new-city": "Y", "new-postcode": "123",
         "new-latitude": "11.17", "new-longitude": "50.36"},
    ).content.decode()  # fmt: skip
    assert "Eine Postleitzahl hat fünf Ziffern." in html
    assert "Breiten- und Längengrad sind vertauscht." in html
    assert not Location.objects.filter(name="X").exists()


def test_portal_settings_publish_and_intervals(client, cast):
    client.force_login(cast.admin)
    html = client.post(
        url("portal_settings", cast), {"check_every_days": "3", "flag_after_days": "14"}
    ).content.decode()
    assert "größer oder gleich 30" in html
    client.post(url("portal_publish", cast), {"publish": "0"})
    cast.portal.refresh_from_db()
    assert not cast.portal.is_published


def test_translators_page_grants_and_revokes(client, cast):
    client.force_login(cast.admin)
    html = page(client, cast.admin, url("translators", cast))
    assert cast.translator.get_full_name() in html and "Rolle entziehen" in html
    client.post(url("translator_revoke", cast, cast.grant.pk))
    assert cast.translator.has_perm("directory.edit_offer", cast.own)
    membership = cast.editor.memberships.get()
    client.post(url("translators", cast), {"membership": membership.pk})
    assert not cast.editor.has_perm("directory.edit_offer", cast.own)


def test_provider_page_links_an_organisation_for_admins_only(client, cast):
    html = page(client, cast.editor, url("provider_edit", cast, cast.town_provider.pk))
    assert "Verknüpfung speichern" not in html
    html = page(client, cast.admin, url("provider_edit", cast, cast.town_provider.pk))
    assert "Verknüpfung speichern" in html
    client.post(
        url("provider_edit", cast, cast.town_provider.pk),
        {"action": "link", "other": cast.provider_org.slug},
    )
    cast.town_provider.refresh_from_db()
    assert cast.town_provider.organisation == cast.provider_org
    assert cast.provider_member.has_perm("directory.edit_offer", cast.town_offer)


def test_the_organisation_page_leads_into_the_editor(client, cast):
    html = page(client, cast.provider_member, cast.provider_org.get_absolute_url())
    assert url("editor_home", cast) in html
    html = page(client, cast.editor, cast.portal.organisation.get_absolute_url())
    assert url("editor_home", cast) in html


def test_the_editor_stylesheet_uses_only_logical_directions():
    css = Path(settings.BASE_DIR) / "handschlag/directory/static/directory/editor.css"
    text = re.sub(r"/\*.*?\*/", "", css.read_text(), flags=re.S)
    assert PHYSICAL.findall(text) == []


def test_the_history_puts_hours_and_exceptions_into_words(client, cast):
    set_hours(
        offer_location=cast.place, by=cast.editor,
        slots=[Slot(1, datetime.time(9), datetime.time(12), datetime.date(2030, 9, 1))],
        exceptions=[
            ExceptionDays(datetime.date(2030, 12, 24), datetime.date(2030, 12, 26), note="Ferien"),
            ExceptionDays(datetime.date(2030, 5, 1), datetime.date(2030, 5, 1), closed=False,
                          opens_at=datetime.time(10), closes_at=datetime.time(11)),
        ],
    )  # fmt: skip
    html = page(client, cast.editor, url("offer_history", cast, cast.own.pk))
    assert "Dienstag 09:00–12:00 (01.09.2030 – …)" in html
    assert "24.12.2030 – 26.12.2030: geschlossen (Ferien)" in html
    assert "01.05.2030: 10:00–11:00" in html
    html = page(client, cast.editor, url("offer_places", cast, cast.own.pk))
    assert "Dienstag 09:00–12:00 (ab 01.09.2030)" in html
