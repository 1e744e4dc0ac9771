"""URLs of the answering part (included by urls.py under /standortbestimmung/)."""

from django.urls import URLPattern, path

from . import answering_delegation_views as delegation_views
from . import answering_views as views
from . import population_views

SECTION = "<int:pk>/beantworten/<int:group_pk>/<int:area_pk>/"

urlpatterns: list[URLPattern] = [
    path("", views.index, name="index"),
    path("neu/<slug:slug>/", views.start, name="start"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/gruppe/", views.add_group, name="add_group"),
    path("<int:pk>/uebertragen/", delegation_views.delegate, name="delegate"),
    path(
        "<int:pk>/uebertragen/<int:delegation_pk>/zuruecknehmen/",
        delegation_views.revoke,
        name="revoke",
    ),
    path(SECTION, views.answer_section, name="answer"),
    path(SECTION + "frage/<int:question_pk>/", views.autosave, name="autosave"),
    path("<int:pk>/abschliessen/", views.close, name="close"),
    path("<int:pk>/wieder-oeffnen/", views.reopen, name="reopen"),
    path("<int:pk>/teilen/", views.share, name="share"),
    path("einladung/<str:token>/", delegation_views.invitation, name="invitation"),
    path("einwohnerzahl/<slug:town>/", population_views.population, name="population"),
]
