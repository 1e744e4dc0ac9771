"""The person's own account: profile, data export, deletion."""

from __future__ import annotations

import json
from typing import cast

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from . import services
from .forms import DeleteAccountForm, ProfileForm
from .models import User


def _me(request: HttpRequest) -> User:
    return cast(User, request.user)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = _me(request)
    form = ProfileForm(request.POST or None, instance=User.objects.get(pk=user.pk))
    if request.method == "POST" and form.is_valid():
        services.update_profile(user=user, by=user, **form.cleaned_data)
        messages.success(request, _("Ihr Profil wurde gespeichert."))
        return redirect("accounts:profile")
    # the reverse relation of Organisation.members: accounts imports no organisations code
    organisations = user.organisations.select_related("municipality").order_by("name")
    context = {"form": form, "organisations": organisations}
    return render(request, "accounts/profile.html", context)


@login_required
def export(request: HttpRequest) -> HttpResponse:
    data = services.export_user_data(user=_me(request))
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"handschlag-daten-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def delete(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.delete_account(user=_me(request))
        logout(request)
        messages.success(request, _("Ihr Konto wurde gelöscht. Auf Wiedersehen!"))
        return redirect("home")
    return render(request, "accounts/delete.html", {"form": form})
