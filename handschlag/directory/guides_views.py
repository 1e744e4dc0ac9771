"""The guide editor of a portal (/portal/<slug>/redaktion/wegweiser/…), for portal editors.

Thin: forms check the input, the services in guides.py decide and record. Anonymous visitors
go to the login; without `directory.edit_guides` 403; objects of another portal 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from handschlag.core.errors import DomainError
from handschlag.core.readability import analyse

from . import guides
from .guides_forms import NewPageForm, OffersForm, PageForm, SectionForm, TopicForm
from .models import GuidePage, GuideSection, GuideTopic, Portal
from .translations_selectors import status_summary


def portal_for(request: HttpRequest, slug: str, perm: str) -> Portal:
    portal = get_object_or_404(
        Portal.objects.select_related("municipality", "organisation"), municipality__slug=slug
    )
    if not request.user.has_perm(perm, portal):
        raise PermissionDenied
    return portal


def _topic(portal: Portal, pk: int) -> GuideTopic:
    return get_object_or_404(GuideTopic, portal=portal, pk=pk)


def _page(portal: Portal, pk: int) -> GuidePage:
    return get_object_or_404(GuidePage.objects.select_related("topic"), topic__portal=portal, pk=pk)


def _section(portal: Portal, pk: int) -> GuideSection:
    return get_object_or_404(
        GuideSection.objects.select_related("page__topic"), page__topic__portal=portal, pk=pk
    )


def _run(form: Any, call: Any) -> Any:
    """Call the service; a refusal becomes a form error (never a 500)."""
    try:
        return call()
    except DomainError as error:
        form.add_error(None, str(error))
        return None


def _ok(form: Any, call: Any) -> bool:
    try:
        call()
    except DomainError as error:
        form.add_error(None, str(error))
        return False
    return True


def overview_url(portal: Portal) -> str:
    return reverse("directory:guide_editor", args=[portal.municipality.slug])


def page_url(page: GuidePage) -> str:
    return reverse("directory:guide_page_edit", args=[page.topic.portal.municipality.slug, page.pk])


def _step(request: HttpRequest) -> int:
    return -1 if request.POST.get("step") == "up" else 1


@login_required
def overview(request: HttpRequest, slug: str) -> HttpResponse:
    portal = portal_for(request, slug, "directory.edit_guides")
    topic_form = TopicForm(request.POST or None, prefix="topic")
    if request.method == "POST" and topic_form.is_valid():
        data = topic_form.cleaned_data
        if _run(topic_form, lambda: guides.create_topic(
            portal=portal, title=data["title"], summary=data["summary"], by=request.user
        )):  # fmt: skip
            messages.success(request, _("Der Themenbereich ist angelegt."))
            return redirect(overview_url(portal))
    topics = list(portal.guide_topics.prefetch_related("pages"))
    return render(request, "directory/guides/overview.html", {
        "portal": portal, "topics": topics, "topic_form": topic_form,
    })  # fmt: skip


@login_required
def topic_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    portal = portal_for(request, slug, "directory.edit_guides")
    topic = _topic(portal, pk)
    form = TopicForm(request.POST or None, instance=GuideTopic.objects.get(pk=topic.pk))
    page_form = NewPageForm(request.POST or None, prefix="page")
    if request.method == "POST" and request.POST.get("action") == "page":
        form = TopicForm(instance=topic)
        if page_form.is_valid():
            data = page_form.cleaned_data
            page = _run(page_form, lambda: guides.create_page(
                topic=topic, title=data["title"], summary=data["summary"], by=request.user
            ))  # fmt: skip
            if page:
                messages.success(request, _("Die Seite ist angelegt."))
                return redirect(page_url(page))
    elif request.method == "POST":
        page_form = NewPageForm(prefix="page")
        if form.is_valid() and _run(form, lambda: guides.change_topic(
            topic=topic, values=form.cleaned_data, by=request.user
        )) is not None:  # fmt: skip
            messages.success(request, _("Gespeichert."))
            return redirect(overview_url(portal))
    return render(request, "directory/guides/topic.html", {
        "portal": portal, "topic": topic, "form": form, "page_form": page_form,
        "statuses": status_summary([topic]),
    })  # fmt: skip


@login_required
@require_POST
def topic_move(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    portal = portal_for(request, slug, "directory.edit_guides")
    guides.move_topic(topic=_topic(portal, pk), step=_step(request), by=request.user)
    return redirect(overview_url(portal))


@login_required
def topic_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    portal = portal_for(request, slug, "directory.edit_guides")
    topic = _topic(portal, pk)
    error = ""
    if request.method == "POST":
        try:
            guides.delete_topic(topic=topic, by=request.user)
        except DomainError as refusal:
            error = str(refusal)
        else:
            messages.success(request, _("Der Themenbereich ist gelöscht."))
            return redirect(overview_url(portal))
    return render(request, "directory/guides/topic_delete.html", {
        "portal": portal, "topic": topic, "error": error, "has_pages": topic.pages.exists(),
    })  # fmt: skip


@login_required
def page_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    portal = portal_for(request, slug, "directory.edit_guides")
    page = _page(portal, pk)
    action = request.POST.get("action") if request.method == "POST" else None
    form = PageForm(
        request.POST if action == "page" else None,
        instance=GuidePage.objects.get(pk=page.pk), portal=portal,
    )  # fmt: skip
    section_form = SectionForm(
        request.POST if action == "section" else None,
        request.FILES if action == "section" else None, prefix="new",
    )  # fmt: skip
    offers_form = OffersForm(
        request.POST if action == "offers" else None, portal=portal,
        initial={"offers": list(page.offers.all())},
    )  # fmt: skip
    if action == "page" and form.is_valid():
        if _run(form, lambda: guides.change_page(
            page=page, values=form.cleaned_data, by=request.user
        )) is not None:  # fmt: skip
            messages.success(request, _("Gespeichert."))
            return redirect(page_url(page))
    elif action == "section" and section_form.is_valid():
        data = section_form.cleaned_data
        if _run(section_form, lambda: guides.add_section(
            page=page, heading=data["heading"], body=data["body"],
            image=request.FILES.get("new-image"), image_alt=data["image_alt"], by=request.user,
        )):  # fmt: skip
            messages.success(request, _("Der Abschnitt ist angelegt."))
            return redirect(page_url(page))
    elif action == "offers" and offers_form.is_valid() and _ok(
        offers_form, lambda: guides.set_offers(
            page=page, offers=list(offers_form.cleaned_data["offers"]), by=request.user
        ),
    ):  # fmt: skip
        messages.success(request, _("Gespeichert."))
        return redirect(page_url(page))
    sections = list(page.sections.all())
    text = "\n\n".join([page.summary, *(section.body for section in sections)])
    return render(request, "directory/guides/page.html", {
        "portal": portal, "page": page, "form": form, "section_form": section_form,
        "offers_form": offers_form, "sections": sections, "report": analyse(text),
        "statuses": status_summary([page, *sections]),
    })  # fmt: skip


@login_required
@require_POST
def page_publish(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    portal = portal_for(request, slug, "directory.edit_guides")
    page = _page(portal, pk)
    publish = request.POST.get("publish") == "1"
    guides.set_published(page=page, published=publish, by=request.user)
    messages.success(request, _("Die Seite ist veröffentlicht.") if publish
                     else _("Die Seite ist nicht mehr öffentlich."))  # fmt: skip
    return redirect(page_url(page))


@login_required
@require_POST
def page_move(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    portal = portal_for(request, slug, "directory.edit_guides")
    guides.move_page(page=_page(portal, pk), step=_step(request), by=request.user)
    return redirect(overview_url(portal))


@login_required
def section_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    portal = portal_for(request, slug, "directory.edit_guides")
    section = _section(portal, pk)
    form = SectionForm(request.POST or None, request.FILES or None,
                       instance=GuideSection.objects.get(pk=section.pk))  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {key: data[key] for key in ("heading", "body", "image_alt")}
        if _run(form, lambda: guides.change_section(
            section=section, values=values, image=request.FILES.get("image"),
            remove_image=bool(data.get("remove_image")), by=request.user,
        )) is not None:  # fmt: skip
            messages.success(request, _("Gespeichert."))
            return redirect(page_url(section.page))
    return render(request, "directory/guides/section.html", {
        "portal": portal, "section": section, "page": section.page, "form": form,
    })  # fmt: skip


@login_required
@require_POST
def section_move(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    portal = portal_for(request, slug, "directory.edit_guides")
    section = _section(portal, pk)
    guides.move_section(section=section, step=_step(request), by=request.user)
    return redirect(page_url(section.page))


@login_required
def section_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    portal = portal_for(request, slug, "directory.edit_guides")
    section = _section(portal, pk)
    if request.method == "POST":
        page = section.page
        guides.delete_section(section=section, by=request.user)
        messages.success(request, _("Der Abschnitt und seine Übersetzungen sind gelöscht."))
        return redirect(page_url(page))
    return render(request, "directory/guides/section_delete.html", {
        "portal": portal, "section": section, "page": section.page,
    })  # fmt: skip
