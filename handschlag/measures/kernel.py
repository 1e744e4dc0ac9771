"""The library's registrations with the kernel: notification kinds, audit verbs, the
moderation queue and what can be reported, personal data, the media area of materials."""

from django.utils.translation import gettext_lazy as _


def ready() -> None:
    from handschlag.accounts.personal_data import personal_data
    from handschlag.audit.registry import AuditVerb, audit_verbs
    from handschlag.core.media import MediaArea, media_areas
    from handschlag.moderation.registry import (
        Decision,
        ModerationQueue,
        Reportable,
        moderation_queues,
        reportables,
    )
    from handschlag.notifications.registry import notification_kinds

    from . import materials, media, messages, privacy, reports, selectors, services
    from .models import Measure

    for kind in messages.KINDS:
        notification_kinds.register(kind)
    for key, label, moderation in (
        (services.PROPOSED, _("Maßnahme vorgeschlagen"), False),
        (services.CHANGED, _("Maßnahme geändert"), False),
        (services.SUBMITTED, _("Maßnahme zur Prüfung eingereicht"), False),
        (services.DELETED, _("Entwurf einer Maßnahme gelöscht"), False),
        (services.PUBLISHED, _("Maßnahme veröffentlicht"), True),
        (services.RETURNED, _("Maßnahme zurückgegeben"), True),
        (services.WITHDRAWN, _("Maßnahme aus der Bibliothek genommen"), True),
        (materials.ADDED, _("Material zu einer Maßnahme hinzugefügt"), False),
        (materials.REMOVED, _("Material einer Maßnahme entfernt"), False),
        (reports.REPORTED, _("Erfahrungsbericht zu einer Maßnahme geschrieben"), False),
        (reports.EDITED, _("Erfahrungsbericht zu einer Maßnahme geändert"), False),
        (reports.REPORT_PUBLISHED, _("Erfahrungsbericht veröffentlicht"), True),
        (reports.REPORT_RETURNED, _("Erfahrungsbericht zurückgegeben"), True),
        (reports.REMOVED, _("Erfahrungsbericht entfernt"), True),
    ):
        audit_verbs.register(AuditVerb(key, label, moderation=moderation))
    moderation_queues.register(
        ModerationQueue(
            key="measures",
            label=_("Maßnahmen zur Prüfung"),
            items=selectors.proposals_awaiting_review,
            row_template="measures/rows/proposal.html",
            position=40,
        )
    )
    moderation_queues.register(
        ModerationQueue(
            key="measure_reports",
            label=_("Erfahrungsberichte zur Prüfung"),
            items=selectors.reports_awaiting_review,
            row_template="measures/rows/report.html",
            position=41,
        )
    )
    reportables.register(
        Reportable(
            key="measure_report",
            label=_("Erfahrungsbericht"),
            public=selectors.public_reports,
            decisions=(
                Decision(
                    key="remove_measure_report",
                    label=_("Bericht entfernen"),
                    run=lambda report, by, comment: reports.remove_report(
                        report=report, by=by, comment=comment
                    ),
                ),
            ),
        )
    )
    reportables.register(
        Reportable(
            key="measure",
            label=_("Maßnahme"),
            public=Measure.objects.published,
            decisions=(
                Decision(
                    key="withdraw_measure",
                    label=_("Maßnahme aus der Bibliothek nehmen"),
                    run=lambda measure, by, comment: services.withdraw_measure(
                        measure=measure, by=by, comment=comment
                    ),
                ),
            ),
        )
    )
    media_areas.register(MediaArea(prefix="measures/", visibility=media.material_visibility))
    personal_data.register_app("measures", export=privacy.export, erase=privacy.erase)
