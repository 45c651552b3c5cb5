"""Names learnt from the corpus: a minister described with his country in one article keeps it in another."""
from pathlib import Path

import pandas as pd
import pytest

import parley
from parley.rollup.registry import add_learnt_names, learn_actors, learnt_names

FIXTURE = Path(__file__).parent / "fixtures" / "registry"
# Country names only: nobody is named, so every person's government comes from the articles.
PARTIES = {"parties": {"Iraq": {"aliases": ["Iraq", "Iraqi", "Baghdad"]},
                       "United States": {"aliases": ["US", "U.S.", "United States", "American", "Washington"]}}}


@pytest.fixture(scope="module")
def analysis():
    return parley.analyze(FIXTURE, parties=PARTIES, cache=False, workers=1)


def _by_file(analysis):
    files = analysis.articles.set_index("article_id")["path"].map(lambda p: Path(p).stem)
    return {files[r.article_id]: (r.speaker, r.party, r.party_evidence) for r in analysis.statements.itertuples()}


@pytest.mark.parametrize(("article", "speaker", "party", "evidence"), [
    ("01_talks", "Karim Haddad", "Iraq", "alias 'Iraqi'"),  # described with his country here
    ("02_timetable", "Karim Haddad", "Iraq",
     "learnt: described as 'Iraqi Foreign Minister Karim Haddad' in 'Talks to resume next week', 2024-03-04"),
    ("03_committee", "Haddad", "Iraq", "learnt: described as 'Iraqi Foreign Minister Karim Haddad'"),  # surname only
    ("04_former", "Karim Haddad", None, "former:"),          # a later "former" ends it ...
    ("05_interview", "Karim Haddad", None, "no alias"),      # ... for every article after it
    ("06_adviser", "Layla Mansour", "Iraq", "alias 'Iraqi'"),
    ("07_adviser", "Layla Mansour", "United States", "alias 'American'"),
    ("08_adviser", "Layla Mansour", None, "no alias"),       # described with two governments: not guessed
])
def test_a_person_described_in_one_article_keeps_that_government_in_others(analysis, article, speaker, party,
                                                                             evidence):
    got = _by_file(analysis)[article]
    assert got[0] == speaker
    assert (got[1] if isinstance(got[1], str) else None) == party
    assert got[2].startswith(evidence)


def test_a_learnt_government_is_marked_uncertain(analysis):
    learnt = analysis.statements[analysis.statements["party_evidence"].str.startswith("learnt", na=False)]
    assert len(learnt) == 2
    assert learnt["uncertain"].str.contains("U13 the government was learnt from another article").all()


def test_the_registry_lists_descriptions_formers_and_conflicts(analysis):
    registry = analysis.registry.set_index(["name", "status"])
    assert registry.loc[("Karim Haddad", "described"), "used"] == 2
    assert registry.loc[("Karim Haddad", "former"), "published"] == "2024-11-20"
    assert registry.loc[("Layla Mansour", "conflict"), "evidence"] == \
        "described with Iraq and United States: decides nothing"


def test_learnt_parties_reach_the_conditions_and_the_actors(tmp_path):
    (tmp_path / "a.txt").write_text("Talks\n\nIraqi Defence Minister Omar Saleh said on Monday that the "
                                    "advisers would stay.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Plan\n\nOmar Saleh said the advisers would leave if the threat "
                                    "receded.\n", encoding="utf-8")
    a = parley.analyze(tmp_path, parties=PARTIES, cache=False, workers=1)
    later = a.articles.loc[a.articles["path"].str.endswith("b.txt"), "article_id"].iloc[0]
    assert list(a.conditions.loc[a.conditions["article_id"] == later, "party"]) == ["Iraq"]
    saleh = a.actors[(a.actors["article_id"] == later) & (a.actors["name"] == "Omar Saleh")]
    assert len(saleh) and set(saleh["party"]) == {"Iraq"}


@pytest.mark.parametrize(("mention", "name", "party", "evidence", "learnt"), [
    ("Iraqi Foreign Minister Karim Haddad", "Karim Haddad", "Iraq", "alias 'Iraqi'", True),
    ("Karim Haddad", "Karim Haddad", "Iraq", "alias 'Karim Haddad'", False),  # the parties file names him
    ("Former minister Karim Haddad", "Karim Haddad", None, "former: 'Former minister Karim Haddad' gives no party",
     True),
    ("Opposition leader Karim Haddad", "Karim Haddad", None, "opposition: ...", False),
    ("Haddad", "Haddad", "Iraq", "alias 'Iraqi'", False),  # a surname alone is no name to learn
])
def test_learn_actors_keeps_descriptions_that_name_a_government(mention, name, party, evidence, learnt):
    actors = pd.DataFrame([{"article_id": "x", "actor_id": "x:a0", "kind": "person", "name": name, "text": mention,
                            "party": party, "party_evidence": evidence}])
    articles = pd.DataFrame({"article_id": ["x"], "published": ["2024-01-01"], "title": ["T"]})
    assert len(learn_actors(actors, articles)) == int(learnt)


def test_learnt_names_leave_out_formers_conflicts_and_rejected(analysis):
    # Karim Haddad was later called former, Layla Mansour was described with both governments
    assert learnt_names(analysis.registry) == {}
    registry = analysis.registry[analysis.registry["name"] != "Karim Haddad"]
    registry = pd.concat([registry, pd.DataFrame([
        {"name": "Omar Saleh", "party": "Iraq", "status": "described", "mention": "Iraqi Defence Minister Omar Saleh"},
        {"name": "Ruth Kane", "party": "United States", "status": "described", "mention": "US envoy Ruth Kane"}])])
    assert learnt_names(registry) == {"Iraq": ["Omar Saleh"], "United States": ["Ruth Kane"]}
    assert learnt_names(registry, reject=["ruth kane"]) == {"Iraq": ["Omar Saleh"]}


@pytest.mark.parametrize(("text", "expected"), [
    ('[parties."Iraq"]\naliases = ["Iraq", "Iraqi"]\n\n[parties."United States"]\naliases = ["US"]\n',
     '[parties."Iraq"]\naliases = ["Iraq", "Iraqi", "Omar Saleh"]\n\n[parties."United States"]\naliases = ["US"]\n'),
    ('[parties."Iraq"]\naliases = [\n  "Iraq", "Iraqi",  # names\n  "Baghdad"  # the capital\n]\n',
     '[parties."Iraq"]\naliases = [\n  "Iraq", "Iraqi",  # names\n  "Baghdad",  # the capital\n'
     '  # learnt from the articles\n  "Omar Saleh",\n]\n'),
    ('[parties.Iraq]\ncolor = "#c0392b"\naliases = [\n  "Iraq",\n]\n',
     '[parties.Iraq]\ncolor = "#c0392b"\naliases = [\n  "Iraq",\n  # learnt from the articles\n  "Omar Saleh",\n]\n'),
])
def test_add_learnt_names_edits_the_aliases_and_keeps_the_comments(tmp_path, text, expected):
    path = tmp_path / "parties.toml"
    path.write_text(text, encoding="utf-8")
    registry = pd.DataFrame([{"name": "Omar Saleh", "party": "Iraq", "status": "described"},
                             {"name": "Iraq", "party": "Iraq", "status": "described"}])  # already an alias
    assert add_learnt_names(path, registry) == {"Iraq": ["Omar Saleh"]}
    assert path.read_text(encoding="utf-8") == expected
    assert "Omar Saleh" in parley.load_parties(path)["Iraq"]["aliases"]
