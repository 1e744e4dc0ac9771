"""URLs of the answering part (included by urls.py under /standortbestimmung/)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
