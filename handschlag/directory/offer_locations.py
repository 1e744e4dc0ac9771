"""Where and when an offer happens (HSDS service_at_location + schedule): the places of an offer,
and at each place its weekly hours, its exceptions (closed days, other hours) and whether it is
by appointment only. Each change is a change of the offer, recorded in its history with the
hours before and after."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from handschlag.core.errors import DomainError

from .editing import apply_changes
from .locations import create_location
from .models import Location, Offer, OfferLocation, Schedule, ScheduleException


@dataclass(frozen=True)
class Slot:
    """A weekly time slot as the form gives it."""

    weekday: int
    opens_at: datetime.time
    closes_at: datetime.time
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None


@dataclass(frozen=True)
class ExceptionDays:
    starts_on: datetime.date
    ends_on: datetime.date
    closed: bool = True
    opens_at: datetime.time | None = None
    closes_at: datetime.time | None = None
    note: str = ""


def _time(value: datetime.time | None) -> str | None:
    return value.strftime("%H:%M") if value is not None else None


def _date(value: datetime.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def slot_record(slot: Slot | Schedule) -> dict[str, Any]:
    """A slot as the history keeps it (language-neutral; shown in the reader's language)."""
    return {
        "weekday": slot.weekday, "opens": _time(slot.opens_at), "closes": _time(slot.closes_at),
        "from": _date(slot.valid_from), "to": _date(slot.valid_to),
    }  # fmt: skip


def exception_record(item: ExceptionDays | ScheduleException) -> dict[str, Any]:
    return {
        "from": _date(item.starts_on), "to": _date(item.ends_on), "closed": item.closed,
        "opens": _time(item.opens_at), "closes": _time(item.closes_at), "note": item.note,
    }  # fmt: skip


ORDER = ("weekday", "from", "to", "opens", "closes", "closed", "note")


def _sorted(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Records in one order (so that the same hours compare equal however they were typed):
    slots by weekday, exceptions by date."""
    return sorted(records, key=lambda r: [str(r.get(key) or "") for key in ORDER])


def _require(offer: Offer, by: Any) -> None:
    """`by` may edit the offer; then its row is locked until the change is written (one edit
    of its places and hours at a time)."""
    if not by.has_perm("directory.edit_offer", offer):
        raise PermissionDenied
    Offer.objects.select_for_update().filter(pk=offer.pk).values_list("pk").first()


def _names(offer: Offer) -> list[str]:
    return [
        row.location.name
        for row in offer.offer_locations.select_related("location").order_by("location__name")
    ]


@transaction.atomic
def add_offer_location(
    *, offer: Offer, location: Location, by: Any, by_appointment: bool = False
) -> OfferLocation:
    """The offer also happens at `location` (a place of the same portal)."""
    _require(offer, by)
    if location.portal_id != offer.portal_id:
        raise DomainError(_("Dieser Ort gehört zu einem anderen Portal."), code="location")
    if offer.offer_locations.filter(location=location).exists():
        raise DomainError(_("Das Angebot findet dort schon statt."), code="location")
    before = _names(offer)
    try:
        with transaction.atomic():
            row = OfferLocation.objects.create(
                offer=offer, location=location, by_appointment=by_appointment
            )
    except IntegrityError:  # the same place added twice at once (a double click)
        raise DomainError(_("Das Angebot findet dort schon statt."), code="location") from None
    apply_changes(offer, {}, by=by, also={"locations": [before, _names(offer)]})
    return row


@transaction.atomic
def add_new_location(
    *, offer: Offer, by: Any, by_appointment: bool = False, **values: Any
) -> OfferLocation:
    """A new place of the portal, and the offer happens there."""
    _require(offer, by)
    location = create_location(portal=offer.portal, by=by, **values)
    return add_offer_location(offer=offer, location=location, by=by, by_appointment=by_appointment)


@transaction.atomic
def remove_offer_location(*, offer_location: OfferLocation, by: Any) -> None:
    """The offer no longer happens there; its hours there go with it (and are recorded)."""
    offer = offer_location.offer
    _require(offer, by)
    before = _names(offer)
    name = offer_location.location.name
    hours = [slot_record(slot) for slot in offer_location.schedules.all()]
    offer_location.delete()
    also: dict[str, list[Any]] = {
        "locations": [before, _names(offer)],
        f"hours:{name}": [hours, []],
    }
    apply_changes(offer, {}, by=by, also=also)


def _check_slots(slots: Iterable[Slot]) -> list[Slot]:
    slots = sorted(
        set(slots), key=lambda s: (s.weekday, s.opens_at, s.valid_from or datetime.date.min)
    )
    for slot in slots:
        if slot.closes_at <= slot.opens_at:
            raise DomainError(_("Die Endzeit muss nach der Anfangszeit liegen."), code="hours")
        if slot.valid_from and slot.valid_to and slot.valid_to < slot.valid_from:
            raise DomainError(_("„gültig bis“ liegt vor „gültig ab“."), code="hours")
    return slots


def _check_exceptions(items: Iterable[ExceptionDays]) -> list[ExceptionDays]:
    items = sorted(set(items), key=lambda e: (e.starts_on, e.ends_on))
    for item in items:
        if item.ends_on < item.starts_on:
            raise DomainError(_("Das Ende liegt vor dem Anfang."), code="exceptions")
        if not item.closed and (
            item.opens_at is None or item.closes_at is None or item.closes_at <= item.opens_at
        ):
            raise DomainError(
                _("Für andere Öffnungszeiten geben Sie bitte an, von wann bis wann."),
                code="exceptions",
            )
    return items


@transaction.atomic
def set_hours(
    *, offer_location: OfferLocation, by: Any, slots: Iterable[Slot],
    exceptions: Iterable[ExceptionDays] = (), by_appointment: bool | None = None,
) -> dict[str, list[Any]]:  # fmt: skip
    """Replace the weekly hours and the exceptions at one place of the offer."""
    offer = offer_location.offer
    _require(offer, by)
    slots, items = _check_slots(slots), _check_exceptions(exceptions)
    name = offer_location.location.name
    before_slots = _sorted([slot_record(s) for s in offer_location.schedules.all()])
    before_items = _sorted([exception_record(e) for e in offer_location.exceptions.all()])
    after_slots = _sorted([slot_record(s) for s in slots])
    after_items = _sorted([exception_record(e) for e in items])
    also: dict[str, list[Any]] = {}
    if before_slots != after_slots:
        offer_location.schedules.all().delete()
        Schedule.objects.bulk_create(
            Schedule(offer_location=offer_location, **vars(slot)) for slot in slots
        )
        also[f"hours:{name}"] = [before_slots, after_slots]
    if before_items != after_items:
        offer_location.exceptions.all().delete()
        ScheduleException.objects.bulk_create(
            ScheduleException(offer_location=offer_location, **vars(item)) for item in items
        )
        also[f"exceptions:{name}"] = [before_items, after_items]
    if by_appointment is not None and by_appointment != offer_location.by_appointment:
        also[f"by_appointment:{name}"] = [offer_location.by_appointment, by_appointment]
        offer_location.by_appointment = by_appointment
        offer_location.save(update_fields=["by_appointment"])
    return apply_changes(offer, {}, by=by, also=also)
