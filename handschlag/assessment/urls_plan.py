"""URLs of the plan part (included by urls.py under /standortbestimmung/)."""

from django.urls import URLPattern, path

from . import plans_views as views

_item = "plan/<slug:town>/vorhaben/<int:pk>/"
_milestone = f"{_item}meilensteine/<int:milestone>/"

urlpatterns: list[URLPattern] = [
    path("plan/<slug:town>/", views.plan, name="plan"),
    path("plan/<slug:town>/neu/", views.item_add, name="plan_item_add"),
    path("plan/<slug:town>/nachmachen/<slug:measure>/", views.adopt, name="adopt"),
    path(_item, views.item, name="plan_item"),
    path(f"{_item}bearbeiten/", views.item_edit, name="plan_item_edit"),
    path(f"{_item}stand/<slug:state>/", views.item_move, name="plan_item_move"),
    path(f"{_item}verknuepfungen/", views.item_links, name="plan_item_links"),
    path(f"{_item}meilensteine/", views.milestone_add, name="milestone_add"),
    path(f"{_milestone}erreicht/", views.milestone_tick, name="milestone_tick"),
    path(f"{_milestone}entfernen/", views.milestone_remove, name="milestone_remove"),
]
