"""What a person can do next with a promise or a redemption: one `available_actions()` per
state machine, used by the templates (buttons in this order), the API and the tests.

Each action knows its permission and the states it is offered in, so a template never encodes
the state machine itself. Destructive actions come last and carry the consequence in words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Promise, Redemption


@dataclass(frozen=True)
class Action:
    """`url` takes a POST (a link when `link`); `form_template` renders the action with the
    form it needs; `consequence` is said next to a destructive button."""

    key: str
    label: str
    url: str
    style: str = "primary"  # primary | secondary | danger
    link: bool = False
    form_template: str = ""
    consequence: str = ""


@dataclass(frozen=True)
class _Offer:
    key: str
    perm: str
    states: tuple[str, ...]
    build: Callable[[Any], Action]


def _redemption_url(name: str, redemption: Redemption) -> str:
    return reverse(f"promises:{name}", args=[redemption.pk])


R = Redemption.State
REDEMPTION_OFFERS = (
    _Offer("accept", "promises.decide_application", (R.APPLIED,), lambda r: Action(
        "accept", _("Bewerbung annehmen"), _redemption_url("accept", r),
        consequence=_("Der Platz ist dann vergeben; die Einlösenden werden benachrichtigt "
                      "und beginnen mit der Umsetzung."))),
    _Offer("start", "promises.work_on_redemption", (R.ACCEPTED,), lambda r: Action(
        "start", _("Mit der Umsetzung beginnen"), _redemption_url("start", r))),
    _Offer("report", "promises.work_on_redemption", (R.IN_PROGRESS,), lambda r: Action(
        "report", _("Bericht einreichen"), _redemption_url("report", r),
        form_template="promises/actions/report.html")),
    _Offer("confirm", "promises.confirm_fulfilment", (R.REPORTED,), lambda r: Action(
        "confirm", _("Erfüllung bestätigen"), _redemption_url("confirm", r))),
    _Offer("decline", "promises.decide_application", (R.APPLIED,), lambda r: Action(
        "decline", _("Ablehnen"), _redemption_url("decline", r), style="danger",
        form_template="promises/actions/decline.html",
        consequence=_("Die Person bekommt Ihre Begründung."))),
    _Offer("dispute", "promises.confirm_fulfilment", (R.REPORTED,), lambda r: Action(
        "dispute", _("Beanstanden"), _redemption_url("dispute", r), style="danger",
        form_template="promises/actions/dispute.html",
        consequence=_("Die Moderation entscheidet; beide Seiten bekommen die Begründung."))),
    _Offer("withdraw_application", "promises.withdraw_application",
           (R.APPLIED, R.ACCEPTED, R.IN_PROGRESS), lambda r: Action(
        "withdraw_application", _("Bewerbung zurückziehen"),
        _redemption_url("withdraw_application", r), style="danger",
        consequence=_("Ein zugesagter Platz geht an das Versprechen zurück.")
        if r.state in Redemption.HOLDING_STATES else "")),
)  # fmt: skip


def redemption_actions(redemption: Redemption, user: Any) -> list[Action]:
    """The actions `user` may take on `redemption` in its current state, primary first."""
    return [
        offer.build(redemption)
        for offer in REDEMPTION_OFFERS
        if redemption.state in offer.states and user.has_perm(offer.perm, redemption)
    ]


def redemption_status(redemption: Redemption) -> str:
    """What happens next, said to everyone who sees the redemption but has nothing to do."""
    texts: dict[str, str] = {
        R.APPLIED: _("Die Bewerbung wartet auf die Entscheidung der Versprechenden."),
        R.ACCEPTED: _(
            "Angenommen. Jetzt sprechen sich beide Seiten ab; was bis wann ansteht, steht unter "
            "„So geht es weiter“."
        ),
        R.IN_PROGRESS: _("In Umsetzung. Danach reichen die Einlösenden ihren Bericht ein."),
        R.REPORTED: _("Der Bericht wartet auf die Bestätigung der Versprechenden."),
        R.DISPUTED: _("Die Erfüllung wurde beanstandet. Die Moderation entscheidet."),
        R.CONFIRMED: _(
            "Erfüllt! Der Bericht wird von der Moderation geprüft und dann im Blog veröffentlicht."
        )
        if redemption.report_consent
        else _("Erfüllt! Danke."),
        R.PUBLISHED: _("Erfüllt – der Bericht ist im Blog veröffentlicht. Danke!"),
    }
    return texts.get(redemption.state, _("Abgeschlossen."))


def _promise_url(name: str, promise: Promise) -> str:
    return reverse(f"promises:{name}", args=[promise.pk])


def _withdraw_consequence(promise: Promise) -> str:
    waiting = getattr(promise, "waiting_count", None)
    if waiting is None:
        waiting = promise.redemptions.filter(state=Redemption.State.APPLIED).count()
    if not waiting:
        return _("Niemand kann sich danach mehr bewerben.")
    return ngettext(
        "Die offene Bewerbung wird abgelehnt.",
        "Alle %(n)d offenen Bewerbungen werden abgelehnt.",
        waiting,
    ) % {"n": waiting}


P = Promise.State
PROMISE_OFFERS = (
    _Offer("edit", "promises.edit_promise", Promise.EDITABLE_STATES, lambda p: Action(
        "edit", _("Bearbeiten"), _promise_url("edit", p), style="secondary", link=True)),
    _Offer("submit", "promises.edit_promise", Promise.EDITABLE_STATES, lambda p: Action(
        "submit", _("Zur Prüfung einreichen"), _promise_url("submit", p))),
    # Destructive ones open a page that says what happens and asks (views.promise_withdraw).
    _Offer("withdraw", "promises.withdraw_promise", (P.PENDING, P.PUBLISHED), lambda p: Action(
        "withdraw", _("Zurückziehen …"), _promise_url("withdraw", p), style="danger", link=True,
        consequence=_withdraw_consequence(p))),
    _Offer("withdraw", "promises.withdraw_promise", Promise.EDITABLE_STATES, lambda p: Action(
        "withdraw", _("Zurückziehen …"), _promise_url("withdraw", p), style="danger", link=True,
        consequence=_withdraw_consequence(p)) if p.published_at else Action(
        "delete", _("Entwurf löschen …"), _promise_url("delete", p), style="danger", link=True,
        consequence=_("Der Entwurf wird endgültig gelöscht."))),
)  # fmt: skip


def promise_actions(promise: Promise, user: Any) -> list[Action]:
    """The promiser's actions on `promise` in its current state (applying and copying are
    offered to everyone else on the page itself)."""
    return [
        offer.build(promise)
        for offer in PROMISE_OFFERS
        if promise.state in offer.states and user.has_perm(offer.perm, promise)
    ]


# --- the next step, in words: derived from the actions above ----------------------------------


@dataclass(frozen=True)
class Step:
    """What a person should do next (`urgent`: it is theirs to do), or where things stand."""

    text: str
    urgent: bool = False


def _keys(actions: list[Action]) -> set[str]:
    return {action.key for action in actions}


def promise_next_step(promise: Promise, user: Any) -> Step:
    """What `user` should do next about `promise`, from the actions they have on it and on its
    (prefetched) applications: a member who may not decide is told who does, not asked to."""
    if promise.state in Promise.EDITABLE_STATES:
        if "submit" not in _keys(promise_actions(promise, user)):
            return Step(_("Entwurf – die Admins Ihrer Organisation reichen ihn zur Prüfung ein"))
        if promise.state == P.RETURNED:
            return Step(_("Von der Moderation zurückgegeben – bitte überarbeiten"), urgent=True)
        return Step(_("Entwurf – prüfen und zur Prüfung einreichen"), urgent=True)
    if promise.state == P.PENDING:
        return Step(_("Wartet auf die Moderation"))
    redemptions = list(promise.redemptions.all())
    for state, key, mine, theirs in _DECISIONS:
        waiting = [r for r in redemptions if r.state == state]
        if waiting:
            urgent = key in _keys(redemption_actions(waiting[0], user))
            words = mine if urgent else theirs
            return Step(words(len(waiting)) % {"n": len(waiting)}, urgent=urgent)
    return _promise_standing(promise, redemptions)


# (state, the action that decides it, the words when it is yours / when it is someone else's)
_DECISIONS: tuple[tuple[str, str, Callable[[int], str], Callable[[int], str]], ...] = (
    (R.REPORTED, "confirm",
     lambda n: ngettext("Ein Bericht wartet auf Ihre Bestätigung",
                        "%(n)d Berichte warten auf Ihre Bestätigung", n),
     lambda n: ngettext("Ein Bericht wartet auf die Bestätigung der Versprechenden",
                        "%(n)d Berichte warten auf die Bestätigung der Versprechenden", n)),
    (R.APPLIED, "accept",
     lambda n: ngettext("1 neue Bewerbung – bitte entscheiden",
                        "%(n)d neue Bewerbungen – bitte entscheiden", n),
     lambda n: ngettext("1 neue Bewerbung – die Versprechenden entscheiden",
                        "%(n)d neue Bewerbungen – die Versprechenden entscheiden", n)),
)  # fmt: skip


def _promise_standing(promise: Promise, redemptions: list[Redemption]) -> Step:
    """Where a promise stands when nothing waits for a decision."""
    states = [r.state for r in redemptions]
    if R.DISPUTED in states:
        return Step(_("Beanstandet – die Moderation entscheidet"))
    if n := sum(state in (R.ACCEPTED, R.IN_PROGRESS) for state in states):
        text = ngettext(
            "1 Einlösung in Umsetzung – danach kommt der Bericht",
            "%(n)d Einlösungen in Umsetzung – danach kommen die Berichte",
            n,
        )
        return Step(text % {"n": n})
    if promise.state == P.PUBLISHED and promise.is_open:
        return Step(_("Veröffentlicht – wartet auf Bewerbungen"))
    if any(state in Redemption.FULFILLED_STATES for state in states):
        return Step(_("Erfüllt – danke! Der Bericht zeigt anderen, wie es geht."))
    if promise.state == P.PUBLISHED and promise.remaining_capacity == 0:
        return Step(_("Alle Plätze vergeben"))
    return Step(_("Abgeschlossen – nichts mehr zu tun"))


def redemption_next_step(redemption: Redemption, user: Any) -> Step:
    """What `user` should do next about their application: urgent only when the next action
    is theirs (a member of the redeeming organisation is told the same as the applicant)."""
    keys = _keys(redemption_actions(redemption, user))
    if "start" in keys:
        return Step(_("Angenommen – bitte mit der Umsetzung beginnen"), urgent=True)
    if "report" in keys:
        return Step(_("In Umsetzung – danach den Bericht einreichen"), urgent=True)
    steps: dict[str, str] = {
        R.APPLIED: _("Wartet auf die Entscheidung"),
        R.ACCEPTED: _("Angenommen – die Umsetzung beginnt"),
        R.IN_PROGRESS: _("In Umsetzung – danach kommt der Bericht"),
        R.REPORTED: _("Bericht wartet auf die Bestätigung"),
        R.DISPUTED: _("Beanstandet – die Moderation entscheidet"),
        R.CONFIRMED: _("Erfüllt – der Bericht wartet auf die Moderation"),
    }
    return Step(steps.get(redemption.state, _("Abgeschlossen")))
