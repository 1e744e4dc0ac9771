"""Benchmark of the matching engine on a synthetic Germany.

    .venv/bin/python bench/matching.py [--size 40000] [--seed 7] [--k 8] [--no-reference]
        [--max-rounds N] [--online 0.1]

Mentors (left) and mentees (right), `--size` of each, clustered around ~900 local sites
weighted by population (the 80 largest cities at their real places, the other sites spread
over a rough outline of Germany with a log-normal population). Mentees speak a realistic mix
of newcomer languages, mentors mostly German with second languages. Prints the seconds for
candidate generation and assignment, peak memory (ru_maxrss), matched pairs and objective of
the engine, of a greedy baseline and, up to 40,000, of an independent reference optimum
(OR-Tools' linear sum assignment) on the first solve's candidate graph (which the engine's
first round must equal) and on the union of all rounds' graphs (which the result may fall
short of, see the engine's docstring). The last line is one JSON object. Numbers are
printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handschlag.matching import SLOTS, CandidateGraph, Config, Item, match  # noqa: E402

TODAY = date(2025, 6, 1)
REFERENCE_LIMIT = 40_000

# The 80 largest cities: name:latitude:longitude:population in thousands (rounded).
_CITIES = """
Berlin:52.520:13.405:3878; Hamburg:53.551:9.994:1892; München:48.137:11.575:1512;
Köln:50.938:6.960:1084; Frankfurt am Main:50.110:8.682:773; Stuttgart:48.776:9.183:633;
Düsseldorf:51.227:6.773:631; Leipzig:51.340:12.375:616; Dortmund:51.514:7.466:595;
Essen:51.456:7.012:584; Bremen:53.079:8.802:577; Dresden:51.050:13.738:566;
Hannover:52.376:9.732:548; Nürnberg:49.452:11.077:526; Duisburg:51.434:6.762:503;
Bochum:51.482:7.216:365; Wuppertal:51.256:7.150:358; Bielefeld:52.030:8.532:338;
Bonn:50.737:7.098:335; Münster:51.961:7.626:320; Mannheim:49.487:8.466:315;
Karlsruhe:49.007:8.404:308; Augsburg:48.371:10.898:301; Wiesbaden:50.078:8.240:283;
Mönchengladbach:51.180:6.442:268; Gelsenkirchen:51.517:7.086:263; Aachen:50.776:6.084:252;
Braunschweig:52.269:10.521:251; Chemnitz:50.827:12.921:250; Kiel:54.323:10.123:247;
Magdeburg:52.121:11.628:240; Halle (Saale):51.483:11.970:239; Freiburg:47.999:7.842:237;
Krefeld:51.339:6.586:228; Mainz:49.993:8.247:220; Lübeck:53.866:10.686:218;
Erfurt:50.978:11.029:215; Oberhausen:51.470:6.852:209; Rostock:54.092:12.099:209;
Kassel:51.312:9.480:204; Hagen:51.367:7.463:189; Potsdam:52.399:13.066:185;
Saarbrücken:49.240:6.997:181; Hamm:51.681:7.815:180; Ludwigshafen:49.477:8.445:172;
Oldenburg:53.143:8.214:171; Mülheim an der Ruhr:51.418:6.884:171; Osnabrück:52.279:8.047:165;
Leverkusen:51.046:7.003:163; Darmstadt:49.873:8.651:160; Heidelberg:49.398:8.672:159;
Solingen:51.171:7.083:159; Herne:51.538:7.225:156; Regensburg:49.013:12.102:153;
Paderborn:51.718:8.757:152; Neuss:51.198:6.692:152; Ingolstadt:48.766:11.426:138;
Offenbach:50.096:8.776:130; Fürth:49.477:10.989:129; Würzburg:49.792:9.953:127;
Ulm:48.401:9.987:126; Heilbronn:49.142:9.219:126; Pforzheim:48.892:8.694:125;
Wolfsburg:52.423:10.787:124; Bottrop:51.524:6.929:117; Göttingen:51.541:9.916:116;
Reutlingen:48.491:9.211:116; Koblenz:50.356:7.594:113; Bremerhaven:53.540:8.583:113;
Erlangen:49.590:11.004:113; Bergisch Gladbach:50.992:7.136:111; Remscheid:51.179:7.189:111;
Recklinghausen:51.614:7.197:110; Jena:50.927:11.589:110; Trier:49.750:6.637:110;
Salzgitter:52.151:10.333:104; Moers:51.451:6.626:104; Siegen:50.875:8.016:101;
Hildesheim:52.154:9.958:101; Cottbus:51.756:14.333:98
"""
# A rough outline of Germany (longitude,latitude), for placing the smaller sites.
_OUTLINE = """
6,51.9 6.1,50.8 6.4,50.3 6.1,50.1 6.4,49.5 7.6,49.1 8.2,48.97 7.6,47.6 8.6,47.6 9.6,47.55
10.5,47.5 12.2,47.7 13,47.5 13,48 13.8,48.6 12.6,49.4 12.1,50.3 13,50.5 14.3,50.9 15,51.1
14.6,52 14.3,53.3 14.2,53.9 13,54.5 11,54 10.9,54.4 9.9,54.8 8.6,54.9 8.6,53.9 7,53.7
7.2,53.2 6.7,52.5 7,52.2
"""
CITIES = [
    (name.strip(), float(lat), float(lon), int(pop))
    for name, lat, lon, pop in (entry.split(":") for entry in _CITIES.split(";"))
]
OUTLINE = np.array([[float(v) for v in point.split(",")] for point in _OUTLINE.split()])
SITES = 900
GERMAN_POPULATION_K = 84_000

# first language of newcomers, then (language, probability) of further languages
NEWCOMER_LANGUAGES = {
    "uk": 0.26,
    "ar": 0.22,
    "prs": 0.07,
    "fa": 0.05,
    "tr": 0.09,
    "ru": 0.07,
    "kmr": 0.07,
    "ti": 0.04,
    "ps": 0.04,
    "so": 0.03,
    "en": 0.03,
    "fr": 0.03,
}
NEWCOMER_EXTRA = {"de": 0.45, "en": 0.30}
NEWCOMER_EXTRA_BY_FIRST = {
    "uk": ("ru", 0.6),
    "kmr": ("ar", 0.4),
    "prs": ("fa", 0.5),
    "ps": ("prs", 0.3),
    "ti": ("ar", 0.2),
    "so": ("ar", 0.2),
}
MENTOR_EXTRA = {
    "en": 0.6,
    "fr": 0.12,
    "ru": 0.06,
    "tr": 0.06,
    "ar": 0.04,
    "uk": 0.03,
    "fa": 0.02,
    "kmr": 0.01,
    "es": 0.05,
}
KINDS = ("everyday", "education", "job", "language", "leisure")  # mentoring TandemKind codes
KIND_WEIGHTS = (0.35, 0.2, 0.2, 0.15, 0.1)


def generate(
    size: int, seed: int, online: float = 0.0
) -> tuple[list[Item], list[Item], list, list]:
    """(mentors, mentees, existing pairs, excluded pairs), reproducible from the seed; a share
    `online` of each side also meets online (drawn apart, so that the rest stays the same)."""
    rng = np.random.default_rng(seed)
    site_lat, site_lon, site_pop = _sites(rng)
    mentors, mentor_site = _people(rng, size, site_lat, site_lon, site_pop, mentor=True)
    mentees, mentee_site = _people(rng, size, site_lat, site_lon, site_pop, mentor=False)
    # 1 % of the mentees already have a tandem with a mentor of their site (kept, counted
    # against capacity); 1 % of the mentees must never meet a certain mentor of their site.
    by_site: dict[int, list[int]] = {}
    for i in rng.permutation(size).tolist():
        by_site.setdefault(int(mentor_site[i]), []).append(i)
    existing, excluded = [], []
    for j in rng.choice(size, size // 50, replace=False).tolist():
        pool = by_site.get(int(mentee_site[j]))
        if not pool:
            continue
        target = existing if len(existing) <= len(excluded) else excluded
        i = pool.pop() if target is existing else pool[-1]
        target.append((mentors[i].id, mentees[j].id))
    if online > 0:
        draw = np.random.default_rng(seed + 1)
        mentors, mentees = (
            [
                replace(item, online=True) if flag else item
                for item, flag in zip(
                    items, (draw.random(len(items)) < online).tolist(), strict=True
                )
            ]
            for items in (mentors, mentees)
        )
    return mentors, mentees, existing, excluded


def _sites(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    lat = np.array([c[1] for c in CITIES])
    lon = np.array([c[2] for c in CITIES])
    pop = np.array([c[3] for c in CITIES], dtype=float)
    rest = SITES - len(CITIES)
    points = np.zeros((0, 2))
    while len(points) < rest:
        candidates = rng.uniform((5.9, 47.3), (15.0, 55.0), (4 * rest, 2))
        points = np.vstack((points, candidates[_inside(candidates, OUTLINE)]))
    points = points[:rest]
    small = rng.lognormal(0.0, 0.9, rest)
    small *= (GERMAN_POPULATION_K - pop.sum()) / small.sum()
    return (
        np.concatenate((lat, points[:, 1])),
        np.concatenate((lon, points[:, 0])),
        np.concatenate((pop, small)),
    )


def _inside(points: np.ndarray, polygon: np.ndarray) -> np.ndarray:
    """Ray casting, vectorised over points."""
    x, y = points[:, 0], points[:, 1]
    inside = np.zeros(len(points), dtype=bool)
    for (x1, y1), (x2, y2) in zip(polygon, np.roll(polygon, -1, axis=0), strict=True):
        crosses = (y1 > y) != (y2 > y)
        with np.errstate(divide="ignore", invalid="ignore"):
            at = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
        inside ^= crosses & (x < at)
    return inside


def _people(rng, n, site_lat, site_lon, site_pop, *, mentor: bool) -> tuple[list[Item], np.ndarray]:
    weight = site_pop if mentor else site_pop**1.1  # newcomers live a little more in cities
    site = rng.choice(len(site_pop), n, p=weight / weight.sum())
    pop_k = site_pop[site]
    sigma_km = 1.5 + 4 * np.sqrt(pop_k / 1000)
    lat = site_lat[site] + rng.normal(0, sigma_km) / 111.2
    lon = site_lon[site] + rng.normal(0, sigma_km) / (111.2 * np.cos(np.radians(site_lat[site])))
    # In a big city people look close by (public transport); in the country they travel.
    big, mid = pop_k > 500, pop_k > 100
    radius = np.where(
        big,
        rng.choice((3, 5, 8, 10, 15), n),
        np.where(mid, rng.choice((5, 10, 15, 20), n), rng.choice((10, 15, 20, 25, 30), n)),
    ) * (1.2 if mentor else 1.0)
    waited = rng.exponential(60 if mentor else 150, n).astype(int)
    prefix = "m" if mentor else "n"
    languages = _mentor_languages(rng, n) if mentor else _newcomer_languages(rng, n)
    kinds = _kinds(rng, n, (1, 2, 3) if mentor else (1, 2))
    slots = _slots(rng, n, evening=mentor)
    gender = rng.choice(("f", "m"), n, p=(0.62, 0.38) if mentor else (0.45, 0.55))
    if mentor:
        capacity = rng.choice((1, 2, 3), n, p=(0.7, 0.25, 0.05))
        age_band = rng.choice(("adult", "senior"), n, p=(0.7, 0.3))
        wants_young = rng.random(n) < 0.1
    else:
        capacity = np.ones(n, dtype=int)
        age_band = rng.choice(("child", "youth", "adult"), n, p=(0.2, 0.25, 0.55))
        wants_female = (gender == "f") & (rng.random(n) < 0.3)
    # Lean items, as a real caller builds them: equal small collections and dates are shared
    # between items (interned), numbers come as Python floats in one go.
    young = frozenset({"child", "youth"})
    female = frozenset({"f"})
    no_wishes: dict[str, frozenset[str]] = {}
    wishes_young, wishes_female = {"age_band": young}, {"gender": female}
    attributes: dict[tuple[str, str], dict[str, str]] = {}
    dates: dict[int, date] = {}
    lat_list, lon_list, radius_list = lat.tolist(), lon.tolist(), radius.tolist()
    capacity_list, waited_list = capacity.tolist(), waited.tolist()
    gender_list, age_list = gender.tolist(), age_band.tolist()
    items = []
    for i in range(n):
        if mentor:
            requirements = wishes_young if wants_young[i] else no_wishes
        else:
            requirements = wishes_female if wants_female[i] else no_wishes
        key = (gender_list[i], age_list[i])
        shared = attributes.get(key)
        if shared is None:
            shared = attributes[key] = {"gender": key[0], "age_band": key[1]}
        days = waited_list[i]
        since = dates.get(days)
        if since is None:
            since = dates[days] = TODAY - timedelta(days=days)
        items.append(
            Item(
                id=f"{prefix}{i}",
                lat=lat_list[i],
                lon=lon_list[i],
                languages=languages[i],
                kinds=kinds[i],
                availability=slots[i],
                waiting_since=since,
                attributes=shared,
                requirements=requirements,
                max_km=radius_list[i],
                capacity=capacity_list[i],
            )
        )
    return items, site


def _newcomer_languages(rng, n) -> list[frozenset[str]]:
    codes = list(NEWCOMER_LANGUAGES)
    probs = np.array(list(NEWCOMER_LANGUAGES.values()))
    first = rng.choice(len(codes), n, p=probs / probs.sum())
    extra = {code: rng.random(n) < p for code, p in NEWCOMER_EXTRA.items()}
    by_first = rng.random(n)
    cache: dict[frozenset[str], frozenset[str]] = {}
    result = []
    for i in range(n):
        code = codes[first[i]]
        langs = {code} | {c for c, has in extra.items() if has[i]}
        more = NEWCOMER_EXTRA_BY_FIRST.get(code)
        if more and by_first[i] < more[1]:
            langs.add(more[0])
        key = frozenset(langs)
        result.append(cache.setdefault(key, key))
    return result


def _mentor_languages(rng, n) -> list[frozenset[str]]:
    """German and second languages; 3 % (e.g. expats) volunteer in English without German."""
    extra = {code: rng.random(n) < p for code, p in MENTOR_EXTRA.items()}
    no_german = rng.random(n) < 0.03
    cache: dict[frozenset[str], frozenset[str]] = {}
    result = []
    for i in range(n):
        first = {"en"} if no_german[i] else {"de"}
        key = frozenset(first | {c for c, has in extra.items() if has[i]})
        result.append(cache.setdefault(key, key))
    return result


def _kinds(rng, n, counts) -> list[frozenset[str]]:
    how_many = rng.choice(counts, n)
    return _weighted_subsets(rng, KINDS, np.array(KIND_WEIGHTS), how_many)


def _slots(rng, n, *, evening: bool) -> list[tuple[str, ...]]:
    # Working mentors are free in the evenings and at weekends; newcomers more in the day.
    weekday_day = 0.6 if evening else 1.0
    other = 1.5 if evening else 0.7
    weights = np.array(
        [
            weekday_day if part != "evening" and day not in ("sat", "sun") else other
            for day, part in (slot.split("-") for slot in SLOTS)
        ]
    )
    return _weighted_subsets(rng, SLOTS, weights, rng.integers(2, 9, n), kind=tuple)


def _weighted_subsets(rng, codes, weights, how_many, kind=frozenset) -> list:
    """Weighted samples without replacement (Efraimidis–Spirakis), vectorised over rows, as
    `kind` (frozenset, or tuple in the order of `codes`: a third of the memory, for the
    weekly slots, of which most items have their own combination)."""
    keys = rng.random((len(how_many), len(codes))) ** (1.0 / weights)
    order = np.argsort(-keys, axis=1)
    taken = np.arange(len(codes))[None, :] < how_many[:, None]
    bits = np.zeros(len(how_many), dtype=np.int64)
    for column in range(len(codes)):
        bits |= np.where(taken[:, column], 1 << order[:, column], 0)
    cache: dict[int, frozenset[str]] = {}
    result = []
    for value in bits.tolist():
        subset = cache.get(value)
        if subset is None:
            subset = cache[value] = kind(c for i, c in enumerate(codes) if value >> i & 1)
        result.append(subset)
    return result


def greedy(graph: CandidateGraph) -> tuple[int, int]:
    """Best edge first (ties by ids), taken while both sides have a place: the baseline."""
    order = np.lexsort((graph.right, graph.left, -graph.points))
    left_free = graph.left_capacity.copy()
    right_free = graph.right_capacity.copy()
    matched = objective = 0
    for left, right, points in zip(
        graph.left[order].tolist(),
        graph.right[order].tolist(),
        graph.points[order].tolist(),
        strict=True,
    ):
        if left_free[left] > 0 and right_free[right] > 0:
            left_free[left] -= 1
            right_free[right] -= 1
            matched += 1
            objective += points
    return matched, objective


def reference(graph: CandidateGraph) -> tuple[int, int]:
    """An independent optimum on the same graph: OR-Tools' linear sum assignment.

    Each left item becomes one node per free place ("slot"). A perfect assignment must exist,
    so every slot u may stay single through its own dummy u' (cost P), every right item v
    through its own dummy v' (cost P), and v' may take u' when (u, v) is an edge (cost 0).
    A matching M then costs sum(SCALE - points) + P · (slots + rights - 2|M|); with
    P > SCALE · min(slots, rights), fewer pairs always cost more than any score difference,
    so the optimum is the largest matching with the most points, as in the engine.
    """
    from ortools.graph.python import linear_sum_assignment

    from handschlag.matching import SCALE

    if (graph.right_capacity[np.unique(graph.right)] > 1).any():
        raise ValueError("the reference expects right items with one place")
    if len(graph.left) == 0:
        return 0, 0
    lefts, left_index = np.unique(graph.left, return_inverse=True)
    rights, right_index = np.unique(graph.right, return_inverse=True)
    places = graph.left_capacity[lefts]
    slots, n_right = int(places.sum()), len(rights)
    first_slot = np.cumsum(places) - places
    per_edge = places[left_index]
    edge = np.repeat(np.arange(len(graph.left)), per_edge)
    slot = first_slot[left_index][edge] + (
        np.arange(len(edge)) - np.repeat(np.cumsum(per_edge) - per_edge, per_edge)
    )
    head = right_index[edge]
    penalty = SCALE * min(slots, n_right) + 1
    solver = linear_sum_assignment.SimpleLinearSumAssignment()
    solver.add_arcs_with_cost(
        np.concatenate((slot, np.arange(slots), slots + np.arange(n_right), slots + head)).astype(
            np.int32
        ),
        np.concatenate(
            (head, n_right + np.arange(slots), np.arange(n_right), n_right + slot)
        ).astype(np.int32),
        np.concatenate(
            (
                SCALE - graph.points[edge],
                np.full(slots, penalty),
                np.full(n_right, penalty),
                np.zeros(len(edge), dtype=np.int64),
            )
        ).astype(np.int64),
    )
    if solver.solve() != solver.OPTIMAL:
        raise RuntimeError("linear sum assignment failed")
    mate = np.array([solver.right_mate(u) for u in range(slots)], dtype=np.int64)
    real = np.flatnonzero(mate < n_right)
    keys = slot.astype(np.int64) * n_right + head
    order = np.argsort(keys)
    found = np.searchsorted(keys[order], real * n_right + mate[real])
    return len(real), int(graph.points[edge][order][found].sum())


def first_round(graph: CandidateGraph, result) -> tuple[CandidateGraph, int, int]:
    """The first solve's graph (the edges of round 1) and the (pairs, points) the result made
    on it: the first solve is optimal there, so the reference must find the same."""
    first = graph.round == 1
    sub = replace(
        graph,
        left=graph.left[first],
        right=graph.right[first],
        points=graph.points[first],
        round=graph.round[first],
    )
    rows_left = {item_id: row for row, item_id in enumerate(graph.left_ids)}
    rows_right = {item_id: row for row, item_id in enumerate(graph.right_ids)}
    n_right = len(graph.right_ids)
    keys = np.sort(sub.left * n_right + sub.right)
    made = [(rows_left[p.left] * n_right + rows_right[p.right], p.points) for p in result.new_pairs]
    if not made or not len(keys):
        return sub, 0, 0
    made_keys = np.array([k for k, _ in made], dtype=np.int64)
    made_points = np.array([pts for _, pts in made], dtype=np.int64)
    at = np.minimum(np.searchsorted(keys, made_keys), len(keys) - 1)
    inside = keys[at] == made_keys
    return sub, int(inside.sum()), int(made_points[inside].sum())


EARTH_KM = 6371.0088
NEIGHBOURS = [(dr, dc) for dr in (-1, 0, 1) for dc in (-1, 0, 1)]


def leftover_compatible(left, right, result, existing, excluded) -> int:
    """Compatible pairs of a left and a right item that both still have a free place after
    `result`, counted without the engine: the free items of each side in cells of the largest
    distance; the free right items of a cell against the free left items of its own and the
    eight neighbouring cells, with great-circle distances and bitmasks of languages and
    kinds, then wishes and made or excluded pairs item by item. (A pair within a metre of its
    limit may count as too far here: the engine measures the straight line, shorter by less
    than a metre at these distances; never the other way round.)"""
    used = Counter([p.left for p in result.pairs] + [p.right for p in result.pairs])
    made = {(p.left, p.right) for p in result.pairs} | set(existing) | set(excluded)
    free_left = [i for i in left if used[i.id] < i.capacity]
    free_right = [i for i in right if used[i.id] < i.capacity]
    if not free_left or not free_right:
        return 0
    codes: dict[str, int] = {}

    def bits(values) -> int:
        mask = 0
        for code in values:
            mask |= 1 << codes.setdefault(code, len(codes))
        return mask

    def columns(items):
        lat = np.radians([i.lat for i in items])
        lon = np.radians([i.lon for i in items])
        km = np.array([i.max_km for i in items])
        languages = np.array([bits(i.languages) for i in items], dtype=np.uint64)
        kinds = np.array([bits(i.kinds) for i in items], dtype=np.uint64)
        return lat, lon, km, languages, kinds

    left_cols, right_cols = columns(free_left), columns(free_right)
    cell_deg = max(i.max_km for i in free_left + free_right) / 111.0 + 1e-9
    cell_lon = cell_deg / np.cos(np.radians(max(abs(i.lat) for i in free_left + free_right)))

    def cells_of(items) -> dict[tuple[int, int], list[int]]:
        cells: dict[tuple[int, int], list[int]] = {}
        for index, item in enumerate(items):
            cells.setdefault((int(item.lat // cell_deg), int(item.lon // cell_lon)), []).append(
                index
            )
        return cells

    left_cells = cells_of(free_left)
    count = 0
    for (row, col), rights in cells_of(free_right).items():
        near = [i for dr, dc in NEIGHBOURS for i in left_cells.get((row + dr, col + dc), ())]
        if not near:
            continue
        li = np.array(near)
        for start in range(0, len(rights), 256):
            ri = np.array(rights[start : start + 256])
            r_lat, r_lon, r_km, r_lang, r_kind = (c[ri][:, None] for c in right_cols)
            l_lat, l_lon, l_km, l_lang, l_kind = (c[li][None, :] for c in left_cols)
            h = (
                np.sin((l_lat - r_lat) / 2) ** 2
                + np.cos(r_lat) * np.cos(l_lat) * np.sin((l_lon - r_lon) / 2) ** 2
            )
            km = 2 * EARTH_KM * np.arcsin(np.sqrt(np.minimum(h, 1.0)))
            ok = km <= np.minimum(r_km, l_km)
            ok &= (r_lang & l_lang) != 0
            ok &= ((r_kind & l_kind) != 0) | (r_kind == 0) | (l_kind == 0)
            for a, b in zip(*np.nonzero(ok), strict=True):
                mentee, mentor = free_right[ri[a]], free_left[li[b]]
                if (mentor.id, mentee.id) in made or not (
                    _wishes(mentee, mentor) and _wishes(mentor, mentee)
                ):
                    continue
                count += 1
    return count + _leftover_online(free_left, free_right, left_cols, right_cols, made)


def _leftover_online(free_left, free_right, left_cols, right_cols, made) -> int:
    """Compatible pairs of two free online items farther apart than one of them travels (the
    cells above count the others)."""
    li = np.array([i for i, item in enumerate(free_left) if item.online], dtype=np.int64)
    rights = [j for j, item in enumerate(free_right) if item.online]
    if not len(li) or not rights:
        return 0
    count = 0
    for start in range(0, len(rights), 256):
        ri = np.array(rights[start : start + 256])
        r_lat, r_lon, r_km, r_lang, r_kind = (c[ri][:, None] for c in right_cols)
        l_lat, l_lon, l_km, l_lang, l_kind = (c[li][None, :] for c in left_cols)
        h = (
            np.sin((l_lat - r_lat) / 2) ** 2
            + np.cos(r_lat) * np.cos(l_lat) * np.sin((l_lon - r_lon) / 2) ** 2
        )
        km = 2 * EARTH_KM * np.arcsin(np.sqrt(np.minimum(h, 1.0)))
        ok = km > np.minimum(r_km, l_km)
        ok &= (r_lang & l_lang) != 0
        ok &= ((r_kind & l_kind) != 0) | (r_kind == 0) | (l_kind == 0)
        for a, b in zip(*np.nonzero(ok), strict=True):
            mentee, mentor = free_right[ri[a]], free_left[li[b]]
            if (mentor.id, mentee.id) in made or not (
                _wishes(mentee, mentor) and _wishes(mentor, mentee)
            ):
                continue
            count += 1
    return count


def _wishes(me: Item, other: Item) -> bool:
    return all(other.attributes.get(name) in allowed for name, allowed in me.requirements.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=40_000, help="items per side")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--k", type=int, default=None, help="candidates per item (Config.k)")
    parser.add_argument(
        "--max-rounds", type=int, default=None, help="Config.max_rounds (default: no limit)"
    )
    parser.add_argument("--no-reference", action="store_true")
    parser.add_argument(
        "--online", type=float, default=0.0, help="share of each side that also meets online"
    )
    args = parser.parse_args()

    started = time.perf_counter()
    mentors, mentees, existing, excluded = generate(args.size, args.seed, args.online)
    print(f"generated {args.size} mentors and mentees in {time.perf_counter() - started:.1f} s")
    config = Config(
        today=TODAY, max_rounds=args.max_rounds, **({} if args.k is None else {"k": args.k})
    )
    cpu, wall = time.process_time(), time.perf_counter()
    result = match(mentors, mentees, config, existing=existing, excluded=excluded)
    total_s, cpu_s = time.perf_counter() - wall, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    stats = result.stats
    figures: dict[str, object] = {
        "size": args.size,
        "seed": args.seed,
        "online": args.online,
        "k": config.k,
        "encode_s": round(stats.seconds_encode, 3),
        "candidates_s": round(stats.seconds_candidates, 3),
        "assign_s": round(stats.seconds_assign, 3),
        "explain_s": round(stats.seconds_explain, 3),
        "cpu_candidates_s": round(stats.cpu_candidates, 3),
        "cpu_assign_s": round(stats.cpu_assign, 3),
        "cpu_encode_s": round(stats.cpu_encode, 3),
        "cpu_explain_s": round(stats.cpu_explain, 3),
        "total_s": round(total_s, 3),
        "cpu_s": round(cpu_s, 3),
        "peak_mb": round(peak_mb, 1),
        "load_average": round(os.getloadavg()[0], 2),
        "edges": stats.candidate_edges,
        "rounds": stats.rounds,
        "matched": result.matched,
        "objective": result.objective,
        "unmatched_right": sum(1 for u in result.unmatched if u.side == "right"),
        "reasons": dict(Counter(str(u.reason) for u in result.unmatched).most_common()),
    }
    print(
        f"engine:    candidates {stats.seconds_candidates:.2f} s, assignment "
        f"{stats.seconds_assign:.2f} s, total {total_s:.2f} s (cpu {cpu_s:.2f} s), "
        f"peak {peak_mb:.0f} MB, {stats.candidate_edges} edges, "
        f"{result.matched} pairs, objective {result.objective}"
    )
    clock = time.perf_counter()
    figures["leftover_compatible"] = leftover_compatible(
        mentors, mentees, result, existing, excluded
    )
    figures["leftover_s"] = round(time.perf_counter() - clock, 3)
    print(
        f"leftover:  {figures['leftover_compatible']} compatible pairs of two free items "
        f"(checked without the engine, {figures['leftover_s']:.1f} s)"
    )
    figures["greedy_matched"], figures["greedy_objective"] = greedy(result.graph)
    print(f"greedy:    {figures['greedy_matched']} pairs, objective {figures['greedy_objective']}")
    if args.size <= REFERENCE_LIMIT and not args.no_reference:
        clock = time.perf_counter()
        graph, first_matched, first_objective = first_round(result.graph, result)
        figures["first_matched"], figures["first_objective"] = first_matched, first_objective
        figures["reference_matched"], figures["reference_objective"] = reference(graph)
        figures["reference_s"] = round(time.perf_counter() - clock, 3)
        same = figures["reference_objective"] == first_objective
        print(
            f"reference: round 1 made {first_matched} pairs, objective {first_objective}; "
            f"the optimum on its graph: {figures['reference_matched']} pairs, objective "
            f"{figures['reference_objective']} ({'equal' if same else 'DIFFERENT'}, "
            f"{figures['reference_s']:.1f} s)"
        )
        matched, objective = reference(result.graph)
        figures["union_reference_matched"], figures["union_reference_objective"] = (
            matched,
            objective,
        )
        print(
            f"union:     the optimum on all rounds' graphs together: {matched} pairs, "
            f"objective {objective} (the result: {matched - result.matched} pairs and "
            f"{objective - result.objective} points less; not promised to be 0)"
        )
    example = next(iter(result.new_pairs), None)
    if example is not None:
        reasons = " · ".join(f"{r.code} {json.dumps(r.params)}" for r in example.reasons)
        print(f"example:   {example.left}–{example.right}: {reasons}")
    print(json.dumps(figures, sort_keys=True))


if __name__ == "__main__":
    main()
