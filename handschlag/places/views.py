from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .forms import MunicipalityFilterForm
from .selectors import search_municipalities, suggest_municipalities

PER_PAGE = 20


def municipality_list(request: HttpRequest) -> HttpResponse:
    form = MunicipalityFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    municipalities = search_municipalities(q=filters.get("q", ""), state=filters.get("state", ""))
    page_obj = Paginator(municipalities, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "places/list.html", {"form": form, "page_obj": page_obj})


def municipality_suggestions(request: HttpRequest) -> HttpResponse:
    """The place picker's options for what was typed so far (an htmx fragment of <li>s).

    Reads the first non-empty of the parameters `place`, `near`, `municipality`, `q`, so any
    place field can ask."""
    keys = ("place", "near", "municipality", "q")
    text = next((request.GET[key] for key in keys if request.GET.get(key)), "")[:120]
    towns = suggest_municipalities(text)
    asked = text.strip() if len(text.strip()) >= 2 else ""  # too short: no answer yet
    return render(request, "places/includes/suggestions.html", {"towns": towns, "text": asked})
