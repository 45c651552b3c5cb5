"""Tests for parley.phrasing: framing families, hedges, boosters, modals, specificity, commitment."""


import pandas as pd
import pytest

import parley
from parley.core.lemmas import lemmatize
from parley.measures.phrasing import TERM_COLUMNS, add_phrasing, phrasing_terms
from frames import ROOT, TEXT, one, seed_statements

WITHDRAWAL, TRANSITION = "withdrawal / reduction", "transition / evolution"


def _top_family(terms: pd.DataFrame) -> dict:
    """Return each party's most used framing family (ties: the one used first, as add_phrasing decides)."""
    framing = terms[terms["kind"] == "framing"]
    return framing.groupby("party")["family"].agg(lambda f: max(dict.fromkeys(f), key=list(f).count)).to_dict()


def test_seed_framing_hand_made():
    statements = add_phrasing(seed_statements())
    assert statements["framing"].tolist() == [WITHDRAWAL, TRANSITION, WITHDRAWAL, "security / threat",
                                              TRANSITION, TRANSITION]
    assert _top_family(phrasing_terms(seed_statements())) == {"Iraq": WITHDRAWAL, "United States": TRANSITION}


def test_seed_framing_through_pipeline():
    analysis = parley.analyze_text(TEXT, parties=str(ROOT / "data" / "parties.toml"))
    assert len(analysis.statements) == 5  # the standfirst's repeat of Austin's sentence counts once
    assert _top_family(phrasing_terms(analysis.statements)) == {"Iraq": WITHDRAWAL, "United States": TRANSITION}
    phrased = add_phrasing(analysis.statements)
    assert phrased["conditions"].tolist() == [0, 0, 2, 1, 3]


def test_seed_terms_are_exact_spans():
    terms = phrasing_terms(seed_statements())
    assert list(terms.columns) == TERM_COLUMNS
    literal = terms[terms["kind"] != "specificity"]
    for row in literal.itertuples():  # framing terms match by lemma: "threats" is the term "threat"
        words = TEXT[row.start:row.end].lower().replace("’", "'")
        assert (lemmatize(words.split()) == lemmatize(row.term.split()) if row.kind == "framing"
                else words == row.term)
    found = set(zip(terms["kind"], terms["term"]))
    assert {("framing", "gradual reduction"), ("framing", "transition"), ("framing", "evolve"),
            ("specificity", "specific and clear"), ("hedge", "eventually"), ("modal", "would")} <= found
    assert ("framing", "reduction") not in found  # "gradual reduction" is matched as one phrase
    # the "Joint Security Cooperation Dialogue" is a name: neither security nor cooperation
    assert not {("framing", "security cooperation"), ("framing", "dialogue")} & found


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
    frame = one("The Iraqi army will take over the bases.")
    assert "take over" not in phrasing_terms(frame)["term"].tolist()
    with open(lexicons / "framing.csv", "a", encoding="utf-8") as handle:
        handle.write("\nTake  Over,transition / evolution,,test\n")  # normalised like the text
    terms = phrasing_terms(frame)
    assert terms.loc[terms["term"] == "take over", "family"].tolist() == ["transition / evolution"]


# --------------------------------------------------------------------------- denial

#: (content, [(term, denied)] for every framing term, hedge and booster, in order). Hand-written.
DENIAL_CASES = [
    # negation before the term, in its clause
    ("Let me be plain: this is not a withdrawal.", [("withdrawal", True)]),
    ("The new posture isn't a withdrawal.", [("withdrawal", True)]),
    ("The new posture isn’t a withdrawal.", [("withdrawal", True)]),
    ("Our decision is not about withdrawing.", [("withdrawing", True)]),
    ("There will be no withdrawal this year.", [("withdrawal", True)]),
    ("Washington has no plans to withdraw.", [("withdraw", True)]),
    ("We never intended to withdraw.", [("never", False), ("withdraw", True)]),
    ("Our advisers won't withdraw.", [("withdraw", True)]),
    ("Our advisers won’t withdraw.", [("withdraw", True)]),
    ("Our advisers will not withdraw.", [("withdraw", True)]),
    ("The coalition don’t plan to leave.", [("leave", True)]),
    ("It is not a drawdown, nor a withdrawal.", [("drawdown", True), ("withdrawal", True)]),
    ("There will be no immediate withdrawal.", [("withdrawal", True)]),
    ("No troops will leave before the talks end.", [("leave", True), ("talks", False)]),  # "the talks end" is no withdrawal
    ("No foreign troops will stay.", [("foreign troops", True)]),
    ("I would not call it a withdrawal.", [("withdrawal", True)]),
    ("The move does not mean a withdrawal.", [("withdrawal", True)]),
    ("The coalition has not been asked to leave.", [("leave", True)]),
    ("We will not withdraw or reduce our presence.", [("withdraw", True), ("reduce", True)]),
    ("There will be no withdrawal or any drawdown.", [("withdrawal", True), ("drawdown", True)]),
    ("We will not withdraw and leave a vacuum.", [("withdraw", True), ("leave", True)]),
    ("We are not considering a withdrawal.", [("considering", True), ("withdrawal", True)]),
    ("The outcome is not clearly a success.", [("clearly", True)]),
    ("It is not certain the talks will resume.", [("certain", True), ("talks", False)]),
    ("Under no circumstances will we withdraw.", [("under no circumstances", False), ("withdraw", True)]),
    ("The army refused to withdraw.", [("withdraw", True)]),
    # a contrast that rejects the term
    ("This is an evolution rather than a withdrawal.", [("evolution", False), ("rather", False), ("withdrawal", True)]),
    ("Instead of withdrawing, the mission will evolve.", [("withdrawing", True), ("evolve", False)]),
    ("We can adjust our posture without withdrawing.", [("withdrawing", True)]),
    # a denial verb governing the clause
    ("The ministry denied that the U.S. would withdraw.", [("withdraw", True)]),
    ("The ministry denied reports that American troops would leave.", [("leave", True)]),
    ("The envoy rejected claims of a withdrawal.", [("claims", False), ("withdrawal", True)]),
    ("The envoy dismissed talk of withdrawal.", [("withdrawal", True)]),
    ("The minister ruled out a withdrawal.", [("withdrawal", True)]),
    ("The minister denied any withdrawal.", [("withdrawal", True)]),
    # not denied
    ("We will not stay forever, and the withdrawal will be gradual.", [("withdrawal", False)]),
    ("We will not stay forever and the withdrawal will be gradual.", [("withdrawal", False)]),
    ("We will not withdraw and the partnership will grow.", [("withdraw", True), ("partnership", False)]),
    ("The withdrawal is not imminent.", [("withdrawal", False)]),
    ("This is not only a withdrawal but a new chapter.", [("withdrawal", False), ("new chapter", False)]),
    ("It is not just a withdrawal.", [("withdrawal", False)]),
    ("We discussed whether or not to withdraw.", [("withdraw", False)]),
    ("This is not a withdrawal, it is a transition.", [("withdrawal", True), ("transition", False)]),
    ("This is not a withdrawal but a transition.", [("withdrawal", True), ("transition", False)]),
    ("We are not leaving; the partnership will continue.", [("leaving", True), ("partnership", False)]),
    ("We do not accept foreign forces on our land.", [("foreign forces", False), ("our land", False)]),
    ("We will not tolerate violations of our sovereignty.", [("violations of our sovereignty", False)]),
    ("We will not hesitate to retaliate.", [("retaliate", False)]),
    ("We do not rule out a withdrawal.", [("not rule out", False), ("withdrawal", False)]),
    ("Iraq rejected any violation of its sovereignty.", [("violation of its sovereignty", False)]),
    ("Without cooperation, the danger will grow.", [("cooperation", False), ("danger", False)]),
    ("There is no alternative to partnership.", [("partnership", False)]),
    ("The ministry denied involvement in the attacks.", [("attacks", False)]),
    ("Nothing was decided, which is why the withdrawal was delayed.", [("withdrawal", False)]),
    ("Not one of the allies, who want a withdrawal, objected.", [("allies", False), ("withdrawal", False)]),
    ("The talks did not go well: a withdrawal is likely.", [("talks", False), ("withdrawal", False), ("likely", False)]),
]


def _deniable(terms: pd.DataFrame, content: str) -> list[tuple]:
    """Return (the words in the text, denied) for every framing term, hedge and booster."""
    rows = terms[terms["kind"].isin(["framing", "hedge", "booster"])]
    return [(content[s:e].lower().replace("’", "'"), d) for s, e, d in zip(rows["start"], rows["end"], rows["denied"])]


@pytest.mark.parametrize("content, expected", DENIAL_CASES)
def test_denied_terms(content, expected):
    assert _deniable(phrasing_terms(one(content)), content) == expected


def test_modals_and_specificity_are_never_denied():
    terms = phrasing_terms(one("We won't withdraw by 31 December, and we will not leave in 2025."))
    assert terms.loc[terms["kind"] == "framing", "denied"].tolist() == [True, True]
    assert terms.loc[terms["kind"] != "framing", "denied"].tolist() == [False] * 4
    assert terms["denied"].dtype == bool


def test_denied_framing_is_not_used():
    row = add_phrasing(one("This is not a withdrawal, it is a transition to a bilateral partnership.")).iloc[0]
    # "bilateral partnership" (2 terms) outweighs "transition" (1) since partnership is a family of its own
    assert (row["framing"], row["framing_denied"], row["denials"]) == ("cooperation / partnership", WITHDRAWAL, 1)
    terms = phrasing_terms(one("This is not a withdrawal, it is a transition to a bilateral partnership."))
    used = terms[(terms["kind"] == "framing") & ~terms["denied"]]
    assert WITHDRAWAL not in used["family"].tolist()
    assert used["term"].tolist() == ["transition", "bilateral", "partnership"]


def test_only_denied_framing_leaves_framing_empty():
    row = add_phrasing(one("There will be no withdrawal and no drawdown.")).iloc[0]
    assert row["framing"] is None and row["framing_denied"] == WITHDRAWAL and row["denials"] == 2


def test_denied_hedges_and_boosters_are_not_counted():
    row = add_phrasing(one("It is not clearly settled, and it is certainly not likely to change.")).iloc[0]
    # "not clearly" is no booster; "certainly" is one; "not likely" is no hedge
    assert (row["hedges"], row["boosters"], row["denials"]) == (0, 1, 2)
    # 0.5 (no modal) + 0.1 * 1 booster
    assert row["commitment"] == pytest.approx(0.6)


def test_denial_columns_on_the_seed():
    out = add_phrasing(seed_statements())
    assert out["framing_denied"].isna().all() and out["denials"].tolist() == [0] * 6
    assert out["denials"].dtype == "int64"
    assert not phrasing_terms(seed_statements())["denied"].any()


def test_given_conditions_are_counted_not_found_again(monkeypatch):
    analysis = parley.analyze_text(TEXT, parties=str(ROOT / "data" / "parties.toml"))
    conditions = parley.to_conditions(analysis.statements)
    expected = add_phrasing(analysis.statements)
    monkeypatch.setattr("parley.measures.phrasing.to_conditions", lambda *a, **k: pytest.fail("found again"))
    given = add_phrasing(analysis.statements, conditions=conditions)
    assert given["conditions"].tolist() == expected["conditions"].tolist() == [0, 0, 2, 1, 3]
    pd.testing.assert_frame_equal(given, expected)
    # an empty conditions frame counts nothing
    assert add_phrasing(analysis.statements, conditions=conditions.iloc[:0])["conditions"].tolist() == [0] * 5


def test_an_edited_negation_lexicon_takes_effect(lexicons):
    frame = one("The envoy scoffed at a withdrawal.")
    assert not phrasing_terms(frame)["denied"].any()
    with open(lexicons / "negation.csv", "a", encoding="utf-8") as handle:
        handle.write("\nscoffed at,denial_verb,test\n")
    assert phrasing_terms(frame)["denied"].tolist() == [True]


def test_a_denial_cue_denies_its_whole_content():
    # "The Pentagon denied | that US forces would withdraw": the cue is outside the content
    statements = pd.DataFrame({"statement_id": ["s1", "s2"], "article_id": ["a", "a"], "party": ["US", "US"],
                               "content": ["US forces would withdraw from Iraq", "US forces would withdraw from Iraq"],
                               "content_start": [0, 40], "cue": ["denied", "said"]})
    terms = phrasing_terms(statements)
    withdraw = terms[terms["term"] == "withdraw"].set_index("statement_id")["denied"]
    assert withdraw.to_dict() == {"s1": True, "s2": False}
    measured = add_phrasing(statements).set_index("statement_id")
    assert pd.isna(measured.loc["s1", "framing"]) and measured.loc["s1", "framing_denied"] == "withdrawal / reduction"
    assert measured.loc["s2", "framing"] == "withdrawal / reduction"


def test_terms_follow_the_story_and_lexicons_of_each_call(lexicons):
    # the terms of a content are remembered between calls, but only for the same framing terms and negations
    from parley.core.story import Story

    frame = one("The Iraqi army will take over the bases.")
    story = Story(framing=(("take over", "handover"),))
    default = phrasing_terms(frame)
    assert "take over" not in default["term"].tolist()
    assert phrasing_terms(frame, story=story).query("kind == 'framing'")["family"].tolist() == ["handover"]
    pd.testing.assert_frame_equal(phrasing_terms(frame), default)
    with open(lexicons / "negation.csv", "a", encoding="utf-8") as handle:
        handle.write("\narmy will,negator,test\n")
    assert phrasing_terms(frame, story=story).query("kind == 'framing'")["denied"].tolist() == [True]
    assert add_phrasing(frame, story=story)["framing_denied"].tolist() == ["handover"]


def test_one_pass_gives_what_the_two_functions_give():
    from parley.measures.phrasing import measure_phrasing

    frame = pd.concat([one("Officials said this is not a withdrawal but a transition that will begin in 2025."),
                       one("The ministry said it may possibly reconsider if talks fail.")], ignore_index=True)
    frame["statement_id"] = ["s1", "s2"]
    measured, terms = measure_phrasing(frame)
    pd.testing.assert_frame_equal(measured, add_phrasing(frame))
    pd.testing.assert_frame_equal(terms, phrasing_terms(frame))
    assert {"transition", "may"} <= set(terms["term"]) and terms["denied"].any()


# --------------------------------------------------------------------------- families, inflections, acts, denials

def _families(content: str) -> tuple[set, set]:
    """Return the framing families a one-statement content uses and those it denies, by their first word."""
    terms = phrasing_terms(one(content))
    framing = terms[terms["kind"] == "framing"]
    short = framing["family"].str.split("/").str[0].str.strip()
    return set(short[~framing["denied"]]), set(short[framing["denied"]])


#: (content, families used, families denied). Hand-written: every default family, inflected forms,
#: gapped multiword terms, acts with a condition, denial forms, names that hide their words.
FAMILY_CASES = [
    # every default family
    ("The last battalion withdrew in March.", {"withdrawal"}, set()),
    ("The mission is evolving into an advisory one.", {"transition"}, set()),
    ("Our two navies cooperated closely all year.", {"cooperation"}, set()),
    ("This island belongs to our nation, not to them.", {"sovereignty"}, set()),
    ("We will not give up a single inch of our land.", {"sovereignty"}, set()),
    ("Militants threatened the border villages again.", {"security"}, set()),
    ("Their navy escalated the standoff with live-fire drills.", {"escalation"}, set()),
    ("Both capitals agreed on a ceasefire and a return to the negotiating table.", {"de-escalation"}, set()),
    ("Normalisation of ties is the goal of these meetings.", {"de-escalation"}, set()),
    ("Washington imposed new tariffs on steel.", {"sanctions"}, set()),
    ("They will block the bid for as long as it takes.", {"sanctions"}, set()),
    ("Thousands of refugees are sheltering near the river.", {"humanitarian"}, set()),
    ("The annexation breaches international law and the UN Charter.", {"legal", "sovereignty"}, set()),
    ("The court ruled that the seizure was unlawful.", {"legal"}, set()),
    ("Investment and trade between our economies keep growing.", {"economic"}, set()),
    # inflections: one lexicon row per lemma
    ("Terrorists attacked a checkpoint.", {"security"}, set()),
    ("The rebels are threatening the capital.", {"security"}, set()),
    ("Both sides have been negotiating since May.", {"de-escalation"}, set()),
    ("They retaliated within hours.", {"escalation"}, set()),
    ("The drawdowns were completed early.", {"withdrawal"}, set()),
    # multiword terms with a short gap, and a word in another sense
    ("We urge them to lift the remaining sanctions.", {"de-escalation", "sanctions"}, set()),
    ("Their planes carried out air and drone strikes overnight.", {"escalation", "security"}, set()),
    ("We will leave that to the president to decide.", set(), set()),
    ("We struck a deal on fishing rights.", set(), set()),
    ("He praised the work of the Iraqi security forces.", set(), set()),
    # a word inside a name counts for nothing, unless a legal instrument names itself
    ("The Joint Security Cooperation Dialogue will meet in June.", set(), set()),
    ("The UN Security Council met on Friday.", set(), set()),
    ("They signed the “Peace and Prosperity” plan.", {"legal"}, set()),
    ("Their move violates the Vienna Convention on Diplomatic Relations.", {"legal"}, set()),
    # acts: a threat or a veto with a condition
    ("If they attack us again, they will pay a heavy price.", {"escalation", "security"}, set()),
    ("Should the shelling go on, our response will be severe.", {"escalation", "security"}, set()),
    # the membership is vetoed, not denied: cooperation is still the subject
    ("We will not approve their membership until they extradite the suspects.", {"sanctions", "cooperation", "legal"},
     set()),
    ("They should not expect a green light from us unless the protests stop.", {"sanctions"}, set()),
    ("We will only ratify the accord once the troops are gone.", {"sanctions", "legal"}, set()),
    ("We will approve their membership next week.", {"cooperation"}, set()),  # no condition: no veto
    ("Our response to the reporters was brief.", set(), set()),  # no condition: no threat
    # denials
    ("There is no, absolutely no, negotiation on our borders.", {"sovereignty"}, {"de-escalation"}),
    ("We will not, under any circumstances, retaliate.", set(), {"escalation"}),
    ("The ministry said it had nothing to do with the drone strikes.", set(), {"escalation", "security"}),
    ("We reject any attempt to portray our exercises as an escalation.", set(), {"escalation"}),
    ("There is no military solution to this crisis.", set(), set()),  # "military solution" is no term
    ("There is no plan to withdraw.", set(), {"withdrawal"}),
    ("Allegations of a massacre in the valley are baseless.", set(), set()),  # "massacre" is no term
    ("Allegations of attacks on civilians are baseless and absurd.", set(), {"security", "humanitarian"}),
    ("Further talks with them are now pointless.", set(), {"de-escalation"}),
    ("Our sovereignty is not up for negotiation, discussion or debate.", {"sovereignty"}, {"de-escalation"}),
    ("They should not expect us to back their candidacy.", set(), {"cooperation"}),
    ("They can't have a nuclear weapon.", {"security"}, set()),  # a red line, not a denial of the threat
    ("We will talk with or without a deal.", {"de-escalation"}, set()),
]


@pytest.mark.parametrize("content, used, denied", FAMILY_CASES)
def test_framing_families(content, used, denied):
    assert _families(content) == (used, denied)


def test_a_term_in_two_families_counts_for_both():
    terms = phrasing_terms(one("The army will defend the homeland."))
    defend = terms[terms["term"] == "defend"]
    assert set(defend["family"]) == {"escalation / deterrence", "security / threat"}
    assert defend["start"].nunique() == 1


def test_acts_need_the_conditions_and_use_those_given():
    content = "If they attack us again, we will respond."
    frame = one(content)
    found = phrasing_terms(frame)
    act = found[found["term"].str.contains("…")]
    assert act["term"].tolist() == ["respond … if"] and content[act["start"].iloc[0]:act["end"].iloc[0]] == "respond"
    none = parley.to_conditions(frame).iloc[:0]  # conditions given: none, so no act
    assert not phrasing_terms(frame, conditions=none)["term"].str.contains("…").any()


def test_a_story_of_its_own_has_no_acts():
    from parley.core.story import Story

    story = Story(framing=(("price", "cost"),))
    terms = phrasing_terms(one("If they attack us again, they will pay a heavy price."), story=story)
    assert not terms["term"].str.contains("…").any()
    assert terms.loc[terms["kind"] == "framing", "family"].tolist() == ["cost"]
