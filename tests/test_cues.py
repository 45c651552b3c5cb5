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
