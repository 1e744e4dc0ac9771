"""/massnahmen/: the measures library ("Modulkoffer"). The fixed paths come before the
measures' slugs, and services.RESERVED_SLUGS keeps slugs off them."""

from django.urls import path

from . import proposal_views, report_views, review_views, views

app_name = "measures"
urlpatterns = [
    path("", views.measure_list, name="list"),
    path("vorschlagen/", proposal_views.propose, name="propose"),
    path("meine-vorschlaege/", proposal_views.mine, name="mine"),
    path("<slug:slug>/", views.measure_detail, name="detail"),
    path("<slug:slug>/bearbeiten/", proposal_views.edit, name="edit"),
    path("<slug:slug>/materialien/", proposal_views.material_list, name="materials"),
    path(
        "<slug:slug>/materialien/<int:pk>/entfernen/",
        proposal_views.remove_material,
        name="remove_material",
    ),
    path("<slug:slug>/einreichen/", proposal_views.submit, name="submit"),
    path("<slug:slug>/loeschen/", proposal_views.delete, name="delete"),
    path("<slug:slug>/erfahrung/", report_views.add_report, name="report"),
    path(
        "<slug:slug>/erfahrung/<int:pk>/bearbeiten/",
        report_views.edit_report,
        name="edit_report",
    ),
    path(
        "<slug:slug>/erfahrung/<int:pk>/pruefen/",
        report_views.review_report,
        name="review_report",
    ),
    path("<slug:slug>/pruefen/", review_views.review, name="review"),
]
