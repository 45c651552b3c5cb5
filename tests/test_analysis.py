"""Tests for parley.analysis: the cached pipeline over files, and analyze_text."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from parley import analysis, analyze, analyze_text, config, load_parties
from parley.corpus import articles
from parley.run import batch, cache, schemas
from parley import add_phrasing, add_sentiment, add_tone
from parley.corpus.articles import ARTICLE_COLUMNS, REPORT_COLUMNS
from parley.measures.phrasing import TERM_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "articles" / "000_ed59ce91eebbf266.txt"
PARTIES = ROOT / "data" / "parties.toml"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"
FRAMES = ("articles", "sentences", "statements", "actors", "conditions", "terms", "load_report")

pytestmark = pytest.mark.filterwarnings("ignore:.*inputs skipped:UserWarning")


@pytest.fixture(autouse=True)
def _fresh_cache(cache_dir):  # every test here writes a cache of its own
    return cache_dir


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


def _parts(cache_dir: Path, frame: str) -> list[Path]:
    return sorted(cache_dir.glob(f"*/parties-*/{frame}/part-*.parquet"))


def test_second_run_reads_everything_from_the_cache(corpus, cache_dir):
    first = analyze(corpus, parties=PARTIES)
    assert (len(first.articles), first.cached) == (5, 0)
    assert list(first.articles.columns) == ARTICLE_COLUMNS
    assert list(first.load_report.columns) == REPORT_COLUMNS
    assert {"framing", "hedges", "commitment", "polarity", "vader", "tone_score", "tone"} <= set(first.statements.columns)
    assert set(first.terms["statement_id"]) <= set(first.statements["statement_id"])
    (code,) = [p for p in cache_dir.iterdir() if p.is_dir()]
    (parties,) = code.glob("parties-*")
    assert sorted(p.name for p in parties.iterdir() if p.is_dir()) == sorted([*analysis.FRAMES, "done"])
    assert len(list((code / "files").glob("part-*.parquet"))) == 1
    second = analyze(corpus, parties=PARTIES)
    assert second.cached == len(second.articles) == 5
    _assert_same(first, second)


def test_adding_an_article_writes_one_new_part_and_rewrites_nothing(corpus, cache_dir):
    analyze(corpus, parties=PARTIES)
    before = {p: p.stat().st_mtime_ns for p in cache_dir.rglob("part-*.parquet")}
    shutil.copy(FIXTURES / "one.json", corpus)
    more = analyze(corpus, parties=PARTIES)
    assert (len(more.articles), more.cached) == (6, 5)
    after = {p: p.stat().st_mtime_ns for p in cache_dir.rglob("part-*.parquet")}
    assert {p: after[p] for p in before} == before  # the old parts are untouched
    assert len(after) - len(before) == len(analysis.FRAMES) + 2  # one part per frame, its done record, its file


def test_many_small_additions_are_merged_into_few_parts(tmp_path, cache_dir):
    folder = tmp_path / "grow"
    folder.mkdir()
    for n in range(cache.MAX_PARTS + 3):
        (folder / f"a{n:02d}.txt").write_text(f"Fixture day {n}\nThe Iraqi government said on day {n} that the "
                                               f"talks would resume once the survey was complete.\n", "utf-8")
        grown = analyze(folder, parties=PARTIES)
        assert (len(grown.articles), grown.cached) == (n + 1, n)
    assert len(_parts(cache_dir, "done")) <= cache.MAX_PARTS
    again = analyze(folder, parties=PARTIES)
    assert again.cached == len(again.articles) == cache.MAX_PARTS + 3
    _assert_same(analyze(folder, parties=PARTIES, cache=False), again)


def test_cached_frames_equal_uncached_ones(corpus):
    analyze(corpus, parties=PARTIES)
    cached = analyze(corpus, parties=PARTIES)
    fresh = analyze(corpus, parties=PARTIES, cache=False)
    assert fresh.cached == 0
    for name in ("sentences", "statements", "actors", "conditions"):
        got, want = getattr(cached, name), getattr(fresh, name)
        assert len(got) == len(want)
        assert got.astype(str).values.tolist() == want.astype(str).values.tolist(), name


def test_changed_file_is_reanalyzed(corpus):
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


def _corrupt(path: Path, how: str) -> None:
    if how == "garbage":
        path.write_bytes(b"PAR1 not really parquet")
    elif how == "truncated":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    else:  # a Parquet file, but not one of ours
        pd.DataFrame({"x": [1]}).to_parquet(path)


@pytest.mark.parametrize("how", ["garbage", "truncated", "wrong columns"])
@pytest.mark.parametrize("name", ["done", "sentences", "statements", "conditions", "terms", "files"])
def test_damaged_part_is_recomputed_and_healed(corpus, cache_dir, name, how):
    first = analyze(corpus, parties=PARTIES)
    (target,) = cache_dir.glob(f"*/files/part-*.parquet") if name == "files" else _parts(cache_dir, name)
    _corrupt(target, how)
    second = analyze(corpus, parties=PARTIES)
    assert second.cached == (5 if name == "files" else 0)
    _assert_same(first, second)
    assert analyze(corpus, parties=PARTIES).cached == 5  # and the cache is healed


def test_run_killed_between_writes_loses_nothing(corpus, cache_dir, monkeypatch):
    """A crash after some of a batch's frames are on disk: the batch is not done, so it is analyzed again."""
    want = analyze(corpus, parties=PARTIES, cache=False)
    real, calls = cache.write_table, []

    def crash(path, table):
        calls.append(path)
        if len(calls) == 4:  # the file memo, then two frames of the batch
            raise KeyboardInterrupt
        real(path, table)

    monkeypatch.setattr(cache, "write_table", crash)
    with pytest.raises(KeyboardInterrupt):
        analyze(corpus, parties=PARTIES)
    monkeypatch.setattr(cache, "write_table", real)
    assert len(_parts(cache_dir, "sentences")) == 1 and not _parts(cache_dir, "done")  # an orphan
    second = analyze(corpus, parties=PARTIES)
    assert second.cached == 0
    _assert_same(want, _with_cached(second, 0))
    monkeypatch.setattr(cache, "ORPHAN_AGE", 0)
    analysis.prune_cache(corpus, parties=PARTIES)
    assert len(_parts(cache_dir, "sentences")) == len(_parts(cache_dir, "done")) == 1  # the orphan is gone
    assert analyze(corpus, parties=PARTIES).cached == 5


def _with_cached(result, n):
    result.cached = n
    return result


def _analyze_in_subprocess(corpus: Path, cache_dir: Path, workers: int = 1, setup: str = "") -> subprocess.Popen:
    code = (f"import parley; from parley import analysis; from parley.run import cache; {setup or 'pass'}; "
            f"parley.analyze({str(corpus)!r}, parties={str(PARTIES)!r}, workers={workers})")
    env = {**os.environ, "PARLEY_CACHE": str(cache_dir), "PYTHONPATH": str(ROOT / "lib"), "TQDM_DISABLE": "1"}
    return subprocess.Popen([sys.executable, "-W", "ignore", "-c", code], env=env, stderr=subprocess.PIPE, text=True)


@pytest.fixture
def bigger(corpus) -> Path:
    """The corpus with twenty more invented articles, so that a run takes a moment and has several batches."""
    for n in range(20):
        lines = [f"Fixture story {n}"] + [
            f"The Iraqi government said on day {n}.{k} that the talks would resume once the survey was complete, "
            f"officials in Baghdad said." for k in range(40)]
        (corpus / f"extra{n:02d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return corpus


def test_run_killed_at_any_moment_loses_nothing(bigger, cache_dir):
    want = analyze(bigger, parties=PARTIES, cache=False)
    run = _analyze_in_subprocess(bigger, cache_dir)
    deadline = time.monotonic() + 60
    while not _parts(cache_dir, "sentences") and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert run.poll() is None, "the run ended before it could be killed"
    os.kill(run.pid, signal.SIGKILL)  # while it writes its first batch or analyzes the next
    run.wait()
    second = analyze(bigger, parties=PARTIES)
    _assert_same(want, _with_cached(second, 0))
    assert analyze(bigger, parties=PARTIES).cached == len(want.articles)


@pytest.mark.parametrize(("runs", "setup"), [
    (2, ""),
    # small batches and a low merge threshold: the runs write, merge and read the same parts at the same time
    (3, "cache.MAX_PARTS, cache.MERGE = 2, 2; analysis._MIN_BATCH_WORDS = 2000"),
], ids=["two-runs", "three-runs-merging"])
def test_runs_at_once_agree_and_leave_a_sound_cache(bigger, cache_dir, runs, setup):
    want = analyze(bigger, parties=PARTIES, cache=False)
    started = [_analyze_in_subprocess(bigger, cache_dir, workers=1, setup=setup) for _ in range(runs)]
    for run in started:
        assert run.wait(timeout=300) == 0, run.stderr.read()
    after = analyze(bigger, parties=PARTIES)
    assert after.cached == len(want.articles)
    _assert_same(want, _with_cached(after, 0))


def test_workers_do_not_change_the_results(bigger, monkeypatch):
    monkeypatch.setattr(analysis, "_MIN_BATCH_WORDS", 1)  # a batch per article or two: the pool has work to share
    one = analyze(bigger, parties=PARTIES, workers=1, cache=False)
    two = analyze(bigger, parties=PARTIES, workers=2, cache=False)
    assert len(analysis._batches(one.articles, 2)) > 2
    _assert_same(one, two)


def test_prune_keeps_what_current_articles_and_parties_need(corpus, cache_dir):
    analyze(corpus, parties=PARTIES)
    other = {**load_parties(PARTIES), "Freedonia": {"aliases": ["Freedonia"]}}
    analyze(corpus, parties=other)
    stale = cache_dir / "0123456789abcdef"  # an older version of parley
    stale.mkdir()
    (stale / "files").mkdir()
    (corpus / "plain.txt").unlink()
    assert analysis.prune_cache(corpus, parties=PARTIES) > 0
    assert not stale.exists()
    assert len(list(cache_dir.glob("*/parties-*"))) == 1
    kept = analyze(corpus, parties=PARTIES)
    assert kept.cached == len(kept.articles) == 4
    stored = pd.concat([pd.read_parquet(p) for p in _parts(cache_dir, "done")])
    assert sorted(stored["article_id"]) == sorted(kept.articles["article_id"])  # the removed article is gone


def test_prune_after_every_article_was_deleted(corpus, cache_dir):
    analyze(corpus, parties=PARTIES)
    for path in corpus.iterdir():
        path.unlink()
    analysis.prune_cache(corpus, parties=PARTIES)  # nothing to keep: once failed on an empty list of ids
    assert not _parts(cache_dir, "done") and not list(cache_dir.glob("*/files/part-*.parquet"))
    assert analyze(corpus, parties=PARTIES).articles.empty


def test_clear_deletes_only_what_parley_made(corpus, cache_dir):
    analyze(corpus, parties=PARTIES)
    (cache_dir / "mine.txt").write_text("not parley's", encoding="utf-8")
    assert cache.clear(cache_dir) > 0
    assert [p.name for p in cache_dir.iterdir() if not p.name.startswith(".")] == ["mine.txt"]
    assert analyze(corpus, parties=PARTIES).cached == 0


def test_unwritable_cache_is_not_fatal(corpus, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setattr(config, "CACHE", blocker / "cache")
    first = analyze(corpus, parties=PARTIES)
    second = analyze(corpus, parties=PARTIES)
    assert (first.cached, second.cached) == (0, 0)
    _assert_same(first, second)


@pytest.mark.parametrize("change, message", [
    (lambda out: out.assign(extra=range(len(out))), "declare every new column"),
    (lambda out: out.assign(speaker=[{"n": n} for n in range(len(out))]), "does not fit its declared type"),
], ids=["undeclared column", "wrong type"])
def test_a_frame_that_breaks_its_declared_schema_is_a_loud_error(corpus, monkeypatch, change, message):
    real = batch.analyze_articles

    def odd(*args, **kwargs):  # a defect in parley, never the input's fault: it must not reach the cache
        out, actors = real(*args, **kwargs)
        return change(out), actors

    monkeypatch.setattr(batch, "analyze_articles", odd)
    with pytest.raises(TypeError, match=message):
        analyze(corpus, parties=PARTIES)


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


def _values(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the frame's values as Python objects, every missing value as None: its content, not its dtypes."""
    return frame.astype(object).where(frame.notna(), None).reset_index(drop=True)


@pytest.mark.parametrize("run", ["fresh", "cached"])
def test_files_and_raw_text_give_the_same_frames(tmp_path, run):
    """analyze() (fresh or from the cache, compact dtypes) and analyze_text() (Python objects) hold the same values."""
    second = ROOT / "tests" / "fixtures" / "report_second_article.txt"
    first = analyze([SEED, second], parties=PARTIES)
    if run == "cached":
        first = analyze([SEED, second], parties=PARTIES)
        assert first.cached == 2
    for path in (SEED, second):
        raw = analyze_text(path.read_text(encoding="utf-8"), parties=PARTIES)
        aid = raw.articles.article_id.iloc[0]
        for name in ("sentences", "statements", "actors", "conditions"):
            theirs = getattr(raw, name)
            mine = getattr(first, name)
            mine = mine.loc[mine.article_id == aid, list(theirs.columns)]
            pd.testing.assert_frame_equal(_values(mine), _values(theirs), obj=name)
        assert raw.terms.empty and list(raw.terms.columns) == TERM_COLUMNS  # analyze_text: attribution only
        enriched = add_tone(add_sentiment(add_phrasing(raw.statements, raw.conditions)))
        mine = first.statements[first.statements.article_id == aid]
        pd.testing.assert_frame_equal(_values(mine), _values(enriched), obj="statements with phrasing, sentiment and tone")


@pytest.mark.parametrize("run", ["fresh", "cached", "uncached"])
def test_frames_are_compact(corpus, run):
    """Text in Arrow buffers, repeated values as categories, 32-bit offsets: no Python object per value."""
    result = analyze(corpus, parties=PARTIES, cache=run != "uncached")
    if run == "cached":
        result = analyze(corpus, parties=PARTIES)
        assert result.cached == 5
    for name, layout in schemas.FRAMES.items():
        frame = getattr(result, name)
        assert list(frame.columns) == list(layout)
        for column, kind in layout.items():
            dtype = frame[column].dtype
            expected = {"str": "str", "span": "str", "cat": "category", "int": "int32", "Int": "Int32",
                        "float": "float64", "bool": "bool"}[kind.split(":")[0]]
            assert str(dtype) == expected, (name, column, dtype)
    statements = result.statements
    assert statements["party"].isna().any() and not (statements["party"] == "").any()  # missing is NaN, not ""


def test_spans_are_sliced_from_the_article_text(corpus):
    """Sentence text and statement content are not stored: they are the article text between their offsets."""
    first = analyze(corpus, parties=PARTIES)
    assert not any("content" in pq.read_schema(p).names for p in _parts(config.CACHE, "statements"))
    result = analyze(corpus, parties=PARTIES)
    texts = dict(zip(result.articles.article_id, result.articles.text))
    for frame, column, start, end in [(result.sentences, "text", "start", "end"),
                                      (result.statements, "content", "content_start", "content_end")]:
        assert len(frame) and all(texts[a][s:e] == v for a, s, e, v in
                                  zip(frame.article_id, frame[start], frame[end], frame[column]))
    pd.testing.assert_frame_equal(first.statements, result.statements)


@pytest.mark.parametrize("text, start, end", [
    ("Plain ASCII text.", 6, 11),
    ("Curly “quotes” and an ellipsis … in it.", 6, 14),
    ("Accents: café, naïve, Zürich.", 9, 28),
    ("Emoji 🙂 and CJK 漢字 mixed.", 6, 19),
])
def test_a_span_column_reads_back_exactly(text, start, end):
    layout = {"article_id": "cat", "start": "int", "end": "int", "text": "span:start:end"}
    frame = pd.DataFrame({"article_id": ["a", "b"], "start": [start, 0], "end": [end, len(text)],
                          "text": [text[start:end], text]})
    texts = {"a": text, "b": text}
    table = schemas.to_table(frame, layout, "spans", texts)
    assert table.column_names == ["article_id", "start", "end"]
    back = schemas.to_frame(table, layout, pd.DataFrame({"article_id": ["b", "a"], "text": [text, text]}))
    assert back["text"].tolist() == [text[start:end], text]


def test_a_span_column_that_is_not_the_article_text_is_a_loud_error():
    layout = {"article_id": "cat", "start": "int", "end": "int", "text": "span:start:end"}
    frame = pd.DataFrame({"article_id": ["a"], "start": [0], "end": [5], "text": ["HELLO"]})
    with pytest.raises(TypeError, match="declared a span"):
        schemas.to_table(frame, layout, "spans", {"a": "hello world"})


def test_a_few_columns_are_read_without_the_rest(corpus):
    first = analyze(corpus, parties=PARTIES)
    result = analyze(corpus, parties=PARTIES)
    some = result.frame("sentences", ["sentence_id", "text"])
    assert list(some.columns) == ["sentence_id", "text"]
    pd.testing.assert_frame_equal(some, first.sentences[["sentence_id", "text"]])
    assert "sentences" not in result._frames  # only those columns were read
    with pytest.raises(KeyError, match="no column"):
        result.frame("sentences", ["no such column"])
    # statements carry governments learnt across the corpus: read whole, once, and the same
    pd.testing.assert_frame_equal(result.frame("statements", ["party", "content"]),
                                  first.statements[["party", "content"]])



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


def test_analyze_text_warns_on_another_language_and_not_on_english():
    spanish = ("El ministerio de Asuntos Exteriores dijo el lunes que las conversaciones con el gobierno vecino "
               "continuarán la próxima semana en la capital.")
    with pytest.warns(UserWarning, match="es: parley reads English news"):
        analyze_text(spanish)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        analyze_text("The foreign minister said on Monday that the talks would resume next week in the capital.")
