"""App servers for the team-server tests: gunicorn on 127.0.0.1 with the test database,
a throwaway Redis, and a cookie-keeping client that signs in through the login form."""

import http.cookiejar
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import ExitStack, closing, contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

from ..factories import PASSWORD

ROOT = Path(settings.BASE_DIR)
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
TIMEOUT = 30  # seconds, for every request and for a server to come up (a busy CI machine)
# A worker imports the whole URLconf before it listens: on two CPUs shared with the suite's
# other workers that alone can take most of half a minute. Waiting longer costs nothing
# when it is up sooner.
STARTUP_SECONDS = 120


def free_port() -> int:
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server at {url} exited with {process.returncode}")
        try:
            # As the proxy in front asks: production settings send plain HTTP to HTTPS.
            probe = urllib.request.Request(url + "/robots.txt", headers={"X-Forwarded-Proto": "https"})
            with urllib.request.urlopen(probe, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            # TimeoutError: listening, but the worker still booting (on a busy machine the
            # first request, which imports the URLs and opens the database, takes seconds).
            time.sleep(0.2)
    raise TimeoutError(f"the server at {url} did not come up")


def database_url() -> str:
    """The URL of the test database this test is running on, for the servers to share."""
    settings = connection.settings_dict
    user = urllib.parse.quote(settings["USER"] or "postgres")
    password = f":{urllib.parse.quote(settings['PASSWORD'])}" if settings["PASSWORD"] else ""
    host = settings["HOST"] or "127.0.0.1"
    port = settings["PORT"] or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"


@contextmanager
def app_server(env: dict):
    """One gunicorn instance on 127.0.0.1, stopped when the block ends."""
    port = free_port()
    process = subprocess.Popen(
        [
            str(GUNICORN),
            "project.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            "--workers=1",
            "--timeout=30",
            "--graceful-timeout=5",
            "--max-requests=200",
            # Two instances for one user: they must not share gunicorn's control socket.
            "--no-control-socket",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextmanager
def redis_server():
    """A throwaway Redis on 127.0.0.1, where the machine has one; else None."""
    executable = shutil.which("redis-server")
    if executable is None:
        yield None
        return
    port = free_port()
    process = subprocess.Popen(
        [executable, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def server_env(*, database: bool = True, **extra) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "DEBUG", "PRODUCTION"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="project.settings",
        SECRET_KEY="two-servers-one-site-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1",
        # Each request on a connection of its own, so the test database can be emptied after.
        CONN_MAX_AGE="0",
    )
    env.update(extra)
    if database:
        env["DATABASE_URL"] = database_url()
    return env


@contextmanager
def team_servers():
    """Two app servers sharing the test database, and a Redis cache where one can run."""
    with ExitStack() as stack:
        redis_url = stack.enter_context(redis_server())
        env = server_env(**({"REDIS_URL": redis_url} if redis_url else {}))
        first = stack.enter_context(app_server(env))
        second = stack.enter_context(app_server(env))
        yield first, second, redis_url


class Browser:
    """A cookie-keeping HTTP client, as a person's browser on one of the servers."""

    def __init__(self, base: str):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, path: str) -> tuple[int, str]:
        try:
            with self.opener.open(self.base + path, timeout=TIMEOUT) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def post(self, path: str, data: dict) -> tuple[int, str]:
        token = next(c.value for c in self.cookies if c.name == "csrftoken")
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}, doseq=True).encode()
        request = urllib.request.Request(self.base + path, data=body, headers={"Referer": self.base + path})
        try:
            with self.opener.open(request, timeout=TIMEOUT) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def log_in(self, username: str) -> None:
        self.get("/admin/login/")
        status, page = self.post(
            "/admin/login/?next=/admin/", {"username": username, "password": PASSWORD, "next": "/admin/"}
        )
        assert status == 200 and "log out" in page.lower()

    def run_action(self, action: str, briefing) -> None:
        self.get("/admin/briefings/briefing/")
        status, _ = self.post(
            "/admin/briefings/briefing/", {"action": action, "_selected_action": [briefing.pk], "index": "0"}
        )
        assert status == 200
