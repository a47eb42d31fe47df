"""The cut into tokens and sentences can be spaCy's blank English pipeline, which needs no
statistical model; the rules are the default."""

import datetime

import pytest

from briefings.extraction import pipeline
from briefings.extraction.suggest import suggest

TEXT = "On 3 March, Ghanaian troops met the Council for National Renewal (CNR). The CNR is unlikely to yield."


@pytest.fixture
def spacy_pipeline():
    pipeline.use(pipeline.SPACY)
    yield
    pipeline.use(pipeline.RULES)


def test_the_rules_cut_the_text_by_default():
    assert pipeline.current() == pipeline.RULES


def test_the_blank_spacy_pipeline_reads_an_article_without_a_model(spacy_pipeline):
    found = suggest(TEXT, datetime.date(2024, 3, 7))
    assert [c.iso2 for c in found.countries] == ["GH"]
    assert [a.name for a in found.actors] == ["Council for National Renewal"]
    assert [(e.date, e.precision) for e in found.events] == [("2024-03-03", "day")]
    assert [j.likelihood for j in found.judgments] == ["unlikely"]
