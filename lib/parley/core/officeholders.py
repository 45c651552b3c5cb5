"""Who held which office when: heads of state and government, foreign and defence ministers, spokespeople.

``lexicons/officeholders.csv`` has one row per term: ``country`` (ISO 3166-1 alpha-2, XK for
Kosovo), ``office`` (one of :data:`OFFICES`), ``role`` (the title in English), ``name``, ``also``
(the short forms and spellings the news uses, separated by ``|``; ``-`` for the full name only,
where the surname alone would name others too: "Theresa May", "Fuad Hussein"), ``start`` and
``end`` (YYYY-MM-DD; an empty end: in office when the table was made) and ``source``. The rows
were compiled by hand from public records (source ``hand``); :func:`refresh_officeholders`
rebuilds the table from Wikidata (CC0: position held P39 with start P580 and end P582) on a
machine that is online, and marks those rows ``wikidata``.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import unicodedata
import urllib.parse
import urllib.request
from pathlib import Path

import pandas as pd

from . import config
from .lexicons import built_from, read_lexicon

__all__ = ["OFFICES", "SNAPSHOT", "WIKIDATA_POSITIONS", "holders", "load_officeholders", "refresh_officeholders",
           "short_names"]

#: The offices the table covers, in the order a parties file lists them.
OFFICES = ("head_of_state", "head_of_government", "foreign_minister", "defence_minister", "spokesperson",
           "military", "government", "other")
#: The day up to which the hand-compiled rows are complete; later changes of office are missing.
SNAPSHOT = dt.date(2025, 6, 30)

_COLUMNS = ["country", "office", "role", "name", "also", "start", "end", "source"]
_PARTICLES = ("al-", "el-", "Al-", "El-")


@built_from("officeholders.csv")
def load_officeholders() -> pd.DataFrame:
    """Return the office-holders table, one row per term, dates as ``datetime.date`` (end None: still in office).

    Returns
    -------
    pandas.DataFrame
        Columns country, office, role, name, also (a tuple; ``("-",)`` in the file is the name alone), start, end,
        source.

    Raises
    ------
    ValueError
        If a row has an unknown office or a date that is not YYYY-MM-DD.
    """
    rows = []
    for n, row in enumerate(read_lexicon("officeholders.csv"), start=2):
        office = row["office"].strip()
        if office not in OFFICES:
            raise ValueError(f"officeholders.csv line {n}: unknown office {office!r} (one of {', '.join(OFFICES)})")
        try:
            start = dt.date.fromisoformat(row["start"].strip())
            end = dt.date.fromisoformat(row["end"].strip()) if (row["end"] or "").strip() else None
        except ValueError as exc:
            raise ValueError(f"officeholders.csv line {n}: {exc}") from exc
        rows.append({"country": row["country"].strip(), "office": office, "role": (row["role"] or "").strip(),
                     "name": row["name"].strip(),
                     "also": tuple(a.strip() for a in (row["also"] or "").split("|") if a.strip()),
                     "start": start, "end": end, "source": row["source"].strip()})
    return pd.DataFrame(rows, columns=_COLUMNS)


def holders(table: pd.DataFrame, country: str, *, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Return a country's office-holders in office at any time between two dates.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`load_officeholders`.
    country : str
        ISO 3166-1 alpha-2 code.
    start, end : datetime.date
        The first and last day of the period (the articles' dates).

    Returns
    -------
    pandas.DataFrame
        The rows of those terms, by office and start date.
    """
    rows = table[table["country"] == country]
    current = rows["end"].map(lambda e: e is None or e >= start) & (rows["start"] <= end)
    out = rows[current].copy()
    out["_order"] = out["office"].map(OFFICES.index)
    return out.sort_values(["_order", "start"]).drop(columns="_order")


def short_names(name: str, also: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Return the forms a holder's statements are attributed to: the name, the listed forms, else the surname.

    "Benjamin Netanyahu" -> ("Benjamin Netanyahu", "Netanyahu"); "Mohammed Shia al-Sudani" ->
    (..., "al-Sudani", "Sudani"). Where ``also`` is given it replaces the surname rule: names
    whose family name comes first ("Xi Jinping" -> "Xi") or that the news shortens otherwise;
    ``("-",)`` keeps the name alone. Names with accents also get their plain form ("Vučić" ->
    "Vucic"): the news writes both.
    """
    forms = [name, *(a for a in also if a != "-")]
    words = name.split()
    if not also and len(words) > 1 and len(words[-1]) >= 4 and words[-1][:1].isupper():
        forms.append(words[-1])
    for form in list(forms[1:]):
        if form.startswith(_PARTICLES) and len(form) > 7:
            forms.append(form[3:])
    forms += [plain for plain in map(_plain, forms) if plain]
    return tuple(dict.fromkeys(forms))


def _plain(form: str) -> str | None:
    """Return a name without its accents ("Çavuşoğlu" -> "Cavusoglu"), or None if it has none."""
    if form.isascii():
        return None
    folded = unicodedata.normalize("NFKD", form.translate(_LETTERS))
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return plain if plain.isascii() and plain != form else None


# Letters NFKD does not take apart.
_LETTERS = str.maketrans({"ı": "i", "İ": "I", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "dj", "Đ": "Dj",
                          "æ": "ae", "ß": "ss"})


# ---------------------------------------------------------------------------- refresh from Wikidata

#: The Wikidata items of the offices, per country code, that :func:`refresh_officeholders` asks for.
#: Heads of state and government come from the country item (P35, P6: "head of state", "head of
#: government" positions via P1906/P1313); ministers and spokespeople need their position items.
WIKIDATA_POSITIONS = {
    "head_of_state": "P1906",       # country -> office held by head of state
    "head_of_government": "P1313",  # country -> office held by head of government
}
_ENDPOINT = "https://query.wikidata.org/sparql"
_QUERY = """
SELECT ?iso ?office ?personLabel ?start ?end WHERE {{
  VALUES ?prop {{ {props} }}
  ?country wdt:P297 ?iso; ?prop ?position .
  BIND(IF(?prop = wdt:P1906, "head_of_state", "head_of_government") AS ?office)
  ?person p:P39 ?held . ?held ps:P39 ?position; pq:P580 ?start .
  OPTIONAL {{ ?held pq:P582 ?end }}
  FILTER(?start >= "{since}"^^xsd:dateTime || !BOUND(?end) || ?end >= "{since}"^^xsd:dateTime)
  SERVICE wikibase:label {{ bd:serviceParam wikibase:language "en". }}
}}
"""
_MINISTER_QUERY = """
SELECT ?iso ?personLabel ?start ?end WHERE {{
  ?position wdt:P279* wd:{kind}; wdt:P1001 ?country .
  ?country wdt:P297 ?iso .
  ?person p:P39 ?held . ?held ps:P39 ?position; pq:P580 ?start .
  OPTIONAL {{ ?held pq:P582 ?end }}
  FILTER(!BOUND(?end) || ?end >= "{since}"^^xsd:dateTime)
  SERVICE wikibase:label {{ bd:serviceParam wikibase:language "en". }}
}}
"""
#: Wikidata classes of ministers: foreign affairs minister (Q7330070), defence minister (Q1501926).
_MINISTERS = {"foreign_minister": "Q7330070", "defence_minister": "Q1501926"}


def refresh_officeholders(path: str | Path | None = None, *, since: str = "2014-01-01", fetch=None) -> int:
    """Rebuild the office-holders table from Wikidata's SPARQL endpoint (needs the internet).

    Rows from Wikidata replace the hand-compiled rows of the same country and office; offices
    Wikidata does not answer for (spokespeople, the armed forces) keep their hand-compiled rows,
    and ``also`` (short forms) is carried over for names already in the table.

    Parameters
    ----------
    path : str or Path, optional
        The table to rewrite (default ``lib/parley/lexicons/officeholders.csv``).
    since : str
        Terms that ended before this day are left out.
    fetch : callable, optional
        ``fetch(query) -> dict`` (the SPARQL JSON result); by default an HTTP GET to Wikidata.
        Tests pass a stub.

    Returns
    -------
    int
        The number of rows written.
    """
    path = Path(path or config.LEXICONS / "officeholders.csv")
    fetch = fetch or _fetch
    old = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    also = {(r["country"], r["name"]): r["also"] for r in old}
    roles = {(r["country"], r["office"]): r["role"] for r in old}
    today = dt.date.today().isoformat()
    new = []
    queries = [("", _QUERY.format(props=" ".join(f"wdt:{p}" for p in WIKIDATA_POSITIONS.values()), since=since))]
    queries += [(office, _MINISTER_QUERY.format(kind=item, since=since)) for office, item in _MINISTERS.items()]
    for office, query in queries:
        for b in fetch(query)["results"]["bindings"]:
            country, name = b["iso"]["value"], b["personLabel"]["value"]
            kind = office or b["office"]["value"]
            new.append({"country": country, "office": kind, "role": roles.get((country, kind), ""), "name": name,
                        "also": also.get((country, name), ""), "start": b["start"]["value"][:10],
                        "end": b.get("end", {}).get("value", "")[:10], "source": f"wikidata {today}"})
    answered = {(r["country"], r["office"]) for r in new}
    kept = [r for r in old if (r["country"], r["office"]) not in answered]
    rows = sorted(kept + new, key=lambda r: (r["country"], OFFICES.index(r["office"]), r["start"]))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: r.get(k, "") for k in _COLUMNS} for r in rows)
    return len(rows)


def _fetch(query: str) -> dict:
    url = _ENDPOINT + "?" + urllib.parse.urlencode({"query": query, "format": "json"})
    request = urllib.request.Request(url, headers={"User-Agent": "parley-officeholders/1 (refresh script)"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.load(response)
