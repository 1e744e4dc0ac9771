"""Writes of blog posts: reports published from redemptions, editorial posts by moderators,
and withdrawing any post."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from handschlag.audit.services import record
from handschlag.core.errors import DomainError
from handschlag.notifications.services import notify
from handschlag.promises import services as promise_services
from handschlag.promises.models import Promise, Redemption

from . import messages
from .models import Post

if TYPE_CHECKING:
    from handschlag.accounts.models import User

# Audit verbs (registered in apps.py).
WRITTEN = "blog.write_post"
EDITED = "blog.edit_post"
PUBLISHED = "blog.publish_post"
UNPUBLISHED = "blog.unpublish_post"
REPORT_PUBLISHED = "blog.publish_report"


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


def _require(perm: str, user: User, post: Post | None = None) -> None:
    if not user.has_perm(perm, post):
        raise PermissionDenied


def _check_promise(promise: Promise | None) -> None:
    if promise is not None and promise.state not in promise.PUBLIC_STATES:
        raise DomainError(_("Nur öffentliche Versprechen können verknüpft werden."))


def _publish(post: Post, *, by: User) -> None:
    post.published_at = timezone.now()
    post.save(update_fields=["published_at", "updated_at"])
    record(actor=by, verb=PUBLISHED, target=post)


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
    _require("blog.write_post", by)
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
    record(actor=by, verb=WRITTEN, target=post)
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
    if post.kind != Post.Kind.EDITORIAL:
        raise DomainError(_("Nur redaktionelle Beiträge können hier bearbeitet werden."))
    _require("blog.edit_post", by, post)
    _check_promise(promise)
    post.title, post.teaser, post.body, post.promise = title, teaser, body, promise
    post.save(update_fields=["title", "teaser", "body", "promise", "updated_at"])
    record(actor=by, verb=EDITED, target=post)
    if publish and post.published_at is None:
        _publish(post, by=by)
    elif not publish and post.published_at is not None:
        unpublish_post(post=post, by=by)
    return post


@transaction.atomic
def unpublish_post(*, post: Post, by: User, comment: str = "") -> Post:
    """A moderator takes a published post (report or editorial) off the blog."""
    _require("blog.unpublish_post", by, post)
    if post.published_at is None:
        raise DomainError(_("Dieser Beitrag ist nicht veröffentlicht."), code="wrong_state")
    post.published_at = None
    post.save(update_fields=["published_at", "updated_at"])
    record(actor=by, verb=UNPUBLISHED, target=post, comment=comment)
    return post


def _report_title(redemption: Redemption, *, redeemer: str = "") -> str:
    title = _("%(redeemer)s: %(promise)s") % {
        "redeemer": redeemer or redemption.redeemer_name,
        "promise": redemption.promise.title,
    }
    return Truncator(title).chars(200)


def _report_slug(title: str, redemption: Redemption) -> str:
    return f"{slugify(title)[:200] or 'bericht'}-{redemption.pk}"


@transaction.atomic
def publish_report(*, redemption: Redemption, by: User) -> Post:
    """A moderator publishes a confirmed report (with consent) as a blog post; the redeemer
    and the promisers are told."""
    _require("blog.publish_report", by)
    promise_services.mark_report_published(redemption=redemption, by=by)
    title = _report_title(redemption)
    post = Post.objects.create(
        kind=Post.Kind.REPORT,
        title=title,
        slug=_report_slug(title, redemption),
        teaser=Truncator(redemption.report_text).chars(300),
        body=redemption.report_text,
        promise=redemption.promise,
        redemption=redemption,
        byline=redemption.redeemer_name,
        published_at=timezone.now(),
    )
    record(actor=by, verb=REPORT_PUBLISHED, target=post, redemption=redemption.pk)
    promise = redemption.promise
    notify(
        to=[redemption.applicant, *promise_services.promisers(promise)],
        kind=messages.REPORT_PUBLISHED.key,
        params={"promise": promise.title},
        url=post.get_absolute_url(),
    )
    return post


def anonymise_reports_of(user: User) -> int:
    """Erase handler: the person's personal published reports name them as the deleted
    account will ("Mitglied #…") in title, byline and address. Reports made for an
    organisation keep the organisation's name."""
    posts = Post.objects.filter(
        redemption__applicant=user, redemption__organisation__isnull=True
    ).select_related("redemption__promise")
    for post in posts:
        redemption = post.redemption
        assert redemption is not None  # the filter follows it
        post.title = _report_title(redemption, redeemer=user.anonymous_name)
        post.slug = _report_slug(post.title, redemption)
        post.byline = user.anonymous_name
        post.save(update_fields=["title", "slug", "byline", "updated_at"])
    Post.objects.filter(author=user).update(author=None)
    return len(posts)
