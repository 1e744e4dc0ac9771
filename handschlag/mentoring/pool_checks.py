"""Single pairs of a round's pool checked by hand (swaps): compatible or not and why, and
their points, with exactly the encoding and the engine of the round (pool.py)."""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from handschlag.matching import match, pair_table

from .models import MINOR_AGE_GROUPS, Mentee, Mentor, Programme
from .pool import build_pool, pair_fields

EARTH_RADIUS_KM = 6371.0088


def table(
    mentors: Sequence[Mentor],
    mentees: Sequence[Mentee],
    *,
    programme: Programme,
    today: datetime.date,
) -> tuple[np.ndarray, np.ndarray]:
    """(compatible, points) of every mentor × mentee, as the round would see them: the
    engine's `pair_table` (the distance rule for online people included) with the excluded
    pairs."""
    pool = build_pool(mentors, mentees, programme=programme, today=today)
    ok = np.zeros((len(mentors), len(mentees)), dtype=bool)
    pts = np.zeros((len(mentors), len(mentees)), dtype=np.int64)
    rows = {item.id: r for r, item in enumerate(pool.mentors)}
    cols = {item.id: c for c, item in enumerate(pool.mentees)}
    if not rows or not cols:
        return ok, pts
    left = [replace(item, capacity=1) for item in pool.mentors]
    found, points = pair_table(left, pool.mentees, pool.config, excluded=sorted(pool.excluded))
    for i, mentor in enumerate(mentors):
        for j, mentee in enumerate(mentees):
            r, c = rows.get(mentor.pk), cols.get(mentee.pk)
            if r is None or c is None:
                continue
            pts[i, j] = points[r, c]
            ok[i, j] = found[r, c]
    return ok, pts


@dataclass(frozen=True)
class Scored:
    """A pair as the engine scores it: compatible or not (and why not, in words), its points
    and, if compatible, its fields for a Proposal."""

    mentor: Mentor
    mentee: Mentee
    compatible: bool
    points: int
    problems: tuple[str, ...]
    fields: dict[str, Any]


def score_pairs(
    pairs: Sequence[tuple[Mentor, Mentee]], *, programme: Programme, today: datetime.date
) -> list[Scored]:
    """Each (mentor, mentee) pair scored with the round's encoding: `pair_table` decides
    compatibility and points, a one-pair `match` gives the reasons; `broken_rules` names the
    hard rules an incompatible pair breaks."""
    mentors = list({m.pk: m for m, _ in pairs}.values())
    mentees = list({m.pk: m for _, m in pairs}.values())
    pool = build_pool(mentors, mentees, programme=programme, today=today)
    ok, pts = table(mentors, mentees, programme=programme, today=today)
    row = {m.pk: i for i, m in enumerate(mentors)}
    col = {m.pk: j for j, m in enumerate(mentees)}
    left = {item.id: replace(item, capacity=1) for item in pool.mentors}
    right = {item.id: item for item in pool.mentees}
    scored = []
    for mentor, mentee in pairs:
        compatible = bool(ok[row[mentor.pk], col[mentee.pk]])
        points = int(pts[row[mentor.pk], col[mentee.pk]])
        fields: dict[str, Any] = {}
        problems: list[str] = []
        if compatible:
            fields = pair_fields(match([left[mentor.pk]], [right[mentee.pk]], pool.config).pairs[0])
        else:
            excluded = (mentor.pk, mentee.pk) in pool.excluded
            problems = broken_rules(
                mentor,
                mentee,
                distance_km(mentor, mentee),
                kinds=programme.kinds,
                today=today,
                excluded=excluded,
            ) or [_("Die beiden passen nach den Regeln der Vermittlung nicht zusammen.")]
        scored.append(Scored(mentor, mentee, compatible, points, tuple(problems), fields))
    return scored


def broken_rules(
    mentor: Mentor,
    mentee: Mentee,
    km: float,
    *,
    kinds: Iterable[str],
    today: datetime.date,
    excluded: bool,
) -> list[str]:
    """The hard rules a pair breaks, in words (empty: it keeps them all)."""
    names = {"mentor": mentor.display_name, "mentee": mentee.display_name}
    problems = []
    if excluded:
        problems.append(
            _("Dieses Paar ist ausgeschlossen: abgelehnt, oder die beiden hatten schon ein Tandem.")
        )
    limit = min(mentor.max_km, mentee.max_km)
    if not (mentor.online and mentee.online) and km > limit + 1e-6:
        problems.append(
            _("Zu weit: %(km)s km, für beide möglich sind höchstens %(limit)s km.")
            % {"km": number_format(round(km, 1), decimal_pos=1), "limit": limit}
        )
    if not set(mentor.language_codes()) & set(mentee.language_codes()):
        problems.append(_("Die beiden sprechen keine gemeinsame Sprache."))
    offered = set(kinds)
    own = {k for k in mentor.kinds if k in offered} if mentor.kinds else None
    theirs = {k for k in mentee.kinds if k in offered} if mentee.kinds else None
    if own is not None and theirs is not None and not own & theirs:
        problems.append(_("Die beiden wünschen sich keine gemeinsame Art von Tandem."))
    if mentee.partner_genders and mentor.gender not in mentee.partner_genders:
        problems.append(_("%(mentee)s wünscht sich eine Person anderen Geschlechts.") % names)
    if mentor.partner_genders and mentee.gender not in mentor.partner_genders:
        problems.append(_("%(mentor)s wünscht sich eine Person anderen Geschlechts.") % names)
    if mentor.partner_age_groups and mentee.age_group not in mentor.partner_age_groups:
        problems.append(
            _("%(mentor)s möchte jemanden einer anderen Altersgruppe begleiten.") % names
        )
    if mentee.age_group in MINOR_AGE_GROUPS and not mentor.has_valid_certificate(today):
        problems.append(
            _(
                "%(mentee)s ist minderjährig: %(mentor)s braucht ein gültiges erweitertes "
                "Führungszeugnis."
            )
            % names
        )
    return problems


def distance_km(mentor: Mentor, mentee: Mentee) -> float:
    """The straight-line distance the engine measures (a chord of the earth)."""
    a, b = mentor.municipality, mentee.municipality
    xa, xb = _unit(a.latitude, a.longitude), _unit(b.latitude, b.longitude)
    dot = sum(x * y for x, y in zip(xa, xb, strict=True))
    return EARTH_RADIUS_KM * math.sqrt(max(2.0 - 2.0 * dot, 0.0))


def _unit(lat: float, lon: float) -> tuple[float, float, float]:
    phi, lam = math.radians(lat), math.radians(lon)
    return (math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi))
