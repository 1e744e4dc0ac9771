"""bench/mentoring.py runs in its small mode and ends with one JSON line: the dashboards' queries
and times, the funder export, and the round (or null figures while there is no rounds module)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_small_bench_prints_dashboards_export_and_round_as_json(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bench.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_CACHE_DIR": str(tmp_path / "cache"),
    }
    result = subprocess.run(  # noqa: S603 (our own script, numbers as arguments)
        [sys.executable, str(ROOT / "bench" / "mentoring.py"),
         "--carriers", "3", "--sites", "30", "--tandems", "2000",
         "--mentees", "300", "--mentors", "200", "--repeat", "2"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=True,
    )  # fmt: skip
    lines = result.stdout.strip().splitlines()
    last = json.loads(lines[-1])
    assert (last["carriers"], last["sites"], last["tandems"]) == (3, 30, 2000)
    assert last["waiting_mentees"] == 300 and last["free_mentors"] == 200
    for page in ("programme", "carrier", "site", "api_programme", "export"):
        assert last[page]["status"] == 200, page
    assert 0 < last["dashboard_queries"] <= 10
    assert last["dashboard_ms"] > 0 and last["export_s"] > 0
    if last["round"]["available"]:
        assert last["round_s"] > 0 and last["engine_s"] is not None and last["peak_mb"] > 0
    else:  # no figures are made up while the rounds module is missing
        assert "round: not available" in result.stdout
        assert last["round_s"] is last["engine_s"] is last["peak_mb"] is None
