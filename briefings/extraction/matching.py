"""Matching suggested actors to the actors the desk already has, by name or alias, exactly
or approximately ("Sanda" and "Amadou Sanda" are one person), so that accepting
a suggestion never creates a duplicate.

The rules keep approximate matching from joining what differs: a single word matches a
person only as that person's surname; a country's name never matches an actor ("Niger" is
not "Nigerien Armed Forces"); organisations match only when nearly the whole name agrees.
"""

from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from .countries import country_gazetteer
from .gazetteer import Gazetteer, phrase_key
from .text import fold, fold_key

# Scores out of 100 (rapidfuzz). Names of organisations differ by a word and mean another
# body ("Ministry of Defence" / "Ministry of Finance"), so they must agree nearly in full.
ORGANISATION_CUTOFF = 92
PERSON_GIVEN_NAME_CUTOFF = 80


@dataclass(frozen=True, slots=True)
class KnownActor:
    """One of the desk's actors, as the extractor sees it: no database row, just its names."""

    id: int
    name: str
    kind: str
    aliases: tuple[str, ...] = ()


@dataclass
class ActorIndex:
    """The desk's actors, keyed for exact, alias, surname and approximate lookups."""

    actors: dict[int, KnownActor] = field(default_factory=dict)
    by_key: dict[str, int] = field(default_factory=dict)
    surnames: dict[str, list[int]] = field(default_factory=dict)
    given_names: dict[str, list[int]] = field(default_factory=dict)
    choices: dict[str, int] = field(default_factory=dict)
    gazetteer: Gazetteer = field(default_factory=Gazetteer)

    @classmethod
    def build(cls, actors: list[KnownActor]) -> "ActorIndex":
        index = cls()
        for actor in actors:
            index.actors[actor.id] = actor
            for name in (actor.name, *actor.aliases):
                key = fold_key(name)
                if not key:
                    continue
                index.by_key.setdefault(key, actor.id)
                index.choices.setdefault(key, actor.id)
                folded = fold(name)
                # Lower-case aliases ("the junta") match in any case; names keep their capitals.
                index.gazetteer.add(folded, actor.id, exact_case=folded[:1].isupper() and len(folded) <= 3)
            if actor.kind == "person" and len(actor.name.split()) >= 2:
                index.surnames.setdefault(fold_key(actor.name.split()[-1]), []).append(actor.id)
                index.given_names.setdefault(fold_key(actor.name.split()[0]), []).append(actor.id)
        return index

    def person_named(self, word: str) -> int | None:
        """The one person of the desk a single word names: by surname, else by a given name
        no other person of the desk has and that is nobody's surname ("Abiy")."""
        key = fold_key(word)
        ids = self.surnames.get(key) or ([] if key in self.surnames else self.given_names.get(key, []))
        return ids[0] if len(ids) == 1 else None

    def match(self, name: str, *, kind: str = "", aliases: list[str] = ()) -> int | None:
        """The id of the desk's actor this name (or one of its aliases) stands for, if any."""
        for candidate in (name, *aliases):
            found = self.exact(candidate)
            if found is not None:
                return found
        return self.approximate(name, kind=kind)

    def exact(self, name: str) -> int | None:
        key = fold_key(name)
        if not key or _is_country(name):
            return None
        return self.by_key.get(key)

    def approximate(self, name: str, *, kind: str = "") -> int | None:
        key = fold_key(name)
        if not key or _is_country(name):
            return None
        words = key.split()
        if len(words) == 1:
            # A single word stands for a person only as their surname ("Sanda").
            ids = self.surnames.get(key, [])
            return ids[0] if len(ids) == 1 and kind in ("", "person") else None
        if kind == "person":
            return self._person(words)
        best = process.extractOne(
            key, self.choices.keys(), scorer=fuzz.token_sort_ratio, score_cutoff=ORGANISATION_CUTOFF
        )
        if best is None:
            return None
        matched_key = best[0]
        if abs(len(matched_key) - len(key)) > max(4, len(key) // 5):
            return None
        return self.choices[matched_key]

    def _person(self, words: list[str]) -> int | None:
        for actor_id in self.surnames.get(words[-1], []):
            known = fold_key(self.actors[actor_id].name).split()
            given, known_given = " ".join(words[:-1]), " ".join(known[:-1])
            if (
                fuzz.partial_ratio(given, known_given) >= PERSON_GIVEN_NAME_CUTOFF
                or given[:1] == known_given[:1] == given
            ):
                return actor_id
        return None

    def candidates(self, name: str, *, limit: int = 4) -> list[int]:
        """Actors an analyst might mean, best first: the choices offered beside "new"."""
        key = fold_key(name)
        if not key or not self.choices:
            return []
        ids: list[int] = []
        for choice, _score, _ in process.extract(
            key, self.choices.keys(), scorer=fuzz.WRatio, limit=limit * 2, score_cutoff=70
        ):
            actor_id = self.choices[choice]
            if actor_id not in ids:
                ids.append(actor_id)
        return ids[:limit]


def _is_country(name: str) -> bool:
    gazetteer = country_gazetteer()
    return phrase_key(fold(name)) in gazetteer.entries
