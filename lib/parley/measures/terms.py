"""Distinctive terms between parties and keyword-in-context lines."""
from __future__ import annotations

import math
import re
from collections import Counter
from typing import NamedTuple

import pandas as pd

from ..core.lexicons import read_lexicon

__all__ = ["compare_terms", "kwic", "normalize", "tokenize"]

#: A token: letters or digits with inner hyphens or apostrophes, straight or curly (Iraq’s, Iran-backed).
_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*")
_PARTS = re.compile(f"({_TOKEN.pattern})")  # a token kept as a piece of the split
_COMPARE_COLUMNS = ["term", "n", "group_a", "group_b", "count_a", "count_b", "prior",
                    "log_odds", "variance", "z", "favours"]
_KWIC_COLUMNS = ["pre", "keyword", "post", "start", "end", "context"]


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Split text into lowercased word tokens with their offsets.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of tuple
        ``(token, start, end)``; curly apostrophes become straight ones, so
        "Iraq’s" and "Iraq's" are the same token.
    """
    folded = text.lower()
    if len(folded) != len(text) or "Σ" in text:  # "İ" lowers to two characters, "Σ" by its context: token by token
        return [(m.group().lower().replace("’", "'"), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    folded = folded.replace("’", "'")  # lowered once, each token is then a slice at its own offsets
    return [(folded[s:e], s, e) for s, e in map(re.Match.span, _TOKEN.finditer(text))]


def split_tokens(text: str) -> tuple[list[str], list[str]]:
    """Split text around its tokens, in one regex call: faster than :func:`tokenize` when offsets can wait.

    Parameters
    ----------
    text : str

    Returns
    -------
    (list of str, list of str)
        The pieces of the text, alternating between the text before a token
        and a token (``[before, token, between, token, ..., after]``; their
        lengths add up to the text's offsets, their case may be folded), and
        the tokens folded as :func:`tokenize` folds them.
    """
    folded = text.lower()
    if len(folded) != len(text) or "Σ" in text:  # as in tokenize: fold token by token
        parts = _PARTS.split(text)
        return parts, [t.lower().replace("’", "'") for t in parts[1::2]]
    # lowering keeps each character's length and whether it is a word character: the same tokens
    parts = _PARTS.split(folded.replace("’", "'"))
    return parts, parts[1::2]


def normalize(text: str) -> str:
    """Return text as lexicon entries are compared: lowercased, straight apostrophes, single spaces.

    Parameters
    ----------
    text : str

    Returns
    -------
    str
        ``"Iraq’s  Foreign\nMinistry"`` becomes ``"iraq's foreign ministry"``;
        the same folding as :func:`tokenize`, so a lexicon term normalised here
        equals the tokens of its words joined by spaces.
    """
    return " ".join(text.lower().replace("’", "'").split())


def compare_terms(statements: pd.DataFrame, *, by: str = "party", text: str = "content",
                  groups: tuple | None = None, min_count: int = 1, ngram: tuple[int, int] = (1, 2),
                  prior: float | None = None, stopwords: bool = True) -> pd.DataFrame:
    """Find the words and phrases that distinguish two groups' statements.

    Uses the log-odds ratio with an informative Dirichlet prior (Monroe,
    Colaresi & Quinn 2008, "Fightin' Words", eq. 22)::

        delta_i = log((y_ia + a_i) / (n_a + a_0 - y_ia - a_i))
                - log((y_ib + a_i) / (n_b + a_0 - y_ib - a_i))
        var_i   = 1 / (y_ia + a_i) + 1 / (y_ib + a_i)
        z_i     = delta_i / sqrt(var_i)

    where ``y_ia`` is the count of term i in group a, ``n_a`` the count of all
    terms in group a, and the prior ``a_i = a_0 * y_i / n`` spreads ``a_0``
    pseudo-counts over the terms in proportion to their frequency in both groups.

    Parameters
    ----------
    statements : pandas.DataFrame
        Columns ``by`` and ``text``; rows with a missing group are ignored.
    by : str
        The grouping column (default ``"party"``).
    text : str
        The text column (default ``"content"``: what was said, not the frame).
    groups : tuple of two, optional
        The groups to compare; by default the two with most statements (ties:
        the first to appear).
    min_count : int
        Leave out terms seen fewer times in both groups together.
    ngram : tuple of int
        Smallest and largest n-gram length (default unigrams and bigrams). An
        n-gram never spans punctuation.
    prior : float, optional
        ``a_0``, the prior's total pseudo-count. Default: the number of
        distinct terms, so the average term gets one pseudo-count (add-one
        smoothing weighted by pooled frequency), strong enough to keep terms
        seen once from dominating short texts.
    stopwords : bool
        Leave out of the result the terms that start or end with a stopword
        (``lib/parley/lexicons/stopwords.csv``: "of the", "the"). The model is
        always fitted on all terms; this only tidies the display.

    Returns
    -------
    pandas.DataFrame
        One row per term, sorted by ``z`` (largest first: terms favouring
        ``group_a`` on top): ``term``, ``n`` (words in the term), ``group_a``,
        ``group_b``, ``count_a``, ``count_b``, ``prior`` (a_i), ``log_odds``
        (delta), ``variance``, ``z`` and ``favours`` (the group the term leans
        to). ``attrs`` holds ``group_a``, ``group_b`` and ``prior`` (a_0).

    Raises
    ------
    ValueError
        When fewer than two groups have statements, ``groups`` names a group
        without statements, or the frame has no ``by`` column.
    """
    counts = _term_counts(statements, by=by, text=text, groups=groups, ngram=ngram)
    return _log_odds(counts, min_count=min_count, prior=prior, stop=_stopwords() if stopwords else frozenset())


class _Counts(NamedTuple):
    """The two groups compared and the count of each term in each."""

    a: object
    b: object
    ya: Counter
    yb: Counter


def _term_counts(statements: pd.DataFrame, *, by: str, text: str, groups: tuple | None,
                 ngram: tuple[int, int]) -> _Counts:
    """Count each term (n-gram) in the statements of the two groups compared (see :func:`compare_terms`)."""
    a, b = _two_groups(statements, by, groups)
    frame = statements[statements[by].notna()]
    counts = {g: Counter() for g in (a, b)}
    for group, value in zip(frame[by], frame[text]):
        if group in counts and isinstance(value, str):
            counts[group].update(_ngrams(value, ngram))
    return _Counts(a, b, counts[a], counts[b])


def _two_groups(statements: pd.DataFrame, by: str, groups: tuple | None) -> tuple:
    """Return the two groups to compare: ``groups``, else the two with most statements (ties: the first to appear).

    Raises
    ------
    ValueError
        As :func:`compare_terms` says.
    """
    if by not in statements:
        raise ValueError(f"compare_terms groups by {by!r}, a column the frame does not have")
    frame = statements[statements[by].notna()]
    sizes = frame[by].value_counts(sort=False)
    if groups is None:
        if len(sizes) < 2:
            raise ValueError(f"compare_terms needs statements from at least two groups in {by!r}; "
                             f"found {list(sizes.index)}")
        first = {g: i for i, g in reversed(list(enumerate(frame[by])))}
        return tuple(sorted(sizes.index, key=lambda g: (-sizes[g], first[g]))[:2])
    a, b = groups
    missing = [g for g in (a, b) if g not in sizes.index]
    if missing:
        raise ValueError(f"no statements for group(s) {missing} in {by!r}; groups with statements: "
                         f"{list(sizes.index)}")
    return a, b


def _log_odds(counts: _Counts, *, min_count: int, prior: float | None, stop: frozenset) -> pd.DataFrame:
    """Score each term by its log-odds ratio with an informative Dirichlet prior (the formula of :func:`compare_terms`).

    Parameters
    ----------
    counts : _Counts
        The groups and their term counts.
    min_count : int
        Leave out terms seen fewer times in both groups together.
    prior : float or None
        ``a_0`` (None: the number of distinct terms).
    stop : frozenset
        Leave out terms that start or end with one of these words.

    Returns
    -------
    pandas.DataFrame
        As :func:`compare_terms` returns it.
    """
    a, b, ya, yb = counts
    pooled = ya + yb
    n_a, n_b, n = sum(ya.values()), sum(yb.values()), sum(pooled.values())
    a0 = float(len(pooled)) if prior is None else float(prior)
    rows = []
    for term, total in pooled.items():
        if total < min_count:
            continue
        words = term.split()
        if words[0] in stop or words[-1] in stop:
            continue
        ai = a0 * total / n
        delta = (math.log((ya[term] + ai) / (n_a + a0 - ya[term] - ai))
                 - math.log((yb[term] + ai) / (n_b + a0 - yb[term] - ai)))
        var = 1 / (ya[term] + ai) + 1 / (yb[term] + ai)
        z = delta / math.sqrt(var)
        rows.append((term, len(words), a, b, ya[term], yb[term], ai, delta, var, z,
                     a if z > 0 else b if z < 0 else None))
    out = pd.DataFrame(rows, columns=_COMPARE_COLUMNS)
    out = out.sort_values(["z", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)
    out.attrs.update(group_a=a, group_b=b, prior=a0)
    return out


def kwic(frame: pd.DataFrame, pattern: str, *, window: int = 5, text: str = "content",
         whole_word: bool = True, case: bool = False) -> pd.DataFrame:
    """List keyword-in-context lines, like quanteda's ``kwic``.

    Parameters
    ----------
    frame : pandas.DataFrame
        Statements (``text="content"``) or sentences (``text="text"``) or any
        frame with a text column.
    pattern : str
        A regular expression or a plain word or phrase (a string that is not a
        valid regex is matched literally).
    window : int
        Words shown on each side.
    text : str
        The text column.
    whole_word : bool
        Match whole words only (default True).
    case : bool
        Match case (default False: case-insensitive).

    Returns
    -------
    pandas.DataFrame
        One row per match: ``article_id``, ``party``, ``statement_id``,
        ``sentence_id`` (those the frame has), ``pre``, ``keyword``, ``post``
        (exact slices of the text), ``start``, ``end`` (absolute offsets into
        the article when the frame has ``<text>_start``, or ``start`` for
        ``text="text"``; else offsets into the text) and ``context`` (the
        whole text).
    """
    try:
        regex = re.compile(pattern)
    except re.error:
        regex = re.compile(re.escape(pattern))
    if whole_word:
        regex = re.compile(rf"(?<!\w)(?:{regex.pattern})(?!\w)")
    regex = re.compile(regex.pattern, 0 if case else re.I)
    ids = [c for c in ("article_id", "party", "statement_id", "sentence_id") if c in frame]
    base_col = f"{text}_start" if f"{text}_start" in frame else "start" if text == "text" and "start" in frame else None
    bases = frame[base_col] if base_col else [0] * len(frame)
    rows = []
    for values, value, base in zip(frame[ids].itertuples(index=False), frame[text], bases):
        if not isinstance(value, str):
            continue
        base = 0 if pd.isna(base) else int(base)
        words = None
        for m in regex.finditer(value):
            if m.end() == m.start():
                continue
            words = words or [(s, e) for _, s, e in tokenize(value)]
            before = [s for s, e in words if e <= m.start()][-window:] if window else []
            after = [e for s, e in words if s >= m.end()][:window] if window else []
            pre = value[before[0]:m.start()].strip() if before else ""
            post = value[m.end():after[-1]].strip() if after else ""
            rows.append((*values, pre, m.group(), post, base + m.start(), base + m.end(), value))
    out = pd.DataFrame(rows, columns=ids + _KWIC_COLUMNS)
    return out.astype({"start": "int64", "end": "int64"}) if rows else out


def _ngrams(text: str, ngram: tuple[int, int]) -> list[str]:
    """Return the n-grams of a text; an n-gram only joins words separated by whitespace."""
    tokens = tokenize(text)
    lo, hi = ngram
    out = []
    for i in range(len(tokens)):
        for k in range(lo, hi + 1):
            j = i + k
            if j > len(tokens):
                break
            if any(text[tokens[x][2]:tokens[x + 1][1]].strip() for x in range(i, j - 1)):
                break  # punctuation between two of the words
            out.append(" ".join(t for t, _, _ in tokens[i:j]))
    return out


def _stopwords() -> frozenset:
    return frozenset(r["word"].strip().lower() for r in read_lexicon("stopwords.csv"))
