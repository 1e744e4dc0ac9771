from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from handschlag.blog.models import Post
from handschlag.promises.models import Promise


def home(request: HttpRequest) -> HttpResponse:
    # Built and read only when the page's cached fragment has run out (see site/home.html).
    promises = SimpleLazyObject(
        lambda: list(
            Promise.objects.open()
            .select_related("organisation", "owner", "municipality")
            .order_by("-published_at")[:6]
        )
    )
    posts = SimpleLazyObject(lambda: list(Post.objects.published().select_related("promise")[:3]))
    stats = SimpleLazyObject(
        lambda: {
            "open": Promise.objects.open().count(),
            "reports": Post.objects.published().filter(kind=Post.Kind.REPORT).count(),
        }
    )
    return render(request, "site/home.html", {"promises": promises, "posts": posts, "stats": stats})
