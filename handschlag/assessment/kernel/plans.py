"""Kernel registrations of the plans part: audit verbs of every plan change, notification kinds
(an item handed over, an item overdue), personal data (the items a person owns: exported,
and the owner cleared on erase), the plan on the municipality organisation's page, and the
measures library's action "In den Handlungsplan übernehmen"; and the town's adoption of a
measure following an item deleted outside the services (the admin, a plan deleted)."""

from typing import Any

from django.utils.translation import gettext_lazy as _


def item_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A deleted item of a measure may have been its last one on the plan."""
    from .. import plans
    from ..models import ActionPlan

    if instance.measure_id is None:
        return
    plan = (
        ActionPlan.objects.filter(pk=instance.plan_id)
        .values("municipality_id", "organisation_id")
        .first()
    )
    if plan is not None:
        plans.sync_adoption(plan_id=instance.plan_id, measure_id=instance.measure_id, **plan)


def ready() -> None:
    """Register audit verbs, notification kinds, personal data and page sections of this part."""
    from django.db.models.signals import post_delete

    from handschlag.accounts.personal_data import personal_data
    from handschlag.audit.registry import AuditVerb, audit_verbs
    from handschlag.core.registry import PageSection
    from handschlag.notifications.registry import notification_kinds
    from handschlag.organisations.registry import organisation_sections

    from .. import plans, plans_messages, plans_selectors
    from ..models import PlanItem

    post_delete.connect(item_deleted, sender=PlanItem, dispatch_uid="assessment.item_deleted")

    for kind in plans_messages.KINDS:
        notification_kinds.register(kind)
    for key, label in (
        (plans.PLAN_CREATED, _("Handlungsplan angelegt")),
        (plans.ITEM_ADDED, _("Vorhaben in den Handlungsplan aufgenommen")),
        (plans.MEASURE_ADOPTED, _("Maßnahme in den Handlungsplan übernommen")),
        (plans.ITEM_CHANGED, _("Vorhaben geändert")),
        (plans.ITEM_MOVED, _("Stand eines Vorhabens geändert")),
        (plans.LINKS_CHANGED, _("Verknüpfungen eines Vorhabens geändert")),
        (plans.MILESTONE_ADDED, _("Meilenstein angelegt")),
        (plans.MILESTONE_DONE, _("Meilenstein erreicht")),
        (plans.MILESTONE_REOPENED, _("Meilenstein wieder offen")),
        (plans.MILESTONE_REMOVED, _("Meilenstein entfernt")),
        (plans.OVERDUE_TOLD, _("An ein überfälliges Vorhaben erinnert")),
        (plans.OWNER_ERASED, _("Verantwortliche Person beim Löschen ihrer Daten entfernt")),
    ):
        audit_verbs.register(AuditVerb(key, label))
    personal_data.register_app(
        "assessment_plan", export=plans.export_owned_items, erase=plans.erase_owner
    )
    organisation_sections.register(
        PageSection(
            key="action_plan",
            title=_("Handlungsplan"),
            template="assessment/plan/sections/organisation.html",
            context=plans_selectors.organisation_section,
        )
    )
    _register_measure_action()


def _register_measure_action() -> None:
    """ "In den Handlungsplan übernehmen" on a measure of the library, for the admins of a
    verified municipality organisation."""
    from handschlag.measures.registry import MeasureAction, measure_actions

    from .. import plans_actions

    measure_actions.register(
        MeasureAction(
            "assessment.adopt", _("In den Handlungsplan übernehmen"), url=plans_actions.adopt_url
        )
    )
