"""Summaries: per-government counts, shares and means with intervals, small-number flags, noise."""
import math

import numpy as np
import pandas as pd
import pytest

import parley
from parley import summaries
from parley.core.intervals import bootstrap_mean, wilson


def _statements():
    """Iraq: s1 and the joint j; United States: the joint j (its own row) and s3; s4 without a party."""
    return pd.DataFrame({
        "statement_id": ["s1", "j", "j+1", "s3", "s4"],
        "article_id": "a",
        "party": ["Iraq", "Iraq", "United States", "United States", None],
        "joint": [None, "j", "j", None, None],
    })


def _conditions():
    """Two conditions in the joint statement (a row for each government), one in s3, one in narration."""
    return pd.DataFrame({
        "statement_id": ["j", "j", "j+1", "j+1", "s3", None, "gone"],
        "article_id": "a",
        "party": ["Iraq", "Iraq", "United States", "United States", "United States", None, "Iraq"],
        "marker_start": [10, 10, 10, 10, 50, 90, 200],
        "start": [20, 40, 20, 40, 60, 95, 210],
        "end": [30, 50, 30, 50, 70, 99, 220],
        "category": ["security threat", "partner capacity", "security threat", "partner capacity", "legal",
                     "other", "legal"],
    })


# --------------------------------------------------------------------------- conditionality

def test_conditionality_counts_a_joint_statement_for_each_government():
    table = summaries.conditionality(_statements(), _conditions()).set_index("party")
    assert list(table.index) == ["Iraq", "United States", "(no party)"]
    assert table.loc["Iraq", ["n", "conditional", "conditions"]].tolist() == [2, 1, 2]
    assert table.loc["United States", ["n", "conditional", "conditions"]].tolist() == [2, 2, 3]
    assert table.loc["(no party)", ["n", "conditional", "conditions"]].tolist() == [1, 0, 0]
    assert table.loc["Iraq", "share"] == 0.5 and table.loc["United States", "share"] == 1.0
    assert table.loc["Iraq", "per_statement"] == 1.0 and table.loc["United States", "per_statement"] == 1.5
    # 1 of 2 and 2 of 2: the Wilson interval of each share.
    assert (table.loc["Iraq", "low"], table.loc["Iraq", "high"]) == pytest.approx((0.0945, 0.9055), abs=5e-5)
    assert (table.loc["United States", "low"], table.loc["United States", "high"]) == pytest.approx(
        (0.3424, 1.0), abs=5e-5)


def test_conditionality_counts_a_joint_statement_once_per_government_even_with_two_rows():
    # A government can only be one row of a joint statement; two rows with its id still make one statement.
    frame = pd.concat([_statements(), _statements().iloc[[1]]], ignore_index=True)
    table = summaries.conditionality(frame, _conditions()).set_index("party")
    assert table.loc["Iraq", ["n", "conditional", "conditions"]].tolist() == [2, 1, 2]


def test_conditionality_leaves_out_narration_and_conditions_of_other_statements():
    table = summaries.conditionality(_statements(), _conditions())
    assert table["conditions"].sum() == 5  # not the narration's, not those of the unknown statement "gone"


def test_conditionality_without_unattributed_and_without_joint_column():
    frame = _statements().drop(columns="joint").iloc[[0, 3, 4]]
    table = summaries.conditionality(frame, _conditions(), include_unattributed=False)
    assert table["party"].tolist() == ["Iraq", "United States"]
    assert table["n"].tolist() == [1, 1] and table["conditional"].tolist() == [0, 1]


@pytest.mark.parametrize(("n", "small", "note"), [
    (1, True, "Ukraine: 1 statement — too few to compare"),
    (4, True, "Ukraine: 4 statements — too few to compare"),
    (5, False, ""),
    (12, False, ""),
])
def test_small_flag_and_note(n, small, note):
    frame = pd.DataFrame({"statement_id": [f"s{i}" for i in range(n)], "party": "Ukraine"})
    row = summaries.conditionality(frame, pd.DataFrame({"statement_id": ["s0"]})).iloc[0]
    assert row["n"] == n and row["conditional"] == 1
    assert bool(row["small"]) is small
    assert row["note"] == note


def test_unattributed_is_flagged_small_but_has_no_note():
    table = summaries.conditionality(_statements(), _conditions()).set_index("party")
    assert table.loc["(no party)", "small"] and table.loc["(no party)", "note"] == ""


def test_count_conditions_counts_a_joint_statement_once():
    assert summaries.count_conditions(_conditions(), _statements()) == (5, 1)  # j's two, s3, narration; "gone"
    assert summaries.count_conditions(_conditions()) == (5, 1)  # same offsets in the same article: one condition
    assert summaries.count_conditions(_conditions().drop(columns=["marker_start", "start", "end"])) == (7, 1)
    assert summaries.count_conditions(_conditions().iloc[:0]) == (0, 0)


# --------------------------------------------------------------------------- categories

def test_condition_categories_share_of_each_partys_conditions():
    table = summaries.condition_categories(_conditions()).set_index(["party", "category"])
    assert set(table.index.get_level_values("party")) == {"Iraq", "United States", "narration"}
    iraq = table.loc["Iraq"]
    # Iraq: two in the joint statement, one in "gone": every row of the frame counts.
    assert iraq.loc["security threat", ["conditions", "n", "statements"]].tolist() == [1, 3, 2]
    assert iraq.loc["legal", "share"] == pytest.approx(1 / 3)
    assert iraq.loc["other", "conditions"] == 0  # every category for every party
    lo, hi = wilson(1, 3)
    assert (iraq.loc["legal", "low"], iraq.loc["legal", "high"]) == pytest.approx((float(lo), float(hi)))
    assert table.loc[("narration", "other"), "conditions"] == 1
    assert table.loc[("narration", "other"), "note"] == ""
    assert iraq.loc["legal", "note"] == "Iraq: 2 statements with a condition — too few to compare"


def test_condition_categories_without_narration():
    table = summaries.condition_categories(_conditions(), narration=False)
    assert "narration" not in set(table["party"])
    assert summaries.condition_categories(_conditions().iloc[[5]], narration=False).empty


# --------------------------------------------------------------------------- framing

def _terms(denied=True):
    frame = pd.DataFrame({
        "statement_id": ["s1", "s1", "s2", "s3", "s4", "s4", "s5"],
        "party": ["Iraq", "Iraq", "Iraq", "Iraq", "United States", "United States", None],
        "kind": ["framing", "framing", "framing", "hedge", "framing", "framing", "framing"],
        "family": ["withdrawal", "withdrawal", "transition", "hedge", "withdrawal", "transition", "withdrawal"],
        "term": ["withdrawal", "reduction", "transition", "may", "withdrawal", "transition", "withdrawal"],
        "denied": [False, False, False, False, True, False, False],
    })
    return frame if denied else frame.drop(columns="denied")


def test_framing_counts_statements_and_keeps_denied_ones_apart():
    table = summaries.framing(_terms()).set_index(["party", "family"])
    us = table.loc["United States"]
    # s4 denies withdrawal and uses transition: one statement with framing terms
    assert us.loc["withdrawal", ["statements", "terms", "denied", "n"]].tolist() == [0, 0, 1, 1]
    assert us.loc["withdrawal", "share"] == 0 and us.loc["withdrawal", "denied_share"] == 1
    assert us.loc["transition", ["statements", "terms", "denied", "n"]].tolist() == [1, 1, 0, 1]
    assert (us.loc["withdrawal", "denied_low"], us.loc["withdrawal", "denied_high"]) == pytest.approx(
        (0.2065, 1.0), abs=5e-5)
    iraq = table.loc["Iraq"]
    # s1 has two withdrawal terms: one statement, not two
    assert iraq.loc["withdrawal", ["statements", "terms", "denied", "n"]].tolist() == [1, 2, 0, 2]
    assert iraq.loc["withdrawal", "share"] == pytest.approx(1 / 2)
    assert iraq.loc["withdrawal", "words"] == "withdrawal, reduction"
    assert iraq.loc["withdrawal", "party_statements"] == 2  # s1, s2; the hedge in s3 is not framing
    assert "(no party)" not in table.index.get_level_values("party")


def test_framing_says_which_family_rests_on_one_or_two_statements():
    terms = pd.DataFrame({"statement_id": ["s1", "s2", "s2", "s3", "s4", "s5"], "party": "Iraq", "kind": "framing",
                          "family": ["withdrawal", "withdrawal", "withdrawal", "withdrawal", "transition", "security"],
                          "term": ["withdraw", "withdraw", "drawdown", "withdraw", "evolve", "threat"],
                          "denied": [False, False, False, False, False, True]})
    table = summaries.framing(terms).set_index("family")
    assert table["caution"].to_dict() == {"withdrawal": "", "transition": "from 1 statement", "security": ""}
    assert table.loc["withdrawal", "words"] == "withdraw ×3, drawdown"
    assert table.loc["withdrawal", ["statements", "n"]].tolist() == [3, 5]
    two = summaries.framing(terms.iloc[:3]).set_index("family")
    assert two.loc["withdrawal", "caution"] == "from 2 statements"


def test_framing_without_a_denied_column_counts_every_term_as_use():
    table = summaries.framing(_terms(denied=False)).set_index(["party", "family"])
    assert table.loc[("United States", "withdrawal"), ["statements", "denied"]].tolist() == [1, 0]
    assert table["denied"].sum() == 0


# --------------------------------------------------------------------------- phrasing and sentiment

def _phrased():
    return pd.DataFrame({
        "statement_id": ["a", "b", "c", "d"],
        "party": ["Iraq", "Iraq", "Iraq", "United States"],
        "hedges": [0, 1, 2, 3],
        "boosters": [1, 1, 1, 0],
        "modal_strength": [1.0, np.nan, 0.4, np.nan],
        "commitment": [0.9, 0.5, 0.3, 0.2],
    })


def test_phrasing_means_with_the_n_they_are_over():
    table = summaries.phrasing(_phrased(), n_boot=300, seed=1).set_index(["party", "measure"])
    hedges = table.loc[("Iraq", "hedges")]
    assert hedges[["statements", "n", "mean"]].tolist() == [3, 3, 1.0]
    assert (hedges["low"], hedges["high"]) == bootstrap_mean([0, 1, 2], n_boot=300, seed=1)
    modal = table.loc[("Iraq", "modal_strength")]
    assert modal[["statements", "n"]].tolist() == [3, 2] and modal["mean"] == pytest.approx(0.7)
    assert modal["note"] == "Iraq: 2 statements with a modal verb — too few to compare"
    us = table.loc[("United States", "modal_strength")]
    assert us["n"] == 0 and math.isnan(us["mean"]) and math.isnan(us["low"])
    assert table.loc[("United States", "commitment"), "note"] == "United States: 1 statement — too few to compare"


def test_sentiment_is_party_sentiment_in_tidy_form():
    frame = parley.add_sentiment(pd.DataFrame({
        "statement_id": ["a", "b", "c"], "party": ["Iraq", "Iraq", "United States"],
        "content": ["a good plan", "a terrible delay", "fine"]}))
    wide = parley.party_sentiment(frame, n_boot=200).set_index("party")
    table = summaries.sentiment(frame, n_boot=200).set_index(["party", "measure"])
    assert table.loc[("Iraq", "polarity"), "mean"] == wide.loc["Iraq", "polarity"]
    assert table.loc[("Iraq", "vader"), "high"] == wide.loc["Iraq", "vader_ci_high"]
    assert table.loc[("United States", "polarity"), "n"] == 1
    assert table.loc[("United States", "polarity"), "note"] == "United States: 1 statement — too few to compare"


# --------------------------------------------------------------------------- differences

def _shares(k_a, n_a, k_b, n_b):
    statements = pd.DataFrame({"statement_id": [f"a{i}" for i in range(n_a)] + [f"b{i}" for i in range(n_b)],
                               "party": ["Ukraine"] * n_a + ["Russia"] * n_b})
    conditions = pd.DataFrame({"statement_id": [f"a{i}" for i in range(k_a)] + [f"b{i}" for i in range(k_b)]})
    return summaries.conditionality(statements, conditions)


def test_differences_too_few_on_a_side():
    diff = summaries.differences(_shares(1, 1, 2, 10)).iloc[0]
    assert (diff["party_a"], diff["party_b"]) == ("Ukraine", "Russia")
    assert diff["small"] and diff["within_noise"]  # [21%, 100%] and [6%, 51%] overlap
    assert diff["note"] == "Ukraine: 1 statement — too few to compare"
    assert diff["difference"] == pytest.approx(0.8)


def test_differences_within_and_beyond_noise():
    within = summaries.differences(_shares(3, 10, 5, 10)).iloc[0]
    assert within["within_noise"] and not within["small"]
    assert within["note"] == "Ukraine 30% vs Russia 50%: within noise (the 95% intervals overlap)"
    beyond = summaries.differences(_shares(1, 20, 18, 20)).iloc[0]
    assert not beyond["within_noise"]
    assert beyond["note"] == ("Ukraine 5% vs Russia 90%: a difference beyond noise "
                              "(the 95% intervals do not overlap)")


def test_differences_within_groups_never_compare_narration_or_no_party():
    diffs = summaries.differences(summaries.condition_categories(_conditions()))
    assert list(diffs.columns[:3]) == ["category", "party_a", "party_b"]
    assert set(diffs["party_a"]) | set(diffs["party_b"]) == {"Iraq", "United States"}
    assert len(diffs) == diffs["category"].nunique() == 4


def test_differences_of_a_party_sentiment_table():
    summary = pd.DataFrame({"party": ["A", "B"], "n": [8, 9], "polarity": [0.5, -0.4],
                            "polarity_ci_low": [0.3, -0.6], "polarity_ci_high": [0.7, -0.2]})
    diff = summaries.differences(summary, value="polarity", low="polarity_ci_low", high="polarity_ci_high").iloc[0]
    assert not diff["within_noise"] and not diff["small"] and diff["difference"] == pytest.approx(0.9)
    assert diff["note"].startswith("A 0.50 vs B -0.40: a difference beyond noise")


# --------------------------------------------------------------------------- all tables

TABLES = [
    ("conditionality", lambda s, c, t, p: summaries.conditionality(s, c)),
    ("condition_categories", lambda s, c, t, p: summaries.condition_categories(c)),
    ("framing", lambda s, c, t, p: summaries.framing(t)),
    ("phrasing", lambda s, c, t, p: summaries.phrasing(p)),
]


@pytest.mark.parametrize(("name", "make"), TABLES, ids=[t[0] for t in TABLES])
def test_tables_never_mutate_inputs_and_empty_inputs_keep_columns(name, make):
    inputs = (_statements(), _conditions(), _terms(), _phrased())
    before = [f.copy() for f in inputs]
    full = make(*inputs)
    for frame, copy in zip(inputs, before):
        pd.testing.assert_frame_equal(frame, copy)
    empty = make(*(f.iloc[:0] for f in inputs))
    assert empty.empty and list(empty.columns) == list(full.columns)
    assert {"party", "n", "low", "high", "small", "note"} <= set(full.columns)
    assert summaries.differences(empty).empty


def test_module_is_in_the_package_namespace():
    assert parley.summaries is summaries and "summaries" in parley.__all__
