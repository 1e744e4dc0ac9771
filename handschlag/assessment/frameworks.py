"""Loading a framework (the questionnaire of a Standortbestimmung) from JSON.

Frameworks are data: data/framework_weltoffen_v1.json is the one the platform ships.
`load_framework(data)` creates the framework version the data names, or — while no
assessment uses that version yet — updates it in place (areas, indicators, questions and
options are matched by their keys, so loading the same file twice changes nothing). A version
that assessments use is never changed (loading the same data again changes nothing and is
fine): a change of meaning is a new version. `dump_framework` gives a loaded version back as
such data, every default spelled out.

    {"key": "weltoffene-kommune", "version": 1, "published": true,
     "title": {"de": …, "en": …}, "description": {…},
     "areas": [{"key": "management", "title": {…}, "description": {…}, "weight": 1,
                "indicators": [{"key": "strategy", "title": {…}, "weight": 1,
                                "questions": [{"key": "…", "kind": "scale", "text": {…},
                                               "help": {…}, "weight": 2,
                                               "not_applicable": false,
                                               "options": [{"key": "0", "label": {…},
                                                            "points": 0}, …]}]}]}],
     "rules": [{"indicator": "strategy", "min": 0, "max": 39,
                "measures": ["integrationskonzept-beteiligungsorientiert"],
                "reason": {"de": "Weil Ihre Antworten zu … zeigen, dass …", "en": …}}]}

Kinds: yes_partly_no (options may be left out: ja 100 / teilweise 50 / nein 0), scale (five
options, 0–4), choice (two or more options), number ("bands": [[from, points], …] with
ascending "from"; a value gets the points of the last band it reaches; optional "unit") and
text (never scored: no options, no bands). Keys of indicators and of questions are unique
in the whole framework, so rules and exports can name them alone. The measures a rule names
must be in the library already: load the measures first.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeGuard

from django.db import transaction

from handschlag.measures.library import check_text
from handschlag.measures.models import Measure

from .models import Area, Framework, Indicator, Option, Question, RecommendationRule

DEFAULT_FILE = Path(__file__).resolve().parent / "data" / "framework_weltoffen_v1.json"

KEY = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
KINDS = Question.Kind
YES_PARTLY_NO = [
    {"key": "yes", "label": {"de": "ja", "en": "yes"}, "points": 100},
    {"key": "partly", "label": {"de": "teilweise", "en": "partly"}, "points": 50},
    {"key": "no", "label": {"de": "nein", "en": "no"}, "points": 0},
]
OPTION_COUNT: dict[str, tuple[int, int]] = {
    KINDS.YES_PARTLY_NO: (3, 3),
    KINDS.SCALE: (5, 5),
    KINDS.CHOICE: (2, 12),
}
MAX_WEIGHT = 10

FRAMEWORK_FIELDS = {"key", "version", "published", "title", "description", "areas", "rules"}
AREA_FIELDS = {"key", "title", "description", "weight", "indicators"}
INDICATOR_FIELDS = {"key", "title", "weight", "questions"}
QUESTION_FIELDS = {"key", "kind", "text", "help", "weight", "not_applicable", "options",
                   "bands", "unit"}  # fmt: skip
OPTION_FIELDS = {"key", "label", "points"}
RULE_FIELDS = {"indicator", "min", "max", "measures", "reason"}


class InvalidFramework(ValueError):
    """The data cannot be loaded; `errors` says every reason, one line each."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("\n".join(errors))


def read_json(path: str | Path) -> Any:
    """The JSON in `path`, or InvalidFramework saying why it cannot be read."""
    try:
        with open(path, encoding="utf-8") as file:
            return json.load(file)
    except FileNotFoundError:
        raise InvalidFramework([f"{path}: no such file"]) from None
    except json.JSONDecodeError as error:
        raise InvalidFramework([f"{path}: not valid JSON ({error})"]) from None


def load_framework(data: Any) -> Framework:
    """Create the framework version of `data`, or update it in place while no assessment
    uses it; a version in use is left as it is when `data` says the same, and refused
    otherwise. Nothing is written when anything is wrong (InvalidFramework lists why)."""
    _Checker(data).check()
    with transaction.atomic():
        framework = (
            Framework.objects.select_for_update()
            .filter(key=data["key"], version=data["version"])
            .first()
        )
        if framework is not None and framework.assessments.exists():
            if dump_framework(framework) == canonical(data):
                return framework
            raise InvalidFramework([_in_use(framework)])
        return _write(framework, data)


def canonical(data: Mapping[str, Any]) -> dict[str, Any]:
    """Checked framework data with every default spelled out (as `dump_framework` gives it)."""

    def question(spec: Mapping[str, Any]) -> dict[str, Any]:
        options = spec.get("options")
        if options is None and spec["kind"] == KINDS.YES_PARTLY_NO:
            options = YES_PARTLY_NO
        return {
            "key": spec["key"], "kind": spec["kind"], "text": spec["text"],
            "help": spec.get("help") or {}, "weight": spec.get("weight", 1),
            "not_applicable": spec.get("not_applicable", False),
            "options": [{"key": o["key"], "label": o["label"], "points": o["points"]}
                        for o in options or []],
            "bands": spec.get("bands") or [], "unit": spec.get("unit") or {},
        }  # fmt: skip

    return {
        "key": data["key"], "version": data["version"],
        "published": data.get("published", False), "title": data["title"],
        "description": data.get("description") or {},
        "areas": [{
            "key": area["key"], "title": area["title"],
            "description": area.get("description") or {}, "weight": area.get("weight", 1),
            "indicators": [{
                "key": indicator["key"], "title": indicator["title"],
                "weight": indicator.get("weight", 1),
                "questions": [question(q) for q in indicator["questions"]],
            } for indicator in area["indicators"]],
        } for area in data["areas"]],
        "rules": sorted(
            ({"indicator": r["indicator"], "min": r["min"], "max": r["max"],
              "measures": sorted(r["measures"]), "reason": r["reason"]}
             for r in data.get("rules", [])),
            key=lambda rule: (rule["indicator"], rule["min"]),
        ),
    }  # fmt: skip


def dump_framework(framework: Framework) -> dict[str, Any]:
    """A loaded framework as data that `load_framework` takes (every default spelled out)."""
    areas = framework.areas.prefetch_related(
        "indicators__questions__options", "indicators__recommendation_rules__measures"
    )
    rules = []
    data_areas = []
    for area in areas:
        indicators = []
        for indicator in area.indicators.all():
            questions = [{
                "key": q.key, "kind": q.kind, "text": q.text, "help": q.help, "weight": q.weight,
                "not_applicable": q.allows_not_applicable,
                "options": [{"key": o.key, "label": o.label, "points": o.points}
                            for o in q.options.all()],
                "bands": q.number_bands, "unit": q.number_unit,
            } for q in indicator.questions.all()]  # fmt: skip
            indicators.append({"key": indicator.key, "title": indicator.title,
                               "weight": indicator.weight, "questions": questions})  # fmt: skip
            rules += [{
                "indicator": indicator.key, "min": rule.min_score, "max": rule.max_score,
                "measures": sorted(m.slug for m in rule.measures.all()), "reason": rule.reason,
            } for rule in indicator.recommendation_rules.all()]  # fmt: skip
        data_areas.append({"key": area.key, "title": area.title, "description": area.description,
                           "weight": area.weight, "indicators": indicators})  # fmt: skip
    return {
        "key": framework.key, "version": framework.version, "published": framework.published,
        "title": framework.title, "description": framework.description, "areas": data_areas,
        "rules": sorted(rules, key=lambda rule: (rule["indicator"], rule["min"])),
    }  # fmt: skip


def _in_use(framework: Framework) -> str:
    count = framework.assessments.count()
    return (
        f"framework {framework.key!r} version {framework.version} is used by {count} "
        f"assessment{'s' if count != 1 else ''} and cannot be changed; "
        f"load your changes as version {framework.version + 1}"
    )


def describe(framework: Framework) -> str:
    """'7 areas, 16 indicators, 48 questions, 190 options, 24 rules' of a loaded framework."""
    areas = framework.areas.all()
    counts = {
        "areas": areas.count(),
        "indicators": Indicator.objects.filter(area__framework=framework).count(),
        "questions": Question.objects.filter(indicator__area__framework=framework).count(),
        "options": Option.objects.filter(question__indicator__area__framework=framework).count(),
        "rules": RecommendationRule.objects.filter(indicator__area__framework=framework).count(),
    }
    return ", ".join(f"{count} {name}" for name, count in counts.items())


# --- checking -------------------------------------------------------------------------------


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class _Checker:
    """Collects every problem of a framework's data, each with where it is."""

    def __init__(self, data: Any) -> None:
        self.data = data
        self.errors: list[str] = []
        self.indicators: set[str] = set()

    def fail(self, message: str) -> None:
        self.errors.append(message)

    def check(self) -> None:
        data = self.data
        if not isinstance(data, Mapping):
            raise InvalidFramework(["expected a JSON object with key, version, title, areas"])
        self.fields(data, FRAMEWORK_FIELDS, "framework")
        key: Any = data.get("key")
        version: Any = data.get("version")
        if not isinstance(key, str) or not KEY.fullmatch(key) or len(key) > 60:
            self.fail(f"framework: key {key!r} must be lower-case letters, digits and hyphens")
        if not _is_int(version) or not 1 <= version <= 32767:
            self.fail(f"framework: version {version!r} must be a whole number from 1")
        if "published" in data and not isinstance(data["published"], bool):
            self.fail("framework: published must be true or false")
        check_text(data.get("title"), "framework: title", self.errors)
        check_text(data.get("description"), "framework: description", self.errors, required=False)
        areas = data.get("areas")
        if not isinstance(areas, list) or not areas:
            self.fail("framework: areas must be a non-empty list")
            areas = []
        questions: list[str] = []
        for index, area in enumerate(areas):
            self.area(area, index, questions)
        self.unique([a.get("key") for a in areas if isinstance(a, Mapping)], "area")
        self.unique(questions, "question")
        rules = data.get("rules", [])
        if not isinstance(rules, list):
            self.fail("framework: rules must be a list")
            rules = []
        self.rules(rules)
        if isinstance(key, str) and _is_int(version):
            existing = Framework.objects.filter(key=key, version=version).first()
            # data with errors differs from the loaded version anyway
            if (
                existing is not None
                and existing.assessments.exists()
                and (self.errors or dump_framework(existing) != canonical(data))
            ):
                self.errors.insert(0, _in_use(existing))
        if self.errors:
            raise InvalidFramework(self.errors)

    def fields(self, obj: Mapping[str, Any], allowed: set[str], where: str) -> None:
        unknown = sorted(set(obj) - allowed)
        if unknown:
            self.fail(f"{where}: unknown fields {', '.join(unknown)}")

    def unique(self, keys: list[Any], what: str) -> None:
        for key in sorted({k for k in keys if keys.count(k) > 1}, key=str):
            self.fail(f"{what} key {key!r} appears more than once")

    def key(self, obj: Mapping[str, Any], what: str, index: int, within: str) -> str:
        """Where `obj` is, for messages ("area 'management'"); its key is checked too."""
        key = obj.get("key")
        if not isinstance(key, str) or not KEY.fullmatch(key) or len(key) > 60:
            self.fail(
                f"{within}{what} {index + 1}: key {key!r} must be lower-case letters, digits, "
                "hyphens or underscores (at most 60)"
            )
            return f"{within}{what} {index + 1}"
        return f"{within}{what} {key!r}"

    def weight(self, obj: Mapping[str, Any], where: str) -> None:
        weight = obj.get("weight", 1)
        if not _is_int(weight) or not 1 <= weight <= MAX_WEIGHT:
            self.fail(f"{where}: weight {weight!r} must be a whole number from 1 to {MAX_WEIGHT}")

    def points(self, value: Any, where: str) -> None:
        if not _is_int(value) or not 0 <= value <= 100:
            self.fail(f"{where}: points {value!r} must be a whole number from 0 to 100")

    def area(self, area: Any, index: int, questions: list[str]) -> None:
        if not isinstance(area, Mapping):
            self.fail(f"area {index + 1}: expected an object")
            return
        where = self.key(area, "area", index, "")
        self.fields(area, AREA_FIELDS, where)
        check_text(area.get("title"), f"{where}: title", self.errors)
        check_text(area.get("description"), f"{where}: description", self.errors, required=False)
        self.weight(area, where)
        indicators = area.get("indicators")
        if not isinstance(indicators, list) or not indicators:
            self.fail(f"{where}: indicators must be a non-empty list")
            return
        keys = []
        for number, indicator in enumerate(indicators):
            if not isinstance(indicator, Mapping):
                self.fail(f"{where}: indicator {number + 1}: expected an object")
                continue
            keys.append(indicator.get("key"))
            self.indicator(indicator, number, f"{where}, ", questions)
        for key in keys:
            if key in self.indicators:
                self.fail(f"indicator key {key!r} appears more than once")
            elif isinstance(key, str):
                self.indicators.add(key)

    def indicator(self, indicator: Mapping[str, Any], index: int, within: str,
                  questions: list[str]) -> None:  # fmt: skip
        where = self.key(indicator, "indicator", index, within)
        self.fields(indicator, INDICATOR_FIELDS, where)
        check_text(indicator.get("title"), f"{where}: title", self.errors)
        self.weight(indicator, where)
        items = indicator.get("questions")
        if not isinstance(items, list) or not items:
            self.fail(f"{where}: questions must be a non-empty list")
            return
        scored = 0
        for number, question in enumerate(items):
            if not isinstance(question, Mapping):
                self.fail(f"{where}: question {number + 1}: expected an object")
                continue
            questions.append(str(question.get("key")))
            scored += question.get("kind") != KINDS.TEXT
            self.question(question, number, f"{where}, ")
        if not scored:
            self.fail(f"{where}: needs at least one question that is scored (not text)")

    def question(self, question: Mapping[str, Any], index: int, within: str) -> None:
        where = self.key(question, "question", index, within)
        self.fields(question, QUESTION_FIELDS, where)
        kind = question.get("kind")
        if kind not in KINDS.values:
            self.fail(f"{where}: kind {kind!r} is not one of {', '.join(KINDS.values)}")
            return
        check_text(question.get("text"), f"{where}: text", self.errors)
        check_text(question.get("help"), f"{where}: help", self.errors, required=False)
        self.weight(question, where)
        if not isinstance(question.get("not_applicable", False), bool):
            self.fail(f"{where}: not_applicable must be true or false")
        options, bands = question.get("options"), question.get("bands")
        if kind in OPTION_COUNT:
            if options is None and kind == KINDS.YES_PARTLY_NO:
                options = YES_PARTLY_NO
            self.options(options, kind, where)
        elif options not in (None, []):
            self.fail(f"{where}: a {kind} question has no options")
        if kind == KINDS.NUMBER:
            self.bands(bands, where)
            check_text(question.get("unit"), f"{where}: unit", self.errors, required=False)
        else:
            if bands not in (None, []):
                self.fail(f"{where}: only number questions have bands")
            if question.get("unit") not in (None, {}):
                self.fail(f"{where}: only number questions have a unit")

    def options(self, options: Any, kind: str, where: str) -> None:
        low, high = OPTION_COUNT[kind]
        if not isinstance(options, list) or not low <= len(options) <= high:
            count = str(low) if low == high else f"{low} to {high}"
            self.fail(f"{where}: a {kind} question needs {count} options")
            return
        keys = []
        for number, option in enumerate(options):
            if not isinstance(option, Mapping):
                self.fail(f"{where}: option {number + 1}: expected an object")
                continue
            at = self.key(option, "option", number, f"{where}, ")
            self.fields(option, OPTION_FIELDS, at)
            check_text(option.get("label"), f"{at}: label", self.errors)
            self.points(option.get("points"), at)
            keys.append(option.get("key"))
        for key in sorted({k for k in keys if keys.count(k) > 1}, key=str):
            self.fail(f"{where}: option key {key!r} appears more than once")

    def bands(self, bands: Any, where: str) -> None:
        if not isinstance(bands, list) or not bands:
            self.fail(f"{where}: a number question needs bands [[from, points], …]")
            return
        previous = None
        for band in bands:
            if not (isinstance(band, list) and len(band) == 2 and _is_number(band[0])):
                self.fail(f"{where}: band {band!r} must be [from, points]")
                return
            self.points(band[1], f"{where}: band from {band[0]}")
            if previous is not None and band[0] <= previous:
                self.fail(f"{where}: bands must be in ascending order of 'from' ({bands!r})")
                return
            previous = band[0]

    def rules(self, rules: list[Any]) -> None:
        slugs: set[str] = set()
        bands: dict[str, list[tuple[int, int]]] = {}
        for index, rule in enumerate(rules):
            where = f"rule {index + 1}"
            if not isinstance(rule, Mapping):
                self.fail(f"{where}: expected an object")
                continue
            indicator: Any = rule.get("indicator")
            low: Any = rule.get("min")
            high: Any = rule.get("max")
            where = f"rule {index + 1} ({indicator} {low}–{high})"
            self.fields(rule, RULE_FIELDS, where)
            if indicator not in self.indicators:
                self.fail(f"{where}: unknown indicator {indicator!r}")
            if not all(_is_int(v) and 0 <= v <= 100 for v in (low, high)) or low > high:
                self.fail(f"{where}: min and max must be whole numbers, 0 ≤ min ≤ max ≤ 100")
            elif isinstance(indicator, str):
                bands.setdefault(indicator, []).append((low, high))
            measures = rule.get("measures")
            if (
                not isinstance(measures, list)
                or not measures
                or not all(isinstance(slug, str) for slug in measures)
            ):
                self.fail(f"{where}: measures must be a non-empty list of measure slugs")
            else:
                slugs.update(measures)
            check_text(rule.get("reason"), f"{where}: reason", self.errors)
        for indicator, ranges in bands.items():
            for (low1, high1), (low2, high2) in itertools.pairwise(ranges):
                if low2 <= high1:
                    self.fail(
                        f"rules of indicator {indicator!r}: score bands must be ascending and "
                        f"must not overlap ({low1}–{high1}, then {low2}–{high2})"
                    )
        known = set(Measure.objects.filter(slug__in=slugs).values_list("slug", flat=True))
        unknown = sorted(slugs - known)
        if unknown and not Measure.objects.exists():
            self.fail(
                "rules: the measures library is empty; load it first (manage.py load_measures)"
            )
        elif unknown:
            self.fail(
                f"rules: unknown measure{'s' if len(unknown) > 1 else ''} "
                f"{', '.join(map(repr, unknown))} "
                "(load the measures first: manage.py load_measures)"
            )


# --- writing --------------------------------------------------------------------------------


def _sync(existing: Mapping[str, Any], wanted: list[str]) -> None:
    """Delete what is no longer in the data (cascading to its children)."""
    for key, obj in existing.items():
        if key not in wanted:
            obj.delete()


def _save(model: Any, existing: Mapping[str, Any], key: str, values: dict[str, Any]) -> Any:
    obj = existing.get(key)
    if obj is None:
        return model.objects.create(key=key, **values)
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    if changed:
        obj.save(update_fields=changed)
    return obj


def _write(framework: Framework | None, data: Mapping[str, Any]) -> Framework:
    values = {
        "title": data["title"],
        "description": data.get("description") or {},
        "published": data.get("published", False),
    }
    if framework is None:
        framework = Framework.objects.create(key=data["key"], version=data["version"], **values)
    else:
        _save(Framework, {framework.key: framework}, framework.key, values)
    areas = {area.key: area for area in framework.areas.all()}
    _sync(areas, [a["key"] for a in data["areas"]])
    indicators_by_key: dict[str, Indicator] = {}
    for position, spec in enumerate(data["areas"]):
        area = _save(Area, areas, spec["key"], {
            "framework": framework, "position": position, "title": spec["title"],
            "description": spec.get("description") or {}, "weight": spec.get("weight", 1),
        })  # fmt: skip
        indicators_by_key.update(_write_indicators(area, spec["indicators"]))
    RecommendationRule.objects.filter(indicator__area__framework=framework).delete()
    slugs = {slug for rule in data.get("rules", []) for slug in rule["measures"]}
    measures = {measure.slug: measure for measure in Measure.objects.filter(slug__in=slugs)}
    for rule in data.get("rules", []):
        created = RecommendationRule.objects.create(
            indicator=indicators_by_key[rule["indicator"]], min_score=rule["min"],
            max_score=rule["max"], reason=rule["reason"],
        )  # fmt: skip
        created.measures.set([measures[slug] for slug in rule["measures"]])
    return framework


def _write_indicators(area: Area, specs: list[Mapping[str, Any]]) -> dict[str, Indicator]:
    existing = {indicator.key: indicator for indicator in area.indicators.all()}
    _sync(existing, [spec["key"] for spec in specs])
    written = {}
    for position, spec in enumerate(specs):
        indicator = _save(Indicator, existing, spec["key"], {
            "area": area, "position": position, "title": spec["title"],
            "weight": spec.get("weight", 1),
        })  # fmt: skip
        questions = {question.key: question for question in indicator.questions.all()}
        _sync(questions, [q["key"] for q in spec["questions"]])
        for number, item in enumerate(spec["questions"]):
            _write_question(indicator, questions, number, item)
        written[indicator.key] = indicator
    return written


def _write_question(
    indicator: Indicator, existing: Mapping[str, Question], position: int, spec: Mapping[str, Any]
) -> None:
    kind = spec["kind"]
    question = _save(Question, existing, spec["key"], {
        "indicator": indicator, "position": position, "kind": kind, "text": spec["text"],
        "help": spec.get("help") or {}, "weight": spec.get("weight", 1),
        "allows_not_applicable": spec.get("not_applicable", False),
        "number_bands": spec.get("bands") or [], "number_unit": spec.get("unit") or {},
    })  # fmt: skip
    options = spec.get("options")
    if options is None and kind == KINDS.YES_PARTLY_NO:
        options = YES_PARTLY_NO
    options = options or []
    current = {option.key: option for option in question.options.all()}
    _sync(current, [o["key"] for o in options])
    for number, option in enumerate(options):
        _save(Option, current, option["key"], {
            "question": question, "position": number, "label": option["label"],
            "points": option["points"],
        })  # fmt: skip
