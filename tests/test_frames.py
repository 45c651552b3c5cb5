"""Frames built from rows keep their dtypes (parley.frames), and word lists become the right regexes."""
import re

import pytest

from parley.core.lexicons import alternation
from parley.core.frames import from_rows


def test_typed_columns_and_missing_values():
    frame = from_rows([("a", 1, None, True), ("b", 2, 5, False)], ["t", "i", "n", "b"],
                      ints=("i",), nullable_ints=("n",), bools=("b",))
    assert frame.dtypes.astype(str).tolist() == ["object", "int64", "Int64", "bool"]
    assert frame["n"].isna().tolist() == [True, False] and frame["t"].tolist() == ["a", "b"]


def test_empty_frames_keep_columns_and_dtypes():
    frame = from_rows([], ["t", "i", "n"], ints=("i",), nullable_ints=("n",))
    assert list(frame.columns) == ["t", "i", "n"] and frame.empty
    assert frame.dtypes.astype(str).tolist() == ["object", "int64", "Int64"]


def test_renaming_one_frame_leaves_the_next_alone():
    first = from_rows([("a",)], ["t"])
    first.columns.name = "renamed"
    assert from_rows([("b",)], ["t"]).columns.name is None


WORDS = ["say", "says", "said", "saying", "according to", "point out", "pointed out", "Reuters’", "a", "an"]


@pytest.mark.parametrize("text", ["he says so", "saying it", "sayso", "according  to him", "pointed out that",
                                  "Reuters' report", "a an", "sa", ""])
def test_trie_alternation_matches_like_a_longest_first_list(text):
    plain = "|".join(re.escape(w).replace(r"\ ", r"\s+").replace("’", "['’]")
                     for w in sorted(WORDS, key=len, reverse=True))
    wanted = [m.group() for m in re.finditer(rf"(?<!\w)(?:{plain})(?!\w)", text)]
    got = [m.group() for m in re.finditer(rf"(?<!\w)(?:{alternation(WORDS)})(?!\w)", text)]
    assert got == wanted


def test_an_empty_word_list_matches_nothing():
    assert re.search(alternation([]), "anything") is None and re.search(alternation(["", " "]), "x") is None
