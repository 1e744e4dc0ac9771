"""Telling both sides about new proposals: one notification per organisation or promiser and
run, however many proposals it got."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.urls import reverse

from handschlag.notifications.recipients import Target, admins_of
from handschlag.notifications.services import notify
from handschlag.organisations.models import Membership
from handschlag.promises.models import Promise
from handschlag.promises.services import promisers

from . import messages
from .models import Need


def need_side(need: Need) -> list[Target]:
    """The need's author (while still a member) and the admins of its organisation."""
    targets: list[Target] = [admins_of(need.organisation)]
    if (
        need.author_id
        and Membership.objects.filter(
            organisation_id=need.organisation_id, user_id=need.author_id
        ).exists()
    ):
        targets.insert(0, need.author)  # type: ignore[arg-type]
    return targets


def tell_need_side(
    pairs: Sequence[tuple[int, int]], organisation_of: dict[int, int] | None = None
) -> None:
    """One notification per organisation that posted needs, however many proposals it got.
    `organisation_of` (need id -> organisation id) saves loading every need."""
    need_ids = sorted({need for need, _promise in pairs})
    if organisation_of is None:
        organisation_of = dict(
            Need.objects.filter(pk__in=need_ids).values_list("pk", "organisation_id")
        )
    by_org: dict[int, list[int]] = defaultdict(list)
    for need_pk in need_ids:
        by_org[organisation_of[need_pk]].append(need_pk)
    firsts = Need.objects.select_related("organisation", "author").in_bulk(
        [group[0] for group in by_org.values()]
    )
    for group in by_org.values():
        first = firsts[group[0]]
        notify(
            to=need_side(first),
            kind=messages.PROMISES_FOUND.key,
            params={"title": first.title, "count": str(len(group))},
            url=first.get_absolute_url() if len(group) == 1 else reverse("needs:mine"),
        )


def tell_promise_side(
    pairs: Sequence[tuple[int, int]], promiser_of: dict[int, tuple[str, int]] | None = None
) -> None:
    """One notification per promiser (an organisation, or a person promising privately).
    `promiser_of` (promise id -> ("org", id) or ("person", id)) saves loading every promise."""
    promise_ids = sorted({promise for _need, promise in pairs})
    if promiser_of is None:
        promiser_of = {
            pk: ("org", org) if org else ("person", owner)
            for pk, org, owner in Promise.objects.filter(pk__in=promise_ids).values_list(
                "pk", "organisation_id", "owner_id"
            )
        }
    groups: dict[tuple[str, int], list[int]] = defaultdict(list)
    for _need, promise_pk in sorted(pairs, key=lambda pair: pair[1]):
        groups[promiser_of[promise_pk]].append(promise_pk)  # one entry per proposal
    firsts = Promise.objects.select_related("owner", "organisation").in_bulk(
        [group[0] for group in groups.values()]
    )
    for group in groups.values():
        first = firsts[group[0]]
        notify(
            to=promisers(first),
            kind=messages.NEEDS_FOUND.key,
            params={"promise": first.title, "count": str(len(group))},
            url=first.get_absolute_url(),
        )
