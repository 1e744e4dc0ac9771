"""Guides: audit verbs of creating and deleting topics, pages and sections."""

from django.utils.translation import gettext_lazy as _


def ready() -> None:
    from handschlag.audit.registry import AuditVerb, audit_verbs

    from .. import guides

    for verb, label in (
        (guides.TOPIC_CREATED, _("Themenbereich des Wegweisers angelegt")),
        (guides.TOPIC_DELETED, _("Themenbereich des Wegweisers gelöscht")),
        (guides.PAGE_CREATED, _("Wegweiser-Seite angelegt")),
        (guides.SECTION_CREATED, _("Abschnitt des Wegweisers angelegt")),
        (guides.SECTION_DELETED, _("Abschnitt des Wegweisers gelöscht")),
    ):
        audit_verbs.register(AuditVerb(verb, label))
