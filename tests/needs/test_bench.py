"""bench/needs.py runs in its short mode and ends with one JSON line with `nightly_match_s`."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_short_bench_prints_the_nightly_run_as_json(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bench.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    result = subprocess.run(  # noqa: S603 (our own script, numbers as arguments)
        [sys.executable, str(ROOT / "bench" / "needs.py"), "--promises", "300", "--needs", "200"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=True,
    )  # fmt: skip
    last = json.loads(result.stdout.strip().splitlines()[-1])
    assert (last["promises"], last["needs"]) == (300, 200)
    assert last["proposals"] > 0 and last["nightly_match_s"] >= 0
