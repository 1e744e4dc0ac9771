"""Forms of the guide editor (the services decide; the forms give clear messages first)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import GuidePage, GuideSection, GuideTopic, Offer


class TopicForm(forms.ModelForm):
    class Meta:
        model = GuideTopic
        fields = ["title", "summary"]


class PageForm(forms.ModelForm):
    class Meta:
        model = GuidePage
        fields = ["title", "summary", "slug", "topic"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "slug": _("Steht in der Adresse der Seite: Kleinbuchstaben, Ziffern und Bindestriche.")
        }

    def __init__(self, *args: Any, portal: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["topic"]).queryset = GuideTopic.objects.filter(
            portal=portal
        )
        self.fields["topic"].label = _("Themenbereich")

    def validate_unique(self) -> None:  # the service checks the slug per topic
        pass


class NewPageForm(forms.ModelForm):
    class Meta:
        model = GuidePage
        fields = ["title", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}


class SectionForm(forms.ModelForm):
    remove_image = forms.BooleanField(label=_("Bild entfernen"), required=False)

    class Meta:
        model = GuideSection
        fields = ["heading", "body", "image", "image_alt"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 8}),
            "image": forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
        }
        help_texts = {
            "image_alt": _("Pflicht, wenn es ein Bild gibt: Was zeigt das Bild? In einem Satz."),
            "image": _("JPEG, PNG, WebP oder GIF. Wir entfernen Standort- und Kameradaten."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance.image:
            del self.fields["remove_image"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = self.files.get(self.add_prefix("image"))
        keeps = bool(self.instance.image) and not data.get("remove_image")
        if (upload or keeps) and not (data.get("image_alt") or "").strip():
            self.add_error(
                "image_alt",
                _("Bitte beschreiben Sie das Bild für Menschen, die es nicht sehen."),
            )
        return data

    def _post_clean(self) -> None:  # the service saves (and re-encodes the image)
        pass


class OffersForm(forms.Form):
    offers = forms.ModelMultipleChoiceField(
        label=_("Verlinkte Angebote"), queryset=Offer.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    def __init__(self, *args: Any, portal: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelMultipleChoiceField, self.fields["offers"])
        field.queryset = Offer.objects.filter(portal=portal).order_by("name")
