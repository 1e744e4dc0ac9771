"""Checks on raw request parameters, run before every API operation of every router.

Two kinds of input pass pydantic's type checks but break the database, which would turn a
client's mistake into a 500: text with a NUL byte (PostgreSQL refuses it in any query), and a
page number so large that its OFFSET overflows a 64-bit integer (SQLite and PostgreSQL both).
Both are answered here with a 422, shaped like ninja's own validation errors.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse

MAX_PAGE = 1_000_000


def _raw_parameters(request: HttpRequest, path: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    for name, value in path.items():
        yield "path", name, str(value)
    for name, values in request.GET.lists():
        for value in values:
            yield "query", name, value


def _problem(name: str, value: str) -> str | None:
    if "\x00" in name or "\x00" in value:
        return "NUL characters are not allowed"
    if name == "page" and value.strip().isdigit() and int(value) > MAX_PAGE:
        return f"page must be at most {MAX_PAGE}"
    return None


def unusable_parameter(request: HttpRequest, path: dict[str, Any]) -> dict[str, Any] | None:
    """The first parameter the database could not take, as a ninja-style error item."""
    for location, name, value in _raw_parameters(request, path):
        message = _problem(name, value)
        if message:
            return {"type": "value_error", "loc": [location, name], "msg": message}
    return None


def reject_unusable_parameters(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A ninja "view" decorator: answer 422 before validation when a parameter is unusable."""

    @functools.wraps(run)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        error = unusable_parameter(request, kwargs)
        if error is not None:
            return JsonResponse({"detail": [error]}, status=422)
        return run(request, *args, **kwargs)

    return guarded
