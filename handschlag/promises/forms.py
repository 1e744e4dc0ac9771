"""Forms: they validate input; the services decide."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.conf import settings
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from handschlag.core.unit_fields import UnitFieldsMixin
from handschlag.core.units import amount
from handschlag.core.widgets import DateInput
from handschlag.organisations.models import Membership, Organisation
from handschlag.organisations.selectors import organisations_of
from handschlag.places.forms import (
    MunicipalityChoiceField,
    PlaceField,
    PlaceRadiusField,
    suggestions_for,
)
from handschlag.places.selectors import DEFAULT_RADIUS_KM, ONLY_HERE

from .filters import DEFAULT_FILTERS, PromiseFilters
from .models import Category, Eligibility, Promise, ReportPhoto


class PromiseFilterForm(forms.Form):
    """The list page's filters; `filters()` turns them into the selector's PromiseFilters.

    One place field (with suggestions) and a radius choice ("nur dieser Ort" or a distance).
    Older links with `municipality=` (that town) or `near=` (around it) still work."""

    q = forms.CharField(
        label=_("Suchbegriff"),
        required=False,
        max_length=200,
        help_text=_("Sucht in Titel, Beschreibung, Bedingung, Ort und Name – z. B. „Laptops“."),
    )
    place = PlaceField(
        label=_("Ort"),
        required=False,
        help_text=_("Stadt oder Gemeinde; beim Tippen erscheinen Vorschläge."),
    )
    radius = PlaceRadiusField(label=_("Umkreis"))
    category = forms.ChoiceField(
        label=_("Kategorie"),
        choices=[("", _("alle Kategorien")), *Category.choices],
        required=False,
    )
    open = forms.BooleanField(label=_("nur offene Versprechen"), required=False)
    sort = forms.ChoiceField(
        label=_("Sortierung"),
        choices=[
            ("newest", _("neueste zuerst")),
            ("deadline", _("Frist läuft bald ab")),
            ("remaining", _("meiste freie Plätze")),
        ],
        required=False,
        initial=DEFAULT_FILTERS.sort,
    )

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        if data is not None:
            data = _with_defaults(data)
        super().__init__(data, *args, **kwargs)

    def filters(self) -> PromiseFilters:
        """What the form asks for. A field with an error is left out (its error is shown next
        to the results); the other fields still apply."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        given = {
            "q": data.get("q"),
            "category": data.get("category"),
            "open_only": data.get("open"),
            "sort": data.get("sort"),
        }
        # what was left empty takes PromiseFilters' default
        others = {k: v for k, v in given.items() if v not in ("", None)}
        radius = data.get("radius", DEFAULT_RADIUS_KM)
        return PromiseFilters.around(data.get("place") or "", radius, **others)

    @property
    def place_suggestions(self) -> list[tuple[Any, str]]:
        """(town, link) for each town offered for an unknown place ("Meinten Sie …?"); the
        link keeps the other filters."""
        if not self.is_bound:
            return []
        links = []
        for town in suggestions_for(self, "place"):
            query = QueryDict(mutable=True)
            for key in self.data:
                if key not in ("page", "municipality", "near", "place"):
                    values = self.data.getlist(key) if hasattr(self.data, "getlist") else None
                    query.setlist(key, values or [self.data[key]])
            query["place"] = town.pick  # type: ignore[attr-defined]
            links.append((town, "?" + query.urlencode()))
        return links


def _with_defaults(data: Any) -> Any:
    """The query with old parameter names mapped and the radius kept at its default when not
    given (so the select never jumps to its first option once some filter is set)."""
    data = data.copy()
    if not data.get("place"):
        if data.get("municipality"):
            data["place"], data["radius"] = data["municipality"], str(ONLY_HERE)
        elif data.get("near"):
            data["place"] = data["near"]
    if not data.get("radius"):
        data["radius"] = str(DEFAULT_RADIUS_KM)
    return data


# Typed before the condition by people who think of the whole sentence; the page says
# "… wenn jemand" already, so the sentence would read "wenn jemand wenn jemand …".
_CONDITION_LEAD = re.compile(r"^\s*(?:[.…]+\s*)?(?:wenn\b\s*(?:jemand\b\s*)?)?", re.IGNORECASE)


class PromiseForm(UnitFieldsMixin, forms.ModelForm):
    """The promise in three groups: what, under which condition, where/until when/how often."""

    municipality = MunicipalityChoiceField(
        label=_("Ort"),
        required=False,
        help_text=_("Name der Stadt oder Gemeinde. Leer lassen für ein bundesweites Versprechen."),
    )

    GROUPS = (
        (
            _("1. Was versprechen Sie?"),
            _("Das Angebot: etwas Greifbares, das Sie geben oder tun."),
            ("organisation", "title", "description", "category", "quantity", "unit",
             "unit_singular", "estimated_value"),
        ),
        (
            _("2. Unter welcher Bedingung?"),
            _(
                "Was jemand tun muss, um das Versprechen einzulösen, und was der Bericht "
                "zeigen soll."
            ),
            ("condition", "report_requirements"),
        ),
        (
            _("3. Wo, bis wann und wie oft?"),
            "",
            ("municipality", "deadline", "capacity", "eligibility"),
        ),
    )  # fmt: skip

    class Meta:
        model = Promise
        fields = [
            "organisation", "title", "description", "category", "quantity", "unit",
            "unit_singular", "estimated_value", "condition", "report_requirements", "municipality",
            "deadline", "capacity", "eligibility",
        ]  # fmt: skip
        labels = {
            "organisation": _("Im Namen von"),
            "quantity": _("Menge insgesamt"),
            "capacity": _("Wie viele können einlösen?"),
            "condition": _("… wenn jemand"),
        }
        help_texts = {
            "organisation": _(
                "Wählen Sie „mir als Privatperson“, wenn Sie nicht für eine Organisation "
                "versprechen."
            ),
            "title": _("Kurz und konkret, z. B. „10 Tablets für den Deutschunterricht“."),
            "quantity": _("Wie viel Sie insgesamt geben, z. B. 10 (Tablets) oder 20 (Stunden)."),
            "condition": _(
                "Beenden Sie den Satz „… wenn jemand“, z. B. „damit ein halbes Jahr lang eine "
                "Willkommensklasse unterrichtet“ oder „zehn Jugendlichen ein Praktikum vermittelt“."
            ),
            "report_requirements": _(
                "z. B. „Ein kurzer Bericht mit Foto: Wie wurden die Tablets genutzt?“"
            ),
            "capacity": _(
                "Wie viele Initiativen oder Personen das Versprechen einlösen können. Sie teilen "
                "sich die Menge: 10 Tablets an bis zu 2 Initiativen heißt z. B. je 5."
            ),
        }
        widgets = {
            "deadline": DateInput(),
            "quantity": forms.NumberInput(attrs={"min": 1}),
            "capacity": forms.NumberInput(attrs={"min": 1}),
            "description": forms.Textarea(attrs={"rows": 5}),
            "condition": forms.Textarea(attrs={"rows": 3}),
            "report_requirements": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        organisation = self.fields["organisation"]
        organisation.queryset = organisations_of(user)  # type: ignore[attr-defined]
        organisation.empty_label = _("mir als Privatperson")  # type: ignore[attr-defined]
        self.set_up_unit_fields()
        if self.instance.pk is None and not self.is_bound:
            # Whoever acts for an organisation mostly promises for it: the one they run first.
            self.initial.setdefault("organisation", _default_organisation(user))

    def groups(self) -> list[tuple[Any, Any, list[forms.BoundField]]]:
        return [
            (legend, hint, [self[name] for name in names]) for legend, hint, names in self.GROUPS
        ]

    def promiser_name(self) -> str:
        """Who the sentence names: the chosen organisation, else the person's public name."""
        chosen = str(self["organisation"].value() or "")
        for organisation in self.fields["organisation"].queryset:  # type: ignore[attr-defined]
            if str(organisation.pk) == chosen:
                return str(organisation.name)
        return str(self.user.public_name)

    def amount_preview(self) -> dict[str, str]:
        """The quantity as the pages will say it, for the live preview (promise-form.js), and
        the words for "pieces" when no unit is given ("%(n)s Stück" / "%(n)s items")."""
        try:
            quantity = max(int(self["quantity"].value() or 1), 1)
        except (TypeError, ValueError):
            quantity = 1
        plural = str(self["unit"].value() or "")
        singular = str(self["unit_singular"].value() or "")
        return {
            "many": amount(quantity, singular, plural),
            "one": amount(1, singular, plural),
            "none_one": ngettext("%(n)s Stück", "%(n)s Stück", 1),
            "none_many": ngettext("%(n)s Stück", "%(n)s Stück", 2),
        }

    def clean_condition(self) -> str:
        condition = _CONDITION_LEAD.sub("", self.cleaned_data["condition"], count=1).strip()
        if not condition:
            raise forms.ValidationError(
                _("Bitte beschreiben Sie, was jemand tun muss, z. B. „damit Deutsch unterrichtet“.")
            )
        return condition

    def clean_deadline(self) -> datetime.date:
        deadline: datetime.date = self.cleaned_data["deadline"]
        if deadline <= timezone.localdate():
            raise forms.ValidationError(_("Die Frist muss in der Zukunft liegen."))
        return deadline

    def clean_estimated_value(self) -> Any:
        value = self.cleaned_data.get("estimated_value")
        if value is not None and value < 0:
            raise forms.ValidationError(_("Der Wert darf nicht negativ sein."))
        return value

    def clean_capacity(self) -> int:
        capacity: int = self.cleaned_data["capacity"]
        if capacity < 1:
            raise forms.ValidationError(_("Mindestens eine Einlösung."))
        return capacity

    def clean_quantity(self) -> int:
        quantity: int = self.cleaned_data["quantity"]
        if quantity < 1:
            raise forms.ValidationError(_("Die Menge muss mindestens 1 sein."))
        return quantity

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.clean_unit_pair(data)
        quantity, capacity = data.get("quantity"), data.get("capacity")
        if quantity and capacity and capacity > quantity:
            singular, plural = data.get("unit_singular", ""), data.get("unit", "")
            self.add_error(
                "capacity",
                ngettext(
                    "Jede Einlösung bekommt mindestens %(one)s: Bei einer Menge von %(amount)s "
                    "ist höchstens %(n)d Einlösung möglich.",
                    "Jede Einlösung bekommt mindestens %(one)s: Bei einer Menge von %(amount)s "
                    "sind höchstens %(n)d Einlösungen möglich.",
                    quantity,
                )
                % {
                    "n": quantity,
                    "one": amount(1, singular, plural),
                    "amount": amount(quantity, singular, plural, dative=True),
                },
            )
        return data


def _default_organisation(user: Any) -> int | None:
    memberships = Membership.objects.filter(user=user).order_by("created_at", "pk")
    admin = memberships.filter(role=Membership.Role.ADMIN).values_list("organisation", flat=True)
    return admin.first() or memberships.values_list("organisation", flat=True).first()


class ApplyForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("im Namen von"), queryset=Organisation.objects.none(), required=False
    )
    plan = forms.CharField(
        label=_("Wie erfüllen Sie die Bedingung?"), widget=forms.Textarea, max_length=3000
    )
    quantity = forms.IntegerField(label=_("Wie viel brauchen Sie?"), min_value=1, initial=1)

    def __init__(self, *args: Any, user: Any, promise: Promise, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = organisations_of(user)
        field = self.fields["organisation"]
        field.queryset = organisations  # type: ignore[attr-defined]
        field.empty_label = _("für mich selbst")  # type: ignore[attr-defined]
        if promise.eligibility != Eligibility.ANYONE:
            field.required = True
            field.empty_label = None  # type: ignore[attr-defined]
        elif not organisations.exists():
            field.widget = forms.HiddenInput()
        self.fields["quantity"].validators.append(_MaxValue(promise))
        left = promise.remaining_quantity
        self.fields["quantity"].help_text = ngettext(
            "Es ist noch %(amount)s verfügbar.", "Es sind noch %(amount)s verfügbar.", left
        ) % {"amount": amount(left, promise.unit_singular, promise.unit)}


class _MaxValue:
    def __init__(self, promise: Promise) -> None:
        self.promise = promise

    def __call__(self, value: int) -> None:
        left = self.promise.remaining_quantity
        if value > left:
            raise forms.ValidationError(
                ngettext(
                    "Es ist nur noch %(amount)s verfügbar.",
                    "Es sind nur noch %(amount)s verfügbar.",
                    left,
                )
                % {"amount": amount(left, self.promise.unit_singular, self.promise.unit)},
                code="max_value",
            )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Begründung"), widget=forms.Textarea(attrs={"rows": 3}))


class MultiplePhotoInput(forms.FileInput):
    allow_multiple_selected = True


REPORT_PROMPTS = {
    "happened": (
        _("Was ist passiert?"),
        _("Wer hat mitgemacht, was wurde gemacht, wie oft, mit welchem Ergebnis?"),
    ),
    "worked": (
        _("Was hat gut funktioniert?"),
        _("Was würden Sie genauso wieder machen?"),
    ),
    "differently": (
        _("Was würden Sie beim nächsten Mal anders machen?"),
        _("Was hat gehakt, was hätten Sie früher wissen wollen?"),
    ),
    "advice": (
        _("Ihr Rat für Orte, die es nachmachen"),
        _("Was sollte eine andere Stadt oder Gemeinde als Erstes tun?"),
    ),
}


class ReportForm(forms.Form):
    """The report: title, lead, the four prompts, photos and consent.

    Photos are stored as soon as they arrive (the view calls add_report_photo for each file of
    `photos`), so a form error never loses them; each stored photo gets a description field
    `alt_<id>` and a remove button. With `sending=False` (uploading or removing a photo) no
    field is required, so the page comes back without errors for what is not written yet."""

    title = forms.CharField(
        label=_("Titel Ihres Berichts"),
        max_length=140,
        help_text=_("z. B. „Wie zehn Tablets eine Willkommensklasse verändert haben“"),
    )
    lead = forms.CharField(
        label=_("Kurzfassung"),
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ein bis zwei Sätze; sie stehen in der Übersicht und im Feed."),
    )
    happened = forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 5}))
    worked = forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    differently = forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    advice = forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    photos = forms.FileField(
        label=_("Fotos hinzufügen"),
        required=False,
        widget=MultiplePhotoInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/gif", "multiple": True}
        ),
    )
    consent = forms.BooleanField(
        label=_("Ich bin einverstanden, dass der Bericht mit Fotos öffentlich im Blog erscheint."),
        required=False,
    )

    SECTION_FIELDS = ("title", "lead", *REPORT_PROMPTS)

    def __init__(
        self,
        *args: Any,
        photos: list[ReportPhoto] | None = None,
        sending: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.stored_photos = photos or []
        for key, (label, help_text) in REPORT_PROMPTS.items():
            self.fields[key].label = label
            self.fields[key].help_text = help_text
        room = ReportPhoto.MAX_PER_REPORT - len(self.stored_photos)
        self.fields["photos"].help_text = _(
            "Sie können mehrere Fotos auf einmal wählen: JPEG, PNG, WebP oder GIF, je höchstens "
            "%(mb)d MB, insgesamt %(max)d Fotos (noch %(room)d)."
        ) % {
            "mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024),
            "max": ReportPhoto.MAX_PER_REPORT,
            "room": max(room, 0),
        }
        if room <= 0:
            del self.fields["photos"]
        for number, photo in enumerate(self.stored_photos, start=1):
            self.fields[f"alt_{photo.pk}"] = forms.CharField(
                label=_("Bildbeschreibung zu Foto %(n)d") % {"n": number},
                max_length=200,
                initial=photo.alt_text,
                help_text=_("Was ist auf dem Foto zu sehen? (für Menschen, die es nicht sehen)"),
                error_messages={"required": _("Bitte beschreiben Sie das Foto.")},
            )
        if not sending:
            for field in self.fields.values():
                field.required = False

    def photo_rows(self) -> list[tuple[ReportPhoto, forms.BoundField]]:
        """Each stored photo with its description field, for the template."""
        return [(photo, self[f"alt_{photo.pk}"]) for photo in self.stored_photos]

    def text_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.SECTION_FIELDS]

    def alt_texts(self) -> dict[int, str]:
        data = getattr(self, "cleaned_data", {})
        return {
            photo.pk: data.get(f"alt_{photo.pk}", "")
            for photo in self.stored_photos
            if f"alt_{photo.pk}" in data
        }


class DisputeForm(forms.Form):
    """A moderator's decision on a disputed report."""

    OUTCOMES = [
        ("confirm", _("Erfüllung bestätigen")),
        ("rework", _("Nachbesserung: zurück in die Umsetzung")),
        ("fail", _("nicht erfüllt")),
    ]
    outcome = forms.ChoiceField(label=_("Entscheidung"), choices=OUTCOMES, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Begründung"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Beide Seiten bekommen diese Begründung."),
        error_messages={"required": _("Bitte begründen Sie Ihre Entscheidung.")},
    )
