"""Deleting an account: what others saw of the person is anonymised, nothing is left dangling."""

import pytest

from handschlag.accounts.services import delete_account
from handschlag.blog import services as blog_services
from handschlag.blog.models import Post
from handschlag.notifications.models import Notification
from handschlag.promises import messages
from handschlag.promises import services as promise_services
from handschlag.promises.models import Promise, Redemption
from tests import factories
from tests.promises.report_data import content as report_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def anna():
    return factories.UserFactory(first_name="Anna", last_name="Berg")


def published_report(redemption, moderator):
    """Take a redemption all the way to a published blog post, through the services."""
    promise = redemption.promise
    promise_services.accept_application(redemption=redemption, by=promise.owner)
    promise_services.start_redemption(redemption=redemption, by=redemption.applicant)
    promise_services.submit_report(
        redemption=redemption,
        by=redemption.applicant,
        content=report_content(
            title=f"{redemption.redeemer_name}: Es lief gut", happened="Es lief gut."
        ),
        consent=True,
    )
    promise_services.confirm_fulfilment(redemption=redemption, by=promise.owner)
    return blog_services.publish_report(redemption=redemption, by=moderator)


def test_my_running_personal_promises_are_withdrawn_and_applicants_told(anna):
    published = factories.PromiseFactory(owner=anna)
    waiting = factories.RedemptionFactory(promise=published)
    draft = factories.PromiseFactory(owner=anna, state=Promise.State.DRAFT)
    expired = factories.PromiseFactory(owner=anna, state=Promise.State.EXPIRED)

    delete_account(user=anna)

    for promise, state in [(published, "withdrawn"), (draft, "withdrawn"), (expired, "expired")]:
        promise.refresh_from_db()
        assert promise.state == state
    waiting.refresh_from_db()
    assert waiting.state == Redemption.State.DECLINED
    assert Notification.objects.filter(
        recipient=waiting.applicant, kind=messages.APPLICATION_DECLINED.key
    ).exists()
    # and nobody can apply to them any more
    assert not Promise.objects.open().filter(owner=anna).exists()


def test_promises_made_for_an_organisation_stay_with_it(anna):
    membership = factories.MembershipFactory(user=anna, role="admin")
    colleague = factories.MembershipFactory(organisation=membership.organisation).user
    promise = factories.PromiseFactory(owner=anna, organisation=membership.organisation)

    delete_account(user=anna)

    promise.refresh_from_db()
    assert promise.state == Promise.State.PUBLISHED
    assert promise.promiser_name == membership.organisation.name
    # the colleague who became admin can still decide on it
    redemption = factories.RedemptionFactory(promise=promise)
    promise_services.accept_application(redemption=redemption, by=colleague)


def test_my_name_leaves_the_published_reports(anna, moderator):
    redemption = factories.RedemptionFactory(applicant=anna)
    post = published_report(redemption, moderator)
    assert "Anna B." in post.title and post.byline == "Anna B."

    delete_account(user=anna)

    post.refresh_from_db()
    anna.refresh_from_db()
    assert "Anna" not in post.title and "anna" not in post.slug
    assert post.byline == anna.public_name == f"Mitglied #{anna.pk}"
    assert post.published_at is not None and post.sections[0]["text"] == "Es lief gut."
    assert post.title == f"Mitglied #{anna.pk}: Es lief gut"


def test_reports_for_an_organisation_keep_its_name(anna, moderator):
    membership = factories.MembershipFactory(user=anna, organisation__name="Lesepaten e. V.")
    redemption = factories.RedemptionFactory(applicant=anna, organisation=membership.organisation)
    post = published_report(redemption, moderator)

    delete_account(user=anna)

    post.refresh_from_db()
    assert post.byline == "Lesepaten e. V." and post.title == "Lesepaten e. V.: Es lief gut"


def test_other_peoples_reports_are_untouched(anna, moderator):
    other = factories.RedemptionFactory(applicant__first_name="Bernd", applicant__last_name="Z")
    post = published_report(other, moderator)

    delete_account(user=anna)

    assert Post.objects.get(pk=post.pk).byline == "Bernd Z."


def test_my_accepted_and_running_redemptions_end_and_give_their_places_back(anna):
    personal = factories.PromiseFactory(title="Räume", capacity=2, quantity=10)
    org = factories.OrganisationFactory()
    owner = factories.MembershipFactory(organisation=org).user
    admin = factories.MembershipFactory(organisation=org, role="admin").user
    colleague = factories.MembershipFactory(organisation=org).user
    for_org = factories.PromiseFactory(
        title="Tablets", owner=owner, organisation=org, capacity=3, quantity=5
    )
    accepted = factories.RedemptionFactory(promise=personal, applicant=anna, quantity=4)
    promise_services.accept_application(redemption=accepted, by=personal.owner)
    running = factories.RedemptionFactory(promise=for_org, applicant=anna, quantity=2)
    promise_services.accept_application(redemption=running, by=admin)
    promise_services.start_redemption(redemption=running, by=anna)
    personal.refresh_from_db()
    for_org.refresh_from_db()
    assert (personal.remaining_capacity, personal.remaining_quantity) == (1, 6)
    assert (for_org.remaining_capacity, for_org.remaining_quantity) == (2, 3)
    Notification.objects.all().delete()

    delete_account(user=anna)

    for redemption in (accepted, running):
        redemption.refresh_from_db()
        assert redemption.state == Redemption.State.WITHDRAWN
        change = redemption.state_changes.latest("pk")
        assert (change.from_state, change.to_state, change.by) == (
            "accepted" if redemption == accepted else "in_progress",
            "withdrawn",
            None,
        )
    personal.refresh_from_db()
    for_org.refresh_from_db()
    assert (personal.remaining_capacity, personal.remaining_quantity) == (2, 10)
    assert (for_org.remaining_capacity, for_org.remaining_quantity) == (3, 5)
    # the promisers are told: the owner of a personal promise, the owner and the admins of
    # an organisation's promise (not its other members)
    left = Notification.objects.filter(kind=messages.REDEEMER_LEFT.key)
    assert sorted((n.recipient_id, n.params["promise"]) for n in left) == sorted(
        [(personal.owner_id, "Räume"), (owner.pk, "Tablets"), (admin.pk, "Tablets")]
    )
    assert left.get(recipient=personal.owner).title == "Eine Einlösung von „Räume“ endet"
    assert not Notification.objects.filter(recipient=colleague).exists()


def test_a_finished_redemption_keeps_its_place(anna):
    promise = factories.PromiseFactory(capacity=1, remaining_capacity=0, remaining_quantity=9)
    done = factories.RedemptionFactory(
        promise=promise, applicant=anna, state=Redemption.State.CONFIRMED
    )

    delete_account(user=anna)

    done.refresh_from_db()
    promise.refresh_from_db()
    assert done.state == Redemption.State.CONFIRMED
    assert (promise.remaining_capacity, promise.remaining_quantity) == (0, 9)
    assert not Notification.objects.filter(kind=messages.REDEEMER_LEFT.key).exists()
