import pytest
from django.core.exceptions import PermissionDenied

from handschlag.audit.models import AuditEntry
from handschlag.blog import services
from handschlag.blog.models import Post
from handschlag.core.errors import DomainError
from handschlag.promises.models import Promise
from tests import factories

pytestmark = pytest.mark.django_db


def test_moderator_creates_published_editorial_post_and_it_is_logged(moderator):
    promise = factories.PromiseFactory()
    post = services.create_editorial_post(
        by=moderator, title="Gute Nachrichten", body="Text", promise=promise, publish=True
    )
    assert post.kind == Post.Kind.EDITORIAL
    assert post.slug == "gute-nachrichten"
    assert post.published_at is not None and post.promise == promise
    assert post in Post.objects.published()
    log = AuditEntry.objects.order_by("pk").values_list("verb", "actor", "object_id")
    assert list(log) == [
        ("blog.write_post", moderator.pk, post.pk),
        ("blog.publish_post", moderator.pk, post.pk),
    ]


def test_draft_is_not_published_and_only_its_writing_is_logged(moderator):
    post = services.create_editorial_post(by=moderator, title="Entwurf", body="Text")
    assert post.published_at is None
    assert list(AuditEntry.objects.values_list("verb", flat=True)) == ["blog.write_post"]


def test_slugs_stay_unique(moderator):
    first = services.create_editorial_post(by=moderator, title="Gleich", body="a")
    second = services.create_editorial_post(by=moderator, title="Gleich", body="b")
    assert (first.slug, second.slug) == ("gleich", "gleich-2")


def test_slugs_never_shadow_the_blog_pages(moderator):
    post = services.create_editorial_post(by=moderator, title="Neu", body="a", publish=True)
    assert post.slug == "neu-beitrag"


def test_non_moderator_may_not_write_posts(user):
    with pytest.raises(PermissionDenied):
        services.create_editorial_post(by=user, title="Nein", body="Text", publish=True)
    post = factories.PostFactory()
    with pytest.raises(PermissionDenied):
        services.update_editorial_post(post=post, by=user, title="x", body="y", publish=True)
    with pytest.raises(PermissionDenied):
        services.unpublish_post(post=post, by=user)
    assert Post.objects.count() == 1 and Post.objects.published().count() == 1


def test_a_draft_promise_cannot_be_linked(moderator):
    draft = factories.PromiseFactory(state=Promise.State.DRAFT)
    with pytest.raises(DomainError):
        services.create_editorial_post(by=moderator, title="T", body="B", promise=draft)
    assert not Post.objects.exists()


def test_update_publishes_a_draft_and_unchecking_withdraws_it(moderator):
    post = factories.PostFactory(published_at=None)
    services.update_editorial_post(post=post, by=moderator, title="Neu", body="B", publish=True)
    post.refresh_from_db()
    assert post.title == "Neu" and post.published_at is not None
    services.update_editorial_post(post=post, by=moderator, title="Neu", body="B", publish=False)
    post.refresh_from_db()
    assert post.published_at is None
    assert list(AuditEntry.objects.order_by("pk").values_list("verb", flat=True)) == [
        "blog.edit_post",
        "blog.publish_post",
        "blog.edit_post",
        "blog.unpublish_post",
    ]


def test_reports_are_not_edited_as_editorial_posts(moderator):
    report = factories.PostFactory(kind=Post.Kind.REPORT)
    with pytest.raises(DomainError):
        services.update_editorial_post(post=report, by=moderator, title="x", body="y")


def test_unpublish_takes_a_post_off_the_blog_once(moderator):
    post = factories.PostFactory(kind=Post.Kind.REPORT)
    services.unpublish_post(post=post, by=moderator, comment="Datenschutz")
    assert not Post.objects.published().exists()
    entry = AuditEntry.objects.get()
    assert (entry.verb, entry.actor, entry.comment) == (
        "blog.unpublish_post",
        moderator,
        "Datenschutz",
    )
    with pytest.raises(DomainError):
        services.unpublish_post(post=post, by=moderator)
