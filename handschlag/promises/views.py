"""Pages about promises: list, detail, create/edit with preview, submit, withdraw, copy, mine."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from handschlag.core.errors import DomainError
from handschlag.core.paging import lazy_page
from handschlag.core.views import run_action
from handschlag.organisations.selectors import organisations_of

from . import selectors, services
from .actions import Action, promise_actions
from .filters import DEFAULT_FILTERS
from .forms import ApplyForm, PromiseFilterForm, PromiseForm, ReasonForm
from .models import Promise, Redemption
from .registry import promise_sections

if TYPE_CHECKING:
    from handschlag.accounts.models import User

PER_PAGE = 20


def _me(request: HttpRequest) -> User:
    return cast("User", request.user)


def promise_list(request: HttpRequest) -> HttpResponse:
    """The public list. Invalid filters are shown as field errors next to the results (and,
    for htmx, next to their fields), never as a message on a later page; the valid ones
    still apply."""
    # Built only when there are filters or the cached filter panel has run out.
    form = SimpleLazyObject(lambda: PromiseFilterForm(request.GET or None))
    filters = DEFAULT_FILTERS
    if request.GET:
        filters = form.filters()
    page_obj = lazy_page(
        lambda: selectors.promise_list(filters=filters), PER_PAGE, request.GET.get("page")
    )
    context = {"form": form, "page_obj": page_obj}
    if getattr(request, "htmx", False):
        return render(request, "promises/list.html#results", context)
    return render(request, "promises/list.html", context)


def promise_detail(request: HttpRequest, pk: int) -> HttpResponse:
    promise = selectors.promise_detail(pk=pk, user=request.user)
    user = request.user
    is_promiser = user.has_perm("promises.edit_promise", promise)
    context: dict[str, Any] = {
        "promise": promise,
        "is_promiser": is_promiser,
        "actions": _split(promise_actions(promise, user)),
        # read only when the cached sections of the page have run out
        "sections": SimpleLazyObject(lambda: promise_sections.shown(promise, user)),
        "applications": [],
        "decline_form": SimpleLazyObject(ReasonForm),  # built only for the promiser's actions
    }
    if is_promiser:
        # the promiser may decide each application that awaits a decision (see its page)
        context["applications"] = promise.redemptions.select_related(
            "applicant", "organisation"
        ).order_by("-created_at")
    if user.is_authenticated:
        context["my_application"] = (
            promise.redemptions.filter(applicant=user)
            .exclude(state__in=[Redemption.State.DECLINED, Redemption.State.WITHDRAWN])
            .first()
        )
    return render(request, "promises/detail.html", context)


def _split(actions: list[Action]) -> dict[str, list[Action]]:
    return {
        "main": [a for a in actions if a.style != "danger"],
        "destructive": [a for a in actions if a.style == "danger"],
    }


def _save_promise(
    request: HttpRequest, form: PromiseForm, promise: Promise | None, submit: bool
) -> HttpResponse:
    data = dict(form.cleaned_data)
    organisation = data.pop("organisation", None)
    me = _me(request)
    if promise is None:
        promise = services.create_promise(by=me, organisation=organisation, **data)
    else:
        promise = services.update_promise(promise=promise, by=me, organisation=organisation, **data)
    if submit:
        services.submit_promise(promise=promise, by=me)
        messages.success(
            request, _("Danke! Ihr Versprechen wird jetzt von der Moderation geprüft.")
        )
    else:
        messages.success(request, _("Ihr Entwurf ist gespeichert."))
    return redirect(promise)


def _promise_form_flow(request: HttpRequest, promise: Promise | None) -> HttpResponse:
    """Form → "Vorschau" → save as draft or submit; the preview carries the data hidden."""
    me = _me(request)
    if request.method != "POST":
        form = PromiseForm(instance=promise, user=me)
        return render(request, "promises/form.html", {"form": form, "promise": promise})
    form = PromiseForm(request.POST, instance=promise, user=me)
    action = request.POST.get("action", "preview")
    if action == "edit" or not form.is_valid():
        return render(request, "promises/form.html", {"form": form, "promise": promise})
    if action in ("draft", "submit"):
        try:
            return _save_promise(request, form, promise, submit=action == "submit")
        except DomainError as error:
            form.add_error(None, error.message)
            return render(request, "promises/form.html", {"form": form, "promise": promise})
    preview = form.save(commit=False)
    return render(
        request, "promises/preview.html", {"form": form, "preview": preview, "promise": promise}
    )


@login_required
def promise_create(request: HttpRequest) -> HttpResponse:
    return _promise_form_flow(request, None)


def _promise_for_promiser(request: HttpRequest, pk: int) -> Promise:
    promise = selectors.promise_detail(pk=pk, user=request.user)
    if not request.user.has_perm("promises.edit_promise", promise):
        raise PermissionDenied
    return promise


@login_required
def promise_edit(request: HttpRequest, pk: int) -> HttpResponse:
    promise = _promise_for_promiser(request, pk)
    if promise.state not in Promise.EDITABLE_STATES:
        messages.error(
            request, _("Nur Entwürfe und zurückgegebene Versprechen können bearbeitet werden.")
        )
        return redirect(promise)
    return _promise_form_flow(request, promise)


@login_required
@require_POST
def promise_submit(request: HttpRequest, pk: int) -> HttpResponse:
    promise = _promise_for_promiser(request, pk)
    run_action(
        request,
        lambda: services.submit_promise(promise=promise, by=_me(request)),
        _("Ihr Versprechen wird jetzt von der Moderation geprüft."),
    )
    return redirect(promise)


@login_required
def promise_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """GET says what withdrawing does to whom and asks; POST withdraws."""
    promise = _promise_for_promiser(request, pk)
    if request.method == "POST":
        run_action(
            request,
            lambda: services.withdraw_promise(promise=promise, by=_me(request)),
            _("Das Versprechen ist zurückgezogen."),
        )
        return redirect(promise)
    redemptions = list(promise.redemptions.select_related("applicant", "organisation"))
    context = {
        "promise": promise,
        "waiting": [r for r in redemptions if r.state == Redemption.State.APPLIED],
        "running": [
            r
            for r in redemptions
            if r.state in Redemption.HOLDING_STATES and r.state not in Redemption.FULFILLED_STATES
        ],
    }
    return render(request, "promises/withdraw.html", context)


@login_required
def promise_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """A draft that was never public: GET asks, POST deletes it for good."""
    promise = _promise_for_promiser(request, pk)
    if request.method == "POST":
        try:
            services.delete_draft(promise=promise, by=_me(request))
        except DomainError as error:
            messages.error(request, error.message)
            return redirect(promise)
        messages.success(request, _("Der Entwurf ist gelöscht."))
        return redirect("promises:mine")
    return render(request, "promises/delete.html", {"promise": promise})


@login_required
def promise_copy(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Nachmachen": GET explains what is copied (anonymous visitors sign in first and come
    back here), POST makes the draft copy and opens it for editing."""
    promise = selectors.promise_detail(pk=pk, user=request.user)
    if request.method != "POST":
        if not promise.can_be_copied:
            messages.error(request, _("Nur erfüllte Versprechen können nachgemacht werden."))
            return redirect(promise)
        return render(request, "promises/copy.html", {"promise": promise})
    try:
        copy = services.copy_promise(promise=promise, by=_me(request))
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(promise)
    messages.success(
        request,
        _("Ihre Kopie ist als Entwurf angelegt. Bitte wählen Sie Ihren Ort und passen Sie sie an."),
    )
    return redirect("promises:edit", pk=copy.pk)


@login_required
def promise_apply(request: HttpRequest, pk: int) -> HttpResponse:
    promise = get_object_or_404(
        Promise.objects.public().select_related("owner", "organisation", "municipality"), pk=pk
    )
    me = _me(request)
    form = ApplyForm(request.POST or None, user=me, promise=promise)
    if request.method == "POST" and form.is_valid():
        try:
            redemption = services.apply_for_promise(
                promise=promise,
                by=me,
                organisation=form.cleaned_data.get("organisation"),
                plan=form.cleaned_data["plan"],
                quantity=form.cleaned_data["quantity"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Ihre Bewerbung ist abgeschickt."))
            return redirect(redemption)
    return render(request, "promises/apply.html", {"form": form, "promise": promise})


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    me = _me(request)
    promises = selectors.my_promises(user=me)
    applications = selectors.my_applications(user=me)
    to_do: list[Promise | Redemption] = [*promises, *applications]
    to_do = [item for item in to_do if item.next_step.urgent]  # type: ignore[union-attr]
    context = {
        "promises": promises,
        "applications": applications,
        "to_do": to_do,
        # a new person sees how to begin instead of two empty lists
        "is_new": not promises and not applications,
        "organisations": list(organisations_of(me)) if not promises and not applications else [],
    }
    return render(request, "promises/mine.html", context)
