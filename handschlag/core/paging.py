"""Pages of a list, read only when a template needs them (not when its fragment is cached)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.utils.functional import SimpleLazyObject


def lazy_page(items: Any, per_page: int, number: Any) -> Page:
    """The page `number` of `items` (or of what the callable `items` returns); its queries run,
    and a callable is called, on first use, so a template whose list fragment comes from the
    cache runs no query and builds no queryset."""

    def page() -> Page:
        return Paginator(items() if callable(items) else items, per_page).get_page(number)

    return SimpleLazyObject(page)  # type: ignore[return-value]
