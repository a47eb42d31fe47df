"""The demo load the suite shares (`SharedLoad` in tests/conftest.py): its readers see the
demo, what one reader writes is gone for the next, and a test that did not ask for the demo
never sees a row of it."""

import pytest

from briefings import demo
from briefings.models import Assessment, Briefing, Source


def test_a_reader_sees_the_whole_demo(demo_briefing):
    assert demo_briefing.judgment_links.count() == len(demo.JUDGMENTS)
    assert Assessment.objects.exclude(outcome="").exists()  # the track record step too


@pytest.mark.parametrize("reader", ["first", "second"])
def test_what_a_reader_writes_is_undone_before_the_next_reader(demo_briefing, reader):
    assert demo_briefing.title == demo.BRIEFING["title"]

    Briefing.objects.filter(pk=demo_briefing.pk).update(title=f"Rewritten by the {reader} reader")


def test_a_reader_of_the_first_step_sees_no_track_record(demo_briefing_step):
    assert demo_briefing_step.judgment_links.count() == len(demo.JUDGMENTS)
    assert not Assessment.objects.exclude(outcome="").exists()


@pytest.mark.django_db
def test_a_test_that_did_not_ask_for_the_demo_sees_none_of_it():
    assert not Briefing.objects.filter(slug=demo.BRIEFING_SLUG).exists()
    assert not Source.objects.exists()
