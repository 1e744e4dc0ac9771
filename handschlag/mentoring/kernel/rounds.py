"""The rounds part's registrations with the kernel: notification kinds (the tandem proposed
to both sides), audit verbs (every decision on a round), the rounds section of a site's
coordination page."""

from django.utils.translation import gettext_lazy as _


def ready() -> None:
    from handschlag.audit.registry import AuditVerb, audit_verbs
    from handschlag.core.registry import PageSection
    from handschlag.notifications.registry import notification_kinds

    from .. import rounds, rounds_decisions, rounds_list_views, rounds_messages
    from ..registry import site_sections

    for kind in rounds_messages.KINDS:
        notification_kinds.register(kind)
    for key, label in (
        (rounds.STARTED, _("Vermittlungsrunde gestartet")),
        (rounds.CONFIRMED, _("Vermittlungsrunde bestätigt")),
        (rounds.DISCARDED, _("Vermittlungsrunde verworfen")),
        (rounds.FAILED, _("Vermittlungsrunde fehlgeschlagen")),
        (rounds_decisions.ACCEPTED, _("Vorschlag angenommen")),
        (rounds_decisions.ACCEPTED_ALL, _("Alle offenen Vorschläge angenommen")),
        (rounds_decisions.REJECTED, _("Vorschlag abgelehnt")),
        (rounds_decisions.RESET, _("Entscheidung über einen Vorschlag zurückgenommen")),
        (rounds_decisions.SWAPPED, _("Vorschläge von Hand getauscht")),
    ):
        audit_verbs.register(AuditVerb(key, label))
    site_sections.register(
        PageSection(
            key="rounds",
            title=_("Vermittlungsrunden"),
            template="mentoring/rounds/site_section.html",
            context=rounds_list_views.site_section,
        )
    )
