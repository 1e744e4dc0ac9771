from django.urls import path

from . import calendar_views, list_views, organiser_views, registration_views, views

app_name = "events"

urlpatterns = [
    # finding events and calendars
    path("", list_views.event_list, name="list"),
    path("kalender/", list_views.month_calendar, name="calendar"),
    path("kalender/abo/", calendar_views.calendar_subscription, name="calendar_subscription"),
    path("<int:pk>/termin.ics", calendar_views.event_ics, name="ics"),
    path(
        "feeds/organisation/<slug:slug>.ics",
        calendar_views.organisation_feed,
        name="feed_organisation",
    ),
    path("feeds/ort/<slug:slug>.ics", calendar_views.municipality_feed, name="feed_municipality"),
    path("feeds/meine/<str:token>.ics", calendar_views.personal_feed, name="feed_personal"),
    # publishing
    path("neu/", views.create, name="create"),
    path("meine/", views.mine, name="mine"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bearbeiten/", views.edit, name="edit"),
    path("<int:pk>/einreichen/", views.submit, name="submit"),
    path("<int:pk>/zurueckholen/", views.retract, name="retract"),
    path("<int:pk>/absagen/", views.cancel, name="cancel"),
    path("<int:pk>/pruefen/", views.review, name="review"),
    # registering, the waiting list
    path("<int:pk>/anmelden/", registration_views.register, name="register"),
    path("meine-anmeldungen/", registration_views.my_registrations, name="my_registrations"),
    path("anmeldung/<str:token>/", registration_views.manage, name="registration"),
    path(
        "anmeldung/<str:token>/bestaetigen/",
        registration_views.confirm_email,
        name="confirm_email",
    ),
    path(
        "anmeldung/<str:token>/annehmen/",
        registration_views.accept_offer_by_token,
        name="accept_offer_by_token",
    ),
    path(
        "anmeldung/<str:token>/abmelden/",
        registration_views.cancel_by_token,
        name="cancel_by_token",
    ),
    path("anmeldungen/<int:pk>/annehmen/", registration_views.accept_offer, name="accept_offer"),
    path("anmeldungen/<int:pk>/abmelden/", registration_views.cancel, name="cancel_registration"),
    path(
        "anmeldungen/<int:pk>/absagen/",
        registration_views.cancel_by_organiser,
        name="cancel_by_organiser",
    ),
    # the organiser's side: participants, the door, exports, messages, the closing report
    path("<int:pk>/teilnehmende/", organiser_views.participants, name="participants"),
    path("<int:pk>/einlass/", organiser_views.checkin_page, name="checkin"),
    path("<int:pk>/einlass/<int:registration_pk>/", organiser_views.mark, name="checkin_mark"),
    path(
        "<int:pk>/anmeldungen/<int:registration_pk>/qr.svg",
        organiser_views.checkin_qr,
        name="checkin_qr",
    ),
    path("<int:pk>/anmeldungen.<str:fmt>", organiser_views.export, name="export"),
    path("<int:pk>/nachricht/", organiser_views.message_participants, name="message_participants"),
    path("<int:pk>/bericht/", organiser_views.report_page, name="report"),
]
