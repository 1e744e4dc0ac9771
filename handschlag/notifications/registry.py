"""Notification kinds: each app registers what it notifies about, in `AppConfig.ready()`.

A kind carries its texts as callables, so they are rendered in the reader's language when the
notification is shown or mailed (not in the language of whoever triggered it). Stored
notifications keep only the kind's key and its parameters.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.functional import Promise as LazyText
from django.utils.translation import gettext as _

from handschlag.core.registry import Registry

Params = dict[str, str]
Text = Callable[[Params], str]
Attachment = tuple[str, bytes, str]  # file name, content, MIME type


@dataclass(frozen=True)
class NotificationKind:
    """`key` is namespaced by app ("promises.new_application"); `group` heads the email
    preferences it appears under; `label` completes "E-Mail bei: …"; `title` and `body` render
    the text from the stored parameters; parameters named in `date_params` are stored as ISO
    dates and shown in the reader's date format. `attachment`, if given, builds a file for the
    email from the parameters at send time: (file name, content, MIME type), or None.
    `link`, if given, builds the notification's link from the parameters whenever it is shown
    or mailed, instead of the stored `url`: for a link that carries a secret (an invitation's
    token), which must not be stored; the parameters then hold what it is derived from."""

    key: str
    group: str | LazyText
    label: str | LazyText
    title: Text
    body: Text | None = None
    date_params: frozenset[str] = field(default_factory=frozenset)
    attachment: Callable[[Params], Attachment | None] | None = None
    link: Callable[[Params], str] | None = None


notification_kinds: Registry[NotificationKind] = Registry("notification kinds")


def attachment_of(kind_key: str, params: Params) -> Attachment | None:
    """The file a notification of `kind_key` is mailed with, if its kind builds one."""
    kind = notification_kinds.get(kind_key)
    if kind is None or kind.attachment is None:
        return None
    return kind.attachment(params)


def _localised(kind: NotificationKind, params: Params) -> Params:
    shown = dict(params)
    for key in kind.date_params & shown.keys():
        # a value stored before dates were kept as ISO is shown as stored
        with contextlib.suppress(TypeError, ValueError):
            shown[key] = date_format(datetime.date.fromisoformat(shown[key]))
    return shown


def _render(kind: NotificationKind, text: Text | None, params: Params) -> str:
    if text is None:
        return ""
    try:
        return str(text(_localised(kind, params)))
    except (KeyError, TypeError, ValueError):
        # A stored notification whose parameters no longer fit its text: show it unfilled.
        return str(text(_MissingParams()))


class _MissingParams(dict):
    """Fills every placeholder with itself, so a text with missing parameters still shows."""

    def __missing__(self, key: str) -> str:
        return f"%({key})s"


def render_link(key: str, params: Params, url: str) -> str:
    """The link of a notification: built by its kind when the kind builds it, else `url`
    (as stored). A kind whose parameters no longer fit gives no link rather than an error."""
    kind = notification_kinds.get(key)
    if kind is None or kind.link is None:
        return url
    try:
        return kind.link(params)
    except (KeyError, TypeError, ValueError):
        return ""


def render_title(key: str, params: Params) -> str:
    kind = notification_kinds.get(key)
    if kind is None:  # a kind whose app was removed: still show that something happened
        return _("Benachrichtigung")
    return _render(kind, kind.title, params)


def render_body(key: str, params: Params) -> str:
    kind = notification_kinds.get(key)
    return "" if kind is None else _render(kind, kind.body, params)
