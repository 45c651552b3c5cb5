"""Read the editable word lists in ``lib/parley/lexicons/`` (one reader for every module)."""
from __future__ import annotations

import contextlib
import csv
import functools
import re
from collections.abc import Callable
from functools import cache
from typing import TypeVar

from . import config

__all__ = ["alternation", "built_from", "pinned", "read_lexicon", "word_lists"]

T = TypeVar("T")
_generation = [0]
_depth = [0]


@contextlib.contextmanager
def pinned():
    """Look at each lexicon file once for a whole run, not at every use (a system call each).

    Lexicons read inside the block are those on disk when the block first
    used them; an edit takes effect in the next run.
    """
    if not _depth[0]:
        _generation[0] += 1
    _depth[0] += 1
    try:
        yield
    finally:
        _depth[0] -= 1


def read_lexicon(name: str) -> list[dict]:
    """Read a lexicon CSV from ``config.LEXICONS`` as a list of row dicts.

    Parameters
    ----------
    name : str
        The file name, e.g. ``"hedges.csv"``.

    Returns
    -------
    list of dict
        One dict per non-blank row, keyed by the header. Re-read when the file
        changes, so an edited lexicon takes effect in a running notebook.
    """
    path = config.LEXICONS / name
    return _read(str(path), path.stat().st_mtime_ns)


def word_lists(name: str, key: str = "list", value: str = "word") -> dict[str, tuple[str, ...]]:
    """Read a lexicon of named word lists (one ``list,word`` row per word) into a dict.

    Parameters
    ----------
    name : str
        The file name, e.g. ``"attribution.csv"``.
    key, value : str
        The columns holding the list's name and the word.

    Returns
    -------
    dict
        List name to its words, in file order.
    """
    out: dict[str, list[str]] = {}
    for row in read_lexicon(name):
        out.setdefault(row[key].strip(), []).append(row[value].strip())
    return {k: tuple(v) for k, v in out.items()}


@cache
def _read(path: str, _mtime: int) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if any((v or "").strip() for v in row.values())]


def built_from(*names: str) -> Callable[[Callable[[], T]], Callable[[], T]]:
    """Cache what a function builds from lexicon files until one of the files changes.

    Parameters
    ----------
    *names : str
        The lexicon files the decorated function reads.

    Returns
    -------
    callable
        A decorator for a no-argument build function (compiling regexes from
        word lists, say): the result is reused while the files are unchanged
        and rebuilt after an edit, so a running notebook never mixes a new
        cache key with old word lists.
    """
    def decorate(build: Callable[[], T]) -> Callable[[], T]:
        @cache
        def built(_stamps: tuple) -> T:
            return build()

        seen: list = [None, None, None]  # generation, folder and what was built at the last look

        @functools.wraps(build)
        def current() -> T:
            if _depth[0] and seen[0] == _generation[0] and seen[1] is config.LEXICONS:
                return seen[2]  # inside one pinned run the files were looked at already
            result = built(tuple((config.LEXICONS / n).stat().st_mtime_ns for n in names))
            seen[:] = [_generation[0], config.LEXICONS, result]
            return result

        return current

    return decorate


def alternation(words, *, escape: bool = True) -> str:
    """Return a regex alternation of ``words``, longest first, spaces matching any whitespace.

    Literal words are merged into a trie ("sa(?:y(?:s|ing)?|id)"): Python's regex engine tries
    the branches of a plain alternation one by one at every position, and the cue lexicon has
    hundreds of them.
    """
    words = {w for w in words if w.strip()}
    if not words:
        return "(?!)"  # an empty list matches nothing, not the empty string
    if not escape:
        ordered = sorted(words, key=len, reverse=True)
        return "|".join(w.replace(" ", r"\s+") for w in ordered)
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word.replace("’", "'"):
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(trie)


_TRIE_CHARS = {" ": r"\s+", "'": "['’]"}  # any whitespace between words; straight or curly apostrophes


def _trie_pattern(node: dict) -> str:
    branches = [(_TRIE_CHARS.get(ch) or re.escape(ch)) + _trie_pattern(child)
                for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a word ends here, and longer ones go on: try the longer first
        return f"(?:{body})?"
    return body
