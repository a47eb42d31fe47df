"""Generated input, zero server errors: every public query parameter and every staff
endpoint that takes input, fed by hypothesis with text of every kind (control characters,
NUL, other scripts, huge numbers, malformed dates)."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
anything = st.one_of(
    st.text(max_size=80),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["", "0", "-1", "9999-99-99", "2020-02-30", "0000-01", "99999-12", "NaN", "\x00", "%00",
                     "' OR 1=1 --", "<script>", "../../etc/passwd", "a" * 5000, "1e309", "２０２０"]),
)  # fmt: skip

PUBLIC = {
    "/search/": ["q", "type", "country", "actor", "kind", "date_from", "date_to", "page"],
    "/track-record/": ["country", "from", "to", "author"],
    "/": ["page"],
    "/countries/mali/": ["page", "events_page", "judgments_page", "actors_page"],
    "/api/briefings/": ["country", "actor", "date_from", "date_to", "page"],
    "/api/events/": ["briefing", "country", "actor", "kind", "date_from", "date_to", "page"],
    "/api/judgments/": ["briefing", "country", "actor", "likelihood", "confidence", "page"],
    "/api/actors/": ["briefing", "country", "kind", "page"],
    "/api/countries/": ["covered", "page"],
    "/events.csv": ["page"],
    "/feeds/briefings/": ["page"],
}


@pytest.mark.parametrize("path", PUBLIC)
def test_public_query_parameters_never_cause_a_server_error(client, demo_briefing, path):
    @FUZZ
    @given(st.dictionaries(st.sampled_from(PUBLIC[path]), anything, max_size=4))
    def check(params):
        assert client.get(path, params).status_code < 500, params

    check()


STAFF_TEXT = ["/admin/briefings/briefing/markdown-preview/", "/admin/briefings/assessment/markdown-preview/"]


@pytest.mark.parametrize("path", STAFF_TEXT)
def test_the_markdown_previews_never_cause_a_server_error(admin_client, path):
    @FUZZ
    @given(st.text(max_size=3000))
    def check(text):
        assert admin_client.post(path, {"text": text}).status_code < 500

    check()


def test_the_excerpt_endpoint_never_causes_a_server_error(admin_client, demo_briefing):
    from ..factories import SourceFactory

    source = SourceFactory(
        full_text="On August 18 the president was overthrown. The ambassador met the committee."
    )
    values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
                          lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                          max_leaves=6)  # fmt: skip

    @FUZZ
    @given(st.one_of(values, st.fixed_dictionaries({"text": values, "start": values})))
    def check(payload):
        response = admin_client.post(
            f"/admin/curation/sources/{source.pk}/excerpt/",
            json.dumps(payload),
            content_type="application/json",
        )
        assert response.status_code < 500, payload

    check()


def test_the_import_form_never_causes_a_server_error(admin_client):
    fields = ["text", "title", "author", "publisher", "url", "published_on", "reliability"]

    @FUZZ
    @given(st.dictionaries(st.sampled_from(fields), anything, max_size=7))
    def check(data):
        assert admin_client.post("/admin/curation/import/", {**data, "save": "1"}).status_code < 500, data

    check()


ADMIN_LISTS = ["/admin/briefings/briefing/", "/admin/briefings/event/", "/admin/briefings/source/",
               "/admin/briefings/assessmentoutcome/", "/admin/briefings/countrytrend/", "/track-record/staff/"]  # fmt: skip


@pytest.mark.parametrize("path", ADMIN_LISTS)
def test_staff_list_parameters_never_cause_a_server_error(admin_client, path):
    @FUZZ
    @given(
        st.dictionaries(
            st.sampled_from(["q", "o", "p", "status", "resolution", "country", "from", "to", "author"]),
            anything,
            max_size=3,
        )
    )
    def check(params):
        assert admin_client.get(path, params).status_code < 500, params

    check()


def test_the_presence_endpoint_never_causes_a_server_error(admin_client):
    @FUZZ
    @given(
        st.sampled_from(["briefings", "auth", "x"]),
        st.sampled_from(["briefing", "event", "nothing"]),
        st.text(min_size=1, max_size=80).filter(lambda s: "/" not in s and "\x00" not in s),
    )
    def check(app, model, object_id):
        from urllib.parse import quote

        response = admin_client.post(
            f"/admin/curation/presence/{app}/{model}/{quote(object_id, safe='')}/", {}
        )
        assert response.status_code < 500

    check()


@pytest.mark.parametrize("path", ADMIN_LISTS)
def test_a_filter_value_past_the_databases_integers_is_answered_as_an_impossible_filter(admin_client, path):
    for params in ({"country": str(10**30)}, {"country__id__exact": str(10**30)}):
        assert admin_client.get(path, params).status_code in (200, 302, 400), params


@pytest.mark.parametrize("path", [*ADMIN_LISTS[:-1], "/admin/auth/user/"])
def test_a_nul_character_in_a_list_filter_or_search_is_an_impossible_filter(admin_client, path):
    for params in ({"q": "coup\x00"}, {"status\x00": "draft"}, {"country": "m\x00l"}):
        response = admin_client.get(path, params)

        assert response.status_code == 302 and response["Location"].endswith("?e=1"), params


@pytest.mark.parametrize("path", ["/search/", "/api/events/", "/track-record/", "/track-record/staff/"])
def test_a_nul_character_in_a_public_query_is_a_bad_request(admin_client, path):
    for params in ({"q": "coup\x00"}, {"country": "m\x00l"}):
        assert admin_client.get(path, params).status_code in (200, 400), params
