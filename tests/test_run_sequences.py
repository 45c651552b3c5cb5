"""Sequences of runs: whatever one run leaves behind, the next gives what a cold run gives.

A Hypothesis rule-based state machine adds, edits, empties and deletes
articles, drops binary and undecodable files beside them, switches parties
files, leaves report outputs inside the articles folder, kills a run halfway,
damages cache parts and prunes the cache; after every step ``analyze`` on the
same inputs must equal a cold run in a fresh cache, and nothing parley wrote
may be read as an article. The default profile is bounded for ``make test``;
``PARLEY_HYPOTHESIS=nightly`` runs many more and longer sequences.

The first sequence it found on the code before the cache declared its
schemas: ``bad_file(content=b'', name='a.txt')``, ``run()``,
``input_check()`` -> ``ArrowTypeError: ... article_id ... double vs
large_string`` (an empty batch's part, typed by inference). The second:
``prune()`` after every article was deleted wrote an id list of no type.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import warnings
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from parley import analyze, config
from parley.corpus.articles import mark_output
from parley.run import analysis, cache
from parley.run.inputs import InputError, check_inputs

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
FRAMES = ("articles", "sentences", "statements", "actors", "conditions", "terms", "load_report")

settings.register_profile("parley-default", max_examples=12, stateful_step_count=8, deadline=None,
                          derandomize=True, database=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
settings.register_profile("parley-nightly", max_examples=300, stateful_step_count=30, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
PROFILE = "parley-nightly" if os.environ.get("PARLEY_HYPOTHESIS") == "nightly" else "parley-default"

# Invented articles (not real reports), each with statements of both governments, a condition and a pronoun.
TEXTS = [
    "Sylvania and Freedonia talk about the border\n\n"
    "Sylvania's foreign ministry said on Monday that troops would leave the border once the talks succeed.\n\n"
    "\"We will not accept any conditions,\" Freedonia's prime minister said. He added that the talks could resume.",
    "Freedonia offers to reopen the port\n\n"
    "Freedonia's trade minister said the port would reopen if Sylvania lifts the ban.\n\n"
    "A Sylvanian spokesman said the government was studying the offer.",
    "Talks stall over fishing rights\n\n"
    "The Sylvanian president told reporters that fishing rights were not negotiable.\n\n"
    "Freedonia said in a statement that it remained open to dialogue, provided that the patrols stop.",
    "Ministers meet in a third country\n\n"
    "Officials from both sides met on Tuesday. \"The meeting was useful,\" the Freedonian envoy said.",
]
PARTIES = {
    "sylvania": '[parties."Sylvania"]\naliases = ["Sylvania", "Sylvanian", "foreign ministry"]\n'
                '[parties."Freedonia"]\naliases = ["Freedonia", "Freedonian"]\n',
    "narrow": '[parties."Sylvania"]\naliases = ["Sylvania"]\n[parties."Freedonia"]\naliases = ["Freedonia"]\n',
    "story": '[parties."Sylvania"]\naliases = ["Sylvania", "Sylvanian"]\n'
             '[parties."Freedonia"]\naliases = ["Freedonia", "Freedonian"]\n'
             '[framing]\n"border / security" = ["border", "patrols"]\n'
             '[conditions]\n"reciprocity" = ["Sylvania", "Freedonia", "lifts the ban"]\n',
}
NAMES = ["a.txt", "b.txt", "c.md", "sub/d.txt"]
OTHER_FORMATS = ["page.html", "records.jsonl", "one.json", "table.csv"]


def _frames_equal(first, second) -> None:
    for name in FRAMES:
        pd.testing.assert_frame_equal(getattr(first, name), getattr(second, name), obj=name)


class RunSequences(RuleBasedStateMachine):
    """One articles folder, one cache and one parties file, changed step by step."""

    def __init__(self):
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="parley-seq-"))
        self.articles = self.root / "articles"
        self.articles.mkdir()
        self.cache = self.root / "cache"
        self.saved = config.CACHE
        config.CACHE = self.cache
        self.parties = self.root / "parties.toml"
        self.parties.write_text(PARTIES["sylvania"], encoding="utf-8")
        (self.articles / "a.txt").write_text(TEXTS[0], encoding="utf-8")

    def teardown(self):
        config.CACHE = self.saved
        shutil.rmtree(self.root, ignore_errors=True)

    # ---------------------------------------------------------------- inputs

    @rule(name=st.sampled_from(NAMES), text=st.sampled_from(TEXTS))
    def write_article(self, name, text):
        path = self.articles / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    @rule(name=st.sampled_from(NAMES), extra=st.sampled_from(["\n\nIt said so again.", "\n\nNo one spoke."]))
    def edit_article(self, name, extra):
        path = self.articles / name
        if path.exists():
            with open(path, "a", encoding="utf-8") as handle:
                handle.write(extra)

    @rule(name=st.sampled_from(NAMES + OTHER_FORMATS))
    def delete_file(self, name):
        path = self.articles / name
        if path.exists():
            path.unlink()

    @rule(name=st.sampled_from(NAMES), content=st.sampled_from([b"", b"   \n\n", b"\x00\x01\x02\xff" * 64,
                                                                  b"\xff\xfe\xfa caf\xe9 \x81\x8d\x9d" * 8]))
    def bad_file(self, name, content):
        path = self.articles / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)

    @rule(name=st.sampled_from(OTHER_FORMATS))
    def other_format(self, name):
        shutil.copy(FIXTURES / "articles" / name, self.articles / name)

    @rule(which=st.sampled_from(sorted(PARTIES)))
    def switch_parties(self, which):
        self.parties.write_text(PARTIES[which], encoding="utf-8")

    @rule()
    def report_outputs_inside_articles(self):
        """Leave what a report run writes when --out lies inside --articles."""
        out = self.articles / "report"
        figures = out / "figures"
        figures.mkdir(parents=True, exist_ok=True)
        mark_output(out)
        (figures / "manifest.json").write_text('[{"name": "statements", "title": "Statements", '
                                               '"png": "statements.png"}]', encoding="utf-8")
        (figures / "statements.evidence.csv").write_text("party,statements\nSylvania,2\n", encoding="utf-8")
        (figures / "statements.evidence.html").write_text("<table><tr><td>Sylvania</td></tr></table>",
                                                          encoding="utf-8")
        (out / "report.html").write_text("<html><head><title>parley report</title></head><body><p>The report."
                                         "</p></body></html>", encoding="utf-8")

    # ---------------------------------------------------------------- runs and the cache

    @rule()
    def run(self):
        self._analyze()

    @rule(after=st.integers(min_value=0, max_value=12))
    def killed_run(self, after):
        """A run killed while writing the cache (after ``after`` file writes)."""
        real = cache.write_table
        calls = {"n": 0}

        def dying(path, table):
            calls["n"] += 1
            if calls["n"] > after:
                raise KeyboardInterrupt
            real(path, table)

        cache.write_table = dying
        try:
            self._analyze()
        except KeyboardInterrupt:
            pass
        finally:
            cache.write_table = real

    @rule(index=st.integers(min_value=0, max_value=50),
          how=st.sampled_from(["truncate", "garbage", "delete", "foreign", "nulls"]))
    def damage_part(self, index, how):
        parts = sorted(self.cache.rglob("part-*.parquet"))
        if not parts:
            return
        path = parts[index % len(parts)]
        if how == "truncate":
            data = path.read_bytes()
            path.write_bytes(data[: len(data) // 2])
        elif how == "garbage":
            path.write_bytes(b"not parquet at all")
        elif how == "delete":
            path.unlink()
        else:  # a readable part whose columns have other types (an older or foreign writer)
            table = pq.read_table(path)
            columns = {name: pa.nulls(len(table), pa.float64()) if how == "nulls" or name == "article_id"
                       else table.column(name) for name in table.column_names}
            pq.write_table(pa.table(columns), path)

    @rule()
    def prune(self):
        analysis.prune_cache(self.articles, parties=self.parties)  # never refuses: any folder, any cache

    @rule()
    def input_check(self):
        try:
            check_inputs(self.articles, self.parties, self.articles / "report")
        except InputError:
            pass

    # ---------------------------------------------------------------- what must hold after every step

    @invariant()
    def same_as_a_cold_run(self):
        warm = self._analyze()
        saved, config.CACHE = config.CACHE, Path(tempfile.mkdtemp(prefix="parley-cold-"))
        try:
            cold = self._analyze()
        finally:
            shutil.rmtree(config.CACHE, ignore_errors=True)
            config.CACHE = saved
        _frames_equal(warm, cold)
        report = self.articles / "report"
        assert not any(str(p).startswith(str(report)) for p in warm.articles["path"]), "a report file read as input"

    def _analyze(self):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return analyze(self.articles, parties=self.parties, workers=1)


RunSequences.TestCase.settings = settings.get_profile(PROFILE)
test_run_sequences = RunSequences.TestCase


@pytest.fixture(autouse=True)
def _no_progress_bars(monkeypatch):
    monkeypatch.setenv("TQDM_DISABLE", "1")
