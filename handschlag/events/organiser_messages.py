"""What the organiser's side notifies about, and the organiser's message to all participants.

Texts are rendered in each reader's language when shown or mailed (guests: the language they
registered in). Parameters, named like every app's: "title" (the event's), "organisation"
(the organiser's name), "reason", "subject", "message".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handschlag.audit.services import record
from handschlag.core.errors import DomainError
from handschlag.notifications.recipients import Recipient, address, admins_of, person
from handschlag.notifications.registry import NotificationKind
from handschlag.notifications.services import notify

from .models import Event, Registration

if TYPE_CHECKING:
    from handschlag.accounts.models import User

GROUP = gettext_lazy("Veranstaltungen")
MESSAGED = "events.message_participants"  # audit verb (registered in apps.py)
SUBJECT_MAX = 120
TEXT_MAX = 4000

ORGANISER_MESSAGE = NotificationKind(
    key="events.organiser_message",
    group=GROUP,
    label=gettext_lazy("Nachrichten der Veranstaltenden an alle Teilnehmenden"),
    title=lambda p: _("%(title)s: %(subject)s") % {"subject": "", **p},
    body=lambda p: _("Nachricht von %(organisation)s:\n\n%(message)s") % p,
)
REPORT_PUBLISHED = NotificationKind(
    key="events.report_published",
    group=GROUP,
    label=gettext_lazy("Der Bericht zu einer Veranstaltung ist im Blog erschienen"),
    title=lambda p: _("Ihr Bericht zu „%(title)s“ ist im Blog erschienen") % p,
    body=lambda p: _("Danke! Andere Orte können jetzt nachlesen, was herausgekommen ist."),
)
KINDS = (ORGANISER_MESSAGE, REPORT_PUBLISHED)

# Who gets the organiser's message: everyone holding a place, and on request the waiting list.
CONFIRMED_STATES = (
    Registration.State.CONFIRMED,
    Registration.State.ATTENDED,
    Registration.State.OFFERED,
)
WAITING_STATES = (Registration.State.WAITING,)


def recipient_of(registration: Registration) -> Recipient:
    """The person behind a registration: the account, or a guest's address in their language."""
    if registration.user is not None:
        return person(registration.user)
    return address(registration.guest_email, language=registration.language)


def participants(event: Event, *, include_waiting: bool = False) -> list[Registration]:
    states = CONFIRMED_STATES + (WAITING_STATES if include_waiting else ())
    return list(event.registrations.filter(state__in=states).select_related("user").order_by("pk"))


@transaction.atomic
def message_participants(
    *, event: Event, by: User, subject: str, text: str, include_waiting: bool = False
) -> int:
    """An organiser admin writes to all confirmed participants (and, if asked, the waiting
    list); each gets it in their language as a notification and email. Returns how many."""
    if not by.has_perm("events.message_participants", event):
        raise PermissionDenied
    subject, text = (subject or "").strip(), (text or "").strip()
    if not subject or not text:
        raise DomainError(_("Bitte geben Sie einen Betreff und einen Text ein."), code="empty")
    if len(subject) > SUBJECT_MAX or len(text) > TEXT_MAX:
        raise DomainError(
            _("Betreff höchstens %(subject)d, Text höchstens %(text)d Zeichen.")
            % {"subject": SUBJECT_MAX, "text": TEXT_MAX},
            code="too_long",
        )
    if event.state not in (Event.State.PUBLISHED, Event.State.CLOSED):
        raise DomainError(
            _("An Teilnehmende einer abgesagten oder unveröffentlichten Veranstaltung können "
              "Sie hier nicht schreiben."),
            code="event_state",
        )  # fmt: skip
    registrations = participants(event, include_waiting=include_waiting)
    if not registrations:
        raise DomainError(_("Es gibt noch niemanden, dem Sie schreiben könnten."), code="nobody")
    sent = notify(
        to=[recipient_of(r) for r in registrations],
        kind=ORGANISER_MESSAGE.key,
        params={
            "title": event.title,
            "organisation": event.organisation.name,
            "subject": subject,
            "message": text,
        },
        url=event.get_absolute_url(),
    )
    record(
        actor=by,
        verb=MESSAGED,
        target=event,
        subject=subject,
        count=len(sent),
        include_waiting=include_waiting,
    )
    return len(sent)


def tell_report_published(event: Event) -> None:
    notify(
        to=admins_of(event.organisation),
        kind=REPORT_PUBLISHED.key,
        params={"title": event.title},
        url=event.report_post.get_absolute_url() if event.report_post else "",
    )
