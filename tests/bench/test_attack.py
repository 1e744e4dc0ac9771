"""bench/attack.py: it only ever targets this machine, reads our forms, and finds nothing to
complain about on a healthy site (a short run against the live test server)."""

from __future__ import annotations

import importlib.util
import json
import socket
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def load_attack():
    spec = importlib.util.spec_from_file_location("bench_attack", ROOT / "bench" / "attack.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_attack"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


attack = load_attack()


@pytest.mark.parametrize(
    "base",
    [
        "http://127.0.0.1:8000",
        "http://127.0.0.1",
        "http://127.3.2.1:8765/",
        "http://localhost:8000",
        "http://[::1]:8000",
    ],
)
def test_accepts_only_this_machine(base):
    _host, port = attack.loopback_target(base)
    assert port in (80, 8000, 8765)


@pytest.mark.parametrize(
    "base",
    [
        "http://10.0.0.5:8000",
        "http://192.168.1.10",
        "http://172.16.0.1",
        "http://8.8.8.8",
        "http://0.0.0.0:8000",
        "http://handschlag.example",
        "https://127.0.0.1:8000",
        "ftp://127.0.0.1",
    ],
)
def test_refuses_every_other_target(base):
    with pytest.raises(attack.Refused):
        attack.loopback_target(base)


def test_refused_target_gets_no_connection(monkeypatch, capsys):
    def no_network(*args, **kwargs):
        raise AssertionError("attack.py connected although the target was refused")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    assert attack.main(["--base", "http://10.1.2.3:8000"]) == 2
    assert "refusing" in capsys.readouterr().err


def test_reads_forms_and_links():
    page = attack.parse_page(
        """
        <a href="/versprechen/?page=2">weiter</a>
        <form method="get" action="/versprechen/"><input name="q"><select name="sort">
          <option value="new">neu</option><option value="deadline" selected>Frist</option>
        </select></form>
        <form method="post" action="/x/">
          <input type="hidden" name="csrfmiddlewaretoken" value="t">
          <input type="checkbox" name="open" checked><input type="checkbox" name="off">
          <textarea name="plan">Plan</textarea>
          <select name="organisation"><option value="">ich</option><option value="3">Org</option>
          </select>
          <button type="submit" name="action" value="preview">Vorschau</button>
          <input type="file" name="photo">
        </form>
        """
    )
    assert page.links == ["/versprechen/?page=2"]
    search, post = page.forms
    assert (search.method, search.action, search.names) == ("get", "/versprechen/", ["q", "sort"])
    assert search.fields == {"q": "", "sort": "deadline"}
    assert post.fields == {
        "csrfmiddlewaretoken": "t",
        "open": "on",
        "plan": "Plan",
        "organisation": "",
        "action": "preview",
    }
    assert post.options["organisation"] == ["", "3"]


def test_garbage_covers_every_page_and_stays_readable_by_the_server():
    pages = {"/versprechen/": {"q", "sort"}, "/versprechen/12/": set(), "/blog/feed/rss/": set()}
    waves = attack.garbage_requests(pages)
    urls = [url for wave in waves for url in wave]
    assert all(len(url) <= attack.MAX_URL + 10 for url in urls)
    assert f"/versprechen/{attack.HUGE_ID}/" in waves[0]  # huge ids in the path first
    assert "/versprechen/?sort=%2B99999999999999999999" in urls  # one parameter alone
    assert "/api/v1/x?page=9_999_999_999_999_999_999" in [
        url for wave in attack.garbage_requests({"/api/v1/x": set()}) for url in wave
    ]
    everything = "/versprechen/?format=%00&lang=%00&next=%00&page=%00&q=%00&sort=%00"
    wave = next(wave for wave in waves if everything in wave)
    assert {url.split("?")[0] for url in wave} == set(pages)  # every page gets each kind
    long_value = dict(attack.GARBAGE)["long"]
    assert f"/versprechen/?q={long_value}" in urls  # too long together: one at a time


def demo_site(live_server):
    call_command("load_demo", verbosity=0)
    return live_server.url


@pytest.mark.django_db(transaction=True)
def test_short_run_against_the_live_test_server(live_server, capsys):
    """The crawl logs in, finds the pages and sends garbage; a healthy site gives no 5xx.
    (SQLite's in-memory test database is shared by the server's threads: one at a time.)"""
    base = demo_site(live_server)
    code = attack.main(
        [
            "--base", base, "--rounds", "0", "--accounts", "ehrenamt", "--concurrency", "1",
            "--max-requests", "250", "--max-seconds", "60", "--max-pages", "25",
        ]
    )  # fmt: skip
    out = capsys.readouterr().out
    summary = json.loads(out.strip().splitlines()[-1])
    assert summary["pages_crawled"] > 20, out
    assert summary["requests"] >= 200, out
    # Django's live test server answers /media/ itself (not through the site's URLs), and with
    # a 500 for a file name that is too long; the site's own media view is tested elsewhere.
    site_errors = [url for url in summary["server_error_urls"] if " /media/" not in url]
    assert site_errors == []
    assert summary["connection_errors"] == 0, summary["connection_error_urls"]
    assert summary["problems"] == []
    assert code == (1 if summary["server_errors"] else 0)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent requests need a real database server"
)
@pytest.mark.django_db(transaction=True)
def test_race_round_against_the_live_test_server(live_server, capsys):
    """Concurrent applies and accepts over HTTP: capacity holds, one application per person."""
    base = demo_site(live_server)
    attack.main(
        ["--base", base, "--rounds", "1", "--capacity", "2", "--max-pages", "1",
         "--max-requests", "400", "--max-seconds", "120"]
    )  # fmt: skip
    out = capsys.readouterr().out
    summary = json.loads(out.strip().splitlines()[-1])
    assert summary["race_rounds"] == 1, out
    assert summary["oversubscriptions"] == 0
    assert summary["duplicate_applications"] == 0
    assert summary["counter_mismatches"] == 0
    assert "→ 6 applications" in out and "→ 2 accepted" in out, out
    assert [url for url in summary["server_error_urls"] if " /media/" not in url] == []
