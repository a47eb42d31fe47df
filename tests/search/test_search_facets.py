"""The search page's facet selects: written in Python, as Django's templates write them."""

import pytest
from django import forms

from briefings.search.filters import FacetSelect

CHOICES = [
    ("", "any <country>"),
    ("a&b", 'A "quoted" & name'),
    ("Region", [("r1", "First"), ("r2", "Second")]),
    ("c", "C"),
]
ATTRS = {"id": "id_country", "aria-describedby": "id_country_helptext", "disabled": True, "hidden": False}


@pytest.mark.parametrize("value", ["", "a&b", "r2", None, "unknown"])
def test_facet_select_writes_what_djangos_select_writes(value):
    expected = forms.Select(choices=CHOICES).render("country", value, dict(ATTRS))
    assert FacetSelect(choices=CHOICES).render("country", value, dict(ATTRS)) == expected


def test_facet_select_escapes_labels_and_values():
    html = FacetSelect(choices=CHOICES).render("country", "", {})
    assert "any &lt;country&gt;" in html
    assert 'value="a&amp;b"' in html
    assert "<country>" not in html
