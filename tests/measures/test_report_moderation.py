"""A town's report on a measure goes through moderation, as blog and promise reports do: it
waits until a moderator publishes it (or returns it with a comment); its author may change it
meanwhile, and changing a published report sends it back to moderation. Nobody else changes
it; every refusal leaves it as it was."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from handschlag.audit.models import AuditEntry
from handschlag.core.errors import DomainError
from handschlag.core.models import StateChange
from handschlag.measures import reports, selectors
from handschlag.measures.models import Report
from handschlag.notifications.models import Notification
from handschlag.organisations.models import Membership
from tests import factories as base
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

S = Report.State


@pytest.fixture
def report(cast):
    return reports.add_report(
        measure=cast.published, organisation=cast.city, by=cast.member, note="Lief gut."
    )


def _as_stored(report):
    return (
        Report.objects.filter(pk=report.pk)
        .values("state", "note", "url", "post_id", "moderation_comment")
        .get()
    )


def _page(cast, who=None):
    client = client_for(getattr(cast, who)) if who else client_for(base.UserFactory())
    return client.get(cast.published.get_absolute_url()).content.decode()


def test_a_new_report_waits_for_moderation_and_only_its_author_sees_it(cast, report):
    assert report.state == S.PENDING
    assert list(selectors.reports_awaiting_review()) == [report]
    assert "Lief gut." not in _page(cast)  # a stranger
    assert "Lief gut." not in _page(cast, "town_admin")  # a colleague in the town
    mine = _page(cast, "member")
    assert "Lief gut." in mine and "wartet auf Prüfung" in mine and "Bericht ändern" in mine
    assert report not in selectors.public_reports()


def test_moderation_publishes_it_and_tells_the_author(cast, report):
    reports.publish_report(report=report, by=cast.moderator, comment="Danke")
    assert _as_stored(report)["state"] == S.PUBLISHED
    html = _page(cast)
    assert "Lief gut." in html and "Bericht melden" in html
    told = Notification.objects.get(recipient=cast.member)
    assert told.kind == "measures.report_published" and "Willkommenscafé" in told.title
    assert AuditEntry.objects.filter(verb=reports.REPORT_PUBLISHED, actor=cast.moderator).exists()
    assert not selectors.reports_awaiting_review().exists()


def test_moderation_returns_it_with_a_comment_that_the_author_reads(cast, report):
    reports.return_report(report=report, by=cast.moderator, comment="Bitte ohne Namen.")
    stored = _as_stored(report)
    assert (stored["state"], stored["moderation_comment"]) == (S.RETURNED, "Bitte ohne Namen.")
    assert Notification.objects.get(recipient=cast.member).kind == "measures.report_returned"
    html = _page(cast, "member")
    assert "Bitte ohne Namen." in html and "zurückgegeben" in html
    assert "Lief gut." not in _page(cast)


def test_a_return_needs_a_reason(cast, report):
    before = _as_stored(report)
    with pytest.raises(DomainError):
        reports.return_report(report=report, by=cast.moderator, comment="  ")
    assert _as_stored(report) == before and not Notification.objects.exists()


@pytest.mark.parametrize("who", ["member", "town_admin", "proposer", "stranger"])
def test_only_moderators_decide(cast, report, who):
    before = _as_stored(report)
    with pytest.raises(PermissionDenied):
        reports.publish_report(report=report, by=getattr(cast, who))
    with pytest.raises(PermissionDenied):
        reports.return_report(report=report, by=getattr(cast, who), comment="nein")
    assert _as_stored(report) == before


def test_a_published_report_is_not_decided_again(cast, report):
    reports.publish_report(report=report, by=cast.moderator)
    with pytest.raises(DomainError):
        reports.return_report(report=report, by=cast.moderator, comment="doch nicht")
    assert _as_stored(report)["state"] == S.PUBLISHED


def test_the_author_changes_a_waiting_report_and_it_keeps_waiting(cast, report):
    reports.edit_report(
        report=report, by=cast.member, note="Lief sehr gut.", url="https://a.example"
    )
    stored = _as_stored(report)
    assert (stored["state"], stored["note"], stored["url"]) == (
        S.PENDING, "Lief sehr gut.", "https://a.example",
    )  # fmt: skip
    entry = AuditEntry.objects.get(verb=reports.EDITED)
    assert entry.actor == cast.member and entry.details["was"] == S.PENDING
    assert not StateChange.objects.filter(object_id=report.pk, to_state=S.PENDING).exists()


def test_changing_a_published_report_sends_it_back_to_moderation(cast, report):
    reports.publish_report(report=report, by=cast.moderator)
    reports.edit_report(report=report, by=cast.member, note="Nachtrag: auch im Winter.")
    assert _as_stored(report)["state"] == S.PENDING
    assert "Nachtrag" not in _page(cast) and "Lief gut." not in _page(cast)
    assert list(selectors.reports_awaiting_review()) == [report]
    change = StateChange.objects.filter(object_id=report.pk).last()
    assert (change.from_state, change.to_state, change.by) == (S.PUBLISHED, S.PENDING, cast.member)
    reports.publish_report(report=report, by=cast.moderator)
    assert "Nachtrag: auch im Winter." in _page(cast)


def test_revising_a_returned_report_sends_it_to_moderation_again(cast, report):
    reports.return_report(report=report, by=cast.moderator, comment="Bitte genauer.")
    reports.edit_report(report=report, by=cast.member, note="40 Gäste, drei Sprachen.")
    assert _as_stored(report)["state"] == S.PENDING


@pytest.mark.parametrize("who", ["town_admin", "proposer", "moderator", "stranger"])
def test_nobody_but_the_author_changes_it(cast, report, who):
    before = _as_stored(report)
    with pytest.raises(PermissionDenied):
        reports.edit_report(report=report, by=getattr(cast, who), note="Übernommen!")
    assert _as_stored(report) == before
    assert not AuditEntry.objects.filter(verb=reports.EDITED).exists()


def test_an_author_who_left_the_organisation_changes_it_no_more(cast, report):
    Membership.objects.filter(user=cast.member, organisation=cast.city).delete()
    before = _as_stored(report)
    with pytest.raises(PermissionDenied):
        reports.edit_report(report=report, by=cast.member, note="Noch schnell.")
    assert _as_stored(report) == before


@pytest.mark.parametrize(
    "changes",
    [
        {"note": ""},
        {"note": "x" * 2001},
        {"note": "ok", "url": "ftp://x.example"},
        {"note": "ok", "post": "elsewhere"},
    ],
    ids=["empty", "too-long", "bad-url", "post-of-another-town"],
)
def test_a_bad_change_is_refused_and_keeps_the_report(cast, report, changes):
    reports.publish_report(report=report, by=cast.moderator)
    before = _as_stored(report)
    if changes.get("post") == "elsewhere":
        changes["post"] = base.PostFactory(
            promise=base.PromiseFactory(municipality=cast.other.municipality)
        )
    with pytest.raises(DomainError):
        reports.edit_report(report=report, by=cast.member, **changes)
    assert _as_stored(report) == before  # still published, as it was


def test_the_edit_page_changes_it_and_says_what_happens(cast, report):
    reports.publish_report(report=report, by=cast.moderator)
    client = client_for(cast.member)
    url = reverse("measures:edit_report", args=[cast.published.slug, report.pk])
    html = client.get(url).content.decode()
    assert "Lief gut." in html and "liest die Moderation ihn noch einmal" in html
    response = client.post(url, {"organisation": cast.city.pk, "note": "Jetzt monatlich."})
    assert response["Location"] == report.get_absolute_url()
    assert _as_stored(report)["state"] == S.PENDING
    page = client.get(cast.published.get_absolute_url()).content.decode()
    assert "Jetzt monatlich." in page and "wartet auf Prüfung" in page


def test_the_edit_page_shows_errors_and_keeps_the_report(cast, report):
    client = client_for(cast.member)
    url = reverse("measures:edit_report", args=[cast.published.slug, report.pk])
    before = _as_stored(report)
    response = client.post(url, {"organisation": cast.city.pk, "note": ""})
    assert response.status_code == 200 and 'class="errorlist' in response.content.decode()
    assert _as_stored(report) == before


@pytest.mark.parametrize("who", ["town_admin", "stranger", "moderator"])
def test_the_edit_page_is_the_authors_only(cast, report, who):
    url = reverse("measures:edit_report", args=[cast.published.slug, report.pk])
    before = _as_stored(report)
    client = client_for(getattr(cast, who))
    assert client.get(url).status_code == 404
    assert client.post(url, {"organisation": cast.city.pk, "note": "x"}).status_code == 404
    assert _as_stored(report) == before


def test_moderators_decide_on_the_review_page_from_their_queue(cast, report):
    client = client_for(cast.moderator)
    queue = client.get(reverse("moderation:dashboard") + "?queue=measure_reports").content.decode()
    review = reverse("measures:review_report", args=[cast.published.slug, report.pk])
    assert review in queue
    assert "Lief gut." in client.get(review).content.decode()
    response = client.post(review, {"decision": "return", "return-comment": "Bitte genauer."})
    assert response.status_code == 302
    assert _as_stored(report)["state"] == S.RETURNED
    assert client_for(cast.member).get(review).status_code == 403
