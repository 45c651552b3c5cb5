"""Measure how statements are worded: framing, hedges, boosters, modality, specificity, commitment.

Every term list is a CSV file in ``lib/parley/lexicons`` (edit them freely; an
edited file is re-read on the next call):

* ``framing.csv`` (term, family, regex, in_names) — the general framing
  families: withdrawal / reduction, transition / evolution, cooperation /
  partnership, sovereignty / territory, security / threat, escalation /
  deterrence, de-escalation / dialogue, sanctions / pressure, humanitarian,
  legal / international law, economic / trade. Framing terms match every
  inflection (:mod:`parley.core.lemmas`), with up to two words inside a multiword
  term ("lift the remaining sanctions"), and count for nothing inside a
  capitalised name (:mod:`parley.core.names`). A story's own families come from
  the ``[framing]`` section of its parties file (see :mod:`parley.story`)
  and replace these.
* ``framing_acts.csv`` (term, act, family) — acts as well as words: a threat
  cue beside a condition is escalation ("if they attack again, we will
  respond"), a negated veto cue beside one is pressure ("we will not approve
  it until ...").
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
the "X said" frame); framing terms by their lemmas.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, chain
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..core.lemmas import lemma, lemmatize
from ..core.lexicons import built_from, pinned, read_lexicon
from ..core.names import name_spans
from ..core.story import resolve_story
from .conditions import to_conditions
from .terms import normalize, split_tokens

__all__ = ["add_phrasing", "measure_phrasing", "phrasing_terms", "TERM_COLUMNS"]

#: Columns of :func:`phrasing_terms`.
TERM_COLUMNS = ["statement_id", "article_id", "party", "kind", "family", "term", "start", "end", "denied"]

_FILES = {"framing": "framing.csv", "hedge": "hedges.csv", "booster": "boosters.csv",
          "modal": "modals.csv", "specificity": "specificity.csv"}
#: Cues of framing acts: a threat or a veto with a condition attached (see :func:`_with_acts`).
_ACTS = "framing_acts.csv"

#: Commitment score weights (see :func:`add_phrasing`).
_NO_MODAL = 0.5
_BOOSTER, _SPECIFIC, _SPECIFIC_CAP, _HEDGE, _CONDITION = 0.1, 0.05, 4, 0.1, 0.1


def phrasing_terms(statements: pd.DataFrame, *, story=None, conditions: pd.DataFrame | None = None) -> pd.DataFrame:
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
    conditions : pandas.DataFrame, optional
        The conditions :func:`parley.to_conditions` found for these
        statements, which framing acts read (a threat or a veto with a
        condition); by default they are found for the statements with an
        act cue.

    Returns
    -------
    pandas.DataFrame
        One row per matched term, columns :data:`TERM_COLUMNS`: ``kind`` is
        framing, hedge, booster, modal or specificity; ``family`` the framing
        family, the modal level (strong, medium, weak), the specificity family
        (date, year, number, month, day, deadline) or the kind itself for
        hedges and boosters; ``term`` the lexicon entry (or, for regex rows,
        the matched text, lowercased; for an act, the cue and the condition's
        marker, "approve … until"); ``start``/``end`` offsets into the
        article text (into the content when there is no ``content_start``);
        ``denied`` is True for a framing term, hedge or booster under
        negation or in a denial ("not a withdrawal", "no plans to withdraw",
        "rather than a withdrawal", "denied that troops would leave",
        "rejected claims of a withdrawal", "there is no, absolutely no,
        negotiation", "nothing to do with the attacks", "rejects any attempt
        to portray it as an escalation", "allegations of attacks are
        baseless"; "not clearly" is no booster) and always False for modals
        and specificity. A negation counts only before the term, in the same
        clause and a few words away; the words are in ``negation.csv``.
    """
    story = resolve_story(story)
    return _terms(_matched(statements, story, conditions))


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
    conditions = to_conditions(statements, story=story) if conditions is None else conditions
    matched = _matched(statements, story, conditions)
    return _measured(statements, matched, conditions), _terms(matched)


def _matched(statements: pd.DataFrame, story, conditions: pd.DataFrame | None) -> list[tuple]:
    """Find every statement's terms: ``(statement_id, article_id, party, content_start, matches)`` per row.

    ``conditions`` are the statements' conditions, or None to find them for the statements
    that need them (those with an act cue).
    """
    with pinned():  # one look at the lexicon files, not one per statement
        conditional = None if conditions is None else set(conditions["statement_id"])
        return _with_acts(statements, list(_statement_matches(statements, story=story, conditional=conditional)),
                          conditions, story)


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
    conditions = to_conditions(statements, story=story) if conditions is None else conditions
    return _measured(statements, _matched(statements, story, conditions), conditions)


def _measured(statements: pd.DataFrame, matched: list[tuple], conditions: pd.DataFrame) -> pd.DataFrame:
    """Return ``add_phrasing``'s result from the statements' matched terms (one entry per row)."""
    rows = [_measures(matches) for *_, matches in matched]
    measures = pd.DataFrame(rows, columns=list(_MEASURES), index=statements.index).astype(_MEASURES)
    counts = conditions["statement_id"].value_counts()
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
    #: first lemma -> [(lemmas of the term's other words, term)], longest first; None: words as written
    lemmas: dict | None = None
    in_names: frozenset = frozenset()  # terms that still count inside a proper name ("the Vienna Convention")
    also: dict | None = None  # term -> its other families, when it has a row for each ("defend": security, escalation)
    needles: dict | None = None  # first 3 letters -> the words the regexes start with ("end", "leav")
    rows: dict | None = None  # such a word -> the indices of the regexes that start with it
    unindexed: tuple = ()  # the indices of the regexes with no such word: always tried


@dataclass(frozen=True)
class _Matchers:
    kinds: dict       # kind -> _Matcher, in the order terms are reported
    firsts: frozenset  # first words of every kind's literal terms
    gate: re.Pattern | None  # every kind's regexes at once: a content it does not match has no regex term
    vocabulary: frozenset = frozenset()  # the lemmas of the lemmatized matchers' terms
    #: token -> its lemma when that is in the vocabulary, else "" (filled as tokens are met)
    known: dict = field(default_factory=dict)
    needles: dict = field(default_factory=dict)  # first 3 letters -> the words the lemmatized regexes start with
    #: token -> the needles it starts with (filled as tokens are met)
    needled: dict = field(default_factory=dict)


@built_from(*_FILES.values(), _ACTS)
def _matchers() -> dict[str, _Matcher]:
    made = {kind: _matcher(read_lexicon(name), kind, lemmatized=kind == "framing") for kind, name in _FILES.items()}
    acts = [{**row, "family": f"{row['act'].strip()}:{row['family'].strip()}"} for row in read_lexicon(_ACTS)]
    return {**made, "act": _matcher(acts, "act", lemmatized=True)}


def _matcher(rows, kind: str, *, lemmatized: bool = False) -> _Matcher:
    """Build a matcher from lexicon rows (dicts with ``term`` and ``family``, ``level``, ``regex``, ``strength``).

    A lemmatized matcher finds every inflection of its literal terms ("threaten" in "threatened"),
    with up to :data:`_GAP` words inside a multiword term ("lift the sanctions").
    """
    regexes, literals, patterns, in_names, also = [], {}, [], set(), {}
    for row in rows:
        family = (row.get("family") or row.get("level") or kind).strip()
        if (row.get("regex") or "").strip().lower() in ("yes", "true", "1"):
            regexes.append((re.compile(rf"(?<![\w-])(?:{row['term']})(?![\w-])", re.I), family,
                            _prefixes(row["term"])))
            patterns.append(row["term"])
        else:
            term = normalize(row["term"])
            if term not in literals:
                literals[term] = (family, float(row.get("strength") or 0))
            elif family != literals[term][0] and family not in also.get(term, ()):
                also[term] = (*also.get(term, ()), family)
        if (row.get("in_names") or "").strip().lower() in ("yes", "true", "1"):
            in_names.add(normalize(row["term"]))
    lengths: dict[str, set] = {}
    seconds: dict[str, set] = {}
    for term in literals:
        first, *rest = term.split()
        lengths.setdefault(first, set()).add(1 + len(rest))
        if rest:
            seconds.setdefault(first, set()).add(rest[0])
    by_lemma = None
    if lemmatized:
        by_lemma, keys = {}, set()
        for term in literals:
            key = tuple(lemmatize(term.split()))
            if key not in keys:  # "withdraw" and "withdrawing" are one entry: the first row says its family
                keys.add(key)
                by_lemma.setdefault(key[0], []).append((key[1:], term))
        for entries in by_lemma.values():
            entries.sort(key=lambda entry: -len(entry[0]))
    return _Matcher(regexes, tuple(patterns), literals, {w: sorted(n, reverse=True) for w, n in lengths.items()},
                    seconds, any(t.startswith("'") for t in literals), by_lemma, frozenset(in_names), also,
                    _needles(p for *_, prefixes in regexes for p in prefixes),
                    _rows(regexes), tuple(i for i, (*_, prefixes) in enumerate(regexes) if not prefixes))


def _rows(regexes: list) -> dict:
    """Index the regexes by the words they start with."""
    index: dict = {}
    for i, (*_, prefixes) in enumerate(regexes):
        for prefix in prefixes:
            index.setdefault(prefix, []).append(i)
    return {prefix: tuple(found) for prefix, found in index.items()}


def _needles(prefixes) -> dict:
    """Index the words regexes start with by their first three letters, for a look-up per token."""
    index: dict = {}
    for prefix in dict.fromkeys(prefixes):
        index.setdefault(prefix[:3], []).append(prefix)
    return {key: tuple(found) for key, found in index.items()}


def _prefixes(pattern: str) -> tuple:
    """Return the lowercase letters each top-level alternative of a regex starts with, or () when one has none.

    ``"strikes|struck(?!...)"`` gives ``("strikes", "struck")``: a text holding neither cannot match.
    """
    alternatives, depth, part = [], 0, []
    for i, c in enumerate(pattern):
        escaped = i and pattern[i - 1] == "\\"
        if c in "([" and not escaped:
            depth += 1
        elif c in ")]" and not escaped:
            depth -= 1
        elif c == "|" and not depth:
            alternatives.append("".join(part))
            part = []
            continue
        part.append(c)
    alternatives.append("".join(part))
    found = []
    for alternative in alternatives:
        alternative = _LOOKBEHIND.sub("", alternative)  # "(?<=our\s)support" starts with "support"
        letters = re.match(r"[a-z]+", alternative.lower())
        if not letters:
            return ()
        # a letter followed by ?, * or { is optional: keep the letters before it
        word = letters.group()
        if alternative[len(word):len(word) + 1] in ("?", "*", "{"):
            word = word[:-1]
        if len(word) < 3:  # too short to index: the regex is always tried
            return ()
        found.append(word)
    return tuple(found)


_LOOKBEHIND = re.compile(r"^(?:\(\?<[=!][^()]*\))+")


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
    return _matcher([{"term": term, "family": family} for term, family in rows], "framing", lemmatized=True)


def _matchers_for(story) -> _Matchers:
    """Return the matchers, the framing one from the story when it has families (acts then add none)."""
    made = _matchers()
    framing = None if story is None else story.framing
    kept = _COMBINED.get(framing)
    if kept is None or kept[0] is not made:  # built again after a lexicon edit
        if len(_COMBINED) > 32:  # many stories in one session: start afresh
            _COMBINED.clear()
        kept = _COMBINED[framing] = (made, _combined(made, framing))
    return kept[1]


#: story framing rows (None: the defaults) -> (the lexicon matchers they were built with, their _Matchers);
#: kept across calls so that the words already looked up stay known
_COMBINED: dict = {}


def _combined(made: dict, framing) -> _Matchers:
    matchers = made
    if framing is not None:
        matchers = {kind: matcher for kind, matcher in made.items() if kind != "act"}
        matchers["framing"] = _framing_matcher(framing)
    literal = [m for m in matchers.values() if m.lemmas is None]  # the others prefilter each regex by its words
    vocabulary = frozenset(word for m in matchers.values() if m.lemmas for first, entries in m.lemmas.items()
                           for word in (first, *(w for rest, _ in entries for w in rest)))
    needles = {}
    for m in matchers.values():
        if m.lemmas is not None and m.needles:
            for key, found in m.needles.items():
                needles[key] = tuple(dict.fromkeys((*needles.get(key, ()), *found)))
    return _Matchers(matchers, frozenset().union(*(m.lengths for m in literal)),
                     _gate(sum((m.patterns for m in literal), ())), vocabulary, needles=needles)


def _find(content: str, matchers: _Matchers, *, acts: bool = True) -> list[tuple]:
    """Return ``(kind, family, term, start, end, strength, denied)`` for every term in one content.

    Literal terms are looked up word by word (longest first, leftmost, not
    overlapping), which is much faster than one big regex alternation; the
    words of a multiword term must be separated by whitespace only. Without
    ``acts`` (a statement without conditions) act cues are not looked for.
    """
    words = _words(content)
    tokens = words.tokens
    # a term can only start at a lexicon's first word or at a contraction: the other words are skipped unread
    firsts = [i for i, w in enumerate(tokens) if w in matchers.firsts]
    quoted = [i for i, w in enumerate(tokens) if "'" in w] if "'" in content or "’" in content else []
    lemmas = present = None
    found = []
    regexes = matchers.gate is None or matchers.gate.search(content)
    for kind, matcher in matchers.kinds.items():
        if kind == "act" and not acts:
            continue
        taken = []
        if matcher.lemmas is not None and matcher.regexes and present is None:
            present = _present(tokens, matchers)
        if regexes or matcher.lemmas is not None:
            rows = matcher.regexes
            if matcher.lemmas is not None and matcher.regexes:  # only the regexes whose first words are there
                rows = [rows[i] for i in sorted({*matcher.unindexed, *(i for n in present for i in matcher.rows[n])})]
            for regex, family, _ in rows:
                for m in regex.finditer(content):
                    if not any(s < m.end() and m.start() < e for s, e in taken):
                        taken.append((m.start(), m.end()))
                        found.append((kind, family, normalize(m.group()), m.start(), m.end(), 0.0))
        if matcher.lemmas is not None:
            lemmas = _lemmas(tokens, matchers) if lemmas is None else lemmas
            starts, lookup = [i for i, w in enumerate(lemmas) if w and w in matcher.lemmas], _lookup_lemmas
        else:
            starts = [i for i in firsts if tokens[i] in matcher.lengths]
            if quoted and matcher.contracted:
                starts = sorted(set(starts).union(quoted))
            lookup = _lookup
        after = 0  # the first word not inside a term already found
        for i in starts:
            if i < after:
                continue
            hit = lookup(words, i, matcher, lemmas)
            if hit and taken and any(s < hit[2] and hit[1] < e for s, e in taken):
                if (kept := _longer_wins(hit, kind, taken, found)) is None:
                    continue
                taken, found = kept
            if hit:
                term, s, e, n = hit
                family, strength = matcher.literals[term]
                found.append((kind, family, term, s, e, strength))
                for other in matcher.also.get(term, ()) if matcher.also else ():
                    found.append((kind, other, term, s, e, strength))
                after = i + n
    if found and lemmas is not None:
        found = _outside_names(content, found, matchers)
    found.sort(key=lambda f: (f[3], f[0]))
    return _with_denials(words, found)


def _present(tokens: list[str], matchers: _Matchers) -> set:
    """Return the words the lemmatized regexes start with that the tokens start with."""
    hits = list(map(matchers.needled.get, tokens))
    if None in hits:
        hits = [_needled(t, matchers) if h is None else h for t, h in zip(tokens, hits)]
    return set(chain.from_iterable(hits))


def _lemmas(tokens: list[str], matchers: _Matchers) -> list[str]:
    """Return each token's lemma if some lemmatized term has it, else "": most words are, and are skipped at once."""
    lemmas = list(map(matchers.known.get, tokens))
    if None in lemmas:
        lemmas = [_known(t, matchers) if w is None else w for t, w in zip(tokens, lemmas)]
    return lemmas


def _longer_wins(hit: tuple, kind: str, taken: list, found: list) -> tuple[list, list] | None:
    """Let a literal term win over the regex matches of its kind inside it ("missile strikes" over "strikes").

    Returns the spans and terms without those matches, or None when the
    literal term overlaps a match it does not strictly contain (the match stays).
    """
    inside = [(s, e) for s, e in taken if s < hit[2] and hit[1] < e]
    if not all(hit[1] <= s and e <= hit[2] and e - s < hit[2] - hit[1] for s, e in inside):
        return None
    return ([span for span in taken if span not in inside],
            [f for f in found if not (f[0] == kind and (f[3], f[4]) in inside)])


def _needled(token: str, matchers: _Matchers) -> tuple:
    """Return the words a token starts with that lemmatized regexes start with (and remember them)."""
    found = matchers.needled[token] = tuple(n for n in matchers.needles.get(token[:3], ()) if token.startswith(n))
    return found


def _known(token: str, matchers: _Matchers) -> str:
    """Return a token's lemma if some lemmatized term has it, else "" (and remember which)."""
    found = lemma(token)
    found = matchers.known[token] = found if found in matchers.vocabulary else ""
    return found


def _outside_names(content: str, found: list[tuple], matchers: _Matchers) -> list[tuple]:
    """Drop the framing terms and act cues inside a proper name ("the Joint Security Cooperation Dialogue")."""
    # a name's words are capitalised: a term that starts with a small letter is in none
    if not any(f[0] in _NAMED and content[f[3]].isupper() for f in found):
        return found
    names = name_spans(content)
    if not names:
        return found
    return [f for f in found
            if f[0] not in _NAMED or f[2] in matchers.kinds[f[0]].in_names
            or not any(s <= f[3] and f[4] <= e for s, e in names)]


#: The kinds of term a proper name hides.
_NAMED = frozenset({"framing", "act"})


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


def _lookup(words: _Words, i: int, matcher: _Matcher, _lemmas=None):
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


#: Most words that may stand between two words of a multiword term ("lift the remaining sanctions").
_GAP = 2


def _lookup_lemmas(words: _Words, i: int, matcher: _Matcher, lemmas: list):
    """Return ``(term, start, end, n_words)`` of the longest term whose lemmas start at word ``i``, or None.

    The later words of a multiword term may follow after up to :data:`_GAP` other words, in the
    same stretch of words (no punctuation between).
    """
    content, starts, ends = words.content, words.starts, words.ends
    count = len(lemmas)
    for rest, term in matcher.lemmas[lemmas[i]]:
        last = i
        for want in rest:
            k, at = last + 1, None
            while k < count and k <= last + 1 + _GAP and (content[ends[k - 1]:starts[k]] == " "
                                                          or _spaced(content, ends[k - 1], starts[k])):
                if lemmas[k] == want:
                    at = k
                    break
                k += 1
            if at is None:
                break
            last = at
        else:
            return term, starts[i], ends[last], last - i + 1
    return None


def _spaced(content: str, end: int, start: int) -> bool:
    """Tell whether only spaces, or an abbreviation's dot ("U.S. goods"), stand between two words."""
    between = content[end:start]
    return not between.strip() or (between.strip() == "." and end >= 1 and not content[end - 2:end - 1].isalnum())


def _joined(words: _Words, i: int, most: int) -> int:
    """Return how many words from word ``i`` on (at most ``most``) are separated by whitespace only."""
    n, last = 1, min(most, len(words.tokens) - i)
    while n < last and not words.content[words.ends[i + n - 1]:words.starts[i + n]].strip():
        n += 1
    return n


# --------------------------------------------------------------------------- acts

def _with_acts(statements: pd.DataFrame, matched: list[tuple], conditions: pd.DataFrame | None,
               story) -> list[tuple]:
    """Turn act cues into framing terms where a condition makes them an act, and drop the other cues.

    A *threat* cue ("pay a price", "respond") outside the condition of a conditional sentence, not
    negated, is a conditional threat ("if they attack again, they will pay a heavy price"): its
    family, escalation. A *veto* cue ("approve", "green light") there, negated or after "only", is a
    veto used as leverage ("we will not approve their membership until ..."): its family, pressure.
    The cue must stand within :data:`_ACT_REACH` characters of the condition's marker, outside the
    condition itself. The term reads as the cue and the marker ("approve … until").
    """
    acting = {row[0] for row in matched if any(m[0] == "act" for m in row[4])}
    if not acting:
        return matched
    if conditions is None:
        conditions = to_conditions(statements[statements["statement_id"].isin(acting)], story=story)
    found: dict = {}
    if len(conditions) and "start" in conditions:
        picked = conditions[conditions["statement_id"].isin(acting) & conditions["start"].notna()]
        for sid, start, end, marker, marker_start in zip(picked["statement_id"], picked["start"], picked["end"],
                                                         picked["marker"], picked["marker_start"]):
            at = int(start) if pd.isna(marker_start) else int(marker_start)
            found.setdefault(sid, []).append((min(at, int(start)), int(end), at,
                                              marker.lower() if isinstance(marker, str) else ""))
    contents = dict(zip(statements["statement_id"], statements["content"]))
    out = []
    for sid, aid, party, base, matches in matched:
        if sid in acting:
            words = [m for m in matches if m[0] != "act"]
            acts = [a for a in (_act(m, found.get(sid, ()), contents[sid], base) for m in matches if m[0] == "act")
                    if a is not None and not any(w[0] == "framing" and w[1] == a[1] and w[3] < a[4] and a[3] < w[4]
                                                 for w in words)]  # "pay a price" is a term of its own already
            matches = sorted(words + acts, key=lambda m: (m[3], m[0])) if acts else words
        out.append((sid, aid, party, base, matches))
    return out


def _act(cue: tuple, conditions: list, content: str, base: int) -> tuple | None:
    """Return the framing term an act cue makes beside a statement's conditions, or None."""
    _, label, term, start, end, _, denied = cue
    act, family = label.split(":", 1)
    where = base + start
    for first, last, marker_at, marker in conditions:
        if first <= where < last or abs(where - marker_at) > _ACT_REACH:
            continue
        named = f"{term} … {marker}" if marker else term
        if act == "threat" and not denied:
            return "framing", family, named, start, end, 0.0, False
        if act == "veto" and (denied or _ONLY.search(content, max(0, min(where, marker_at) - base - _ACT_REACH),
                                                     max(start, marker_at - base))):
            return "framing", family, named, start, end, 0.0, False
    return None


#: How far (characters) an act cue may stand from its condition's marker: about one sentence.
_ACT_REACH = 160
_ONLY = re.compile(r"\bonly\b", re.I)


# --------------------------------------------------------------------------- denial
# Each word of a content gets one letter (its kind in negation.csv, "w" for any other word,
# "T" for the last word of a denied term, "-" for the earlier words of a multiword cue, "x"
# for inert words); the rules are regular expressions over the letters just before a term.

_LETTERS = {"negator": "n", "negative_determiner": "N", "contrast": "c", "contrast_in_clause": "C",
            "denial_verb": "D", "rejection_verb": "r", "claim_noun": "k", "not_negation": "x",
            "scope": "t", "auxiliary": "a", "determiner": "d", "pronoun": "p", "preposition": "i",
            "complementizer": "h", "boundary": "b", "coordinator": "o", "conjunction": "A", "dismissal": "z",
            "futile": "y"}
_CUES = "nNcCDrk"  # the letters of cues; a multiword cue acts from its last word
_DENIABLE = frozenset({"framing", "hedge", "booster", "act"})
_NEGATION_WINDOW, _DENIAL_WINDOW = 5, 9  # most words between the cue and the term

_MODIFIERS = "[wT]{0,2}"                    # "full", "US troop" before the term
_NP = f"(?:(?<=[dN]){_MODIFIERS})?"         # modifiers only after a determiner or "no"
_CHAIN = "[tadp]*"                          # "is", "plans to", "about", "a", "it"
_CLAUSE = f"(?:p|d?{_MODIFIERS}){_CHAIN}{_NP}"  # a subject, its verb chain, the term's phrase
#: "not a withdrawal", "no plans to withdraw", "no troops will leave", "rather than a withdrawal"
#: "should not expect them to back it": a negated scope verb, its object and "to"
_NEGATED = re.compile(rf"(?:[nc]{_CHAIN}(?:(?<=t)(?:p|d?w{{1,2}})t+{_CHAIN})?|N(?:{_CHAIN}|[wT]{{1,2}}a{_CHAIN})){_NP}$")
#: "denied any withdrawal", "denied that troops would leave", "rejected claims of a withdrawal"
#: "rejects any attempt to portray the talks as a threat": what the claim calls something
_DENIED = re.compile(rf"(?:Dd?{_MODIFIERS}|Dh{_CLAUSE}|[Dr]d?{_MODIFIERS}k[th]?{_CLAUSE}"
                     rf"|[Dr]d?{_MODIFIERS}kt+(?:p|d?[wT]{{1,3}})t{_CHAIN}{_NP})$")
#: "not up for discussion, negotiation or debate": a list after a denied term shares its denial
_LISTED = re.compile(r"\s*,\s*(?:(?:and|or|nor)\s+)?(?:(?:a|an|the|any)\s+)?")
#: "will not withdraw or reduce": the second term shares the first one's negation
_COORDINATED = re.compile(rf"To(?:d?{_MODIFIERS})$")
#: "did not rule out": a negated denial verb denies nothing
_NEGATED_VERB = re.compile(r"[nN][tadp]*$")
#: punctuation that ends a clause; a full stop only after a word longer than a letter ("U.S.")
_BREAK = re.compile(r"[,;:!?()\[\]{}—–…]|\s-\s|(?<=\w\w)\.(?!\w)")


_HAVE = frozenset({"have", "has", "had", "having"})


@dataclass(frozen=True)
class _Scope:
    words: dict        # one word -> letter
    phrases: dict      # several words -> letter
    longest: int
    firsts: frozenset  # first words of phrases
    dismissals: frozenset  # the one-word dismissals ("baseless"): a content without them needs no look past its terms
    dismissal_phrases: tuple  # the others ("without basis"), looked for in the lowered content
    cues: frozenset  # every word that can start a negation or denial: a content without one denies nothing


@built_from("negation.csv")
def _scope() -> _Scope:
    words, phrases = {}, {}
    for row in read_lexicon("negation.csv"):
        term, letter = normalize(row["term"]), _LETTERS[row["kind"].strip()]
        (phrases if " " in term else words).setdefault(term, letter)
    longest = max((len(t.split()) for t in phrases), default=1)
    dismissals = frozenset(t for t, letter in words.items() if letter in "zy")
    dismissal_phrases = tuple(t for t, letter in phrases.items() if letter in "zy")
    # a claim noun denies only with a denial verb or a dismissal, which are cues themselves
    cues = frozenset(t.split()[0] for t, letter in {**words, **phrases}.items() if letter in "nNcCDrzy")
    return _Scope(words, phrases, longest, frozenset(t.split()[0] for t in phrases), dismissals, dismissal_phrases,
                  cues)


def _with_denials(words: _Words, found: list[tuple]) -> list[tuple]:
    """Return ``found`` with a ``denied`` flag appended to each term (see :func:`phrasing_terms`)."""
    if not any(f[0] in _DENIABLE for f in found):
        return [(*f, False) for f in found]
    starts = words.starts
    scope = _scope()
    if scope.cues.isdisjoint(words.tokens):  # no negation, denial or contrast: nothing is denied (most contents)
        return [(*f, False) for f in found]
    # a dismissal after the term ("allegations of violence were absurd") needs the words after it too
    dismissed = not scope.dismissals.isdisjoint(words.tokens)
    if not dismissed and scope.dismissal_phrases:
        lowered = words.content.lower()
        dismissed = any(p in lowered for p in scope.dismissal_phrases)
    last_term = len(starts) if dismissed else bisect_right(starts, max(f[3] for f in found if f[0] in _DENIABLE))
    letters, clause = _letters(words, last_term)
    out, before = [], None  # before: the previous deniable term's end and whether it was denied
    for f in found:  # left to right, so "or reduce" sees that "withdraw" was denied
        first = bisect_right(starts, f[3]) - 1
        deniable = f[0] in _DENIABLE
        denied = deniable and (
            first > 0 and _is_denied(letters, clause[first], first) or (dismissed and _is_dismissed(letters, clause, first))
            or (before is not None and before[1] and _LISTED.fullmatch(words.content, before[0], f[3]) is not None))
        last = min(bisect_left(starts, f[4]), len(letters)) - 1
        if denied and letters[last] == "w":  # a scope word keeps its letter: "not considering a withdrawal"
            letters[last] = "T"
        if deniable:
            before = (f[4], denied)
        out.append((*f, denied))
    return out


def _is_dismissed(letters: list, clause: list, i: int) -> bool:
    """Tell whether the term at word ``i`` is what a dismissed claim says ("claims of an attack are baseless")
    or is called futile ("the talks are now pointless")."""
    start = clause[i]
    end = i + 1
    while end < len(letters) and clause[end] == start:
        end += 1
    after = "".join(letters[i + 1:min(end, i + 1 + _DENIAL_WINDOW)])
    return "k" in letters[start:i] and "z" in after or _FUTILE.search(after) is not None


#: "talks with them are now pointless", "a withdrawal is off the table": the term's clause calls it futile
_FUTILE = re.compile(r"^[wTdip]*a+[tw]?y")


def _is_denied(letters: list, clause_start: int, i: int) -> bool:
    """Tell whether the term at word ``i`` is negated or denied by the words before it in its clause."""
    near = "".join(letters[max(clause_start, i - _NEGATION_WINDOW - 1):i])
    wide = "".join(letters[max(clause_start, i - _DENIAL_WINDOW - 1):i])
    return bool(_NEGATED.search(near) or _DENIED.search(wide) or _COORDINATED.search(wide))


#: Most words of a parenthesis after a negation ("not, under any circumstances, ...").
_PARENTHESIS = 4


def _letters(words: _Words, count: int) -> tuple[list, list]:
    """Return the letter of each of the first ``count`` words and the index of the first word of its clause."""
    scope = _scope()
    tokens, starts = words.tokens[:count], words.starts[:count]
    letters = [scope.words.get(t, "w") for t in tokens]
    for j, t in enumerate(tokens[:-1]):  # "can't have a nuclear weapon": a possessive "have" is a verb, not an auxiliary
        if t in _HAVE and letters[j + 1] == "d":
            letters[j] = "w"
    taken = 0
    for i in [i for i, t in enumerate(tokens) if t in scope.firsts]:
        n = 0 if i < taken else _phrase_at(words, i, min(scope.longest, count - i), scope)
        if n:
            letter = scope.phrases[" ".join(tokens[i:i + n])]
            letters[i:i + n] = ["-"] * (n - 1) + [letter] if letter in _CUES else [letter] * n
            taken = i + n
    breaks = [m.start() for m in _BREAK.finditer(words.content, 0, starts[-1] if starts else 0)]
    clause, start, b, kept = [], 0, 0, -1  # kept: a break that ends no clause
    for j, word_start in enumerate(starts):
        while b < len(breaks) and breaks[b] < word_start:
            if j and letters[j - 1] in "nN" and b + 1 < len(breaks):
                # "there is no, absolutely no, negotiation", "we will not, under any circumstances, leave":
                # a negation goes on past its parenthesis
                inside = bisect_left(starts, breaks[b + 1]) - j
                if inside <= _PARENTHESIS:
                    kept = b + 1
                    letters[j:j + inside] = [x if x in "nN" else "a" for x in letters[j:j + inside]]
            elif b != kept:
                start = j
            b += 1
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


def _statement_matches(statements: pd.DataFrame, *, story=None, conditional=None):
    """Yield ``(statement_id, article_id, party, content_start, matches)`` per statement (no matches without text).

    ``story`` (a resolved Story) supplies the framing families; ``conditional``, the ids of the
    statements with conditions (None: not known), which alone can hold an act.
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
        matches = _find(content, matchers, acts=conditional is None or sid in conditional)
        if cue not in denials:
            denials[cue] = _denial_cue(cue)
        if denials[cue]:  # "The Pentagon denied | that US forces would withdraw": the cue denies it all
            matches = [(*m[:6], m[6] or m[0] in _DENIABLE) for m in matches]
        yield sid, aid, None if pd.isna(party) else party, base, matches


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
