"""Write a parties file for a new story from the names of its countries (``python -m parley init``)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd

from ..corpus.articles import load_articles
from ..core.countries import Country, find_country
from ..core.officeholders import SNAPSHOT, holders, load_officeholders, short_names

__all__ = ["DEFAULT_YEARS", "init_parties", "story_dates"]

#: Without articles or dates, holders in office at any time in these years before the table's snapshot.
DEFAULT_YEARS = 3
_OFFICE_WORDS = {"head_of_state": "head of state", "head_of_government": "head of government",
                 "foreign_minister": "foreign minister", "defence_minister": "defence minister",
                 "spokesperson": "spokesperson", "military": "armed forces", "government": "government",
                 "other": "official"}


def init_parties(names, *, out: str | Path | None = None, articles=None, dates=None,
                 overwrite: bool = False) -> str:
    """Write a commented parties file for two or more countries named as a user names them.

    Each party gets the country's names and abbreviations, demonyms and their plurals, capitals,
    seats of government, ministries and forces named without the country, and the heads of state
    and government, foreign and defence ministers and spokespeople in office at the story's dates.

    Parameters
    ----------
    names : list of str
        Country names ("Iraq", "United States", "DPRK", "Türkiye"); each party is named as given.
    out : str or Path, optional
        Where to write the file; nothing is written when None.
    articles : str, Path or pandas.DataFrame, optional
        The story's articles (a path for :func:`parley.load_articles`, or its frame): office-holders
        are those in office between the first and last ``published`` date.
    dates : tuple of (str or date, str or date), optional
        The first and last day of the story, instead of ``articles``. Without either, the
        holders of the :data:`DEFAULT_YEARS` years up to the table's snapshot (and any later ones).
    overwrite : bool
        Replace an existing ``out``; otherwise an existing file raises FileExistsError.

    Returns
    -------
    str
        The TOML text.

    Raises
    ------
    parley.countries.CountryNotFound
        A name that is no country or several ("Korea: did you mean North Korea or South Korea?").
    ValueError
        Fewer than two names, or the same country twice.
    FileExistsError
        ``out`` exists and ``overwrite`` is false.
    """
    names = [n.strip() for n in names if n and n.strip()]
    if len(names) < 2:
        raise ValueError("name at least two countries, e.g. init Iraq 'United States'")
    countries = [find_country(n) for n in names]
    seen: dict[str, str] = {}
    for name, country in zip(names, countries):
        if country.code in seen:
            raise ValueError(f"{seen[country.code]!r} and {name!r} are the same country ({country.name})")
        seen[country.code] = name
    start, end, why = story_dates(articles=articles, dates=dates)
    text = _document(names, countries, start, end, why)
    if out is not None:
        out = Path(out)
        if out.exists() and not overwrite:
            raise FileExistsError(f"{out} exists; pass overwrite=True (--force) to replace it")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    return text


def story_dates(*, articles=None, dates=None) -> tuple[dt.date, dt.date, str]:
    """Return the first and last day whose office-holders a story needs, and where they came from.

    Parameters
    ----------
    articles, dates
        As for :func:`init_parties`.

    Returns
    -------
    tuple of (date, date, str)
        Start, end and a phrase for the file's comment ("the articles' dates").
    """
    if dates is not None:
        start, end = (d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d).strip()) for d in dates)
        return min(start, end), max(start, end), "the dates given"
    missing = "no article dates given"
    if articles is not None:
        found = _published(articles)
        if found:
            return min(found), max(found), f"the {len(found)} dated article{'s' if len(found) > 1 else ''}"
        missing = "the articles have no publication dates"
    start = SNAPSHOT.replace(year=SNAPSHOT.year - DEFAULT_YEARS)
    return start, max(dt.date.today(), SNAPSHOT), f"{missing}: the {DEFAULT_YEARS} years before {SNAPSHOT} and after"


def _published(articles) -> list[dt.date]:
    if not isinstance(articles, pd.DataFrame):
        articles = load_articles(articles)
    out = []
    for value in articles.get("published", pd.Series(dtype=object)).dropna():
        try:
            out.append(dt.date.fromisoformat(str(value)[:10]))
        except ValueError:
            continue  # an undated or unparseable article says nothing about the dates
    return out


def _document(names: list[str], countries: list[Country], start: dt.date, end: dt.date, why: str) -> str:
    table = load_officeholders()
    groups = {name: _groups(name, country) for name, country in zip(names, countries)}
    holder_rows = {name: holders(table, country.code, start=start, end=end) for name, country in zip(names, countries)}
    for name in names:
        groups[name].append(("office-holders", _holder_lines(holder_rows[name])))
        groups[name] = [(label, [(_curly(aliases), note) for aliases, note in entries])
                        for label, entries in groups[name]]
    shared = _shared(groups)
    about = ", ".join(f"{n} ({c.name})" if n != c.name else n for n, c in zip(names, countries))
    lines = [
        f"# Parties for a story about {about}: written by `parley init` on {dt.date.today()}.",
        "# Country names, demonyms and capitals: the countryinfo package (MIT licence); abbreviations, seats of",
        "# government, ministries and forces: parley's lexicons/countries.csv; office-holders: parley's",
        f"# lexicons/officeholders.csv (compiled by hand, complete to {SNAPSHOT}), those in office between",
        f"# {start} and {end} ({why}).",
        "# A speaker belongs to the party whose alias its description contains ('Iraq's foreign ministry',",
        "# 'the Iraqi prime minister'); edit freely: add people the articles quote, remove names that mislead.",
        "# Check the office-holders against the articles: a name missing here loses that person's statements.",
    ]
    if end > SNAPSHOT:
        lines.append(f"# The story runs past {SNAPSHOT}, when the office-holders table ends: add anyone who took "
                     "office since.")
    if shared:
        lines.append("# Left out because they name more than one of these parties: " + ", ".join(sorted(shared)) + ".")
    for name, country in zip(names, countries):
        lines += ["", f'[parties.{json.dumps(name, ensure_ascii=False)}]', "aliases = ["]
        for label, entries in groups[name]:
            entries = [([a for a in aliases if a.casefold() not in shared], note) for aliases, note in entries]
            entries = [(aliases, note) for aliases, note in entries if aliases]
            if not entries:
                continue
            lines.append(f"  # {label}")
            for aliases, note in entries:
                lines += _wrap(aliases, note)
        lines.append("]")
        if country.exclude:
            lines.append("# Names that contain an alias but are not the government.")
            lines.append("exclude = [" + ", ".join(json.dumps(e, ensure_ascii=False) for e in country.exclude) + "]")
    return "\n".join(lines) + "\n"


def _groups(name: str, country: Country) -> list[tuple[str, list[tuple[list[str], str]]]]:
    names = [country.name, *country.names]
    names += [name] if name.casefold() not in {n.casefold() for n in names} else []  # as the user wrote it
    return [("names and abbreviations", [(names, "")]),
            ("demonyms", [([*country.demonyms, *country.people], "")]),
            ("capital and seats of government", [([*country.capitals, *country.seats], "")]),
            ("ministries, forces and offices named without the country", [([*country.bodies, *country.titles], "")])]


def _holder_lines(rows) -> list[tuple[list[str], str]]:
    """Return one entry per person: the forms of the name and, as the note, each office and term."""
    people: dict[str, tuple[list[str], list[str]]] = {}
    for r in rows.itertuples():
        forms, notes = people.setdefault(r.name, ([], []))
        forms += [f for f in short_names(r.name, r.also) if f not in forms]
        notes.append(f"{r.role or _OFFICE_WORDS[r.office]} {r.start} to {r.end or 'now'}")
    return [(forms, "; ".join(notes)) for forms, notes in people.values()]


def _curly(aliases: list[str]) -> list[str]:
    """Add each alias with a straight apostrophe also with a curly one: news text has both ("People’s")."""
    out = []
    for alias in aliases:
        out += [alias, alias.replace("'", "’")] if "'" in alias else [alias]
    return out


def _shared(groups: dict) -> set[str]:
    """Return the aliases (case-folded) that more than one party would have: they decide nothing."""
    owners: dict[str, set[str]] = {}
    for name, parts in groups.items():
        for _, entries in parts:
            for aliases, _ in entries:
                for alias in aliases:
                    owners.setdefault(alias.casefold(), set()).add(name)
    return {a for a, who in owners.items() if len(who) > 1}


def _wrap(aliases: list[str], note: str = "", width: int = 100) -> list[str]:
    """Lay out aliases a few to a line, the note as a comment after the last."""
    lines, line = [], "  "
    for alias in dict.fromkeys(aliases):
        item = json.dumps(alias, ensure_ascii=False) + ", "
        if len(line) + len(item) > width and line.strip():
            lines.append(line.rstrip())
            line = "  "
        line += item
    lines.append(line.rstrip() + (f"  # {note}" if note else ""))
    return lines
