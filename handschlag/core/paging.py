"""Pages of a list, read only when a template needs them (not when its fragment is cached)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.utils.functional import SimpleLazyObject


def lazy_page(items: Any, per_page: int, number: Any) -> Page:
    """The page `number` of `items`; its queries run on first use, so a template whose list
    fragment comes from the cache runs none."""
    return SimpleLazyObject(lambda: Paginator(items, per_page).get_page(number))  # type: ignore[return-value]
