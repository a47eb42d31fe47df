"""A desk at scale, measured: every public page, export and API list, and the analysts' admin
lists, at 100,000 events, in one table.

    .venv/bin/python bench/scale.py                      # 100,000 events, 5 s per measurement
    .venv/bin/python bench/scale.py --quick              # 3,000 events, under a second a run (CI)
    .venv/bin/python bench/scale.py --database desk_100k # reuse a desk generated before (kept)

Generates the desk (`bench/generate.py`) in a PostgreSQL database of its own (dropped at the
end unless `--database` names one to keep or reuse; `LOAD_DATABASE_SERVER` points at
another server), serves it with gunicorn and the production settings on 127.0.0.1 and
measures each row with wrk (`/usr/bin/wrk`, `--clients` connections, for at least a given
time and until at least a given number of answers have come back, `wrk_run`):

- cold: addresses spread over many briefings, countries, actors, events or search terms,
  each with a query string of its own, so that every request misses the page cache;
- warm: one address again and again (served from the page cache for readers);
- static: a file of the page's size served by the same gunicorn in the same run; the
  cold and warm columns show their requests per second as a share of it.

Queries per request and the time of a cold request in one process come from a pass of
Django's test client over a few cold addresses (`CaptureQueriesContext`, the median time).
The last column is the peak resident memory of the biggest gunicorn worker so far.
Admin rows are read signed in as an analyst; the admin has no page cache, so their
cold and warm differ only in the addresses. With `--quick`, a run slower than `slow_ms`
in one process is measured with one connection per worker (marked in the table): with 16
connections queued on 2 sync workers its first answer would come after the run's end.

The clients run on the same machine as the server and take CPU from it: compare rows with
one another rather than with another machine's figures.

Exits 0 whatever the figures (the targets are printed, never asserted) and non-zero only
when something fails: a page that does not answer 200 in the one-process pass, a server
that does not start, a crash.
"""

import argparse
import json
import math
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import (  # noqa: E402
    PASSWORD,
    PYTHON,
    ROOT,
    Client,
    database_create,
    database_drop,
    database_url,
    manage,
    production_env,
    served,
    static_collect,
)

WRK = "/usr/bin/wrk"
ANALYST = "scale-analyst"
# How many distinct addresses a cold run spreads over, per row.
SPREAD = 200
# briefings.exports.sitemaps.PAGE_SIZE: addresses per sitemap page.
SITEMAP_PAGE_SIZE = 2000


def psql(name: str, sql: str, params=()) -> list[tuple]:
    import psycopg2

    with psycopg2.connect(database_url(name)) as connection, connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def addresses(name: str) -> dict[str, list[str]]:
    """For each row, the addresses of its cold run (the first is the warm run's)."""

    def one(sql: str) -> list[str]:
        return [row[0] for row in psql(name, sql, [SPREAD])]

    briefings = one(
        "SELECT slug FROM briefings_briefing b WHERE b.status = 'published' AND b.published_at <= now() "
        "ORDER BY published_at DESC LIMIT %s"
    )
    countries = one(
        "SELECT c.slug FROM briefings_country c JOIN briefings_event e ON e.country_id = c.id "
        "GROUP BY c.slug ORDER BY count(*) DESC LIMIT %s"
    )
    actors = one(
        "SELECT a.slug FROM briefings_actor a JOIN briefings_eventactor r ON r.actor_id = a.id "
        "GROUP BY a.slug ORDER BY count(*) DESC LIMIT %s"
    )
    events = one(
        "SELECT DISTINCT e.slug FROM briefings_event e JOIN briefings_briefing_events be ON be.event_id = e.id "
        "JOIN briefings_briefing b ON b.id = be.briefing_id WHERE b.status = 'published' "
        "AND b.published_at <= now() ORDER BY e.slug LIMIT %s"
    )
    # The events the public sitemap lists (CLEAR, in a CLEAR published briefing), in pages.
    published_events = psql(
        name,
        "SELECT count(DISTINCT be.event_id) FROM briefings_briefing_events be JOIN briefings_briefing b "
        "ON b.id = be.briefing_id JOIN briefings_event e ON e.id = be.event_id WHERE b.status = 'published' "
        "AND b.published_at <= now() AND b.marking = 'clear' AND e.marking = 'clear'",
    )[0][0]
    event_pages = max(1, -(-published_events // SITEMAP_PAGE_SIZE))
    # Rare: a place named in a few events; common: the words most documents hold.
    rare = one(
        "SELECT lower(place) FROM briefings_event e JOIN briefings_briefing_events be ON be.event_id = e.id "
        "GROUP BY lower(place) HAVING count(*) BETWEEN 1 AND 6 ORDER BY lower(place) LIMIT %s"
    )
    import tomllib

    words = tomllib.loads((ROOT / "bench" / "data" / "desk_words.toml").read_text())
    common = words["common"] + [w for w in words["words"] if len(w) > 5][:40]
    return {
        "home": ["/"],
        "briefing": [f"/briefings/{s}/" for s in briefings],
        "country": [f"/countries/{s}/" for s in countries],
        "actor": [f"/actors/{s}/" for s in actors],
        "event": [f"/events/{s}/" for s in events],
        "search rare": [f"/search/?q={w}" for w in rare],
        "search common": [f"/search/?q={w}" for w in common],
        "search facet": [f"/search/?q={w}&country={c}" for w, c in zip(common * 5, countries, strict=False)],
        "track record": ["/track-record/"],
        "country list": ["/countries/"],
        "feed": ["/feeds/briefings/"],
        "country feed": [f"/feeds/countries/{s}/" for s in countries],
        "actor feed": [f"/feeds/actors/{s}/" for s in actors],
        "sitemap": ["/sitemap.xml"],
        # Each page of the events' section, the last ones deepest (their OFFSET is largest).
        "sitemap page": [f"/sitemap-events.xml?p={n}" for n in range(event_pages, 0, -1)],
        "API events": ["/api/events/", *[f"/api/events/?country={s}" for s in countries]],
        "API briefings": ["/api/briefings/"],
        "API actors": ["/api/actors/"],
        "API detail": [f"/api/briefings/{s}/" for s in briefings],
        "STIX": [f"/briefings/{s}/stix.json" for s in briefings],
        "CSV (all)": ["/events.csv"],
        "briefing CSV": [f"/briefings/{s}/events.csv" for s in briefings],
        "admin events": [
            "/admin/briefings/event/",
            *[f"/admin/briefings/event/?p={n}" for n in range(1, 10)],
        ],
        "admin ev. search": [f"/admin/briefings/event/?q={w}" for w in common],
        "admin briefings": ["/admin/briefings/briefing/"],
        "admin br. search": [f"/admin/briefings/briefing/?q={w}" for w in common],
        "autocomplete": [
            f"/admin/autocomplete/?app_label=briefings&model_name=briefing&field_name=events&term={w}"
            for w in rare
        ],
    }


@dataclass(frozen=True)
class Pace:
    """How long each run lasts and how many answers it waits for."""

    cold: float  # seconds of a cold run, at least
    warm: float  # seconds of a warm or static run, at least
    at_least: int  # answers each run waits for, however long they take (up to wrk's 60 s)
    per_row: int  # addresses per row in the one-process pass
    slow_ms: float | None = None  # runs slower than this in one process get one connection per worker


FULL = Pace(cold=5, warm=5, at_least=10, per_row=5)
QUICK = Pace(cold=0.6, warm=0.3, at_least=2, per_row=1, slow_ms=100)


LUA = """
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clock, bench_timespec *now);
]]
local now = ffi.new("bench_timespec")
local function clock()  -- seconds, monotonic (os.clock counts CPU time)
  ffi.C.clock_gettime(1, now)
  return tonumber(now.tv_sec) + tonumber(now.tv_nsec) / 1e9
end
local paths = {%(paths)s}
local headers = {%(headers)s}
local counter = 0
-- Each thread has a Lua state of its own; setup() sets its `id` (a global, not a local,
-- or thread:set would not reach it).
id = 0
local n, answers, started = 0, 0, 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end
function init(args)
  started = clock()
end
function request()
  n = n + 1
  local path = paths[(n + id * 7) %% #paths + 1]
  %(bust)s
  return wrk.format("GET", path, headers)
end
-- Once the thread has its share of answers and its time, it says so (once); wrk_run stops
-- wrk when every thread has. (A thread stopped with wrk.thread:stop() would leave a
-- connection open with no request on it, and a sync worker that accepts it waits on it.)
function response(status, headers, body)
  answers = answers + 1
  if answers == %(quota)d and clock() - started < %(seconds)s then
    answers = answers - 1  -- not yet its time: count this answer again
  elseif answers == %(quota)d then
    io.write("enough\\n")
    io.flush()
  end
end
"""
BUST = """local joiner = string.find(path, "?", 1, true) and "&" or "?"
  path = path .. joiner .. "bench=%s-" .. id .. "-" .. n"""


def wrk_run(
    base: str,
    paths: list[str],
    *,
    seconds: float,
    clients: int,
    at_least: int = 1,
    bust: bool = False,
    headers: dict[str, str] | None = None,
    cap: int = 60,
) -> dict:
    """wrk asking `base` for `paths` in turn over `clients` connections, for at least `seconds`
    and until at least `at_least` answers have come back (or `cap` seconds have passed):
    requests per second, p50 and p99 in ms, answers not 2xx/3xx, socket errors, answers.

    `bust` gives every request a query string of its own (a page cache cannot help);
    `headers` go with every request (X-Forwarded-Proto: https always). Once each of wrk's
    threads has had its time and its share of the answers, wrk is stopped with SIGINT,
    after which it prints its summary for the time it ran; the requests it leaves on the
    server are its connections' last ones (`drain` waits for them)."""
    threads, script = wrk_script(
        paths, seconds=seconds, clients=clients, at_least=at_least, bust=bust, headers=headers
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    lines: list[str] = []
    enough = threading.Event()
    began = time.monotonic()

    def read(stream) -> None:
        reached = 0
        for line in stream:
            lines.append(line)
            if line == "enough\n":
                reached += 1
                if reached == threads:
                    enough.set()
        enough.set()  # wrk ended by itself

    try:
        with subprocess.Popen(
            [WRK, f"-t{threads}", f"-c{clients}", f"-d{cap}s", "--timeout", "30s", "--latency",
             "-s", handle.name, base],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        ) as process:  # fmt: skip
            reader = threading.Thread(target=read, args=(process.stdout,), daemon=True)
            reader.start()
            enough.wait(timeout=cap + 5)
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
            process.wait(timeout=60)
            reader.join(timeout=10)
    finally:
        os.unlink(handle.name)
    run = wrk_parse("".join(lines))
    run["took"] = time.monotonic() - began
    return run


def wrk_script(
    paths: list[str],
    *,
    seconds: float,
    clients: int,
    at_least: int,
    bust: bool,
    headers: dict[str, str] | None,
) -> tuple[int, str]:
    """wrk's threads and the Lua script of `wrk_run`: each thread writes `enough` once it
    has run `seconds` and had its share of `at_least` answers."""
    threads = min(2, clients)
    sent = {"X-Forwarded-Proto": "https", **(headers or {})}
    return threads, LUA % {
        "paths": ",".join(json.dumps(p) for p in paths),
        "headers": ",".join(f"[{json.dumps(k)}] = {json.dumps(v)}" for k, v in sent.items()),
        "bust": BUST % uuid.uuid4().hex[:6] if bust else "",
        "quota": math.ceil(at_least / threads),
        "seconds": f"{seconds:g}",
    }


def wrk_parse(out: str) -> dict:
    """The figures of wrk's `--latency` summary."""
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    answers = re.search(r"(\d+) requests in", out)
    return {
        "rps": float(rate.group(1)) if rate else 0.0,
        "p50": milliseconds(re.search(r"50%\s+([\d.]+\w+)", out)),
        "p99": milliseconds(re.search(r"99%\s+([\d.]+\w+)", out)),
        "bad": int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0,
        "errors": sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out)),
        "answers": int(answers.group(1)) if answers else 0,
    }


def drain(base: str) -> None:
    """Wait until the server has answered every request queued before this one: a sync
    worker still serves requests whose client wrk has closed, and that backlog must not
    be measured as the next row's time."""
    import urllib.request

    urllib.request.urlopen(base + "/robots.txt", timeout=300).close()


def prime(base: str, path: str, workers: int, headers: dict[str, str]) -> float:
    """Put `path` in each worker's page cache (without Redis each keeps its own): as many
    requests at once as there are workers, so that each serves one, so that a warm run
    measures the cache rather than its first misses. Then the time of one more request, in ms."""
    import urllib.request

    def get() -> None:
        request = urllib.request.Request(base + path, headers={"X-Forwarded-Proto": "https", **headers})
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()

    threads = [threading.Thread(target=get) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    started = time.monotonic()
    get()
    return (time.monotonic() - started) * 1000


def milliseconds(match) -> float:
    if not match:
        return 0.0
    value = match.group(1)
    number = float(re.match(r"[\d.]+", value).group(0))
    unit = value[len(str(re.match(r"[\d.]+", value).group(0))) :]
    return number * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


PROFILE = """
import json, statistics, time
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.contrib.auth import get_user_model
from briefings.services.accounts import team_user_save
team_user_save(username=%(analyst)r, role="analyst", password=%(password)r)
rows = json.loads(%(rows)r)
reader, analyst, cookieless = Client(), Client(), Client()
# As a gunicorn worker does at its start (project/wsgi.py): import the URLconf, so that the
# first row does not measure the process's imports.
from django.urls import get_resolver
get_resolver().url_patterns
analyst.force_login(get_user_model().objects.get(username=%(analyst)r))
for client in (reader, analyst, cookieless):  # each client loads the middleware on its first request
    client.get("/robots.txt", HTTP_HOST="127.0.0.1", secure=True)


def get(client, address):
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address, HTTP_HOST="127.0.0.1", secure=True)
        size = sum(len(chunk) for chunk in response.streaming_content) if getattr(
            response, "streaming", False) else len(response.content)
    assert response.status_code == 200, (address, response.status_code)
    return time.perf_counter() - started, len(queries), size


out = {}
for row, paths in rows.items():
    client = analyst if row.startswith(("admin", "autocomplete")) else reader
    counts, times = [], []
    for n, path in enumerate(paths):
        joiner = "&" if "?" in path else "?"
        # A query string of its own misses the page cache (the admin, which has none,
        # would take an unknown parameter for a bad filter).
        address = path if client is analyst else f"{path}{joiner}profile={n}"
        took, count, size = get(client, address)
        times.append(took)
        counts.append(count)
        if n == 0:
            # The same address again, as a warm run asks for it (a reader without cookies,
            # as wrk is; the admin has no page cache); its size is the static file's.
            cookieless.cookies.clear()
            warm, first_size = took if client is analyst else get(cookieless, address)[0], size
    out[row] = {"queries": max(counts), "fewest": min(counts), "ms": statistics.median(times) * 1000,
                "warm_ms": warm * 1000, "bytes": first_size}
print("PROFILE" + json.dumps(out))
"""


def profile(env: dict, rows: dict[str, list[str]], per_row: int) -> dict:
    """Per row, over a few cold addresses in one process: queries per request (fewest and
    most), the median time, the time of the first address asked again (warm) and its size.
    Also makes the analyst the admin rows sign in as."""
    sample = {row: paths[:: max(1, len(paths) // per_row)][:per_row] for row, paths in rows.items()}
    script = PROFILE % {"rows": json.dumps(sample), "analyst": ANALYST, "password": PASSWORD}
    out = subprocess.run(
        [str(PYTHON), "manage.py", "shell", "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if out.returncode:
        print(out.stderr[-3000:], file=sys.stderr)
        raise RuntimeError("the profile pass failed")
    return json.loads(out.stdout.split("PROFILE", 1)[1])


def worker_peak_mb(master: int) -> float:
    """The largest peak resident memory (VmHWM) among the master's workers, in MB."""
    peak = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s+{master}$", text, re.M) and (
            m := re.search(r"^VmHWM:\s+(\d+) kB", text, re.M)
        ):
            peak = max(peak, int(m.group(1)))
    return peak / 1024


class Phases:
    """Wall-clock time of each stage, printed under the table."""

    def __init__(self):
        self.took: dict[str, float] = {}
        self.started = time.monotonic()

    @contextmanager
    def __call__(self, name: str):
        start = time.monotonic()
        try:
            yield
        finally:
            self.took[name] = self.took.get(name, 0) + time.monotonic() - start

    def line(self) -> str:
        parts = ", ".join(f"{name} {took:.0f} s" for name, took in self.took.items())
        return f"{time.monotonic() - self.started:.0f} s in all: {parts}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="3,000 events; under a second a run (as CI runs it)"
    )
    parser.add_argument("--database", help="a database to keep (generated when empty) or reuse")
    parser.add_argument(
        "--seconds", type=float, help="seconds of each run, at least (5; --quick 0.6 cold, 0.3 others)"
    )
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--profile-only", action="store_true", help="only the one-process pass, no server")
    parser.add_argument("--only", help="rows to measure, comma-separated (e.g. 'briefing,search rare')")
    args = parser.parse_args()
    pace = QUICK if args.quick else FULL
    if args.seconds:
        pace = Pace(cold=args.seconds, warm=args.seconds, at_least=pace.at_least, per_row=pace.per_row,
                    slow_ms=pace.slow_ms)  # fmt: skip
    phases = Phases()
    name = args.database or f"scale_{uuid.uuid4().hex[:8]}"
    with phases("database"):
        fresh = not psql("postgres", "SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if fresh:
            database_create(name)
    static = tempfile.mkdtemp()
    env = production_env(name, static)
    try:
        return measure(args, env, name, static, pace, phases, migrate=not fresh)
    finally:
        if not args.database:
            database_drop(name)


def measure(args, env: dict, name: str, static: str, pace: Pace, phases: Phases, *, migrate: bool) -> int:
    if migrate:  # a database kept from before may lack the newest migrations
        with phases("database"):
            manage(env, "migrate", "--noinput")
    if not psql(name, "SELECT 1 FROM briefings_event LIMIT 1"):
        generate = [str(PYTHON), "bench/generate.py", *(["--quick"] if args.quick else [])]
        with phases("generating"):
            subprocess.run(generate, cwd=ROOT, env=env, check=True)
    with phases("static files"):
        static_collect(env)
    rows = addresses(name)
    if args.only:
        wanted = {row.strip() for row in args.only.split(",")}
        rows = {row: paths for row, paths in rows.items() if row in wanted}
    rows = {row: paths for row, paths in rows.items() if paths}
    with phases("one-process pass"):
        profiled = profile(env, rows, per_row=pace.per_row)
    if args.profile_only:
        for row, prof in profiled.items():
            print(
                f"{row:17}{prof['fewest']:>4}-{prof['queries']:<4}{prof['ms']:>8.0f} ms cold"
                f"{prof['warm_ms']:>8.0f} ms warm"
            )
        return 0

    # The server gives up on a statement after 10 s (an answer of 503): a slow page's queued
    # requests must not go on loading the database through the rows measured after it.
    env = {**env, "DATABASE_URL": database_url(name) + "?options=-c%20statement_timeout%3D10000"}
    # A static file of each page's size (whitenoise reads the folder when it starts).
    for row in rows:
        static_file(static, row).write_bytes(b"x" * max(1, profiled[row]["bytes"]))
    table, problems = [], []
    with phases("server and runs"), served(env, args.workers, timeout=60) as (base, master):
        analyst = Client(base)
        analyst.sign_in(ANALYST)
        cookie = "; ".join(f"{k}={v}" for k, v in analyst.cookies.items())
        for row, paths in rows.items():
            row_started = time.monotonic()
            signed_in = row.startswith(("admin", "autocomplete"))
            prof = profiled[row]
            headers = {"Cookie": cookie} if signed_in else {}

            def connections(one_process_ms: float) -> int:
                slow = pace.slow_ms is not None and one_process_ms > pace.slow_ms
                return min(args.workers, args.clients) if slow else args.clients

            # The admin has no page cache, and takes an unknown parameter for a bad filter.
            cold = wrk_run(base, paths, seconds=pace.cold, clients=connections(prof["ms"]),
                           at_least=pace.at_least, bust=not signed_in, headers=headers)  # fmt: skip
            if signed_in:
                drain(base)
            # The warm run's connections follow the page's time on this server once its cache
            # is filled (a page too big for the cache is as slow warm as cold). Filling it
            # also waits for the cold run's backlog: its requests queue behind it.
            warm_ms = prime(base, paths[0], args.workers, headers) if not signed_in else prof["warm_ms"]
            warm = wrk_run(base, paths[:1], seconds=pace.warm, clients=connections(warm_ms),
                           at_least=pace.at_least, headers=headers)  # fmt: skip
            drain(base)
            flat = wrk_run(base, [f"/static/{static_file(static, row).name}"], seconds=pace.warm,
                           clients=args.clients, at_least=pace.at_least)  # fmt: skip
            drain(base)
            print(
                f"{row}: {time.monotonic() - row_started:.1f} s (cold {cold['took']:.1f} s, "
                f"{cold['answers']} answers; warm {warm['took']:.1f} s, {warm['answers']}; "
                f"static {flat['took']:.1f} s, {flat['answers']})",
                file=sys.stderr,
                flush=True,
            )
            for label, run in (("cold", cold), ("warm", warm), ("static", flat)):
                if run["bad"] or run["errors"]:
                    problems.append(
                        f"{row} {label}: {run['bad']} answers not 2xx/3xx, {run['errors']} socket errors"
                    )
            table.append(
                Row(row, prof["bytes"], prof, cold, warm, flat, worker_peak_mb(master),
                    connections(prof["ms"]), connections(warm_ms))
            )  # fmt: skip
    events = psql(name, "SELECT count(*) FROM briefings_event")[0][0]
    print(
        f"desk at scale: {events:,} events; {args.workers} gunicorn workers, {args.clients} connections, "
        f"runs of at least {pace.cold:g} s cold, {pace.warm:g} s warm and static and {pace.at_least} answers; "
        f"{os.cpu_count()} CPUs shared by clients and server"
    )
    for line in table_lines(table, clients=args.clients):
        print(line)
    print(phases.line())
    # Answers refused or lost under load are figures of the run, printed, not a failure: a
    # page that fails outright has already stopped the one-process pass (it checks for 200).
    for line in problems[:20]:
        print("  " + line)
    return 0


def static_file(static: str, row: str) -> Path:
    return Path(static) / f"scale-{re.sub(r'[^a-z]+', '-', row)}.bin"


@dataclass
class Row:
    """One line of the table: a row's size, one-process figures, its three runs, the biggest
    worker's peak memory after it, and the connections of its cold and warm runs."""

    name: str
    size: int
    prof: dict
    cold: dict
    warm: dict
    static: dict
    rss: float
    cold_clients: int
    warm_clients: int


def table_lines(table: list[Row], *, clients: int) -> list[str]:
    """The table as printed: a header, a line per row, and a note on the rows run with fewer
    connections (their figure marked `*`)."""
    lines = [
        f"{'row':17}{'bytes':>9}{'queries':>8}{'1-proc':>9}{'cold r/s':>10}{'p50':>8}{'p99':>8}"
        f"{'warm r/s':>10}{'p50':>8}{'p99':>8}{'cold/st':>8}{'warm/st':>8}{'RSS MB':>8}"
    ]
    fewer = False
    for row in table:
        prof, cold, warm = row.prof, row.cold, row.warm
        queries = (
            f"{prof['queries']}"
            if prof["queries"] == prof["fewest"]
            else f"{prof['fewest']}-{prof['queries']}"
        )
        cold_mark = "*" if row.cold_clients < clients else " "
        warm_mark = "*" if row.warm_clients < clients else " "
        fewer = fewer or row.cold_clients < clients or row.warm_clients < clients
        lines.append(
            f"{row.name:17}{row.size:>9}{queries:>8}{prof['ms']:>7.0f}ms{cold['rps']:>9.1f}{cold_mark}"
            f"{cold['p50']:>6.0f}ms{cold['p99']:>6.0f}ms{warm['rps']:>9.1f}{warm_mark}{warm['p50']:>6.0f}ms"
            f"{warm['p99']:>6.0f}ms{share(cold, row.static):>8}{share(warm, row.static):>8}{row.rss:>8.0f}"
        )
    if fewer:
        lines.append(
            "* one connection per worker: slower in one process than a quick run lasts with "
            f"{clients} connections queued"
        )
    return lines


def share(run: dict, static: dict) -> str:
    return f"{run['rps'] / static['rps']:.0%}" if static["rps"] else "-"


if __name__ == "__main__":
    sys.exit(main())
