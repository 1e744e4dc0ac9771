import pytest
from django.urls import reverse

from handschlag.blog.models import Post
from handschlag.promises.models import Redemption
from tests import factories
from tests.conftest import client_for

from .page_structure import assert_well_formed_page

pytestmark = pytest.mark.django_db


def test_blog_pages_have_ordered_headings_and_labelled_fields(client, moderator):
    promise = factories.PromiseFactory()
    redemption = factories.RedemptionFactory(promise=promise, state=Redemption.State.PUBLISHED)
    factories.ReportPhotoFactory(redemption=redemption)
    report = factories.PostFactory(kind=Post.Kind.REPORT, promise=promise, redemption=redemption)
    editorial = factories.PostFactory()
    for url in [reverse("blog:list"), report.get_absolute_url(), editorial.get_absolute_url()]:
        assert_well_formed_page(client.get(url).content.decode())
    staff = client_for(moderator)
    for url in [reverse("blog:create"), reverse("blog:edit", args=[editorial.slug])]:
        assert_well_formed_page(staff.get(url).content.decode())
    invalid = staff.post(reverse("blog:create"), {"title": ""})
    assert_well_formed_page(invalid.content.decode())
