"""The page where a town's administration gives its population (population.py); the same
form appears inline where the comparison needs the number (the start of a round, the
results' comparison) and comes back there."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format, number_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handschlag.accounts.models import User
from handschlag.core.errors import DomainError
from handschlag.places.models import Municipality

from .plans_forms import DateInput
from .population import MAX_POPULATION, set_population
from .views_common import checked_page, load_town


class PopulationForm(forms.Form):
    population = forms.IntegerField(
        label=gettext_lazy("Einwohnerzahl"),
        min_value=1,
        max_value=MAX_POPULATION,
        help_text=gettext_lazy("z. B. aus dem Statistischen Landesamt oder Ihrem Melderegister"),
    )
    as_of = forms.DateField(
        label=gettext_lazy("Stand"),
        widget=DateInput(),
        help_text=gettext_lazy("Das Datum, auf das sich die Zahl bezieht, z. B. 31.12.2025"),
    )

    prefix = "einwohner"  # its fields keep their own ids beside another form on the page


def population_form(municipality: Municipality, back: str) -> dict[str, Any]:
    """What the inline form needs (assessment/population/_form.html)."""
    initial: dict[str, Any] = {"population": municipality.population or None}
    if municipality.population_as_of:
        initial["as_of"] = municipality.population_as_of
    return {
        "population_form": PopulationForm(initial=initial),
        "population_town": municipality,
        "population_back": back,
    }


def _back(request: HttpRequest) -> str:
    """Where the form was sent from, if it is a page of this site; else the rounds."""
    back = request.POST.get("next") or request.GET.get("next") or ""
    if back and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return back
    return reverse("assessment:index")


@login_required
@checked_page
def population(request: HttpRequest, town: str) -> HttpResponse:
    municipality = load_town(request, town, "assessment.set_population")
    back = _back(request)
    context = population_form(municipality, back)
    if request.method == "POST":
        form = PopulationForm(request.POST)
        if form.is_valid():
            try:
                saved = set_population(
                    municipality=municipality, by=cast(User, request.user), **form.cleaned_data
                )
            except DomainError as error:
                form.add_error(error.code if error.code in form.fields else None, error.message)
            else:
                messages.success(
                    request,
                    _(
                        "Gespeichert: %(town)s hat %(n)s Einwohner:innen (Stand %(date)s). Der "
                        "Vergleich mit ähnlichen Kommunen rechnet ab jetzt damit."
                    )
                    % {
                        "town": saved.name,
                        "n": number_format(saved.population, force_grouping=True),
                        "date": date_format(form.cleaned_data["as_of"], "SHORT_DATE_FORMAT"),
                    },
                )
                return redirect(back)
        context["population_form"] = form
    return render(request, "assessment/population/edit.html", context)
