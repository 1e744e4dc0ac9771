from django.urls import path

from . import abuse_views, views

app_name = "moderation"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("melden/<str:kind>/<int:pk>/", abuse_views.report_abuse, name="report_abuse"),
    path("meldungen/<int:pk>/", abuse_views.abuse_review, name="abuse"),
    path("protokoll/", views.log, name="log"),
]
