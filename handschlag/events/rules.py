"""Object permissions for events and registrations (django-rules), checked with `has_perm` in
services, views, API and templates alike. Permissions: "events.<action>".

Organising power lies with the current members of the organising organisation: admins decide
(publish, cancel, change, close), every member may run the door (check-in, attendance) and see
the participants. A person removed from the organisation a moment ago has none left.
"""

from __future__ import annotations

from typing import Any

import rules

from handschlag.accounts.rules import is_active_user, is_moderator
from handschlag.organisations.rules import is_org_admin, is_org_member

from .models import Audience, Event, Registration


@rules.predicate
def is_event_admin(user: Any, event: Any) -> bool:
    """An admin of the organisation that organises the event."""
    return event is not None and bool(is_org_admin(user, event.organisation))


@rules.predicate
def is_event_member(user: Any, event: Any) -> bool:
    """Any current member of the organising organisation (the organiser's team)."""
    return event is not None and bool(is_org_member(user, event.organisation))


@rules.predicate
def is_public_event(user: Any, event: Any) -> bool:
    return (
        event is not None
        and event.state in Event.PUBLIC_STATES
        and event.audience == Audience.PUBLIC
    )


@rules.predicate
def is_members_event_for_user(user: Any, event: Any) -> bool:
    """A members-only event, seen by a member of its organisation."""
    return (
        event is not None
        and event.state in Event.PUBLIC_STATES
        and event.audience == Audience.MEMBERS
        and bool(is_org_member(user, event.organisation))
    )


@rules.predicate
def is_confirmed_participant(user: Any, event: Any) -> bool:
    """`user` holds a confirmed (or attended) registration for `event`: may see the online link."""
    if not is_active_user(user) or event is None:
        return False
    return Registration.objects.filter(
        event=event,
        user=user,
        state__in=(Registration.State.CONFIRMED, Registration.State.ATTENDED),
    ).exists()


@rules.predicate
def is_registrant(user: Any, registration: Any) -> bool:
    """The person a registration belongs to (guests act through their token, not a login)."""
    return (
        registration is not None
        and is_active_user(user)
        and registration.user_id is not None
        and registration.user_id == user.pk
    )


@rules.predicate
def is_registration_organiser(user: Any, registration: Any) -> bool:
    return registration is not None and bool(is_event_member(user, registration.event))


@rules.predicate
def is_registration_organiser_admin(user: Any, registration: Any) -> bool:
    return registration is not None and bool(is_event_admin(user, registration.event))


can_view = is_public_event | is_members_event_for_user | is_event_member | is_moderator

rules.add_perm("events.create_event", is_active_user)
rules.add_perm("events.view_event", can_view)
rules.add_perm("events.edit_event", is_event_admin)
rules.add_perm("events.cancel_event", is_event_admin)
rules.add_perm("events.close_event", is_event_admin)
rules.add_perm("events.review_event", is_moderator)
rules.add_perm("events.see_online_link", is_event_member | is_confirmed_participant)
rules.add_perm("events.view_participants", is_event_member)
rules.add_perm("events.check_in", is_event_member)
rules.add_perm("events.export_registrations", is_event_member)
rules.add_perm("events.message_participants", is_event_admin)
rules.add_perm("events.register", is_active_user & (is_public_event | is_members_event_for_user))
rules.add_perm("events.cancel_registration", is_registrant | is_registration_organiser_admin)
rules.add_perm("events.accept_offer", is_registrant)
rules.add_perm("events.mark_attendance", is_registration_organiser)
# registration part: an organiser admin cancels one registration (with a reason)

rules.add_perm("events.cancel_registration_as_organiser", is_registration_organiser_admin)
