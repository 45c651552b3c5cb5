"""The analysis on a Dask cluster (a LocalCluster with two worker processes) equals the in-process one."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from parley import analysis, analyze, config

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "articles" / "000_ed59ce91eebbf266.txt"
PARTIES = ROOT / "data" / "parties.toml"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"

pytestmark = pytest.mark.filterwarnings("ignore:.*inputs skipped:UserWarning",
                                        "ignore::DeprecationWarning", "ignore::ResourceWarning")


@pytest.fixture(scope="module")
def cluster():
    """Start a two-worker cluster once for the module (workers are separate processes, as on real machines)."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as made:
        yield made


@pytest.fixture
def corpus(tmp_path, monkeypatch) -> Path:
    monkeypatch.setattr(config, "CACHE", tmp_path / "cache")
    monkeypatch.setattr(analysis, "_MIN_BATCH_WORDS", 1)  # several batches, so both workers get some
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED, folder)
    for name in ("plain.txt", "page.html", "records.jsonl", "one.json"):
        shutil.copy(FIXTURES / name, folder)
    return folder


def _assert_same(first, second) -> None:
    for name in ("articles", *analysis.FRAMES, "load_report"):
        pd.testing.assert_frame_equal(getattr(first, name), getattr(second, name), obj=name)


def test_cluster_run_equals_the_in_process_run_and_fills_the_same_cache(cluster, corpus):
    local = analyze(corpus, parties=PARTIES, workers=1, cache=False)
    with distributed.Client(cluster) as client:
        remote = analyze(corpus, parties=PARTIES, scheduler=client)
        assert len(client.scheduler_info()["workers"]) == 2
    assert remote.cached == 0 and len(remote.articles) == 6
    _assert_same(local, remote)
    again = analyze(corpus, parties=PARTIES, workers=1)  # the cluster wrote the cache a local run reads
    assert again.cached == 6
    _assert_same(remote, _cached(again, 0))


def test_a_scheduler_address_is_enough(cluster, corpus):
    remote = analyze(corpus, parties=PARTIES, scheduler=cluster.scheduler_address, cache=False)
    _assert_same(analyze(corpus, parties=PARTIES, workers=1, cache=False), remote)


def _cached(result, n):
    result.cached = n
    return result
