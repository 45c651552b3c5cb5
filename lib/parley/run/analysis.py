"""Run the whole pipeline on files (cached) or on one raw text."""
from __future__ import annotations

import hashlib
import json
import copy
import os
import warnings
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
from tqdm.auto import tqdm

from ..core import config
from ..core.parties import resolve_parties
from ..core.story import Story, resolve_story
from ..corpus import articles as _articles
from ..corpus.articles import ARTICLE_COLUMNS, REPORT_COLUMNS, articles_from_texts, load_report
from ..rollup.registry import REGISTRY_COLUMNS, with_learnt_actors
from .batch import FRAMES, analyze_batch, attribution_frames
from .cache import _concat, cached_ids, compact, iter_batches, prune, read_batches, read_rows, write_batch, write_rows
from .digest import COLUMNS, Digest, combine, digest
from .cluster import map_batches
from .corrections import apply_corrections, load_corrections
from .schemas import FILES
from .schemas import FRAMES as LAYOUTS
from .schemas import Texts, article_positions, empty_frame, spans, to_frame, to_table

__all__ = ["Analysis", "FRAMES", "analyze_batch", "analyze", "analyze_text", "corrected", "prune_cache"]

#: Batches hold about this many words (one task of a process pool or a Dask cluster).
_MIN_BATCH_WORDS, _MAX_BATCH_WORDS = 5_000, 60_000


class Analysis:
    """The frames of one analysis run, each read (from the cache, or converted from Arrow) when first used.

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

    Notes
    -----
    :func:`analyze` returns compact frames (:mod:`parley.run.schemas`): text
    as pandas' Arrow-backed ``str`` and repeated values as categories, with
    NaN for a missing value (test with ``pd.isna``), offsets and counts as
    32-bit integers. A frame is read from the cache the first time it is used,
    and only then; :meth:`frame` reads a few of its columns without the rest.
    """

    def __init__(self, articles: pd.DataFrame, sentences=None, statements=None, conditions=None, actors=None,
                 parties: dict | None = None, load_report: pd.DataFrame | None = None, cached: int = 0,
                 story: Story | None = None, terms=None, *, source: _Source | None = None,
                 corrections: pd.DataFrame | None = None, uncorrected: pd.DataFrame | None = None):
        self.articles = articles
        self.parties = {} if parties is None else parties
        self.load_report = pd.DataFrame() if load_report is None else load_report
        self.cached = cached
        self.story = Story() if story is None else story
        self.corrections = pd.DataFrame() if corrections is None else corrections
        self._uncorrected = uncorrected
        self._source = source
        self._frames: dict[str, pd.DataFrame] = {}
        self._registry = pd.DataFrame(columns=REGISTRY_COLUMNS) if source is None else None
        given = {"sentences": sentences, "statements": statements, "conditions": conditions, "actors": actors,
                 "terms": terms}
        for name, frame in given.items():
            if frame is not None:
                self._frames[name] = frame
            elif source is None:
                self._frames[name] = pd.DataFrame()

    def frame(self, name: str, columns: list[str] | None = None) -> pd.DataFrame:
        """Return one frame, or only some of its columns, reading no more of the cache than that.

        Parameters
        ----------
        name : str
            ``"sentences"``, ``"statements"``, ``"actors"``, ``"conditions"`` or ``"terms"``.
        columns : list of str, optional
            The columns wanted (default all: the frame is then kept, as the attribute).

        Returns
        -------
        pandas.DataFrame
            The rows of every article, in the articles' order.
        """
        if name not in FRAMES:
            raise KeyError(f"no frame {name!r}; the frames are {', '.join(FRAMES)}")
        if name in self._frames:
            frame = self._frames[name]
            return frame if columns is None else frame[list(columns)]
        if name in _LEARNT:  # names learnt across the corpus change these three frames: read them whole, once
            self._learn()
            return self.frame(name, columns)
        frame = self._source.read(name, columns)
        if columns is None:
            self._frames[name] = frame
        return frame

    @property
    def uncorrected(self) -> pd.DataFrame:
        """The statements as parley found them, before corrections (``statements`` when there are none)."""
        return self.statements if self._uncorrected is None else self._uncorrected

    @uncorrected.setter
    def uncorrected(self, frame: pd.DataFrame | None) -> None:
        self._uncorrected = frame

    @property
    def unapplied(self) -> pd.DataFrame:
        """Return the corrections that could not be applied, with the reason for each."""
        if "applied" not in self.corrections:
            return self.corrections
        return self.corrections[~self.corrections["applied"]]

    @property
    def registry(self) -> pd.DataFrame:
        """What the corpus says about each named person's government (see :mod:`parley.rollup.registry`)."""
        if self._registry is None:
            self._learn()
        return self._registry

    @registry.setter
    def registry(self, table: pd.DataFrame) -> None:
        self._registry = table

    def _learn(self) -> None:
        """Read statements, actors and conditions and give them the governments learnt across the corpus."""
        frames = {name: self._frames[name] if name in self._frames else self._source.read(name) for name in _LEARNT}
        learnt = with_learnt_actors(frames, self.articles)  # corpus-level: after every article was read on its own
        self._frames.update({name: learnt[name] for name in _LEARNT})
        self._registry = learnt["registry"]

    def digest(self) -> Digest:
        """Return what the per-government tables read of every statement, condition and framing term.

        Made without the frames: by the Dask workers while they analysed
        (``analyze(..., scheduler=...)``), else from the cache one part at a
        time, reading only those columns; ``analysis.digest().tables()`` then
        gives the tables of :mod:`parley.summaries` for a corpus whose frames
        would not fit in memory (every report of a quote counted). Governments
        learnt across articles (:attr:`registry`) are not in it: a digest has
        each statement's government as its own article gives it.

        Returns
        -------
        parley.run.digest.Digest
        """
        if self._source is None or len(self.corrections):  # corrections live in the frames, not the cache
            tables = {name: pa.Table.from_pandas(self.frame(name)[COLUMNS[name]], preserve_index=False)
                      for name in COLUMNS}
            return combine([digest(tables)], self.articles["article_id"])
        return self._source.digest()

    def __repr__(self) -> str:
        def counted(name: str, word: str) -> str:
            n = len(self._frames[name]) if name in self._frames else self._source.rows(name)
            return f"{n} {word}{'' if n == 1 else 's'}"

        articles = len(self.articles)
        return (f"Analysis({articles} article{'' if articles == 1 else 's'}, {counted('sentences', 'sentence')}, "
                f"{counted('statements', 'statement')}, {counted('actors', 'actor mention')}, "
                f"{counted('conditions', 'condition')}, "
                f"{self.cached} from cache"
                + (f", {int(self.corrections['applied'].sum())} of {len(self.corrections)} "
                   f"correction{'' if len(self.corrections) == 1 else 's'} applied" if len(self.corrections) else "")
                + ")")


#: The frames :func:`parley.rollup.registry.with_learnt_actors` changes.
_LEARNT = ("statements", "actors", "conditions")


def _frame_property(name: str) -> property:
    def get(self) -> pd.DataFrame:
        return self.frame(name)

    def put(self, frame: pd.DataFrame) -> None:
        self._frames[name] = frame

    return property(get, put, doc=f"The {name} frame (read on first use).")


for _name in FRAMES:
    setattr(Analysis, _name, _frame_property(_name))


class _Source:
    """Where the frames of one run are: batches kept in memory and articles stored in the cache."""

    def __init__(self, articles: pd.DataFrame, parties: dict, story: Story, folder: Path | None = None,
                 stored: set | None = None, fresh: dict | None = None, digests: list | None = None):
        self.articles = articles
        self.parties, self.story = parties, story
        self.folder, self.stored = folder, set(stored or ())
        self.fresh = fresh or {name: [] for name in FRAMES}
        self.digests = list(digests or ())  # (article ids, Digest) of batches digested where they were analysed

    def digest(self) -> Digest:
        """Digest every article: batches digested by the workers, the rest from memory or one cached part at a time."""
        parts, done = [], set()
        for ids, made in self.digests:
            parts.append(made)
            done.update(ids)
        names = list(COLUMNS)
        kept = [dict(zip(names, tables)) for tables in zip(*(self.fresh[name] for name in names))]
        for tables in kept:
            ids = set(tables["statements"].column("article_id").to_pylist()) | set(
                tables["conditions"].column("article_id").to_pylist())
            if not ids & done:
                parts.append(digest(tables))
        wanted = self.stored - done
        if self.folder is not None and wanted:
            columns = sorted({c for cs in COLUMNS.values() for c in cs})
            found = set()
            for ids, tables in iter_batches(self.folder, names, wanted, columns):
                parts.append(digest(tables))
                found.update(ids)
            if wanted - found:  # damaged or pruned since this run: analysed again, and stored again
                batch = self.articles[self.articles["article_id"].isin(wanted - found)]
                ids, tables = analyze_batch(batch, self.parties, self.story)
                write_batch(self.folder, tables, ids)
                parts.append(digest(tables))
        return combine(parts, self.articles["article_id"])

    def tables(self, name: str, columns: list[str] | None = None) -> list[pa.Table]:
        """Return the tables that hold the frame's rows: in memory, from the cache, recomputed when lost."""
        tables = list(self.fresh[name])
        if self.folder is not None and self.stored:
            found, ids = read_batches(self.folder, [name], self.stored, columns)
            tables.append(found[name])
            lost = self.stored - ids  # damaged, or pruned by another process since this run: analysed again
            if lost:
                batch = self.articles[self.articles["article_id"].isin(lost)]
                done, redone = analyze_batch(batch, self.parties, self.story)
                write_batch(self.folder, redone, done)
                tables.append(redone[name])
        return [_narrow(t, columns) for t in tables if t is not None]

    def read(self, name: str, columns: list[str] | None = None) -> pd.DataFrame:
        """Return the frame (or its ``columns``) as compact pandas, rows in the articles' order."""
        layout = LAYOUTS[name]
        wanted = list(layout) if columns is None else list(columns)
        unknown = [c for c in wanted if c not in layout]
        if unknown:
            raise KeyError(f"the {name} frame has no column {', '.join(map(repr, unknown))}")
        needed = set(wanted)
        for column, offsets in spans(layout).items():
            if column in needed:
                needed.update(offsets)
        tables = self.tables(name, None if columns is None else sorted(needed))
        if not tables:
            return empty_frame(layout)[wanted]
        table = _in_order(_concat(tables), self.articles)
        sliced = any(layout[c].startswith("span:") for c in wanted)
        texts = Texts(self.articles) if sliced and len(table) else None  # joined once per frame, then let go
        return to_frame(table, layout, texts, wanted)

    def rows(self, name: str) -> int:
        """Count the frame's rows, reading only its article ids."""
        return sum(len(t) for t in self.tables(name, ["article_id"]))


def _narrow(table: pa.Table, columns: list[str] | None) -> pa.Table:
    """Keep ``article_id`` and ``columns`` (all when None), in the table's order."""
    if columns is None:
        return table
    return table.select([c for c in table.column_names if c in columns or c == "article_id"])


def analyze_text(text: str, parties=None) -> Analysis:
    """Analyze one raw article text.

    Parameters
    ----------
    text : str
        The article; all offsets in the result point into this exact string.
    parties : str, Path, dict or None
        A parties file or dict (see :func:`parley.load_parties`); None
        attributes speakers without parties. Its ``[framing]`` and
        ``[conditions]`` sections, if any, are the story setup (see
        :mod:`parley.story`).

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
    table = resolve_parties(parties)
    story = _story(parties)
    articles = articles_from_texts([text])
    return _result(articles, attribution_frames(articles, table, story), table, story)


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
    parties : str, Path, dict or None
        The parties file or dict; its optional ``[framing]`` and
        ``[conditions]`` sections are the story setup (see
        :mod:`parley.story`), part of the cache key like the parties.
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
    path_or_paths = config.ARTICLES if path_or_paths is None else path_or_paths
    table = resolve_parties(parties)
    story = _story(parties)
    folder = None
    if cache:
        code = _code_version()
        articles = _load_cached(path_or_paths, config.CACHE / code)
        folder = config.CACHE / code / _parties_key(table, story)
        done = cached_ids(folder, FRAMES, articles["article_id"])
    else:
        articles, done = _articles.load_articles(path_or_paths), set()
    todo = articles[~articles["article_id"].isin(done)]
    # Batches are read back from the cache when a frame is used; only those it could not store stay in memory.
    fresh: dict[str, list] = {name: [] for name in FRAMES}
    stored, digests = set(done), []
    for ids, tables, made in _analyze(todo, table, story, workers, scheduler):
        if made is not None:  # digested on the Dask worker that analysed it
            digests.append((ids, made))
        if folder is not None and write_batch(folder, tables, ids):
            stored.update(ids)
            continue
        for name in FRAMES:
            fresh[name].append(tables[name])
    if folder is not None and len(todo):
        compact(folder, list(FRAMES))
    source = _Source(articles, table, story, folder, stored, fresh, digests)
    result = Analysis(articles, parties=table, load_report=load_report(articles), cached=len(articles) - len(todo),
                      story=story, source=source)
    return result if corrections is None else corrected(result, corrections)


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
    result = copy.copy(analysis)  # shares the source: frames not corrected are still read on first use
    result._frames = {**analysis._frames, "statements": fixed.statements, "conditions": fixed.conditions,
                      "terms": fixed.terms}
    result.corrections, result.uncorrected = fixed.corrections, analysis.statements
    return result


def _analyze(todo: pd.DataFrame, parties: dict, story: Story, workers: int | None, scheduler):
    """Yield ``analyze_batch`` results for the articles in ``todo``, as the batches finish, with a progress bar."""
    if todo.empty:
        return
    workers = workers or _cores()
    batches = _batches(todo, workers)
    with tqdm(total=len(todo), unit="article", desc="parley", delay=2) as bar:
        if scheduler is not None:
            results = map_batches(scheduler, batches, parties, story)
        elif workers > 1 and len(batches) > 1:
            results = _pooled(batches, parties, story, workers)
        else:
            results = (analyze_batch(batch, parties, story) for batch in batches)
        for ids, tables, *made in results:
            bar.update(len(ids))
            yield ids, tables, (made or [None])[0]


def _pooled(batches: list, parties: dict, story: Story, workers: int):
    """Yield ``analyze_batch`` results from a process pool, as they finish."""
    pool = ProcessPoolExecutor(max_workers=min(workers, len(batches)))
    try:
        futures = [pool.submit(analyze_batch, batch, parties, story) for batch in batches]
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


def _result(articles: pd.DataFrame, frames: dict, parties: dict, story: Story) -> Analysis:
    return Analysis(articles, frames["sentences"], frames["statements"], frames["conditions"], frames["actors"],
                    parties, story=story, terms=frames["terms"], uncorrected=frames["statements"])


def _story(parties) -> Story:
    """Return the story setup of a parties file or document (the defaults for None or a bare parties dict)."""
    if isinstance(parties, dict) and not isinstance(parties.get("parties"), dict):
        return Story()  # a bare parties table: no room for sections beside it
    return resolve_story(parties) if isinstance(parties, (str, Path, dict)) else Story()


def _load_cached(path_or_paths, folder: Path) -> pd.DataFrame:
    """Load articles, reusing what unchanged files loaded to last time (kept in ``folder``)."""
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
    parties : str, Path, dict or None
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
    key = _parties_key(resolve_parties(parties), _story(parties))
    return prune(config.CACHE, code, {key: {row["article_id"] for row in rows}}, memo.used)


class _Used(dict):
    """A file memo that remembers which fingerprints were looked up: the files that are still there."""

    def __init__(self, *args):
        super().__init__(*args)
        self.used: set = set()

    def __contains__(self, key) -> bool:
        self.used.add(key)
        return super().__contains__(key)


def _in_order(table: pa.Table, articles: pd.DataFrame) -> pa.Table:
    """Keep the rows of ``articles`` only, ordered as the articles are, each article's rows in their order."""
    rank = article_positions(table.column("article_id"), pd.Index(articles["article_id"]), missing=True)
    rows = np.flatnonzero(rank >= 0)
    rows = rows[np.argsort(rank[rows], kind="stable")]
    if len(rows) == len(table) and (rows[1:] > rows[:-1]).all():
        return table  # already in order
    runs = np.split(rows, np.flatnonzero(np.diff(rows) != 1) + 1)
    if len(runs) > max(64, len(rows) // 256):  # runs of a few rows: one copy beats thousands of chunks
        return table.take(pa.array(rows))
    return pa.concat_tables([table.slice(run[0], len(run)) for run in runs if len(run)])  # batches: no copy


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


def _parties_key(parties: dict, story: Story | None = None) -> str:
    """Hash the parties and the story's families and categories: either changed, the frames are redone."""
    blob = json.dumps([parties, (story or Story()).key], sort_keys=True, default=str).encode()
    return "parties-" + hashlib.sha256(blob).hexdigest()[:12]
