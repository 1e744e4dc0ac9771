"""Handing areas to colleagues and invited partners: who may, to whom, what the invited get,
and every state of an invitation's token (unknown, open, used, revoked, expired)."""

from __future__ import annotations

import datetime
import hashlib
import json

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from handschlag.assessment import answering_delegations as delegations
from handschlag.assessment.invitation_links import invitation_token
from handschlag.assessment.models import Delegation
from handschlag.assessment.rules import can_answer
from handschlag.audit.models import AuditEntry
from handschlag.core.errors import DomainError
from handschlag.notifications.models import Notification
from tests import factories as base

from . import factories
from .answering_helpers import snapshot

pytestmark = pytest.mark.django_db


def invite(world, email="beirat@example.org", areas=None, language="de", group=None):
    return delegations.invite_partner(
        assessment=world.assessment,
        by=world.admin,
        group=group or world.civil_society,
        areas=areas or [world.first_area],
        email=email,
        language=language,
    )


# --- colleagues ---------------------------------------------------------------------------


def test_an_area_is_handed_to_a_colleague_who_is_told(world):
    delegation = delegations.delegate_to_colleague(
        assessment=world.assessment,
        by=world.admin,
        group=world.civil_society,
        areas=[world.first_area],
        user=world.member,
    )
    assert delegation.user == world.member and delegation.created_by == world.admin
    assert list(delegation.areas.all()) == [world.first_area]
    assert can_answer(world.member, world.assessment, world.civil_society.pk, world.first_area.pk)
    told = Notification.objects.get(kind="assessment.delegated")
    assert told.recipient == world.member
    assert told.url == world.assessment.get_absolute_url()
    assert told.params["areas"] == "Steuerung" and told.params["group"] == "Zivilgesellschaft"
    assert AuditEntry.objects.filter(verb=delegations.DELEGATED).exists()


def test_more_areas_for_the_same_group_join_the_colleagues_delegation(world):
    first = Delegation.objects.get(user=world.colleague)
    again = delegations.delegate_to_colleague(
        assessment=world.assessment,
        by=world.admin,
        group=world.administration,
        areas=[world.first_area, world.second_area],
        user=world.colleague,
    )
    assert again.pk == first.pk
    assert set(again.areas.all()) == {world.first_area, world.second_area}
    assert Notification.objects.get(kind="assessment.delegated").params["areas"] == "Begegnung"


def test_handing_the_same_areas_again_is_refused(world):
    before = snapshot()
    with pytest.raises(DomainError) as refused:
        delegations.delegate_to_colleague(
            assessment=world.assessment,
            by=world.admin,
            group=world.administration,
            areas=[world.first_area],
            user=world.colleague,
        )
    assert refused.value.code == "duplicate"
    assert snapshot() == before


@pytest.mark.parametrize("who", ["partner", "other_admin", "stranger", "moderator"])
def test_only_members_of_the_organisation_are_colleagues(world, who):
    before = snapshot()
    with pytest.raises(DomainError) as refused:
        delegations.delegate_to_colleague(
            assessment=world.assessment,
            by=world.admin,
            group=world.administration,
            areas=[world.second_area],
            user=getattr(world, who),
        )
    assert refused.value.code == "not_member"
    assert snapshot() == before


@pytest.mark.parametrize("who", ["colleague", "member", "partner", "other_admin", "moderator"])
def test_only_the_coordinator_hands_areas_over(world, who):
    before = snapshot()
    with pytest.raises(PermissionDenied):
        delegations.delegate_to_colleague(
            assessment=world.assessment,
            by=getattr(world, who),
            group=world.administration,
            areas=[world.second_area],
            user=world.member,
        )
    with pytest.raises(PermissionDenied):
        delegations.invite_partner(
            assessment=world.assessment,
            by=getattr(world, who),
            group=world.civil_society,
            areas=[world.first_area],
            email="x@example.org",
            language="de",
        )
    assert snapshot() == before


def test_areas_and_groups_must_belong_to_the_round(world):
    foreign_area = world.other_assessment.framework.areas.first()
    foreign_group = factories.GroupFactory(assessment=world.other_assessment)
    before = snapshot()
    for group, areas in (
        (world.administration, [foreign_area]),
        (foreign_group, [world.first_area]),
        (world.administration, []),
    ):
        with pytest.raises(DomainError):
            delegations.delegate_to_colleague(
                assessment=world.assessment, by=world.admin, group=group, areas=areas,
                user=world.member,
            )  # fmt: skip
    assert snapshot() == before


def test_nothing_is_handed_over_in_a_closed_round(world):
    world.assessment.state = "closed"
    world.assessment.save()
    before = Delegation.objects.count()
    with pytest.raises(DomainError):
        invite(world)
    assert Delegation.objects.count() == before


# --- invitations --------------------------------------------------------------------------


def test_an_invitation_stores_only_the_hash_of_its_token_and_mails_the_link(world):
    delegation, token = invite(world, email=" Beirat@Example.org ", language="en")
    assert delegation.email == "beirat@example.org" and delegation.user is None
    assert delegation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in delegation.token_hash and len(token) >= 40
    mail = Notification.objects.get(kind="assessment.invited")
    assert mail.recipient is None and mail.email == "beirat@example.org"
    assert mail.language == "en"  # the inviting person's interface language
    assert mail.link == f"/standortbestimmung/einladung/{token}/"  # built, not stored
    assert token not in mail.url and token not in str(mail.params)
    assert mail.params["days"] == "30" and mail.params["areas"] == "Steuerung (en)"
    entry = AuditEntry.objects.get(verb=delegations.INVITED)
    assert "beirat" not in str(entry.details)  # the address stays out of the log


def _stored_anywhere(text):
    """The tables (of every installed model) whose rows contain `text`."""
    return [
        model._meta.label
        for model in apps.get_models()
        if text in json.dumps(list(model.objects.values()), default=str)
    ]


def test_no_row_of_the_database_holds_the_token_but_the_mail_has_the_link(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the mail goes out after commit
        _delegation, token = invite(world)
    [mail] = mailoutbox
    assert f"/standortbestimmung/einladung/{token}/" in mail.body
    assert _stored_anywhere(token) == []
    assert delegations.find_invitation(token) is not None  # and the link still works


def test_without_the_secret_key_the_stored_nonce_makes_no_valid_token(world, settings):
    _delegation, token = invite(world)
    nonce = Notification.objects.get(kind="assessment.invited").params["invitation"]
    settings.SECRET_KEY = "another key, as someone with only a copy of the database has"
    guessed = invitation_token(nonce)
    assert guessed != token and delegations.find_invitation(guessed) is None


def test_the_invitation_text_names_the_areas_in_the_invitees_language(world):
    world.first_area.title = {"de": "Steuerung", "en": "Steering"}
    world.first_area.save()
    invite(world, language="en")
    assert Notification.objects.get(kind="assessment.invited").params["areas"] == "Steering"


def test_a_second_open_invitation_to_the_same_address_and_group_is_refused(world):
    invite(world)
    with pytest.raises(DomainError) as refused:
        invite(world, email="BEIRAT@example.org")
    assert refused.value.code == "pending"
    invite(world, group=world.administration)  # another group: fine


def test_the_invited_person_accepts_and_the_invitation_becomes_theirs(world):
    delegation, token = invite(world)
    someone = base.UserFactory(email="anders@example.org")  # another address is fine
    accepted = delegations.accept_invitation(token=token, by=someone)
    assert accepted.pk == delegation.pk
    assert accepted.user == someone and accepted.accepted_at is not None
    assert can_answer(someone, world.assessment, world.civil_society.pk, world.first_area.pk)
    assert not can_answer(someone, world.assessment, world.civil_society.pk, world.second_area.pk)
    told = Notification.objects.filter(kind="assessment.invitation_accepted")
    assert [n.recipient for n in told] == [world.admin]
    assert AuditEntry.objects.filter(verb=delegations.INVITATION_ACCEPTED).exists()


def test_accepting_twice_is_harmless_and_a_used_link_is_nobody_elses(world):
    _, token = invite(world)
    first = base.UserFactory()
    delegations.accept_invitation(token=token, by=first)
    assert delegations.accept_invitation(token=token, by=first).user == first
    before = snapshot()
    with pytest.raises(DomainError) as refused:
        delegations.accept_invitation(token=token, by=base.UserFactory())
    assert refused.value.code == "used"
    assert snapshot() == before


@pytest.mark.parametrize("token", ["", "x", "falsch" * 3, "ä" * 200])
def test_an_unknown_token_is_refused(world, token):
    invite(world)
    with pytest.raises(DomainError) as refused:
        delegations.accept_invitation(token=token, by=world.stranger)
    assert refused.value.code == "unknown"


def test_a_revoked_invitation_cannot_be_accepted(world):
    delegation, token = invite(world)
    delegations.revoke_delegation(delegation=delegation, by=world.admin)
    with pytest.raises(DomainError) as refused:
        delegations.accept_invitation(token=token, by=world.stranger)
    assert refused.value.code == "revoked"
    assert Delegation.objects.get(pk=delegation.pk).user is None


def test_an_invitation_expires_after_thirty_days(world):
    delegation, token = invite(world)
    Delegation.objects.filter(pk=delegation.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=delegations.INVITATION_DAYS, hours=1)
    )
    with pytest.raises(DomainError) as refused:
        delegations.accept_invitation(token=token, by=world.stranger)
    assert refused.value.code == "expired"
    # and a new one to the same address may be sent
    invite(world)


def test_accepting_needs_an_active_account(world):
    _, token = invite(world)
    world.stranger.is_active = False
    world.stranger.save()
    with pytest.raises(PermissionDenied):
        delegations.accept_invitation(token=token, by=world.stranger)


# --- revoking -----------------------------------------------------------------------------


def test_revoking_takes_the_access_away_at_once_and_tells_the_person(world):
    delegation = Delegation.objects.get(user=world.partner)
    assert can_answer(world.partner, world.assessment, world.civil_society.pk, world.second_area.pk)
    delegations.revoke_delegation(delegation=delegation, by=world.admin)
    assert Delegation.objects.get(pk=delegation.pk).revoked_at is not None
    assert not can_answer(
        world.partner, world.assessment, world.civil_society.pk, world.second_area.pk
    )
    assert not world.partner.has_perm("assessment.view", world.assessment)
    told = Notification.objects.get(kind="assessment.delegation_revoked")
    assert told.recipient == world.partner
    assert AuditEntry.objects.filter(verb=delegations.REVOKED).exists()


def test_a_revoked_delegation_is_not_revoked_twice(world):
    delegation = Delegation.objects.get(user=world.partner)
    delegations.revoke_delegation(delegation=delegation, by=world.admin)
    with pytest.raises(DomainError):
        delegations.revoke_delegation(delegation=delegation, by=world.admin)


@pytest.mark.parametrize("who", ["colleague", "member", "partner", "other_admin", "moderator"])
def test_only_the_coordinator_revokes(world, who):
    delegation = Delegation.objects.get(user=world.partner)
    before = snapshot()
    with pytest.raises(PermissionDenied):
        delegations.revoke_delegation(delegation=delegation, by=getattr(world, who))
    assert snapshot() == before
