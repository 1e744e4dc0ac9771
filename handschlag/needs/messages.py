"""What needs notify about. Texts are rendered in each reader's language when shown or mailed;
the parameters: "title" (a need's title), "promise" (a promise's title), "name" (who promises),
"count" (how many proposals), "comment" (the moderation's)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from handschlag.notifications.registry import NotificationKind

NEEDS = gettext_lazy("Bedarfe meiner Organisationen")
MATCHES = gettext_lazy("Passende Bedarfe für meine Versprechen")


def _count(p: dict[str, str]) -> int:
    return int(p.get("count", "1"))


NEED_PUBLISHED = NotificationKind(
    key="needs.need_published",
    group=NEEDS,
    label=gettext_lazy("Ein Bedarf wurde veröffentlicht"),
    title=lambda p: _("Ihr Bedarf „%(title)s“ ist veröffentlicht") % p,
    body=lambda p: _("Wir suchen ab jetzt jede Nacht passende Versprechen dafür."),
)
NEED_RETURNED = NotificationKind(
    key="needs.need_returned",
    group=NEEDS,
    label=gettext_lazy("Die Moderation hat einen Bedarf zurückgegeben"),
    title=lambda p: _("Die Moderation hat „%(title)s“ zurückgegeben") % p,
    body=lambda p: _("Kommentar der Moderation: %(comment)s") % p,
)
PROMISES_FOUND = NotificationKind(
    key="needs.promises_found",
    group=NEEDS,
    label=gettext_lazy("Für einen Bedarf wurden passende Versprechen gefunden"),
    title=lambda p: (
        ngettext(
            "Ein passendes Versprechen für „%(title)s“",
            "%(count)s passende Versprechen für Ihre Bedarfe, etwa „%(title)s“",
            _count(p),
        )
        % p
    ),
    body=lambda p: _("Mit einem Klick bewerben Sie sich darauf – oder lehnen den Vorschlag ab."),
)
NEEDS_FOUND = NotificationKind(
    key="needs.needs_found",
    group=MATCHES,
    label=gettext_lazy("Mein Versprechen passt zu einem Bedarf"),
    title=lambda p: (
        ngettext(
            "Ihr Versprechen „%(promise)s“ passt zu einem Bedarf",
            "Ihre Versprechen passen zu %(count)s Bedarfen, etwa „%(promise)s“",
            _count(p),
        )
        % p
    ),
    body=lambda p: _(
        "Die suchenden Organisationen können sich mit einem Klick bewerben. Sie entscheiden "
        "wie immer über jede Bewerbung."
    ),
)
PROMISE_FOR_NEED = NotificationKind(
    key="needs.promise_for_need",
    group=NEEDS,
    label=gettext_lazy("Jemand verspricht, was wir suchen"),
    title=lambda p: _("%(name)s verspricht, was Sie für „%(title)s“ suchen") % p,
    body=lambda p: _("Sobald die Moderation das Versprechen freigibt, können Sie sich bewerben."),
)

KINDS = (NEED_PUBLISHED, NEED_RETURNED, PROMISES_FOUND, NEEDS_FOUND, PROMISE_FOR_NEED)
