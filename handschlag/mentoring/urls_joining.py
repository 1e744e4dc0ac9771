"""Pages of the joining part: public pages, registering, "Mein Mentoring", the coordination."""

from django.urls import path

from . import coordination_views as coordination
from . import joining_views as views

MENTOR = {"role": "mentor"}
MENTEE = {"role": "mentee"}

urlpatterns = [
    path("", views.index, name="index"),
    path("programme/<slug:slug>/", views.programme, name="programme"),
    path("standorte/", views.find_site, name="find_site"),
    path("standorte/<slug:slug>/", views.site_info, name="site_info"),
    path("standorte/<slug:slug>/mentor-werden/", views.register_mentor, name="register_mentor"),
    path(
        "standorte/<slug:slug>/begleitung-suchen/",
        views.register_mentee_self,
        name="register_mentee_self",
    ),
    path(
        "standorte/<slug:slug>/begleitung-suchen/gesendet/",
        views.mentee_registered,
        name="mentee_registered",
    ),
    path("mein-mentoring/", views.mine, name="mine"),
    # profiles
    path("mentor/<int:pk>/", coordination.mentor, name="mentor"),
    path("mentor/<int:pk>/bearbeiten/", views.edit_mentor, name="edit_mentor"),
    path("mentor/<int:pk>/zurueckziehen/", views.withdraw_mentor, name="withdraw_mentor"),
    path("mentor/<int:pk>/freigeben/", coordination.approve, MENTOR, name="approve_mentor"),
    path(
        "mentor/<int:pk>/zurueckgeben/",
        coordination.return_profile,
        MENTOR,
        name="return_mentor",
    ),
    path("mentor/<int:pk>/fuehrungszeugnis/", coordination.certificate, name="certificate"),
    path("mentee/<int:pk>/", coordination.mentee, name="mentee"),
    path("mentee/<int:pk>/bearbeiten/", coordination.edit_mentee, name="edit_mentee"),
    path("mentee/<int:pk>/meine-angaben/", views.edit_own_mentee, name="edit_own_mentee"),
    path("mentee/<int:pk>/zurueckziehen/", views.withdraw_mentee, name="withdraw_mentee"),
    path("mentee/<int:pk>/freigeben/", coordination.approve, MENTEE, name="approve_mentee"),
    path(
        "mentee/<int:pk>/zurueckgeben/",
        coordination.return_profile,
        MENTEE,
        name="return_mentee",
    ),
    # coordination
    path("koordination/", coordination.coordination, name="coordination"),
    path("koordination/standorte/<slug:slug>/", coordination.site, name="site"),
    path(
        "koordination/standorte/<slug:slug>/einstellungen/",
        coordination.site_edit,
        name="site_edit",
    ),
    path(
        "koordination/standorte/<slug:slug>/mentee-anmelden/",
        coordination.register_mentee,
        name="register_mentee",
    ),
    path("koordination/traeger/<int:pk>/team/", coordination.team, name="team"),
    path(
        "koordination/traeger/<int:pk>/team/<int:grant>/beenden/",
        coordination.relieve,
        name="relieve",
    ),
]
