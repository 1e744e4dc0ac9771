"""A proposal's reasons: stored as data by the matching, put into words for each reader.

    {"category": "equipment", "km": 12.4, "remaining": 5, "quantity": 10, "unit": "Laptops",
     "unit_singular": "Laptop", "deadline": "2026-12-31", "needed": 5}

gives "gleiche Kategorie · 12 km · 5 von 10 Laptops frei · gültig bis 31.12.2026". A proposal
made by answering a need ("Ich kann das versprechen") carries {"answer": true}.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from handschlag.core.units import amount


def reason_parts(reasons: dict[str, Any]) -> list[str]:
    """The reasons as short phrases in the active language, most important first."""
    parts: list[str] = []
    if reasons.get("answer"):
        parts.append(_("als Antwort auf diesen Bedarf versprochen"))
    if reasons.get("category"):
        parts.append(_("gleiche Kategorie"))
    km = reasons.get("km")
    if km is None and "km" in reasons:
        parts.append(_("bundesweites Versprechen"))
    elif km is not None:
        parts.append(_("am selben Ort") if km < 1 else _("%(km)s km entfernt") % {"km": round(km)})
    if "remaining" in reasons and "quantity" in reasons:
        remaining, total = int(reasons["remaining"]), int(reasons["quantity"])
        # reasons stored before the singular existed have none: amount() knows the pairs
        of_total = amount(
            total, reasons.get("unit_singular") or "", reasons.get("unit") or "", dative=True
        )
        parts.append(
            ngettext("%(left)s von %(total)s frei", "%(left)s von %(total)s frei", remaining)
            % {"left": remaining, "total": of_total}
        )
    if reasons.get("deadline"):
        deadline = datetime.date.fromisoformat(reasons["deadline"])
        parts.append(
            _("gültig bis %(date)s") % {"date": date_format(deadline, "SHORT_DATE_FORMAT")}
        )
    return parts


def reason_text(reasons: dict[str, Any]) -> str:
    return " · ".join(reason_parts(reasons))
