"""The admin's own fixtures: two editors who open the same pages at once."""

import pytest

from ..factories import UserFactory


@pytest.fixture
def ana(db):
    """An editor, Ana Lopes."""
    return UserFactory(username="ana", role="editor", first_name="Ana", last_name="Lopes")


@pytest.fixture
def ben(db):
    """Another editor, Ben Okafor."""
    return UserFactory(username="ben", role="editor", first_name="Ben", last_name="Okafor")
