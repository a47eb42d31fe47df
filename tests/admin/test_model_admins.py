"""The admin: every page loads, bad input is refused next to its field, status changes go
through the workflow services, and changelists make no N+1 queries."""

import datetime

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from bs4 import BeautifulSoup
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.messages import ERROR, get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from briefings import models, services
from briefings.models import PublicationStatus

from .. import factories
from ..factories import (
    ActorAliasFactory,
    ActorFactory,
    AssessmentFactory,
    BriefingFactory,
    CountryTrendFactory,
    EventActorFactory,
    EventFactory,
    ExcerptFactory,
    GroupFactory,
    KeyJudgmentFactory,
    RegionFactory,
    SourceFactory,
    UserFactory,
    country,
)
from ..helpers import admin_form_data, admin_url, post_form, run_action

# --- One existing row of each registered model, and a word to search it by -----------


def _region():
    region = RegionFactory(name="Lake Chad Basin")
    region.countries.add(country("TD"), country("NE"))
    return region, "Chad"


def _actor():
    actor = ActorFactory(name="Igor Gromyko", role_title="Russian Ambassador to Mali and Niger")
    ActorAliasFactory(actor=actor, name="the ambassador")
    actor.countries.add(country("RU"))
    return actor, "Gromyko"


def _event():
    event = EventActorFactory(event__title="Coup in Mali", event__country=country("ML")).event
    event.excerpts.add(ExcerptFactory())
    return event, "Coup"


def _assessment():
    assessment = AssessmentFactory(statement="Russia is unlikely to deploy contractors to the Sahel.")
    assessment.countries.add(country("ML"))
    return assessment, "contractors"


def _briefing():
    briefing = KeyJudgmentFactory(briefing__title="Russia and the coup in Mali").briefing
    briefing.countries.add(country("ML"))
    return briefing, "coup"


ROWS = {
    "briefings.country": lambda: (country("ML"), "Mali"),
    "briefings.region": _region,
    "briefings.actor": _actor,
    "briefings.source": lambda: (SourceFactory(title="The Kremlin and Bamako"), "Kremlin"),
    "briefings.excerpt": lambda: (ExcerptFactory(), "overthrown"),
    "briefings.event": _event,
    "briefings.assessment": _assessment,
    "briefings.briefing": _briefing,
    "briefings.forecastupdate": lambda: (
        factories.ForecastUpdateFactory(assessment__statement="Contractors are unlikely."),
        "Contractors",
    ),
    "briefings.countrytrend": lambda: (
        CountryTrendFactory(
            country=country("ML"),
            month=datetime.date(2020, 8, 1),
            trend=models.Trend.DETERIORATED,
            reason="Military coup ousted the president.",
        ),
        "coup",
    ),
    # A notice is listed to its recipient only: this one is the signed-in staff user's.
    "briefings.notice": lambda: (
        factories.NoticeFactory(
            recipient=get_user_model().objects.get(username="staff"), text="Returned with a note."
        ),
        "note",
    ),
    "auth.user": lambda: (UserFactory(username="editor1"), "editor1"),
    # Sign-in throttling's records (django-axes), which administrators read and clear.
    "axes.accessattempt": lambda: (_sign_in_record(AccessAttempt, failures_since_start=5), "amira"),
    "axes.accesslog": lambda: (_sign_in_record(AccessLog), "amira"),
    "axes.accessfailurelog": lambda: (_sign_in_record(AccessFailureLog, locked_out=True), "amira"),
    "auth.group": lambda: (GroupFactory(name="Editors"), "Editors"),
    # A reader's API token, which administrators list (as DRF's TokenProxy) and revoke.
    "authtoken.token": lambda: (
        Token.objects.create(user=UserFactory(username="tokenreader")),
        "tokenreader",
    ),
}


def _sign_in_record(model, **fields):
    base = {"username": "amira", "ip_address": "203.0.113.7", "user_agent": "Firefox", "http_accept": "*/*"}
    extra = {"get_data": "", "post_data": ""} if model is AccessAttempt else {}
    return model.objects.create(path_info="/admin/login/", **base, **extra, **fields)


REGISTERED = sorted(admin.site._registry, key=lambda m: m._meta.label_lower)
REGISTERED_IDS = [m._meta.label_lower for m in REGISTERED]


def _from_factory(model):
    """A row of a model this file does not know, made by its factory in tests/factories.py,
    found by the first plain field the admin searches."""
    made = [f for f in vars(factories).values() if getattr(getattr(f, "_meta", None), "model", None) is model]
    if not made:
        pytest.fail(f"{model._meta.label} is in the admin but has no row maker here or factory")
    obj = made[0]()
    fields = [f for f in admin.site._registry[model].search_fields if f.isidentifier() and "__" not in f]
    return obj, str(getattr(obj, fields[0]))[:20] if fields else ""


@pytest.fixture
def row(request, db):
    model = request.param
    if model._meta.proxy:
        # A proxy shows the same rows another way: make one as its concrete model.
        concrete = model._meta.concrete_model
        label = concrete._meta.label_lower
        obj, term = ROWS[label]() if label in ROWS else _from_factory(concrete)
        return model.objects.get(pk=obj.pk), term
    label = model._meta.label_lower
    return ROWS[label]() if label in ROWS else _from_factory(model)


def test_every_briefings_model_is_registered():
    expected = {"country", "region", "actor", "source", "excerpt", "event", "assessment", "briefing"}
    registered = {m._meta.model_name for m in admin.site._registry if m._meta.app_label == "briefings"}
    assert expected <= registered


@pytest.mark.parametrize("model", REGISTERED, ids=REGISTERED_IDS)
def test_changelist_loads(admin_client, model):
    assert admin_client.get(admin_url(model, "changelist")).status_code == 200


@pytest.mark.parametrize(("model", "row"), [(m, m) for m in REGISTERED], ids=REGISTERED_IDS, indirect=["row"])
def test_changelist_search_finds_row(admin_client, model, row):
    obj, term = row
    response = admin_client.get(admin_url(model, "changelist"), {"q": term})
    assert response.status_code == 200
    assert obj in response.context["cl"].result_list


@pytest.mark.parametrize("model", REGISTERED, ids=REGISTERED_IDS)
def test_add_page_loads(admin_client, model, rf, staff_user):
    request = rf.get("/")
    request.user = staff_user
    # Some pages only change existing rows (an outcome is recorded on a judgment): no add.
    expected = 200 if admin.site._registry[model].has_add_permission(request) else 403
    assert admin_client.get(admin_url(model, "add")).status_code == expected


@pytest.mark.parametrize(("model", "row"), [(m, m) for m in REGISTERED], ids=REGISTERED_IDS, indirect=["row"])
def test_change_page_loads(admin_client, model, row):
    obj, _ = row
    assert admin_client.get(admin_url(model, "change", obj.pk)).status_code == 200


def test_admin_requires_staff_login(client, db):
    response = client.get(admin_url(models.Briefing, "changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


# --- Briefing change page: preview and view on site ----------------------------------


def test_briefing_change_page_shows_rendered_markdown_preview(admin_client):
    briefing = BriefingFactory(body="## Bottom line\n\nRussia **gains** from the coup.")
    response = admin_client.get(admin_url(models.Briefing, "change", briefing.pk))
    preview = BeautifulSoup(response.content, "html.parser").select_one(".markdown-preview")
    assert preview.find("h2").get_text() == "Bottom line"
    assert preview.find("strong").get_text() == "gains"


def test_briefing_preview_carries_no_script_from_the_body(admin_client):
    briefing = BriefingFactory(body="Text <script>alert('x')</script> <img src=x onerror=alert(1)>")
    response = admin_client.get(admin_url(models.Briefing, "change", briefing.pk))
    preview = BeautifulSoup(response.content, "html.parser").select_one(".markdown-preview")
    assert preview.find("script") is None
    assert preview.find("img") is None


def test_assessment_change_page_shows_rationale_preview(admin_client):
    assessment = AssessmentFactory(rationale="Moscow *welcomed* the junta.")
    response = admin_client.get(admin_url(models.Assessment, "change", assessment.pk))
    preview = BeautifulSoup(response.content, "html.parser").select_one(".markdown-preview")
    assert preview.find("em").get_text() == "welcomed"


def test_markdown_preview_endpoint_renders_sanitized_html(admin_client):
    response = admin_client.post(
        reverse("admin:briefings_briefing_markdown_preview"),
        {"text": "**bold** <script>alert(1)</script>"},
    )
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("strong").get_text() == "bold"
    assert soup.find("script") is None


def test_markdown_preview_endpoint_refuses_anonymous(client, db):
    response = client.post(reverse("admin:briefings_briefing_markdown_preview"), {"text": "x"})
    assert response.status_code == 302


def test_markdown_preview_endpoint_refuses_get(admin_client):
    response = admin_client.get(reverse("admin:briefings_briefing_markdown_preview"))
    assert response.status_code == 405


def test_published_briefing_offers_view_on_site(admin_client, published_briefing):
    response = admin_client.get(admin_url(models.Briefing, "change", published_briefing.pk))
    link = BeautifulSoup(response.content, "html.parser").select_one("a.viewsitelink")
    assert link["href"] == published_briefing.get_absolute_url()


@pytest.mark.parametrize(
    "status", [PublicationStatus.DRAFT, PublicationStatus.IN_REVIEW, PublicationStatus.WITHDRAWN]
)
def test_unpublished_briefing_offers_no_view_on_site(admin_client, status):
    briefing = BriefingFactory(status=status)
    response = admin_client.get(admin_url(models.Briefing, "change", briefing.pk))
    assert BeautifulSoup(response.content, "html.parser").select_one("a.viewsitelink") is None


def test_scheduled_briefing_offers_no_view_on_site(admin_client):
    briefing = BriefingFactory(
        status=PublicationStatus.PUBLISHED, published_at=timezone.now() + datetime.timedelta(days=2)
    )
    response = admin_client.get(admin_url(models.Briefing, "change", briefing.pk))
    assert BeautifulSoup(response.content, "html.parser").select_one("a.viewsitelink") is None


# --- Briefing actions go through the services ----------------------------------------


def test_publish_action_publishes_reviewed_briefing(admin_client):
    briefing = BriefingFactory(status=PublicationStatus.IN_REVIEW)
    run_action(admin_client, "publish", briefing)
    briefing.refresh_from_db()
    assert briefing.status == PublicationStatus.PUBLISHED
    assert briefing.published_at is not None


def test_publish_action_calls_the_publish_service(admin_client, monkeypatch):
    calls = []
    real = services.briefing_publish
    monkeypatch.setattr(services, "briefing_publish", lambda **kw: calls.append(kw) or real(**kw))
    briefing = BriefingFactory(status=PublicationStatus.IN_REVIEW)
    run_action(admin_client, "publish", briefing)
    assert [c["briefing"].pk for c in calls] == [briefing.pk]


def test_publish_action_reports_refused_transition_as_error(admin_client):
    draft = BriefingFactory(status=PublicationStatus.DRAFT, title="Unreviewed draft")
    response = run_action(admin_client, "publish", draft)
    errors = [m for m in get_messages(response.wsgi_request) if m.level == ERROR]
    assert len(errors) == 1
    assert "Unreviewed draft" in errors[0].message
    assert "cannot become published" in errors[0].message


def test_publish_action_leaves_refused_briefing_unchanged(admin_client):
    draft = BriefingFactory(status=PublicationStatus.DRAFT)
    run_action(admin_client, "publish", draft)
    draft.refresh_from_db()
    assert draft.status == PublicationStatus.DRAFT
    assert draft.published_at is None


def test_publish_action_publishes_the_allowed_among_refused(admin_client):
    reviewed = BriefingFactory(status=PublicationStatus.IN_REVIEW)
    draft = BriefingFactory(status=PublicationStatus.DRAFT)
    run_action(admin_client, "publish", reviewed, draft)
    reviewed.refresh_from_db()
    draft.refresh_from_db()
    assert (reviewed.status, draft.status) == (PublicationStatus.PUBLISHED, PublicationStatus.DRAFT)


def test_withdraw_action_withdraws_published_briefing(admin_client, published_briefing):
    run_action(admin_client, "withdraw", published_briefing)
    published_briefing.refresh_from_db()
    assert published_briefing.status == PublicationStatus.WITHDRAWN


def test_withdraw_action_calls_the_withdraw_service(admin_client, published_briefing, monkeypatch):
    calls = []
    real = services.briefing_withdraw
    monkeypatch.setattr(services, "briefing_withdraw", lambda **kw: calls.append(kw) or real(**kw))
    run_action(admin_client, "withdraw", published_briefing)
    assert [c["briefing"].pk for c in calls] == [published_briefing.pk]


def test_withdraw_action_reports_refused_transition_as_error(admin_client):
    draft = BriefingFactory(status=PublicationStatus.DRAFT)
    response = run_action(admin_client, "withdraw", draft)
    errors = [m for m in get_messages(response.wsgi_request) if m.level == ERROR]
    assert ["cannot become withdrawn" in m.message for m in errors] == [True]


def test_submit_action_sends_draft_to_review(admin_client):
    draft = BriefingFactory(status=PublicationStatus.DRAFT)
    run_action(admin_client, "submit_for_review", draft)
    draft.refresh_from_db()
    assert draft.status == PublicationStatus.IN_REVIEW


def test_return_to_draft_action_returns_reviewed_briefing(admin_client):
    briefing = BriefingFactory(status=PublicationStatus.IN_REVIEW)
    # The action asks for the comment its authors will read, then applies.
    admin_client.post(
        admin_url(models.Briefing, "changelist"),
        {
            "action": "return_to_draft",
            "apply": "yes",
            "workflow-comment": "Source the second judgment.",
            admin.helpers.ACTION_CHECKBOX_NAME: [briefing.pk],
        },
    )
    briefing.refresh_from_db()
    assert briefing.status == PublicationStatus.DRAFT


# --- Admin forms: posting ------------------------------------------------------------


def form_errors(response):
    return response.context["adminform"].form.errors


def event_fields(**overrides):
    return {
        "title": "Coup in Mali",
        "date": "2020-08-18",
        "date_precision": models.DatePrecision.DAY,
        "kind": models.EventKind.COUP,
        **overrides,
    }


def test_event_add_form_creates_event(admin_client):
    response = post_form(admin_client, admin_url(models.Event, "add"), **event_fields())
    assert response.status_code == 302
    assert models.Event.objects.filter(title="Coup in Mali").exists()


def test_event_ending_before_it_starts_is_refused_next_to_end_date(admin_client):
    response = post_form(admin_client, admin_url(models.Event, "add"), **event_fields(end_date="2020-08-17"))
    assert response.status_code == 200
    assert "cannot end before it starts" in form_errors(response)["end_date"][0]
    assert not models.Event.objects.exists()


def test_event_change_ending_before_it_starts_saves_nothing(admin_client):
    event = EventFactory(title="Protest in Bamako")
    page = admin_url(models.Event, "change", event.pk)
    response = post_form(admin_client, page, title="Renamed", end_date="2020-01-01")
    assert response.status_code == 200
    event.refresh_from_db()
    assert (event.title, event.end_date) == ("Protest in Bamako", None)


def test_event_form_saves_actors_in_roles(admin_client):
    actor = ActorFactory()
    rows = {"roles": [{"actor": actor.pk, "role": models.ActorRole.INITIATOR}]}
    post_form(admin_client, admin_url(models.Event, "add"), inline_rows=rows, **event_fields())
    assert list(models.EventActor.objects.values_list("actor", "role")) == [(actor.pk, "initiator")]


def test_excerpt_not_in_source_text_is_refused_next_to_text(admin_client):
    source = SourceFactory()
    response = post_form(
        admin_client,
        admin_url(models.Excerpt, "add"),
        source=source.pk,
        text="The moon is made of cheese.",
        credibility=2,
    )
    assert response.status_code == 200
    assert "not in the source" in form_errors(response)["text"][0]
    assert not models.Excerpt.objects.exists()


def test_excerpt_form_records_position_in_source(admin_client):
    source = SourceFactory()
    post_form(
        admin_client,
        admin_url(models.Excerpt, "add"),
        source=source.pk,
        text="The ambassador met the committee.",
    )
    excerpt = models.Excerpt.objects.get()
    assert source.full_text[excerpt.start : excerpt.end] == "The ambassador met the committee."


def test_source_inline_excerpt_not_in_text_is_refused(admin_client):
    source = SourceFactory()
    rows = {"excerpts": [{"text": "Words the source never said.", "credibility": 2}]}
    response = post_form(admin_client, admin_url(models.Source, "change", source.pk), inline_rows=rows)
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert "not in the source" in formset.errors[0]["text"][0]
    assert not models.Excerpt.objects.exists()


def test_source_inline_excerpt_is_checked_against_text_being_saved(admin_client):
    source = SourceFactory()
    rows = {"excerpts": [{"text": "A new sentence.", "credibility": 2}]}
    page = admin_url(models.Source, "change", source.pk)
    post_form(admin_client, page, inline_rows=rows, full_text="Old text. A new sentence.")
    assert models.Excerpt.objects.get().start == len("Old text. ")


def test_source_add_page_refuses_excerpt_not_in_its_text(admin_client):
    rows = {"excerpts": [{"text": "Words the source never said.", "credibility": 2}]}
    response = post_form(
        admin_client,
        admin_url(models.Source, "add"),
        inline_rows=rows,
        title="New source",
        reliability="B",
        full_text="What the source said.",
    )
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert "not in the source" in formset.errors[0]["text"][0]
    assert not models.Source.objects.filter(title="New source").exists()


def test_duplicate_briefing_slug_is_refused_next_to_slug(admin_client):
    BriefingFactory(slug="russia-mali")
    response = post_form(
        admin_client, admin_url(models.Briefing, "add"), title="Another", slug="russia-mali", summary="BLUF."
    )
    assert response.status_code == 200
    assert "slug" in form_errors(response)
    assert models.Briefing.objects.count() == 1


def test_duplicate_actor_slug_is_refused_next_to_slug(admin_client):
    ActorFactory(name="Wagner Group", slug="wagner")
    response = post_form(
        admin_client,
        admin_url(models.Actor, "add"),
        name="Wagner",
        slug="wagner",
        kind=models.ActorKind.COMPANY,
    )
    assert response.status_code == 200
    assert "slug" in form_errors(response)
    assert models.Actor.objects.count() == 1


def test_unknown_iso_codes_are_refused_next_to_their_fields(admin_client):
    response = post_form(
        admin_client,
        admin_url(models.Country, "add"),
        name="Atlantis",
        slug="atlantis",
        iso2="XQ",
        iso3="XQA",
    )
    assert response.status_code == 200
    assert set(form_errors(response)) == {"iso2", "iso3"}
    assert not models.Country.objects.filter(name="Atlantis").exists()


def test_lowercase_iso_codes_are_stored_in_capitals(admin_client):
    mali = country("ML")
    response = post_form(admin_client, admin_url(models.Country, "change", mali.pk), iso2="ml", iso3="mli")
    assert response.status_code == 302
    mali.refresh_from_db()
    assert (mali.iso2, mali.iso3) == ("ML", "MLI")


def test_probability_outside_likelihood_range_is_refused_next_to_probability(admin_client):
    response = post_form(
        admin_client,
        admin_url(models.Assessment, "add"),
        statement="Russia will deploy contractors.",
        likelihood=models.Likelihood.UNLIKELY,
        probability=70,
        confidence=models.Confidence.MODERATE,
    )
    assert response.status_code == 200
    assert "outside" in form_errors(response)["probability"][0]
    assert not models.Assessment.objects.exists()


# --- Briefing status through the change form -----------------------------------------


def test_new_briefing_cannot_be_created_published(admin_client):
    response = post_form(
        admin_client,
        admin_url(models.Briefing, "add"),
        title="Fresh",
        slug="fresh",
        summary="BLUF.",
        status=PublicationStatus.PUBLISHED,
    )
    assert response.status_code == 200
    assert "status" in form_errors(response)
    assert not models.Briefing.objects.exists()


def test_disallowed_status_change_is_refused_next_to_status(admin_client):
    draft = BriefingFactory(status=PublicationStatus.DRAFT)
    page = admin_url(models.Briefing, "change", draft.pk)
    response = post_form(admin_client, page, title="Edited", status=PublicationStatus.PUBLISHED)
    assert response.status_code == 200
    assert "cannot become published" in form_errors(response)["status"][0]
    draft.refresh_from_db()
    assert (draft.status, draft.title) == (PublicationStatus.DRAFT, draft.title)
    assert draft.title != "Edited"


def test_allowed_status_change_goes_through_transition_service(admin_client, monkeypatch):
    calls = []
    real = services.briefing_transition
    monkeypatch.setattr(services.workflow, "briefing_transition", lambda **kw: calls.append(kw) or real(**kw))
    briefing = BriefingFactory(status=PublicationStatus.IN_REVIEW)
    page = admin_url(models.Briefing, "change", briefing.pk)
    # The status field is read-only: the change page's workflow buttons move it.
    response = post_form(admin_client, page, **{"workflow-action": "publish"})
    assert response.status_code == 302
    assert [c["to_status"] for c in calls] == [PublicationStatus.PUBLISHED]


def test_publishing_from_change_form_sets_published_at(admin_client):
    briefing = BriefingFactory(status=PublicationStatus.IN_REVIEW)
    post_form(
        admin_client, admin_url(models.Briefing, "change", briefing.pk), **{"workflow-action": "publish"}
    )
    briefing.refresh_from_db()
    assert briefing.status == PublicationStatus.PUBLISHED
    assert briefing.published_at is not None


def test_edit_without_status_change_saves_other_fields(admin_client):
    briefing = BriefingFactory(status=PublicationStatus.DRAFT)
    post_form(admin_client, admin_url(models.Briefing, "change", briefing.pk), title="Sharper title")
    briefing.refresh_from_db()
    assert briefing.title == "Sharper title"


def test_clearing_published_at_of_published_briefing_by_a_crafted_post_changes_nothing(
    admin_client, published_briefing
):
    page = admin_url(models.Briefing, "change", published_briefing.pk)
    first_published = published_briefing.published_at
    data = admin_form_data(admin_client, page)
    data["published_at_0"] = data["published_at_1"] = ""
    admin_client.post(page, data)
    published_briefing.refresh_from_db()
    assert published_briefing.published_at == first_published


def test_briefing_form_saves_key_judgments_in_order(admin_client):
    briefing = BriefingFactory()
    first, second = AssessmentFactory(), AssessmentFactory()
    rows = {"judgment_links": [{"assessment": second.pk, "order": 2}, {"assessment": first.pk, "order": 1}]}
    post_form(admin_client, admin_url(models.Briefing, "change", briefing.pk), inline_rows=rows)
    assert [kj.assessment for kj in briefing.judgment_links.all()] == [first, second]


# --- Changelists: no N+1 ---------------------------------------------------------------


def changelist_query_count(admin_client, model) -> int:
    admin_client.get(admin_url(model, "changelist"))  # warm the session and content types
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    return len(queries)


def briefing_row():
    briefing = KeyJudgmentFactory().briefing
    briefing.countries.add(country("ML"), country("RU"))
    briefing.authors.add(UserFactory())
    return briefing


def event_row():
    event = EventActorFactory(event__country=country("ML")).event
    EventActorFactory(event=event, role=models.ActorRole.TARGET)
    event.excerpts.add(ExcerptFactory())
    return event


def actor_row():
    actor = ActorFactory(parent=ActorFactory())
    actor.countries.add(country("ML"))
    ActorAliasFactory(actor=actor, name="alias")
    return actor


def assessment_row():
    return KeyJudgmentFactory().assessment


def region_row():
    region = RegionFactory()
    region.countries.add(country("ML"), country("NE"))
    return region


ROW_MAKERS = {
    models.Briefing: briefing_row,
    models.Event: event_row,
    models.Actor: actor_row,
    models.Excerpt: ExcerptFactory,
    models.Assessment: assessment_row,
    models.Source: lambda: ExcerptFactory().source,
    models.Region: region_row,
}


@pytest.mark.parametrize("model", list(ROW_MAKERS), ids=lambda m: m._meta.model_name)
def test_changelist_queries_do_not_grow_with_rows(admin_client, model):
    """Each related column is loaded for the whole page at once, never per row."""
    make = ROW_MAKERS[model]
    for _ in range(3):
        make()
    with_three = changelist_query_count(admin_client, model)
    for _ in range(12):
        make()
    assert changelist_query_count(admin_client, model) == with_three


def test_country_changelist_queries_are_bounded(admin_client, django_assert_max_num_queries):
    """All ~250 countries on one page, with their regions, in a handful of queries."""
    region_row()
    admin_client.get(admin_url(models.Country, "changelist"))
    with django_assert_max_num_queries(12):
        admin_client.get(admin_url(models.Country, "changelist"), {"all": ""})


# --- In the browser --------------------------------------------------------------------


@pytest.mark.browser
def test_markdown_preview_follows_typing(page, live_server):
    UserFactory(username="editor", role="superuser")
    briefing = BriefingFactory(body="Old text.")
    change_page = admin_url(models.Briefing, "change", briefing.pk)
    page.goto(f"{live_server.url}/admin/login/?next={change_page}")
    page.fill("#id_username", "editor")
    page.fill("#id_password", factories.PASSWORD)
    page.click("input[type=submit]")
    # Loaded, not only parsed: the preview listens for typing from DOMContentLoaded on, and
    # the field is there to be filled before (CI once typed into it first).
    page.wait_for_url(f"{live_server.url}{change_page}", wait_until="load")
    page.fill("#id_body", "## Fresh heading\n\nNew <script>alert(1)</script> text.")
    page.locator(".markdown-preview h2", has_text="Fresh heading").wait_for(timeout=15_000)
    assert page.locator(".markdown-preview script").count() == 0


def test_the_time_horizon_stands_with_the_likelihood_not_in_a_collapsed_fieldset(admin_client):
    from bs4 import BeautifulSoup

    from briefings.models import Assessment

    page = BeautifulSoup(admin_client.get(admin_url(Assessment, "add")).content, "html.parser")
    horizon = page.find(id="id_horizon")
    assert horizon.find_parent("details") is None
    fieldset = horizon.find_parent("fieldset")
    assert "collapse" not in fieldset.get("class", [])
    assert fieldset.find(id="id_likelihood") is not None
