"""Rate limits of the mentee form that needs no account, with allauth's limiter (the one that
guards login and signup): per client address and per browser session. Counts only sent forms."""

from __future__ import annotations

from allauth.core.internal import ratelimit
from django.http import HttpRequest

ACTION = "mentee_self_registration"
# a family may register several people; a script may not register hundreds
RATES = {ACTION: "10/1h/ip,5/1h/key"}


def allow_self_registration(request: HttpRequest) -> bool:
    """True if this sending of the form is within the limits (and counts it)."""
    if not request.session.session_key:
        request.session.save()
    usage = ratelimit.consume(
        request,
        app="mentoring",
        action=ACTION,
        config=RATES,
        key=f"session:{request.session.session_key}",
    )
    return usage is not None
