"""scripts/serve.sh (`make serve`): gunicorn and the task worker start, serve, and stop together,
on Ctrl-C as well as when one of them dies."""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def children(pid: int) -> dict[int, str]:
    """pid → command line of the processes whose parent is `pid`."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found[int(entry.name)] = cmdline
    return found


@pytest.fixture
def serve(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "PYTHON": sys.executable,
        "BIND": f"127.0.0.1:{port}",
        "WORKERS": "1",
        "COLLECTSTATIC": "0",  # ~30 s; the static files are not what this test is about
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        "DJANGO_CACHE_DIR": str(tmp_path / "cache"),
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)  # manage.py's own: config.settings
    env.pop("REDIS_URL", None)
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        ["/bin/bash", "scripts/serve.sh"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, as a terminal gives it
    )
    url = f"http://127.0.0.1:{port}/api/v1/promises"
    deadline = time.monotonic() + 120
    answer = None
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                answer = (response.status, json.load(response))
                break
        except OSError:
            time.sleep(0.5)
    yield process, answer, tmp_path / "serve.log"
    if group_alive(process.pid):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    log.close()


def test_serves_and_ctrl_c_stops_both_processes(serve):
    process, answer, log = serve
    assert answer is not None, log.read_text()
    assert answer[0] == 200
    assert answer[1]["count"] == 0
    running = " ".join(children(process.pid).values())
    assert "gunicorn" in running and "db_worker" in running, running

    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    process.wait(timeout=30)
    deadline = time.monotonic() + 15
    while group_alive(process.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not group_alive(process.pid), "a process of the serve outlived Ctrl-C"
    assert "serve: stopped" in log.read_text()


def test_when_the_task_worker_dies_gunicorn_stops_too(serve):
    process, answer, log = serve
    assert answer is not None, log.read_text()
    worker = next(pid for pid, cmd in children(process.pid).items() if "db_worker" in cmd)
    os.kill(worker, signal.SIGKILL)
    assert process.wait(timeout=30) != 0
    deadline = time.monotonic() + 15
    while group_alive(process.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not group_alive(process.pid), "gunicorn outlived the task worker"
    assert "a process ended" in log.read_text()
