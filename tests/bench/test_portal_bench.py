"""bench/portal.py runs in its small mode and ends with one JSON line: the offer list, the
search and a guide page (queries and times) and the HSDS export of one municipality."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGES = ("list", "search", "guide")


def test_the_small_bench_prints_list_search_guide_and_export_as_json(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bench.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_CACHE_DIR": str(tmp_path / "cache"),
    }
    result = subprocess.run(  # noqa: S603 (our own script, numbers as arguments)
        [sys.executable, str(ROOT / "bench" / "portal.py"),
         "--municipalities", "3", "--offers", "20", "--repeat", "2"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=True,
    )  # fmt: skip
    last = json.loads(result.stdout.strip().splitlines()[-1])
    assert (last["municipalities"], last["offers"], last["offers_in_portal"]) == (3, 60, 20)
    # every section of every object in six languages: thousands of rows even this small
    assert last["translations"] > 60 * 6 * 4
    assert last["search_hits"] > 0  # the search asks for something that is there
    for page in (*PAGES, "export"):
        assert last[page]["status"] == 200, page
    # the budget: each page ≤ 10 queries
    for page in PAGES:
        assert 0 < last[page]["queries"] <= 10, page
    assert last["max_queries"] == max(last[page]["queries"] for page in PAGES)
    assert last["list_ms"] > 0 and last["search_ms"] > 0 and last["guide_ms"] > 0
    assert last["export_s"] > 0
