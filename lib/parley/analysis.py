"""Run the whole pipeline on files (cached) or on one raw text."""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from . import config
from . import articles as _articles
from .articles import ARTICLE_COLUMNS, REPORT_COLUMNS, articles_from_texts, load_report
from .conditions import to_conditions
from .lexicons import pinned
from .parties import resolve_parties
from .sentences import to_sentences
from .statements import analyse_articles
from .story import Story, resolve_story

__all__ = ["Analysis", "analyze", "analyze_text"]

_FRAMES = ("sentences", "statements", "actors", "conditions")


@dataclass
class Analysis:
    """The frames of one analysis run.

    Attributes
    ----------
    articles : pandas.DataFrame
        One row per article (see :func:`parley.load_articles`).
    sentences, statements, conditions : pandas.DataFrame
        One row per sentence, attributed statement and condition.
    actors : pandas.DataFrame
        One row per mention of a person, body, group or document (see
        :func:`parley.to_actors`); statements link to it by ``actor_id``.
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

    def __repr__(self) -> str:
        def counted(n: int, word: str) -> str:
            return f"{n} {word}{'' if n == 1 else 's'}"

        return (f"Analysis({counted(len(self.articles), 'article')}, {counted(len(self.sentences), 'sentence')}, "
                f"{counted(len(self.statements), 'statement')}, {counted(len(self.actors), 'actor mention')}, "
                f"{counted(len(self.conditions), 'condition')}, "
                f"{self.cached} from cache)")


def analyze_text(text: str, parties=None) -> Analysis:
    """Analyse one raw article text.

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
        With ``sentences``, ``statements``, ``actors`` and ``conditions`` frames.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    table = resolve_parties(parties)
    articles = articles_from_texts([text])
    return _run(articles, table, _story(parties))


def analyze(path_or_paths=None, *, parties=config.PARTIES, cache: bool = True) -> Analysis:
    """Load and analyse articles from files, reusing cached results for unchanged ones.

    The cache (Parquet files under ``config.CACHE``, read at call time) keeps
    what each file loaded to, keyed by a hash of its bytes and its metadata
    sidecar, and the frames of each article, keyed by the article's content
    hash. Both are stored under the code and lexicon version, the frames also
    under the parties, so an edited article, lexicon, parties file or parley
    itself is analysed afresh. A corrupt cache is recomputed, never fatal.

    Parameters
    ----------
    path_or_paths : str, Path or iterable, optional
        Files or folders, as for :func:`parley.load_articles` (default
        ``config.ARTICLES``).
    parties : str, Path, dict or None
        The parties file or dict; its optional ``[framing]`` and
        ``[conditions]`` sections are the story setup (see
        :mod:`parley.story`), part of the cache key like the parties.
    cache : bool
        Read and write the cache (default True).

    Returns
    -------
    Analysis
        All frames, with the load report; ``cached`` counts the articles
        whose frames came from the cache.
    """
    path_or_paths = config.ARTICLES if path_or_paths is None else path_or_paths
    table = resolve_parties(parties)
    story = _story(parties)
    if not cache:
        articles = _articles.load_articles(path_or_paths)
        return _with_report(_run(articles, table, story), articles)
    code = _code_version()
    articles = _load_cached(path_or_paths, config.CACHE / code)
    folder = config.CACHE / code / _parties_key(table, story)
    done, old = _read_frames(folder)
    wanted = articles["article_id"]
    todo = articles[~wanted.isin(done)]
    frames = {}
    if len(todo):
        fresh = _run(todo, table, story)
        redo = set(todo["article_id"])
        written = True
        for name in _FRAMES:
            new = getattr(fresh, name)
            kept = old[name][~old[name]["article_id"].isin(redo)] if old else None
            frame = pd.concat([kept, new], ignore_index=True) if kept is not None and len(kept) else new
            frames[name] = _arrow_roundtrip(frame)  # the dtypes a cached run will read back
            written &= _write(folder / f"{name}.parquet", frames[name])
        if written:  # last: an article counts as done only once all its frames are on disk
            _write(folder / "done.parquet", pd.DataFrame({"article_id": sorted(done | redo)}))
    else:
        frames = old or {name: _arrow_roundtrip(getattr(_run(todo, table, story), name)) for name in _FRAMES}
    frames = {name: _in_order(frame, articles) for name, frame in frames.items()}
    result = Analysis(articles, frames["sentences"], frames["statements"], frames["conditions"], frames["actors"],
                      table, cached=len(articles) - len(todo), story=story)
    return _with_report(result, articles)


def _with_report(result: Analysis, articles: pd.DataFrame) -> Analysis:
    result.articles = articles
    result.load_report = load_report(articles)
    return result


def _story(parties) -> Story:
    """Return the story setup of a parties file or document (the defaults for None or a bare parties dict)."""
    if isinstance(parties, dict) and not isinstance(parties.get("parties"), dict):
        return Story()  # a bare parties table: no room for sections beside it
    return resolve_story(parties) if isinstance(parties, (str, Path, dict)) else Story()


def _run(articles: pd.DataFrame, parties: dict, story: Story | None = None) -> Analysis:
    story = story or Story()
    with pinned():
        sentences = to_sentences(articles)
        statements, actors = analyse_articles(sentences, parties=parties, articles=articles)
        conditions = to_conditions(statements, sentences=sentences, story=story)
    return Analysis(articles, sentences, statements, conditions, actors, parties, story=story)


def _load_cached(path_or_paths, folder: Path) -> pd.DataFrame:
    """Load articles, reusing what unchanged files loaded to last time (kept in ``folder``)."""
    memo = _read_memo(folder)
    before = set(memo)
    rows, report = _articles._load(path_or_paths, memo)
    if set(memo) != before:
        _write_memo(folder, memo)
    return _articles._frame(rows, report)


def _read_memo(folder: Path) -> dict:
    """Read the per-file load cache: file fingerprint -> what the file loaded to."""
    records = _read_records(folder / "files.parquet", ["file_key", *REPORT_COLUMNS, *ARTICLE_COLUMNS])
    memo: dict = {}
    for record in records or []:
        loaded = memo.setdefault(record["file_key"], _articles._Loaded())
        loaded.report.append({c: record[c] for c in REPORT_COLUMNS})
        if record["status"] == "loaded":
            loaded.rows.append({c: record[c] for c in ARTICLE_COLUMNS})
    return memo


def _write_memo(folder: Path, memo: dict) -> None:
    """Write the per-file load cache as one table (one file: never half of it on disk)."""
    records = []
    for key, loaded in memo.items():
        rows = iter(loaded.rows)  # one article row per "loaded" report row, in order
        for entry in loaded.report:
            records.append({"file_key": key, **(next(rows) if entry["status"] == "loaded" else {}), **entry})
    columns = ["file_key", *REPORT_COLUMNS, *(c for c in ARTICLE_COLUMNS if c not in REPORT_COLUMNS)]
    _write(folder / "files.parquet", pd.DataFrame(records, columns=columns))


def _read_frames(folder: Path) -> tuple[set, dict | None]:
    """Read the cached frames; any missing or unreadable file means no cache (everything is redone)."""
    done = _read(folder / "done.parquet", ["article_id"])
    frames = {name: _read(folder / f"{name}.parquet", ["article_id"]) for name in _FRAMES}
    if done is None or any(frame is None for frame in frames.values()):
        return set(), None
    return set(done["article_id"]), frames


def _arrow_roundtrip(frame: pd.DataFrame) -> pd.DataFrame:
    """Give a fresh frame the dtypes it will have when read back from Parquet."""
    try:
        return _plain(pa.Table.from_pandas(frame, preserve_index=False).to_pandas())
    except (ValueError, TypeError, pa.ArrowException):  # mixed-type columns: returned as is, not cached
        return frame.reset_index(drop=True)


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
    files = sorted(Path(__file__).parent.glob("*.py")) + sorted(config.LEXICONS.glob("*"))
    for path in files:
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _parties_key(parties: dict, story: Story | None = None) -> str:
    """Hash the parties and the story's families and categories: either changed, the frames are redone."""
    blob = json.dumps([parties, (story or Story()).key], sort_keys=True, default=str).encode()
    return "parties-" + hashlib.sha256(blob).hexdigest()[:12]


def _read_table(path: Path, columns: list[str]) -> pa.Table | None:
    """Read a cache file; None when it is missing, unreadable or lacks ``columns``."""
    if not path.exists():
        return None
    try:
        table = pq.read_table(path)
    except Exception:  # a corrupt or half-written cache file is recomputed, not fatal
        return None
    return table if set(columns) <= set(table.column_names) else None


def _read_records(path: Path, columns: list[str]) -> list[dict] | None:
    """Read a cache file as a list of row dicts (nulls come back as None)."""
    table = _read_table(path, columns)
    return None if table is None else table.to_pylist()


def _read(path: Path, columns: list[str]) -> pd.DataFrame | None:
    """Read a cache file as a frame with the dtypes a fresh run has."""
    table = _read_table(path, columns)
    return None if table is None else _plain(table.to_pandas())


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Hold text as Python objects with None for missing, as freshly computed frames do (Arrow gives NaN)."""
    for column in frame.columns:
        dtype = frame[column].dtype
        if isinstance(dtype, pd.StringDtype) or dtype == object:
            values = frame[column].astype(object)
            frame[column] = values.where(values.notna(), None)
    return frame


def _write(path: Path, frame: pd.DataFrame) -> bool:
    """Write atomically, so a crash or a concurrent run never leaves a half-written file; say if it worked."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        os.close(fd)
        try:
            frame.to_parquet(tmp, index=False)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.remove(tmp)
    except (OSError, ValueError, TypeError, pa.ArrowException):
        return False  # a read-only checkout or an unstorable column still analyses, it just does not cache
    return True
