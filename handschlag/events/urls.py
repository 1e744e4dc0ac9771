from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    # publishing (evpub)
    path("neu/", views.create, name="create"),
    path("meine/", views.mine, name="mine"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bearbeiten/", views.edit, name="edit"),
    path("<int:pk>/einreichen/", views.submit, name="submit"),
    path("<int:pk>/zurueckholen/", views.retract, name="retract"),
    path("<int:pk>/absagen/", views.cancel, name="cancel"),
    path("<int:pk>/pruefen/", views.review, name="review"),
]
