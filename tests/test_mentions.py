"""Speaker phrases: where the mention next to a cue starts and ends. Sentences written for these tests."""
import pytest

import parley

from test_actors import PARTIES

# (text, speaker mention, resolved speaker, party)
CASES = [
    ("An official from the Pentagon said the strikes would continue.",
     "An official from the Pentagon", "official from the Pentagon", "United States"),
    ("Umerov, who led the Ukrainian delegation during the talks, said the meeting was productive.",
     "Umerov", "Umerov", None),
    ("The head of the Russian delegation, Vladimir Medinsky, said Moscow was ready to talk.",
     "The head of the Russian delegation, Vladimir Medinsky", "Vladimir Medinsky", "Russia"),
    ("Mr Lowe, 32, from Leeds, Yorkshire, said he had been held for a week.",
     "Mr Lowe, 32, from Leeds, Yorkshire", "Lowe", None),
    ("The Pentagon’s Project Office (PCO) in Baghdad said it had taken over the contracts.",
     "The Pentagon’s Project Office (PCO) in Baghdad", "Pentagon’s Project Office", "United States"),
    ("“We are not done yet,” said former Iraqi minister Ali Karim.",
     "former Iraqi minister Ali Karim", "Ali Karim", None),
    ("Iraq’s foreign ministry meanwhile said the timeline was fixed.",
     "Iraq’s foreign ministry", "Iraq’s foreign ministry", "Iraq"),
    # shares of those polled, quantifiers, dash asides, name suffixes
    ("Of those asked, about two in three said the troops should leave soon.",
     "about two in three", "about two in three", None),
    ("Several said the vote had been rigged in the north.", "Several", "Several", None),
    ("Sunni leaders — and some Kurdish ones — say the deal ignores the regions.",
     "Sunni leaders — and some Kurdish ones —", "Sunni leaders", None),
    ("Joseph R. Dunne Jr. said the embassy would stay open.", "Joseph R. Dunne Jr.", "Joseph R. Dunne Jr", None),
    # a dateline and an intro phrase are not the subject of a participle
    ("BAGHDAD, Jan 25 (Wire) - Sudani met the envoys on Thursday, saying the coalition had done its job.",
     "Sudani", "Sudani", "Iraq"),
    ("Like many of his colleagues, Mr Amari spoke out on Friday, warning that the talks would fail.",
     "Mr Amari", "Amari", None),
]


@pytest.mark.parametrize("text, mention, speaker, party", CASES, ids=[c[0][:40] for c in CASES])
def test_speaker_phrase(text, mention, speaker, party):
    full = "Headline for the test\n" + text
    st = parley.analyze_text(full, parties=PARTIES).statements
    assert [(r.speaker_mention, r.speaker, r.party) for r in st.itertuples()] == [(mention, speaker, party)]
    r = st.iloc[0]
    assert full[r.speaker_start:r.speaker_end] == mention


def test_aside_before_a_relative_clause_keeps_the_statement():
    st = parley.analyze_text("Headline for the test\nRep. Mike Dorn (R-Wis.), who told reporters that the deal "
                             "was weak, voted against it.").statements
    assert st[["speaker_mention", "speaker", "content"]].values.tolist() == [["who", "Mike Dorn", "the deal was weak"]]
