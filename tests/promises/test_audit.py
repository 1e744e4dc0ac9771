"""Writes on promises that are not state transitions are in the audit log (transitions are in
each object's state history)."""

import datetime

import pytest
from django.utils import timezone

from handschlag.audit.models import AuditEntry
from handschlag.audit.selectors import entries_about
from handschlag.blog import services as blog_services
from handschlag.promises import services
from handschlag.promises.models import Category
from tests import factories

pytestmark = pytest.mark.django_db


def verbs_about(obj):
    return list(entries_about(obj).values_list("verb", "actor"))


def test_creating_changing_and_applying_are_recorded(user):
    promise = services.create_promise(
        by=user, title="Räume", description="Ein Saal", category=Category.SPACE,
        condition="… wenn", report_requirements="Foto", capacity=2, quantity=2,
        deadline=timezone.localdate() + datetime.timedelta(days=30),
    )  # fmt: skip
    services.update_promise(promise=promise, by=user, title="Zwei Räume")
    assert verbs_about(promise) == [
        ("promises.create_promise", user.pk),
        ("promises.change_promise", user.pk),
    ]
    assert AuditEntry.objects.get(verb="promises.change_promise").details == {"fields": ["title"]}

    applicant = factories.UserFactory()
    published = factories.PromiseFactory()
    redemption = services.apply_for_promise(
        promise=published, by=applicant, plan="Wir nutzen sie.", quantity=1
    )
    assert verbs_about(redemption) == [("promises.apply", applicant.pk)]


def test_editorial_posts_record_who_wrote_and_edited_them(moderator):
    post = blog_services.create_editorial_post(by=moderator, title="Neu", body="Text")
    blog_services.update_editorial_post(post=post, by=moderator, title="Neuer", body="Text")
    assert verbs_about(post) == [
        ("blog.write_post", moderator.pk),
        ("blog.edit_post", moderator.pk),
    ]
