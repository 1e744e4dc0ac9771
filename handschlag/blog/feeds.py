"""RSS and Atom feeds of the latest published posts."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from handschlag.core.text import xml_safe

from . import selectors
from .models import Post

FEED_LENGTH = 30


def first_paragraph(text: str) -> str:
    return text.strip().split("\n\n", 1)[0].strip()


class RssFeed(Feed):
    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpRequest:
        """The request is the feed's object: the items need it for absolute links to promises."""
        return request

    def title(self) -> str:
        return _("Handschlag – Blog")

    def description(self) -> str:
        return _("Praxisberichte und Beiträge der Redaktion: was vor Ort gelungen ist.")

    def link(self) -> str:
        return reverse("blog:list")

    def items(self, obj: HttpRequest) -> list[Post]:
        posts = list(selectors.published_posts()[:FEED_LENGTH])
        for post in posts:
            post.promise_url = (  # type: ignore[attr-defined]
                obj.build_absolute_uri(post.promise.get_absolute_url()) if post.promise else ""
            )
        return posts

    # Every text goes through xml_safe: a control character stored before input was cleaned
    # (or by a path that skips it) must not take the whole feed down.
    def item_title(self, item: Post) -> str:
        return xml_safe(item.title)

    def item_description(self, item: Post) -> str:
        # Rendered without the request on purpose: Feed's `description_template` renders each
        # item with a RequestContext, which runs every context processor once per item (for a
        # signed-in reader, one unread-notification query per item).
        context = {
            "item": item,
            "summary": item.teaser or first_paragraph(item.body),
            "promise_url": getattr(item, "promise_url", ""),
        }
        return xml_safe(render_to_string("blog/feed_description.html", context))

    def item_pubdate(self, item: Post) -> datetime.datetime | None:
        return item.published_at

    def item_updateddate(self, item: Post) -> datetime.datetime | None:
        return item.updated_at

    def item_author_name(self, item: Post) -> str:
        return xml_safe(item.byline)


class AtomFeed(RssFeed):
    feed_type = Atom1Feed

    def subtitle(self) -> str:
        return self.description()
