"""Per-government tables of a corpus too large to hold: the few numbers each table needs, batch by batch.

A :class:`Digest` keeps, of every statement, condition and framing term, only
what the tables of :mod:`parley.summaries` and the charts of :mod:`parley.plots`
read: the government, the mode, the phrasing and sentiment scores, the
category, the framing family and word; identifiers become integers, text is
left out. That is about 60 bytes a statement instead of the 1.5 KB of its rows
in every frame. A digest is made of each batch where the batch is (on the Dask
workers that analysed it, or from one cached part at a time, reading only
those columns), and digests are joined by :func:`combine`. Its tables are the
``summaries`` functions applied to it, so they are the very numbers those
functions give on the whole frames.

Every report counts: a quote that several articles carry counts once in each
(the notebooks count it once, with :func:`parley.reprints.unique_statements`,
which needs every statement's text).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..rollup import summaries

__all__ = ["COLUMNS", "Digest", "combine", "digest"]

#: The columns of each frame a digest reads.
COLUMNS = {
    "statements": ["statement_id", "article_id", "party", "joint", "mode", "hedges", "boosters", "modal_strength",
                   "commitment", "polarity", "subjectivity", "vader"],
    "conditions": ["article_id", "statement_id", "party", "category"],
    "terms": ["statement_id", "article_id", "party", "kind", "family", "term", "denied"],
}
_IDS = {"statements": ["statement_id", "joint"], "conditions": ["statement_id"], "terms": ["statement_id"]}
_CATEGORIES = {"statements": ["article_id", "party", "mode"], "conditions": ["article_id", "party", "category"],
               "terms": ["article_id", "party", "kind", "family", "term"]}


@dataclass
class Digest:
    """What the per-government tables read of every statement, condition and framing term.

    Attributes
    ----------
    statements, conditions, terms : pandas.DataFrame
        The :data:`COLUMNS` of each frame (terms: framing terms only), text
        as categories, ``statement_id`` and ``joint`` as integers.
    """

    statements: pd.DataFrame
    conditions: pd.DataFrame
    terms: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """Return the per-government tables of :mod:`parley.summaries`, each with its counts and intervals.

        Returns
        -------
        dict of str to pandas.DataFrame
            ``conditionality``, ``condition_categories``, ``framing``,
            ``phrasing`` and ``sentiment``.
        """
        return {"conditionality": summaries.conditionality(self.statements, self.conditions),
                "condition_categories": summaries.condition_categories(self.conditions),
                "framing": summaries.framing(self.terms),
                "phrasing": summaries.phrasing(self.statements),
                "sentiment": summaries.sentiment(self.statements)}


def digest(tables: dict[str, pa.Table]) -> Digest:
    """Digest one batch's frames (Arrow tables of at least the :data:`COLUMNS`).

    Parameters
    ----------
    tables : dict of str to pyarrow.Table
        ``statements``, ``conditions`` and ``terms`` of one batch of articles.

    Returns
    -------
    Digest
        Identifiers numbered within the batch (:func:`combine` renumbers them).
    """
    terms = tables["terms"]
    terms = terms.filter(pc.equal(terms.column("kind"), pa.scalar("framing")))  # filtered before any row is made
    narrow = {"statements": tables["statements"], "conditions": tables["conditions"], "terms": terms}
    narrow = {name: table.select(COLUMNS[name]) for name, table in narrow.items()}
    ids = pa.chunked_array([chunk for name, columns in _IDS.items() for column in columns
                            for chunk in narrow[name].column(column).cast(pa.string()).chunks], pa.string())
    codes = pc.dictionary_encode(ids.combine_chunks()).dictionary  # every identifier, once: one number space
    frames = {}
    for name, table in narrow.items():
        frame = {}
        for column in COLUMNS[name]:
            values = table.column(column)
            if column in _IDS[name]:  # its position among the batch's identifiers; NaN where missing
                frame[column] = pd.array(pc.index_in(values.cast(pa.string()), codes).to_numpy(zero_copy_only=False),
                                         dtype="Int64")
            elif column in _CATEGORIES[name]:
                frame[column] = values.cast(pa.string()).to_pandas().astype("category")
            else:
                frame[column] = values.to_pandas()
        frames[name] = pd.DataFrame(frame)
    return Digest(**frames)


def combine(digests: list[Digest], articles: pd.Series) -> Digest:
    """Join batch digests into one, identifiers renumbered, rows in the order of ``articles`` (each article's in theirs).

    Parameters
    ----------
    digests : list of Digest
        Of batches that share no article.
    articles : pandas.Series
        The article ids, in the run's order; rows of other articles are dropped.
    """
    rank = pd.Series(np.arange(len(articles)), index=pd.Index(articles))
    out = {}
    for name in COLUMNS:
        parts, offset = [], 0
        for part in digests:
            frame = getattr(part, name)
            parts.append(frame.assign(**{c: frame[c] + offset for c in _IDS[name]}))
            offset += _top(part) + 1
        frame = _concat(parts, name)
        order = frame["article_id"].astype(object).map(rank)
        keep = order.notna().to_numpy()
        frame = frame[keep].iloc[np.argsort(order[keep].to_numpy(), kind="stable")].reset_index(drop=True)
        out[name] = frame
    return Digest(out["statements"], out["conditions"], out["terms"])


def _top(part: Digest) -> int:
    """Return the largest identifier number of a digest (-1 for none)."""
    found = [getattr(part, name)[column].max() for name, columns in _IDS.items() for column in columns]
    return max((int(v) for v in found if pd.notna(v)), default=-1)


def _concat(frames: list[pd.DataFrame], name: str) -> pd.DataFrame:
    """Concatenate digest frames, their categories united."""
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype="category" if c in _CATEGORIES[name] else "float64")
                             for c in COLUMNS[name]})
    joined = {}
    for column in COLUMNS[name]:
        if column in _CATEGORIES[name]:
            joined[column] = pd.Series(pd.api.types.union_categoricals([f[column] for f in frames]))
        else:
            joined[column] = pd.concat([f[column] for f in frames], ignore_index=True)
    return pd.DataFrame(joined)
