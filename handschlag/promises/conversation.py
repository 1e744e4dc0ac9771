"""The redemption as a conversation subject: the promiser side (the promise's owner, or every
current member of the promising organisation) and the redeemer side (the applicant, or every
current member of the redeeming organisation) write to each other once the application is
accepted; when the redemption is closed the thread stays readable."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handschlag.conversations.registry import ConversationSubject, Side, ThreadState

from .models import Redemption

SUBJECT = "promises.redemption"
R = Redemption.State
OPEN_STATES = (R.ACCEPTED, R.IN_PROGRESS, R.REPORTED, R.DISPUTED, R.CONFIRMED)


def _redemptions() -> QuerySet[Redemption]:
    return Redemption.objects.select_related(
        "promise", "promise__owner", "promise__organisation", "applicant", "organisation"
    )


def sides(redemption: Redemption) -> tuple[Side, Side]:
    promise = redemption.promise
    promiser = Side(
        key="promiser",
        label=gettext_lazy("Versprechende"),
        name=promise.promiser_name,
        person_id=None if promise.organisation_id else promise.owner_id,
        organisation=promise.organisation,
    )
    redeemer = Side(
        key="redeemer",
        label=gettext_lazy("Einlösende"),
        name=redemption.redeemer_name,
        person_id=None if redemption.organisation_id else redemption.applicant_id,
        organisation=redemption.organisation,
    )
    return promiser, redeemer


def state(redemption: Redemption) -> ThreadState:
    if redemption.state in OPEN_STATES:
        return ThreadState(writable=True)
    if redemption.state == R.APPLIED:
        return ThreadState(
            writable=False,
            note=_("Sobald die Bewerbung angenommen ist, können Sie hier miteinander schreiben."),
        )
    return ThreadState(
        writable=False,
        note=_(
            "Diese Einlösung ist abgeschlossen (%(state)s). Die Nachrichten bleiben für beide "
            "Seiten lesbar; neue Nachrichten und Kontaktfreigaben sind nicht mehr möglich."
        )
        % {"state": redemption.get_state_display()},
    )


def subject() -> ConversationSubject:
    return ConversationSubject(
        key=SUBJECT,
        label=gettext_lazy("Einlösung"),
        objects=_redemptions,
        sides=sides,
        state=state,
        url=lambda redemption: redemption.get_absolute_url(),
        title=lambda redemption: redemption.promise.title,
        party_perm="promises.view_redemption",
    )
