"""Resolution: pronouns, descriptions and documents find their actor, in narration as well as in speech.

Every sentence here was written for these tests.
"""
import pytest

import parley

from test_actors import PARTIES


def _statements(text):
    return parley.analyze_text("Headline for the test\n" + text, parties=PARTIES).statements


# (text, [(speaker mention, resolved speaker, party), ...])
CASES = [
    # a pronoun whose antecedent was introduced in narration, not as a speaker
    ("Chancellor Gordon Brown visited a car factory in Leeds. He said the economy was strong.",
     [("He", "Gordon Brown", "United Kingdom")]),
    # the most recent subject, not an earlier speaker
    ("Austin said the talks were useful. Shadow home secretary Paul Dunn attacked the deal on Monday. "
     "He said it was a surrender.",
     [("Austin", "Austin", "United States"), ("He", "Paul Dunn", None)]),
    # a mention inside the "asked if" question is not who answers
    ("Austin spoke to reporters in Baghdad. Asked if Sudani would visit Washington, he replied that no date was set.",
     [("he", "Austin", "United States")]),
    # a description introduced in narration
    ("A senior State Department official briefed reporters in Vienna on Tuesday. "
     "The talks were useful, the official said.",
     [("the official", "senior State Department official", "United States")]),
    # an apposition in narration gives the actor its role and its modifier
    ("The shadow foreign secretary, Mark Ames, welcomed the release. But he said serious questions remained open.",
     [("he", "Mark Ames", None)]),
    # gender from the title decides between two people
    ("Ms Rowe met Mr Brown at the Treasury. He said the budget was fair.",
     [("He", "Brown", "United Kingdom")]),
    # documents: the statement of a named author, and a later anaphor to it
    ("In a statement, the Pentagon said the strikes were over. The statement added that more talks were planned.",
     [("the Pentagon", "Pentagon", "United States"), ("The statement", "Pentagon", "United States")]),
    ("“The timeline is ours to set,” read a statement from Sudani’s office.",
     [("a statement from Sudani’s office", "statement from Sudani’s office", "Iraq")]),
    # a pronoun with no compatible actor stays unresolved and says so
    ("The weather was cold. She said the meeting was cancelled.", [("She", None, None)]),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_resolution(text, expected):
    st = _statements(text)
    assert [(r.speaker_mention, r.speaker, r.party) for r in st.itertuples()] == expected


def test_anaphor_evidence_names_the_antecedent():
    st = _statements("Chancellor Gordon Brown visited a car factory in Leeds. He said the economy was strong.")
    evidence = st.party_evidence.iloc[0]
    assert evidence.startswith("anaphor 'He' -> ") and "Gordon Brown" in evidence and "narration" in evidence


def test_unresolved_pronoun_says_why():
    st = _statements("The weather was cold. She said the meeting was cancelled.")
    assert st.party_evidence.iloc[0].startswith("unresolved 'She'")


def test_a_joint_statement_continued_by_a_quote_paragraph_stays_joint():
    st = _statements("“We will stay,” the United States and Iraq said in a joint statement.\n"
                     "“The partnership goes on for years.”")
    assert st.party.tolist() == ["United States", "Iraq", "United States", "Iraq"]
    assert st.joint.nunique() == 2 and st.joint.notna().all()


def test_a_split_quote_after_an_outlet_continues_its_own_speaker():
    st = _statements("According to Reuters, “Yes,” Austin said, “we will go on with it.”")
    assert st.speaker.dropna().tolist() and set(st.speaker.dropna()) <= {"Austin", "Reuters"}
    assert all(not e.startswith(f"continues {sid}") for sid, e in zip(st.statement_id, st.party_evidence))


def test_it_resolves_to_a_body():
    st = _statements("The Home Office rejected the claims on Monday. It said the checks had been fair.")
    assert st[["speaker_mention", "speaker", "party"]].values.tolist() == [["It", "Home Office", "United Kingdom"]]


def test_a_lone_capitalised_word_in_narration_is_no_actor():
    a = parley.analyze_text("Headline for the test\nThe vote in Basra was close. Officials counted again.",
                            parties=PARTIES)
    assert "Basra" not in set(a.actors.text)


from test_actors import DIPLO  # noqa: E402


def _diplo(text):
    st = parley.analyze_text("Headline for the test\n" + text, parties=DIPLO).statements
    return [(r.speaker_mention, r.party) for r in st.itertuples()]


# Pattern 5, who speaks for a government, in whole sentences: (text, [(speaker mention, party), ...])
WHO_SPEAKS = [
    # a document issued by a ministry, and the quote that follows it, belong to the ministry
    ("The Chilean foreign ministry issued a statement on Friday.\n“We will not accept any change to the border "
     "that was agreed in 1929.”", [("The Chilean foreign ministry", "Chile")]),
    ("Peru's defence minister released a letter to the fishermen. “Our navy will protect every boat in our waters.”",
     [("Peru's defence minister", "Peru")]),
    # a later "the statement" or "it" stands for the document and so for its author
    ("“The claims are baseless,” a statement issued to reporters by a Peruvian official said.\n"
     "“Lima will keep talking,” the statement added.", [("a Peruvian official", "Peru"), ("the statement", "Peru")]),
    ("Vidal posted a statement from the Chilean trade ministry, noting that the ban had been lifted.\n"
     "“The markets are open again,” the document adds.\n“Exports resume on Monday,” it said.",
     [("Vidal", "Chile"), ("the document", "Chile"), ("it", "Chile")]),
    # state media, militias and numbers are not the government
    ("Peruvian state television said the navy had seized two boats.", [("Peruvian state television", None)]),
    ("Chilean militia leader Hugo Prat said his men would not disarm.", [("Chilean militia leader Hugo Prat", None)]),
    ("Exports to Peru fell by a third, according to Chilean customs figures.", [("Chilean customs figures", None)]),
    ("Peru's mission to the UN said the vote was unlawful.", [("Peru's mission to the UN", "Peru")]),
    # with a government, state media and a third party are left out
    ("The Chilean military and Peruvian state media said two drones were shot down.",
     [("The Chilean military and Peruvian state media", "Chile")]),
    ("Both Chile and the UN say the rebels are backed by Peru.", [("Both Chile and the UN", "Chile")]),
]


@pytest.mark.parametrize("text, expected", WHO_SPEAKS, ids=[c[0][:40] for c in WHO_SPEAKS])
def test_who_speaks_for_a_government_in_sentences(text, expected):
    assert _diplo(text) == expected


# Pattern 4, joint and reciprocal statements: (text, [(speaker mention, party, joint), ...]); a joint statement
# has a row per government with one joint id, a reciprocal one a statement per government.
JOINT = [
    ("Ruiz met Salas in Lima on Monday. The two governments said in a joint statement that talks would resume.",
     [("two governments", "Chile", True), ("two governments", "Peru", True)]),
    ("Chile and Peru held talks in Arica. Both governments said the fishing dispute was over.",
     [("Both governments", "Chile", True), ("Both governments", "Peru", True)]),
    ("Chilean and Peruvian officials met in Tacna. The two countries announced that a new crossing would open.",
     [("two countries", "Chile", True), ("two countries", "Peru", True)]),
    ("The governments of Chile and Peru said the treaty would be signed next week.",
     [("The governments of Chile and Peru", "Chile", True), ("The governments of Chile and Peru", "Peru", True)]),
    ("Chile and Peru met in Lima. The talks ended without a deal, according to statements released by both sides.",
     [("statements released by both sides", "Chile", True), ("statements released by both sides", "Peru", True)]),
    ("Chile's foreign ministry and Peru have both denied a report that a deal was close.",
     [("Chile's foreign ministry and Peru", "Chile", True), ("Chile's foreign ministry and Peru", "Peru", True)]),
    ("Ruiz met Salas in Lima on Monday. A joint statement said the border would reopen in May.",
     [("A joint statement", "Chile", True), ("A joint statement", "Peru", True)]),
    # "they" after the two governments' people named together
    ("Chile and Peru have signed a treaty. In Lima, the foreign ministers of the two neighbouring countries signed "
     "the accord. They pledged to open the border within 90 days.", [("They", "Chile", True), ("They", "Peru", True)]),
    ("Ruiz and Salas signed the accord in Lima, Reuters reported. They said the border would open within 90 days.",
     [("Reuters", None, False), ("They", "Chile", True), ("They", "Peru", True)]),
    # each accuses the other: one statement per government, not a joint one
    ("Chile and Peru accused each other of violating the truce.",
     [("Chile and Peru", "Chile", False), ("Chile and Peru", "Peru", False)]),
    # not joint, and no statement at all
    ("Chile and Peru have concluded negotiations on a new fishing treaty.", []),
    ("Chilean officials met in Tacna. They said that a new crossing would open.", [("They", "Chile", False)]),
]


@pytest.mark.parametrize("text, expected", JOINT, ids=[c[0][:40] for c in JOINT])
def test_joint_and_reciprocal_statements(text, expected):
    st = parley.analyze_text("Headline for the test\n" + text, parties=DIPLO).statements
    assert [(r.speaker_mention, r.party, isinstance(r.joint, str)) for r in st.itertuples()] == expected
    assert st.statement_id.is_unique


def test_reciprocal_statements_count_once_for_each_government():
    st = parley.analyze_text("Headline for the test\nChile and Peru accused each other of violating the truce.",
                             parties=DIPLO).statements
    assert parley.count_statements(st) == (2, 0)
    assert all(e.startswith("reciprocal ('each other')") for e in st.party_evidence)


# Pattern 3, reference: (text, [(speaker mention, resolved speaker, party), ...])
REFERENCE = [
    # "the latter" / "the former": the last, or the one before, of the two actors named last (not a place)
    ("Ruiz met Salas in Lima on Monday. The latter said the talks had been useful.",
     [("The latter", "Salas", "Peru")]),
    ("Ruiz met Salas in Lima on Monday. The former said the talks had been useful.",
     [("The former", "Ruiz", "Chile")]),
    ("Ruiz spoke in Lima on Monday. Salas answered on Tuesday. The latter said the talks had failed.",
     [("The latter", "Salas", "Peru")]),
    ("Ruiz and Salas signed the accord, with the latter saying the deal held only if the navy withdrew.",
     [("the latter", "Salas", "Peru")]),
    # a pronoun after a sentence whose main speaker embeds another speaker is the main speaker
    ("Ruiz, speaking moments after Salas announced the ceasefire, said the guns would fall silent at midnight. "
     "He said the navy would stay in port.",
     [("Salas", "Salas", "Peru"), ("Ruiz, speaking moments after Salas announced the ceasefire", "Ruiz", "Chile"),
      ("He", "Ruiz", "Chile")]),
    # a rebuttal's "it said in a statement" after two ministries were named is the second, rebutting one
    ("Chile's foreign ministry accused Peru of violating the treaty. Peru's foreign ministry rejected the claims. "
     "It said in a statement that its navy had never left its waters.",
     [("Chile's foreign ministry", "Chile's foreign ministry", "Chile"),
      ("It", "Peru's foreign ministry", "Peru")]),
    # people who share a surname: the bare surname is the one introduced first, not the father named after him
    ("Chilean Foreign Minister Pablo Mena met the fishermen on Monday. His father, Miguel Mena, was a fisherman "
     "who was detained by Peru in 1990. Mena said the detentions had to stop.",
     [("Mena", "Pablo Mena", "Chile")]),
    # a surname introduced inside a possessive
    ("Peruvian foreign ministry spokesperson Rosa Quispe's remarks came a day after the navy seized two boats. "
     "Quispe said the boats had entered Peruvian waters illegally.",
     [("Quispe", "Rosa Quispe", "Peru")]),
    # "she" prefers the speaker who spoke of herself as "she" to a nearer speaker of unknown gender
    ("Chilean President Ana Ruiz spoke after meeting Peru's president Jorge Salas. Ruiz told reporters that she "
     "had proposed a joint patrol. Salas asked how long she wanted to wait. “Not a day longer,” she said.",
     [("Ruiz", "Ana Ruiz", "Chile"), ("Salas", "Jorge Salas", "Peru"), ("she", "Ana Ruiz", "Chile")]),
    # a role named after a body just named with its government, and a body sharing its modifier
    ("The Chilean military said it had hit two depots. The mission was over, a military spokesman added.",
     [("The Chilean military", "Chilean military", "Chile"), ("a military spokesman", "military spokesman", "Chile")]),
    ("The Peruvian customs office said in a statement that imports were suspended. Chile protested. "
     "The customs authority said the suspension was for safety.",
     [("The Peruvian customs office", "Peruvian customs office", "Peru"),
      ("The customs authority", "Peruvian customs office", "Peru")]),
    # a participle's subject is the possessor's office, not the possessor
    ("Peru’s defense minister issued a stark warning to Chile on Saturday, saying that the navy was ready.",
     [("Peru’s defense minister", "Peru’s defense minister", "Peru")]),
    # a body named with its owner in narration, then "it"
    ("The Chilean navy seized a boat. It said the crew had crossed the line.", [("It", "Chilean navy", "Chile")]),
    ("Chile rejected the ruling. It said the court had no jurisdiction.", [("It", "Chile", "Chile")]),
]


@pytest.mark.parametrize("text, expected", REFERENCE, ids=[c[0][:40] for c in REFERENCE])
def test_reference(text, expected):
    st = parley.analyze_text("Headline for the test\n" + text, parties=DIPLO).statements
    assert [(r.speaker_mention, r.speaker, r.party) for r in st.itertuples()] == expected


# Pattern 5 in headlines and standfirsts: short forms of an office speak for the government they name
HEADLINES = [
    ("Chile PM says border talks will resume next week\n\nThe talks were cut short on Monday.",
     [("headline", "Chile PM", "Chile")]),
    ("Border talks will resume: Peru FM\n\nThe talks were cut short on Monday.", [("headline", "Peru FM", "Peru")]),
    ("Talks cut short\n- Peru FM warns that fishing boats will be seized\n\nThe talks ended on Monday.",
     [("standfirst", "Peru FM", "Peru")]),
    ("Talks cut short\n- Chilean militia leader says his men will not disarm\n\nThe talks ended on Monday.",
     [("standfirst", "Chilean militia leader", None)]),
]


@pytest.mark.parametrize("text, expected", HEADLINES, ids=[c[0][:40] for c in HEADLINES])
def test_offices_in_headlines_and_standfirsts(text, expected):
    st = parley.analyze_text(text, parties=DIPLO).statements
    assert [(r.block, r.speaker_mention, r.party) for r in st.itertuples()] == expected
