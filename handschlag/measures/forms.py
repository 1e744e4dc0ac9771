"""Forms of the library: its filters, a proposal, a material, a town's report."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from handschlag.blog.models import Post
from handschlag.organisations.models import Organisation

from .filters import MeasureFilters
from .materials import ACCEPT
from .models import Effort, Format, Measure, TargetGroup, Topic
from .services import MAX_STEPS


class MeasureFilterForm(forms.Form):
    """The library's filters; `filters()` turns them into the selector's MeasureFilters. A
    field with an error is left out (its error is shown), the others still apply."""

    q = forms.CharField(
        label=_("Suchbegriff"),
        required=False,
        max_length=200,
        help_text=_("Sucht in Titel, Ziel und Schritten, auf Deutsch und Englisch."),
    )
    topic = forms.ChoiceField(
        label=_("Handlungsfeld"),
        choices=[("", _("alle Handlungsfelder")), *Topic.choices],
        required=False,
    )
    format = forms.ChoiceField(
        label=_("Format"), choices=[("", _("alle Formate")), *Format.choices], required=False
    )
    target_group = forms.ChoiceField(
        label=_("Zielgruppe"),
        choices=[("", _("alle Zielgruppen")), *TargetGroup.choices],
        required=False,
    )
    effort = forms.ChoiceField(
        label=_("Aufwand"), choices=[("", _("jeder Aufwand")), *Effort.choices], required=False
    )

    def filters(self) -> MeasureFilters:
        self.is_valid()
        data: dict[str, Any] = getattr(self, "cleaned_data", {})
        return MeasureFilters(
            q=(data.get("q") or "").strip(),
            format=data.get("format") or None,
            topic=data.get("topic") or None,
            target_group=data.get("target_group") or None,
            effort=data.get("effort") or None,
        )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _texts(de: str, en: str) -> dict[str, str]:
    texts = {"de": de.strip()}
    if en.strip():
        texts["en"] = en.strip()
    return texts


class ProposalForm(forms.Form):
    """A measure as its proposers write it: the texts in German (English optional), steps one
    per line, and how it is classified. `fields_for_service()` gives the service's fields."""

    organisation = forms.ModelChoiceField(
        label=_("Eingereicht von"),
        queryset=Organisation.objects.none(),
        empty_label=None,
        help_text=_("Die Organisation, für die Sie die Maßnahme vorschlagen."),
    )
    title_de = forms.CharField(label=_("Titel"), max_length=140)
    summary_de = forms.CharField(
        label=_("Kurzbeschreibung"),
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ein bis zwei Sätze: Was ist das, für wen?"),
    )
    goal_de = forms.CharField(
        label=_("Ziel"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Was soll sich in der Kommune ändern?"),
    )
    steps_de = forms.CharField(
        label=_("Schritte"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Ein Schritt pro Zeile, in der Reihenfolge, in der man vorgeht."),
    )
    duration_de = forms.CharField(
        label=_("Dauer"),
        max_length=120,
        required=False,
        help_text=_("z. B. „ein Abend (3 Stunden)“ oder „6 Monate“"),
    )
    title_en = forms.CharField(label=_("Titel (Englisch)"), max_length=140, required=False)
    summary_en = forms.CharField(
        label=_("Kurzbeschreibung (Englisch)"),
        max_length=400,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    goal_en = forms.CharField(
        label=_("Ziel (Englisch)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    steps_en = forms.CharField(
        label=_("Schritte (Englisch)"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Ein Schritt pro Zeile, so viele wie auf Deutsch."),
    )
    duration_en = forms.CharField(label=_("Dauer (Englisch)"), max_length=120, required=False)
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("", _("– bitte wählen –")), *Format.choices],
        error_messages={"required": _("Bitte wählen Sie ein Format.")},
    )
    topics = forms.MultipleChoiceField(
        label=_("Handlungsfelder"),
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Bitte wählen Sie mindestens ein Handlungsfeld.")},
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Zielgruppen"),
        choices=TargetGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Bitte wählen Sie mindestens eine Zielgruppe.")},
    )
    effort = forms.ChoiceField(
        label=_("Aufwand"),
        choices=Effort.choices,
        widget=forms.RadioSelect,
        help_text=_("gering: ohne Budget, wenige Stunden; hoch: Budget, Monate, viele Beteiligte"),
    )

    GROUPS = (
        (
            _("Auf Deutsch"),
            ("organisation", "title_de", "summary_de", "goal_de", "steps_de", "duration_de"),
        ),
        (
            _("Auf Englisch (freiwillig)"),
            ("title_en", "summary_en", "goal_en", "steps_en", "duration_en"),
        ),
        (_("Einordnung"), ("format", "topics", "target_groups", "effort")),
    )

    def __init__(
        self, *args: Any, organisations: QuerySet[Organisation] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if organisations is None:  # editing: the organisation stays
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]

    @property
    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """Fieldsets for the template: (legend, fields)."""
        return [
            (str(legend), [self[name] for name in names if name in self.fields])
            for legend, names in self.GROUPS
        ]

    def clean_steps_de(self) -> list[str]:
        steps = _lines(self.cleaned_data["steps_de"])
        if not steps:
            raise forms.ValidationError(_("Bitte nennen Sie mindestens einen Schritt."))
        if len(steps) > MAX_STEPS:
            raise forms.ValidationError(_("Bitte höchstens %(max)d Schritte.") % {"max": MAX_STEPS})
        if any(len(step) > 500 for step in steps):
            raise forms.ValidationError(_("Ein Schritt hat höchstens 500 Zeichen."))
        return steps

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        steps_de = data.get("steps_de")
        steps_en = _lines(data.get("steps_en") or "")
        if steps_de and steps_en and len(steps_en) != len(steps_de):
            self.add_error(
                "steps_en",
                _(
                    "Auf Deutsch sind es %(de)d Schritte, auf Englisch %(en)d. Bitte übersetzen "
                    "Sie jeden Schritt – oder lassen Sie das Feld leer."
                )
                % {"de": len(steps_de), "en": len(steps_en)},
            )
        data["steps_en"] = steps_en
        return data

    def fields_for_service(self) -> dict[str, Any]:
        data = self.cleaned_data
        steps_en = data["steps_en"]
        return {
            "title": _texts(data["title_de"], data["title_en"]),
            "summary": _texts(data["summary_de"], data["summary_en"]),
            "goal": _texts(data["goal_de"], data["goal_en"]),
            "steps": [
                _texts(step, steps_en[index] if steps_en else "")
                for index, step in enumerate(data["steps_de"])
            ],
            "duration": (
                _texts(data["duration_de"], data["duration_en"]) if data["duration_de"] else {}
            ),
            "format": data["format"],
            "topics": data["topics"],
            "target_groups": data["target_groups"],
            "effort": data["effort"],
        }

    @staticmethod
    def initial_of(measure: Measure) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "format": measure.format,
            "topics": measure.topics,
            "target_groups": measure.target_groups,
            "effort": measure.effort,
        }
        for language in ("de", "en"):
            for name in ("title", "summary", "goal", "duration"):
                initial[f"{name}_{language}"] = (getattr(measure, name) or {}).get(language, "")
            initial[f"steps_{language}"] = "\n".join(
                step.get(language, "") for step in measure.steps or [] if step.get(language)
            )
        return initial


class MaterialForm(forms.Form):
    title_de = forms.CharField(
        label=_("Titel"),
        max_length=140,
        help_text=_("Was ist das? z. B. „Moderationsleitfaden“ oder „Vorlage Einladung“"),
    )
    title_en = forms.CharField(
        label=_("Titel (Englisch, freiwillig)"), max_length=140, required=False
    )
    file = forms.FileField(
        label=_("Datei"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "PDF, ODT, DOCX, PPTX oder ein Bild (JPEG, PNG, WebP, GIF), höchstens %(mb)d MB. "
            "Bilder werden neu gespeichert; dabei gehen ihre Metadaten (z. B. der Aufnahmeort) "
            "verloren."
        ) % {"mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024)}

    def title(self) -> dict[str, str]:
        return _texts(self.cleaned_data["title_de"], self.cleaned_data["title_en"])


class ReportForm(forms.Form):
    """A town's report: for which organisation (when the person belongs to several), a note,
    and a link: one of the organisation's published posts, or another address."""

    organisation = forms.ModelChoiceField(
        label=_("Für"), queryset=Organisation.objects.none(), empty_label=None
    )
    note = forms.CharField(
        label=_("Was Sie erlebt und gelernt haben"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Wie lief es bei Ihnen? Was hat geholfen, was würden Sie anders machen? "
            "Höchstens 2000 Zeichen."
        ),
    )
    post = forms.ModelChoiceField(
        label=_("Beitrag im Blog"),
        queryset=Post.objects.none(),
        required=False,
        empty_label=_("kein Beitrag"),
        help_text=_("Veröffentlichte Berichte Ihrer Organisation und Ihres Orts."),
    )
    url = forms.URLField(
        label=_("oder ein Link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("z. B. eine Pressemitteilung oder die Seite Ihrer Kommune"),
    )

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation],
        posts: QuerySet[Post],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["post"].queryset = posts  # type: ignore[attr-defined]
        if len(organisations) == 1:
            self.fields["organisation"].widget = forms.HiddenInput()
            self.fields["organisation"].initial = organisations[0].pk
        if not posts:
            del self.fields["post"]
            self.fields["url"].label = _("Link")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("post") and data.get("url"):
            self.add_error(
                "url",
                _("Bitte verlinken Sie entweder einen Beitrag im Blog oder eine Adresse."),
            )
        return data
