"""Forms of joining: they validate input and hand the services plain data; the services
decide. Profile forms know their site (its programme's kinds of tandem)."""

from __future__ import annotations

import itertools
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from handschlag.core.languages import reading_language, ui_language_choices
from handschlag.core.widgets import DateInput
from handschlag.matching.model import DAYS, PARTS
from handschlag.places.forms import MunicipalityChoiceField, PlaceInput

from .joining import WITHDRAW_END_REASONS
from .joining_fields import DAY_NAMES, PART_NAMES, AvailabilityField, LanguageRowsMixin
from .models import AgeGroup, Gender, Mentee, Mentor, Site

KM_CHOICES = (2, 5, 10, 15, 25, 50)

NO_GENDER = [("", _("keine Angabe"))]


def _km_choices(current: int | None) -> list[tuple[int, str]]:
    values = sorted({*KM_CHOICES, *([current] if current else [])})
    return [(km, _("bis %(km)d km") % {"km": km}) for km in values]


def place_field(label: StrOrPromise, help_text: StrOrPromise = "") -> MunicipalityChoiceField:
    return MunicipalityChoiceField(
        label=label,
        help_text=help_text or _("Stadt oder Gemeinde; beim Tippen erscheinen Vorschläge."),
        widget=PlaceInput(attrs={"data-picker-stays": "", "autocomplete": "off"}),
    )


class ProfileForm(LanguageRowsMixin, forms.Form):
    """What mentors and mentees share: languages, place, how far, when, for what, preferences."""

    municipality = place_field(_("Wohnort"))
    max_km = forms.TypedChoiceField(label=_("Wie weit können Sie fahren?"), coerce=int)
    online = forms.BooleanField(label=_("Treffen auch online (Video oder Telefon)"), required=False)
    availability = AvailabilityField(
        label=_("Wann haben Sie Zeit?"),
        help_text=_("Kreuzen Sie an, wann Sie meistens können. Genaue Termine sprechen Sie ab."),
    )
    kinds = forms.MultipleChoiceField(
        label=_("Wobei möchten Sie begleiten?"), widget=forms.CheckboxSelectMultiple
    )
    gender = forms.ChoiceField(
        label=_("Ihr Geschlecht (freiwillig)"),
        choices=[*NO_GENDER, *Gender.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    partner_genders = forms.MultipleChoiceField(
        label=_("Wunsch: Geschlecht der anderen Person"),
        choices=Gender.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Nichts angekreuzt: egal."),
    )

    def __init__(self, *args: Any, site: Site, profile: Any = None, **kwargs: Any) -> None:
        if profile is not None:
            kwargs.setdefault("initial", self.initial_from(profile))
        else:
            # a newcomer reading this page in their language is written to in it
            kwargs.setdefault(
                "initial",
                {"municipality": site.municipality, "max_km": 10, "language": reading_language()},
            )
        super().__init__(*args, **kwargs)
        self.site = site
        self.profile = profile
        self.fields["kinds"].choices = site.carrier.programme.kind_choices()  # type: ignore[attr-defined]
        current = profile.max_km if profile is not None else None
        self.fields["max_km"].choices = _km_choices(current)  # type: ignore[attr-defined]
        self.add_language_rows(profile.languages if profile is not None else None)

    FIELDS: tuple[str, ...] = (
        "municipality",
        "max_km",
        "online",
        "availability",
        "kinds",
        "gender",
        "partner_genders",
    )

    def initial_from(self, profile: Any) -> dict[str, Any]:
        return {name: getattr(profile, name) for name in self.FIELDS}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["languages"] = self.clean_language_rows()
        return data

    def profile_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {name: data[name] for name in (*self.FIELDS, "languages") if name in data}


class MentorForm(ProfileForm):
    FIELDS = (
        *ProfileForm.FIELDS,
        "interests",
        "about",
        "partner_age_groups",
    )

    capacity = forms.TypedChoiceField(
        label=_("Wie viele Menschen möchten Sie gleichzeitig begleiten?"),
        choices=[(1, "1"), (2, "2"), (3, "3")],
        coerce=int,
        initial=1,
        widget=forms.RadioSelect,
    )
    partner_age_groups = forms.MultipleChoiceField(
        label=_("Wen möchten Sie begleiten?"),
        choices=AgeGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Nichts angekreuzt: alle. Wer Kinder oder Jugendliche begleitet, legt der "
            "Koordination ein erweitertes Führungszeugnis vor (§ 72a SGB VIII). Die Koordination "
            "vermerkt nur, dass sie es gesehen hat – das Dokument selbst wird nicht gespeichert."
        ),
    )
    interests = forms.CharField(
        label=_("Ihre Interessen"),
        max_length=300,
        required=False,
        help_text=_("z. B. Fußball, Kochen, Nähen, Wandern"),
    )
    about = forms.CharField(
        label=_("Über Sie"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ein paar Sätze für die Koordination: Was bringen Sie mit?"),
    )

    def __init__(self, *args: Any, site: Site, profile: Mentor | None = None, **kwargs: Any):
        super().__init__(*args, site=site, profile=profile, **kwargs)
        if profile is not None:
            self.initial.setdefault("capacity", profile.capacity)
        self.order_fields(["lang_0"])


class CoordinatorMenteeForm(ProfileForm):
    """A coordinator registers (or edits) a mentee; on registration the coordinator confirms
    the person's consent to the text shown."""

    FIELDS = (
        "first_name",
        "age_group",
        *ProfileForm.FIELDS,
        "wishes",
        "phone",
        "email",
        "language",
    )

    first_name = forms.CharField(label=_("Vorname oder Rufname"), max_length=60)
    age_group = forms.ChoiceField(
        label=_("Alter"), choices=AgeGroup.choices, widget=forms.RadioSelect
    )
    wishes = forms.CharField(
        label=_("Wünsche"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    phone = forms.CharField(label=_("Telefon (freiwillig)"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-Mail-Adresse (freiwillig)"), required=False)
    language = forms.ChoiceField(
        label=_("Sprache für Nachrichten"), choices=ui_language_choices, initial="de"
    )
    consented = forms.BooleanField(
        label=_("Die Person hat der Einwilligung oben zugestimmt."), required=False
    )
    by_guardian = forms.BooleanField(
        label=_(
            "Für ein Kind oder eine:n Jugendliche:n: Die Erziehungsberechtigten haben zugestimmt."
        ),
        required=False,
    )

    def __init__(self, *args: Any, site: Site, profile: Mentee | None = None, **kwargs: Any):
        super().__init__(*args, site=site, profile=profile, **kwargs)
        self.fields["gender"].label = _("Geschlecht (freiwillig)")
        self.fields["availability"].label = _("Wann hat die Person Zeit?")
        self.fields["max_km"].label = _("Wie weit kann die Person fahren?")
        self.fields["kinds"].label = _("Wobei wünscht sich die Person Begleitung?")
        if profile is not None:  # consent was recorded at registration
            del self.fields["consented"], self.fields["by_guardian"]
        self.order_fields(["first_name", "age_group", "lang_0"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if "consented" in self.fields and not data.get("consented"):
            self.add_error(
                "consented", _("Ohne Einwilligung kann die Person nicht angemeldet werden.")
            )
        if (
            "by_guardian" in self.fields
            and data.get("age_group") in ("child", "youth")
            and not data.get("by_guardian")
        ):
            self.add_error(
                "by_guardian",
                _("Für Kinder und Jugendliche willigen die Erziehungsberechtigten ein."),
            )
        return data


PARTNER_WISH = [
    ("", _("Das ist mir egal.")),
    (Gender.FEMALE, _("lieber eine Frau")),
    (Gender.MALE, _("lieber ein Mann")),
]


class SelfMenteeForm(LanguageRowsMixin, forms.Form):
    """The short form for newcomers: few fields, plain words; no account and no email needed.
    `website` is a trap for robots: people never see it, so it must stay empty."""

    LANGUAGE_ROWS = 3
    FIELDS = (
        "first_name", "age_group", "municipality", "max_km", "online", "kinds", "wishes",
        "phone", "email", "language",
    )  # fmt: skip

    first_name = forms.CharField(
        label=_("Ihr Vorname"), max_length=60, help_text=_("Der Vorname genügt.")
    )
    age_group = forms.ChoiceField(
        label=_("Für wen ist die Begleitung?"),
        choices=[
            ("adult", _("für mich (ich bin erwachsen)")),
            ("youth", _("für ein Kind von 14 bis 17 Jahren")),
            ("child", _("für ein Kind bis 13 Jahre")),
        ],
        initial="adult",
        widget=forms.RadioSelect,
    )
    municipality = place_field(_("Wo wohnen Sie?"), _("Ihre Stadt oder Gemeinde."))
    max_km = forms.TypedChoiceField(label=_("Wie weit können Sie fahren?"), coerce=int)
    online = forms.BooleanField(label=_("Auch Treffen am Telefon oder per Video"), required=False)
    days = forms.MultipleChoiceField(
        label=_("An welchen Tagen haben Sie Zeit?"),
        choices=[(day, DAY_NAMES[day]) for day in DAYS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    parts = forms.MultipleChoiceField(
        label=_("Zu welcher Tageszeit?"),
        choices=[(part, PART_NAMES[part]) for part in PARTS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    kinds = forms.MultipleChoiceField(
        label=_("Wobei wünschen Sie sich Hilfe?"), widget=forms.CheckboxSelectMultiple
    )
    partner_gender = forms.ChoiceField(
        label=_("Wer soll Sie begleiten?"),
        choices=PARTNER_WISH,
        required=False,
        widget=forms.RadioSelect,
    )
    phone = forms.CharField(
        label=_("Ihre Telefonnummer"),
        max_length=40,
        required=False,
        help_text=_("Damit die Koordination Sie anrufen kann."),
    )
    email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"),
        required=False,
        help_text=_("Nur wenn Sie eine haben. Sie brauchen keine."),
    )
    language = forms.ChoiceField(
        label=_("In welcher Sprache sollen wir Ihnen schreiben?"),
        choices=ui_language_choices,
        initial="de",
    )
    wishes = forms.CharField(
        label=_("Möchten Sie uns noch etwas sagen?"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consented = forms.BooleanField(label=_("Ich bin einverstanden."), required=False)
    by_guardian = forms.BooleanField(
        label=_("Ich melde ein Kind an und bin erziehungsberechtigt."), required=False
    )
    website = forms.CharField(label=_("Bitte lassen Sie dieses Feld leer."), required=False)

    def __init__(
        self, *args: Any, site: Site, profile: Mentee | None = None, **kwargs: Any
    ) -> None:
        if profile is not None:
            kwargs.setdefault("initial", self._initial_from(profile))
        else:
            # a newcomer reading this page in their language is written to in it
            kwargs.setdefault(
                "initial",
                {"municipality": site.municipality, "max_km": 10, "language": reading_language()},
            )
        super().__init__(*args, **kwargs)
        self.site = site
        self.profile = profile
        self.fields["kinds"].choices = site.carrier.programme.kind_choices()  # type: ignore[attr-defined]
        current = profile.max_km if profile is not None else None
        self.fields["max_km"].choices = _km_choices(current)  # type: ignore[attr-defined]
        self.fields["language"].widget.attrs["autocomplete"] = "off"
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["phone"].widget.input_type = "tel"  # type: ignore[attr-defined]
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.add_language_rows(profile.languages if profile is not None else None)
        if profile is not None:  # the person edits their own profile
            for name in ("consented", "by_guardian", "website", "age_group"):
                del self.fields[name]

    @staticmethod
    def _initial_from(profile: Mentee) -> dict[str, Any]:
        initial = {name: getattr(profile, name) for name in SelfMenteeForm.FIELDS}
        slots = [slot.split("-", 1) for slot in profile.availability]
        initial["days"] = sorted({day for day, _part in slots}, key=DAYS.index)
        initial["parts"] = sorted({part for _day, part in slots}, key=PARTS.index)
        wished = profile.partner_genders
        initial["partner_gender"] = wished[0] if len(wished) == 1 else ""
        return initial

    def is_robot(self) -> bool:
        return bool(self.data.get("website"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["languages"] = self.clean_language_rows()
        if "consented" in self.fields and not data.get("consented"):
            self.add_error(
                "consented",
                _("Bitte lesen Sie den Text und kreuzen Sie „Ich bin einverstanden“ an."),
            )
        if (
            "by_guardian" in self.fields
            and data.get("age_group") in ("child", "youth")
            and not data.get("by_guardian")
        ):
            self.add_error(
                "by_guardian",
                _("Für ein Kind melden Sie sich bitte als erziehungsberechtigte Person an."),
            )
        return data

    def profile_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        days, parts = data.get("days") or [], data.get("parts") or []
        profile = {name: data[name] for name in self.FIELDS if name in data}
        profile["languages"] = data["languages"]
        # days without times (or times without days) mean: any of them. A profile whose
        # times were set in detail (by the coordination) keeps them unless these change.
        if "days" in self.changed_data or "parts" in self.changed_data or not self.profile:
            profile["availability"] = [
                f"{day}-{part}" for day, part in itertools.product(days or DAYS, parts or PARTS)
            ] if (days or parts) else []  # fmt: skip
        wish = data.get("partner_gender") or ""
        profile["partner_genders"] = [wish] if wish else []
        return profile


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Was soll geändert werden?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Die Person bekommt diesen Hinweis als Nachricht."),
    )


class CertificateForm(forms.Form):
    seen_on = forms.DateField(label=_("Eingesehen am"), widget=DateInput)
    issued_on = forms.DateField(
        label=_("Ausgestellt am"),
        widget=DateInput,
        help_text=_("Das Datum, das auf dem Führungszeugnis steht."),
    )


class SiteForm(forms.Form):
    contact_email = forms.EmailField(label=_("E-Mail-Adresse der Koordination"), required=False)
    contact_phone = forms.CharField(
        label=_("Telefon der Koordination"), max_length=40, required=False
    )
    accepts_registrations = forms.BooleanField(
        label=_("Der Standort nimmt neue Anmeldungen an."), required=False
    )
    response_days = forms.IntegerField(
        label=_("Wir melden uns nach einer Anmeldung innerhalb von … Tagen"),
        min_value=1,
        max_value=60,
        help_text=_("Das steht auf der Seite, die Mentees nach ihrer Anmeldung sehen."),
    )


class WithdrawForm(forms.Form):
    """Withdrawing a profile that still has tandems: why they end."""

    reason = forms.ChoiceField(
        label=_("Warum enden die Tandems?"),
        choices=[(reason.value, reason.label) for reason in WITHDRAW_END_REASONS],
        widget=forms.RadioSelect,
    )
