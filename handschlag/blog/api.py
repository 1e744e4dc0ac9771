"""Public read API of the blog: published posts only."""

import datetime
from typing import Literal

from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from handschlag.core.pagination import (
    DETAIL_RESPONSES,
    LIST_RESPONSES,
    CappedPageNumberPagination,
)

from . import selectors
from .models import Post, PostQuerySet

router = Router(tags=["blog"])


class PromiseRef(Schema):
    id: int
    title: str
    url: str


class SectionOut(Schema):
    """One section of a report: its key (happened, worked, differently, advice), its heading
    in the reader's language and its text."""

    key: str
    heading: str
    text: str


class PostOut(Schema):
    title: str
    slug: str
    kind: str
    teaser: str
    body: str
    sections: list[SectionOut]
    byline: str
    published_at: datetime.datetime
    promise: PromiseRef | None
    url: str

    @staticmethod
    def resolve_promise(obj: Post) -> dict | None:
        if obj.promise is None:
            return None
        return {
            "id": obj.promise.pk,
            "title": obj.promise.title,
            "url": obj.promise.get_absolute_url(),
        }

    @staticmethod
    def resolve_sections(obj: Post) -> list[dict[str, str]]:
        return [
            {"key": key, "heading": heading, "text": text}
            for key, heading, text in obj.section_items
        ]

    @staticmethod
    def resolve_url(obj: Post) -> str:
        return obj.get_absolute_url()


@router.get("", response=list[PostOut], openapi_extra=LIST_RESPONSES)
@paginate(CappedPageNumberPagination, page_size=20)
def list_posts(
    request: HttpRequest, kind: Literal["report", "editorial"] | None = None
) -> PostQuerySet:
    """Published posts, newest first; `kind` filters reports or editorial posts."""
    return selectors.published_posts(kind=kind or "")


@router.get("/{slug}", response=PostOut, openapi_extra=DETAIL_RESPONSES)
def get_post(request: HttpRequest, slug: str) -> Post:
    post = selectors.published_posts().filter(slug=slug).first()
    if post is None:
        raise Http404
    return post
