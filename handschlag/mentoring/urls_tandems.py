"""Pages of the tandems part."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
