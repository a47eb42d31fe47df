"""The proxy cache of a team server: the repository's nginx configuration
(`project/deploy/nginx.conf`, as the README deploys it) in front of gunicorn with production
settings, on the test database.

A public page is served from nginx's cache on the second request; a change committed to the
desk is on the page through nginx within the page's s-maxage (set to 2 seconds here; 30 on a
team server); a reader with a session or credentials is never served from the proxy's cache,
and their private page is never stored in it.
"""

import http.client
import os
import pwd
import shutil
import socket
import ssl
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import Client

from ..factories import BriefingFactory, UserFactory
from .servers import ROOT, TIMEOUT, app_server, free_port, server_env

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SITE_CONFIG = ROOT / "project" / "deploy" / "nginx.conf"
MAX_AGE = 2  # seconds: the page's max-age and s-maxage in these tests
MARGIN = 3  # seconds past the bound before a change not yet shown fails the test


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1, which the test's client trusts (and nothing else does)."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"]
        + ["-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    return cert, key


def site_config(**replacements: str) -> str:
    """The repository's configuration with this machine's addresses and paths: each line
    replaced must stand in the file exactly once, so the test follows the file it deploys."""
    text = SITE_CONFIG.read_text()
    for original, replacement in replacements.items():
        assert text.count(original) == 1, f"{original!r} is not once in {SITE_CONFIG}"
        text = text.replace(original, replacement)
    return text


@dataclass
class Proxy:
    https: int
    http: int
    cert: Path


def main_config(prefix: Path) -> str:
    """What a distribution's nginx.conf holds around the site: the process's own files in
    the temporary prefix, then the site."""
    # Started by root (a container), nginx's workers would run as nobody, who cannot read
    # the temporary folder: they run as whoever runs the test.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
    return f"""
{user}
worker_processes 1;
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy_temp;
    fastcgi_temp_path {prefix}/fastcgi_temp;
    uwsgi_temp_path {prefix}/uwsgi_temp;
    scgi_temp_path {prefix}/scgi_temp;
    include {prefix}/briefing-desk.conf;
}}
"""


@contextmanager
def nginx_in_front(app_url: str, prefix: Path):
    """nginx with the repository's site configuration, in front of the app server at
    `app_url`, run as the current user with everything it writes under `prefix`."""
    cert, key = self_signed_certificate(prefix)
    proxy = Proxy(https=free_port(), http=free_port(), cert=cert)
    app = app_url.removeprefix("http://")
    (prefix / "briefing-desk.conf").write_text(
        site_config(
            **{
                "/var/cache/nginx/briefing-desk": str(prefix / "cache"),
                "    server 127.0.0.1:8001;\n    server 127.0.0.1:8002;   # a second app server, if any\n": (
                    f"    server {app};\n"
                ),
                "listen 80;": f"listen 127.0.0.1:{proxy.http};",
                "listen 443 ssl http2;": f"listen 127.0.0.1:{proxy.https} ssl http2;",
                "/etc/letsencrypt/live/briefings.example.org/fullchain.pem": str(cert),
                "/etc/letsencrypt/live/briefings.example.org/privkey.pem": str(key),
            }
        ).replace("server_name briefings.example.org;", "server_name 127.0.0.1;")
    )
    config = prefix / "nginx.conf"
    config.write_text(main_config(prefix))
    process = subprocess.Popen(
        [NGINX, "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + TIMEOUT
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"nginx exited: {(prefix / 'error.log').read_text()}")
            try:
                socket.create_connection(("127.0.0.1", proxy.https), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise TimeoutError("nginx did not come up") from None
                time.sleep(0.1)
        yield proxy
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: str

    @property
    def proxy_cache(self) -> str:
        return self.headers.get("X-Proxy-Cache", "")

    @property
    def heading(self) -> str:
        return BeautifulSoup(self.body, "html.parser").h1.get_text(strip=True)


def get(proxy: Proxy, path: str, **headers: str) -> Answer:
    """A GET through nginx over TLS, trusting only the test's certificate."""
    context = ssl.create_default_context(cafile=str(proxy.cert))
    connection = http.client.HTTPSConnection("127.0.0.1", proxy.https, timeout=TIMEOUT, context=context)
    try:
        connection.request(
            "GET", path, headers={key.replace("_", "-"): value for key, value in headers.items()}
        )
        response = connection.getresponse()
        return Answer(response.status, response.headers, response.read().decode())
    finally:
        connection.close()


@pytest.fixture
def desk_behind_proxy(tmp_path):
    """gunicorn with production settings on the test database, and nginx in front of it."""
    missing = [
        name
        for name, found in (("nginx", Path(NGINX).exists()), ("openssl", shutil.which("openssl")))
        if not found
    ]
    if missing:
        # As for the browser and the page checkers: CI installs them, and there a missing
        # one is a failure; on a laptop without them these tests are skipped.
        message = f"needs Debian's nginx and openssl packages ({', '.join(missing)} missing)"
        if os.environ.get("BRIEFINGS_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    static = tmp_path / "static"
    static.mkdir()
    env = server_env(
        PRODUCTION="1",
        # The signed-in reader's session is signed in this process: the same key.
        SECRET_KEY=settings.SECRET_KEY,
        BRIEFINGS_PAGE_MAX_AGE=str(MAX_AGE),
        # Hashed static names need collectstatic, minutes on a busy machine; the pages'
        # caching does not depend on them.
        STATIC_MANIFEST="0",
        STATIC_ROOT=str(static),
    )
    prefix = tmp_path / "nginx"
    prefix.mkdir()
    with app_server(env) as app_url, nginx_in_front(app_url, prefix) as proxy:
        yield proxy


@pytest.fixture
def briefing(transactional_db):
    return BriefingFactory(published=True, title="Russia and the coup in Mali")


@pytest.fixture
def session_cookie(transactional_db) -> str:
    """The session cookie of a signed-in editor, as their browser sends it."""
    client = Client()
    client.force_login(UserFactory(username="editor", role="superuser"))
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


@pytest.mark.postgres
def test_a_public_page_is_served_from_the_proxy_cache_the_second_time(desk_behind_proxy, briefing):
    first = get(desk_behind_proxy, briefing.get_absolute_url())
    second = get(desk_behind_proxy, briefing.get_absolute_url())

    assert (first.status, first.proxy_cache) == (200, "MISS")
    assert (second.status, second.proxy_cache) == (200, "HIT")
    assert second.body == first.body
    assert f"s-maxage={MAX_AGE}" in second.headers["Cache-Control"]


@pytest.mark.postgres
def test_a_published_change_is_on_the_page_through_the_proxy_within_s_maxage(desk_behind_proxy, briefing):
    url = briefing.get_absolute_url()
    get(desk_behind_proxy, url)
    assert get(desk_behind_proxy, url).proxy_cache == "HIT"

    briefing.title = "Russia and the second coup in Mali"
    briefing.save()  # committed at once: the app's next page has the new title
    changed_at = time.monotonic()

    while (answer := get(desk_behind_proxy, url)).heading != "Russia and the second coup in Mali":
        assert time.monotonic() - changed_at < MAX_AGE + MARGIN, (
            "the proxy kept the old page past its s-maxage"
        )
        time.sleep(0.2)
    assert answer.proxy_cache in {"EXPIRED", "REVALIDATED", "MISS"}


@pytest.mark.postgres
def test_a_signed_in_reader_is_never_served_from_the_proxy_cache(desk_behind_proxy, briefing, session_cookie):
    url = briefing.get_absolute_url()
    assert "log out" in get(desk_behind_proxy, "/admin/", Cookie=session_cookie).body.lower()
    get(desk_behind_proxy, url)
    assert get(desk_behind_proxy, url).proxy_cache == "HIT"

    signed_in = get(desk_behind_proxy, url, Cookie=session_cookie)

    assert signed_in.proxy_cache == "BYPASS"
    assert signed_in.headers["X-Page-Cache"] == "bypass"  # rendered by the app, for them
    assert "private" in signed_in.headers["Cache-Control"]


@pytest.mark.postgres
def test_a_signed_in_readers_page_is_not_stored_in_the_proxy_cache(
    desk_behind_proxy, briefing, session_cookie
):
    url = briefing.get_absolute_url()
    assert get(desk_behind_proxy, url, Cookie=session_cookie).proxy_cache == "BYPASS"

    anonymous = get(desk_behind_proxy, url)

    assert anonymous.proxy_cache == "MISS"  # nothing was stored from the signed-in request
    assert "no-store" not in anonymous.headers["Cache-Control"]


@pytest.mark.postgres
def test_a_request_with_credentials_is_never_served_from_the_proxy_cache(desk_behind_proxy, briefing):
    url = briefing.get_absolute_url()
    get(desk_behind_proxy, url)
    assert get(desk_behind_proxy, url).proxy_cache == "HIT"

    with_credentials = get(desk_behind_proxy, url, Authorization="Basic ZWRpdG9yOnNlY3JldA==")

    assert with_credentials.proxy_cache == "BYPASS"
    assert "no-store" in with_credentials.headers["Cache-Control"]


@pytest.mark.postgres
def test_plain_http_is_sent_to_https(desk_behind_proxy, briefing):
    connection = http.client.HTTPConnection("127.0.0.1", desk_behind_proxy.http, timeout=TIMEOUT)
    try:
        connection.request("GET", briefing.get_absolute_url())
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    assert response.status == 301
    assert response.headers["Location"] == f"https://127.0.0.1{briefing.get_absolute_url()}"
