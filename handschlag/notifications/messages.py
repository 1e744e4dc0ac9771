"""The text of each kind of notification, translated when it is shown or mailed."""

import contextlib
import datetime

from django.utils.formats import date_format
from django.utils.functional import Promise as LazyText
from django.utils.translation import gettext_lazy as _

from .models import Kind

TITLES: dict[str, LazyText] = {
    Kind.NEW_APPLICATION: _("Neue Bewerbung auf „%(promise)s“"),
    Kind.APPLICATION_ACCEPTED: _("Ihre Bewerbung auf „%(promise)s“ wurde angenommen"),
    Kind.APPLICATION_DECLINED: _("Ihre Bewerbung auf „%(promise)s“ wurde abgelehnt"),
    Kind.REPORT_SUBMITTED: _("Ein Bericht zu „%(promise)s“ wurde eingereicht"),
    Kind.FULFILMENT_CONFIRMED: _("Die Erfüllung von „%(promise)s“ wurde bestätigt"),
    Kind.FULFILMENT_DISPUTED: _("Die Erfüllung von „%(promise)s“ wurde beanstandet"),
    Kind.PROMISE_PUBLISHED: _("Ihr Versprechen „%(promise)s“ ist veröffentlicht"),
    Kind.REPORT_PUBLISHED: _("Ihr Bericht zu „%(promise)s“ ist im Blog veröffentlicht"),
    Kind.RETURNED_BY_MODERATION: _("Die Moderation hat „%(promise)s“ zurückgegeben"),
    Kind.EXPIRING_SOON: _("Ihr Versprechen „%(promise)s“ läuft am %(deadline)s ab"),
    Kind.PROMISE_EXPIRED: _("Ihr Versprechen „%(promise)s“ ist abgelaufen"),
    Kind.ORGANISATION: _("Neuigkeit aus „%(organisation)s“"),
}

BODIES: dict[str, LazyText] = {
    Kind.NEW_APPLICATION: _(
        "%(applicant)s möchte Ihr Versprechen einlösen. Bitte entscheiden Sie."
    ),
    Kind.APPLICATION_DECLINED: _("Begründung: %(reason)s"),
    Kind.REPORT_SUBMITTED: _("Bitte lesen Sie den Bericht und bestätigen Sie die Erfüllung."),
    Kind.FULFILMENT_CONFIRMED: _("Der Bericht geht jetzt zur Moderation und danach in den Blog."),
    Kind.FULFILMENT_DISPUTED: _("Begründung: %(reason)s"),
    Kind.RETURNED_BY_MODERATION: _("Kommentar der Moderation: %(comment)s"),
    Kind.EXPIRING_SOON: _("Sie können die Frist verlängern oder das Versprechen zurückziehen."),
    Kind.ORGANISATION: _("%(message)s"),
}


# Parameters stored as ISO dates, formatted in the reader's language when shown or mailed.
DATE_PARAMS = frozenset({"deadline"})


def _localised(params: dict[str, str]) -> dict[str, str]:
    shown = dict(params)
    for key in DATE_PARAMS & shown.keys():
        # a value stored before dates were kept as ISO is shown as stored
        with contextlib.suppress(TypeError, ValueError):
            shown[key] = date_format(datetime.date.fromisoformat(shown[key]))
    return shown


def _render(template: LazyText | None, params: dict[str, str]) -> str:
    if template is None:
        return ""
    try:
        return str(template) % _localised(params)
    except (KeyError, TypeError, ValueError):
        # A stored notification whose parameters no longer fit its text: show it unfilled.
        return str(template)


def render_title(kind: str, params: dict[str, str]) -> str:
    return _render(TITLES.get(kind), params)


def render_body(kind: str, params: dict[str, str]) -> str:
    return _render(BODIES.get(kind), params)
