"""The transitions and refusals test_services.py does not cover yet: one test per rule.

Wrong state, wrong user, eligibility and the recorded history of a whole redemption.
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from handschlag.blog import services as blog_services
from handschlag.core.errors import DomainError
from handschlag.core.models import StateChange
from handschlag.promises import services
from handschlag.promises.models import Eligibility, Promise, Redemption
from tests import factories

from .conftest import redemption_in
from .report_data import CONTENT, content
from .test_services import fields

pytestmark = pytest.mark.django_db
S = Redemption.State


def draft_of(owner, **kwargs):
    return factories.PromiseFactory(
        owner=owner, state=Promise.State.DRAFT, published_at=None, **kwargs
    )


# --- promises: create, update, submit ---------------------------------------------------------


def test_anonymous_cannot_create_a_promise():
    with pytest.raises(PermissionDenied):
        services.create_promise(by=AnonymousUser(), **fields())
    assert not Promise.objects.exists()


def test_create_refuses_zero_quantity(user):
    with pytest.raises(DomainError):
        services.create_promise(by=user, **fields(quantity=0))


def test_update_refused_while_pending(user):
    promise = factories.PromiseFactory(owner=user, state=Promise.State.PENDING)
    with pytest.raises(DomainError):
        services.update_promise(promise=promise, by=user, title="Neu")


def test_update_cannot_move_a_promise_to_a_foreign_organisation(user):
    promise = draft_of(user)
    with pytest.raises(PermissionDenied):
        services.update_promise(
            promise=promise, by=user, organisation=factories.OrganisationFactory()
        )
    promise.refresh_from_db()
    assert promise.organisation is None


def test_a_returned_promise_is_resubmitted():
    promise = factories.PromiseFactory(state=Promise.State.RETURNED)
    services.submit_promise(promise=promise, by=promise.owner)
    promise.refresh_from_db()
    assert promise.state == Promise.State.PENDING
    assert promise.state_changes.get().from_state == "returned"


def test_submit_by_org_admin_allowed_and_by_plain_member_refused(org_admin, org_member):
    organisation = org_admin.organisation
    promise = draft_of(factories.MembershipFactory(organisation=organisation).user)
    promise.organisation = organisation
    promise.save()
    plain = factories.MembershipFactory(organisation=organisation).user
    with pytest.raises(PermissionDenied):
        services.submit_promise(promise=promise, by=plain)
    services.submit_promise(promise=promise, by=org_admin.user)
    assert promise.state == Promise.State.PENDING


def test_submitting_twice_is_refused(user):
    promise = draft_of(user)
    services.submit_promise(promise=promise, by=user)
    with pytest.raises(DomainError):
        services.submit_promise(promise=promise, by=user)
    assert promise.state_changes.count() == 1


def test_a_stale_copy_cannot_submit_again(user):
    """Two browser tabs: the second submit sees the state the first one left."""
    promise = draft_of(user)
    stale = Promise.objects.get(pk=promise.pk)
    services.submit_promise(promise=promise, by=user)
    with pytest.raises(DomainError):
        services.submit_promise(promise=stale, by=user)
    assert promise.state_changes.count() == 1


# --- withdraw, moderate, copy -----------------------------------------------------------------


@pytest.mark.parametrize("state", [Promise.State.DRAFT, Promise.State.PENDING])
def test_withdraw_before_publication(state):
    promise = factories.PromiseFactory(state=state)
    services.withdraw_promise(promise=promise, by=promise.owner)
    assert promise.state == Promise.State.WITHDRAWN


def test_an_expired_promise_cannot_be_withdrawn():
    promise = factories.PromiseFactory(state=Promise.State.EXPIRED)
    with pytest.raises(DomainError):
        services.withdraw_promise(promise=promise, by=promise.owner)


def test_plain_org_member_cannot_withdraw_the_organisations_promise(org_member):
    promise = factories.PromiseFactory(organisation=org_member.organisation)
    with pytest.raises(PermissionDenied):
        services.withdraw_promise(promise=promise, by=org_member.user)
    promise.refresh_from_db()
    assert promise.state == Promise.State.PUBLISHED


def test_moderator_returns_a_published_promise(moderator, promise):
    services.return_promise(promise=promise, by=moderator, comment="Bitte ohne Telefonnummer")
    promise.refresh_from_db()
    assert promise.state == Promise.State.RETURNED


def test_a_draft_cannot_be_approved_or_returned(moderator, user):
    promise = draft_of(user)
    with pytest.raises(DomainError):
        services.approve_promise(promise=promise, by=moderator)
    with pytest.raises(DomainError):
        services.return_promise(promise=promise, by=moderator, comment="x")


def test_approving_twice_records_once(moderator):
    promise = factories.PromiseFactory(state=Promise.State.PENDING, published_at=None)
    stale = Promise.objects.get(pk=promise.pk)
    services.approve_promise(promise=promise, by=moderator)
    with pytest.raises(DomainError):
        services.approve_promise(promise=stale, by=moderator)
    assert promise.state_changes.filter(to_state="published").count() == 1


def test_org_admin_is_not_a_moderator(org_admin):
    promise = factories.PromiseFactory(
        state=Promise.State.PENDING, organisation=org_admin.organisation
    )
    with pytest.raises(PermissionDenied):
        services.approve_promise(promise=promise, by=org_admin.user)


def test_copy_needs_a_signed_in_person(promise):
    redemption_in(S.CONFIRMED, promise=promise)
    with pytest.raises(PermissionDenied):
        services.copy_promise(promise=promise, by=AnonymousUser())


def test_an_expired_fulfilled_promise_can_still_be_copied(user):
    promise = factories.PromiseFactory(
        state=Promise.State.EXPIRED, deadline=timezone.localdate() - datetime.timedelta(days=3)
    )
    redemption_in(S.PUBLISHED, promise=promise)
    copy = services.copy_promise(promise=promise, by=user)
    assert copy.inspired_by == promise and copy.deadline > timezone.localdate()


def test_a_withdrawn_fulfilled_promise_cannot_be_copied(user):
    promise = factories.PromiseFactory(state=Promise.State.WITHDRAWN)
    redemption_in(S.CONFIRMED, promise=promise)
    with pytest.raises(DomainError):
        services.copy_promise(promise=promise, by=user)


# --- apply: who may redeem --------------------------------------------------------------------


def test_apply_needs_a_signed_in_person_and_a_plan(promise, user):
    with pytest.raises(PermissionDenied):
        services.apply_for_promise(promise=promise, by=AnonymousUser(), plan="x", quantity=1)
    with pytest.raises(DomainError):
        services.apply_for_promise(promise=promise, by=user, plan="   ", quantity=1)
    assert not Redemption.objects.exists()


@pytest.mark.parametrize(
    ("eligibility", "as_organisation", "verified", "allowed"),
    [
        (Eligibility.ANYONE, False, False, True),
        (Eligibility.ANYONE, True, False, True),
        (Eligibility.ORGANISATIONS, False, False, False),
        (Eligibility.ORGANISATIONS, True, False, True),
        (Eligibility.VERIFIED, False, False, False),
        (Eligibility.VERIFIED, True, False, False),
        (Eligibility.VERIFIED, True, True, True),
    ],
)
def test_who_may_redeem(org_member, eligibility, as_organisation, verified, allowed):
    organisation = org_member.organisation
    organisation.is_verified = verified
    organisation.save()
    promise = factories.PromiseFactory(eligibility=eligibility)
    apply = lambda: services.apply_for_promise(  # noqa: E731
        promise=promise,
        by=org_member.user,
        organisation=organisation if as_organisation else None,
        plan="So",
        quantity=1,
    )
    if allowed:
        assert apply().state == S.APPLIED
    else:
        with pytest.raises(DomainError) as refused:
            apply()
        assert refused.value.code == "eligibility"
        assert not Redemption.objects.exists()


def test_a_member_of_the_promising_organisation_cannot_redeem_for_another(org_member):
    promise = factories.PromiseFactory(organisation=org_member.organisation)
    other = factories.MembershipFactory(user=org_member.user).organisation
    with pytest.raises(DomainError, match="eigenes"):
        services.apply_for_promise(
            promise=promise, by=org_member.user, organisation=other, plan="x", quantity=1
        )


# --- decide, withdraw, start ------------------------------------------------------------------


@pytest.mark.parametrize("state", [S.DECLINED, S.WITHDRAWN, S.ACCEPTED])
def test_only_waiting_applications_are_accepted_or_declined(state):
    redemption = redemption_in(state)
    owner = redemption.promise.owner
    with pytest.raises(DomainError):
        services.accept_application(redemption=redemption, by=owner)
    with pytest.raises(DomainError):
        services.decline_application(redemption=redemption, by=owner, reason="x")


def test_org_admin_declines_and_plain_member_cannot(org_admin, org_member):
    promise = factories.PromiseFactory(organisation=org_admin.organisation)
    redemption = factories.RedemptionFactory(promise=promise)
    plain = factories.MembershipFactory(organisation=org_admin.organisation).user
    with pytest.raises(PermissionDenied):
        services.decline_application(redemption=redemption, by=plain, reason="x")
    services.decline_application(redemption=redemption, by=org_admin.user, reason="Passt nicht")
    assert redemption.state == S.DECLINED


def test_only_the_applicant_withdraws_not_their_colleagues(org_member):
    redemption = factories.RedemptionFactory(organisation=org_member.organisation)
    with pytest.raises(PermissionDenied):
        services.withdraw_application(redemption=redemption, by=org_member.user)


def test_a_stranger_cannot_start_or_report(user):
    redemption = redemption_in(S.ACCEPTED)
    with pytest.raises(PermissionDenied):
        services.start_redemption(redemption=redemption, by=user)
    redemption = redemption_in(S.IN_PROGRESS)
    with pytest.raises(PermissionDenied):
        services.submit_report(redemption=redemption, by=user, content=CONTENT, consent=True)


def test_a_report_is_submitted_once():
    redemption = redemption_in(S.IN_PROGRESS)
    by = redemption.applicant
    services.submit_report(redemption=redemption, by=by, content=CONTENT, consent=True)
    with pytest.raises(DomainError):
        services.submit_report(
            redemption=redemption, by=by, content=content(happened="y"), consent=True
        )
    redemption.refresh_from_db()
    assert redemption.report_happened == CONTENT.happened


# --- confirm, dispute, moderate reports -------------------------------------------------------


def test_org_admin_confirms_and_a_stranger_cannot(org_admin, user):
    promise = factories.PromiseFactory(organisation=org_admin.organisation)
    redemption = redemption_in(S.REPORTED, promise=promise)
    with pytest.raises(PermissionDenied):
        services.confirm_fulfilment(redemption=redemption, by=user)
    services.confirm_fulfilment(redemption=redemption, by=org_admin.user)
    assert redemption.state == S.CONFIRMED


def test_dispute_refused_for_applicant_and_after_confirmation():
    redemption = redemption_in(S.REPORTED)
    with pytest.raises(PermissionDenied):
        services.dispute_fulfilment(redemption=redemption, by=redemption.applicant, reason="x")
    services.confirm_fulfilment(redemption=redemption, by=redemption.promise.owner)
    with pytest.raises(DomainError):
        services.dispute_fulfilment(redemption=redemption, by=redemption.promise.owner, reason="x")


def test_resolve_dispute_refuses_unknown_outcomes(moderator):
    redemption = redemption_in(S.DISPUTED)
    with pytest.raises(DomainError):
        services.resolve_dispute(redemption=redemption, by=moderator, outcome="maybe", comment="")
    redemption.refresh_from_db()
    assert redemption.state == S.DISPUTED


def test_publish_report_refused_before_confirmation_and_twice(moderator):
    reported = redemption_in(S.REPORTED, report_text="x", report_consent=True)
    with pytest.raises(DomainError):
        blog_services.publish_report(redemption=reported, by=moderator)
    confirmed = redemption_in(S.CONFIRMED, report_text="x", report_consent=True)
    blog_services.publish_report(redemption=confirmed, by=moderator)
    with pytest.raises(DomainError):
        blog_services.publish_report(redemption=confirmed, by=moderator)
    assert confirmed.promise.posts.count() == 1


def test_return_report_refused_for_non_moderators_and_in_wrong_state(moderator):
    confirmed = redemption_in(S.CONFIRMED, report_text="x")
    with pytest.raises(PermissionDenied):
        services.return_report(redemption=confirmed, by=confirmed.promise.owner, comment="x")
    reported = redemption_in(S.REPORTED, report_text="x")
    with pytest.raises(DomainError):
        services.return_report(redemption=reported, by=moderator, comment="x")


# --- the whole way is recorded ----------------------------------------------------------------


def test_every_step_of_a_redemption_is_recorded_with_who_and_from_where(moderator, promise):
    redemption = services.apply_for_promise(
        promise=promise, by=factories.UserFactory(), plan="So", quantity=1
    )
    applicant, owner = redemption.applicant, promise.owner
    services.accept_application(redemption=redemption, by=owner)
    services.start_redemption(redemption=redemption, by=applicant)
    services.submit_report(redemption=redemption, by=applicant, content=CONTENT, consent=True)
    services.confirm_fulfilment(redemption=redemption, by=owner)
    blog_services.publish_report(redemption=redemption, by=moderator)

    changes = StateChange.objects.filter(object_id=redemption.pk, content_type__model="redemption")
    assert [(c.from_state, c.to_state, c.by) for c in changes] == [
        (S.APPLIED, S.ACCEPTED, owner),
        (S.ACCEPTED, S.IN_PROGRESS, applicant),
        (S.IN_PROGRESS, S.REPORTED, applicant),
        (S.REPORTED, S.CONFIRMED, owner),
        (S.CONFIRMED, S.PUBLISHED, moderator),
    ]
    assert all(c.at is not None for c in changes)
