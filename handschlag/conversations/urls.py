from django.urls import path

from . import views

app_name = "conversations"

urlpatterns = [
    path("nachricht/<int:pk>/", views.message_detail, name="message"),
    path("<str:subject>/<int:pk>/", views.open_thread, name="open"),
    path("<str:subject>/<int:pk>/antworten/", views.reply, name="reply"),
    path("<str:subject>/<int:pk>/schreiben/", views.post_message, name="post"),
    path("<str:subject>/<int:pk>/kontakt/", views.release_contact, name="release_contact"),
    path(
        "<str:subject>/<int:pk>/kontakt/zuruecknehmen/",
        views.revoke_contact,
        name="revoke_contact",
    ),
]
