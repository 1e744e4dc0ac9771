"""Matching rounds: a coordinator starts a round over a pool (one site, or every site of a
carrier), a background task runs the engine on it (`run_round`), the coordinator decides on
each proposal (rounds_decisions.py) and confirms the round: the accepted pairs become tandems
and both sides are told. Or discards it.

States: queued → running → ready → confirmed | discarded; queued → discarded; queued or
running → failed (the page shows the error). Only one round per pool is open (queued,
running, ready) at a time, and a site's round and its carrier's round never overlap, so no
person is proposed twice at once.
"""

from __future__ import annotations

import datetime
import gc
import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from time import perf_counter
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.db.models import Model, Q, QuerySet
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handschlag.audit.services import record
from handschlag.core.errors import DomainError
from handschlag.notifications.recipients import address
from handschlag.notifications.services import notify

from . import mentor_places, pool, rounds_messages
from .models import (
    Carrier,
    Leftover,
    MatchingRound,
    Mentee,
    Mentor,
    Proposal,
    Site,
    Tandem,
    TandemKind,
)

logger = logging.getLogger(__name__)
State = MatchingRound.State
OPEN = (State.QUEUED, State.RUNNING, State.READY)

STARTED = "mentoring.round_started"
CONFIRMED = "mentoring.round_confirmed"
DISCARDED = "mentoring.round_discarded"
FAILED = "mentoring.round_failed"

CHUNK = 5000
"""Rows per statement when the proposals and leftovers are written."""

STEPS = {
    "pool": gettext_lazy("Der Pool wird gelesen"),
    "matching": gettext_lazy("Passende Paare werden gesucht"),
    "writing": gettext_lazy("Die Vorschläge werden gespeichert"),
}


def require_manage(by: Any, matching_round: MatchingRound) -> None:
    if not by.has_perm("mentoring.manage_round", matching_round):
        raise PermissionDenied


def pool_sites(matching_round: MatchingRound) -> list[int]:
    if matching_round.site_id is not None:
        return [matching_round.site_id]
    sites = Site.objects.filter(carrier_id=matching_round.carrier_id)
    return list(sites.values_list("pk", flat=True))


def round_day(matching_round: MatchingRound) -> datetime.date:
    """The day a round is scored on (waiting times, certificates): the day it was started."""
    return timezone.localdate(matching_round.created_at)


# --- start -------------------------------------------------------------------------------


@transaction.atomic
def start_round(
    *, by: Any, site: Site | None = None, carrier: Carrier | None = None
) -> MatchingRound:
    """Queue a round over `site`, or over every site of `carrier`; the task runs after the
    commit. Refused while an overlapping round is open."""
    if site is not None:
        if carrier is not None and site.carrier_id != carrier.pk:
            raise DomainError(_("Dieser Standort gehört nicht zu diesem Träger."), code="mismatch")
        if not by.has_perm("mentoring.run_round_for_site", site):
            raise PermissionDenied
        carrier = site.carrier
    elif carrier is None:
        raise DomainError(_("Wählen Sie einen Standort oder einen Träger."), code="no_pool")
    elif not by.has_perm("mentoring.run_round_for_carrier", carrier):
        raise PermissionDenied
    # One carrier's rounds start one after the other (a row lock, on SQLite the write lock):
    # the check for overlapping rounds below then sees every round committed before.
    Carrier.objects.filter(pk=carrier.pk).update(updated_at=timezone.now())
    _refuse_overlap(carrier, site)
    try:
        with transaction.atomic():
            matching_round = MatchingRound.objects.create(carrier=carrier, site=site, started_by=by)
    except IntegrityError:  # the constraint: one open round per pool
        raise DomainError(_("Für diesen Pool läuft schon eine Runde."), code="open") from None
    record(actor=by, verb=STARTED, target=matching_round, pool=str(matching_round))
    transaction.on_commit(lambda: _enqueue(matching_round.pk))
    return matching_round


def _refuse_overlap(carrier: Carrier, site: Site | None) -> None:
    open_rounds = MatchingRound.objects.filter(carrier=carrier, state__in=OPEN)
    if site is not None:
        open_rounds = open_rounds.filter(Q(site=site) | Q(site__isnull=True))
    found = open_rounds.select_related("site").first()
    if found is None:
        return
    if found.site_id is None:
        message = _(
            "Für den ganzen Träger ist noch eine Runde offen. Bestätigen oder verwerfen Sie sie "
            "zuerst."
        )
    else:
        message = _(
            "Für %(site)s ist noch eine Runde offen. Bestätigen oder verwerfen Sie sie zuerst."
        ) % {"site": found.site}
    raise DomainError(message, code="open")


def _enqueue(round_id: int) -> None:
    from .tasks import run_matching_round

    run_matching_round.enqueue(round_id)


# --- run (the task) --------------------------------------------------------------------------


def run_round(round_id: int) -> None:
    """Run a queued round: read the pool, match, write the proposals and leftovers; progress
    is saved as it goes. Any error fails the round with a message (never a crash). A round
    that is no longer queued (discarded meanwhile, or run already) is left alone."""
    started = perf_counter()
    if not _advance(round_id, State.QUEUED, State.RUNNING, progress=5, progress_step="pool"):
        return
    matching_round = MatchingRound.objects.select_related("carrier__programme").get(pk=round_id)
    try:
        with _collector_paused():
            _run(matching_round, started)
    except Exception as error:  # the page shows it; the log keeps the trace
        logger.exception("matching round %s failed", round_id)
        message = f"{type(error).__name__}: {error}"[:2000]
        failed = {"error": message, "finished_at": timezone.now()}
        if _advance(round_id, State.RUNNING, State.FAILED, **failed):
            record(actor=None, verb=FAILED, target=matching_round, error=message)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cycle collector off while a round reads, matches and writes (as the engine does
    while it matches): it makes no reference cycles worth collecting, and with the collector
    on, every few thousand new objects it would rescan everything read so far (a quarter of
    the reading time at 40,000 people)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _run(matching_round: MatchingRound, started: float) -> None:
    sites = pool_sites(matching_round)
    today = round_day(matching_round)
    encoder = pool.Encoder(matching_round.carrier.programme.kinds, today)
    mentors = pool.read_mentors(sites, encoder)
    _progress(matching_round, 15, "pool")
    mentees = pool.read_mentees(sites, encoder)
    the_pool = pool.pool_of(mentors, mentees, today=today)
    _progress(
        matching_round,
        30,
        "matching",
        mentors_in_pool=len(the_pool.mentors),
        mentees_in_pool=len(the_pool.mentees),
    )
    matched = pool.match_pool(the_pool)
    _progress(matching_round, 80, "writing")
    result = matched.result
    with transaction.atomic():
        _insert(
            Proposal, pool.PROPOSAL_COLUMNS, pool.proposal_rows(matching_round.pk, result.new_pairs)
        )
        _insert(
            Leftover,
            pool.LEFTOVER_COLUMNS,
            pool.leftover_rows(matching_round.pk, result.unmatched, the_pool),
        )
        _advance(
            matching_round.pk,
            State.RUNNING,
            State.READY,
            progress=100,
            progress_step="",
            objective=result.objective,
            seconds=round(perf_counter() - started, 3),
            finished_at=timezone.now(),
        )


def _insert(model: type[Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Many rows without a model instance each (bulk_create would prepare every field of
    every row in Python, which cost more than the engine at 20,000 proposals): on PostgreSQL
    one COPY, elsewhere one prepared INSERT (`executemany`) per CHUNK rows. JSON columns come
    as text. Like bulk_create, it sends no signals; a COPY does not show in Django's query
    log."""
    quote = connection.ops.quote_name
    column = {f.attname: f.column or f.attname for f in model._meta.concrete_fields}
    table, names = quote(model._meta.db_table), ", ".join(quote(column[c]) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # psycopg 3: 3× faster than executemany
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        places = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({names}) VALUES ({places})"  # noqa: S608
        rows = iter(rows)
        while chunk := list(islice(rows, CHUNK)):
            cursor.executemany(sql, chunk)


def _progress(matching_round: MatchingRound, percent: int, step: str, **fields: Any) -> None:
    MatchingRound.objects.filter(pk=matching_round.pk).update(
        progress=percent, progress_step=step, **fields
    )


def _advance(
    round_id: int, from_state: str, to_state: str, *, by: Any = None, **fields: Any
) -> bool:
    """Move a round from `from_state` to `to_state` in one conditional UPDATE (the guard: of
    two concurrent moves only one finds the round still in `from_state`), and record it."""
    moved = MatchingRound.objects.filter(pk=round_id, state=from_state).update(
        state=to_state, updated_at=timezone.now(), **fields
    )
    if moved:
        moved_round = MatchingRound(pk=round_id, state=to_state)
        moved_round.record_arrival(from_state=from_state, by=by)
    return bool(moved)


def _refuse_state(matching_round: MatchingRound) -> None:
    matching_round.refresh_from_db(fields=["state"])
    matching_round.require_state(State.READY)
    raise DomainError(_("Die Runde hat sich inzwischen geändert."), code="changed")


# --- discard -----------------------------------------------------------------------------


@transaction.atomic
def discard_round(*, matching_round: MatchingRound, by: Any) -> MatchingRound:
    """Drop a queued or ready round: its proposals are not used; rejected pairs stay
    excluded."""
    require_manage(by, matching_round)
    current = MatchingRound.objects.filter(pk=matching_round.pk).values_list("state", flat=True)
    state = current.first()
    if state not in (State.QUEUED, State.READY) or not _advance(
        matching_round.pk, state, State.DISCARDED, by=by
    ):
        matching_round.refresh_from_db(fields=["state"])
        matching_round.require_state(State.QUEUED, State.READY)
    matching_round.refresh_from_db()
    record(actor=by, verb=DISCARDED, target=matching_round)
    return matching_round


# --- confirm -----------------------------------------------------------------------------


@dataclass
class Confirmation:
    """What confirming did: the tandems made, the accepted proposals that could not become
    one (and why), and the mentees without email or account whom the coordination calls."""

    tandems: list[Tandem] = field(default_factory=list)
    skipped: list[tuple[Proposal, str]] = field(default_factory=list)
    to_call: list[Mentee] = field(default_factory=list)


def accepted_proposals(matching_round: MatchingRound) -> QuerySet[Proposal]:
    return (
        matching_round.proposals.filter(state=Proposal.State.ACCEPTED)
        .select_related("mentor__user", "mentee__user", "mentee__site")
        .order_by("pk")
    )


def reaches_by_mail(mentee: Mentee) -> bool:
    return bool(mentee.user_id or mentee.email)


@transaction.atomic
def confirm_round(*, matching_round: MatchingRound, by: Any) -> Confirmation:
    """Make a tandem (state proposed) of every accepted proposal, each taking one of the
    mentor's places through the race-safe guard, and tell both sides. An accepted proposal
    whose mentor has no place left, or whose mentee is no longer waiting, is reported."""
    require_manage(by, matching_round)
    if not _advance(
        matching_round.pk, State.READY, State.CONFIRMED, by=by, confirmed_at=timezone.now()
    ):
        _refuse_state(matching_round)
    accepted = list(accepted_proposals(matching_round))
    if not accepted:
        raise DomainError(
            _("Nehmen Sie zuerst mindestens einen Vorschlag an – oder verwerfen Sie die Runde."),
            code="nothing_accepted",
        )
    kinds = matching_round.carrier.programme.kinds
    outcome = Confirmation()
    for proposal in accepted:
        why = _why_not(proposal)
        if why:
            outcome.skipped.append((proposal, why))
            continue
        tandem = Tandem.objects.create(
            site=proposal.mentee.site,
            mentor=proposal.mentor,
            mentee=proposal.mentee,
            kind=tandem_kind(proposal.mentor, proposal.mentee, kinds),
            state=Tandem.State.PROPOSED,
            round=matching_round,
        )
        outcome.tandems.append(tandem)
        if not _tell(tandem):
            outcome.to_call.append(proposal.mentee)
    matching_round.refresh_from_db()
    record(
        actor=by,
        verb=CONFIRMED,
        target=matching_round,
        tandems=len(outcome.tandems),
        skipped=[p.pk for p, _why in outcome.skipped],
    )
    return outcome


def _why_not(proposal: Proposal) -> str:
    """Why an accepted proposal cannot become a tandem now (empty: it can, and the mentor's
    place is taken)."""
    names = {"mentor": proposal.mentor.display_name, "mentee": proposal.mentee.display_name}
    mentee = proposal.mentee
    if mentee.state != Mentee.State.APPROVED:
        return _("%(mentee)s ist nicht mehr freigegeben.") % names
    if Tandem.objects.filter(mentee=mentee, state__in=Tandem.HOLDING).exists():
        return _("%(mentee)s hat inzwischen ein Tandem.") % names
    if not mentor_places.take_place(proposal.mentor):
        return _("%(mentor)s hat keinen freien Platz mehr.") % names
    return ""


def tandem_kind(mentor: Mentor, mentee: Mentee, offered: Sequence[str]) -> str:
    """A kind both want (the programme's order), else the mentee's, the mentor's, or the
    programme's first."""
    order = [k for k in TandemKind.values if k in offered] or list(TandemKind.values)
    for wanted in (
        set(mentee.kinds) & set(mentor.kinds),
        set(mentee.kinds),
        set(mentor.kinds),
        set(order),
    ):
        for kind in order:
            if kind in wanted:
                return kind
    return order[0]


def _tell(tandem: Tandem) -> bool:
    """Tell the mentor and the mentee (each in their language, when the message is sent);
    False if the mentee has neither account nor email (the coordination calls them)."""
    mentor, mentee, site = tandem.mentor, tandem.mentee, tandem.site
    assert mentor is not None and mentee is not None
    contact = ", ".join(c for c in (site.contact_email, site.contact_phone) if c)
    params = {
        "mentor": mentor.display_name,
        "mentee": mentee.display_name,
        "site": site.name,
        "contact": contact,
    }
    url = _tandem_url(tandem)
    notify(to=mentor.user, kind=rounds_messages.TANDEM_FOR_MENTOR.key, params=params, url=url)
    if mentee.user is not None:
        target: Any = mentee.user
    elif mentee.email:
        target = address(mentee.email, language=mentee.language)
    else:
        return False
    notify(to=target, kind=rounds_messages.TANDEM_FOR_MENTEE.key, params=params)
    return True


def _tandem_url(tandem: Tandem) -> str:
    try:
        return tandem.get_absolute_url()
    except NoReverseMatch:  # the tandem pages are not mounted (yet)
        return ""
