"""Reports of towns: members of a verified municipality organisation write them, linking one
of their own published posts or a URL; moderation removes them after an abuse report. How
moderation reads them first and their authors change them: test_report_moderation.py."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from handschlag.audit.models import AuditEntry
from handschlag.core.errors import DomainError
from handschlag.measures import reports, selectors
from handschlag.measures.models import Report
from handschlag.moderation import services as moderation
from handschlag.moderation.models import AbuseReport
from tests import factories as base
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def town_post(cast, **kwargs):
    """A published report post on a promise in the cast's town."""
    promise = base.PromiseFactory(municipality=cast.town)
    return base.PostFactory(promise=promise, **kwargs)


def add(cast, **kwargs):
    values = {
        "measure": cast.published,
        "organisation": cast.city,
        "by": cast.member,
        "note": "Lief gut, 40 Gäste.",
    }
    values.update(kwargs)
    return reports.add_report(**values)


def test_a_town_member_reports_with_one_of_its_posts(cast):
    post = town_post(cast)
    report = add(cast, post=post)
    assert (report.municipality, report.organisation, report.post) == (cast.town, cast.city, post)
    assert report.created_by == cast.member
    assert AuditEntry.objects.get().verb == reports.REPORTED


def test_a_report_may_link_an_address_instead(cast):
    report = add(cast, url="https://www.sonneberg.de/willkommenscafe")
    assert report.url == "https://www.sonneberg.de/willkommenscafe" and report.post is None


@pytest.mark.parametrize("who", ["stranger", "proposer", "other_admin", "moderator"])
def test_only_members_of_a_verified_municipality_report(cast, who):
    with pytest.raises(PermissionDenied):
        add(cast, by=getattr(cast, who))
    assert not Report.objects.exists()


def test_an_unverified_municipality_cannot_report(cast):
    cast.city.is_verified = False
    cast.city.save()
    with pytest.raises(PermissionDenied):
        add(cast)
    assert not Report.objects.exists()


def test_a_post_of_another_town_cannot_be_linked(cast):
    elsewhere = base.PostFactory(promise=base.PromiseFactory(municipality=cast.other.municipality))
    with pytest.raises(DomainError) as refused:
        add(cast, post=elsewhere)
    assert refused.value.code == "post"
    assert not Report.objects.exists()


def test_an_unpublished_post_cannot_be_linked(cast):
    draft = town_post(cast, published_at=None)
    with pytest.raises(DomainError):
        add(cast, post=draft)
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    "kwargs",
    [
        {"note": "   "},
        {"note": "x" * 2001},
        {"url": "javascript:alert(1)"},
        {"url": "https://example.org", "post": "town"},
    ],
    ids=["empty", "too-long", "script-url", "both-links"],
)
def test_bad_reports_are_refused(cast, kwargs):
    if kwargs.get("post") == "town":
        kwargs["post"] = town_post(cast)
    with pytest.raises(DomainError):
        add(cast, **kwargs)
    assert not Report.objects.exists()


@pytest.mark.parametrize("target", ["draft", "submitted", "withdrawn"])
def test_nothing_is_reported_on_a_measure_outside_the_library(cast, target):
    with pytest.raises(DomainError):
        add(cast, measure=getattr(cast, target))
    assert not Report.objects.exists()


def test_the_pick_list_has_the_towns_and_organisations_published_posts_only(cast):
    own = town_post(cast)
    of_redemption = base.PostFactory(
        redemption=base.RedemptionFactory(organisation=cast.city), promise=None
    )
    unpublished = town_post(cast, published_at=timezone.now() + datetime.timedelta(days=1))
    elsewhere = base.PostFactory(promise=base.PromiseFactory(municipality=cast.other.municipality))
    posts = set(selectors.posts_of(cast.city))
    assert own in posts and of_redemption in posts
    assert unpublished not in posts and elsewhere not in posts


def test_moderation_removes_a_reported_report(cast):
    report = reports.publish_report(report=add(cast), by=cast.moderator)
    abuse = moderation.file_abuse_report(reporter=cast.stranger, target=report, reason="spam")
    moderation.resolve_abuse_report(
        report=abuse, by=cast.moderator, comment="Werbung", decision="remove_measure_report"
    )
    assert not Report.objects.exists()
    assert AbuseReport.objects.get().state == AbuseReport.State.RESOLVED
    assert AuditEntry.objects.filter(verb=reports.REMOVED, actor=cast.moderator).exists()


def test_only_moderators_remove_reports(cast):
    report = add(cast)
    with pytest.raises(PermissionDenied):
        reports.remove_report(report=report, by=cast.member)
    assert Report.objects.filter(pk=report.pk).exists()


def test_reports_on_withdrawn_measures_cannot_be_reported(cast):
    report = add(cast)
    cast.published.state = "withdrawn"
    cast.published.save()
    response = client_for(cast.stranger).get(
        reverse("moderation:report_abuse", args=["measure_report", report.pk])
    )
    assert response.status_code == 404


def test_the_report_form_posts_and_shows_the_report(cast):
    post = town_post(cast, title="Unser Willkommenscafé")
    client = client_for(cast.member)
    url = reverse("measures:report", args=[cast.published.slug])
    page = client.get(url)
    assert "Unser Willkommenscafé" in page.content.decode()  # in the pick list
    response = client.post(
        url, {"organisation": cast.city.pk, "note": "Es kamen 40 Menschen.", "post": post.pk}
    )
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{cast.published.get_absolute_url()}#bericht-{report.pk}"
    detail = client.get(cast.published.get_absolute_url()).content.decode()
    assert "Es kamen 40 Menschen." in detail
    assert f'href="{post.get_absolute_url()}"' in detail


def test_the_report_form_shows_errors_and_keeps_nothing(cast):
    client = client_for(cast.member)
    url = reverse("measures:report", args=[cast.published.slug])
    response = client.post(url, {"organisation": cast.city.pk, "note": "", "url": "kein link"})
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert not Report.objects.exists()
