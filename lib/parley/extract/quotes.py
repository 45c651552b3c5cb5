"""Pair quotation marks over a whole article: the one quote pairer of parley.

Statements, conditions and the rendering of articles all ask the same
questions of a text (is this position inside a quote, which quote opens here,
which quotes does this span touch), so they share :class:`Quotes`.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from ..core import config

__all__ = ["Quotes", "quote_spans", "line_start", "line_end", "opens_quote", "OPENING_QUOTES"]

NL = config.LINE_BREAKS
_BREAK = re.compile(f"[{NL}]")
# Every branch opens with a literal character, so the regex engine skips ahead to those characters
# instead of trying each position; a ‘ after a letter is an apostrophe (the look-behind sees it and
# the character before it).
_MARKS = re.compile("|".join(["''", *map(re.escape, "“”\"«»„" + NL), "‘(?<![\\w’']‘)", "’(?![\\w’'])"]))
_SPACE = re.compile(r"\s*")
#: Characters that open a quotation.
OPENING_QUOTES = "“\"«„‘"


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Pair quotation marks over a whole article into ``(start, end)`` spans, marks included.

    Curly and straight double quotes (and the doubled apostrophes some papers
    use) are paired separately, so sloppy mixed quoting cannot join distant
    quotes. By news convention an unclosed quote continues when the next
    paragraph opens with a quote mark, and otherwise ends with its paragraph.
    Single curly quotes are paired within a paragraph; an apostrophe inside a
    word is never a quote.

    Parameters
    ----------
    text : str
        The whole article.

    Returns
    -------
    list of tuple of int
        Sorted spans; nested quotes give spans inside their outer span.
    """
    p = _Pairing([])
    for m in _MARKS.finditer(text):
        ch, pos = m.group(0), m.start()
        if ch in NL:
            _paragraph_break(p, text, pos)
        elif ch == "‘":
            if p.single is None:
                p.single = pos
        elif ch == "’":
            if p.single is not None:
                p.spans.append((p.single, pos + 1))
                p.single = None
        elif ch in "“«„”»":
            _curly_mark(p, text, ch, pos)
        else:
            _straight_mark(p, text, ch, pos)
    for left in (p.curly, p.straight):
        if left is not None:
            p.spans.append((left, len(text)))
    p.spans.sort()
    return p.spans


@dataclass(slots=True)
class _Pairing:
    """The quotes paired so far, and where the quotes still open opened (None: none open)."""

    spans: list[tuple[int, int]]
    curly: int | None = None
    straight: int | None = None
    single: int | None = None
    carried: bool = False  # a straight quote carried over a paragraph break absorbs the next opening mark


def _paragraph_break(p: _Pairing, text: str, pos: int) -> None:
    """Close the quotes open at a paragraph break, unless the next paragraph opens with a quote mark."""
    p.single = None
    nxt = _SPACE.match(text, pos).end()
    first = text[nxt:nxt + 2] if nxt < len(text) else ""
    if p.curly is not None and (not first or first[0] not in "“«„"):
        p.spans.append((p.curly, pos))
        p.curly = None
    if p.straight is not None:
        if first[:1] == '"' or first == "''":
            p.carried = True
        else:
            p.spans.append((p.straight, pos))
            p.straight = None


def _curly_mark(p: _Pairing, text: str, ch: str, pos: int) -> None:
    """Open or close a quote at a curly double mark (or a guillemet)."""
    if ch in "“«„":
        if p.curly is None:
            if p.straight == pos - 1:
                p.straight = None  # ""“You don’t win”": a doubled opening mark
            p.curly = pos
        elif _looks_closing(text, pos, 1) and not _looks_opening(text, pos, 1):
            p.spans.append((p.curly, pos + 1))  # “It's unusual,“ said X: a reversed closing mark
            p.curly = None
    elif p.curly is not None:
        p.spans.append((p.curly, pos + 1))
        p.curly = None
    elif p.straight is not None:
        p.spans.append((p.straight, pos + 1))  # "...,” she said: a straight mark closed by a curly one
        p.straight = None


def _straight_mark(p: _Pairing, text: str, ch: str, pos: int) -> None:
    """Open or close a quote at a straight double mark (or a doubled apostrophe)."""
    if p.carried:
        p.carried = False
    elif p.curly is not None and p.straight is None and not _closes_later(text, pos):
        p.spans.append((p.curly, pos + len(ch)))  # sloppy “...": a straight mark closes a curly quote
        p.curly = None
    elif p.straight is None:
        if not _looks_closing(text, pos, len(ch)):  # a stray closing mark (its opening was lost) opens nothing
            p.straight = pos
    elif _looks_opening(text, pos, len(ch)) and not _looks_closing(text, pos, len(ch)):
        # "... it remains. "He has ...": a new quote opens before the last one was closed
        p.spans.append((p.straight, pos))
        p.straight = pos
    else:
        p.spans.append((p.straight, pos + len(ch)))
        p.straight = None


def _looks_opening(text: str, pos: int, width: int) -> bool:
    """Say whether a straight mark at ``pos`` sits where quotes open: after a space, before a word."""
    before = text[pos - 1] if pos else " "
    after = text[pos + width] if pos + width < len(text) else " "
    return (before.isspace() or before in "([{—–-") and (after.isalnum() or after in "‘'….")


def _looks_closing(text: str, pos: int, width: int) -> bool:
    """Say whether a straight mark at ``pos`` sits where quotes close: after a word or stop, before a space."""
    before = text[pos - 1] if pos else " "
    after = text[pos + width] if pos + width < len(text) else " "
    return not before.isspace() and (after.isspace() or after in ".,;:!?)]—–-")


def _closes_later(text: str, pos: int) -> bool:
    """Say whether a curly closing quote follows ``pos`` in the same paragraph."""
    return text.find("”", pos, line_end(text, pos)) >= 0


class Quotes:
    """Fast lookups over an article's quote spans.

    Parameters
    ----------
    text : str
        The whole article; spans are paired once, with :func:`quote_spans`.
    """

    def __init__(self, text: str):
        self.spans = quote_spans(text)
        merged: list[list[int]] = []
        for s, e in self.spans:
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.merged = [tuple(x) for x in merged]
        self.starts = [s for s, _ in self.merged]

    def around(self, pos: int) -> tuple[int, int] | None:
        """Return the merged quote span strictly containing ``pos`` (inside the marks)."""
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0:
            s, e = self.merged[i]
            if s < pos < e:
                return s, e
        return None

    def within(self, start: int, end: int) -> list[tuple[int, int]]:
        """Return the merged spans that overlap ``[start, end)``."""
        i = max(bisect.bisect_right(self.starts, start) - 1, 0)
        out = []
        for s, e in self.merged[i:]:
            if s >= end:
                break
            if e > start:
                out.append((s, e))
        return out

    def starting_at(self, pos: int) -> tuple[int, int] | None:
        """Return the merged span that opens at ``pos``."""
        i = bisect.bisect_left(self.starts, pos)
        if i < len(self.starts) and self.starts[i] == pos:
            return self.merged[i]
        return None


def line_start(text: str, pos: int) -> int:
    """Return where the line holding ``pos`` starts."""
    breaks = _breaks(text)
    i = bisect.bisect_left(breaks, pos)
    return breaks[i - 1] + 1 if i else 0


@functools.lru_cache(maxsize=8)
def _breaks(text: str) -> list[int]:
    """Return the positions of the line breaks of a text (cached: articles are read sentence by sentence)."""
    return [m.start() for m in _BREAK.finditer(text)]


def line_end(text: str, pos: int) -> int:
    """Return where the line holding ``pos`` ends (its line break, or the end of the text)."""
    breaks = _breaks(text)
    i = bisect.bisect_left(breaks, pos)
    return breaks[i] if i < len(breaks) else len(text)


def opens_quote(text: str, pos: int) -> bool:
    """Say whether a quotation opens at ``pos``."""
    return text[pos] in "“\"«„" or text.startswith("''", pos)
