"""Tests for parley.parties: which government a speaker mention belongs to, and the parties file."""
import pytest

from parley import config
from parley.core.parties import NO_PARTY, PALETTE, load_parties, match_party, party_colors

PARTIES = load_parties(config.PARTIES)


#: (mention, party) with the project's parties file; None: no party.
MENTIONS = [
    ("Iraq's foreign ministry", "Iraq"),
    ("Iraq’s foreign ministry", "Iraq"),
    ("IRAQ", "Iraq"),                       # aliases match whatever the case ...
    ("the pentagon", "United States"),
    ("US Defence Secretary Lloyd Austin", "United States"),
    ("U.S. officials", "United States"),
    ("us", None),                           # ... except short all-caps ones: "us" is not the United States
    ("Us", None),
    ("usa", None),
    ("militias in Iraq", None),             # a place the speaker is in, not who they are
    ("a commander based in Baghdad", None),
    ("Washington Post", None),              # excluded: a name that contains an alias
    ("the Washington Post's editor", None),
    ("Washington", "United States"),
    ("Kataib Hezbollah", None),
]


@pytest.mark.parametrize("mention, party", MENTIONS)
def test_match_party(mention, party):
    found, evidence = match_party(mention, PARTIES)
    assert found == party
    assert evidence.startswith("alias ") if party else evidence == ""


@pytest.mark.parametrize("mention, aliases, party", [
    ("The Foreign Ministry", ["foreign ministry"], "X"),
    ("the FOREIGN MINISTRY's statement", ["Foreign Ministry"], "X"),
    ("IS fighters", ["IS"], "X"),
    ("this is us", ["IS"], None),
    ("the UK government", ["UK"], "X"),
    ("uk", ["UK"], None),
    ("the NATO mission", ["Nato"], "X"),    # four letters: case-insensitive
])
def test_case_rule(mention, aliases, party):
    assert match_party(mention, {"X": {"aliases": aliases}})[0] == party


def test_aliases_of_two_parties_are_ambiguous():
    party, evidence = match_party("US and Iraqi officials", PARTIES)
    assert party is None
    assert evidence.startswith("ambiguous") and "United States" in evidence and "Iraq" in evidence


@pytest.mark.parametrize("mention", [None, float("nan"), ""])
def test_missing_mention_has_no_party(mention):
    assert match_party(mention, PARTIES) == (None, "")


@pytest.mark.parametrize("text, message", [
    ('[other]\nx = 1\n', "no [parties"),
    ('[parties."Iraq"]\ncolor = "#c0392b"\n', "'Iraq' needs a non-empty list of aliases"),
    ('[parties."Iraq"]\naliases = []\n', "'Iraq' needs a non-empty list of aliases"),
    ('[parties."Iraq"\naliases = ["Iraq"]\n', "not valid TOML"),
])
def test_load_parties_errors_name_the_file(tmp_path, text, message):
    path = tmp_path / "broken-parties.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="broken-parties.toml") as error:
        load_parties(path)
    assert message in str(error.value)


def test_colours_from_the_file_else_the_palette():
    colors = party_colors({"A": {"aliases": ["A"], "color": "#123456"}, "B": {"aliases": ["B"]},
                           "C": {"aliases": ["C"]}})
    assert colors == {"A": "#123456", "B": PALETTE[1], "C": PALETTE[2]}
    assert party_colors(config.PARTIES) == {"United States": "#1f5fa6", "Iraq": "#c0392b"}


def test_one_definition_of_the_palette_and_the_no_party_label():
    from parley import plots
    from parley.measures import sentiment

    assert plots.PALETTE is PALETTE and plots.NO_PARTY is NO_PARTY and sentiment.NO_PARTY is NO_PARTY


@pytest.mark.parametrize("mention", [m for m, _ in MENTIONS] + ["US Treasury Secretary and Iraq’s PM", "", " "])
def test_matches_with_compiled_patterns_are_alias_matches(mention):
    # a Describer compiles the table once (alias_patterns) and reads every description with it
    from parley.core.parties import alias_matches, alias_patterns, matches_of

    expected = alias_matches(mention, PARTIES)
    assert (matches_of(mention, alias_patterns(PARTIES)) if mention else []) == expected



@pytest.mark.parametrize("mention", ["thus the business of the house", "the us envoy", "US envoy", "the ſtate US",
                                     "Washington Post reporters", "a Washington Post-ABC poll in Washington",
                                     "Iraq’s PM", "IRAQI officials", "the Iraqis' minister", "Kelvin K officials"])
def test_substring_test_before_the_patterns_changes_no_match(mention):
    # matches_of runs a pattern only where one of its phrases may occur: the same hits as running them all
    from parley.core.parties import alias_patterns, matches_of

    (excluded, _), compiled = patterns = alias_patterns(PARTIES)
    every_pattern = ((excluded, None), [(name, pattern, None) for name, pattern, _ in compiled])
    assert matches_of(mention, patterns) == matches_of(mention, every_pattern)
