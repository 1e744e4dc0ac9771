from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from handschlag.promises.models import (
    REPORT_SECTION_KEYS,
    REPORT_SECTIONS,
    Promise,
    Redemption,
    ReportPhoto,
)
from handschlag.promises.services import ReportContent

from .models import Post


class PostFilterForm(forms.Form):
    """The blog list's filter; invalid values are ignored instead of failing."""

    kind = forms.ChoiceField(
        label=_("Art"), required=False, choices=[("", _("Alle Beiträge")), *Post.Kind.choices]
    )


class EditorialPostForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    teaser = forms.CharField(
        label=_("Anreißer"),
        max_length=400,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ein bis zwei Sätze für die Übersicht und den Feed."),
    )
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Absätze durch eine Leerzeile trennen."),
    )
    promise = forms.ModelChoiceField(
        label=_("Zugehöriges Versprechen"),
        queryset=Promise.objects.none(),
        required=False,
    )
    publish = forms.BooleanField(label=_("Jetzt veröffentlichen"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["promise"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Promise.objects.public().order_by("title")


class ReportEditForm(forms.Form):
    """A moderator's edit of a confirmed report before it goes to the blog: title, lead, the
    four sections and the photos' descriptions (`alt_<id>`)."""

    title = forms.CharField(label=_("Titel"), max_length=140)
    lead = forms.CharField(
        label=_("Kurzfassung"),
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Steht in der Übersicht, im Feed und über dem Bericht."),
    )
    happened = forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))
    worked = forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    differently = forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    advice = forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))

    CONTENT_FIELDS = ("title", "lead", *REPORT_SECTION_KEYS)

    def __init__(self, *args: Any, photos: list[ReportPhoto] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.photos = photos or []
        for section in REPORT_SECTIONS:
            self.fields[section.key].label = section.heading
        for number, photo in enumerate(self.photos, start=1):
            self.fields[f"alt_{photo.pk}"] = forms.CharField(
                label=_("Bildbeschreibung zu Foto %(n)d") % {"n": number},
                max_length=200,
                initial=photo.alt_text,
                error_messages={"required": _("Bitte beschreiben Sie das Foto.")},
            )

    @classmethod
    def initial_of(cls, redemption: Redemption) -> dict[str, str]:
        content = ReportContent.of(redemption)
        return {name: getattr(content, name) for name in cls.CONTENT_FIELDS}

    def content(self) -> ReportContent:
        return ReportContent(**{name: self.cleaned_data[name] for name in self.CONTENT_FIELDS})

    def alt_texts(self) -> dict[int, str]:
        return {photo.pk: self.cleaned_data[f"alt_{photo.pk}"] for photo in self.photos}

    def photo_rows(self) -> list[tuple[ReportPhoto, forms.BoundField]]:
        return [(photo, self[f"alt_{photo.pk}"]) for photo in self.photos]

    def text_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.CONTENT_FIELDS]
