"""Score the tone of statements with two lexicons and aggregate it per party.

Scores are computed on the statement's content only, never on the reporting
clause ("X said"), so a cue word cannot colour the result. TextBlob's polarity
and subjectivity are exactly ``TextBlob(content).sentiment``; VADER's compound
score is a second lexicon to compare against, so a reader sees where lexicon
sentiment is fragile.

For throughput the scores come from ports of the libraries' scoring loops
(:mod:`parley.measures.sentiment_ports`), bit for bit the libraries' scores.
The ports read private parts of the libraries, so they are used only with the
versions they were written for (:data:`PINNED`); with any other version
installed the libraries score the text themselves (slower, never wrong).
"""
from __future__ import annotations

from functools import cache
from importlib.metadata import PackageNotFoundError, version

import numpy as np
import pandas as pd
from textblob import TextBlob
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from ..core.intervals import bootstrap_mean
from ..core.parties import NO_PARTY

__all__ = ["SENTIMENT_COLUMNS", "MEASURES", "PINNED", "add_sentiment", "party_sentiment", "ports_apply"]

#: Columns that :func:`add_sentiment` adds.
SENTIMENT_COLUMNS = ["polarity", "subjectivity", "sentiment_words", "vader"]
#: The numeric measures :func:`party_sentiment` aggregates.
MEASURES = ("polarity", "subjectivity", "vader")
#: The library versions the ports copy (requirements.txt pins them).
PINNED = {"textblob": "0.20.1", "vaderSentiment": "3.3.2"}


def ports_apply(installed=version) -> bool:
    """Say whether the installed TextBlob and VADER are the versions the ports copy (:data:`PINNED`)."""
    try:
        return all(installed(name) == pinned for name, pinned in PINNED.items())
    except PackageNotFoundError:
        return False


#: Whether the scores come from the ports (checked once, at import).
PORTED = ports_apply()

if PORTED:  # the ports read the libraries' private parts: import them only for the versions they copy
    from .sentiment_ports import pattern_score as _ported_pattern_score, vader_compound as _ported_vader_compound


def pattern_score(content: str) -> tuple:
    """Return TextBlob's polarity, subjectivity and assessments of a string, as ``TextBlob(content)`` gives them."""
    if PORTED:
        return _ported_pattern_score(content)
    scored = TextBlob(content).sentiment_assessments
    return scored.polarity, scored.subjectivity, scored.assessments


def vader_compound(content: str) -> float:
    """Return VADER's compound score of a string, as ``polarity_scores(content)["compound"]`` gives it."""
    if PORTED:
        return _ported_vader_compound(content)
    return _vader().polarity_scores(content)["compound"]


@cache
def _vader() -> SentimentIntensityAnalyzer:
    """Build the VADER analyzer once (it reads its lexicon file on creation)."""
    return SentimentIntensityAnalyzer()


def _score(content) -> tuple:
    """Score one content: TextBlob polarity and subjectivity, the words behind them, VADER's compound."""
    if not isinstance(content, str):  # a missing content is unknown tone, not neutral tone
        return np.nan, np.nan, "", np.nan
    polarity, subjectivity, assessments = pattern_score(content)
    words = "; ".join(f"{' '.join(w)} ({p:+.2f})" for w, p, _s, _label in assessments)
    return polarity, subjectivity, words, vader_compound(content)


def add_sentiment(statements: pd.DataFrame, *, text: str = "content") -> pd.DataFrame:
    """Add TextBlob and VADER sentiment of each statement's content.

    Parameters
    ----------
    statements : pandas.DataFrame
        One row per statement (see :data:`parley.statements.STATEMENT_COLUMNS`).
    text : str
        The column to score (default ``content``: what was said, without the
        reporting clause).

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
