"""`{% registration_box event %}`: the registration box on the event page (see
templates/events/includes/registration_box.html), with the reader's own registration."""

from typing import Any

from django import template

from ..registration_selectors import box_context

register = template.Library()


@register.inclusion_tag("events/registration/box.html", takes_context=True)
def registration_box(context: template.Context, event: Any) -> dict[str, Any]:
    request = context["request"]
    return {
        **box_context(request.user, event),
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }
