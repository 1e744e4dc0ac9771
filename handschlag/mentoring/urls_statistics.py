"""Pages of the statistics part, under /mentoring/statistik/."""

from django.urls import path

from . import statistics_views as views

urlpatterns = [
    path("", views.index, name="statistics"),
    path("programm/<slug:slug>/", views.programme_page, name="statistics_programme"),
    path("traeger/<int:pk>/", views.carrier_page, name="statistics_carrier"),
    path("standort/<slug:slug>/", views.site_page, name="statistics_site"),
    path(
        "programm/<slug:slug>/foerderbericht-<int:year>.<slug:fmt>",
        views.programme_report,
        name="report_programme",
    ),
    path(
        "traeger/<int:pk>/foerderbericht-<int:year>.<slug:fmt>",
        views.carrier_report,
        name="report_carrier",
    ),
    path(
        "standort/<slug:slug>/foerderbericht-<int:year>.<slug:fmt>",
        views.site_report,
        name="report_site",
    ),
]
