from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .forms import MunicipalityFilterForm
from .selectors import search_municipalities

PER_PAGE = 20


def municipality_list(request: HttpRequest) -> HttpResponse:
    form = MunicipalityFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    municipalities = search_municipalities(q=filters.get("q", ""), state=filters.get("state", ""))
    page_obj = Paginator(municipalities, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "places/list.html", {"form": form, "page_obj": page_obj})
