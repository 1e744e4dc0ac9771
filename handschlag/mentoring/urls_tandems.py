"""Pages of the tandems part: the tandem page (with the messages between mentor and mentee) and
its actions, logging, correcting and deleting meetings, the check-in and survey links (without
login), erasing a mentee's data."""

from django.urls import path

from . import meeting_views, survey_views, tandem_views

urlpatterns = [
    path("tandem/<int:pk>/", tandem_views.detail, name="tandem"),
    path("tandem/<int:pk>/kennenlernen/", tandem_views.activate, name="tandem_activate"),
    path("tandem/<int:pk>/pausieren/", tandem_views.pause, name="tandem_pause"),
    path("tandem/<int:pk>/fortsetzen/", tandem_views.resume, name="tandem_resume"),
    path("tandem/<int:pk>/beenden/", tandem_views.end, name="tandem_end"),
    path("tandem/<int:pk>/treffen/", tandem_views.log_meeting, name="meeting_log"),
    path("treffen/<int:pk>/bearbeiten/", meeting_views.edit, name="meeting_edit"),
    path("treffen/<int:pk>/loeschen/", meeting_views.delete, name="meeting_delete"),
    path("tandem/<int:pk>/problem/", tandem_views.report_problem, name="problem_report"),
    path("problem/<int:pk>/erledigt/", tandem_views.problem_handled, name="problem_handled"),
    path("mentee/<int:pk>/daten-loeschen/", tandem_views.erase_mentee, name="erase_mentee"),
    path("wie-laeuft-es/<str:token>/", survey_views.checkin, name="checkin"),
    path(
        "wie-laeuft-es/<str:token>/problem/", survey_views.checkin_problem, name="checkin_problem"
    ),
    path("umfrage/<str:token>/", survey_views.survey, name="survey"),
]
