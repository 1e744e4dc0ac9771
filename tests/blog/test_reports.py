"""Reports of redemptions in the blog: published by a moderator through blog.services (from
the report queue page blog:review_report), and anonymised when their author leaves."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from handschlag.audit.models import AuditEntry
from handschlag.blog import services
from handschlag.blog.models import Post
from handschlag.blog.selectors import reports_awaiting_publication
from handschlag.core.errors import DomainError
from handschlag.notifications.models import Notification
from handschlag.organisations import services as org_services
from handschlag.promises import services as promise_services
from handschlag.promises.models import Redemption
from tests import factories
from tests.conftest import client_for
from tests.promises.report_data import CONTENT
from tests.promises.report_data import content as report_content

from .reporting import edit_data

pytestmark = pytest.mark.django_db
REPORT_PUBLISHED = "blog.report_published"
PROMISE_REPORT_PUBLISHED = "blog.report_on_promise_published"
TEXT = "Zwölf Kinder lernen jetzt mit Tablets.\n\nMehr dazu im Sommer."


def confirmed_report(promise, *, applicant=None, consent=True, organisation=None, decider=None):
    """A redemption of `promise` taken through the services up to the promiser's confirmation."""
    redemption = factories.RedemptionFactory(
        promise=promise,
        applicant=applicant or factories.UserFactory(first_name="Lena", last_name="Kurz"),
        organisation=organisation,
    )
    decider = decider or promise.owner
    promise_services.accept_application(redemption=redemption, by=decider)
    promise_services.start_redemption(redemption=redemption, by=redemption.applicant)
    promise_services.submit_report(
        redemption=redemption,
        by=redemption.applicant,
        content=report_content(happened=TEXT),
        consent=consent,
    )
    promise_services.confirm_fulfilment(redemption=redemption, by=decider)
    redemption.refresh_from_db()
    assert redemption.state == Redemption.State.CONFIRMED
    return redemption


# publish_report


def test_publishing_a_report_makes_a_post_records_it_and_tells_everyone(moderator):
    promise = factories.PromiseFactory(title="Tablets für die Willkommensklasse")
    redemption = confirmed_report(promise)
    assert list(reports_awaiting_publication()) == [redemption]
    Notification.objects.all().delete()

    post = services.publish_report(redemption=redemption, by=moderator)

    assert post.kind == Post.Kind.REPORT and post in Post.objects.published()
    assert post.title == "Zwölf Kinder, zehn Tablets"  # the redeemers' own title
    assert post.slug == "zwoelf-kinder-zehn-tablets"
    assert post.teaser == CONTENT.lead
    assert [section["key"] for section in post.sections] == [
        "happened", "worked", "differently", "advice"
    ]  # fmt: skip
    assert post.sections[0]["text"] == TEXT
    assert (post.byline, post.promise, post.redemption) == ("Lena K.", promise, redemption)
    assert post.body.startswith(TEXT) and CONTENT.advice in post.body
    redemption.refresh_from_db()
    assert redemption.state == Redemption.State.PUBLISHED
    change = redemption.state_changes.latest("pk")
    assert (change.to_state, change.by) == ("published", moderator)
    entry = AuditEntry.objects.get(verb="blog.publish_report")
    assert (entry.actor, entry.target, entry.details) == (
        moderator, post, {"redemption": redemption.pk}
    )  # fmt: skip
    writer = Notification.objects.get(kind=REPORT_PUBLISHED)
    assert writer.recipient == redemption.applicant
    assert writer.title == (
        "Ihr Bericht zu „Tablets für die Willkommensklasse“ ist im Blog veröffentlicht"
    )
    # the promisers did not write it: they hear whose report about their promise it is
    promiser = Notification.objects.get(kind=PROMISE_REPORT_PUBLISHED)
    assert promiser.recipient == promise.owner
    assert promiser.title == (
        f"Der Bericht von {redemption.redeemer_name} zu Ihrem Versprechen "
        "„Tablets für die Willkommensklasse“ ist im Blog veröffentlicht"
    )
    assert writer.url == promiser.url == post.get_absolute_url()
    assert not reports_awaiting_publication().exists()


def test_for_an_organisations_promise_its_current_admins_are_told(moderator):
    org = factories.OrganisationFactory()
    owner = factories.MembershipFactory(organisation=org).user
    admins = [factories.MembershipFactory(organisation=org, role="admin").user for _ in range(2)]
    member = factories.MembershipFactory(organisation=org).user
    promise = factories.PromiseFactory(owner=owner, organisation=org)
    redemption = confirmed_report(promise, decider=admins[0])
    org_services.leave_organisation(organisation=org, by=owner)  # the owner is gone meanwhile
    Notification.objects.all().delete()

    services.publish_report(redemption=redemption, by=moderator)

    assert Notification.objects.get(kind=REPORT_PUBLISHED).recipient == redemption.applicant
    told = Notification.objects.filter(kind=PROMISE_REPORT_PUBLISHED)
    assert sorted(n.recipient_id for n in told) == sorted(a.pk for a in admins)
    assert not Notification.objects.filter(recipient__in=[owner, member]).exists()


def test_only_moderators_publish_reports(moderator):
    redemption = confirmed_report(factories.PromiseFactory())
    for someone in (redemption.applicant, redemption.promise.owner, factories.UserFactory()):
        with pytest.raises(PermissionDenied):
            services.publish_report(redemption=redemption, by=someone)
    assert not Post.objects.exists()
    assert Redemption.objects.get(pk=redemption.pk).state == Redemption.State.CONFIRMED


def test_a_report_without_consent_is_never_published(moderator):
    redemption = confirmed_report(factories.PromiseFactory(), consent=False)
    assert not reports_awaiting_publication().exists()
    with pytest.raises(DomainError) as error:
        services.publish_report(redemption=redemption, by=moderator)
    assert error.value.code == "consent"
    assert not Post.objects.exists() and not AuditEntry.objects.filter(verb="blog.publish_report")


def test_a_report_is_published_once_and_only_once_confirmed(moderator):
    running = factories.RedemptionFactory(state=Redemption.State.IN_PROGRESS, report_consent=True)
    with pytest.raises(DomainError):
        services.publish_report(redemption=running, by=moderator)
    redemption = confirmed_report(factories.PromiseFactory())
    services.publish_report(redemption=redemption, by=moderator)
    with pytest.raises(DomainError):
        services.publish_report(redemption=redemption, by=moderator)
    assert Post.objects.count() == 1


# the report's page in the moderators' queue


def review_url(redemption):
    return reverse("blog:review_report", args=[redemption.pk])


def test_the_review_page_is_for_moderators(client, moderator):
    redemption = confirmed_report(factories.PromiseFactory())
    url = review_url(redemption)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/konto/login/")
    for someone in (redemption.applicant, redemption.promise.owner, factories.UserFactory()):
        assert client_for(someone).get(url).status_code == 403
        assert client_for(someone).post(url, edit_data(redemption)).status_code == 403
    assert not Post.objects.exists()
    page = client_for(moderator).get(url)
    assert page.status_code == 200
    assert "Zwölf Kinder lernen jetzt mit Tablets." in page.text
    assert "Einverständnis zur Veröffentlichung liegt vor" in page.text
    assert 'name="decision" value="publish"' in page.text
    assert client_for(moderator).get(reverse("blog:review_report", args=[99999])).status_code == 404


def test_publishing_from_the_review_page(moderator):
    redemption = confirmed_report(factories.PromiseFactory())
    c = client_for(moderator)

    response = c.post(review_url(redemption), edit_data(redemption))

    assert response.status_code == 302
    assert response["Location"] == reverse("moderation:dashboard") + "?queue=reports"
    post = Post.objects.get(redemption=redemption)
    page = c.get(review_url(redemption)).text
    assert "Dieser Bericht ist schon im Blog:" in page and post.get_absolute_url() in page
    assert 'value="publish"' not in page


def test_returning_a_report_from_the_review_page_needs_a_reason(moderator):
    redemption = confirmed_report(factories.PromiseFactory())
    c = client_for(moderator)

    without = c.post(review_url(redemption), {"decision": "return", "return-comment": " "})
    assert without.status_code == 200 and "errorlist" in without.text
    assert Redemption.objects.get(pk=redemption.pk).state == Redemption.State.CONFIRMED

    c.post(review_url(redemption), {"decision": "return", "return-comment": "Bitte ein Foto"})

    redemption.refresh_from_db()
    assert redemption.state == Redemption.State.IN_PROGRESS and not Post.objects.exists()
    returned = Notification.objects.get(
        recipient=redemption.applicant, kind="promises.returned_by_moderation"
    )
    assert returned.params["comment"] == "Bitte ein Foto"
    assert "nichts zu entscheiden" in c.get(review_url(redemption)).text


def test_a_refused_publication_comes_back_as_a_message(moderator):
    redemption = confirmed_report(factories.PromiseFactory(), consent=False)
    c = client_for(moderator)
    assert "kein Einverständnis zur Veröffentlichung" in c.get(review_url(redemption)).text

    response = c.post(review_url(redemption), edit_data(redemption), follow=True)

    assert response.redirect_chain[-1][0] == review_url(redemption)
    assert "Ohne Einverständnis darf der Bericht nicht veröffentlicht werden." in response.text
    assert not Post.objects.exists()


# anonymise_reports_of: the erase handler for deleted accounts


def test_anonymising_renames_the_persons_own_reports_only(moderator):
    lena = factories.UserFactory(first_name="Lena", last_name="Kurz")
    membership = factories.MembershipFactory(user=lena, organisation__name="Lesepaten e. V.")
    personal = services.publish_report(
        redemption=confirmed_report(factories.PromiseFactory(title="Räume"), applicant=lena),
        by=moderator,
    )
    named = services.publish_report(
        redemption=confirmed_report(factories.PromiseFactory(title="Kurse"), applicant=lena),
        content=report_content(title="Lena K. berichtet: Kurse im Rathaus"),
        by=moderator,
    )
    # a report from before reports had titles: "Redeemer: promise", its text as first section
    legacy_redemption = factories.RedemptionFactory(
        applicant=lena,
        promise=factories.PromiseFactory(title="Bücher für alle"),
        state=Redemption.State.CONFIRMED,
        report_text=TEXT,
        report_consent=True,
    )
    legacy = services.publish_report(redemption=legacy_redemption, by=moderator)
    assert (legacy.title, legacy.slug) == ("Lena K.: Bücher für alle", "lena-k-buecher-fuer-alle")
    for_org = services.publish_report(
        redemption=confirmed_report(
            factories.PromiseFactory(title="Tablets"),
            applicant=lena,
            organisation=membership.organisation,
        ),
        by=moderator,
    )
    someone_elses = services.publish_report(
        redemption=confirmed_report(factories.PromiseFactory(title="Bücher")), by=moderator
    )
    editorial = factories.PostFactory(author=lena)
    personal_slug = personal.slug

    assert services.anonymise_reports_of(lena) == 3

    personal.refresh_from_db()
    anonymous = f"Mitglied #{lena.pk}"
    # their own title does not name them: it stays, and so does its address
    assert (personal.title, personal.slug) == (CONTENT.title, personal_slug)
    assert personal.byline == anonymous
    assert personal.published_at is not None and personal.sections[0]["text"] == TEXT
    named.refresh_from_db()
    assert named.title == f"{anonymous} berichtet: Kurse im Rathaus"
    assert named.slug == f"mitglied-{lena.pk}-berichtet-kurse-im-rathaus"
    legacy.refresh_from_db()
    assert legacy.title == f"{anonymous}: Bücher für alle"
    assert legacy.slug == f"mitglied-{lena.pk}-buecher-fuer-alle"
    for post in (personal, named, legacy):
        assert "Lena" not in f"{post.title}{post.byline}{post.slug}"
    for_org.refresh_from_db()
    assert (for_org.byline, for_org.title) == ("Lesepaten e. V.", CONTENT.title)
    assert Post.objects.get(pk=someone_elses.pk).byline == "Lena K."  # someone else's Lena
    editorial.refresh_from_db()
    assert editorial.author is None and editorial.published_at is not None


def test_an_organisations_report_that_names_the_person_loses_the_name_keeps_the_byline(
    moderator,
):
    lena = factories.UserFactory(first_name="Lena", last_name="Kurz")
    membership = factories.MembershipFactory(user=lena, organisation__name="Lesepaten e. V.")
    post = services.publish_report(
        redemption=confirmed_report(
            factories.PromiseFactory(), applicant=lena, organisation=membership.organisation
        ),
        content=report_content(title="Lena K. erzählt vom Lesecafé"),
        by=moderator,
    )
    assert post.slug == "lena-k-erzaehlt-vom-lesecafe"

    assert services.anonymise_reports_of(lena) == 1

    post.refresh_from_db()
    assert post.title == f"Mitglied #{lena.pk} erzählt vom Lesecafé"
    assert post.slug == f"mitglied-{lena.pk}-erzaehlt-vom-lesecafe"
    assert post.byline == "Lesepaten e. V."
    assert services.anonymise_reports_of(lena) == 0  # nothing left that names her
