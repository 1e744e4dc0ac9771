"""`manage.py refresh_mentoring_figures` — recompute the statistics' summary tables of every
site (statistics_figures.rebuild). They are kept exact after every write; this is the safety
net (a write in a shell, a refresh that failed) and moves "people per year" into a new year.
`manage.py process_mentoring` runs it daily."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from handschlag.mentoring import statistics_figures


class Command(BaseCommand):
    help = "Recompute the mentoring statistics' summary tables of every site."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        sites = statistics_figures.rebuild()
        seconds = time.perf_counter() - started
        self.stdout.write(f"figures of {sites} sites recomputed in {seconds:.1f} s")
