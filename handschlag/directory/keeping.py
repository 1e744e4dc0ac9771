"""Keeping offers current (#12, point 6): "Ist das noch richtig?" and short links.

Each published offer's contact is asked, when the offer is due (`Offer.check_due`), whether it is
still right. The mail carries a link with a random token; only its SHA-256 is stored
(`OfferCheck.token_hash`), and the raw token is never written to any row: the mail is rendered
through the notification kind registry and sent directly, without a Notification row. A token is
single-purpose: it answers one check of one offer, once, until it expires (the portal's
`flag_after_days`). Offers not confirmed by then are flagged, and the portal's editors get one
digest per portal per day.

"Ended" does not end the offer by itself: the link is held by whoever reads the contact's inbox,
and ending an offer hides it from readers; an editor decides (they are told at once).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from handschlag.audit.services import record
from handschlag.core.errors import DomainError
from handschlag.notifications.registry import render_body, render_title
from handschlag.notifications.services import notify
from handschlag.organisations.models import Membership

from .models import Offer, OfferCheck, Portal, ReaderReport, ShortLink

CHECK_KIND = "directory.offer_check"
CORRECTION_KIND = "directory.offer_correction"
ENDED_KIND = "directory.offer_reported_ended"
UNCHECKED_KIND = "directory.offers_unchecked"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def editors_of(portal: Portal) -> list:
    """The portal's editors: current members of the organisation that keeps it."""
    return [
        m.user
        for m in Membership.objects.filter(
            organisation_id=portal.organisation_id, user__is_active=True
        )
        .select_related("user")
        .order_by("created_at", "pk")
    ]


def _url_of(obj: Offer | Portal) -> str:
    """The object's reader page; empty while the reader pages (h-public) are not mounted."""
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:
        return ""


def _contact_of(offer: Offer) -> str:
    return offer.contact_email or offer.provider.email


def _open_check(offer: Offer, now: datetime) -> bool:
    return offer.checks.filter(answered_at__isnull=True, expires_at__gt=now).exists()


def _mail_check(offer: Offer, address: str, token: str) -> None:
    """Render the kind's texts in German (contacts are providers) with the link; no row keeps it."""
    from django.utils import translation

    params = {"offer": offer.name, "portal": str(offer.portal)}
    link = settings.SITE_URL.rstrip("/") + reverse("directory:check", args=[token])
    with translation.override("de"):
        subject = render_title(CHECK_KIND, params)
        body = render_body(CHECK_KIND, params)
    message = EmailMessage(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        body=f"{body}\n\n{link}\n",
        to=[address],
    )
    transaction.on_commit(message.send)


def send_checks(*, now: datetime | None = None) -> int:
    """Ask the contact of every published, due offer; idempotent (an open check is not repeated).
    Returns the number of mails sent."""
    now = now or timezone.now()
    sent = 0
    offers = Offer.objects.public().select_related("portal__municipality", "provider")
    for offer in offers.iterator():
        if not offer.check_due(now) or _open_check(offer, now):
            continue
        if offer.flagged_at is not None:
            continue  # already waiting for the editors
        address = _contact_of(offer)
        if not address:
            continue
        token = secrets.token_urlsafe(32)
        with transaction.atomic():
            OfferCheck.objects.create(
                offer=offer,
                token_hash=hash_token(token),
                sent_to=address,
                sent_at=now,
                expires_at=now + timedelta(days=offer.portal.flag_after_days),
            )
            _mail_check(offer, address, token)
        sent += 1
    return sent


def find_check(token: str, *, now: datetime | None = None) -> OfferCheck | None:
    """The open check behind a token, or None (unknown). Expired/used checks are returned; the
    caller tells them apart with `check_state`."""
    if not token or len(token) > 100:
        return None
    return (
        OfferCheck.objects.select_related("offer__portal__municipality", "offer__provider")
        .filter(token_hash=hash_token(token))
        .first()
    )


def check_state(check: OfferCheck, now: datetime | None = None) -> str:
    if check.answered_at is not None:
        return "used"
    if check.expires_at <= (now or timezone.now()):
        return "expired"
    return "open"


def answer_check(*, token: str, answer: str, correction: str = "") -> OfferCheck:
    """Confirm, correct or report "ended" for the one offer behind the token, once."""
    if answer not in OfferCheck.Answer.values:
        raise DomainError(_("Bitte wählen Sie eine Antwort."))
    correction = correction.strip()
    if answer == OfferCheck.Answer.CORRECTED and not correction:
        raise DomainError(_("Bitte schreiben Sie, was nicht stimmt."))
    now = timezone.now()
    with transaction.atomic():
        check = (
            OfferCheck.objects.select_for_update()
            .filter(token_hash=hash_token(token), answered_at__isnull=True, expires_at__gt=now)
            .first()
        )
        if check is None:
            raise DomainError(_("Dieser Link ist nicht mehr gültig."))
        check.answer = answer
        check.correction = correction[:5000] if answer != OfferCheck.Answer.CONFIRMED else ""
        check.answered_at = now
        check.save(update_fields=["answer", "correction", "answered_at"])
        offer = Offer.objects.select_related("portal__municipality").get(pk=check.offer_id)
        if answer == OfferCheck.Answer.CONFIRMED:
            Offer.objects.filter(pk=offer.pk).update(last_checked_at=now, flagged_at=None)
        else:
            notify(
                to=editors_of(offer.portal),
                kind=CORRECTION_KIND if answer == OfferCheck.Answer.CORRECTED else ENDED_KIND,
                params={"offer": offer.name},
                url=_url_of(offer),
            )
    return check


def flag_unanswered(*, now: datetime | None = None) -> int:
    """Flag offers whose check went unanswered past its expiry; one digest per portal per day
    (only newly flagged offers are told, so a second run the same day tells nobody)."""
    now = now or timezone.now()
    expired = OfferCheck.objects.filter(
        answered_at__isnull=True, expires_at__lte=now, offer__flagged_at__isnull=True
    ).select_related("offer__portal__municipality")
    by_portal: dict[int, list[Offer]] = {}
    for check in expired:
        offer = check.offer
        if offer.last_checked_at and offer.last_checked_at >= check.sent_at:
            continue
        by_portal.setdefault(offer.portal_id, [])
        if offer not in by_portal[offer.portal_id]:
            by_portal[offer.portal_id].append(offer)
    flagged = 0
    for offers in by_portal.values():
        portal = offers[0].portal
        with transaction.atomic():
            flagged += Offer.objects.filter(
                pk__in=[o.pk for o in offers], flagged_at__isnull=True
            ).update(flagged_at=now)
            notify(
                to=editors_of(portal),
                kind=UNCHECKED_KIND,
                params={"count": str(len(offers)), "offers": ", ".join(o.name for o in offers)},
                url=_url_of(portal),
            )
    return flagged


def run_daily(*, now: datetime | None = None) -> tuple[int, int]:
    now = now or timezone.now()
    return send_checks(now=now), flag_unanswered(now=now)


def safe_path(path: str) -> str | None:
    """A path of this site (no scheme, no host, no "//" or backslash tricks), or None."""
    if not path.startswith("/") or path.startswith("//") or "\\" in path:
        return None
    parts = urlsplit(path)
    if parts.scheme or parts.netloc or any(ord(c) < 32 for c in path):
        return None
    return path


SHORT_PATH_MAX = 300  # ShortLink.path's length
SHORT_LINK_LIMIT = 20  # new short links per hour per IP and per session (a reader's sharing)
SHORT_LINK_WINDOW = 3600


def find_short_link(*, portal: Portal, path: str) -> ShortLink | None:
    """The short link `path` already has (the same path always gets the same code)."""
    return ShortLink.objects.filter(portal=portal, path=path).first()


def short_link_for(*, portal: Portal, path: str) -> ShortLink:
    """The short link of `path` on this site, made if it has none yet."""
    if safe_path(path) is None or len(path) > SHORT_PATH_MAX:
        raise DomainError(_("Nur Adressen dieser Seite können gekürzt werden."))
    link, _created = ShortLink.objects.get_or_create(portal=portal, path=path)
    return link


# "Das stimmt nicht": readers' reports -------------------------------------------------------

REPORT_HANDLED = "directory.reader_report_handled"
REPORT_LIMIT = 5  # reports per hour per IP and per session
REPORT_WINDOW = 3600


def report_offer(*, offer: Offer, reason: str, note: str = "", language: str = "") -> ReaderReport:
    """An anonymous reader's report on a public offer; only editors see it."""
    if not Offer.objects.public().filter(pk=offer.pk).exists():
        raise DomainError(_("Dieses Angebot gibt es hier nicht."))
    if reason not in ReaderReport.Reason.values:
        raise DomainError(_("Bitte wählen Sie aus, was nicht stimmt."))
    return ReaderReport.objects.create(
        offer=offer, reason=reason, note=note.strip()[:500], language=language[:8]
    )


def handle_report(*, report: ReaderReport, by: Any) -> ReaderReport:
    """Mark a reader's report done ("erledigt")."""
    if not by.has_perm("directory.handle_reports", report.offer.portal):
        raise PermissionDenied
    with transaction.atomic():
        updated = ReaderReport.objects.filter(pk=report.pk, handled_at__isnull=True).update(
            handled_at=timezone.now(), handled_by=by
        )
        if updated:
            report.refresh_from_db()
            record(actor=by, verb=REPORT_HANDLED, target=report.offer, report=report.pk)
    return report
