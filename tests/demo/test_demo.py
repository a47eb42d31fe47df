"""The curated demo briefing: loaded idempotently, published, and quoting its source exactly."""

from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

from briefings import demo
from briefings.models import (
    Actor,
    ActorRole,
    Assessment,
    Briefing,
    DatePrecision,
    Event,
    EventKind,
    Excerpt,
    Likelihood,
    Source,
)

from ..helpers import sign_in

SEED = Path(settings.BASE_DIR).parent / "shared" / "seed" / demo.SEED_FILENAME

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    """The briefing step loaded for this test alone, for the tests that load it again."""
    return demo.demo_briefing_load()


def row_counts() -> dict[str, int]:
    """Rows of every model the loader could touch, many-to-many tables included."""
    models = [*apps.get_app_config("briefings").get_models(include_auto_created=True), get_user_model()]
    return {model._meta.label: model._default_manager.count() for model in models}


def test_second_load_leaves_every_row_count_unchanged(loaded):
    before = row_counts()

    demo.demo_briefing_load()

    assert row_counts() == before


def test_second_load_writes_nothing(loaded):
    stamps = list(Briefing.objects.values_list("updated_at", flat=True))

    counts = demo.demo_briefing_load()

    assert counts["rows_written"] == 0
    assert list(Briefing.objects.values_list("updated_at", flat=True)) == stamps


def test_reload_restores_the_shipped_curation(loaded):
    Actor.objects.filter(slug="igor-gromyko").update(role_title="Someone else")

    demo.demo_briefing_load()

    assert Actor.objects.get(slug="igor-gromyko").role_title == "Russian Ambassador to Mali and Niger"


def test_demo_briefing_is_published(demo_briefing_step):
    assert Briefing.objects.published().filter(pk=demo_briefing_step.pk).exists()
    assert demo_briefing_step.published_at.isoformat() == "2020-09-25T10:00:00+00:00"


def test_key_judgments_are_numbered_from_one(demo_briefing_step):
    orders = list(demo_briefing_step.judgment_links.order_by("order").values_list("order", flat=True))

    assert orders == list(range(1, len(demo.JUDGMENTS) + 1))
    assert len(orders) >= 6


def test_briefing_covers_every_event_actor_and_country(demo_briefing_step):
    assert demo_briefing_step.events.count() == len(demo.EVENTS)
    assert demo_briefing_step.actors.count() == len(demo.ACTORS)
    assert set(demo_briefing_step.countries.values_list("iso2", flat=True)) == set(demo.COUNTRIES)
    assert list(demo_briefing_step.authors.values_list("username", flat=True)) == [demo.DEMO_USERNAME]


def test_briefing_body_renders_headings_lists_and_emphasis(demo_briefing_step):
    soup = BeautifulSoup(demo_briefing_step.body_html, "html.parser")

    assert len(soup.find_all("h2")) >= 3
    assert soup.find("ol") and soup.find("ul")
    assert soup.find("strong") and soup.find("em")


def test_source_does_not_store_the_article(demo_briefing_step):
    source = Source.objects.get(url=demo.SOURCE["url"])

    assert source.full_text == ""
    assert source.reliability == "B"


def test_every_excerpt_position_spans_its_text(demo_briefing_step):
    for excerpt in Excerpt.objects.all():
        assert excerpt.end - excerpt.start == len(excerpt.text), excerpt.text


@pytest.mark.skipif(not SEED.exists(), reason=f"the seed article is not at {SEED}")
def test_every_excerpt_quotes_the_seed_article_at_its_position(demo_briefing_step):
    seed = SEED.read_text(encoding="utf-8")

    for excerpt in Excerpt.objects.all():
        assert seed[excerpt.start : excerpt.end] == excerpt.text


def test_every_excerpt_supports_an_event_or_a_judgment(demo_briefing_step):
    unused = Excerpt.objects.filter(events__isnull=True, assessments__isnull=True)

    assert list(unused) == []


def test_every_event_rests_on_an_excerpt(demo_briefing_step):
    assert not Event.objects.filter(excerpts__isnull=True).exists()


def test_every_judgment_cites_events_and_excerpts(demo_briefing_step):
    for assessment in Assessment.objects.all():
        assert assessment.evidence_events.exists(), assessment
        assert assessment.evidence_excerpts.exists(), assessment


def test_coup_is_dated_to_the_day_with_its_initiator_and_target(demo_briefing_step):
    coup = Event.objects.get(kind=EventKind.COUP)
    roles = {(role.actor.slug, role.role) for role in coup.roles.select_related("actor")}

    assert (coup.date.isoformat(), coup.date_precision) == ("2020-08-18", DatePrecision.DAY)
    assert ("malian-armed-forces-breakaway-elements", ActorRole.INITIATOR) in roles
    assert ("ibrahim-boubacar-keita", ActorRole.TARGET) in roles


def test_return_from_moscow_days_earlier_is_approximate(demo_briefing_step):
    event = Event.objects.get(slug="2020-08-coup-leaders-return-from-moscow")

    assert event.date_precision == DatePrecision.APPROXIMATE


def test_pmc_judgment_is_unlikely_with_a_horizon(demo_briefing_step):
    pmc = demo.demo_judgment(key="no-pmcs-in-the-sahel")

    assert "private military contractors" in pmc.statement
    assert pmc.likelihood == Likelihood.UNLIKELY
    assert pmc.horizon is not None
    assert pmc.outcome == ""


def test_ambassador_belongs_to_the_russian_government(demo_briefing_step):
    gromyko = Actor.objects.get(slug="igor-gromyko")

    assert gromyko.parent.slug == "government-of-russia"
    assert gromyko.parent.aliases.filter(name="the Kremlin").exists()


def test_plain_load_gives_the_demo_user_no_password(demo_briefing_step):
    user = get_user_model().objects.get(username=demo.DEMO_USERNAME)

    assert (user.first_name, user.last_name) == ("Demo", "Analyst")
    assert not user.has_usable_password()


def test_with_demo_user_lets_demo_sign_in_as_an_editor_with_the_stated_password(client):
    call_command("load_demo", "--with-demo-user", verbosity=0)

    assert sign_in(client, demo.DEMO_USERNAME, "demo-desk-2020")
    user = get_user_model().objects.get(username=demo.DEMO_USERNAME)
    # An editor, never a superuser: its password is in the README.
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Editor"]


def test_plain_reload_keeps_the_demo_password(client):
    call_command("load_demo", "--with-demo-user", verbosity=0)

    call_command("load_demo", verbosity=0)

    assert sign_in(client, demo.DEMO_USERNAME, "demo-desk-2020")


def test_command_prints_what_it_loaded():
    out = StringIO()

    call_command("load_demo", stdout=out)

    assert (
        f"Demo briefing loaded: 1 source, {len(demo.EXCERPTS)} excerpts, {len(demo.COUNTRIES)} countries, "
        f"{len(demo.ACTORS)} actors, {len(demo.EVENTS)} events, {len(demo.JUDGMENTS)} judgments"
    ) in out.getvalue()
    assert "Demo account ready: demo" in out.getvalue()


def test_command_is_quiet_at_verbosity_zero():
    out = StringIO()

    call_command("load_demo", verbosity=0, stdout=out)

    assert out.getvalue() == ""
