"""Find a country by any of its names and list the words the news uses for it and its government.

The country list, official names, alternative spellings, demonyms and capitals come from the
``countryinfo`` package (MIT licence); ``lib/parley/lexicons/countries.csv`` adds what it lacks:
abbreviations as newsrooms write them (US, U.S., UK, DPRK), seats of government standing for
their governments ("Downing Street", "the Kremlin"), ministries and armed forces whose names do
not contain the country ("Pentagon", "Ministry of External Affairs", "IDF"), plural nouns for
the people ("Britons"), countries it does not have (Kosovo) and names that are not to be read as
the country ("Washington Post").
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from countryinfo import all_countries

from .lexicons import built_from, read_lexicon
from .officeholders import load_officeholders

__all__ = ["Country", "CountryNotFound", "country_table", "find_country", "plural_demonym"]

# Alternative spellings worth an alias: ASCII, no "Name, Republic of" inversions, and either an
# English official form or a variant of the common name (Turkiye, Viet Nam); native names
# (Nippon, Rossiya, Srbija) are left out: they are rare in English news and collide with names.
_OFFICIAL_WORDS = frozenset("republic kingdom state states federation federal commonwealth union emirates "
                            "united democratic islamic people's socialist principality sultanate".split())
_KINDS = ("name", "abbreviation", "demonym", "people", "capital", "seat", "body", "title", "exclude")


@dataclass(frozen=True)
class Country:
    """A country and the words that stand for it or its government in English news.

    Attributes
    ----------
    code : str
        ISO 3166-1 alpha-2 code (XK for Kosovo).
    name : str
        The common English name.
    names : tuple of str
        Other names: official and short names, abbreviations.
    demonyms : tuple of str
        Adjectives and nouns for the people ("Iraqi", "Briton").
    people : tuple of str
        Their plurals ("Iraqis", "Britons").
    capitals, seats, bodies, titles : tuple of str
        Capitals; seats of government ("White House"); ministries and forces whose name lacks the
        country ("Pentagon"); offices the news names without the country ("Secretary of State").
    exclude : tuple of str
        Names containing one of the above that are not the government ("Washington Post").
    """

    code: str
    name: str
    names: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    seats: tuple[str, ...] = ()
    bodies: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    codes: tuple[str, ...] = field(default=(), compare=False)  # ISO alpha-2/alpha-3, for looking up only


class CountryNotFound(ValueError):
    """A name that is no country, or more than one; the message lists close matches."""

    def __init__(self, query: str, candidates: list[str]):
        self.query, self.candidates = query, candidates
        if len(candidates) > 1:
            msg = f"{query}: did you mean {', '.join(candidates[:-1])} or {candidates[-1]}?"
        elif candidates:
            msg = f"{query}: not a country name parley knows; did you mean {candidates[0]}?"
        else:
            msg = (f"{query}: not a country name parley knows (try its common English name, e.g. "
                   f"'South Korea', or add it to lib/parley/lexicons/countries.csv)")
        super().__init__(msg)


def plural_demonym(demonym: str) -> str | None:
    """Return the plural noun of a demonym ("Iraqi" -> "Iraqis"), or None where English has none.

    Adjectives in -ese, -ish, -ch and -ss ("Chinese", "British", "Dutch", "Swiss") name the
    people only with "the" and are left alone; the irregular nouns (Britons, Swedes) are in
    ``countries.csv`` as ``people``.
    """
    if not demonym or demonym.endswith(("ese", "ish", "ch", "ss", "sh", "s")):
        return None
    return demonym + "s"


def find_country(query: str) -> Country:
    """Return the country a user means by a name, an abbreviation, a demonym or an ISO code.

    Parameters
    ----------
    query : str
        "Iraq", "the United States", "U.S.", "DPRK", "Türkiye", "Iraqi", "IRQ", ...

    Returns
    -------
    Country

    Raises
    ------
    CountryNotFound
        When no country has that name, or several do ("Korea", "Congo"); the message names the
        close matches: "Korea: did you mean North Korea or South Korea?".
    """
    table, index = _index()
    key = _key(query)
    codes = index.get(key, ())
    if len(codes) == 1:
        return table[codes[0]]
    if codes:
        raise CountryNotFound(query.strip(), sorted(table[c].name for c in codes))
    raise CountryNotFound(query.strip(), _close(key, table, index))


def country_table() -> dict[str, Country]:
    """Return every country by its code (see :class:`Country`)."""
    return _index()[0]


def _close(key: str, table: dict, index: dict) -> list[str]:
    """Name the countries a mistyped or partial name may mean, best first."""
    if not key:
        return []
    words = set(key.split())
    partial = [c for c, country in table.items() if words <= set(_key(country.name).split())]
    if partial:
        return sorted(table[c].name for c in partial)
    near = difflib.get_close_matches(key, list(index), n=6, cutoff=0.75)
    return list(dict.fromkeys(table[c].name for k in near for c in index[k]))[:3]


def _key(name: str) -> str:
    """Fold a name for looking up: accents, case, dots, "the" and spacing do not count."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    plain = re.sub(r"[.’']", "", plain.casefold()).replace("-", " ")
    plain = re.sub(r"\s+", " ", plain).strip()
    return plain.removeprefix("the ")


@built_from("countries.csv", "officeholders.csv")
def _index() -> tuple[dict[str, Country], dict[str, tuple[str, ...]]]:
    table = _table()
    index: dict[str, list[str]] = {}
    names = [(code, name) for code, country in table.items()
             for name in (country.name, *country.names, *country.demonyms, *country.codes, *country.seats,
                          *country.bodies)]
    holders = load_officeholders()  # a ruling body names its country too ("Taliban")
    for r in holders[holders["office"] == "government"].itertuples():
        names += [(r.country, n) for n in (r.name, *r.also) if n != "-"]
    for code, name in names:
        index.setdefault(_key(name), [])
        if code not in index[_key(name)]:
            index[_key(name)].append(code)
    return table, {k: tuple(v) for k, v in index.items() if k}


def _table() -> dict[str, Country]:
    own: dict[str, dict[str, list[str]]] = {}
    for row in read_lexicon("countries.csv"):
        kind = row["kind"].strip()
        if kind not in _KINDS:
            raise ValueError(f"countries.csv: unknown kind {kind!r} (one of {', '.join(_KINDS)})")
        own.setdefault(row["code"].strip(), {}).setdefault(kind, []).append(row["name"].strip())
    out = {}
    for info in _library():
        code = info["code"]
        extra = own.get(code, {})
        out[code] = _country(code, info, extra)
    for code, extra in own.items():
        if code not in out and extra.get("name"):  # a country the library lacks (Kosovo)
            out[code] = _country(code, {"name": extra["name"][0], "alt": [], "demonym": "", "capital": [],
                                        "codes": [code]}, extra)
    return out


def _country(code: str, info: dict, extra: dict[str, list[str]]) -> Country:
    name = info["name"]
    names = [a for a in info["alt"] if _worth(a, name)] + extra.get("name", []) + extra.get("abbreviation", [])
    demonyms = ([info["demonym"]] if info["demonym"] else []) + extra.get("demonym", [])
    people = [p for p in map(plural_demonym, demonyms) if p] + extra.get("people", [])
    capitals = [c for c in info["capital"] if c] + extra.get("capital", [])
    return Country(code=code, name=name, names=_unique(names, name), demonyms=_unique(demonyms),
                   people=_unique(people), capitals=_unique(capitals), seats=_unique(extra.get("seat", [])),
                   bodies=_unique(extra.get("body", [])), titles=_unique(extra.get("title", [])),
                   exclude=_unique(extra.get("exclude", [])), codes=tuple(info["codes"]))


def _worth(alt: str, name: str) -> bool:
    if not alt.isascii() or "," in alt or len(alt) < 4 or alt.isupper():
        return False
    words = alt.lower().split()
    return bool(_OFFICIAL_WORDS & set(words)) or _key(alt)[:4] == _key(name)[:4]


def _unique(items, *skip) -> tuple[str, ...]:
    """Drop repeats ignoring case only: "U.S." and "US", "Türkiye" and "Turkiye" are different aliases."""
    seen = {s.casefold() for s in skip}
    out = []
    for item in items:
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            out.append(item)
    return tuple(out)


# Names the library spells other than the news does; the library's name is kept as an alias.
_NEWS_NAMES = {"Republic of Macedonia": "North Macedonia", "Swaziland": "Eswatini",
               "Vatican City State": "Vatican City",
               "The Bahamas": "Bahamas", "The Gambia": "Gambia", "Czech Republic": "Czechia"}


_CONSTITUENT = frozenset({"Wales", "Scotland", None, ""})


@cache
def _library() -> list[dict]:
    """Read countryinfo's countries once: name, alternative spellings, demonym, capitals, ISO codes."""
    rows: dict[str, dict] = {}
    for country in all_countries():
        info = country.info()
        iso = info.get("ISO") or {}
        code = iso.get("alpha2")
        if not code or info.get("name") in _CONSTITUENT:
            continue  # Scotland and Wales: the United Kingdom's government speaks for them abroad
        name = info["name"]
        capital = info.get("capital") or []
        row = {"code": code, "name": _NEWS_NAMES.get(name, name), "demonym": info.get("demonym") or "",
               "alt": [*info.get("altSpellings", []), name],
               "capital": capital if isinstance(capital, list) else [capital],
               "codes": [c for c in (code, iso.get("alpha3")) if c]}
        if code in rows:  # the library lists a few countries twice ("Palestine, State of"): merge
            old = rows[code]
            old["alt"] += row["alt"]
            old["demonym"] = old["demonym"] or row["demonym"]
            old["capital"] = old["capital"] or row["capital"]
            continue
        rows[code] = row
    return list(rows.values())
