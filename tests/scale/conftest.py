"""Fixtures for the scale guards: a desk that can be grown, so that a page's queries are
counted at one size and again at three times that size; and the scale benchmark's module
with a slow server for its runs."""

import importlib.util
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from briefings.models import ActorRole

from ..factories import ActorFactory, EventActorFactory, EventFactory, country
from ..helpers import build_briefing


class Desk:
    """A published briefing on Mali, a busy actor and a busy event, grown `grow(n)` at a time."""

    def __init__(self):
        self.mali = country("ML")
        self.actor = ActorFactory(name="Sahel Contractors Group")
        self.briefing = build_briefing(events=2, judgments=2)
        self.briefing.actors.add(self.actor)
        self.event = self.briefing.events.first()
        EventActorFactory(event=self.event, actor=self.actor)

    def grow(self, n: int) -> None:
        """`n` more briefings, each with events the actor acts in and judgments citing the
        busy event; `n` more actors in the busy event."""
        for _ in range(n):
            briefing = build_briefing(events=3, judgments=2)
            briefing.actors.add(self.actor)
            for event in briefing.events.all():
                EventActorFactory(event=event, actor=self.actor, role=ActorRole.PARTICIPANT)
            briefing.events.add(self.event)
            for link in briefing.judgment_links.select_related("assessment"):
                link.assessment.evidence_events.add(self.event)
                link.assessment.actors.add(self.actor)
                link.assessment.countries.add(self.mali)
            EventActorFactory(event=self.event, actor=ActorFactory())
            EventFactory(country=self.mali)  # unpublished: in no briefing


@pytest.fixture
def desk(db):
    return Desk()


@pytest.fixture
def count_queries(client):
    """The number of queries one anonymous GET of `url` makes (status 200 checked)."""

    def count(url: str, **params) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, params)
            assert response.status_code == 200
            if getattr(response, "streaming", False):
                b"".join(response.streaming_content)
        return len(queries)

    return count


@pytest.fixture(scope="session")
def scale_bench():
    """`bench/scale.py` as a module (the benchmark is a script, not a package)."""
    path = Path(__file__).resolve().parents[2] / "bench" / "scale.py"
    spec = importlib.util.spec_from_file_location("bench_scale", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class SlowPage(BaseHTTPRequestHandler):
    """Answers every GET after `delay` seconds, as a page slower than a quick run does."""

    protocol_version = "HTTP/1.1"
    delay = 0.3

    def do_GET(self):
        time.sleep(self.delay)
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture
def slow_server():
    """The address of a server on 127.0.0.1 whose every answer takes 0.3 s."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), SlowPage)
    server.daemon_threads = True
    server.handle_error = lambda request, address: None  # wrk hangs up mid-answer when stopped
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
