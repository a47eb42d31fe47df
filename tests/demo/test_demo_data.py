"""The demo's data files: they parse, and every reference from one row to another names a row
that exists, so an analyst's edit cannot leave the loader a key it cannot find. No database:
these check the files alone."""

import dataclasses
import shutil

import pycountry
import pytest

from briefings.demo import datafiles
from briefings.demo.datafiles import DemoData, demo_data_read


def dangling_references(data: DemoData) -> list[str]:
    """Every reference in the data that names nothing, as "where: what is missing"."""
    problems = []

    def check(where: str, kind: str, keys, known) -> None:
        problems.extend(f"{where}: no {kind} {key!r}" for key in keys if key not in known)

    curated = set(data.countries)
    check("countries.toml", "ISO country", data.countries, {c.alpha_2 for c in pycountry.countries})
    earlier = set()
    for slug, actor in data.actors.items():
        # The loader links a parent it has already written, so a parent must come first.
        check(
            f"actors.toml [{slug}] parent",
            "earlier actor",
            [actor["parent"]] if actor["parent"] else [],
            earlier,
        )
        check(f"actors.toml [{slug}] countries", "curated country", actor["countries"], curated)
        earlier.add(slug)
    for slug, event in data.events.items():
        check(f"events.toml [{slug}] country", "curated country", [event["country"]], curated)
        check(f"events.toml [{slug}]", "actor", [actor for actor, _role in event["actors"]], data.actors)
        check(f"events.toml [{slug}] excerpts", "excerpt", event["excerpts"], data.excerpts)
    for key, judgment in data.judgments.items():
        where = f"judgments.toml [{key}]"
        check(f"{where} countries", "curated country", judgment["countries"], curated)
        check(f"{where} actors", "actor", judgment["actors"], data.actors)
        check(f"{where} events", "event", judgment["events"], data.events)
        check(f"{where} excerpts", "excerpt", judgment["excerpts"], data.excerpts)

    events = {*data.events, data.deployment["slug"]}
    check("outcomes.toml [deployment] country", "curated country", [data.deployment["country"]], curated)
    for n, actor in enumerate(data.deployment["actors"], 1):
        where = f"outcomes.toml [[deployment.actors]] #{n}"
        if "slug" in actor:
            check(where, "actor", [actor["slug"]], data.actors)
        else:
            check(f"{where} countries", "curated country", actor["countries"], curated)
    if data.statement["url"] not in data.deployment["description"]:
        problems.append("outcomes.toml [deployment] description: does not cite the statement's url")
    check("outcomes.toml [outcome] judgment", "judgment", [data.outcome["judgment"]], data.judgments)
    check("outcomes.toml [outcome] evidence", "event", data.outcome["evidence"], events)
    for n, trend in enumerate(data.trends, 1):
        check(f"outcomes.toml [[trends]] #{n} country", "curated country", [trend["country"]], curated)
        check(f"outcomes.toml [[trends]] #{n} events", "event", trend["events"], events)
    return problems


def test_every_demo_data_file_is_read(monkeypatch):
    read = []
    original = datafiles.data_file_read
    monkeypatch.setattr(datafiles, "data_file_read", lambda *, name: read.append(name) or original(name=name))

    datafiles.demo_data_read()

    assert sorted(set(read)) == sorted(path.stem for path in datafiles.DATA_DIR.glob("*.toml"))


def test_a_misspelt_field_is_refused_with_its_file_and_row(monkeypatch, tmp_path):
    for path in datafiles.DATA_DIR.glob("*.toml"):
        shutil.copy(path, tmp_path)
    actors = tmp_path / "actors.toml"
    actors.write_text(
        actors.read_text(encoding="utf-8").replace("role_title =", "role_tilte =", 1), encoding="utf-8"
    )
    monkeypatch.setattr(datafiles, "DATA_DIR", tmp_path)

    with pytest.raises(
        ValueError, match=r"actors.toml \[ibrahim-boubacar-keita\]: unknown fields \['role_tilte'\]"
    ):
        datafiles.demo_data_read()


def test_every_reference_in_the_demo_data_resolves():
    assert dangling_references(demo_data_read()) == []


def test_a_reference_to_a_missing_excerpt_is_reported():
    data = demo_data_read()
    coup = {**data.events["2020-08-18-coup-in-mali"], "excerpts": ["coup", "no-such-excerpt"]}
    broken = dataclasses.replace(data, events={**data.events, "2020-08-18-coup-in-mali": coup})

    assert dangling_references(broken) == [
        "events.toml [2020-08-18-coup-in-mali] excerpts: no excerpt 'no-such-excerpt'"
    ]


def test_an_actor_listed_before_its_parent_is_reported():
    data = demo_data_read()
    actors = dict(reversed(data.actors.items()))

    assert (
        "actors.toml [igor-gromyko] parent: no earlier actor 'government-of-russia'"
        in dangling_references(dataclasses.replace(data, actors=actors))
    )


def test_demo_natural_keys_are_unique():
    # An excerpt is found by its text and a judgment by its statement: two with the same
    # would load as one row.
    data = demo_data_read()
    texts = [excerpt["text"] for excerpt in data.excerpts.values()]
    statements = [judgment["statement"] for judgment in data.judgments.values()]

    assert len(set(texts)) == len(texts)
    assert len(set(statements)) == len(statements)
