"""Pages of the joining part."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
