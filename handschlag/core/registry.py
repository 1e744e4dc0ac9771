"""Registries: how a feature app plugs into the kernel without the kernel importing it.

Each kernel app owns one registry (notification kinds, moderation queues, personal data, audit
verbs, organisation page sections, …). Feature apps fill them in `AppConfig.ready()`; the
kernel only ever iterates over what was registered. Keys are namespaced by app
("promises.new_application").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from django.utils.functional import Promise as LazyText


class Keyed(Protocol):
    @property
    def key(self) -> str: ...


T = TypeVar("T", bound=Keyed)


class AlreadyRegistered(KeyError):
    pass


class Registry(Generic[T]):
    """An ordered set of entries, each with a unique `key`; registration order is kept."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._entries: dict[str, T] = {}

    def register(self, entry: T) -> T:
        if entry.key in self._entries:
            raise AlreadyRegistered(f"{self.name}: {entry.key!r} is registered already")
        self._entries[entry.key] = entry
        return entry

    def unregister(self, key: str) -> None:
        """Take an entry out again (tests that register a throw-away entry clean up with it)."""
        self._entries.pop(key, None)

    def get(self, key: str) -> T | None:
        return self._entries.get(key)

    def __getitem__(self, key: str) -> T:
        return self._entries[key]

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def __iter__(self) -> Iterator[T]:
        return iter(list(self._entries.values()))

    def __len__(self) -> int:
        return len(self._entries)

    def keys(self) -> list[str]:
        return list(self._entries)


@dataclass(frozen=True)
class PageSection:
    """A section that another app contributes to a page (an organisation's promises and
    events, a promise's reports): `context(obj, user)` gives the template its context, or None
    when the section has nothing to show for that visitor."""

    key: str
    title: str | LazyText
    template: str
    context: Callable[[Any, Any], dict[str, Any] | None]


class PageSections(Registry[PageSection]):
    def shown(self, obj: Any, user: Any) -> list[tuple[PageSection, dict[str, Any]]]:
        shown = []
        for section in self:
            context = section.context(obj, user)
            if context is not None:
                shown.append((section, context))
        return shown
