"""What the action plan notifies about, and who hears it.

Texts are rendered in each reader's language when shown or mailed. Parameters: "item" (the
item's title), "town" (the municipality's name), "due" (an ISO date, may be empty), "by" (the
public name of whoever handed the item over).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handschlag.notifications.registry import NotificationKind

ACTION_PLAN = gettext_lazy("Handlungsplan")


def _due(p: dict[str, str]) -> str:
    return _(" Fällig am %(due)s.") % {"due": p["due"]} if p.get("due") else ""


ITEM_ASSIGNED = NotificationKind(
    key="assessment.plan_item_assigned",
    group=ACTION_PLAN,
    label=gettext_lazy("Ihnen wird ein Vorhaben im Handlungsplan übertragen"),
    title=lambda p: _("Sie sind verantwortlich für „%(item)s“") % p,
    body=lambda p: (
        _(
            "%(by)s hat Ihnen im Handlungsplan von %(town)s das Vorhaben „%(item)s“ "
            "übertragen.%(due)s Tragen Sie dort den Fortschritt ein und haken Sie "
            "Meilensteine ab, sobald sie erreicht sind."
        )
        % {"by": p["by"], "town": p["town"], "item": p["item"], "due": _due(p)}
    ),
    date_params=frozenset({"due"}),
)
ITEM_OVERDUE = NotificationKind(
    key="assessment.plan_item_overdue",
    group=ACTION_PLAN,
    label=gettext_lazy("Ein Vorhaben, für das Sie verantwortlich sind, ist überfällig"),
    title=lambda p: _("„%(item)s“ ist überfällig") % p,
    body=lambda p: (
        _(
            "Das Vorhaben „%(item)s“ im Handlungsplan von %(town)s war am %(due)s fällig und "
            "ist noch nicht erledigt. Tragen Sie den Stand ein, markieren Sie es als erledigt "
            "oder vereinbaren Sie mit der Koordination eine neue Frist."
        )
        % p
    ),
    date_params=frozenset({"due"}),
)

KINDS = (ITEM_ASSIGNED, ITEM_OVERDUE)
