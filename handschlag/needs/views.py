"""Pages about needs: list, detail (with proposals), create/edit, mine; the actions on a need
and on its proposals; the moderators' review."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from handschlag.core.errors import DomainError
from handschlag.core.history import state_history
from handschlag.core.paging import lazy_page
from handschlag.core.views import run_action
from handschlag.moderation.review import permission_required, publish_or_return
from handschlag.organisations.selectors import organisations_of

from . import matching, selectors, services
from .forms import AnswerForm, NeedFilterForm, NeedForm, ProposalApplyForm
from .models import Need, Proposal

if TYPE_CHECKING:
    from handschlag.accounts.models import User

PER_PAGE = 20


def _me(request: HttpRequest) -> User:
    return cast("User", request.user)


def need_list(request: HttpRequest) -> HttpResponse:
    form = NeedFilterForm(request.GET or None)
    filters = form.filters() if request.GET else selectors.NeedFilters()
    page_obj = lazy_page(selectors.need_list(filters=filters), PER_PAGE, request.GET.get("page"))
    return render(request, "needs/list.html", {"form": form, "page_obj": page_obj})


def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    need = selectors.need_detail(pk=pk, user=request.user)
    user = request.user
    context: dict[str, Any] = {
        "need": need,
        "is_member": user.has_perm("needs.edit_need", need),
        "can_find": user.has_perm("needs.find_promises", need),
        "proposals": selectors.proposals_of(need)
        if user.has_perm("needs.view_proposals", need)
        else [],
    }
    if user.has_perm("needs.promise_for_need", need):
        context["answer_form"] = AnswerForm(user=user, need=need)
    return render(request, "needs/detail.html", context)


def _save(request: HttpRequest, form: NeedForm, need: Need | None, submit: bool) -> HttpResponse:
    data = dict(form.cleaned_data)
    me = _me(request)
    if need is None:
        need = services.create_need(by=me, **data)
    else:
        need = services.update_need(need=need, by=me, **data)
    if submit:
        services.submit_need(need=need, by=me)
        messages.success(request, _("Danke! Ihr Bedarf wird jetzt von der Moderation geprüft."))
    else:
        messages.success(request, _("Ihr Entwurf ist gespeichert."))
    return redirect(need)


def _form_flow(request: HttpRequest, need: Need | None) -> HttpResponse:
    me = _me(request)
    form = NeedForm(request.POST or None, instance=need, user=me)
    if request.method == "POST" and form.is_valid():
        try:
            return _save(request, form, need, submit=request.POST.get("action") == "submit")
        except DomainError as error:
            form.add_error(None, error.message)
    context = {"form": form, "need": need, "has_organisation": organisations_of(me).exists()}
    return render(request, "needs/form.html", context)


@login_required
def need_create(request: HttpRequest) -> HttpResponse:
    return _form_flow(request, None)


def _need_for_member(request: HttpRequest, pk: int) -> Need:
    need = selectors.need_detail(pk=pk, user=request.user)
    if not request.user.has_perm("needs.edit_need", need):
        raise PermissionDenied
    return need


@login_required
def need_edit(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need_for_member(request, pk)
    if need.state not in Need.EDITABLE_STATES:
        messages.error(request, _("Nur Entwürfe können bearbeitet werden."))
        return redirect(need)
    return _form_flow(request, need)


@login_required
@require_POST
def need_submit(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need_for_member(request, pk)
    run_action(
        request,
        lambda: services.submit_need(need=need, by=_me(request)),
        _("Ihr Bedarf wird jetzt von der Moderation geprüft."),
    )
    return redirect(need)


@login_required
@require_POST
def need_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need_for_member(request, pk)
    run_action(
        request,
        lambda: services.withdraw_need(need=need, by=_me(request)),
        _("Der Bedarf ist zurückgezogen."),
    )
    return redirect(need)


@login_required
@require_POST
def need_close(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need_for_member(request, pk)
    fulfilled = request.POST.get("fulfilled") == "1"
    run_action(
        request,
        lambda: services.close_need(need=need, by=_me(request), fulfilled=fulfilled),
        _("Schön, dass der Bedarf gedeckt ist!") if fulfilled else _("Der Bedarf ist geschlossen."),
    )
    return redirect(need)


@login_required
@require_POST
def find_promises(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Passende Versprechen finden": one more proposal, now."""
    need = selectors.need_detail(pk=pk, user=request.user)
    if not request.user.has_perm("needs.find_promises", need):
        raise PermissionDenied
    found = len(matching.for_need(need).proposed)
    if found:
        messages.success(
            request,
            ngettext(
                "Wir haben %(n)d passendes Versprechen gefunden.",
                "Wir haben %(n)d passende Versprechen gefunden.",
                found,
            )
            % {"n": found},
        )
    else:
        messages.info(
            request,
            _(
                "Gerade passt kein weiteres Versprechen. Wir suchen jede Nacht erneut und "
                "sagen Ihnen Bescheid."
            ),
        )
    return redirect(reverse("needs:detail", kwargs={"pk": need.pk}) + "#proposals")


def _proposal(pk: int) -> Proposal:
    return get_object_or_404(
        Proposal.objects.select_related(
            "need", "need__organisation", "promise", "promise__organisation"
        ),
        pk=pk,
    )


@login_required
def proposal_apply(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply for the proposed promise: one click (a POST without fields) with the need's text,
    or the form (GET) to adapt plan and quantity first."""
    proposal = _proposal(pk)
    if not request.user.has_perm("needs.apply_from_proposal", proposal):
        raise PermissionDenied
    need, promise = proposal.need, proposal.promise
    adapted = request.method == "POST" and "plan" in request.POST
    form = ProposalApplyForm(
        request.POST if adapted else None,
        left=promise.remaining_quantity,
        initial={
            "plan": services.default_plan(need),
            "quantity": max(1, min(need.quantity, promise.remaining_quantity)),
        },
    )
    if request.method == "POST" and (not adapted or form.is_valid()):
        fields = form.cleaned_data if adapted else {}
        try:
            redemption = services.apply_from_proposal(proposal=proposal, by=_me(request), **fields)
        except DomainError as error:
            if not adapted:
                messages.error(request, error.message)
                return redirect(need)
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Ihre Bewerbung ist abgeschickt. Die Versprechenden entscheiden darüber."),
            )
            return redirect(redemption)
    context = {"form": form, "proposal": proposal, "need": need, "promise": promise}
    return render(request, "needs/proposal_apply.html", context)


@login_required
@require_POST
def proposal_decline(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(pk)
    if not request.user.has_perm("needs.decline_proposal", proposal):
        raise PermissionDenied
    run_action(
        request,
        lambda: services.decline_proposal(proposal=proposal, by=_me(request)),
        _("Der Vorschlag ist abgelehnt. Wir schlagen ihn nicht noch einmal vor."),
    )
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        return redirect(target)
    return redirect(proposal.need)


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Ich kann das versprechen": a draft promise prefilled from the need."""
    need = selectors.need_detail(pk=pk, user=request.user)
    if not request.user.has_perm("needs.promise_for_need", need):
        raise PermissionDenied
    form = AnswerForm(request.POST, user=request.user, need=need)
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie, in wessen Namen Sie versprechen."))
        return redirect(need)
    try:
        promise = services.answer_need(
            need=need, by=_me(request), organisation=form.cleaned_data["organisation"]
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(need)
    messages.success(
        request,
        _(
            "Ihr Versprechen ist als Entwurf angelegt, mit den Angaben aus dem Bedarf. Bitte "
            "prüfen Sie die Bedingung und reichen Sie es ein."
        ),
    )
    return redirect("promises:edit", pk=promise.pk)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    me = _me(request)
    context = {
        "needs": selectors.my_needs(user=me),
        "has_organisation": organisations_of(me).exists(),
    }
    return render(request, "needs/mine.html", context)


@permission_required("needs.review_need")
def review(request: HttpRequest, pk: int) -> HttpResponse:
    need = get_object_or_404(
        Need.objects.select_related("organisation", "municipality", "author"), pk=pk
    )
    me = _me(request)
    done, forms = publish_or_return(
        request,
        publish=lambda comment: services.publish_need(need=need, by=me, comment=comment),
        give_back=lambda comment: services.return_need(need=need, by=me, comment=comment),
        published=_("Der Bedarf ist veröffentlicht."),
        returned=_("Der Bedarf wurde zurückgegeben."),
        queue="needs",
    )
    if done is not None:
        return done
    context = {
        "need": need,
        **forms,
        "can_decide": need.state == Need.State.PENDING,
        "history": state_history(need),
    }
    return render(request, "needs/review.html", context)
