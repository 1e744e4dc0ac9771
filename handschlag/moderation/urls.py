from django.urls import path

from . import abuse_views, review_views, views

app_name = "moderation"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("versprechen/<int:pk>/", review_views.promise_review, name="promise"),
    path("bericht/<int:pk>/", review_views.report_review, name="report"),
    path("streitfall/<int:pk>/", review_views.dispute_review, name="dispute"),
    path("melden/<str:kind>/<int:pk>/", abuse_views.report_abuse, name="report_abuse"),
    path("meldungen/<int:pk>/", abuse_views.abuse_review, name="abuse"),
    path("protokoll/", views.log, name="log"),
]
