from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "handschlag.needs"
    label = "needs"
    verbose_name = _("Bedarfe")

    def ready(self) -> None:
        """Plug into the kernel (notifications, audit, moderation, personal data), into the
        promise and organisation pages, and into the publication of promises."""
        from django.db.models.signals import post_save

        from handschlag.accounts.personal_data import personal_data
        from handschlag.audit.registry import AuditVerb, audit_verbs
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
        from handschlag.promises.models import Promise
        from handschlag.promises.registry import promise_sections

        from . import messages, privacy, rules, selectors, services  # noqa: F401
        from .models import Need, Proposal

        watch(Need)
        watch(Proposal)
        for kind in messages.KINDS:
            notification_kinds.register(kind)
        for key, label, moderation in (
            (services.CREATED, _("Bedarf angelegt"), False),
            (services.CHANGED, _("Bedarf geändert"), False),
            (services.SUBMITTED, _("Bedarf zur Prüfung eingereicht"), False),
            (services.PUBLISHED, _("Bedarf veröffentlicht"), True),
            (services.RETURNED, _("Bedarf zurückgegeben"), True),
            (services.CLOSED, _("Bedarf geschlossen"), False),
            (services.CLOSED_BY_MODERATION, _("Bedarf von der Moderation geschlossen"), True),
            (services.WITHDRAWN, _("Bedarf zurückgezogen"), False),
            (services.PROPOSAL_DECLINED, _("Vorschlag abgelehnt"), False),
            (services.APPLIED, _("aus einem Vorschlag beworben"), False),
            (services.ANSWERED, _("auf einen Bedarf mit einem Versprechen geantwortet"), False),
        ):
            audit_verbs.register(AuditVerb(key, label, moderation=moderation))
        moderation_queues.register(
            ModerationQueue(
                key="needs",
                label=_("Bedarfe zur Prüfung"),
                items=selectors.pending_needs,
                row_template="needs/rows/need.html",
                position=15,
            )
        )
        reportables.register(
            Reportable(
                key="need",
                label=_("Bedarf"),
                public=Need.objects.public,
                decisions=(
                    Decision(
                        key="close_need",
                        label=_("Bedarf schließen"),
                        run=lambda need, by, comment: services.close_need_by_moderation(
                            need=need, by=by, comment=comment
                        ),
                    ),
                ),
            )
        )
        personal_data.register_app("needs", export=privacy.export, erase=privacy.erase)
        promise_sections.register(
            PageSection(
                key="need_proposals",
                title=_("Passende Bedarfe"),
                template="needs/sections/promise.html",
                context=selectors.promise_proposals,
            )
        )
        organisation_sections.register(
            PageSection(
                key="needs",
                title=_("Bedarfe"),
                template="needs/sections/organisation.html",
                context=selectors.organisation_needs,
            )
        )
        post_save.connect(_promise_saved, sender=Promise, dispatch_uid="needs.promise_published")


def _promise_saved(sender: Any, instance: Any, update_fields: Any = None, **kwargs: Any) -> None:
    """A promise has just been published (a state change to "published"): after the commit,
    propose it to the needs it suits best."""
    from django.db import transaction

    from .tasks import match_promise

    if instance.state != "published" or update_fields is None or "state" not in update_fields:
        return
    transaction.on_commit(lambda: match_promise.enqueue(instance.pk))
