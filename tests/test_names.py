"""Proper names: a framing word inside a name is not the speaker's framing."""
import pandas as pd
import pytest

import parley
from parley.measures.names import inside_names, name_spans


@pytest.mark.parametrize(("text", "expected"), [
    ("talks at the Harbour Trust Partnership Forum ended", ["Harbour Trust Partnership Forum"]),
    ("The Harbour Trust Partnership Forum will meet", ["The Harbour Trust Partnership Forum"]),
    ("a letter to the Council for Peace and Security arrived", ["Council for Peace and Security"]),
    ("the Partnership will publish its figures", []),  # one capitalised word: emphasis as often as a name
    ("our Country needs the Tariffs", []),
    ("the proposed SANCTIONS will stay, the NATO Council said", ["NATO Council"]),  # capitals: emphasis
    ("the minister said that security cooperation would deepen", []),
    ("Security cooperation will deepen", []),  # capitalised only because the sentence starts
    ("Sanctions Velmora imposed will stay", []),  # a sentence start and one name: not a name of two words
    ("we want a “transition”, not an exit", []),
    ("He left. Security comes first", []),  # a full stop between: no name across sentences
    ("Velmora Sets Out New Partnership Plan With Ostrand", []),  # title case: names cannot be told from words
])
def test_name_spans(text, expected):
    assert [text[s:e] for s, e in name_spans(text)] == expected


def test_inside_names_says_which_spans_lie_in_a_name():
    text = "security first, said the Harbour Security Board"
    assert inside_names(text, [(0, 8), (29, 37)]) == [False, True]


@pytest.mark.parametrize(("content", "families"), [
    ("we will take the matter to the Joint Security Cooperation Dialogue next month", []),
    ("security cooperation with our neighbours will continue", ["cooperation / partnership"]),
    ("the Strategic Partnership Council said partnership is the only way", ["cooperation / partnership"]),
])
def test_a_framing_term_inside_a_proper_name_is_not_counted(content, families):
    statements = pd.DataFrame({"statement_id": ["s1"], "article_id": ["a"], "party": ["Velmora"],
                               "content": [content], "content_start": [0], "cue": ["said"]})
    terms = parley.phrasing_terms(statements)
    assert sorted(terms.loc[terms["kind"] == "framing", "family"]) == families
