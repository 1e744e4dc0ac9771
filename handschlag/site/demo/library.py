"""The measures library (Modulkoffer) and the self-assessment framework in the demo world: the
files the platform ships, loaded through the same services as `manage.py load_measures` and
`manage.py load_framework` (measures first: the framework's rules name them). Idempotent:
unchanged files change nothing, also once demo assessments use the framework."""

from __future__ import annotations

from handschlag.assessment import frameworks
from handschlag.assessment.models import Framework
from handschlag.measures import library


def load_library() -> tuple[int, Framework]:
    """Load the shipped measures and framework; returns how many measures are new and the
    framework (for the demo's assessments)."""
    measures = library.load_measures(library.read_json(library.DEFAULT_FILE))
    framework = frameworks.load_framework(frameworks.read_json(frameworks.DEFAULT_FILE))
    return len(measures.created), framework
