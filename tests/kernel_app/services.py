from __future__ import annotations

from typing import Any

from django.db import transaction

from handschlag.audit.services import record
from handschlag.core import capacity
from handschlag.core.errors import DomainError
from handschlag.notifications.recipients import admins_of
from handschlag.notifications.services import notify

from .models import Booking, Workshop

BOOKED = "kernel_app.book"
CANCELLED = "kernel_app.cancel"
SEAT_FREED = "kernel_app.seat_freed"


def take_seat(workshop_id: int) -> bool:
    return capacity.take(
        Workshop.objects.filter(pk=workshop_id, cancelled=False), counters={"seats_left": 1}
    )


def give_seat_back(workshop_id: int) -> bool:
    return capacity.give_back(
        Workshop.objects.filter(pk=workshop_id),
        counters={"seats_left": 1},
        totals={"seats_left": "seats"},
    )


@transaction.atomic
def book(*, workshop: Workshop, person: Any, note: str = "") -> Booking:
    if not take_seat(workshop.pk):
        raise DomainError("full", code="full")
    booking = Booking.objects.create(workshop=workshop, person=person, note=note)
    record(actor=person, verb=BOOKED, target=workshop)
    return booking


@transaction.atomic
def cancel_booking(*, booking: Booking) -> None:
    workshop = booking.workshop
    booking.delete()
    give_seat_back(workshop.pk)
    if workshop.organisation_id:
        notify(
            to=admins_of(workshop.organisation), kind=SEAT_FREED, params={"title": workshop.title}
        )


@transaction.atomic
def cancel_workshop(*, workshop: Workshop, by: Any, comment: str) -> None:
    workshop.cancelled = True
    workshop.save(update_fields=["cancelled"])
    record(actor=by, verb=CANCELLED, target=workshop, comment=comment)


def export(user: Any) -> dict[str, Any]:
    return {
        "bookings": [
            {"workshop": b.workshop.title, "note": b.note}
            for b in Booking.objects.filter(person=user).select_related("workshop")
        ]
    }


def erase(user: Any) -> None:
    for booking in Booking.objects.filter(person=user).select_related("workshop"):
        cancel_booking(booking=booking)
