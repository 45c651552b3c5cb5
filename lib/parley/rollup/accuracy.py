"""Choose what an analyst reviews, and estimate from the review how accurate parley is on these articles.

:func:`review_sample` draws a random sample stratified by government (each
government's statements in a random order of their own, interleaved, so the
first reviews cover every government and the estimate per government is
unbiased); :func:`uncertain_first` lists the decisions most worth a look;
:func:`accuracy` turns the reviewed random sample into shares with Wilson
intervals, and the range they imply for each government's count of statements.

Statements are drawn from what parley found (``Analysis.uncorrected``), so a
correction never moves a statement within the sample. A statement's place in
the random order is a hash of the seed, its article and its span: the same
seed gives the same order on every run, and adding articles inserts their
statements without reordering the others.
"""
from __future__ import annotations

import hashlib
import re

import numpy as np
import pandas as pd

from ..core.intervals import wilson
from ..core.parties import NO_PARTY

__all__ = ["ACCURACY_COLUMNS", "COMMON_CUES", "accuracy", "review_sample", "reviewed", "uncertain_first"]

#: Cues so common that none of them makes a statement uncertain, however rare it is in a corpus.
COMMON_CUES = frozenset({"said", "says", "say", "told", "added", "according to", "stated", "announced", "noted"})
#: Reasons read from ``party_evidence`` and ``rule`` when the statements carry no ``uncertain`` column.
_DERIVED = (
    ("party_evidence", r"^unresolved", "no antecedent found"),
    ("party_evidence", r"\(also possible: ([^)]*)\)", r"close second: \1"),
    ("party_evidence", r"(?:^|\()anaphor '(?i:he|she|it|they|him|them|his|her|their)'", "resolved through a pronoun"),
    ("party_evidence", r"(?:^|\()ambiguous", "the description names two governments"),
    ("party_evidence", r"^generic", "a generic description from the parties file"),
    ("rule", r"^headline-", "a headline's attribution"),
    ("rule", r"-previous-quote$", "a quote in the sentence before a bare cue"),
)
#: The columns of :func:`accuracy`.
ACCURACY_COLUMNS = ["party", "statements", "reviewed", "not_statements", "government_right", "share", "low", "high",
                    "speaker_right", "speaker_share", "speaker_low", "speaker_high", "count", "count_reviewed",
                    "count_low", "count_high"]
_JUDGMENTS = ("right", "party", "speaker", "not_statement", "content")


def review_sample(statements: pd.DataFrame, *, seed: int = 0, size: int | None = None) -> pd.DataFrame:
    """Return statements in a random order stratified by government: the order to review them in.

    Parameters
    ----------
    statements : pandas.DataFrame
        The statements as parley found them (``Analysis.uncorrected``).
    seed : int
        The seed of the order: the same seed, the same order.
    size : int, optional
        Keep the first ``size`` statements (default: all, in order).

    Returns
    -------
    pandas.DataFrame
        One row per statement (a joint statement once, in the first of its
        governments' turns), with ``stratum`` (its government, or
        :data:`parley.parties.NO_PARTY`), ``draw`` (its place within the
        stratum, from 1) and ``order`` (from 1): strata take turns, each
        government's first statement, then each one's second, and so on.
    """
    if statements is None or statements.empty:
        return _with_columns(statements, ["stratum", "draw", "order"])
    frame = statements.assign(stratum=statements["party"].fillna(NO_PARTY).astype(object),
                              _key=[_hash(seed, a, s, e) for a, s, e in zip(
                                  statements["article_id"], statements["content_start"], statements["content_end"])])
    frame = frame.sort_values(["stratum", "_key"], kind="stable")
    frame["draw"] = frame.groupby("stratum", sort=False).cumcount() + 1
    strata = {name: n for n, name in enumerate(dict.fromkeys(statements["party"].fillna(NO_PARTY)))}
    frame = frame.assign(_stratum=frame["stratum"].map(strata)).sort_values(["draw", "_stratum"], kind="stable")
    frame = frame.drop_duplicates(["article_id", "content_start", "content_end"])
    frame = frame.drop(columns=["_key", "_stratum"]).reset_index(drop=True)
    frame["order"] = np.arange(1, len(frame) + 1)
    return frame if size is None else frame.head(size)


def uncertain_first(statements: pd.DataFrame, *, seed: int = 0) -> pd.DataFrame:
    """Return the statements whose attribution rests on an uncertain decision, the most doubtful first.

    Parameters
    ----------
    statements : pandas.DataFrame
        The statements as parley found them. Their ``uncertain`` column (why
        the government is uncertain), where present, is used; else the
        reasons are read from ``party_evidence`` and ``rule``: no antecedent,
        a close second antecedent, a pronoun, a description naming two
        governments, a generic description, a headline, a quote before a
        bare cue.
    seed : int
        Breaks ties between statements with as many reasons, as in
        :func:`review_sample`.

    Returns
    -------
    pandas.DataFrame
        One row per uncertain statement (a joint statement once), with
        ``why`` (its reasons, joined by "; ", a rare cue among them: a cue no
        other statement of these articles uses, outside
        :data:`COMMON_CUES`) and ``reasons`` (how many), sorted by
        ``reasons`` (most first).
    """
    if statements is None or statements.empty:
        return _with_columns(statements, ["why", "reasons"])
    cues = statements["cue"].fillna("").str.lower().str.strip() if "cue" in statements else pd.Series(
        "", index=statements.index)
    counts = cues[cues != ""].value_counts()
    why = []
    for n, row in enumerate(statements.itertuples(index=False)):
        reasons = _reasons(row)
        cue = cues.iloc[n]
        if cue and cue not in COMMON_CUES and counts.get(cue, 0) == 1 and any(ch.isalpha() for ch in cue):
            reasons.append(f"a rare cue: {cue!r}")
        why.append("; ".join(reasons))
    frame = statements.assign(why=why, reasons=[w.count("; ") + 1 if w else 0 for w in why],
                              _key=[_hash(seed, a, s, e) for a, s, e in zip(
                                  statements["article_id"], statements["content_start"], statements["content_end"])])
    frame = frame[frame["reasons"] > 0].drop_duplicates(["article_id", "content_start", "content_end"])
    return frame.sort_values(["reasons", "_key"], ascending=[False, True], kind="stable").drop(
        columns="_key").reset_index(drop=True)


def reviewed(corrections: pd.DataFrame, *, sample: str | None = "random") -> pd.DataFrame:
    """Return one row per reviewed statement: what parley found and whether its government and speaker were right.

    Parameters
    ----------
    corrections : pandas.DataFrame
        ``Analysis.corrections`` (with ``applied`` and ``found_party``).
    sample : str or None
        Keep the statements reviewed from this sample ("random": the
        stratified sample, the only one an estimate may rest on;
        "uncertain"; None: every reviewed statement).

    Returns
    -------
    pandas.DataFrame
        Columns ``article_id``, ``start``, ``end``, ``found_party`` (the
        government(s) parley gave, "; " between a joint statement's),
        ``found_speaker``, ``statement`` (it is one), ``government_right``,
        ``speaker_right`` and ``kinds`` (the judgments, "; " between them).
        A statement is reviewed when a judgment of it (right, party, speaker,
        not a statement, content) was applied; a "not a statement" counts as
        neither government nor speaker right (it should not be counted at all).
    """
    columns = ["article_id", "start", "end", "found_party", "found_speaker", "statement", "government_right",
               "speaker_right", "kinds"]
    if corrections is None or corrections.empty or "applied" not in corrections:
        return pd.DataFrame(columns=columns)
    rows = corrections[corrections["applied"] & corrections["kind"].isin(_JUDGMENTS)]
    out = []
    for (aid, start, end), group in rows.groupby(["article_id", "start", "end"], sort=True):
        kinds = set(group["kind"])
        if sample is not None and sample not in set(group["sample"]):
            continue
        statement = "not_statement" not in kinds
        out.append((aid, int(start), int(end), group["found_party"].iloc[0], group["found_speaker"].iloc[0],
                    statement, statement and "party" not in kinds, statement and "speaker" not in kinds,
                    "; ".join(k for k in _JUDGMENTS if k in kinds)))
    return pd.DataFrame(out, columns=columns)


def accuracy(corrections: pd.DataFrame, uncorrected: pd.DataFrame, statements: pd.DataFrame | None = None, *,
             ci: float = 0.95) -> pd.DataFrame:
    """Estimate per government how often parley's government and speaker are right, from the reviewed random sample.

    Parameters
    ----------
    corrections : pandas.DataFrame
        ``Analysis.corrections``.
    uncorrected : pandas.DataFrame
        The statements as parley found them (``Analysis.uncorrected``): each
        government's population.
    statements : pandas.DataFrame, optional
        The corrected statements (``Analysis.statements``), whose counts the
        briefing shows; default ``uncorrected``.
    ci : float
        Coverage of the Wilson intervals.

    Returns
    -------
    pandas.DataFrame
        One row per government parley gave statements to (a joint statement
        counts for each), then :data:`parley.parties.NO_PARTY` (was it right
        that they spoke for none?), then "all" (each reviewed statement
        once), columns :data:`ACCURACY_COLUMNS`: ``statements`` found,
        ``reviewed`` in the random sample, ``not_statements`` among them,
        ``government_right`` with its ``share`` and Wilson interval
        (``low``, ``high``), the same for the speaker, and the implied range
        of the government's count in the briefing: of its ``count``
        (corrected) statements, ``count_reviewed`` were reviewed (right by
        now); the others are right in the estimated share, so between
        ``count_low`` and ``count_high`` of the ``count`` are truly its
        statements. The range says nothing of statements parley missed
        altogether (a random sample of found statements cannot).
    """
    statements = uncorrected if statements is None else statements
    sample = reviewed(corrections)
    found = _per_party(uncorrected)
    counted = _per_party(statements)
    done = _per_party(statements[statements["corrected"].notna()]) if statements is not None and (
        "corrected" in statements) else {}
    parties = list(dict.fromkeys([*found, *counted]))
    parties = [p for p in parties if p != NO_PARTY] + ([NO_PARTY] if NO_PARTY in parties else [])
    rows = []
    for party in parties:
        mine = sample[np.array([party in _split(f) for f in sample["found_party"]], dtype=bool)]
        rows.append(_row(party, found.get(party, 0), mine, counted.get(party, 0), done.get(party, 0), ci))
    total = _keys(uncorrected).nunique() if uncorrected is not None and len(uncorrected) else 0
    rows.append(_row("all", total, sample, None, None, ci))
    table = pd.DataFrame(rows, columns=ACCURACY_COLUMNS)
    table.attrs["value"] = "share"
    return table


def _row(party, population: int, sample: pd.DataFrame, count, done, ci: float) -> tuple:
    n = len(sample)
    gov, who = int(sample["government_right"].sum()), int(sample["speaker_right"].sum())
    (low, high), (s_low, s_high) = (tuple(float(x) for x in wilson(k, n, ci=ci)) for k in (gov, who))
    share = gov / n if n else np.nan
    if count is None:
        c_low = c_high = np.nan
    else:
        rest = count - done
        c_low = done + int(np.floor(rest * low)) if n else np.nan
        c_high = done + int(np.ceil(rest * high)) if n else np.nan
    return (party, population, n, int((~sample["statement"].astype(bool)).sum()), gov, share, low, high, who,
            who / n if n else np.nan, s_low, s_high, count if count is not None else np.nan,
            done if done is not None else np.nan, c_low, c_high)


def _per_party(statements: pd.DataFrame | None) -> dict:
    """Count each government's statements (a joint statement for each of its governments)."""
    if statements is None or statements.empty:
        return {}
    key = _keys(statements)
    return {str(k): int(v) for k, v in key.groupby(statements["party"].fillna(NO_PARTY), sort=False).nunique().items()}


def _keys(statements: pd.DataFrame) -> pd.Series:
    joint = statements["joint"] if "joint" in statements else pd.Series(None, index=statements.index, dtype=object)
    return joint.where(joint.notna(), statements["statement_id"])


def _split(value) -> list[str]:
    return [p.strip() for p in str(value or "").split(";") if p.strip()]


def _reasons(row) -> list[str]:
    """Return why a statement's government is uncertain: its ``uncertain`` column, else read from evidence and rule."""
    given = getattr(row, "uncertain", None)
    if "uncertain" in row._fields:
        return [r.strip() for r in str(given).split(";") if r.strip()] if isinstance(given, str) else []
    reasons = []
    for field, pattern, reason in _DERIVED:
        value = getattr(row, field, None)
        m = re.search(pattern, value) if isinstance(value, str) else None
        if m:
            reasons.append(m.expand(reason) if m.groups() else reason)
    return reasons


def _hash(seed: int, article_id, start, end) -> str:
    return hashlib.sha256(f"{seed}:{article_id}:{int(start)}:{int(end)}".encode()).hexdigest()


def _with_columns(frame: pd.DataFrame | None, columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame() if frame is None else frame
    return frame.assign(**{c: pd.Series(dtype=object) for c in columns})
