"""Load and fault test against a running production-like serve (localhost only, bounded).

    make serve DEMO=1                      # in one terminal
    python3 bench/attack.py [--base http://127.0.0.1:8000] [--max-requests 8000]
                            [--max-seconds 600] [--rounds 3] [--capacity 2]

Standard library only; it talks HTTP and nothing else, so it runs with any Python 3.11.

1. Races: the company demo account creates a promise with a small capacity, the moderator
   publishes it, every other demo account applies several times at once (double submits), then
   the company accepts every application at once from two sessions (double clicks). Reported:
   oversubscriptions (accepted applications beyond the capacity; must be 0), more than one open
   application per person, and counters that disagree with the applications. Each round's
   promise is withdrawn afterwards.
2. Garbage: every page reachable from the home page, anonymously and as each demo account
   (plus the API from its OpenAPI schema), is requested again with garbage query strings (NUL,
   +99999999999999999999, unicode, invalid UTF-8, very long values, SQL and script fragments)
   and with huge ids in the path. Reported: 5xx answers (must be 0), with their URLs.

Only GET requests in the crawl; POSTs only for the race. Only 127.0.0.0/8, ::1 or localhost are
accepted as targets, and the run stops at --max-requests or --max-seconds, whichever comes
first. Prints a summary, and as its last line one JSON object. Exits 1 when it found a 5xx, an
oversubscription or a broken connection, 2 when it could not run.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import http.client
import ipaddress
import json
import re
import socket
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit

PASSWORD = "handschlag-demo"
DEMO_DOMAIN = "demo.handschlag.example"
OWNER = "firma"
MODERATOR = "moderation"
ACCOUNTS = ["moderation", "firma", "initiative", "helfer", "kommune", "ehrenamt", "stiftung"]
LOGIN_URL = "/konto/login/"

# Already percent-encoded query values. Each is sent in all of a page's parameters at once, the
# worst (PER_PARAMETER) also in each parameter alone.
GARBAGE: list[tuple[str, str]] = [
    ("nul", "%00"),
    ("nul-inside", "a%00b"),
    ("huge-plus", "%2B99999999999999999999"),
    ("huge", "99999999999999999999"),
    ("huge-negative", "-99999999999999999999"),
    ("huge-decimal", "99999999999999999999.0"),
    ("huge-underscore", "9_999_999_999_999_999_999"),
    ("float-overflow", "1e400"),
    ("nan", "NaN"),
    ("negative", "-1"),
    ("zero", "0"),
    ("long-digits", "9" * 400),
    ("long", "A" * 3500),
    ("unicode", quote("Grüße ☃ 😀 ‮ مرحبا Z̤͔ͧ̑̓")),
    ("invalid-utf8", "%ff%fe%C3"),
    ("surrogate", "%ED%A0%80"),
    ("control", "a%0Bb%0D%0Ac%1B"),
    ("sql", quote("' OR 1=1--")),
    ("sql-union", quote("1 UNION SELECT NULL,NULL--")),
    ("script", quote('"><script>alert(1)</script>')),
    ("path", quote("../../../../etc/passwd")),
    ("url", quote("//evil.example/")),
    ("javascript", quote("javascript:alert(1)")),
    ("brackets", quote("[]{}")),
    ("empty", ""),
]
# These kinds are also sent in each parameter alone (a view may stop at the first bad one).
PER_PARAMETER = [
    "nul", "nul-inside", "huge-plus", "huge", "huge-decimal", "huge-underscore", "huge-negative",
    "invalid-utf8",
]  # fmt: skip
HUGE_ID = "99999999999999999999"
GENERIC_PARAMETERS = ["page", "q", "next", "sort", "format", "lang"]
SKIP_PREFIXES = ("/static/", "/konto/logout/", "/i18n/")
MAX_BODY = 3 * 1024 * 1024
MAX_URL = 4000  # gunicorn refuses request lines over 4094 bytes with 414, before Django


class BudgetExhausted(Exception):
    pass


class Refused(Exception):
    pass


def loopback_target(base: str) -> tuple[str, int]:
    """(host, port) of `base`, or Refused unless it is this machine's loopback interface."""
    parts = urlsplit(base)
    if parts.scheme != "http":
        raise Refused(f"only http:// targets on this machine, not {base!r}")
    host = parts.hostname or ""
    port = parts.port or 80
    if host == "localhost":
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        addresses = {str(info[4][0]) for info in infos}
    else:
        addresses = {host}
    for address in addresses:
        try:
            ip = ipaddress.ip_address(address.split("%")[0])
        except ValueError:
            raise Refused(f"not an address on this machine: {host!r}") from None
        if not ip.is_loopback:
            raise Refused(f"refusing {host!r}: only 127.0.0.0/8, ::1 and localhost")
    return host, port


@dataclass
class Stats:
    statuses: Counter = field(default_factory=Counter)
    server_errors: list[dict] = field(default_factory=list)
    connection_errors: list[dict] = field(default_factory=list)
    requests: int = 0


class Budget:
    """Counts requests against --max-requests and --max-seconds, for all threads."""

    def __init__(self, max_requests: int, max_seconds: float):
        self.max_requests = max_requests
        self.deadline = time.monotonic() + max_seconds
        self.used = 0
        self.exhausted = False
        self._lock = threading.Lock()

    def take(self) -> None:
        with self._lock:
            if self.used >= self.max_requests or time.monotonic() >= self.deadline:
                self.exhausted = True
                raise BudgetExhausted
            self.used += 1


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage | None
    body: bytes
    url: str

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    @property
    def location(self) -> str:
        return (self.headers.get("Location") or "") if self.headers else ""


class Client:
    """One browser session: its own cookies (sent over plain HTTP too, this is localhost)."""

    def __init__(self, target: Target, name: str):
        self.target = target
        self.name = name
        self.cookies: dict[str, str] = {}
        self._lock = threading.Lock()

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict | None = None
    ) -> Response:
        self.target.budget.take()
        all_headers = {"Accept-Language": "de", "User-Agent": "handschlag-attack/1"}
        with self._lock:
            if self.cookies:
                all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        all_headers.update(headers or {})
        connection = http.client.HTTPConnection(self.target.host, self.target.port, timeout=60)
        stats = self.target.stats
        try:
            connection.putrequest(method, path, skip_accept_encoding=True)
            for key, value in all_headers.items():
                connection.putheader(key, value)
            if body is not None:
                connection.putheader("Content-Length", str(len(body)))
            connection.endheaders(body)
            raw = connection.getresponse()
            data = raw.read(MAX_BODY)
            response = Response(raw.status, raw.headers, data, path)
        except (OSError, http.client.HTTPException) as error:
            with self.target.lock:
                stats.requests += 1
                stats.statuses["error"] += 1
                stats.connection_errors.append(
                    {"who": self.name, "method": method, "url": path, "error": repr(error)}
                )
            return Response(0, None, b"", path)
        finally:
            connection.close()
        self._store_cookies(response.headers)
        with self.target.lock:
            stats.requests += 1
            stats.statuses[str(response.status)] += 1
            if stats.requests % 1000 == 0:
                print(
                    f"… {stats.requests} requests, {len(stats.server_errors)} 5xx", file=sys.stderr
                )
            if response.status >= 500:
                stats.server_errors.append(
                    {"who": self.name, "method": method, "url": path, "status": response.status}
                )
        return response

    def _store_cookies(self, headers: http.client.HTTPMessage | None) -> None:
        for header in (headers.get_all("Set-Cookie") or []) if headers else []:
            pair, _, attributes = header.partition(";")
            name, _, value = pair.strip().partition("=")
            gone = re.search(r"max-age=0\b|expires=[^;]*1970", attributes, re.IGNORECASE)
            with self._lock:
                if gone:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = value.strip('"')

    def get(self, path: str, follow: int = 0) -> Response:
        response = self.request("GET", path)
        while follow and response.status in (301, 302, 303, 307, 308):
            location = response.location
            target = urlsplit(urljoin(self.target.base + path, location))
            if (target.hostname, target.port or 80) != (self.target.host, self.target.port):
                break
            path = target.path + (f"?{target.query}" if target.query else "")
            response = self.request("GET", path)
            follow -= 1
        return response

    def post(self, path: str, data: list[tuple[str, str]] | dict) -> Response:
        body = urlencode(data).encode()
        return self.request(
            "POST",
            path,
            body,
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": self.target.base + path,
            },
        )

    def submit(self, page: Response, action: str | None, fill: dict[str, str]) -> Response:
        """Submit the form of `page` whose action is `action` (None: the page's own URL)."""
        forms = parse_forms(page.text)
        wanted = action or page.url.split("?")[0]
        for form in forms:
            if form.method == "post" and (form.action or page.url.split("?")[0]) == wanted:
                data = dict(form.fields)
                data.update(fill)
                return self.post(wanted, data)
        raise RuntimeError(f"{self.name}: no form posting to {wanted} on {page.url}")


@dataclass
class Target:
    base: str
    host: str
    port: int
    budget: Budget
    stats: Stats = field(default_factory=Stats)
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)
    options: dict[str, list[str]] = field(default_factory=dict)


class PageParser(HTMLParser):
    """Links and forms of one HTML page (enough of HTML for our own templates)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self.forms.append(Form(a.get("action", ""), a.get("method", "get").lower()))
        elif not self.forms:
            return
        form = self.forms[-1] if self.forms else None
        if form is None:
            return
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            form.names.append(name)
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    form.fields[name] = a.get("value", "on")
            elif kind not in ("submit", "button", "file", "image", "reset"):
                form.fields[name] = a.get("value", "")
        elif tag == "button" and name:
            form.fields.setdefault(name, a.get("value", ""))
        elif tag == "select" and name:
            form.names.append(name)
            self._select = name
            form.options[name] = []
        elif tag == "option" and self._select:
            value = a.get("value", "")
            form.options[self._select].append(value)
            if "selected" in a or self._select not in form.fields:
                form.fields[self._select] = value
        elif tag == "textarea" and name:
            form.names.append(name)
            self._textarea = name
            form.fields[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea and self.forms:
            self.forms[-1].fields[self._textarea] += data


def parse_page(html: str) -> PageParser:
    parser = PageParser()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # noqa: S110  (a broken page still gives what was parsed)
        pass
    return parser


def parse_forms(html: str) -> list[Form]:
    return parse_page(html).forms


def login(target: Target, account: str) -> Client:
    client = Client(target, account)
    page = client.get(LOGIN_URL)
    email = f"{account}@{DEMO_DOMAIN}"
    response = client.submit(page, LOGIN_URL, {"login": email, "password": PASSWORD})
    if response.status != 302 or "sessionid" not in client.cookies:
        raise RuntimeError(f"login as {email} failed (HTTP {response.status})")
    return client


def demo_logins(target: Target, accounts: Iterable[str]) -> dict[str, Client]:
    return {account: login(target, account) for account in accounts}


# --- 1. races ---------------------------------------------------------------------------------


def run_together(calls: list[Callable[[], Response]]) -> list[Response]:
    """Start all calls at the same moment (a barrier), each in its own thread."""
    barrier = threading.Barrier(len(calls))

    def go(call: Callable[[], Response]) -> Response:
        barrier.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(go, calls))


def create_published_promise(owner: Client, moderator: Client, capacity: int, n: int) -> int:
    page = owner.get("/versprechen/neu/")
    deadline = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    fill = {
        "title": f"Lasttest {n}: Sitzplätze für den Deutschkurs",
        "description": "Automatischer Lasttest (bench/attack.py); wird danach zurückgezogen.",
        "quantity": str(capacity * 10),
        "unit": "Plätze",
        "condition": "… jemand den Kurs am Abend begleitet.",
        "report_requirements": "Wie viele kamen?",
        "municipality": "",
        "deadline": deadline,
        "capacity": str(capacity),
        "eligibility": "anyone",
        "organisation": "",
        "action": "submit",  # save and submit for moderation (the form's preview step skipped)
    }
    form = next((f for f in parse_forms(page.text) if "title" in f.fields), None)
    if form is None:
        raise RuntimeError("no promise form on /versprechen/neu/")
    for name in form.names:  # choices we do not know by name: the first real option
        if name not in fill and form.options.get(name):
            fill[name] = next((o for o in form.options[name] if o), "")
    if "category" in form.options:
        fill["category"] = next(o for o in form.options["category"] if o)
    response = owner.submit(page, None, fill)
    match = re.search(r"/versprechen/(\d+)/", response.location)
    if response.status != 302 or not match:
        raise RuntimeError(f"creating the test promise failed (HTTP {response.status})")
    pk = int(match.group(1))
    review = moderator.get(f"/versprechen/{pk}/pruefen/")
    moderator.submit(
        review, f"/versprechen/{pk}/pruefen/", {"decision": "approve", "approve-comment": ""}
    )
    state = json.loads(owner.get(f"/api/v1/promises/{pk}").body or b"{}").get("state")
    if state != "published":
        raise RuntimeError(f"the test promise {pk} was not published (state {state!r})")
    return pk


APPLICATION = re.compile(
    r'<a href="/versprechen/einloesung/(\d+)/">[^<]*</a></h3>\s*<p class="meta">'
    r'<span class="badge">([^<]+)</span>'
)


def applications_of(owner: Client, pk: int) -> list[tuple[int, str]]:
    return [
        (int(i), s.strip()) for i, s in APPLICATION.findall(owner.get(f"/versprechen/{pk}/").text)
    ]


def race_round(clients: dict[str, Client], n: int, capacity: int, doubles: int, keep: bool) -> dict:
    owner, moderator = clients[OWNER], clients[MODERATOR]
    pk = create_published_promise(owner, moderator, capacity, n)
    applicants = [name for name in clients if name != OWNER]
    forms = {name: clients[name].get(f"/versprechen/{pk}/bewerben/") for name in applicants}

    def apply(name: str) -> Callable[[], Response]:
        return lambda: clients[name].submit(
            forms[name],
            None,
            {"plan": f"Wir kommen ({name}).", "quantity": "1", "organisation": ""},
        )

    applied = run_together([apply(name) for name in applicants for _ in range(doubles)])
    applications = applications_of(owner, pk)
    if not applications:
        raise RuntimeError(f"no applications readable on /versprechen/{pk}/ (template changed?)")
    # The company accepts each application `doubles` times at once, from two sessions.
    second = login(owner.target, OWNER)
    second.name = f"{OWNER}#2"
    pages = {session.name: session.get(f"/versprechen/{pk}/") for session in (owner, second)}

    def accept(session: Client, redemption: int) -> Callable[[], Response]:
        url = f"/versprechen/einloesung/{redemption}/annehmen/"
        return lambda: session.submit(pages[session.name], url, {})

    calls = [
        accept((owner, second)[i % 2], redemption)
        for redemption, _ in applications
        for i in range(doubles)
    ]
    accepted_answers = run_together(calls) if calls else []
    after = applications_of(owner, pk)
    api = json.loads(owner.get(f"/api/v1/promises/{pk}").body or b"{}")
    accepted = sum(1 for _, state in after if state == "angenommen")
    still_applied = sum(1 for _, state in after if state == "beworben")
    result = {
        "promise": pk,
        "capacity": capacity,
        "applicants": len(applicants),
        "apply_posts": len(applied),
        "applications": len(applications),
        "duplicate_applications": max(0, len(applications) - len(applicants)),
        "accept_posts": len(accepted_answers),
        "accepted": accepted,
        "left_applied": still_applied,
        "oversubscription": max(0, accepted - capacity),
        "remaining_capacity": api.get("remaining_capacity"),
        "counter_mismatch": api.get("remaining_capacity") != capacity - accepted,
    }
    if not keep:
        withdraw = f"/versprechen/{pk}/zurueckziehen/"  # a page that asks first, then the form
        owner.submit(owner.get(withdraw), None, {})
    return result


# --- 2. garbage crawl -------------------------------------------------------------------------


def pattern(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def crawl(client: Client, seeds: list[str], max_pages: int, per_pattern: int) -> dict[str, set]:
    """Pages reachable from the seeds: path → the query parameter names seen for it."""
    pages: dict[str, set] = {}
    patterns: Counter = Counter()
    queue = list(seeds)
    seen = set(queue)
    while queue and len(pages) < max_pages:
        url = queue.pop(0)
        parts = urlsplit(url)
        response = client.get(url, follow=3)
        if response.status != 200:
            continue
        path = parts.path
        names = pages.setdefault(path, set())
        names.update(key for key, _ in parse_qsl(parts.query, keep_blank_values=True))
        content_type = response.headers.get("Content-Type", "") if response.headers else ""
        if "html" not in content_type:
            continue
        page = parse_page(response.text)
        for form in page.forms:
            if form.method == "get" and (form.action or path) == path:
                names.update(form.names)
        for href in page.links:
            link = urlsplit(urljoin(client.target.base + path, href))
            if (link.hostname, link.port or 80) != (client.target.host, client.target.port):
                continue
            if link.path.startswith(SKIP_PREFIXES):
                continue
            if link.path in pages:
                pages[link.path].update(k for k, _ in parse_qsl(link.query))
            key = link.path + (f"?{link.query}" if link.query else "")
            if key in seen:
                continue
            if link.path not in pages and patterns[pattern(link.path)] >= per_pattern:
                continue
            patterns[pattern(link.path)] += 1
            seen.add(key)
            queue.append(key)
    return pages


def api_pages(client: Client) -> dict[str, set]:
    """The API's GET endpoints with their query parameters; path ids from the list answers."""
    response = client.get("/api/v1/openapi.json")
    try:
        schema = json.loads(response.body)
    except ValueError:
        return {}
    pages: dict[str, set] = {}
    examples: dict[str, str] = {}
    for path, operations in schema.get("paths", {}).items():
        parameters = operations.get("get", {}).get("parameters", [])
        names = {p["name"] for p in parameters if p.get("in") == "query"}
        if "{" not in path:
            pages[path] = names
            listing = client.get(path)
            try:
                items = json.loads(listing.body).get("items", [])
            except (ValueError, AttributeError):
                items = []
            if items:
                examples[path] = next(
                    str(items[0][k]) for k in ("id", "ags", "slug") if k in items[0]
                )
    for path in schema.get("paths", {}):
        if "{" in path:
            parent = path.rsplit("/", 1)[0]
            if parent in examples:
                pages[re.sub(r"\{[^}]+\}", quote(examples[parent]), path)] = set()
    return pages


def garbage_requests(pages: dict[str, set]) -> list[list[str]]:
    """Waves of URLs: huge ids in the path; the worst kinds in each parameter alone (and the
    parameter twice); then every kind in all parameters at once. Ordered so that a smaller
    budget still covers every page with the worst kinds first."""
    waves: list[list[str]] = [
        sorted(
            {re.sub(r"/\d+/", f"/{HUGE_ID}/", path) for path in pages if re.search(r"/\d+/", path)}
        )
        + sorted(
            {re.sub(r"/\d+$", f"/{HUGE_ID}", path) for path in pages if re.search(r"/\d+$", path)}
        )
        + ["/media/" + "A" * 300, "/%00/", "/versprechen/%00/", "/blog/" + "%C3%BC" * 200 + "/"]
    ]
    kinds = dict(GARBAGE)
    for kind in PER_PARAMETER:
        waves.append(
            [
                f"{path}?{name}={kinds[kind]}"
                for path, names in pages.items()
                for name in sorted(names | {"page"})
            ]
        )
    waves.append(
        [
            f"{path}?{name}=1&{name}={kinds['nul']}&{name}={kinds['huge-plus']}"
            for path, names in pages.items()
            for name in sorted(names)
        ]
    )
    for _, value in GARBAGE:
        wave = []
        for path, names in pages.items():
            every = sorted(names | set(GENERIC_PARAMETERS))
            url = f"{path}?" + "&".join(f"{name}={value}" for name in every)
            if len(url) <= MAX_URL:
                wave.append(url)
            else:  # beyond what the server reads (414): one parameter at a time
                wave += [f"{path}?{name}={value}" for name in every]
        waves.append(wave)
    return waves


def fire(work: list[tuple[Client, str]], concurrency: int) -> None:
    def one(item: tuple[Client, str]) -> None:
        client, url = item
        with contextlib.suppress(BudgetExhausted):
            client.request("GET", url)

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(one, work))


def shorten(url: str, keep: int = 160) -> str:
    return url if len(url) <= keep else f"{url[:keep]}…({len(url)} characters)"


def print_race(n: int, r: dict) -> None:
    print(
        f"race {n}: promise {r['promise']} capacity {r['capacity']}: "
        f"{r['apply_posts']} apply POSTs → {r['applications']} applications; "
        f"{r['accept_posts']} accept POSTs → {r['accepted']} accepted "
        f"(oversubscription {r['oversubscription']}, remaining {r['remaining_capacity']})"
    )


# --- main -------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--max-requests", type=int, default=30000)
    parser.add_argument("--max-seconds", type=float, default=600)
    parser.add_argument("--concurrency", type=int, default=8, help="threads of the crawl")
    parser.add_argument("--rounds", type=int, default=3, help="race rounds (0: none)")
    parser.add_argument("--capacity", type=int, default=2)
    parser.add_argument("--doubles", type=int, default=3, help="identical POSTs sent at once")
    parser.add_argument("--max-pages", type=int, default=150, help="per identity")
    parser.add_argument("--per-pattern", type=int, default=2, help="pages per URL shape")
    parser.add_argument("--accounts", default=",".join(ACCOUNTS), help="demo accounts, or ''")
    parser.add_argument("--keep", action="store_true", help="keep the race promises")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the crawled pages")
    args = parser.parse_args(argv)

    try:
        host, port = loopback_target(args.base)
    except Refused as error:
        print(f"attack: {error}", file=sys.stderr)
        return 2
    target = Target(args.base.rstrip("/"), host, port, Budget(args.max_requests, args.max_seconds))
    started = time.monotonic()
    accounts = [a for a in args.accounts.split(",") if a]
    races: list[dict] = []
    pages_total = 0
    problems: list[str] = []
    try:
        if Client(target, "probe").get("/").status == 0:
            print(
                f"attack: nothing answers at {args.base}; start `make serve DEMO=1`",
                file=sys.stderr,
            )
            return 2
        clients = demo_logins(target, accounts)
        if args.rounds and {OWNER, MODERATOR} <= set(clients) and len(clients) > 2:
            try:
                for n in range(1, args.rounds + 1):
                    races.append(race_round(clients, n, args.capacity, args.doubles, args.keep))
                    print_race(n, races[-1])
            except RuntimeError as error:
                problems.append(f"race: {error}")
        elif args.rounds:
            problems.append(f"races skipped: they need the accounts {OWNER}, {MODERATOR} and more")
        identities = [Client(target, "anonymous"), *clients.values()]
        work_pages: dict[str, dict[str, set]] = {}
        for client in identities:
            seeds = ["/", "/versprechen/", "/blog/", "/orte/", "/organisationen/"]
            if client.name != "anonymous":
                seeds += ["/versprechen/meine/", "/benachrichtigungen/", "/moderation/", "/konto/"]
            pages = crawl(client, seeds, args.max_pages, args.per_pattern)
            if client.name == "anonymous":
                pages.update(api_pages(client))
            work_pages[client.name] = pages
            pages_total += len(pages)
            print(f"crawl as {client.name}: {len(pages)} pages")
            if args.verbose:
                for path, names in sorted(pages.items()):
                    print(f"  {path}  {' '.join(sorted(names))}")
        by_name = {client.name: client for client in identities}
        for wave in zip(*(garbage_requests(p) for p in work_pages.values()), strict=True):
            work = [
                (by_name[name], url)
                for name, urls in zip(work_pages, wave, strict=True)
                for url in urls
            ]
            fire(work, args.concurrency)
            if target.budget.exhausted:
                break
    except BudgetExhausted:
        pass
    except RuntimeError as error:
        problems.append(str(error))

    stats = target.stats
    seconds = time.monotonic() - started
    oversubscriptions = sum(r["oversubscription"] for r in races)
    summary = {
        "base": target.base,
        "requests": stats.requests,
        "seconds": round(seconds, 1),
        "budget_exhausted": target.budget.exhausted,
        "statuses": dict(sorted(stats.statuses.items())),
        "server_errors": len(stats.server_errors),
        "connection_errors": len(stats.connection_errors),
        "pages_crawled": pages_total,
        "race_rounds": len(races),
        "oversubscriptions": oversubscriptions,
        "duplicate_applications": sum(r["duplicate_applications"] for r in races),
        "counter_mismatches": sum(1 for r in races if r["counter_mismatch"]),
        "problems": problems,
        "server_error_urls": sorted(
            {f"{e['status']} {e['who']} {shorten(e['url'])}" for e in stats.server_errors}
        )[:100],
        "connection_error_urls": [
            f"{e['who']} {shorten(e['url'])}: {e['error']}" for e in stats.connection_errors[:20]
        ],
    }
    print()
    print(
        f"{stats.requests} requests in {seconds:.0f} s"
        + (" (budget used up)" if target.budget.exhausted else "")
    )
    print("statuses: " + ", ".join(f"{k}: {v}" for k, v in summary["statuses"].items()))
    print(f"5xx: {summary['server_errors']}   broken connections: {summary['connection_errors']}")
    for line in summary["server_error_urls"][:30]:
        print(f"  {line}")
    print(
        f"races: {len(races)} rounds, oversubscriptions {oversubscriptions}, duplicate "
        f"applications {summary['duplicate_applications']}, counter mismatches "
        f"{summary['counter_mismatches']}"
    )
    for problem in problems:
        print(f"problem: {problem}")
    print(json.dumps(summary, ensure_ascii=False))
    if problems and not stats.requests:
        return 2
    failed = summary["server_errors"] or summary["connection_errors"] or oversubscriptions
    failed = failed or summary["duplicate_applications"] or summary["counter_mismatches"]
    return 1 if failed or problems else 0


if __name__ == "__main__":
    sys.exit(main())
