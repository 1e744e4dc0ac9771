from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language_bidi

from .versions import content_version


def site(request: HttpRequest) -> dict:
    return {
        "SITE_URL": settings.SITE_URL,
        "LANGUAGE_BIDI": get_language_bidi(),
        # read from the cache only by pages that cache fragments, and only once
        "CONTENT_VERSION": SimpleLazyObject(content_version),
    }
