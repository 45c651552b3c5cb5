"""Tests for parley.conditions: the seed golden cases and a table of hand-written sentences."""

import pandas as pd
import pytest

import parley
from parley.measures.conditions import CONDITION_COLUMNS, to_conditions
from parley.extract.statements import STATEMENT_COLUMNS

from frames import ROOT, TEXT, one, seed_statements


#: (statement number, marker, condition, category, target) expected in the seed.
SEED_CONDITIONS = [
    (4, "contingent on", "evaluating the “threat posed by IS and its danger”", "security threat", "the timeline"),
    (4, "contingent on", "the “reinforcement of the capacities of the Iraqi security forces”", "partner capacity",
     "the timeline"),
    (5, "based on", "the outcomes of the Joint Security Cooperation Dialogue held between the two countries in August",
     "political or diplomatic process", "the “transition” of the coalition"),
    (6, "based on factors including", "the threat posed by Islamic State", "security threat",
     "how the Coalition’s military mission will evolve on a timeline"),
    (6, "based on factors including", "“operational and environmental requirements”", "operational requirements",
     "how the Coalition’s military mission will evolve on a timeline"),
    (6, "based on factors including", "the capability levels of Iraq’s security forces", "partner capacity",
     "how the Coalition’s military mission will evolve on a timeline"),
]


def _summary(conditions: pd.DataFrame, ids: dict) -> list[tuple]:
    return [(ids[r.statement_id], r.marker, r.condition, r.category, r.target) for r in conditions.itertuples()]


def test_seed_hand_made_statements():
    statements = seed_statements()
    conditions = to_conditions(statements)
    ids = {f"st{n}": n for n in range(1, 7)}
    assert _summary(conditions, ids) == SEED_CONDITIONS
    assert list(conditions.columns) == CONDITION_COLUMNS
    assert conditions["party"].tolist() == ["Iraq"] * 2 + ["United States"] * 4
    for row in conditions.itertuples():  # absolute offsets into the article
        assert TEXT[row.start:row.end] == row.condition
        assert TEXT[row.marker_start:row.marker_end] == row.marker
        assert TEXT[row.target_start:row.target_end] == row.target


def test_seed_through_pipeline():
    analysis = parley.analyze_text(TEXT, parties=str(ROOT / "data" / "parties.toml"))
    statements = analysis.statements
    assert len(statements) == 5, "the seed's five statements (the standfirst repeats one of them)"
    ids = {sid: int(sid.rsplit("q", 1)[1]) + 1 for sid in statements["statement_id"]}  # ids keep their numbers
    assert _summary(analysis.conditions, ids) == SEED_CONDITIONS
    # the same frame with narration: nothing in the seed's narration is a condition, and no duplicates
    again = to_conditions(statements, sentences=analysis.sentences)
    assert _summary(again, ids) == SEED_CONDITIONS
    assert again["condition_id"].is_unique
    for row in again.itertuples():
        sentence = analysis.sentences.set_index("sentence_id").loc[row.sentence_id]
        assert sentence["start"] <= row.start < sentence["end"]


def test_quoted_fragment_not_split():
    conditions = to_conditions(seed_statements())
    assert "evaluating the “threat posed by IS and its danger”" in conditions["condition"].tolist()
    assert not conditions["condition"].str.fullmatch("its danger”?").any()


#: (sentence, [(marker, condition, category), ...]) — conditional sentences written for these tests.
CONDITIONAL = [
    ("US troops will leave Iraq if the threat from Islamic State subsides.",
     [("if", "the threat from Islamic State subsides", "security threat")]),
    ("If the talks in Baghdad fail, the coalition will stay.",
     [("If", "the talks in Baghdad fail", "political or diplomatic process")]),
    ("The minister said sanctions would remain unless Tehran returns to the negotiations.",
     [("unless", "Tehran returns to the negotiations", "political or diplomatic process")]),
    ("Aid will resume provided that parliament approves the budget.",
     [("provided that", "parliament approves the budget", "legal or parliamentary")]),
    ("Providing the ceasefire holds, the two sides will meet again.",
     [("Providing", "the ceasefire holds", "political or diplomatic process")]),
    ("The advisers may stay as long as the Iraqi army requests their help.",
     [("as long as", "the Iraqi army requests their help", "partner capacity")]),
    ("Washington will keep its bases so long as militia attacks continue.",
     [("so long as", "militia attacks continue", "security threat")]),
    ("Once Iraqi forces are able to secure the border, the coalition will hand over its bases.",
     [("Once", "Iraqi forces are able to secure the border", "partner capacity")]),
    ("The embassy will reopen as soon as the security situation allows.",
     [("as soon as", "the security situation allows", "security threat")]),
    ("The troops will remain until Iraqi security forces can hold the territory alone.",
     [("until", "Iraqi security forces can hold the territory alone", "partner capacity")]),
    ("Any drawdown would be contingent upon the readiness of local units.",
     [("contingent upon", "the readiness of local units", "partner capacity")]),
    ("The pace of the withdrawal will depend on conditions on the ground.",
     [("depend on", "conditions on the ground", "operational requirements")]),
    ("Further deployments are subject to the approval of Congress.",
     [("subject to", "the approval of Congress", "legal or parliamentary")]),
    ("The loan is conditional on reforms passed by parliament.",
     [("conditional on", "reforms passed by parliament", "legal or parliamentary")]),
    ("Troop levels will be adjusted depending on the threat posed by the militias.",
     [("depending on", "the threat posed by the militias", "security threat")]),
    ("The decision will be made based on the recommendations of the joint committee.",
     [("based on", "the recommendations of the joint committee", "political or diplomatic process")]),
    ("The bases will stay open pending a vote in the Council of Representatives.",
     [("pending", "a vote in the Council of Representatives", "legal or parliamentary")]),
    ("Iran offered to release the prisoners in exchange for the unfreezing of its assets.",
     [("in exchange for", "the unfreezing of its assets", "economic or financial")]),
    ("The group said it would free the hostages in return for a halt to the air strikes.",
     [("in return for", "a halt to the air strikes", "security threat")]),
    ("The mission will end only if the government asks it to leave.",
     [("only if", "the government asks it to leave", "political or diplomatic process")]),
    ("Kurdish leaders would accept the deal on condition that Erbil keeps its oil revenues.",
     [("on condition that", "Erbil keeps its oil revenues", "economic or financial")]),
    ("The coalition will adjust its presence based on factors including the threat, the capability of "
     "partner forces and operational requirements.",
     [("based on factors including", "the threat", "security threat"),
      ("based on factors including", "the capability of partner forces", "partner capacity"),
      ("based on factors including", "operational requirements", "operational requirements")]),
    ("Withdrawal will be contingent on the security situation as well as the readiness of the Iraqi army.",
     [("contingent on", "the security situation", "security threat"),
      ("contingent on", "the readiness of the Iraqi army", "partner capacity")]),
    ("Talks will continue only when both sides respect the truce.",
     [("only when", "both sides respect the truce", "political or diplomatic process")]),
    ("The United States will not reduce its forces until the threat of a resurgence has passed.",
     [("until", "the threat of a resurgence has passed", "security threat")]),
    ("Officials said a timetable would be set once the joint committee completes its review.",
     [("once", "the joint committee completes its review", "political or diplomatic process")]),
    ("The agreement allows the troops to stay, subject to annual parliamentary review.",
     [("subject to", "annual parliamentary review", "legal or parliamentary")]),
    ("In the event of renewed attacks on US bases, Washington will respond.",
     [("In the event of", "renewed attacks on US bases", "security threat")]),
    ("Baghdad will let the trainers stay if they remain in an advisory role and the parliament approves "
     "their mission.",
     [("if", "they remain in an advisory role", "other"),
      ("if", "the parliament approves their mission", "legal or parliamentary")]),
    ("The timetable will depend on the outcome of the talks and the capacities of the Iraqi security forces.",
     [("depend on", "the outcome of the talks", "political or diplomatic process"),
      ("depend on", "the capacities of the Iraqi security forces", "partner capacity")]),
    ("Sanctions will be lifted when Tehran complies with the agreement.",
     [("when", "Tehran complies with the agreement", "political or diplomatic process")]),
    ("The aid package is dependent on progress in the negotiations.",
     [("dependent on", "progress in the negotiations", "political or diplomatic process")]),
    ("The advisers will stay on condition that their role remains limited to training.",
     [("on condition that", "their role remains limited to training", "partner capacity")]),
]

#: Hard negatives: markers (or look-alikes) that make nothing depend on anything.
NEGATIVE = [
    "Reporters asked if the troops would leave this year.",
    "She wondered if the ceasefire would hold.",
    "It is unclear if the militias will accept the deal.",
    "The think tank is based in London.",
    "The Washington-based group published a report on the talks.",
    "The report was based on interviews with twenty officials.",
    "Estimates based on satellite images show heavy damage.",
    "Based on data from the ministry, about 2,500 US troops are in Iraq.",
    "The once-powerful militia has lost most of its fighters.",
    "Mosul, a once thriving city, lies in ruins.",
    "He was once a minister in the Iraqi government.",
    "The United States provided weapons and training to Kurdish forces.",
    "Iran has provided the militias with drones.",
    "The ministry has been subject to criticism over the delays.",
    "The deal was the subject of long negotiations.",
    "The base was subject to repeated attacks last month.",
    "US troops stayed in Iraq until 2011.",
    "The militia controlled the town until last year.",
    "He worked at the embassy until he retired.",
    "When the coalition arrived in 2014, the group held a third of Iraq.",
    "The minister was in Washington when the strikes happened.",
    "He acted as if nothing had happened.",
    "Even if the talks fail, the dialogue will continue.",
    "Officials met once more in August.",
    "The embassy will reopen as soon as possible.",
    "The drawdown could take as long as two years.",
    "The results were in line with expectations.",
    "The pending deal would allow advisers to stay.",
    "Officials did not say when the troops would leave.",
    "When asked about the timeline, the spokesman declined to comment.",
    "The embassy will stay closed until further notice.",
    "The coalition will remain in Iraq until the end of 2025.",
    "The damage, if any, was limited.",
    "He left the country once the war ended.",
    "The troops will leave at once, the spokesman said.",
    # conformity, not dependency: nothing is made to wait on the agreement
    "Forces will be redeployed in line with the bilateral agreement signed last year.",
    "The new government will honour the accord in accordance with the constitution.",
]


@pytest.mark.parametrize("sentence, expected", CONDITIONAL)
def test_conditional_sentences(sentence, expected):
    found = to_conditions(one(sentence))
    assert [(r.marker, r.condition, r.category) for r in found.itertuples()] == expected
    for r in found.itertuples():
        assert sentence[r.start:r.end] == r.condition
        assert sentence[r.marker_start:r.marker_end] == r.marker


@pytest.mark.parametrize("sentence", NEGATIVE)
def test_hard_negatives(sentence):
    found = to_conditions(one(sentence))
    assert found.empty, found[["marker", "condition"]].to_dict("records")


#: Sentences whose marker opens a statement's content, the word that rejects it being in the frame.
FRAMED_NEGATIVE = [
    "The spokesman asked if the troops would leave.",
    "The official asked if US forces will stay.",
]


@pytest.mark.parametrize("sentence", NEGATIVE + FRAMED_NEGATIVE)
def test_hard_negatives_through_pipeline(sentence):
    # The exclusions must see the "X asked" frame, which lies outside the content that is searched.
    analysis = parley.analyze_text("Headline\n" + sentence)
    found = analysis.conditions
    assert found.empty, found[["marker", "condition"]].to_dict("records")
    without_sentences = to_conditions(analysis.statements)  # the cue alone is the frame (add_phrasing's path)
    assert without_sentences.empty, without_sentences[["marker", "condition"]].to_dict("records")


@pytest.mark.parametrize("sentence", ["Reporters asked if the troops would leave this year."] + FRAMED_NEGATIVE)
def test_framed_negatives_are_statements_opening_with_the_marker(sentence):
    # Keeps the pipeline test above from passing only because no statement was found.
    statements = parley.analyze_text("Headline\n" + sentence).statements
    assert statements["cue"].tolist() == ["asked"]
    assert statements["content"].iloc[0].startswith("if ")


@pytest.mark.parametrize("sentence, expected", CONDITIONAL)
def test_conditional_sentences_through_pipeline(sentence, expected):
    found = parley.analyze_text("Headline\n" + sentence).conditions
    assert [(r.marker, r.condition, r.category) for r in found.itertuples()] == expected


def test_table_is_balanced():
    assert len(CONDITIONAL) >= 30 and len(NEGATIVE) >= 30


@pytest.mark.parametrize("sentence, target", [
    ("Any drawdown would be contingent upon the readiness of local units.", "Any drawdown"),
    ("The pace of the withdrawal will depend on conditions on the ground.", "The pace of the withdrawal"),
    ("If the talks in Baghdad fail, the coalition will stay.", "the coalition"),
    ("Further deployments are subject to the approval of Congress.", "Further deployments"),
    ("Iran offered to release the prisoners in exchange for the unfreezing of its assets.", "the prisoners"),
    ("US troops must leave by the end of 2025 if the threat subsides.", "US troops must leave by the end of 2025"),
    ("Subject to parliamentary approval.", None),
])
def test_targets(sentence, target):
    found = to_conditions(one(sentence))
    assert found["target"].iloc[0] == target


def test_offsets_are_absolute():
    sentence = "The loan is conditional on reforms passed by parliament."
    found = to_conditions(one(sentence, start=100))
    row = found.iloc[0]
    assert (row["marker_start"], row["marker_end"], row["start"], row["end"]) == (112, 126, 127, 155)
    assert (row["target"], row["target_start"], row["target_end"]) == ("The loan", 100, 108)


def test_narration_from_sentences_without_duplicates():
    text = ("The army will withdraw if the truce holds, the minister said. "
            "Troops will stay until Iraqi forces are ready.")
    sentences = pd.DataFrame({"article_id": ["a", "a"], "sentence_id": ["a:0", "a:1"],
                              "start": [0, 62], "end": [61, 108], "text": [text[:61], text[62:]]})
    statements = one("The army will withdraw if the truce holds")
    found = to_conditions(statements, sentences=sentences)
    assert found[["statement_id", "sentence_id", "marker", "condition"]].values.tolist() == [
        ["s1", "a:0", "if", "the truce holds"],
        [None, "a:1", "until", "Iraqi forces are ready"],
    ]
    assert found["party"].tolist() == ["P", None]
    assert text[found["start"].iloc[1]:found["end"].iloc[1]] == "Iraqi forces are ready"


@pytest.mark.parametrize("frame", [
    pd.DataFrame(columns=STATEMENT_COLUMNS),
    one("The minister arrived in Baghdad on Tuesday."),
])
def test_empty_input_keeps_columns(frame):
    found = to_conditions(frame)
    assert found.empty and list(found.columns) == CONDITION_COLUMNS


def test_input_not_mutated():
    statements = seed_statements()
    before = statements.copy()
    to_conditions(statements)
    pd.testing.assert_frame_equal(statements, before)


def test_an_edited_lexicon_takes_effect(lexicons):
    sentence = "Iran offered to release the prisoners in exchange for the unfreezing of its assets."
    assert to_conditions(one(sentence))["marker"].tolist() == ["in exchange for"]
    markers = lexicons / "condition_markers.csv"
    kept = [line for line in markers.read_text(encoding="utf-8").splitlines(keepends=True)
            if not line.startswith("in exchange for,")]
    markers.write_text("".join(kept), encoding="utf-8")
    assert to_conditions(one(sentence)).empty


def test_missing_party_is_none_not_nan():
    # a cached frame may hold NaN where analyze_text holds None
    statements = one("Aid will resume provided that parliament approves the budget.").assign(party=float("nan"))
    found = to_conditions(statements)
    assert found["party"].tolist() == [None]


#: Every form the conditions issue names, written for these tests: (sentence, [(marker, condition), ...]).
FORMS = [
    ("The embassy will reopen as soon as the situation allows.", [("as soon as", "the situation allows")]),
    ("Should talks in Baghdad fail, the United States will impose new sanctions.",
     [("Should", "talks in Baghdad fail")]),
    ("Should he win the election, he has earmarked funds for the army.", [("Should", "he win the election")]),
    ("The troops will stay, should the government ask them to.", [("should", "the government ask them to")]),
    ("Had the coalition stayed, the militia would have been defeated.", [("Had", "the coalition stayed")]),
    ("Had they signed the accord they would have kept the bases.", [("Had", "they signed the accord")]),
    ("Without major changes to the plan, the budget cannot hold.", [("Without", "major changes to the plan")]),
    ("Without it we would lose the base.", [("Without", "it")]),
    ("The minister said that without a deal the troops would stay.", [("without", "a deal")]),
    ("Otherwise the talks would collapse, he said.", [("Otherwise", "Otherwise")]),
    ("The British force would only take part where it was in British interests.",
     [("where", "it was in British interests")]),
    ("The handover will only take place after the completion of the security review.",
     [("after", "the completion of the security review")]),
    ("Tehran demanded the withdrawal of foreign forces as a condition for lasting peace.",
     [("as a condition for", "the withdrawal of foreign forces")]),
    ("We intend to strengthen the code as a pre-condition of lifting the embargo.",
     [("as a pre-condition of", "strengthen the code")]),
    ("Brokers must disclose their fees if, and only if, their clients ask.", [("if, and only if", "their clients ask")]),
    ("If it is lifted we will lose our leverage.", [("If", "it is lifted")]),
    ("He said unless it was put to a vote the council would never agree.", [("unless", "it was put to a vote")]),
    ("If we, the Iraqis, or the Americans let it slip, the chance will be lost.",
     [("If", "we, the Iraqis, or the Americans let it slip")]),
    ("If the talks fail and the truce collapses, the troops will return.",
     [("If", "the talks fail"), ("If", "the truce collapses")]),
    ("The mission will end subject to conditions on the ground and consultations among Iraq, the United States "
     "and coalition partners.",
     [("subject to", "conditions on the ground"),
      ("subject to", "consultations among Iraq, the United States and coalition partners")]),
    ("The deal remains subject to parliamentary approval.", [("subject to", "parliamentary approval")]),
    ("Officials said that once the review was completed, the troops would leave.",
     [("once", "the review was completed")]),
    ("When the talks resume, the delegation will present its plan.", [("When", "the talks resume")]),
    ("The troops will leave only after the elections are held.", [("only after", "the elections are held")]),
    ("Aid will flow in the event that the ceasefire holds.", [("in the event that", "the ceasefire holds")]),
    ("The appointment is dependent on the coalition's re-election.",
     [("dependent on", "the coalition's re-election")]),
    ("If not, the advisers will stay.", [("If", "not")]),
    # found in review: each once went wrong
    ("The minister said if the talks fail, the troops will stay.", [("if", "the talks fail")]),
    ("If Iran expects the West will back down, it is mistaken.", [("If", "Iran expects the West will back down")]),
    ("The reform is subject to the approval of parliament and cabinet.",
     [("subject to", "the approval of parliament and cabinet")]),
    ("The truce will be contingent on a ceasefire in Gaza and Lebanon.",
     [("contingent on", "a ceasefire in Gaza and Lebanon")]),
    ("Next year's budget will depend on oil prices.", [("depend on", "oil prices")]),
    ("The troops will stay subject to a UN mandate.", [("subject to", "a UN mandate")]),
    ("The deal will collapse if not ratified by June.", [("if", "not ratified by June")]),
    ("Officials said that had the talks failed, sanctions would have followed.", [("had", "the talks failed")]),
    ("\"We will stay if needed. Otherwise, we will go home,\" he said.",
     [("if", "needed"), ("Otherwise", "Otherwise")]),
    ("Once it passes we will act.", [("Once", "it passes")]),
]


@pytest.mark.parametrize("sentence, expected", FORMS)
def test_condition_forms(sentence, expected):
    found = to_conditions(one(sentence))
    assert [(r.marker, r.condition) for r in found.itertuples()] == expected
    for r in found.itertuples():
        assert sentence[r.start:r.end] == r.condition


#: Look-alikes of every form, written for these tests: none of them makes anything depend on anything.
LOOKALIKES = [
    "Officials declined to say if any troops would leave.",
    "The spokesman would not say if the bases would close.",
    "The partnership is based on mutual respect.",
    "The two countries will build a strategic partnership based on mutual respect.",
    "A film based on the siege will open next week.",
    "The study was based on interviews with soldiers.",
    "The two sides will cooperate in line with the strategic priorities of both governments.",
    "Results were in line with market expectations.",
    "Pensions will rise in line with earnings.",
    "Nobody knows when he will tell the congregation.",
    "The company is providing voice, fax and internet services to the army.",
    "As soon as 2018, the government planned to cut the army.",
    "Just as happened a year ago when the talks collapsed, the deal could fall through.",
    "His worst moment was when he was told he would be released.",
    "He left when he worried they would lose the vote.",
    "The firm may be subject to a takeover next year.",
    "They were subject to such an ordeal.",
    "Russia is not so dependent on its gas exports.",
    "The island is dependent on tourism and foreign aid.",
    "The drawdown could take as long as a year.",
    "Should the UK approve the deal?",
    "Measures that should be taken were listed.",
    "He was held without charge for a month.",
    "Without a doubt, the talks will resume.",
    "The dispute could last months, if not years.",
    "It will happen, if not this year then next.",
    "He could not show whether the letter was sent to help a friend, or if it was an example of poor work.",
    "Ryan endorsed the plan, but only after a long debate.",
    "The report, which had been delayed for months, was published on Monday.",
    "Smith, a former envoy, had the support of both parties.",
    "The commander was in Baghdad, without any escort, when the attack began.",
    "Even if the talks fail, the dialogue will continue.",
    "Whether or not the talks succeed, the troops will leave.",
    "The minister met the envoy in May and said the talks went well.",
    # found in review: each once came out as a condition
    "Without US support, the army collapsed in 2014, but the government will now seek help.",
    "Otherwise, the meeting was uneventful, but the talks will resume next week.",
    "The film, which will open next week, is based on the siege of Basra.",
    "Only two days after the election, the new government will face a confidence vote.",
    "Should the U.S. stay in Iraq?",
    "Should Mr. Blair resign over the war?",
    "The withdrawal doesn't depend on the talks.",
    "The embassy will reopen as soon as 15 June.",
]


@pytest.mark.parametrize("sentence", LOOKALIKES)
def test_condition_lookalikes(sentence):
    found = to_conditions(one(sentence))
    assert found.empty, found[["marker", "condition"]].to_dict("records")


@pytest.mark.parametrize("text", [
    "If Iraq agrees, the troops will leave unless the talks fail.",
    "IF THE TALKS FAIL, UNLESS SOMETHING CHANGES, provided that Baghdad agrees.",
    "The if-clause, a verbal-if and motif if: only the last is a marker.",
    "Troops from İzmir will leave if Ankara agrees.",  # İ, ı and ſ take the case-insensitive path
    "The ıf and ſo on, if the talks go well.",
    "",
])
def test_markers_found_in_lowered_text_are_those_of_the_case_insensitive_pattern(text):
    from parley.measures.conditions import _lexicon, _markers

    lex = _lexicon()
    expected = [(m.span(), m.group().lower()) for m in lex.markers.finditer(text)]
    assert [(m.span(), m.group().lower()) for m in _markers(text, lex)] == expected
    assert text.count("if") + text.count("If") + text.count("IF") == 0 or expected  # the cases reach a marker


#: The conditions of diplomatic statements (issue 20, pattern 7), written for these tests:
#: (sentence, [(rule, marker, condition), ...]).
DIPLOMACY = [
    # a necessity: "for X to happen, there must be Y"
    ("For a truce to hold, there must be a full withdrawal of the militias.",
     [("there-must-be", "must be", "a full withdrawal of the militias")]),
    ("For the talks to succeed, there has to be trust on both sides.",
     [("there-has-to-be", "has to be", "trust on both sides")]),
    ("For any deal to work, there needs to be a way to verify it.",
     [("there-needs-to-be", "needs to be", "a way to verify it")]),
    # "Only then": the condition is the sentence or clause before
    ("The army must leave the border villages first. Only then can we talk about a lasting truce.",
     [("only-then", "Only then", "The army must leave the border villages first")]),
    ("They must release every detainee, and only then will we sit down with them.",
     [("only-then", "only then", "They must release every detainee")]),
    ("Only then will we sign.", [("only-then", "Only then", "Only then")]),
    # "must first … before …" and "before … can": what comes before is the precondition
    ("The rebels must first hand back the airfield before any talks can begin.",
     [("before-first", "before", "hand back the airfield")]),
    ("The two sides would first have to agree on a map before the troops pull back.",
     [("before-first", "before", "agree on a map")]),
    ("The island needs to first register its boats before the coast guard will issue permits.",
     [("before-first", "before", "register its boats")]),
    ("The assembly has to ratify the treaty before it can take effect.",
     [("before-can", "before", "ratify the treaty")]),
    ("The rebels must hand over their heavy weapons before the government can sign.",
     [("before-can", "before", "hand over their heavy weapons")]),
    # prerequisites and requirements: the phrase before the marker, or the subject of the predicate
    ("The union set the rehiring of the strikers as a prerequisite for ending the dispute.",
     [("as-a-prerequisite-for", "as a prerequisite for", "the rehiring of the strikers")]),
    ("A halt to the shelling is a prerequisite for any negotiation.",
     [("predicate-prerequisite-for", "prerequisite for", "A halt to the shelling")]),
    ("A census of the villages would be a key requirement for any settlement.",
     [("predicate-requirement-for", "requirement for", "A census of the villages")]),
    ("The envoy said a prisoner exchange was a requirement for any agreement.",
     [("predicate-requirement-for", "requirement for", "a prisoner exchange")]),
    ("The cabinet demanded that the neighbour withdraw its troops from the valley as a condition for lasting peace.",
     [("as-a-condition-for", "as a condition for", "the neighbour withdraw its troops from the valley")]),
    ("The mediators proposed regular meetings between the two armies and the local councils as a condition for "
     "reopening the crossing.",
     [("as-a-condition-for", "as a condition for", "regular meetings between the two armies and the local councils")]),
    ("The ministry called on the rebels to lay down their arms as a condition for lasting peace.",
     [("as-a-condition-for", "as a condition for", "lay down their arms")]),
    # an aside after the marker, or inside the condition, is not the condition
    ("The crossings can reopen, provided, of course, that the shelling stops.",
     [("provided", "provided", "the shelling stops")]),
    ("If, as expected, the mediators agree, the summit will go ahead.",
     [("if", "If", "the mediators agree")]),
    ("The loan will be paid out, contingent on outside auditors, such as the lender's own staff, signing off the accounts.",
     [("contingent-on", "contingent on", "outside auditors, such as the lender's own staff, signing off the accounts")]),
    # "will only take place after", "on the condition that", "in case", "rest on"
    ("The handover will only take place after the border has been marked.",
     [("after", "after", "the border has been marked")]),
    ("The accord was signed on the condition that the dam stays under joint control.",
     [("on-the-condition-that", "on the condition that", "the dam stays under joint control")]),
    ("In case the embargo ends, the ministry would be ready to reopen the pipeline.",
     [("in-case", "In case", "the embargo ends")]),
    ("The navy will respond in case of an attack on its ships.",
     [("in-case-of", "in case of", "an attack on its ships")]),
    ("Any settlement would rest upon a census of the disputed villages.",
     [("rest-upon", "rest upon", "a census of the disputed villages")]),
    # "the only way … is", "whoever …, we will", a quote opened inside the condition
    ("The only way to end the war is through direct negotiations.",
     [("only-way", "only way", "direct negotiations")]),
    ("The governor said that whoever burns the crops, we will hunt them down.",
     [("whoever", "whoever", "burns the crops")]),
    ("The envoy warned that if the rebels \"cross that line again, our answer will be much tougher.\"",
     [("if", "if", "the rebels \"cross that line again")]),
    # where the condition ends
    ("The navy said it would fire back if its ships are hit, and the neighbours called for calm.",
     [("if", "if", "its ships are hit")]),
    ("The cabinet will only resume talks once the contract under which the mine was sold is annulled.",
     [("once", "once", "the contract under which the mine was sold is annulled")]),
    ("If the mediators fail, and the shelling resumes, the observers will leave.",
     [("if", "If", "the mediators fail, and the shelling resumes")]),
    ("But if the envoy is recalled, or the embassy closes, trade will suffer.",
     [("if", "if", "the envoy is recalled, or the embassy closes")]),
    ("If the summit fails, for example, we will impose new tariffs.", [("if", "If", "the summit fails")]),
    ("When you lower your tariffs, we'll lower ours.", [("when", "When", "you lower your tariffs")]),
    ("When you lower your tariffs, we’ll lower ours.", [("when", "When", "you lower your tariffs")]),
]


@pytest.mark.parametrize("sentence, expected", DIPLOMACY)
def test_conditions_of_diplomacy(sentence, expected):
    found = to_conditions(one(sentence))
    assert [(r.rule, r.marker, r.condition) for r in found.itertuples()] == expected
    for r in found.itertuples():
        assert sentence[r.start:r.end] == r.condition
        assert sentence[r.marker_start:r.marker_end] == r.marker


#: Look-alikes of the markers above, written for these tests: none makes anything depend on anything.
DIPLOMACY_LOOKALIKES = [
    # "before" in plain narration, or after an ordinal "first"
    "The gunmen fled before the police could arrive.",
    "He had dinner with the envoy before the talks began.",
    "The ministers met in Geneva before the summit.",
    "It was the first round of talks before the election.",
    "The two leaders held their first meeting before the vote.",
    "The delegates will first meet in Geneva before travelling to Vienna.",
    "He was the first minister to visit the capital before the war.",
    # "only then" in narration
    "The crowd waited for hours. Only then did the police arrive.",
    "Only then did the minister realise the scale of the damage.",
    # reliance is no condition
    "The herders, most of whom depend on the grazing land, fear the fence.",
    "Thousands of families who depend on the river are worried.",
    "Coastal villages depend on fishing.",
    "The islanders depend on the ferry for their food.",
    "Families who are dependent on aid queued for hours.",
    # the other new markers
    "There must be an independent inquiry into the killings.",
    "There has to be a better way, he said.",
    "Officials kept a spare generator just in case the power fails.",
    "The prosecution's case rests on the testimony of one witness.",
    "The new partnership will rest on three pillars.",
    "Diabetes is a condition for which there is no cure.",
    "The conditions for civilians in the camps are dire.",
    "The requirement for visas was dropped last year.",
    "The bridge must be repaired before winter.",
    "That is the only way he knows.",
    "The only way to reach the village was by boat.",
    "He thanked whoever had helped the rescuers.",
    "The party will back its candidate, whoever that is.",
    "They kept the children indoors in case one of them slipped on the ice.",
    "The islanders said it was the only place on earth where they would ever live.",
    "Whoever fired the shots fled before dawn.",
]


@pytest.mark.parametrize("sentence", DIPLOMACY_LOOKALIKES)
def test_diplomacy_lookalikes(sentence):
    found = to_conditions(one(sentence))
    assert found.empty, found[["rule", "marker", "condition"]].to_dict("records")


def test_joint_statement_conditions_carry_each_government():
    # a joint statement is one row per government, sharing its content: each gets the condition
    sentence = "Troops will withdraw from the border once the observers arrive."
    rows = pd.concat([one(sentence).assign(party="Aland", joint="s1"),
                      one(sentence).assign(statement_id="s2", party="Borduria", joint="s1")], ignore_index=True)
    found = to_conditions(rows)
    assert found[["statement_id", "party", "condition"]].values.tolist() == [
        ["s1", "Aland", "the observers arrive"], ["s2", "Borduria", "the observers arrive"]]


def test_condition_opening_the_sentence_of_a_statement_is_its():
    # "If X, <speaker> said Y": the condition lies outside the content, before the speaker
    text = "If the union rejects the offer, the mayor said the depots will close. If it rains, it pours."
    content = "the depots will close"
    start = text.index(content)
    statements = one(content, start=start).assign(speaker="mayor", speaker_start=text.index("the mayor"),
                                                  cue="said", cue_start=text.index("said"))
    cut = text.index("If it")
    sentences = pd.DataFrame({"article_id": ["a", "a"], "sentence_id": ["a:0", "a:1"], "start": [0, cut],
                              "end": [cut - 1, len(text)], "text": [text[:cut - 1], text[cut:]]})
    found = to_conditions(statements, sentences=sentences)
    assert found[["statement_id", "party", "condition"]].values.tolist() == [
        ["s1", "P", "the union rejects the offer"], [None, None, "it rains"]]


def test_a_reading_of_a_marker_has_its_own_exclusions(lexicons):
    sentence = "The assembly has to ratify the treaty before it can take effect."
    assert to_conditions(one(sentence))["rule"].tolist() == ["before-can"]
    exclusions = lexicons / "condition_exclusions.csv"
    exclusions.write_text(exclusions.read_text(encoding="utf-8")
                          + "before,after,it\\s+can,before-can,test: reject this reading only\n", encoding="utf-8")
    assert to_conditions(one(sentence)).empty
    assert to_conditions(one("The rebels must first hand back the airfield before it can reopen."))["rule"].tolist() == [
        "before-first"]
