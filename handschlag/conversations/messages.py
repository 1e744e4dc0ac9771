"""What conversations notify about: one kind, rendered in the reader's language."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handschlag.notifications.registry import NotificationKind

NEW_MESSAGE = NotificationKind(
    key="conversations.new_message",
    group=gettext_lazy("Nachrichten"),
    label=gettext_lazy("Neue Nachricht in einem Gespräch"),
    title=lambda p: _("Neue Nachricht zu „%(title)s“") % p,
    body=lambda p: (
        _(
            "%(name)s schreibt:\n\n%(message)s\n\n"
            "Weitere Nachrichten in diesem Gespräch melden wir Ihnen erst wieder, wenn Sie es "
            "gelesen haben. Zum Lesen und Antworten öffnen Sie diesen Link:"
        )
        % p
    ),
)
