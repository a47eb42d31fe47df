"""Sentences with estimative language, and the ICD 203 likelihood term their wording
maps to (the table is `data/likelihood.toml`). The first estimative phrase in a sentence
decides ("Although the junta is unlikely to yield ..., it could stall ..." is a judgment
that something is unlikely).

Modal verbs of possibility ("could", "might", "may") state that something is possible
without saying how probable; ICD 203 asks analysts to replace them. They are mapped to
"roughly even chance", the term that claims least either way, and proposed unticked so
that the analyst chooses the real term; a hedge on the modal ("could conceivably",
"might possibly") marks it "unlikely".
"""

import re
from dataclasses import dataclass
from functools import cache

from .lexicon import table


@cache
def _grammar() -> tuple[re.Pattern, list[str], str, str]:
    """The one pattern of every phrase (`p<i>` the i-th term's phrases, `hedged`, `modal`),
    the term of each `p<i>`, and the terms of hedged and bare modals."""
    data = table("likelihood")
    terms = [phrase["term"] for phrase in data["phrase"]]
    hedged = data["hedged_modal"]
    hedged_pattern = rf"(?:{'|'.join(hedged['modals'])})\s+(?:{'|'.join(hedged['hedges'])})"
    modal_pattern = "|".join(data["modal"]["patterns"])
    pattern = re.compile(
        "|".join(
            f"(?P<p{i}>\\b(?:{'|'.join(phrase['patterns'])})\\b)" for i, phrase in enumerate(data["phrase"])
        )
        + f"|(?P<hedged>\\b(?:{hedged_pattern})\\b)"
        + f"|(?P<modal>\\b(?-i:{modal_pattern})\\b(?!\\s+not\\b|\\s+have\\s+been\\b))",
        re.IGNORECASE,
    )
    return pattern, terms, hedged["term"], data["modal"]["term"]


@dataclass(frozen=True, slots=True)
class JudgmentMention:
    start: int  # the sentence
    end: int
    cue_start: int
    cue_end: int
    likelihood: str
    modal: bool  # "could", "might", "may": the analyst should choose the term


def find_judgments(folded: str, sentences) -> list[JudgmentMention]:
    pattern, terms, hedged_term, modal_term = _grammar()
    found = []
    for start, end in sentences:
        match = pattern.search(folded, start, end)
        if match is None:
            continue
        group = match.lastgroup
        if group == "modal":
            likelihood, modal = modal_term, True
        elif group == "hedged":
            likelihood, modal = hedged_term, True
        else:
            likelihood, modal = terms[int(group[1:])], False
        found.append(JudgmentMention(start, end, match.start(), match.end(), likelihood, modal))
    return found
