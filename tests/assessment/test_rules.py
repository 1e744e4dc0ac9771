"""The permission table of the self-assessment, role by role (the pages' matrix tests build on
it)."""

from handschlag.assessment.rules import can_answer
from handschlag.organisations.models import Membership


def test_coordination_is_for_the_town_admin_only(world):
    for user, expected in (
        (world.admin, True),
        (world.colleague, False),
        (world.partner, False),
        (world.other_admin, False),
        (world.moderator, False),
        (world.stranger, False),
    ):
        assert user.has_perm("assessment.coordinate", world.assessment) is expected


def test_the_round_is_seen_by_the_team_and_the_delegates_not_by_others(world):
    for user in (world.admin, world.colleague, world.member, world.partner):
        assert user.has_perm("assessment.view", world.assessment)
    for user in (world.other_admin, world.moderator, world.stranger):
        assert not user.has_perm("assessment.view", world.assessment)


def test_delegates_answer_only_their_areas_for_their_group(world):
    a = world.assessment
    admin_group, civil = world.administration.pk, world.civil_society.pk
    first, second = world.first_area.pk, world.second_area.pk
    assert can_answer(world.colleague, a, admin_group, first)
    assert not can_answer(world.colleague, a, admin_group, second)
    assert not can_answer(world.colleague, a, civil, first)
    assert can_answer(world.partner, a, civil, second)
    assert not can_answer(world.partner, a, admin_group, second)
    assert can_answer(world.admin, a, civil, first)
    assert not can_answer(world.member, a, admin_group, first)
    assert not can_answer(world.other_admin, a, admin_group, first)


def test_nobody_answers_a_closed_round(world):
    world.assessment.state = world.assessment.State.CLOSED
    assert not can_answer(
        world.admin, world.assessment, world.administration.pk, world.first_area.pk
    )
    assert not world.admin.has_perm("assessment.answer", world.assessment)


def test_an_admin_removed_from_the_organisation_loses_the_round_at_once(world):
    Membership.objects.filter(user=world.admin, organisation=world.organisation).delete()
    assert not world.admin.has_perm("assessment.coordinate", world.assessment)
    assert not world.admin.has_perm("assessment.view", world.assessment)
    assert not can_answer(
        world.admin, world.assessment, world.administration.pk, world.first_area.pk
    )


def test_an_unverified_municipality_organisation_has_no_power(world):
    world.organisation.is_verified = False
    world.organisation.save()
    world.assessment.refresh_from_db()
    assert not world.admin.has_perm("assessment.coordinate", world.assessment)
    assert not world.admin.has_perm("assessment.start", world.organisation)


def test_shared_results_of_a_closed_round_are_public(world):
    a = world.assessment
    assert not world.stranger.has_perm("assessment.view_results", a)
    a.shared = True
    assert not world.stranger.has_perm("assessment.view_results", a)  # still open
    a.state = a.State.CLOSED
    assert world.stranger.has_perm("assessment.view_results", a)


def test_a_colleague_who_left_the_organisation_loses_the_delegated_area_a_partner_keeps_it(world):
    a = world.assessment
    admin_group, civil = world.administration.pk, world.civil_society.pk
    Membership.objects.filter(user=world.colleague, organisation=world.organisation).delete()
    assert not can_answer(world.colleague, a, admin_group, world.first_area.pk)
    assert not world.colleague.has_perm("assessment.view", a)
    assert not world.colleague.has_perm("assessment.answer", a)
    # the invited partner was never a member: their delegation holds
    assert can_answer(world.partner, a, civil, world.second_area.pk)
    assert world.partner.has_perm("assessment.view", a)
