"""Views of keeping offers current: the token page of "Ist das noch richtig?", short links."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from handschlag.core.errors import DomainError

from . import keeping
from .keep_forms import CheckAnswerForm
from .models import ShortLink


@require_http_methods(["GET", "POST"])
def check(request: HttpRequest, token: str) -> HttpResponse:
    """No login: the token alone lets its holder answer for this one offer, once."""
    found = keeping.find_check(token)
    if found is None:
        return render(request, "directory/keep/check_gone.html", {"state": "unknown"}, status=404)
    state = keeping.check_state(found)
    if state != "open":
        return render(request, "directory/keep/check_gone.html", {"state": state}, status=410)
    form = CheckAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            answered = keeping.answer_check(
                token=token,
                answer=form.cleaned_data["answer"],
                correction=form.cleaned_data["correction"],
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            return render(request, "directory/keep/check_done.html", {"check": answered})
    return render(
        request, "directory/keep/check.html", {"check": found, "offer": found.offer, "form": form}
    )


def short_link(request: HttpRequest, code: str) -> HttpResponse:
    link = get_object_or_404(ShortLink, code=code)
    path = keeping.safe_path(link.path)
    if path is None:
        raise Http404
    return HttpResponseRedirect(path)
