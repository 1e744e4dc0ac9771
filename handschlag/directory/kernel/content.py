"""Editing and translating: audit verbs (every change to a portal object is logged with what
it changed) and the portal's personal data."""

from django.utils.translation import gettext_lazy as _


def ready() -> None:
    from handschlag.accounts.personal_data import personal_data
    from handschlag.audit.registry import AuditVerb, audit_verbs

    from .. import editing, privacy, translating

    personal_data.register_app(
        "directory", export=privacy.export, erase=privacy.erase, purge=privacy.purge
    )

    labels = {
        "Portal": _("Portal geändert"),
        "Provider": _("Anbieter geändert"),
        "Location": _("Ort eines Angebots geändert"),
        "Offer": _("Angebot geändert"),
        "GuideTopic": _("Themenbereich des Wegweisers geändert"),
        "GuidePage": _("Wegweiser-Seite geändert"),
        "GuideSection": _("Abschnitt des Wegweisers geändert"),
    }
    for model, verb in editing.CHANGED.items():
        audit_verbs.register(AuditVerb(verb, labels[model]))
    audit_verbs.register(AuditVerb(translating.TRANSLATED, _("Abschnitt übersetzt")))
    audit_verbs.register(AuditVerb(translating.REVIEWED, _("Maschinelle Übersetzung geprüft")))
