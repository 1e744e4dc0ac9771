"""The tandem as a conversation subject ("mentoring.tandem"): mentor and mentee write to each
other through the platform, without giving out their contact details.

Sides: the mentor (a person) and the mentee (a person — only if the mentee has an account; a
mentee without account has no way to read, so the thread is not offered and contact runs
through the site's coordination). Writable while the tandem is proposed, active or paused;
after its end the messages stay readable for both sides, and no new ones can be written.

The coordination does not read the thread: tandem talk is private, as in the conversations
app everywhere (only the two sides read; a message reported as abuse reaches a moderator).
A problem reaches the coordination through the problem report, which only it reads.

When a person's data is erased, the tandem's side is gone (mentor or mentee NULL): the thread
names that side "(Daten gelöscht)", nobody can write (the tandem ended), and `forget_person`
takes the person out of the thread (their messages stay for the other side without a name,
as conversations' own erasure does for a deleted account).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handschlag.conversations.models import ContactRelease, Message, Reader
from handschlag.conversations.registry import ConversationSubject, Side, ThreadState

from .models import Tandem

SUBJECT = "mentoring.tandem"


def _tandems() -> QuerySet[Tandem]:
    return Tandem.objects.select_related("site", "mentor__user", "mentee__user")


def sides(tandem: Tandem) -> tuple[Side, Side]:
    mentor, mentee = tandem.mentor, tandem.mentee
    erased = _("(Daten gelöscht)")
    return (
        Side(
            key="mentor",
            label=gettext_lazy("Mentor:in"),
            name=mentor.display_name if mentor is not None else erased,
            person_id=mentor.user_id if mentor is not None else None,
        ),
        Side(
            key="mentee",
            label=gettext_lazy("Mentee"),
            name=mentee.display_name if mentee is not None else erased,
            person_id=mentee.user_id if mentee is not None else None,
        ),
    )


def has_thread(tandem: Tandem) -> bool:
    """Both sides can take part: the mentor, and the mentee with an account."""
    mentor, mentee = tandem.mentor, tandem.mentee
    return mentor is not None and mentee is not None and mentee.user_id is not None


def state(tandem: Tandem) -> ThreadState:
    if tandem.state in Tandem.HOLDING:
        if has_thread(tandem):
            return ThreadState(writable=True)
        return ThreadState(
            writable=False,
            note=_(
                "Die begleitete Person hat kein Konto und kann hier nichts lesen. Der Kontakt "
                "läuft über die Koordination des Standorts."
            ),
        )
    return ThreadState(
        writable=False,
        note=_(
            "Dieses Tandem ist beendet. Die Nachrichten bleiben für Sie beide lesbar; neue "
            "Nachrichten und Kontaktfreigaben sind nicht mehr möglich. Bei Fragen hilft die "
            "Koordination."
        ),
    )


def subject() -> ConversationSubject:
    return ConversationSubject(
        key=SUBJECT,
        label=gettext_lazy("Tandem"),
        objects=_tandems,
        sides=sides,
        state=state,
        url=lambda tandem: tandem.get_absolute_url(),
        title=lambda tandem: str(tandem),  # "Tandem Nr. 7": no names in mails
        party_perm="mentoring.view_tandem",
    )


def forget_person(*, tandem_ids: Iterable[int], user_id: int | None) -> None:
    """The person whose tandem side is erased leaves these tandems' threads: their messages
    stay for the other side without their name; what they read and the contact details they
    shared go. Call inside the erasure's transaction."""
    ids = list(tandem_ids)
    if user_id is None or not ids:
        return
    threads: dict[str, Any] = {
        "conversation__subject_key": SUBJECT,
        "conversation__object_id__in": ids,
    }
    Message.objects.filter(author_id=user_id, **threads).update(author=None)
    ContactRelease.objects.filter(user_id=user_id, **threads).delete()
    Reader.objects.filter(user_id=user_id, **threads).delete()
