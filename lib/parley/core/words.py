"""Words: what every rule of parley takes for one word of English news text.

A word is a run of letters, digits, apostrophes (straight or curly: "Iran’s")
and hyphens ("ex-minister", "co-chair"). Rules that need less say so by the
pattern they use: :data:`HYPHENATED` keeps hyphens but no apostrophe (the
words of "the ministry’s" are "the", "ministry"), :data:`PLAIN` only letters
and digits. The tokens of a speaker mention (abbreviations, web names, marks)
are :data:`parley.extract.mentions.TOKEN`; the words of the tone and term
measures, which lower-case and join their parts, are their own.
"""
from __future__ import annotations

import re

__all__ = ["WORD_CHAR", "WORD", "HYPHENATED", "PLAIN", "NOT_IN_WORD", "NOT_BEFORE_WORD"]

#: One character of a word, for use inside other patterns: ``(?<!{WORD_CHAR})`` is "not within a word".
WORD_CHAR = r"[\w’'-]"
#: A word with its apostrophes and hyphens: "Iran’s", "ex-minister".
WORD = re.compile(rf"{WORD_CHAR}+")
#: A word with its hyphens but without apostrophes: "co-chair", "ministry" of "ministry’s".
HYPHENATED = re.compile(r"[\w-]+")
#: Letters, digits and underscores only: "Iran" of "Iran’s".
PLAIN = re.compile(r"\w+")
#: A look-behind: the match does not start inside a word.
NOT_IN_WORD = rf"(?<!{WORD_CHAR})"
#: A look-ahead: the match does not end inside a word.
NOT_BEFORE_WORD = rf"(?!{WORD_CHAR})"
