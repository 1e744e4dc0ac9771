"""Helpers for the concurrency tests: run actions in parallel threads, released together."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.db import connection

from handschlag.core.errors import DomainError

THREADS = 24


def run_at_once(actions: list[Callable[[], Any]]) -> list[str]:
    """Run every action in its own thread, all released by one barrier. Each result is "ok",
    the DomainError's code, or "crash: …" for anything else. Every thread closes its own
    database connection (Django's connections are per thread)."""
    barrier = threading.Barrier(len(actions))

    def run(action: Callable[[], Any]) -> str:
        try:
            barrier.wait(timeout=30)
            action()
            return "ok"
        except DomainError as error:
            return error.code
        except Exception as error:  # any other failure is reported, and fails the test
            return f"crash: {error!r}"
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(actions)) as pool:
        return list(pool.map(run, actions))
