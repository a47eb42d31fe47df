"""The layout model: headings and photo captions are not prose, list items are."""

import datetime

from briefings.extraction.layout import layout
from briefings.extraction.suggest import suggest

PUBLISHED = datetime.date(2024, 6, 12)


def test_a_title_case_subheading_names_no_actor():
    text = (
        "Ports on the coast\n\nThe port reopened after repairs.\n\nHarbour Cranes Restored\n\nTrade resumed."
    )
    assert suggest(text, PUBLISHED).actors == []


def test_a_photo_caption_is_neither_an_event_nor_an_actor():
    text = (
        "Fishing on the coast\n\nThe catch has fallen for years.\n\n"
        "Photo: Fishermen mend nets near the harbour, 3 June. (Kofi Boateng/Coast Press)\n\n"
        "Prices doubled."
    )
    found = suggest(text, PUBLISHED)
    assert found.events == []
    assert found.actors == []


def test_a_question_standing_alone_is_a_heading():
    text = "Explainer\n\nThe council met.\n\nWhat happens next?\n\nNobody knows."
    page = layout(text)
    assert [text[s:e] for s, e in page.headings] == ["What happens next?"]
    assert "What happens next?" not in [text[s:e] for s, e in page.sentences]


def test_a_list_item_without_a_full_stop_is_prose():
    text = "Key dates\n\nThe war ended.\n\n- 12 March 2019: ceasefire signed"
    assert [(e.date, e.precision) for e in suggest(text, PUBLISHED).events] == [("2019-03-12", "day")]


def test_a_heading_still_names_its_countries():
    text = "Outlook\n\nThe talks stalled.\n\nWhat Now For Ghana\n\nThe vote is near."
    assert {c.iso2 for c in suggest(text, PUBLISHED).countries} == {"GH"}
