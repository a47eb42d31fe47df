"""The extractor is pure: text, a date and the desk's known actors in, suggestions out.
It reads no database and imports no Django, and the values its data files hold are the
models' own."""

import ast
import subprocess
import sys
from pathlib import Path

from briefings.extraction.lexicon import table
from briefings.models import ActorKind, EventKind, Likelihood

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "briefings" / "extraction"
# The one module that writes; it is to move out of the package into briefings/services/.
WRITER = PACKAGE / "accept.py"


def _imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.add("." * node.level + (node.module or ""))
    return names


def test_no_extraction_module_imports_django_or_the_models():
    offenders = {}
    for path in PACKAGE.rglob("*.py"):
        if path == WRITER:
            continue
        bad = {
            name
            for name in _imported_modules(path)
            if name.split(".")[0] == "django"
            or name.lstrip(".").endswith("models")
            or name == "briefings.models"
        }
        if bad:
            offenders[str(path.relative_to(ROOT))] = bad
    assert offenders == {}


def test_suggesting_loads_no_django():
    code = (
        "import sys, datetime\n"
        "from briefings.extraction.suggest import suggest\n"
        "suggest('On 3 March, Mali met the Council for National Renewal (CNR).', datetime.date(2024, 3, 7))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_every_likelihood_in_the_data_is_a_model_value():
    data = table("likelihood")
    terms = [phrase["term"] for phrase in data["phrase"]] + [
        data["modal"]["term"],
        data["hedged_modal"]["term"],
    ]
    assert set(terms) <= set(Likelihood.values)


def test_every_event_kind_in_the_data_is_a_model_value():
    assert {entry["kind"] for entry in table("event_kinds")["kind"]} <= set(EventKind.values)


def test_every_actor_kind_in_the_data_is_a_model_value():
    kinds = {kind for listed in table("kinds").values() for kind in listed}
    assert kinds <= set(ActorKind.values)
