"""What the organiser (or a moderator) can do next with an event: one `available_actions()`
used by the event page (its buttons, in this order), the "mine" page and the tests, and one
`next_step()` that says in words what happens next.

Each action knows its permission and the states it is offered in, so a template never encodes
the state machine itself. Destructive actions come last, open a page that asks first, and
carry their consequence in words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Audience, Event


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
    build: Callable[[Event], Action]


def _url(name: str, event: Event) -> str:
    return reverse(f"events:{name}", args=[event.pk])


def _submit_label(event: Event) -> str:
    if event.audience == Audience.MEMBERS:
        return _("Für die Mitglieder veröffentlichen")
    return _("Zur Prüfung einreichen")


def cancel_consequence(count: int) -> str:
    """What a cancellation does, with the number of active registrations."""
    if not count:
        return _(
            "Bisher hat sich niemand angemeldet. Die Veranstaltung wird als abgesagt angezeigt."
        )
    return ngettext(
        "Die eine angemeldete Person wird benachrichtigt.",
        "Alle %(n)d Angemeldeten werden benachrichtigt.",
        count,
    ) % {"n": count}


def _active_count(event: Event) -> int:
    count = getattr(event, "active_registrations", None)
    if count is None:
        count = event.registrations.active().count()
    return int(count)


S = Event.State
OFFERS = (
    _Offer("submit", "events.edit_event", (S.DRAFT, S.RETURNED), lambda e: Action(
        "submit", _submit_label(e), _url("submit", e))),
    _Offer("edit", "events.edit_event", Event.EDITABLE_STATES, lambda e: Action(
        "edit", _("Bearbeiten"), _url("edit", e), style="secondary", link=True)),
    _Offer("retract", "events.edit_event", (S.PENDING,), lambda e: Action(
        "retract", _("Zurückholen und bearbeiten"), _url("retract", e), style="secondary")),
    _Offer("review", "events.review_event", (S.PENDING,), lambda e: Action(
        "review", _("Prüfen"), _url("review", e), link=True)),
    _Offer("cancel", "events.cancel_event", (S.PUBLISHED,), lambda e: Action(
        "cancel", _("Absagen …"), _url("cancel", e), style="danger", link=True,
        consequence=cancel_consequence(_active_count(e)))),
)  # fmt: skip


def available_actions(event: Event, user: Any) -> list[Action]:
    """The actions `user` may take on `event` in its current state, primary first.
    Nothing once it is over (registering is offered to everyone on the page itself)."""
    if event.state in (S.PUBLISHED,) and event.is_past:
        return []
    return [
        offer.build(event)
        for offer in OFFERS
        if event.state in offer.states and user.has_perm(offer.perm, event)
    ]


def next_step(event: Event) -> str:
    """What happens next, said to the organisers."""
    members_only = event.audience == Audience.MEMBERS
    texts: dict[str, str] = {
        S.DRAFT: _(
            "Entwurf. Wenn alles stimmt, veröffentlichen Sie die Veranstaltung für Ihre Mitglieder."
        )
        if members_only
        else _(
            "Entwurf. Wenn alles stimmt, reichen Sie die Veranstaltung ein; die Moderation "
            "prüft sie, meist innerhalb eines Werktags."
        ),
        S.PENDING: _(
            "Die Moderation prüft die Veranstaltung. Danach ist sie öffentlich und man kann "
            "sich anmelden; Sie bekommen Bescheid. Um noch etwas zu ändern, holen Sie sie zurück."
        ),
        S.RETURNED: _(
            "Die Moderation hat die Veranstaltung zurückgegeben. Bitte überarbeiten Sie sie "
            "und reichen Sie sie erneut ein."
        ),
        S.PUBLISHED: _("Veröffentlicht. Man kann sich anmelden, solange die Anmeldung offen ist."),
        S.CANCELLED: _("Abgesagt. Alle Angemeldeten wurden benachrichtigt."),
        S.CLOSED: _("Abgeschlossen."),
    }
    if event.state == S.PUBLISHED and event.is_past:
        return _("Die Veranstaltung ist vorbei.")
    return texts.get(event.state, "")


def change_consequence(event: Event) -> str:
    """Said on the form of a published event that people registered for."""
    count = _active_count(event) if event.state == S.PUBLISHED else 0
    if not count:
        return ""
    return ngettext(
        "Ändern Sie Zeit oder Ort, wird die angemeldete Person benachrichtigt.",
        "Ändern Sie Zeit oder Ort, werden alle %(n)d Angemeldeten benachrichtigt.",
        count,
    ) % {"n": count}
