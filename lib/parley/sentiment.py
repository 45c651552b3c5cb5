"""Score the tone of statements with two lexicons and aggregate it per party.

Scores are computed on the statement's content only, never on the reporting
frame ("X said"), so a cue word cannot colour the result. TextBlob's polarity
and subjectivity are exactly ``TextBlob(content).sentiment``; VADER's compound
score is a second lexicon to compare against, so a reader sees where lexicon
sentiment is fragile.
"""
from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd
from textblob.en import sentiment as _pattern_sentiment

from .intervals import bootstrap_mean
from .parties import NO_PARTY

__all__ = ["SENTIMENT_COLUMNS", "MEASURES", "add_sentiment", "party_sentiment"]

#: Columns that :func:`add_sentiment` adds.
SENTIMENT_COLUMNS = ["polarity", "subjectivity", "sentiment_words", "vader"]
#: The numeric measures :func:`party_sentiment` aggregates.
MEASURES = ("polarity", "subjectivity", "vader")


@cache
def _vader():
    """Build the VADER analyzer once (it reads its lexicon file on creation)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def _score(content) -> tuple:
    """Score one content: TextBlob polarity and subjectivity, the words behind them, VADER's compound."""
    if not isinstance(content, str):  # a missing content is unknown tone, not neutral tone
        return np.nan, np.nan, "", np.nan
    # TextBlob's own analyzer runs this same pattern scorer twice (once for the
    # scores, once for the assessments); one call gives both, identically.
    scored = _pattern_sentiment(content)
    polarity, subjectivity = scored
    words = "; ".join(f"{' '.join(w)} ({p:+.2f})" for w, p, _s, _label in scored.assessments)
    return polarity, subjectivity, words, _vader().polarity_scores(content)["compound"]


def add_sentiment(statements: pd.DataFrame, *, text: str = "content") -> pd.DataFrame:
    """Add TextBlob and VADER sentiment of each statement's content.

    Parameters
    ----------
    statements : pandas.DataFrame
        One row per statement (see :data:`parley.statements.STATEMENT_COLUMNS`).
    text : str
        The column to score (default ``content``: what was said, without the
        reporting frame).

    Returns
    -------
    pandas.DataFrame
        A copy with ``polarity`` and ``subjectivity`` (exactly
        ``TextBlob(content).sentiment``), ``sentiment_words`` (the words that
        drove TextBlob's score with their polarity, e.g.
        ``"clear (+0.10); contingent (-0.10)"``) and ``vader`` (VADER's
        compound score, -1 to +1). Rows without text get NaN scores.
    """
    out = statements.copy()
    scores = [_score(c) for c in out[text]] if len(out) else []
    values = pd.DataFrame(scores, columns=SENTIMENT_COLUMNS, index=out.index)
    for column in SENTIMENT_COLUMNS:
        out[column] = values[column].astype(object if column == "sentiment_words" else float)
    return out


def party_sentiment(statements: pd.DataFrame, *, by: str = "party", n_boot: int = 2000, ci: float = 0.95,
                    seed: int = 0, include_unattributed: bool = False) -> pd.DataFrame:
    """Average sentiment per party with percentile-bootstrap confidence intervals.

    Parameters
    ----------
    statements : pandas.DataFrame
        Statements; sentiment columns are added with :func:`add_sentiment`
        when missing.
    by : str
        The grouping column (default ``party``).
    n_boot : int
        Bootstrap resamples per party.
    ci : float
        Coverage of the interval (0.95 gives the 2.5th and 97.5th percentiles
        of the resampled means).
    seed : int
        Seed of the numpy Generator; each party is resampled from a generator
        seeded with it, so results do not depend on the order of parties.
    include_unattributed : bool
        Keep statements without a party, as the group
        :data:`parley.parties.NO_PARTY` (``"(no party)"``).

    Returns
    -------
    pandas.DataFrame
        One row per party, in order of first appearance: ``party``, ``n``, and
        for each of polarity, subjectivity and vader the mean and
        ``<measure>_ci_low`` / ``<measure>_ci_high``. The interval is NaN for a
        single statement (nothing to resample), and ``interval`` says so in
        words; with fewer than 5 statements it says the interval is rough.
    """
    frame = statements if set(MEASURES) <= set(statements.columns) else add_sentiment(statements)
    keys = frame[by].astype(object).where(frame[by].notna(), NO_PARTY)
    if not include_unattributed:
        frame, keys = frame[keys != NO_PARTY], keys[keys != NO_PARTY]
    rows = []
    for party, group in frame.groupby(keys, sort=False):
        row = {by: party, "n": len(group)}
        for measure in MEASURES:
            values = group[measure].dropna().to_numpy(float)
            row[measure] = values.mean() if len(values) else np.nan
            row[f"{measure}_ci_low"], row[f"{measure}_ci_high"] = bootstrap_mean(values, n_boot=n_boot, ci=ci,
                                                                                seed=seed)
        row["interval"] = _interval_note(len(group), ci)
        rows.append(row)
    columns = [by, "n"] + [f"{m}{s}" for m in MEASURES for s in ("", "_ci_low", "_ci_high")] + ["interval"]
    return pd.DataFrame(rows, columns=columns)


def _interval_note(n: int, ci: float) -> str:
    if n < 2:
        return "undefined: only 1 statement"
    label = f"{ci:.0%} bootstrap CI"
    return f"{label}; rough: only {n} statements" if n < 5 else label
