"""Public pages, warm and cold: requests per second from the page cache, from the views, and
for a static file of the same size.

    .venv/bin/python bench/pages.py            # every kind of public page, 5 s each way
    .venv/bin/python bench/pages.py --quick    # four pages, 1 s each way

Serves the site with gunicorn and the production settings on a PostgreSQL database of its
own with the demo loaded (as `bench/load.py` does; `LOAD_DATABASE_SERVER` points it at
another server). For each page, `--clients` threads ask for it again and again:

- cold: every request has a query string of its own (`?bench=<n>`), so each one misses the
  cache and is rendered by the view (and stored);
- warm: the same address every time, served from the cache (the share of answers that
  said `X-Page-Cache: hit` is shown: without Redis each worker keeps 300 entries in memory,
  and the cold run's addresses can push a page out);
- static: a file of the page's size served by whitenoise, the floor a cached page could
  reach in this process.

The clients run on the same machine as the server and take CPU from it: compare the columns
with one another rather than with another machine's figures.
"""

import argparse
import http.client
import json
import os
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import gunicorn, manage, production_env, scratch_database  # noqa: E402

PAGES = [
    ("home", "/"),
    ("briefing", "/briefings/russia-mali-coup-2020/"),
    ("country", "/countries/mali/"),
    ("actor", "/actors/{actor}/"),  # the API's first actor
    ("search", "/search/?q=russia"),
    ("track record", "/track-record/"),
    ("feed", "/feeds/briefings/"),
    ("sitemap", "/sitemap.xml"),
    ("API list", "/api/briefings/"),
    ("API detail", "/api/briefings/russia-mali-coup-2020/"),
    ("STIX", "/briefings/russia-mali-coup-2020/stix.json"),
    ("CSV", "/events.csv"),
]
QUICK = ["home", "briefing", "search", "STIX"]
HEADERS = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}


def get(base: str, path: str) -> tuple[int, bytes, str]:
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    try:
        connection.request("GET", path, headers=HEADERS)
        response = connection.getresponse()
        return response.status, response.read(), response.getheader("X-Page-Cache", "")
    finally:
        connection.close()


@dataclass
class Run:
    requests: int = 0
    hits: int = 0
    errors: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def p50_ms(self) -> float:
        ordered = sorted(self.latencies)
        return ordered[len(ordered) // 2] * 1000 if ordered else 0.0


def hammer(base: str, paths, seconds: float, clients: int, expect: str | None) -> tuple[float, Run]:
    """Requests per second from `clients` threads taking addresses from `paths` for `seconds`."""
    run, until = Run(), time.monotonic() + seconds
    addresses = iter(paths)
    take = threading.Lock()

    def client():
        while time.monotonic() < until:
            with take:
                path = next(addresses)
            started = time.monotonic()
            status, _, cache = get(base, path)
            with run.lock:
                run.requests += 1
                run.hits += cache == "hit"
                run.latencies.append(time.monotonic() - started)
                if status != 200 or (expect and cache != expect):
                    run.errors.append(f"{path}: {status} {cache}")

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return run.requests / (time.monotonic() - started), run


def cold_paths(path: str):
    joiner = "&" if "?" in path else "?"
    n = 0
    while True:
        n += 1
        yield f"{path}{joiner}bench={n}"


def same_path(path: str):
    while True:
        yield path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"{', '.join(QUICK)}; 1 s each way")
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    seconds = 1 if args.quick else args.seconds
    pages = [(name, path) for name, path in PAGES if not args.quick or name in QUICK]
    with scratch_database() as name, tempfile.TemporaryDirectory() as static:
        env = production_env(name, static)
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo")
        manage(env, "collectstatic", "--noinput")
        # First the pages' sizes, then a static file of each size (whitenoise reads the
        # folder when it starts, so the server starts again).
        with gunicorn(env, args.workers) as base:
            actor = json.loads(get(base, "/api/actors/")[1])["results"][0]["slug"]
            pages = [(page, path.format(actor=actor)) for page, path in pages]
            sizes = {}
            for page, path in pages:
                status, body, _ = get(base, path)
                if status != 200:
                    print(f"{page} ({path}) answered {status}", file=sys.stderr)
                    return 1
                sizes[page] = len(body)
        for page, _ in pages:
            (Path(static) / f"bench-{page.replace(' ', '-')}.bin").write_bytes(b"x" * sizes[page])
        rows, errors = [], []
        with gunicorn(env, args.workers) as base:
            for page, path in pages:
                static_path = f"/static/bench-{page.replace(' ', '-')}.bin"
                # Stored in every worker (each keeps its own cache without REDIS_URL).
                for _ in range(4 * args.workers):
                    get(base, path)
                cold, cold_run = hammer(base, cold_paths(path), seconds, args.clients, "miss")
                # Not every answer need be a hit: the cold run's thousands of addresses may have
                # pushed this one out of a worker's memory cache (300 entries); the share is shown.
                warm, warm_run = hammer(base, same_path(path), seconds, args.clients, None)
                flat, flat_run = hammer(base, same_path(static_path), seconds, args.clients, None)
                hits = warm_run.hits / warm_run.requests if warm_run.requests else 0
                rows.append((page, sizes[page], cold, cold_run.p50_ms, warm, warm_run.p50_ms, hits, flat))
                errors += cold_run.errors[:3] + warm_run.errors[:3] + flat_run.errors[:3]
    print(
        f"public pages: {args.workers} gunicorn workers, {args.clients} clients, {seconds:g} s each way, "
        f"{os.cpu_count()} CPUs shared by clients and server"
    )
    print(
        f"{'page':14}{'bytes':>9}{'cold req/s':>12}{'cold p50':>10}{'warm req/s':>12}{'warm p50':>10}"
        f"{'hits':>8}{'static req/s':>14}{'warm/cold':>11}{'warm/static':>13}"
    )
    for page, size, cold, cold_ms, warm, warm_ms, hits, flat in rows:
        print(
            f"{page:14}{size:>9}{cold:>12.0f}{cold_ms:>8.1f}ms{warm:>12.0f}{warm_ms:>8.1f}ms{hits:>8.1%}"
            f"{flat:>14.0f}{warm / cold if cold else 0:>10.1f}x{warm / flat if flat else 0:>12.0%}"
        )
    for line in errors[:20]:
        print("  " + line)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
