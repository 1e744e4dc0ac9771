from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


def imprint(request: HttpRequest) -> HttpResponse:
    return render(request, "core/imprint.html")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/error.html", {"status": 403}, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/error.html", {"status": 404}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "core/error.html", {"status": 500}, status=500)
