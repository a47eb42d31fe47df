"""A desk at scale, measured: every public page, export and API list, and the analysts' admin
lists, at 100,000 events, in one table.

    .venv/bin/python bench/scale.py                      # 100,000 events, 5 s per measurement
    .venv/bin/python bench/scale.py --quick              # 3,000 events, 1 s per measurement
    .venv/bin/python bench/scale.py --database desk_100k # reuse a desk generated before (kept)

Generates the desk (`bench/generate.py`) in a PostgreSQL database of its own (dropped at the
end unless `--database` names one to keep or reuse; `LOAD_DATABASE_SERVER` points at
another server), serves it with gunicorn and the production settings on 127.0.0.1 and
measures each row with wrk (`/usr/bin/wrk`, `--clients` connections for a bounded time):

- cold: addresses spread over many briefings, countries, actors, events or search terms,
  each with a query string of its own, so that every request misses the page cache;
- warm: one address again and again (served from the page cache for readers);
- static: a file of the page's size served by the same gunicorn in the same run; the
  cold and warm columns show their requests per second as a share of it.

Queries per request and the time of a cold request in one process come from a pass of
Django's test client over a few cold addresses (`CaptureQueriesContext`, the median time).
The last column is the peak resident memory of the biggest gunicorn worker so far.
Admin rows are read signed in as an analyst; the admin has no page cache, so their
cold and warm differ only in the addresses.

The clients run on the same machine as the server and take CPU from it: compare rows with
one another rather than with another machine's figures.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import PASSWORD, PYTHON, ROOT, Client, database_url, manage, production_env, served  # noqa: E402

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


QUICK_ROWS = None  # every row, with a shorter run


LUA = """
local paths = {%(paths)s}
local counter = 0
local id = 0
local n = 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end
function request()
  n = n + 1
  local path = paths[(n + id * 7) %% #paths + 1]
  %(bust)s
  return wrk.format("GET", path, {["X-Forwarded-Proto"] = "https", ["Cookie"] = "%(cookie)s"})
end
"""
BUST = """local joiner = string.find(path, "?", 1, true) and "&" or "?"
  path = path .. joiner .. "bench=%s-" .. id .. "-" .. n"""


def wrk(base: str, paths: list[str], *, seconds: float, clients: int, bust: bool, cookie: str = "") -> dict:
    """Requests per second and latencies of wrk asking for `paths` in turn."""
    quoted = ",".join(json.dumps(p) for p in paths)
    script = LUA % {"paths": quoted, "bust": BUST % uuid.uuid4().hex[:6] if bust else "", "cookie": cookie}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        out = subprocess.run(
            [WRK, f"-t{min(2, clients)}", f"-c{clients}", f"-d{seconds:g}s", "--timeout", "30s", "--latency",
             "-s", handle.name, base],
            capture_output=True, text=True, timeout=seconds + 60, check=False,
        ).stdout  # fmt: skip
    finally:
        os.unlink(handle.name)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": milliseconds(re.search(r"50%\s+([\d.]+\w+)", out)),
        "p99": milliseconds(re.search(r"99%\s+([\d.]+\w+)", out)),
        "bad": int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0,
        "errors": sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out)),
    }


def drain(base: str) -> None:
    """Wait until the server has answered every request queued before this one: a sync
    worker still serves requests whose client wrk has closed, and that backlog must not
    be measured as the next row's time."""
    import urllib.request

    urllib.request.urlopen(base + "/robots.txt", timeout=300).close()


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
rows = json.loads(%(rows)r)
reader, analyst = Client(), Client()
# As a gunicorn worker does at its start (project/wsgi.py): import the URLconf, so that the
# first row does not measure the process's imports.
from django.urls import get_resolver
get_resolver().url_patterns
analyst.force_login(get_user_model().objects.get(username=%(analyst)r))
out = {}
for row, paths in rows.items():
    client = analyst if row.startswith(("admin", "autocomplete")) else reader
    counts, times = [], []
    for n, path in enumerate(paths):
        joiner = "&" if "?" in path else "?"
        # A query string of its own misses the page cache (the admin, which has none,
        # would take an unknown parameter for a bad filter).
        address = path if client is analyst else f"{path}{joiner}profile={n}"
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(address, HTTP_HOST="127.0.0.1", secure=True)
            if getattr(response, "streaming", False):
                for _ in response.streaming_content:
                    pass
        times.append(time.perf_counter() - started)
        counts.append(len(queries))
        assert response.status_code == 200, (path, response.status_code)
    out[row] = {"queries": max(counts), "fewest": min(counts), "ms": statistics.median(times) * 1000}
print("PROFILE" + json.dumps(out))
"""


def profile(env: dict, rows: dict[str, list[str]], per_row: int) -> dict:
    """Queries per request and the median time in one process, over a few cold addresses per row."""
    sample = {row: paths[:: max(1, len(paths) // per_row)][:per_row] for row, paths in rows.items()}
    script = PROFILE % {"rows": json.dumps(sample), "analyst": ANALYST}
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3,000 events; 1 s per measurement")
    parser.add_argument("--database", help="a database to keep (generated when empty) or reuse")
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--profile-only", action="store_true", help="only the one-process pass, no server")
    parser.add_argument("--only", help="rows to measure, comma-separated (e.g. 'briefing,search rare')")
    args = parser.parse_args()
    seconds = 1 if args.quick else args.seconds
    import psycopg2

    name = args.database or f"scale_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(database_url("postgres"))
    admin.autocommit = True
    exists = bool(psql("postgres", "SELECT 1 FROM pg_database WHERE datname = %s", [name]))
    if not exists:
        admin.cursor().execute(f'CREATE DATABASE "{name}"')
    static = tempfile.mkdtemp()
    env = production_env(name, static)
    try:
        return measure(args, env, name, static, seconds)
    finally:
        if not args.database:
            admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def measure(args, env: dict, name: str, static: str, seconds: float) -> int:
    manage(env, "migrate", "--noinput")
    if not psql(name, "SELECT 1 FROM briefings_event LIMIT 1"):
        generate = [str(PYTHON), "bench/generate.py", *(["--quick"] if args.quick else [])]
        subprocess.run(generate, cwd=ROOT, env=env, check=True)
    manage(env, "collectstatic", "--noinput")
    subprocess.run(
        [str(PYTHON), "manage.py", "shell", "-c",
         "from briefings.services.accounts import team_user_save; "
         f"team_user_save(username={ANALYST!r}, role='analyst', password={PASSWORD!r})"],
        cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    rows = addresses(name)
    if args.only:
        wanted = {row.strip() for row in args.only.split(",")}
        rows = {row: paths for row, paths in rows.items() if row in wanted}
    rows = {row: paths for row, paths in rows.items() if paths}
    started = time.monotonic()
    profiled = profile(env, rows, per_row=3 if args.quick else 5)
    profile_seconds = time.monotonic() - started
    if args.profile_only:
        for row, prof in profiled.items():
            print(f"{row:17}{prof['fewest']:>4}-{prof['queries']:<4}{prof['ms']:>8.0f} ms")
        return 0

    # The server gives up on a statement after 10 s (an answer of 503): a slow page's queued
    # requests must not go on loading the database through the rows measured after it.
    env = {**env, "DATABASE_URL": database_url(name) + "?options=-c%20statement_timeout%3D10000"}
    # The pages' sizes, then a static file of each size (whitenoise reads the folder when it starts).
    with served(env, args.workers, timeout=60) as (base, _):
        client = Client(base)
        sizes = {}
        for row, paths in rows.items():
            if row.startswith(("admin", "autocomplete")) and not client.cookies.get("sessionid"):
                client.sign_in(ANALYST)
            status, body = (
                client.request(paths[0])
                if row.startswith(("admin", "autocomplete"))
                else Client(base).request(paths[0])
            )
            if status != 200:
                print(f"{row} ({paths[0]}) answered {status}", file=sys.stderr)
            sizes[row] = len(body.encode())
    for row in rows:
        (Path(static) / f"scale-{re.sub(r'[^a-z]+', '-', row)}.bin").write_bytes(b"x" * max(1, sizes[row]))
    table, problems = [], []
    with served(env, args.workers, timeout=60) as (base, master):
        analyst = Client(base)
        analyst.sign_in(ANALYST)
        cookie = "; ".join(f"{k}={v}" for k, v in analyst.cookies.items())
        for row, paths in rows.items():
            signed_in = row.startswith(("admin", "autocomplete"))
            how = {"seconds": seconds, "clients": args.clients, "cookie": cookie if signed_in else ""}
            # The admin has no page cache, and takes an unknown parameter for a bad filter.
            cold = wrk(base, paths, bust=not signed_in, **how)
            drain(base)
            warm = wrk(base, paths[:1], bust=False, **how)
            drain(base)
            flat = wrk(base, [f"/static/scale-{re.sub(r'[^a-z]+', '-', row)}.bin"], bust=False, **how)
            drain(base)
            for label, run in (("cold", cold), ("warm", warm), ("static", flat)):
                if run["bad"] or run["errors"]:
                    problems.append(
                        f"{row} {label}: {run['bad']} answers not 2xx/3xx, {run['errors']} socket errors"
                    )
            table.append((row, sizes[row], profiled[row], cold, warm, flat, worker_peak_mb(master)))
    events = psql(name, "SELECT count(*) FROM briefings_event")[0][0]
    print(
        f"desk at scale: {events:,} events; {args.workers} gunicorn workers, {args.clients} connections, "
        f"{seconds:g} s per run, {os.cpu_count()} CPUs shared by clients and server; "
        f"one-process pass {profile_seconds:.0f} s"
    )
    print(
        f"{'row':17}{'bytes':>9}{'queries':>8}{'1-proc':>9}{'cold r/s':>9}{'p50':>8}{'p99':>8}"
        f"{'warm r/s':>9}{'p50':>8}{'p99':>8}{'cold/st':>8}{'warm/st':>8}{'RSS MB':>8}"
    )
    for row, size, prof, cold, warm, flat, rss in table:
        queries = (
            f"{prof['queries']}"
            if prof["queries"] == prof["fewest"]
            else f"{prof['fewest']}-{prof['queries']}"
        )
        print(
            f"{row:17}{size:>9}{queries:>8}{prof['ms']:>7.0f}ms{cold['rps']:>9.1f}{cold['p50']:>6.0f}ms"
            f"{cold['p99']:>6.0f}ms{warm['rps']:>9.1f}{warm['p50']:>6.0f}ms{warm['p99']:>6.0f}ms"
            f"{share(cold, flat):>8}{share(warm, flat):>8}{rss:>8.0f}"
        )
    for line in problems[:20]:
        print("  " + line)
    return 1 if problems else 0


def share(run: dict, static: dict) -> str:
    return f"{run['rps'] / static['rps']:.0%}" if static["rps"] else "-"


if __name__ == "__main__":
    sys.exit(main())
