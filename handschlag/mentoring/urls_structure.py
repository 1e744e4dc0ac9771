"""Pages of the structure (programme, carriers, sites), under /mentoring/koordination/."""

from django.urls import path

from . import structure_views as views

urlpatterns = [
    path("programme/<slug:slug>/", views.programme, name="structure_programme"),
    path("programme/<slug:slug>/bearbeiten/", views.programme_edit, name="programme_edit"),
    path("programme/<slug:slug>/traeger-neu/", views.carrier_add, name="carrier_add"),
    path("traeger/<int:pk>/", views.carrier, name="structure_carrier"),
    path("traeger/<int:pk>/bearbeiten/", views.carrier_edit, name="carrier_edit"),
    path("traeger/<int:pk>/entfernen/", views.carrier_remove, name="carrier_remove"),
    path("traeger/<int:pk>/aktivieren/", views.carrier_reactivate, name="carrier_reactivate"),
    path("traeger/<int:pk>/standort-neu/", views.site_add, name="site_add"),
    path("standorte/<slug:slug>/stammdaten/", views.site_details, name="site_details"),
    path("standorte/<slug:slug>/entfernen/", views.site_remove, name="site_remove"),
    path("standorte/<slug:slug>/aktivieren/", views.site_reactivate, name="site_reactivate"),
]
