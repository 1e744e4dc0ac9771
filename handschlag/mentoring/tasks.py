"""Mentoring's background work (django-tasks): in tests and `make run` a task runs at once,
in-process; in production a `db_worker` picks it up."""

from __future__ import annotations

from django_tasks import task

# --- matching rounds ---------------------------------------------------------------------


@task()
def run_matching_round(round_id: int) -> None:
    """Run a queued matching round (rounds.run_round: progress, proposals, or the error)."""
    from .rounds import run_round

    run_round(round_id)
