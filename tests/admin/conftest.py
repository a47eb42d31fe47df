"""The admin's own fixtures: two editors who open the same pages at once, and an article to
curate on the suggestions page."""

import datetime

import pytest

from ..factories import SourceFactory, UserFactory

# A coup (Amadou Sanda the target, the Nigerien Armed Forces the initiator) and a meeting.
NIGER_ARTICLE = (
    "On August 4, Niger's President Amadou Sanda was overthrown in a coup led by officers of the "
    "Nigerien Armed Forces. On August 9, French Ambassador to Niger Claire Martin met with "
    "representatives of the Council for National Renewal (CNR). The CNR is unlikely to hold "
    "elections soon. Wagner Group fighters then arrived in Niamey."
)


@pytest.fixture
def ana(db):
    """An editor, Ana Lopes."""
    return UserFactory(username="ana", role="editor", first_name="Ana", last_name="Lopes")


@pytest.fixture
def ben(db):
    """Another editor, Ben Okafor."""
    return UserFactory(username="ben", role="editor", first_name="Ben", last_name="Okafor")


@pytest.fixture
def niger_source(db):
    """An imported article whose suggestions page lists two events and four actors."""
    return SourceFactory(
        title="Coup in Niger", full_text=NIGER_ARTICLE, published_on=datetime.date(2020, 9, 1)
    )
