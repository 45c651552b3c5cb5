"""Run the whole pipeline on files (cached) or on one raw text."""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from . import config
from .articles import articles_from_texts, load_articles, load_report
from .conditions import to_conditions
from .parties import resolve_parties
from .sentences import to_sentences
from .statements import to_statements

__all__ = ["Analysis", "analyze", "analyze_text"]

_FRAMES = ("sentences", "statements", "conditions")


@dataclass
class Analysis:
    """The frames of one analysis run.

    Attributes
    ----------
    articles : pandas.DataFrame
        One row per article (see :func:`parley.load_articles`).
    sentences, statements, conditions : pandas.DataFrame
        One row per sentence, attributed statement and condition.
    parties : dict
        The parties the statements were attributed to.
    load_report : pandas.DataFrame
        Every input file with its status and reason.
    cached : int
        How many articles came from the cache.
    """

    articles: pd.DataFrame
    sentences: pd.DataFrame
    statements: pd.DataFrame
    conditions: pd.DataFrame
    parties: dict = field(default_factory=dict)
    load_report: pd.DataFrame = field(default_factory=pd.DataFrame)
    cached: int = 0

    def __repr__(self) -> str:
        return (f"Analysis({len(self.articles)} articles, {len(self.sentences)} sentences, "
                f"{len(self.statements)} statements, {len(self.conditions)} conditions, "
                f"{self.cached} from cache)")


def analyze_text(text: str, parties=None) -> Analysis:
    """Analyse one raw article text.

    Parameters
    ----------
    text : str
        The article; all offsets in the result point into this exact string.
    parties : str, Path, dict or None
        A parties file or dict (see :func:`parley.load_parties`); None
        attributes speakers without parties.

    Returns
    -------
    Analysis
        With ``sentences``, ``statements`` and ``conditions`` frames.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    table = resolve_parties(parties)
    articles = articles_from_texts([text])
    return _run(articles, table)


def analyze(path_or_paths=config.ARTICLES, *, parties=config.PARTIES, cache: bool = True) -> Analysis:
    """Load and analyse articles from files, reusing cached results for unchanged ones.

    The cache (Parquet files under ``config.CACHE``) is keyed by each article's
    content hash, the code and lexicon version and the parties, so an edited
    article, lexicon or parties file is analysed afresh.

    Parameters
    ----------
    path_or_paths : str, Path or iterable
        Files or folders, as for :func:`parley.load_articles`.
    parties : str, Path, dict or None
        The parties file or dict.
    cache : bool
        Read and write the cache (default True).

    Returns
    -------
    Analysis
        All frames, with the load report.
    """
    table = resolve_parties(parties)
    articles = load_articles(path_or_paths)
    report = load_report(articles)
    if not cache:
        result = _run(articles, table)
        result.load_report = report
        return result
    folder = config.CACHE / _cache_key(table)
    old = {name: _read(folder / f"{name}.parquet") for name in _FRAMES}
    done = set(old["sentences"]["article_id"]) if old["sentences"] is not None else set()
    todo = articles[~articles["article_id"].isin(done)]
    fresh = _run(todo, table) if len(todo) else None
    frames = {}
    wanted = set(articles["article_id"])
    for name in _FRAMES:
        parts = [f for f in (old[name], getattr(fresh, name, None)) if f is not None and len(f)]
        combined = pd.concat(parts, ignore_index=True) if parts else getattr(_run(articles.iloc[:0], table), name)
        if fresh is not None:
            _write(folder / f"{name}.parquet", combined)
        frames[name] = _in_order(combined[combined["article_id"].isin(wanted)], articles)
    return Analysis(articles, frames["sentences"], frames["statements"], frames["conditions"], table, report,
                    cached=len(articles) - len(todo))


def _run(articles: pd.DataFrame, parties: dict) -> Analysis:
    sentences = to_sentences(articles)
    statements = to_statements(sentences, parties=parties, articles=articles)
    conditions = to_conditions(statements, sentences=sentences)
    return Analysis(articles, sentences, statements, conditions, parties)


def _in_order(frame: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Order rows as the articles are ordered, keeping each article's own row order."""
    rank = {aid: n for n, aid in enumerate(articles["article_id"])}
    order = frame["article_id"].map(rank)
    return frame.iloc[order.argsort(kind="stable")].reset_index(drop=True)


@cache
def _code_version() -> str:
    """Hash the package code and lexicons, so any change to them invalidates the cache."""
    digest = hashlib.sha256(config.VERSION.encode())
    files = sorted(Path(__file__).parent.glob("*.py")) + sorted(config.LEXICONS.glob("*"))
    for path in files:
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _cache_key(parties: dict) -> str:
    blob = json.dumps(parties, sort_keys=True, default=str).encode()
    return f"{_code_version()}-{hashlib.sha256(blob).hexdigest()[:12]}"


def _read(path: Path) -> pd.DataFrame | None:
    if not path.exists():
        return None
    try:
        return pd.read_parquet(path)
    except (OSError, ValueError):  # a corrupt or half-written cache file is recomputed, not fatal
        return None


def _write(path: Path, frame: pd.DataFrame) -> None:
    """Write atomically, so a crash or a concurrent run never leaves a half-written file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        os.close(fd)
        frame.to_parquet(tmp, index=False)
        os.replace(tmp, path)
    except OSError:  # a read-only checkout still analyses, it just does not cache
        pass
