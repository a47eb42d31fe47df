"""Odd input gives empty or partial suggestions, never an error; long input is fast."""

import datetime
import importlib.util
import time
from pathlib import Path

import pytest

from briefings.extraction.suggest import suggest

PUBLISHED = datetime.date(2021, 3, 1)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "((((((( ))))))) (CNSP) (A) ()",
        "!!!! ???? .... ,,,, ''''",
        "MALI NIGER CHAD ALL IN CAPITALS ON AUGUST 18 LET US GO",
        "Le président Keïta a été renversé le 18 août à Bamako. Ça va ? Œuvre, straße, İstanbul.",
        "مالي النيجر 🇲🇱 😀 中文 русский текст",
        "On February 30, 2020 nothing happened. On 31 April it rained. In 1850 and in 2999.",
        "A" * 10000,
        "Mr. A. B. C. D. E. F. G. Smith (S.M.I.T.H.) met Dr. J. R. R. Tolkien (JRRT).",
        "\x0c\x0b\u2028\u2029 page breaks \u00a0\u200b in between",
    ],
)
def test_odd_text_never_raises(text):
    result = suggest(text, PUBLISHED)
    assert isinstance(result.to_dict(), dict)


def test_impossible_dates_are_skipped():
    result = suggest("On February 30, 2020 nothing happened.", PUBLISHED)
    assert result.events == []


def _bench():
    path = Path(__file__).resolve().parents[2] / "bench" / "extraction.py"
    spec = importlib.util.spec_from_file_location("bench_extraction", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_5000_word_article_takes_under_two_seconds():
    bench = _bench()
    text, index = bench.synthetic_article(), bench.synthetic_index()
    suggest("Mali, on August 18.", PUBLISHED)  # the per-process tables, built once
    # The process's CPU time, not the wall clock: the suite's other workers share the CPUs.
    started = time.process_time()
    result = suggest(text, PUBLISHED, index=index)
    elapsed = time.process_time() - started
    assert len(text.split()) >= 5000
    assert result.events
    assert elapsed < 2.0
