"""Writes of blog posts: reports published from redemptions, editorial posts by moderators,
and withdrawing any post."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from handschlag.audit.services import record
from handschlag.core.errors import DomainError
from handschlag.notifications.services import notify
from handschlag.promises import services as promise_services
from handschlag.promises.models import REPORT_SECTION_KEYS, Promise, Redemption

from . import messages
from .models import Post
from .slugs import german_slugify

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
    base = german_slugify(title)[:200].strip("-") or "beitrag"
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


@transaction.atomic
def write_report_draft(*, by: User, title: str, teaser: str, body: str, byline: str) -> Post:
    """A report post written elsewhere on the platform (an event's closing report), kept
    unpublished until a moderator publishes it with `publish_post`. The calling service has
    checked that `by` may write it."""
    post = Post.objects.create(
        kind=Post.Kind.REPORT,
        title=Truncator(title).chars(200),
        slug=unique_slug(title),
        teaser=Truncator(teaser).chars(400),
        body=body,
        author=by,
        byline=byline,
    )
    record(actor=by, verb=WRITTEN, target=post)
    return post


@transaction.atomic
def publish_post(*, post: Post, by: User) -> Post:
    """A moderator publishes a report draft written with `write_report_draft`."""
    _require("blog.publish_report", by)
    if post.published_at is not None:
        raise DomainError(_("Dieser Beitrag ist bereits veröffentlicht."), code="wrong_state")
    _publish(post, by=by)
    return post


def _report_title(redemption: Redemption, *, redeemer: str = "") -> str:
    """The title reports had before they had their own: "Redeemer: promise". Still used for
    a report without a title (written before titles existed)."""
    title = _("%(redeemer)s: %(promise)s") % {
        "redeemer": redeemer or redemption.redeemer_name,
        "promise": redemption.promise.title,
    }
    return Truncator(title).chars(200)


def _post_content(redemption: Redemption) -> dict[str, object]:
    """A report post's title, lead, sections and plain-text body, from the redemption."""
    content = promise_services.ReportContent.of(redemption)
    sections = [
        {"key": key, "text": getattr(content, key).strip()}
        for key in REPORT_SECTION_KEYS
        if getattr(content, key).strip()
    ]
    return {
        "title": content.title.strip() or _report_title(redemption),
        "teaser": Truncator(content.lead.strip()).chars(400),
        "sections": sections,
        "body": "\n\n".join(str(section["text"]) for section in sections),
    }


@transaction.atomic
def publish_report(
    *,
    redemption: Redemption,
    by: User,
    content: promise_services.ReportContent | None = None,
    alt_texts: Mapping[int, str] | None = None,
) -> Post:
    """A moderator publishes a confirmed report (with consent) as a blog post, with their
    edits (`content`, the photos' `alt_texts`) if given; the redeemer and the promisers are
    told. Its address is made from its title once and stays."""
    _require("blog.publish_report", by)
    if content is not None:
        promise_services.edit_report(
            redemption=redemption, by=by, content=content, alt_texts=alt_texts
        )
    promise_services.mark_report_published(redemption=redemption, by=by)
    fields = _post_content(redemption)
    post = Post.objects.create(
        kind=Post.Kind.REPORT,
        slug=unique_slug(str(fields["title"])),
        promise=redemption.promise,
        redemption=redemption,
        byline=redemption.redeemer_name,
        published_at=timezone.now(),
        **fields,
    )
    record(actor=by, verb=REPORT_PUBLISHED, target=post, redemption=redemption.pk)
    promise = redemption.promise
    notify(
        to=[redemption.applicant],
        kind=messages.REPORT_PUBLISHED.key,
        params={"promise": promise.title},
        url=post.get_absolute_url(),
    )
    promisers = [p for p in promise_services.promisers(promise) if p != redemption.applicant]
    notify(
        to=promisers,
        kind=messages.REPORT_ON_PROMISE_PUBLISHED.key,
        params={"promise": promise.title, "name": redemption.redeemer_name},
        url=post.get_absolute_url(),
    )
    return post


def preview_report(
    redemption: Redemption, *, content: promise_services.ReportContent | None = None
) -> Post:
    """The post `publish_report` would make with `content`, unsaved (the moderator's
    preview); nothing is written."""
    if content is not None:
        redemption = copy.copy(redemption)
        for name, value in content.fields().items():
            setattr(redemption, name, value)
        redemption.report_text = ""
    return Post(
        kind=Post.Kind.REPORT,
        promise=redemption.promise,
        redemption=redemption,
        byline=redemption.redeemer_name,
        **_post_content(redemption),
    )


def anonymise_reports_of(user: User) -> int:
    """Erase handler: the person's published reports stop naming them. A personal report
    names them as the deleted account will ("Mitglied #…") in its byline; any of their
    reports whose title names them (as the titles made before reports had their own did) gets
    that name replaced in title and address. Reports made for an organisation keep the
    organisation's name as byline. Returns how many posts changed."""
    posts = Post.objects.filter(redemption__applicant=user).select_related(
        "redemption__promise", "redemption__organisation"
    )
    changed = 0
    for post in posts:
        redemption = post.redemption
        assert redemption is not None  # the filter follows it
        personal = redemption.organisation_id is None
        before = (post.title, post.byline)
        if personal and post.title == _report_title(redemption):
            post.title = _report_title(redemption, redeemer=user.anonymous_name)
        elif user.public_name and user.public_name in post.title:
            post.title = post.title.replace(user.public_name, user.anonymous_name)
        if personal:
            post.byline = user.anonymous_name
        if (post.title, post.byline) == before:
            continue
        if post.title != before[0]:
            post.slug = unique_slug(post.title, exclude_pk=post.pk)
        post.save(update_fields=["title", "slug", "byline", "updated_at"])
        changed += 1
    Post.objects.filter(author=user).update(author=None)
    return changed
