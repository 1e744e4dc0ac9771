"""HSDS import, the places of an offer (service_at_location) with their opening hours
(schedules) and exceptions: matched by their HSDS ids, the file's set replacing the offer's."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from .hsds import WEEKDAYS
from .hsds_input import ExceptionIn, LocationIn, ServiceAtLocationIn
from .models import HsdsId, Location, Offer, OfferLocation, Schedule, ScheduleException

Kind = HsdsId.Kind


class PlacesImport:
    """The part of the importer (hsds_import._Importer) that writes places and hours."""

    known: dict[str, dict[uuid.UUID, int]]
    warnings: list[str]

    if TYPE_CHECKING:  # provided by hsds_import._Importer, which this part is mixed into

        def location(self, given: LocationIn, where: str) -> Location: ...

        def _remember(self, kind: str, hsds_id: uuid.UUID, obj: Any) -> None: ...

    @staticmethod
    def _hours(places: list[OfferLocation]) -> list[str]:
        return sorted(
            f"{place.location_id}: {WEEKDAYS[s.weekday]} {s.opens_at:%H:%M}–{s.closes_at:%H:%M}"
            f" {s.valid_from or ''}…{s.valid_to or ''}"
            for place in places
            for s in place.schedules.all()
        )

    def places(
        self, offer: Offer, given: list[ServiceAtLocationIn], fresh: bool, where: str
    ) -> dict[str, list[Any]]:
        existing = {} if fresh else {place.pk: place for place in offer.offer_locations.all()}
        before = sorted(place.location_id for place in existing.values())
        hours_before = [] if fresh else self._hours(list(existing.values()))
        kept: dict[int, OfferLocation] = {}
        hours_changed = False
        for item in given:
            location = self.location(item.location, where)
            if any(place.location_id == location.pk for place in kept.values()):
                self.warnings.append(
                    _("%(where)s: der Ort „%(name)s“ steht zweimal beim Angebot; einmal genügt.")
                    % {"where": where, "name": location.name}
                )
                continue
            place = existing.get(self.known[Kind.SERVICE_AT_LOCATION].get(item.id, 0))
            if place is None:
                place = next((p for p in existing.values() if p.location_id == location.pk), None)
            if place is None:
                place = OfferLocation.objects.create(
                    offer=offer, location=location, by_appointment=item.x_by_appointment
                )
                new_place = True
            else:
                new_place = False
                if (place.location_id, place.by_appointment) != (
                    location.pk,
                    item.x_by_appointment,
                ):
                    place.location, place.by_appointment = location, item.x_by_appointment
                    place.save(update_fields=["location", "by_appointment"])
            self._remember(Kind.SERVICE_AT_LOCATION, item.id, place)
            kept[place.pk] = place
            hours_changed |= self.schedules(place, item, new_place, where)
            hours_changed |= self.exceptions(place, item.x_schedule_exceptions, new_place)
        gone = [pk for pk in existing if pk not in kept]
        if gone:
            OfferLocation.objects.filter(pk__in=gone).delete()
        after = sorted(place.location_id for place in kept.values())
        changed: dict[str, list[Any]] = {}
        if after != before:
            changed["locations"] = [before, after]
        if hours_changed or gone:
            hours = self._hours(
                list(OfferLocation.objects.filter(pk__in=kept).prefetch_related("schedules"))
            )
            if hours != hours_before:
                changed["schedules"] = [hours_before, hours]
        return changed

    def schedules(
        self, place: OfferLocation, item: ServiceAtLocationIn, fresh: bool, where: str
    ) -> bool:
        existing = {} if fresh else {s.pk: s for s in place.schedules.all()}
        kept: set[int] = set()
        changed = False
        for given in item.schedules:
            days = [day.strip().upper() for day in (given.byday or "").split(",") if day.strip()]
            if (
                given.freq not in (None, "WEEKLY")
                or not days
                or any(day not in WEEKDAYS for day in days)
                or not (given.opens_at and given.closes_at)
            ):
                self.warnings.append(
                    _("%(where)s: Zeitplan %(id)s übergangen (nur wöchentliche Zeiten mit "
                      "Wochentag, Beginn und Ende werden übernommen)")
                    % {"where": where, "id": given.id}
                )  # fmt: skip
                continue
            for number, day in enumerate(days):
                hsds_id = given.id if number == 0 else uuid.uuid5(given.id, f"day/{day}")
                values = {
                    "weekday": WEEKDAYS.index(day),
                    "opens_at": given.opens_at,
                    "closes_at": given.closes_at,
                    "valid_from": given.valid_from,
                    "valid_to": given.valid_to,
                }
                row = existing.get(self.known[Kind.SCHEDULE].get(hsds_id, 0))
                if row is None:
                    row = Schedule.objects.create(offer_location=place, **values)
                    changed = True
                elif any(getattr(row, name) != value for name, value in values.items()):
                    for name, value in values.items():
                        setattr(row, name, value)
                    row.save()
                    changed = True
                self._remember(Kind.SCHEDULE, hsds_id, row)
                kept.add(row.pk)
        gone = [pk for pk in existing if pk not in kept]
        if gone:
            Schedule.objects.filter(pk__in=gone).delete()
        return changed or bool(gone)

    @staticmethod
    def exceptions(place: OfferLocation, given: list[ExceptionIn], fresh: bool) -> bool:
        def key(e: Any) -> tuple[Any, ...]:
            opens, closes = (None, None) if e.closed else (e.opens_at, e.closes_at)
            return (e.starts_on, e.ends_on, e.closed, opens, closes, e.note or "")

        before = [] if fresh else sorted(key(e) for e in place.exceptions.all())
        after = sorted(key(e) for e in given)
        if before == after:
            return False
        ScheduleException.objects.filter(offer_location=place).delete()
        names = ("starts_on", "ends_on", "closed", "opens_at", "closes_at", "note")
        ScheduleException.objects.bulk_create(
            ScheduleException(offer_location=place, **dict(zip(names, values, strict=True)))
            for values in after
        )
        return True
