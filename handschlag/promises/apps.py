from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PromisesConfig(AppConfig):
    name = "handschlag.promises"
    label = "promises"
    verbose_name = pgettext_lazy("plural", "Versprechen")

    def ready(self) -> None:
        """Plug into the kernel: notifications, audit verbs, moderation queues and reports,
        personal data, the organisation page."""
        from handschlag.accounts.personal_data import personal_data
        from handschlag.audit.registry import AuditVerb, audit_verbs
        from handschlag.conversations.registry import conversation_subjects
        from handschlag.core.registry import PageSection
        from handschlag.core.versions import watch
        from handschlag.moderation.registry import (
            Decision,
            ModerationQueue,
            Reportable,
            moderation_queues,
            reportables,
        )
        from handschlag.notifications.registry import notification_kinds
        from handschlag.organisations.registry import organisation_sections

        from . import conversation, messages, privacy, search, selectors, services
        from .models import Promise, Redemption, ReportPhoto

        for model in (Promise, Redemption, ReportPhoto):  # cards, facts, counts, photos
            watch(model)
        search.connect()  # keeps each promise's search text current
        for kind in messages.KINDS:
            notification_kinds.register(kind)
        for key, label, moderation in (
            (services.promises.PUBLISHED, _("Versprechen veröffentlicht"), True),
            (services.promises.RETURNED, _("Versprechen zurückgegeben"), True),
            (services.promises.CREATED, _("Versprechen angelegt"), False),
            (services.promises.CHANGED, _("Versprechen geändert"), False),
            (services.promises.COPIED, _("Versprechen nachgemacht"), False),
            (services.promises.DELETED, _("Entwurf gelöscht"), False),
            (services.redemptions.APPLIED, _("auf ein Versprechen beworben"), False),
            (services.reports.DISPUTE_RESOLVED, _("Streitfall entschieden"), True),
            (services.reports.REPORT_RETURNED, _("Bericht zurückgegeben"), True),
            (services.reports.REPORT_EDITED, _("Bericht vor Veröffentlichung bearbeitet"), True),
        ):
            audit_verbs.register(AuditVerb(key, label, moderation=moderation))
        moderation_queues.register(
            ModerationQueue(
                key="promises",
                label=_("Versprechen zur Prüfung"),
                items=selectors.pending_promises,
                row_template="promises/rows/promise.html",
                position=10,
            )
        )
        moderation_queues.register(
            ModerationQueue(
                key="disputes",
                label=_("Streitfälle"),
                items=selectors.disputes,
                row_template="promises/rows/dispute.html",
                position=30,
            )
        )
        reportables.register(
            Reportable(
                key="promise",
                label=pgettext_lazy("singular", "Versprechen"),
                public=Promise.objects.public,
                decisions=(
                    Decision(
                        key="return_promise",
                        label=_("Versprechen zurückgeben"),
                        run=lambda promise, by, comment: services.return_promise(
                            promise=promise, by=by, comment=comment
                        ),
                    ),
                ),
            )
        )
        conversation_subjects.register(conversation.subject())
        personal_data.register_app("promises", export=privacy.export, erase=privacy.erase)
        organisation_sections.register(
            PageSection(
                key="promises",
                title=pgettext_lazy("plural", "Versprechen"),
                template="promises/sections/organisation.html",
                context=selectors.organisation_promises,
            )
        )
