"""Load test: readers, searchers and feed readers, while analysts save in the admin.

    .venv/bin/python bench/load.py            # 60 seconds (the full run)
    .venv/bin/python bench/load.py --short    # 12 seconds (what CI runs)

Serves the site with gunicorn and the production settings on PostgreSQL (a database of its
own, created and dropped here), on 127.0.0.1 only. Readers open briefings, search, and read
feeds and the API; analysts open a change page, edit one field and save, over and over,
several of them on the same judgment at once (two on the same field, so that some saves
must conflict). Every response is counted; every analyst save must either be saved or be
answered with the conflict page, and at the end each field must hold the last value saved
into it: an edit lost without a word is counted as lost. Exits 1 on any error or loss.
"""

import argparse
import hashlib
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import Counter
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The clone's own virtual environment, or else the one running this script (a worktree).
VENV_BIN = (
    ROOT / ".venv" / "bin" if (ROOT / ".venv" / "bin" / "python").exists() else Path(sys.executable).parent
)
PYTHON = VENV_BIN / "python"
GUNICORN = VENV_BIN / "gunicorn"
PASSWORD = "load-test-password-2026"  # noqa: S105 - accounts of a throwaway database
# Two analysts on one field (their saves must sometimes conflict), one on each other field.
ANALYSTS = [("ana", "assumptions"), ("ben", "assumptions"), ("cara", "alternatives"), ("dev", "rationale")]
READER_PAGES = [
    "/",
    "/briefings/russia-mali-coup-2020/",
    "/countries/mali/",
    "/search/?q=russia",
    "/search/?q=coup",
    "/feeds/briefings/",
    "/api/briefings/",
    "/track-record/",
]


def free_port() -> int:
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(name: str) -> str:
    base = os.environ.get("LOAD_DATABASE_SERVER", "postgres://postgres@127.0.0.1:5432")
    return f"{base}/{name}"


def manage(env: dict, *args: str) -> None:
    subprocess.run(
        [str(PYTHON), "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def server_connection():
    """An autocommit connection to the server's `postgres` database, to create and drop databases."""
    import psycopg2

    connection = psycopg2.connect(database_url("postgres"))
    connection.autocommit = True
    return connection


def migrations_key() -> str:
    """What a migrated database depends on: every migration file and the pinned packages."""
    digest = hashlib.sha256((ROOT / "requirements.txt").read_bytes())
    for path in sorted(ROOT.glob("*/migrations/*.py")):
        digest.update(path.relative_to(ROOT).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:12]


def migrated_template() -> str:
    """A database migrated once and copied for every benchmark (`CREATE DATABASE … TEMPLATE`
    takes a second; migrating takes tens): named for the migrations, made when missing. The
    templates of other migrations are left to the clones that use them (drop old
    `bench_migrated_*` databases by hand)."""
    name = f"bench_migrated_{migrations_key()}"
    with closing(server_connection()) as server:
        cursor = server.cursor()
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchall():
            return name
        # Migrated under a name of its own, renamed when complete: another benchmark copies
        # only a finished template.
        building = f"bench_building_{uuid.uuid4().hex[:8]}"
        cursor.execute(f'CREATE DATABASE "{building}"')
        try:
            manage(production_env(building, tempfile.gettempdir()), "migrate", "--noinput")
            cursor.execute(f'ALTER DATABASE "{building}" RENAME TO "{name}"')
        except Exception:
            cursor.execute(f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)')
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if not cursor.fetchall():  # not made meanwhile by another benchmark
                raise
    return name


def database_create(name: str) -> None:
    """Create `name` as a copy of the migrated template."""
    import psycopg2

    template = migrated_template()
    with closing(server_connection()) as server:
        for attempt in range(10):
            try:
                server.cursor().execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
                return
            except psycopg2.errors.ObjectInUse:  # another copy being made from it this instant
                if attempt == 9:
                    raise
                time.sleep(0.5)


def database_drop(name: str) -> None:
    with closing(server_connection()) as server:
        server.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def scratch_database(prefix: str = "load"):
    """A migrated database of its own, dropped at the end."""
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    database_create(name)
    try:
        yield name
    finally:
        database_drop(name)


def static_key() -> str:
    """What the collected static files depend on: our static folder, the settings and the
    pinned packages (the admin's files)."""
    digest = hashlib.sha256()
    sources = [ROOT / "requirements.txt", ROOT / "project" / "settings.py", *(ROOT / "static").rglob("*")]
    for path in sorted(p for p in sources if p.is_file()):
        digest.update(path.relative_to(ROOT).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:12]


def static_collect(env: dict) -> None:
    """Fill the server's static folder (`STATIC_ROOT` in `env`) with what `collectstatic`
    gathers for production. Hashing and compressing every file takes minutes on a busy
    machine, so it is done once per version of its sources, in the temporary folder, and
    copied from there."""
    collected = Path(tempfile.gettempdir()) / f"briefings-bench-static-{static_key()}"
    if not collected.is_dir():
        building = Path(tempfile.mkdtemp(prefix="briefings-bench-static-building-"))
        manage({**env, "STATIC_ROOT": str(building)}, "collectstatic", "--noinput")
        try:
            building.rename(collected)
        except OSError:  # collected meanwhile by another benchmark
            shutil.rmtree(building, ignore_errors=True)
    shutil.copytree(collected, env["STATIC_ROOT"], dirs_exist_ok=True)


def prepare(env: dict) -> int:
    """Load the demo into the migrated database, make the analysts and the judgment they all
    edit; its pk."""
    static_collect(env)
    manage(env, "load_demo")
    script = f"""
from briefings.models import Assessment
from briefings.services.accounts import team_user_save
for name in {[name for name, _ in ANALYSTS]!r}:
    team_user_save(username=name, role="editor", password={PASSWORD!r})
print(Assessment.objects.create(statement="A draft the analysts all edit.", confidence="moderate").pk)
"""
    out = subprocess.run(
        [str(PYTHON), "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return int(out.stdout.strip().splitlines()[-1])


def production_env(database: str, static) -> dict:
    """The environment of a server with the production settings on `database`, served over
    plain HTTP on 127.0.0.1, with sign-in throttling loosened for the benchmark's clients."""
    return {
        **{k: v for k, v in os.environ.items() if k not in {"DEBUG", "REDIS_URL"}},
        "DJANGO_SETTINGS_MODULE": "project.settings",
        "DATABASE_URL": database_url(database),
        "PRODUCTION": "1",
        "SECRET_KEY": "bench-" + uuid.uuid4().hex * 2,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "AXES_FAILURE_LIMIT": "1000",
        "STATIC_ROOT": str(static),
    }


@contextmanager
def served(env: dict, workers: int, *, timeout: int = 30):
    """gunicorn on 127.0.0.1 with `env`; yields (its address, the master's pid)."""
    port = free_port()
    process = subprocess.Popen(
        [str(GUNICORN), "project.wsgi:application", f"--bind=127.0.0.1:{port}", f"--workers={workers}",
         f"--timeout={timeout}", "--no-control-socket"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(url + "/robots.txt", timeout=5).close()
                break
            except OSError:  # refused, reset or timed out: not up yet
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("gunicorn did not come up") from None
                time.sleep(0.2)
        yield url, process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)


@contextmanager
def gunicorn(env: dict, workers: int):
    """gunicorn on 127.0.0.1 with `env`; yields its address."""
    with served(env, workers) as (url, _):
        yield url


class Client:
    """A person's browser: cookies kept by hand (the production cookies are Secure, and the
    test speaks plain HTTP behind a pretend proxy that says https)."""

    def __init__(self, base: str):
        self.base, self.cookies = base, {}

    def request(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        # Behind the proxy the site is https: the Referer the CSRF check reads says so.
        headers = {
            "X-Forwarded-Proto": "https",
            "Referer": f"https://{urllib.parse.urlsplit(self.base).netloc}{path}",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        opener = urllib.request.build_opener(NoRedirect)
        try:
            response = opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.read().decode("utf-8", "replace")

    def sign_in(self, username: str) -> None:
        self.request("/admin/login/")
        status, _ = self.request(
            "/admin/login/?next=/admin/",
            {"username": username, "password": PASSWORD, "next": "/admin/", "csrfmiddlewaretoken": self.cookies["csrftoken"]},
        )  # fmt: skip
        if status != 302:
            raise RuntimeError(f"{username} could not sign in ({status})")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class FormReader(HTMLParser):
    """The fields a browser would send from the change form."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self.in_form = False
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id", "").endswith("_form"):
            self.in_form = True
        if not self.in_form or "disabled" in attrs:
            return
        name = attrs.get("name")
        if (
            tag == "input"
            and name
            and attrs.get("type", "text") not in {"submit", "button", "file", "checkbox"}
        ):
            self.data.setdefault(name, []).append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self.textarea = name
            self.data[name] = [""]
        elif tag == "option" and "selected" in attrs and self.select:
            self.data.setdefault(self.select, []).append(attrs.get("value", ""))
        if tag == "select":
            self.select = name

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        if tag == "textarea":
            self.textarea = None
        if tag == "select":
            self.select = None

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea][0] += data

    select = None


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    reads: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    saves: Counter = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    # field -> (time the save answered, value), for every save that was saved
    saved: dict[str, list[tuple[float, str]]] = field(default_factory=dict)


def reader(base: str, until: float, tally: Tally, seed: int) -> None:
    client, chance = Client(base), random.Random(seed)
    while time.monotonic() < until:
        path = chance.choice(READER_PAGES)
        started = time.monotonic()
        try:
            status, _ = client.request(path)
        except Exception as error:  # noqa: BLE001 - every failure is counted, none raised
            status = f"{type(error).__name__}"
        with tally.lock:
            tally.latencies.append(time.monotonic() - started)
            tally.reads[status] += 1
            if status != 200:
                tally.errors.append(f"GET {path}: {status}")


def analyst(base: str, until: float, tally: Tally, name: str, field_name: str, judgment: int) -> None:
    client = Client(base)
    client.sign_in(name)
    page = f"/admin/briefings/assessment/{judgment}/change/"
    number = 0
    while time.monotonic() < until:
        number += 1
        value = f"{name} {number}"
        try:
            status, html = client.request(page)
            form = FormReader()
            form.feed(html)
            data = {k: v for k, v in form.data.items() if not k.startswith("_")}
            data[field_name] = [value]
            data["csrfmiddlewaretoken"] = [client.cookies["csrftoken"]]
            data["_continue"] = ["Save and continue editing"]
            time.sleep(random.uniform(0.05, 0.3))  # a person types
            status, html = client.request(page, data)
        except Exception as error:  # noqa: BLE001
            with tally.lock:
                tally.errors.append(f"{name}: {type(error).__name__} {error}")
            continue
        with tally.lock:
            if status == 302:
                tally.saves["saved"] += 1
                tally.saved.setdefault(field_name, []).append((time.monotonic(), value))
            elif status == 200 and 'id="conflict"' in html:
                tally.saves["conflict page"] += 1
            else:
                tally.saves[f"other {status}"] += 1
                snippet = re.sub(r"\s+", " ", html[:200])
                tally.errors.append(f"{name} save: {status} {snippet}")


def stored(env: dict, judgment: int) -> dict[str, str]:
    script = f"""
import json
from briefings.models import Assessment
a = Assessment.objects.get(pk={judgment})
print(json.dumps({{"assumptions": a.assumptions, "alternatives": a.alternatives, "rationale": a.rationale}}))
"""
    out = subprocess.run(
        [str(PYTHON), "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    import json

    return json.loads(out.stdout.strip().splitlines()[-1])


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", action="store_true", help="12 seconds, as CI runs it")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--readers", type=int, default=6)
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args()
    seconds = 12 if args.short else args.seconds
    with scratch_database() as name, tempfile.TemporaryDirectory() as static:
        env = production_env(name, static)
        judgment = prepare(env)
        with gunicorn(env, args.workers) as base:
            tally = Tally()
            until = time.monotonic() + seconds
            threads = [
                threading.Thread(target=reader, args=(base, until, tally, n)) for n in range(args.readers)
            ]
            threads += [
                threading.Thread(target=analyst, args=(base, until, tally, who, what, judgment))
                for who, what in ANALYSTS
            ]
            started = time.monotonic()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=seconds + 60)
            elapsed = time.monotonic() - started
        final = stored(env, judgment)
    lost = []
    for field_name, saves in tally.saved.items():
        last = max(saves)[1]
        if final[field_name] != last:
            lost.append(f"{field_name}: stored {final[field_name]!r}, last saved {last!r}")
    reads = sum(tally.reads.values())
    print(
        f"load test: {seconds:.0f} s, {args.readers} readers, {len(ANALYSTS)} analysts, {args.workers} workers"
    )
    print(f"{'':22}{'count':>8}")
    print(f"{'reads':22}{reads:>8}   {reads / elapsed:.0f}/s, p50 {percentile(tally.latencies, 0.5) * 1000:.0f} ms, "
          f"p99 {percentile(tally.latencies, 0.99) * 1000:.0f} ms")  # fmt: skip
    for outcome, count in sorted(tally.saves.items()):
        print(f"{'saves: ' + outcome:22}{count:>8}")
    print(f"{'errors':22}{len(tally.errors):>8}")
    print(f"{'edits lost':22}{len(lost):>8}")
    for line in (tally.errors + lost)[:20]:
        print("  " + line)
    return 1 if tally.errors or lost or not tally.saves["saved"] else 0


if __name__ == "__main__":
    sys.exit(main())
