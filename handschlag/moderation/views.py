"""The moderation dashboard (one tab per registered queue) and the moderation log."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import selectors
from .forms import LogFilterForm
from .registry import moderation_queues, ordered_queues
from .review import permission_required

PER_PAGE = 20


@permission_required("moderation.view_queues")
def dashboard(request: HttpRequest) -> HttpResponse:
    requested = request.GET.get("queue", "")
    queues = ordered_queues()
    queue = moderation_queues.get(requested) or queues[0]
    page_obj = Paginator(queue.items(), PER_PAGE).get_page(request.GET.get("page"))
    counts = selectors.queue_counts()
    tabs = [(q.key, q.label, counts[q.key]) for q in queues]
    context = {"queue": queue, "tabs": tabs, "page_obj": page_obj}
    return render(request, "moderation/dashboard.html", context)


@permission_required("moderation.view_log")
def log(request: HttpRequest) -> HttpResponse:
    form = LogFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = selectors.moderation_log(
        verb=filters.get("action") or "", moderator=filters.get("moderator")
    )
    page_obj = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "moderation/log.html", {"form": form, "page_obj": page_obj})
