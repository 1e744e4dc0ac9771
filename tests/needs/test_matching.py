"""Matching on real models: the optimal promise is proposed, every hard rule holds, declined
pairs never come back, both sides are told."""

import datetime

import pytest
from django.utils import timezone

from handschlag.needs import matching
from handschlag.needs.models import Need, Proposal
from handschlag.notifications.models import Notification
from handschlag.organisations.models import Membership
from handschlag.promises import services as promise_services
from handschlag.promises.models import Category, Eligibility, Promise, Redemption
from tests import factories

from .factories import NeedFactory, ProposalFactory, member_of, town

pytestmark = pytest.mark.django_db


def proposed(need):
    return set(
        Proposal.objects.filter(need=need, state=Proposal.State.PROPOSED).values_list(
            "promise_id", flat=True
        )
    )


def test_the_nearest_fitting_promise_is_proposed_over_a_farther_one(need, stralsund):
    farther = factories.PromiseFactory(municipality=town("Grimmen", km_north=30))
    nearest = factories.PromiseFactory(municipality=town("Nachbarort", km_north=3))
    result = matching.nightly()
    assert proposed(need) == {nearest.pk}
    assert (need.pk, nearest.pk) in result.proposed
    assert (need.pk, farther.pk) not in result.proposed


def test_a_proposal_keeps_its_reasons_and_says_them_in_words(need, stralsund):
    promise = factories.PromiseFactory(
        municipality=town("Nachbarort", km_north=12), quantity=10, unit="Laptops"
    )
    matching.nightly()
    proposal = Proposal.objects.get(need=need, promise=promise)
    assert proposal.reasons["km"] == pytest.approx(12, abs=0.2)
    assert proposal.reasons["remaining"] == 10
    from handschlag.needs.reasons import reason_text

    deadline = promise.deadline.strftime("%d.%m.%Y")
    assert reason_text(proposal.reasons) == (
        f"gleiche Kategorie · 12 km entfernt · 10 von 10 Laptops frei · gültig bis {deadline}"
    )


def test_a_nationwide_promise_reaches_a_need_anywhere(need):
    nationwide = factories.PromiseFactory(municipality=None)
    matching.nightly()
    proposal = Proposal.objects.get(need=need)
    assert proposal.promise == nationwide
    assert proposal.reasons["km"] is None


def test_a_local_promise_wins_over_a_nationwide_one(need, stralsund):
    factories.PromiseFactory(municipality=None)
    local = factories.PromiseFactory(municipality=town("Nachbarort", km_north=20))
    matching.nightly()
    assert proposed(need) == {local.pk}


@pytest.mark.parametrize(
    ("change", "excluded"),
    [
        ({}, False),
        ({"category": Category.TRAINING}, True),
        ({"far_km": 60}, True),
        ({"far_km": 45}, False),
        ({"remaining_quantity": 4}, True),
        ({"remaining_quantity": 5}, False),
        ({"remaining_capacity": 0}, True),
        ({"deadline_days": -1}, True),
        ({"deadline_days": 0}, False),
        ({"state": Promise.State.PENDING}, True),
        ({"state": Promise.State.EXPIRED}, True),
        ({"eligibility": Eligibility.VERIFIED}, True),
        ({"eligibility": Eligibility.ORGANISATIONS}, False),
    ],
)
def test_each_hard_rule_of_a_promise(need, stralsund, change, excluded):
    fields = {"municipality": stralsund, "quantity": 10}
    if "far_km" in change:
        fields["municipality"] = town("Fern", km_north=change["far_km"])
    if "deadline_days" in change:
        fields["deadline"] = timezone.localdate() + datetime.timedelta(days=change["deadline_days"])
    for name in ("category", "remaining_capacity", "state", "eligibility", "remaining_quantity"):
        if name in change:
            fields[name] = change[name]
    promise = factories.PromiseFactory(**fields)
    matching.nightly()
    assert proposed(need) == (set() if excluded else {promise.pk})


def test_verified_only_promises_reach_verified_organisations(need, promise_near):
    Promise.objects.filter(pk=promise_near.pk).update(eligibility=Eligibility.VERIFIED)
    matching.nightly()
    assert proposed(need) == set()
    need.organisation.is_verified = True
    need.organisation.save()
    matching.nightly()
    assert proposed(need) == {promise_near.pk}


@pytest.mark.parametrize(
    ("state", "days"),
    [(Need.State.DRAFT, 30), (Need.State.PENDING, 30), (Need.State.CLOSED, 30),
     (Need.State.PUBLISHED, -1)],
)  # fmt: skip
def test_only_open_needs_are_matched(stralsund, promise_near, state, days):
    need = NeedFactory(
        municipality=stralsund,
        state=state,
        needed_by=timezone.localdate() + datetime.timedelta(days=days),
    )
    matching.nightly()
    assert proposed(need) == set()


def test_the_organisations_own_promise_is_never_proposed(need, stralsund):
    factories.PromiseFactory(municipality=stralsund, organisation=need.organisation)
    matching.nightly()
    assert proposed(need) == set()


def test_a_personal_promise_of_a_member_is_never_proposed_to_its_organisation(need, stralsund):
    owner = member_of(need.organisation)
    factories.PromiseFactory(municipality=stralsund, owner=owner)
    matching.nightly()
    assert proposed(need) == set()


def test_a_promise_the_organisation_already_applied_for_is_not_proposed(need, promise_near):
    factories.RedemptionFactory(promise=promise_near, organisation=need.organisation)
    matching.nightly()
    assert proposed(need) == set()


def test_an_ended_application_does_not_block_a_proposal(need, promise_near):
    factories.RedemptionFactory(
        promise=promise_near, organisation=need.organisation, state=Redemption.State.WITHDRAWN
    )
    matching.nightly()
    assert proposed(need) == {promise_near.pk}


def test_a_promise_is_proposed_no_more_often_than_it_has_places(stralsund):
    promise = factories.PromiseFactory(municipality=stralsund, capacity=1, remaining_capacity=1)
    first, second = NeedFactory.create_batch(2, municipality=stralsund)
    result = matching.nightly()
    assert len(result.proposed) == 1
    assert Proposal.objects.filter(promise=promise).count() == 1
    assert {first.pk, second.pk} >= {need for need, _ in result.proposed}


def test_open_proposals_hold_their_place_in_the_next_run(stralsund):
    promise = factories.PromiseFactory(municipality=stralsund, capacity=1, remaining_capacity=1)
    NeedFactory.create_batch(2, municipality=stralsund)
    matching.nightly()
    again = matching.nightly()
    assert again.proposed == []
    assert Proposal.objects.filter(promise=promise, state=Proposal.State.PROPOSED).count() == 1


def test_a_declined_proposal_is_never_proposed_again(need, stralsund, promise_near):
    second_best = factories.PromiseFactory(municipality=town("Nachbarort", km_north=20))
    matching.nightly()
    assert proposed(need) == {promise_near.pk}
    Proposal.objects.filter(need=need).update(state=Proposal.State.DECLINED_BY_NEED)
    matching.nightly()
    assert proposed(need) == {second_best.pk}
    assert Proposal.objects.filter(need=need, promise=promise_near).count() == 1
    Proposal.objects.filter(need=need).update(state=Proposal.State.DECLINED_BY_PROMISER)
    assert matching.nightly().proposed == []
    assert matching.for_need(need).proposed == []


def test_proposals_of_closed_promises_expire(need, promise_near):
    matching.nightly()
    Promise.objects.filter(pk=promise_near.pk).update(state=Promise.State.WITHDRAWN)
    result = matching.nightly()
    assert result.expired == 1
    assert Proposal.objects.get(need=need).state == Proposal.State.EXPIRED


def test_an_answer_in_preparation_keeps_its_proposal(need, stralsund):
    draft = factories.PromiseFactory(municipality=stralsund, state=Promise.State.DRAFT)
    ProposalFactory(need=need, promise=draft, reasons={"answer": True})
    matching.nightly()
    assert Proposal.objects.get(promise=draft).state == Proposal.State.PROPOSED


def test_on_demand_finds_one_more_promise(need, stralsund, promise_near):
    other = factories.PromiseFactory(municipality=town("Nachbarort", km_north=5))
    assert matching.for_need(need).proposed == [(need.pk, promise_near.pk)]
    assert matching.for_need(need).proposed == [(need.pk, other.pk)]
    assert matching.for_need(need).proposed == []


def test_a_published_promise_is_proposed_to_the_best_needs(
    stralsund, moderator, django_capture_on_commit_callbacks
):
    near_need = NeedFactory(municipality=stralsund)
    far_need = NeedFactory(municipality=town("Weit", km_north=40))
    pending = factories.PromiseFactory(
        municipality=stralsund, state=Promise.State.PENDING, capacity=1, remaining_capacity=1
    )
    with django_capture_on_commit_callbacks(execute=True):
        promise_services.approve_promise(promise=pending, by=moderator)
    assert proposed(near_need) == {pending.pk}
    assert proposed(far_need) == set()


def test_both_sides_are_told_once_per_organisation(stralsund):
    organisation = factories.OrganisationFactory()
    admin = member_of(organisation, role=Membership.Role.ADMIN)
    NeedFactory.create_batch(2, organisation=organisation, municipality=stralsund)
    promiser = factories.UserFactory()
    factories.PromiseFactory.create_batch(2, municipality=stralsund, owner=promiser)
    matching.nightly()
    need_side = Notification.objects.get(recipient=admin)
    assert need_side.kind == "needs.promises_found" and need_side.params["count"] == "2"
    promise_side = Notification.objects.get(recipient=promiser)
    assert promise_side.kind == "needs.needs_found" and promise_side.params["count"] == "2"


@pytest.mark.parametrize(
    ("change", "excluded"),
    [
        ({}, False),
        ({"category": Category.TRAINING}, True),
        ({"remaining_quantity": 4}, True),
        ({"remaining_capacity": 0}, True),
        ({"eligibility": Eligibility.VERIFIED}, True),
        ({"deadline": datetime.date(2000, 1, 1)}, True),
    ],
)
def test_each_hard_rule_of_a_nationwide_promise(need, change, excluded):
    promise = factories.PromiseFactory(municipality=None, quantity=10, **change)
    matching.nightly()
    assert proposed(need) == (set() if excluded else {promise.pk})


def test_a_nationwide_promise_goes_no_more_often_than_it_has_places(stralsund):
    factories.PromiseFactory(municipality=None, capacity=2, remaining_capacity=2)
    needs = NeedFactory.create_batch(3, municipality=stralsund)
    assert len(matching.nightly().proposed) == 2
    assert matching.nightly().proposed == []  # open proposals hold their places
    Proposal.objects.filter(need=needs[0]).update(state=Proposal.State.DECLINED_BY_NEED)
    again = matching.nightly().proposed
    assert len(again) == 1 and again[0][0] == needs[2].pk


def test_a_declined_nationwide_promise_is_not_proposed_again(need):
    promise = factories.PromiseFactory(municipality=None)
    matching.nightly()
    Proposal.objects.filter(need=need).update(state=Proposal.State.DECLINED_BY_NEED)
    matching.nightly()
    assert list(Proposal.objects.filter(need=need).values_list("promise_id", "state")) == [
        (promise.pk, Proposal.State.DECLINED_BY_NEED)
    ]


def test_a_pair_stored_by_a_parallel_run_stays_one_row(need, promise_near):
    row = (need.pk, promise_near.pk, 0.9, {"category": True})
    matching._store([row])
    matching._store([row])
    proposal = Proposal.objects.get()
    assert proposal.reasons == {"category": True} and proposal.state == Proposal.State.PROPOSED
