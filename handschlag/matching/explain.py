"""Pairs with their score breakdown and explanation, unmatched items with their reason; the
texts in German and English.

A pair's explanation speaks to the right item (the mentee, the need) about the left one:
"spricht Arabisch wie Sie · 3 km entfernt · beide dienstags nachmittags".
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .encode import I64, Bools, Mask, Vocabulary, distance_km, words_to_int
from .funnel import STAGES
from .labels import LANGUAGES, both, either, fitting, km_text, label, people, slot_text, waited
from .model import CRITERIA, SCALE, SLOTS, Config, Item, Pair, Reason, Text, Unmatched
from .problem import Problem
from .score import criteria, points

_SEPARATOR = " · "
_EXISTING = Text("besteht bereits", "already exists")
_ABOUT_THE_ITEM = {Reason.NO_SHARED_LANGUAGE, Reason.KIND_MISMATCH, Reason.OWN_PREFERENCES}


class Explainer:
    """Builds the texts; caches the text of each set of codes, since few sets recur."""

    def __init__(self, p: Problem, config: Config) -> None:
        self.p = p
        self.config = config
        self._language_rank = _rarity(p.vocab.languages, p.left.languages, p.right.languages)

    # --- pairs -------------------------------------------------------------------------

    def pairs(self, left_rows: I64, right_rows: I64, pts: I64, existing: Bools) -> list[Pair]:
        """Pairs of id-order rows, in the given order; `pts` < 0: compute the points (the
        existing pairs, which need not be candidates)."""
        p = self.p
        dot = np.einsum("ij,ij->i", p.left.xyz[left_rows], p.right.xyz[right_rows])
        values = criteria(p.left, left_rows, p.right, right_rows, dot)
        missing = np.flatnonzero(pts < 0)
        pts = pts.copy()
        pts[missing] = points(
            p.weights, p.left, left_rows[missing], p.right, right_rows[missing], dot[missing]
        )
        km = distance_km(dot)
        languages = _texts(
            _ints(p.left.languages, p.right.languages, left_rows, right_rows), self._languages
        )
        kinds = _texts(_ints(p.left.kinds, p.right.kinds, left_rows, right_rows), self._kinds)
        slots = _texts((p.left.slots[left_rows] & p.right.slots[right_rows]).tolist(), _slots)
        waits = _texts(p.right.waited_days[right_rows].tolist(), _waiting)
        distances = _texts(np.rint(km * 2).astype(np.int64).tolist(), _distance, zero=True)
        left_ids = [item.id for item in p.left_items]
        right_ids = [item.id for item in p.right_items]
        result = []
        for i, (left, right, score, row, distance, old) in enumerate(
            zip(
                left_rows.tolist(),
                right_rows.tolist(),
                pts.tolist(),
                values.tolist(),
                km.tolist(),
                existing.tolist(),
                strict=True,
            )
        ):
            parts = [
                text
                for text in (
                    _EXISTING if old else None,
                    languages[i],  # an existing pair may share none
                    distances[i],
                    slots[i],
                    kinds[i],
                    waits[i],
                )
                if text is not None
            ]
            result.append(
                Pair(
                    left=left_ids[left],
                    right=right_ids[right],
                    score=score / SCALE,
                    points=score,
                    breakdown=dict(zip(CRITERIA, row, strict=True)),
                    distance_km=distance,
                    explanation=Text(
                        _SEPARATOR.join([t.de for t in parts]),
                        _SEPARATOR.join([t.en for t in parts]),
                    ),
                    existing=old,
                )
            )
        return result

    def _languages(self, mask: int) -> Text:
        codes = sorted(self.p.vocab.languages.decode(mask), key=self._language_rank.__getitem__)
        names = both([self._language(code) for code in codes[:2]])
        return Text(f"spricht {names.de} wie Sie", f"speaks {names.en} like you")

    def _kinds(self, mask: int) -> Text:
        names = both([self._kind(code) for code in self.p.vocab.kinds.decode(mask)])
        return Text(f"gemeinsam: {names.de}", f"shared: {names.en}")

    def _language(self, code: str) -> Text:
        return label(code, self.config.language_labels, LANGUAGES)

    def _kind(self, code: str) -> Text:
        return label(code, self.config.kind_labels)

    # --- unmatched -----------------------------------------------------------------------

    def unmatched(
        self,
        side: str,
        rows: I64,
        degree: I64,
        free_partners: I64,
        funnels: dict[int, list[int]],
    ) -> list[Unmatched]:
        """`degree`: candidate edges of each item; `free_partners`: compatible partners with a
        free place that are not in the graph; `funnels`: STAGES counts of items without any
        candidate, by row."""
        items = self.p.left_items if side == "left" else self.p.right_items
        result = []
        texts: dict[tuple[object, ...], Text] = {}
        for row, n, free in zip(
            rows.tolist(), degree.tolist(), free_partners.tolist(), strict=True
        ):
            item = items[row]
            funnel: dict[str, int]
            if item.capacity == 0:
                reason, funnel = Reason.NO_CAPACITY, {}
            elif free:
                reason, funnel = Reason.NOT_SELECTED, {"candidates": n, "free_partners": free}
            elif n:
                reason, funnel = Reason.TAKEN, {"candidates": n}
            else:
                funnel = dict(zip(STAGES, funnels[row], strict=True))
                reason = _first_empty(funnel)
            if reason in _ABOUT_THE_ITEM:  # names its languages, kinds or wishes
                text = self._reason_text(item, reason, funnel)
            else:  # depends on the distance and the counts only: shared by many items
                key = (reason, item.max_km, *funnel.values())
                text = texts.get(key) or texts.setdefault(
                    key, self._reason_text(item, reason, funnel)
                )
            result.append(Unmatched(side, item.id, reason, text, funnel))
        return result

    def _reason_text(self, item: Item, reason: Reason, funnel: dict[str, int]) -> Text:
        km = km_text(item.max_km)
        within = Text(f"im Umkreis von {km} km", f"within {km} km")
        if reason is Reason.NO_CAPACITY:
            return Text("keine Plätze frei (Kapazität 0)", "no places offered (capacity 0)")
        if reason is Reason.NOBODY_NEARBY:
            return Text(f"niemand {within.de}", f"nobody {within.en}")
        if reason is Reason.TOO_FAR_FOR_THEM:
            count = funnel["nearby"]
            n, whom = people(count), "sie" if count == 1 else "alle"
            return Text(
                f"{n.de} {within.de}, aber für {whom} ist der Weg zu weit",
                f"{n.en} {within.en}, but it is too far for them",
            )
        if reason is Reason.NO_SHARED_LANGUAGE:
            codes = sorted(item.languages, key=lambda c: self._language_rank.get(c, (0, c)))
            names = either([self._language(code) for code in codes])
            return Text(
                f"niemand {within.de} spricht {names.de}", f"nobody {within.en} speaks {names.en}"
            )
        if reason is Reason.KIND_MISMATCH:
            names = either([self._kind(code) for code in sorted(item.kinds)])
            return Text(
                f"niemand {within.de} mit gemeinsamer Sprache passt zu: {names.de}",
                f"nobody {within.en} who shares a language matches: {names.en}",
            )
        if reason is Reason.OWN_PREFERENCES:
            fit, wishes = fitting(funnel["kind"], within), self._wishes(item)
            return Text(
                f"{fit.de}, aber niemand erfüllt die Wünsche ({wishes.de})",
                f"{fit.en}, but nobody meets the wishes ({wishes.en})",
            )
        if reason is Reason.THEIR_PREFERENCES:
            fit = fitting(funnel["own_wishes"], within)
            return Text(
                f"{fit.de}, aber deren Wünsche passen nicht", f"{fit.en}, but their wishes do not"
            )
        if reason is Reason.EXCLUDED:
            return Text(
                "die einzigen passenden Personen sind ausgeschlossen",
                "the only suitable people are excluded",
            )
        if reason is Reason.NOT_SELECTED:
            fit = fitting(funnel["free_partners"], within)
            return Text(
                f"{fit.de} mit freiem Platz, aber nicht unter den {self.config.k} besten "
                "Vorschlägen",
                f"{fit.en} with a free place, but not among the {self.config.k} best candidates",
            )
        if "candidates" in funnel:
            count = funnel["candidates"]
            if count == 1:
                return Text(
                    f"der einzige passende Vorschlag {within.de} ist bereits anderen zugeordnet",
                    f"the only suitable candidate {within.en} is already matched with others",
                )
            return Text(
                f"alle {count} passenden Vorschläge {within.de} sind bereits anderen zugeordnet",
                f"all {count} suitable candidates {within.en} are already matched with others",
            )
        n = people(funnel["allowed"])
        return Text(
            f"alle passenden Personen {within.de} ({n.de}) haben keinen freien Platz mehr",
            f"all suitable people {within.en} ({n.en}) have no free place left",
        )

    def _wishes(self, item: Item) -> Text:
        labels = self.config.attribute_labels
        parts = []
        for name, allowed in sorted(item.requirements.items()):
            title = label(name, labels)
            values = either(
                [
                    label(f"{name}={value}", labels, {f"{name}={value}": Text(value, value)})
                    for value in sorted(allowed)
                ]
                or [Text("–", "–")]
            )
            parts.append(Text(f"{title.de}: {values.de}", f"{title.en}: {values.en}"))
        return Text("; ".join(t.de for t in parts), "; ".join(t.en for t in parts))


def _first_empty(funnel: dict[str, int]) -> Reason:
    """The first check that leaves nobody; if none, every fitting partner was full."""
    for stage, reason in (
        ("nearby", Reason.NOBODY_NEARBY),
        ("within_both", Reason.TOO_FAR_FOR_THEM),
        ("language", Reason.NO_SHARED_LANGUAGE),
        ("kind", Reason.KIND_MISMATCH),
        ("own_wishes", Reason.OWN_PREFERENCES),
        ("their_wishes", Reason.THEIR_PREFERENCES),
        ("allowed", Reason.EXCLUDED),
    ):
        if funnel[stage] == 0:
            return reason
    return Reason.TAKEN


def _texts(
    keys: list[int], build: Callable[[int], Text | None], zero: bool = False
) -> list[Text | None]:
    """The text of each key, built once per distinct key; a key of 0 has no text unless
    `zero`."""
    table = {key: build(key) if key or zero else None for key in set(keys)}
    return [table[key] for key in keys]


def _distance(half_km: int) -> Text:
    """From the distance in half kilometres: "weniger als 1 km", "2,5 km", "12 km"."""
    if half_km < 2:
        return Text("weniger als 1 km entfernt", "less than 1 km away")
    rounded = km_text(half_km / 2 if half_km < 20 else round(half_km / 2))
    return Text(f"{rounded.replace('.', ',')} km entfernt", f"{rounded} km away")


def _waiting(days: int) -> Text | None:
    if days < 30:
        return None
    span = waited(days)
    return Text(f"Sie warten seit {span.de}", f"you have waited {span.en}")


def _slots(mask: int) -> Text:
    first = (mask & -mask).bit_length() - 1
    slot = slot_text(SLOTS[first])
    more = mask.bit_count() - 1
    text = Text(f"beide {slot.de}", f"both free on {slot.en}")
    if more == 1:
        return Text(f"{text.de} (und 1 weitere Zeit)", f"{text.en} (and 1 more time)")
    if more > 1:
        return Text(f"{text.de} (und {more} weitere Zeiten)", f"{text.en} (and {more} more times)")
    return text


def _ints(a: Mask, b: Mask, ai: I64, bi: I64) -> list[int]:
    """The shared codes of pairs as Python ints (all words)."""
    if len(a) == 1:
        return (a[0][ai] & b[0][bi]).tolist()
    words = [x[ai] & y[bi] for x, y in zip(a, b, strict=True)]
    return [words_to_int(words, i) for i in range(len(ai))]


def _rarity(vocabulary: Vocabulary, *masks: Mask) -> dict[str, tuple[int, str]]:
    """Sort key per language: fewer speakers first (the distinctive language is named)."""
    counts = dict.fromkeys(vocabulary.codes, 0)
    for mask in masks:
        for index, code in enumerate(vocabulary.codes):
            word, bit = divmod(index, 64)
            counts[code] += int(np.count_nonzero(mask[word] & np.uint64(1 << bit)))
    return {code: (count, code) for code, count in counts.items()}
