"""Find proper names written in capitals, whose words are no framing ("the Joint Security Cooperation Dialogue").

A name is two or more capitalised words in a row ("UN Security Council",
"Peace Prize"), possibly joined by a few lowercase function words
("Organization for Security and Co-operation in Europe", "Ministry of
Defence"), or two or more such words in quotes ("the 'Peace and Prosperity'
plan"). The first word of a sentence or clause is capitalised anyway: it
starts a name only when the next word is capitalised too, so "Attacks on
Kabul must stop" holds no name. Text in capitals throughout (a shouted
headline) has no names.
"""
from __future__ import annotations

import re

from .words import WORD_CHAR

__all__ = ["name_spans"]

#: a quoted title: two or more words in quotes, each capitalised or a joiner ("the “Peace and Prosperity” plan")
_TITLE = re.compile(rf"[\"“‘']([A-Z]{WORD_CHAR}*(?:\s+(?:of|for|and|on|in|the|to|[A-Z]{WORD_CHAR}*))*\s+[A-Z]{WORD_CHAR}*)[\"”’']")
_CAPITAL, _SMALL = re.compile(r"[A-ZÀ-ÖØ-Þ]"), re.compile(r"[a-zß-öø-ÿ]")
_WORD = re.compile(r"[^\W_][\w'’.&-]*")
#: lowercase words that may join the capitalised words of one name
_JOINERS = frozenset({"of", "for", "and", "on", "in", "the", "de", "du", "al", "el", "la", "to", "&"})
#: what may stand between two words of one name (a space, or a hyphen as in "Co-operation")
_BETWEEN = re.compile(r"\s+|\s*-\s*")


def name_spans(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` offsets of the capitalised names in a text.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of tuple
        Offsets into ``text``, left to right, not overlapping.
    """
    capitals = len(_CAPITAL.findall(text))
    if not capitals or capitals > 1.5 * len(_SMALL.findall(text)):  # shouted: more than 60% capitals
        return []
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    spans, run = [], []  # run: indices of the words of the name being read
    for i, (start, _, word) in enumerate(words):
        capital = word[0].isupper()
        if run and (capital or word in _JOINERS) and _BETWEEN.fullmatch(text[words[i - 1][1]:start]):
            run.append(i)
            continue
        _close(text, words, run, spans)
        run = [i] if capital else []
    _close(text, words, run, spans)
    if "“" in text or '"' in text or "‘" in text or "'" in text:
        merged = []
        for start, end in sorted(spans + [m.span(1) for m in _TITLE.finditer(text)]):
            if merged and start < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        spans = merged
    return spans


def _close(text: str, words: list, run: list, spans: list) -> None:
    """Add the name the words ``run`` make to ``spans``, if they make one."""
    while run and not words[run[-1]][2][0].isupper():  # "Ministry of" before a lowercase word: drop "of"
        run = run[:-1]
    if len(run) > 1 and not words[run[1]][2][0].isupper() and _opens(text, words[run[0]][0]):
        run = run[1:]  # "Attacks on Kabul": a sentence's first word before a joiner starts no name
        while run and not words[run[0]][2][0].isupper():
            run = run[1:]
    if sum(words[i][2][0].isupper() for i in run) > 1:
        spans.append((words[run[0]][0], words[run[-1]][1]))


def _opens(text: str, start: int) -> bool:
    """Tell whether a word at ``start`` opens a sentence, clause or quotation (so is capitalised anyway)."""
    j = start - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    return j < 0 or text[j] in _OPENERS


_OPENERS = frozenset(".!?:;\"“”‘'([—–-")
