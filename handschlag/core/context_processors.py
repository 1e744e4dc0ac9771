from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language_bidi


def site(request: HttpRequest) -> dict:
    return {"SITE_URL": settings.SITE_URL, "LANGUAGE_BIDI": get_language_bidi()}
