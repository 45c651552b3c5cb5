"""parley: compare what two governments say about the same events in the news.

The pipeline is a chain of pure functions over tidy DataFrames::

    articles   = load_articles("data/articles")
    sentences  = to_sentences(articles)
    statements = to_statements(sentences, parties="data/parties.toml", articles=articles)
    actors     = to_actors(sentences, parties="data/parties.toml", articles=articles)
    conditions = to_conditions(statements, sentences=sentences)

or, cached and in one call, ``analyze(path, parties=...)`` /
``analyze_text(text, parties=None)``.

The subpackages are the stages, in the order the data flows through them
(``ls`` lists them in that order): ``core`` (paths, lexicons, parties, story),
``corpus`` (articles, sentences), ``extract`` (who said what), ``measures``
(conditions, phrasing, terms, sentiment), ``rollup`` (summaries per
government, reprints, timeline), ``run`` (the cached, parallel ``analyze``) and
``views`` (plots, tables, report). A module imports only from its own stage and
the stages before it. The modules the notebooks use are attributes of the
package: ``parley.summaries``, ``parley.reprints``, ``parley.timeline``,
``parley.registry``, ``parley.render``, ``parley.explore``, ``parley.plots``.
"""
import importlib

from .core import config
from .core.config import VERSION as __version__
from .core.parties import load_parties, match_party
from .core.story import Story, load_story
from .corpus.articles import load_articles, load_report, to_blocks
from .corpus.sentences import sentence_spans, split_sentences, to_sentences
from .extract.actors import speakers
from .extract.pipeline import to_actors, to_statements
from .extract.statements import count_statements, describe_count
from .measures.conditions import to_conditions
from .measures.phrasing import add_phrasing, phrasing_terms
from .measures.sentiment import add_sentiment, party_sentiment
from .measures.tone import add_tone
from .measures.terms import compare_terms, kwic
from .rollup import registry, reprints, summaries, timeline
from .run import analysis
from .run.analysis import Analysis, analyze, analyze_text
from .run.newstory import init_parties
from .views import explore, render
from .views.report import make_report

__all__ = [
    "__version__",
    "Analysis",
    "Story",
    "add_phrasing",
    "add_sentiment",
    "add_tone",
    "analyze",
    "analyze_text",
    "compare_terms",
    "count_statements",
    "describe_count",
    "init_parties",
    "kwic",
    "load_articles",
    "load_parties",
    "load_report",
    "load_story",
    "make_report",
    "match_party",
    "party_sentiment",
    "phrasing_terms",
    "sentence_spans",
    "speakers",
    "split_sentences",
    "summaries",
    "to_blocks",
    "to_actors",
    "to_conditions",
    "to_sentences",
    "to_statements",
]


def __getattr__(name: str):
    """Import ``parley.plots`` on first use: matplotlib doubles the time ``import parley`` takes."""
    if name == "plots":
        return importlib.import_module(".views.plots", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
