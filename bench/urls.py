"""The site's URLs plus a bare view, the yardstick of bench/pages.py (never in production)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import *  # noqa: F403
from config.urls import urlpatterns as site_urlpatterns


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("hello")


urlpatterns = [path("__hello__/", hello), *site_urlpatterns]
