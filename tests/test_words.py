"""One notion of a word (parley.core.words), shared by the rules of every stage."""
from __future__ import annotations

import re

import pytest

from parley.core.words import HYPHENATED, NOT_BEFORE_WORD, NOT_IN_WORD, PLAIN, WORD


@pytest.mark.parametrize("text, expected", [
    ("Chile’s ex-envoy said so", ["Chile’s", "ex-envoy", "said", "so"]),
    ("the ministers' talks, co-chaired", ["the", "ministers'", "talks", "co-chaired"]),
    ("“Never,” she said.", ["Never", "she", "said"]),
    ("3,000 troops", ["3", "000", "troops"]),
])
def test_a_word_keeps_its_apostrophes_and_hyphens(text, expected):
    assert WORD.findall(text) == expected


@pytest.mark.parametrize("pattern, text, expected", [
    (HYPHENATED, "the co-chair’s office", ["the", "co-chair", "s", "office"]),
    (PLAIN, "the co-chair’s office", ["the", "co", "chair", "s", "office"]),
])
def test_narrower_words_leave_out_what_they_say(pattern, text, expected):
    assert pattern.findall(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("He said no.", ["said"]),
    ("the unsaid part", []),        # inside a longer word
    ("the said-so rule", []),       # a hyphen joins it to the next word
    ("Peru’said", []),              # an apostrophe before it joins it to the word before
])
def test_a_whole_word_is_not_part_of_another(text, expected):
    assert re.findall(rf"{NOT_IN_WORD}said{NOT_BEFORE_WORD}", text) == expected
