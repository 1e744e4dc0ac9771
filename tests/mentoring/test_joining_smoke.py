import pytest
from django.urls import reverse

from .joining_helpers import client_as

pytestmark = pytest.mark.django_db


def test_pages_render(world):
    client = client_as(world, "site_coordinator")
    for url in (
        reverse("mentoring:index"),
        reverse("mentoring:programme", args=[world.programme.slug]),
        reverse("mentoring:find_site") + "?ort=" + world.site.municipality.slug,
        reverse("mentoring:site_info", args=[world.site.slug]),
        reverse("mentoring:register_mentor", args=[world.site.slug]),
        reverse("mentoring:register_mentee_self", args=[world.site.slug]),
        reverse("mentoring:mentee_registered", args=[world.site.slug]),
        reverse("mentoring:mine"),
        reverse("mentoring:coordination"),
        reverse("mentoring:site", args=[world.site.slug]),
        reverse("mentoring:site_edit", args=[world.site.slug]),
        reverse("mentoring:register_mentee", args=[world.site.slug]),
        reverse("mentoring:mentor", args=[world.mentor.pk]),
        reverse("mentoring:mentee", args=[world.mentee.pk]),
        reverse("mentoring:edit_mentor", args=[world.mentor.pk]),
        reverse("mentoring:edit_mentee", args=[world.mentee.pk]),
        reverse("mentoring:return_mentor", args=[world.mentor.pk]),
        reverse("mentoring:certificate", args=[world.mentor.pk]),
        reverse("mentoring:withdraw_mentor", args=[world.mentor.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
