"""The database goes away mid-use: pages answer a clean 503 (no traceback), and once it is
back the same app server serves again by itself, without a restart.

The outage is a TCP relay between gunicorn and PostgreSQL that the test cuts and restores:
from the app server's side exactly a database that stops and starts, without stopping the
machine's PostgreSQL under other users."""

import contextlib
import socket
import threading
import time
import urllib.error
import urllib.request

import pytest
from django.db import connection

from ..factories import BriefingFactory
from .servers import app_server, free_port, server_env

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


class Relay:
    """Forwards 127.0.0.1:`port` to the database; `cut()` drops every connection and
    refuses new ones, `restore()` listens again on the same port."""

    def __init__(self, target: tuple[str, int]):
        self.target, self.port = target, free_port()
        self.connections: list[socket.socket] = []
        self.listener = None
        self.lock = threading.Lock()
        self.restore()

    def restore(self):
        self.listener = socket.create_server(("127.0.0.1", self.port), reuse_port=False)
        self.listener.settimeout(0.2)
        self.running = True
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def _accept(self, listener):
        while self.running:
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            with self.lock:
                self.connections += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.close()

    def cut(self):
        self.running = False
        self.listener.close()
        with self.lock:
            for end in self.connections:
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
                    end.close()
            self.connections.clear()
        time.sleep(0.3)


def fetch(url: str) -> tuple[int, str, dict]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def test_pages_answer_503_while_the_database_is_down_and_recover_by_themselves():
    BriefingFactory(published=True, slug="during-outage", title="Outage drill")
    settings = connection.settings_dict
    relay = Relay((settings["HOST"] or "127.0.0.1", int(settings["PORT"] or 5432)))
    url = f"postgres://{settings['USER'] or 'postgres'}@127.0.0.1:{relay.port}/{settings['NAME']}"
    env = server_env(database=False, DATABASE_URL=url, CONN_MAX_AGE="60")
    try:
        with app_server(env) as server:
            assert fetch(server + "/briefings/during-outage/")[0] == 200

            relay.cut()
            status, body, headers = fetch(server + "/briefings/during-outage/")

            assert status == 503
            assert "briefly unavailable" in body and "Traceback" not in body
            assert headers.get("Retry-After") == "30"

            relay.restore()
            deadline, status = time.monotonic() + 20, 0
            while time.monotonic() < deadline and status != 200:
                status = fetch(server + "/briefings/during-outage/")[0]
                time.sleep(0.3)
            assert status == 200
    finally:
        relay.running = False
        relay.cut()
