"""/portal/: the reader's pages (public_views.py). The town's pages come last in the portal's
URL list (see urls.py), so that the other parts' fixed words (/portal/neu/, /portal/daten/…)
are never taken for a town."""

from django.urls import path

from . import public_views as views

urlpatterns = [
    path("", views.portal_index, name="index"),
    path("sw.js", views.service_worker, name="service_worker"),
    path("offline/", views.offline, name="offline"),
    path("<slug:slug>/", views.portal_home, name="portal"),
    path("<slug:slug>/angebote/", views.offer_list, name="offers"),
    path("<slug:slug>/angebote/<int:pk>/", views.offer_detail, name="offer"),
    path("<slug:slug>/wegweiser/", views.guide_index, name="guides"),
    path("<slug:slug>/wegweiser/<int:pk>-<slug:page_slug>/", views.guide_page, name="guide"),
]
