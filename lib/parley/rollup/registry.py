"""Names learnt from the corpus: a person one article describes with a government keeps it in the others.

"Iraqi Foreign Minister Karim Haddad said ..." in one article tells whose minister Karim Haddad
is; another article of the corpus that calls him "Foreign Minister Karim Haddad" or only "Haddad"
names no government, and its statements would have none. This pass runs over the frames of a
whole analysis, after every article was read on its own, and gives such statements the government
their speaker was described with elsewhere, with the evidence. Dates decide: a later "former
foreign minister Karim Haddad" ends it (articles dated on or after it keep no government), and
an article undated while a "former" exists gets none. A name described with two governments is
listed as a conflict and decides nothing.
"""
from __future__ import annotations

import json
import re
import tomllib
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd

from ..core.parties import load_parties
from ..extract.actors import actor_lexicon
from ..extract.uncertainty import uncertainty

__all__ = ["REGISTRY_COLUMNS", "add_learnt_names", "learn_actors", "learnt_names", "with_learnt_actors"]

#: One row per description of a named person: what it says about the person's government.
REGISTRY_COLUMNS = ["name", "party", "status", "published", "article_id", "title", "mention", "evidence"]

_ALIAS = re.compile(r"^alias '(.+?)'")


def learn_actors(actors: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """List what the corpus says about each named person's government.

    Parameters
    ----------
    actors : pandas.DataFrame
        Actor mentions (see :func:`parley.to_actors`).
    articles : pandas.DataFrame
        The articles, for their ``published`` dates.

    Returns
    -------
    pandas.DataFrame
        :data:`REGISTRY_COLUMNS`: ``status`` is ``described`` (a description names the
        person's government: "Iraqi Foreign Minister Karim Haddad") or ``former`` ("former
        foreign minister Karim Haddad"); ``published`` is the article's date (None if undated).
        Names whose only party comes from the parties file (the alias is the name itself) teach
        nothing and are left out.
    """
    if actors.empty:
        return pd.DataFrame(columns=REGISTRY_COLUMNS)
    dates = dict(zip(articles["article_id"], articles.get("published", pd.Series(dtype=object))))
    titles = dict(zip(articles["article_id"], articles.get("title", pd.Series(dtype=object))))
    has_party = actors["party"].notna()
    # vectorised first: only people's descriptions by an alias, and formers, can teach anything
    maybe = (actors["kind"] == "person").to_numpy() & _starts(actors["party_evidence"], ("alias '", "former:"))
    maybe &= actors["name"].astype(object).map(lambda n: isinstance(n, str) and " " in n).to_numpy()
    rows = []
    for name, party, ev, aid, text in zip(*(actors.loc[maybe, c].astype(object) for c in
                                            ("name", "party", "party_evidence", "article_id", "text"))):
        if isinstance(party, str):
            alias = _ALIAS.match(ev)
            if alias is None or _fold(alias.group(1)) in _fold(name):
                continue  # the parties file names the person: nothing learnt
            status = "described"
        elif ev.startswith("former:"):
            status = "former"
        else:
            continue
        title = titles.get(aid)
        rows.append({"name": name, "party": party if status == "described" else None, "status": status,
                     "published": _date(dates.get(aid)), "article_id": aid,
                     "title": title if isinstance(title, str) else None, "mention": text, "evidence": ev})
    out = pd.DataFrame(rows, columns=REGISTRY_COLUMNS)
    return out.drop_duplicates(["name", "party", "status", "article_id"]).reset_index(drop=True)


def with_learnt_actors(frames: dict, articles: pd.DataFrame) -> dict:
    """Give statements whose speaker another article described with a government that government.

    Parameters
    ----------
    frames : dict
        ``statements``, ``actors`` and ``conditions`` frames of one analysis.
    articles : pandas.DataFrame
        The articles, for their ``published`` dates.

    Returns
    -------
    dict
        New frames: the statements, their actor's mentions and their conditions given the learnt
        party, with ``party_evidence`` "learnt: described as '<mention>' in '<title>', <date>";
        ``registry`` holds :func:`learn_actors` with a ``used`` count per row, and conflicts
        (a name described with two governments) with status ``conflict``.
    """
    out = dict(frames)
    actors, statements = frames["actors"], frames["statements"]
    registry = learn_actors(actors, articles)
    registry["used"] = 0
    if registry.empty or statements.empty:
        out["registry"] = registry
        return out
    dates = dict(zip(articles["article_id"], articles.get("published", pd.Series(dtype=object))))
    by_name, conflicts = _by_name(registry)
    surnames = _surnames(by_name)
    # out of office here ("former", "opposition"), or two governments named: nothing is guessed
    blocked = (*(f"{why}:" for why in set(actor_lexicon().modifiers.values())), "ambiguous:")
    learnt: dict[str, tuple[str, str, int]] = {}  # actor_id -> party, evidence, registry row
    folded = {n: _fold(n) for n in actors["name"].dropna().unique() if isinstance(n, str)}
    keys = {n: f if " " in n else surnames.get(f) for n, f in folded.items()}
    named = {n for n, k in keys.items() if k in by_name}
    # only actors named like a learnt person are looked at: a corpus has many more actors than learnt names
    candidates = actors[actors["actor_id"].isin(actors.loc[actors["name"].isin(named), "actor_id"])]
    learnt = _learnt(candidates, by_name, keys, blocked, dates)
    if learnt:
        out["statements"] = _assign(statements, learnt, "actor_id")
        out["actors"] = _assign(actors, learnt, "actor_id")
        if not frames["conditions"].empty:
            is_joint = statements["joint"].notna() & (statements["joint"].astype(object) != "")
            joint = set(statements.loc[is_joint, "statement_id"])
            by_statement = {sid: learnt[aid] for sid, aid in zip(statements["statement_id"], statements["actor_id"])
                            if aid in learnt and sid not in joint}
            out["conditions"] = _assign(frames["conditions"], by_statement, "statement_id", evidence=False)
        used = pd.Series([row for _, _, row in learnt.values()]).value_counts()
        registry.loc[used.index, "used"] = used.to_numpy()
    out["registry"] = pd.concat([registry, conflicts], ignore_index=True) if not conflicts.empty else registry
    return out


def _learnt(candidates: pd.DataFrame, by_name: dict, keys: dict, blocked: tuple, dates: dict) -> dict:
    """Return actor_id -> (party, evidence, registry row) for the candidates a learnt name decides.

    An actor whose mentions carry a party, or are out of office or ambiguous, is left as it is; the
    longest of its names is looked up, on the date of its first mention's article.
    """
    if candidates.empty:
        return {}
    frame = pd.DataFrame({"actor_id": candidates["actor_id"].astype(object).to_numpy(),
                          "name": candidates["name"].astype(object).to_numpy(),
                          "article_id": candidates["article_id"].astype(object).to_numpy(),
                          "party": candidates["party"].notna().to_numpy(),
                          "blocked": _starts(candidates["party_evidence"], blocked)})
    groups = frame.groupby("actor_id", sort=False)
    skip = groups["party"].any() | groups["blocked"].any()
    first = groups["article_id"].first()
    named = frame[frame["name"].map(lambda n: isinstance(n, str))]
    longest = named.loc[named["name"].str.len().groupby(named["actor_id"], sort=False).idxmax(), ["actor_id", "name"]]
    learnt, memo = {}, {}
    for actor_id, name in zip(longest["actor_id"], longest["name"]):
        key = keys.get(name)
        if skip[actor_id] or key not in by_name:
            continue
        day = _date(dates.get(first[actor_id]))
        if (key, day) not in memo:  # many mentions of one person on one day: decided once
            memo[key, day] = _party_on(by_name[key], day)
        if memo[key, day] is not None:
            learnt[actor_id] = memo[key, day]
    return learnt


def _starts(values: pd.Series, prefixes: tuple[str, ...]) -> np.ndarray:
    """Say which values are text starting with one of ``prefixes``; a categorical is tested once per category."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        hits = np.array([isinstance(c, str) and c.startswith(prefixes) for c in values.cat.categories] + [False])
        return hits[values.cat.codes.to_numpy()]  # code -1 (missing) reads the last, False
    return np.array([isinstance(v, str) and v.startswith(prefixes) for v in values], dtype=bool)


def _by_name(registry: pd.DataFrame) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """Group the registry by folded name; names described with two governments go to the conflicts."""
    by_name, conflicts = {}, []
    for key, rows in registry.groupby(registry["name"].map(_fold), sort=False):
        parties = set(rows["party"].dropna())
        if len(parties) > 1:
            conflicts.append({"name": rows["name"].iloc[0], "party": None, "status": "conflict", "published": None,
                              "article_id": None, "title": None, "mention": "; ".join(rows["mention"]),
                              "evidence": "described with " + " and ".join(sorted(parties)) + ": decides nothing",
                              "used": 0})
        elif parties:
            by_name[key] = rows
    return by_name, pd.DataFrame(conflicts, columns=[*REGISTRY_COLUMNS, "used"])


def _surnames(by_name: dict) -> dict[str, str]:
    """Map a surname to the one learnt full name it ends; surnames two learnt names share are left out."""
    owners: dict[str, set[str]] = {}
    for key in by_name:
        owners.setdefault(key.split()[-1], set()).add(key)
    return {surname: next(iter(keys)) for surname, keys in owners.items() if len(keys) == 1}


def _party_on(rows: pd.DataFrame, day: str | None) -> tuple[str, str, int] | None:
    """Return the learnt party, its evidence and registry row for a mention on ``day``, or None.

    The latest description on or before the day decides: a "former" ends the government a
    description gave. Before every dated description, the earliest one decides; an undated
    mention gets a government only if no description calls the person former.
    """
    described = rows[rows["status"] == "described"]
    formers = rows[rows["status"] == "former"]
    if described.empty:
        return None
    dated = rows[rows["published"].notna()].sort_values("published", kind="stable")
    if day is None or dated.empty:
        if not formers.empty:
            return None
        pick = described.iloc[0]
    else:
        before = dated[dated["published"] <= day]
        pick = before.iloc[-1] if not before.empty else dated.iloc[0]
        if pick["status"] != "described":
            return None
    where = repr(pick["title"]) if isinstance(pick["title"], str) else f"article {pick['article_id']}"
    when = f", {pick['published']}" if pick["published"] else ""
    evidence = f"learnt: described as {pick['mention']!r} in {where}{when}"
    return pick["party"], evidence, pick.name


def _assign(frame: pd.DataFrame, learnt: dict, key: str, evidence: bool = True) -> pd.DataFrame:
    out = frame.copy()
    hit = out[key].isin(list(learnt)) & out["party"].isna()
    _set(out, hit, "party", out.loc[hit, key].map(lambda k: learnt[k][0]))
    if evidence:
        _set(out, hit, "party_evidence", out.loc[hit, key].map(lambda k: learnt[k][1]))
    if "uncertain" in out and hit.any():  # a learnt government is one to check
        _set(out, hit, "uncertain", [uncertainty(rule, ev) for rule, ev in zip(out.loc[hit, "rule"],
                                                                                out.loc[hit, "party_evidence"])])
    return out


def _set(out: pd.DataFrame, rows: pd.Series, column: str, values) -> None:
    """Set ``column`` on ``rows`` in place; a categorical column (as :func:`parley.analyze` gives) gains the values."""
    values = pd.Series(list(values), index=out.index[rows.to_numpy()], dtype=object)
    if isinstance(out[column].dtype, pd.CategoricalDtype):
        new = pd.Index(values.dropna().unique()).difference(out[column].cat.categories)
        out[column] = out[column].cat.add_categories(new)
    out.loc[rows, column] = values


def _date(value) -> str | None:
    return str(value)[:10] if isinstance(value, str) and value[:4].isdigit() else None


def _fold(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return " ".join(re.sub(r"[.’']", "", plain).split())


def learnt_names(registry: pd.DataFrame, *, reject=()) -> dict[str, list[str]]:
    """Return the names learnt for each party, to add to the parties file.

    Parameters
    ----------
    registry : pandas.DataFrame
        ``Analysis.registry``.
    reject : iterable of str
        Names the analyst does not want (compared without case).

    Returns
    -------
    dict
        Party to the names described with it; names also described as former or with another
        government are left out (an alias would count them on every date).
    """
    if registry.empty:
        return {}
    rejected = {_fold(n) for n in reject}
    keys = registry["name"].map(_fold)
    out: dict[str, list[str]] = {}
    for key, rows in registry.groupby(keys, sort=False):
        if key in rejected or set(rows["status"]) != {"described"} or rows["party"].nunique() != 1:
            continue
        out.setdefault(rows["party"].iloc[0], []).append(rows["name"].iloc[0])
    return out


def add_learnt_names(path, registry: pd.DataFrame, *, reject=()) -> dict[str, list[str]]:
    """Add the names learnt from the corpus to a parties file's aliases, keeping its comments.

    Parameters
    ----------
    path : str or Path
        The parties file the analysis used.
    registry : pandas.DataFrame
        ``Analysis.registry``.
    reject : iterable of str
        Names not to add.

    Returns
    -------
    dict
        Party to the names added (names already an alias of any party are skipped).

    Raises
    ------
    ValueError
        If a party's ``aliases = [...]`` cannot be found in the file; nothing is written then.
    """
    path = Path(path)
    parties = load_parties(path)
    taken = {a.casefold() for spec in parties.values() for a in spec["aliases"]}
    added: dict[str, list[str]] = {}
    text = path.read_text(encoding="utf-8")
    for party, names in learnt_names(registry, reject=reject).items():
        new = [n for n in dict.fromkeys(names) if n.casefold() not in taken]
        if party in parties and new:
            text = _insert_aliases(text, party, new)
            added[party] = new
    if added:
        tomllib.loads(text)  # a file this cannot read is never written
        path.write_text(text, encoding="utf-8")
    return added


def _insert_aliases(text: str, party: str, names: list[str]) -> str:
    """Return the parties file text with ``names`` added at the end of a party's ``aliases`` array."""
    header = re.compile(rf"^\[\s*parties\s*\.\s*(?:{re.escape(json.dumps(party, ensure_ascii=False))}|"
                        rf"'{re.escape(party)}'|{re.escape(party)})\s*\]", re.M)
    found = header.search(text)
    opening = re.compile(r"^\s*aliases\s*=\s*\[", re.M).search(text, found.end()) if found else None
    following = re.compile(r"^\[", re.M).search(text, found.end()) if found else None
    if opening is None or (following is not None and opening.start() > following.start()):
        raise ValueError(f"no aliases = [...] found for party {party!r}; add the names by hand: {', '.join(names)}")
    close = _closing_bracket(text, opening.end())
    items = ", ".join(json.dumps(n, ensure_ascii=False) for n in names)
    ends = [m.end() for m in _TOML_TOKEN.finditer(text, opening.end(), close) if m.group(0)[0] != "#"]
    if ends and "," not in re.sub(r"#[^\n]*", "", text[ends[-1]:close]):
        text, close = text[:ends[-1]] + "," + text[ends[-1]:], close + 1  # the last value had no comma after it
    line_start = text.rfind("\n", 0, close) + 1
    if "\n" in text[opening.end():close] and not text[line_start:close].strip():
        return f"{text[:line_start]}  # learnt from the articles\n  {items},\n{text[line_start:]}"
    return f"{text[:close].rstrip()} {items}{text[close:]}"


_TOML_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*')


def _closing_bracket(text: str, start: int) -> int:
    """Return where the array opened before ``start`` closes, skipping strings and comments."""
    depth, i = 1, start
    while i < len(text):
        ch = text[i]
        if ch == "#":
            i = text.find("\n", i) if "\n" in text[i:] else len(text)
            continue
        if ch in "\"'":
            end = text.find(ch, i + 1)
            while ch == '"' and end > 0 and text[end - 1] == "\\":
                end = text.find(ch, end + 1)
            i = end + 1 if end > 0 else len(text)
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if not depth:
                return i
        i += 1
    raise ValueError("an aliases array is not closed")
