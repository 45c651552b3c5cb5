"""Load the parties file and decide which party a speaker mention belongs to."""
from __future__ import annotations

import re
import tomllib
import warnings
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from . import config

__all__ = ["NO_PARTY", "PALETTE", "AliasHit", "alias_matches", "alias_patterns", "checked_parties", "matches_of",
           "load_parties", "resolve_parties", "match_party", "party_colors"]

#: Colours for parties without a ``color`` in the parties file, in order.
PALETTE = ["#1f5fa6", "#c0392b", "#2e8b57", "#8e44ad", "#d68910", "#5d6d7e"]
#: The label of statements without a party, in tables and charts.
NO_PARTY = "(no party)"

_POSSESSIVE = r"(?:['’]s?)?"


def load_parties(path: str | Path = config.PARTIES) -> dict:
    """Read a parties TOML file into ``{party: {"aliases": [...], ...}}``.

    Parameters
    ----------
    path : str or Path
        A TOML file with one ``[parties."Name"]`` table per party, each with an
        ``aliases`` list, and optionally ``color``, ``exclude`` (names that
        contain an alias but are not the party, e.g. "Washington Post") and
        ``generic`` (descriptions such as "the government" or "ministers"
        that mean this party in a corpus from one country).

    Returns
    -------
    dict
        The ``parties`` table: party name to its settings.

    Raises
    ------
    ValueError
        If the file is not valid TOML, has no ``parties`` table or a party has
        no aliases; the message starts with the file's path.
    """
    path = Path(path)
    return checked_parties(read_document(path).get("parties"), str(path))


def read_document(path) -> dict:
    """Return the parsed parties file (its ``parties`` table and any story sections).

    Raises
    ------
    ValueError
        If the file is not valid TOML; the message starts with the file's path.
    """
    path = Path(path)
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: not valid TOML: {exc}") from exc


def resolve_parties(parties) -> dict:
    """Return a parties dict from a path, a dict, or None (no parties).

    Parameters
    ----------
    parties : str, Path, dict or None
        A parties file, the dict :func:`load_parties` returns (or the whole
        TOML document with a ``parties`` key), or None.

    Returns
    -------
    dict
        Party name to settings; empty when ``parties`` is None.
    """
    if parties is None:
        return {}
    if isinstance(parties, (str, Path)):
        return load_parties(parties)
    if isinstance(parties, dict):
        if not parties:
            return {}
        inner = parties.get("parties") if isinstance(parties.get("parties"), dict) else parties
        return checked_parties(inner, "parties")
    raise TypeError(f"parties must be a path, a dict or None, not {type(parties).__name__}")


def checked_parties(table, where: str) -> dict:
    """Check a parties table and return it with names and aliases trimmed.

    Parameters
    ----------
    table : dict
        The ``parties`` table of a parsed parties file: party name to settings.
    where : str
        What error messages start with: the file's path, or ``"parties"``.

    Returns
    -------
    dict
        Party name to settings, ``exclude`` and ``generic`` always present.

    Raises
    ------
    ValueError
        For a party without aliases, two parties of one name, or an alias of
        two parties (after trimming and case-folding): a speaker would belong
        to both, and one side of every chart would be wrong.
    """
    if not isinstance(table, dict) or not table:
        raise ValueError(f"{where}: no [parties.\"Name\"] tables found")
    out, spelled = {}, {}
    for raw, spec in table.items():
        name = str(raw).strip()
        if name != raw:
            warnings.warn(f"{where}: party name {raw!r} has stray spaces; read as {name!r}", stacklevel=4)
        if name.casefold() in spelled:
            raise ValueError(f"{where}: two parties are named alike, {spelled[name.casefold()]!r} and {raw!r} (names "
                             "are compared without case and surrounding spaces); merge their aliases into one table")
        spelled[name.casefold()] = raw
        aliases = spec.get("aliases") if isinstance(spec, dict) else spec
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases) or not aliases:
            raise ValueError(f"{where}: party {name!r} needs a non-empty list of aliases")
        entry = {**(spec if isinstance(spec, dict) else {}), "aliases": [a.strip() for a in aliases]}
        for key in ("exclude", "generic"):
            extra = entry.get(key, [])
            if not isinstance(extra, list) or not all(isinstance(a, str) and a.strip() for a in extra):
                raise ValueError(f"{where}: party {name!r}: {key} must be a list of names")
            entry[key] = [a.strip() for a in extra]
        out[name] = entry
    _refuse_shared_aliases(out, where)
    return out


def _refuse_shared_aliases(table: dict, where: str) -> None:
    """Raise ValueError naming every alias that two parties share (compared without case)."""
    owners: dict[str, list[str]] = {}
    written: dict[str, str] = {}
    for name, spec in table.items():
        for alias in spec["aliases"]:
            written.setdefault(alias.casefold(), alias)
            if name not in owners.setdefault(alias.casefold(), []):
                owners[alias.casefold()].append(name)
    shared = {key: names for key, names in owners.items() if len(names) > 1}
    if not shared:
        return
    whole = [name for name, spec in table.items() if all(a.casefold() in shared for a in spec["aliases"])]
    listed = "; ".join(f"{written[key]!r} in {' and '.join(map(repr, names))}" for key, names in shared.items())
    also = f" ({', '.join(map(repr, whole))}: every alias belongs to another party too)" if whole else ""
    raise ValueError(f"{where}: an alias may belong to one party only, but {listed}{also}. A speaker called so "
                     "would count for both; keep each alias in the one party it names")


def party_colors(parties) -> dict[str, str]:
    """Return each party's chart colour (from the file, else a fixed palette).

    Parameters
    ----------
    parties : str, Path, dict or None
        As accepted by :func:`resolve_parties`.

    Returns
    -------
    dict
        Party name to a matplotlib colour; the n-th party without a ``color``
        gets ``PALETTE[n]``.
    """
    table = resolve_parties(parties)
    return {name: spec.get("color", PALETTE[n % len(PALETTE)]) for n, (name, spec) in enumerate(table.items())}


@lru_cache(maxsize=64)
def _compile(items: tuple[tuple[str, tuple[str, ...]], ...]) -> list[tuple[str, re.Pattern, tuple[str, ...] | None]]:
    out = []
    for name, aliases in items:
        alts = "|".join(_alias(a) for a in sorted(aliases, key=len, reverse=True))
        # Whole words, possessives allowed.
        sensitive = [a for a in aliases if a.isupper() and len(a) <= 3]  # as _alias has them
        out.append((name, re.compile(rf"(?<![\w.-])(?:{alts}){_POSSESSIVE}(?![\w-])", re.I),
                    _needles(aliases, sensitive)))
    return out


def _needles(phrases, sensitive=()) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """Return what :func:`_may_match` looks for: the phrases matched ignoring case, in lower case, and those
    matched as written; None if a phrase is not ASCII.

    A phrase that contains another of its kind is left out: where it occurs, so does the other.
    """
    if not all(p.isascii() for p in phrases):
        return None

    def shortest(words):
        return tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))

    return (shortest({p.lower() for p in phrases if p not in sensitive}), shortest(set(sensitive)))


def _may_match(text: str, low: str | None, needles) -> bool:
    """Say whether any phrase may match a text, given the text in lower case (None unless it is ASCII).

    The patterns try every position of a text, which costs more than a few substring tests: for
    ASCII text and phrases, ignoring case is ASCII case-folding, so a phrase can only match where
    its lower-case form is a substring of the lower-cased text (and a case-sensitive one where it
    is a substring of the text).
    """
    if low is None or needles is None:
        return True
    folded, exact = needles
    return any(map(low.__contains__, folded)) or any(map(text.__contains__, exact))


def _alias(alias: str) -> str:
    """Return an alias's regex: case-insensitive, except short all-caps aliases ("US" is not "us")."""
    if alias.isupper() and len(alias) <= 3:
        return f"(?-i:{re.escape(alias)})"
    return re.escape(alias)


def _key(table: dict) -> tuple:
    return tuple((name, tuple(spec["aliases"])) for name, spec in table.items())


@lru_cache(maxsize=64)
def _exclusions(phrases: tuple[str, ...]) -> tuple[re.Pattern, tuple[str, ...] | None] | None:
    if not phrases:
        return None
    alts = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])", re.I), _needles(phrases)


class AliasHit(NamedTuple):
    """One alias found in a text: the party, the alias as written, and its span."""

    party: str
    alias: str
    start: int
    end: int


def alias_matches(text: str, parties: dict) -> list[AliasHit]:
    """Find every party alias in ``text``, the longest winning where aliases overlap.

    Aliases match as whole words, case-insensitively, except all-caps aliases
    of three characters or fewer ("US", "IS", "UK"), so "us" is not the United
    States; possessives are included ("Iraq’s"). Names listed under
    ``exclude`` ("Washington Post") are blanked out first. Where aliases
    overlap, the longest decides: "US Treasury Secretary" is the United States
    even where "Treasury" alone is an alias of the United Kingdom.

    Parameters
    ----------
    text : str
        Any text, usually a speaker's description.
    parties : dict
        Resolved parties (see :func:`resolve_parties`).

    Returns
    -------
    list of AliasHit
        Sorted by position, none inside another.
    """
    if not parties or not isinstance(text, str) or not text:  # NaN from a frame is no text
        return []
    return matches_of(text, alias_patterns(parties))


def alias_patterns(parties: dict) -> tuple:
    """Return the compiled exclusions and ``(party, alias regex)`` pairs that :func:`alias_matches` uses.

    Parameters
    ----------
    parties : dict
        Resolved parties (see :func:`resolve_parties`).

    Returns
    -------
    tuple
        ``(exclusions or None, [(party, pattern, what may match), ...])``, for :func:`matches_of`: a caller
        reading many texts against one table compiles (and hashes) the table once.
    """
    return (_exclusions(tuple(p for spec in parties.values() for p in spec.get("exclude", ()))),
            _compile(_key(parties)))


def matches_of(text: str, patterns: tuple) -> list[AliasHit]:
    """Return :func:`alias_matches` of a non-empty ``text``, with the table's :func:`alias_patterns`."""
    excluded, compiled = patterns
    low = text.lower() if text.isascii() else None
    if excluded is not None and _may_match(text, low, excluded[1]):
        text = excluded[0].sub(lambda m: " " * len(m.group(0)), text)
        low = text.lower() if low is not None else None
    hits = [AliasHit(name, m.group(0), m.start(), m.end())
            for name, pattern, needles in compiled if _may_match(text, low, needles) for m in pattern.finditer(text)]
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[AliasHit] = []
    for hit in hits:
        if kept and hit.start < kept[-1].end:
            if hit.end - hit.start > kept[-1].end - kept[-1].start:
                kept[-1] = hit  # overlapping, longer: the longer alias decides
            continue
        kept.append(hit)
    return kept


def match_party(mention: str, parties: dict) -> tuple[str | None, str]:
    """Decide the party of a speaker mention from the aliases it contains.

    This looks at words only; :mod:`parley.actors` decides a speaker's party
    from the structure of its description (head, possessor, former/shadow, ...).

    Parameters
    ----------
    mention : str
        The speaker's words, e.g. ``"Iraq's foreign ministry"``; see
        :func:`alias_matches` for how aliases match.
    parties : dict
        Resolved parties (see :func:`resolve_parties`).

    Returns
    -------
    tuple of (str or None, str)
        The party (None when no alias, or aliases of several parties, match)
        and the evidence: ``alias 'Iraq'``, ``ambiguous: A ('x'), B ('y')`` or ``""``.
    """
    hits: dict[str, str] = {}
    for hit in alias_matches(mention, parties):
        if not locative(mention, hit.start):
            hits.setdefault(hit.party, hit.alias)
    if len(hits) == 1:
        (name, alias), = hits.items()
        return name, f"alias {alias!r}"
    if len(hits) > 1:
        return None, "ambiguous: " + ", ".join(f"{n} ({a!r})" for n, a in hits.items())
    return None, ""


_LOCATIVE = re.compile(r"(?:\b(?:in|based in|near|across|inside|throughout|from)\s+(?:the\s+)?)$", re.I)


def locative(mention: str, at: int) -> bool:
    """Say whether the alias at ``at`` is a place the speaker is in ("militias in Iraq"), not who they are."""
    return bool(_LOCATIVE.search(mention[max(0, at - 20):at]))
