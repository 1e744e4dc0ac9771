"""The moderation dashboard and the moderation log."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from . import selectors
from .access import AuthenticatedRequest, moderator_required
from .forms import QUEUE_LABELS, LogFilterForm, QueueForm

PER_PAGE = 20


@moderator_required
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    form = QueueForm(request.GET)
    queue = (form.cleaned_data["queue"] if form.is_valid() else "") or "promises"
    items = selectors.QUEUES[queue]()
    page_obj = Paginator(items, PER_PAGE).get_page(request.GET.get("page"))
    counts = selectors.queue_counts()
    tabs = [(name, label, counts[name]) for name, label in QUEUE_LABELS.items()]
    context = {
        "queue": queue,
        "queue_label": QUEUE_LABELS[queue],
        "tabs": tabs,
        "page_obj": page_obj,
    }
    return render(request, "moderation/dashboard.html", context)


@moderator_required
def log(request: AuthenticatedRequest) -> HttpResponse:
    form = LogFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = selectors.moderation_log(
        action=filters.get("action") or "", moderator=filters.get("moderator")
    )
    page_obj = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "moderation/log.html", {"form": form, "page_obj": page_obj})
