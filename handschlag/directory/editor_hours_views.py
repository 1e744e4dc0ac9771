"""An offer's places and hours in the editor: pick a place of the portal or add a new one, then
the weekly hours and the exceptions at each place. Works without JavaScript: "Weitere Zeilen"
is a submit button that shows the form again with more rows."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from handschlag.core.errors import DomainError

from . import offer_locations
from .editor_access import (
    access_offer,
    access_offer_location,
    access_portal,
    editor_page,
    form_error,
    me,
)
from .editor_hours_forms import (
    ExceptionForm,
    HoursForm,
    NewPlaceForm,
    PlaceForm,
    RowsFormSet,
    SlotForm,
    exception_initial,
    slot_initial,
)
from .models import Location, Offer, OfferLocation

MORE_ROWS = 3


def _places(offer: Offer) -> list[OfferLocation]:
    return list(
        offer.offer_locations.select_related("location")
        .prefetch_related("schedules", "exceptions")
        .order_by("location__name", "pk")
    )


@editor_page
def offer_places(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The offer's places; add one of the portal's or a new one."""
    portal = access_portal(request, slug)
    offer = access_offer(request, portal, pk)
    places = _places(offer)
    free = Location.objects.filter(portal=portal).exclude(
        pk__in=[row.location_id for row in places]
    ).order_by("name", "pk")  # fmt: skip
    action = request.POST.get("action", "")
    pick = PlaceForm(request.POST if action == "pick" else None, locations=free, prefix="pick")
    new = NewPlaceForm(
        request.POST if action == "new" else None, instance=Location(portal=portal),
        prefix="new", initial={"city": portal.municipality.name}, town=portal.municipality,
    )  # fmt: skip
    if action == "pick" and pick.is_valid():
        try:
            row = offer_locations.add_offer_location(
                offer=offer, location=pick.cleaned_data["location"], by=me(request),
                by_appointment=pick.cleaned_data["by_appointment"],
            )  # fmt: skip
        except DomainError as error:
            form_error(pick, error)
        else:
            messages.success(request, _("Jetzt die Zeiten an diesem Ort."))
            return redirect("directory:offer_hours", slug, offer.pk, row.pk)
    if action == "new" and new.is_valid():
        try:
            row = offer_locations.add_new_location(
                offer=offer, by=me(request), by_appointment=new.cleaned_data["by_appointment"],
                **new.values(),
            )  # fmt: skip
        except DomainError as error:
            form_error(new, error)
        else:
            messages.success(request, _("Der Ort ist angelegt. Jetzt die Zeiten an diesem Ort."))
            return redirect("directory:offer_hours", slug, offer.pk, row.pk)
    context = {
        "portal": portal, "offer": offer, "tab": "places", "places": places, "pick": pick,
        "new": new, "free": free,
    }  # fmt: skip
    return render(request, "directory/editor/offer_places.html", context)


def _formset(form: type[forms.Form], extra: int) -> type[RowsFormSet]:
    return cast(
        "type[RowsFormSet]",
        forms.formset_factory(
            form, formset=RowsFormSet, extra=extra, can_delete=True, max_num=60, validate_max=True
        ),
    )


def _hours_forms(
    request: HttpRequest, row: OfferLocation
) -> tuple[HoursForm, RowsFormSet, RowsFormSet]:
    data = request.POST if request.method == "POST" else None
    hours = HoursForm(data, initial={"by_appointment": row.by_appointment})
    slots = _formset(SlotForm, 2)(data, initial=slot_initial(row), prefix="slots")
    exceptions = _formset(ExceptionForm, 1)(
        data, initial=exception_initial(row), prefix="exceptions"
    )
    return hours, slots, exceptions


@editor_page
def offer_hours(request: HttpRequest, slug: str, pk: int, place: int) -> HttpResponse:
    """The weekly hours and the exceptions at one place of the offer."""
    portal = access_portal(request, slug)
    offer = access_offer(request, portal, pk)
    row = access_offer_location(offer, place)
    hours, slots, exceptions = _hours_forms(request, row)
    if request.method == "POST":
        valid = hours.is_valid() and slots.is_valid() and exceptions.is_valid()
        if valid and request.POST.get("action") == "more":
            hours, slots, exceptions = _more_rows(hours, slots, exceptions)
        elif valid:
            try:
                offer_locations.set_hours(
                    offer_location=row, by=me(request),
                    slots=[slot for form in slots.rows() for slot in form.slots()],
                    exceptions=[day for form in exceptions.rows() for day in form.days()],
                    by_appointment=hours.cleaned_data["by_appointment"],
                )  # fmt: skip
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(
                    request,
                    _("Die Zeiten in „%(place)s“ sind gespeichert.") % {"place": row.location.name},
                )
                return redirect("directory:offer_places", slug, offer.pk)
    context = {
        "portal": portal, "offer": offer, "tab": "places", "row": row, "hours": hours,
        "slots": slots, "exceptions": exceptions,
    }  # fmt: skip
    return render(request, "directory/editor/offer_hours.html", context)


def _more_rows(
    hours: HoursForm, slots: RowsFormSet, exceptions: RowsFormSet
) -> tuple[HoursForm, RowsFormSet, RowsFormSet]:
    """The same hours again, unsaved, with more empty rows for slots and exceptions."""
    slot_rows = [
        {**form.cleaned_data}
        for form in slots.rows()
        if form.cleaned_data and not form.is_blank(form.cleaned_data)
    ]
    exception_rows = [
        {**form.cleaned_data, "closed": "1" if form.cleaned_data.get("closed") else "0"}
        for form in exceptions.rows()
        if form.cleaned_data and not form.is_blank(form.cleaned_data)
    ]
    for item in slot_rows + exception_rows:
        item.pop("DELETE", None)
    return (
        HoursForm(initial=hours.cleaned_data),
        _formset(SlotForm, MORE_ROWS + 2)(initial=slot_rows, prefix="slots"),
        _formset(ExceptionForm, MORE_ROWS)(initial=exception_rows, prefix="exceptions"),
    )


@editor_page
@require_POST
def offer_place_remove(request: HttpRequest, slug: str, pk: int, place: int) -> HttpResponse:
    portal = access_portal(request, slug)
    offer = access_offer(request, portal, pk)
    row = access_offer_location(offer, place)
    name = row.location.name
    offer_locations.remove_offer_location(offer_location=row, by=me(request))
    messages.success(
        request,
        _("Das Angebot findet nicht mehr in „%(place)s“ statt. Der Ort selbst bleibt in der "
          "Liste der Orte.") % {"place": name},
    )  # fmt: skip
    return redirect("directory:offer_places", slug, offer.pk)
