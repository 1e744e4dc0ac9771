"""An offer's history as editors read it: who changed what, when, from what to what. The audit
log stores values language-neutrally (codes, ISO dates, weekday numbers); they are put into
words here, in the reader's language, at display time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from handschlag.audit.models import AuditEntry
from handschlag.core.languages import language_name

from .models import Accessibility, Cost, Offer, Provider, Topic, Weekday

EXTRA_LABELS = {
    "topics": lambda: _("Themen"),
    "languages": lambda: _("Sprachen"),
    "locations": lambda: _("Orte"),
    "hours": lambda: _("Öffnungszeiten"),
    "exceptions": lambda: _("Abweichende Tage"),
    "by_appointment": lambda: _("nur mit Termin"),
    "provider": lambda: _("Anbieter"),
}


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


def offer_entries(offer: Offer) -> QuerySet[AuditEntry]:
    """Everything recorded about the offer, newest first (one query per page)."""
    return (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Offer), object_id=offer.pk
        )
        .select_related("actor")
        .order_by("-at", "-pk")
    )


def _label(key: str) -> str:
    base, _sep, place = key.partition(":")
    if base in EXTRA_LABELS:
        label = EXTRA_LABELS[base]()
    else:
        try:
            label = str(getattr(Offer._meta.get_field(base), "verbose_name", base))
        except Exception:  # a field that no longer exists: its name
            label = base
    return f"{label} ({place})" if place else label


def _moment(value: str) -> str:
    """An ISO date or moment of the log in words, a moment in the local time."""
    try:
        day = parse_date(value) if len(value) == 10 else None
        moment = None if day is not None else parse_datetime(value)
    except ValueError:
        return value
    if day is not None:
        return date_format(day, "SHORT_DATE_FORMAT")
    if moment is None:
        return value
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return date_format(moment, "SHORT_DATETIME_FORMAT")


def _slot(record: dict[str, Any]) -> str:
    """A weekly slot or an exception of the log in words."""
    if "weekday" not in record:
        return _exception(record)
    text = f"{Weekday(record['weekday']).label} {record['opens']}–{record['closes']}"
    if record.get("from") or record.get("to"):
        span = " – ".join(_moment(v) if v else "…" for v in (record["from"], record["to"]))
        text += f" ({span})"
    return text


def _exception(record: dict[str, Any]) -> str:
    span = _moment(record["from"])
    if record.get("to") and record["to"] != record["from"]:
        span = f"{span} – {_moment(record['to'])}"
    closed = record.get("closed")
    text = f"{span}: " + (_("geschlossen") if closed else f"{record['opens']}–{record['closes']}")
    return text + (f" ({record['note']})" if record.get("note") else "")


CHOICES: dict[str, Any] = {
    "status": Offer.Status,
    "cost": Cost,
    "topics": Topic,
    "accessibility": Accessibility,
}


def _word(key: str, value: Any) -> str:
    base = key.partition(":")[0]
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if isinstance(value, list):
        return "; ".join(_word(key, item) for item in value)
    if isinstance(value, dict):
        return _slot(value)
    if base == "languages":
        return language_name(value)
    if base in CHOICES:
        try:
            return str(CHOICES[base](value).label)
        except ValueError:
            return str(value)
    if isinstance(value, str) and len(value) >= 10 and value[:4].isdigit() and value[4] == "-":
        return _moment(value)
    return str(value)


def changes(entry: AuditEntry, names: dict[int, str] | None = None) -> list[Change]:
    """The entry's changed fields in words (empty for entries that record no fields);
    `names` are providers' names by id."""
    changed = entry.details.get("changed") or {}
    names = names or {}
    result = []
    for key, (before, after) in changed.items():
        if key in {"last_checked_by", "search_text"}:
            continue
        if key == "provider":
            before, after = names.get(before, before), names.get(after, after)
        result.append(Change(_label(key), _word(key, before), _word(key, after)))
    return result


def details(entry: AuditEntry) -> str:
    """Other details worth a line: the section and language of a translation; the provider,
    topics and languages an offer was created with."""
    info = entry.details
    if "field" in info and "language" in info:
        return f"{_label(info['field'])} · {language_name(info['language'])}"
    if "provider" in info and "topics" in info:
        parts = [f"{_label('provider')}: {info['provider']}"]
        for key in ("topics", "languages"):
            if info.get(key):
                parts.append(f"{_label(key)}: {_word(key, info[key])}")
        return " · ".join(parts)
    return ""


def rows(entries: Any) -> list[dict[str, Any]]:
    """A page of entries for the template (one query for the providers they name)."""
    entries = list(entries)
    ids = {
        value
        for entry in entries
        for value in (entry.details.get("changed") or {}).get("provider", [])
        if isinstance(value, int)
    }
    names = dict(Provider.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}
    return [
        {"entry": entry, "changes": changes(entry, names), "details": details(entry)}
        for entry in entries
    ]
