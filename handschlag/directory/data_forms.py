"""The form of the HSDS import page."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _


class HsdsImportForm(forms.Form):
    file = forms.FileField(
        label=_("HSDS-Datei"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".json,.zip,application/json,application/zip"}
        ),
    )
    check_only = forms.BooleanField(
        label=_("Nur prüfen, noch nichts übernehmen"), required=False, initial=True
    )
    publish = forms.BooleanField(
        label=_("Neue Angebote gleich veröffentlichen"), required=False, initial=True
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["file"].help_text = _(
            "Eine JSON-Datei (HSDS 3.0: ein Angebot, eine Liste oder eine Seite mit „contents“) "
            "oder eine ZIP-Datei mit einem HSDS-Datenpaket (datapackage.json und CSV-Tabellen), "
            "höchstens %(mb)d MB."
        ) % {"mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024)}

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if upload.size is not None and upload.size > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("Die Datei ist zu groß (höchstens %(mb)d MB).")
                % {"mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        if not (upload.name or "").lower().endswith((".json", ".zip")):
            raise forms.ValidationError(_("Bitte wählen Sie eine .json- oder .zip-Datei."))
        return upload
