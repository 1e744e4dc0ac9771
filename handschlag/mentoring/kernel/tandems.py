"""The tandems part's registrations with the kernel: notification kinds, audit verbs, the
conversation subject "mentoring.tandem" (messages between mentor and mentee), personal data
(export, erase, retention) and the sections of the site's coordination page and of "Mein
Mentoring"."""

from django.utils.translation import gettext_lazy as _


def ready() -> None:
    from handschlag.accounts.personal_data import personal_data
    from handschlag.audit.registry import AuditVerb, audit_verbs
    from handschlag.conversations.registry import conversation_subjects
    from handschlag.core.registry import PageSection
    from handschlag.notifications.registry import notification_kinds

    from .. import (
        checkins,
        privacy,
        tandem_conversation,
        tandem_meetings,
        tandem_messages,
        tandem_pages,
        tandems,
    )
    from ..registry import my_sections, site_sections

    for kind in tandem_messages.KINDS:
        notification_kinds.register(kind)
    for key, label in (
        (tandems.ACTIVATED, _("Tandem begonnen (Kennenlernen fand statt)")),
        (tandems.PAUSED, _("Tandem pausiert")),
        (tandems.RESUMED, _("Tandem fortgesetzt")),
        (tandems.ENDED, _("Tandem beendet")),
        (tandems.MEETING_LOGGED, _("Treffen eingetragen")),
        (tandem_meetings.MEETING_CHANGED, _("Treffen korrigiert")),
        (tandem_meetings.MEETING_DELETED, _("Treffen gelöscht")),
        (tandems.PROBLEM_REPORTED, _("Problem in einem Tandem gemeldet")),
        (tandems.PROBLEM_HANDLED, _("Problemmeldung erledigt")),
        (checkins.CHECKINS_SENT, _("Monatliche Frage „Wie läuft es?“ verschickt")),
        (privacy.MENTEE_ERASED, _("Daten einer mentorierten Person gelöscht")),
    ):
        audit_verbs.register(AuditVerb(key, label))
    conversation_subjects.register(tandem_conversation.subject())
    personal_data.register_app(
        "mentoring", export=privacy.export, erase=privacy.erase, purge=privacy.purge
    )
    for key, title, template, context in (
        ("tandem_problems", _("Gemeldete Probleme"), "problems", tandem_pages.site_problems),
        ("quiet_tandems", _("Tandems ohne Kontakt"), "quiet", tandem_pages.site_quiet_tandems),
        (
            "open_tandems",
            _("Offene Tandems (vorgeschlagen, laufend, pausiert)"),
            "open",
            tandem_pages.site_open_tandems,
        ),
    ):
        site_sections.register(
            PageSection(
                key=key,
                title=title,
                template=f"mentoring/tandems/sections/{template}.html",
                context=context,
            )
        )
    my_sections.register(
        PageSection(
            key="my_tandems",
            title=_("Meine Tandems"),
            template="mentoring/tandems/sections/mine.html",
            context=tandem_pages.my_tandems,
        )
    )
