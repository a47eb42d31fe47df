"""The demo desk's track record and Mali's trend strip, as a reader's browser shows them."""

import pytest

# Transactional, with a load of the demo of its own: the live server reads committed rows.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_desk(live_server, fresh_demo_briefing):
    return live_server


def test_reader_sees_the_resolved_judgment_its_score_and_the_calibration_chart(page, demo_desk):
    page.goto(f"{demo_desk.url}/track-record/")

    resolved = page.locator("#resolved")
    assert "Russia is unlikely to deploy private military contractors" in resolved.inner_text()
    assert "Brier score 0.455625" in resolved.inner_text()
    chart = page.locator("svg.calibration-chart")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box["width"] > 400 and box["height"] > 150
    assert page.locator(".calibration-table tbody tr").count() == 7
    # The stylesheet loaded: the outcome box is laid out, not bare text.
    assert page.locator(".outcome--happened").evaluate("e => getComputedStyle(e).borderLeftStyle") == "solid"


def test_reader_filters_by_a_country_and_a_bad_month_is_explained(page, demo_desk):
    page.goto(f"{demo_desk.url}/track-record/")
    page.select_option("#f-country", "ML")
    page.click(".filters button")

    assert "country=ML" in page.url
    assert "about Mali" in page.locator("#summary-title").inner_text()

    response = page.goto(f"{demo_desk.url}/track-record/?from=2020-13")

    assert response.status == 400
    assert "is not a month" in page.locator(".notice").inner_text()


def test_reader_sees_malis_trend_strip_and_opens_a_months_reason(page, demo_desk):
    page.goto(f"{demo_desk.url}/countries/mali/")

    cells = page.locator(".trend-strip .trend-cell")
    assert cells.count() == 3
    first = cells.first.inner_text()
    assert "Aug 2020" in first and "deteriorated" in first and "conflict risk" in first
    cells.first.locator("a").click()
    reason = page.locator("#trend-2020-08")
    assert reason.is_visible()
    assert "Soldiers overthrew President Keita" in reason.inner_text()
