"""The reader's forms: the offer list's filters and the portal index's place search. They only
read (GET); `filters()` turns what was typed into the selector's OfferFilters. A field with an
error is left out (its error is shown next to the results); the others still apply."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from handschlag.core.languages import BY_CODE, Language
from handschlag.places.forms import PlaceInput, radius_label
from handschlag.places.selectors import RADII_KM, similar_municipalities

from .filters import OfferFilters, Origin
from .models import Topic
from .public_selectors import POSTCODE, resolve_place


class OriginField(forms.CharField):
    """A place typed by the reader — a town (with suggestions as they type) or a postcode —
    cleaned to an Origin (None when empty). Unknown places are refused with up to three
    similar towns ("Meinten Sie …?"), kept in the error's params for links."""

    widget = PlaceInput
    default_error_messages = {
        "unknown": _("Diesen Ort kennen wir nicht."),
        "postcode": _("Zu dieser Postleitzahl kennen wir keinen Ort mit Angeboten."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 140)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Origin | None:  # type: ignore[override]
        text = super().clean(value).strip()
        if not text:
            return None
        origin = resolve_place(text)
        if origin is not None:
            return origin
        if POSTCODE.fullmatch(text):
            raise forms.ValidationError(self.error_messages["postcode"], code="postcode")
        similar = similar_municipalities(text)
        message = str(self.error_messages["unknown"])
        if similar:
            message = gettext("%(unknown)s Meinten Sie: %(names)s?") % {
                "unknown": message,
                "names": ", ".join(town.name for town in similar),
            }
        raise forms.ValidationError(message, code="unknown", params={"similar": similar})


class LanguageSelect(forms.Select):
    """Languages by their own name, each option marked with its language for screen readers."""

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(name, value, *args, **kwargs)
        if value and value in BY_CODE:
            option["attrs"]["lang"] = _lang_attribute(value)
            option["attrs"]["dir"] = "auto"
        return option


def _lang_attribute(code: str) -> str:
    # German Sign Language's name is German text; "dgs" is not its language tag
    return "de" if code == "dgs" else code


def language_label(language: Language) -> str:
    """ "Українська (Ukrainisch)": the own name first, so readers find their language."""
    name = str(language.name)
    return language.native if name == language.native else f"{language.native} ({name})"


class OfferFilterForm(forms.Form):
    """The offer list's filters. `languages`: the languages offered in the select (those spoken
    in the portal); a known language asked for by a link is added, so its filter still works."""

    q = forms.CharField(
        label=_("Suchbegriff"),
        required=False,
        max_length=200,
        help_text=_("In Ihrer Sprache oder auf Deutsch, z. B. „Deutschkurs“."),
    )
    topic = forms.ChoiceField(
        label=_("Thema"), required=False, choices=[("", _("alle Themen")), *Topic.choices]
    )
    language = forms.ChoiceField(
        label=_("Sprache der Beratung"),
        required=False,
        widget=LanguageSelect,
        help_text=_("Angebote, in denen jemand diese Sprache spricht."),
    )
    place = OriginField(
        label=_("Ihr Ort"),
        help_text=_("Ort oder Postleitzahl: dann stehen die nächsten Angebote oben."),
    )
    radius = forms.TypedChoiceField(
        label=_("Umkreis"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("beliebig weit")), *((km, radius_label(km)) for km in RADII_KM)],
    )

    def __init__(self, data: Any = None, *, languages: list[Language], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        codes = [language.code for language in languages]
        asked = str((data or {}).get("language") or "")
        if asked in BY_CODE and asked not in codes:
            codes.append(asked)
        field: forms.ChoiceField = self.fields["language"]  # type: ignore[assignment]
        field.choices = [
            ("", _("alle Sprachen")),
            *((code, language_label(BY_CODE[code])) for code in codes),
        ]

    def filters(self) -> OfferFilters:
        self.is_valid()
        data: dict[str, Any] = getattr(self, "cleaned_data", {})
        return OfferFilters(
            q=(data.get("q") or "").strip(),
            topic=data.get("topic") or None,
            language=data.get("language") or "",
            origin=data.get("place"),
            radius_km=data.get("radius"),
        )

    def query(self) -> dict[str, str]:
        """The filters as the reader sent them (no page number, no other keys): what a shared
        link to the list and the list's PDF keep."""
        return {name: str(self.data[name]) for name in self.fields if self.data.get(name)}

    @property
    def place_suggestions(self) -> list[tuple[Any, str]]:
        return place_suggestions(self)


class PortalSearchForm(forms.Form):
    """The portal index: "Wo wohnen Sie?" — portals nearest to a typed town or postcode."""

    place = OriginField(
        label=_("Ihr Ort"),
        help_text=_("Ort oder Postleitzahl; beim Tippen erscheinen Vorschläge."),
    )

    def origin(self) -> Origin | None:
        self.is_valid()
        return getattr(self, "cleaned_data", {}).get("place")

    @property
    def place_suggestions(self) -> list[tuple[Any, str]]:
        return place_suggestions(self)


def place_suggestions(form: forms.Form) -> list[tuple[Any, str]]:
    """(town, link) for each town offered for an unknown place ("Meinten Sie …?"); each link
    keeps the form's other values."""
    if not form.is_bound:
        return []
    links = []
    for error in form.errors.as_data().get("place", []):
        if error.code != "unknown" or not error.params:
            continue
        for town in error.params.get("similar", []):
            query = QueryDict(mutable=True)
            for key in form.data:
                if key not in ("page", "place"):
                    values = form.data.getlist(key) if hasattr(form.data, "getlist") else None
                    query.setlist(key, values or [form.data[key]])
            query["place"] = getattr(town, "pick", town.name)
            links.append((town, "?" + query.urlencode()))
    return links
