"""What tandem life notifies about, and who hears it.

Texts are rendered in each reader's language when shown or mailed (a mentee without account
gets mail in `Mentee.language`). Parameters: "tandem" (its id, so erasing a person can find
and scrub the notifications about them), "partner" (the other side's first name or public
name, only ever sent to the tandem's own parties; empty once that person's data is erased),
"site" (the site's name), "reason" (an EndReason code), "by" (mentor | mentee | coordinator |
erased), "weeks", "month" (an ISO date, the first of the month), "phase" (start | end).

Coordinators' notifications carry no names at all: "Tandem Nr. 42 in Musterstadt" and a link,
so nothing personal sits in their inboxes after a person's data is erased.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handschlag.notifications.registry import NotificationKind

from . import access

if TYPE_CHECKING:
    from .models import Site, Tandem

MY_TANDEMS = gettext_lazy("Meine Tandems")
COORDINATING = gettext_lazy("Koordination von Tandems")


def _month(p: dict[str, str]) -> str:
    try:
        return date_format(datetime.date.fromisoformat(p["month"]), "F Y")
    except (KeyError, ValueError):
        return ""


def _reason(p: dict[str, str]) -> str:
    from .models import Tandem

    try:
        return str(Tandem.EndReason(p.get("reason", "")).label)
    except ValueError:
        return p.get("reason", "")


def _by(p: dict[str, str]) -> str:
    return {
        "mentor": _("von der Mentorin oder dem Mentor"),
        "mentee": _("von der begleiteten Person"),
        "coordinator": _("von der Koordination"),
        "erased": _("weil eine Person ihre Daten gelöscht hat"),
    }.get(p.get("by", ""), "")


CHECKIN_INVITATION = NotificationKind(
    key="mentoring.checkin_invitation",
    group=MY_TANDEMS,
    label=gettext_lazy("Monatliche Frage „Wie läuft es?“"),
    title=lambda p: (
        _("Wie läuft es mit %(partner)s?") % {"partner": p["partner"]}
        if p.get("partner")
        else _("Wie läuft es in Ihrem Tandem?")
    ),
    body=lambda p: (
        _(
            "Eine kurze Frage für %(month)s: Ein Tipp genügt – gut, geht so oder schwierig. So "
            "weiß die Koordination, ob alles in Ordnung ist. Sie brauchen dafür keine Anmeldung."
        )
        % {"month": _month(p)}
    ),
)
SURVEY_INVITATION = NotificationKind(
    key="mentoring.survey_invitation",
    group=MY_TANDEMS,
    label=gettext_lazy("Kurze Umfrage zu Beginn und am Ende eines Tandems"),
    title=lambda p: (
        _("Ihr Tandem hat begonnen: Haben Sie drei Minuten für eine kurze Umfrage?")
        if p.get("phase") == "start"
        else _("Ihr Tandem ist beendet: Wie war es?")
    ),
    body=lambda p: _(
        "Die Umfrage ist anonym: Ihre Antworten werden ohne Ihren Namen gespeichert und nur "
        "zusammengefasst gezeigt, wenn mindestens fünf Personen geantwortet haben."
    ),
)
TANDEM_PAUSED = NotificationKind(
    key="mentoring.tandem_paused",
    group=MY_TANDEMS,
    label=gettext_lazy("Ein Tandem wird pausiert oder fortgesetzt"),
    title=lambda p: (
        _("Das Tandem mit %(partner)s ruht vorerst") % p
        if p.get("partner")
        else _("Ihr Tandem ruht vorerst")
    ),
    body=lambda p: _(
        "Die Koordination hat das Tandem pausiert. Sie bekommen Bescheid, wenn es weitergeht."
    ),
)
TANDEM_RESUMED = NotificationKind(
    key="mentoring.tandem_resumed",
    group=MY_TANDEMS,
    label=gettext_lazy("Ein Tandem geht nach einer Pause weiter"),
    title=lambda p: (
        _("Das Tandem mit %(partner)s geht weiter") % p
        if p.get("partner")
        else _("Ihr Tandem geht weiter")
    ),
)
TANDEM_ENDED = NotificationKind(
    key="mentoring.tandem_ended",
    group=MY_TANDEMS,
    label=gettext_lazy("Ein Tandem ist beendet"),
    title=lambda p: (
        _("Das Tandem mit %(partner)s ist beendet") % {"partner": p["partner"]}
        if p.get("partner")
        else _("Ihr Tandem ist beendet")
    ),
    body=lambda p: (
        _("Grund: %(reason)s. Bei Fragen hilft Ihnen die Koordination gern.")
        % {"reason": _reason(p)}
    ),
)
COORDINATION_TANDEM_ENDED = NotificationKind(
    key="mentoring.coordination_tandem_ended",
    group=COORDINATING,
    label=gettext_lazy("Eine Seite hat ihr Tandem beendet"),
    title=lambda p: _("Tandem Nr. %(tandem)s in %(site)s wurde beendet") % p,
    body=lambda p: _("Beendet %(by)s. Grund: %(reason)s.") % {"by": _by(p), "reason": _reason(p)},
)
PROBLEM_REPORTED = NotificationKind(
    key="mentoring.problem_reported",
    group=COORDINATING,
    label=gettext_lazy("Ein Problem in einem Tandem wurde gemeldet"),
    title=lambda p: _("Problem gemeldet: Tandem Nr. %(tandem)s in %(site)s") % p,
    body=lambda p: (
        _(
            "Gemeldet %(by)s. Die Meldung sehen nur Sie und die anderen Koordinator:innen – "
            "bitte melden Sie sich bei der Person."
        )
        % {"by": _by(p)}
    ),
)
TANDEM_INACTIVE = NotificationKind(
    key="mentoring.tandem_inactive",
    group=COORDINATING,
    label=gettext_lazy("Ein Tandem hat länger keinen Kontakt gemeldet"),
    title=lambda p: _("Tandem Nr. %(tandem)s in %(site)s: seit %(weeks)s Wochen kein Kontakt") % p,
    body=lambda p: (
        _(
            "Seit %(weeks)s Wochen wurde weder ein Treffen eingetragen noch die Frage „Wie läuft "
            "es?“ beantwortet. Vielleicht fragen Sie einmal nach."
        )
        % p
    ),
)

KINDS = (
    CHECKIN_INVITATION,
    SURVEY_INVITATION,
    TANDEM_PAUSED,
    TANDEM_RESUMED,
    TANDEM_ENDED,
    COORDINATION_TANDEM_ENDED,
    PROBLEM_REPORTED,
    TANDEM_INACTIVE,
)


def coordinators_of(site: Site) -> list[Any]:
    """The people to tell about a site's tandems: its site coordinators; if it has none (yet),
    the carrier's coordinators, so that a message never goes nowhere. Grants count only in the
    carrier's organisation (as in access.py)."""
    from django.contrib.contenttypes.models import ContentType

    from handschlag.accounts.models import User

    from .models import Carrier, Site

    types = ContentType.objects.get_for_models(Site, Carrier)
    organisation_id = site.carrier.organisation_id
    for role, scope_type, scope_id in (
        (access.SITE_COORDINATOR, types[Site], site.pk),
        (access.CARRIER_COORDINATOR, types[Carrier], site.carrier_id),
    ):
        people = list(
            User.objects.filter(
                Q(
                    memberships__grants__role=role,
                    memberships__grants__scope_type=scope_type,
                    memberships__grants__scope_id=scope_id,
                    memberships__organisation_id=organisation_id,
                ),
                is_active=True,
            )
            .distinct()
            .order_by("pk")
        )
        if people:
            return people
    return []


def coordination_params(tandem: Tandem, **more: str) -> dict[str, str]:
    return {"tandem": str(tandem.pk), "site": tandem.site.name, **more}


def party_target(tandem: Tandem, side: str) -> Any | None:
    """How to reach one side of a tandem: the account if there is one, else (a mentee without
    account) their email address in their language, else nobody (the coordination sees that
    this person can only be reached through them)."""
    from handschlag.notifications.recipients import address

    if side == "mentor":
        mentor = tandem.mentor
        return mentor.user if mentor is not None and mentor.user.is_active else None
    mentee = tandem.mentee
    if mentee is None:
        return None
    if mentee.user is not None and mentee.user.is_active:
        return mentee.user
    if mentee.email:
        return address(mentee.email, language=mentee.language)
    return None


def partner_name(tandem: Tandem, side: str) -> str:
    """The other side's name as `side` may see it: the mentee's first name, the mentor's
    public name (first name and initial)."""
    if side == "mentor":
        return tandem.mentee.first_name if tandem.mentee is not None else ""
    return tandem.mentor.display_name if tandem.mentor is not None else ""


def tell_parties(
    tandem: Tandem,
    *,
    kind: NotificationKind,
    sides: tuple[str, ...] = ("mentor", "mentee"),
    url: dict[str, str] | None = None,
    partner: str | None = None,
    **params: str,
) -> int:
    """Notify the given sides of the tandem that can be reached; returns how many were.
    `partner` overrides the other side's name (empty: not named)."""
    from handschlag.notifications.services import notify

    told = 0
    for side in sides:
        target = party_target(tandem, side)
        if target is None:
            continue
        notify(
            to=target,
            kind=kind.key,
            params={
                "tandem": str(tandem.pk),
                "partner": partner_name(tandem, side) if partner is None else partner,
                **params,
            },
            url=(url or {}).get(side, ""),
        )
        told += 1
    return told


def tell_coordinators(tandem: Tandem, *, kind: NotificationKind, **params: str) -> None:
    from handschlag.notifications.services import notify

    people = coordinators_of(tandem.site)
    if people:
        notify(
            to=people,
            kind=kind.key,
            params=coordination_params(tandem, **params),
            url=tandem.get_absolute_url(),
        )
