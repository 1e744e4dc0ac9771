from django.urls import path

from . import calendar_views, list_views, views

app_name = "events"

urlpatterns = [
    path("", list_views.event_list, name="list"),
    path("kalender/", list_views.month_calendar, name="calendar"),
    path("kalender/abo/", calendar_views.calendar_subscription, name="calendar_subscription"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/termin.ics", calendar_views.event_ics, name="ics"),
    path(
        "feeds/organisation/<slug:slug>.ics",
        calendar_views.organisation_feed,
        name="feed_organisation",
    ),
    path("feeds/ort/<slug:slug>.ics", calendar_views.municipality_feed, name="feed_municipality"),
    path("feeds/meine/<str:token>.ics", calendar_views.personal_feed, name="feed_personal"),
]
