"""Keeping offers current: notification kinds of "Ist das noch richtig?"."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from handschlag.notifications.registry import NotificationKind, notification_kinds

from .. import keeping

GROUP = gettext_lazy("Angebote für Neuzugewanderte")

KINDS = (
    NotificationKind(
        key=keeping.CHECK_KIND,
        group=GROUP,
        label=gettext_lazy("Frage, ob ein Angebot noch stimmt"),
        title=lambda p: _("Ist das noch richtig? %(offer)s") % p,
        body=lambda p: (
            _(
                "Guten Tag,\n\nim Portal %(portal)s steht Ihr Angebot „%(offer)s“. "
                "Stimmen die Angaben noch? Über den folgenden Link können Sie sie ohne "
                "Anmeldung bestätigen, eine Korrektur melden oder mitteilen, dass es das "
                "Angebot nicht mehr gibt. Der Link gilt nur für dieses Angebot und nur einmal."
            )
            % p
        ),
    ),
    NotificationKind(
        key=keeping.CORRECTION_KIND,
        group=GROUP,
        label=gettext_lazy("Korrektur zu einem Angebot gemeldet"),
        title=lambda p: _("Korrektur gemeldet: %(offer)s") % p,
    ),
    NotificationKind(
        key=keeping.ENDED_KIND,
        group=GROUP,
        label=gettext_lazy("Angebot als beendet gemeldet"),
        title=lambda p: _("Als beendet gemeldet: %(offer)s – bitte prüfen") % p,
    ),
    NotificationKind(
        key=keeping.UNCHECKED_KIND,
        group=GROUP,
        label=gettext_lazy("Angebote ohne Bestätigung"),
        title=lambda p: (
            ngettext(
                "%(count)s Angebot wurde nicht bestätigt",
                "%(count)s Angebote wurden nicht bestätigt",
                int(p.get("count") or 0),
            )
            % p
        ),
        body=lambda p: _("Ohne Antwort der Kontaktstelle: %(offers)s") % p,
    ),
)


def ready() -> None:
    from handschlag.audit.registry import AuditVerb, audit_verbs

    audit_verbs.register(AuditVerb(keeping.REPORT_HANDLED, gettext_lazy("Meldung erledigt")))
    for kind in KINDS:
        notification_kinds.register(kind)
