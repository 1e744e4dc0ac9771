"""The engine's reason codes in words: German exactly, English with its own number format;
from the engine's objects and from the mappings they are stored as."""

from __future__ import annotations

import json
from datetime import timedelta

from django.utils import translation

from handschlag.core.languages import language_name, native_name
from handschlag.matching import Because, Reason, Unmatched, match
from handschlag.mentoring.explanations import pair_reasons, pair_text, unmatched_text
from tests.matching.helpers import BERLIN, TODAY, config, item, north


def unmatched(reason: Reason, **params: object) -> Unmatched:
    return Unmatched("right", "n", reason, params, {})


def test_a_pair_reads_as_the_issue_says():
    mentor = item("m", north(3.5), ["de", "ar"], slots=["tue-afternoon"])
    mentee = item("n", BERLIN, ["ar"], slots=["tue-afternoon"])
    (pair,) = match([mentor], [mentee], config()).pairs
    with translation.override("de"):
        assert pair_text(pair.reasons, partner="Amal") == (
            "spricht Arabisch wie Amal · 3,5 km entfernt · beide dienstags nachmittags"
        )
        assert pair_reasons(pair.reasons)[0] == "beide sprechen Arabisch"


def test_kinds_more_times_and_the_wait_are_named():
    mentor = item(
        "m",
        north(12.2),
        ["de", "en", "uk"],
        kinds=["education", "job"],
        slots=["mon-evening", "sat-morning", "sun-midday"],
    )
    mentee = item(
        "n",
        BERLIN,
        ["en", "uk", "ru"],
        kinds=["education", "job"],
        slots=["sat-morning", "sun-midday"],
        waiting_since=TODAY - timedelta(days=150),
    )
    (pair,) = match([mentor], [mentee], config()).pairs
    with translation.override("de"):
        assert pair_reasons(pair.reasons, partner="Olena") == [
            "spricht Englisch und Ukrainisch wie Olena",
            "12 km entfernt",
            "beide samstags vormittags (und 1 weitere Zeit)",
            "beide: Hausaufgaben und Bildung, Berufseinstieg",
            "Olena wartet seit 5 Monaten",
        ]


def test_numbers_and_plurals_in_german():
    def phrase(reason: Because) -> str:
        (text,) = pair_reasons([reason])
        return text

    with translation.override("de"):
        assert phrase(Because("distance", {"km": 0.5})) == "weniger als 1 km entfernt"
        assert phrase(Because("distance", {"km": 2.0})) == "2 km entfernt"
        assert phrase(Because("distance", {"km": 9.5})) == "9,5 km entfernt"
        assert phrase(Because("distance", {"km": 12.5})) == "13 km entfernt"
        assert phrase(Because("waiting", {"days": 7})) == "wartet seit 1 Woche"
        assert phrase(Because("waiting", {"days": 45})) == "wartet seit 6 Wochen"
        assert phrase(Because("waiting", {"days": 61})) == "wartet seit 2 Monaten"
        three = ["mon-morning", "mon-evening", "fri-midday"]
        assert phrase(Because("slots", {"slots": three})) == (
            "beide montags vormittags (und 2 weitere Zeiten)"
        )
        assert phrase(Because("kinds", {"kinds": ["everyday", "chess"]})) == (
            "beide: Alltagsbegleitung, chess"  # an unknown code is shown as it is
        )
        assert phrase(Because("existing", {})) == "besteht bereits"
        assert pair_reasons([Because("new-in-a-later-engine", {"x": 1})]) == []


def test_numbers_follow_the_language():
    reasons = [Because("distance", {"km": 3.5})]
    with translation.override("de"):
        assert pair_text(reasons) == "3,5 km entfernt"
        assert unmatched_text(unmatched(Reason.NOBODY_NEARBY, km=7.5)) == (
            "Niemand im Umkreis von 7,5 km."
        )
    with translation.override("en"):
        assert "3.5" in pair_text(reasons) and "3,5" not in pair_text(reasons)
        assert "7.5" in unmatched_text(unmatched(Reason.NOBODY_NEARBY, km=7.5))


def test_every_reason_for_being_alone_reads_as_a_sentence():
    cases = [
        (unmatched(Reason.NO_CAPACITY), "Keine Plätze frei (Kapazität 0)."),
        (unmatched(Reason.NOBODY_NEARBY, km=25.0), "Niemand im Umkreis von 25 km."),
        (
            unmatched(Reason.TOO_FAR_FOR_THEM, km=25.0, people=1),
            "Im Umkreis von 25 km ist 1 Person, aber für sie ist der Weg zu weit.",
        ),
        (
            unmatched(Reason.TOO_FAR_FOR_THEM, km=25.0, people=3),
            "Im Umkreis von 25 km sind 3 Personen, aber für alle ist der Weg zu weit.",
        ),
        (
            unmatched(Reason.NO_SHARED_LANGUAGE, km=25.0, languages=("ti",)),
            "Niemand im Umkreis von 25 km spricht Tigrinya.",
        ),
        (
            unmatched(Reason.NO_SHARED_LANGUAGE, km=10.0, languages=("ti", "prs", "xx")),
            "Niemand im Umkreis von 10 km spricht Tigrinya, Dari oder xx.",
        ),
        (
            unmatched(Reason.KIND_MISMATCH, km=25.0, kinds=("job", "leisure")),
            "Niemand im Umkreis von 25 km mit gemeinsamer Sprache möchte Berufseinstieg oder "
            "Freizeit.",
        ),
        (
            unmatched(
                Reason.OWN_PREFERENCES,
                km=25.0,
                people=2,
                wishes={"gender": ("f",), "age_band": ("child", "youth")},
            ),
            "Im Umkreis von 25 km passen 2 Personen, aber niemand erfüllt die Wünsche "
            "(Geschlecht: weiblich; Alter: Kind oder jugendlich).",
        ),
        (
            unmatched(Reason.OWN_PREFERENCES, km=5.0, people=1, wishes={"gender": ()}),
            "Im Umkreis von 5 km passt 1 Person, aber sie erfüllt die Wünsche nicht "
            "(Geschlecht: –).",
        ),
        (
            unmatched(Reason.THEIR_PREFERENCES, km=25.0, people=4),
            "Im Umkreis von 25 km passen 4 Personen, aber deren Wünsche passen nicht.",
        ),
        (
            unmatched(Reason.EXCLUDED, km=25.0, people=1),
            "Die einzige passende Person ist ausgeschlossen.",
        ),
        (
            unmatched(Reason.TAKEN, km=25.0, candidates=1),
            "Der einzige passende Vorschlag im Umkreis von 25 km ist bereits anderen zugeordnet.",
        ),
        (
            unmatched(Reason.TAKEN, km=25.0, candidates=6),
            "Alle 6 passenden Vorschläge im Umkreis von 25 km sind bereits anderen zugeordnet.",
        ),
        (
            unmatched(Reason.TAKEN, km=25.0, people=2),
            "Alle 2 passenden Personen im Umkreis von 25 km haben keinen freien Platz mehr.",
        ),
        (
            unmatched(Reason.NOT_SELECTED, km=10.0, free_partners=1, k=6),
            "Im Umkreis von 10 km hat 1 passende Person einen freien Platz, war aber nicht "
            "unter den 6 besten Vorschlägen.",
        ),
    ]
    assert {case[0].reason for case in cases} == set(Reason)
    with translation.override("de"):
        for value, text in cases:
            assert unmatched_text(value) == text


def test_the_engine_s_unmatched_items_read_well():
    mentors = [item("m1", north(2), ["de"], kinds=["job"])]
    mentees = [
        item("n1", BERLIN, ["ti"]),
        item("n2", north(-60), ["de"]),
        item("n3", BERLIN, ["de"], kinds=["education", "leisure"]),
    ]
    result = match(mentors, mentees, config())
    with translation.override("de"):
        texts = {u.id: unmatched_text(u) for u in result.unmatched}
    assert texts == {
        "m1": "Niemand im Umkreis von 25 km mit gemeinsamer Sprache möchte Berufseinstieg.",
        "n1": "Niemand im Umkreis von 25 km spricht Tigrinya.",
        "n2": "Niemand im Umkreis von 25 km.",
        "n3": "Niemand im Umkreis von 25 km mit gemeinsamer Sprache möchte Hausaufgaben und "
        "Bildung oder Freizeit.",
    }


def test_stored_reasons_read_like_fresh_ones():
    mentor = item("m", north(3), ["de", "ar"], kinds=["job"], slots=["wed-evening"])
    mentee = item("n", languages=["ar"], kinds=["job"], slots=["wed-evening"])
    result = match([mentor], [mentee, item("x", languages=["ti"])], config())
    (pair,) = result.pairs
    stored = json.loads(json.dumps([{"code": r.code, "params": r.params} for r in pair.reasons]))
    alone = [{"reason": str(u.reason), "params": u.params} for u in result.unmatched]
    alone = json.loads(json.dumps(alone))
    with translation.override("de"):
        assert pair_text(stored, partner="Amal") == pair_text(pair.reasons, partner="Amal")
        assert [unmatched_text(u) for u in alone] == [unmatched_text(u) for u in result.unmatched]


def test_language_names_come_in_the_ui_language_and_in_their_own():
    with translation.override("de"):
        assert language_name("prs") == "Dari"
        assert language_name("ar") == "Arabisch"
        assert language_name("xx") == "xx"
    assert native_name("ar") == "العربية"
    assert native_name("xx") == "xx"


def test_a_pair_that_meets_online_says_so():
    with translation.override("de"):
        assert pair_text([{"code": "online", "params": {}}]) == "beide treffen sich online"
