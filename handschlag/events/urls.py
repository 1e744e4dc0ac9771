from django.urls import path

from . import organiser_views, views

app_name = "events"

urlpatterns = [
    # publishing (evpub)
    path("neu/", views.create, name="create"),
    path("meine/", views.mine, name="mine"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bearbeiten/", views.edit, name="edit"),
    path("<int:pk>/einreichen/", views.submit, name="submit"),
    path("<int:pk>/zurueckholen/", views.retract, name="retract"),
    path("<int:pk>/absagen/", views.cancel, name="cancel"),
    path("<int:pk>/pruefen/", views.review, name="review"),
]

# the registration part (registration_views.py)
from . import registration_views  # noqa: E402

urlpatterns += [
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
    # the organiser's side (check-in part)
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
