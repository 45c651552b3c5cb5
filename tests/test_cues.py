"""Reporting cues: which words report speech, and what must (not) follow them. Sentences written for these tests."""
import pytest

import parley

from test_actors import PARTIES

# (text, [(cue, speaker mention, content), ...])
CASES = [
    ("Sudani remarked that the talks had been useful.", [("remarked", "Sudani", "the talks had been useful")]),
    ("Austin highlighted that the partnership was strong.",
     [("highlighted", "Austin", "the partnership was strong")]),
    ("Asked about the timeline, Sudani answered that it was not fixed.",
     [("answered", "Sudani", "it was not fixed")]),
    ("The statement from the foreign ministry reads: “We reject the strikes.”",
     [("reads", "The statement from the foreign ministry", "“We reject the strikes.”")]),
    ("Sudani called on Washington to respect the agreement.",
     [("called", "Sudani", "Washington to respect the agreement")]),
    ("Austin praised the talks, noting that the mission would evolve.",
     [("noting", "Austin", "the mission would evolve")]),
    ("State media reports that the troops will leave in May.",
     [("reports", "State media", "the troops will leave in May")]),
    ("Sudani described the strikes as “a violation of sovereignty”.",
     [("described", "Sudani", "the strikes as “a violation of sovereignty”")]),
    ("Sudani accused the coalition of ignoring the parliament.",
     [("accused", "Sudani", "the coalition of ignoring the parliament")]),
    ("Austin went on to say that the mission would change.",
     [("say", "Austin", "the mission would change")]),
    # a full stop closes the quote, then the frame
    ("“We are leaving at the end of the year.” Austin said.",
     [("said", "Austin", "“We are leaving at the end of the year.”")]),
    ("“Is this the end of the mission?” Austin asked reporters.",
     [("asked", "Austin", "“Is this the end of the mission?”")]),
    # doubled apostrophes as quote marks
    ("Austin said, ''We are not leaving this year.''", [("said", "Austin", "''We are not leaving this year.''")]),
    ("''We are not leaving,'' Austin said, ''and we will not be pushed.''",
     [("said", "Austin", "''We are not leaving,'' Austin said, ''and we will not be pushed.''")]),
    # a strict cue used as an aside, and after a quote
    ("The trouble, Sudani writes, began in the summer of 2014.",
     [("writes", "Sudani", "The trouble, Sudani writes, began in the summer of 2014")]),
    ("“The mission is over,” he adds.", [("adds", "he", "“The mission is over,”")]),
    # "as X noted," introduces what X said
    ("As Austin noted on Monday, the coalition will stay until the threat is gone.",
     [("noted", "Austin", "the coalition will stay until the threat is gone")]),
    # "told" + a long addressee before "that"
    ("Sudani told a crowd of supporters in Basra on Friday that the troops would leave.",
     [("told", "Sudani", "the troops would leave")]),
    # a sentence opening with a subordinate clause: its main clause was not said
    ("While Austin has said the talks will go on, the Pentagon is preparing for a longer stay.",
     [("said", "Austin", "the talks will go on")]),
    # a programme's title in quotes is where it was said, not what
    ("On the “Morning Hour,” Sudani said the timeline was not negotiable.",
     [("said", "Sudani", "the timeline was not negotiable")]),
    # a strict cue before a bare clause
    ("The ministry insists the strikes were illegal.",
     [("insists", "The ministry", "the strikes were illegal")]),
    # not cues
    ("Austin called for an inquiry into the strikes.", []),
    ("The party has 300 pledged delegates in the state.", []),
    ("The economy added 292,000 jobs in December.", []),
    ("Sudani declined to say when the talks would resume.", []),
    ("The claims were denied by the ministry.", []),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_cues(text, expected):
    st = parley.analyze_text("Headline for the test\n" + text, parties=PARTIES).statements
    assert [(r.cue, r.speaker_mention, r.content) for r in st.itertuples()] == expected


def test_a_relayed_statement_keeps_its_outlet():
    st = parley.analyze_text("Headline for the test\n“We will not leave,” Austin said, according to Reuters.",
                             parties=PARTIES).statements
    assert st[["speaker", "party", "via"]].values.tolist() == [["Austin", "United States", "Reuters"]]
    alone = parley.analyze_text("Headline for the test\nThe deal is done, according to Reuters.").statements
    assert alone.speaker.tolist() == ["Reuters"] and alone.via.isna().all()


def test_every_statement_names_its_rule():
    st = parley.analyze_text("Headline for the test\n“We want a clear timeline,” Sudani said.\n"
                             "“Our forces are ready to take over.”\nThe deal is done, according to Reuters.").statements
    assert st.rule.tolist() == ["cue-subject-before", "continuation-paragraph", "according-to"]


def test_an_outlet_that_reports_something_of_its_own_stays_a_statement():
    st = parley.analyze_text("Headline for the test\nAccording to Reuters, the troops will stay until May, and "
                             "Sudani said the talks were useful.", parties=PARTIES).statements
    assert st.speaker.tolist() == ["Reuters", "Sudani"] and st.via.isna().all()


@pytest.mark.parametrize("text", ["Headline\nSMITH: ...", "- - -: Trump\nThe talks went on.", "", "“", "''",
                                  "SMITH: ... \n\"\""])
def test_odd_lines_give_no_statement_and_no_error(text):
    assert parley.analyze_text(text).statements.empty


# Diplomatic news (issue 20, pattern 1): passive and reported cues, a long stretch before the content,
# verbs of diplomacy with a propositional complement, commissives with content. (text, [(cue, mention, content)])
DIPLOMACY = [
    ("The ministry was quoted as saying that the crossing would stay shut.",
     [("saying", "The ministry", "the crossing would stay shut")]),
    ("State television quoted him as saying the envoy would arrive on Friday.",
     [("saying", "him", "the envoy would arrive on Friday")]),
    ("Sudani is said by aides to be weighing a visit to Washington.",
     [("said", "aides", "to be weighing a visit to Washington")]),
    ("Austin said on Tuesday at a briefing with the visiting Iraqi delegation that the advisers would stay.",
     [("said", "Austin", "the advisers would stay")]),
    ("The spokesman said in a video posted to X that the convoy had turned back.",
     [("said", "The spokesman", "the convoy had turned back")]),
    ("The ministry called for the coalition to leave by September.",
     [("called", "The ministry", "the coalition to leave by September")]),
    ("Sudani demanded that the strikes stop at once.", [("demanded", "Sudani", "the strikes stop at once")]),
    ("The foreign ministry raised concerns that the raids would inflame the region.",
     [("raised concerns", "The foreign ministry", "the raids would inflame the region")]),
    ("Austin reaffirmed that the partnership would continue.",
     [("reaffirmed", "Austin", "the partnership would continue")]),
    ("The ministry revealed that two drones had been downed near the base.",
     [("revealed", "The ministry", "two drones had been downed near the base")]),
    ("Baghdad disputed the claim that its forces had crossed the line.",
     [("disputed", "Baghdad", "the claim that its forces had crossed the line")]),
    ("Sudani labelled the raid as a violation of sovereignty.",
     [("labelled", "Sudani", "the raid as a violation of sovereignty")]),
    ("The ministry dismissed the report as pure fabrication.",
     [("dismissed", "The ministry", "the report as pure fabrication")]),
    ("The ministry called the strikes a breach of the agreement.",
     [("called", "The ministry", "the strikes a breach of the agreement")]),
    ("The spokesman posted on X that the talks had been postponed.",
     [("posted", "The spokesman", "the talks had been postponed")]),
    ("Austin thanked his counterpart and said the meeting had been productive.",
     [("said", "Austin", "the meeting had been productive")]),
    ("In a readout, the Pentagon said the two sides had agreed on a schedule.",
     [("said", "the Pentagon", "the two sides had agreed on a schedule")]),
    ("The ministry said in a statement on its website that the talks would resume in May.",
     [("said", "The ministry", "the talks would resume in May")]),
    ("Baghdad offered to host the talks, subject to parliamentary approval.",
     [("offered", "Baghdad", "to host the talks, subject to parliamentary approval")]),
    ("Austin pledged to keep the advisers until the threat was gone.",
     [("pledged", "Austin", "to keep the advisers until the threat was gone")]),
    ("Sudani expressed hope that the withdrawal would be orderly.",
     [("expressed hope", "Sudani", "the withdrawal would be orderly")]),
    ("The envoy made clear that the timeline was not negotiable.",
     [("made clear", "The envoy", "the timeline was not negotiable")]),
    ("Sudani regretted that the council had ignored the shelling.",
     [("regretted", "Sudani", "the council had ignored the shelling")]),
    ("“The border stays closed,” the statement read in part.",
     [("read in part", "the statement", "“The border stays closed,”")]),
    ("Israel launched what it has described as a “preemptive” strike on the depots.",
     [("described", "it", "a “preemptive” strike on the depots")]),
    # a thing, an unreported act or a gerund is no statement
    ("Sudani called for a ceasefire.", []),
    ("The army struck the camps without confirming or denying the raid.", []),
    ("The envoy wanted to know what the minister said before the vote.", []),
    ("The minister responded to a question about the convoy.", []),
    ("In a statement released on Monday the ministry welcomed the deal.", []),
]


@pytest.mark.parametrize("text, expected", DIPLOMACY, ids=[c[0][:40] for c in DIPLOMACY])
def test_diplomatic_cues(text, expected):
    st = parley.analyze_text("Headline for the test\n" + text, parties=PARTIES).statements
    assert [(r.cue, r.speaker_mention, r.content) for r in st.itertuples()] == expected


@pytest.mark.parametrize("text, speaker, via, rule", [
    ("Sudani met the envoy on Monday. State television quoted him as saying the border would stay shut.",
     "Sudani", "State television", "quoted-as"),
    ("Sudani was quoted by the state news agency as saying the border would stay shut.",
     "Sudani", "the state news agency", "quoted-as"),
    ("Sudani is said by his aides to be weighing a visit to Washington.", None, None, "passive-by"),
])
def test_a_reported_speaker_keeps_the_outlet_that_quoted_them(text, speaker, via, rule):
    st = parley.analyze_text("Headline for the test\n" + text, parties=PARTIES).statements
    row = st.iloc[-1]
    assert (row.speaker if speaker else speaker, row.via if via else None, row.rule) == (speaker, via, rule)
