"""The moderators' page for a proposed measure: publish it or return it with a comment; take
a published measure out of the library."""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from handschlag.accounts.models import User
from handschlag.core.history import state_history
from handschlag.moderation.forms import RequiredCommentForm
from handschlag.moderation.review import bound_form, decide, permission_required, publish_or_return

from . import services
from .models import Measure

QUEUE = "measures"


@permission_required("measures.publish")
def review(request: HttpRequest, slug: str) -> HttpResponse:
    measure = get_object_or_404(
        Measure.objects.select_related("organisation").prefetch_related("materials"), slug=slug
    )
    me = cast(User, request.user)
    done, forms = publish_or_return(
        request,
        publish=lambda comment: services.publish_measure(measure=measure, by=me, comment=comment),
        give_back=lambda comment: services.return_measure(measure=measure, by=me, comment=comment),
        published=_("Die Maßnahme ist in der Bibliothek veröffentlicht."),
        returned=_("Der Vorschlag wurde zurückgegeben."),
        queue=QUEUE,
    )
    if done is not None:
        return done
    withdraw_form = bound_form(request, "withdraw", RequiredCommentForm)
    if withdraw_form.is_bound and withdraw_form.is_valid():
        comment = withdraw_form.cleaned_data["comment"]
        return decide(
            request,
            lambda: services.withdraw_measure(measure=measure, by=me, comment=comment),
            success=_("Die Maßnahme ist aus der Bibliothek genommen."),
            done_url=measure.get_absolute_url(),
        )
    context = {
        "measure": measure,
        **forms,
        "withdraw_form": withdraw_form,
        "can_publish": measure.state in (Measure.State.SUBMITTED, Measure.State.WITHDRAWN),
        "can_return": measure.state == Measure.State.SUBMITTED,
        "can_withdraw": measure.state == Measure.State.PUBLISHED,
        "history": state_history(measure),
    }
    return render(request, "measures/review.html", context)
