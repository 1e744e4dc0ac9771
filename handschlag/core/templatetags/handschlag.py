import datetime

from django import template
from django.forms import BoundField
from django.http import QueryDict
from django.utils import timezone

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context: dict, **changes: object) -> str:
    """The current query string with some parameters replaced (for pagination and sorting)."""
    params: QueryDict = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = str(value)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def iso_datetime(value: datetime.datetime | None) -> str:
    """`value` for a `<time datetime>` attribute: ISO 8601 in the current time zone, to the
    second (Django's `date:'c'` adds microseconds, which HTML does not allow)."""
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.isoformat(timespec="seconds")


@register.filter
def hidden_input(field: BoundField) -> str:
    """`field` as hidden input(s) carrying its value, e.g. to send a previewed form again.
    Django's `as_hidden` keeps the visible field's aria-describedby, which a hidden input must
    not have."""
    widget = field.field.hidden_widget()
    return widget.render(field.html_name, field.value(), renderer=field.form.renderer)
