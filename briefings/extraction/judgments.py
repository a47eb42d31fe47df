"""Sentences with estimative language, and the ICD 203 likelihood term their wording
maps to (the table is `data/likelihood.toml`).

Strong cues decide: an estimative phrase ("unlikely", "almost certainly", "is expected
to") or an estimative verb with its subject ("I doubt a deal will come", "traders expect");
the first in a sentence wins ("Although the junta is unlikely to yield ..., it could stall
..." is a judgment that something is unlikely).

Modal verbs of possibility ("could", "might", "may") and "is possible" are weak: they
state that something is possible without saying how probable, and ICD 203 asks analysts
to replace them. Where a sentence has no strong cue they are mapped to "roughly even
chance", the term that claims least either way, and proposed unticked so that the analyst
chooses the real term; a hedge on the modal ("could conceivably") marks it "unlikely". A
modal that states no estimate is no cue at all: the writer's own doings ("before I could
reach the camp", "I might return to it") and ability in principle ("could, in
principle, host"). A question is no judgment.
"""

import re
from dataclasses import dataclass
from functools import cache

from .lexicon import table

STRONG, WEAK = "strong", "weak"


@dataclass(frozen=True, slots=True)
class _Cue:
    term: str
    strength: str
    rule: str


@cache
def _grammar() -> tuple[re.Pattern, dict[str, _Cue]]:
    """One pattern of every cue, a named group for each, and what each group means."""
    data = table("likelihood")
    groups: list[tuple[str, str, _Cue]] = []
    for i, phrase in enumerate(data["phrase"]):
        groups.append(
            (f"p{i}", "|".join(phrase["patterns"]), _Cue(phrase["term"], STRONG, "estimative phrase"))
        )
    for i, verb in enumerate(data["verb"]):
        groups.append((f"v{i}", "|".join(verb["patterns"]), _Cue(verb["term"], STRONG, "estimative verb")))
    groups.append(("not", "|".join(data["not_estimative"]["patterns"]), _Cue("", "none", "")))
    hedged = data["hedged_modal"]
    groups.append(
        (
            "hedged",
            rf"(?:{'|'.join(hedged['modals'])})\s+(?:{'|'.join(hedged['hedges'])})",
            _Cue(hedged["term"], WEAK, "hedged modal"),
        )
    )
    groups.append(
        (
            "possible",
            "|".join(data["possible"]["patterns"]),
            _Cue(data["possible"]["term"], WEAK, "is possible"),
        )
    )
    modal = "|".join(data["modal"]["patterns"])
    pattern = "|".join(f"(?P<{name}>\\b(?:{body})\\b)" for name, body, _ in groups)
    pattern += f"|(?P<modal>\\b(?-i:{modal})\\b(?!\\s+not\\b|\\s+have\\s+been\\b))"
    meanings = {name: cue for name, _, cue in groups}
    meanings["modal"] = _Cue(data["modal"]["term"], WEAK, "modal of possibility")
    return re.compile(pattern, re.IGNORECASE), meanings


@dataclass(frozen=True, slots=True)
class JudgmentMention:
    start: int  # the sentence
    end: int
    cue_start: int
    cue_end: int
    likelihood: str
    modal: bool  # a weak cue ("could", "might", "is possible"): the analyst should choose the term
    rule: str = ""


def find_judgments(folded: str, sentences) -> list[JudgmentMention]:
    pattern, meanings = _grammar()
    found = []
    for start, end in sentences:
        if folded[start:end].rstrip("\"' )\u201d").endswith("?"):
            continue
        strong = weak = None
        for match in pattern.finditer(folded, start, end):
            cue = meanings[match.lastgroup]
            if cue.strength == STRONG:
                strong = (match, cue)
                break
            if cue.strength == WEAK and weak is None:
                weak = (match, cue)
        chosen = strong or weak
        if chosen is None:
            continue
        match, cue = chosen
        found.append(
            JudgmentMention(start, end, match.start(), match.end(), cue.term, cue.strength == WEAK, cue.rule)
        )
    return found
