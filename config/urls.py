import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from handschlag.api.api import api
from handschlag.core import media
from handschlag.core import views as core_views
from handschlag.directory import keep_views
from handschlag.site import views as site_views

urlpatterns = [
    path("", site_views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("konto/", include("allauth.urls")),
    path("konto/", include("handschlag.accounts.urls")),
    path("orte/", include("handschlag.places.urls")),
    path("orte/<slug:slug>/", site_views.municipality, name="municipality"),
    path("orte/<slug:slug>/aehnliche/", site_views.municipality_like, name="towns_like"),
    path("organisationen/", include("handschlag.organisations.urls")),
    path("versprechen/", include("handschlag.promises.urls")),
    path("blog/", include("handschlag.blog.urls")),
    path("bedarfe/", include("handschlag.needs.urls")),
    path("veranstaltungen/", include("handschlag.events.urls")),
    path("mentoring/", include("handschlag.mentoring.urls")),
    path("standortbestimmung/", include("handschlag.assessment.urls")),
    path("massnahmen/", include("handschlag.measures.urls")),
    path("portal/", include("handschlag.directory.urls")),
    # codes are token_urlsafe: a slug; anything else (a NUL: a DataError on PostgreSQL) is a 404
    path("k/<slug:code>", keep_views.short_link, name="short_link"),  # directory: keep
    path("benachrichtigungen/", include("handschlag.notifications.urls")),
    path("moderation/", include("handschlag.moderation.urls")),
    path("gespraeche/", include("handschlag.conversations.urls")),
    path("api/v1/", api.urls),
    path("verwaltung/", admin.site.urls),
    path("datenschutz/", core_views.privacy, name="privacy"),
    path("impressum/", core_views.imprint, name="imprint"),
    path("lesbarkeit/", core_views.readability_check, name="readability"),
]

# Uploads go through a permission check (handschlag/core/media.py): Django sends the file in
# development, the web server in production (MEDIA_ACCEL_REDIRECT_PREFIX). An absolute
# MEDIA_URL (another host) is served there.
if not settings.MEDIA_URL.startswith(("http://", "https://", "//")):
    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            media.serve,
            name="media",
        )
    ]

handler403 = "handschlag.core.views.permission_denied"
handler404 = "handschlag.core.views.page_not_found"
handler500 = "handschlag.core.views.server_error"
