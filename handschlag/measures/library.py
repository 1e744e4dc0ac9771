"""The library's shipped content: `load_measures(data)` writes the editorial measures of the
Modulkoffer from JSON (data/measures.json) into the database.

One entry per measure, upserted by its slug, so loading the same file twice changes nothing:

    {"measures": [{"slug": "runder-tisch-integration",
                   "title": {"de": "…", "en": "…"}, "summary": {…}, "goal": {…},
                   "steps": [{…}, …],            # 3 to 7, in their order
                   "duration": {…}, "format": "network_meeting", "effort": "low",
                   "topics": ["management", …], "target_groups": ["administration", …],
                   "materials": [{"title": {…}, "source": "runder-tisch-checkliste.html"}]}]}

Every text is {"de": …, "en": …} with the German text present. A material's source is a short
HTML guide in data/materials/ that is rendered to PDF (WeasyPrint) when it is loaded, or a
PDF shipped there. Loaded materials live under measures/library/ with a hash of their content
in the file name: an unchanged guide keeps its file, a changed one gets a new file and the
old one is removed.

New measures are published at once (the file is the editors' work). An existing one gets the
file's texts; a measure that moderation withdrew stays withdrawn. A slug that belongs to a
measure an organisation proposed is refused: the file never overwrites a town's own work.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from handschlag.core import pdf

from .models import Effort, Format, Material, Measure, Topic
from .models import TargetGroup as Target

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_FILE = DATA_DIR / "measures.json"
MATERIALS_DIR = DATA_DIR / "materials"
# loaded materials live here; files uploaded in the admin go to measures/ directly
LIBRARY_PREFIX = "measures/library/"

MIN_STEPS, MAX_STEPS = 3, 7
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SOURCE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\.(html|pdf)")
REQUIRED_TEXTS = ("title", "summary", "goal", "duration")
FIELDS = {*REQUIRED_TEXTS, "slug", "steps", "format", "topics", "target_groups", "effort",
          "materials"}  # fmt: skip


class InvalidMeasures(ValueError):
    """The data cannot be loaded; `errors` says every reason, one line each."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class LoadResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    materials_written: int = 0
    materials_removed: int = 0

    def summary(self) -> str:
        return (
            f"Measures: {len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged; materials: {self.materials_written} written, "
            f"{self.materials_removed} removed."
        )


def read_json(path: str | Path) -> Any:
    """The JSON in `path`, or InvalidMeasures saying why it cannot be read."""
    try:
        with open(path, encoding="utf-8") as file:
            return json.load(file)
    except FileNotFoundError:
        raise InvalidMeasures([f"{path}: no such file"]) from None
    except json.JSONDecodeError as error:
        raise InvalidMeasures([f"{path}: not valid JSON ({error})"]) from None


def check_text(value: Any, where: str, errors: list[str], *, required: bool = True) -> None:
    """A text {"de": …, "en": …}: strings only, the German one not empty."""
    if value in (None, {}) and not required:
        return
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        errors.append(f'{where}: expected a text like {{"de": "…", "en": "…"}}, got {value!r}')
    elif not value.get("de", "").strip():
        errors.append(f"{where}: the German text (de) is missing")


def _check_choices(value: Any, allowed: list[str], where: str, errors: list[str]) -> None:
    if not isinstance(value, list) or not value:
        errors.append(f"{where}: expected a non-empty list of {', '.join(allowed)}")
        return
    unknown = [item for item in value if item not in allowed]
    if unknown:
        errors.append(f"{where}: unknown {unknown!r}; allowed: {', '.join(allowed)}")
    if len(set(map(str, value))) != len(value):
        errors.append(f"{where}: an entry appears twice")


def _check_measure(entry: Any, index: int, materials_dir: Path, errors: list[str]) -> None:
    if not isinstance(entry, dict):
        errors.append(f"measures[{index}]: expected an object")
        return
    slug = entry.get("slug")
    if not isinstance(slug, str) or not SLUG.fullmatch(slug) or len(slug) > 120:
        errors.append(
            f"measures[{index}]: slug {slug!r} must be lower-case letters, digits and hyphens "
            "(at most 120 characters)"
        )
        where = f"measures[{index}]"
    else:
        where = f"measure {slug!r}"
    unknown = sorted(set(entry) - FIELDS)
    if unknown:
        errors.append(f"{where}: unknown fields {', '.join(unknown)}")
    for name in REQUIRED_TEXTS:
        check_text(entry.get(name), f"{where}: {name}", errors)
    steps = entry.get("steps")
    if not isinstance(steps, list) or not MIN_STEPS <= len(steps) <= MAX_STEPS:
        errors.append(f"{where}: steps must be a list of {MIN_STEPS} to {MAX_STEPS} texts")
    else:
        for number, step in enumerate(steps, start=1):
            check_text(step, f"{where}: step {number}", errors)
    if entry.get("format") not in Format.values:
        errors.append(
            f"{where}: format {entry.get('format')!r} is not one of {', '.join(Format.values)}"
        )
    if entry.get("effort") not in Effort.values:
        errors.append(
            f"{where}: effort {entry.get('effort')!r} is not one of {', '.join(Effort.values)}"
        )
    _check_choices(entry.get("topics"), Topic.values, f"{where}: topics", errors)
    _check_choices(entry.get("target_groups"), Target.values, f"{where}: target_groups", errors)
    materials = entry.get("materials", [])
    if not isinstance(materials, list):
        errors.append(f"{where}: materials must be a list")
        return
    for number, material in enumerate(materials, start=1):
        if not isinstance(material, dict) or set(material) != {"title", "source"}:
            errors.append(f'{where}: material {number} must be {{"title": …, "source": …}}')
            continue
        check_text(material["title"], f"{where}: material {number} title", errors)
        source = material["source"]
        if not isinstance(source, str) or not SOURCE.fullmatch(source):
            errors.append(
                f"{where}: material {number} source {source!r} must be a file name like "
                "'guide-name.html' or 'guide-name.pdf'"
            )
        elif not (materials_dir / source).is_file():
            errors.append(f"{where}: material file {source} is not in {materials_dir}")


def validate(data: Any, materials_dir: Path = MATERIALS_DIR) -> list[dict[str, Any]]:
    """The measures of `data`, or InvalidMeasures listing everything that is wrong."""
    errors: list[str] = []
    entries = data.get("measures") if isinstance(data, Mapping) else None
    if not isinstance(entries, list) or not entries:
        raise InvalidMeasures(['expected {"measures": [ … ]} with at least one measure'])
    for index, entry in enumerate(entries):
        _check_measure(entry, index, materials_dir, errors)
    slugs = [entry.get("slug") for entry in entries if isinstance(entry, dict)]
    for slug in sorted({s for s in slugs if slugs.count(s) > 1}, key=str):
        errors.append(f"measure {slug!r} appears more than once")
    proposed = Measure.objects.filter(slug__in=[s for s in slugs if isinstance(s, str)]).exclude(
        organisation=None
    )
    for measure in proposed.select_related("organisation"):
        errors.append(
            f"measure {measure.slug!r}: this slug belongs to a measure that "
            f"{measure.organisation} proposed; choose another slug"
        )
    if errors:
        raise InvalidMeasures(errors)
    return entries


def load_measures(data: Any, *, materials_dir: Path = MATERIALS_DIR) -> LoadResult:
    """Create or update the library's measures from `data` (see the module's docstring).

    Nothing is written when anything in `data` is wrong (InvalidMeasures)."""
    entries = validate(data, materials_dir)
    result = LoadResult()
    with transaction.atomic():
        existing = {
            m.slug: m for m in Measure.objects.filter(slug__in=[e["slug"] for e in entries])
        }
        for entry in entries:
            before = existing.get(entry["slug"])
            measure, changed = _upsert(before, entry)
            changed = _materials(measure, entry, materials_dir, result) or changed
            if before is None:
                result.created.append(measure.slug)
            else:
                (result.updated if changed else result.unchanged).append(measure.slug)
    return result


def _upsert(measure: Measure | None, entry: dict[str, Any]) -> tuple[Measure, bool]:
    """The measure with the entry's texts (created if new); True if anything changed."""
    values = {
        "title": entry["title"], "summary": entry["summary"], "goal": entry["goal"],
        "steps": entry["steps"], "duration": entry["duration"], "format": entry["format"],
        "topics": entry["topics"], "target_groups": entry["target_groups"],
        "effort": entry["effort"],
    }  # fmt: skip
    if measure is None:
        measure = Measure.objects.create(
            slug=entry["slug"], state=Measure.State.PUBLISHED, published_at=timezone.now(),
            **values,
        )  # fmt: skip
        return measure, True
    changes = {name: value for name, value in values.items() if getattr(measure, name) != value}
    if measure.state in (Measure.State.DRAFT, Measure.State.SUBMITTED):
        changes["state"] = Measure.State.PUBLISHED
    if measure.state != Measure.State.WITHDRAWN and measure.published_at is None:
        changes["published_at"] = timezone.now()
    for name, value in changes.items():
        setattr(measure, name, value)
    if changes:
        measure.save(update_fields=[*changes, "updated_at"])
    return measure, bool(changes)


def _materials(
    measure: Measure, entry: dict[str, Any], materials_dir: Path, result: LoadResult
) -> bool:
    """Bring the measure's loaded materials in line with the entry; True if any changed."""
    changed = False
    loaded = {
        _stem(str(material.file.name)): material
        for material in measure.materials.filter(file__startswith=LIBRARY_PREFIX)
    }
    wanted = set()
    for position, spec in enumerate(entry.get("materials", [])):
        stem, source = _source(measure, spec, materials_dir)
        wanted.add(stem)
        made_of = source if isinstance(source, bytes) else source.key()
        name = f"{LIBRARY_PREFIX}{stem}-{hashlib.sha256(made_of).hexdigest()[:12]}.pdf"
        material = loaded.get(stem)
        if material is not None and material.file.name == name:
            if material.title != spec["title"] or material.position != position:
                material.title, material.position = spec["title"], position
                material.save(update_fields=["title", "position", "updated_at"])
                changed = True
            continue
        if material is not None:
            _remove(material, result)
        if default_storage.exists(name):  # written by an earlier load (the name is its content)
            size = default_storage.size(name)
        else:
            content = source if isinstance(source, bytes) else render_pdf(source)
            saved = default_storage.save(name, ContentFile(content))
            assert saved == name, (saved, name)
            size = len(content)
        Material.objects.create(
            measure=measure, title=spec["title"], file=name, size=size, position=position
        )
        result.materials_written += 1
        changed = True
    for stem, material in loaded.items():
        if stem not in wanted:
            _remove(material, result)
            changed = True
    return changed


def _stem(name: str) -> str:
    """'measures/library/runder-tisch-checkliste-0123456789ab.pdf' → 'runder-tisch-checkliste'."""
    return name.removeprefix(LIBRARY_PREFIX).rsplit("-", 1)[0]


def _remove(material: Material, result: LoadResult) -> None:
    """Delete a loaded material; its file goes when the transaction commits and no other
    material uses it."""
    name = str(material.file.name)
    material.delete()
    result.materials_removed += 1

    def delete_file() -> None:
        if not Material.objects.filter(file=name).exists():
            default_storage.delete(name)

    transaction.on_commit(delete_file)


def _source(
    measure: Measure, spec: dict[str, Any], materials_dir: Path
) -> tuple[str, bytes | pdf.PdfSource]:
    """A material's stem (its source's name without extension) and what its PDF is made of:
    the shipped PDF, or the guide's HTML with the shared print style and its own. The file
    name carries a hash of it."""
    path = materials_dir / spec["source"]
    if path.suffix == ".pdf":
        return path.stem, path.read_bytes()
    return path.stem, pdf.pdf_source(
        path.read_text(encoding="utf-8") + GUIDE_FOOTER,
        language="de",
        title=spec["title"]["de"],
        css=GUIDE_CSS.replace("MEASURE", pdf.css_string(measure.title["de"])),
        author="Handschlag – Modulkoffer",
    )


@lru_cache(maxsize=64)
def render_pdf(source: pdf.PdfSource) -> bytes:
    """A guide as PDF (the same source gives the same file: loads stay idempotent)."""
    return pdf.write_pdf(source)


# The guides' own print style on top of core/pdf/print.css (A4, fonts, page numbers).
GUIDE_CSS = """
@page { margin: 22mm 20mm 24mm;
  @top-left { content: "Handschlag · Modulkoffer"; font-size: 8.5pt; color: #5a6672; }
  @top-right { content: "MEASURE"; font-size: 8.5pt; color: #5a6672; } }
h1, h2 { color: #0b4f6c; }
h1 { font-size: 19pt; margin: 0 0 4mm; }
h2 { font-size: 13pt; margin: 7mm 0 2mm; }
h3 { font-size: 11pt; margin: 5mm 0 1mm; }
p.lead { font-size: 11.5pt; }
th, td { border: 0.5pt solid #9aa5b1; padding: 1.5mm 2mm; }
th { background: #e8eef3; }
ul.checklist { list-style: none; padding-inline-start: 0; }
ul.checklist li::before { content: "☐  "; }
.note { border-inline-start: 3pt solid #0b4f6c; padding-inline-start: 3mm; color: #33404d; }
footer { margin-top: 8mm; font-size: 8.5pt; color: #5a6672; }
"""
GUIDE_FOOTER = """
<footer>Aus dem Modulkoffer von Handschlag. Nachmachen ausdrücklich erwünscht: Sie dürfen
diesen Leitfaden für Ihre Kommune kopieren und anpassen.</footer>
"""
