import datetime

from django import template
from django.forms import BoundField
from django.http import QueryDict
from django.utils import timezone
from django.utils.safestring import SafeString

from handschlag.core import units
from handschlag.core.languages import UILanguage
from handschlag.core.languages import ui_languages as _ui_languages
from handschlag.core.localized import pick
from handschlag.core.qr import qr_svg

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


@register.simple_tag
def amount(count: int, singular: str = "", plural: str = "", dative: bool = False) -> str:
    """A quantity with its unit, said right (handschlag.core.units.amount):
    `{% amount promise.quantity promise.unit_singular promise.unit %}` → "1 Platz", "3 Plätze";
    with `dative=True` the form after "von": `noch 2 von {% amount … dative=True %}` →
    "noch 2 von 10 Plätzen". Use `as name` to put it into a blocktranslate."""
    return units.amount(int(count or 0), singular or "", plural or "", dative=bool(dative))


@register.filter
def localized(texts: dict[str, str] | None) -> str:
    """A multilingual data text ({"de": …, "en": …}) in the reader's language."""
    return pick(texts)


@register.simple_tag
def qr_code(url: str, title: str = "") -> SafeString:
    """`url` as a QR code, an inline SVG as wide as its container (handschlag.core.qr):
    `<div class="qr">{% qr_code short_url %}</div>`; `title` is read to screen-reader users
    (default "QR-Code: <url>")."""
    return qr_svg(str(url), title=str(title or ""))


@register.simple_tag
def ui_languages() -> list[UILanguage]:
    """The interface languages for the switcher: `code`, `native` (its own name in its own
    script) and `dir` of each."""
    return _ui_languages()
