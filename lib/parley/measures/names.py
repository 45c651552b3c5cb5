"""Find proper names in a text, so that a framing word inside one is not read as framing.

"The Joint Security Cooperation Dialogue met" names a forum: its "security"
and "cooperation" are not the speaker's framing. A name here is

* a run of two or more capitalised words, with the joiners of
  ``lexicons/names.csv`` ("of", "for", "and", ...) allowed between them
  ("Ministry of Defence", "Council for Peace and Security"); a run that starts a sentence must have three
  capitalised words, since the first is capitalised by grammar ("Sanctions
  Washington imposed ..." is no name, "Security Council" there is missed).

A single capitalised word is no name ("our Country", "the Tariffs": some
speakers capitalise nouns for weight), nor is a word in capitals longer than
an acronym ("the proposed TARIFFS" is emphasis, "NATO" an acronym).

A text in title case (a headline: every word capitalised but short ones such
as "to" and "in") has no telling names from words, so no name is found in it.
"""
from __future__ import annotations

import re

from ..core.lexicons import built_from, read_lexicon

__all__ = ["inside_names", "name_spans"]

_WORD = re.compile(r"[^\W\d_](?:[\w'’-]|\.(?=\w))*")  # "U.S" keeps its inner stops, not a final one
#: The longest word in capitals read as an acronym ("NATO", "ASEAN"); a longer one is emphasis ("TARIFFS").
_ACRONYM = 5
#: After these (and at the start) a word is capitalised because a sentence or quotation starts.
_OPENERS = frozenset('.!?:;“"‘\'([«—–')


def name_spans(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` offsets of the proper names in a text.

    Parameters
    ----------
    text : str
        A statement's content, a sentence or any text.

    Returns
    -------
    list of (int, int)
        Offsets into ``text``, in order, not overlapping; empty for a text in
        title case.
    """
    joiners = _joiners()
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    capital = [w[2][0].isupper() and not (w[2].isupper() and len(w[2]) > _ACRONYM) for w in words]
    if len(words) >= 4 and all(c or len(w[2]) <= 3 for c, w in zip(capital, words)):
        return []  # title case: every word capitalised but short ones ("to", "in", "a")
    spans, i = [], 0
    while i < len(words):
        if not capital[i]:
            i += 1
            continue
        run, j = [i], i + 1
        while j < len(words):  # joiners then a capitalised word extend the run
            k = j
            while k < len(words) and not capital[k] and words[k][2].lower() in joiners and _adjacent(text, words, k):
                k += 1
            if k < len(words) and capital[k] and _adjacent(text, words, k):
                run.append(k)
                j = k + 1
            else:
                break
        starts_sentence = _opens(text, words[i][0])
        if len(run) >= (3 if starts_sentence else 2):
            spans.append((words[run[0]][0], words[run[-1]][1]))
        i = run[-1] + 1
    return spans


def inside_names(text: str, offsets: list[tuple[int, int]]) -> list[bool]:
    """Say for each ``(start, end)`` in ``text`` whether it lies inside a proper name.

    Parameters
    ----------
    text : str
        The text the offsets point into.
    offsets : list of (int, int)
        Spans, e.g. the framing terms found in it.

    Returns
    -------
    list of bool
        One per span.
    """
    names = name_spans(text) if offsets else []
    return [any(s <= start and end <= e for s, e in names) for start, end in offsets]


@built_from("names.csv")
def _joiners() -> frozenset[str]:
    """Return the words a name may hold between its capitalised words ("Ministry of Defence")."""
    return frozenset(row["term"].lower() for row in read_lexicon("names.csv") if row["kind"] == "joiner")


def _opens(text: str, start: int) -> bool:
    """Say whether a word at ``start`` begins the text, a sentence or a quotation."""
    before = text[:start].rstrip()
    return not before or before[-1] in _OPENERS


def _adjacent(text: str, words: list, k: int) -> bool:
    """Say whether word ``k`` follows word ``k - 1`` with only spaces between (no comma, no full stop)."""
    return not text[words[k - 1][1]:words[k][0]].strip()
