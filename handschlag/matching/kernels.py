"""The compiled inner loops (numba): the candidate search and the funnel, one query at a time.

For each query item, the grid rows in its reach give ranges of the other side (sorted by grid
cell); each item in them is tested for distance, then for language and kind (one lookup in the
profile table), wishes and blocked pairs, and scored. The query keeps its best list in a few
registers and every partner its own bounded list, so no pair is ever stored: the search needs
memory for the lists only.

Around them, small linear-time loops where a numpy sort or hash would cost more than the work:
`distinct` (objects and masks by a hash table), `sorted_edges` (a radix sort of the edge
keys), `arc_order` (the solver's arcs by a counting sort) and `prefer_smaller_ids` (the tie
rule); each gives exactly what the numpy code it replaced gave
(tests/matching/test_helpers_compiled.py).

Arithmetic is the numpy code's, operation for operation (score.py, encode.py): the dot product
of two unit vectors is (x·x' + y·y') + z·z', points are rint(value · SCALE · weight), so an
edge's points equal `points()` and `pair_table()` exactly.

Compiled on first use and cached next to this file (numba's `cache=True`); imported lazily, so
that a process that never matches does not load numba.
"""

from __future__ import annotations

import math

import numba
import numpy as np

from .encode import EARTH_RADIUS_KM
from .grid import MARGIN, MARGIN_KM, MAX_LAT
from .model import SCALE
from .score import NEUTRAL, SAME_PLACE_KM

PARTNER_BITS = 24
PARTNER_MASK = (1 << PARTNER_BITS) - 1
POINT_BITS = 14  # SCALE < 1 << POINT_BITS
POINT_MASK = (1 << POINT_BITS) - 1
_EMPTY = np.iinfo(np.int64).max
_M1 = np.uint64(0x5555555555555555)
_M2 = np.uint64(0x3333333333333333)
_M4 = np.uint64(0x0F0F0F0F0F0F0F0F)
_H01 = np.uint64(0x0101010101010101)
_ZERO = np.uint64(0)

_jit = numba.njit(cache=True, nogil=True, error_model="numpy", boundscheck=False)


@_jit
def popcount(x):
    x = x - ((x >> np.uint64(1)) & _M1)
    x = (x & _M2) + ((x >> np.uint64(2)) & _M2)
    x = (x + (x >> np.uint64(4))) & _M4
    return np.int64((x * _H01) >> np.uint64(56))


@_jit
def _intersects(a, i, b, j):
    """Masks (words × rows) a[:, i] and b[:, j] share a bit."""
    for w in range(a.shape[0]):  # noqa: SIM110 (numba compiles loops, not generators)
        if a[w, i] & b[w, j] != _ZERO:
            return True
    return False


@_jit
def _is_empty(a, i):
    for w in range(a.shape[0]):  # noqa: SIM110
        if a[w, i] != _ZERO:
            return False
    return True


@_jit
def _kinds_compatible(a, i, b, j):
    return _intersects(a, i, b, j) or _is_empty(a, i) or _is_empty(b, j)


@_jit
def _wishes_met(requirements, i, attributes, j):
    """Every stated requirement (depth × words × rows) of row i meets attributes[:, j]."""
    for s in range(requirements.shape[0]):
        stated = False
        met = False
        for w in range(requirements.shape[1]):
            wanted = requirements[s, w, i]
            if wanted != _ZERO:
                stated = True
                if wanted & attributes[w, j] != _ZERO:
                    met = True
        if stated and not met:
            return False
    return True


@_jit
def _is_blocked(blocked, key):
    at = np.searchsorted(blocked, key)
    return at < len(blocked) and blocked[at] == key


@_jit
def _overlap_points(a, i, b, j, factor):
    """criterion_points(weight, overlap(...)) of one pair: shared codes over the smaller set."""
    na = 0
    nb = 0
    shared = 0
    for w in range(a.shape[0]):
        na += popcount(a[w, i])
        nb += popcount(b[w, j])
        shared += popcount(a[w, i] & b[w, j])
    smaller = min(na, nb)
    value = shared / max(smaller, 1) if smaller > 0 else NEUTRAL
    return np.int64(np.rint(value * factor))


@_jit
def _place_time_points(dot, limit, slots_a, slots_b, count_a, count_b, f_distance, f_slots):
    """Distance and availability points of one pair (score.py's distance_value, slot_value)."""
    km = EARTH_RADIUS_KM * math.sqrt(max(2.0 - 2.0 * dot, 0.0))
    value = 1.0 - km / limit if limit > 0 else (1.0 if km <= SAME_PLACE_KM else 0.0)
    value = min(max(value, 0.0), 1.0)
    total = np.int64(np.rint(value * f_distance))
    smaller = min(count_a, count_b)
    slot = popcount(slots_a & slots_b) / smaller if smaller > 0 else NEUTRAL
    return total + np.int64(np.rint(slot * f_slots))


@_jit
def _ranges(keys, key, radius_km, grid, starts, ends):
    """The ranges [starts[i], ends[i]) of the sorted cell `keys` that hold every point within
    `radius_km` (straight line) of a point in cell `key`; returns how many. grid.py's
    `box_ranges` for one cell: exact bounds on the sphere, with a margin for rounding."""
    cell_km, cell_lat, cell_lon, n_rows, n_cols = grid
    rows, cols = np.int64(n_rows), np.int64(n_cols)
    radius = 2 * EARTH_RADIUS_KM * math.asin(min(radius_km / (2 * EARTH_RADIUS_KM), 1.0))
    reach = radius * MARGIN + MARGIN_KM
    row_q, col_q = key // cols, key % cols
    dr = np.int64(math.floor(reach / cell_km)) + 1
    half = min(reach, math.pi * EARTH_RADIUS_KM) / (2 * EARTH_RADIUS_KM)
    sin_half = math.sin(half) ** 2
    n = 0
    for row in range(max(row_q - dr, 0), min(row_q + dr, rows - 1) + 1):
        gap_rows = max(0, max(row_q - row, row - row_q) - 1)
        gap_km = gap_rows * cell_km
        if gap_km > reach:
            continue
        gap_half = min(gap_km, reach) / (2 * EARTH_RADIUS_KM)
        across = math.sqrt(max(sin_half - math.sin(gap_half) ** 2, 0.0))
        top = max(
            abs(row * cell_lat - 90.0),
            abs((row + 1) * cell_lat - 90.0),
            abs(row_q * cell_lat - 90.0),
            abs((row_q + 1) * cell_lat - 90.0),
        )
        ratio = across / math.cos(math.radians(min(top, MAX_LAT)))
        wide = top >= MAX_LAT or ratio >= 1.0
        reach_lon = 360.0 if wide else math.degrees(2 * math.asin(ratio))
        dc = np.int64(math.floor(min(reach_lon, 360.0) / cell_lon)) + 1
        first = max(col_q - dc, 0)
        last = min(col_q + dc, cols - 1)
        lo = np.searchsorted(keys, row * cols + first, side="left")
        hi = np.searchsorted(keys, row * cols + last, side="right")
        if hi > lo:
            starts[n] = lo
            ends[n] = hi
            n += 1
    return n


@_jit
def search(
    grid,
    queries,
    reach_cap,
    right,
    left,
    left_active,
    left_online,
    table,
    factors,
    blocked,
    n_right,
    right_k,
    left_k,
    left_offset,
):
    """The candidates of the right positions `queries` (sorted) among the active left items,
    as `_edges`. In the lists of the best, a key is (SCALE - points) << PARTNER_BITS | the
    partner's id-order row: smaller is better, ties go to the smaller row. `table`: language
    and kind points by (right profile, left profile) (a query's row is contiguous), -1 if
    incompatible; empty: computed from the masks."""
    (r_keys, r_xyz, r_thr, r_max, r_online, r_prof, r_slots, r_count, r_wait, r_rows) = right[0]
    (r_attr, r_req, r_lang, r_kind, r_flag, r_picky) = right[1]
    (l_keys, l_xyz, l_thr, l_max, _lo, l_prof, l_slots, l_count, l_wait, l_rows) = left[0]
    (l_attr, l_req, l_lang, l_kind, l_flag, l_picky) = left[1]
    use_table = table.shape[0] > 0
    check_blocked = len(blocked) > 0
    width = 1
    for q in queries:
        width = max(width, right_k[q])
    mine = np.full((len(queries), width), _EMPTY, dtype=np.int64)
    mine_at = np.zeros((len(queries), width), dtype=np.int64)  # the partners' positions
    mine_count = np.zeros(len(queries), dtype=np.int64)
    lists = np.full(left_offset[-1], _EMPTY, dtype=np.int64)
    count = np.zeros(len(left_k), dtype=np.int64)
    worst = np.full(len(left_k), _EMPTY, dtype=np.int64)
    at = np.zeros(len(left_k), dtype=np.int64)
    f0, f1, f2, f3 = factors[0], factors[1], factors[2], factors[3]
    max_rows = 2 * (np.int64(math.floor((2 * reach_cap * MARGIN + MARGIN_KM) / grid[0])) + 2) + 1
    starts = np.empty(max_rows, dtype=np.int64)
    ends = np.empty(max_rows, dtype=np.int64)
    partners = np.empty(len(l_keys), dtype=np.int64)
    points = np.empty(len(l_keys), dtype=np.int64)
    for qi in range(len(queries)):
        q = queries[qi]
        size = right_k[q]
        filled, q_worst, q_at = 0, _EMPTY, 0  # the query's list: length, worst key, its place
        row, row_at = mine[qi], mine_at[qi]
        x0, x1, x2 = r_xyz[q, 0], r_xyz[q, 1], r_xyz[q, 2]
        threshold = r_thr[q]
        n_ranges = _ranges(l_keys, r_keys[q], min(r_max[q], reach_cap), grid, starts, ends)
        # Branch-free: the tests pass or fail at random, and a mispredicted branch costs more
        # than the work it would save.
        n = 0
        for g in range(n_ranges):
            for j in range(starts[g], ends[g]):
                dot = x0 * l_xyz[j, 0] + x1 * l_xyz[j, 1] + x2 * l_xyz[j, 2]
                partners[n] = j
                n += (dot >= threshold) & (dot >= l_thr[j]) & left_active[j]
        if r_online[q]:  # online partners beyond either distance (the grid found the others)
            for j in left_online:
                dot = x0 * l_xyz[j, 0] + x1 * l_xyz[j, 1] + x2 * l_xyz[j, 2]
                partners[n] = j
                n += (dot < threshold) | (dot < l_thr[j])
        if use_table:
            prof = table[r_prof[q]]
            m = 0
            for i in range(n):
                j = partners[i]
                lk = prof[l_prof[j]]
                partners[m] = j
                points[m] = lk
                m += lk >= 0
            n = m
        for i in range(n):
            j = partners[i]
            if use_table:
                lk = np.int64(points[i])
            else:
                if not _intersects(l_lang, j, r_lang, q):
                    continue
                if not _kinds_compatible(l_kind, j, r_kind, q):
                    continue
                lk = _overlap_points(l_lang, j, r_lang, q, f1)
                lk += _overlap_points(l_kind, j, r_kind, q, f2)
            if r_picky[q] and not _wishes_met(r_req, q, l_attr, j):
                continue
            if l_picky[j] and not _wishes_met(l_req, j, r_attr, q):
                continue
            pair = l_rows[j] * n_right + r_rows[q]
            if check_blocked and l_flag[j] and r_flag[q] and _is_blocked(blocked, pair):
                continue
            dot = x0 * l_xyz[j, 0] + x1 * l_xyz[j, 1] + x2 * l_xyz[j, 2]
            pts = lk + r_wait[q] + l_wait[j]
            pts += _place_time_points(
                dot, min(l_max[j], r_max[q]), l_slots[j], r_slots[q], l_count[j], r_count[q], f0, f3
            )
            cost = (SCALE - pts) << PARTNER_BITS
            # Into the query's list and the partner's (bounded lists, written out here: a
            # call that takes arrays costs more than the rest of the step).
            # The worst key is EMPTY until a list is full: one comparison rejects a pair.
            key = cost | l_rows[j]
            if key < q_worst:
                if filled < size:
                    row[filled] = key
                    row_at[filled] = j
                    filled += 1
                else:
                    row[q_at] = key
                    row_at[q_at] = j
                if filled == size:
                    q_worst, q_at = row[0], 0
                    for t in range(1, size):
                        if row[t] > q_worst:
                            q_worst, q_at = row[t], t
            key = cost | r_rows[q]
            if key < worst[j]:
                c, limit, o = count[j], left_k[j], left_offset[j]
                if c < limit:
                    lists[o + c] = key
                    c += 1
                    count[j] = c
                else:
                    lists[o + at[j]] = key
                if c == limit:
                    largest, place = lists[o], 0
                    for t in range(1, limit):
                        if lists[o + t] > largest:
                            largest, place = lists[o + t], t
                    worst[j] = largest
                    at[j] = place
        mine_count[qi] = filled
    lists_of_queries = (mine, mine_at, mine_count)
    return _edges(queries, r_rows, l_rows, n_right, lists_of_queries, lists, count, left_offset)


@_jit
def _edges(queries, r_rows, l_rows, n_right, lists_of_queries, lists, count, offset):
    """The union of both sides' lists as keys (left row * n_right + right row) << POINT_BITS
    | points, unsorted; a pair in both lists once."""
    mine, mine_at, mine_count = lists_of_queries
    total = 0
    for j in range(len(count)):
        total += count[j]
    for qi in range(len(queries)):
        total += mine_count[qi]
    out = np.empty(total, dtype=np.int64)
    n = 0
    for j in range(len(count)):
        for t in range(offset[j], offset[j] + count[j]):
            key = lists[t]
            pts = SCALE - (key >> PARTNER_BITS)
            out[n] = ((l_rows[j] * n_right + (key & PARTNER_MASK)) << POINT_BITS) | pts
            n += 1
    for qi in range(len(queries)):
        q = queries[qi]
        for t in range(mine_count[qi]):
            key = mine[qi, t]
            j = mine_at[qi, t]
            twin = ((key >> PARTNER_BITS) << PARTNER_BITS) | r_rows[q]
            found = False
            for u in range(offset[j], offset[j] + count[j]):
                found |= lists[u] == twin
            if not found:
                pts = SCALE - (key >> PARTNER_BITS)
                out[n] = ((l_rows[j] * n_right + r_rows[q]) << POINT_BITS) | pts
                n += 1
    return out[:n]


@_jit
def funnel(grid, queries, me, other, other_online, other_free, blocked, n_right, me_is_left):
    """Funnel counts (len(queries) × 8, STAGES order) of `me`'s positions `queries` against
    every item of `other`: nearby, within_both, language, kind, own_wishes, their_wishes,
    allowed, free (`other_free`: the other item had a place before this run)."""
    (m_keys, m_xyz, m_thr, m_max, m_online, _mp, _ms, _mc, _mw, m_rows) = me[0]
    (m_attr, m_req, m_lang, m_kind, m_flag, _mpicky) = me[1]
    (o_keys, o_xyz, o_thr, _om, o_online, _op, _os, _oc, _ow, o_rows) = other[0]
    (o_attr, o_req, o_lang, o_kind, o_flag, _opicky) = other[1]
    counts = np.zeros((len(queries), 8), dtype=np.int64)
    reach_cap = 0.0
    for q in queries:
        reach_cap = max(reach_cap, m_max[q])
    max_rows = 2 * (np.int64(math.floor((2 * reach_cap * MARGIN + MARGIN_KM) / grid[0])) + 2) + 1
    starts = np.empty(max_rows, dtype=np.int64)
    ends = np.empty(max_rows, dtype=np.int64)
    partners = np.empty(len(o_keys), dtype=np.int64)
    dots = np.empty(len(o_keys), dtype=np.float64)
    for qi in range(len(queries)):
        q = queries[qi]
        x0, x1, x2 = m_xyz[q, 0], m_xyz[q, 1], m_xyz[q, 2]
        threshold = m_thr[q]
        n_ranges = _ranges(o_keys, m_keys[q], m_max[q], grid, starts, ends)
        n = 0
        for g in range(n_ranges):
            for j in range(starts[g], ends[g]):
                dot = x0 * o_xyz[j, 0] + x1 * o_xyz[j, 1] + x2 * o_xyz[j, 2]
                partners[n] = j
                dots[n] = dot
                n += dot >= threshold
        if m_online[q]:
            for j in other_online:
                dot = x0 * o_xyz[j, 0] + x1 * o_xyz[j, 1] + x2 * o_xyz[j, 2]
                if dot < threshold:
                    partners[n] = j
                    dots[n] = dot
                    n += 1
        c = counts[qi]
        for i in range(n):
            j = partners[i]
            c[0] += 1
            if not (dots[i] >= o_thr[j] or (m_online[q] and o_online[j])):
                continue
            c[1] += 1
            if not _intersects(m_lang, q, o_lang, j):
                continue
            c[2] += 1
            if not _kinds_compatible(m_kind, q, o_kind, j):
                continue
            c[3] += 1
            if not _wishes_met(m_req, q, o_attr, j):
                continue
            c[4] += 1
            if not _wishes_met(o_req, j, m_attr, q):
                continue
            c[5] += 1
            if len(blocked) and m_flag[q] and o_flag[j]:
                if me_is_left:
                    key = m_rows[q] * n_right + o_rows[j]
                else:
                    key = o_rows[j] * n_right + m_rows[q]
                if _is_blocked(blocked, key):
                    continue
            c[6] += 1
            if other_free[j] > 0:
                c[7] += 1
    return counts


@_jit
def _group(mine, n_mine):
    """(start, grouped): the edges of item m are grouped[start[m]:start[m + 1]], in edge
    order (a counting sort)."""
    start = np.zeros(n_mine + 1, dtype=np.int64)
    for e in range(len(mine)):
        start[mine[e] + 1] += 1
    for m in range(n_mine):
        start[m + 1] += start[m]
    grouped = np.empty(len(mine), dtype=np.int64)
    filled = start[:-1].copy()
    for e in range(len(mine)):
        grouped[filled[mine[e]]] = e
        filled[mine[e]] += 1
    return start, grouped


@_jit
def prefer_smaller_ids(mine, theirs, pts, chosen, free, n_mine):
    """assign.py's tie rule for one side, in place on `chosen` and `free` (the other side's
    places left): while a chosen edge (m, t) has an unchosen twin (m, t') with the same points,
    t' free and t' < t, swap them. Each pass pairs every such twin with the chosen edge of its
    key that has the largest t, and applies the swaps by t' (then by edge), each if still
    valid, as assign.py's numpy version did.

    The edges are copied into `mine` order once (`g_*`: edge at place a of the grouping), so
    that an item's edges lie together in memory, and each item's chosen edges (a few) are
    collected before its twins are looked for: linear in the edges, not in their squares."""
    start, grouped = _group(mine, n_mine)
    g_theirs = theirs[grouped]
    g_pts = pts[grouped]
    g_chosen = chosen[grouped]
    old = np.empty(len(mine), dtype=np.int64)  # places in the grouping
    new = np.empty(len(mine), dtype=np.int64)
    mates = np.empty(len(mine), dtype=np.int64)  # the chosen edges of one item
    while True:
        n = 0
        for m in range(n_mine):
            c = 0
            for a in range(start[m], start[m + 1]):
                if g_chosen[a]:
                    mates[c] = a
                    c += 1
            if c == 0:
                continue
            for a in range(start[m], start[m + 1]):
                if g_chosen[a] or free[g_theirs[a]] <= 0:
                    continue
                best = -1
                for b in range(c):
                    x = mates[b]
                    if g_pts[x] == g_pts[a] and (best < 0 or g_theirs[x] > g_theirs[best]):
                        best = x
                if best >= 0 and g_theirs[a] < g_theirs[best]:
                    old[n] = best
                    new[n] = a
                    n += 1
        if n == 0:
            break
        order = np.argsort(g_theirs[new[:n]] * len(mine) + grouped[new[:n]])
        for i in order:
            o, a = old[i], new[i]
            if g_chosen[o] and not g_chosen[a] and free[g_theirs[a]] > 0:
                g_chosen[o] = False
                g_chosen[a] = True
                free[g_theirs[o]] += 1
                free[g_theirs[a]] -= 1
    chosen[grouped] = g_chosen


@_jit
def arc_order(tails, heads, n_nodes):
    """The permutation that sorts arcs by (tail, head), as np.argsort(tails * n_nodes + heads)
    gives it for distinct arcs, in linear time: a counting sort by tail, then an insertion
    sort by head within each tail's few arcs (on a copy of the heads in that order, so that
    the sort reads memory in sequence)."""
    start, order = _group(tails, n_nodes)
    sorted_heads = heads[order]
    for t in range(n_nodes):
        for a in range(start[t] + 1, start[t + 1]):
            arc, head = order[a], sorted_heads[a]
            b = a
            while b > start[t] and sorted_heads[b - 1] > head:
                order[b] = order[b - 1]
                sorted_heads[b] = sorted_heads[b - 1]
                b -= 1
            order[b] = arc
            sorted_heads[b] = head
    return order


RADIX_BITS = 12
"""Bits per pass of sorted_edges' radix sort (4096 counters: they stay in the L1 cache)."""


@_jit
def sorted_edges(keys, n_right):
    """(left rows, right rows, points) of the edge keys (pair << POINT_BITS | points, one key
    per pair), sorted by pair: an LSD radix sort on the pair's bits (three passes at 240,000
    per side; twice as fast as np.sort), then one pass that splits the keys."""
    n = len(keys)
    top = 0
    for i in range(n):
        top = max(top, keys[i] >> POINT_BITS)
    a = keys.copy()
    b = np.empty_like(a)
    digits = 1 << RADIX_BITS
    shift = POINT_BITS
    while (top >> (shift - POINT_BITS)) > 0:
        count = np.zeros(digits + 1, dtype=np.int64)
        for i in range(n):
            count[((a[i] >> shift) & (digits - 1)) + 1] += 1
        for d in range(digits):
            count[d + 1] += count[d]
        for i in range(n):
            d = (a[i] >> shift) & (digits - 1)
            b[count[d]] = a[i]
            count[d] += 1
        a, b = b, a
        shift += RADIX_BITS
    left = np.empty(n, dtype=np.int64)
    right = np.empty(n, dtype=np.int64)
    points = np.empty(n, dtype=np.int64)
    for i in range(n):
        pair = a[i] >> POINT_BITS
        left[i] = pair // n_right
        right[i] = pair - left[i] * n_right
        points[i] = a[i] & POINT_MASK
    return left, right, points


@_jit
def distinct(keys):
    """(first, index): the place of each distinct key's first occurrence, in order, and the
    number of each key's distinct key among them; np.unique(keys, return_index=True,
    return_inverse=True) without sorting, by a hash table (open addressing)."""
    n = len(keys)
    bits = 4
    while (1 << bits) < 2 * n:
        bits += 1
    size = 1 << bits
    shift = np.uint64(64 - bits)
    slots = np.full(size, -1, dtype=np.int64)  # the number of the distinct key in each slot
    first = np.empty(n, dtype=np.int64)
    index = np.empty(n, dtype=np.int64)
    found = 0
    for i in range(n):
        key = keys[i]
        # Fibonacci hashing: the high bits of key · 2^64/φ mix all bits of the key.
        s = np.int64((key * np.uint64(0x9E3779B97F4A7C15)) >> shift)
        while True:
            d = slots[s]
            if d < 0:
                slots[s] = found
                first[found] = i
                index[i] = found
                found += 1
                break
            if keys[first[d]] == key:
                index[i] = d
                break
            s = (s + 1) & (size - 1)
    return first[:found], index
