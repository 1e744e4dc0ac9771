from django.urls import path

from . import organiser_views, views

app_name = "events"

urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    # the organiser's side (check-in part)
    path("<int:pk>/teilnehmende/", organiser_views.participants, name="participants"),
    path(
        "<int:pk>/teilnehmende/<int:registration_pk>/absagen/",
        organiser_views.cancel_registration,
        name="cancel_registration_by_organiser",
    ),
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
