"""`manage.py due_judgments`: the weekly reminder of forecasts awaiting an outcome."""

import datetime
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from briefings.models import Outcome

from ..factories import AssessmentFactory, BriefingFactory, KeyJudgmentFactory

pytestmark = pytest.mark.django_db


def run(*args, **options) -> str:
    out = StringIO()
    call_command("due_judgments", *args, stdout=out, **options)
    return out.getvalue()


def test_lists_each_forecast_past_its_horizon_with_its_briefing_and_a_link():
    due = AssessmentFactory(statement="Contractors stay away.", horizon=datetime.date(2022, 9, 30))
    KeyJudgmentFactory(assessment=due, briefing=BriefingFactory(title="Mali's coup"))

    output = run()

    assert "1 judgment(s) due for resolution" in output
    assert f"#{due.pk} horizon 2022-09-30" in output
    assert "Contractors stay away." in output
    assert "Mali's coup (draft)" in output
    assert f"/admin/briefings/assessmentoutcome/{due.pk}/change/" in output


def test_prints_nothing_when_nothing_is_due():
    AssessmentFactory(horizon=datetime.date(2099, 1, 1))
    AssessmentFactory(
        horizon=datetime.date(2021, 1, 1), outcome=Outcome.HAPPENED, outcome_on=datetime.date(2021, 2, 1)
    )

    assert run() == ""


def test_says_nothing_is_due_when_asked_to_be_verbose():
    assert run(verbosity=2) == "No judgment is due for resolution.\n"


def test_date_option_counts_what_was_due_by_then():
    AssessmentFactory(horizon=datetime.date(2022, 9, 30))

    assert run("--date", "2022-09-30") == ""
    assert "1 judgment(s)" in run("--date", "2022-10-01")


def test_base_url_makes_the_links_absolute():
    due = AssessmentFactory(horizon=datetime.date(2021, 1, 1))

    assert f"https://desk.example.org/admin/briefings/assessmentoutcome/{due.pk}/change/" in run(
        "--base-url", "https://desk.example.org/"
    )


def test_malformed_date_is_a_command_error():
    with pytest.raises(CommandError):
        run("--date", "next week")


def test_exits_zero_from_the_shell(tmp_path):
    import os
    import subprocess
    import sys

    root = settings.BASE_DIR
    database = tmp_path / "due.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=root, env=env, check=True)

    result = subprocess.run(
        [sys.executable, "manage.py", "due_judgments"], cwd=root, env=env, capture_output=True, text=True
    )

    assert (result.returncode, result.stdout) == (0, "")
