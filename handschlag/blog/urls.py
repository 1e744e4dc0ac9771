from django.urls import path

from . import feeds, review_views, views

app_name = "blog"
urlpatterns = [
    path("", views.post_list, name="list"),
    path("feed/rss/", feeds.RssFeed(), name="rss"),
    path("feed/atom/", feeds.AtomFeed(), name="atom"),
    path("neu/", views.post_create, name="create"),
    path("berichte/<int:pk>/pruefen/", review_views.report_review, name="review_report"),
    path("<slug:slug>/", views.post_detail, name="detail"),
    path("<slug:slug>/bearbeiten/", views.post_edit, name="edit"),
    path("<slug:slug>/zurueckziehen/", views.post_unpublish, name="unpublish"),
]
