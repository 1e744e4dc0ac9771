"""Throughput of the main pages, side by side with a bare Django view, on a real server.

    .venv/bin/python bench/pages.py [--workers 2] [--clients 8] [--seconds 10]

Starts gunicorn (DJANGO_DEBUG=0, its own SQLite database var/bench-pages.sqlite3 with the demo
world, or DATABASE_URL) on a free localhost port, with bench/urls.py: the site plus a bare
view at /__hello__/. Then it loads each page for `--seconds` with `--clients` keep-alive
connections (wrk when installed, else a Python client) and prints requests per second and
each page's ratio to the bare view. Its last line is one JSON object. Numbers are printed,
never asserted. Localhost only; bounded by --seconds per page.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def server_env() -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "bench-only-" + "x" * 50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_CACHE_DIR": str(ROOT / "var" / "bench-cache"),
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-pages.sqlite3'}")
    return env


def prepare(env: dict[str, str]) -> dict[str, str]:
    """Migrate, load the demo world, collect static files; return the pages to measure."""
    manage = [PYTHON, str(ROOT / "manage.py")]
    for command in (["migrate", "--noinput"], ["load_demo"], ["collectstatic", "--noinput"]):
        subprocess.run([*manage, *command], env=env, cwd=ROOT, check=True, capture_output=True)
    shutil.rmtree(ROOT / "var" / "bench-cache", ignore_errors=True)
    detail = subprocess.run(
        [*manage, "shell", "-c",
         "from handschlag.promises.models import Promise;"
         "print(Promise.objects.published().order_by('pk').first().get_absolute_url())"],
        env=env, cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout.strip().splitlines()[-1]  # fmt: skip
    return {
        "hello": "/__hello__/",
        "home": "/",
        "list": "/versprechen/",
        "detail": detail,
        "blog": "/blog/",
        "api": "/api/v1/promises",
    }


def start(env: dict[str, str], port: int, workers: int) -> subprocess.Popen[bytes]:
    command = [
        str(Path(PYTHON).with_name("gunicorn")), "bench.urls_wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, env=env, cwd=ROOT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/__hello__/")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not start")


def with_wrk(url: str, clients: int, seconds: float) -> float:
    done = subprocess.run(
        ["wrk", "-t2", f"-c{clients}", f"-d{max(1, int(seconds))}s", url],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return float(re.search(r"Requests/sec:\s+([\d.]+)", done.stdout).group(1))  # type: ignore[union-attr]


def with_python(port: int, path: str, clients: int, seconds: float) -> float:
    """Keep-alive clients in threads; counts completed 200 responses."""
    counts = [0] * clients
    stop = time.monotonic() + seconds

    def run(index: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.monotonic() < stop:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            if response.status == 200:
                counts[index] += 1

    started = time.monotonic()
    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / (time.monotonic() - started)


def check_status(port: int, path: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    return response.status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    (ROOT / "var").mkdir(exist_ok=True)
    env = server_env()
    pages = prepare(env)
    port = free_port()
    server = start(env, port, args.workers)
    use_wrk = shutil.which("wrk") is not None
    results: dict[str, float] = {}
    try:
        for name, path in pages.items():
            status = check_status(port, path)
            if status != 200:
                raise SystemExit(f"{name} {path}: {status}")
            check_status(port, path)  # warm: the first request fills caches
            results[name] = (
                with_wrk(f"http://127.0.0.1:{port}{path}", args.clients, args.seconds)
                if use_wrk
                else with_python(port, path, args.clients, args.seconds)
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
    hello = results["hello"]
    print(f"client: {'wrk' if use_wrk else 'python'}, {args.workers} workers, "
          f"{args.clients} clients, {args.seconds:g} s per page")  # fmt: skip
    print(f"{'page':10} {'req/s':>9} {'ratio':>7}")
    for name, rps in results.items():
        print(f"{name:10} {rps:9.0f} {rps / hello:7.1%}")
    summary = {"hello_rps": round(hello), "client": "wrk" if use_wrk else "python"}
    for name, rps in results.items():
        if name != "hello":
            summary[f"rps_{name}"] = round(rps)
            summary[f"ratio_{name}"] = round(rps / hello, 3)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
