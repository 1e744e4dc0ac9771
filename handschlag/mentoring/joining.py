"""Writes of joining: mentors register and edit their profile, coordinators approve or return
profiles (mentors and mentees alike), record a police certificate; either side withdraws.

Every service checks its permission (rules), runs in one transaction, moves the profile's
state machine (recorded), writes the audit log and notifies through the kernel. Mentees'
registration lives in joining_mentees.py, appointing coordinators in joining_team.py.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import rules
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from handschlag.audit.services import record
from handschlag.core import versions
from handschlag.core.errors import DomainError
from handschlag.matching.model import SLOTS
from handschlag.notifications.recipients import Target, address
from handschlag.notifications.services import notify

from . import joining_messages as messages
from . import statistics_figures
from . import tandems as tandem_services
from .joining_selectors import coordinators_of, open_tandem_count
from .languages import CODES as LANGUAGE_CODES
from .models import (
    CERTIFICATE_DAYS,
    AgeGroup,
    Gender,
    LanguageLevel,
    Mentee,
    Mentor,
    Site,
    Tandem,
)

if TYPE_CHECKING:
    from handschlag.accounts.models import User

    Profile = Mentor | Mentee

# audit verbs (registered in kernel/joining.py)
MENTOR_REGISTERED = "mentoring.register_mentor"
PROFILE_UPDATED = "mentoring.update_profile"
PROFILE_RESUBMITTED = "mentoring.resubmit_profile"
CAPACITY_CHANGED = "mentoring.change_capacity"
PROFILE_APPROVED = "mentoring.approve_profile"
PROFILE_RETURNED = "mentoring.return_profile"
PROFILE_WITHDRAWN = "mentoring.withdraw_profile"
CERTIFICATE_RECORDED = "mentoring.record_certificate"

State = Mentor.State

# what a mentor's profile form may set (capacity goes through change_capacity)
MENTOR_FIELDS = (
    "languages",
    "municipality",
    "max_km",
    "online",
    "availability",
    "kinds",
    "gender",
    "partner_genders",
    "interests",
    "about",
    "partner_age_groups",
)


def require_perm(perm: str, user: Any, obj: Any) -> None:
    if not rules.has_perm(perm, user, obj):
        raise PermissionDenied


def _role(profile: Profile) -> str:
    return "mentor" if isinstance(profile, Mentor) else "mentee"


def _perm(action: str, profile: Profile) -> str:
    return f"mentoring.{action}_{_role(profile)}"


def check_profile_data(site: Site, data: Mapping[str, Any]) -> None:
    """The invariants of a profile that no form may break: at least one known language with a
    level, only the programme's kinds, known slots, genders and age groups."""
    languages = data.get("languages")
    if languages is not None:
        if not languages:
            raise DomainError(_("Bitte nennen Sie mindestens eine Sprache."), code="languages")
        codes = [entry.get("code") for entry in languages]
        if len(set(codes)) != len(codes) or any(
            code not in LANGUAGE_CODES or entry.get("level") not in LanguageLevel.values
            for code, entry in zip(codes, languages, strict=True)
        ):
            raise DomainError(_("Bitte prüfen Sie die Sprachen."), code="languages")
    kinds = data.get("kinds")
    if kinds is not None:
        programme_kinds = site.carrier.programme.kinds
        if not kinds or any(kind not in programme_kinds for kind in kinds):
            raise DomainError(
                _("Bitte wählen Sie mindestens eine Art von Tandem dieses Programms."),
                code="kinds",
            )
    if any(slot not in SLOTS for slot in data.get("availability") or []):
        raise DomainError(_("Unbekannte Zeit."), code="availability")
    if any(g not in Gender.values for g in data.get("partner_genders") or []):
        raise DomainError(_("Unbekannte Angabe zum Geschlecht."), code="gender")
    if data.get("gender") not in (None, "", *Gender.values):
        raise DomainError(_("Unbekannte Angabe zum Geschlecht."), code="gender")
    if any(group not in AgeGroup.values for group in data.get("partner_age_groups") or []):
        raise DomainError(_("Unbekannte Altersgruppe."), code="age_group")


def notify_coordinators(profile: Profile) -> None:
    """Tell the site's coordinators that a profile waits for their decision."""
    to: list[Target] = list(coordinators_of(profile.site))
    if to:
        notify(
            to=to,
            kind=messages.PROFILE_WAITING.key,
            params={"site": profile.site.name, "role": _role(profile)},
            url=profile_url(profile),
        )


def profile_url(profile: Profile) -> str:
    return reverse(f"mentoring:{_role(profile)}", kwargs={"pk": profile.pk})


def _notify_person(profile: Profile, kind: str, params: dict[str, str], url: str) -> None:
    """Tell the person: through their account, else (a mentee) by email if they gave one, in
    their language. A mentee with neither hears from the coordination directly."""
    target: Target | None = None
    if profile.user is not None:
        target = profile.user
        if not profile.user.is_active:
            target = None
    elif isinstance(profile, Mentee) and profile.email:
        target = address(profile.email, language=profile.language)
        url = ""  # without an account the page would not open
    if target is not None:
        notify(to=target, kind=kind, params=params, url=url)


# --- mentors -----------------------------------------------------------------------------


@transaction.atomic
def register_mentor(*, site: Site, by: User, data: Mapping[str, Any], capacity: int = 1) -> Mentor:
    """A person registers as mentor at `site`; the profile waits for the coordination."""
    require_perm("mentoring.register_as_mentor", by, site)
    existing = Mentor.objects.select_for_update().filter(user=by, site=site).first()
    if existing is not None and existing.state != State.WITHDRAWN:
        raise DomainError(_("Sie sind hier bereits als Mentor:in angemeldet."), code="exists")
    check_profile_data(site, data)
    if capacity not in (1, 2, 3):
        raise DomainError(_("Bitte wählen Sie 1 bis 3 Tandems."), code="capacity")
    fields = {name: data[name] for name in MENTOR_FIELDS if name in data}
    if existing is not None:
        return _register_again(existing, by=by, fields=fields, capacity=capacity)
    try:
        with transaction.atomic():
            mentor = Mentor.objects.create(
                site=site, user=by, capacity=capacity, free_places=capacity, **fields
            )
    except IntegrityError:  # the same person, twice at once
        raise DomainError(
            _("Sie sind hier bereits als Mentor:in angemeldet."), code="exists"
        ) from None
    mentor.record_arrival(from_state="", by=by)
    record(actor=by, verb=MENTOR_REGISTERED, target=mentor, site=site.slug)
    notify_coordinators(mentor)
    return mentor


def _register_again(mentor: Mentor, *, by: User, fields: dict[str, Any], capacity: int) -> Mentor:
    """Someone who withdrew comes back: the same profile, filled in anew, waits for the
    coordination again (a withdrawn mentor holds no tandem, so every place is free)."""
    for name, value in fields.items():
        setattr(mentor, name, value)
    mentor.capacity = mentor.free_places = capacity
    mentor.state_comment = ""
    mentor.waiting_since = timezone.localdate()
    mentor.move_to(
        State.SUBMITTED, by=by,
        save_fields=[*fields, "capacity", "free_places", "state_comment", "waiting_since"],
    )  # fmt: skip
    record(actor=by, verb=MENTOR_REGISTERED, target=mentor, site=mentor.site.slug)
    notify_coordinators(mentor)
    return mentor


@transaction.atomic
def update_mentor(
    *, mentor: Mentor, by: User, data: Mapping[str, Any], capacity: int | None = None
) -> Mentor:
    """The mentor or a coordinator changes the profile. A returned profile that its mentor
    changes is submitted again (and the coordination told)."""
    require_perm("mentoring.edit_mentor", by, mentor)
    mentor = (
        Mentor.objects.select_for_update()
        .select_related("site__carrier__programme")
        .get(pk=mentor.pk)
    )
    if mentor.state == State.WITHDRAWN:
        raise DomainError(_("Dieses Profil ist zurückgezogen."), code="withdrawn")
    check_profile_data(mentor.site, data)
    changed = apply_fields(mentor, data, MENTOR_FIELDS)
    if changed:
        mentor.save(update_fields=[*changed, "updated_at"])
    if capacity is not None and capacity != mentor.capacity:
        change_capacity(mentor=mentor, by=by, capacity=capacity)
    resubmit_if_owner(mentor, by)
    if changed:
        record(actor=by, verb=PROFILE_UPDATED, target=mentor, fields=sorted(changed))
    return mentor


def apply_fields(profile: Profile, data: Mapping[str, Any], allowed: tuple[str, ...]) -> list[str]:
    changed = []
    for name in allowed:
        if name in data and getattr(profile, name) != data[name]:
            setattr(profile, name, data[name])
            changed.append(name)
    return changed


def resubmit_if_owner(profile: Profile, by: User) -> None:
    if profile.state == State.RETURNED and profile.user_id == by.pk:
        profile.state_comment = ""
        profile.move_to(State.SUBMITTED, by=by, save_fields=["state_comment"])
        record(actor=by, verb=PROFILE_RESUBMITTED, target=profile)
        notify_coordinators(profile)


@transaction.atomic
def change_capacity(*, mentor: Mentor, by: User, capacity: int) -> Mentor:
    """How many tandems a mentor takes at once (1–3). Free places follow in the same
    conditional UPDATE (free = capacity − places held), so a place taken meanwhile is never
    lost or doubled; lowering below the places held is refused."""
    require_perm("mentoring.edit_mentor", by, mentor)
    if capacity not in (1, 2, 3):
        raise DomainError(_("Bitte wählen Sie 1 bis 3 Tandems."), code="capacity")
    rows = Mentor.objects.filter(pk=mentor.pk).exclude(state=State.WITHDRAWN)
    updated = rows.filter(free_places__gte=F("capacity") - capacity).update(
        free_places=F("free_places") + capacity - F("capacity"),
        capacity=capacity,
        updated_at=timezone.now(),
    )
    if not updated:
        held = Mentor.objects.filter(pk=mentor.pk).values_list("capacity", "free_places").first()
        in_use = (held[0] - held[1]) if held else 0
        raise DomainError(
            _(
                "Sie begleiten gerade %(held)d Person(en). Weniger Plätze als das geht erst, "
                "wenn ein Tandem endet."
            )
            % {"held": in_use},
            code="capacity",
        )
    statistics_figures.site_changed(mentor.site_id)  # free places: an update sends no signal
    previous = mentor.capacity
    mentor.refresh_from_db(fields=["capacity", "free_places"])
    versions.bump()
    record(actor=by, verb=CAPACITY_CHANGED, target=mentor, before=previous, after=capacity)
    return mentor


# --- decisions (mentors and mentees) -------------------------------------------------------


@transaction.atomic
def approve_profile(*, profile: Profile, by: User) -> Profile:
    """A coordinator of the site approves a submitted profile: it enters the matching."""
    require_perm("mentoring.decide_profile", by, profile)
    profile = type(profile).objects.select_for_update().get(pk=profile.pk)
    profile.require_state(State.SUBMITTED)
    profile.state_comment = ""
    profile.move_to(State.APPROVED, by=by, save_fields=["state_comment"])
    record(actor=by, verb=PROFILE_APPROVED, target=profile)
    params = {"site": profile.site.name, "role": _role(profile)}
    _notify_person(profile, messages.PROFILE_APPROVED.key, params, url=my_url())
    return profile


def my_url() -> str:
    return reverse("mentoring:mine")


@transaction.atomic
def return_profile(*, profile: Profile, by: User, comment: str) -> Profile:
    """A coordinator returns a submitted or approved profile with a comment saying what to
    change; the person is told and can edit and submit it again."""
    require_perm("mentoring.decide_profile", by, profile)
    comment = (comment or "").strip()
    if not comment:
        raise DomainError(
            _("Bitte schreiben Sie, was geändert werden soll."), code="comment_required"
        )
    profile = type(profile).objects.select_for_update().get(pk=profile.pk)
    profile.require_state(State.SUBMITTED, State.APPROVED)
    if profile.user_id is None:
        raise DomainError(
            _(
                "Diese Person hat kein Konto und kann ihre Angaben nicht selbst ändern. Bitte "
                "sprechen Sie mit ihr und ändern Sie die Angaben selbst."
            ),
            code="no_account",
        )
    if open_tandem_count(profile):
        raise DomainError(
            _("Solange ein Tandem läuft, kann das Profil nicht zurückgegeben werden."),
            code="open_tandems",
        )
    profile.state_comment = comment[:2000]
    profile.move_to(
        State.RETURNED, by=by, comment=profile.state_comment, save_fields=["state_comment"]
    )
    record(actor=by, verb=PROFILE_RETURNED, target=profile)
    params = {"site": profile.site.name, "role": _role(profile), "comment": profile.state_comment}
    _notify_person(profile, messages.PROFILE_RETURNED.key, params, url=my_url())
    return profile


# reasons for ending a person's tandems when the profile is withdrawn: valid for a tandem
# before and after its start (tandems.end_reasons)
WITHDRAW_END_REASONS = (Tandem.EndReason.MOVED, Tandem.EndReason.TIME, Tandem.EndReason.OTHER)


def open_tandems_of(profile: Profile) -> list[Tandem]:
    """The person's proposed, active and paused tandems."""
    side = "mentor" if isinstance(profile, Mentor) else "mentee"
    return list(
        Tandem.objects.filter(**{side: profile}, state__in=Tandem.HOLDING)
        .select_related("mentor__user", "mentee", "site")
        .order_by("pk")
    )


def may_end_all(tandems: list[Tandem], by: User) -> bool:
    """`by` may end every one of `tandems` (a side may not end a tandem that has not begun:
    the coordination, who arranged the first meeting, does)."""
    return all(by.has_perm("mentoring.end_tandem", tandem) for tandem in tandems)


@transaction.atomic
def withdraw_profile(*, profile: Profile, by: User, end_tandems_with: str = "") -> Profile:
    """The person (or a coordinator for them) withdraws the profile: it leaves the matching
    for good. While a tandem is proposed, active or paused, refused — unless
    `end_tandems_with` names a reason: then each of those tandems ends first through the
    tandem service (the other side and the coordination are told), provided `by` may end
    every one of them."""
    require_perm(_perm("withdraw", profile), by, profile)
    profile = type(profile).objects.select_for_update().get(pk=profile.pk)
    profile.require_state(State.SUBMITTED, State.RETURNED, State.APPROVED)
    held = open_tandem_count(profile)
    if held and end_tandems_with:
        if end_tandems_with not in WITHDRAW_END_REASONS:
            raise DomainError(_("Bitte wählen Sie einen Grund."), code="reason")
        tandems = open_tandems_of(profile)
        if not may_end_all(tandems, by):
            raise DomainError(
                _(
                    "Ein Tandem hat noch nicht begonnen; das beendet die Koordination des "
                    "Standorts. Bitte sprechen Sie zuerst mit ihr."
                ),
                code="open_tandems",
            )
        for tandem in tandems:
            tandem_services.end_tandem(tandem=tandem, by=by, reason=end_tandems_with)
    elif held:
        raise DomainError(
            _(
                "Es gibt noch %(n)d offene(s) Tandem(s). Bitte sprechen Sie zuerst mit der "
                "Koordination des Standorts: Sie beendet das Tandem, danach können Sie das Profil "
                "zurückziehen."
            )
            % {"n": held},
            code="open_tandems",
        )
    profile.move_to(State.WITHDRAWN, by=by)
    record(actor=by, verb=PROFILE_WITHDRAWN, target=profile)
    return profile


# --- police certificate --------------------------------------------------------------------


@transaction.atomic
def record_certificate(
    *, mentor: Mentor, by: User, seen_on: datetime.date, issued_on: datetime.date
) -> Mentor:
    """A coordinator saw the mentor's extended police certificate: only the two dates and who
    saw it are kept, never the document."""
    require_perm("mentoring.record_certificate", by, mentor)
    today = timezone.localdate()
    if seen_on > today:
        raise DomainError(_("„Eingesehen am“ liegt in der Zukunft."), code="seen_on")
    if issued_on > seen_on:
        raise DomainError(
            _("Das Zeugnis kann nicht nach dem Tag ausgestellt sein, an dem Sie es sahen."),
            code="issued_on",
        )
    if issued_on <= today - datetime.timedelta(days=CERTIFICATE_DAYS):
        raise DomainError(
            _("Dieses Führungszeugnis ist älter als fünf Jahre und gilt nicht mehr."),
            code="expired",
        )
    mentor = Mentor.objects.select_for_update().get(pk=mentor.pk)
    if mentor.state == State.WITHDRAWN:
        raise DomainError(_("Dieses Profil ist zurückgezogen."), code="withdrawn")
    mentor.certificate_seen_on = seen_on
    mentor.certificate_issued_on = issued_on
    mentor.certificate_seen_by = by
    mentor.save(
        update_fields=[
            "certificate_seen_on",
            "certificate_issued_on",
            "certificate_seen_by",
            "updated_at",
        ]
    )
    record(
        actor=by, verb=CERTIFICATE_RECORDED, target=mentor,
        seen_on=seen_on, issued_on=issued_on,
    )  # fmt: skip
    return mentor
