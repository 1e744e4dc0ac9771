"""Writes of joining for mentees, and the site's own settings.

A mentee is registered by a coordinator of the site (who confirms that the person consented,
or their guardian for a minor) or registers on a short form, with or without an account.
Either way the consent's text version and time are recorded. Decisions and withdrawal are the
same as for mentors (joining.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handschlag.audit.services import record
from handschlag.core.errors import DomainError

from . import consent
from .joining import (
    PROFILE_UPDATED,
    apply_fields,
    check_profile_data,
    notify_coordinators,
    require_perm,
    resubmit_if_owner,
)
from .models import MINOR_AGE_GROUPS, AgeGroup, Mentee, Site

if TYPE_CHECKING:
    from handschlag.accounts.models import User

MENTEE_REGISTERED = "mentoring.register_mentee"
MENTEE_SELF_REGISTERED = "mentoring.self_register_mentee"
SITE_UPDATED = "mentoring.update_site"

State = Mentee.State

MENTEE_FIELDS = (
    "first_name",
    "age_group",
    "languages",
    "municipality",
    "max_km",
    "online",
    "availability",
    "kinds",
    "gender",
    "partner_genders",
    "wishes",
    "email",
    "phone",
    "language",
)
# what a mentee with an account may change themselves (the rest is the coordination's)
OWN_FIELDS = (
    "first_name",
    "languages",
    "municipality",
    "max_km",
    "online",
    "availability",
    "kinds",
    "partner_genders",
    "wishes",
    "email",
    "phone",
    "language",
)


def _check(site: Site, data: Mapping[str, Any]) -> None:
    check_profile_data(site, data)
    if "first_name" in data and not (data["first_name"] or "").strip():
        raise DomainError(_("Bitte nennen Sie einen Vornamen oder Rufnamen."), code="first_name")
    if "age_group" in data and data["age_group"] not in AgeGroup.values:
        raise DomainError(_("Unbekannte Altersgruppe."), code="age_group")
    if "language" in data and data["language"] not in dict(settings.LANGUAGES):
        raise DomainError(_("Diese Sprache für Nachrichten gibt es nicht."), code="language")


def _check_consent(data: Mapping[str, Any], *, consented: bool, by_guardian: bool) -> None:
    if not consented:
        raise DomainError(
            _("Ohne Einwilligung können wir die Angaben nicht speichern."), code="consent"
        )
    if data.get("age_group") in MINOR_AGE_GROUPS and not by_guardian:
        raise DomainError(
            _("Für Kinder und Jugendliche willigen die Erziehungsberechtigten ein."),
            code="guardian",
        )


def _new_mentee(site: Site, data: Mapping[str, Any], **fields: Any) -> Mentee:
    values = {name: data[name] for name in MENTEE_FIELDS if name in data}
    return Mentee.objects.create(
        site=site,
        consent_version=consent.CURRENT,
        consent_given_at=timezone.now(),
        **values,
        **fields,
    )


@transaction.atomic
def register_mentee(
    *, site: Site, by: User, data: Mapping[str, Any], consented: bool, by_guardian: bool = False
) -> Mentee:
    """A coordinator of the site registers a mentee who consented (to the current text). The
    coordination decided already, so the profile is approved at once."""
    require_perm("mentoring.register_mentee", by, site)
    if not site.is_open:
        raise DomainError(
            _("Dieser Standort ist deaktiviert und nimmt keine Anmeldungen an."), code="closed"
        )
    _check(site, data)
    _check_consent(data, consented=consented, by_guardian=by_guardian)
    mentee = _new_mentee(
        site,
        data,
        state=State.APPROVED,
        source=Mentee.Source.COORDINATOR,
        registered_by=by,
        consent_by_guardian=by_guardian,
    )
    mentee.record_arrival(from_state=State.SUBMITTED, by=by)
    record(actor=by, verb=MENTEE_REGISTERED, target=mentee, consent_version=consent.CURRENT)
    return mentee


@transaction.atomic
def self_register_mentee(
    *,
    site: Site,
    by: Any,
    data: Mapping[str, Any],
    consented: bool,
    by_guardian: bool = False,
) -> Mentee:
    """A person registers themselves (or, as guardian, a child) on the short form — with an
    account (`by` is the user; the profile becomes theirs) or without (`by` is anonymous).
    The coordination decides and is told."""
    require_perm("mentoring.register_as_mentee", by, site)
    _check(site, data)
    _check_consent(data, consented=consented, by_guardian=by_guardian)
    user = by if getattr(by, "is_authenticated", False) else None
    if (
        user is not None
        and Mentee.objects.filter(site=site, user=user).exclude(state=State.WITHDRAWN).exists()
    ):
        raise DomainError(_("Sie sind hier bereits angemeldet."), code="exists")
    mentee = _new_mentee(
        site,
        data,
        user=user,
        state=State.SUBMITTED,
        source=Mentee.Source.SELF,
        consent_by_guardian=by_guardian,
    )
    mentee.record_arrival(from_state="", by=user)
    record(actor=user, verb=MENTEE_SELF_REGISTERED, target=mentee, consent_version=consent.CURRENT)
    notify_coordinators(mentee)
    return mentee


@transaction.atomic
def update_mentee(*, mentee: Mentee, by: User, data: Mapping[str, Any]) -> Mentee:
    """A coordinator changes any field; the mentee (with an account) their own. A returned
    profile that its mentee changes is submitted again."""
    require_perm("mentoring.edit_mentee", by, mentee)
    mentee = (
        Mentee.objects.select_for_update()
        .select_related("site__carrier__programme")
        .get(pk=mentee.pk)
    )
    if mentee.state == State.WITHDRAWN:
        raise DomainError(_("Dieses Profil ist zurückgezogen."), code="withdrawn")
    coordinating = by.has_perm("mentoring.decide_profile", mentee)
    allowed = MENTEE_FIELDS if coordinating else OWN_FIELDS
    _check(mentee.site, data)
    changed = apply_fields(mentee, data, allowed)
    if changed:
        mentee.save(update_fields=[*changed, "updated_at"])
        record(actor=by, verb=PROFILE_UPDATED, target=mentee, fields=sorted(changed))
    resubmit_if_owner(mentee, by)
    return mentee


@transaction.atomic
def update_site(
    *,
    site: Site,
    by: User,
    contact_email: str,
    contact_phone: str,
    accepts_registrations: bool,
    response_days: int = 14,
) -> Site:
    """A coordinator sets how the site is reached and whether it takes registrations."""
    require_perm("mentoring.edit_site", by, site)
    site = Site.objects.select_for_update().get(pk=site.pk)
    site.contact_email = (contact_email or "").strip()
    site.contact_phone = (contact_phone or "").strip()[:40]
    site.accepts_registrations = bool(accepts_registrations)
    site.response_days = max(1, min(int(response_days), 60))
    site.save(
        update_fields=[
            "contact_email", "contact_phone", "accepts_registrations", "response_days",
            "updated_at",
        ]
    )  # fmt: skip
    record(
        actor=by, verb=SITE_UPDATED, target=site,
        accepts_registrations=site.accepts_registrations,
    )  # fmt: skip
    return site
