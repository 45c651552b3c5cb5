"""Split English text into sentences with exact character offsets.

The splitter is rule-based, offline and regex-driven: one compiled pattern
finds the few places where a sentence *could* end (terminal punctuation,
optionally followed by closing quotes or brackets, then whitespace) and cheap
checks on the word before and the word after decide each one.  Text is never
copied or normalised, so every span indexes the caller's string exactly.

Rules, in the order they apply
------------------------------
* Lines are paragraphs: every line break (``\\n``, ``\\r``, ``\\u2028`` ...)
  ends a sentence.  The 48 Golden Rules used as the benchmark contain no line
  break inside a sentence; the Ruby Pragmatic Segmenter's PDF rules that join
  wrapped lines are deliberately not followed, because our articles hold one
  paragraph per line.
* A bullet (``•``, ``⁃``, ...) after whitespace starts a new sentence, and a
  line that opens with a list marker (``1.``, ``1)``, ``1.)``, ``a.``) is cut
  before each following marker of the same style and next number or letter.
* No sentence ends inside a matched pair of quotes or brackets (straight or
  curly, double or single, parentheses, square brackets, guillemets) on the
  same line; a boundary right after the closing mark is allowed.  An
  apostrophe inside a word (``Iraq’s``, ``don't``) or eliding digits
  (``'90s``) is never taken as a quote.
* A candidate followed by a lowercase word never ends a sentence.
* ``!`` and ``?`` (also ``?!``, ``!!``) end a sentence otherwise.
* ``...`` / ``…`` end a sentence before a capitalised word; the spaced
  ellipsis ``. . .`` does not; four dots are an ellipsis plus a full stop
  (``that.... She``, ``period . . . . Next``), and ``word. . . . The`` ends
  after ``word.`` (MLA style).  ``[...]`` never ends a sentence.
* After a single ``.`` the word before decides, using the lexicon
  ``lib/parley/lexicons/abbreviations.csv``: a *title* (Mr, Gen, Lt, St, ...) never
  ends a sentence before a capitalised word; a *number* abbreviation (No, p,
  Fig, ...) does not before a digit; a *month* or *other* abbreviation
  (Jan, Inc, etc, U.S, ...), a dotted acronym (``E.U.``, ``J.R.R.``) and a
  single capital (``E.`` in ``Jonas E. Smith``) end a sentence only before a
  typical sentence starter (The, He, It, How, ...); a *time* abbreviation
  (a.m., p.m.) does before any capitalised word unless it closes a short
  opening phrase such as ``At 5 a.m.``.  Before a digit, only a plain word
  or number ends a sentence (``in 2023. 2024 was``, but not ``No. 10``,
  ``Jan. 5``).  ``2.`` or ``b.`` opening a sentence is a list marker.  Any
  other word ends a sentence.

Limitations: a sentence-final abbreviation before a capitalised word that is
not a typical sentence starter is missed (``... in the U.S. Officials ...``);
a sentence that starts with a lowercase word is merged with the previous one;
several sentences inside one quotation stay one sentence with it.
"""
from __future__ import annotations

import re

from ..core import config
from ..core.frames import from_rows
from ..core.lexicons import alternation, built_from, pinned, read_lexicon
from .articles import _blocks

__all__ = ["SENTENCE_COLUMNS", "sentence_spans", "split_sentences", "to_sentences", "dateline_end"]

#: Abbreviation lexicon: ``abbreviation,kind`` with kind in title, month,
#: time, number, other.
_ABBREVIATIONS_CSV = config.LEXICONS / "abbreviations.csv"

_ABBREVIATION_KINDS = frozenset({"title", "month", "time", "number", "other"})

# Words that typically open a sentence; after an ambiguous abbreviation they
# tip the balance towards a boundary.  The first line is the Pragmatic
# Segmenter's list; the rest are frequent openers in news copy that cannot
# continue a name.
_SENTENCE_STARTERS = frozenset(
    "A Being Did For He How However I In It Millions More She That The There They We What When Where Who Why "
    "After Also Although An And As At But Despite During Earlier Each Even Here His Her If Its Last Later "
    "Meanwhile Most Many My No Now On Once Our Some Since So Still Such Their Then These This Those Thus To "
    "Under Until While With Yet You Your".split()
)

# Capitalised openers of a short time phrase: "At 5 a.m. Mr. Smith ...".
_TIME_PHRASE_OPENERS = frozenset("At By Before After Until Till From Around About Since Circa".split())

_LINE_BREAKS = config.LINE_BREAKS

# One trimmed line: from its first to its last non-space character.
_LINE = re.compile(rf"\S(?:[^{_LINE_BREAKS}]*\S)?")

# A run of terminal punctuation (or a spaced ellipsis) and closing
# quotes/brackets; it is a candidate boundary only if group "gap" matched,
# i.e. whitespace or the end of the run follows.  Matching whole runs even
# when they are not candidates keeps the scan linear on "......x".  The
# pattern opens with the one character class (". . ." is a full stop
# followed by spaced stops), so the engine skips ahead to those characters.
_CANDIDATE = re.compile(
    r"""
    (?P<term>[.!?…‽](?:(?<=\.)(?:[ ]\.){2,}+|[.!?…‽]*+))
    [)\]}"'”’»›]*+
    (?P<gap>(?!\S))?
    """,
    re.VERBOSE,
)

# What follows a candidate: whitespace, opening punctuation, the next word.
_NEXT = re.compile(r"\s+([^\w\s]*)(\w*)")

# Dotted acronyms and initials without the final dot: U.S, E.U, J.R.R, a.k.a.
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")

_BULLETS = "•⁃‣◦▪●"
_BULLET = re.compile(f"[{_BULLETS}]")

# A list marker opening a line: 1.  1)  1.)  a.
_LIST_MARKER = re.compile(r"(?:(\d{1,2})|([a-z]))(\.\)|\)|\.)(?=\s)")

# Marks that open or close a protected (no-split) region.
_PAIR_MARK = re.compile(r"[\"'“”‘’()\[\]«»]")
_OPENING_CONTEXT = "([{“‘«\"'—–-/"
_SIMPLE_PAIRS = {"“": ("dq", True), "”": ("dq", False), "‘": ("sq", True),
                 "(": ("paren", True), ")": ("paren", False), "[": ("bracket", True),
                 "]": ("bracket", False), "«": ("guillemet", True), "»": ("guillemet", False)}

_LEADING_OPENERS = "\"'“‘([{«"

# Longest tail of the preceding word inspected (URLs can be much longer).
_MAX_WORD = 32


@built_from("abbreviations.csv")
def _abbreviations() -> dict[str, str]:
    """Load the abbreviation lexicon as a lowercase ``{abbreviation: kind}`` map.

    Returns
    -------
    dict[str, str]
        Abbreviation without its final dot, lowercased, mapped to its kind.
    """
    table = {}
    for row in read_lexicon("abbreviations.csv"):
        kind = row["kind"].strip()
        if kind not in _ABBREVIATION_KINDS:
            raise ValueError(f"{_ABBREVIATIONS_CSV}: unknown kind {kind!r} for {row['abbreviation']!r}")
        table[row["abbreviation"].strip().rstrip(".").lower()] = kind
    return table


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Find the sentences of ``text[start:end]`` as absolute character offsets.

    Parameters
    ----------
    text : str
        The text; offsets index into it.
    start, end : int, optional
        The part of ``text`` to split, with slice semantics (default: all).

    Returns
    -------
    list[tuple[int, int]]
        ``(s, e)`` pairs in order, non-overlapping, such that ``text[s:e]`` is
        a sentence that starts and ends with a non-space character.  Only
        whitespace lies between consecutive spans, so every non-space
        character of ``text[start:end]`` is in exactly one span.

    Notes
    -----
    Every line break ends a sentence (lines are paragraphs).  See the module
    docstring for the full list of rules.
    """
    start, end, _ = slice(start, end).indices(len(text))
    spans: list[tuple[int, int]] = []
    abbreviations = _abbreviations()
    for line in _LINE.finditer(text, start, end):
        ls, le = line.span()
        if _BULLET.search(text, ls, le) is None:
            _split_item(text, ls, le, spans, abbreviations)
            continue
        # Bullets (after whitespace) start items; each item is split alone.
        item_start = ls
        for bullet in _BULLET.finditer(text, ls + 1, le):
            b = bullet.start()
            if text[b - 1].isspace():
                _split_item(text, item_start, _rstrip(text, item_start, b), spans, abbreviations)
                item_start = b
        _split_item(text, item_start, le, spans, abbreviations)
    return spans


def split_sentences(text: str) -> list[str]:
    """Split ``text`` into sentences.

    Parameters
    ----------
    text : str
        The text to split.

    Returns
    -------
    list[str]
        ``[text[s:e] for s, e in sentence_spans(text)]``.
    """
    return [text[s:e] for s, e in sentence_spans(text)]


def _rstrip(text: str, lo: int, hi: int) -> int:
    """Move ``hi`` left past whitespace, not below ``lo``."""
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return hi


def _lstrip(text: str, lo: int, hi: int) -> int:
    """Move ``lo`` right past whitespace, not beyond ``hi``."""
    while lo < hi and text[lo].isspace():
        lo += 1
    return lo


def _split_item(text: str, s: int, e: int, spans: list[tuple[int, int]],
                abbreviations: dict[str, str]) -> None:
    """Split one trimmed list item or line ``text[s:e]``, cutting at list markers first."""
    body = s
    if text[s] in _BULLETS:
        body = _lstrip(text, s + 1, e)
    marker = _LIST_MARKER.match(text, body, e) if body < e else None
    if marker is None:
        _split_run(text, s, e, s, spans, abbreviations)
        return
    # A line opening with "1." / "a)" is a list: cut before "2." / "b)" etc.
    number, letter, style = marker.groups()
    item_start, marker_end = s, marker.end()
    label = int(number) if number else ord(letter)
    while True:
        label += 1
        needle = f"{label if number else chr(label)}{style}"
        found = _find_marker(text, needle, marker_end, e)
        if found < 0:
            break
        _split_run(text, item_start, _rstrip(text, item_start, found), marker_end, spans, abbreviations)
        item_start, marker_end = found, found + len(needle)
    _split_run(text, item_start, e, marker_end, spans, abbreviations)


def _find_marker(text: str, needle: str, pos: int, e: int) -> int:
    """Return the index of ``needle`` standing alone (whitespace around it) in ``text[pos:e]``, or -1."""
    while True:
        found = text.find(needle, pos, e)
        if found < 0:
            return -1
        after = found + len(needle)
        if text[found - 1].isspace() and (after == e or text[after].isspace()):
            return found
        pos = found + 1


def _split_run(text: str, s: int, e: int, skip_to: int, spans: list[tuple[int, int]],
               abbreviations: dict[str, str]) -> None:
    """Append the sentences of the trimmed run ``text[s:e]`` to ``spans``.

    Candidates starting before ``skip_to`` belong to a list marker and are ignored.
    """
    if s >= e:
        return
    cur = s
    regions = None  # protected quote/bracket regions, computed on first need
    opened, reach = 0, -1
    for m in _CANDIDATE.finditer(text, s, e):
        b = m.end()
        if b >= e:
            break
        if m.group("gap") is None:
            continue  # "3.5", "U.S.-led", "Jr.'s": no whitespace after the marks
        ts, te = m.span("term")
        if ts < skip_to:
            continue
        nxt = _NEXT.match(text, b, e)
        word = nxt.group(2)
        if word[:1].islower():
            continue
        cut = _boundary(text, cur, ts, te, b, word, abbreviations)
        if cut is None:
            continue
        if regions is None:
            regions = _protected_regions(text, s, e)
        # ts only grows, so track the farthest close of the pairs opened before it.
        while opened < len(regions) and regions[opened][0] < ts:
            reach = max(reach, regions[opened][1])
            opened += 1
        if reach >= cut:
            continue  # inside a quotation or brackets
        spans.append((cur, cut))
        cur = _lstrip(text, cut, e)
    spans.append((cur, e))


def _reporting_clause_follows(text: str, b: int) -> bool:
    """Say whether a reporting clause follows a quote that closes at ``b`` ("... ?” Trump asked.")."""
    if not any(ch in "”\"'’»" for ch in text[b - 2:b]):
        return False
    return bool(_reporting_clause_after_quote().match(text, b))


@built_from("reporting_verbs.csv")
def _reporting_clause_after_quote() -> re.Pattern:
    """Match a speaker and a reporting verb after a closing quote, not opening a clause ("asked that ...")."""
    forms = alternation(dict.fromkeys(row["form"].strip() for row in read_lexicon("reporting_verbs.csv")))
    return re.compile(
        rf"[ \t]+(?:(?:{forms})[ \t]+(?:[A-Z]|the\b|a\b|an\b)"
        rf"|(?:[A-Z][\w.’'-]*[ \t]+|(?:he|she|they|I|we|it)[ \t]+|the[ \t]+[\w-]+[ \t]+){{1,4}}?"
        rf"(?:{forms})\b(?![ \t]+that\b))")


def _boundary(text: str, cur: int, ts: int, te: int, b: int, word: str,
              abbreviations: dict[str, str]) -> int | None:
    """Decide whether the candidate with terminal punctuation ``text[ts:te]`` ends a sentence.

    Parameters
    ----------
    text : str
        The text.
    cur : int
        Start of the sentence under construction.
    ts, te : int
        Span of the terminal punctuation.
    b : int
        End of the candidate, after any closing quotes or brackets.
    word : str
        The next word (after whitespace and opening marks); it does not start
        lowercase.

    Returns
    -------
    int or None
        Where the sentence ends (``b``, or ``ts + 1`` when a full stop is
        followed by an ellipsis that opens the next sentence), or None.
    """
    if text[ts:te] != ".":
        return _other_terminal(text, cur, ts, te, b, word)
    return _full_stop(text, cur, ts, b, word, abbreviations)


def _other_terminal(text: str, cur: int, ts: int, te: int, b: int, word: str) -> int | None:
    """Decide :func:`_boundary` for "!", "?", an ellipsis or dots: an end unless a quote's reporting clause,
    an omission ("[...]", ". . .") or a lower-case word follows."""
    term = text[ts:te]
    if "!" in term or "?" in term or "‽" in term:
        if b > te and _reporting_clause_follows(text, b):
            return None  # “Did you know?” Todd asked the mogul. — one sentence: the quote and its reporting clause
        return b
    if ts > cur and text[ts - 1] in "[(":  # "[...]" marks an omission, not an end
        return None
    if " " in term:
        dots = term.count(".")
        attached = ts > cur and not text[ts - 1].isspace()
        if dots >= 4 and attached:
            # "compounds. . . . The": full stop, then an ellipsis opening the next sentence.
            return ts + 1 if word[:1].isupper() else None
        if dots >= 4 and word[:1].isupper():
            return b
        return None  # ". . ." is an omission inside a sentence
    dots = term.count(".") + 3 * term.count("…")
    if dots >= 4 or word[:1].isupper():
        return b
    return None


def _full_stop(text: str, cur: int, ts: int, b: int, word: str, abbreviations: dict[str, str]) -> int | None:
    """Decide :func:`_boundary` for a single full stop: the word before it decides (an abbreviation, an
    initial, a list marker)."""
    tail = text[max(cur, ts - _MAX_WORD):ts]
    parts = tail.rsplit(None, 1)
    prev = parts[-1].lstrip(_LEADING_OPENERS) if parts and not tail[-1:].isspace() else ""
    if not prev:
        return b
    first = word[:1]
    if ts - cur == len(prev) and len(prev) <= 2 and (prev.isdigit() or (len(prev) == 1 and prev.isalpha())):
        return None  # "2." or "b." opening a sentence is a list marker
    kind = abbreviations.get(prev.lower())
    if kind is None:
        if _DOTTED.fullmatch(prev) or (len(prev) == 1 and prev.isupper()):
            kind = "other"  # E.U., J.R.R., the initial in "Jonas E. Smith"
        else:
            return b
    if kind == "title":
        return None
    if kind == "number":
        return None if first.isdigit() else b
    if first.isdigit():
        return None  # "Jan. 5", "U.S. 20"
    if kind == "time":
        opening = text[cur:ts].split(None, 4)
        if len(opening) <= 4 and opening[0] in _TIME_PHRASE_OPENERS:
            return None  # "At 5 a.m. Mr. Smith went ..."
        return b
    return b if word in _SENTENCE_STARTERS else None


def _protected_regions(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Find matched quote and bracket pairs in ``text[s:e]``.

    Returns
    -------
    list[tuple[int, int]]
        ``(open, close)`` indices of each matched pair, sorted by ``open``; a
        sentence may not end strictly between them.
    """
    stacks: dict[str, list[int]] = {}
    regions: list[tuple[int, int]] = []
    for m in _PAIR_MARK.finditer(text, s, e):
        i = m.start()
        ch = text[i]
        if ch in _SIMPLE_PAIRS:
            kind, opening = _SIMPLE_PAIRS[ch]
        else:
            before = text[i - 1] if i > s else " "
            after = text[i + 1] if i + 1 < e else " "
            if ch == '"':
                kind, opening = "straight_dq", before.isspace() or before in _OPENING_CONTEXT
            else:
                if before.isalnum() and after.isalnum():
                    continue  # apostrophe inside a word: Iraq’s, don't
                if before.isspace() or before in _OPENING_CONTEXT:
                    if ch == "’" or after.isdigit() or after.isspace():
                        continue  # elision ('90s, ’em) or a stray mark
                    kind, opening = "straight_sq", True
                else:
                    kind, opening = ("sq" if ch == "’" else "straight_sq"), False
        stack = stacks.setdefault(kind, [])
        if opening:
            stack.append(i)
        elif stack:
            regions.append((stack.pop(), i))
    regions.sort()
    return regions


# --------------------------------------------------------------------------- frames (lead)

SENTENCE_COLUMNS = ["article_id", "sentence_id", "block", "block_index", "start", "end", "text", "credit"]


def to_sentences(articles):
    """Split every article into one row per sentence, block by block.

    Parameters
    ----------
    articles : pandas.DataFrame
        From :func:`parley.load_articles` (``article_id`` and ``text``).

    Returns
    -------
    pandas.DataFrame
        Columns ``SENTENCE_COLUMNS``: ``block`` is headline, standfirst,
        caption or body; ``start``/``end`` are offsets into the article text
        (``text[start:end]`` is the sentence); ``credit`` is a caption's photo
        credit; ``sentence_id`` is ``"<article_id>:<n>"``.
    """
    rows = []
    with pinned():  # one look at the abbreviations file, not one per block
        for aid, text in zip(articles["article_id"].tolist(), articles["text"].tolist()):
            n = 0
            for b, (kind, bs, be, credit) in enumerate(_blocks(text)):
                for s, e in sentence_spans(text, bs, be):
                    rows.append((aid, f"{aid}:{n}", kind, b, s, e, text[s:e], credit))
                    n += 1
    return from_rows(rows, SENTENCE_COLUMNS, ints=("block_index", "start", "end"))


# A dateline opens a report with where (and when, and from which agency) it was filed:
# "ISLAMABAD (Reuters) - ", "BEIJING, May 30 (Xinhua) -- ", "ERBIL, Kurdistan Region — ", "MANILA: ".
_CAPS_PLACE = r"[A-Z]{2,}(?:[ .’'-]+[A-Z]{2,})*\.?"
_PLACE = r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2}"
_DATE = r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:,?\s+\d{4})?)"
_AGENCY = r"(?:\s*\([A-Z][^()\n]{0,40}\))"
_DASH = r"(?:\s*[—–]\s*|\s+--?\s+)"  # a hyphen only between spaces ("US-Iran" is one word)
_DATELINE = re.compile(
    rf"(?:{_CAPS_PLACE}(?:,\s*{_PLACE})?{_DATE}?{_AGENCY}?{_DASH}"     # ISLAMABAD (Reuters) -, ERBIL, Kurdistan Region —
    rf"|{_PLACE}(?:,\s*{_PLACE})?{_DATE}?{_AGENCY}{_DASH}"              # Washington (AFP) -
    rf"|(?P<colon>{_CAPS_PLACE}(?:,\s*{_PLACE})?{_DATE}?{_AGENCY}?\s*:\s+))(?=[\w“\"‘'])")
_TITLE_DATELINE = re.compile(rf"{_PLACE}(?:,\s*{_PLACE})?{_DATE}?\s*[—–]\s*(?=[\w“\"‘'])")  # Kabul, Afghanistan —
_CAPS_LABEL = re.compile(rf"^[ \t]*{_CAPS_PLACE}\s*:", re.M)


def dateline_end(text: str, start: int, end: int, *, first: bool = True) -> int:
    """Return where the dateline that opens the paragraph at ``start`` ends (``start`` when there is none).

    A dateline is neither a speaker nor part of what anyone said. "MANILA: "
    counts only when no other paragraph opens with a capitalised label (a
    transcript's "SMITH: " would), and a place in title case before a dash
    ("Kabul, Afghanistan — ") only in the first paragraph of the body.

    Parameters
    ----------
    text : str
        The article.
    start, end : int
        The span of the paragraph's first sentence.
    first : bool, keyword-only
        Whether this is the first paragraph of the body.
    """
    m = _DATELINE.match(text, start, end)
    if m and m["colon"] and (not first or len(_CAPS_LABEL.findall(text)) > 1):
        m = None
    if m is None and first:
        m = _TITLE_DATELINE.match(text, start, end)
        if m and len(text[m.end():end].split()) < 4:
            m = None
    return m.end() if m and m.end() < end else start
