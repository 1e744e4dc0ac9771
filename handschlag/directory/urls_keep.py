"""/portal/: keep pages — "Ist das noch richtig?", readers' reports, share and print."""

from django.urls import path

from . import keep_views

urlpatterns: list = [
    path("pruefen/<str:token>/", keep_views.check, name="check"),
    path("<slug:town>/angebote/<int:pk>/melden/", keep_views.report, name="report"),
    path("<slug:town>/meldungen/", keep_views.reports, name="reports"),
    path("<slug:town>/meldungen/<int:pk>/erledigt/", keep_views.report_done, name="report_done"),
    path("<slug:town>/teilen/", keep_views.share, name="share"),
    path("<slug:town>/wegweiser/<int:pk>/pdf", keep_views.guide_pdf, name="guide_pdf"),
    path("<slug:town>/angebote/pdf", keep_views.offers_pdf, name="offers_pdf"),
]
