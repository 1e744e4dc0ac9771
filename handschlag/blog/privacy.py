"""The blog's part of a person's data export and account deletion."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .models import Post
from .services import anonymise_reports_of

if TYPE_CHECKING:
    from handschlag.accounts.models import User


def export(user: User) -> dict[str, Any]:
    return {
        "posts": [
            {"title": p.title, "published_at": p.published_at}
            for p in Post.objects.filter(author=user)
        ]
    }


def erase(user: User) -> None:
    anonymise_reports_of(user)
