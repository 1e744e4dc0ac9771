"""Fixtures and helpers of the tandems part's tests (tandem life, check-ins, surveys,
privacy). A tandem here is made as the rounds part makes it: the mentor's place is taken."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from handschlag.core.models import StateChange
from handschlag.mentoring.models import Mentor, Tandem
from handschlag.notifications.models import Notification

from . import factories

ROLES = (
    "staff",
    "carrier_coordinator",
    "site_coordinator",
    "other_site_coordinator",
    "mentor",
    "mentee",
    "anonymous",
)


def person(world, role: str):
    """The user playing `role` in the access matrix (None: anonymous)."""
    if role == "anonymous":
        return None
    if role == "mentor":
        return world.mentor.user
    if role == "mentee":
        return world.mentee.user
    return getattr(world, role)


def make_tandem(world, state: str = Tandem.State.ACTIVE, **fields) -> Tandem:
    """A tandem of the world's mentor and mentee at their site; the mentor's place is taken."""
    Mentor.objects.filter(pk=world.mentor.pk).update(free_places=0)
    world.mentor.refresh_from_db()
    if state == Tandem.State.PROPOSED:
        fields.setdefault("started_on", None)
    tandem = factories.TandemFactory(
        site=world.site, mentor=world.mentor, mentee=world.mentee, state=state, **fields
    )
    Tandem.objects.filter(pk=tandem.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=60)
    )
    tandem.refresh_from_db()
    return tandem


@pytest.fixture(name="tandem")
def tandem_fixture(world) -> Tandem:
    return make_tandem(world)


@pytest.fixture(name="proposed")
def proposed_fixture(world) -> Tandem:
    return make_tandem(world, Tandem.State.PROPOSED)


def snapshot(tandem: Tandem) -> tuple:
    """What a refused write must leave as it was."""
    tandem = Tandem.objects.get(pk=tandem.pk)
    mentor = Mentor.objects.filter(pk=tandem.mentor_id).values_list("free_places", flat=True)
    return (
        tandem.state,
        tandem.started_on,
        tandem.ended_on,
        tandem.end_reason,
        tandem.last_contact_on,
        list(mentor),
        tandem.meetings.count(),
        tandem.problems.count(),
        tandem.checkins.count(),
        changes(tandem),
        Notification.objects.count(),
    )


def changes(tandem: Tandem) -> list[tuple[str, str]]:
    return list(
        StateChange.objects.filter(
            content_type=ContentType.objects.get_for_model(Tandem), object_id=tandem.pk
        ).values_list("from_state", "to_state")
    )


def kinds_to(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))
