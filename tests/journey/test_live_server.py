"""The live server the browser tests drive and the test itself write to one SQLite database
side by side: a request still running when a test ends must not fail the test's writes (its
teardown flushes the database) nor leave its connection in a transaction."""

import threading
import urllib.request

from django.db import connection, transaction

from ..factories import EventFactory


def test_pages_answered_while_the_test_writes_fail_none_of_its_writes(live_server):
    answers, stop = [], threading.Event()

    def open_pages():
        while not stop.is_set() and len(answers) < 1000:
            with urllib.request.urlopen(f"{live_server.url}/", timeout=10) as response:
                answers.append(response.status)

    browsers = [threading.Thread(target=open_pages) for _ in range(3)]
    for browser in browsers:
        browser.start()
    try:
        for number in range(60):
            # Each write raises the desk's publication version, which every page reads.
            EventFactory(title=f"Event {number} written beside the browsers")
            with transaction.atomic():
                EventFactory(title=f"Event {number} written in a transaction beside the browsers")
    finally:
        stop.set()
        for browser in browsers:
            browser.join(timeout=30)

    assert answers and set(answers) == {200}
    assert connection.get_autocommit() and not connection.in_atomic_block
