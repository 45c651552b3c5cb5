"""Tests for parley.terms: log-odds with informative Dirichlet prior, tokens, keyword in context."""
import math
from itertools import accumulate

import pandas as pd
import pytest

from parley.measures.terms import compare_terms, kwic, normalize, split_tokens, tokenize
from frames import TEXT, seed_statements


def two_parties() -> pd.DataFrame:
    return pd.DataFrame({
        "statement_id": ["a1", "a2", "b1", "b2"],
        "party": ["A", "A", "B", "B"],
        "content": ["we demand withdrawal", "withdrawal now", "we want transition", "transition later"],
    })


def test_formula_against_hand_computation():
    terms = compare_terms(two_parties(), ngram=(1, 1), prior=2.0, stopwords=False).set_index("term")
    # A: we demand withdrawal withdrawal now (n_a = 5); B: we want transition transition later (n_b = 5)
    # pooled n = 10; "withdrawal" pooled 2 -> a_i = 2.0 * 2 / 10 = 0.4
    delta = math.log(2.4 / (5 + 2 - 2 - 0.4)) - math.log(0.4 / (5 + 2 - 0 - 0.4))
    var = 1 / 2.4 + 1 / 0.4
    row = terms.loc["withdrawal"]
    assert (row["count_a"], row["count_b"]) == (2, 0)
    assert row["prior"] == pytest.approx(0.4)
    assert row["log_odds"] == pytest.approx(delta)
    assert row["variance"] == pytest.approx(var)
    assert row["z"] == pytest.approx(delta / math.sqrt(var))
    assert row["z"] > 0 and row["favours"] == "A"
    assert terms.loc["transition", "z"] == pytest.approx(-row["z"])  # symmetric data, mirrored score
    assert terms.loc["we", "z"] == pytest.approx(0)


def test_sorted_with_group_names():
    terms = compare_terms(two_parties())
    assert terms["z"].is_monotonic_decreasing
    assert (terms["group_a"].unique().tolist(), terms["group_b"].unique().tolist()) == (["A"], ["B"])
    # default a_0 = number of distinct terms: 7 words + 6 bigrams
    assert terms.attrs["group_a"] == "A" and terms.attrs["prior"] == 13
    assert terms["term"].iloc[0] in ("withdrawal", "demand", "now", "demand withdrawal", "withdrawal now")
    assert terms["term"].iloc[-1] in ("transition", "want", "later", "want transition", "transition later")


def test_seed_distinctive_terms():
    terms = compare_terms(seed_statements()).set_index("term")
    assert terms.loc["transition", "favours"] == "United States"
    assert terms.loc["timeline", "favours"] == "Iraq"
    assert terms.loc["gradual reduction", "favours"] == "Iraq"
    assert "of the" not in terms.index and "the" not in terms.index  # stopword-edged terms left out


def test_more_than_two_groups_and_explicit_groups():
    frame = pd.concat([two_parties(), pd.DataFrame({"statement_id": ["c1"], "party": ["C"],
                                                    "content": ["we object"]})], ignore_index=True)
    assert compare_terms(frame).attrs["group_b"] == "B"  # the two with most statements
    chosen = compare_terms(frame, groups=("C", "A"))
    assert (chosen["group_a"].iloc[0], chosen["group_b"].iloc[0]) == ("C", "A")
    assert chosen.set_index("term").loc["object", "z"] > 0


@pytest.mark.parametrize("frame, message", [
    (pd.DataFrame({"party": ["A", "A"], "content": ["x", "y"]}), "at least two groups"),
    (pd.DataFrame({"party": [None, None], "content": ["x", "y"]}), "at least two groups"),
    (pd.DataFrame(columns=["party", "content"]), "at least two groups"),
])
def test_fewer_than_two_groups_raise(frame, message):
    with pytest.raises(ValueError, match=message):
        compare_terms(frame)


def test_unknown_group_or_column_raises():
    with pytest.raises(ValueError, match="no statements for group"):
        compare_terms(two_parties(), groups=("A", "Z"))
    with pytest.raises(ValueError, match="'speaker'"):
        compare_terms(two_parties(), by="speaker")


def test_min_count():
    terms = compare_terms(two_parties(), min_count=2)
    assert set(terms["term"]) == {"withdrawal", "transition"}  # "we" (twice) is a stopword


@pytest.mark.parametrize("text, expected", [
    ("Iraq’s forces and Iraq's forces", ["iraq's", "forces", "and", "iraq's", "forces"]),
    ("Iran-backed groups", ["iran-backed", "groups"]),
    ("‘transition’ of the coalition", ["transition", "of", "the", "coalition"]),
    ("2,500 troops", ["2", "500", "troops"]),
    # lowered a token at a time where lowering the whole text would differ: "İ" grows, "Σ" depends on its neighbours
    ("İstanbul’s MPs", ["i̇stanbul's", "mps"]),
    ("ΟΔΟΣ.Α and ΣΑΣ", ["οδος", "α", "and", "σας"]),
    ("Ǆemal’S ﬁnal Straße", ["ǆemal's", "ﬁnal", "straße"]),
])
def test_tokenize(text, expected):
    tokens = tokenize(text)
    assert [t for t, _, _ in tokens] == expected
    for token, s, e in tokens:
        assert text[s:e].lower().replace("’", "'") == token
    # split_tokens gives the same tokens, and pieces whose lengths give their offsets
    pieces, folded = split_tokens(text)
    assert folded == expected
    offsets = list(accumulate(map(len, pieces)))
    assert list(zip(offsets[:-1:2], offsets[1::2])) == [(s, e) for _, s, e in tokens]
    assert offsets[-1] == len(text)


@pytest.mark.parametrize("text, expected", [
    ("Iraq’s  Foreign\nMinistry", "iraq's foreign ministry"),
    (" Gradual reduction ", "gradual reduction"),
    ("CAN’T", "can't"),
])
def test_normalize(text, expected):
    assert normalize(text) == expected
    # the lexicon side (normalize) and the text side (tokenize) fold alike
    assert normalize(text) == " ".join(t for t, _, _ in tokenize(text))


def test_bigrams_do_not_cross_punctuation():
    frame = pd.DataFrame({"party": ["A", "B"], "content": ["troops, advisers", "troops advisers"]})
    terms = compare_terms(frame).set_index("term")
    assert (terms.loc["troops advisers", "count_a"], terms.loc["troops advisers", "count_b"]) == (0, 1)


def test_kwic_offsets_exact_on_statements():
    lines = kwic(seed_statements(), "timeline", window=3)
    assert len(lines) == 4
    assert lines["party"].tolist() == ["Iraq", "Iraq", "Iraq", "United States"]
    for row in lines.itertuples():
        assert TEXT[row.start:row.end] == row.keyword == "timeline"
        assert row.context.endswith(row.post) or row.post in row.context
    first = lines.iloc[0]
    assert (first["pre"], first["post"]) == ("Iraq to discuss", "to reduce coalition")


def test_kwic_on_sentences_and_phrases():
    sentences = pd.DataFrame({"article_id": ["a"], "sentence_id": ["a:1"], "start": [50],
                              "text": ["The Gradual Reduction of advisers begins."]})
    lines = kwic(sentences, "gradual reduction", text="text", window=1)
    row = lines.iloc[0]
    assert (row["keyword"], row["pre"], row["post"], row["start"], row["end"]) == (
        "Gradual Reduction", "The", "of", 54, 71)
    assert row["context"] == "The Gradual Reduction of advisers begins."
    assert list(lines.columns[:2]) == ["article_id", "sentence_id"]


@pytest.mark.parametrize("pattern, whole_word, case, expected", [
    ("reduc\\w+", True, False, ["reduce", "reduction"]),
    ("reduc", True, False, []),
    ("reduc", False, False, ["reduc", "reduc"]),
    ("Iraq", True, True, ["Iraq", "Iraq", "Iraq"]),
    ("iraq", True, True, []),
    ("(", True, False, []),  # not a valid regex: matched literally
])
def test_kwic_patterns(pattern, whole_word, case, expected):
    frame = pd.DataFrame({"content": ["US, Iraq to reduce troops", "Iraq seeks the reduction of Iraq’s advisers"]})
    lines = kwic(frame, pattern, whole_word=whole_word, case=case)
    assert lines["keyword"].tolist() == expected
