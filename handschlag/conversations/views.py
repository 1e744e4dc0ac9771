"""The thread's HTTP side: posting (with and without htmx), the mail's reply link, contact
releases. The thread itself is shown on its subject's page (e.g. the redemption page), which
includes conversations/thread.html with `thread_context()`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from handschlag.core.errors import DomainError

from . import selectors, services
from .forms import ContactReleaseForm, MessageForm
from .models import Message
from .rules import may
from .threads import Thread, find_thread

if TYPE_CHECKING:
    from handschlag.accounts.models import User

THREAD_ANCHOR = "#gespraech"
REPLY_ANCHOR = "#antwort"


def thread_context(*, subject_key: str, obj: Any, request: HttpRequest, **forms: Form) -> dict:
    """What a subject's page adds to show the thread to the visitor (nothing for people
    outside it); seeing the page marks the thread read."""
    view = selectors.thread_view(subject_key=subject_key, obj=obj, user=request.user)
    if view is not None:
        services.mark_read(thread=view.thread, user=cast("User", request.user))
    return {
        "conversation": view,
        "message_form": forms.get("message_form") or MessageForm(),
        "contact_form": forms.get("contact_form") or ContactReleaseForm(),
    }


def _party_thread(request: HttpRequest, subject: str, pk: int) -> Thread:
    """The thread if the visitor takes part in it; 404 otherwise (as the subject's page)."""
    thread = find_thread(subject_key=subject, object_id=pk)
    if not may("conversations.read_thread", request.user, thread):
        raise Http404
    return thread


def _answer(request: HttpRequest, thread: Thread, success: str, **forms: Form) -> HttpResponse:
    """htmx: the thread again (no reload); otherwise back to the page, with any error."""
    if request.htmx:  # type: ignore[attr-defined]
        context = thread_context(
            subject_key=thread.subject.key, obj=thread.obj, request=request, **forms
        )
        return render(request, "conversations/thread.html", context)
    errors = [str(e) for form in forms.values() for e in form.errors.get("__all__", [])] + [
        f"{form[name].label}: {error}"
        for form in forms.values()
        for name, field_errors in form.errors.items()
        if name != "__all__"
        for error in field_errors
    ]
    if errors:
        for error in errors:
            messages.error(request, error)
    elif success:
        messages.success(request, success)
    return HttpResponseRedirect(thread.url + THREAD_ANCHOR)


@login_required
def open_thread(request: HttpRequest, subject: str, pk: int) -> HttpResponse:
    """A link to a thread (or one message in it: ?nachricht=<id>) on its subject's page."""
    thread = _party_thread(request, subject, pk)
    message = request.GET.get("nachricht", "")
    anchor = f"#nachricht-{message}" if message.isdigit() else THREAD_ANCHOR
    return HttpResponseRedirect(thread.url + anchor)


@login_required
def reply(request: HttpRequest, subject: str, pk: int) -> HttpResponse:
    """The link in the notification mail: login on demand, then the reply box."""
    thread = _party_thread(request, subject, pk)
    return HttpResponseRedirect(thread.url + REPLY_ANCHOR)


@login_required
@require_POST
def post_message(request: HttpRequest, subject: str, pk: int) -> HttpResponse:
    thread = _party_thread(request, subject, pk)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.post_message(
                thread=thread, by=cast("User", request.user), text=form.cleaned_data["text"]
            )
        except DomainError as error:
            form.add_error("text", error.message)
        else:
            form = MessageForm()
    return _answer(request, thread, _("Ihre Nachricht ist gesendet."), message_form=form)


@login_required
@require_POST
def release_contact(request: HttpRequest, subject: str, pk: int) -> HttpResponse:
    thread = _party_thread(request, subject, pk)
    form = ContactReleaseForm(request.POST)
    if form.is_valid():
        try:
            services.release_contact(
                thread=thread,
                by=cast("User", request.user),
                email=form.cleaned_data["email"],
                phone=form.cleaned_data["phone"],
                consent=form.cleaned_data["consent"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            form = ContactReleaseForm()
    return _answer(request, thread, _("Ihre Kontaktdaten sind freigegeben."), contact_form=form)


@login_required
@require_POST
def revoke_contact(request: HttpRequest, subject: str, pk: int) -> HttpResponse:
    thread = find_thread(subject_key=subject, object_id=pk)
    # Taking one's own details back needs no access to the thread (someone who left the
    # organisation may still do it); without any release it changes nothing.
    count = services.revoke_contact(thread=thread, by=cast("User", request.user))
    if not may("conversations.read_thread", request.user, thread):
        messages.success(request, _("Ihre Kontaktdaten sind gelöscht."))
        return HttpResponseRedirect("/")
    return _answer(request, thread, _("Ihre Kontaktdaten sind gelöscht.") if count else "")


@login_required
def message_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One message: the parties go to it in the thread; a moderator sees a reported message
    alone (to decide on the report); everyone else gets 404."""
    message = get_object_or_404(Message.objects.select_related("conversation", "author"), pk=pk)
    conversation = message.conversation
    thread = find_thread(subject_key=conversation.subject_key, object_id=conversation.object_id)
    if may("conversations.read_thread", request.user, thread):
        return HttpResponseRedirect(f"{thread.url}#nachricht-{message.pk}")
    if not request.user.has_perm("conversations.review_message", message):
        raise Http404
    side = thread.side_by_key(message.side)
    context = {
        "message": message,
        "author": message.author.public_name if message.author else _("gelöschtes Konto"),
        "side": side.name if side else "",
        "title": thread.subject.title(thread.obj),
    }
    return render(request, "conversations/message.html", context)
