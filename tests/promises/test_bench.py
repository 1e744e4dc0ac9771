"""bench/promises.py runs in a short mode and ends with one JSON line with the issue's keys."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KEYS = {"near_ms", "near_queries", "search_ms", "search_queries", "nightly_match_s"}


def test_the_short_bench_prints_every_target_as_json(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bench.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    command = [sys.executable, str(ROOT / "bench" / "promises.py"),
               "--count", "300", "--needs", "100", "--repeat", "1"]  # fmt: skip
    result = subprocess.run(  # noqa: S603 (our own script, numbers as arguments)
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=True
    )
    last = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(last) >= KEYS
    assert (last["promises"], last["needs"]) == (300, 100)
    assert last["near_queries"] <= 5 and last["search_queries"] <= 5
