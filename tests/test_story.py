"""Tests for parley.story: a story's own framing families and condition categories, on a second story."""
import shutil

import pytest

import parley
from parley.measures.phrasing import phrasing_terms
from parley.core.setup import Setup
from parley.core.story import DEFAULTS, Story, load_story, resolve_story

from frames import ROOT, one, seed_statements

STORY = ROOT / "tests" / "fixtures" / "story_japan_korea"
PARTIES = STORY / "parties.toml"
FAMILIES = {"export controls / security", "retaliation / pressure", "dialogue / normalisation"}
CATEGORIES = {"reciprocity", "trade compliance", "court rulings"}


@pytest.fixture(scope="module")
def story_analysis():
    return parley.analyze(STORY / "articles", parties=PARTIES, cache=False)


def test_load_story_reads_both_sections():
    story = load_story(PARTIES)
    assert set(story.families()) == FAMILIES and set(story.categories()) == CATEGORIES
    assert story.framing_source == story.conditions_source == str(PARTIES)
    assert ("Seoul", "reciprocity", False) in story.conditions
    assert str(PARTIES) in str(story)


def test_defaults_without_sections():
    story = load_story(ROOT / "data" / "parties.toml")
    assert story == Story() and story.framing_source == story.conditions_source == DEFAULTS
    assert "defaults" in str(story)
    assert resolve_story(None) == Story()


def test_families_and_categories_come_from_the_story(story_analysis):
    assert story_analysis.story == load_story(PARTIES)
    conditions = story_analysis.conditions
    assert len(conditions) == 4 and set(conditions["category"]) <= CATEGORIES | {"other"}
    by_condition = dict(zip(conditions["condition"], conditions["category"]))
    assert by_condition["the other side reciprocates with tighter inspections"] == "reciprocity"
    assert by_condition["Seoul strengthens its export management"] == "reciprocity"
    terms = phrasing_terms(story_analysis.statements, story=story_analysis.story)
    framing = terms[terms["kind"] == "framing"]
    assert set(framing["family"]) == FAMILIES
    by_party = framing.groupby("party")["family"].agg(set).to_dict()
    assert by_party == {"Japan": {"export controls / security"},
                        "South Korea": {"retaliation / pressure", "dialogue / normalisation"}}
    # the parties file given as the story works as well as the loaded Story
    assert phrasing_terms(story_analysis.statements, story=PARTIES).equals(terms)
    phrased = parley.add_phrasing(story_analysis.statements, story=story_analysis.story)
    assert set(phrased["framing"].dropna()) <= FAMILIES


def test_default_categories_without_the_story(story_analysis):
    found = parley.to_conditions(story_analysis.statements)
    by_condition = dict(zip(found["condition"], found["category"]))
    # the defaults know no party names: "Seoul" is no reciprocity keyword there, "export" an economic one
    assert by_condition["Seoul strengthens its export management"] == "economic or financial"
    assert by_condition["Tokyo lifts the controls"] == "other"
    assert not set(found["category"]) & {"trade compliance", "court rulings"}


@pytest.mark.parametrize("content", [
    "The review will be finished by the end of the year.",
    "Seoul would take countermeasures unless Tokyo acts by the end of the year.",
    "The talks will end next week, and a timeline will follow.",
])
def test_end_of_the_year_is_no_withdrawal_by_default(content):
    terms = phrasing_terms(one(content))
    assert "withdrawal / reduction" not in set(terms.loc[terms["kind"] == "framing", "family"])


@pytest.mark.parametrize("content, term", [
    ("The coalition will end its mission in Iraq.", "end its mission"),
    ("We agreed on the end of the coalition's military mission.", "end of the coalition's military mission"),
])
def test_end_of_a_mission_is_withdrawal_by_default(content, term):
    terms = phrasing_terms(one(content))
    framing = terms[terms["kind"] == "framing"]
    assert list(zip(framing["term"], framing["family"])) == [(term, "withdrawal / reduction")]


def test_seed_unchanged_by_a_default_story():
    assert phrasing_terms(seed_statements(), story=Story()).equals(phrasing_terms(seed_statements()))
    assert parley.to_conditions(seed_statements(), story=Story()).equals(parley.to_conditions(seed_statements()))


def test_cache_key_changes_with_the_families(tmp_path):
    copy = tmp_path / "parties.toml"
    shutil.copy(PARTIES, copy)
    table = parley.load_parties(copy)
    before = Setup(table, load_story(copy)).key
    copy.write_text(PARTIES.read_text(encoding="utf-8").replace('"unjust"]', '"unjust", "coercion"]'),
                    encoding="utf-8")
    assert parley.load_parties(copy) == table  # the parties are the same, only the families changed
    assert Setup(table, load_story(copy)).key != before
    assert Setup(table, Story()).key != before


def test_cached_analysis_uses_the_story(tmp_path, monkeypatch):
    monkeypatch.setattr(parley.config, "CACHE", tmp_path / "cache")
    first = parley.analyze(STORY / "articles", parties=PARTIES)
    again = parley.analyze(STORY / "articles", parties=PARTIES)
    assert again.cached == 2 and again.story == first.story
    assert again.conditions["category"].tolist() == first.conditions["category"].tolist()
    plain = parley.analyze(STORY / "articles", parties=parley.load_parties(PARTIES))
    assert plain.cached == 0 and plain.story == Story()


def test_sections_may_name_csv_files(tmp_path):
    (tmp_path / "families.csv").write_text("term,family\nexport controls,controls\n", encoding="utf-8")
    (tmp_path / "categories.csv").write_text("term,category,case_sensitive\nWTO,trade law,yes\n", encoding="utf-8")
    parties = tmp_path / "parties.toml"
    parties.write_text('framing = "families.csv"\nconditions = "categories.csv"\n\n'
                       '[parties."Japan"]\naliases = ["Japan"]\n', encoding="utf-8")
    story = load_story(parties)
    assert story.framing == (("export controls", "controls"),)
    assert story.conditions == (("WTO", "trade law", True),)
    assert story.framing_source == str(tmp_path / "families.csv")
    terms = phrasing_terms(one("Japan will keep its export controls."), story=story)
    assert terms.loc[terms["kind"] == "framing", "family"].tolist() == ["controls"]


@pytest.mark.parametrize("text", [
    '[framing]\n"a" = "not a list"\n',
    '[conditions]\n"a" = []\n',
    'framing = "missing.csv"\n',
])
def test_malformed_sections_say_where(tmp_path, text):
    parties = tmp_path / "parties.toml"
    parties.write_text(text + '[parties."Japan"]\naliases = ["Japan"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="parties.toml|missing.csv"):
        load_story(parties)


def test_charts_draw_the_story_families_and_categories(story_analysis):
    import matplotlib
    matplotlib.use("Agg")
    from parley import plots, summaries

    terms = phrasing_terms(story_analysis.statements, story=story_analysis.story)
    framing = plots.plot_framing(summaries.framing(terms))
    assert {t.get_text() for t in framing.get_yticklabels()} == FAMILIES
    categories = plots.plot_condition_categories(summaries.condition_categories(story_analysis.conditions))
    assert {t.get_text() for t in categories.get_yticklabels()} <= CATEGORIES | {"other"}
    assert {t.get_text() for t in categories.get_yticklabels()} & CATEGORIES
