"""Tests for parley.core.setup: the parties file read once into the setup every stage receives."""
from __future__ import annotations

import builtins
import io
import os
import pickle
import tomllib
from pathlib import Path

import pytest

import parley
from parley import load_parties, load_story
from parley.core.setup import Setup, load_setup, resolve_setup
from parley.core.story import Story

ROOT = Path(__file__).resolve().parents[1]
PARTIES = ROOT / "data" / "parties.toml"
STORY = ROOT / "tests" / "fixtures" / "story_japan_korea"


def _document(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


# The keys the cache was written under before the setup object: they must not change, or every cache is redone.
@pytest.mark.parametrize("parties, key", [
    (PARTIES, "parties-f74518772edd"),
    (STORY / "parties.toml", "parties-05e2a02a7324"),
    (ROOT / "tests" / "fixtures" / "story_twenty" / "parties.toml", "parties-f9c53de317e3"),
    (ROOT / "tests" / "fixtures" / "review_story" / "parties.toml", "parties-7e0e0959c693"),
    (_document(STORY / "parties.toml"), "parties-05e2a02a7324"),  # the parsed file: its story too
    (load_parties(STORY / "parties.toml"), "parties-29964eed80fe"),  # a bare table: the default story
    (None, "parties-ef358c5eda61"),
], ids=["seed", "story file", "twenty", "review", "story document", "bare table", "none"])
def test_the_cache_key_is_the_one_caches_were_written_under(parties, key):
    assert resolve_setup(parties).key == key


@pytest.mark.parametrize("parties, named, families", [
    (PARTIES, {"United States", "Iraq"}, []),
    (STORY / "parties.toml", {"Japan", "South Korea"}, ["export controls / security", "retaliation / pressure",
                                                       "dialogue / normalisation"]),
    (str(STORY / "parties.toml"), {"Japan", "South Korea"}, ["export controls / security", "retaliation / pressure",
                                                            "dialogue / normalisation"]),
    (load_parties(STORY / "parties.toml"), {"Japan", "South Korea"}, []),
    ({}, set(), []),
    (None, set(), []),
], ids=["path", "story path", "str", "bare table", "empty", "none"])
def test_every_kind_of_parties_argument_gives_a_setup(parties, named, families):
    setup = resolve_setup(parties)
    assert set(setup.parties) == named and setup.story.families() == families
    assert resolve_setup(setup) is setup  # a setup passes through the stages as it is


def test_the_setup_holds_what_the_separate_loaders_read():
    setup = load_setup(STORY / "parties.toml")
    assert setup == Setup(load_parties(STORY / "parties.toml"), load_story(STORY / "parties.toml"))
    assert setup.parties["Japan"]["aliases"][:2] == ["Japan", "Japanese"]
    assert resolve_setup(PARTIES).story == Story()


def test_the_setup_is_immutable_and_pickles():
    setup = load_setup(STORY / "parties.toml")
    with pytest.raises(AttributeError):
        setup.story = Story()  # type: ignore[misc]
    again = pickle.loads(pickle.dumps(setup))
    assert again == setup and again.key == setup.key and again.story.categories() == setup.story.categories()


@pytest.mark.parametrize("parties", [42, ["United States"]])
def test_anything_else_is_refused(parties):
    with pytest.raises(TypeError, match="parties must be"):
        resolve_setup(parties)


def test_a_malformed_section_names_the_file(tmp_path):
    parties = tmp_path / "parties.toml"
    parties.write_text('[framing]\n"a" = "not a list"\n[parties."Japan"]\naliases = ["Japan"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="parties.toml"):
        load_setup(parties)


@pytest.fixture
def opened(monkeypatch) -> list[Path]:
    """Record every file opened from now on (pathlib opens through io.open, csv and tomllib readers through open)."""
    seen: list[Path] = []
    real = io.open

    def counting(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)):
            seen.append(Path(file).resolve())
        return real(file, *args, **kwargs)

    monkeypatch.setattr(io, "open", counting)
    monkeypatch.setattr(builtins, "open", counting)
    return seen


def test_analyze_reads_the_parties_file_once(opened, cache_dir):
    parties = (STORY / "parties.toml").resolve()
    first = parley.analyze(STORY / "articles", parties=parties, workers=1)
    assert opened.count(parties) == 1
    again = parley.analyze(STORY / "articles", parties=parties, workers=1)  # from the cache, read once again
    assert again.cached == 2 and opened.count(parties) == 2
    assert first.story.families() and again.story == first.story


def test_analyze_text_reads_the_parties_file_once(opened):
    parties = (STORY / "parties.toml").resolve()
    parley.analyze_text("Japan will keep its export controls, the trade ministry said.", parties=parties)
    assert opened.count(parties) == 1


def test_checking_a_report_run_reads_the_parties_file_once(opened, cache_dir):
    from parley.run.inputs import check_inputs

    parties = (STORY / "parties.toml").resolve()
    inputs = check_inputs(STORY / "articles", parties)
    assert opened.count(parties) == 1  # the check and the analysis share one Setup
    assert inputs.analysis.story.families()
