"""URLs of the results part (included by urls.py under /standortbestimmung/)."""

from django.urls import path

from . import results_views as views

urlpatterns = [
    path("<int:pk>/ergebnisse/", views.results, name="results"),
    path("<int:pk>/vergleich/", views.peers, name="peers"),
    path("<int:pk>/bericht.pdf", views.report_pdf, name="report_pdf"),
    path("<int:pk>/antworten.xlsx", views.answers_xlsx, name="answers_xlsx"),
]
