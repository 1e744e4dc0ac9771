from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject

from handschlag.blog.models import Post
from handschlag.events.selectors import upcoming as upcoming_events
from handschlag.places.models import Municipality
from handschlag.promises.models import Promise

from .network import town_network, towns_like
from .selectors import NEARBY_KM, town_overview


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
    events = SimpleLazyObject(lambda: upcoming_events(limit=3))
    return render(
        request,
        "site/home.html",
        {"promises": promises, "posts": posts, "stats": stats, "events": events},
    )


def municipality(request: HttpRequest, slug: str) -> HttpResponse:
    """A town's page: what happens there across the platform; read only when the page's
    cached fragment has run out."""
    town = get_object_or_404(Municipality, slug=slug)
    overview = SimpleLazyObject(lambda: town_overview(town))
    network = SimpleLazyObject(lambda: town_network(town))
    return render(
        request,
        "site/municipality.html",
        {"municipality": town, "overview": overview, "network": network, "nearby_km": NEARBY_KM},
    )


def municipality_like(request: HttpRequest, slug: str) -> HttpResponse:
    """Towns like this one (same state and size class) and the measures they adopted."""
    town = get_object_or_404(Municipality, slug=slug)
    return render(request, "site/towns_like.html", {"municipality": town, "like": towns_like(town)})
