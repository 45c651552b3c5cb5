"""Run the whole pipeline on files (cached) or on one raw text."""
from __future__ import annotations

import hashlib
import os
import warnings
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
from tqdm.auto import tqdm

from ..core import config
from ..core.setup import Setup, resolve_setup
from ..core.story import Story
from ..corpus import articles as _articles
from ..corpus.articles import ARTICLE_COLUMNS, REPORT_COLUMNS, articles_from_texts, load_report
from ..rollup.registry import REGISTRY_COLUMNS, with_learnt_actors
from .batch import FRAMES, analyze_batch, attribution_frames
from .cache import _concat, compact, prune, read_batches, read_rows, write_batch, write_rows
from .cluster import map_batches
from .corrections import apply_corrections, load_corrections
from .schemas import FILES
from .schemas import FRAMES as LAYOUTS
from .schemas import empty_frame, to_frame, to_table

__all__ = ["Analysis", "FRAMES", "analyze_batch", "analyze", "analyze_text", "corrected", "prune_cache"]

#: Batches hold about this many words (one task of a process pool or a Dask cluster).
_MIN_BATCH_WORDS, _MAX_BATCH_WORDS = 5_000, 60_000


@dataclass
class Analysis:
    """The frames of one analysis run.

    Attributes
    ----------
    articles : pandas.DataFrame
        One row per article (see :func:`parley.load_articles`).
    sentences, conditions : pandas.DataFrame
        One row per sentence and per condition.
    statements : pandas.DataFrame
        One row per attributed statement, with its phrasing measures (see
        :func:`parley.add_phrasing`), sentiment (see
        :func:`parley.add_sentiment`) and cooperation–conflict tone (see
        :func:`parley.add_tone`).
    actors : pandas.DataFrame
        One row per mention of a person, body, group or document (see
        :func:`parley.to_actors`); statements link to it by ``actor_id``.
    terms : pandas.DataFrame
        One row per framing term, hedge, booster, modal and specific detail in
        the statements (see :func:`parley.phrasing_terms`).
    registry : pandas.DataFrame
        What the corpus says about each named person's government (see
        :mod:`parley.rollup.registry`): statements whose speaker another article
        described with a government carry it, with ``party_evidence``
        "learnt: described as ...". Empty for :func:`analyze_text`.
    parties : dict
        The parties the statements were attributed to.
    load_report : pandas.DataFrame
        Every input file with its status and reason.
    cached : int
        How many articles came from the cache.
    story : parley.story.Story
        The story setup from the parties file: its framing families and
        condition categories, or the defaults (``print(analysis.story)``
        says which); pass it on as ``phrasing_terms(..., story=analysis.story)``.
    corrections : pandas.DataFrame
        The analyst's corrections (``analyze(..., corrections=FILE)``), each
        with ``applied`` and, when it is not, the ``reason``; empty without
        a corrections file (see :mod:`parley.run.corrections`).
    uncorrected : pandas.DataFrame
        The statements as parley found them, before corrections (the same
        frame as ``statements`` when there are none): review samples are
        drawn from it, so that correcting a statement does not move it.
    """

    articles: pd.DataFrame
    sentences: pd.DataFrame
    statements: pd.DataFrame
    conditions: pd.DataFrame
    actors: pd.DataFrame = field(default_factory=pd.DataFrame)
    parties: dict = field(default_factory=dict)
    load_report: pd.DataFrame = field(default_factory=pd.DataFrame)
    cached: int = 0
    story: Story = field(default_factory=Story)
    terms: pd.DataFrame = field(default_factory=pd.DataFrame)
    registry: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=REGISTRY_COLUMNS))
    corrections: pd.DataFrame = field(default_factory=pd.DataFrame)
    uncorrected: pd.DataFrame | None = None

    @property
    def unapplied(self) -> pd.DataFrame:
        """Return the corrections that could not be applied, with the reason for each."""
        if "applied" not in self.corrections:
            return self.corrections
        return self.corrections[~self.corrections["applied"]]

    def __repr__(self) -> str:
        def counted(n: int, word: str) -> str:
            return f"{n} {word}{'' if n == 1 else 's'}"

        return (f"Analysis({counted(len(self.articles), 'article')}, {counted(len(self.sentences), 'sentence')}, "
                f"{counted(len(self.statements), 'statement')}, {counted(len(self.actors), 'actor mention')}, "
                f"{counted(len(self.conditions), 'condition')}, "
                f"{self.cached} from cache"
                + (f", {int(self.corrections['applied'].sum())} of {counted(len(self.corrections), 'correction')} "
                   "applied" if len(self.corrections) else "") + ")")


def analyze_text(text: str, parties=None) -> Analysis:
    """Analyze one raw article text.

    Parameters
    ----------
    text : str
        The article; all offsets in the result point into this exact string.
    parties : str, Path, dict, Setup or None
        A parties file or dict (see :func:`parley.load_parties`); None
        attributes speakers without parties. Its ``[framing]`` and
        ``[conditions]`` sections, if any, are the story setup (see
        :mod:`parley.core.story`).

    Returns
    -------
    Analysis
        With ``sentences``, ``statements``, ``actors`` and ``conditions``
        frames: who said what, at full speed. Unlike :func:`analyze`, the
        statements carry no phrasing, sentiment or tone columns and ``terms``
        is empty; add them with :func:`parley.add_phrasing`,
        :func:`parley.phrasing_terms`, :func:`parley.add_sentiment` and
        :func:`parley.add_tone`.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    code = _articles.language(text)
    if code not in (_articles.ENGLISH, _articles.UNDETERMINED):  # analysed as asked, but not silently
        warnings.warn(f"{code}: parley reads English news; this text is analysed as English and its statements "
                      "will be few or wrong", stacklevel=2)
    setup = resolve_setup(parties)
    articles = articles_from_texts([text])
    return _result(articles, attribution_frames(articles, setup), setup)


def analyze(path_or_paths=None, *, parties=config.PARTIES, corrections=None, cache: bool = True,
            workers: int | None = None, scheduler=None) -> Analysis:
    """Load and analyze articles from files, reusing cached results for unchanged ones.

    The cache (a Parquet dataset under ``config.CACHE``, read at call time;
    see :mod:`parley.cache`) keeps what each file loaded to, keyed by a hash
    of its bytes and its metadata sidecar, and every frame of each article
    (phrasing and sentiment included), keyed by the article's content hash.
    Both are stored under the code and lexicon version, the frames also under
    the parties, so an edited article, lexicon, parties file or parley itself
    is analyzed afresh. Each batch of new articles is stored as soon as it is
    done; a damaged cache is recomputed, never fatal.

    Parameters
    ----------
    path_or_paths : str, Path or iterable, optional
        Files or folders, as for :func:`parley.load_articles` (default
        ``config.ARTICLES``).
    parties : str, Path, dict, Setup or None
        The parties file or dict, read once; its optional ``[framing]`` and
        ``[conditions]`` sections are the story setup (see
        :mod:`parley.core.story`), part of the cache key like the parties.
    corrections : str, Path or pandas.DataFrame, optional
        An analyst's corrections file (see :mod:`parley.run.corrections`; a
        missing file holds none), applied after the cache: the cache keeps
        what parley extracted, so editing the file re-reads the cache and
        never re-analyzes. The statements and conditions then have a
        ``corrected`` column, and ``Analysis.corrections`` says which
        corrections were applied and why the others were not.
    cache : bool
        Read and write the cache (default True).
    workers : int, optional
        Processes for the articles not in the cache (default: every core this
        process may use; 1 runs in this process, for debugging). The results
        do not depend on it.
    scheduler : distributed.Client or str, optional
        Run the analysis on a Dask cluster instead: a client, or a scheduler
        address such as ``"tcp://10.0.0.5:8786"`` (see :mod:`parley.cluster`).

    Returns
    -------
    Analysis
        All frames, with the load report; ``cached`` counts the articles
        whose frames came from the cache.
    """
    setup = resolve_setup(parties)
    version = config.CACHE / _code_version() if cache else None
    articles = _load_cached(config.ARTICLES if path_or_paths is None else path_or_paths, version)
    frames, cached = _frames(articles, setup, None if version is None else version / setup.key,
                             workers=workers, scheduler=scheduler)
    result = replace(_result(articles, frames, setup), registry=frames["registry"], cached=cached,
                     load_report=load_report(articles))
    return result if corrections is None else corrected(result, corrections)


def _frames(articles: pd.DataFrame, setup: Setup, folder: Path | None, *, workers: int | None,
            scheduler) -> tuple[dict, int]:
    """Return every frame of the articles, cached or fresh, and how many articles came from the cache.

    Parameters
    ----------
    articles : pandas.DataFrame
        The articles to analyze.
    setup : parley.core.setup.Setup
        Their parties and story.
    folder : Path or None
        The cache folder of this version and setup; None neither reads nor writes the cache.
    workers, scheduler
        As for :func:`analyze`.

    Returns
    -------
    (dict of str to pandas.DataFrame, int)
        The frames in :data:`FRAMES` and ``registry``, each in the order of the articles, and the count
        of cached articles.
    """
    stored, done = read_batches(folder, FRAMES, articles["article_id"]) if folder is not None else ({}, set())
    todo = articles[~articles["article_id"].isin(done)]
    pieces = {name: [stored[name]] if stored.get(name) is not None else [] for name in FRAMES}
    for ids, tables in _analyze(todo, setup, workers, scheduler):
        if folder is not None:
            write_batch(folder, tables, ids)
        for name in FRAMES:
            pieces[name].append(tables[name])
    if folder is not None and len(todo):
        compact(folder, list(FRAMES))
    frames = {name: _in_order(_frame(_concat(parts), name), articles) for name, parts in pieces.items()}
    # corpus-level: after every article was read on its own
    return with_learnt_actors(frames, articles), len(articles) - len(todo)


def corrected(analysis: Analysis, corrections) -> Analysis:
    """Return an analysis with an analyst's corrections applied (see :mod:`parley.run.corrections`).

    Parameters
    ----------
    analysis : Analysis
        As :func:`analyze` returns it, without corrections.
    corrections : str, Path or pandas.DataFrame
        The corrections file, or its rows as :func:`parley.run.corrections.load_corrections` returns them.

    Returns
    -------
    Analysis
        A new analysis: the corrected statements, conditions and terms, the
        statements as found in ``uncorrected``, and every correction with
        whether it was applied.
    """
    rows = corrections if isinstance(corrections, pd.DataFrame) else load_corrections(corrections)
    fixed = apply_corrections(analysis.statements, rows, articles=analysis.articles, sentences=analysis.sentences,
                              conditions=analysis.conditions, terms=analysis.terms, parties=analysis.parties,
                              story=analysis.story)
    return replace(analysis, statements=fixed.statements, conditions=fixed.conditions, terms=fixed.terms,
                   corrections=fixed.corrections, uncorrected=analysis.statements)


def _analyze(todo: pd.DataFrame, setup: Setup, workers: int | None, scheduler):
    """Yield ``analyze_batch`` results for the articles in ``todo``, as the batches finish, with a progress bar."""
    if todo.empty:
        return
    workers = workers or _cores()
    batches = _batches(todo, workers)
    with tqdm(total=len(todo), unit="article", desc="parley", delay=2) as bar:
        if scheduler is not None:
            results = map_batches(scheduler, batches, setup)
        elif workers > 1 and len(batches) > 1:
            results = _pooled(batches, setup, workers)
        else:
            results = (analyze_batch(batch, setup) for batch in batches)
        for ids, tables in results:
            bar.update(len(ids))
            yield ids, tables


def _pooled(batches: list, setup: Setup, workers: int):
    """Yield ``analyze_batch`` results from a process pool, as they finish."""
    pool = ProcessPoolExecutor(max_workers=min(workers, len(batches)))
    try:
        futures = [pool.submit(analyze_batch, batch, setup) for batch in batches]
        for future in as_completed(futures):
            yield future.result()
    finally:
        pool.shutdown(cancel_futures=True)


def _batches(todo: pd.DataFrame, workers: int) -> list[pd.DataFrame]:
    """Split articles into batches of similar word counts: a few per worker, none too small to be worth a task."""
    words = np.array([len(text.split()) for text in todo["text"]])  # as many as r"\S+" finds, 3x faster
    target = min(_MAX_BATCH_WORDS, max(_MIN_BATCH_WORDS, int(words.sum()) // (workers * 4) + 1))
    cut = np.cumsum(words) // target
    return [todo.iloc[rows] for rows in np.split(np.arange(len(todo)), np.flatnonzero(np.diff(cut)) + 1)]


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _frame(table: pa.Table | None, name: str) -> pd.DataFrame:
    """Make a frame of the declared dtypes: text as Python objects with None for missing, as the analysis makes them."""
    return empty_frame(LAYOUTS[name]) if table is None else to_frame(table, LAYOUTS[name])


def _result(articles: pd.DataFrame, frames: dict, setup: Setup) -> Analysis:
    return Analysis(articles, frames["sentences"], frames["statements"], frames["conditions"], frames["actors"],
                    setup.parties, story=setup.story, terms=frames["terms"], uncorrected=frames["statements"])


def _load_cached(path_or_paths, folder: Path | None) -> pd.DataFrame:
    """Load articles, reusing what unchanged files loaded to last time (kept in ``folder``; None keeps nothing)."""
    if folder is None:
        return _articles.load_articles(path_or_paths)
    memo = _read_memo(folder / "files")
    before = set(memo)
    rows, report = _articles._load(path_or_paths, memo)
    added = {key: memo[key] for key in memo.keys() - before}
    if added:
        _write_memo(folder / "files", added)
    return _articles._frame(rows, report)


def _read_memo(folder: Path) -> dict:
    """Read the per-file load cache: file fingerprint -> what the file loaded to."""
    table = read_rows(folder, "file_key")
    columns = {"file_key", *REPORT_COLUMNS, *ARTICLE_COLUMNS}
    memo: dict = {}
    if table is None:  # read_rows conforms the parts to FILES: every column is there
        return memo
    values = table.select(sorted(columns)).to_pydict()  # by column: much faster than to_pylist() on big memos
    for record in (dict(zip(values, row)) for row in zip(*values.values())):
        loaded = memo.setdefault(record["file_key"], _articles._Loaded())
        loaded.report.append({c: record[c] for c in REPORT_COLUMNS})
        if record["status"] == "loaded":
            loaded.rows.append({c: record[c] for c in ARTICLE_COLUMNS})
    return memo


def _write_memo(folder: Path, memo: dict) -> None:
    """Add what newly seen files loaded to, as one part (a file's rows are never split between parts)."""
    records = []
    for key, loaded in memo.items():
        rows = iter(loaded.rows)  # one article row per "loaded" report row, in order
        for entry in loaded.report:
            records.append({"file_key": key, **(next(rows) if entry["status"] == "loaded" else {}), **entry})
    try:
        table = to_table(pd.DataFrame(records, columns=list(FILES)), FILES, "file memo")
    except TypeError:
        return  # metadata of a type the memo cannot hold: those files are loaded again next time
    if write_rows(folder, table):
        compact(folder)


def prune_cache(path_or_paths=None, *, parties=config.PARTIES) -> int:
    """Delete what the cache holds for other articles, other parties files and other versions of parley.

    Parameters
    ----------
    path_or_paths : str, Path or iterable, optional
        The articles to keep (default ``config.ARTICLES``).
    parties : str, Path, dict, Setup or None
        The parties file whose results to keep; results for any other parties
        file (or story setup) are deleted.

    Returns
    -------
    int
        Bytes freed.
    """
    path_or_paths = config.ARTICLES if path_or_paths is None else path_or_paths
    code = _code_version()
    memo = _Used(_read_memo(config.CACHE / code / "files"))
    rows, _report = _articles._load(path_or_paths, memo)
    return prune(config.CACHE, code, {resolve_setup(parties).key: {row["article_id"] for row in rows}}, memo.used)


class _Used(dict):
    """A file memo that remembers which fingerprints were looked up: the files that are still there."""

    def __init__(self, *args):
        super().__init__(*args)
        self.used: set = set()

    def __contains__(self, key) -> bool:
        self.used.add(key)
        return super().__contains__(key)


def _in_order(frame: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Keep the rows of ``articles`` only, ordered as the articles are, each article's rows in their order."""
    rank = pd.Index(articles["article_id"]).get_indexer(frame["article_id"])  # -1: not among the articles
    rows = np.flatnonzero(rank >= 0)
    rows = rows[np.argsort(rank[rows], kind="stable")]
    if len(rows) == len(frame) and (rows[1:] > rows[:-1]).all():
        return frame.reset_index(drop=True)  # the common cached case: already in order
    return frame.iloc[rows].reset_index(drop=True)


def _code_version() -> str:
    """Hash the package code and lexicons, so any change to them invalidates the cache.

    Recomputed on every call (a few milliseconds): lexicons are edited while a
    notebook kernel keeps running.
    """
    digest = hashlib.sha256(config.VERSION.encode())
    package = Path(__file__).parents[1]
    modules = [(p.relative_to(package).as_posix(), p) for p in sorted(package.rglob("*.py"))]
    lexicons = [(f"lexicons/{p.name}", p) for p in sorted(config.LEXICONS.glob("*"))]
    for name, path in modules + lexicons:
        if path.is_file():
            digest.update(name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
