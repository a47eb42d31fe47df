"""In Chromium: "Add another key judgment" numbers each new row after the last one, on a
briefing drafted from a source and on one with judgments stored."""

import pytest
from django.test import Client

from briefings.models import KeyJudgment

from ..factories import AssessmentFactory, BriefingFactory, KeyJudgmentFactory, UserFactory
from ..helpers import change_url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def signed_in(page, live_server):
    client = Client()
    client.force_login(UserFactory(username="curator", role="superuser"))
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return page


def order_values(page) -> list[str]:
    inputs = page.locator("#judgment_links-group input[name$='-order']:not([name^='initial-'])")
    return [
        value
        for value in inputs.evaluate_all(
            "els => els.map(e => e.name.includes('__prefix__') ? null : e.value)"
        )
        if value is not None
    ]


def test_each_added_key_judgment_row_gets_the_next_order(signed_in, live_server):
    page = signed_in
    briefing = BriefingFactory(title="Russia and the coup")
    KeyJudgmentFactory(briefing=briefing, order=1)
    KeyJudgmentFactory(briefing=briefing, order=2)
    page.goto(live_server.url + change_url(briefing))
    assert order_values(page) == ["1", "2", "3"]  # the stored rows and the one extra row
    add = page.locator("#judgment_links-group .add-row a")
    add.click()
    add.click()
    assert order_values(page) == ["1", "2", "3", "4", "5"]


def test_added_rows_are_saved_with_their_numbers(signed_in, live_server):
    page = signed_in
    briefing = BriefingFactory(title="Russia and the coup", summary="Moscow gains.")
    first, second = AssessmentFactory(), AssessmentFactory()
    page.goto(live_server.url + change_url(briefing))
    page.locator("#judgment_links-group .add-row a").click()
    for row, assessment in ((0, first), (1, second)):
        page.evaluate(
            """([row, pk, label]) => {
                const select = document.querySelector(`select[name="judgment_links-${row}-assessment"]`);
                select.append(new Option(label, pk, true, true));
            }""",
            [row, str(assessment.pk), str(assessment)],
        )
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    assert sorted(KeyJudgment.objects.values_list("order", "assessment")) == [(1, first.pk), (2, second.pk)]
