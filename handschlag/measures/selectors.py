"""Reads of the library, shaped so that its pages and API run a constant number of queries."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    prefetch_related_objects,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce, Lower, NullIf
from django.http import Http404
from django.utils import timezone, translation

from handschlag.blog.models import Post
from handschlag.organisations.models import Membership, Organisation

from .filters import MeasureFilters
from .models import Adoption, Material, Measure, Report

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from handschlag.accounts.models import User


def _town_count() -> Coalesce:
    """How many towns do a measure (one subquery, so the list needs no GROUP BY)."""
    counted = (
        Adoption.objects.filter(measure=OuterRef("pk"))
        .order_by()
        .values("measure")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _title_in(language: str) -> Any:
    """A measure's title in `language` (German where it has none), for sorting."""
    own = NullIf(KT(f"title__{language}"), Value(""), output_field=TextField())
    return Lower(Coalesce(own, KT("title__de"), output_field=TextField()))


def _has(field: str, value: str) -> Q:
    """The JSON list `field` contains `value` (a choice key: letters and underscores only).

    A text match on the stored JSON ('"value"' with its quotes): JSON `contains` is not
    available on SQLite, and the quotes keep one key from matching inside another."""
    return Q(**{f"{field}__icontains": f'"{value}"'})


def measure_list(*, filters: MeasureFilters) -> QuerySet[Measure]:
    """Published measures that match `filters`, by title in the reader's language, each with
    `town_count` (the towns that do it) and its proposing organisation joined in."""
    language = (translation.get_language() or "de").split("-")[0]
    measures = (
        Measure.objects.published()
        .select_related("organisation")
        .defer("search_text", "moderation_comment")
        .annotate(town_count=_town_count(), sort_title=_title_in(language))
    )
    for word in filters.words:
        measures = measures.filter(search_text__contains=word)
    if filters.format:
        measures = measures.filter(format=filters.format)
    if filters.effort:
        measures = measures.filter(effort=filters.effort)
    if filters.topic:
        measures = measures.filter(_has("topics", filters.topic))
    if filters.target_group:
        measures = measures.filter(_has("target_groups", filters.target_group))
    return measures.order_by("sort_title", "slug")


def measure_for_reader(*, slug: str, user: User | AnonymousUser) -> Measure:
    """The measure at `slug` if `user` may see it (published; or moderators, and the admins of
    the proposing organisation), with everything its page shows loaded:

    - `materials`, in order;
    - `towns`: its adoptions with their municipality, by town name;
    - `shown_reports`: its published reports with town, organisation and post, newest
      first, and the reader's own that wait for moderation or came back from it; each with
      `blog_post` (its post while the post is published, else None) and `link` (that
      post's page, else the URL, else "").

    Raises Http404 otherwise, so unpublished measures do not reveal that they exist."""
    measure = Measure.objects.select_related("organisation").filter(slug=slug).first()
    if measure is None or not user.has_perm("measures.view", measure):
        raise Http404
    prefetch_related_objects(
        [measure],
        Prefetch("materials", queryset=Material.objects.order_by("position", "pk")),
        Prefetch(
            "adoptions",
            queryset=Adoption.objects.select_related("municipality").order_by(
                "municipality__name", "pk"
            ),
            to_attr="towns",
        ),
        Prefetch(
            "reports",
            queryset=Report.objects.filter(_reports_shown_to(user)).select_related(
                "municipality", "organisation", "post"
            ),
            to_attr="shown_reports",
        ),
    )
    now = timezone.now()
    for report in measure.shown_reports:  # type: ignore[attr-defined]
        post = report.post
        if post is not None and post.published_at is not None and post.published_at <= now:
            report.blog_post, report.link = post, post.get_absolute_url()
        else:
            report.blog_post, report.link = None, report.url
    return measure


def _reports_shown_to(user: User | AnonymousUser) -> Q:
    """Published reports; and, to their author, their own in any state."""
    shown = Q(state=Report.State.PUBLISHED)
    if user.is_authenticated:
        shown |= Q(created_by=user)
    return shown


def report_for_author(*, slug: str, pk: int, user: User | AnonymousUser) -> Report:
    """The report `pk` on the measure `slug` if `user` may change it (its author, still a
    member of its organisation); 404 for anyone else, so it does not reveal itself."""
    report = (
        Report.objects.select_related("measure", "organisation", "municipality", "post")
        .filter(pk=pk, measure__slug=slug)
        .first()
    )
    if report is None or not user.has_perm("measures.edit_report", report):
        raise Http404
    return report


def reports_awaiting_review() -> QuerySet[Report]:
    """Reports waiting for moderation, oldest first: the moderation queue."""
    return (
        Report.objects.filter(state=Report.State.PENDING)
        .select_related("measure", "municipality", "organisation")
        .order_by("updated_at", "pk")
    )


def reporting_organisations(user: User | AnonymousUser) -> QuerySet[Organisation]:
    """The verified municipality organisations `user` belongs to: for these they may tell how
    a measure went (measures.report)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return (
        Organisation.objects.filter(
            memberships__user=user,
            is_verified=True,
            kind=Organisation.Kind.MUNICIPALITY,
            municipality__isnull=False,
        )
        .select_related("municipality")
        .order_by("name")
        .distinct()
    )


def proposing_organisations(user: User | AnonymousUser) -> QuerySet[Organisation]:
    """The organisations `user` administers: for these they may propose a measure."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role=Membership.Role.ADMIN
    ).order_by("name")


def posts_of(*organisations: Organisation) -> QuerySet[Post]:
    """The published blog posts that belong to these organisations or their towns: reports on
    their promises, redemptions and events, and reports on promises and events in their towns."""
    condition = Q(pk__in=[])
    for organisation in organisations:
        condition |= (
            Q(promise__organisation=organisation)
            | Q(redemption__organisation=organisation)
            | Q(event__organisation=organisation)
        )
        if organisation.municipality_id:
            condition |= Q(promise__municipality_id=organisation.municipality_id) | Q(
                event__municipality_id=organisation.municipality_id
            )
    return Post.objects.published().filter(condition).distinct().order_by("-published_at", "-pk")


def proposals_of(user: User | AnonymousUser) -> QuerySet[Measure]:
    """Measures proposed by organisations `user` administers, in any state, newest first."""
    return (
        Measure.objects.filter(organisation__in=proposing_organisations(user))
        .select_related("organisation")
        .defer("search_text")
        .order_by("-updated_at", "-pk")
    )


def proposals_awaiting_review() -> QuerySet[Measure]:
    """Submitted proposals, oldest first: the moderation queue."""
    return (
        Measure.objects.filter(state=Measure.State.SUBMITTED)
        .select_related("organisation")
        .defer("search_text")
        .order_by("updated_at", "pk")
    )


def public_reports() -> QuerySet[Report]:
    """Reports the public sees (on published measures): what may be reported as abuse."""
    return (
        Report.objects.published()
        .filter(measure__state=Measure.State.PUBLISHED)
        .select_related("measure", "municipality")
    )
