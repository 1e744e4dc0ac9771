from django.urls import path

from . import feeds, views

app_name = "needs"

urlpatterns = [
    path("", views.need_list, name="list"),
    path("neu/", views.need_create, name="create"),
    path("meine/", views.mine, name="mine"),
    path("feed/rss/", feeds.RssFeed(), name="rss"),
    path("feed/atom/", feeds.AtomFeed(), name="atom"),
    path("<int:pk>/", views.need_detail, name="detail"),
    path("<int:pk>/bearbeiten/", views.need_edit, name="edit"),
    path("<int:pk>/einreichen/", views.need_submit, name="submit"),
    path("<int:pk>/zurueckziehen/", views.need_withdraw, name="withdraw"),
    path("<int:pk>/schliessen/", views.need_close, name="close"),
    path("<int:pk>/passende-versprechen/", views.find_promises, name="find"),
    path("<int:pk>/versprechen/", views.answer, name="answer"),
    path("<int:pk>/pruefen/", views.review, name="review"),
    path("vorschlag/<int:pk>/bewerben/", views.proposal_apply, name="proposal_apply"),
    path("vorschlag/<int:pk>/ablehnen/", views.proposal_decline, name="proposal_decline"),
]
