"""RSS and Atom feeds of the latest published posts."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from . import selectors
from .models import Post

FEED_LENGTH = 30


def first_paragraph(text: str) -> str:
    return text.strip().split("\n\n", 1)[0].strip()


class RssFeed(Feed):
    # The description is rendered from a template so it can carry an absolute link to
    # the promise, built from the request (the feed has no other way to know the host).
    description_template = "blog/feed_description.html"

    def title(self) -> str:
        return _("Handschlag – Blog")

    def description(self) -> str:
        return _("Praxisberichte und Beiträge der Redaktion: was vor Ort gelungen ist.")

    def link(self) -> str:
        return reverse("blog:list")

    def items(self) -> list[Post]:
        return list(selectors.published_posts()[:FEED_LENGTH])

    def item_title(self, item: Post) -> str:
        return item.title

    def item_pubdate(self, item: Post) -> datetime.datetime | None:
        return item.published_at

    def item_updateddate(self, item: Post) -> datetime.datetime | None:
        return item.updated_at

    def item_author_name(self, item: Post) -> str:
        return item.byline

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        item: Post = kwargs["item"]
        request: HttpRequest = kwargs["request"]
        promise_url = (
            request.build_absolute_uri(item.promise.get_absolute_url()) if item.promise else ""
        )
        summary = item.teaser or first_paragraph(item.body)
        return {**kwargs, "summary": summary, "promise_url": promise_url}


class AtomFeed(RssFeed):
    feed_type = Atom1Feed

    def subtitle(self) -> str:
        return self.description()
