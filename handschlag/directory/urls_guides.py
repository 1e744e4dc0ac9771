from django.urls import path

from . import guides_views as g
from . import translations_views as t

EDIT = "<slug:slug>/redaktion/wegweiser/"
WORK = "<slug:slug>/redaktion/uebersetzungen/"

urlpatterns = [
    path(EDIT, g.overview, name="guide_editor"),
    path(f"{EDIT}thema/<int:pk>/", g.topic_edit, name="guide_topic_edit"),
    path(f"{EDIT}thema/<int:pk>/verschieben/", g.topic_move, name="guide_topic_move"),
    path(f"{EDIT}thema/<int:pk>/loeschen/", g.topic_delete, name="guide_topic_delete"),
    path(f"{EDIT}seite/<int:pk>/", g.page_edit, name="guide_page_edit"),
    path(f"{EDIT}seite/<int:pk>/veroeffentlichen/", g.page_publish, name="guide_page_publish"),
    path(f"{EDIT}seite/<int:pk>/verschieben/", g.page_move, name="guide_page_move"),
    path(f"{EDIT}abschnitt/<int:pk>/", g.section_edit, name="guide_section_edit"),
    path(f"{EDIT}abschnitt/<int:pk>/verschieben/", g.section_move, name="guide_section_move"),
    path(f"{EDIT}abschnitt/<int:pk>/loeschen/", g.section_delete, name="guide_section_delete"),
    path(WORK, t.workspace, name="translations"),
    path(f"{WORK}maschinell/", t.machine, name="translations_machine"),
    path(f"{WORK}<str:kind>/<int:pk>/<str:language>/", t.translate_object, name="translate"),
]
