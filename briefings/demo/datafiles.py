"""The demo's curation, read from the TOML files in `data/` (once, on import).

Analysts edit those files; this module only checks their shape and hands the loader plain
dicts. Each table is checked against the fields it may hold, so a misspelt field name fails
here instead of being silently ignored, and every choice (a kind, a likelihood, a
credibility) becomes the model's choice, so a value the admin would refuse fails before
anything is written. Fields a file may leave out get the value the admin form would leave
(an empty string, no parent, no countries). Whether each reference between rows resolves
(an event's excerpts, a judgment's actors) is checked by tests/test_demo_data.py, and a
reference that does not resolve stops the loader inside its transaction.
"""

import copy
import datetime
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..models import (
    ActorKind,
    ActorRole,
    Confidence,
    Credibility,
    DatePrecision,
    EventKind,
    Likelihood,
    Outcome,
    PublicationStatus,
    Reliability,
    Trend,
    TrendAlert,
)

DATA_DIR = Path(__file__).with_name("data")


def data_file_read(*, name: str) -> dict:
    """One data file, parsed: `name` is its stem, e.g. "events" for data/events.toml."""
    with (DATA_DIR / f"{name}.toml").open("rb") as file:
        return tomllib.load(file)


def _fields(table, *, where: str, required: dict, optional: dict | None = None) -> dict:
    """`table`'s values by field, converted: `required` maps each field to a converter, and
    `optional` to a converter and the value an absent field is given."""
    if not isinstance(table, dict):
        raise ValueError(f"{where}: expected a table of fields, found {table!r}")
    optional = optional or {}
    unknown = set(table) - set(required) - set(optional)
    missing = set(required) - set(table)
    if unknown or missing:
        raise ValueError(f"{where}: unknown fields {sorted(unknown)}, missing fields {sorted(missing)}")
    converters = dict(required)
    converters |= {name: convert for name, (convert, _empty) in optional.items() if name in table}
    values = {}
    for name, convert in converters.items():
        try:
            values[name] = convert(table[name])
        except (TypeError, ValueError) as error:
            raise ValueError(f"{where} {name}: {error}") from error
    for name, (_convert, empty) in optional.items():
        if name not in table:
            # A copy, so that rows without the field do not share one list.
            values[name] = copy.copy(empty)
    return values


def _typed(expected: type):
    """A converter that only checks the type: TOML has already parsed the value."""

    def check(value):
        # bool is an int to Python, but `start = true` is a mistake.
        if not isinstance(value, expected) or (isinstance(value, bool) and expected is not bool):
            raise TypeError(f"expected {expected.__name__}, found {value!r}")
        return value

    return check


_text = _typed(str)
_whole = _typed(int)
_flag = _typed(bool)


def _names(value):
    """A list of keys, slugs or codes."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise TypeError(f"expected a list of strings, found {value!r}")
    return value


def _date(value):
    # A TOML date, not a string that looks like one, nor a date and time.
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        raise TypeError(f"expected a date such as 2020-08-18, found {value!r}")
    return value


def _moment(value):
    if not isinstance(value, datetime.datetime) or value.tzinfo is None:
        raise TypeError(
            f"expected a date and time with its offset, such as 2020-09-25T10:00:00Z, found {value!r}"
        )
    return value


# The optional fields that several tables share, with the value the admin's form would leave.
_LIST = (_names, [])
_TEXT = (_text, "")


def _file(name: str, *sections: str) -> dict:
    """A data file that holds the named sections and nothing else; each is checked on its own."""
    return _fields(
        data_file_read(name=name), where=f"{name}.toml", required=dict.fromkeys(sections, _section)
    )


def _section(value):
    return value


# An event's actors come grouped by role; the loader writes them in this order.
EVENT_ROLES = {
    "initiators": ActorRole.INITIATOR,
    "targets": ActorRole.TARGET,
    "participants": ActorRole.PARTICIPANT,
}


def _source(table, where: str) -> dict:
    return _fields(
        table,
        where=where,
        required={
            "title": _text,
            "author": _text,
            "publisher": _text,
            "url": _text,
            "published_on": _date,
            "reliability": Reliability,
        },
    )


def _excerpt(key: str, table) -> dict:
    return _fields(
        table,
        where=f"excerpts.toml [{key}]",
        required={"start": _whole, "end": _whole, "credibility": Credibility, "text": _text},
    )


def _actor(slug: str, table) -> dict:
    return _fields(
        table,
        where=f"actors.toml [{slug}]",
        required={"name": _text, "kind": ActorKind, "description": _text},
        optional={"role_title": _TEXT, "countries": _LIST, "parent": (_text, None), "aliases": _LIST},
    )


def _event(slug: str, table) -> dict:
    event = _fields(
        table,
        where=f"events.toml [{slug}]",
        required={
            "title": _text,
            "date": _date,
            "date_precision": DatePrecision,
            "kind": EventKind,
            "country": _text,
            "description": _text,
            "excerpts": _names,
        },
        optional={"end_date": (_date, None), "place": _TEXT} | dict.fromkeys(EVENT_ROLES, _LIST),
    )
    event["actors"] = [(actor, role) for group, role in EVENT_ROLES.items() for actor in event.pop(group)]
    return event


def _judgment(key: str, table) -> dict:
    return _fields(
        table,
        where=f"judgments.toml [{key}]",
        required={
            "statement": _text,
            "likelihood": Likelihood,
            "confidence": Confidence,
            "rationale": _text,
            "assumptions": _text,
            "alternatives": _text,
            "countries": _names,
            "actors": _names,
            "events": _names,
            "excerpts": _names,
        },
        # TOML has no null: a judgment without a horizon (or question) leaves the field out.
        optional={
            "horizon": (_date, None),
            "question": (_text, ""),
            "resolution_source": (_text, ""),
            "fine_print": (_text, ""),
            "closes_on": (_date, None),
            "resolves_on": (_date, None),
        },
    )


def _deployment_actor(n: int, table) -> dict:
    """A curated actor by `slug`, or one found by `name` and created from the other fields."""
    where = f"outcomes.toml [[deployment.actors]] #{n}"
    if isinstance(table, dict) and "slug" in table:
        return _fields(table, where=where, required={"role": ActorRole, "slug": _text})
    return _fields(
        table,
        where=where,
        required={"role": ActorRole, "name": _text, "kind": ActorKind, "description": _text},
        optional={"role_title": _TEXT, "countries": _LIST},
    )


def _deployment(table) -> dict:
    return _fields(
        table,
        where="outcomes.toml [deployment]",
        required={
            "slug": _text,
            "title": _text,
            "date": _date,
            "date_precision": DatePrecision,
            "kind": EventKind,
            "country": _text,
            "description": _text,
            "actors": lambda tables: [_deployment_actor(n, table) for n, table in enumerate(tables, 1)],
        },
    )


def _outcome(table) -> dict:
    return _fields(
        table,
        where=f"outcomes.toml outcome of {table.get('judgment') if isinstance(table, dict) else table!r}",
        required={
            "judgment": _text,
            "outcome": Outcome,
            "on": _date,
            "note": _text,
            "early_reason": _text,
            "evidence": _names,
        },
    )


def _follow_up(table) -> dict:
    return _fields(
        table,
        where="outcomes.toml [follow_up]",
        required={
            "slug": _text,
            "title": _text,
            "summary": _text,
            "body": _text,
            "published_at": _moment,
            "countries": _names,
            "judgments": _names,
            "events": _names,
        },
    )


def _trend(n: int, table) -> dict:
    return _fields(
        table,
        where=f"outcomes.toml [[trends]] #{n}",
        required={"country": _text, "month": _date, "trend": Trend, "reason": _text, "events": _names},
        # An empty alert is no alert, as in the admin's form.
        optional={"alert": (lambda value: TrendAlert(value) if value else "", "")},
    )


@dataclass(frozen=True)
class DemoData:
    """The whole demo as its files give it, checked: what the loader writes. Rows that other
    rows refer to are keyed by their natural key (a slug, an excerpt's or judgment's key)."""

    seed_filename: str
    source: dict
    excerpts: dict[str, dict]
    countries: list[str]
    actors: dict[str, dict]  # parents before the actors that belong to them
    events: dict[str, dict]
    judgments: dict[str, dict]  # in the briefing's order
    briefing_slug: str
    briefing: dict  # the values the loader writes to the briefing found by its slug
    demo_account: dict
    editor_account: dict
    statement: dict
    deployment: dict
    outcome: dict
    other_outcomes: list[dict]
    follow_up: dict
    trends: list[dict]


def demo_data_read() -> DemoData:
    """Read and check every data file; a ValueError or TypeError names the file and field."""
    source = _file("source", "seed_filename", "source")
    briefing = _fields(
        data_file_read(name="briefing"),
        where="briefing.toml",
        required={
            "slug": _text,
            "title": _text,
            "summary": _text,
            "body": _text,
            "status": PublicationStatus,
            "published_at": _moment,
        },
    )
    accounts = _file("accounts", "demo", "editor")
    outcomes = _file(
        "outcomes", "statement", "deployment", "outcome", "other_outcomes", "follow_up", "trends"
    )
    return DemoData(
        seed_filename=_text(source["seed_filename"]),
        source=_source(source["source"], "source.toml [source]"),
        excerpts={key: _excerpt(key, table) for key, table in data_file_read(name="excerpts").items()},
        countries=_names(_file("countries", "codes")["codes"]),
        actors={slug: _actor(slug, table) for slug, table in data_file_read(name="actors").items()},
        events={slug: _event(slug, table) for slug, table in data_file_read(name="events").items()},
        judgments={key: _judgment(key, table) for key, table in data_file_read(name="judgments").items()},
        # The slug is the briefing's natural key, not one of the values written to it.
        briefing_slug=briefing.pop("slug"),
        briefing=briefing,
        demo_account=_fields(
            accounts["demo"],
            where="accounts.toml [demo]",
            required={"username": _text, "password": _text, "first_name": _text, "last_name": _text},
        ),
        editor_account=_fields(
            accounts["editor"],
            where="accounts.toml [editor]",
            required={
                "username": _text,
                "first_name": _text,
                "last_name": _text,
                "is_staff": _flag,
                "role": _text,
            },
        ),
        statement=_source(outcomes["statement"], "outcomes.toml [statement]"),
        deployment=_deployment(outcomes["deployment"]),
        outcome=_outcome(outcomes["outcome"]),
        other_outcomes=[_outcome(table) for table in outcomes["other_outcomes"]],
        follow_up=_follow_up(outcomes["follow_up"]),
        trends=[_trend(n, table) for n, table in enumerate(outcomes["trends"], 1)],
    )


# Read once, when the module is imported: a broken file stops `load_demo` before it writes.
DATA = demo_data_read()
# The names the rest of the project (the command, the tests) uses.
SEED_FILENAME = DATA.seed_filename
SOURCE = DATA.source
EXCERPTS = DATA.excerpts
COUNTRIES = DATA.countries
ACTORS = DATA.actors
EVENTS = DATA.events
JUDGMENTS = DATA.judgments
BRIEFING_SLUG = DATA.briefing_slug
BRIEFING = DATA.briefing
DEMO_ACCOUNT = DATA.demo_account
DEMO_USERNAME = DATA.demo_account["username"]
DEMO_PASSWORD = DATA.demo_account["password"]
EDITOR_ACCOUNT = DATA.editor_account
EDITOR_USERNAME = DATA.editor_account["username"]
STATEMENT = DATA.statement
DEPLOYMENT = DATA.deployment
OUTCOME = DATA.outcome
OTHER_OUTCOMES = DATA.other_outcomes
FOLLOW_UP = DATA.follow_up
TRENDS = DATA.trends
