"""The curated demo briefing and its track record: `manage.py load_demo` loads them.

Curated from Samuel Ramani's analysis for the Foreign Policy Research Institute, “Why
Russia Is A Geopolitical Winner In Mali’s Coup” (23 September 2020), then held to account
against what happened. The curation is data, in `data/*.toml`, for analysts to edit; each
file's opening comment says what it holds and how its rows refer to other files' (by ISO
code, slug or key). `datafiles` reads and checks them, `loader` writes them to the
database, `sync` brings existing rows to the data's values without rewriting equal ones.
"""

from .datafiles import (
    ACTORS,
    BRIEFING,
    BRIEFING_SLUG,
    COUNTRIES,
    DEMO_PASSWORD,
    DEMO_USERNAME,
    DEPLOYMENT,
    EDITOR_USERNAME,
    EVENTS,
    EXCERPTS,
    FOLLOW_UP,
    JUDGMENTS,
    OTHER_OUTCOMES,
    OUTCOME,
    SEED_FILENAME,
    SOURCE,
    STATEMENT,
    TRENDS,
)
from .loader import (
    demo_briefing_load,
    demo_editor,
    demo_judgment,
    demo_load,
    demo_outcome_judgment,
    demo_outcomes_load,
    deployment_event,
    follow_up_add,
)

__all__ = [
    "ACTORS",
    "BRIEFING",
    "BRIEFING_SLUG",
    "COUNTRIES",
    "DEMO_PASSWORD",
    "DEMO_USERNAME",
    "DEPLOYMENT",
    "EDITOR_USERNAME",
    "EVENTS",
    "EXCERPTS",
    "FOLLOW_UP",
    "JUDGMENTS",
    "OTHER_OUTCOMES",
    "OUTCOME",
    "SEED_FILENAME",
    "SOURCE",
    "STATEMENT",
    "TRENDS",
    "demo_briefing_load",
    "demo_editor",
    "demo_judgment",
    "demo_load",
    "demo_outcome_judgment",
    "demo_outcomes_load",
    "deployment_event",
    "follow_up_add",
]
