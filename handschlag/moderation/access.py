from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from handschlag.accounts.rules import is_moderator

if TYPE_CHECKING:
    from handschlag.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    user: User


View = Callable[..., HttpResponse]


def moderator_required(view: View) -> View:
    """Anonymous visitors go to the login page; logged-in non-moderators get 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_moderator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(wrapper)
