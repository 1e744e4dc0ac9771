import pytest
from django.urls import reverse

from tests import factories
from tests.blog.page_structure import assert_well_formed_page
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_notification_pages_have_ordered_headings_and_labelled_fields(user):
    factories.NotificationFactory.create_batch(2, recipient=user)
    client = client_for(user)
    for url in [reverse("notifications:list"), reverse("notifications:settings")]:
        assert_well_formed_page(client.get(url).content.decode())
