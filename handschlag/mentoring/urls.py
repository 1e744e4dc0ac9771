"""Mentoring's pages, one module per part: joining (programmes, sites, profiles), matching
rounds, tandems (meetings, check-ins, surveys), statistics."""

from django.urls import include, path

from . import urls_joining, urls_rounds, urls_statistics, urls_tandems

app_name = "mentoring"

urlpatterns = [
    path("", include(urls_joining)),
    path("", include(urls_rounds)),
    path("", include(urls_tandems)),
    path("statistik/", include(urls_statistics)),
]
