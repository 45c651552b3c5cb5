"""Tests for parley.phrasing: framing families, hedges, boosters, modals, specificity, commitment."""


import pandas as pd
import pytest

import parley
from parley.phrasing import TERM_COLUMNS, add_phrasing, phrasing_terms
from frames import ROOT, TEXT, one, seed_statements

WITHDRAWAL, TRANSITION = "withdrawal / reduction", "transition / partnership"


def _top_family(terms: pd.DataFrame) -> dict:
    framing = terms[terms["kind"] == "framing"]
    return framing.groupby("party")["family"].agg(lambda f: f.value_counts().index[0]).to_dict()


def test_seed_framing_hand_made():
    statements = add_phrasing(seed_statements())
    assert statements["framing"].tolist() == [WITHDRAWAL, TRANSITION, WITHDRAWAL, "security / threat",
                                              TRANSITION, TRANSITION]
    assert _top_family(phrasing_terms(seed_statements())) == {"Iraq": WITHDRAWAL, "United States": TRANSITION}


def test_seed_framing_through_pipeline():
    analysis = parley.analyze_text(TEXT, parties=str(ROOT / "data" / "parties.toml"))
    assert len(analysis.statements) == 6
    assert _top_family(phrasing_terms(analysis.statements)) == {"Iraq": WITHDRAWAL, "United States": TRANSITION}
    phrased = add_phrasing(analysis.statements)
    assert phrased["conditions"].tolist() == [0, 0, 0, 2, 1, 3]


def test_seed_terms_are_exact_spans():
    terms = phrasing_terms(seed_statements())
    assert list(terms.columns) == TERM_COLUMNS
    literal = terms[terms["kind"] != "specificity"]
    for row in literal.itertuples():
        assert TEXT[row.start:row.end].lower().replace("’", "'") == row.term
    found = set(zip(terms["kind"], terms["term"]))
    assert {("framing", "gradual reduction"), ("framing", "transition"), ("framing", "evolve"),
            ("specificity", "specific and clear"), ("hedge", "eventually"), ("modal", "would"),
            ("framing", "security cooperation")} <= found
    assert ("framing", "reduction") not in found  # "gradual reduction" is matched as one phrase


#: (content, hedges, boosters, modal, modal_strength, specificity)
CASES = [
    ("We will certainly withdraw.", 0, 1, "will", 1.0, 0),
    ("The talks may possibly resume.", 1, 0, "may", 0.4, 0),
    ("Troops could perhaps stay, which seems likely.", 3, 0, "could", 0.4, 0),
    ("Iraq clearly wants the advisers to leave, and indeed it must.", 0, 2, "must", 1.0, 0),
    ("The coalition would eventually hand over its bases.", 1, 0, "would", 0.7, 0),
    ("We can’t accept foreign forces, and we won't.", 0, 0, "can't", 1.0, 0),
    ("The minister arrived in Baghdad in May.", 0, 0, None, None, 0),
    ("We'll leave by the end of 2025.", 0, 0, "'ll", 1.0, 2),
    ("The US should reduce its presence.", 0, 0, "should", 0.7, 0),
    ("Iraq can take over security from 1 September.", 0, 0, "can", 0.6, 1),
    ("The Iraqi forces are in principle ready, we believe.", 1, 1, None, None, 0),
    ("The plan is clearer now and the well-known risks are unclearly described.", 0, 0, None, None, 0),
    ("Iraq wants a specific and clear timeline with 2,500 fewer troops in the coming days.", 0, 1, None, None, 4),
    ("It is unclear whether talks might start.", 1, 0, "might", 0.4, 0),
]


@pytest.mark.parametrize("content, hedges, boosters, modal, strength, specificity", CASES)
def test_hedges_boosters_modals(content, hedges, boosters, modal, strength, specificity):
    row = add_phrasing(one(content)).iloc[0]
    assert (row["hedges"], row["boosters"], row["specificity"]) == (hedges, boosters, specificity)
    assert row["modal"] == modal
    if strength is None:
        assert pd.isna(row["modal_strength"])
    else:
        assert row["modal_strength"] == pytest.approx(strength)


def test_commitment_ordering_and_formula():
    strong, weak = "We will withdraw all troops by 31 December.", "We may consider reducing troops if conditions allow."
    frame = pd.concat([one(strong), one(weak).assign(statement_id="s2")], ignore_index=True)
    out = add_phrasing(frame).set_index("statement_id")
    assert out.loc["s1", "commitment"] > out.loc["s2", "commitment"]
    # will 1.0 + 0.05 * 1 date, clipped to 1
    assert out.loc["s1", "commitment"] == pytest.approx(1.0)
    # may 0.4 - 0.1 * 1 hedge ("consider") - 0.1 * 1 condition ("if conditions allow")
    assert (out.loc["s2", "hedges"], out.loc["s2", "conditions"]) == (1, 1)
    assert out.loc["s2", "commitment"] == pytest.approx(0.2)


def test_unmodalised_statement_scores_from_one_half():
    # no modal -> 0.5; "timeline" is one specificity term -> +0.05
    row = add_phrasing(one("US, Iraq to discuss timeline to reduce coalition troops")).iloc[0]
    assert row["commitment"] == pytest.approx(0.55)


def test_content_only_not_the_frame():
    sentence = "Officials clearly said troops will leave."
    content = "troops will leave"
    frame = one(content, start=sentence.index(content))
    row = add_phrasing(frame).iloc[0]
    assert row["boosters"] == 0
    terms = phrasing_terms(frame)
    assert [sentence[s:e] for s, e in zip(terms["start"], terms["end"])] == ["will", "leave"]


def test_empty_and_not_mutated():
    empty = pd.DataFrame(columns=["statement_id", "article_id", "party", "content", "content_start"])
    out = add_phrasing(empty)
    assert out.empty and {"framing", "hedges", "boosters", "modal", "modal_strength", "specificity",
                          "conditions", "commitment"} <= set(out.columns)
    assert list(phrasing_terms(empty).columns) == TERM_COLUMNS
    statements = seed_statements()
    before = statements.copy()
    add_phrasing(statements)
    pd.testing.assert_frame_equal(statements, before)


def test_an_edited_lexicon_takes_effect(lexicons):
    frame = one("The coalition will hand over its bases.")
    assert "hand over" not in phrasing_terms(frame)["term"].tolist()
    with open(lexicons / "framing.csv", "a", encoding="utf-8") as handle:
        handle.write("\nHand  Over,transition / partnership,test\n")  # normalised like the text
    terms = phrasing_terms(frame)
    assert terms.loc[terms["term"] == "hand over", "family"].tolist() == ["transition / partnership"]
