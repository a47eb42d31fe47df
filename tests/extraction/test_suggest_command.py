"""`manage.py suggest`: the JSON it prints, and exit status 2 on bad input."""

import json

import pytest
from django.core.management import CommandError, call_command

from briefings.models import Actor, Event, Excerpt, Source

ARTICLE = (
    "On August 4, Niger's President Amadou Sanda was overthrown by officers of the Nigerien Armed "
    "Forces. The Council for National Renewal (CNR) took power. The CNR is unlikely to hold "
    "elections soon. In June 2019, Niger signed a defence agreement with Algeria.\n"
)

pytestmark = pytest.mark.django_db


def run(path, *args):
    from io import StringIO

    out = StringIO()
    call_command("suggest", str(path), *args, stdout=out, stderr=StringIO())
    return json.loads(out.getvalue())


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_json_has_the_four_lists(article):
    assert set(run(article, "--published-on", "2020-09-01")) == {"countries", "actors", "events", "judgments"}


def test_countries_have_iso2_name_and_mentions(article):
    countries = run(article, "--published-on", "2020-09-01")["countries"]
    niger = next(c for c in countries if c["iso2"] == "NE")
    assert niger["name"] == "Niger"
    assert niger["mentions"][0] == {"start": 13, "end": 18, "text": "Niger"}


def test_mentions_are_positions_in_the_file(article):
    data = run(article, "--published-on", "2020-09-01")
    for kind in ("countries", "actors"):
        for item in data[kind]:
            for m in item["mentions"]:
                assert ARTICLE[m["start"] : m["end"]] == m["text"]


def test_actors_have_name_kind_aliases_existing_and_mentions(article):
    actors = run(article, "--published-on", "2020-09-01")["actors"]
    council = next(a for a in actors if a["name"] == "Council for National Renewal")
    assert {k: council[k] for k in ("kind", "aliases", "existing")} == {
        "kind": "state",
        "aliases": ["CNR"],
        "existing": None,
    }
    assert len(council["mentions"]) == 3


def test_an_actor_the_desk_has_is_given_by_its_id(article):
    sanda = Actor.objects.create(name="Amadou Sanda", kind="person")
    actors = run(article, "--published-on", "2020-09-01")["actors"]
    assert next(a for a in actors if a["name"] == "Amadou Sanda")["existing"] == sanda.pk


def test_events_have_date_precision_sentence_and_position(article):
    events = run(article, "--published-on", "2020-09-01")["events"]
    assert [(e["date"], e["precision"]) for e in events] == [("2020-08-04", "day"), ("2019-06", "month")]
    first = events[0]
    assert ARTICLE[first["start"] : first["end"]] == first["sentence"]
    assert first["countries"] == ["NE"]
    assert first["actors"] == ["Amadou Sanda", "Nigerien Armed Forces"]


def test_judgments_have_their_likelihood(article):
    (judgment,) = run(article, "--published-on", "2020-09-01")["judgments"]
    assert (judgment["sentence"], judgment["likelihood"]) == (
        "The CNR is unlikely to hold elections soon.",
        "unlikely",
    )


def test_the_command_saves_nothing(article):
    run(article, "--published-on", "2020-09-01")
    assert (
        Source.objects.count(),
        Actor.objects.count(),
        Event.objects.count(),
        Excerpt.objects.count(),
    ) == (
        0,
        0,
        0,
        0,
    )


def exit_status(*args) -> tuple[int, str]:
    with pytest.raises(CommandError) as error:
        call_command("suggest", *map(str, args))
    return error.value.returncode, str(error.value)


def test_a_missing_file_exits_2(tmp_path):
    assert exit_status(tmp_path / "nope.txt") == (2, f"No such file: {tmp_path / 'nope.txt'}")


def test_an_empty_file_exits_2(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n")
    assert exit_status(path)[0] == 2


def test_a_binary_file_exits_2(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(bytes(range(256)) * 4)
    code, message = exit_status(path)
    assert code == 2
    assert "binary" in message


def test_a_bad_date_exits_2(article):
    code, message = exit_status(article, "--published-on", "2020-02-30")
    assert code == 2
    assert "YYYY-MM-DD" in message


def test_a_file_over_the_limit_exits_2(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Mali. " * (2 * 1024 * 1024 // 6 + 10))
    code, message = exit_status(path)
    assert code == 2
    assert "limit" in message


def test_cp1252_text_is_read(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("On August 4, the coup in Côte d’Ivoire began.".encode("cp1252"))
    data = run(path, "--published-on", "2020-09-01")
    assert [c["iso2"] for c in data["countries"]] == ["CI"]


def test_html_is_reduced_to_text(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><script>var Mali = 1;</script></head><body><p>Talks in Chad ended.</p></body></html>",
        encoding="utf-8",
    )
    assert [c["iso2"] for c in run(path, "--published-on", "2020-09-01")["countries"]] == ["TD"]


def test_exit_status_is_2_from_the_shell(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "manage.py", "suggest", str(tmp_path / "missing.txt")],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "No such file" in result.stderr
