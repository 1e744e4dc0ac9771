"""What answering a self-assessment notifies about, rendered in each reader's language at send
time. Parameters: "title" (the round's title), "town" (the municipality's name), "organisation"
(the municipality organisation), "group" (the respondent group), "areas" (the areas handed
over, already in the reader's language), "days" (how long an invitation link works), "person"
(who accepted an invitation), "invitation" (the nonce the invitation's link is made from, see
invitation_links.py)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handschlag.notifications.registry import NotificationKind

from .invitation_links import invitation_link

ASSESSMENT = gettext_lazy("Standortbestimmung")

DELEGATED = NotificationKind(
    key="assessment.delegated",
    group=ASSESSMENT,
    label=gettext_lazy("Mir wurden Fragen einer Standortbestimmung übertragen"),
    title=lambda p: _("Bitte beantworten Sie Fragen der Standortbestimmung „%(title)s“") % p,
    body=lambda p: (
        _(
            "%(organisation)s bittet Sie, für die Gruppe „%(group)s“ diese Handlungsfelder zu "
            "beantworten: %(areas)s. Ihre Antworten werden beim Eingeben gespeichert; Sie können "
            "sie ändern, bis die Koordination die Runde abschließt."
        )
        % p
    ),
)
INVITED = NotificationKind(
    key="assessment.invited",
    group=ASSESSMENT,
    link=invitation_link,  # the token is made from the stored nonce, never stored itself
    label=gettext_lazy("Einladung zu einer Standortbestimmung"),
    title=lambda p: _("Einladung: Standortbestimmung „%(title)s“ in %(town)s") % p,
    body=lambda p: (
        _(
            "%(organisation)s lädt Sie ein, bei der Standortbestimmung „%(title)s“ mitzuwirken: "
            "für die Gruppe „%(group)s“ zu diesen Handlungsfeldern: %(areas)s. Öffnen Sie den "
            "Link, melden Sie sich an oder legen Sie ein Konto an und nehmen Sie die Einladung "
            "an. Der Link gilt %(days)s Tage und nur einmal; bitte geben Sie ihn nicht weiter."
        )
        % p
    ),
)
INVITATION_ACCEPTED = NotificationKind(
    key="assessment.invitation_accepted",
    group=ASSESSMENT,
    label=gettext_lazy("Jemand hat eine Einladung zur Standortbestimmung angenommen"),
    title=lambda p: _("%(person)s wirkt an „%(title)s“ mit") % p,
    body=lambda p: (
        _(
            "%(person)s hat die Einladung angenommen und beantwortet jetzt Fragen für die Gruppe "
            "„%(group)s“."
        )
        % p
    ),
)
REVOKED = NotificationKind(
    key="assessment.delegation_revoked",
    group=ASSESSMENT,
    label=gettext_lazy("Mir wurden Fragen einer Standortbestimmung wieder abgenommen"),
    title=lambda p: _("Ihre Mitwirkung an „%(title)s“ wurde beendet") % p,
    body=lambda p: (
        _(
            "Die Koordination der Standortbestimmung in %(town)s hat Ihnen die Fragen für die "
            "Gruppe „%(group)s“ wieder abgenommen. Was Sie bereits geantwortet haben, bleibt "
            "erhalten. Danke für Ihre Mitarbeit!"
        )
        % p
    ),
)
CLOSED = NotificationKind(
    key="assessment.closed",
    group=ASSESSMENT,
    label=gettext_lazy("Eine Standortbestimmung, an der ich mitwirke, wurde abgeschlossen"),
    title=lambda p: _("Die Standortbestimmung „%(title)s“ ist abgeschlossen") % p,
    body=lambda p: (
        _(
            "Die Koordination in %(town)s hat die Runde abgeschlossen. Die Antworten sind jetzt "
            "fest und die Ergebnisse berechnet. Danke für Ihre Mitarbeit!"
        )
        % p
    ),
)
REOPENED = NotificationKind(
    key="assessment.reopened",
    group=ASSESSMENT,
    label=gettext_lazy("Eine Standortbestimmung, an der ich mitwirke, wurde wieder geöffnet"),
    title=lambda p: _("Die Standortbestimmung „%(title)s“ ist wieder offen") % p,
    body=lambda p: (
        _(
            "Die Koordination in %(town)s hat die Runde wieder geöffnet. Sie können Ihre "
            "Antworten ergänzen oder ändern, bis sie erneut abgeschlossen wird."
        )
        % p
    ),
)

KINDS = (DELEGATED, INVITED, INVITATION_ACCEPTED, REVOKED, CLOSED, REOPENED)
