from django import template
from django.http import QueryDict

from handschlag.core import units

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


@register.simple_tag
def amount(count: int, singular: str = "", plural: str = "", dative: bool = False) -> str:
    """A quantity with its unit, said right (handschlag.core.units.amount):
    `{% amount promise.quantity promise.unit_singular promise.unit %}` → "1 Platz", "3 Plätze";
    with `dative=True` the form after "von": `noch 2 von {% amount … dative=True %}` →
    "noch 2 von 10 Plätzen". Use `as name` to put it into a blocktranslate."""
    return units.amount(int(count or 0), singular or "", plural or "", dative=bool(dative))
