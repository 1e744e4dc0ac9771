"""Pages of the rounds part."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
