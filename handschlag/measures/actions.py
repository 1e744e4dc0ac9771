"""What the proposers (or moderators) can do next with a measure: one `available_actions()`
for the measure's page, "Meine Vorschläge" and the tests, and one `next_step()` that says in
words what happens next. Destructive actions come last and open a page that asks first."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Measure


@dataclass(frozen=True)
class Action:
    """`url` takes a POST, or is a link when `link`."""

    key: str
    label: str
    url: str
    style: str = "primary"  # primary | secondary | danger
    link: bool = False


def _url(name: str, measure: Measure) -> str:
    return reverse(f"measures:{name}", args=[measure.slug])


def available_actions(measure: Measure, user: Any) -> list[Action]:
    """The buttons of the measure's page for `user`, primary first, destructive last."""
    actions = []
    if user.has_perm("measures.submit", measure):
        actions.append(Action("submit", _("Zur Prüfung einreichen"), _url("submit", measure)))
    if user.has_perm("measures.publish", measure) and measure.state != Measure.State.DRAFT:
        actions.append(
            Action("review", _("Prüfen und entscheiden"), _url("review", measure), link=True)
        )
    if user.has_perm("measures.edit", measure):
        style = "secondary" if actions else "primary"
        actions.append(Action("edit", _("Bearbeiten"), _url("edit", measure), style, link=True))
        actions.append(
            Action(
                "materials", _("Materialien"), _url("materials", measure), "secondary", link=True
            )
        )
    if user.has_perm("measures.delete", measure):
        actions.append(
            Action("delete", _("Entwurf löschen …"), _url("delete", measure), "danger", link=True)
        )
    return actions


def next_step(measure: Measure, user: Any) -> str:
    """What happens next with a measure that is not (or no longer) in the library, said to the
    people who see it; "" for a published one."""
    if measure.state == Measure.State.DRAFT:
        if measure.moderation_comment:
            return _(
                "Die Moderation hat Ihren Vorschlag mit Anmerkungen zurückgegeben. Überarbeiten "
                "Sie ihn und reichen Sie ihn wieder ein."
            )
        return _(
            "Entwurf: Nur die Admins Ihrer Organisation sehen ihn. Ergänzen Sie Materialien und "
            "reichen Sie ihn zur Prüfung ein, wenn er fertig ist."
        )
    if measure.state == Measure.State.SUBMITTED:
        return _(
            "Eingereicht: Die Moderation prüft den Vorschlag. Sie bekommen Bescheid, sobald er "
            "in der Bibliothek steht oder mit Anmerkungen zurückkommt."
        )
    if measure.state == Measure.State.WITHDRAWN:
        return _("Die Moderation hat diese Maßnahme aus der Bibliothek genommen.")
    return ""
