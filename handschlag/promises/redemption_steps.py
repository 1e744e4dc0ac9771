"""„So geht es weiter“: the road from an accepted application to the published report, with
dates, for the side that looks at it. Derived from the redemption's state and its recorded
state changes only.

The report is due by the promise's deadline ("gültig bis"), but never sooner than
`MIN_DAYS_FOR_REPORT` after the acceptance, so that a promise accepted on its last day still
leaves time to carry out the plan.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Redemption

R = Redemption.State
MIN_DAYS_FOR_REPORT = 28
# the order of the road; DISPUTED sits where the confirmation would be
ROAD = (R.ACCEPTED, R.IN_PROGRESS, R.REPORTED, R.CONFIRMED, R.PUBLISHED)
SHOWN_STATES = (R.ACCEPTED, R.IN_PROGRESS, R.REPORTED, R.DISPUTED, R.CONFIRMED, R.PUBLISHED)


@dataclass(frozen=True)
class RoadStep:
    """`status` is "done", "now" or "later"; `who` names the side that acts."""

    who: str
    text: str
    status: str
    date: datetime.date | None = None
    date_label: str = ""

    @property
    def status_label(self) -> str:
        return {"done": _("erledigt"), "now": _("jetzt"), "later": _("danach")}[self.status]


def _changed_on(redemption: Redemption, state: str) -> datetime.date | None:
    """When the redemption (last) entered `state` (from the prefetched state changes)."""
    dates = [c.at for c in redemption.state_changes.all() if c.to_state == state]
    return timezone.localdate(max(dates)) if dates else None


def report_due(redemption: Redemption) -> datetime.date:
    accepted = _changed_on(redemption, R.ACCEPTED) or timezone.localdate(redemption.created_at)
    return max(redemption.promise.deadline, accepted + datetime.timedelta(days=MIN_DAYS_FOR_REPORT))


def _status(position: int, current: int) -> str:
    """A step that is the work of road position `position`: done once the road moved past."""
    if position < current:
        return "done"
    return "now" if position == current else "later"


def next_steps(redemption: Redemption, *, my_side: str = "") -> list[RoadStep]:
    """The road for a redemption that was accepted; empty before (and after it ended without
    fulfilment). `my_side` ("promiser"/"redeemer") says "Sie" to the side that looks."""
    if redemption.state not in SHOWN_STATES:
        return []
    promise = redemption.promise
    you = _("Sie")
    promiser = you if my_side == "promiser" else promise.promiser_name
    redeemer = you if my_side == "redeemer" else redemption.redeemer_name
    state = R.REPORTED if redemption.state == R.DISPUTED else redemption.state
    current = ROAD.index(state)
    accepted_on = _changed_on(redemption, R.ACCEPTED)
    steps = [
        RoadStep(promiser, _("Bewerbung angenommen"), "done", accepted_on, _("am")),
        RoadStep(
            _("beide Seiten"),
            _(
                "Absprechen: Schreiben Sie sich unten Nachrichten – wann, wo, wer bringt was mit. "
                "Wer mag, tauscht Kontaktdaten aus."
            ),
            "now" if current <= 1 else "done",
        ),
        RoadStep(
            redeemer,
            _("Mit der Umsetzung beginnen und den Plan umsetzen"),
            "now" if current <= 1 else "done",
            _changed_on(redemption, R.IN_PROGRESS),
            _("begonnen am") if current >= 1 else "",
        ),
        RoadStep(
            redeemer,
            _("Den Bericht einreichen (was geschah, mit Foto)"),
            _status(1, current),
            _changed_on(redemption, R.REPORTED) if current >= 2 else report_due(redemption),
            _("eingereicht am") if current >= 2 else _("spätestens bis"),
        ),
        RoadStep(
            promiser,
            _("Den Bericht lesen und die Erfüllung bestätigen")
            if redemption.state != R.DISPUTED
            else _("Beanstandet: Die Moderation entscheidet über die Erfüllung"),
            _status(2, current),
            _changed_on(redemption, R.CONFIRMED) if current >= 3 else None,
            _("bestätigt am") if current >= 3 else "",
        ),
    ]
    if redemption.report_consent or current >= 4:
        steps.append(
            RoadStep(
                _("Moderation"),
                _("Den Bericht prüfen und im Blog veröffentlichen – zum Nachmachen"),
                _status(3, current),
                _changed_on(redemption, R.PUBLISHED) if current >= 4 else None,
                _("veröffentlicht am") if current >= 4 else "",
            )
        )
    return steps
