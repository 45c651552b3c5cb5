"""Uncertain decisions: each statement says whether its government rests on one, and why.

Every sentence here was written for these tests.
"""
import pytest

import parley
from parley.extract.uncertainty import uncertainty

from test_actors import DIPLO

# (text, [(speaker mention, rule id of the uncertainty or None), ...])
CASES = [
    # the speaker's own words name the government: certain
    ("Chilean Foreign Minister Pablo Mena said the border would stay open.", [("Chilean Foreign Minister Pablo Mena", None)]),
    # a pronoun, with a close second of the other government
    ("Ruiz spoke to reporters in Lima. Salas spoke an hour later. He said the talks had been useful.",
     [("He", "U02")]),
    ("Chile rejected the ruling on Monday. It said the court had no jurisdiction.", [("It", "U03")]),
    ("Ruiz met Salas in Lima on Monday. The latter said the talks had been useful.", [("The latter", "U04")]),
    # nothing found
    ("The weather was cold in Lima. She said the meeting was cancelled.", [("She", "U01")]),
    # the two governments named last
    ("Chile and Peru held talks in Arica. Both governments said the fishing dispute was over.",
     [("Both governments", "U06"), ("Both governments", "U06")]),
    # a quote read as the words of a document just issued
    ("The Peruvian foreign ministry issued a statement on Friday.\n“Our navy will protect every boat in our waters.”",
     [("The Peruvian foreign ministry", "U08")]),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_uncertain_decisions_are_shown(text, expected):
    st = parley.analyze_text("Headline for the test\n" + text, parties=DIPLO).statements
    got = [(r.speaker_mention, r.uncertain) for r in st.itertuples()]
    assert [m for m, _ in got] == [m for m, _ in expected]
    for (_, reason), (_, rule) in zip(got, expected):
        assert (reason is None) if rule is None else (isinstance(reason, str) and rule in reason)


def test_a_close_second_names_the_other_candidate():
    assert uncertainty("cue-subject-after", "anaphor 'he' -> #1 (Ruiz) (also possible: 'Salas'), alias 'Ruiz'") == \
        "U02 close second: 'Salas'; U03 resolved through a pronoun"
    assert uncertainty("cue-subject-after", "alias 'Chilean'") is None
    assert uncertainty(None, None) is None
