from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .models import Event


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event.objects.public(), pk=pk)
    return render(request, "events/detail.html", {"event": event})
