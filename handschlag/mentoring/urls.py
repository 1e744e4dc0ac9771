"""Mentoring's pages, one module per part: joining (programmes, sites, profiles), the structure
(programmes, carriers, sites edited by their staff), matching rounds, tandems (meetings,
messages, check-ins, surveys), statistics."""

from django.urls import include, path

from . import urls_joining, urls_rounds, urls_statistics, urls_structure, urls_tandems

app_name = "mentoring"

urlpatterns = [
    path("", include(urls_joining)),
    path("koordination/", include(urls_structure)),
    path("", include(urls_rounds)),
    path("", include(urls_tandems)),
    path("statistik/", include(urls_statistics)),
]
