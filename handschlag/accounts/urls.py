from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("profil/", views.profile, name="profile"),
    path("daten/export/", views.export, name="export"),
    path("daten/loeschen/", views.delete, name="delete"),
]
