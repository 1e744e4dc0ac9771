"""Where the photos of a report post come from when it is not a promise report: an app that
writes report posts (events: closing reports) registers a source in `AppConfig.ready()`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from handschlag.core.registry import Registry


@dataclass(frozen=True)
class PhotoSource:
    """`photos(post)` returns the post's photos (each with `.image.url` and `.alt_text`), or
    an empty list when the post is not one of this app's."""

    key: str
    photos: Callable[[Any], list[Any]]


post_photo_sources: Registry[PhotoSource] = Registry("blog photo sources")
