"""Promise and redemption services: every transition and every refusal."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from handschlag.audit.models import AuditEntry
from handschlag.blog import services as blog_services
from handschlag.blog.messages import REPORT_ON_PROMISE_PUBLISHED, REPORT_PUBLISHED
from handschlag.blog.models import Post
from handschlag.blog.slugs import german_slugify
from handschlag.core.errors import DomainError
from handschlag.notifications.models import Notification
from handschlag.organisations.models import Membership
from handschlag.promises import messages, services
from handschlag.promises.models import Eligibility, Promise, Redemption, ReportPhoto
from tests import factories

from .conftest import jpeg_with_gps, redemption_in
from .report_data import CONTENT, content

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def fields(**overrides):
    values = {
        "title": "Zehn Tablets",
        "description": "Gebrauchte Tablets.",
        "category": "equipment",
        "quantity": 10,
        "unit": "Tablets",
        "condition": "… eine Willkommensklasse damit unterrichtet.",
        "report_requirements": "Ein Foto.",
        "deadline": TODAY() + datetime.timedelta(days=30),
        "capacity": 3,
    }
    values.update(overrides)
    return values


def notified(user, kind):
    """How often `user` was notified of `kind` (a NotificationKind)."""
    return Notification.objects.filter(recipient=user, kind=kind.key).count()


# --- create, update, submit -------------------------------------------------------------------


def test_create_promise_makes_a_draft_with_full_counters(user):
    promise = services.create_promise(by=user, **fields())
    assert promise.state == Promise.State.DRAFT
    assert promise.owner == user
    assert (promise.remaining_capacity, promise.remaining_quantity) == (3, 10)


def test_create_promise_for_an_organisation_requires_membership(user):
    organisation = factories.OrganisationFactory()
    with pytest.raises(PermissionDenied):
        services.create_promise(by=user, organisation=organisation, **fields())
    factories.MembershipFactory(organisation=organisation, user=user)
    promise = services.create_promise(by=user, organisation=organisation, **fields())
    assert promise.organisation == organisation


def test_create_promise_refuses_negative_value_and_zero_capacity(user):
    with pytest.raises(DomainError):
        services.create_promise(by=user, **fields(estimated_value=-1))
    with pytest.raises(DomainError):
        services.create_promise(by=user, **fields(capacity=0))


def test_update_promise_by_owner_in_draft(user):
    promise = services.create_promise(by=user, **fields())
    services.update_promise(promise=promise, by=user, title="Neu", capacity=5)
    promise.refresh_from_db()
    assert promise.title == "Neu" and promise.remaining_capacity == 5


def test_update_promise_by_org_admin_but_not_plain_member(org_admin, org_member):
    owner = factories.MembershipFactory(organisation=org_admin.organisation).user
    promise = services.create_promise(by=owner, organisation=org_admin.organisation, **fields())
    services.update_promise(promise=promise, by=org_admin.user, title="Vom Admin")
    plain = factories.MembershipFactory(organisation=org_admin.organisation).user
    with pytest.raises(PermissionDenied):
        services.update_promise(promise=promise, by=plain, title="Nein")


def test_update_promise_refused_for_stranger_and_when_published(user, promise):
    with pytest.raises(PermissionDenied):
        services.update_promise(promise=promise, by=user, title="x")
    with pytest.raises(DomainError):
        services.update_promise(promise=promise, by=promise.owner, title="x")


def test_submit_promise_moves_to_pending_and_records(user):
    promise = services.create_promise(by=user, **fields())
    services.submit_promise(promise=promise, by=user)
    promise.refresh_from_db()
    assert promise.state == Promise.State.PENDING
    assert promise.state_changes.filter(to_state="pending", by=user).exists()


def test_submit_promise_refuses_past_deadline_wrong_state_and_stranger(user):
    promise = services.create_promise(by=user, **fields())
    Promise.objects.filter(pk=promise.pk).update(deadline=TODAY())
    promise.refresh_from_db()
    with pytest.raises(DomainError):
        services.submit_promise(promise=promise, by=user)
    with pytest.raises(PermissionDenied):
        services.submit_promise(promise=promise, by=factories.UserFactory())
    published = factories.PromiseFactory(owner=user)
    with pytest.raises(DomainError):
        services.submit_promise(promise=published, by=user)


# --- moderation -------------------------------------------------------------------------------


def test_approve_promise_publishes_and_notifies(moderator):
    promise = factories.PromiseFactory(state=Promise.State.PENDING, published_at=None)
    services.approve_promise(promise=promise, by=moderator, comment="Gut")
    promise.refresh_from_db()
    assert promise.state == Promise.State.PUBLISHED and promise.published_at
    assert AuditEntry.objects.filter(
        verb="promises.publish_promise", object_id=promise.pk, actor=moderator, comment="Gut"
    ).exists()
    assert notified(promise.owner, messages.PROMISE_PUBLISHED) == 1


def test_approve_promise_refused_for_non_moderator_and_wrong_state(user, moderator, promise):
    pending = factories.PromiseFactory(state=Promise.State.PENDING)
    with pytest.raises(PermissionDenied):
        services.approve_promise(promise=pending, by=user)
    with pytest.raises(DomainError):
        services.approve_promise(promise=promise, by=moderator)


def test_return_promise_needs_comment_and_notifies(moderator, promise):
    with pytest.raises(DomainError):
        services.return_promise(promise=promise, by=moderator, comment=" ")
    services.return_promise(promise=promise, by=moderator, comment="Bitte genauer")
    promise.refresh_from_db()
    assert promise.state == Promise.State.RETURNED
    assert promise.moderation_comment == "Bitte genauer"
    assert AuditEntry.objects.filter(verb="promises.return_promise").count() == 1
    assert notified(promise.owner, messages.RETURNED_BY_MODERATION) == 1


def test_return_promise_refused_for_non_moderator(user, promise):
    with pytest.raises(PermissionDenied):
        services.return_promise(promise=promise, by=user, comment="x")


# --- withdraw, copy ---------------------------------------------------------------------------


def test_withdraw_promise_declines_open_applications_and_keeps_accepted(promise):
    waiting = factories.RedemptionFactory(promise=promise)
    accepted = redemption_in(Redemption.State.ACCEPTED, promise=promise)
    services.withdraw_promise(promise=promise, by=promise.owner)
    waiting.refresh_from_db()
    accepted.refresh_from_db()
    assert promise.state == Promise.State.WITHDRAWN
    assert waiting.state == Redemption.State.DECLINED and waiting.decision_reason
    assert accepted.state == Redemption.State.ACCEPTED
    assert notified(waiting.applicant, messages.APPLICATION_DECLINED) == 1


def test_withdraw_promise_refused_for_stranger_and_twice(user, promise):
    with pytest.raises(PermissionDenied):
        services.withdraw_promise(promise=promise, by=user)
    services.withdraw_promise(promise=promise, by=promise.owner)
    with pytest.raises(DomainError):
        services.withdraw_promise(promise=promise, by=promise.owner)


def test_copy_promise_of_a_fulfilled_promise(user, promise):
    redemption_in(Redemption.State.CONFIRMED, promise=promise)
    copy = services.copy_promise(promise=promise, by=user)
    assert copy.state == Promise.State.DRAFT and copy.owner == user
    assert copy.inspired_by == promise and copy.municipality is None
    assert copy.deadline == TODAY() + datetime.timedelta(days=90)
    assert copy.title == promise.title and copy.remaining_capacity == copy.capacity


def test_copy_promise_refused_when_not_fulfilled_or_not_public(user, promise):
    with pytest.raises(DomainError):
        services.copy_promise(promise=promise, by=user)
    draft = factories.PromiseFactory(state=Promise.State.DRAFT)
    redemption_in(Redemption.State.CONFIRMED, promise=draft)
    with pytest.raises(DomainError):
        services.copy_promise(promise=draft, by=user)


# --- apply ------------------------------------------------------------------------------------


def test_apply_creates_application_and_notifies_owner(user, promise):
    redemption = services.apply_for_promise(promise=promise, by=user, plan="So", quantity=2)
    assert redemption.state == Redemption.State.APPLIED and redemption.quantity == 2
    assert notified(promise.owner, messages.NEW_APPLICATION) == 1


def test_an_organisations_promise_notifies_its_owner_and_every_admin_once(user, org_admin):
    organisation = org_admin.organisation
    owner = factories.MembershipFactory(organisation=organisation).user
    second_admin = factories.MembershipFactory(organisation=organisation, role="admin").user
    plain = factories.MembershipFactory(organisation=organisation).user
    promise = factories.PromiseFactory(owner=owner, organisation=organisation)
    redemption = services.apply_for_promise(promise=promise, by=user, plan="So", quantity=1)
    for person in (owner, org_admin.user, second_admin):
        assert notified(person, messages.NEW_APPLICATION) == 1
    assert notified(plain, messages.NEW_APPLICATION) == 0
    assert services.promisers(promise)[0] == owner
    # an admin who owns the promise is told once, not twice
    own = factories.PromiseFactory(owner=org_admin.user, organisation=organisation)
    services.apply_for_promise(promise=own, by=user, plan="So", quantity=1)
    assert notified(org_admin.user, messages.NEW_APPLICATION) == 2
    assert redemption.state == Redemption.State.APPLIED


def test_apply_refused_for_own_promise_and_promising_org_members(promise, org_member):
    with pytest.raises(DomainError, match="eigenes"):
        services.apply_for_promise(promise=promise, by=promise.owner, plan="x", quantity=1)
    org_promise = factories.PromiseFactory(organisation=org_member.organisation)
    with pytest.raises(DomainError):
        services.apply_for_promise(promise=org_promise, by=org_member.user, plan="x", quantity=1)


def test_apply_refused_twice(user, promise):
    services.apply_for_promise(promise=promise, by=user, plan="x", quantity=1)
    with pytest.raises(DomainError, match="bereits beworben"):
        services.apply_for_promise(promise=promise, by=user, plan="x", quantity=1)
    assert promise.redemptions.count() == 1


@pytest.mark.parametrize(
    "change",
    [
        {"deadline": datetime.date(2020, 1, 1)},
        {"state": Promise.State.DRAFT},
        {"state": Promise.State.WITHDRAWN},
        {"remaining_capacity": 0},
    ],
)
def test_apply_refused_when_promise_not_open(user, change):
    promise = factories.PromiseFactory(**change)
    with pytest.raises(DomainError):
        services.apply_for_promise(promise=promise, by=user, plan="x", quantity=1)


def test_apply_refused_over_remaining_quantity_and_zero(user, promise):
    with pytest.raises(DomainError):
        services.apply_for_promise(promise=promise, by=user, plan="x", quantity=11)
    with pytest.raises(DomainError):
        services.apply_for_promise(promise=promise, by=user, plan="x", quantity=0)


def test_apply_eligibility_organisations_only(org_member):
    promise = factories.PromiseFactory(eligibility=Eligibility.ORGANISATIONS)
    with pytest.raises(DomainError):
        services.apply_for_promise(promise=promise, by=org_member.user, plan="x", quantity=1)
    redemption = services.apply_for_promise(
        promise=promise,
        by=org_member.user,
        organisation=org_member.organisation,
        plan="x",
        quantity=1,
    )
    assert redemption.organisation == org_member.organisation


def test_apply_for_an_organisation_requires_membership(user):
    promise = factories.PromiseFactory(eligibility=Eligibility.ORGANISATIONS)
    with pytest.raises(PermissionDenied):
        services.apply_for_promise(
            promise=promise,
            by=user,
            organisation=factories.OrganisationFactory(),
            plan="x",
            quantity=1,
        )


def test_apply_eligibility_verified_organisations_only(org_member):
    promise = factories.PromiseFactory(eligibility=Eligibility.VERIFIED)
    organisation = org_member.organisation
    with pytest.raises(DomainError, match="verifizierte"):
        services.apply_for_promise(
            promise=promise, by=org_member.user, organisation=organisation, plan="x", quantity=1
        )
    organisation.is_verified = True
    organisation.save()
    assert services.apply_for_promise(
        promise=promise, by=org_member.user, organisation=organisation, plan="x", quantity=1
    )


# --- decide -----------------------------------------------------------------------------------


def test_accept_takes_capacity_and_quantity_and_notifies(promise):
    redemption = factories.RedemptionFactory(promise=promise, quantity=3)
    services.accept_application(redemption=redemption, by=promise.owner)
    promise.refresh_from_db()
    assert redemption.state == Redemption.State.ACCEPTED
    assert (promise.remaining_capacity, promise.remaining_quantity) == (1, 7)
    assert notified(redemption.applicant, messages.APPLICATION_ACCEPTED) == 1


def test_accept_beyond_capacity_is_refused():
    promise = factories.PromiseFactory(capacity=1)
    first, second = factories.RedemptionFactory.create_batch(2, promise=promise)
    services.accept_application(redemption=first, by=promise.owner)
    with pytest.raises(DomainError, match="vollständig vergeben"):
        services.accept_application(redemption=second, by=promise.owner)
    promise.refresh_from_db()
    second.refresh_from_db()
    assert promise.remaining_capacity == 0 and second.state == Redemption.State.APPLIED


def test_accept_beyond_remaining_quantity_is_refused():
    promise = factories.PromiseFactory(capacity=3, quantity=4)
    first = factories.RedemptionFactory(promise=promise, quantity=3)
    second = factories.RedemptionFactory(promise=promise, quantity=2)
    services.accept_application(redemption=first, by=promise.owner)
    with pytest.raises(DomainError):
        services.accept_application(redemption=second, by=promise.owner)


def test_accept_by_org_admin_allowed_and_by_others_refused(org_admin, user):
    promise = factories.PromiseFactory(organisation=org_admin.organisation)
    redemption = factories.RedemptionFactory(promise=promise)
    with pytest.raises(PermissionDenied):
        services.accept_application(redemption=redemption, by=user)
    with pytest.raises(PermissionDenied):
        services.accept_application(redemption=redemption, by=redemption.applicant)
    services.accept_application(redemption=redemption, by=org_admin.user)
    assert redemption.state == Redemption.State.ACCEPTED


def test_accept_twice_is_refused(promise):
    redemption = factories.RedemptionFactory(promise=promise)
    services.accept_application(redemption=redemption, by=promise.owner)
    with pytest.raises(DomainError):
        services.accept_application(redemption=redemption, by=promise.owner)
    promise.refresh_from_db()
    assert promise.remaining_capacity == 1


def test_decline_needs_reason_and_notifies(promise):
    redemption = factories.RedemptionFactory(promise=promise)
    with pytest.raises(DomainError):
        services.decline_application(redemption=redemption, by=promise.owner, reason="")
    services.decline_application(redemption=redemption, by=promise.owner, reason="Passt nicht")
    assert redemption.state == Redemption.State.DECLINED
    assert redemption.decision_reason == "Passt nicht"
    assert notified(redemption.applicant, messages.APPLICATION_DECLINED) == 1


def test_decline_refused_for_stranger(user):
    redemption = factories.RedemptionFactory()
    with pytest.raises(PermissionDenied):
        services.decline_application(redemption=redemption, by=user, reason="x")


# --- withdraw application, start --------------------------------------------------------------


def test_withdraw_applied_application_keeps_capacity(promise):
    redemption = factories.RedemptionFactory(promise=promise)
    services.withdraw_application(redemption=redemption, by=redemption.applicant)
    promise.refresh_from_db()
    assert redemption.state == Redemption.State.WITHDRAWN and promise.remaining_capacity == 2


@pytest.mark.parametrize("state", [Redemption.State.ACCEPTED, Redemption.State.IN_PROGRESS])
def test_withdraw_held_application_gives_capacity_back(state):
    redemption = redemption_in(state, quantity=2)
    services.withdraw_application(redemption=redemption, by=redemption.applicant)
    promise = Promise.objects.get(pk=redemption.promise_id)
    assert (promise.remaining_capacity, promise.remaining_quantity) == (2, 10)


def test_withdraw_application_refused_for_others_and_after_report(promise):
    redemption = factories.RedemptionFactory(promise=promise)
    with pytest.raises(PermissionDenied):
        services.withdraw_application(redemption=redemption, by=promise.owner)
    reported = redemption_in(Redemption.State.REPORTED)
    with pytest.raises(DomainError):
        services.withdraw_application(redemption=reported, by=reported.applicant)


def test_applying_again_after_withdrawal_is_allowed(user, promise):
    first = services.apply_for_promise(promise=promise, by=user, plan="x", quantity=1)
    services.withdraw_application(redemption=first, by=user)
    assert services.apply_for_promise(promise=promise, by=user, plan="y", quantity=1)


def test_start_by_applicant_or_org_member(org_member):
    redemption = redemption_in(Redemption.State.ACCEPTED, organisation=org_member.organisation)
    services.start_redemption(redemption=redemption, by=org_member.user)
    assert redemption.state == Redemption.State.IN_PROGRESS


def test_start_refused_for_promiser_and_in_wrong_state():
    redemption = redemption_in(Redemption.State.ACCEPTED)
    with pytest.raises(PermissionDenied):
        services.start_redemption(redemption=redemption, by=redemption.promise.owner)
    applied = factories.RedemptionFactory()
    with pytest.raises(DomainError):
        services.start_redemption(redemption=applied, by=applied.applicant)


# --- report -----------------------------------------------------------------------------------


def test_submit_report_stores_reencoded_photos_and_notifies():
    redemption = redemption_in(Redemption.State.IN_PROGRESS)
    services.submit_report(
        redemption=redemption,
        by=redemption.applicant,
        content=CONTENT,
        consent=True,
        photos=[(jpeg_with_gps(), "Kinder mit Tablets")],
    )
    redemption.refresh_from_db()
    assert redemption.state == Redemption.State.REPORTED and redemption.report_submitted_at
    assert redemption.report_consent is True
    photo = redemption.photos.get()
    assert photo.alt_text == "Kinder mit Tablets"
    with photo.image.open("rb") as stored:
        assert b"Exif" not in stored.read()
    assert notified(redemption.promise.owner, messages.REPORT_SUBMITTED) == 1


def test_submit_report_refusals():
    redemption = redemption_in(Redemption.State.IN_PROGRESS)
    by = redemption.applicant
    with pytest.raises(DomainError):
        services.submit_report(
            redemption=redemption, by=by, content=content(happened=" "), consent=False
        )
    with pytest.raises(DomainError, match="Bildbeschreibung"):
        services.submit_report(
            redemption=redemption,
            by=by,
            content=CONTENT,
            consent=False,
            photos=[(jpeg_with_gps(), "")],
        )
    not_an_image = SimpleUploadedFile("x.jpg", b"not an image", content_type="image/jpeg")
    with pytest.raises(DomainError, match="kein Bild"):
        services.submit_report(
            redemption=redemption,
            by=by,
            content=CONTENT,
            consent=False,
            photos=[(not_an_image, "a")],
        )
    with pytest.raises(PermissionDenied):
        services.submit_report(
            redemption=redemption, by=redemption.promise.owner, content=CONTENT, consent=False
        )
    assert not ReportPhoto.objects.exists()


def test_submit_report_refuses_more_than_five_photos_in_total():
    redemption = redemption_in(Redemption.State.IN_PROGRESS)
    factories.ReportPhotoFactory.create_batch(4, redemption=redemption)
    photos = [(jpeg_with_gps(), "a"), (jpeg_with_gps(), "b")]
    with pytest.raises(DomainError, match="höchstens 5"):
        services.submit_report(
            redemption=redemption,
            by=redemption.applicant,
            content=CONTENT,
            consent=True,
            photos=photos,
        )


def test_submit_report_refused_in_wrong_state():
    redemption = redemption_in(Redemption.State.ACCEPTED)
    with pytest.raises(DomainError):
        services.submit_report(
            redemption=redemption, by=redemption.applicant, content=CONTENT, consent=True
        )


def test_confirm_fulfilment(promise):
    redemption = redemption_in(Redemption.State.REPORTED, promise=promise)
    with pytest.raises(PermissionDenied):
        services.confirm_fulfilment(redemption=redemption, by=redemption.applicant)
    services.confirm_fulfilment(redemption=redemption, by=promise.owner)
    assert redemption.state == Redemption.State.CONFIRMED and redemption.confirmed_at
    assert notified(redemption.applicant, messages.FULFILMENT_CONFIRMED) == 1
    with pytest.raises(DomainError):
        services.confirm_fulfilment(redemption=redemption, by=promise.owner)


def test_dispute_fulfilment_needs_reason(promise):
    redemption = redemption_in(Redemption.State.REPORTED, promise=promise)
    with pytest.raises(DomainError):
        services.dispute_fulfilment(redemption=redemption, by=promise.owner, reason="")
    services.dispute_fulfilment(redemption=redemption, by=promise.owner, reason="Kein Foto")
    assert redemption.state == Redemption.State.DISPUTED
    assert notified(redemption.applicant, messages.FULFILMENT_DISPUTED) == 1


@pytest.mark.parametrize(
    ("outcome", "state", "capacity_left"),
    [
        ("confirm", Redemption.State.CONFIRMED, 1),
        ("rework", Redemption.State.IN_PROGRESS, 1),
        ("fail", Redemption.State.FAILED, 2),
    ],
)
def test_resolve_dispute(moderator, outcome, state, capacity_left):
    redemption = redemption_in(Redemption.State.DISPUTED)
    services.resolve_dispute(redemption=redemption, by=moderator, outcome=outcome, comment="ok")
    promise = Promise.objects.get(pk=redemption.promise_id)
    assert redemption.state == state and promise.remaining_capacity == capacity_left
    assert AuditEntry.objects.filter(verb="promises.resolve_dispute").count() == 1
    assert Notification.objects.filter(recipient=redemption.applicant).exists()
    assert Notification.objects.filter(recipient=promise.owner).exists()


def test_resolve_dispute_refused_for_promiser_and_wrong_state(moderator):
    redemption = redemption_in(Redemption.State.DISPUTED)
    with pytest.raises(PermissionDenied):
        services.resolve_dispute(
            redemption=redemption, by=redemption.promise.owner, outcome="confirm", comment=""
        )
    reported = redemption_in(Redemption.State.REPORTED)
    with pytest.raises(DomainError):
        services.resolve_dispute(redemption=reported, by=moderator, outcome="fail", comment="")


def test_publish_report_creates_a_blog_post(moderator):
    redemption = redemption_in(
        Redemption.State.CONFIRMED, report_text="Es hat geklappt.", report_consent=True
    )
    post = blog_services.publish_report(redemption=redemption, by=moderator)
    assert post.kind == Post.Kind.REPORT and post.redemption == redemption
    assert post.promise == redemption.promise and post.body == "Es hat geklappt."
    assert post.byline == redemption.redeemer_name and post.published_at
    assert post.slug == german_slugify(post.title)
    assert redemption.state == Redemption.State.PUBLISHED
    assert notified(redemption.applicant, REPORT_PUBLISHED) == 1
    assert notified(redemption.promise.owner, REPORT_PUBLISHED) == 0
    assert notified(redemption.promise.owner, REPORT_ON_PROMISE_PUBLISHED) == 1
    assert AuditEntry.objects.filter(verb="blog.publish_report").count() == 1


def test_publish_report_refused_without_consent_or_for_non_moderator(moderator):
    redemption = redemption_in(Redemption.State.CONFIRMED, report_text="x", report_consent=False)
    with pytest.raises(DomainError):
        blog_services.publish_report(redemption=redemption, by=moderator)
    redemption.report_consent = True
    redemption.save()
    with pytest.raises(PermissionDenied):
        blog_services.publish_report(redemption=redemption, by=redemption.promise.owner)
    assert not Post.objects.exists()


def test_return_report_sends_it_back_to_work(moderator):
    redemption = redemption_in(Redemption.State.CONFIRMED, report_text="x", report_consent=True)
    with pytest.raises(DomainError):
        services.return_report(redemption=redemption, by=moderator, comment="")
    services.return_report(redemption=redemption, by=moderator, comment="Bitte ohne Namen")
    assert redemption.state == Redemption.State.IN_PROGRESS
    assert notified(redemption.applicant, messages.RETURNED_BY_MODERATION) == 1
    assert AuditEntry.objects.filter(verb="promises.return_report").count() == 1


def test_org_member_can_report_for_their_organisation(org_member):
    redemption = redemption_in(Redemption.State.IN_PROGRESS, organisation=org_member.organisation)
    services.submit_report(
        redemption=redemption, by=org_member.user, content=CONTENT, consent=False
    )
    assert redemption.state == Redemption.State.REPORTED
    assert Membership.objects.count() == 1
