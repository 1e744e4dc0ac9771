"""Reads for the organiser's side: the participant list, access needs added up, the door count.
Each runs a fixed number of queries, however many people registered."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils.translation import get_language_info, ngettext
from django.utils.translation import gettext as _

from .models import Event, Registration

State = Registration.State
# Who is expected at the door (and whose needs the team prepares for).
COMING_STATES = (State.CONFIRMED, State.OFFERED, State.ATTENDED)
DOOR_STATES = (State.CONFIRMED, State.ATTENDED, State.NO_SHOW)
# The participant page: groups in this order, each with its heading.
GROUPS = (
    (State.ATTENDED, State.CONFIRMED, State.NO_SHOW),
    (State.OFFERED, State.WAITING),
    (State.REQUESTED,),
    (State.EXPIRED, State.CANCELLED, State.CANCELLED_BY_ORGANISER),
)


def language_name(code: str) -> str:
    """ "Arabisch" for "ar" in the reader's language; the code itself if Django does not know it."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


@dataclass
class AccessNeeds:
    """The access needs of everyone coming, added up (in places: a group of three that asked
    for Arabic needs interpreting for three)."""

    interpreting: list[tuple[str, int]] = field(default_factory=list)  # (language name, places)
    children: int = 0
    step_free: int = 0
    other: list[tuple[str, str]] = field(default_factory=list)  # (name, text)

    def phrases(self) -> list[str]:
        """ "3 × Verdolmetschung Arabisch", "2 Kinder in Betreuung", "1 × stufenloser Zugang"."""
        items = [
            _("%(count)d × Verdolmetschung %(language)s") % {"count": n, "language": name}
            for name, n in self.interpreting
        ]
        if self.children:
            items.append(
                ngettext(
                    "%(count)d Kind in Betreuung", "%(count)d Kinder in Betreuung", self.children
                )
                % {"count": self.children}
            )
        if self.step_free:
            items.append(_("%(count)d × stufenloser Zugang") % {"count": self.step_free})
        if self.other:
            items.append(
                ngettext(
                    "%(count)d weiterer Wunsch (siehe Liste)",
                    "%(count)d weitere Wünsche (siehe Liste)",
                    len(self.other),
                )
                % {"count": len(self.other)}
            )
        return items

    def __bool__(self) -> bool:
        return bool(self.interpreting or self.children or self.step_free or self.other)


def access_needs(registrations: list[Registration]) -> AccessNeeds:
    coming = [r for r in registrations if r.state in COMING_STATES]
    languages: Counter[str] = Counter()
    for registration in coming:
        if registration.interpreter_language:
            languages[registration.interpreter_language] += registration.places
    return AccessNeeds(
        interpreting=sorted(
            ((language_name(code), n) for code, n in languages.items()), key=lambda x: (-x[1], x[0])
        ),
        children=sum(r.childcare for r in coming),
        step_free=sum(r.places for r in coming if r.step_free),
        other=[(r.display_name, r.other_needs) for r in coming if r.other_needs.strip()],
    )


def registrations(event: Event) -> list[Registration]:
    """Every registration of the event with its person, by name."""
    rows = list(event.registrations.select_related("user"))
    rows.sort(key=lambda r: (r.display_name.casefold(), r.pk))
    return rows


def grouped(rows: list[Registration]) -> list[tuple[str, list[Registration]]]:
    headings = (
        _("Angemeldet"),
        _("Warteliste"),
        _("E-Mail-Bestätigung ausstehend"),
        _("Abgemeldet und abgesagt"),
    )
    return [
        (str(heading), [r for r in rows if r.state in states])
        for heading, states in zip(headings, GROUPS, strict=True)
    ]


@dataclass(frozen=True)
class Counts:
    present: int  # places checked in
    expected: int  # places that should come (confirmed, attended, no-show)
    waiting: int  # places on the waiting list (incl. open offers)
    registrations: int  # registrations holding places

    @property
    def line(self) -> str:
        return _("%(present)d von %(expected)d da") % {
            "present": self.present,
            "expected": self.expected,
        }


def counts(event: Event) -> Counts:
    """One query: the numbers the door and the organiser box show."""
    totals = event.registrations.aggregate(
        present=Sum("places", filter=Q(state=State.ATTENDED)),
        expected=Sum("places", filter=Q(state__in=DOOR_STATES)),
        waiting=Sum("places", filter=Q(state__in=(State.WAITING, State.OFFERED))),
        registrations=Count("pk", filter=Q(state__in=Registration.HOLDING_STATES)),
    )
    return Counts(**{key: value or 0 for key, value in totals.items()})


def door_list(event: Event) -> list[Registration]:
    """The people to tick off at the door, by name."""
    return [r for r in registrations(event) if r.state in DOOR_STATES]
