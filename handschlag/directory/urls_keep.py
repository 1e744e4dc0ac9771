"""/portal/: keep pages (filled by its part)."""

from django.urls import path

from . import keep_views

urlpatterns: list = [
    path("pruefen/<str:token>/", keep_views.check, name="check"),
]
