"""Statement attribution: the seed article (golden) and hand-written hard cases."""
from pathlib import Path

import pandas as pd
import pytest

import parley
from parley.extract.pipeline import article_sentences, read_article
from parley.extract.statements import STATEMENT_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "articles" / "000_ed59ce91eebbf266.txt"
PARTIES = ROOT / "data" / "parties.toml"


def statements(text, parties=PARTIES):
    return parley.analyze_text(text, parties=parties).statements


# --------------------------------------------------------------------------- golden: the seed article

SEED_EXPECTED = [
    # (block, mention, speaker, party, cue, mode, content starts, content ends)
    ("headline", "Baghdad", "Baghdad", "Iraq", ":", "indirect",
     "US, Iraq to discuss timeline", "reduce coalition troops"),
    ("body", "Iraq’s foreign ministry", "Iraq’s foreign ministry", "Iraq", "said", "mixed",
     "The two countries agreed", "advisers on Iraqi soil”"),
    ("body", "The ministry", "Iraq’s foreign ministry", "Iraq", "said", "mixed",
     "the timeline would be contingent on", "capacities of the Iraqi security forces”"),
    ("body", "US Defence Secretary Lloyd Austin", "Lloyd Austin", "United States", "confirmed", "mixed",
     "meetings “in the coming days”", "between the two countries in August"),
    ("body", "the statement", "Lloyd Austin", "United States", "said", "mixed",
     "The meetings would “determine how", "the capability levels of Iraq’s security forces"),
]


def test_seed_statements_are_exactly_the_expected_ones():
    text = SEED.read_text(encoding="utf-8")
    st = statements(text)
    assert len(st) == len(SEED_EXPECTED)
    for row, (block, mention, speaker, party, cue, mode, head, tail) in zip(st.itertuples(), SEED_EXPECTED):
        assert (row.block, row.speaker_mention, row.speaker, row.party, row.cue, row.mode) == (
            block, mention, speaker, party, cue, mode)
        assert row.content.startswith(head) and row.content.endswith(tail), row.content
        # offsets point into the exact text
        assert text[row.content_start:row.content_end] == row.content
        assert text[row.speaker_start:row.speaker_end] == row.speaker_mention
        assert text[row.cue_start:row.cue_end] == row.cue
    # The standfirst repeats Austin's body sentence: it counts once, and its place is kept as evidence.
    assert st["repeats"].notna().sum() == 1
    austin = st[st["repeats"].notna()].iloc[0]
    assert austin.block == "body" and austin.content.startswith("meetings “in the coming days”")
    block, span = austin.repeats.split(":")
    start, end = map(int, span.split("-"))
    assert block == "standfirst" and text[start:end] == "meetings ‘in the coming days’ to discuss the ‘transition’ of the coalition"


def test_seed_anaphors_name_their_antecedents():
    st = statements(SEED.read_text(encoding="utf-8"))
    ministry = st[st.speaker_mention == "The ministry"].iloc[0]
    assert ministry.party_evidence.startswith("anaphor 'The ministry' -> ")
    assert "Iraq’s foreign ministry" in ministry.party_evidence
    said = st[st.speaker_mention == "the statement"].iloc[0]
    assert said.party_evidence.startswith("anaphor 'the statement' -> ")
    assert "(Lloyd Austin)" in said.party_evidence
    # the antecedent is named by its statement id
    assert st.loc[st.speaker_mention == "US Defence Secretary Lloyd Austin", "statement_id"].iloc[-1] \
        in said.party_evidence


def test_seed_captions_and_narration_are_not_statements():
    text = SEED.read_text(encoding="utf-8")
    st = statements(text)
    assert not (st.block == "caption").any()
    for row in st.itertuples():
        assert "struck Iran-backed groups" not in row.content
        assert "Photo:" not in row.content


def test_columns_and_empty_frames_keep_their_columns():
    st = statements("No one says anything in this text at all.\nIt is only narration.")
    assert list(st.columns) == STATEMENT_COLUMNS
    assert st.empty
    empty = parley.to_statements(parley.to_sentences(parley.load_articles([])))
    assert list(empty.columns) == STATEMENT_COLUMNS


# --------------------------------------------------------------------------- hard cases

# Each case: a short article (first line is a headline, so every text starts with one), and the
# expected statements as (mention, speaker, party, mode, content) — or [] for none.
HEADLINE = "Talks on troops\n"
CASES = [
    # direct quotes, cue after, curly and straight
    ("“We will not leave before the job is done,” said Pentagon spokesman Pat Ryder.",
     [("Pentagon spokesman Pat Ryder", "Pat Ryder", "United States", "direct",
       "“We will not leave before the job is done,”")]),
    ('"We will stay," the US official said.',
     [("the US official", "US official", "United States", "direct", '"We will stay,"')]),
    # cue first, colon, quote
    ("The Pentagon said: “We are committed to the partnership.”",
     [("The Pentagon", "Pentagon", "United States", "direct", "“We are committed to the partnership.”")]),
    # quote split around the cue
    ("“We are ready,” Austin said, “to discuss the transition.”",
     [("Austin", "Austin", "United States", "direct", "“We are ready,” Austin said, “to discuss the transition.”")]),
    # multi-sentence quote, one statement
    ("“The mission has succeeded. It is time to move on,” Sudani said.",
     [("Sudani", "Sudani", "Iraq", "direct", "“The mission has succeeded. It is time to move on,”")]),
    # a quote running over two paragraphs
    ("Sudani said: “The talks will be long.\n“We are patient and we will not rush.”",
     [("Sudani", "Sudani", "Iraq", "direct", "“The talks will be long.\n“We are patient and we will not rush.”")]),
    # indirect speech, with and without "that"
    ("Iraqi Foreign Minister Fuad Hussein told Reuters that the coalition’s mission was over.",
     [("Iraqi Foreign Minister Fuad Hussein", "Fuad Hussein", "Iraq", "indirect",
       "the coalition’s mission was over")]),
    ("The withdrawal will be gradual, Iraq’s foreign ministry said on Thursday.",
     [("Iraq’s foreign ministry", "Iraq’s foreign ministry", "Iraq", "indirect",
       "The withdrawal will be gradual")]),
    ("According to Iraqi officials, the talks will start next week.",
     [("Iraqi officials", "Iraqi officials", "Iraq", "according_to", "the talks will start next week")]),
    # mixed: indirect speech with a quoted fragment
    ("Sudani said the coalition’s presence was “no longer justified”.",
     [("Sudani", "Sudani", "Iraq", "mixed", "the coalition’s presence was “no longer justified”")]),
    # nested quotes stay inside the outer quote
    ("“He told me ‘we will leave by June’, and I believed him,” the Iraqi official said.",
     [("the Iraqi official", "Iraqi official", "Iraq", "direct",
       "“He told me ‘we will leave by June’, and I believed him,”")]),
    # apostrophes are not quote marks
    ("Iraq’s prime minister’s office said the vote was the country’s own decision.",
     [("Iraq’s prime minister’s office", "Iraq’s prime minister’s office", "Iraq", "indirect",
       "the vote was the country’s own decision")]),
    # appositions belong to the speaker
    ("Fuad Hussein, Iraq’s foreign minister, said the talks were constructive.",
     [("Fuad Hussein, Iraq’s foreign minister", "Fuad Hussein", "Iraq", "indirect", "the talks were constructive")]),
    ("Yehia Rasool, a spokesman for the armed forces, said the timeline had been agreed.",
     [("Yehia Rasool, a spokesman for the armed forces", "Yehia Rasool", "Iraq", "indirect",
       "the timeline had been agreed")]),
    # "based in" is where a speaker is, not who they are
    ("Analysts based in Baghdad said the decision was political.",
     [("Analysts based in Baghdad", "Analysts based in Baghdad", None, "indirect", "the decision was political")]),
    # "asked if" frames a question; the answer is the statement
    ("Asked if US troops would leave, Austin said the mission would evolve.",
     [("Austin", "Austin", "United States", "indirect", "the mission would evolve")]),
    # participle and coordinated cues take the subject of the clause
    ("Sudani met Austin on Monday, saying the partnership would continue.",
     [("Sudani", "Sudani", "Iraq", "indirect", "the partnership would continue")]),
    ("Austin praised the talks and said a timeline would follow.",
     [("Austin", "Austin", "United States", "indirect", "a timeline would follow")]),
    # two speakers in one sentence
    ("Austin said the talks would continue, while Fuad Hussein said the timeline was fixed.",
     [("Austin", "Austin", "United States", "indirect", "the talks would continue"),
      ("Fuad Hussein", "Fuad Hussein", "Iraq", "indirect", "the timeline was fixed")]),
    # a relative pronoun is the mention; it resolves to the phrase it stands for
    ("The talks were praised by Iraqi officials, who said the timeline was realistic.",
     [("who", "Iraqi officials", "Iraq", "indirect", "the timeline was realistic")]),
    # adverbs and days between speaker and cue
    ("Sudani firmly told reporters that the date was not negotiable.",
     [("Sudani", "Sudani", "Iraq", "indirect", "the date was not negotiable")]),
    ("“We will stay as long as we are welcome,” Austin said Tuesday.",
     [("Austin", "Austin", "United States", "direct", "“We will stay as long as we are welcome,”")]),
    # a capitalised cue opening the sentence, and a document as the inverted speaker
    ("Said Sudani: “The timeline is ours to set.”",
     [("Sudani", "Sudani", "Iraq", "direct", "“The timeline is ours to set.”")]),
    ("“Foreign forces must respect Iraq’s sovereignty,” said the ruling.",
     [("the ruling", None, None, "direct", "“Foreign forces must respect Iraq’s sovereignty,”")]),
    # a long frame before "that"
    ("Austin said at a news conference in Washington, that the mission would change.",
     [("Austin", "Austin", "United States", "indirect", "the mission would change")]),
    # sentences that mention a government without quoting it
    ("The United States has about 2,500 troops in Iraq.", []),
    ("US forces struck Iran-backed groups in Iraq and Syria on Thursday.", []),
    ("Iraq’s parliament voted in 2020 to expel foreign troops.", []),
    # not statements: negation, passive, nouns
    ("The ministry declined to say when the talks would start.", []),
    ("The deal is said to include a timeline.", []),
    ("The plan was first reported by The Washington Post.", []),
    ("The claims were rejected by Baghdad.", []),
    ("Editor’s note: this story was updated.", []),
    # actors who are not parties
    ("Kataib Hezbollah said it would suspend attacks on US forces.",
     [("Kataib Hezbollah", "Kataib Hezbollah", None, "indirect", "it would suspend attacks on US forces")]),
    ("The Washington Post reported that the talks had stalled.",
     [("The Washington Post", "Washington Post", None, "indirect", "the talks had stalled")]),
    # a pronoun with nobody before it stays unresolved
    ("He said the deal was done.",
     [("He", None, None, "indirect", "the deal was done")]),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_hard_cases(text, expected):
    full = HEADLINE + text
    st = statements(full)
    got = [(r.speaker_mention, r.speaker, r.party, r.mode, r.content) for r in st.itertuples()]
    assert got == expected
    for r in st.itertuples():
        assert full[r.content_start:r.content_end] == r.content
        assert full[r.speaker_start:r.speaker_end] == r.speaker_mention


# Multi-sentence articles: anaphora, chains and cue-less quotes.
DISCOURSE = [
    # pronoun chain
    ("Lloyd Austin said the talks would begin soon. He added that no date had been set. "
     "He also said the coalition would consult Baghdad.",
     [("Lloyd Austin", "Lloyd Austin", "United States"), ("He", "Lloyd Austin", "United States"),
      ("He", "Lloyd Austin", "United States")]),
    # body anaphor
    ("Iraq’s foreign ministry said the talks were useful.\nThe ministry also said a timeline was needed.",
     [("Iraq’s foreign ministry", "Iraq’s foreign ministry", "Iraq"),
      ("The ministry", "Iraq’s foreign ministry", "Iraq")]),
    # role anaphor
    ("A US defence official said the strikes were over. The official added that more talks were planned.",
     [("A US defence official", "US defence official", "United States"),
      ("The official", "US defence official", "United States")]),
    # a later surname is the same person
    ("US Defence Secretary Lloyd Austin said the mission would change.\nAustin said Iraq was a partner.",
     [("US Defence Secretary Lloyd Austin", "Lloyd Austin", "United States"), ("Austin", "Lloyd Austin", "United States")]),
    # two speakers in a paragraph, then a pronoun: the most recent person
    ("Austin said the talks were useful, and Sudani said they were overdue. He said a date would follow.",
     [("Austin", "Austin", "United States"), ("Sudani", "Sudani", "Iraq"), ("He", "Sudani", "Iraq")]),
    # a quote paragraph without a cue continues the previous speaker
    ("“We want a clear timeline,” Sudani said.\n“Our forces are ready to take over.”",
     [("Sudani", "Sudani", "Iraq"), ("Sudani", "Sudani", "Iraq")]),
    # a quote without any cue and nobody before it is nobody's statement
    ("“Our forces are ready to take over.”\nThe talks began on Monday.", []),
    # a document anaphor with no document before it stays unresolved
    ("The statement said the talks were useful.", [("The statement", None, None)]),
]


@pytest.mark.parametrize("text, expected", DISCOURSE, ids=[c[0][:40] for c in DISCOURSE])
def test_discourse(text, expected):
    st = statements(HEADLINE + text)
    assert [(r.speaker_mention, r.speaker, r.party) for r in st.itertuples()] == expected


def test_unresolved_is_said_not_guessed():
    st = statements(HEADLINE + "He said the deal was done.")
    assert st.speaker.isna().all() and st.party.isna().all()
    assert st.party_evidence.iloc[0].startswith("unresolved")


def test_continuation_names_the_statement_it_continues():
    st = statements(HEADLINE + "“We want a clear timeline,” Sudani said.\n“Our forces are ready to take over.”")
    assert st.party_evidence.iloc[1].startswith(f"continues {st.statement_id.iloc[0]}")
    assert pd.isna(st.cue.iloc[1])


def test_headline_trailing_attribution():
    st = statements("Troops to stay in Iraq for now: Pentagon\nThe talks went on.")
    assert st[["speaker_mention", "party", "cue", "content"]].values.tolist() == [
        ["Pentagon", "United States", ":", "Troops to stay in Iraq for now"]]


def test_without_parties_no_party_is_assigned():
    st = statements(SEED.read_text(encoding="utf-8"), parties=None)
    assert len(st) == len(SEED_EXPECTED) and st.party.isna().all()


def test_offsets_survive_without_articles_frame():
    text = SEED.read_text(encoding="utf-8")
    articles = parley.load_articles(SEED)
    sentences = parley.to_sentences(articles)
    exact = parley.to_statements(sentences, parties=PARTIES, articles=articles)
    rebuilt = parley.to_statements(sentences, parties=PARTIES)
    assert rebuilt.content.tolist() == exact.content.tolist()
    assert all(text[r.content_start:r.content_end] == r.content for r in exact.itertuples())


def test_offsets_are_exact_on_random_token_soup():
    """Odd inputs (stray quotes, cues without speakers, colons, dashes) never break offsets or raise."""
    import random

    rng = random.Random(7)
    vocab = ["said", "told", "he", "she", "“", "”", '"', "'", ",", ".", "\n", "according", "to", "the", "ministry",
             "Iraq’s", "US", "Austin", "that", ":", "—", "who", "(", ")", "adding", "statement", "In", "a", "x"]
    for _ in range(300):
        text = " ".join(rng.choices(vocab, k=rng.randint(0, 40)))
        a = parley.analyze_text(text, parties=PARTIES)
        for r in a.statements.itertuples():
            assert text[r.content_start:r.content_end] == r.content and r.content
            assert text[r.speaker_start:r.speaker_end] == r.speaker_mention
        for r in a.sentences.itertuples():
            assert text[r.start:r.end] == r.text


@pytest.mark.parametrize("newline", ["\r\n", "\u2028", "\u2029"])
def test_other_line_breaks_give_the_same_statements(newline):
    text = SEED.read_text(encoding="utf-8")
    expected = statements(text)
    other = text.replace("\n", newline)
    got = statements(other)
    assert got[["speaker", "party", "mode"]].values.tolist() == expected[["speaker", "party", "mode"]].values.tolist()
    assert all(other[r.content_start:r.content_end] == r.content for r in got.itertuples())


def test_joint_statements_are_counted_once_in_all():
    frame = pd.DataFrame({"statement_id": ["a:q0", "a:q0+1", "a:q1"], "joint": ["a:q0", "a:q0", float("nan")]})
    assert parley.count_statements(frame) == (2, 1)
    assert parley.describe_count(frame) == "2 statements (1 joint, counted for each government)"
    assert parley.count_statements(frame.iloc[[2]]) == (1, 0) and parley.describe_count(frame.iloc[:0]) == "0 statements"


# --------------------------------------------------------------------------- repeats within an article

REPEATED = """Iraq and US set a date for new talks
- Iraq's foreign minister said the talks would "resume in Baghdad next week"
- The US said its advisers would stay for now
Iraq's foreign minister said the talks would “resume in Baghdad next week”, after a pause of two months.
The US State Department said it was ready to listen.
"""


def test_a_standfirst_repeating_the_body_counts_once_with_both_places_kept():
    st = statements(REPEATED)
    iraq = st[st["party"] == "Iraq"]
    assert len(iraq) == 1 and iraq.iloc[0].block == "body"  # curly or straight quotes alike
    block, span = iraq.iloc[0].repeats.split(":")
    start, end = map(int, span.split("-"))
    assert block == "standfirst" and REPEATED[start:end] == 'the talks would "resume in Baghdad next week"'
    # the US standfirst line says something the body does not: it stays, and repeats nothing
    us = st[st["party"] == "United States"]
    assert sorted(us["block"]) == ["body", "standfirst"] and us["repeats"].isna().all()


def test_the_same_words_from_another_government_are_not_a_repeat():
    text = REPEATED.replace("- Iraq's foreign minister said", "- The US said")
    st = statements(text)
    assert (st["block"] == "standfirst").sum() == 2 and st["repeats"].isna().all()


# --------------------------------------------------------------------------- outlets and datelines (issue 20, pattern 2)

# (text, [(speaker mention, content, via)]): an outlet that passes a statement on is its ``via``, never a
# statement of its own; a dateline is neither speaker nor content.
OUTLETS = [
    ("Reuters reported that Austin said the advisers would stay.",
     [("Austin", "the advisers would stay", "Reuters")]),
    ("According to Reuters, Sudani said the timeline was fixed.",
     [("Sudani", "the timeline was fixed", "Reuters")]),
    ("Sudani said the timeline was fixed, Reuters reported.",
     [("Sudani", "the timeline was fixed", "Reuters")]),
    ("Sudani said the timeline was fixed, according to Tigris.Az.",
     [("Sudani", "the timeline was fixed", "Tigris.Az")]),
    ("Iraqi-Monitor.com reported that Sudani said the timeline was fixed.",
     [("Sudani", "the timeline was fixed", "Iraqi-Monitor.com")]),
    ("According to Basra Daily News, Sudani said the timeline was fixed.",
     [("Sudani", "the timeline was fixed", "Basra Daily News")]),
    ("“We will stay,” Austin said, according to a video posted by state television.",
     [("Austin", "“We will stay,”", "a video posted by state television")]),
    # an outlet that reports something of its own, and a ministry that passes on a report, stay statements
    ("Reuters reported that the advisers would stay.", [("Reuters", "the advisers would stay", None)]),
    ("The ministry said Washington had promised that the advisers would leave.",
     [("The ministry", "Washington had promised that the advisers would leave", None),
      ("Washington", "the advisers would leave", None)]),
    # datelines
    ("BAGHDAD (Reuters) - The advisers will leave by September, the ministry said.",
     [("the ministry", "The advisers will leave by September", None)]),
    ("BAGHDAD: The advisers will leave by September, the ministry said.",
     [("the ministry", "The advisers will leave by September", None)]),
    ("ERBIL, Kurdistan Region — The advisers will leave by September, the ministry said.",
     [("the ministry", "The advisers will leave by September", None)]),
    ("Basra, Iraq — The advisers will leave by September, the ministry said.",
     [("the ministry", "The advisers will leave by September", None)]),
    ("WASHINGTON, Jan 5 (AP) -- Austin said the advisers would stay.",
     [("Austin", "the advisers would stay", None)]),
    ("BAGHDAD: Iraq warned on Saturday it would defend its airspace.",
     [("Iraq", "it would defend its airspace", None)]),
    # not datelines: a hyphenated name, and a transcript whose speakers are labels
    ("US-Iraq talks will resume in May, the ministry said.",
     [("the ministry", "US-Iraq talks will resume in May", None)]),
    ("AUSTIN: We are not leaving.\nSUDANI: Then we will ask you to leave.",
     [("AUSTIN", "We are not leaving", None), ("SUDANI", "Then we will ask you to leave", None)]),
]


@pytest.mark.parametrize("text, expected", OUTLETS, ids=[c[0][:40] for c in OUTLETS])
def test_outlets_and_datelines(text, expected):
    st = statements("Headline for the test\n" + text)
    got = [(r.speaker_mention, r.content, r.via if isinstance(r.via, str) else None) for r in st.itertuples()]
    assert got == expected


# --------------------------------------------------------------------------- the article the attribution reads

# (text, its body's first sentence as the attribution reads it, the quotes paired in the article)
ARTICLES = [
    ("Talks resume\nBAGHDAD (Reuters) - “We will stay,” Austin said.", "“We will stay,” Austin said.",
     ["“We will stay,”"]),
    ("Talks resume\nAustin said the answer was “no” and left.", "Austin said the answer was “no” and left.", ["“no”"]),
    ("Talks resume\nWASHINGTON, Jan 5 (AP) -- The envoy said nothing.", "The envoy said nothing.", []),
]


@pytest.mark.parametrize("text, first, quoted", ARTICLES, ids=[c[1][:30] for c in ARTICLES])
def test_an_article_is_read_once_into_its_sentences_after_the_dateline_and_its_quotes(text, first, quoted):
    analysis = parley.analyze_text(text)
    (_, loaded, sents), = article_sentences(analysis.sentences, analysis.articles)
    article = read_article(loaded, sents)
    body = next(s for s in article.sents if s.block == "body")
    assert article.text[body.start:body.end] == first
    assert [article.text[s:e] for s, e in article.quotes.spans] == quoted
