"""Pages about one redemption: its state, history, the next action, and the POST actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from handschlag.conversations.views import thread_context
from handschlag.core.errors import DomainError

from . import selectors, services
from .actions import redemption_actions, redemption_status
from .conversation import SUBJECT as CONVERSATION_SUBJECT
from .forms import ReasonForm, ReportForm
from .models import Redemption, ReportPhoto
from .redemption_steps import next_steps

if TYPE_CHECKING:
    from handschlag.accounts.models import User


STATE_LABELS = dict(Redemption.State.choices)


def _me(request: HttpRequest) -> User:
    return cast("User", request.user)


def _page(request: HttpRequest, redemption: Redemption, **forms: Any) -> HttpResponse:
    actions = redemption_actions(redemption, request.user)
    context = {
        "redemption": redemption,
        "promise": redemption.promise,
        "actions": actions,
        "has_next_step": any(action.style != "danger" for action in actions),
        "show_report_hint": any(action.key == "confirm" for action in actions),
        "status": redemption_status(redemption),
        "history": [
            {
                "at": change.at,
                "state": STATE_LABELS.get(change.to_state, change.to_state),
                "comment": change.comment,
            }
            for change in redemption.state_changes.all()
        ],
        "report_form": forms.get("report_form")
        or ReportForm(photos=list(redemption.photos.all()), initial=_report_initial(redemption)),
        "decline_form": forms.get("decline_form") or ReasonForm(prefix="decline"),
        "dispute_form": forms.get("dispute_form") or ReasonForm(prefix="dispute"),
        **_contact(request, redemption),
    }
    return render(request, "promises/redemption.html", context)


def _contact(request: HttpRequest, redemption: Redemption) -> dict[str, Any]:
    """The thread with the other side and „So geht es weiter“ (issue #8): for the parties
    only; a closed redemption shows its thread only if something was written."""
    context = thread_context(subject_key=CONVERSATION_SUBJECT, obj=redemption, request=request)
    view = context["conversation"]
    if view is not None and not (
        view.state.writable or view.messages or redemption.state == Redemption.State.APPLIED
    ):
        context["conversation"] = None
    context["next_steps"] = next_steps(redemption, my_side=view.me.key if view else "")
    return context


def _require(rule: str, request: HttpRequest, redemption: Redemption) -> None:
    """Check the permission before validating a form, so strangers get 403, not form errors."""
    if not request.user.has_perm(rule, redemption):
        raise PermissionDenied


@login_required
def redemption_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, selectors.redemption_detail(pk=pk, user=request.user))


def _act(
    request: HttpRequest, redemption: Redemption, action: Callable[[], Any], success: str
) -> HttpResponse:
    try:
        action()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect(redemption)


@login_required
@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    redemption = selectors.redemption_detail(pk=pk, user=request.user)
    return _act(
        request,
        redemption,
        lambda: services.accept_application(redemption=redemption, by=_me(request)),
        _("Die Bewerbung ist angenommen."),
    )


@login_required
@require_POST
def decline(request: HttpRequest, pk: int) -> HttpResponse:
    redemption = selectors.redemption_detail(pk=pk, user=request.user)
    _require("promises.decide_application", request, redemption)
    form = ReasonForm(request.POST, prefix="decline")
    if not form.is_valid():
        return _page(request, redemption, decline_form=form)
    return _act(
        request,
        redemption,
        lambda: services.decline_application(
            redemption=redemption, by=_me(request), reason=form.cleaned_data["reason"]
        ),
        _("Die Bewerbung ist abgelehnt."),
    )


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    redemption = selectors.redemption_detail(pk=pk, user=request.user)
    return _act(
        request,
        redemption,
        lambda: services.withdraw_application(redemption=redemption, by=_me(request)),
        _("Sie haben Ihre Bewerbung zurückgezogen."),
    )


@login_required
@require_POST
def start(request: HttpRequest, pk: int) -> HttpResponse:
    redemption = selectors.redemption_detail(pk=pk, user=request.user)
    return _act(
        request,
        redemption,
        lambda: services.start_redemption(redemption=redemption, by=_me(request)),
        _("Los geht’s! Wenn Sie fertig sind, reichen Sie hier Ihren Bericht ein."),
    )


def _report_initial(redemption: Redemption) -> dict[str, Any]:
    """A report sent back for rework starts from what was sent."""
    content = services.ReportContent.of(redemption)
    return {name: getattr(content, name) for name in ReportForm.SECTION_FIELDS} | {
        "consent": redemption.report_consent
    }


def _keep_uploads(request: HttpRequest, redemption: Redemption) -> list[str]:
    """Store every uploaded photo at once, so nothing chosen is lost to a form error; the
    reasons for those that could not be kept."""
    errors = []
    kept = 0
    for upload in request.FILES.getlist("photos"):
        try:
            services.add_report_photo(redemption=redemption, by=_me(request), upload=upload)
        except DomainError as error:
            if error.message not in errors:  # "höchstens 5 Fotos" once, not per file
                errors.append(error.message)
        else:
            kept += 1
    if kept:
        messages.success(
            request,
            ngettext(
                "%(n)d Foto ist gespeichert. Bitte beschreiben Sie es.",
                "%(n)d Fotos sind gespeichert. Bitte beschreiben Sie sie.",
                kept,
            )
            % {"n": kept},
        )
    return errors


def _remove_photo(request: HttpRequest, redemption: Redemption, photo_id: str) -> None:
    photo = ReportPhoto.objects.filter(
        redemption=redemption, pk=int(photo_id) if photo_id.isdigit() else 0
    ).first()
    if photo is None:
        return
    try:
        services.remove_report_photo(photo=photo, by=_me(request))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Das Foto ist entfernt."))


@login_required
@require_POST
def report(request: HttpRequest, pk: int) -> HttpResponse:
    """The report form: "Fotos hochladen" and "Entfernen" store or drop photos and show the
    form again with everything typed; "Bericht einreichen" also sends the report."""
    redemption = selectors.redemption_detail(pk=pk, user=request.user)
    _require("promises.work_on_redemption", request, redemption)
    upload_errors = _keep_uploads(request, redemption)
    remove = request.POST.get("remove_photo", "")
    if remove:
        _remove_photo(request, redemption, remove)
    sending = not remove and request.POST.get("action") != "upload"
    photos = list(ReportPhoto.objects.filter(redemption=redemption))
    form = ReportForm(request.POST, photos=photos, sending=sending)
    valid = form.is_valid()
    for error in upload_errors:
        form.add_error("photos" if "photos" in form.fields else None, error)
    if not sending or not valid or upload_errors:
        return _page(request, redemption, report_form=form)
    data = form.cleaned_data
    try:
        services.submit_report(
            redemption=redemption,
            by=_me(request),
            content=services.ReportContent(**{n: data[n] for n in ReportForm.SECTION_FIELDS}),
            consent=data["consent"],
            alt_texts=form.alt_texts(),
        )
    except DomainError as error:
        # The text stays in the form, so nothing typed is lost.
        form.add_error(None, error.message)
        redemption.refresh_from_db(fields=["state"])
        return _page(request, redemption, report_form=form)
    messages.success(request, _("Danke für Ihren Bericht! Die Versprechenden prüfen ihn jetzt."))
    return redirect(redemption)


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    redemption = selectors.redemption_detail(pk=pk, user=request.user)
    return _act(
        request,
        redemption,
        lambda: services.confirm_fulfilment(redemption=redemption, by=_me(request)),
        _("Sie haben die Erfüllung bestätigt. Danke!"),
    )


@login_required
@require_POST
def dispute(request: HttpRequest, pk: int) -> HttpResponse:
    redemption = selectors.redemption_detail(pk=pk, user=request.user)
    _require("promises.confirm_fulfilment", request, redemption)
    form = ReasonForm(request.POST, prefix="dispute")
    if not form.is_valid():
        return _page(request, redemption, dispute_form=form)
    return _act(
        request,
        redemption,
        lambda: services.dispute_fulfilment(
            redemption=redemption, by=_me(request), reason=form.cleaned_data["reason"]
        ),
        _("Ihre Beanstandung geht an die Moderation."),
    )
