"""Tests for parley.rollup.accuracy: the review sample, uncertain decisions first, and the accuracy estimate."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from parley.core.intervals import wilson
from parley.core.parties import NO_PARTY
from parley.rollup.accuracy import accuracy, review_sample, reviewed, uncertain_first


def _statements(counts: dict, *, article: str = "a1", offset: int = 0) -> pd.DataFrame:
    """Return invented statements: ``counts`` maps a government (None: none) to how many it has."""
    rows = []
    for party, n in counts.items():
        for k in range(n):
            start = offset + 100 * len(rows)
            rows.append({"statement_id": f"{article}:q{len(rows)}", "article_id": article, "party": party,
                         "joint": None, "content_start": start, "content_end": start + 50, "speaker": f"s{k}",
                         "cue": "said", "party_evidence": "alias", "rule": "cue-subject-after"})
    return pd.DataFrame(rows)


def _reviews(statements: pd.DataFrame, wrong_government: set, wrong_speaker: set = frozenset(),
             not_statements: set = frozenset(), sample: str = "random") -> pd.DataFrame:
    """Return applied corrections as apply_corrections reports them: one judgment per reviewed statement."""
    rows = []
    for n, r in enumerate(statements.itertuples()):
        found = NO_PARTY if pd.isna(r.party) else r.party
        kinds = (["not_statement"] if n in not_statements else
                 (["party"] if n in wrong_government else []) + (["speaker"] if n in wrong_speaker else []))
        for kind in kinds or ["right"]:
            rows.append({"article_id": r.article_id, "start": r.content_start, "end": r.content_end, "kind": kind,
                         "sample": sample, "applied": True, "reason": "", "found_party": found,
                         "found_speaker": r.speaker})
    return pd.DataFrame(rows)


@pytest.mark.parametrize("n, wrong", [(10, 0), (10, 3), (40, 4), (1, 1), (25, 25)])
def test_k_wrong_of_n_gives_the_share_and_its_wilson_interval(n, wrong):
    statements = _statements({"Finland": n})
    table = accuracy(_reviews(statements, set(range(wrong))), statements).set_index("party")
    row = table.loc["Finland"]
    low, high = wilson(n - wrong, n)
    assert row["reviewed"] == n and row["government_right"] == n - wrong
    assert row["share"] == pytest.approx((n - wrong) / n)
    assert (row["low"], row["high"]) == pytest.approx((float(low), float(high)))
    assert row["speaker_right"] == n


def test_each_government_is_estimated_from_its_own_reviews_and_the_total_pools_them():
    statements = _statements({"Finland": 6, "Estonia": 4, None: 2})
    reviews = _reviews(statements.iloc[[0, 1, 2, 6, 7, 10]], wrong_government={1, 4}, wrong_speaker={3},
                       not_statements={5})
    table = accuracy(reviews, statements).set_index("party")
    assert list(table.index) == ["Finland", "Estonia", NO_PARTY, "all"]
    assert table.loc["Finland", ["statements", "reviewed", "government_right"]].tolist() == [6, 3, 2]
    assert table.loc["Estonia", ["statements", "reviewed", "government_right", "speaker_right"]].tolist() == [4, 2, 1, 1]
    assert table.loc[NO_PARTY, ["reviewed", "not_statements", "government_right"]].tolist() == [1, 1, 0]
    assert table.loc["all", ["statements", "reviewed", "government_right"]].tolist() == [12, 6, 3]


def test_only_the_random_sample_counts():
    statements = _statements({"Finland": 4})
    reviews = pd.concat([_reviews(statements.iloc[:2], set()), _reviews(statements.iloc[2:], {0, 1}, sample="uncertain")])
    table = accuracy(reviews, statements).set_index("party")
    assert table.loc["Finland", ["reviewed", "government_right"]].tolist() == [2, 2]
    assert len(reviewed(reviews, sample=None)) == 4 and len(reviewed(reviews, sample="uncertain")) == 2


def test_a_correction_not_applied_is_no_review():
    statements = _statements({"Finland": 2})
    reviews = _reviews(statements, {0}).assign(applied=[False, True])
    assert accuracy(reviews, statements).set_index("party").loc["Finland", "reviewed"] == 1


def test_the_implied_range_counts_reviewed_statements_as_right_and_the_rest_at_the_estimate():
    found = _statements({"Finland": 20})
    reviews = _reviews(found.iloc[:10], {0, 1})  # 8 of 10 right
    corrected = found.iloc[2:].assign(corrected=[*(["right"] * 8), *([None] * 10)])  # 2 moved to no government
    row = accuracy(reviews, found, corrected).set_index("party").loc["Finland"]
    low, high = wilson(8, 10)
    assert row["count"] == 18 and row["count_reviewed"] == 8
    assert row["count_low"] == 8 + int(np.floor(10 * low)) and row["count_high"] == 8 + int(np.ceil(10 * high))


def test_no_review_gives_empty_rows_not_an_error():
    statements = _statements({"Finland": 3})
    table = accuracy(pd.DataFrame(), statements).set_index("party")
    assert table.loc["Finland", "reviewed"] == 0 and np.isnan(table.loc["Finland", "low"])


def test_a_joint_statement_counts_for_each_of_its_governments():
    statements = _statements({"Finland": 1, "Estonia": 1})
    statements.loc[1, ["content_start", "content_end", "joint"]] = [0, 50, "a1:q0"]
    statements.loc[0, "joint"] = "a1:q0"
    reviews = _reviews(statements.iloc[:1], set()).assign(found_party="Finland; Estonia")
    table = accuracy(reviews, statements).set_index("party")
    assert table.loc["Finland", "reviewed"] == table.loc["Estonia", "reviewed"] == 1
    assert table.loc["all", ["statements", "reviewed"]].tolist() == [1, 1]


# --------------------------------------------------------------------------- the sample

def test_the_sample_takes_turns_between_governments_and_is_random_within_each():
    statements = _statements({"Finland": 6, "Estonia": 3, None: 2})
    sample = review_sample(statements, seed=1)
    assert sample["order"].tolist() == list(range(1, 12))
    f, e, n = "Finland", "Estonia", NO_PARTY
    assert sample["stratum"].tolist() == [f, e, n, f, e, n, f, e, f, f, f]
    for _, group in sample.groupby("stratum"):
        assert group["draw"].tolist() == list(range(1, len(group) + 1))
    orders = {tuple(review_sample(statements, seed=s)["statement_id"]) for s in range(5)}
    assert len(orders) > 1  # the seed decides the order
    pd.testing.assert_frame_equal(review_sample(statements, seed=1), sample)  # and the same seed gives the same


def test_adding_articles_does_not_reorder_the_statements_already_there():
    first = _statements({"Finland": 5, "Estonia": 5})
    more = pd.concat([first, _statements({"Finland": 5, "Estonia": 5}, article="a2")], ignore_index=True)
    before = review_sample(first, seed=3)["statement_id"].tolist()
    after = [s for s in review_sample(more, seed=3)["statement_id"] if s.startswith("a1:")]
    for stratum in ("Finland", "Estonia"):
        mine = set(first.loc[first["party"] == stratum, "statement_id"])
        assert [s for s in after if s in mine] == [s for s in before if s in mine]


def test_a_joint_statement_is_sampled_once():
    statements = _statements({"Finland": 1, "Estonia": 1})
    statements.loc[1, ["content_start", "content_end"]] = [0, 50]
    assert len(review_sample(statements)) == 1


def test_the_sample_of_nothing_is_empty():
    assert review_sample(_statements({})).empty


@pytest.mark.parametrize("evidence, rule, expected", [
    ("unresolved 'he'", "cue-subject-after", "no antecedent found"),
    ("anaphor 'she' -> q1 (Kadri Lepp), alias 'Estonian'", "cue-subject-after", "resolved through a pronoun"),
    ("anaphor 'The ministry' -> q1 (also possible: Estonia’s ministry)", "cue-subject-after",
     "close second: Estonia’s ministry"),
    ("alias 'Tallinn'", "headline-tail", "a headline's attribution"),
    ("alias 'Finland’s' (possessor)", "cue-subject-after", None),
])
def test_uncertain_decisions_are_read_from_the_evidence_and_rule(evidence, rule, expected):
    statements = _statements({"Finland": 1}).assign(party_evidence=evidence, rule=rule)
    found = uncertain_first(statements)
    assert (found["why"].tolist() == [expected]) if expected else found.empty


def test_the_uncertain_column_is_used_when_present_and_rare_cues_are_added():
    statements = _statements({"Finland": 3}).assign(uncertain=["U03 resolved through a pronoun", None, None],
                                                   cue=["said", "said", "conceded"])
    found = uncertain_first(statements)
    assert found["why"].tolist() == ["U03 resolved through a pronoun", "a rare cue: 'conceded'"]
    assert found["reasons"].tolist() == [1, 1]
