"""Find the same statement reprinted by several articles, so that a wire quote counts once, not once per outlet.

A quote from a news agency is carried by every outlet that takes the wire,
re-quoted by others, trimmed to fit a paragraph or lightly edited. Each
carrying article yields its own statement row, so a quote reprinted by ten
outlets weighs ten times in every per-government figure. :func:`add_quote_ids`
gives all the reports of one quote the same ``quote_id``;
:func:`unique_statements` keeps one row per quote, and :func:`provenance`
lists who carried each quote and when::

    statements = add_quote_ids(analysis.statements, analysis.articles)
    summaries.sentiment(statements)                      # every report counts
    summaries.sentiment(unique_statements(statements))   # every quote counts once
    provenance(statements, analysis.articles)            # who carried each quote, when

Which reports are one quote
---------------------------
Two statements are reports of one quote when their contents match after
normalisation (Unicode NFKC, case folded, curly and straight quotes,
dashes and all other punctuation turned into spaces) and they may come from
one mouth:

* **Who.** Both have the same government (``party``), or the same
  ``speaker`` (case and spacing aside) where a party is missing on one side.
  Two different governments never share a quote: a joint statement keeps one
  row per government, so each government's count still has it. Statements
  with neither party nor speaker merge only with each other, and only when
  their normalised contents are identical and at least
  :data:`UNATTRIBUTED_MIN_WORDS` words long: without a speaker nothing says
  that two similar sentences came from one mouth, but a long verbatim
  passage reprinted word for word is one report copied. Statements without
  content never merge.
* **What.** ``fuzz.ratio`` of the normalised contents is at least
  :data:`SAME_RATIO` (small edits: a changed word, a dropped comma), or the
  shorter one has at least :data:`CONTAINED_MIN_WORDS` words and
  ``fuzz.partial_ratio`` (the best-aligned window of the longer) is at least
  :data:`CONTAINED_RATIO` (a trimmed or extended quote, possibly with a small
  edit too). Either way the shorter one's numbers and month names must all be
  in the longer one: "the drawdown will begin in September" and "... in
  December" are two statements, though the strings score 93.

Matches are joined transitively (a trimmed copy and an edited copy of the
same wire quote are one quote through the original), in report order; a
quote never spans two governments, so a statement with a speaker but no
party joins the first government's quote it matches. Transitivity can chain
(A like B, B like C, A unlike C); with the thresholds below that takes two
near-identical statements in a row, which the benchmark never produced.

Why rapidfuzz
-------------
rapidfuzz (C++, MIT, maintained) scores a pair of quotes in microseconds and has
``partial_ratio``, the score for a quote that one outlet trimmed and another
kept whole. MinHash LSH (datasketch) estimates Jaccard similarity of word
sets, which falls with the length difference: a quote trimmed to half its
words has Jaccard 0.5 with the full one, so containment would need
LSH Ensemble and a second verification step anyway. Not every pair is
compared: identical normalised contents are grouped first (most wire copies),
then only pairs that share at least two of a statement's
:data:`SIGNATURE_TOKENS` rarest words (one for a statement that has fewer)
are scored. A trimmed quote keeps its rare words, and one changed word
leaves the others, so true reprints are still candidates; different quotes
rarely share rare words, so the candidates stay few: 20,000 statements in
about two seconds of CPU time (``benchmarks/bench_reprints.py``).

Which id, which report is canonical
-----------------------------------
Reports are ordered by ``published`` (earliest first; undated last), then
``article_id``, then ``statement_id``. A quote's ``quote_id`` is the
``statement_id`` of its first report, and that report is its **canonical**
one (the earliest known, usually the wire copy): its content, speaker and
scores stand for the quote in :func:`unique_statements` and
:func:`provenance`. So ids do not depend on row order, and are the same on
every run; a newly added article published earlier than all known reports
of a quote becomes its canonical report and gives it a new id.
"""
from __future__ import annotations

import re
import unicodedata
import numpy as np
import pandas as pd
from rapidfuzz import fuzz

__all__ = ["SAME_RATIO", "CONTAINED_RATIO", "CONTAINED_MIN_WORDS", "UNATTRIBUTED_MIN_WORDS", "SIGNATURE_TOKENS",
           "PROVENANCE_COLUMNS", "add_quote_ids", "framings", "provenance", "unique_statements"]

#: ``fuzz.ratio`` (0-100) at or above which two whole contents are one quote. One changed word in a
#: ten-word quote scores about 90; two different sentences by one speaker on one topic rarely pass 70.
SAME_RATIO = 88
#: ``fuzz.partial_ratio`` at or above which a shorter content is a trimmed copy of a longer one. Higher
#: than :data:`SAME_RATIO` because a short string finds a fairly good window in almost any long one.
CONTAINED_RATIO = 92
#: Words a shorter content needs before containment counts: "the timeline will evolve" is a phrase many
#: quotes share, a six-word stretch of one quote rarely belongs to another.
CONTAINED_MIN_WORDS = 6
#: Words two contents without party or speaker need to merge (identical after normalisation only).
UNATTRIBUTED_MIN_WORDS = 8
#: The rarest words of a content that find its candidates: four survive a trim or two edited words.
SIGNATURE_TOKENS = 4

#: Columns of :func:`provenance`.
PROVENANCE_COLUMNS = ["quote_id", "party", "speaker", "content", "canonical_article", "reports", "statements",
                      "speakers", "articles", "sources", "dates", "first", "last", "undated"]

#: Share of a shorter content's distinct words that must be in the longer before partial_ratio is tried; a
#: trimmed copy with an edited word or two keeps far more, another quote on the same topic far fewer.
_CONTAINED_WORDS = 0.7
#: Words whose change makes another statement, not an edited copy (numbers count too): one word apart,
#: "the drawdown will begin in September" and "... in December" score 93.
_MONTHS = frozenset("january february march april may june july august september october november december"
                    .split()) - {"may"}  # "may" is mostly the modal verb
#: Candidate lookups done at once (index entries): about 50 MB of arrays, whatever the corpus.
_CHUNK = 1_000_000
_DIGIT = re.compile(r"\d")
_NON_WORD = re.compile(r"[\W_]+")
_ISO = r"\d{4}-\d\d-\d\d"


def add_quote_ids(statements: pd.DataFrame, articles: pd.DataFrame | None = None, *, same_ratio: float = SAME_RATIO,
                  contained_ratio: float = CONTAINED_RATIO,
                  contained_min_words: int = CONTAINED_MIN_WORDS) -> pd.DataFrame:
    """Give every report of the same quote one ``quote_id`` and count the articles that carry it.

    Parameters
    ----------
    statements : pandas.DataFrame
        Columns ``statement_id``, ``article_id``, ``speaker``, ``party`` and
        ``content``; ``published`` is used when there is no ``articles``.
    articles : pandas.DataFrame, optional
        ``article_id`` and ``published``, to order reports by date (without a
        date they are ordered by ``article_id``, then ``statement_id``).
    same_ratio, contained_ratio, contained_min_words
        The thresholds (default :data:`SAME_RATIO`, :data:`CONTAINED_RATIO`,
        :data:`CONTAINED_MIN_WORDS`).

    Returns
    -------
    pandas.DataFrame
        A copy of ``statements`` (same rows, same order) with ``quote_id``
        (the ``statement_id`` of the quote's earliest report; see the module
        docstring for the matching rule) and ``reports`` (how many distinct
        articles carry the quote).
    """
    out = statements.copy()
    if not len(out):
        out["quote_id"] = pd.Series(dtype=object)
        out["reports"] = pd.Series(dtype="int64")
        return out
    order = np.argsort(_rank(out, articles), kind="stable")
    ids = out["statement_id"].astype(str).to_numpy()[order]
    unit_of_row, unit_keys = _units(_nullable(out["content"])[order], _nullable(out["party"])[order],
                                    _nullable(out["speaker"])[order])
    # Units are numbered in the order of their first row's rank, so processing pairs by unit number is
    # processing them in a fixed order that does not depend on the input's row order.
    parent = list(range(len(unit_keys)))
    owner = [key[1] if key[0] is not None else None for key in unit_keys]  # a component's party, once it has one
    _join_matches(unit_keys, parent, owner, same_ratio, contained_ratio, contained_min_words)
    quote = _first_ids(ids, [_find(parent, u) for u in unit_of_row])
    back = np.empty_like(order)
    back[order] = np.arange(len(order))
    out["quote_id"] = quote[back]
    out["reports"] = out.groupby("quote_id", sort=False)["article_id"].transform("nunique").astype("int64")
    return out


def unique_statements(statements: pd.DataFrame, articles: pd.DataFrame | None = None, **options) -> pd.DataFrame:
    """Keep one row per quote: its canonical (earliest) report, with ``reports`` saying how many carry it.

    Every function of :mod:`parley.summaries` then counts each quote once per
    government: ``summaries.sentiment(unique_statements(s, articles))``
    against ``summaries.sentiment(s)`` for every report. Conditions need no
    filtering: :func:`parley.summaries.conditionality` counts only the
    conditions of the statements it is given, here the canonical reports'.
    The canonical report stands for the quote: when it is a trimmed copy,
    what the longer copies add (a condition in the cut tail) is not counted.

    Parameters
    ----------
    statements : pandas.DataFrame
        Statements, with ``quote_id`` and ``reports`` from
        :func:`add_quote_ids` or without (they are then added, with
        ``articles`` and ``options`` passed on).
    articles : pandas.DataFrame, optional
        As for :func:`add_quote_ids`.
    **options
        Thresholds for :func:`add_quote_ids`.

    Returns
    -------
    pandas.DataFrame
        The canonical rows (``statement_id == quote_id``) in their original
        order, index kept.
    """
    if "quote_id" not in statements:
        statements = add_quote_ids(statements, articles, **options)
    return statements[statements["statement_id"].astype(str) == statements["quote_id"]].copy()


def framings(statements: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Show how each outlet frames a quote that several articles carry: its reporting verb, sentence and headline.

    Parameters
    ----------
    statements : pandas.DataFrame
        Every report, with ``quote_id`` and ``reports`` (see :func:`add_quote_ids`).
    sentences : pandas.DataFrame
        The sentences (``sentence_id``, ``text``).
    articles : pandas.DataFrame
        The articles (``article_id``, ``source``, ``published``, ``title``).

    Returns
    -------
    pandas.DataFrame
        One row per report of each quote carried by more than one article,
        grouped by quote (earliest report first): ``quote_id``, ``party``,
        ``speaker``, ``source``, ``published``, ``title``, ``speaker_mention``
        (how the outlet named the speaker), ``cue`` (the reporting verb the
        outlet chose: "said", "warned", "admitted") and ``sentence`` (the
        outlet's sentence that carries it).
    """
    columns = ["quote_id", "party", "speaker", "source", "published", "title", "speaker_mention", "cue", "sentence"]
    shared = statements[statements["reports"] > 1] if len(statements) else statements
    if shared.empty:
        return pd.DataFrame(columns=columns)
    text = dict(zip(sentences["sentence_id"], sentences["text"]))
    meta = articles.drop_duplicates("article_id").set_index("article_id")
    frame = shared.assign(source=shared["article_id"].map(meta["source"]),
                          published=shared["article_id"].map(meta["published"]),
                          title=shared["article_id"].map(meta["title"]),
                          sentence=shared["sentence_id"].map(text))
    order = {quote: n for n, quote in enumerate(dict.fromkeys(frame.loc[frame["statement_id"] == frame["quote_id"],
                                                                          "quote_id"]))}
    frame = frame.assign(_order=frame["quote_id"].map(order).fillna(len(order)),
                         _first=frame["statement_id"] != frame["quote_id"])
    return frame.sort_values(["_order", "_first", "published"], kind="stable", na_position="last")[
        columns].reset_index(drop=True)


def provenance(statements: pd.DataFrame, articles: pd.DataFrame, **options) -> pd.DataFrame:
    """List each quote once with the outlets and dates that carried it.

    Parameters
    ----------
    statements : pandas.DataFrame
        Statements, with or without ``quote_id`` (added by
        :func:`add_quote_ids` with ``options`` when missing).
    articles : pandas.DataFrame
        ``article_id``, ``source`` and ``published``. An article without a
        date is listed among the reports (date None), not dropped.
    **options
        Thresholds for :func:`add_quote_ids`.

    Returns
    -------
    pandas.DataFrame
        One row per quote, earliest first, columns ``PROVENANCE_COLUMNS``:
        ``quote_id``; ``party``, ``speaker`` and ``content`` of the canonical
        (earliest) report, which is ``canonical_article``; ``reports``
        (distinct articles) and ``statements`` (rows: an article may repeat
        a quote); ``speakers`` (every speaker name the reports give);
        ``articles``, ``sources`` and ``dates``, tuples with one entry per
        article in report order, so the i-th source published on the i-th
        date (None where unknown); ``first`` and ``last`` date (of the
        YYYY-MM-DD dates; None when there is none); ``undated`` (reports
        without a date).
    """
    if "quote_id" not in statements:
        statements = add_quote_ids(statements, articles, **options)
    if not len(statements):
        return pd.DataFrame(columns=PROVENANCE_COLUMNS)
    meta = articles.drop_duplicates("article_id").set_index("article_id")
    order = np.argsort(_rank(statements, articles), kind="stable")
    frame = statements.iloc[order]
    columns = {"quote": frame["quote_id"], "article": frame["article_id"], "party": frame["party"],
               "speaker": frame["speaker"], "content": frame["content"],
               "source": frame["article_id"].map(meta["source"]), "date": frame["article_id"].map(meta["published"])}
    quotes: dict[str, dict] = {}
    # Plain lists in report order: the first row of a quote is its canonical report.
    for quote, article, party, speaker, content, source, date in zip(
            *(_nullable(c.astype(object)).tolist() for c in columns.values())):
        row = quotes.get(quote)
        if row is None:
            row = quotes[quote] = {"quote_id": quote, "party": party, "speaker": speaker, "content": content,
                                   "canonical_article": article, "statements": 0, "speakers": {}, "articles": {}}
        row["statements"] += 1
        if speaker is not None:
            row["speakers"].setdefault(speaker)
        row["articles"].setdefault(article, (source, date))
    rows = []
    for row in quotes.values():
        reports = row.pop("articles")
        dates = [date for _, date in reports.values()]
        known = sorted(d for d in dates if d is not None and re.fullmatch(_ISO, str(d)))
        rows.append({**row, "reports": len(reports), "speakers": tuple(row["speakers"]), "articles": tuple(reports),
                     "sources": tuple(source for source, _ in reports.values()), "dates": tuple(dates),
                     "first": known[0] if known else None, "last": known[-1] if known else None,
                     "undated": sum(d is None for d in dates)})
    return pd.DataFrame(rows, columns=PROVENANCE_COLUMNS)


# --------------------------------------------------------------------------- matching

def _units(contents: np.ndarray, parties: np.ndarray, speakers: np.ndarray) -> tuple[np.ndarray, list[tuple]]:
    """Group rows whose normalised content, party and speaker are all identical (most wire copies) into units.

    Parameters
    ----------
    contents, parties, speakers : numpy.ndarray
        The rows' contents, parties and speakers in report order (None where missing).

    Returns
    -------
    (numpy.ndarray, list of tuple)
        Each row's unit, and each unit's key ``(normalised content, party,
        speaker key)`` in order of first row; a row without content, or short
        and unattributed, is a unit of its own, keyed ``(None, row)``.
    """
    unit_of_row = np.empty(len(contents), dtype=np.int64)
    units: dict[tuple, int] = {}
    unit_keys: list[tuple] = []
    for row, (content, party, speaker) in enumerate(zip(contents, parties, speakers)):
        text, speaker = _normalise(content), _speaker_key(speaker)
        attributed = party is not None or speaker is not None
        long_enough = len(text.split()) >= UNATTRIBUTED_MIN_WORDS
        if not text or not (attributed or long_enough):
            key = (None, row)  # no content, or short and unattributed: never merges (texts are str)
        else:
            key = (text, party, speaker)
        if key not in units:
            units[key] = len(unit_keys)
            unit_keys.append(key)
        unit_of_row[row] = units[key]
    return unit_of_row, unit_keys


def _first_ids(ids: np.ndarray, roots: list[int]) -> np.ndarray:
    """Return each row's quote id: the id of the first row (in rank order) of its component (``roots``)."""
    first_row: dict[int, int] = {}
    for row, root in enumerate(roots):
        first_row.setdefault(int(root), row)
    return np.array([ids[first_row[int(root)]] for root in roots], dtype=object)


def _join_matches(unit_keys: list[tuple], parent: list[int], owner: list, same_ratio: float,
                  contained_ratio: float, contained_min_words: int) -> None:
    """Join the components of units that are reports of one quote (``parent``, ``owner``: the union-find)."""
    fuzzy = [i for i, key in enumerate(unit_keys) if key[0] is not None and (key[1] is not None or key[2] is not None)]
    tokens = {i: set(unit_keys[i][0].split()) for i in fuzzy}
    facts = {i: _specifics(unit_keys[i][0], tokens[i]) for i in fuzzy}
    # Pairs (i, j) where j holds at least two of i's rarest words (one if i has fewer than three words), in
    # the order (i, j): units are numbered in rank order, so the joins happen in a fixed order and the result
    # does not depend on the input's row order. A pair already in one component is not scored again.
    for i, j in _candidates(fuzzy, tokens):
        if _find(parent, i) == _find(parent, j):
            continue
        text, party, speaker = unit_keys[i]
        other, other_party, other_speaker = unit_keys[j]
        if (_same_mouth(party, speaker, other_party, other_speaker)
                and _similar(text, other, tokens[i], tokens[j], facts[i], facts[j], same_ratio, contained_ratio,
                             contained_min_words)):
            _union(parent, owner, i, j)


def _candidates(units: list[int], tokens: dict[int, set]) -> list[tuple[int, int]]:
    """Return the sorted pairs ``(i, j)``, i != j, where unit j has at least two of unit i's rarest words."""
    if not units:
        return []
    vocabulary = sorted({t for i in units for t in tokens[i]})  # numbered in string order: ties break by word
    number = {t: n for n, t in enumerate(vocabulary)}
    # One entry per (unit, word); the same entries, sorted by word, are the postings.
    entry_unit = np.fromiter((i for i in units for _ in tokens[i]), dtype=np.int64)
    entry_word = np.fromiter((number[t] for i in units for t in tokens[i]), dtype=np.int64)
    sizes = np.bincount(entry_word, minlength=len(vocabulary))
    by_word = np.argsort(entry_word, kind="stable")
    post_unit = entry_unit[by_word]
    starts = np.cumsum(sizes) - sizes
    # Each unit's SIGNATURE_TOKENS rarest words: sort its entries by (unit, frequency, word), keep the first.
    order = np.lexsort((entry_word, sizes[entry_word], entry_unit))
    entry_unit, entry_word = entry_unit[order], entry_word[order]
    first = np.searchsorted(entry_unit, entry_unit)
    keep = np.arange(len(entry_unit)) - first < SIGNATURE_TOKENS
    query_unit, query_word = entry_unit[keep], entry_word[keep]
    width = max(units) + 1
    need = np.where(np.bincount(query_unit, minlength=width) >= 3, 2, 1)
    # Every (query unit, unit sharing one of its rarest words), counted: pairs sharing enough are candidates.
    # In slices of whole query units, so that memory stays bounded when rare words are not rare.
    lengths = sizes[query_word]
    ends = np.cumsum(lengths)
    unit_end = np.flatnonzero(np.append(query_unit[1:] != query_unit[:-1], True)) + 1  # entries up to each unit
    cuts = np.unique(np.searchsorted(ends[unit_end - 1], np.arange(_CHUNK, ends[-1], _CHUNK)))
    bounds = [0, *unit_end[np.minimum(cuts, len(unit_end) - 1)].tolist(), len(query_unit)]
    out = []
    for lo, hi in zip(bounds, bounds[1:]):
        if lo >= hi:
            continue
        part = lengths[lo:hi]
        left = np.repeat(query_unit[lo:hi], part)
        offsets = np.arange(part.sum()) - np.repeat(np.cumsum(part) - part, part)
        right = post_unit[np.repeat(starts[query_word[lo:hi]], part) + offsets]
        pairs, counts = np.unique(left * width + right, return_counts=True)
        left, right = pairs // width, pairs % width
        keep = (counts >= need[left]) & (left != right)
        out.extend(zip(left[keep].tolist(), right[keep].tolist()))
    return out


def _same_mouth(party, speaker, other_party, other_speaker) -> bool:
    """Say whether two statements may be one quote: same government, or same speaker where a party is missing."""
    if party is not None and other_party is not None:
        return party == other_party
    return speaker is not None and speaker == other_speaker


def _similar(a: str, b: str, a_words: set, b_words: set, a_facts: set, b_facts: set, same_ratio: float,
             contained_ratio: float, contained_min_words: int) -> bool:
    """Say whether two normalised contents are one quote: near-identical, or one a trimmed copy of the other."""
    short, words, other = (a, a_words, b_words) if len(a) <= len(b) else (b, b_words, a_words)
    if not (a_facts <= b_facts if len(a) <= len(b) else b_facts <= a_facts):
        return False  # "begin in September" is not "begin in December", however alike the strings
    if fuzz.ratio(a, b, score_cutoff=same_ratio):
        return True
    # partial_ratio is the costly score: skip it when too few of the shorter's words are in the longer at all.
    if len(short.split()) < contained_min_words or len(words & other) < _CONTAINED_WORDS * len(words):
        return False
    return bool(fuzz.partial_ratio(a, b, score_cutoff=contained_ratio))


def _specifics(text: str, words: set) -> set:
    """Return the words of a normalised text that carry a fact an edit must not change: numbers and months."""
    months = words & _MONTHS
    return months | {w for w in words if not w.isalpha()} if _DIGIT.search(text) else months


def _find(parent: list[int], u: int) -> int:
    while parent[u] != u:
        parent[u] = parent[parent[u]]
        u = parent[u]
    return u


def _union(parent: list[int], owner: list, a: int, b: int) -> None:
    """Join two units' components, unless that would put two governments in one quote."""
    ra, rb = _find(parent, a), _find(parent, b)
    if ra == rb or (owner[ra] is not None and owner[rb] is not None and owner[ra] != owner[rb]):
        return
    low, high = min(ra, rb), max(ra, rb)  # the root is the earlier unit: a fixed choice
    parent[high] = low
    owner[low] = owner[low] if owner[low] is not None else owner[high]


# --------------------------------------------------------------------------- helpers

def _rank(statements: pd.DataFrame, articles: pd.DataFrame | None) -> np.ndarray:
    """Return each row's position in report order: published (undated last), article_id, statement_id."""
    if articles is not None and "published" in articles:
        dates = statements["article_id"].map(articles.drop_duplicates("article_id").set_index("article_id")
                                             ["published"])
    elif "published" in statements:
        dates = statements["published"]
    else:
        dates = pd.Series(None, index=statements.index, dtype=object)
    dates = dates.astype(object).where(dates.astype(str).str.fullmatch(_ISO).fillna(False), None)
    key = pd.DataFrame({"undated": dates.isna().to_numpy(), "date": dates.fillna("").astype(str).to_numpy(),
                        "article": statements["article_id"].astype(str).to_numpy(),
                        "statement": statements["statement_id"].astype(str).to_numpy()})
    order = key.sort_values(["undated", "date", "article", "statement"], kind="stable").index.to_numpy()
    rank = np.empty(len(key), dtype=np.int64)
    rank[order] = np.arange(len(key))
    return rank


def _normalise(content) -> str:
    """Return the words of a content, case folded, quotes, dashes and punctuation dropped."""
    if content is None:
        return ""
    return " ".join(_NON_WORD.sub(" ", unicodedata.normalize("NFKC", str(content)).casefold()).split())


def _speaker_key(speaker) -> str | None:
    return " ".join(str(speaker).casefold().split()) or None if speaker is not None else None


def _nullable(series: pd.Series) -> np.ndarray:
    """Return the values as objects with every missing value as None."""
    return series.astype(object).where(series.notna(), None).to_numpy()
