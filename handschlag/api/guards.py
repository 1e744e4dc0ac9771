"""Checks on raw request parameters, run before every API operation of every router.

Text with a NUL byte passes pydantic's type checks but breaks the database (PostgreSQL refuses
it in any query), which would turn a client's mistake into a 500: it is answered here with a
422, shaped like ninja's own validation errors. (Page numbers are capped by the pagination
schema, core/pagination.py, in every spelling pydantic accepts.)
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse


def _raw_parameters(request: HttpRequest, path: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    for name, value in path.items():
        yield "path", name, str(value)
    for name, values in request.GET.lists():
        for value in values:
            yield "query", name, value


def _problem(name: str, value: str) -> str | None:
    if "\x00" in name or "\x00" in value:
        return "NUL characters are not allowed"
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
