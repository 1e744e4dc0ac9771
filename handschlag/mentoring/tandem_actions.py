"""What a person can do next with a tandem: one `available_actions()` used by the tandem page
(its buttons, in this order), the sections and the tests, and `next_step()` in words.

Each action knows its permission and the states it is offered in, so a template never encodes
the state machine itself. Destructive actions (pause, end) come last, open a page that asks
first, and carry their consequence in words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import rules
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import checkins
from .models import Tandem
from .tandems import side_of


@dataclass(frozen=True)
class Action:
    """`url` takes a POST, or is a link when `link`; `consequence` is said beside a
    destructive button."""

    key: str
    label: str
    url: str
    style: str = "primary"  # primary | secondary | danger
    link: bool = False
    consequence: str = ""


@dataclass(frozen=True)
class _Offer:
    key: str
    perm: str
    states: tuple[str, ...]
    build: Callable[[Tandem, Any], Action]
    parties_only: bool = False


def _url(name: str, tandem: Tandem) -> str:
    return reverse(f"mentoring:{name}", args=[tandem.pk])


def end_consequence(tandem: Tandem, user: Any) -> str:
    told = (
        _("Beide Seiten werden benachrichtigt.")
        if side_of(tandem, user) is None
        else _("Die andere Seite und die Koordination werden benachrichtigt.")
    )
    place = _("Der Platz der Mentorin oder des Mentors wird wieder frei.") if tandem.mentor else ""
    final = _("Das lässt sich nicht rückgängig machen.")
    return " ".join(part for part in (told, place, final) if part)


PAUSE_CONSEQUENCE = _(
    "Während der Pause kommen keine monatlichen Fragen und keine Hinweise auf fehlenden "
    "Kontakt. Beide Seiten werden benachrichtigt."
)

S = Tandem.State
OPEN = (S.ACTIVE, S.PAUSED)
OFFERS = (
    _Offer("activate", "mentoring.manage_tandem", (S.PROPOSED,), lambda t, u: Action(
        "activate", _("Das Kennenlernen hat stattgefunden"), _url("tandem_activate", t),
        link=True)),
    _Offer("resume", "mentoring.manage_tandem", (S.PAUSED,), lambda t, u: Action(
        "resume", _("Tandem fortsetzen"), _url("tandem_resume", t))),
    _Offer("log_meeting", "mentoring.log_meeting", OPEN, lambda t, u: Action(
        "log_meeting", _("Treffen eintragen"), _url("meeting_log", t), link=True)),
    _Offer("checkin", "mentoring.view_tandem", OPEN, lambda t, u: Action(
        "checkin", _("„Wie läuft es?“ beantworten"),
        checkins.link(t, side_of(t, u) or ""), style="secondary", link=True),
        parties_only=True),
    _Offer("report_problem", "mentoring.report_problem", OPEN, lambda t, u: Action(
        "report_problem", _("Problem an die Koordination melden"),
        _url("problem_report", t), style="secondary", link=True)),
    _Offer("pause", "mentoring.manage_tandem", (S.ACTIVE,), lambda t, u: Action(
        "pause", _("Pausieren …"), _url("tandem_pause", t), style="secondary", link=True,
        consequence=PAUSE_CONSEQUENCE)),
    _Offer("end", "mentoring.end_tandem", Tandem.HOLDING, lambda t, u: Action(
        "end", _("Tandem beenden …"), _url("tandem_end", t), style="danger", link=True,
        consequence=end_consequence(t, u))),
)  # fmt: skip


def available_actions(tandem: Tandem, user: Any) -> list[Action]:
    """The actions `user` may take on `tandem` in its state, primary first."""
    return [
        offer.build(tandem, user)
        for offer in OFFERS
        if tandem.state in offer.states
        and rules.has_perm(offer.perm, user, tandem)
        and (not offer.parties_only or side_of(tandem, user) is not None)
    ]


def next_step(tandem: Tandem, user: Any) -> str:
    """What happens next, said to the person looking."""
    party = side_of(tandem, user) is not None
    if tandem.state == S.PROPOSED:
        if party:
            return _(
                "Die Koordination verabredet mit Ihnen ein erstes Treffen zum Kennenlernen. "
                "Danach beginnt das Tandem."
            )
        return _(
            "Vorgeschlagen. Verabreden Sie ein erstes Treffen zum Kennenlernen; danach "
            "tragen Sie hier ein, dass es stattgefunden hat – erst dann zählt das Tandem als "
            "begonnen."
        )
    if tandem.state == S.ACTIVE:
        if party:
            return _(
                "Tragen Sie Ihre Treffen ein; einmal im Monat fragen wir kurz, wie es läuft. "
                "Wenn etwas nicht stimmt, melden Sie es der Koordination – nur sie sieht die "
                "Meldung."
            )
        return _(
            "Aktiv. Sie bekommen Bescheid, wenn %(weeks)s Wochen lang weder ein Treffen "
            "eingetragen noch die monatliche Frage beantwortet wird."
        ) % {"weeks": tandem.site.carrier.programme.inactivity_weeks}
    if tandem.state == S.PAUSED:
        return _("Pausiert. Wenn es weitergeht, setzt die Koordination das Tandem fort.")
    when = date_format(tandem.ended_on) if tandem.ended_on else ""
    return _("Beendet am %(date)s. Grund: %(reason)s.") % {
        "date": when,
        "reason": tandem.get_end_reason_display(),  # type: ignore[attr-defined]
    }
