"""Analyze a batch of articles into Arrow tables: the unit of work of a process pool or a Dask cluster."""
from __future__ import annotations

import pandas as pd
import pyarrow as pa

from ..core.lexicons import pinned
from ..core.story import Story
from ..corpus.sentences import to_sentences
from ..extract.pipeline import analyze_articles
from ..measures.conditions import to_conditions
from ..measures.phrasing import measure_phrasing
from ..measures.sentiment import add_sentiment
from ..measures.tone import add_tone
from .schemas import FRAMES as LAYOUTS
from .schemas import empty_frame, to_table

__all__ = ["FRAMES", "analyze_batch", "attribution_frames", "measured_statements"]

#: The frames of one analysis, each stored per batch of articles in the cache.
FRAMES = ("sentences", "statements", "actors", "conditions", "terms")


def analyze_batch(articles: pd.DataFrame, parties: dict, story: Story | None = None) -> tuple[list, dict]:
    """Analyze a batch of articles into Arrow tables: the unit of work of a process pool or a Dask cluster.

    Parameters
    ----------
    articles : pandas.DataFrame
        Rows of the articles frame.
    parties : dict
        The parties table (see :func:`parley.parties.resolve_parties`).
    story : parley.story.Story, optional
        The story setup (default families and categories when None).

    Returns
    -------
    (list of str, dict of str to pyarrow.Table)
        The batch's article ids, and one table per frame in :data:`FRAMES`:
        what the cache stores and what every run reads back, so fresh and
        cached frames are alike to the dtype.
    """
    story = story or Story()
    frames = attribution_frames(articles, parties, story)
    frames["statements"], frames["terms"] = measured_statements(frames["statements"], frames["conditions"], story)
    texts = dict(zip(articles["article_id"], articles["text"]))
    return articles["article_id"].tolist(), {name: _table(frames[name], name, texts) for name in FRAMES}


def measured_statements(statements: pd.DataFrame, conditions: pd.DataFrame,
                        story: Story) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Add every measure to attributed statements: phrasing, TextBlob and VADER sentiment, tone.

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        The measured statements and their phrasing terms.
    """
    measured, terms = measure_phrasing(statements, conditions, story=story)
    return add_tone(add_sentiment(measured)), terms


def attribution_frames(articles: pd.DataFrame, parties: dict, story: Story) -> dict[str, pd.DataFrame]:
    """Return who said what: the sentences, statements, actors and conditions frames (``terms`` still empty)."""
    with pinned():
        sentences = to_sentences(articles)
        statements, actors = analyze_articles(sentences, parties=parties, articles=articles)
        conditions = to_conditions(statements, sentences=sentences, story=story)
    return {"sentences": sentences, "statements": statements, "actors": actors, "conditions": conditions,
            "terms": empty_frame(LAYOUTS["terms"])}


def _table(frame: pd.DataFrame, name: str, texts: dict) -> pa.Table:
    """Convert one frame of a batch to Arrow with its declared types (a code defect raises TypeError)."""
    return to_table(frame, LAYOUTS[name], name, texts)
