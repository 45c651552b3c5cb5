"""Tone reads diplomatic speech acts: threats and rejections in polite words, offers, and what negation undoes."""
import pandas as pd
import pytest

import parley
from parley.core import config
from parley.measures import tone
from parley.core.lexicons import read_lexicon

SEED = config.ARTICLES / "000_ed59ce91eebbf266.txt"


def _frame(pairs, parties=None):
    parties = parties or ["Ruritania"] * len(pairs)
    return pd.DataFrame({"statement_id": [f"s{i}" for i in range(len(pairs))], "party": parties,
                         "cue": [c for c, _ in pairs], "content": [t for _, t in pairs]})


def _tone(cue, content):
    return parley.add_tone(_frame([(cue, content)])).iloc[0]


ACTS = [  # (cue, content, tone, the PLOVER category of the act weighing most)
    ("warned", "that any incursion would be met with force", "confrontational", "THREATEN"),
    ("said", "we will respond decisively to any violation of our airspace", "confrontational", "THREATEN"),
    ("said", "the army will not hesitate to defend the homeland", "confrontational", "THREATEN"),
    ("threatened", "to cut off fuel supplies", "confrontational", "THREATEN"),
    ("accused", "the neighbouring government of harbouring armed groups", "confrontational", "ACCUSE"),
    ("condemned", "the shelling of the border town", "confrontational", "ACCUSE"),
    ("said", "the claims were baseless and politically motivated", "confrontational", "ACCUSE"),
    ("said", "the decision was deeply irresponsible", "confrontational", "ACCUSE"),
    ("rejected", "the proposed corridor outright", "confrontational", "REJECT"),
    ("said", "the island's status is non-negotiable", "confrontational", "REJECT"),
    ("demanded", "that the fleet leave the strait", "confrontational", "DEMAND"),
    ("said", "the occupying troops must withdraw immediately", "confrontational", "DEMAND"),
    ("announced", "it would impose sanctions on the ruling family", "confrontational", "COERCE"),
    ("said", "it had expelled two diplomats", "confrontational", "SANCTION"),
    ("welcomed", "the release of the fishermen", "cooperative", "SUPPORT"),
    ("praised", "the mediators for their patience", "cooperative", "SUPPORT"),
    ("thanked", "the hosts for their hospitality", "cooperative", "SUPPORT"),
    ("said", "the two sides agreed on a prisoner exchange", "cooperative", "CAMEO 019"),
    ("said", "both governments signed a trade agreement on Tuesday", "cooperative", "SUPPORT"),
    ("pledged", "to provide humanitarian aid to the flooded provinces", "cooperative", "AID"),
    ("said", "it had sent aid to the flooded provinces", "cooperative", "AID"),
    ("offered", "to host the next round", "cooperative", "AGREE"),
    ("said", "we are ready to resume talks with our neighbours", "cooperative", "AGREE"),
    ("said", "the meeting was constructive and fruitful", "cooperative", "SUPPORT"),
    ("said", "the government would lift the ban on fruit imports", "cooperative", "RETREAT"),
    ("called", "for restraint and dialogue", "cooperative", "REQUEST"),
    ("said", "the delegation arrived on Monday evening", "neutral", ""),
    ("said", "the minister will travel to the capital next week", "neutral", ""),
]


@pytest.mark.parametrize(("cue", "content", "expected", "category"), ACTS)
def test_each_act_has_its_tone_and_category(cue, content, expected, category):
    row = _tone(cue, content)
    assert (row["tone"], row["tone_category"]) == (expected, category), row["tone_acts"]


NEGATION = [  # (cue, content, tone, what the evidence says about the act)
    ("said", "the navy did not threaten the fishing boats", "neutral", "negated"),
    ("said", "it never accused its neighbour of anything", "neutral", "negated"),
    ("denied", "threatening the fishing boats", "neutral", "denied"),
    ("said", "it denied that it had threatened the boats", "neutral", "denied"),
    ("rejected", "claims that it had agreed to a ceasefire", "neutral", "denied"),
    ("dismissed", "reports that the two leaders had signed a deal", "neutral", "denied"),
    ("said", "the government has no intention of attacking anyone", "cooperative", "renounced"),
    ("said", "we will not retaliate against the protesters", "cooperative", "renounced"),
    ("said", "the country would not be intimidated", "neutral", "negated"),  # passive: suffered, not renounced
    ("said", "the capital will not negotiate with the rebels", "confrontational", "reject"),
    ("said", "the president refused to sign the accord", "confrontational", "negated"),
    ("said", "we are not ready for talks", "confrontational", "negated"),
    ("said", "there has been no progress", "neutral", "pessimistic"),
    ("said", "it did not deny threatening the boats", "confrontational", "threaten"),
    ("said", "we will not tolerate any provocation", "confrontational", "threaten"),
    ("said", "we appreciate the proposal but cannot accept it", "confrontational", "after a contrast"),
]


@pytest.mark.parametrize(("cue", "content", "expected", "evidence"), NEGATION)
def test_negation_and_denial_undo_or_turn_the_act(cue, content, expected, evidence):
    row = _tone(cue, content)
    assert row["tone"] == expected, row["tone_acts"]
    assert evidence in row["tone_acts"]


CONDITIONS = [  # (content, conditional threat, conditional offer, tone)
    ("we will impose tariffs if the flow of drugs does not stop", True, False, "confrontational"),
    ("the army will respond decisively unless the incursions end", True, False, "confrontational"),
    ("we will impose tariffs on steel next month", False, False, "confrontational"),
    ("we are ready to resume talks if the shelling stops", False, True, "cooperative"),
    ("the government will lift sanctions in exchange for the prisoners", False, True, "cooperative"),
    ("we are ready to resume talks with our neighbours", False, False, "cooperative"),
]


@pytest.mark.parametrize(("content", "threat", "offer", "expected"), CONDITIONS)
def test_conditional_threats_and_offers_are_flagged(content, threat, offer, expected):
    row = _tone("said", content)
    assert (bool(row["conditional_threat"]), bool(row["conditional_offer"]), row["tone"]) == (threat, offer, expected)


def test_a_conditional_offer_weighs_half():
    plain = _tone("said", "we are ready to resume talks with our neighbours")["tone_score"]
    conditional = _tone("said", "we are ready to resume talks with our neighbours if the shelling stops")
    assert conditional["tone_score"] == pytest.approx(plain / 2)
    assert "conditional offer" in conditional["tone_acts"]


@pytest.mark.parametrize("content", ["it threatens the border", "it threatened the border", "it is threatening the border",
                                     "they warned of consequences", "a warning was issued", "the strikes continued"])
def test_inflected_forms_match_their_lexicon_word(content):
    assert _tone("said", content)["tone_score"] < 0


@pytest.mark.parametrize("content", ["the ministry stated its position", "the construction of a port",
                                     "farm products were exported", "in accordance with the schedule"])
def test_look_alikes_of_act_words_do_not_match(content):
    row = _tone("said", content)
    assert (row["tone_score"], row["tone_acts"]) == (0.0, "")


def test_the_evidence_names_words_category_and_weight():
    row = _tone("warned", "it would respond decisively")
    assert row["tone_acts"] == ("warned: threaten (THREATEN 130, -4.4); "
                                "respond decisively: threaten with military force (THREATEN 138, -7.0)")
    assert row["tone_score"] == -10.0  # the sum, kept on the Goldstein scale


def test_mentioned_events_count_once_and_follow_the_act():
    row = _tone("said", "the attacks and the shelling and the killing continued")
    assert row["tone_score"] == pytest.approx(-10.0 * tone.TOPIC_SHARE)
    row = _tone("said", "the deal was illegal")  # the accusation sets the direction, the deal does not offset it
    assert row["tone_score"] == pytest.approx(-2.0)


def test_appeals_are_coded_by_what_they_ask():
    assert "appeal to meet" in _tone("urged", "both sides to return to talks")["tone_acts"]
    demand = _tone("demanded", "that the neighbour lift the ban")
    assert demand["tone"] == "confrontational" and "asked for" in demand["tone_acts"]


def test_columns_types_and_input_untouched():
    frame = _frame([("warned", "of consequences"), ("said", None), (None, "we welcome the agreement")])
    before = frame.copy()
    out = parley.add_tone(frame)
    pd.testing.assert_frame_equal(frame, before)
    assert out.columns.tolist()[-6:] == tone.TONE_COLUMNS
    assert out["tone"].tolist() == ["confrontational", "neutral", "cooperative"]
    assert out["tone_score"].dtype == float and out["conditional_threat"].dtype == bool


def test_an_empty_frame_keeps_the_columns():
    out = parley.add_tone(_frame([]))
    assert out.empty and set(tone.TONE_COLUMNS) <= set(out.columns)


def test_analyze_includes_tone(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "CACHE", tmp_path / "cache")
    fresh = parley.analyze(SEED, cache=True, workers=1)
    cached = parley.analyze(SEED, cache=True, workers=1)
    assert set(tone.TONE_COLUMNS) <= set(fresh.statements.columns)
    pd.testing.assert_frame_equal(fresh.statements[tone.TONE_COLUMNS], cached.statements[tone.TONE_COLUMNS])


def test_lexicon_rows_are_well_formed():
    rows = read_lexicon("tone.csv")
    assert len({r["rule"] for r in rows}) == len(rows)
    assert {r["kind"] for r in rows} <= {"act", "topic", "intent", "precondition", "neutral", "contrast", "future", "passive"}
    weights = {}
    for row in rows:
        if row["cameo"]:  # one weight per CAMEO code, as in the Goldstein table
            assert weights.setdefault(row["cameo"], row["goldstein"]) == row["goldstein"], row["rule"]
            assert -10 <= float(row["goldstein"]) <= 10
