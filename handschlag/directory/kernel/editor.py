"""The editor's part: audit verbs of creating and deleting (changes are the verbs of
kernel/content.py), and the portal on an organisation's page (a way in for its editors)."""

from django.utils.translation import gettext_lazy as _


def ready() -> None:
    from handschlag.audit.registry import AuditVerb, audit_verbs
    from handschlag.core.registry import PageSection
    from handschlag.organisations.registry import organisation_sections

    from .. import editor_selectors, locations, offers, portals, providers

    for key, label in (
        (portals.PORTAL_CREATED, _("Portal angelegt")),
        (providers.PROVIDER_CREATED, _("Anbieter angelegt")),
        (locations.LOCATION_CREATED, _("Ort eines Angebots angelegt")),
        (offers.OFFER_CREATED, _("Angebot angelegt")),
        (offers.OFFER_DELETED, _("Angebot gelöscht")),
    ):
        audit_verbs.register(AuditVerb(key, label))
    organisation_sections.register(
        PageSection(
            key="directory_portal",
            title=_("Portal für Neuzugewanderte"),
            template="directory/editor/sections/organisation.html",
            context=editor_selectors.organisation_section,
        )
    )
