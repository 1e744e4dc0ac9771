from django.urls import path

from . import redemption_views, review_views, views

app_name = "promises"

urlpatterns = [
    path("", views.promise_list, name="list"),
    path("neu/", views.promise_create, name="create"),
    path("meine/", views.mine, name="mine"),
    path("<int:pk>/", views.promise_detail, name="detail"),
    path("<int:pk>/bearbeiten/", views.promise_edit, name="edit"),
    path("<int:pk>/einreichen/", views.promise_submit, name="submit"),
    path("<int:pk>/zurueckziehen/", views.promise_withdraw, name="withdraw"),
    path("<int:pk>/loeschen/", views.promise_delete, name="delete"),
    path("<int:pk>/nachmachen/", views.promise_copy, name="copy"),
    path("<int:pk>/bewerben/", views.promise_apply, name="apply"),
    path("einloesung/<int:pk>/", redemption_views.redemption_detail, name="redemption"),
    path("einloesung/<int:pk>/annehmen/", redemption_views.accept, name="accept"),
    path("einloesung/<int:pk>/ablehnen/", redemption_views.decline, name="decline"),
    path(
        "einloesung/<int:pk>/zurueckziehen/",
        redemption_views.withdraw,
        name="withdraw_application",
    ),
    path("einloesung/<int:pk>/starten/", redemption_views.start, name="start"),
    path("einloesung/<int:pk>/bericht/", redemption_views.report, name="report"),
    path("einloesung/<int:pk>/bestaetigen/", redemption_views.confirm, name="confirm"),
    path("einloesung/<int:pk>/beanstanden/", redemption_views.dispute, name="dispute"),
    # the moderators' side of the promise queues
    path("<int:pk>/pruefen/", review_views.promise_review, name="review"),
    path("einloesung/<int:pk>/streitfall/", review_views.dispute_review, name="review_dispute"),
]
