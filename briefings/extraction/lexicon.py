"""The extractor's word lists and tables, read once per process from the data files in
`briefings/extraction/data/`: word lists one entry a line (`.txt`, `#` starts a comment),
tables in TOML. Editing a list changes what the extractor knows without touching its code."""

import tomllib
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from types import MappingProxyType

_DATA = files(__package__).joinpath("data")


@cache
def entries(name: str) -> tuple[str, ...]:
    """The entries of `data/<name>.txt`, in file order, blank lines and comments left out."""
    text = _DATA.joinpath(f"{name}.txt").read_text(encoding="utf-8")
    return tuple(
        line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    )


@cache
def words(name: str) -> frozenset[str]:
    """The entries of `data/<name>.txt` as a set."""
    return frozenset(entries(name))


@cache
def table(name: str) -> dict:
    """The TOML file `data/<name>.toml`."""
    with _DATA.joinpath(f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


@cache
def kinds(name: str) -> Mapping[str, str]:
    """A table of `data/kinds.toml` turned round: each word to the actor kind it gives."""
    return MappingProxyType({word: kind for kind, listed in table("kinds")[name].items() for word in listed})
