"""Services of needs and proposals: the rules, the refusals (state unchanged), the side effects."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from handschlag.audit.models import AuditEntry
from handschlag.core.errors import DomainError
from handschlag.needs import services
from handschlag.needs.models import Need, Proposal
from handschlag.notifications.models import Notification
from handschlag.organisations.models import Membership
from handschlag.promises.models import Eligibility, Promise, Redemption
from tests import factories

from .factories import NeedFactory, ProposalFactory, member_of

pytestmark = pytest.mark.django_db


def fields(place, **overrides):
    values = {
        "title": "5 Laptops für ein Bewerbungstraining",
        "description": "Wir üben Bewerbungen am Rechner.",
        "category": "equipment",
        "quantity": 5,
        "unit": "Laptops",
        "municipality": place,
        "needed_by": timezone.localdate() + datetime.timedelta(days=30),
    }
    return {**values, **overrides}


# --- create, edit, submit ---------------------------------------------------------------------


def test_a_member_creates_a_draft_for_the_organisation(stralsund):
    organisation = factories.OrganisationFactory()
    author = member_of(organisation)
    need = services.create_need(by=author, organisation=organisation, **fields(stralsund))
    assert need.state == Need.State.DRAFT and need.author == author
    assert AuditEntry.objects.filter(verb=services.CREATED, object_id=need.pk).exists()


def test_someone_outside_the_organisation_cannot_create_a_need_for_it(stralsund):
    organisation = factories.OrganisationFactory()
    with pytest.raises(PermissionDenied):
        services.create_need(
            by=factories.UserFactory(), organisation=organisation, **fields(stralsund)
        )
    assert not Need.objects.exists()


@pytest.mark.parametrize(
    ("override", "code"),
    [({"quantity": 0}, "quantity"), ({"municipality": None}, "municipality"),
     ({"needed_by": datetime.date(2000, 1, 1)}, "needed_by")],
)  # fmt: skip
def test_bad_fields_are_refused(stralsund, override, code):
    organisation = factories.OrganisationFactory()
    with pytest.raises(DomainError) as error:
        services.create_need(
            by=member_of(organisation), organisation=organisation, **fields(stralsund, **override)
        )
    assert error.value.code == code
    assert not Need.objects.exists()


def test_a_draft_is_edited_and_submitted(stralsund):
    need = NeedFactory(state=Need.State.DRAFT, municipality=stralsund)
    member = member_of(need.organisation)
    services.update_need(need=need, by=member, title="Zehn Laptops")
    services.submit_need(need=need, by=member)
    need.refresh_from_db()
    assert (need.title, need.state) == ("Zehn Laptops", Need.State.PENDING)


def test_a_published_need_cannot_be_edited(need, member):
    with pytest.raises(DomainError):
        services.update_need(need=need, by=member, title="Anders")
    need.refresh_from_db()
    assert need.title != "Anders"


def test_a_former_member_has_no_power_over_the_need(stralsund):
    need = NeedFactory(state=Need.State.DRAFT, municipality=stralsund)
    former = member_of(need.organisation)
    Membership.objects.filter(user=former).delete()
    for action in (
        lambda: services.update_need(need=need, by=former, title="Weg"),
        lambda: services.submit_need(need=need, by=former),
        lambda: services.withdraw_need(need=need, by=former),
    ):
        with pytest.raises(PermissionDenied):
            action()
    need.refresh_from_db()
    assert need.state == Need.State.DRAFT and need.title != "Weg"


# --- moderation -------------------------------------------------------------------------------


def test_a_moderator_publishes_and_the_organisation_is_told(stralsund, moderator):
    need = NeedFactory(state=Need.State.PENDING, municipality=stralsund, published_at=None)
    admin = member_of(need.organisation, role=Membership.Role.ADMIN)
    services.publish_need(need=need, by=moderator)
    need.refresh_from_db()
    assert need.state == Need.State.PUBLISHED and need.published_at is not None
    assert Notification.objects.filter(recipient=admin, kind="needs.need_published").exists()
    assert AuditEntry.objects.filter(verb=services.PUBLISHED, actor=moderator).exists()


def test_publication_looks_for_promises_at_once(
    stralsund, moderator, django_capture_on_commit_callbacks
):
    need = NeedFactory(state=Need.State.PENDING, municipality=stralsund, published_at=None)
    promise = factories.PromiseFactory(municipality=stralsund)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_need(need=need, by=moderator)
    assert Proposal.objects.get(need=need).promise == promise


def test_members_cannot_publish_their_own_need(stralsund):
    need = NeedFactory(state=Need.State.PENDING, municipality=stralsund)
    with pytest.raises(PermissionDenied):
        services.publish_need(need=need, by=member_of(need.organisation))
    need.refresh_from_db()
    assert need.state == Need.State.PENDING


def test_returning_needs_a_reason_and_goes_back_to_draft(stralsund, moderator):
    need = NeedFactory(state=Need.State.PENDING, municipality=stralsund)
    with pytest.raises(DomainError):
        services.return_need(need=need, by=moderator, comment=" ")
    need.refresh_from_db()
    assert need.state == Need.State.PENDING
    services.return_need(need=need, by=moderator, comment="Bitte nennen Sie die Zielgruppe.")
    need.refresh_from_db()
    assert need.state == Need.State.DRAFT and need.moderation_comment


# --- close, withdraw --------------------------------------------------------------------------


def test_closing_as_fulfilled_ends_open_proposals(need, member):
    proposal = ProposalFactory(need=need)
    services.close_need(need=need, by=member, fulfilled=True)
    need.refresh_from_db()
    proposal.refresh_from_db()
    assert need.state == Need.State.FULFILLED and proposal.state == Proposal.State.EXPIRED


def test_outsiders_cannot_close_or_withdraw(need):
    outsider = factories.UserFactory()
    with pytest.raises(PermissionDenied):
        services.close_need(need=need, by=outsider, fulfilled=True)
    with pytest.raises(PermissionDenied):
        services.withdraw_need(need=need, by=outsider)
    need.refresh_from_db()
    assert need.state == Need.State.PUBLISHED


def test_past_needs_are_closed_by_the_daily_task(stralsund):
    past = NeedFactory(
        municipality=stralsund, needed_by=timezone.localdate() - datetime.timedelta(days=1)
    )
    current = NeedFactory(municipality=stralsund)
    assert services.close_past_needs() == 1
    past.refresh_from_db()
    current.refresh_from_db()
    assert past.state == Need.State.CLOSED and current.state == Need.State.PUBLISHED


# --- proposals --------------------------------------------------------------------------------


def test_one_click_applies_for_the_need_s_organisation(need, member, promise_near):
    proposal = ProposalFactory(need=need, promise=promise_near)
    redemption = services.apply_from_proposal(proposal=proposal, by=member)
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.APPLIED and proposal.redemption == redemption
    assert redemption.organisation == need.organisation and redemption.quantity == need.quantity
    assert need.title in redemption.plan and redemption.state == Redemption.State.APPLIED


def test_one_click_asks_for_no_more_than_is_left(need, member, stralsund):
    promise = factories.PromiseFactory(municipality=stralsund, quantity=10, remaining_quantity=3)
    redemption = services.apply_from_proposal(
        proposal=ProposalFactory(need=need, promise=promise), by=member
    )
    assert redemption.quantity == 3


def test_one_click_respects_the_promise_s_capacity(need, member, stralsund):
    full = factories.PromiseFactory(municipality=stralsund, capacity=1, remaining_capacity=0)
    proposal = ProposalFactory(need=need, promise=full)
    with pytest.raises(DomainError) as error:
        services.apply_from_proposal(proposal=proposal, by=member)
    assert error.value.code == "not_open"
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.PROPOSED and not Redemption.objects.exists()


def test_one_click_respects_who_may_redeem(need, member, stralsund):
    verified_only = factories.PromiseFactory(
        municipality=stralsund, eligibility=Eligibility.VERIFIED
    )
    proposal = ProposalFactory(need=need, promise=verified_only)
    with pytest.raises(DomainError):
        services.apply_from_proposal(proposal=proposal, by=member)
    assert not Redemption.objects.exists()


def test_only_the_need_s_members_apply_from_a_proposal(need, promise_near):
    proposal = ProposalFactory(need=need, promise=promise_near)
    for outsider in (factories.UserFactory(), promise_near.owner):
        with pytest.raises(PermissionDenied):
            services.apply_from_proposal(proposal=proposal, by=outsider)
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.PROPOSED and not Redemption.objects.exists()


def test_a_proposal_is_decided_once(need, member, promise_near):
    proposal = ProposalFactory(need=need, promise=promise_near)
    services.decline_proposal(proposal=proposal, by=member)
    with pytest.raises(DomainError):
        services.apply_from_proposal(proposal=proposal, by=member)
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.DECLINED_BY_NEED and not Redemption.objects.exists()


def test_the_promiser_declines_for_the_promise_side(need, promise_near):
    proposal = ProposalFactory(need=need, promise=promise_near)
    services.decline_proposal(proposal=proposal, by=promise_near.owner)
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.DECLINED_BY_PROMISER


def test_a_stranger_cannot_decline(need, promise_near):
    proposal = ProposalFactory(need=need, promise=promise_near)
    with pytest.raises(PermissionDenied):
        services.decline_proposal(proposal=proposal, by=factories.UserFactory())
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.PROPOSED


# --- "Ich kann das versprechen" ---------------------------------------------------------------


def test_answering_a_need_starts_a_linked_draft_promise(need):
    admin = member_of(need.organisation, role=Membership.Role.ADMIN)
    company = factories.OrganisationFactory(kind="company")
    helper = member_of(company)
    promise = services.answer_need(need=need, by=helper, organisation=company)
    assert promise.state == Promise.State.DRAFT and promise.organisation == company
    assert (promise.title, promise.category, promise.quantity, promise.municipality) == (
        need.title, need.category, need.quantity, need.municipality,
    )  # fmt: skip
    assert Proposal.objects.get(need=need, promise=promise).reasons == {"answer": True}
    assert Notification.objects.filter(recipient=admin, kind="needs.promise_for_need").exists()


def test_members_cannot_answer_their_own_need(need, member):
    with pytest.raises(PermissionDenied):
        services.answer_need(need=need, by=member)
    assert not Promise.objects.exists()


def test_answering_for_an_organisation_one_does_not_belong_to_is_refused(need):
    with pytest.raises(PermissionDenied):
        services.answer_need(
            need=need, by=factories.UserFactory(), organisation=factories.OrganisationFactory()
        )
    assert not Promise.objects.exists()


def test_a_closed_need_cannot_be_answered(need):
    Need.objects.filter(pk=need.pk).update(state=Need.State.CLOSED)
    need.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.answer_need(need=need, by=factories.UserFactory())
    assert not Promise.objects.exists()


def test_erasing_a_person_keeps_the_need_without_its_author(need, member):
    Need.objects.filter(pk=need.pk).update(author=member)
    from handschlag.needs import privacy

    assert privacy.export(member)["needs"][0]["title"] == need.title
    privacy.erase(member)
    need.refresh_from_db()
    assert need.author is None and need.state == Need.State.PUBLISHED
