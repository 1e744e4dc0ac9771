"""The one django-ninja API object; each app contributes a Router from its api.py."""

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from handschlag.blog.api import router as blog_router
from handschlag.core.errors import DomainError
from handschlag.directory.api import router as directory_router
from handschlag.events.api import router as events_router
from handschlag.measures.api import router as measures_router
from handschlag.mentoring.api import router as mentoring_router
from handschlag.needs.api import router as needs_router
from handschlag.places.api import router as places_router
from handschlag.promises.api import router as promises_router

from .guards import reject_unusable_parameters

api = NinjaAPI(
    title="Handschlag API",
    version="1.0.0",
    description=(
        "Öffentliche Daten von Handschlag: Kommunen, veröffentlichte Versprechen, "
        "Veranstaltungen, Blog."
    ),
    urls_namespace="api",
)
# Before validation, on every router: parameters the database cannot take are a 422, not a 500.
api.add_decorator(reject_unusable_parameters, mode="view")
api.add_router("/municipalities", places_router)
api.add_router("/promises", promises_router)
api.add_router("/posts", blog_router)
api.add_router("/needs", needs_router)
api.add_router("/events", events_router)
api.add_router("/mentoring", mentoring_router)
api.add_router("/measures", measures_router)
api.add_router("/directory", directory_router)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message, "code": exc.code}, status=409)
