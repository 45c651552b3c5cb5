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


INTENTIONS = [  # (content, tone, what the evidence says about the intended act)
    ("the cabinet is willing to sign the water treaty", "cooperative", "intended"),
    ("our envoys stand ready to sign a peace accord", "cooperative", "intended"),
    ("the premier is not prepared to sign the water treaty", "confrontational", "its intention negated"),
    ("the council is not willing to sign any accord this year", "confrontational", "its intention negated"),
    ("the generals vowed to retaliate against the raids", "confrontational", "retaliate"),
]


@pytest.mark.parametrize(("content", "expected", "evidence"), INTENTIONS)
def test_an_intended_act_is_not_done(content, expected, evidence):
    row = _tone("said", content)
    assert row["tone"] == expected, row["tone_acts"]
    assert evidence in row["tone_acts"]


def test_an_intended_act_weighs_as_an_intention_once():
    intended = _tone("said", "the cabinet is willing to sign the water treaty")["tone_score"]
    done = _tone("said", "the cabinet signed the water treaty")["tone_score"]
    assert intended == pytest.approx(4.0) and done > intended  # 030 express intent, not 057 and 030 added up
    assert _tone("said", "the premier is not prepared to sign the water treaty")["tone_score"] == pytest.approx(-4.0)


ELLIPSES = [  # (content, tone, negated by the clause after the contrast)
    ("our side is ready to sign the accord, but theirs is not", "confrontational", True),
    ("we are prepared to sign the accord but the other government is not", "confrontational", True),
    ("the capital offered a truce, but the rebels did not", "confrontational", True),
    ("we are ready to sign the accord, but not before the elections", "cooperative", False),
    ("we are ready to sign the accord, but they are also ready", "cooperative", False),
    ("the neighbours condemned the raid, but we did not", "confrontational", False),  # only cooperation is elided
]


@pytest.mark.parametrize(("content", "expected", "elided"), ELLIPSES)
def test_an_elliptical_clause_after_a_contrast_negates_what_came_before(content, expected, elided):
    row = _tone("said", content)
    assert row["tone"] == expected, row["tone_acts"]
    assert ("negated after a contrast" in row["tone_acts"]) == elided


FAILURES = [  # (content, tone, failed) a cooperative event that failed is a pessimistic comment
    ("the negotiations in the capital have failed", "neutral", True),
    ("the ceasefire collapsed after two days", "neutral", True),
    ("the dialogue between the ministries has stalled", "neutral", True),
    ("the border talks have reached a deadlock", "neutral", True),
    ("the mediation effort fell through in the spring", "neutral", True),
    ("the two delegations signed a ceasefire agreement", "cooperative", False),
]


@pytest.mark.parametrize(("content", "expected", "failed"), FAILURES)
def test_a_failed_cooperative_event_is_a_pessimistic_comment(content, expected, failed):
    row = _tone("said", content)
    assert row["tone"] == expected, row["tone_acts"]
    assert ("failed" in row["tone_acts"] and row["tone_score"] < 0) == failed, row["tone_acts"]


NEGATION_FORMS = [  # (content, tone, what the evidence says) negation forms read since issue 24
    ("both sides pledged not to engage in hostile acts", "cooperative", "negated"),  # "not to" + verb + preposition
    ("the two armies promised not to carry out attacks", "cooperative", "negated"),  # "not to" + phrasal verb
    ("the border question was not discussed in the capital", "neutral", "negated, passive"),  # did not happen
    ("the new border crossings have not been negotiated", "neutral", "negated, passive"),
    ("we will not discuss the border question", "confrontational", "reject"),  # active: a refusal
    ("the republic refuses to bow to pressure from abroad", "confrontational", "negated: yield"),
    ("the junta will not give in to the demands", "confrontational", "decline to yield"),
    ("the government decided to yield to the protesters", "cooperative", "yield"),
    ("the coast guards pledged to work to avoid illegal landings", "cooperative", "negated"),  # prevented: not done
    ("the agencies will work together to prevent attacks on pipelines", "cooperative", "renounced"),
    ("the council adopted measures to curb illegal fishing", "neutral", "negated"),
]


@pytest.mark.parametrize(("content", "expected", "evidence"), NEGATION_FORMS)
def test_negation_forms(content, expected, evidence):
    row = _tone("said", content)
    assert row["tone"] == expected, row["tone_acts"]
    assert evidence in row["tone_acts"]


@pytest.mark.parametrize(("content", "praise"), [
    ("the envoys will meet to review progress on the truce", False),
    ("the commission will assess the progress of the reforms", False),
    ("a working group will monitor progress on the exchange", False),
    ("the envoys said there had been real progress", True),
])
def test_progress_that_is_reviewed_is_no_praise(content, praise):
    assert ("praise or endorse" in _tone("said", content)["tone_acts"]) == praise


@pytest.mark.parametrize(("content", "expected", "evidence"), [
    ("the ratification of the treaty is on the agenda", "cooperative", "mentioned"),  # the noun names the event
    ("the parliament will ratify the treaty in May", "cooperative", "sign formal agreement (SUPPORT 057, +8.0)"),
])
def test_a_noun_mentions_the_event_its_verb_does_it(content, expected, evidence):
    row = _tone("said", content)
    assert row["tone"] == expected and evidence in row["tone_acts"], row["tone_acts"]


ACCUSATIONS = [  # (cue, content) what an accusation accuses of is not a second event: the accusation weighs
    ("accused", "the neighbour of shelling border villages"),
    ("blamed", "the rebels for the bombing of the station"),
    ("condemned", "the attacks on the convoy"),
    ("said", "the neighbour was to blame for the killing of two guards"),
]


@pytest.mark.parametrize(("cue", "content"), ACCUSATIONS)
def test_what_an_accusation_accuses_of_weighs_nothing_more(cue, content):
    row = _tone(cue, content)
    assert row["tone_score"] == pytest.approx(-2.0), row["tone_acts"]
    assert "what is accused" in row["tone_acts"]


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
    assert {r["kind"] for r in rows} <= {"act", "topic", "intent", "precondition", "neutral", "contrast", "future", "passive",
                                         "failure", "prevention"}
    weights = {}
    for row in rows:
        if row["cameo"]:  # one weight per CAMEO code, as in the Goldstein table
            assert weights.setdefault(row["cameo"], row["goldstein"]) == row["goldstein"], row["rule"]
            assert -10 <= float(row["goldstein"]) <= 10
