"""Forms of the action plan: an item (everything, for the coordination; progress and
description, for its owner), adopting a measure, a milestone, a state change with a comment,
the links to events and promises, and the plan page's filters."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .models import ActionPlan, Area, PlanItem
from .plans_selectors import NO_OWNER, linkable_events, linkable_promises, team

OWNER_REFUSED = _(
    "Verantwortlich kann nur sein, wer Mitglied Ihrer Organisation ist. Laden Sie die Person "
    "zuerst in Ihre Organisation ein."
)


class OwnerField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name())


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class ItemForm(forms.Form):
    """An item's fields; `fields` chooses which of them the form has."""

    title = forms.CharField(label=_("Titel"), max_length=200)
    area = forms.ModelChoiceField(
        label=_("Handlungsfeld"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("ohne Handlungsfeld"),
    )
    owner = OwnerField(
        label=_("Verantwortlich"),
        queryset=PlanItem.objects.none(),
        required=False,
        empty_label=_("noch niemand"),
        help_text=_("Ein Mitglied Ihrer Organisation; es wird benachrichtigt."),
        error_messages={"invalid_choice": OWNER_REFUSED},
    )
    partners = forms.CharField(
        label=_("Partner"),
        max_length=300,
        required=False,
        help_text=_("Wer macht mit? z. B. Jobcenter, Migrantenbeirat, Sportverein"),
    )
    due_date = forms.DateField(label=_("Fällig am"), required=False, widget=DateInput())
    progress = forms.IntegerField(
        label=_("Fortschritt in %"),
        min_value=0,
        max_value=100,
        help_text=_("Eine Schätzung genügt: 0 heißt „noch nicht begonnen“, 100 „fertig“."),
    )
    description = forms.CharField(
        label=_("Beschreibung"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Was soll erreicht werden, was ist der nächste Schritt?"),
    )

    def __init__(
        self,
        data: Any = None,
        *,
        plan: ActionPlan,
        areas: Sequence[Area],
        fields: Iterable[str],
        item: PlanItem | None = None,
        initial: dict[str, Any] | None = None,
    ) -> None:
        if item is not None:
            initial = {
                "title": item.title, "area": item.area_id, "owner": item.owner_id,
                "partners": item.partners, "due_date": item.due_date,
                "progress": item.progress, "description": item.description, **(initial or {}),
            }  # fmt: skip
        super().__init__(data, initial=initial)
        self.item = item
        keep = set(fields)
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        if "area" in self.fields:
            ids = [area.pk for area in areas]
            if item is not None and item.area_id and item.area_id not in ids:
                ids.append(item.area_id)  # an area of an older framework version stays
            area_field: Any = self.fields["area"]
            area_field.queryset = Area.objects.filter(pk__in=ids).order_by("position", "pk")
        if "owner" in self.fields:
            owner_field: Any = self.fields["owner"]
            # someone who left the organisation stays the owner until it is changed
            owner_field.queryset = team(plan, also=item.owner_id if item is not None else None)

    def clean_due_date(self) -> datetime.date | None:
        due = self.cleaned_data.get("due_date")
        unchanged = self.item is not None and due == self.item.due_date
        if due is not None and not unchanged and due < timezone.localdate():
            raise forms.ValidationError(_("Das Datum liegt in der Vergangenheit."))
        return due


COORDINATOR_FIELDS = ("title", "area", "owner", "partners", "due_date", "progress", "description")
NEW_ITEM_FIELDS = ("title", "area", "owner", "partners", "due_date", "description")
ADOPT_FIELDS = ("title", "area", "owner", "due_date")
OWNER_FIELDS = ("progress", "description")


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Neuer Meilenstein"), max_length=200)
    due_date = forms.DateField(label=_("Ziel-Datum"), required=False, widget=DateInput())


class MoveForm(forms.Form):
    comment = forms.CharField(
        label=_("Anmerkung (für den Verlauf)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EventChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        when = date_format(timezone.localtime(obj.starts_at), "DATE_FORMAT")
        return f"{obj.title} ({when}, {obj.get_state_display()})"


class PromiseChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.promiser_name})"


class LinksForm(forms.Form):
    events = EventChoices(
        label=_("Veranstaltungen Ihrer Organisation"),
        queryset=PlanItem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    promises = PromiseChoices(
        label=_("Versprechen in Ihrer Kommune"),
        queryset=PlanItem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, data: Any = None, *, item: PlanItem) -> None:
        super().__init__(
            data,
            initial={
                "events": [e.pk for e in item.events.all()],
                "promises": [p.pk for p in item.promises.all()],
            },
        )
        events: Any = self.fields["events"]
        events.queryset = linkable_events(item.plan, item).select_related("organisation")
        promises: Any = self.fields["promises"]
        promises.queryset = linkable_promises(item.plan, item).select_related(
            "organisation", "owner"
        )


class PlanFilterForm(forms.Form):
    """Which items the plan page shows. A field with an error is left out (its error shown)."""

    stand = forms.ChoiceField(label=_("Stand"), required=False)
    verantwortlich = forms.TypedChoiceField(
        label=_("Verantwortlich"), coerce=int, required=False, empty_value=None
    )
    ueberfaellig = forms.BooleanField(label=_("nur überfällige"), required=False)

    def __init__(self, data: Any, *, owners: Sequence[Any]) -> None:
        super().__init__(data)
        stand: Any = self.fields["stand"]
        stand.choices = [("", _("alle")), *PlanItem.State.choices]
        owner_field: Any = self.fields["verantwortlich"]
        owner_field.choices = [
            ("", _("alle")),
            *((person.pk, person.get_full_name()) for person in owners),
            (NO_OWNER, _("noch niemand")),
        ]

    def value(self, name: str) -> Any:
        if self.errors.get(name):
            return None
        value = self.cleaned_data.get(name)
        return None if value in ("", None) else value
