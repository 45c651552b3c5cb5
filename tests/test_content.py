"""Contents: where what was said begins and ends (issue 20, pattern 6). Sentences written for these tests."""
import pytest

import parley

from test_actors import PARTIES

# (text, [content of each statement, in order])
CONTENTS = [
    # an inverted or sentence-final frame followed by the reporter's participle: the clause before is the content
    ("The advisers will stay until the threat is gone, the ministry said on Thursday, reaffirming its position.",
     ["The advisers will stay until the threat is gone"]),
    ("The advisers will stay until the threat is gone, the ministry said in a statement, effectively ending the talks.",
     ["The advisers will stay until the threat is gone"]),
    ("The advisers will stay until the threat is gone, Sudani said on Monday, days after the strikes on the base.",
     ["The advisers will stay until the threat is gone"]),
    # a frame that interrupts a clause keeps the clause whole
    ("Unless the two governments act soon, the experts say, the region could suffer for years.",
     ["Unless the two governments act soon, the experts say, the region could suffer for years"]),
    # dates and addressees are frames, not contents
    ("Sudani said July 21, 2024 that the talks were over.", ["the talks were over"]),
    ("The advisers will leave in May, the ministry said July 21, 2024.", ["The advisers will leave in May"]),
    ("The ministry confirmed to Reuters on July 28.", []),
    ("“The talks are over,” the ministry confirmed to Reuters on July 28.", ["“The talks are over,”"]),
    ("Sudani said that, if elected, he would expel the advisers.", ["if elected, he would expel the advisers"]),
    ("Austin stated that, “The advisers are staying.”", ["“The advisers are staying.”"]),
    # the content ends where the reporter's own clause begins
    ("The minister said the ban would stay, deepening a dispute that has left farmers idle.",
     ["the ban would stay"]),
    ("Baghdad warned it would respond after drones struck the base.", ["it would respond"]),
    ("Sudani pledged to reopen the crossing, with the army clearing the road.", ["to reopen the crossing"]),
    ("The ministry said it had no information on the raid, which was announced by the army.",
     ["it had no information on the raid"]),
    ("Austin said “we are leaving” as the two armies traded fire.", ["“we are leaving”"]),
    ("Iraq warned the raids would be answered, and the United States and Britain said they would stay out.",
     ["the raids would be answered", "they would stay out"]),
    ("Sudani accused the militias of shelling the base and has ordered their arrest.",
     ["the militias of shelling the base"]),
    # ... and not before: a past event the speaker tells, a second complement, a list of gerunds
    ("Sudani said he was angered after the envoy cancelled the visit.",
     ["he was angered after the envoy cancelled the visit"]),
    ("Sudani said the advisers would leave, but that trainers could stay.",
     ["the advisers would leave, but that trainers could stay"]),
    ("Sudani said the deal needed reforms, tackling corruption and openness from both sides.",
     ["the deal needed reforms, tackling corruption and openness from both sides"]),
]


@pytest.mark.parametrize("text, expected", CONTENTS, ids=[c[0][:40] for c in CONTENTS])
def test_contents(text, expected):
    st = parley.analyze_text("Headline for the test\n" + text, parties=PARTIES).statements
    assert list(dict.fromkeys(st.content)) == expected  # a joint statement has a row per government
