"""Summarise statements, conditions and phrasing per government: counts, shares and means with intervals.

Each function takes the frame first and returns a new tidy table, one row per
government (``party``) or per government and category, family or measure.
Every share comes with the counts behind it (``k`` of ``n``) and a 95% Wilson
score interval (:func:`parley.intervals.wilson`); every mean with the number of
statements it was taken over and a percentile-bootstrap interval
(:func:`parley.intervals.bootstrap_mean`). The charts in :mod:`parley.plots`
draw these tables and nothing else, so every number in a chart is in a table.

Small numbers are flagged, not hidden: ``small`` is True when fewer than
:data:`SMALL` statements stand behind a government's row, and ``note`` then
says so in words ("Ukraine: 1 statement — too few to compare").

:func:`differences` compares the governments pairwise and says whether a
difference is **within noise**, by one rule for every table: the two 95%
intervals overlap. The rule is cautious: two intervals can overlap a little
while a formal test would call the difference significant, so "within noise"
means "these data do not show a difference", never "the same". Statements
without a government (``"(no party)"``) and the journalist's narration are
summarised but never compared. Each table's ``attrs`` name its compared
column (``value``: ``"share"`` or ``"mean"``) and its grouping column
(``within``), which :func:`differences` and
:func:`parley.render.summary_table` read.
"""
from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd

from ..core.intervals import bootstrap_mean, wilson
from ..core.parties import NO_PARTY
from ..measures.sentiment import MEASURES, party_sentiment
from ..measures.tone import TONE_COLUMNS, TONES, add_tone

__all__ = ["SMALL", "FEW", "NARRATION", "PHRASING_MEASURES", "conditionality", "condition_categories",
           "count_conditions", "framing", "phrasing", "sentiment", "tone", "tone_extremes", "differences", "flag_small"]

#: Fewer statements than this behind a government's number: too few to compare.
SMALL = 5
#: A framing family used in this many statements or fewer rests on them alone, and says so ("from 2 statements").
FEW = 2
#: The label of conditions in the journalist's own text (no statement).
NARRATION = "narration"
#: The measures :func:`phrasing` averages, with the rows each is averaged over.
PHRASING_MEASURES = {"hedges": "statements", "boosters": "statements",
                     "modal_strength": "statements with a modal verb", "commitment": "statements"}

_NOT_COMPARED = (NO_PARTY, NARRATION)


# --------------------------------------------------------------------------- conditions

def conditionality(statements: pd.DataFrame, conditions: pd.DataFrame, *, ci: float = 0.95,
                   include_unattributed: bool = True) -> pd.DataFrame:
    """Count per government the statements that attach at least one condition.

    Parameters
    ----------
    statements : pandas.DataFrame
        Columns ``statement_id`` and ``party``, optionally ``joint``. A joint
        statement has one row per government (same ``joint`` id), so it
        counts once for each government that made it.
    conditions : pandas.DataFrame
        Column ``statement_id``; conditions of a joint statement have one row
        per government's statement row and count for each. Narration
        (``statement_id`` None) and conditions of statements not in
        ``statements`` are not counted.
    ci : float
        Coverage of the Wilson interval.
    include_unattributed : bool
        Keep statements without a government as ``"(no party)"`` (default
        True: nothing is dropped silently; it is never compared).

    Returns
    -------
    pandas.DataFrame
        One row per party, in order of first appearance: ``party``, ``n``
        (statements), ``conditional`` (statements with a condition),
        ``share`` (conditional / n), ``low`` / ``high`` (Wilson interval of
        the share), ``conditions`` (conditions in the party's statements),
        ``per_statement`` (conditions / n), ``small`` (n < :data:`SMALL`)
        and ``note``.
    """
    columns = ["party", "n", "conditional", "share", "low", "high", "conditions", "per_statement", "small", "note"]
    frame = _statement_rows(statements, include_unattributed)
    if frame is None:
        return _table(columns, value="share")
    counts = _attributed(conditions)["statement_id"].value_counts()
    frame["conditions"] = frame["statement_id"].map(counts).fillna(0).astype("int64")
    # A government's rows of one joint statement are one statement for it: count the id once.
    frame = frame.sort_values("conditions", ascending=False, kind="stable").drop_duplicates(["party", "key"])
    frame = frame.sort_values("order", kind="stable")
    table = (frame.groupby("party", sort=False).agg(n=("key", "size"), conditional=("conditions", _positive),
                                                   conditions=("conditions", "sum"))
             .reindex(_first_seen(frame["party"])).rename_axis("party").reset_index())
    table = _with_share(table, "conditional", "n", ci)
    table["per_statement"] = table["conditions"] / table["n"]
    table = flag_small(table, table["n"], "statement")
    return _table(columns, table[columns], value="share")


def condition_categories(conditions: pd.DataFrame, *, ci: float = 0.95, narration: bool = True) -> pd.DataFrame:
    """Count each government's conditions per category, with the share of its conditions.

    Parameters
    ----------
    conditions : pandas.DataFrame
        Columns ``party``, ``statement_id`` and ``category``. Conditions of a
        joint statement have one row per government and count for each.
        Conditions without a statement are labelled :data:`NARRATION`, those
        of statements without a party ``"(no party)"``.
    ci : float
        Coverage of the Wilson interval.
    narration : bool
        Keep the narration's conditions (default True).

    Returns
    -------
    pandas.DataFrame
        One row per party and category (every category for every party, 0
        where the party has none), categories by their total count:
        ``party``, ``category`` (missing as ``"(uncategorised)"``),
        ``conditions`` (in that category), ``n`` (all the party's
        conditions), ``share``, ``low`` / ``high`` (Wilson interval; the
        conditions of one statement are not independent, so read it as a
        lower bound on the uncertainty), ``statements`` (the party's
        statements with a condition), ``small`` (statements < :data:`SMALL`;
        for narration, conditions < :data:`SMALL`) and ``note``.
    """
    columns = ["party", "category", "conditions", "n", "share", "low", "high", "statements", "small", "note"]
    if conditions is None or not len(conditions):
        return _table(columns, value="share", within="category")
    who = _labels(conditions["party"]).where(conditions["statement_id"].notna(), NARRATION)
    frame = pd.DataFrame({"party": who, "statement_id": conditions["statement_id"],
                          "category": conditions["category"].astype(object).where(conditions["category"].notna(),
                                                                                  "(uncategorised)")})
    if not narration:
        frame = frame[frame["party"] != NARRATION]
    if frame.empty:
        return _table(columns, value="share", within="category")
    parties = _first_seen(frame["party"])
    categories = frame["category"].value_counts().sort_index().sort_values(ascending=False, kind="stable").index
    counts = pd.crosstab(frame["party"], frame["category"]).reindex(index=parties, columns=categories, fill_value=0)
    table = counts.stack().rename("conditions").reset_index()
    table["n"] = table["party"].map(counts.sum(axis=1))
    table = _with_share(table, "conditions", "n", ci)
    spoken = frame["statement_id"].groupby(frame["party"]).nunique()
    table["statements"] = table["party"].map(spoken).fillna(0).astype("int64")
    # Narration has no statements: its conditions are what there is to count.
    basis = table["statements"].where(table["party"] != NARRATION, table["n"])
    table = flag_small(table, basis, "statement with a condition", plural="statements with a condition")
    return _table(columns, table[columns], value="share", within="category")


def count_conditions(conditions: pd.DataFrame, statements: pd.DataFrame | None = None) -> tuple[int, int]:
    """Count distinct conditions, a joint statement's once, and how many are in the narration.

    A joint statement has one row per government, and so do its conditions;
    per-government counts (:func:`conditionality`) keep every row, a total
    keeps one: rows with the same ``joint`` id (from ``statements``; else the
    same article) and the same offsets are one condition.

    Parameters
    ----------
    conditions : pandas.DataFrame
        Columns ``statement_id`` and, to find the copies of a joint
        statement's conditions, ``article_id`` and the offsets
        ``marker_start``, ``start``, ``end`` (without offsets every row counts).
    statements : pandas.DataFrame, optional
        Columns ``statement_id`` and ``joint``.

    Returns
    -------
    tuple of int
        ``(conditions, in narration)``.
    """
    if conditions is None or not len(conditions):
        return 0, 0
    narration = int(conditions["statement_id"].isna().sum())
    attributed = _attributed(conditions)
    offsets = [c for c in ("marker_start", "start", "end") if c in attributed]
    if not offsets:
        return len(attributed) + narration, narration
    if statements is not None and len(statements):
        keys = pd.Series(_keys(statements).to_numpy(), index=statements["statement_id"].to_numpy())
        where = attributed["statement_id"].map(keys).fillna(attributed["statement_id"])
    else:
        where = attributed["article_id"] if "article_id" in attributed else pd.Series(0, index=attributed.index)
    distinct = attributed[offsets].assign(_where=where.to_numpy()).drop_duplicates()
    return len(distinct) + narration, narration


# --------------------------------------------------------------------------- phrasing

def framing(terms: pd.DataFrame, *, ci: float = 0.95) -> pd.DataFrame:
    """Count each government's statements that use each framing family, with the words that gave it.

    A statement counts once for a family however many of its terms are in
    it, so a family that one long quote repeats does not outweigh one that
    several statements use. Denials ("this is not a withdrawal") are counted
    apart and never as use.

    Parameters
    ----------
    terms : pandas.DataFrame
        Output of :func:`parley.phrasing_terms`: ``statement_id``, ``party``,
        ``kind``, ``family``, ``term``, optionally ``denied`` (missing counts
        as not denied). Only rows with ``kind == "framing"`` and a party are
        used.
    ci : float
        Coverage of the Wilson interval.

    Returns
    -------
    pandas.DataFrame
        One row per party and family (every family for every party):
        ``party``, ``family``, ``statements`` (the party's statements that use
        the family), ``terms`` (its terms in them), ``words`` (the terms that
        gave it, most used first: "withdraw ×2, gradual reduction"),
        ``denied`` (the party's statements with a denied term of the family:
        never counted as use), ``n`` (the party's
        statements with a framing term, used or denied), ``share``
        (statements / n), ``low`` / ``high`` (Wilson interval),
        ``denied_share``, ``denied_low``, ``denied_high``,
        ``party_statements`` (= n), ``small`` (n < :data:`SMALL`), ``note``
        (the party's, when it has too few statements) and ``caution``
        ("from 1 statement", "from 2 statements": a family that rests on one
        or two statements; "" otherwise).
    """
    columns = ["party", "family", "statements", "terms", "words", "denied", "n", "share", "low", "high",
               "denied_share", "denied_low", "denied_high", "party_statements", "small", "note", "caution"]
    frame = _framing_terms(terms)
    if frame is None:
        return _table(columns, value="share", within="family")
    table = _framing_counts(frame)
    table["n"] = table["party"].map(frame.groupby("party")["statement_id"].nunique())
    table = _with_share(table, "statements", "n", ci)
    table["denied_share"] = table["denied"] / table["n"]
    table["denied_low"], table["denied_high"] = wilson(table["denied"], table["n"], ci=ci)
    table["party_statements"] = table["n"]
    table = flag_small(table, table["party_statements"], "statement with framing terms",
                       plural="statements with framing terms")
    table["caution"] = _caution(table["statements"])
    return _table(columns, table[columns], value="share", within="family")


def _framing_terms(terms: pd.DataFrame | None) -> pd.DataFrame | None:
    """Return the framing terms of statements with a party, with ``_denied`` (bool); None when there are none."""
    if terms is None or not len(terms):
        return None
    frame = terms[(terms["kind"] == "framing") & terms["party"].notna()]
    if frame.empty:
        return None
    denied = (frame["denied"].fillna(False).astype(bool) if "denied" in frame
              else pd.Series(False, index=frame.index))
    return frame.assign(party=frame["party"].astype(str), _denied=denied.to_numpy())


def _framing_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Count per party and family (every family for every party) the statements that use it, deny it, and its words.

    Parameters
    ----------
    frame : pandas.DataFrame
        As :func:`_framing_terms` returns it.

    Returns
    -------
    pandas.DataFrame
        ``party``, ``family``, ``statements``, ``terms``, ``denied`` and
        ``words``, parties and families in order of first appearance.
    """
    parties, families = _first_seen(frame["party"]), _first_seen(frame["family"])
    grid = pd.MultiIndex.from_product([parties, families], names=["party", "family"])
    used, negated = frame[~frame["_denied"]], frame[frame["_denied"]]
    table = pd.DataFrame(index=grid)
    by = ["party", "family"]
    table["statements"] = used.groupby(by)["statement_id"].nunique()
    table["terms"] = used.groupby(by).size()
    table["denied"] = negated.groupby(by)["statement_id"].nunique()
    table = table.fillna(0).astype("int64")
    table["words"] = used.groupby(by)["term"].agg(_words) if len(used) else ""
    table = table.reset_index()
    table["words"] = table["words"].fillna("")
    return table


def _caution(statements: pd.Series) -> np.ndarray:
    """Say which families rest on :data:`FEW` statements or fewer ("from 1 statement"; "" for none or more)."""
    few = statements.between(1, FEW)
    return np.where(few, "from " + statements.astype(str) + " statement" + np.where(statements == 1, "", "s"), "")


def _words(terms: pd.Series) -> str:
    """Return the terms behind a family, most used first, with their counts ("withdraw ×2, drawdown")."""
    counts: dict = {}
    for term in terms:  # in order of first use, so ties keep it
        counts[term] = counts.get(term, 0) + 1
    order = sorted(counts, key=lambda t: -counts[t])
    return ", ".join(t if counts[t] == 1 else f"{t} ×{counts[t]}" for t in order)


def phrasing(statements: pd.DataFrame, *, n_boot: int = 2000, ci: float = 0.95, seed: int = 0,
             include_unattributed: bool = True) -> pd.DataFrame:
    """Average each government's hedges, boosters, modal strength and commitment, with bootstrap intervals.

    Parameters
    ----------
    statements : pandas.DataFrame
        Output of :func:`parley.add_phrasing`: ``party`` and the measures of
        :data:`PHRASING_MEASURES` that are present (``modal_strength`` is NaN
        for a statement without a modal verb, which is left out of that mean).
    n_boot, ci, seed
        The bootstrap: resamples, coverage and the seed (each mean is
        resampled from a generator with this seed: same data, same interval).
    include_unattributed : bool
        Keep statements without a government as ``"(no party)"``.

    Returns
    -------
    pandas.DataFrame
        One row per party and measure: ``party``, ``measure``, ``statements``
        (the party's statements), ``n`` (the statements the mean is over:
        for modal strength, those with a modal verb), ``mean``, ``low`` /
        ``high`` (percentile-bootstrap interval; NaN for n < 2), ``small``
        (n < :data:`SMALL`) and ``note``.
    """
    columns = ["party", "measure", "statements", "n", "mean", "low", "high", "small", "note"]
    measures = [m for m in PHRASING_MEASURES if statements is not None and m in statements]
    frame = _statement_rows(statements, include_unattributed, keep=measures)
    if frame is None or not measures:
        return _table(columns, value="mean", within="measure")
    rows = []
    groups = dict(list(frame.groupby("party", sort=False)))
    for party in _first_seen(frame["party"]):
        group = groups[party]
        for measure in measures:
            values = pd.to_numeric(group[measure], errors="coerce").dropna().to_numpy(float)
            low, high = bootstrap_mean(values, n_boot=n_boot, ci=ci, seed=seed)
            rows.append({"party": party, "measure": measure, "statements": len(group), "n": len(values),
                         "mean": values.mean() if len(values) else np.nan, "low": low, "high": high})
    table = pd.DataFrame(rows)
    unit = table["measure"].map(PHRASING_MEASURES)
    table = flag_small(table, table["n"], unit.str.replace("statements", "statement", n=1), plural=unit)
    return _table(columns, table[columns], value="mean", within="measure")


def sentiment(statements: pd.DataFrame, *, n_boot: int = 2000, ci: float = 0.95, seed: int = 0,
              include_unattributed: bool = True) -> pd.DataFrame:
    """Average each government's sentiment scores, with bootstrap intervals, as a tidy table.

    The numbers are those of :func:`parley.party_sentiment`, one row per
    party and measure instead of one wide row per party.

    Parameters
    ----------
    statements : pandas.DataFrame
        Statements; sentiment columns are added with :func:`parley.add_sentiment`
        when missing.
    n_boot, ci, seed, include_unattributed
        As for :func:`parley.party_sentiment`.

    Returns
    -------
    pandas.DataFrame
        ``party``, ``measure`` (polarity, subjectivity, vader), ``n``,
        ``mean``, ``low`` / ``high`` (NaN for n < 2), ``small``
        (n < :data:`SMALL`) and ``note``.
    """
    columns = ["party", "measure", "n", "mean", "low", "high", "small", "note"]
    if statements is None or not len(statements):
        return _table(columns, value="mean", within="measure")
    wide = party_sentiment(statements, n_boot=n_boot, ci=ci, seed=seed, include_unattributed=include_unattributed)
    rows = [{"party": row["party"], "measure": m, "n": row["n"], "mean": row[m], "low": row[f"{m}_ci_low"],
             "high": row[f"{m}_ci_high"]} for _, row in wide.iterrows() for m in MEASURES]
    table = pd.DataFrame(rows, columns=columns[:6])
    table = flag_small(table, table["n"], "statement")
    return _table(columns, table[columns], value="mean", within="measure")


def tone(statements: pd.DataFrame, *, n_boot: int = 2000, ci: float = 0.95, seed: int = 0,
         include_unattributed: bool = True) -> pd.DataFrame:
    """Average each government's cooperation–conflict tone and count its statements of each tone.

    Parameters
    ----------
    statements : pandas.DataFrame
        Statements with ``party``; the tone columns are added with
        :func:`parley.add_tone` when missing. A joint statement has one row per
        government and counts for each.
    n_boot, ci, seed
        The bootstrap of the mean (resamples, coverage, seed) and the coverage
        of the Wilson intervals.
    include_unattributed : bool
        Keep statements without a government as ``"(no party)"``.

    Returns
    -------
    pandas.DataFrame
        One row per party: ``party``, ``n``, ``mean`` (of ``tone_score``, −10
        conflict to +10 cooperation), ``low`` / ``high`` (percentile-bootstrap
        interval; NaN for n < 2), then for each tone (confrontational, neutral,
        cooperative) its count, ``<tone>_share`` and the Wilson interval
        ``<tone>_low`` / ``<tone>_high``, ``small`` (n < :data:`SMALL`) and
        ``note``.
    """
    shares = [f"{t}{suffix}" for t in TONES for suffix in ("", "_share", "_low", "_high")]
    columns = ["party", "n", "mean", "low", "high", *shares, "small", "note"]
    if statements is None or not len(statements):
        return _table(columns, value="mean")
    frame = statements if set(TONE_COLUMNS) <= set(statements.columns) else add_tone(statements)
    rows = _statement_rows(frame, include_unattributed, keep=("tone_score", "tone"))
    if rows is None:
        return _table(columns, value="mean")
    out = []
    for party, group in rows.groupby("party", sort=False):
        values = pd.to_numeric(group["tone_score"], errors="coerce").dropna().to_numpy(float)
        low, high = bootstrap_mean(values, n_boot=n_boot, ci=ci, seed=seed)
        row = {"party": party, "n": len(group), "mean": values.mean() if len(values) else np.nan, "low": low,
               "high": high}
        for name in TONES:
            k = int((group["tone"] == name).sum())
            share_low, share_high = wilson(k, len(group), ci=ci)
            row.update({name: k, f"{name}_share": k / len(group), f"{name}_low": float(share_low),
                        f"{name}_high": float(share_high)})
        out.append(row)
    table = pd.DataFrame(out).set_index("party").reindex(_first_seen(rows["party"])).reset_index()
    table = flag_small(table, table["n"], "statement")
    return _table(columns, table[columns], value="mean")


def tone_extremes(statements: pd.DataFrame, *, k: int = 3, include_unattributed: bool = False) -> pd.DataFrame:
    """Return the statements that weigh most on each side of each government's tone.

    Parameters
    ----------
    statements : pandas.DataFrame
        Statements with ``party`` and ``content``; the tone columns are added
        with :func:`parley.add_tone` when missing.
    k : int
        Statements per government and side.
    include_unattributed : bool
        Keep statements without a government as ``"(no party)"``.

    Returns
    -------
    pandas.DataFrame
        ``party``, ``side`` (``confrontational``: the most negative scores;
        ``cooperative``: the most positive), ``rank`` (1 weighs most),
        ``tone_score``, ``tone_acts`` (the acts behind the score),
        ``content`` and ``statement_id``; a side without a statement scoring
        on it has no rows.
    """
    columns = ["party", "side", "rank", "tone_score", "tone_acts", "content", "statement_id"]
    if statements is None or not len(statements):
        return pd.DataFrame(columns=columns)
    frame = statements if set(TONE_COLUMNS) <= set(statements.columns) else add_tone(statements)
    frame = frame.assign(party=_labels(frame["party"]))
    if not include_unattributed:
        frame = frame[frame["party"] != NO_PARTY]
    out = []
    for party in _first_seen(frame["party"]):
        group = frame[frame["party"] == party]
        for side, picked in (("confrontational", group[group["tone_score"] < 0].nsmallest(k, "tone_score")),
                             ("cooperative", group[group["tone_score"] > 0].nlargest(k, "tone_score"))):
            for rank, (_, row) in enumerate(picked.iterrows(), start=1):
                out.append({"party": party, "side": side, "rank": rank, "tone_score": row["tone_score"],
                            "tone_acts": row["tone_acts"], "content": row["content"],
                            "statement_id": row.get("statement_id")})
    return pd.DataFrame(out, columns=columns)


# --------------------------------------------------------------------------- comparing

def differences(table: pd.DataFrame, *, value: str | None = None, low: str = "low", high: str = "high",
                within: str | None = None, percent: bool | None = None) -> pd.DataFrame:
    """Compare every pair of governments in a summary table and say whether the difference is within noise.

    A difference is **within noise** when the two 95% intervals (``low`` to
    ``high``) overlap, or when an interval is undefined (one statement). It is
    a cautious rule: overlapping intervals can hide a difference a formal test
    would find, so "within noise" means "not shown by these data", never "the
    same".

    Parameters
    ----------
    table : pandas.DataFrame
        A table from this module, or any table with ``party``, ``n``, the
        value and its interval (e.g. :func:`parley.party_sentiment` with
        ``value="polarity", low="polarity_ci_low", high="polarity_ci_high"``);
        without ``small`` it is flagged with :func:`flag_small`.
    value : str, optional
        The compared column (default: the table's own, ``share`` or ``mean``).
    low, high : str
        The interval's columns.
    within : str, optional
        Compare within each value of this column (default: the table's own,
        e.g. ``category``, ``family``, ``measure``; None for one row per party).
    percent : bool, optional
        Write values as percentages in the note (default: for shares).

    Returns
    -------
    pandas.DataFrame
        One row per pair of governments (and group): [``within``,]
        ``party_a``, ``party_b``, ``value_a``, ``value_b``, ``difference``
        (a - b), ``n_a``, ``n_b``, ``within_noise``, ``small`` (either side
        rests on fewer than :data:`SMALL` statements) and ``note``: a plain
        sentence, e.g. "Iraq 33% vs United States 67%: within noise (the 95%
        intervals overlap)" or "Ukraine: 1 statement — too few to compare".
        "(no party)" and narration are never compared.
    """
    value = value or table.attrs.get("value", "share")
    within = within if within is not None else table.attrs.get("within")
    percent = table.attrs.get("value") == "share" if percent is None else percent
    columns = ([within] if within else []) + ["party_a", "party_b", "value_a", "value_b", "difference", "n_a", "n_b",
                                              "within_noise", "small", "note"]
    if not len(table):
        return pd.DataFrame(columns=columns)
    frame = table if "small" in table else flag_small(table)
    frame = frame[~frame["party"].isin(_NOT_COMPARED)]
    rows = []
    for group, part in (frame.groupby(within, sort=False) if within else [(None, frame)]):
        for (_, a), (_, b) in combinations(part.iterrows(), 2):
            row = _pair(a, b, value=value, low=low, high=high, percent=percent)
            rows.append(([group] if within else []) + row)
    return pd.DataFrame(rows, columns=columns)


def _pair(a: pd.Series, b: pd.Series, *, value: str, low: str, high: str, percent: bool) -> list:
    """Compare two governments' rows of a summary table: the values, counts, whether within noise, and a note.

    Returns
    -------
    list
        ``party_a``, ``party_b``, ``value_a``, ``value_b``, ``difference``,
        ``n_a``, ``n_b``, ``within_noise``, ``small`` and ``note``, as
        :func:`differences` lists them.
    """
    overlap = not (a[low] > b[high] or b[low] > a[high])  # NaN compares False: undefined counts as overlap
    small = bool(a["small"] or b["small"])
    if small:
        note = "; ".join(dict.fromkeys(r["note"] for r in (a, b) if r["small"]))
    else:
        shown = f"{a['party']} {_format(a[value], percent)} vs {b['party']} {_format(b[value], percent)}"
        note = (f"{shown}: within noise (the 95% intervals overlap)" if overlap
                else f"{shown}: a difference beyond noise (the 95% intervals do not overlap)")
    return [a["party"], b["party"], a[value], b[value], a[value] - b[value], a["n"], b["n"], overlap, small, note]


def flag_small(table: pd.DataFrame, basis: pd.Series | None = None, unit="statement", *,
               plural=None) -> pd.DataFrame:
    """Flag the rows that rest on fewer than :data:`SMALL` statements and say so in words.

    Parameters
    ----------
    table : pandas.DataFrame
        Column ``party`` and, unless ``basis`` is given, ``n``.
    basis : pandas.Series, optional
        The number of statements behind each row (default ``table["n"]``).
    unit : str or pandas.Series
        What is counted, singular ("statement", "statement with a modal verb").
    plural : str or pandas.Series, optional
        Its plural (default: ``unit + "s"``).

    Returns
    -------
    pandas.DataFrame
        A copy with ``small`` (basis < :data:`SMALL`) and ``note``, e.g.
        "Ukraine: 1 statement — too few to compare", for a small row of a
        government ("" otherwise, and for "(no party)" and narration, which
        are never compared).
    """
    table = table.copy()
    basis = (table["n"] if basis is None else basis).fillna(0).astype("int64")
    unit = pd.Series(unit, index=table.index)
    plural = unit + "s" if plural is None else pd.Series(plural, index=table.index)
    table["small"] = basis < SMALL
    words = unit.where(basis == 1, plural)
    note = table["party"].astype(str) + ": " + basis.astype(str) + " " + words + " — too few to compare"
    table["note"] = note.where(table["small"] & ~table["party"].isin(_NOT_COMPARED), "")
    return table


# --------------------------------------------------------------------------- helpers

def _labels(series: pd.Series) -> pd.Series:
    """Return party names with a missing party as ``"(no party)"``."""
    return series.astype(object).where(series.notna(), NO_PARTY)


def _keys(statements: pd.DataFrame) -> pd.Series:
    """Return each row's statement key: its ``joint`` id, else its ``statement_id``."""
    if "joint" not in statements:
        return statements["statement_id"]
    return statements["joint"].astype(object).where(statements["joint"].notna(), statements["statement_id"])


def _statement_rows(statements: pd.DataFrame | None, include_unattributed: bool, keep=()) -> pd.DataFrame | None:
    """Return ``party``, ``statement_id``, ``key``, ``order`` and ``keep`` columns, or None when empty."""
    if statements is None or not len(statements):
        return None
    ids = statements["statement_id"] if "statement_id" in statements else pd.Series(statements.index)
    frame = pd.DataFrame({"party": _labels(statements["party"]).astype(str).to_numpy(), "statement_id": ids.to_numpy(),
                          "key": (_keys(statements) if "statement_id" in statements else ids).to_numpy(),
                          "order": np.arange(len(statements))})
    for column in keep:
        frame[column] = statements[column].to_numpy()
    if not include_unattributed:
        frame = frame[frame["party"] != NO_PARTY]
    return frame if len(frame) else None


def _attributed(conditions: pd.DataFrame | None) -> pd.DataFrame:
    """Return the conditions that belong to a statement."""
    if conditions is None or not len(conditions):
        return pd.DataFrame(columns=["statement_id"])
    return conditions[conditions["statement_id"].notna()]


def _positive(counts: pd.Series) -> int:
    return int((counts > 0).sum())


def _first_seen(series: pd.Series) -> list:
    """Return the distinct values in order of first appearance, narration and "(no party)" last."""
    seen = list(dict.fromkeys(series))
    return [v for v in seen if v not in _NOT_COMPARED] + [v for v in _NOT_COMPARED if v in seen]


def _with_share(table: pd.DataFrame, k: str, n: str, ci: float) -> pd.DataFrame:
    """Add ``share`` = k / n and its Wilson interval ``low`` / ``high``."""
    table = table.copy()
    table["share"] = table[k] / table[n].where(table[n] > 0)
    table["low"], table["high"] = wilson(table[k].to_numpy(), table[n].to_numpy(), ci=ci)
    return table


def _table(columns: list[str], frame: pd.DataFrame | None = None, **attrs) -> pd.DataFrame:
    """Return the table (an empty one with its columns when None), with what :func:`differences` reads in attrs."""
    out = pd.DataFrame(columns=columns) if frame is None else frame.reset_index(drop=True)
    out.attrs.update({"within": None, **attrs})
    return out


def _format(value, percent: bool) -> str:
    if pd.isna(value):
        return "n/a"
    return f"{value:.0%}" if percent else f"{value:.2f}"
