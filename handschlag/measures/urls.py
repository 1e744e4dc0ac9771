"""/massnahmen/: the measures library."""

from django.urls import URLPattern

app_name = "measures"
urlpatterns: list[URLPattern] = []
