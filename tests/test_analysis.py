"""Tests for parley.analysis: the cached pipeline over files, and analyze_text."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from parley import analysis, analyze, analyze_text, articles, config, load_parties
from parley.articles import ARTICLE_COLUMNS, REPORT_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "articles" / "000_ed59ce91eebbf266.txt"
PARTIES = ROOT / "data" / "parties.toml"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"
FRAMES = ("articles", "sentences", "statements", "actors", "conditions", "load_report")

pytestmark = pytest.mark.filterwarnings("ignore:.*inputs skipped:UserWarning")


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch) -> Path:
    """Point the cache at a fresh folder (config reads PARLEY_CACHE at import, so patch both)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("PARLEY_CACHE", str(folder))
    monkeypatch.setattr(config, "CACHE", folder)
    return folder


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A folder with the seed (and its sidecar) and three fixture files (five articles)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for path in [SEED, SEED.with_name(SEED.stem + ".meta.toml")]:
        shutil.copy(path, folder)
    for name in ("plain.txt", "page.html", "records.jsonl"):
        shutil.copy(FIXTURES / name, folder)
    return folder


def _assert_same(first, second) -> None:
    for name in FRAMES:
        pd.testing.assert_frame_equal(getattr(first, name), getattr(second, name), obj=name)


def test_second_run_reads_everything_from_the_cache(corpus, cache_dir):
    first = analyze(corpus, parties=PARTIES)
    assert (len(first.articles), first.cached) == (5, 0)
    assert list(first.articles.columns) == ARTICLE_COLUMNS
    assert list(first.load_report.columns) == REPORT_COLUMNS
    assert sorted(p.name for p in cache_dir.rglob("*.parquet")) == [
        "actors.parquet", "conditions.parquet", "done.parquet", "files.parquet",
        "sentences.parquet", "statements.parquet"]
    second = analyze(corpus, parties=PARTIES)
    assert second.cached == len(second.articles) == 5
    _assert_same(first, second)


def test_cached_frames_equal_uncached_ones(corpus):
    analyze(corpus, parties=PARTIES)
    cached = analyze(corpus, parties=PARTIES)
    fresh = analyze(corpus, parties=PARTIES, cache=False)
    assert fresh.cached == 0
    for name in ("sentences", "statements", "actors", "conditions"):
        got, want = getattr(cached, name), getattr(fresh, name)
        assert len(got) == len(want)
        assert got.astype(str).values.tolist() == want.astype(str).values.tolist(), name


def test_changed_file_is_reanalysed(corpus):
    analyze(corpus, parties=PARTIES)
    path = corpus / "plain.txt"
    path.write_text(path.read_text(encoding="utf-8") + "A new invented fixture sentence was added.\n",
                    encoding="utf-8")
    second = analyze(corpus, parties=PARTIES)
    assert (len(second.articles), second.cached) == (5, 4)
    assert "A new invented fixture sentence was added." in second.sentences["text"].tolist()
    assert second.sentences["sentence_id"].is_unique
    third = analyze(corpus, parties=PARTIES)
    assert third.cached == 5
    _assert_same(second, third)


def test_added_and_removed_files(corpus):
    analyze(corpus, parties=PARTIES)
    (corpus / "plain.txt").unlink()
    fewer = analyze(corpus, parties=PARTIES)
    assert (len(fewer.articles), fewer.cached) == (4, 4)
    assert set(fewer.sentences["article_id"]) <= set(fewer.articles["article_id"])
    shutil.copy(FIXTURES / "one.json", corpus)
    more = analyze(corpus, parties=PARTIES)
    assert (len(more.articles), more.cached) == (5, 4)


def test_changed_parties_use_another_cache_key(corpus):
    parties = load_parties(PARTIES)
    first = analyze(corpus, parties=parties)
    other = {**parties, "Freedonia": {**next(iter(parties.values())), "aliases": ["Freedonia", "Freedonian"]}}
    assert analysis._parties_key(other) != analysis._parties_key(parties)
    changed = analyze(corpus, parties=other)
    assert changed.cached == 0
    assert changed.parties == analysis.resolve_parties(other)
    again = analyze(corpus, parties=parties)  # the first parties' results are still cached
    assert again.cached == 5
    _assert_same(first, again)


def test_edited_lexicon_invalidates_the_cache(corpus, lexicons):
    analyze(corpus, parties=PARTIES)
    assert analyze(corpus, parties=PARTIES).cached == 5
    extra = lexicons / "zz_fixture.csv"
    extra.write_text("word\nfixture\n", encoding="utf-8")
    assert analyze(corpus, parties=PARTIES).cached == 0


@pytest.mark.parametrize("name", ["done", "sentences", "statements", "conditions", "files"])
def test_corrupt_cache_file_is_recomputed(corpus, cache_dir, name):
    first = analyze(corpus, parties=PARTIES)
    (target,) = cache_dir.rglob(f"{name}.parquet")
    target.write_bytes(b"PAR1 not really parquet")
    second = analyze(corpus, parties=PARTIES)
    assert second.cached == (5 if name == "files" else 0)
    _assert_same(first, second)
    assert analyze(corpus, parties=PARTIES).cached == 5  # and the cache is healed


def test_cache_file_with_wrong_columns_is_recomputed(corpus, cache_dir):
    first = analyze(corpus, parties=PARTIES)
    (target,) = cache_dir.rglob("sentences.parquet")
    pd.DataFrame({"x": [1]}).to_parquet(target)
    second = analyze(corpus, parties=PARTIES)
    assert second.cached == 0
    _assert_same(first, second)


def test_unwritable_cache_is_not_fatal(corpus, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setattr(config, "CACHE", blocker / "cache")
    first = analyze(corpus, parties=PARTIES)
    second = analyze(corpus, parties=PARTIES)
    assert (first.cached, second.cached) == (0, 0)
    _assert_same(first, second)


def test_unstorable_frame_is_returned_but_not_marked_done(corpus, monkeypatch):
    analyze(corpus, parties=PARTIES)
    path = corpus / "plain.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("March", "April"), encoding="utf-8")
    real = analysis.analyse_articles

    def odd(*args, **kwargs):  # a column Parquet cannot store (ints mixed with dicts)
        out, actors = real(*args, **kwargs)
        return out.assign(extra=[{"n": n} if n % 2 else n for n in range(len(out))]), actors

    monkeypatch.setattr(analysis, "analyse_articles", odd)
    unstored = analyze(corpus, parties=PARTIES)
    assert unstored.cached == 4 and "extra" in unstored.statements.columns
    monkeypatch.setattr(analysis, "analyse_articles", real)
    again = analyze(corpus, parties=PARTIES)
    assert again.cached == 4  # the edited article is analysed again: its statements never reached the cache
    fresh = analyze(corpus, parties=PARTIES, cache=False)
    assert again.statements["content"].tolist() == fresh.statements["content"].tolist()


def test_cache_false_writes_nothing(corpus, cache_dir):
    result = analyze(corpus, parties=PARTIES, cache=False)
    assert len(result.articles) == 5
    assert not cache_dir.exists()


def test_unchanged_html_is_not_extracted_again(corpus, monkeypatch):
    first = analyze(corpus, parties=PARTIES)

    def fail(text):
        raise AssertionError("HTML extracted again although the file did not change")

    monkeypatch.setitem(articles._PARSERS, "html", fail)
    second = analyze(corpus, parties=PARTIES)
    assert second.cached == 5
    _assert_same(first, second)


def test_edited_sidecar_reloads_metadata(corpus):
    analyze(corpus, parties=PARTIES)
    side = corpus / (SEED.stem + ".meta.toml")
    side.write_text(side.read_text(encoding="utf-8").replace("South China Morning Post", "Fixture Outlet"),
                    encoding="utf-8")
    second = analyze(corpus, parties=PARTIES)
    assert "Fixture Outlet" in second.articles["source"].tolist()
    assert second.cached == 5  # the text is unchanged, so its frames are still valid


def test_article_without_sentences_counts_as_cached(tmp_path):
    folder = tmp_path / "a"
    folder.mkdir()
    (folder / "pictures.md").write_text("![loading](a.gif)\n![](b.jpg)\n", encoding="utf-8")
    first = analyze(folder, parties=PARTIES)
    assert (len(first.articles), len(first.sentences), first.cached) == (1, 0, 0)
    assert analyze(folder, parties=PARTIES).cached == 1


def test_empty_folder_gives_empty_frames_with_columns(tmp_path):
    (tmp_path / "empty").mkdir()
    result = analyze(tmp_path / "empty", parties=PARTIES)
    assert result.articles.empty and result.sentences.empty and result.statements.empty
    assert {"start", "end", "text"} <= set(result.sentences.columns)
    assert {"speaker", "content_start", "party"} <= set(result.statements.columns)
    assert result.load_report["reason"].iloc[0].startswith("no article files in folder")


def test_bad_files_are_reported_not_fatal(corpus):
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "broken.json").write_text("{", encoding="utf-8")
    result = analyze(corpus, parties=PARTIES)
    assert len(result.articles) == 5
    report = result.load_report.set_index("path")
    assert report.loc[str(corpus / "empty.txt"), "reason"] == "empty file"
    assert report.loc[str(corpus / "broken.json"), "reason"].startswith("malformed JSON")


def test_analyze_text_offsets_point_into_the_text():
    text = SEED.read_text(encoding="utf-8")
    result = analyze_text(text, parties=PARTIES)
    assert all(text[s:e] == t for s, e, t in zip(result.sentences["start"], result.sentences["end"],
                                                  result.sentences["text"]))
    assert result.articles["article_id"].tolist() == ["2bce4d96f1cb4943"]


def test_analyze_text_rejects_bytes():
    with pytest.raises(TypeError, match="text must be str"):
        analyze_text(b"Fixture headline\nInvented.")


@pytest.mark.parametrize("run", ["fresh", "cached"])
def test_files_and_raw_text_give_the_same_frames(tmp_path, run):
    """analyze() (fresh or from the cache) and analyze_text() agree on values, dtypes and None for missing."""
    second = ROOT / "tests" / "fixtures" / "report_second_article.txt"
    first = analyze([SEED, second], parties=PARTIES)
    if run == "cached":
        first = analyze([SEED, second], parties=PARTIES)
        assert first.cached == 2
    for path in (SEED, second):
        raw = analyze_text(path.read_text(encoding="utf-8"), parties=PARTIES)
        aid = raw.articles.article_id.iloc[0]
        for name in ("sentences", "statements", "actors", "conditions"):
            mine = getattr(first, name)
            mine = mine[mine.article_id == aid].reset_index(drop=True)
            pd.testing.assert_frame_equal(mine, getattr(raw, name), obj=name)
    statements = first.statements
    assert statements.party.map(type).isin([str, type(None)]).all()  # None, never NaN
    assert (statements.party.isna() == statements.party.map(lambda p: p is None)).all()


def test_a_lexicon_edited_in_a_running_session_changes_the_results(lexicons):
    """The cache key and the word lists change together: no stale results under a new key."""
    before = analyze(SEED, parties=PARTIES)
    assert "confirmed" in set(before.statements.cue)
    verbs = lexicons / "reporting_verbs.csv"
    kept = [line for line in verbs.read_text(encoding="utf-8").splitlines(keepends=True)
            if not line.startswith("confirmed,")]
    verbs.write_text("".join(kept), encoding="utf-8")
    after = analyze(SEED, parties=PARTIES)
    assert after.cached == 0
    assert "confirmed" not in set(after.statements.cue)
    assert len(after.statements) < len(before.statements)
