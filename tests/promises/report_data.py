"""A complete report, for tests that need one: as service content and as form data."""

from __future__ import annotations

import dataclasses
from typing import Any

from handschlag.promises.services import ReportContent

CONTENT = ReportContent(
    title="Zwölf Kinder, zehn Tablets",
    lead="Ein Halbjahr Deutschlernen mit Tablets in der Willkommensklasse.",
    happened="Zwölf Kinder lernen jetzt zweimal pro Woche mit den Tablets.",
    worked="Feste Tandems aus einem älteren und einem jüngeren Kind.",
    differently="Früher mit der Schul-IT sprechen, damit das WLAN freigeschaltet ist.",
    advice="Fragen Sie ein örtliches Unternehmen direkt.",
)


def content(**changes: str) -> ReportContent:
    return dataclasses.replace(CONTENT, **changes)


def form_data(**changes: Any) -> dict[str, Any]:
    """The report form's POST data for "Bericht einreichen" (with consent)."""
    data: dict[str, Any] = dataclasses.asdict(CONTENT) | {"consent": "on", "action": "send"}
    data.update(changes)
    return data
