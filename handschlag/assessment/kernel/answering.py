"""Kernel registrations of the answering part: notification kinds, audit verbs, personal data,
the media area of evidence files, the section on a municipality organisation's page (where
its staff begin a round) and the header's link to a person's rounds."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def organisation_rounds(organisation: Any, user: Any) -> dict[str, Any] | None:
    """The rounds of a municipality organisation, for its members: the newest three, and
    whether the visitor may start one."""
    from handschlag.organisations.rules import is_municipality_member

    from ..answering import open_round_of
    from ..models import Assessment

    if not is_municipality_member(user, organisation):
        return None
    rounds = list(
        Assessment.objects.filter(organisation=organisation).order_by("-created_at", "-pk")[:3]
    )
    can_start = user.has_perm("assessment.start", organisation)
    running = next((r for r in rounds if r.is_open), None)
    if running is None and can_start and organisation.municipality_id:
        running = open_round_of(organisation.municipality_id)
    return {
        "rounds": rounds,
        "running": running,
        "can_start": can_start and organisation.municipality_id is not None,
        "start_url": reverse("assessment:start", args=[organisation.slug]),
        "index_url": reverse("assessment:index"),
    }


def takes_part() -> Any:
    """The header's condition for "Standortbestimmung": the person belongs to a municipality
    organisation (verified or waiting for it) or answers areas handed to them."""
    from django.db.models import Exists, OuterRef, Q

    from handschlag.organisations.models import Membership, Organisation

    from ..models import Delegation

    municipality = Organisation.Kind.MUNICIPALITY
    staff = Membership.objects.filter(user=OuterRef("pk")).filter(
        Q(organisation__kind=municipality) | Q(organisation__requested_kind=municipality)
    )
    delegate = Delegation.objects.filter(user=OuterRef("pk"), revoked_at__isnull=True)
    return Q(Exists(staff)) | Q(Exists(delegate))


def ready() -> None:
    """Register audit verbs, notification kinds, personal data and media areas of this part."""
    from handschlag.accounts.personal_data import personal_data
    from handschlag.audit.registry import AuditVerb, audit_verbs
    from handschlag.core.media import MediaArea, media_areas
    from handschlag.core.navigation import NavEntry, nav_entries
    from handschlag.core.registry import PageSection
    from handschlag.notifications.registry import notification_kinds
    from handschlag.organisations.registry import organisation_sections

    from .. import answering, answering_delegations, answering_messages, answering_privacy
    from ..answering_evidence import AREA, evidence_visibility

    for kind in answering_messages.KINDS:
        notification_kinds.register(kind)
    for key, label in (
        (answering.STARTED, _("Standortbestimmung begonnen")),
        (answering.GROUP_ADDED, _("Gruppe von Antwortenden angelegt")),
        (answering.CLOSED, _("Standortbestimmung abgeschlossen")),
        (answering.REOPENED, _("Standortbestimmung wieder geöffnet")),
        (answering.SHARED, _("Ergebnisse der Standortbestimmung geteilt")),
        (answering.UNSHARED, _("Ergebnisse der Standortbestimmung nicht mehr geteilt")),
        (answering_delegations.DELEGATED, _("Handlungsfelder an eine Kolleg:in übertragen")),
        (answering_delegations.INVITED, _("Partner zur Standortbestimmung eingeladen")),
        (
            answering_delegations.INVITATION_ACCEPTED,
            _("Einladung zur Standortbestimmung angenommen"),
        ),
        (answering_delegations.REVOKED, _("Übertragung von Handlungsfeldern zurückgenommen")),
    ):
        audit_verbs.register(AuditVerb(key, label))
    personal_data.register_app(
        "assessment_answers", export=answering_privacy.export, erase=answering_privacy.erase
    )
    media_areas.register(MediaArea(prefix=AREA, visibility=evidence_visibility))
    organisation_sections.register(
        PageSection(
            key="assessment",
            title=_("Standortbestimmung"),
            template="assessment/answering/organisation_section.html",
            context=organisation_rounds,
        )
    )
    nav_entries.register(
        NavEntry(
            key="assessment.rounds",
            label=_("Standortbestimmung"),
            url_name="assessment:index",
            namespace="assessment",
            condition=takes_part,
        )
    )
