from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from handschlag.api.api import api
from handschlag.core import views as core_views
from handschlag.site import views as site_views

urlpatterns = [
    path("", site_views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("konto/", include("allauth.urls")),
    path("konto/", include("handschlag.accounts.urls")),
    path("orte/", include("handschlag.places.urls")),
    path("organisationen/", include("handschlag.organisations.urls")),
    path("versprechen/", include("handschlag.promises.urls")),
    path("blog/", include("handschlag.blog.urls")),
    path("benachrichtigungen/", include("handschlag.notifications.urls")),
    path("moderation/", include("handschlag.moderation.urls")),
    path("api/v1/", api.urls),
    path("verwaltung/", admin.site.urls),
    path("datenschutz/", core_views.privacy, name="privacy"),
    path("impressum/", core_views.imprint, name="imprint"),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
else:
    # Media are served by the web server or object storage in production; this keeps a
    # single-machine deployment working until then.
    from django.views.static import serve

    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

handler403 = "handschlag.core.views.permission_denied"
handler404 = "handschlag.core.views.page_not_found"
handler500 = "handschlag.core.views.server_error"
