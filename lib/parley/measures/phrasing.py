"""Measure how statements are worded: framing, hedges, boosters, modality, specificity, commitment.

Every term list is a CSV file in ``lib/parley/lexicons`` (edit them freely; an
edited file is re-read on the next call):

* ``framing.csv`` (term, family, regex) — the general framing families:
  withdrawal / reduction, transition / evolution, cooperation / partnership,
  sovereignty, security / threat, escalation / deterrence, de-escalation /
  dialogue, sanctions / pressure, humanitarian. A story's own families come
  from the ``[framing]`` section of its parties file (see :mod:`parley.story`)
  and replace these.
* ``hedges.csv``, ``boosters.csv`` (term, source) — Hyland (2005) with a few
  diplomatic additions; Hyland's modal verbs are left to ``modals.csv`` so
  they are not counted twice.
* ``modals.csv`` (term, level, strength) — will/shall/must 1.0 > would/should
  0.7 > can 0.6 > could/may/might 0.4.
* ``specificity.csv`` (term, family, regex) — dates, years, numbers, months,
  named deadlines ("specific and clear", "timeline", "by the end of"); rows
  with ``regex = yes`` are regular expressions, tried before the literal terms.
* ``negation.csv`` (term, kind, notes) — negators, denial verbs, contrasts and
  the words that may stand between them and a term: a framing term, hedge or
  booster under negation or in a denial ("this is not a withdrawal", "denied
  that troops would leave") is *denied*, not used.

Terms match whole words, case-insensitively, longest first ("gradual
reduction" before "reduction"), in the statement's ``content`` only (never
the "X said" frame). A framing term inside a proper name ("the Joint Security
Cooperation Dialogue", see :mod:`parley.measures.names`) is not framing.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..core.lexicons import built_from, pinned, read_lexicon
from ..core.story import resolve_story
from .conditions import to_conditions
from .names import inside_names
from .terms import normalize, split_tokens

__all__ = ["add_phrasing", "measure_phrasing", "phrasing_terms", "TERM_COLUMNS"]

#: Columns of :func:`phrasing_terms`.
TERM_COLUMNS = ["statement_id", "article_id", "party", "kind", "family", "term", "start", "end", "denied"]

_FILES = {"framing": "framing.csv", "hedge": "hedges.csv", "booster": "boosters.csv",
          "modal": "modals.csv", "specificity": "specificity.csv"}

#: Commitment score weights (see :func:`add_phrasing`).
_NO_MODAL = 0.5
_BOOSTER, _SPECIFIC, _SPECIFIC_CAP, _HEDGE, _CONDITION = 0.1, 0.05, 4, 0.1, 0.1


def phrasing_terms(statements: pd.DataFrame, *, story=None) -> pd.DataFrame:
    """List every framing, hedge, booster, modal and specificity term in statements.

    Parameters
    ----------
    statements : pandas.DataFrame
        Columns ``statement_id``, ``article_id``, ``party``, ``content`` and,
        for absolute offsets, ``content_start``.
    story : Story, str, Path, dict or None
        The story setup whose ``[framing]`` families to use (a
        :class:`parley.story.Story` such as ``Analysis.story``, a parties
        file or its parsed document); None, or a setup without that section,
        uses ``framing.csv``.

    Returns
    -------
    pandas.DataFrame
        One row per matched term, columns :data:`TERM_COLUMNS`: ``kind`` is
        framing, hedge, booster, modal or specificity; ``family`` the framing
        family, the modal level (strong, medium, weak), the specificity family
        (date, year, number, month, day, deadline) or the kind itself for
        hedges and boosters; ``term`` the lexicon entry (or, for regex rows,
        the matched text, lowercased); ``start``/``end`` offsets into the
        article text (into the content when there is no ``content_start``);
        ``denied`` is True for a framing term, hedge or booster under
        negation or in a denial ("not a withdrawal", "no plans to withdraw",
        "rather than a withdrawal", "denied that troops would leave",
        "rejected claims of a withdrawal"; "not clearly" is no booster) and
        always False for modals and specificity. A negation counts only
        before the term, in the same clause and a few words away; the words
        are in ``negation.csv``.
    """
    return _terms(_matched(statements, resolve_story(story)))


def measure_phrasing(statements: pd.DataFrame, conditions: pd.DataFrame | None = None, *,
                     story=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return :func:`add_phrasing` and :func:`phrasing_terms` of the statements, finding their terms once.

    Parameters
    ----------
    statements, conditions, story
        As for :func:`add_phrasing`.

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        The statements with their phrasing measures, and one row per term.
    """
    story = resolve_story(story)
    matched = _matched(statements, story)
    return _measured(statements, matched, conditions, story), _terms(matched)


def _matched(statements: pd.DataFrame, story) -> list[tuple]:
    """Find every statement's terms: ``(statement_id, article_id, party, content_start, matches)`` per row."""
    with pinned():  # one look at the lexicon files, not one per statement
        return list(_statement_matches(statements, story=story))


def _terms(matched: list[tuple]) -> pd.DataFrame:
    rows = [(sid, aid, party, kind, family, term, base + s, base + e, denied)
            for sid, aid, party, base, matches in matched for kind, family, term, s, e, _, denied in matches]
    frame = pd.DataFrame(rows, columns=TERM_COLUMNS)
    return frame.astype({"start": "int64", "end": "int64", "denied": "bool"}) if rows else frame


def add_phrasing(statements: pd.DataFrame, conditions: pd.DataFrame | None = None, *, story=None) -> pd.DataFrame:
    """Add phrasing measures to statements.

    Parameters
    ----------
    statements : pandas.DataFrame
        Columns ``statement_id``, ``article_id``, ``party``, ``content``,
        ``content_start`` (and those :func:`parley.to_conditions` reads).
    conditions : pandas.DataFrame, optional
        The conditions :func:`parley.to_conditions` already found for these
        statements (column ``statement_id`` at least), counted instead of
        finding them again; by default they are found here.
    story : Story, str, Path, dict or None
        The story setup whose framing families (and, when conditions are
        found here, condition categories) to use; see :func:`phrasing_terms`.

    Returns
    -------
    pandas.DataFrame
        A copy with the columns

        ``framing``
            the family with most framing terms that are not denied (ties: the
            one used first), or None;
        ``hedges``, ``boosters``, ``specificity``
            counts of terms (hedges and boosters only when not denied);
        ``modal``, ``modal_strength``
            the strongest modal verb (ties: the first) and its strength, None/NaN
            when there is none;
        ``framing_denied``
            the family with most denied framing terms ("this is not a
            withdrawal"), or None;
        ``denials``
            the number of denied framing terms, hedges and boosters (see
            :func:`phrasing_terms`);
        ``conditions``
            the number of conditions :func:`parley.to_conditions` finds (or
            the rows of ``conditions`` for the statement);
        ``commitment``
            a score in [0, 1]::

                commitment = clip(m + 0.1*boosters + 0.05*min(specificity, 4)
                                  - 0.1*hedges - 0.1*conditions, 0, 1)

            with ``m`` the modal strength, or 0.5 when the statement has no
            modal verb (an unmarked statement sits between "would" and "could").
            It is a transparent heuristic for ranking statements, not a
            validated scale.
    """
    story = resolve_story(story)
    return _measured(statements, _matched(statements, story), conditions, story)


def _measured(statements: pd.DataFrame, matched: list[tuple], conditions, story) -> pd.DataFrame:
    """Return ``add_phrasing``'s result from the statements' matched terms (one entry per row)."""
    rows = [_measures(matches) for *_, matches in matched]
    measures = pd.DataFrame(rows, columns=list(_MEASURES), index=statements.index).astype(_MEASURES)
    found = to_conditions(statements, story=story) if conditions is None else conditions
    counts = found["statement_id"].value_counts()
    out = statements.assign(**measures)
    out["conditions"] = out["statement_id"].map(counts).fillna(0).astype("int64") if len(out) else 0
    score = (out["modal_strength"].fillna(_NO_MODAL) + _BOOSTER * out["boosters"]
             + _SPECIFIC * out["specificity"].clip(upper=_SPECIFIC_CAP)
             - _HEDGE * out["hedges"] - _CONDITION * out["conditions"])
    out["commitment"] = score.clip(0, 1).astype("float64")
    return out


_MEASURES = {"framing": object, "hedges": "int64", "boosters": "int64", "modal": object,
             "modal_strength": "float64", "specificity": "int64", "framing_denied": object, "denials": "int64"}


def _measures(matches: list[tuple]) -> tuple:
    """Return one statement's ``_MEASURES`` from its matched terms, in one pass over them."""
    if not matches:
        return _UNMARKED
    used = dict.fromkeys(_FILES, 0)  # terms not denied, per kind
    framing, denied_framing, best, denials = [], [], None, 0
    for kind, family, term, start, _, strength, denied in matches:
        if denied:
            denials += 1
        else:
            used[kind] += 1
        if kind == "framing":
            (denied_framing if denied else framing).append((family, start))
        elif kind == "modal" and (best is None or (strength, -start) > (best[1], -best[2])):  # ties: the first
            best = (term, strength, start)
    return (_dominant(framing), used["hedge"], used["booster"], None if best is None else best[0],
            np.nan if best is None else best[1], used["specificity"], _dominant(denied_framing), denials)


#: The measures of a statement without any term.
_UNMARKED = (None, 0, 0, None, np.nan, 0, None, 0)


# --------------------------------------------------------------------------- matching

@dataclass(frozen=True)
class _Matcher:
    regexes: list    # [(compiled regex, family)], tried first
    patterns: tuple  # the regexes as written in the lexicon
    literals: dict   # normalised term -> (family, strength)
    lengths: dict    # first word of a literal term -> word counts of the terms it starts, longest first
    seconds: dict    # first word of a multiword term -> the second words of its terms
    contracted: bool  # some literal terms are contractions ("'ll"), found inside a word


@dataclass(frozen=True)
class _Matchers:
    kinds: dict       # kind -> _Matcher, in the order terms are reported
    firsts: frozenset  # first words of every kind's literal terms
    gate: re.Pattern | None  # every kind's regexes at once: a content it does not match has no regex term


@built_from(*_FILES.values())
def _matchers() -> dict[str, _Matcher]:
    return {kind: _matcher(read_lexicon(name), kind) for kind, name in _FILES.items()}


def _matcher(rows, kind: str) -> _Matcher:
    """Build a matcher from lexicon rows (dicts with ``term`` and ``family``, ``level``, ``regex``, ``strength``)."""
    regexes, literals, patterns = [], {}, []
    for row in rows:
        family = (row.get("family") or row.get("level") or kind).strip()
        if (row.get("regex") or "").strip().lower() in ("yes", "true", "1"):
            regexes.append((re.compile(rf"(?<![\w-])(?:{row['term']})(?![\w-])", re.I), family))
            patterns.append(row["term"])
        else:
            literals[normalize(row["term"])] = (family, float(row.get("strength") or 0))
    lengths: dict[str, set] = {}
    seconds: dict[str, set] = {}
    for term in literals:
        first, *rest = term.split()
        lengths.setdefault(first, set()).add(1 + len(rest))
        if rest:
            seconds.setdefault(first, set()).add(rest[0])
    return _Matcher(regexes, tuple(patterns), literals, {w: sorted(n, reverse=True) for w, n in lengths.items()},
                    seconds, any(t.startswith("'") for t in literals))


@lru_cache(maxsize=32)
def _gate(patterns: tuple) -> re.Pattern | None:
    """Return one regex that matches wherever any of the lexicon regexes does, or None.

    A term regex matches where the gate's alternation can, so a content the gate misses (most
    of them) needs no scan for each regex. A group would renumber the backreferences after it:
    no gate then.
    """
    if not patterns or any(re.compile(p).groups for p in patterns):
        return None
    return re.compile(rf"(?<![\w-])(?:{'|'.join(f'(?:{p})' for p in patterns)})", re.I)


@lru_cache(maxsize=32)
def _framing_matcher(rows: tuple) -> _Matcher:
    """Build the framing matcher of a story's ``(term, family)`` rows (literal terms)."""
    return _matcher([{"term": term, "family": family} for term, family in rows], "framing")


def _matchers_for(story) -> _Matchers:
    """Return the matchers, the framing one from the story when it has families."""
    matchers = _matchers()
    if story is not None and story.framing is not None:
        matchers = {**matchers, "framing": _framing_matcher(story.framing)}
    return _Matchers(matchers, frozenset().union(*(m.lengths for m in matchers.values())),
                     _gate(sum((m.patterns for m in matchers.values()), ())))


def _find(content: str, matchers: _Matchers) -> list[tuple]:
    """Return ``(kind, family, term, start, end, strength, denied)`` for every term in one content.

    Literal terms are looked up word by word (longest first, leftmost, not
    overlapping), which is much faster than one big regex alternation; the
    words of a multiword term must be separated by whitespace only.
    """
    words = _words(content)
    tokens = words.tokens
    # a term can only start at a lexicon's first word or at a contraction: the other words are skipped unread
    firsts = [i for i, w in enumerate(tokens) if w in matchers.firsts]
    quoted = [i for i, w in enumerate(tokens) if "'" in w] if "'" in content or "’" in content else []
    found = []
    regexes = matchers.gate is None or matchers.gate.search(content)
    for kind, matcher in matchers.kinds.items():
        taken = []
        if regexes:
            for regex, family in matcher.regexes:
                for m in regex.finditer(content):
                    if not any(s < m.end() and m.start() < e for s, e in taken):
                        taken.append((m.start(), m.end()))
                        found.append((kind, family, normalize(m.group()), m.start(), m.end(), 0.0))
        starts = [i for i in firsts if tokens[i] in matcher.lengths]
        after = 0  # the first word not inside a term already found
        for i in sorted(set(starts).union(quoted)) if quoted and matcher.contracted else starts:
            if i < after:
                continue
            hit = _lookup(words, i, matcher)
            if hit and not any(s < hit[2] and hit[1] < e for s, e in taken):
                term, s, e, n = hit
                family, strength = matcher.literals[term]
                found.append((kind, family, term, s, e, strength))
                after = i + n
    found.sort(key=lambda f: (f[3], f[0]))
    return _with_denials(words, found)


class _Words(NamedTuple):
    """A content's words: tokens as :func:`parley.terms.tokenize` folds them, with their offsets."""

    content: str
    tokens: list
    starts: list
    ends: list


def _words(content: str) -> _Words:
    """Split a content into words, one regex split for all of them."""
    parts, tokens = split_tokens(content)
    offsets = list(accumulate(map(len, parts)))  # parts alternate: between words, a word, between, ...
    return _Words(content, tokens, offsets[:-1:2], offsets[1::2])


def _lookup(words: _Words, i: int, matcher: _Matcher):
    """Return ``(term, start, end, n_words)`` of the longest term starting at word ``i``, or None."""
    word, s = words.tokens[i], words.starts[i]
    cut = word.find("'")
    if cut > 0 and word[cut:] in matcher.literals:  # a contraction: we'll -> 'll
        return word[cut:], s + cut, words.ends[i], 1
    lengths = matcher.lengths.get(word)
    if lengths is None:
        return None
    tokens = words.tokens
    # most words that start a multiword term ("in", "to") do not go on to one: look at the next word first
    goes_on = lengths[0] > 1 and i + 1 < len(tokens) and tokens[i + 1] in matcher.seconds[word]
    joined = _joined(words, i, lengths[0]) if goes_on else 1
    for n in lengths:
        if n > joined:
            continue
        term = word if n == 1 else " ".join(tokens[i:i + n])
        if term in matcher.literals:
            content = words.content
            if term == "may" and content[s] == "M" and content[:s].rstrip()[-1:] not in ("", ".", "!", "?", "“", '"'):
                return None  # "in May": the month, not the modal
            return term, s, words.ends[i + n - 1], n
    return None


def _joined(words: _Words, i: int, most: int) -> int:
    """Return how many words from word ``i`` on (at most ``most``) are separated by whitespace only."""
    n, last = 1, min(most, len(words.tokens) - i)
    while n < last and not words.content[words.ends[i + n - 1]:words.starts[i + n]].strip():
        n += 1
    return n


# --------------------------------------------------------------------------- denial
# Each word of a content gets one letter (its kind in negation.csv, "w" for any other word,
# "T" for the last word of a denied term, "-" for the earlier words of a multiword cue, "x"
# for inert words); the rules are regular expressions over the letters just before a term.

_LETTERS = {"negator": "n", "negative_determiner": "N", "contrast": "c", "contrast_in_clause": "C",
            "denial_verb": "D", "rejection_verb": "r", "claim_noun": "k", "not_negation": "x",
            "scope": "t", "auxiliary": "a", "determiner": "d", "pronoun": "p", "preposition": "i",
            "complementizer": "h", "boundary": "b", "coordinator": "o", "conjunction": "A"}
_CUES = frozenset("nNcCDrk")  # a multiword cue acts from its last word
_DENIABLE = frozenset({"framing", "hedge", "booster"})
_NEGATION_WINDOW, _DENIAL_WINDOW = 5, 7  # most words between the cue and the term

_MODIFIERS = "[wT]{0,2}"                    # "full", "US troop" before the term
_NP = f"(?:(?<=[dN]){_MODIFIERS})?"         # modifiers only after a determiner or "no"
_CHAIN = "[tadp]*"                          # "is", "plans to", "about", "a", "it"
_CLAUSE = f"(?:p|d?{_MODIFIERS}){_CHAIN}{_NP}"  # a subject, its verb chain, the term's phrase
#: "not a withdrawal", "no plans to withdraw", "no troops will leave", "rather than a withdrawal"
_NEGATED = re.compile(rf"(?:[nc]{_CHAIN}|N(?:{_CHAIN}|[wT]{{1,2}}a{_CHAIN})){_NP}$")
#: "denied any withdrawal", "denied that troops would leave", "rejected claims of a withdrawal"
_DENIED = re.compile(rf"(?:Dd?{_MODIFIERS}|Dh{_CLAUSE}|[Dr]d?{_MODIFIERS}k[th]?{_CLAUSE})$")
#: "will not withdraw or reduce": the second term shares the first one's negation
_COORDINATED = re.compile(rf"To(?:d?{_MODIFIERS})$")
#: "did not rule out": a negated denial verb denies nothing
_NEGATED_VERB = re.compile(r"[nN][tadp]*$")
#: punctuation that ends a clause; a full stop only after a word longer than a letter ("U.S.")
_BREAK = re.compile(r"[,;:!?()\[\]{}—–…]|\s-\s|(?<=\w\w)\.(?!\w)")


@dataclass(frozen=True)
class _Scope:
    words: dict        # one word -> letter
    phrases: dict      # several words -> letter
    longest: int
    firsts: frozenset  # first words of phrases


@built_from("negation.csv")
def _scope() -> _Scope:
    words, phrases = {}, {}
    for row in read_lexicon("negation.csv"):
        term, letter = normalize(row["term"]), _LETTERS[row["kind"].strip()]
        (phrases if " " in term else words).setdefault(term, letter)
    longest = max((len(t.split()) for t in phrases), default=1)
    return _Scope(words, phrases, longest, frozenset(t.split()[0] for t in phrases))


def _with_denials(words: _Words, found: list[tuple]) -> list[tuple]:
    """Return ``found`` with a ``denied`` flag appended to each term (see :func:`phrasing_terms`)."""
    if not any(f[0] in _DENIABLE for f in found):
        return [(*f, False) for f in found]
    starts = words.starts
    last_term = max(f[3] for f in found if f[0] in _DENIABLE)
    letters, clause = _letters(words, bisect_right(starts, last_term))
    out = []
    for f in found:  # left to right, so "or reduce" sees that "withdraw" was denied
        first = bisect_right(starts, f[3]) - 1
        denied = f[0] in _DENIABLE and first > 0 and _is_denied(letters, clause[first], first)
        last = min(bisect_left(starts, f[4]), len(letters)) - 1
        if denied and letters[last] == "w":  # a scope word keeps its letter: "not considering a withdrawal"
            letters[last] = "T"
        out.append((*f, denied))
    return out


def _is_denied(letters: list, clause_start: int, i: int) -> bool:
    """Tell whether the term at word ``i`` is negated or denied by the words before it in its clause."""
    near = "".join(letters[max(clause_start, i - _NEGATION_WINDOW - 1):i])
    wide = "".join(letters[max(clause_start, i - _DENIAL_WINDOW - 1):i])
    return bool(_NEGATED.search(near) or _DENIED.search(wide) or _COORDINATED.search(wide))


def _letters(words: _Words, count: int) -> tuple[list, list]:
    """Return the letter of each of the first ``count`` words and the index of the first word of its clause."""
    scope = _scope()
    tokens, starts = words.tokens[:count], words.starts[:count]
    letters = [scope.words.get(t, "w") for t in tokens]
    taken = 0
    for i in [i for i, t in enumerate(tokens) if t in scope.firsts]:
        n = 0 if i < taken else _phrase_at(words, i, min(scope.longest, count - i), scope)
        if n:
            letter = scope.phrases[" ".join(tokens[i:i + n])]
            letters[i:i + n] = ["-"] * (n - 1) + [letter] if letter in _CUES else [letter] * n
            taken = i + n
    breaks = [m.start() for m in _BREAK.finditer(words.content, 0, starts[-1] if starts else 0)]
    clause, start, b = [], 0, 0
    for j, word_start in enumerate(starts):
        while b < len(breaks) and breaks[b] < word_start:
            start, b = j, b + 1
        clause.append(start)
        letter = letters[j]
        if letter == "A":  # "and the withdrawal will ...": a new subject, a new clause
            letters[j] = "b" if j + 1 < len(tokens) and letters[j + 1] in "dp" else "o"
        elif letter in "CDr":
            cue = j
            while cue > start and letters[cue - 1] == "-":
                cue -= 1
            if letter == "C":  # "Without cooperation, ..." opens a counterfactual
                letters[j] = "x" if cue == start else "c"
            elif _NEGATED_VERB.search("".join(letters[max(start, cue - _NEGATION_WINDOW - 1):cue])):
                letters[j] = "x"
        if letters[j] == "b":
            start = j + 1
    return letters, clause


def _phrase_at(words: _Words, i: int, most: int, scope: _Scope) -> int:
    """Return the number of words (at most ``most``) of the longest negation.csv phrase at word ``i``, or 0."""
    for n in range(_joined(words, i, most), 1, -1):
        if " ".join(words.tokens[i:i + n]) in scope.phrases:
            return n
    return 0


def _statement_matches(statements: pd.DataFrame, *, story=None):
    """Yield ``(statement_id, article_id, party, content_start, matches)`` per statement (no matches without text).

    ``story`` (a resolved Story) supplies the framing families.
    """
    if statements is None or not len(statements):
        return
    matchers = _matchers_for(story)
    starts = statements["content_start"] if "content_start" in statements else [0] * len(statements)
    cues = statements["cue"] if "cue" in statements else [None] * len(statements)
    denials = {}  # cue -> whether it is a denial verb, asked once per cue ("said" heads most statements)
    for sid, aid, party, content, base, cue in zip(statements["statement_id"], statements["article_id"],
                                                   statements["party"], statements["content"], starts, cues):
        if not isinstance(content, str):
            yield sid, aid, party, 0, []
            continue
        base = 0 if pd.isna(base) else int(base)
        matches = _outside_names(content, _find(content, matchers))
        if cue not in denials:
            denials[cue] = _denial_cue(cue)
        if denials[cue]:  # "The Pentagon denied | that US forces would withdraw": the cue denies it all
            matches = [(*m[:6], m[6] or m[0] in _DENIABLE) for m in matches]
        yield sid, aid, None if pd.isna(party) else party, base, matches


def _outside_names(content: str, matches: list[tuple]) -> list[tuple]:
    """Drop the framing terms inside a proper name: "the Joint Security Cooperation Dialogue" frames nothing."""
    framing = [m for m in matches if m[0] == "framing"]
    if not framing:
        return matches
    named = {id(m) for m, inside in zip(framing, inside_names(content, [(m[3], m[4]) for m in framing])) if inside}
    return [m for m in matches if id(m) not in named] if named else matches


def _denial_cue(cue) -> bool:
    """Say whether a statement's cue is a denial verb ("denied", "ruled out"): its content is what is denied."""
    if not isinstance(cue, str):
        return False
    scope = _scope()
    key = normalize(cue)
    return scope.words.get(key, scope.phrases.get(key)) == _LETTERS["denial_verb"]


def _dominant(families: list[tuple[str, int]]) -> str | None:
    """Return the most frequent family (ties: the first used), or None."""
    if not families:
        return None
    counts: dict[str, list] = {}
    for family, start in families:
        counts.setdefault(family, []).append(start)
    return max(counts, key=lambda f: (len(counts[f]), -min(counts[f])))
