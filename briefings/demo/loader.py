"""Loading the demo's data files into the database, again and again.

Two steps, run by `demo_load` in one transaction:

- the curated briefing (`demo_briefing_load`) is synced: every row is looked up by a natural
  key (a slug, an ISO code, a source's address, an excerpt's text, an assessment's
  statement) and brought to the data's values, so loading again finds what it loaded before,
  writes only what differs and restores what someone changed;
- the track record (`demo_outcomes_load`) is added once: an outcome, an event or a trend
  already recorded is left as it is, because after the demo is loaded these are the
  analysts' to edit.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from .. import services
from ..markdown import render_markdown
from ..models import (
    QUESTION_FIELDS,
    Actor,
    ActorAlias,
    Assessment,
    Briefing,
    Country,
    CountryTrend,
    Event,
    EventActor,
    Excerpt,
    KeyJudgment,
    PublicationStatus,
    Source,
)
from ..services.accounts import role_group, user_role_set
from .datafiles import (
    ACTORS,
    BRIEFING,
    BRIEFING_SLUG,
    COUNTRIES,
    DEMO_ACCOUNT,
    DEPLOYMENT,
    EDITOR_ACCOUNT,
    EVENTS,
    EXCERPTS,
    FOLLOW_UP,
    JUDGMENTS,
    OTHER_OUTCOMES,
    OUTCOME,
    SOURCE,
    STATEMENT,
    TRENDS,
)
from .sync import RowSync


def demo_load(*, with_demo_user: bool = False) -> dict:
    """Load the whole demo, briefing then track record, in one transaction, so a failing step
    leaves the database as it was. Returns the briefing step's counts (`rows_written` counts
    its writes only) with the outcomes and trends the second step added."""
    with transaction.atomic():
        counts = demo_briefing_load(with_demo_user=with_demo_user)
        counts |= demo_outcomes_load()
    return counts


# --- The curated briefing ------------------------------------------------------------


def _demo_user(sync: RowSync, *, with_demo_user: bool):
    """The briefing's author. Only `with_demo_user` lets it sign in, as an editor (staff, in
    the Editor role, never a superuser: its password is in the README); a plain load leaves
    an existing password alone, so reloading never locks the account out."""
    User = get_user_model()
    user = User._default_manager.filter(username=DEMO_ACCOUNT["username"]).first()
    created = user is None
    if created:
        user = User(username=DEMO_ACCOUNT["username"])
        user.set_unusable_password()
    changed = created
    wanted = {"first_name": DEMO_ACCOUNT["first_name"], "last_name": DEMO_ACCOUNT["last_name"]}
    if with_demo_user:
        wanted |= {"is_active": True, "is_staff": True, "is_superuser": False}
    for name, value in wanted.items():
        if getattr(user, name) != value:
            setattr(user, name, value)
            changed = True
    if with_demo_user and not user.check_password(DEMO_ACCOUNT["password"]):
        user.set_password(DEMO_ACCOUNT["password"])
        changed = True
    if changed:
        sync.save(user)
    if with_demo_user:
        user_role_set(user=user, group=role_group("editor"))
    return user


def _excerpts_sync(sync: RowSync, *, source: Source) -> dict[str, Excerpt]:
    excerpts = {
        key: sync.row(
            Excerpt,
            {"source": source, "text": data["text"]},
            {"start": data["start"], "end": data["end"], "credibility": data["credibility"]},
        )
        for key, data in EXCERPTS.items()
    }
    # Excerpts no longer in the curation would be quotations the project no longer means to ship.
    sync.delete(source.excerpts.exclude(pk__in=[excerpt.pk for excerpt in excerpts.values()]))
    return excerpts


def _actors_sync(sync: RowSync, *, countries: dict[str, Country]) -> dict[str, Actor]:
    actors = {}
    for slug, data in ACTORS.items():  # parents come first in the file
        actor = sync.row(
            Actor,
            {"slug": slug},
            {
                "name": data["name"],
                "kind": data["kind"],
                "role_title": data["role_title"],
                "parent": actors[data["parent"]] if data["parent"] else None,
                "description": data["description"],
            },
        )
        sync.many(actor.countries, [countries[iso2] for iso2 in data["countries"]])
        sync.rows_of(
            ActorAlias, {"actor": actor}, [{"name": alias} for alias in data["aliases"]], key=("name",)
        )
        actors[slug] = actor
    return actors


def _events_sync(sync: RowSync, *, countries, actors, excerpts) -> dict[str, Event]:
    events = {}
    for slug, data in EVENTS.items():
        event = sync.row(
            Event,
            {"slug": slug},
            {
                "title": data["title"],
                "date": data["date"],
                "date_precision": data["date_precision"],
                "end_date": data["end_date"],
                "kind": data["kind"],
                "country": countries[data["country"]],
                "place": data["place"],
                "description": data["description"],
            },
        )
        sync.rows_of(
            EventActor,
            {"event": event},
            [{"actor_id": actors[actor].pk, "role": role} for actor, role in data["actors"]],
            key=("actor_id", "role"),
        )
        sync.many(event.excerpts, [excerpts[key] for key in data["excerpts"]])
        events[slug] = event
    return events


def _judgments_sync(sync: RowSync, *, countries, actors, events, excerpts) -> list[Assessment]:
    judgments = []
    for data in JUDGMENTS.values():
        # Outcome fields are left alone: they are recorded after the horizon, not curated.
        assessment = sync.row(
            Assessment,
            {"statement": data["statement"]},
            {
                "likelihood": data["likelihood"],
                "probability": None,
                "confidence": data["confidence"],
                "horizon": data["horizon"],
                **{name: data[name] for name in QUESTION_FIELDS},
                "rationale": data["rationale"],
                "rationale_html": render_markdown(data["rationale"]),
                "assumptions": data["assumptions"],
                "alternatives": data["alternatives"],
            },
        )
        sync.many(assessment.countries, [countries[iso2] for iso2 in data["countries"]])
        sync.many(assessment.actors, [actors[slug] for slug in data["actors"]])
        sync.many(assessment.evidence_events, [events[slug] for slug in data["events"]])
        sync.many(assessment.evidence_excerpts, [excerpts[key] for key in data["excerpts"]])
        judgments.append(assessment)
    return judgments


def demo_briefing_load(*, with_demo_user: bool = False) -> dict:
    """Load the curated demo briefing, or bring it back to the curation; a second run writes nothing."""
    sync = RowSync()
    with transaction.atomic():
        author = _demo_user(sync, with_demo_user=with_demo_user)
        countries = {country.iso2: country for country in Country.objects.filter(iso2__in=COUNTRIES)}
        missing = set(COUNTRIES) - set(countries)
        if missing:
            raise Country.DoesNotExist(f"ISO countries not loaded (run migrate): {sorted(missing)}")

        # The project does not ship the article: only the excerpts quote it.
        source = sync.row(Source, {"url": SOURCE["url"]}, {**SOURCE, "full_text": ""})
        excerpts = _excerpts_sync(sync, source=source)
        actors = _actors_sync(sync, countries=countries)
        events = _events_sync(sync, countries=countries, actors=actors, excerpts=excerpts)
        judgments = _judgments_sync(
            sync, countries=countries, actors=actors, events=events, excerpts=excerpts
        )

        # The seed records a briefing published in 2020, so its status is written as data
        # rather than walked through the editorial workflow.
        briefing = sync.row(
            Briefing,
            {"slug": BRIEFING_SLUG},
            {**BRIEFING, "body_html": render_markdown(BRIEFING["body"])},
        )
        sync.rows_of(
            KeyJudgment,
            {"briefing": briefing},
            [{"assessment_id": assessment.pk, "order": n} for n, assessment in enumerate(judgments, 1)],
            key=("assessment_id",),
        )
        sync.many(briefing.countries, list(countries.values()))
        sync.many(briefing.actors, list(actors.values()))
        sync.many(briefing.events, list(events.values()))
        sync.many(briefing.sources, [source])
        sync.many(briefing.authors, [author])
        # The demo was last revised when it was published in 2020, not on the day it is loaded.
        if briefing.updated_at != briefing.published_at:
            Briefing.objects.filter(pk=briefing.pk).update(updated_at=briefing.published_at)
            briefing.refresh_from_db()

    return {
        "briefing": briefing.slug,
        "sources": 1,
        "excerpts": len(excerpts),
        "countries": len(countries),
        "actors": len(actors),
        "events": len(events),
        "judgments": len(judgments),
        "rows_written": sync.written,
        "demo_user": author.get_username(),
        "demo_user_can_sign_in": author.is_active and author.is_staff and author.has_usable_password(),
    }


def demo_judgment(*, key: str) -> Assessment | None:
    """The loaded assessment for a judgment's key in judgments.toml, e.g. "no-pmcs-in-the-sahel"."""
    return Assessment.objects.filter(statement=JUDGMENTS[key]["statement"]).order_by("pk").first()


# --- The track record ----------------------------------------------------------------


def demo_editor():
    """The account that records the demo's outcome: an existing superuser where there is one,
    else a staff account that cannot log in, in the Editor role."""
    User = get_user_model()
    superuser = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    if superuser is not None:
        return superuser
    editor, created = User.objects.get_or_create(
        username=EDITOR_ACCOUNT["username"],
        defaults={name: EDITOR_ACCOUNT[name] for name in ("is_staff", "first_name", "last_name")},
    )
    if created:
        editor.set_unusable_password()
        editor.save(update_fields=["password"])
    user_role_set(user=editor, group=role_group(EDITOR_ACCOUNT["role"]))
    return User.objects.get(pk=editor.pk)  # a fresh instance: permissions are cached per object


def demo_outcome_judgment() -> Assessment:
    """The judgment the demo's outcome resolves: the source's, that Russia was unlikely to
    send private military contractors to the Sahel."""
    judgment = demo_judgment(key=OUTCOME["judgment"])
    if judgment is None:
        raise LookupError(
            f"The demo judgment “{JUDGMENTS[OUTCOME['judgment']]['statement']}” is missing: "
            "load the demo briefing first."
        )
    return judgment


def deployment_event() -> tuple[Event, Source]:
    """The deployment as an event, with the statement that reports it as its source."""
    source, _ = Source.objects.get_or_create(
        url=STATEMENT["url"], defaults={k: v for k, v in STATEMENT.items() if k != "url"}
    )
    event, _ = Event.objects.get_or_create(
        slug=DEPLOYMENT["slug"],
        defaults={
            "title": DEPLOYMENT["title"],
            "date": DEPLOYMENT["date"],
            "date_precision": DEPLOYMENT["date_precision"],
            "kind": DEPLOYMENT["kind"],
            "country": Country.objects.get(iso2=DEPLOYMENT["country"]),
            "description": DEPLOYMENT["description"],
        },
    )
    for spec in DEPLOYMENT["actors"]:
        if "slug" in spec:
            # A curated actor, linked when the desk still has it.
            actor = Actor.objects.filter(slug=spec["slug"]).first()
            if actor is None:
                continue
        else:
            # Found by name, so an actor the desk recorded itself is used as it is.
            actor, created = Actor.objects.get_or_create(
                name=spec["name"],
                defaults={name: spec[name] for name in ("kind", "role_title", "description")},
            )
            if created:
                actor.countries.add(*[Country.objects.get(iso2=iso2) for iso2 in spec["countries"]])
        EventActor.objects.get_or_create(event=event, actor=actor, role=spec["role"])
    return event, source


def follow_up_add(*, event: Event, source: Source) -> Briefing | None:
    """The desk's published follow-up that shows the deployment to readers, added once:
    None when it is already there (an editor may have revised it since)."""
    if Briefing.objects.filter(slug=FOLLOW_UP["slug"]).exists():
        return None
    briefing = Briefing.objects.create(
        slug=FOLLOW_UP["slug"],
        title=FOLLOW_UP["title"],
        summary=FOLLOW_UP["summary"],
        body=FOLLOW_UP["body"],
        body_html=render_markdown(FOLLOW_UP["body"]),
        status=PublicationStatus.PUBLISHED,
        published_at=FOLLOW_UP["published_at"],
    )
    briefing.countries.set(Country.objects.filter(iso2__in=FOLLOW_UP["countries"]))
    briefing.events.set(Event.objects.filter(slug__in=FOLLOW_UP["events"]))
    briefing.actors.set(Actor.objects.filter(event_roles__event=event).distinct())
    briefing.sources.set([source])
    for order, key in enumerate(FOLLOW_UP["judgments"], 1):
        judgment = demo_judgment(key=key)
        if judgment is not None:
            KeyJudgment.objects.create(briefing=briefing, assessment=judgment, order=order)
    author = get_user_model()._default_manager.filter(username=DEMO_ACCOUNT["username"]).first()
    if author is not None:
        briefing.authors.set([author])
    # Last revised when it was published, not on the day it is loaded.
    Briefing.objects.filter(pk=briefing.pk).update(updated_at=briefing.published_at)
    return briefing


def demo_outcomes_load(*, editor=None) -> dict[str, int]:
    """Resolve the demo's judgment with its evidence, publish the follow-up briefing that
    shows that evidence, and publish the country trends, each only if it is not recorded yet.
    Returns how many outcomes, briefings and trends it added."""
    editor = editor or demo_editor()
    added = {"outcomes": 0, "briefings": 0, "trends": 0}
    with transaction.atomic():
        event, source = deployment_event()
        judgment = demo_outcome_judgment()
        if not judgment.outcome:
            early = bool(judgment.horizon and judgment.horizon > OUTCOME["on"])
            services.assessment_resolve(
                assessment=judgment,
                outcome=OUTCOME["outcome"],
                on=OUTCOME["on"],
                note=OUTCOME["note"],
                evidence_events=[Event.objects.get(slug=slug) for slug in OUTCOME["evidence"]],
                resolved_early_reason=OUTCOME["early_reason"] if early else "",
                user=editor,
            )
            added["outcomes"] += 1
        for spec in OTHER_OUTCOMES:
            other = demo_judgment(key=spec["judgment"])
            if other is None or other.outcome:
                continue
            services.assessment_resolve(
                assessment=other,
                outcome=spec["outcome"],
                on=spec["on"],
                note=spec["note"],
                evidence_events=list(Event.objects.filter(slug__in=spec["evidence"])),
                resolved_early_reason=spec["early_reason"],
                user=editor,
            )
            added["outcomes"] += 1
        if follow_up_add(event=event, source=source) is not None:
            added["briefings"] += 1
        for spec in TRENDS:
            trend, created = CountryTrend.objects.get_or_create(
                country=Country.objects.get(iso2=spec["country"]),
                month=spec["month"],
                defaults={
                    "trend": spec["trend"],
                    "alert": spec["alert"],
                    "reason": spec["reason"],
                    "recorded_by": editor,
                },
            )
            if not created:
                continue
            trend.events.set(Event.objects.filter(slug__in=spec["events"]))
            # Published through the review workflow, as an editor publishes a trend.
            for status in (PublicationStatus.IN_REVIEW, PublicationStatus.PUBLISHED):
                services.country_trend_transition(trend=trend, to_status=status, user=editor)
            added["trends"] += 1
    return added
