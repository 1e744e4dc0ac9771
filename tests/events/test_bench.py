"""bench/events.py runs in its short mode and ends with one JSON line with the page timings."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_short_bench_prints_pages_and_a_registration_as_json(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bench.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_CACHE_DIR": str(tmp_path / "cache"),
    }
    result = subprocess.run(  # noqa: S603 (our own script, numbers as arguments)
        [sys.executable, str(ROOT / "bench" / "events.py"),
         "--events", "300", "--registrations", "3000", "--repeat", "2"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=True,
    )  # fmt: skip
    last = json.loads(result.stdout.strip().splitlines()[-1])
    assert (last["events"], last["registrations"]) >= (300, 3000)
    for key in ("list_ms", "calendar_ms", "feed_ms", "register_ms"):
        assert last[key] > 0, key
    assert 0 < last["max_queries"] <= 10
    for page in ("list", "calendar", "feed", "feed_personal", "api_list"):
        assert last[page]["status"] == 200, page
