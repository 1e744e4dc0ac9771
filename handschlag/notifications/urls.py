from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/gelesen/", views.mark_read, name="mark_read"),
    path("alle-gelesen/", views.mark_all_read, name="mark_all_read"),
    path("einstellungen/", views.email_settings, name="settings"),
]
