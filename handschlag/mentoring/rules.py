"""Object permissions for mentoring (django-rules), checked with `has_perm` in services,
views, API and templates alike. Permissions: "mentoring.<action>".

Coordinating power comes only from scoped roles (access.py). A mentor acts on their own
profile and tandems; a mentee with an account on theirs; a mentee without account through
the token links of check-ins and surveys, never through these permissions.
"""

from __future__ import annotations

from typing import Any

import rules

from handschlag.accounts.rules import is_active_user
from handschlag.organisations.rules import is_org_admin

from . import access
from .models import Carrier, Mentee, Mentor, Programme, Site, Tandem


def _site_id(obj: Any) -> int | None:
    """The site an object belongs to: a site, a profile, a tandem, a round of one site."""
    if obj is None:
        return None
    if isinstance(obj, Site):
        return obj.pk
    return getattr(obj, "site_id", None)


@rules.predicate
def coordinates_site(user: Any, obj: Any) -> bool:
    """`user` coordinates the site of `obj` (as site or carrier coordinator or programme staff)."""
    return access.coordinates_site(user, _site_id(obj))


@rules.predicate
def coordinates_carrier(user: Any, obj: Any) -> bool:
    """`user` coordinates the carrier `obj` (a carrier, or a round over a whole carrier)."""
    if obj is None:
        return False
    carrier_id = obj.pk if isinstance(obj, Carrier) else getattr(obj, "carrier_id", None)
    return access.coordinates_carrier(user, carrier_id)


@rules.predicate
def staffs_programme(user: Any, programme: Any) -> bool:
    return isinstance(programme, Programme) and access.staffs_programme(user, programme.pk)


@rules.predicate
def coordinates_anything(user: Any) -> bool:
    return bool(access.scopes_of(user))


@rules.predicate
def is_own_mentor_profile(user: Any, mentor: Any) -> bool:
    return isinstance(mentor, Mentor) and is_active_user(user) and mentor.user_id == user.pk


@rules.predicate
def is_own_mentee_profile(user: Any, mentee: Any) -> bool:
    return (
        isinstance(mentee, Mentee)
        and is_active_user(user)
        and mentee.user_id is not None
        and mentee.user_id == user.pk
    )


@rules.predicate
def is_tandem_party(user: Any, tandem: Any) -> bool:
    """The mentor or (with an account) the mentee of the tandem."""
    if not isinstance(tandem, Tandem) or not is_active_user(user):
        return False
    mentor, mentee = tandem.mentor, tandem.mentee
    return (mentor is not None and mentor.user_id == user.pk) or (
        mentee is not None and mentee.user_id == user.pk
    )


@rules.predicate
def is_open_tandem(user: Any, tandem: Any) -> bool:
    return isinstance(tandem, Tandem) and tandem.state in (
        Tandem.State.ACTIVE,
        Tandem.State.PAUSED,
    )


@rules.predicate
def accepts_registrations(user: Any, site: Any) -> bool:
    return isinstance(site, Site) and site.accepts_registrations


# structure and statistics
rules.add_perm("mentoring.coordinate", coordinates_anything)
rules.add_perm("mentoring.view_programme", staffs_programme)
rules.add_perm("mentoring.view_carrier", coordinates_carrier)
rules.add_perm("mentoring.view_site", coordinates_site)
rules.add_perm("mentoring.edit_site", coordinates_site)
# joining
rules.add_perm("mentoring.register_as_mentor", is_active_user & accepts_registrations)
rules.add_perm("mentoring.register_mentee", coordinates_site)
rules.add_perm("mentoring.edit_mentor", is_own_mentor_profile | coordinates_site)
rules.add_perm("mentoring.edit_mentee", is_own_mentee_profile | coordinates_site)
rules.add_perm("mentoring.withdraw_mentor", is_own_mentor_profile | coordinates_site)
rules.add_perm("mentoring.withdraw_mentee", is_own_mentee_profile | coordinates_site)
rules.add_perm("mentoring.decide_profile", coordinates_site)
rules.add_perm("mentoring.record_certificate", coordinates_site)
rules.add_perm("mentoring.view_mentor", is_own_mentor_profile | coordinates_site)
rules.add_perm("mentoring.view_mentee", is_own_mentee_profile | coordinates_site)
# matching rounds: a round over one site needs its site, over a carrier the carrier
rules.add_perm("mentoring.run_round_for_site", coordinates_site)
rules.add_perm("mentoring.run_round_for_carrier", coordinates_carrier)
# tandems
rules.add_perm("mentoring.view_tandem", is_tandem_party | coordinates_site)
rules.add_perm("mentoring.log_meeting", is_open_tandem & (is_tandem_party | coordinates_site))
rules.add_perm("mentoring.manage_tandem", coordinates_site)
rules.add_perm("mentoring.report_problem", is_open_tandem & is_tandem_party)
rules.add_perm("mentoring.handle_problem", coordinates_site)


@rules.predicate
def coordinates_pool(user: Any, matching_round: Any) -> bool:
    """The pool of a round: its site, or (for a round over a whole carrier) the carrier."""
    if matching_round is None:
        return False
    if matching_round.site_id is not None:
        return access.coordinates_site(user, matching_round.site_id)
    return access.coordinates_carrier(user, matching_round.carrier_id)


rules.add_perm("mentoring.manage_round", coordinates_pool)


# --- tandems (tandem life, check-ins, surveys, privacy) ----------------------------------
# Either side may say "we stop" (a real Patenschaftsprogramm lets them; the coordination is
# told and can follow up); a tandem that has not started yet is ended by the coordination,
# who arranged the first meeting. Coordinators erase a mentee who has no account.
rules.add_perm("mentoring.end_tandem", coordinates_site | (is_open_tandem & is_tandem_party))
rules.add_perm("mentoring.erase_mentee", coordinates_site)


# --- joining (structure, profiles, coordination team) ------------------------------------


@rules.predicate
def administers_carrier(user: Any, carrier: Any) -> bool:
    """An admin of the carrier's organisation: appoints its coordinators."""
    return isinstance(carrier, Carrier) and is_org_admin(user, carrier.organisation)


# a mentee registers without an account: only the site must take registrations
rules.add_perm("mentoring.register_as_mentee", accepts_registrations)
rules.add_perm("mentoring.appoint_coordinators", administers_carrier)


# --- structure (programmes, carriers, sites without the Django admin) ---------------------
# Programme staff edit their programme and its carriers; a carrier's coordinators and the
# admins of its organisation set up and close its sites (site coordinators keep the site's
# contact and registrations: "mentoring.edit_site").


@rules.predicate
def staffs_carriers_programme(user: Any, carrier: Any) -> bool:
    return isinstance(carrier, Carrier) and access.staffs_programme(user, carrier.programme_id)


@rules.predicate
def runs_carrier_of(user: Any, obj: Any) -> bool:
    """A coordinator of the carrier (of a site: of its carrier) or an admin of the carrier's
    organisation."""
    carrier = obj if isinstance(obj, Carrier) else getattr(obj, "carrier", None)
    if not isinstance(carrier, Carrier):
        return False
    return access.coordinates_carrier(user, carrier.pk) or is_org_admin(user, carrier.organisation)


rules.add_perm("mentoring.edit_programme", staffs_programme)
rules.add_perm("mentoring.add_carrier", staffs_programme)
rules.add_perm("mentoring.edit_carrier", staffs_carriers_programme)
rules.add_perm("mentoring.manage_sites", runs_carrier_of)
rules.add_perm("mentoring.manage_site", runs_carrier_of)


# --- meetings: the person who logged one corrects or deletes it; the coordination too -----


@rules.predicate
def logged_meeting(user: Any, meeting: Any) -> bool:
    """`user` logged the meeting and is still a side of its open tandem."""
    if not is_active_user(user) or getattr(meeting, "logged_by_id", None) != user.pk:
        return False
    tandem = meeting.tandem
    return bool(is_open_tandem(user, tandem) and is_tandem_party(user, tandem))


@rules.predicate
def coordinates_meeting(user: Any, meeting: Any) -> bool:
    tandem = getattr(meeting, "tandem", None)
    return tandem is not None and access.coordinates_site(user, tandem.site_id)


rules.add_perm("mentoring.change_meeting", logged_meeting | coordinates_meeting)
