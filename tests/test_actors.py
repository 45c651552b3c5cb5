"""Actors: the party comes from the structure of a description, not from any word in it.

Every sentence here was written for these tests.
"""
import pytest

import parley
from parley.extract.actors import ACTOR_COLUMNS, Describer

#: A parties table with bare-role aliases on purpose ("Chancellor", "Treasury", "home secretary").
PARTIES = {
    "United Kingdom": {"aliases": ["UK", "Britain", "British government", "Chancellor", "Treasury", "Home Office",
                                   "home secretary", "foreign secretary", "Gordon Brown", "Mr Brown"]},
    "United States": {"aliases": ["US", "U.S.", "United States", "Pentagon", "US Treasury", "Treasury Secretary",
                                  "Lloyd Austin", "Austin", "State Department", "American officials"]},
    "Iraq": {"aliases": ["Iraq", "Iraqi", "Baghdad", "Sudani", "Iraqi foreign ministry"]},
    "Russia": {"aliases": ["Russia", "Russian", "Kremlin", "Moscow"]},
}

# (description, parties it names, evidence fragment)
DESCRIPTIONS = [
    # an alias as head, pre-modifier or possessor
    ("Iraq’s foreign ministry", ("Iraq",), "possessor"),
    ("the Iraqi prime minister", ("Iraq",), "alias 'Iraqi'"),
    ("US Defence Secretary Lloyd Austin", ("United States",), "alias"),
    ("the Home Office", ("United Kingdom",), "alias 'Home Office'"),
    # the complement of a government role, or a document's author
    ("the foreign minister of Iraq", ("Iraq",), "complement 'of'"),
    ("a spokesman for the Pentagon", ("United States",), "complement 'for'"),
    ("an official from the Pentagon", ("United States",), "complement 'from'"),
    ("a statement from Sudani’s office", ("Iraq",), "complement 'from'"),
    # not a relative clause, a title, a possessor's modifier, a client or a place
    ("Former minister Jane Hale, who resigned from the government over the Iraq war", (), "former"),
    ("Tom Reeve, who campaigned against the Iraq war", (), "relative clause"),
    ("A new book, Brown’s Britain", (), "no alias"),
    ("The Iraqi families’ lawyer", (), "possessor"),
    ("a lawyer for the Iraqi families", (), "complement"),
    ("analysts based in Baghdad", (), "place"),
    ("militias in Iraq", (), "place"),
    # modifiers that take a person out of government
    ("Liberal Democrat shadow chancellor Vera Kell", (), "shadow"),
    ("Former foreign secretary Robert Lane", (), "former"),
    ("the ex-home secretary", (), "former"),
    ("opposition leader Ann Marsh", (), "opposition"),
    # a bare role alias under another country's name
    ("German Chancellor Olaf Brandt", (), "another country"),
    ("British Chancellor Ray Hunt", ("United Kingdom",), "alias 'Chancellor'"),
    # the longest alias decides where aliases overlap
    ("US Treasury Secretary John Snow", ("United States",), "alias"),
    # several governments joined by "and": a joint actor
    ("the United States and Iraq", ("United States", "Iraq"), "joint"),
    ("US and Iraqi officials", ("United States", "Iraq"), "joint"),
    # an alias inside another proper name
    ("Iraq Body Count", (), "part of another name"),
    ("Amnesty International UK", (), "part of another name"),
    # a place inside a complement is where, not whom
    ("a spokesman for the Pentagon’s mission in Baghdad", ("United States",), "complement 'for'"),
    # "former" takes away an office, not a past career
    ("Home Secretary Jane Hale, a former lawyer", ("United Kingdom",), "alias"),
    ("Lloyd Austin, the US defence secretary and a former general", ("United States",), "alias"),
    ("Mr Ives, a former home secretary", (), "former"),
    # no alias at all
    ("Kataib Hezbollah", (), "no alias"),
]


@pytest.mark.parametrize("text, parties, evidence", DESCRIPTIONS, ids=[d[0] for d in DESCRIPTIONS])
def test_party_from_the_description(text, parties, evidence):
    desc = Describer(PARTIES)(text)
    assert desc.parties == parties and (desc.blocked is None) == (evidence not in (
        "former", "shadow", "opposition"))
    if evidence == "no alias":
        assert desc.evidence in ("", "no alias outside the relative clause")
    else:
        assert evidence in desc.evidence


@pytest.mark.parametrize("text", ["", "   ", "—", "“”"])
def test_describer_takes_empty_descriptions_and_no_parties(text):
    assert Describer(None)(text).parties == () and Describer({})("Lloyd Austin").parties == ()


def test_generic_descriptions_come_from_the_parties_file():
    table = {**PARTIES, "United Kingdom": {**PARTIES["United Kingdom"], "generic": ["the government", "ministers"]}}
    assert Describer(table)("the government").parties == ("United Kingdom",)
    assert "generic" in Describer(table)("Ministers").evidence
    assert Describer(PARTIES)("the government").parties == ()


def _statements(text, parties=PARTIES):
    return parley.analyze_text("Headline for the test\n" + text, parties=parties).statements


# Whole sentences: (text, [(speaker mention, party), ...])
SENTENCES = [
    ("Former minister Jane Hale, who resigned from the government over the Iraq war, said the UK had been misled.",
     [("Former minister Jane Hale", None)]),
    ("Liberal Democrat shadow chancellor Vera Kell said the Treasury had got its sums wrong.",
     [("Liberal Democrat shadow chancellor Vera Kell", None)]),
    ("The Iraqi families’ lawyer said the ruling was a disgrace.", [("The Iraqi families’ lawyer", None)]),
    ("A new book, Brown’s Britain, says the chancellor has a secret plan.", [("A new book, Brown’s Britain", None)]),
    ("German Chancellor Olaf Brandt said Europe would wait.", [("German Chancellor Olaf Brandt", None)]),
    ("US Treasury Secretary John Snow said the dollar was strong.",
     [("US Treasury Secretary John Snow", "United States")]),
    ("An official from the Pentagon said the strikes would continue.",
     [("An official from the Pentagon", "United States")]),
]


@pytest.mark.parametrize("text, expected", SENTENCES, ids=[s[0][:40] for s in SENTENCES])
def test_speaker_party_in_sentences(text, expected):
    st = _statements(text)
    assert [(r.speaker_mention, r.party) for r in st.itertuples()] == expected


def test_an_actor_keeps_what_its_first_description_said():
    st = _statements("Tory shadow home secretary Dan Ives attacked the plan on Monday.\n"
                     "Mr Ives said the Home Office had lost control. He added that the figures were wrong.")
    assert st.party.isna().all()
    assert all("shadow" in e for e in st.party_evidence)
    assert st.speaker.tolist() == ["Dan Ives", "Dan Ives"]


def test_joint_statements_count_for_each_government():
    st = _statements("The United States and Iraq said in a joint statement that the coalition mission would end.")
    assert st.party.tolist() == ["United States", "Iraq"]
    assert st.joint.nunique() == 1 and st.joint.notna().all()
    assert st.statement_id.is_unique and st.content.nunique() == 1


def test_both_governments_are_the_two_last_named():
    st = _statements("Austin met Sudani in Baghdad on Monday to discuss the coalition.\n"
                     "Both governments said the talks would continue in Washington.")
    assert sorted(st.party.dropna()) == ["Iraq", "United States"]
    assert st.joint.notna().all()


def test_actors_frame_lists_mentions_in_narration_and_speech():
    a = parley.analyze_text("Headline for the test\nChancellor Gordon Brown has urged voters to back the budget.\n"
                            "He said the economy was strong.", parties=PARTIES)
    actors = a.actors
    assert list(actors.columns) == ACTOR_COLUMNS
    brown = actors[actors.name == "Gordon Brown"]
    assert set(brown.form) == {"name", "pronoun"} and brown.actor_id.nunique() == 1
    assert (brown.party == "United Kingdom").all()
    st = a.statements
    assert st.actor_id.isin(actors.actor_id).all()
    text = "Headline for the test\nChancellor Gordon Brown has urged voters to back the budget.\n" \
           "He said the economy was strong."
    assert all(text[r.start:r.end] == r.text for r in actors.itertuples())  # offsets point into the text


def test_a_speaker_of_several_statements_is_one_mention():
    a = parley.analyze_text("Headline for the test\nAustin said the talks were useful and added that a date "
                            "would follow.", parties=PARTIES)
    assert len(a.statements) == 2
    assert (a.actors.start.astype(str) + "-" + a.actors.end.astype(str)).is_unique


def test_the_prime_minister_in_narration_is_an_antecedent():
    st = _statements("Prime Minister Tony Bell met the envoys on Monday.\n"
                     "The prime minister shrugged off claims from opposition leader Ann Marsh that he had lied. "
                     "He said the talks had been useful.")
    assert st.speaker.tolist()[-1] == "Tony Bell"


def test_surnames_of_people_of_different_governments_are_not_merged():
    st = _statements("Iraqi envoy Tom Brown met Russian delegate Tom Brown in Geneva.\n"
                     "Mr Brown said the meeting had gone well.")
    assert st.party_evidence.str.count("ambiguous").max() <= 1


def test_speakers_table_lists_who_speaks_for_whom():
    a = parley.analyze_text("Headline for the test\nUS Defence Secretary Lloyd Austin said the mission would "
                            "change. He added that Iraq was a partner.\nFormer foreign secretary Robert Lane said "
                            "the plan was naive.", parties=PARTIES)
    who = parley.speakers(a.actors, a.statements)
    assert who[["name", "party", "statements"]].values.tolist() == [
        ["Lloyd Austin", "United States", 2], ["Robert Lane", None, 1]]
    assert "former" in who.party_evidence.iloc[1]


def test_actors_frame_is_empty_with_its_columns():
    actors = parley.to_actors(parley.to_sentences(parley.load_articles([])))
    assert list(actors.columns) == ACTOR_COLUMNS and actors.empty
    assert parley.speakers(actors, parley.analyze_text("").statements).empty


RUNS = [
    "The prime minister met Gordon Brown. the foreign secretary, This minister and Athe minister",
    "al-Maliki and bin Laden met Abu-x; 3M Corp, x-The minister, O’Brien’s Office, UN-Secretary",
    "Mr. J. R. Smith of the Department of State said. ‘The spokesman’ (the ministry) the-minister",
    "Thé minister; This  foreign  ministry; ebin-Laden; Xal-Maliki; 9/11 Commission; THE minister",
]


@pytest.mark.parametrize("text", RUNS)
def test_name_and_description_runs_match_as_their_plain_forms(text):
    # the regexes test a first character before their look-behind, for speed; they match exactly as without
    import re

    from parley.extract.actors import actor_lexicon

    lex = actor_lexicon()
    plain_name = re.compile(lex.name_run.pattern.replace("(?=[A-Zaeib0-9])", "", 1))
    plain_definite = re.compile(lex.definite_run.pattern.replace(
        "[Tt](?<![\\w’'-][Tt])h(?:e|is)", "(?<![\\w’'-])(?:[Tt]he|[Tt]his)", 1))
    assert plain_name.pattern != lex.name_run.pattern and plain_definite.pattern != lex.definite_run.pattern
    for fast, plain in ((lex.name_run, plain_name), (lex.definite_run, plain_definite)):
        for start in range(len(text)):
            for end in (len(text), len(text) - 7):
                assert [m.span() for m in fast.finditer(text, start, end)] == \
                       [m.span() for m in plain.finditer(text, start, end)]


#: Two governments of a diplomatic story, written as a careful user would (aliases as they appear in the news).
DIPLO = {
    "Chile": {"aliases": ["Chile", "Chilean", "Santiago", "Chile’s foreign ministry", "Chile's foreign ministry",
                          "Ana Ruiz", "Ruiz", "Tomas Vidal", "Vidal"]},
    "Peru": {"aliases": ["Peru", "Peruvian", "Lima", "Peru's Ministry of Foreign Affairs", "Jorge Salas", "Salas",
                         "Rosa Lin", "Lin"]},
}

# Pattern 5, who speaks for a government: (description, parties, why none where there is none)
WHO_SPEAKS = [
    # an alias written with its possessor is the whole phrase
    ("Chile’s foreign ministry", ("Chile",), None),
    ("Peru's Ministry of Foreign Affairs", ("Peru",), None),
    # a headline's short forms of an office
    ("Chile PM", ("Chile",), None),
    ("Peruvian FM Rosa Lin", ("Peru",), None),
    ("Peru's mission to the UN", ("Peru",), None),
    # militia, rebel and party leaders of a country are not its government
    ("Chilean militia leader Hugo Prat", (), "militia"),
    ("the leader of a Peruvian militia", (), "militia"),
    ("a Peruvian rebel commander", (), "rebels"),
    ("Chilean ruling party leader Eva Soto", (), "party"),
    # media, state media included, report; they do not speak for the state
    ("Peruvian state television", (), "media"),
    ("Chile’s state-run news agency", (), "media"),
    ("the official Peruvian news agency Andes", (), "media"),
    ("Chilean media", (), "media"),
    ("Peru's Xinhua correspondent", (), "media"),
    # numbers are not a speaker; people called "figures" are
    ("Peruvian customs figures", (), "data"),
    ("official Chilean trade data", (), "data"),
    ("senior Chilean government figures", ("Chile",), None),
    # others named by their tie to a government do not speak for it
    ("Peru's neighbours", (), None),
    ("Chile’s Bolivian ally", (), None),
    # the state's own forces and agencies do speak for it
    ("the Peruvian army", ("Peru",), None),
    ("Chile’s customs agency", ("Chile",), None),
]


@pytest.mark.parametrize("text, parties, blocked", WHO_SPEAKS, ids=[w[0] for w in WHO_SPEAKS])
def test_who_speaks_for_a_government(text, parties, blocked):
    desc = Describer(DIPLO)(text)
    assert (desc.parties, desc.blocked) == (parties, blocked)
    if blocked:
        assert desc.evidence.startswith(f"{blocked}: ")
