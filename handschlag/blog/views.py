from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from handschlag.core.errors import DomainError
from handschlag.core.paging import lazy_page

from . import selectors, services
from .forms import EditorialPostForm, PostFilterForm
from .models import Post

if TYPE_CHECKING:
    from handschlag.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    user: User


PER_PAGE = 10


def post_list(request: HttpRequest) -> HttpResponse:
    form = PostFilterForm(request.GET)
    kind = form.cleaned_data["kind"] if form.is_valid() else ""
    page_obj = lazy_page(
        lambda: selectors.published_posts(kind=kind), PER_PAGE, request.GET.get("page")
    )
    return render(request, "blog/list.html", {"form": form, "page_obj": page_obj, "kind": kind})


def post_detail(request: HttpRequest, slug: str) -> HttpResponse:
    post = selectors.post_for_reader(slug=slug, user=request.user)
    context = {
        "post": post,
        "photos": selectors.post_photos(post),
        "can_edit": request.user.has_perm("blog.edit_post", post),
        "can_unpublish": post.published_at is not None
        and request.user.has_perm("blog.unpublish_post", post),
    }
    return render(request, "blog/detail.html", context)


def _require(request: HttpRequest, perm: str, post: Post | None = None) -> None:
    if not request.user.has_perm(perm, post):
        raise PermissionDenied


@login_required
def post_create(request: AuthenticatedRequest) -> HttpResponse:
    _require(request, "blog.write_post")
    form = EditorialPostForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.create_editorial_post(by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Der Beitrag wurde gespeichert."))
            return redirect(post)
    return render(request, "blog/form.html", {"form": form, "post": None})


@login_required
def post_edit(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    _require(request, "blog.write_post")
    post = get_object_or_404(Post, slug=slug, kind=Post.Kind.EDITORIAL)
    _require(request, "blog.edit_post", post)
    initial = {
        "title": post.title,
        "teaser": post.teaser,
        "body": post.body,
        "promise": post.promise_id,
        "publish": post.published_at is not None,
    }
    form = EditorialPostForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_editorial_post(post=post, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Der Beitrag wurde gespeichert."))
            return redirect(post)
    return render(request, "blog/form.html", {"form": form, "post": post})


@login_required
@require_POST
def post_unpublish(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    post = get_object_or_404(Post, slug=slug)
    _require(request, "blog.unpublish_post", post)
    try:
        services.unpublish_post(post=post, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Der Beitrag ist nicht mehr öffentlich."))
    return redirect(post)
