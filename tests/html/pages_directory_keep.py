"""directory: keep — the token page, readers' reports, editors' list, share page."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from handschlag.directory import keeping
from handschlag.directory.models import OfferCheck, Portal, ReaderReport
from handschlag.organisations.models import Membership
from tests import factories as base
from tests.directory import factories

from .page import Page, anonymous, in_english, in_language, nothing
from .world import PageWorld

WELCOME = "Willkommen im Portal der Seitenprüfung."


def _portal(world: PageWorld) -> Portal:
    """One portal of these pages, made at first use (found again by its welcome text)."""
    found = Portal.objects.filter(welcome=WELCOME).first()
    if found is None:
        found = factories.PortalFactory(welcome=WELCOME)
        offer = factories.OfferFactory(portal=found)
        ReaderReport.objects.create(offer=offer, reason="address", note="Neue Adresse")
    return found


def _editor(world: PageWorld) -> Any:
    portal = _portal(world)
    user = base.UserFactory()
    base.MembershipFactory(user=user, organisation=portal.organisation, role=Membership.Role.MEMBER)
    return user


def _check_url(world: PageWorld) -> str:
    offer = _portal(world).offers.first()
    token = "html-check-token"
    OfferCheck.objects.get_or_create(
        token_hash=keeping.hash_token(token),
        defaults={
            "offer": offer,
            "sent_to": "kontakt@beispiel.example",
            "expires_at": timezone.now() + timedelta(days=30),
        },
    )
    return reverse("directory:check", args=[token])


def _report_url(world: PageWorld) -> str:
    offer = _portal(world).offers.first()
    return reverse("directory:report", args=[offer.portal.municipality.slug, offer.pk])


def _share_url(world: PageWorld) -> str:
    slug = _portal(world).municipality.slug
    return reverse("directory:share", args=[slug]) + f"?pfad=/portal/{slug}/angebote/"


KEEP_PAGES = [
    Page("keep_check", anonymous, _check_url),
    Page("keep_check_errors", anonymous, _check_url, data=nothing),
    Page("keep_check_unknown", anonymous, lambda w: "/portal/pruefen/x/", status=404),
    Page("keep_report", anonymous, _report_url),
    Page("keep_report_errors", anonymous, _report_url, data=nothing),
    Page(
        "keep_reports",
        _editor,
        lambda w: reverse("directory:reports", args=[_portal(w).municipality.slug]),
    ),
    Page("keep_share", anonymous, _share_url),
]
KEEP_PAGES += in_english(KEEP_PAGES, "keep_report", "keep_report_errors")
KEEP_PAGES += in_language(KEEP_PAGES, "ar", "keep_share")  # a newcomer shares a page
