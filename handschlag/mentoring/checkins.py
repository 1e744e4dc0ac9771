"""The monthly "Wie läuft es?" and the coordination's look-out for quiet tandems.

The link. Each side of a tandem gets its own link for a month:
`/mentoring/wie-laeuft-es/<token>/`, where the token is "<tandem>.<side>.<YYYY-MM>" signed
with Django's TimestampSigner and a salt that contains the tandem's secret `checkin_token`.
So a link works without login (mentees often have no account), one side cannot answer for the
other (the side is signed), it expires LINK_DAYS after it was made, and all links of a tandem
die at once when its `checkin_token` is renewed (as erasing a person does). Opening the link
(GET) never answers: mail programs open links to scan them; the answer is a tap on one of
three buttons (POST).

One answer per side and month (a database constraint): a second tap changes the answer, two
taps at the same moment end in one row — never an error.

The invitations. `send_checkin_invitations` runs daily (process_mentoring) and asks every
active tandem that started at least FIRST_ASK_AFTER_DAYS ago once a month, from the first
of the month: the mentor by notification, the mentee by their account or email, in their
language; a mentee with neither is asked by the coordination (the tandem page says so and
shows them the link to pass on). That a tandem was asked for a month is kept in the audit
log ("mentoring.checkins_sent"), which makes the task idempotent.

Inactivity. `notify_inactive_tandems` tells the site's coordinators about active tandems
without a meeting or check-in for the programme's `inactivity_weeks`, once per episode
(`inactivity_notified_on`; a new contact ends the episode).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from handschlag.audit.models import AuditEntry
from handschlag.audit.services import record
from handschlag.core.errors import DomainError

from . import tandem_messages, tandems
from .models import CheckIn, Programme, Tandem

SIDES = ("mentor", "mentee")
LINK_DAYS = 62
FIRST_ASK_AFTER_DAYS = 14
CHECKINS_SENT = "mentoring.checkins_sent"
_SALT = "mentoring.checkin"

INVALID, EXPIRED, CLOSED = "invalid", "expired", "closed"


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _signer(tandem: Tandem) -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=f"{_SALT}.{tandem.checkin_token}")


def make_token(tandem: Tandem, side: str, month: datetime.date) -> str:
    return _signer(tandem).sign(f"{tandem.pk}.{side}.{month:%Y-%m}")


def link(tandem: Tandem, side: str, month: datetime.date | None = None) -> str:
    month = month or first_of_month(timezone.localdate())
    return reverse("mentoring:checkin", args=[make_token(tandem, side, month)])


@dataclass(frozen=True)
class CheckinLink:
    tandem: Tandem
    side: str
    month: datetime.date

    def answer(self) -> CheckIn | None:
        return CheckIn.objects.filter(tandem=self.tandem, side=self.side, month=self.month).first()


def read_token(token: str) -> tuple[CheckinLink | None, str]:
    """The link behind a token, or None and why not (INVALID, EXPIRED, CLOSED)."""
    try:
        pk, side, month_text = token.split(":", 1)[0].split(".")
        month = datetime.date.fromisoformat(f"{month_text}-01")
        tandem = Tandem.objects.select_related(
            "site__carrier__programme", "mentor__user", "mentee"
        ).get(pk=int(pk))
        _signer(tandem).unsign(token, max_age=datetime.timedelta(days=LINK_DAYS))
    except signing.SignatureExpired:
        return None, EXPIRED
    except (ValueError, Tandem.DoesNotExist, signing.BadSignature):
        return None, INVALID
    if side not in SIDES or getattr(tandem, side) is None:
        return None, INVALID
    if tandem.state not in (Tandem.State.ACTIVE, Tandem.State.PAUSED):
        return None, CLOSED
    return CheckinLink(tandem=tandem, side=side, month=month), ""


@transaction.atomic
def answer_checkin(*, checkin_link: CheckinLink, mood: str) -> tuple[CheckIn, bool]:
    """Store the side's answer for the month; a second answer replaces the first. Returns the
    check-in and whether it is the first answer."""
    if mood not in CheckIn.Mood.values:
        raise DomainError(_("Bitte wählen Sie eine der drei Antworten."), code="mood")
    tandem = checkin_link.tandem
    tandem.require_state(Tandem.State.ACTIVE, Tandem.State.PAUSED)
    key = {"tandem": tandem, "side": checkin_link.side, "month": checkin_link.month}
    now = timezone.now()
    try:
        with transaction.atomic():  # a savepoint: a concurrent first answer wins, we update
            checkin = CheckIn.objects.create(**key, mood=mood, answered_at=now)
            created = True
    except IntegrityError:
        CheckIn.objects.filter(**key).update(mood=mood, answered_at=now)
        checkin = CheckIn.objects.get(**key)
        created = False
    tandems.record_contact(tandem, timezone.localdate(now))
    return checkin, created


# --- the daily tasks -----------------------------------------------------------------------


def reachable(tandem: Tandem, side: str) -> bool:
    return tandem_messages.party_target(tandem, side) is not None


def send_checkin_invitations(today: datetime.date) -> int:
    """Ask every active tandem once this month; returns how many tandems were asked."""
    month = first_of_month(today)
    asked = AuditEntry.objects.filter(
        verb=CHECKINS_SENT,
        content_type=ContentType.objects.get_for_model(Tandem),
        object_id=OuterRef("pk"),
        details__month=month.isoformat(),
    )
    due = (
        Tandem.objects.filter(
            state=Tandem.State.ACTIVE,
            started_on__lte=today - datetime.timedelta(days=FIRST_ASK_AFTER_DAYS),
        )
        .exclude(Exists(asked))
        .select_related("site", "mentor__user", "mentee__user")
        .order_by("pk")
    )
    count = 0
    for tandem in due.iterator(chunk_size=500):
        with transaction.atomic():
            record(actor=None, verb=CHECKINS_SENT, target=tandem, month=month.isoformat())
            for side in SIDES:
                if getattr(tandem, side) is None:
                    continue
                tandem_messages.tell_parties(
                    tandem,
                    kind=tandem_messages.CHECKIN_INVITATION,
                    sides=(side,),
                    url={side: link(tandem, side, month)},
                    month=month.isoformat(),
                )
        count += 1
    return count


def notify_inactive_tandems(today: datetime.date) -> int:
    """Tell the coordinators about each active tandem without contact for the programme's
    inactivity_weeks, once per episode; returns how many tandems were told about."""
    told = 0
    for programme in Programme.objects.filter(
        carriers__sites__tandems__state=Tandem.State.ACTIVE
    ).distinct():
        cutoff = today - datetime.timedelta(weeks=programme.inactivity_weeks)
        quiet = (
            Tandem.objects.filter(
                site__carrier__programme=programme,
                state=Tandem.State.ACTIVE,
                inactivity_notified_on__isnull=True,
            )
            .filter(
                Q(last_contact_on__lt=cutoff)
                | Q(last_contact_on__isnull=True, started_on__lt=cutoff)
            )
            .select_related("site__carrier")
            .order_by("pk")
        )
        for tandem in quiet:
            with transaction.atomic():
                claimed = Tandem.objects.filter(
                    pk=tandem.pk, inactivity_notified_on__isnull=True
                ).update(inactivity_notified_on=today)
                if claimed:
                    tandem_messages.tell_coordinators(
                        tandem,
                        kind=tandem_messages.TANDEM_INACTIVE,
                        weeks=str(programme.inactivity_weeks),
                    )
                    told += 1
    return told
