"""Reads of blog posts, shaped so that list pages run a constant number of queries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from handschlag.accounts.rules import is_moderator

from .models import Post, PostQuerySet

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
    if not is_moderator(user):
        posts = posts.published()
    post = posts.filter(slug=slug).first()
    if post is None:
        raise Http404
    return post


def post_photos(post: Post) -> list:
    """The report's photos (empty for editorial posts)."""
    if post.kind != Post.Kind.REPORT or post.redemption_id is None:
        return []
    from handschlag.promises.models import ReportPhoto

    return list(ReportPhoto.objects.filter(redemption_id=post.redemption_id))
