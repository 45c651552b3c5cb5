"""Follow a story over time: statements, framing and conditions per government per week or month.

Every statement takes its article's date (``published``) and outlet
(``source``). The per-period tables reuse :mod:`parley.summaries`, so each
share keeps its counts, its 95% Wilson interval and its small-number note.
Articles without a date are never dropped silently: :func:`undated` lists them
and every table leaves their statements out of the periods, in plain words.
"""
from __future__ import annotations

import re

import pandas as pd

from ..core.parties import NO_PARTY
from . import summaries

__all__ = ["FREQUENCIES", "dated", "statement_counts", "conditionality", "framing", "term_appearances", "outlets",
           "undated"]

#: The periods a timeline can be counted in, as pandas period frequencies.
FREQUENCIES = {"week": "W-SUN", "month": "M"}


def dated(frame: pd.DataFrame, articles: pd.DataFrame, *, freq: str = "month") -> pd.DataFrame:
    """Add each row's article date, outlet and period.

    Parameters
    ----------
    frame : pandas.DataFrame
        Rows with ``article_id`` (statements, conditions, terms, ...).
    articles : pandas.DataFrame
        The articles (``article_id``, ``published``, ``source``).
    freq : {"week", "month"}
        The period length.

    Returns
    -------
    pandas.DataFrame
        A copy with ``date`` (Timestamp, NaT when the article has no
        readable date), ``source`` and ``period`` (e.g. ``"2024-01"``, or a
        week ``"2024-01-22/2024-01-28"``; None without a date).
    """
    if freq not in FREQUENCIES:
        raise ValueError(f"freq must be one of {sorted(FREQUENCIES)}, not {freq!r}")
    meta = articles[["article_id", "published", "source"]].drop_duplicates("article_id")
    when = pd.to_datetime(meta["published"].astype(object).where(meta["published"].notna(), None).map(_day),
                          errors="coerce")
    period = when.dt.to_period(FREQUENCIES[freq]).astype(str).where(when.notna(), None)
    info = pd.DataFrame({"article_id": meta["article_id"].to_numpy(), "date": when.to_numpy(),
                         "source": meta["source"].to_numpy(), "period": period.to_numpy(dtype=object)})
    out = frame.drop(columns=[c for c in ("date", "source", "period") if c in frame], errors="ignore")
    return out.merge(info, on="article_id", how="left", sort=False)


def _day(value):
    """Return the YYYY-MM-DD at the start of a date string (its local date), else the value for pandas to parse."""
    if isinstance(value, str) and re.match(r"\d{4}-\d{2}-\d{2}", value):
        return value[:10]
    return value


def statement_counts(statements: pd.DataFrame, articles: pd.DataFrame, *, freq: str = "month") -> pd.DataFrame:
    """Count each government's statements per period.

    Parameters
    ----------
    statements : pandas.DataFrame
        Statements, every report of them (a joint statement's rows share
        ``joint``; with ``quote_id`` from
        :func:`parley.reprints.add_quote_ids`, a quote counts once in
        ``statements``, in the period of its first report).
    articles : pandas.DataFrame
    freq : {"week", "month"}

    Returns
    -------
    pandas.DataFrame
        One row per period and government: ``period``, ``party``,
        ``statements`` (unique: one per quote, or per statement without
        ``quote_id``), ``reports`` (rows: every article that carried one),
        ``articles`` and ``outlets``. Periods in time order; statements of
        undated articles are left out (see :func:`undated`).
    """
    frame = dated(statements, articles, freq=freq)
    frame = frame[frame["period"].notna()]
    columns = ["period", "party", "statements", "reports", "articles", "outlets"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    if "quote_id" in frame:  # a quote counts once, in the period of its first report (its canonical one)
        key = frame["statement_id"].where(frame["statement_id"] == frame["quote_id"], None)
    else:
        key = frame["joint"].where(frame["joint"].notna(), frame["statement_id"])
    frame = frame.assign(_key=key, party=frame["party"].astype(object).fillna(NO_PARTY),
                         source=frame["source"].astype(object).fillna("(no outlet)"))
    table = frame.groupby(["period", "party"], sort=False).agg(
        statements=("_key", "nunique"), reports=("statement_id", "size"), articles=("article_id", "nunique"),
        outlets=("source", "nunique")).reset_index()
    return _in_time(table)[columns]


def conditionality(statements: pd.DataFrame, conditions: pd.DataFrame, articles: pd.DataFrame, *,
                   freq: str = "month") -> pd.DataFrame:
    """Share of each government's statements that attach a condition, per period.

    Returns
    -------
    pandas.DataFrame
        :func:`parley.summaries.conditionality` for each period, with
        ``period`` first; undated statements are left out.
    """
    frame = dated(statements, articles, freq=freq)
    parts = [summaries.conditionality(group, conditions[conditions["statement_id"].isin(group["statement_id"])],
                                      include_unattributed=False).assign(period=period)
             for period, group in frame[frame["period"].notna()].groupby("period", sort=True)]
    return _periods(parts, summaries.conditionality(statements.iloc[:0], conditions.iloc[:0]))


def framing(terms: pd.DataFrame, articles: pd.DataFrame, *, freq: str = "month") -> pd.DataFrame:
    """Each government's framing families per period.

    Returns
    -------
    pandas.DataFrame
        :func:`parley.summaries.framing` for each period, with ``period``
        first; terms of undated articles are left out.
    """
    frame = dated(terms, articles, freq=freq)
    parts = [summaries.framing(group).assign(period=period)
             for period, group in frame[frame["period"].notna()].groupby("period", sort=True)]
    return _periods(parts, summaries.framing(terms.iloc[:0]))


def term_appearances(statements: pd.DataFrame, articles: pd.DataFrame, terms: list[str]) -> pd.DataFrame:
    """Find the first and last statement of each government that uses each term.

    Parameters
    ----------
    statements : pandas.DataFrame
        Statements with ``content``.
    articles : pandas.DataFrame
    terms : list of str
        Words or phrases, matched case-insensitively as whole words, with
        any spacing between the words of a phrase.

    Returns
    -------
    pandas.DataFrame
        One row per term and government that used it: ``term``, ``party``,
        ``statements`` (how many used it), ``dated`` (how many of those have a
        date), ``first`` and ``last`` (dates), ``first_statement_id``,
        ``first_content``, ``last_statement_id``, ``last_content``: each
        date traceable to its statement. A term no government used has one row
        with ``statements`` 0.
    """
    frame = dated(statements, articles).assign(party=lambda f: f["party"].astype(object).fillna(NO_PARTY))
    frame = frame.sort_values("date", kind="stable", na_position="last")
    rows = []
    for term in terms:
        pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, term.split())) + r"(?!\w)"
        used = frame[frame["content"].astype(str).str.contains(pattern, case=False, regex=True)]
        if used.empty:
            rows.append({"term": term, "party": None, "statements": 0, "dated": 0})
        for party, group in used.groupby("party", sort=False):
            known = group[group["date"].notna()]
            first, last = (known.iloc[0], known.iloc[-1]) if len(known) else (group.iloc[0], group.iloc[-1])
            rows.append({"term": term, "party": party, "statements": len(group), "dated": len(known),
                         "first": first["date"], "last": last["date"],
                         "first_statement_id": first["statement_id"], "first_content": first["content"],
                         "last_statement_id": last["statement_id"], "last_content": last["content"]})
    columns = ["term", "party", "statements", "dated", "first", "last", "first_statement_id", "first_content",
               "last_statement_id", "last_content"]
    return pd.DataFrame(rows, columns=columns)


def outlets(statements: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Count which outlets carry which government's statements.

    Parameters
    ----------
    statements : pandas.DataFrame
        Every report, with ``quote_id`` (see :func:`parley.reprints.add_quote_ids`).
    articles : pandas.DataFrame

    Returns
    -------
    pandas.DataFrame
        One row per outlet (``source``; "(no outlet)" when unknown) and
        government: ``reports`` (statement rows), ``quotes`` (distinct quotes),
        ``shared`` (those quotes that other outlets carried too) and
        ``articles``; most reports first.
    """
    frame = dated(statements, articles).assign(
        party=lambda f: f["party"].astype(object).fillna(NO_PARTY),
        source=lambda f: f["source"].astype(object).fillna("(no outlet)"))
    columns = ["source", "party", "reports", "quotes", "shared", "articles"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    spread = frame.groupby("quote_id")["source"].nunique()
    frame = frame.assign(_shared=frame["quote_id"].map(spread).gt(1))
    table = frame.groupby(["source", "party"], sort=False).agg(
        reports=("statement_id", "size"), quotes=("quote_id", "nunique"),
        shared=("quote_id", lambda ids: ids[frame.loc[ids.index, "_shared"]].nunique()),
        articles=("article_id", "nunique")).reset_index()
    return table.sort_values(["reports", "source"], ascending=[False, True], kind="stable").reset_index(
        drop=True)[columns]


def undated(articles: pd.DataFrame) -> pd.DataFrame:
    """List the articles without a readable date: they count in every total, in no period.

    Returns
    -------
    pandas.DataFrame
        ``article_id``, ``path``, ``title``, ``source`` and ``published``
        (what was found, when it could not be read as a date).
    """
    when = dated(articles[["article_id"]], articles)["date"]
    return articles.loc[when.isna().to_numpy(), ["article_id", "path", "title", "source", "published"]].reset_index(
        drop=True)


def _in_time(table: pd.DataFrame) -> pd.DataFrame:
    return table.sort_values("period", kind="stable").reset_index(drop=True)


def _periods(parts: list[pd.DataFrame], empty: pd.DataFrame) -> pd.DataFrame:
    """Join per-period summaries, ``period`` first; keep the summaries' ``attrs`` (read by differences())."""
    table = pd.concat(parts, ignore_index=True) if parts else empty.assign(period=pd.Series(dtype=object))
    table = table[["period", *[c for c in table.columns if c != "period"]]]
    table.attrs = {**empty.attrs, "within": empty.attrs.get("within") or "period"}
    return table
