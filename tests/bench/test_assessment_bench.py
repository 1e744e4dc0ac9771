"""bench/assessment.py runs in its small mode and ends with one JSON line: the results page's,
the peer comparison's and the town's network page's queries and times."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_small_bench_prints_results_peers_and_network_as_json(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bench.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_CACHE_DIR": str(tmp_path / "cache"),
    }
    result = subprocess.run(  # noqa: S603 (our own script, numbers as arguments)
        [sys.executable, str(ROOT / "bench" / "assessment.py"),
         "--municipalities", "300", "--towns", "60", "--repeat", "2"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=True,
    )  # fmt: skip
    last = json.loads(result.stdout.strip().splitlines()[-1])
    assert (last["municipalities"], last["towns"], last["rounds"]) == (300, 60, 120)
    for page in ("results", "peers", "network"):
        assert last[page]["status"] == 200, page
    # the budget: each page ≤ 10 queries, the town page with its cache empty too
    for page in ("results", "peers", "network"):
        assert 0 < last[page]["queries"] <= 10, page
    assert last["max_queries"] == max(
        last[page]["queries"] for page in ("results", "peers", "network")
    )
    assert last["results_ms"] > 0 and last["peers_ms"] > 0 and last["network_ms"] > 0
