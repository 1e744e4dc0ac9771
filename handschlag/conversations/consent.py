"""The consent text people agree to when they share contact details. A changed text gets a
new version; each release records the version it was given under."""

from django.utils.translation import gettext_lazy as _

CONSENT_VERSION = "2026-11"
CONSENT_TEXTS = {
    CONSENT_VERSION: _(
        "Ich bin einverstanden, dass Handschlag die Kontaktdaten, die ich hier eingebe, den "
        "Personen der anderen Seite dieses Gesprächs zeigt – erst dann, wenn auch die andere "
        "Seite ihre Kontaktdaten freigegeben hat. Ich kann die Freigabe jederzeit zurücknehmen; "
        "dann werden die Daten gelöscht. Was die andere Seite bis dahin notiert hat, kann "
        "Handschlag nicht löschen."
    ),
}


def consent_text(version: str = CONSENT_VERSION) -> str:
    return str(CONSENT_TEXTS.get(version, ""))
