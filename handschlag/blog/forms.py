from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from handschlag.promises.models import Promise

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
