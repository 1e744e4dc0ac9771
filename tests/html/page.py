"""One page of the HTML check (`Page`) and the small builders its entries are made of."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from django.urls import reverse

from handschlag.accounts.models import User
from handschlag.needs.models import Need

from .world import PageWorld

UserFactory = Callable[[PageWorld], User | None]
UrlBuilder = Callable[[PageWorld], str]


@dataclass(frozen=True)
class Page:
    """A page as one person sees it: `user` and `url` are functions of the world, `data` (if
    given) is POSTed instead of a GET, `status` is what the page must answer."""

    name: str  # unique: the test id and the file name
    user: UserFactory
    url: UrlBuilder
    data: Callable[[PageWorld], dict[str, Any]] | None = None  # POST this (usually: errors)
    status: int = 200
    language: str = "de"


def anonymous(world: PageWorld) -> None:
    return None


def person(key: str) -> UserFactory:
    """A person of the demo world: "moderator", "company", "initiative", "initiative_member",
    "municipality", "volunteer", "foundation"."""
    return lambda world: world.person(key)


def at(name: str, *args: Any) -> UrlBuilder:
    """A URL by its name, with fixed arguments."""
    return lambda world: reverse(name, args=args)


def nothing(world: PageWorld) -> dict[str, Any]:
    """An empty form, sent: it comes back with its errors. (One unknown key, so that a view
    with `Form(request.POST or None)` binds the form.)"""
    return {"sent": ""}


def redemption(state: str) -> UrlBuilder:
    return lambda world: world.redemption(state).get_absolute_url()


def promise(key: str) -> UrlBuilder:
    return lambda world: world.promise(key).get_absolute_url()


def need(title_start: str) -> Need:
    return Need.objects.get(title__startswith=title_start)


def in_english(pages: list[Page], *names: str) -> list[Page]:
    """The pages `names` again in English (translations may carry markup of their own)."""
    return in_language(pages, "en", *names)


def in_language(pages: list[Page], language: str, *names: str) -> list[Page]:
    """The pages `names` again in `language` (right to left for "ar" and "fa")."""
    chosen = [page for page in pages if page.name in names]
    assert len(chosen) == len(names), f"no such page: {set(names) - {p.name for p in chosen}}"
    return [replace(page, name=f"{page.name}_{language}", language=language) for page in chosen]
