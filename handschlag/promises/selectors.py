"""Reads on promises and redemptions: filtered lists, detail pages, "Meine Versprechen"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from handschlag.core.versions import FRAGMENT_SECONDS, content_version
from handschlag.organisations.models import Membership
from handschlag.places.selectors import municipality_ids_near

from .filters import PromiseFilters, Sort
from .models import Promise, Redemption
from .search import search

if TYPE_CHECKING:
    from handschlag.accounts.models import User

SORTS: dict[Sort, tuple[str, ...]] = {
    "newest": ("-published_at", "-pk"),
    "deadline": ("deadline", "pk"),
    "remaining": ("-remaining_capacity", "deadline", "pk"),
}


def promise_list(*, filters: PromiseFilters) -> QuerySet[Promise]:
    """Public promises, filtered and sorted as `filters` ask (the list page and the API).

    Near a town, the list is "promises in these towns, or nationwide". SQLite answers that OR
    poorly for a count (one pass over the whole place index: 41 ms at 100,000 promises, where
    the two halves take 7 and 1 ms), so the queryset counts the two halves separately
    (CountInParts); the page itself is read in one query as before."""
    if not filters.near:
        return _promise_list(filters, None)
    ids = municipality_ids_near(slug=filters.near, radius_km=filters.radius_km)
    here, nationwide = Q(municipality__in=ids), Q(municipality__isnull=True)
    whole = _promise_list(filters, here | nationwide)
    return CountInParts.of(
        whole, (_promise_list(filters, here), _promise_list(filters, nationwide))
    )


def _promise_list(filters: PromiseFilters, place: Q | None) -> QuerySet[Promise]:
    # open promises are public: then "public" is not asked as well (one state condition)
    base = Promise.objects.open() if filters.open_only else Promise.objects.public()
    promises: QuerySet[Promise] = (
        base.select_related("owner", "organisation", "municipality")
        .defer("search_text", "search_vector")
        .with_fulfilment()  # "Erfüllt" on the cards
    )
    if filters.municipality:
        promises = promises.filter(municipality__slug=filters.municipality)
    if place is not None:
        promises = promises.filter(place)
    if filters.category:
        promises = promises.filter(category=filters.category)
    if filters.q:
        promises = search(promises, filters.q)
    return promises.order_by(*SORTS[filters.sort])


class CountInParts(QuerySet[Promise]):
    """A queryset whose count() is the sum of the counts of disjoint parts that together are
    exactly its rows. Only while its conditions are unchanged: a queryset derived from it by
    another filter (or a slice) counts the usual way."""

    _parts: tuple[QuerySet[Promise], ...] = ()
    _conditions: tuple[Any, ...] = ()

    @classmethod
    def of(cls, whole: QuerySet[Promise], parts: tuple[QuerySet[Promise], ...]) -> CountInParts:
        queryset = cls(model=whole.model, query=whole.query.chain(), using=whole.db)
        queryset._parts, queryset._conditions = parts, queryset._fingerprint()
        return queryset

    def _fingerprint(self) -> tuple[Any, ...]:
        # clones copy the condition nodes but share the lookups in them; a filter adds one
        def shape(node: Any) -> Any:
            if hasattr(node, "children"):
                return (node.connector, node.negated, tuple(shape(c) for c in node.children))
            return id(node)

        return (shape(self.query.where),)

    def _clone(self) -> CountInParts:
        clone = super()._clone()  # type: ignore[misc]
        clone._parts, clone._conditions = self._parts, self._conditions
        return clone

    def count(self) -> int:
        unchanged = self._fingerprint() == self._conditions and not self.query.is_sliced
        if self._parts and self._result_cache is None and unchanged:
            return sum(part.count() for part in self._parts)
        return super().count()


def _visible_to(user: Any) -> Q:
    """What `user` may open besides public promises: their personal ones and those of the
    organisations they currently belong to (the Q twin of the "promises.view_promise" rule)."""
    if user.has_perm("promises.view_all_promises"):
        return Q()
    visible = Q(state__in=Promise.PUBLIC_STATES)
    if getattr(user, "is_authenticated", False):
        member_of = Membership.objects.filter(user=user).values("organisation_id")
        visible |= Q(owner=user, organisation__isnull=True) | Q(organisation__in=member_of)
    return visible


def promise_detail(*, pk: int, user: Any) -> Promise:
    """The promise if `user` may see it (404 otherwise).

    A public promise is the same for everyone, so it is kept in the cache under the content
    version (core/versions.py: any change to it, its redemptions or its copies bumps that)."""
    key = f"promise-detail:{pk}:{content_version()}"
    cached = cache.get(key)
    if isinstance(cached, Promise) and cached.state in Promise.PUBLIC_STATES:
        return cached
    promise = _promise_detail(pk=pk, user=user)
    if promise.state in Promise.PUBLIC_STATES:
        cache.set(key, promise, timeout=FRAGMENT_SECONDS)
    return promise


DETAIL_RELATED = (
    "owner", "organisation", "municipality",
    # "inspiriert von": the original, its promiser and its place
    "inspired_by__owner", "inspired_by__organisation", "inspired_by__municipality",
)  # fmt: skip


def _count_of_copies(**conditions: Any) -> Subquery:
    # a subquery, not Count("copies"): that grouped the whole joined row (slow to build and run)
    return Subquery(
        Promise.objects.filter(inspired_by=OuterRef("pk"), **conditions)
        .order_by()
        .values("inspired_by")
        .annotate(n=Count("pk"))
        .values("n")
    )


def _promise_detail(*, pk: int, user: Any) -> Promise:
    promise = (
        Promise.objects.filter(_visible_to(user), pk=pk)
        .select_related(*DETAIL_RELATED)
        .annotate(
            copies_count=Coalesce(_count_of_copies(), 0),
            public_copies_count=Coalesce(_count_of_copies(state__in=Promise.PUBLIC_STATES), 0),
        )
        .with_fulfilment()
        .first()
    )
    if promise is None:
        raise Http404
    # the copy chain: the public copies with their places (a query only when there are any)
    promise.public_copies = (  # type: ignore[attr-defined]
        list(
            Promise.objects.public()
            .filter(inspired_by=promise)
            .select_related("owner", "organisation", "municipality")
            .order_by("published_at", "pk")
        )
        if promise.public_copies_count  # type: ignore[attr-defined]
        else []
    )
    promise.preparing_copies = promise.copies_count - promise.public_copies_count  # type: ignore[attr-defined]
    return promise


def redemption_detail(*, pk: int, user: Any) -> Redemption:
    """The redemption if `user` takes part in it or moderates (404 otherwise)."""
    redemption = (
        Redemption.objects.select_related(
            "promise", "promise__owner", "promise__organisation", "applicant", "organisation"
        )
        .prefetch_related("photos", "state_changes__by")
        .filter(pk=pk)
        .first()
    )
    if redemption is None or not user.has_perm("promises.view_redemption", redemption):
        raise Http404
    return redemption


# --- "Meine Versprechen" ----------------------------------------------------------------------


@dataclass
class Step:
    text: str
    urgent: bool = False


def promise_next_step(promise: Promise) -> Step:
    """What the promiser should do next, from the promise and its prefetched applications:
    first what needs them, then what others are doing, then where the promise stands."""
    by_state: dict[str, int] = {}
    for redemption in promise.redemptions.all():
        by_state[redemption.state] = by_state.get(redemption.state, 0) + 1
    state = Redemption.State
    if promise.state == Promise.State.DRAFT:
        return Step(_("Entwurf – prüfen und zur Prüfung einreichen"), urgent=True)
    if promise.state == Promise.State.RETURNED:
        return Step(_("Von der Moderation zurückgegeben – bitte überarbeiten"), urgent=True)
    if promise.state == Promise.State.PENDING:
        return Step(_("Wartet auf die Moderation"))
    if n := by_state.get(state.REPORTED, 0):
        text = ngettext(
            "Ein Bericht wartet auf Ihre Bestätigung",
            "%(n)d Berichte warten auf Ihre Bestätigung",
            n,
        )
        return Step(text % {"n": n}, urgent=True)
    if n := by_state.get(state.APPLIED, 0):
        text = ngettext(
            "1 neue Bewerbung – bitte entscheiden", "%(n)d neue Bewerbungen – bitte entscheiden", n
        )
        return Step(text % {"n": n}, urgent=True)
    if by_state.get(state.DISPUTED):
        return Step(_("Beanstandet – die Moderation entscheidet"))
    if n := by_state.get(state.ACCEPTED, 0) + by_state.get(state.IN_PROGRESS, 0):
        text = ngettext(
            "1 Einlösung in Umsetzung – danach kommt der Bericht",
            "%(n)d Einlösungen in Umsetzung – danach kommen die Berichte",
            n,
        )
        return Step(text % {"n": n})
    fulfilled = sum(by_state.get(s, 0) for s in Redemption.FULFILLED_STATES)
    if promise.state == Promise.State.PUBLISHED and promise.is_open:
        return Step(_("Veröffentlicht – wartet auf Bewerbungen"))
    if fulfilled:
        return Step(_("Erfüllt – danke! Der Bericht zeigt anderen, wie es geht."))
    if promise.state == Promise.State.PUBLISHED and promise.remaining_capacity == 0:
        return Step(_("Alle Plätze vergeben"))
    return Step(_("Abgeschlossen – nichts mehr zu tun"))


def redemption_next_step(redemption: Redemption) -> Step:
    """What the applicant should do next."""
    state = Redemption.State
    steps: dict[str, Step] = {
        state.APPLIED: Step(_("Wartet auf die Entscheidung")),
        state.ACCEPTED: Step(_("Angenommen – bitte mit der Umsetzung beginnen"), urgent=True),
        state.IN_PROGRESS: Step(_("In Umsetzung – danach den Bericht einreichen"), urgent=True),
        state.REPORTED: Step(_("Bericht wartet auf die Bestätigung")),
        state.DISPUTED: Step(_("Beanstandet – die Moderation entscheidet")),
        state.CONFIRMED: Step(_("Erfüllt – der Bericht wartet auf die Moderation")),
    }
    return steps.get(redemption.state, Step(_("Abgeschlossen")))


def my_promises(*, user: User) -> list[Promise]:
    """My promises and my organisations' promises, each with applications and a `next_step`."""
    member_of = Membership.objects.filter(user=user).values("organisation_id")
    promises = list(
        Promise.objects.filter(
            Q(owner=user, organisation__isnull=True) | Q(organisation__in=member_of)
        )
        .select_related("organisation", "municipality", "owner")
        .prefetch_related(
            Prefetch(
                "redemptions",
                queryset=Redemption.objects.select_related("applicant", "organisation"),
            )
        )
        .order_by("-updated_at", "-pk")
    )
    for promise in promises:
        promise.next_step = promise_next_step(promise)  # type: ignore[attr-defined]
    # what needs the person first; sorted() keeps the newest-first order within each group
    return sorted(promises, key=lambda p: not p.next_step.urgent)  # type: ignore[attr-defined]


def my_applications(*, user: User) -> list[Redemption]:
    """My applications and my organisations' applications, each with a `next_step`."""
    member_of = Membership.objects.filter(user=user).values("organisation_id")
    redemptions = list(
        Redemption.objects.filter(Q(applicant=user) | Q(organisation__in=member_of))
        .select_related("promise", "promise__organisation", "promise__owner", "organisation")
        .order_by("-updated_at", "-pk")
    )
    for redemption in redemptions:
        redemption.next_step = redemption_next_step(redemption)  # type: ignore[attr-defined]
    return sorted(redemptions, key=lambda r: not r.next_step.urgent)  # type: ignore[attr-defined]


# --- the moderation queues ------------------------------------------------------------------


def pending_promises() -> QuerySet[Promise]:
    """Promises waiting for review, oldest first (first come, first served)."""
    return (
        Promise.objects.filter(state=Promise.State.PENDING)
        .select_related("owner", "organisation", "municipality")
        .order_by("updated_at", "pk")
    )


def disputes() -> QuerySet[Redemption]:
    return (
        Redemption.objects.filter(state=Redemption.State.DISPUTED)
        .select_related(
            "promise", "promise__owner", "promise__organisation", "applicant", "organisation"
        )
        .order_by("updated_at", "pk")
    )


def organisation_promises(organisation: Any, user: Any) -> dict[str, Any]:
    """The public promises of an organisation, for its page (one query)."""
    promises = Promise.objects.public().filter(organisation=organisation)
    return {"promises": list(promises.order_by("-published_at", "-pk")[:50])}
