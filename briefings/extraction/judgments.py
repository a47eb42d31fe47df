"""Sentences with estimative language, and the ICD 203 likelihood term their wording
maps to. The first estimative phrase in a sentence decides ("Although Russia is unlikely
to deploy ..., it could leverage ..." is a judgment that something is unlikely).

Modal verbs of possibility ("could", "might", "may") state that something is possible
without saying how probable; ICD 203 asks analysts to replace them. They are mapped to
"roughly even chance", the term that claims least either way, and proposed unticked so
that the analyst chooses the real term; a hedge on the modal ("could conceivably",
"might possibly") marks it "unlikely".
"""

import re
from dataclasses import dataclass

from ..models import Likelihood

# Longest phrases first: "very unlikely" before "unlikely" before "likely".
_PHRASES: list[tuple[str, str]] = [
    (r"almost\s+no\s+chance|virtually\s+no\s+chance|(?:a\s+)?remote\s+(?:chance|possibility|prospect)|"
     r"virtually\s+impossible|almost\s+impossible|highly\s+improbable|extremely\s+unlikely",
     Likelihood.ALMOST_NO_CHANCE),
    (r"very\s+unlikely|highly\s+unlikely|very\s+improbable|little\s+chance", Likelihood.VERY_UNLIKELY),
    (r"almost\s+certain(?:ly)?|virtually\s+certain(?:ly)?|nearly\s+certain(?:ly)?|all\s+but\s+certain",
     Likelihood.ALMOST_CERTAIN),
    (r"very\s+likely|highly\s+likely|very\s+probabl[ey]|highly\s+probable|most\s+likely|in\s+all\s+likelihood",
     Likelihood.VERY_LIKELY),
    (r"(?:roughly|about|an)\s+even\s+(?:chance|odds)|even\s+chance|fifty-fifty|50-50|toss-up|as\s+likely\s+as\s+not",
     Likelihood.ROUGHLY_EVEN),
    (r"unlikely|improbable|probably\s+(?:not|won't|will\s+not|cannot)|doubtful|not\s+expected\s+to",
     Likelihood.UNLIKELY),
    (r"likely|probabl[ey]|is\s+expected\s+to|are\s+expected\s+to|chances\s+are", Likelihood.LIKELY),
]  # fmt: skip
_HEDGED_MODAL = r"(?:could|might|may)\s+(?:conceivably|possibly|perhaps|just|yet)"
_MODAL = r"could|might|may"

_PATTERN = re.compile(
    "|".join(f"(?P<p{i}>\\b(?:{pattern})\\b)" for i, (pattern, _) in enumerate(_PHRASES))
    + f"|(?P<hedged>\\b(?:{_HEDGED_MODAL})\\b)"
    + f"|(?P<modal>\\b(?-i:{_MODAL})\\b(?!\\s+not\\b|\\s+have\\s+been\\b))",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class JudgmentMention:
    start: int  # the sentence
    end: int
    cue_start: int
    cue_end: int
    likelihood: str
    modal: bool  # "could", "might", "may": the analyst should choose the term


def find_judgments(folded: str, sentences) -> list[JudgmentMention]:
    found = []
    for start, end in sentences:
        match = _PATTERN.search(folded, start, end)
        if match is None:
            continue
        group = match.lastgroup
        if group == "modal":
            likelihood, modal = Likelihood.ROUGHLY_EVEN, True
        elif group == "hedged":
            likelihood, modal = Likelihood.UNLIKELY, True
        else:
            likelihood, modal = _PHRASES[int(group[1:])][1], False
        found.append(JudgmentMention(start, end, match.start(), match.end(), str(likelihood), modal))
    return found
