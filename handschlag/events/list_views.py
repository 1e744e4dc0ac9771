"""Pages for finding events: the list of upcoming public events and the month calendar.

Both take the same filters (EventFilterForm → EventFilters). Invalid filters are shown as field
errors next to the results, the valid ones still apply; htmx swaps only the results (one
request per change), and everything works without JavaScript too.
"""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from . import selectors
from .filter_forms import EventFilterForm, parse_month

PER_PAGE = 20


def _page(filters: selectors.EventFilters, number: str | None) -> Page:
    page = Paginator(selectors.event_list(filters=filters), PER_PAGE).get_page(number)
    page.object_list = list(page.object_list)
    now = timezone.now()
    for event in page.object_list:
        # a series is listed at its first date; the card shows the next one
        event.next_date = (  # type: ignore[attr-defined]
            selectors.next_occurrence(event, after=now) if event.recurrence else None
        )
    return page


def event_list(request: HttpRequest) -> HttpResponse:
    """The filter panel and the results are cached fragments (per query, language and content
    version); the form, the filters and the page are built only when a fragment has run out."""
    form = SimpleLazyObject(lambda: EventFilterForm(request.GET or None))
    page_obj = SimpleLazyObject(
        lambda: _page(
            form.filters() if request.GET else selectors.DEFAULT_FILTERS,
            request.GET.get("page"),
        )
    )
    context = {"form": form, "page_obj": page_obj}
    if getattr(request, "htmx", False):
        return render(request, "events/list.html#results", context)
    return render(request, "events/list.html", context)


def month_calendar(request: HttpRequest) -> HttpResponse:
    """`?monat=2026-12` (this month when missing); an unreadable month is a field error and
    shows this month."""
    data = request.GET.copy()
    month_text = data.pop("monat", [""])[0] if "monat" in data else ""
    form = SimpleLazyObject(lambda: EventFilterForm(data or None, dates=False))
    month = parse_month(month_text)
    month_error = bool(month_text) and month is None
    first = month or timezone.localdate().replace(day=1)
    context = {
        "form": form,
        "month": SimpleLazyObject(
            lambda: selectors.month_calendar(
                month=first, filters=form.filters() if data else selectors.DEFAULT_FILTERS
            )
        ),
        "month_first": first,
        "month_error": month_error,
        "month_text": month_text,
        "filter_query": data.urlencode(),
    }
    if getattr(request, "htmx", False):
        return render(request, "events/calendar.html#results", context)
    return render(request, "events/calendar.html", context)
