"""/portal/: open data — the HSDS 3.0 downloads of each portal and of all, their description,
and the import for a portal's editors."""

from django.urls import path

from . import data_views

urlpatterns = [
    path("daten/", data_views.data_index, name="data_index"),
    path("daten/hsds.zip", data_views.nationwide_zip, name="hsds_nationwide"),
    path("<slug:slug>/daten/", data_views.portal_data, name="data"),
    path("<slug:slug>/daten/hsds.json", data_views.portal_json, name="hsds_json"),
    path("<slug:slug>/daten/hsds.zip", data_views.portal_zip, name="hsds_zip"),
    path("<slug:slug>/daten/import/", data_views.portal_import, name="hsds_import"),
]
