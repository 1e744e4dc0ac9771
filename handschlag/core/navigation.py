"""Links that feature apps add to the main navigation for signed-in people.

A feature app registers a `NavEntry` in its `AppConfig.ready()`; the header shows, after the
links everyone has, the entries whose condition holds for the reader (in registration order).

A condition is a boolean SQL expression over the person's own row (`OuterRef("pk")` is the
person), typically an `Exists` of their memberships. The authentication backend loads the
person of each request with every condition annotated (core/auth_backends.py), so the header
costs no query for them however many entries there are, and each is read fresh on every
request: someone who just joined a town's administration sees its link on the next page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, ExpressionWrapper, QuerySet
from django.utils.functional import Promise as LazyText

from .registry import Registry


@dataclass(frozen=True)
class NavEntry:
    """`url_name` is the link; the page counts as current (aria-current) anywhere in the URL
    `namespace`; `condition()` gives who sees it (None: every signed-in person)."""

    key: str
    label: str | LazyText
    url_name: str
    namespace: str
    condition: Callable[[], Any] | None = None

    def __str__(self) -> str:
        return self.key  # what the header's cache key is made of

    @property
    def attribute(self) -> str:
        """Where the person loaded for a request carries the condition's value."""
        return "nav_" + self.key.replace(".", "_")


nav_entries: Registry[NavEntry] = Registry("navigation entries")


def with_conditions(people: QuerySet[Any]) -> QuerySet[Any]:
    """`people` with every registered entry's condition annotated."""
    conditions = {
        entry.attribute: ExpressionWrapper(entry.condition(), output_field=BooleanField())
        for entry in nav_entries
        if entry.condition is not None
    }
    return people.annotate(**conditions) if conditions else people


def entries_for(user: Any) -> list[NavEntry]:
    """The entries `user` sees. A person not loaded by the authentication backend (just
    logged in, or made by a test) is asked once, in one query, and the answer kept on them."""
    if user is None or not user.is_authenticated:
        return []
    missing = [e for e in nav_entries if e.condition is not None and not hasattr(user, e.attribute)]
    if missing:
        found = (
            with_conditions(type(user)._default_manager.filter(pk=user.pk))
            .values(*(e.attribute for e in missing))
            .first()
        ) or {}
        for entry in missing:
            setattr(user, entry.attribute, bool(found.get(entry.attribute)))
    return [e for e in nav_entries if e.condition is None or getattr(user, e.attribute)]
