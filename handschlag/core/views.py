from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from handschlag.blog.models import Post
from handschlag.promises.models import Promise


def home(request: HttpRequest) -> HttpResponse:
    promises = (
        Promise.objects.open()
        .select_related("organisation", "owner", "municipality")
        .order_by("-published_at")[:6]
    )
    posts = Post.objects.published().select_related("promise")[:3]
    stats = {
        "open": Promise.objects.open().count(),
        "reports": Post.objects.published().filter(kind=Post.Kind.REPORT).count(),
    }
    return render(request, "core/home.html", {"promises": promises, "posts": posts, "stats": stats})


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
