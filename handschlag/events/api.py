"""Read API: upcoming public events with the same filters as the list page, and one event.

The online link is in an answer only when the caller may see it (`events.see_online_link`:
the organiser's team and confirmed participants, with a session); for everyone else it is null.
"""

import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import field_validator, model_validator

from handschlag.accounts.rules import is_active_user
from handschlag.core.pagination import (
    DETAIL_RESPONSES,
    LIST_RESPONSES,
    CappedPageNumberPagination,
)
from handschlag.organisations.models import Membership
from handschlag.places.selectors import (
    ONLY_HERE,
    RADII_KM,
    find_municipality,
    similar_municipalities,
)

from . import selectors
from .models import Event, Kind, Registration
from .selectors import DEFAULT_FILTERS, LANGUAGE_CODE, Attendance, EventFilters

router = Router(tags=["events"])

RADIUS_CHOICES = (ONLY_HERE, *RADII_KM)


class EventQuery(Schema):
    """The list's query parameters; `to_filters()` gives the same EventFilters as the page."""

    place: str | None = Field(
        None,
        max_length=140,
        description="Ort (Name oder Kurzname); mit `radius` 0 nur dieser Ort, sonst der Umkreis",
    )
    radius: int = Field(
        DEFAULT_FILTERS.radius_km,
        description="Umkreis in km um `place`: 0 (nur dieser Ort), "
        + ", ".join(str(km) for km in RADII_KM),
        json_schema_extra={"enum": list(RADIUS_CHOICES)},
    )
    kind: Kind | None = Field(None, description="Art der Veranstaltung")
    attendance: Attendance | None = Field(
        None, description="`online` oder `in_person` (vor Ort); hybride erscheinen bei beiden"
    )
    language: str | None = Field(None, max_length=3, description="Sprachcode, z. B. `ar`")
    date_from: datetime.date | None = Field(None, description="ab diesem Tag (JJJJ-MM-TT)")
    date_to: datetime.date | None = Field(None, description="bis einschließlich diesem Tag")
    q: str | None = Field(None, max_length=200, description="Suchbegriff")

    @field_validator("radius")
    @classmethod
    def radius_is_offered(cls, value: int) -> int:
        if value not in RADIUS_CHOICES:
            raise ValueError(f"radius must be one of {RADIUS_CHOICES}")
        return value

    @field_validator("language")
    @classmethod
    def language_is_a_code(cls, value: str | None) -> str | None:
        if value and not LANGUAGE_CODE.match(value):
            raise ValueError("language must be a language code such as `de` or `ar`")
        return value or None

    @field_validator("place")
    @classmethod
    def place_is_known(cls, value: str | None) -> str | None:
        """A town by name or slug, as its slug; unknown: 422 naming similar towns."""
        if not value or not value.strip():
            return None
        town = find_municipality(value)
        if town is None:
            similar = ", ".join(t.name for t in similar_municipalities(value))
            hint = f"; did you mean: {similar}" if similar else ""
            raise ValueError(f"unknown place{hint}")
        return town.slug

    @model_validator(mode="after")
    def range_is_in_order(self) -> "EventQuery":
        if self.date_from and self.date_to and self.date_to < self.date_from:
            raise ValueError("date_to lies before date_from")
        return self

    def to_filters(self) -> EventFilters:
        return EventFilters.around(
            self.place or "",
            self.radius,
            q=(self.q or "").strip(),
            kind=self.kind,
            attendance=self.attendance,
            language=self.language or "",
            date_from=self.date_from,
            date_to=self.date_to,
        )


def _link_readers(request: HttpRequest) -> tuple[frozenset[int], frozenset[int]]:
    """(organisations the caller belongs to, events they hold a confirmed or attended place
    for): the set twin of the "events.see_online_link" rule, read once per request (two
    queries, not two per row of a list)."""
    cached = getattr(request, "_event_link_readers", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    user: Any = request.user
    found: tuple[frozenset[int], frozenset[int]] = (frozenset(), frozenset())
    if is_active_user(user):
        organisations = Membership.objects.filter(user=user).values_list(
            "organisation_id", flat=True
        )
        events = Registration.objects.filter(
            user=user, state__in=(Registration.State.CONFIRMED, Registration.State.ATTENDED)
        ).values_list("event_id", flat=True)
        found = (frozenset(organisations), frozenset(events))
    request._event_link_readers = found  # type: ignore[attr-defined]
    return found


class MunicipalityRef(Schema):
    name: str
    slug: str
    ags: str


class OrganisationRef(Schema):
    name: str
    slug: str


class EventOut(Schema):
    id: int
    title: str
    description: str
    kind: str
    format: str
    state: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    timezone: str
    recurrence: str
    municipality: MunicipalityRef | None
    venue_name: str
    venue_address: str
    accessibility: str
    languages: list[str]
    interpretation: list[str]
    capacity: int
    free_places: int
    organisation: OrganisationRef
    online_url: str | None = Field(
        None, description="nur für das Team der Veranstaltenden und bestätigte Teilnehmende"
    )
    url: str
    ics_url: str

    @staticmethod
    def resolve_starts_at(obj: Event) -> datetime.datetime:
        return obj.starts_at.astimezone(obj.zone)

    @staticmethod
    def resolve_ends_at(obj: Event) -> datetime.datetime:
        return obj.ends_at.astimezone(obj.zone)

    @staticmethod
    def resolve_online_url(obj: Event, context: dict) -> str | None:
        request = context.get("request")
        if request is None or not obj.online_url:
            return None
        organisations, events = _link_readers(request)
        if obj.organisation_id in organisations or obj.pk in events:
            return obj.online_url
        return None

    @staticmethod
    def resolve_url(obj: Event, context: dict) -> str:
        request = context.get("request")
        path = obj.get_absolute_url()
        return request.build_absolute_uri(path) if request else path

    @staticmethod
    def resolve_ics_url(obj: Event, context: dict) -> str:
        request = context.get("request")
        path = reverse("events:ics", args=[obj.pk])
        return request.build_absolute_uri(path) if request else path


@router.get(
    "",
    response=list[EventOut],
    summary="Kommende öffentliche Veranstaltungen",
    openapi_extra=LIST_RESPONSES,
)
@paginate(CappedPageNumberPagination, page_size=20)
def list_events(request: HttpRequest, query: Query[EventQuery]) -> QuerySet[Event]:
    """Upcoming public events, filtered like the list page, soonest first; 20 per page."""
    return selectors.event_list(filters=query.to_filters()).defer(None)


@router.get(
    "/{event_id}", response=EventOut, summary="Eine Veranstaltung", openapi_extra=DETAIL_RESPONSES
)
def get_event(request: HttpRequest, event_id: int) -> Event:
    """One event the caller may see (public ones for everybody); 404 otherwise."""
    event = selectors.event_detail(pk=event_id, user=request.user)
    if event is None:
        raise Http404
    return event
