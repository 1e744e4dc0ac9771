"""Pages of the rounds part: a round, the decisions on its proposals, the rounds of a site and
of a carrier."""

from django.urls import path

from . import rounds_list_views, rounds_swap_views, rounds_views

urlpatterns = [
    path("runden/<int:pk>/", rounds_views.round_page, name="round"),
    path("runden/<int:pk>/fortschritt/", rounds_views.round_progress, name="round_progress"),
    path("runden/<int:pk>/bestaetigen/", rounds_views.confirm, name="round_confirm"),
    path("runden/<int:pk>/verwerfen/", rounds_views.discard, name="round_discard"),
    path("runden/<int:pk>/alle-annehmen/", rounds_views.accept_all, name="round_accept_all"),
    path("vorschlaege/<int:pk>/annehmen/", rounds_views.accept, name="proposal_accept"),
    path("vorschlaege/<int:pk>/ablehnen/", rounds_views.reject, name="proposal_reject"),
    path("vorschlaege/<int:pk>/zuruecknehmen/", rounds_views.reset, name="proposal_reset"),
    path("vorschlaege/<int:pk>/tauschen/", rounds_swap_views.swap, name="proposal_swap"),
    path("standorte/<slug:slug>/runden/", rounds_list_views.site_rounds, name="site_rounds"),
    path("traeger/<int:pk>/runden/", rounds_list_views.carrier_rounds, name="carrier_rounds"),
]
