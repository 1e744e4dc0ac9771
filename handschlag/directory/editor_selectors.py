"""Reads of the editor's pages: which offers an editor sees, filtered and annotated for the list
(open reader reports, translation progress per language), and what to do next. Every page
runs a constant number of queries, however many offers the portal has."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import TARGET_LANGUAGES, Location, Offer, Portal, Provider, ReaderReport
from .rules import is_translator
from .translation import Status, status_of, translations_for


def sees_every_offer(user: Any, portal: Portal) -> bool:
    """Editors and translators of the portal see all its offers; a provider only its own."""
    return bool(user.has_perm("directory.edit_portal", portal) or is_translator(user, portal))


def providers_for(portal: Portal, user: Any) -> QuerySet[Provider]:
    """The providers `user` may put offers under: all of the portal's for its editors, else
    the ones linked to a verified organisation `user` belongs to."""
    providers = Provider.objects.filter(portal=portal).order_by("name", "pk")
    if user.has_perm("directory.edit_portal", portal):
        return providers
    return providers.filter(organisation__is_verified=True, organisation__memberships__user=user)


def editor_offers(portal: Portal, user: Any, *, every: bool) -> QuerySet[Offer]:
    """The offers the editor's list shows: all of the portal's, or (for a provider) its own."""
    offers = Offer.objects.filter(portal=portal)
    if not every:
        offers = offers.filter(
            provider__organisation__is_verified=True, provider__organisation__memberships__user=user
        )
    return offers


def _due(portal: Portal) -> Q:
    """Offers whose last check (or, never checked, whose creation) is longer ago than the
    portal's check interval, and that have not ended."""
    cutoff = timezone.now() - datetime.timedelta(days=portal.check_every_days)
    checked_long_ago = Q(last_checked_at__lt=cutoff) | Q(
        last_checked_at__isnull=True, created_at__lt=cutoff
    )
    return checked_long_ago & ~Q(status=Offer.Status.ENDED)


def with_open_reports(offers: QuerySet[Offer]) -> QuerySet[Offer]:
    open_reports = (
        ReaderReport.objects.filter(offer=OuterRef("pk"), handled_at__isnull=True)
        .values("offer")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return offers.annotate(
        open_reports=Coalesce(Subquery(open_reports, output_field=IntegerField()), 0)
    )


def filtered(offers: QuerySet[Offer], portal: Portal, filters: dict[str, Any]) -> QuerySet[Offer]:
    """Apply the list's filters (EditorFilterForm.filters())."""
    offers = with_open_reports(offers)
    if q := filters.get("q"):
        offers = offers.filter(Q(name__icontains=q) | Q(search_text__contains=q.lower()))
    status = filters.get("status")
    if status == "draft":
        offers = offers.filter(published_at__isnull=True).exclude(status=Offer.Status.ENDED)
    elif status:
        offers = offers.filter(status=status)
    if topic := filters.get("topic"):
        offers = offers.filter(topic_rows__topic=topic)
    if provider := filters.get("provider"):
        offers = offers.filter(provider=provider)
    attention = filters.get("attention")
    if attention == "due":
        offers = offers.filter(_due(portal))
    elif attention == "flagged":
        offers = offers.filter(flagged_at__isnull=False)
    elif attention == "reports":
        offers = offers.filter(
            Exists(ReaderReport.objects.filter(offer=OuterRef("pk"), handled_at__isnull=True))
        )
    return offers.select_related("provider").order_by("name", "pk")


@dataclass(frozen=True)
class ToDo:
    """What the editor's home says needs doing: how many offers, and the filter that lists them."""

    key: str
    count: int
    query: str


def to_do(portal: Portal, offers: QuerySet[Offer]) -> dict[str, ToDo]:
    """Counts of what needs doing among `offers` (two queries)."""
    today = timezone.localdate()
    counts = offers.aggregate(
        total=Count("pk"),
        due=Count("pk", filter=_due(portal)),
        flagged=Count("pk", filter=Q(flagged_at__isnull=False)),
        drafts=Count("pk", filter=Q(published_at__isnull=True) & ~Q(status=Offer.Status.ENDED)),
        reopen=Count("pk", filter=Q(status=Offer.Status.CLOSED, closed_until__lt=today)),
    )
    reports = ReaderReport.objects.filter(
        offer__in=offers.values("pk"), handled_at__isnull=True
    ).count()
    return {
        "total": ToDo("total", counts["total"], ""),
        "due": ToDo("due", counts["due"], "attention=due"),
        "flagged": ToDo("flagged", counts["flagged"], "attention=flagged"),
        "reports": ToDo("reports", reports, "attention=reports"),
        "drafts": ToDo("drafts", counts["drafts"], "status=draft"),
        "reopen": ToDo("reopen", counts["reopen"], "status=closed"),
    }


@dataclass(frozen=True)
class Progress:
    """How far one offer is translated into one language: sections current of all non-empty
    sections, and how many are outdated, machine-made or missing."""

    language: str
    current: int
    total: int
    outdated: int
    machine: int

    @property
    def missing(self) -> int:
        return self.total - self.current - self.outdated - self.machine

    @property
    def complete(self) -> bool:
        return self.current == self.total


def translation_progress(
    offers: list[Offer], languages: tuple[str, ...] = TARGET_LANGUAGES
) -> dict[int, list[Progress]]:
    """{offer pk: [Progress per language]} for a page of offers: one query for all of them,
    statuses computed from the source hashes (never stored)."""
    found = translations_for(offers, languages)
    content_type = ContentType.objects.get_for_model(Offer)
    progress: dict[int, list[Progress]] = {}
    for offer in offers:
        sections = {f: text for f, text in offer.source_sections().items() if text.strip()}
        rows = []
        for language in languages:
            statuses = [
                status_of(text, found.get((content_type.pk, offer.pk, field, language)))
                for field, text in sections.items()
            ]
            rows.append(
                Progress(
                    language, statuses.count(Status.CURRENT), len(statuses),
                    statuses.count(Status.OUTDATED), statuses.count(Status.MACHINE),
                )
            )  # fmt: skip
        progress[offer.pk] = rows
    return progress


def providers_with_counts(portal: Portal) -> QuerySet[Provider]:
    return (
        Provider.objects.filter(portal=portal)
        .select_related("organisation")
        .annotate(offer_count=Count("offers", distinct=True))
        .order_by("name", "pk")
    )


def locations_with_counts(portal: Portal) -> QuerySet[Location]:
    return (
        Location.objects.filter(portal=portal)
        .annotate(offer_count=Count("offer_locations", distinct=True))
        .order_by("name", "pk")
    )


def organisation_section(organisation: Any, user: Any) -> dict[str, Any] | None:
    """The portal on an organisation's page, for its members: a municipality organisation's
    own portal (or, for its admins, the offer to open one); a provider organisation's portals
    where it keeps offers."""
    if not getattr(user, "is_authenticated", False) or not organisation.is_verified:
        return None
    if not organisation.memberships.filter(user=user).exists():
        return None
    portals = list(
        Portal.objects.filter(
            Q(organisation=organisation) | Q(providers__organisation=organisation)
        )
        .select_related("municipality")
        .distinct()
        .order_by("municipality__name")
    )
    town = organisation.municipality if organisation.kind == "municipality" else None
    may_open = (
        town is not None
        and not any(portal.municipality_id == town.pk for portal in portals)
        and not Portal.objects.filter(municipality=town).exists()
        and user.has_perm("directory.create_portal", town)
    )
    if not portals and not may_open:
        return None
    return {"portals": portals, "open_in": town if may_open else None}
