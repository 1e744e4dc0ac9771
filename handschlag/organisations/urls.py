from django.urls import path

from . import contact_views, views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("neu/", views.organisation_create, name="create"),
    path("einladung/<slug:token>/", views.invitation_accept, name="invitation"),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
    path("<slug:slug>/bearbeiten/", views.organisation_edit, name="edit"),
    path("<slug:slug>/beitreten/", views.organisation_join, name="join"),
    path("<slug:slug>/verlassen/", views.organisation_leave, name="leave"),
    path("<slug:slug>/verifizieren/", views.organisation_verify, name="verify"),
    path("<slug:slug>/art-ablehnen/", views.organisation_decline_kind, name="decline_kind"),
    path("<slug:slug>/mitglieder/", views.organisation_members, name="members"),
    path("<slug:slug>/ansprechperson/", contact_views.contact_person, name="contact_person"),
    path("<slug:slug>/mitglieder/<int:pk>/rolle/", views.member_role, name="member_role"),
    path("<slug:slug>/mitglieder/<int:pk>/entfernen/", views.member_remove, name="member_remove"),
    path("<slug:slug>/anfragen/<int:pk>/", views.join_request_decide, name="join_request_decide"),
]
