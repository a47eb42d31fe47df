"""Public pages, warm and cold: requests per second from the page cache, from the views, and
for a static file of the same size.

    .venv/bin/python bench/pages.py            # every kind of public page, 5 s each way
    .venv/bin/python bench/pages.py --quick    # four pages, 1 s each way
    .venv/bin/python bench/pages.py --redis "" # each worker caching in its own memory

Serves the site with gunicorn and the production settings on a PostgreSQL database of its
own with the demo loaded (as `bench/load.py` does; `LOAD_DATABASE_SERVER` points it at
another server), its page cache on Redis (`--redis`, a key prefix of its own) as a team
server's is. Each page is asked for by wrk (`bench/scale.py`'s helper, `--clients`
connections):

- cold: every request has a query string of its own (`?bench=<n>`), so each one misses the
  cache and is rendered by the view (and stored);
- warm: the same address every time, served from the cache (checked to be a hit first);
- static: a file of the page's size served by whitenoise from the same gunicorn, the floor
  a cached page could reach in this process.

Warm and static are measured in short bursts taken in turn (`--pairs`, 5: warm then static,
then static then warm, ...), and warm/static is the median of the pairs' ratios: on a
shared machine the rate of a whole run moves by a factor of two from one second to the
next, and two runs seconds apart compare the machine's moments as much as the pages.
wrk runs on the same machine as the server and takes CPU from it: compare the columns
with one another rather than with another machine's figures.
"""

import argparse
import http.client
import json
import os
import statistics
import sys
import tempfile
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import gunicorn, manage, production_env, scratch_database  # noqa: E402
from scale import drain, wrk_run  # noqa: E402

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


def warm_and_static(base: str, path: str, static_path: str, *, pairs: int, seconds: float, clients: int):
    """`pairs` bursts of the cached page and of the static file taken in turn, the order
    swapped every pair so that neither always runs on the machine's later moment. Each
    side's figures are the medians of its bursts; the warm side also carries the pairs'
    ratios and their median (the row's warm/static)."""
    warms, flats = [], []
    for pair in range(pairs):
        for side in ((warms, path), (flats, static_path))[:: 1 if pair % 2 == 0 else -1]:
            side[0].append(wrk_run(base, [side[1]], bust=False, seconds=seconds, clients=clients))
            drain(base)
    ratios = [w["rps"] / f["rps"] if f["rps"] else 0.0 for w, f in zip(warms, flats, strict=True)]

    def median(runs: list[dict]) -> dict:
        return {
            **{k: statistics.median(r[k] for r in runs) for k in ("rps", "p50", "p99")},
            **{k: sum(r[k] for r in runs) for k in ("bad", "errors", "answers")},
        }

    return {**median(warms), "ratios": ratios, "ratio": statistics.median(ratios)}, median(flats)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"{', '.join(QUICK)}; 1 s each way")
    parser.add_argument("--seconds", type=float, default=5, help="per page and way (in all, over the pairs)")
    parser.add_argument("--pairs", type=int, default=5, help="alternating warm and static bursts per page")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--redis",
        default="redis://127.0.0.1:6379/0",
        help="the page cache's Redis; empty: each worker's memory",
    )
    args = parser.parse_args()
    seconds = 1 if args.quick else args.seconds
    pairs = 2 if args.quick else max(1, args.pairs)
    pages = [(name, path) for name, path in PAGES if not args.quick or name in QUICK]
    with scratch_database() as name, tempfile.TemporaryDirectory() as static:
        env = production_env(name, static)
        if args.redis:
            env.update(REDIS_URL=args.redis, CACHE_KEY_PREFIX=f"bench-{uuid.uuid4().hex[:8]}")
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
                # Stored in every worker (each keeps its own cache without Redis).
                for _ in range(4 * args.workers):
                    get(base, path)
                how = {"seconds": seconds, "clients": args.clients}
                cold = wrk_run(base, [path], bust=True, **how)
                drain(base)
                # The cold run's thousands of addresses may have pushed this one out of a
                # worker's memory cache (300 entries): store it again, and check it is a hit.
                for _ in range(4 * args.workers):
                    hit = get(base, path)[2] == "hit"
                warm, flat = warm_and_static(base, path, static_path, pairs=pairs, seconds=seconds / pairs,
                                             clients=args.clients)  # fmt: skip
                rows.append((page, sizes[page], cold, warm, flat))
                errors += [f"{page} {run}: {result['bad']} non-2xx, {result['errors']} errors"
                           for run, result in (("cold", cold), ("warm", warm), ("static", flat))
                           if result["bad"] or result["errors"]]  # fmt: skip
                if not hit:
                    errors.append(f"{page}: not served from the cache before the warm run")
    print(
        f"public pages: {args.workers} gunicorn workers, wrk {args.clients} connections, {seconds:g} s cold, "
        f"warm and static in {pairs} alternating pairs of {seconds / pairs:g} s, "
        f"cache {'Redis' if args.redis else 'in each worker'}, {os.cpu_count()} CPUs shared by wrk and server"
    )
    print(
        f"{'page':14}{'bytes':>9}{'cold req/s':>12}{'cold p50':>10}{'warm req/s':>12}{'warm p50':>10}"
        f"{'warm p99':>10}{'static req/s':>14}{'static p50':>12}{'warm/static':>13}{'pairs from-to':>16}"
    )
    for page, size, cold, warm, flat in rows:
        print(
            f"{page:14}{size:>9}{cold['rps']:>12.0f}{cold['p50']:>8.1f}ms{warm['rps']:>12.0f}{warm['p50']:>8.1f}ms"
            f"{warm['p99']:>8.1f}ms{flat['rps']:>14.0f}{flat['p50']:>10.1f}ms{warm['ratio']:>12.0%}"
            f"{min(warm['ratios']):>9.0%}-{max(warm['ratios']):.0%}"
        )
    for line in errors[:20]:
        print("  " + line)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
