"""The site's URLs with stand-ins for the parts built on other branches: the measure's page
("measures:detail") and taking a measure into the plan ("assessment:adopt"), so the results
tests can see the links the results page makes once those parts are mounted."""

from django.http import HttpResponse
from django.urls import include, path

from config import urls as site
from handschlag.assessment import urls as assessment_urls


def stand_in(request, *args, **kwargs):
    return HttpResponse("stand-in")


_assessment = [
    *assessment_urls.urlpatterns,
    path("<slug:town>/plan/nachmachen/<slug:measure>/", stand_in, name="adopt"),
]
_measures = [path("<slug:slug>/", stand_in, name="detail")]
urlpatterns = [
    path("standortbestimmung/", include((_assessment, "assessment"))),
    path("massnahmen/", include((_measures, "measures"))),
    *(
        pattern
        for pattern in site.urlpatterns
        if str(pattern.pattern) not in ("standortbestimmung/", "massnahmen/")
    ),
]
