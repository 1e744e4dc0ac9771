"""A member's own page to be shown as a contact person, or not."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from handschlag.core.errors import DomainError

from . import contacts
from .forms import ContactForm
from .models import Membership, Organisation

if TYPE_CHECKING:
    from handschlag.accounts.models import User


@login_required
def contact_person(request: HttpRequest, slug: str) -> HttpResponse:
    """GET: the form (filled with what is shown now); POST "show" or "hide"."""
    organisation = get_object_or_404(Organisation, slug=slug)
    user = cast("User", request.user)
    membership = Membership.objects.filter(organisation=organisation, user=user).first()
    if membership is None:
        raise Http404
    initial = {"function": membership.contact_function, "email": membership.contact_email}
    form = ContactForm(request.POST if "show" in request.POST else None, initial=initial)
    if request.method == "POST":
        try:
            if "hide" in request.POST:
                contacts.hide_as_contact(organisation=organisation, by=user)
                messages.success(request, _("Sie werden nicht mehr als Ansprechperson gezeigt."))
                return redirect(organisation)
            if form.is_valid():
                contacts.show_as_contact(
                    organisation=organisation, by=user,
                    function=form.cleaned_data["function"], email=form.cleaned_data["email"],
                )  # fmt: skip
                messages.success(request, _("Sie werden jetzt als Ansprechperson gezeigt."))
                return redirect(organisation)
        except DomainError as error:
            form.add_error(None, error.message)
    context = {"organisation": organisation, "membership": membership, "form": form}
    return render(request, "organisations/contact_person.html", context)
