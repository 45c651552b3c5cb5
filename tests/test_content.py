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
    ("The ministry said the premier is ready to sign the accord, but the other side said it was not.",
     ["the premier is ready to sign the accord", "it was not"]),
    # an elliptical clause after "but" has no verb to be the reporter's: it is still the content
    ("The ministry said the premier is ready to sign the accord, but the other side is not.",
     ["the premier is ready to sign the accord, but the other side is not"]),
    ("A spokesman said our negotiators had made concessions, but theirs had not.",
     ["our negotiators had made concessions, but theirs had not"]),
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
    # what the speaker did (not) say next is the reporter's: ", without ...ing", "after saying", a quote and "as"
    ("Baghdad has said the talks are at an end, without naming the mediators.",
     ["the talks are at an end"]),
    ("The envoy warned Iraq against delays before adding that the offer would lapse.",
     ["Iraq against delays", "the offer would lapse"]),
    ("Sudani spoke on Friday, saying that “no envoy will be received” as the delegations left the hall.",
     ["“no envoy will be received”"]),
    # "As X has threatened to ..., ..." is no aside: its content is the complement, and the main clause is not said
    ("As Baghdad has threatened to expel the envoy, the trade between them has slowed sharply.",
     ["to expel the envoy"]),
    ("As Sudani said on Monday, the advisers will leave.", ["the advisers will leave"]),
    # a frame inside a relative clause reports the rest of that clause; the clause is not the first speaker's
    ("Ruiz regretted that the report blamed the fishing fleet, which, she said, had kept to its quota.",
     ["the report blamed the fishing fleet", "had kept to its quota"]),
    # "according to X" after a frame of time: the content follows it
    ("In the meantime, according to Sudani, the advisers will keep their base in the north.",
     ["the advisers will keep their base in the north"]),
    ("The advisers will leave by May, according to Sudani.", ["The advisers will leave by May"]),
    # "in a video posted by state TV" is where it was said, not what
    ("The curfew will be lifted, Sudani said in a video released by the state broadcaster.", ["The curfew will be lifted"]),
    ("Sudani said in a video posted on X: “The border stays closed.”", ["“The border stays closed.”"]),
    ("Sudani said the border was closed by the army.", ["the border was closed by the army"]),
    # a frame that closes the sentence reports the whole clause before it, a report inside it included
    ("Russia promised to share its radar data, Sudani said.",
     ["to share its radar data", "Russia promised to share its radar data"]),
    ("At the dinner, Sudani proposed moving the summit to Basra, the ministry told a news conference.",
     ["moving the summit to Basra", "At the dinner, Sudani proposed moving the summit to Basra"]),
    ("Sudani told Austin that Iraq was ready, the ministry said in a statement.",
     ["Iraq was ready", "Sudani told Austin that Iraq was ready"]),
    # ... but not an outlet's, nor a frame with a content of its own
    ("Sudani told the council that the advisers would leave, the Baghdad Times reported.",
     ["the advisers would leave"]),
    ("After Austin said last week that the talks “would go on”, Sudani has indicated that a deal was near.",
     ["the talks “would go on”", "a deal was near"]),
    ("“We are ready,” Sudani said, “and we will not wait,” Austin added.",
     ["“We are ready,” Sudani said, “and we will not wait,”"]),
]


@pytest.mark.parametrize("text, expected", CONTENTS, ids=[c[0][:40] for c in CONTENTS])
def test_contents(text, expected):
    st = parley.analyze_text("Headline for the test\n" + text, parties=PARTIES).statements
    assert list(dict.fromkeys(st.content)) == expected  # a joint statement has a row per government
