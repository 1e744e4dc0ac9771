"""Reads of blog posts, shaped so that list pages run a constant number of queries."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.http import Http404

from handschlag.promises.models import Redemption, ReportPhoto

from .models import Post, PostQuerySet
from .registry import post_photo_sources

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from handschlag.accounts.models import User


def published_posts(*, kind: str = "") -> PostQuerySet:
    """Published posts, newest first, with what a card shows (the promise) joined in."""
    posts = Post.objects.published().select_related("promise")
    if kind:
        posts = posts.filter(kind=kind)
    return posts.order_by("-published_at", "-pk")


def post_for_reader(*, slug: str, user: User | AnonymousUser) -> Post:
    """The post at `slug` if `user` may read it: published, or any post for moderators.

    Raises Http404 otherwise, so unpublished posts do not reveal that they exist.
    """
    posts = Post.objects.select_related("promise__municipality", "redemption")
    if not user.has_perm("blog.view_unpublished_posts"):
        posts = posts.published()
    post = posts.filter(slug=slug).first()
    if post is None:
        raise Http404
    return post


def post_photos(post: Post) -> list:
    """The report's photos (empty for editorial posts)."""
    if post.kind != Post.Kind.REPORT:
        return []
    if post.redemption_id is None:
        for source in post_photo_sources:
            photos = source.photos(post)
            if photos:
                return photos
        return []
    return list(ReportPhoto.objects.filter(redemption_id=post.redemption_id))


def reports_awaiting_publication() -> QuerySet[Redemption]:
    """Confirmed redemptions whose authors agreed to publication and that have no post yet."""
    return (
        Redemption.objects.filter(
            state=Redemption.State.CONFIRMED, report_consent=True, post__isnull=True
        )
        .select_related("promise", "applicant", "organisation")
        .order_by("confirmed_at", "pk")
    )


def promise_reports(promise: Any, user: Any) -> dict[str, Any]:
    """The published reports of a promise, for its page."""
    posts = Post.objects.published().filter(promise=promise).order_by("-published_at", "-pk")
    return {"reports": list(posts)}
