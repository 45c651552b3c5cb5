"""Measure how statements are worded: framing, hedges, boosters, modality, specificity, commitment.

Every term list is a CSV file in ``data/lexicons`` (edit them freely; an
edited file is re-read on the next call):

* ``framing.csv`` (term, family) — framing families: withdrawal / reduction,
  transition / partnership, sovereignty, security / threat, escalation /
  deterrence.
* ``hedges.csv``, ``boosters.csv`` (term, source) — Hyland (2005) with a few
  diplomatic additions; Hyland's modal verbs are left to ``modals.csv`` so
  they are not counted twice.
* ``modals.csv`` (term, level, strength) — will/shall/must 1.0 > would/should
  0.7 > can 0.6 > could/may/might 0.4.
* ``specificity.csv`` (term, family, regex) — dates, years, numbers, months,
  named deadlines ("specific and clear", "timeline", "by the end of"); rows
  with ``regex = yes`` are regular expressions, tried before the literal terms.

Terms match whole words, case-insensitively, longest first ("gradual
reduction" before "reduction"), in the statement's ``content`` only (never
the "X said" frame).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .conditions import to_conditions
from .lexicons import built_from, read_lexicon
from .terms import normalize, tokenize

__all__ = ["add_phrasing", "phrasing_terms", "TERM_COLUMNS"]

#: Columns of :func:`phrasing_terms`.
TERM_COLUMNS = ["statement_id", "article_id", "party", "kind", "family", "term", "start", "end"]

_FILES = {"framing": "framing.csv", "hedge": "hedges.csv", "booster": "boosters.csv",
          "modal": "modals.csv", "specificity": "specificity.csv"}

#: Commitment score weights (see :func:`add_phrasing`).
_NO_MODAL = 0.5
_BOOSTER, _SPECIFIC, _SPECIFIC_CAP, _HEDGE, _CONDITION = 0.1, 0.05, 4, 0.1, 0.1


def phrasing_terms(statements: pd.DataFrame) -> pd.DataFrame:
    """List every framing, hedge, booster, modal and specificity term in statements.

    Parameters
    ----------
    statements : pandas.DataFrame
        Columns ``statement_id``, ``article_id``, ``party``, ``content`` and,
        for absolute offsets, ``content_start``.

    Returns
    -------
    pandas.DataFrame
        One row per matched term, columns :data:`TERM_COLUMNS`: ``kind`` is
        framing, hedge, booster, modal or specificity; ``family`` the framing
        family, the modal level (strong, medium, weak), the specificity family
        (date, year, number, month, day, deadline) or the kind itself for
        hedges and boosters; ``term`` the lexicon entry (or, for regex rows,
        the matched text, lowercased); ``start``/``end`` offsets into the
        article text (into the content when there is no ``content_start``).
    """
    rows = []
    for sid, aid, party, base, matches in _statement_matches(statements):
        for kind, family, term, s, e, _ in matches:
            rows.append((sid, aid, party, kind, family, term, base + s, base + e))
    frame = pd.DataFrame(rows, columns=TERM_COLUMNS)
    return frame.astype({"start": "int64", "end": "int64"}) if rows else frame


def add_phrasing(statements: pd.DataFrame) -> pd.DataFrame:
    """Add phrasing measures to statements.

    Parameters
    ----------
    statements : pandas.DataFrame
        Columns ``statement_id``, ``article_id``, ``party``, ``content``,
        ``content_start`` (and those :func:`parley.to_conditions` reads).

    Returns
    -------
    pandas.DataFrame
        A copy with the columns

        ``framing``
            the family with most framing terms (ties: the one used first), or None;
        ``hedges``, ``boosters``, ``specificity``
            counts of terms;
        ``modal``, ``modal_strength``
            the strongest modal verb (ties: the first) and its strength, None/NaN
            when there is none;
        ``conditions``
            the number of conditions :func:`parley.to_conditions` finds;
        ``commitment``
            a score in [0, 1]::

                commitment = clip(m + 0.1*boosters + 0.05*min(specificity, 4)
                                  - 0.1*hedges - 0.1*conditions, 0, 1)

            with ``m`` the modal strength, or 0.5 when the statement has no
            modal verb (an unmarked statement sits between "would" and "could").
            It is a transparent heuristic for ranking statements, not a
            validated scale.
    """
    rows = [_measures(matches) for *_, matches in _statement_matches(statements, keep_all=True)]
    measures = pd.DataFrame(rows, columns=list(_MEASURES), index=statements.index).astype(_MEASURES)
    conditions = to_conditions(statements)["statement_id"].value_counts()
    out = statements.assign(**measures)
    out["conditions"] = out["statement_id"].map(conditions).fillna(0).astype("int64") if len(out) else 0
    score = (out["modal_strength"].fillna(_NO_MODAL) + _BOOSTER * out["boosters"]
             + _SPECIFIC * out["specificity"].clip(upper=_SPECIFIC_CAP)
             - _HEDGE * out["hedges"] - _CONDITION * out["conditions"])
    out["commitment"] = score.clip(0, 1).astype("float64")
    return out


_MEASURES = {"framing": object, "hedges": "int64", "boosters": "int64", "modal": object,
             "modal_strength": "float64", "specificity": "int64"}


def _measures(matches: list[tuple]) -> tuple:
    """Return one statement's ``_MEASURES`` from its matched terms."""
    count = {kind: sum(m[0] == kind for m in matches) for kind in ("hedge", "booster", "specificity")}
    best = max((m for m in matches if m[0] == "modal"), key=lambda m: (m[5], -m[3]), default=None)
    return (_dominant([(m[1], m[3]) for m in matches if m[0] == "framing"]), count["hedge"], count["booster"],
            None if best is None else best[2], np.nan if best is None else best[5], count["specificity"])


# --------------------------------------------------------------------------- matching

@dataclass(frozen=True)
class _Matcher:
    regexes: list    # [(compiled regex, family)], tried first
    literals: dict   # normalised term -> (family, strength)
    longest: int     # words in the longest literal term
    firsts: frozenset  # first words of literal terms (a quick "no term starts here")


@built_from(*_FILES.values())
def _matchers() -> dict[str, _Matcher]:
    out = {}
    for kind, name in _FILES.items():
        regexes, literals = [], {}
        for row in read_lexicon(name):
            family = (row.get("family") or row.get("level") or kind).strip()
            if (row.get("regex") or "").strip().lower() in ("yes", "true", "1"):
                regexes.append((re.compile(rf"(?<![\w-])(?:{row['term']})(?![\w-])", re.I), family))
            else:
                literals[normalize(row["term"])] = (family, float(row.get("strength") or 0))
        longest = max((len(t.split()) for t in literals), default=1)
        firsts = frozenset(t.split()[0] for t in literals)
        out[kind] = _Matcher(regexes, literals, longest, firsts)
    return out


def _find(content: str) -> list[tuple]:
    """Return ``(kind, family, term, start, end, strength)`` for every term in one content.

    Literal terms are looked up word by word (longest first, leftmost, not
    overlapping), which is much faster than one big regex alternation; the
    words of a multiword term must be separated by whitespace only.
    """
    words = tokenize(content)
    joined = [i + 1 < len(words) and not content[words[i][2]:words[i + 1][1]].strip() for i in range(len(words))]
    found = []
    for kind, matcher in _matchers().items():
        taken = []
        for regex, family in matcher.regexes:
            for m in regex.finditer(content):
                if not any(s < m.end() and m.start() < e for s, e in taken):
                    taken.append((m.start(), m.end()))
                    found.append((kind, family, normalize(m.group()), m.start(), m.end(), 0.0))
        i = 0
        while i < len(words):
            hit = _lookup(words, joined, i, matcher, content)
            if hit and not any(s < hit[2] and hit[1] < e for s, e in taken):
                term, s, e, n = hit
                family, strength = matcher.literals[term]
                found.append((kind, family, term, s, e, strength))
                i += n
            else:
                i += 1
    return sorted(found, key=lambda f: (f[3], f[0]))


def _lookup(words: list, joined: list, i: int, matcher: _Matcher, content: str):
    """Return ``(term, start, end, n_words)`` of the longest term starting at word ``i``, or None."""
    word, s, e = words[i]
    cut = word.find("'")
    if cut > 0 and word[cut:] in matcher.literals:  # a contraction: we'll -> 'll
        return word[cut:], s + cut, e, 1
    if word not in matcher.firsts:
        return None
    for n in range(min(matcher.longest, len(words) - i), 0, -1):
        if n > 1 and not all(joined[i:i + n - 1]):
            continue
        term = " ".join(w for w, _, _ in words[i:i + n])
        if term in matcher.literals:
            if term == "may" and content[s] == "M" and content[:s].rstrip()[-1:] not in ("", ".", "!", "?", "“", '"'):
                return None  # "in May": the month, not the modal
            return term, s, words[i + n - 1][2], n
    return None


def _statement_matches(statements: pd.DataFrame, *, keep_all: bool = False):
    """Yield ``(statement_id, article_id, party, content_start, matches)`` per statement.

    With ``keep_all``, rows without text yield no matches instead of being skipped.
    """
    if statements is None or not len(statements):
        return
    starts = statements["content_start"] if "content_start" in statements else [0] * len(statements)
    for sid, aid, party, content, base in zip(statements["statement_id"], statements["article_id"],
                                              statements["party"], statements["content"], starts):
        if not isinstance(content, str):
            if keep_all:
                yield sid, aid, party, 0, []
            continue
        base = 0 if pd.isna(base) else int(base)
        yield sid, aid, None if pd.isna(party) else party, base, _find(content)


def _dominant(families: list[tuple[str, int]]) -> str | None:
    """Return the most frequent family (ties: the first used), or None."""
    if not families:
        return None
    counts: dict[str, list] = {}
    for family, start in families:
        counts.setdefault(family, []).append(start)
    return max(counts, key=lambda f: (len(counts[f]), -min(counts[f])))
