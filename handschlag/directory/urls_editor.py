"""/portal/<town>/redaktion/…: the editor's part — the home with the offers and what to do
next, the portal's settings and translators, offers (with places, hours, status, history),
providers and places."""

from django.urls import path

from . import editor_catalog_views, editor_hours_views, editor_offer_views, editor_views

R = "<slug:slug>/redaktion/"
OFFER = R + "angebote/<int:pk>/"

urlpatterns = [
    path(R, editor_views.home, name="editor_home"),
    path(R + "portal-anlegen/", editor_views.portal_create, name="portal_create"),
    path(R + "einstellungen/", editor_views.portal_settings, name="portal_settings"),
    path(R + "einstellungen/veroeffentlichen/", editor_views.portal_publish, name="portal_publish"),
    path(R + "uebersetzung/", editor_views.translators, name="translators"),
    path(
        R + "uebersetzung/<int:pk>/entziehen/",
        editor_views.translator_revoke,
        name="translator_revoke",
    ),
    path(R + "angebote/neu/", editor_offer_views.offer_create, name="offer_create"),
    path(OFFER, editor_offer_views.offer_edit, name="offer_edit"),
    path(OFFER + "status/", editor_offer_views.offer_status, name="offer_status"),
    path(OFFER + "veroeffentlichen/", editor_offer_views.offer_publish, name="offer_publish"),
    path(OFFER + "loeschen/", editor_offer_views.offer_delete, name="offer_delete"),
    path(OFFER + "verlauf/", editor_offer_views.offer_history, name="offer_history"),
    path(OFFER + "orte/", editor_hours_views.offer_places, name="offer_places"),
    path(OFFER + "orte/<int:place>/", editor_hours_views.offer_hours, name="offer_hours"),
    path(
        OFFER + "orte/<int:place>/entfernen/",
        editor_hours_views.offer_place_remove,
        name="offer_place_remove",
    ),
    path(R + "anbieter/", editor_catalog_views.provider_list, name="provider_list"),
    path(R + "anbieter/neu/", editor_catalog_views.provider_create, name="provider_create"),
    path(R + "anbieter/<int:pk>/", editor_catalog_views.provider_edit, name="provider_edit"),
    path(R + "orte/", editor_catalog_views.location_list, name="location_list"),
    path(R + "orte/neu/", editor_catalog_views.location_create, name="location_create"),
    path(R + "orte/<int:pk>/", editor_catalog_views.location_edit, name="location_edit"),
]
