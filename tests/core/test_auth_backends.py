import pytest
from django.contrib.auth.models import Permission

from tests import factories

pytestmark = pytest.mark.django_db


def test_a_rules_permission_is_answered_without_loading_model_permissions(
    django_assert_num_queries,
):
    user = factories.UserFactory()
    with django_assert_num_queries(0):
        assert not user.has_perm("moderation.view_queues")
        assert not user.has_perm("blog.write_post")


def test_model_permissions_still_work_for_the_admin():
    staff = factories.UserFactory(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="change_promise"))
    staff = type(staff).objects.get(pk=staff.pk)  # a fresh object: no cached permissions
    assert staff.has_perm("promises.change_promise")
    assert not staff.has_perm("promises.delete_promise")
