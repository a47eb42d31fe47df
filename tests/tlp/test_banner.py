"""Every page of a briefing, and its printout, carries its TLP label at the top and the
bottom, in FIRST's colours on black."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.template.loader import render_to_string

from briefings.models import Tlp

pytestmark = pytest.mark.django_db

CSS = Path(settings.BASE_DIR, "static", "css")
# FIRST TLP 2.0: the label's colour, on black.
COLOURS = {
    "clear": "#ffffff",
    "green": "#33ff00",
    "amber": "#ffc000",
    "amber-strict": "#ffc000",
    "red": "#ff2b2b",
}


def banners(response):
    return BeautifulSoup(response.content, "html.parser").select(".tlp-banner")


def test_a_clear_briefing_says_tlp_clear_at_the_top_and_the_bottom(client, briefing_at):
    page = banners(client.get(briefing_at(Tlp.CLEAR).get_absolute_url()))
    assert [b.select_one(".tlp-banner__label").get_text() for b in page] == ["TLP:CLEAR", "TLP:CLEAR"]
    assert "tlp-banner--top" in page[0]["class"] and "tlp-banner--bottom" in page[-1]["class"]


def test_a_restricted_briefing_carries_its_label_for_its_reader(client, briefing_at, make_reader, partner):
    reader = make_reader(Tlp.AMBER_STRICT, partner)
    briefing = briefing_at(Tlp.AMBER_STRICT, recipients=[partner])
    client.force_login(reader.user)
    page = banners(client.get(briefing.get_absolute_url()))
    assert [b.select_one(".tlp-banner__label").get_text() for b in page] == ["TLP:AMBER+STRICT"] * 2
    assert "tlp-banner--amber-strict" in page[0]["class"]


@pytest.mark.parametrize("marking", Tlp.values)
def test_the_banner_takes_a_value_or_a_label(marking):
    by_value = render_to_string("briefings/includes/marking_banner.html", {"marking": marking})
    by_label = render_to_string("briefings/includes/marking_banner.html", {"marking": Tlp(marking).label})
    assert by_value == by_label and Tlp(marking).label in by_value


@pytest.mark.parametrize(("css", "colour"), COLOURS.items())
def test_each_label_is_in_firsts_colour_on_black(css, colour):
    site = (CSS / "site.css").read_text()
    assert re.search(r"\.tlp-banner \{[^}]*background: #000000", site)
    rule = re.search(rf"\.tlp-banner--{css} \.tlp-banner__label[^{{]*\{{([^}}]*)\}}", site)
    assert rule and f"color: {colour}" in rule.group(1)


def test_the_printout_keeps_the_labels_colours_on_every_page():
    printed = (CSS / "print.css").read_text()
    rule = re.search(r"\.tlp-banner \{([^}]*)\}", printed).group(1)
    assert "print-color-adjust: exact" in rule and "position: fixed" in rule
    assert ".tlp-banner--top { top: 0; }" in printed and ".tlp-banner--bottom { bottom: 0; }" in printed
