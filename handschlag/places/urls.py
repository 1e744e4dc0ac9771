from django.urls import path

from . import views

app_name = "places"
urlpatterns = [
    path("", views.municipality_list, name="list"),
    path("vorschlaege/", views.municipality_suggestions, name="suggest"),
]
