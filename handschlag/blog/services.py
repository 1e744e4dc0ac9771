"""Writes of blog posts: editorial posts by moderators, and withdrawing any post."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from handschlag.accounts.rules import is_moderator
from handschlag.core.errors import DomainError
from handschlag.moderation.models import ModerationAction
from handschlag.moderation.services import record_action

from .models import Post

if TYPE_CHECKING:
    from handschlag.accounts.models import User
    from handschlag.promises.models import Promise


# First path segments under /blog/ that are pages, not posts.
RESERVED_SLUGS = {"neu", "feed"}


def unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    """A slug made from `title`, with a number appended when it is already taken."""
    base = slugify(title)[:200] or "beitrag"
    if base in RESERVED_SLUGS:
        base = f"{base}-beitrag"
    taken = Post.objects.filter(slug__startswith=base)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    existing = set(taken.values_list("slug", flat=True))
    slug, number = base, 2
    while slug in existing:
        slug = f"{base}-{number}"
        number += 1
    return slug


def _require_moderator(user: User) -> None:
    if not is_moderator(user):
        raise PermissionDenied


def _check_promise(promise: Promise | None) -> None:
    if promise is not None and promise.state not in promise.PUBLIC_STATES:
        raise DomainError(_("Nur öffentliche Versprechen können verknüpft werden."))


def _publish(post: Post, *, by: User) -> None:
    post.published_at = timezone.now()
    post.save(update_fields=["published_at", "updated_at"])
    record_action(moderator=by, action=ModerationAction.Action.PUBLISH_POST, target=post)


@transaction.atomic
def create_editorial_post(
    *,
    by: User,
    title: str,
    body: str,
    teaser: str = "",
    promise: Promise | None = None,
    publish: bool = False,
) -> Post:
    """A moderator writes an editorial post, published at once or kept as a draft."""
    _require_moderator(by)
    _check_promise(promise)
    post = Post.objects.create(
        kind=Post.Kind.EDITORIAL,
        title=title,
        slug=unique_slug(title),
        teaser=teaser,
        body=body,
        promise=promise,
        author=by,
        byline=_("Redaktion"),
    )
    if publish:
        _publish(post, by=by)
    return post


@transaction.atomic
def update_editorial_post(
    *,
    post: Post,
    by: User,
    title: str,
    body: str,
    teaser: str = "",
    promise: Promise | None = None,
    publish: bool = False,
) -> Post:
    """A moderator edits an editorial post; `publish` publishes a draft or withdraws a post."""
    _require_moderator(by)
    if post.kind != Post.Kind.EDITORIAL:
        raise DomainError(_("Nur redaktionelle Beiträge können hier bearbeitet werden."))
    _check_promise(promise)
    post.title, post.teaser, post.body, post.promise = title, teaser, body, promise
    post.save(update_fields=["title", "teaser", "body", "promise", "updated_at"])
    if publish and post.published_at is None:
        _publish(post, by=by)
    elif not publish and post.published_at is not None:
        unpublish_post(post=post, by=by)
    return post


@transaction.atomic
def unpublish_post(*, post: Post, by: User, comment: str = "") -> Post:
    """A moderator takes a published post (report or editorial) off the blog."""
    _require_moderator(by)
    if post.published_at is None:
        raise DomainError(_("Dieser Beitrag ist nicht veröffentlicht."), code="wrong_state")
    post.published_at = None
    post.save(update_fields=["published_at", "updated_at"])
    record_action(
        moderator=by, action=ModerationAction.Action.UNPUBLISH_POST, target=post, comment=comment
    )
    return post
