"""The per-government tables of a digest equal those of parley.summaries on the whole frames."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from parley import analysis, analyze, config
from parley.rollup import summaries
from parley.run import batch
from parley.run.digest import COLUMNS, combine, digest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "articles" / "000_ed59ce91eebbf266.txt"
PARTIES = ROOT / "data" / "parties.toml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

pytestmark = pytest.mark.filterwarnings("ignore:.*inputs skipped:UserWarning", "ignore::DeprecationWarning",
                                        "ignore::ResourceWarning")

#: Invented articles: two governments, a joint statement, conditions, framing and a denial.
ARTICLES = {
    "talks.txt": "Talks on the border resume\n"
                 "Freedonia's foreign ministry said the withdrawal would begin only if the ceasefire held.\n"
                 "“This is a transition, not a withdrawal,” Sylvania's defence minister said on Monday.\n"
                 "The United States and Iraq said in a joint statement that the talks would continue "
                 "unless the attacks resumed.\n",
    "envoy.txt": "Envoy warns of sanctions\n"
                 "Sylvania will impose sanctions if the deal collapses, its foreign minister said.\n"
                 "The Pentagon said the partnership would evolve on a timeline.\n"
                 "Iraqi officials said the reduction of advisers depended on the capacity of local forces.\n",
}


def _whole(result) -> dict:
    return {"conditionality": summaries.conditionality(result.statements, result.conditions),
            "condition_categories": summaries.condition_categories(result.conditions),
            "framing": summaries.framing(result.terms), "phrasing": summaries.phrasing(result.statements),
            "sentiment": summaries.sentiment(result.statements)}


def _assert_tables_equal(digested: dict, whole: dict) -> None:
    assert set(digested) == set(whole)
    for name in whole:
        assert len(whole[name]), name  # a table of nothing would prove nothing
        pd.testing.assert_frame_equal(digested[name], whole[name], check_dtype=False, obj=name)


@pytest.fixture
def corpus(tmp_path, monkeypatch) -> Path:
    monkeypatch.setattr(config, "CACHE", tmp_path / "cache")
    monkeypatch.setattr(analysis, "_MIN_BATCH_WORDS", 1)  # several batches
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED, folder)
    shutil.copy(FIXTURES / "report_second_article.txt", folder)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_batches_digested_apart_give_the_tables_of_the_whole(corpus):
    whole = analyze(corpus, parties=PARTIES, cache=False)
    articles = whole.articles
    halves = [articles.iloc[: len(articles) // 2], articles.iloc[len(articles) // 2:]]
    parts = [digest(batch.analyze_batch(half, whole.parties, whole.story)[1]) for half in reversed(halves)]
    _assert_tables_equal(combine(parts, articles["article_id"]).tables(), _whole(whole))


@pytest.mark.parametrize("run", ["uncached", "fresh", "cached"])
def test_a_digest_reads_no_frame(corpus, run):
    result = analyze(corpus, parties=PARTIES, cache=run != "uncached")
    if run == "cached":
        result = analyze(corpus, parties=PARTIES)
        assert result.cached == len(result.articles)
    tables = result.digest().tables()
    assert not result._frames  # the frames were never read
    _assert_tables_equal(tables, _whole(result))


def test_a_digest_keeps_only_numbers_and_categories(corpus):
    made = analyze(corpus, parties=PARTIES).digest()
    for name, columns in COLUMNS.items():
        frame = getattr(made, name)
        assert list(frame.columns) == columns
        assert not any(dtype == object or str(dtype) == "str" for dtype in frame.dtypes), name
    assert set(made.terms["kind"]) == {"framing"}


def test_the_cluster_workers_digest_what_they_analyse(corpus):
    distributed = pytest.importorskip("distributed")
    local = analyze(corpus, parties=PARTIES, workers=1, cache=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as made, \
            distributed.Client(made) as client:
        remote = analyze(corpus, parties=PARTIES, scheduler=client)
    assert len(remote._source.digests) > 1  # one per batch, made on the workers
    shutil.rmtree(config.CACHE)  # the tables need neither the frames nor the cache
    _assert_tables_equal(remote.digest().tables(), _whole(local))
