"""parley: compare what two governments say about the same events in the news.

The pipeline is a chain of pure functions over tidy DataFrames::

    articles   = load_articles("data/articles")
    sentences  = to_sentences(articles)
    statements = to_statements(sentences, parties="data/parties.toml", articles=articles)
    actors     = to_actors(sentences, parties="data/parties.toml", articles=articles)
    conditions = to_conditions(statements, sentences=sentences)

or, cached and in one call, ``analyze(path, parties=...)`` /
``analyze_text(text, parties=None)``.
"""
from .articles import load_articles, load_report, to_blocks
from .sentences import sentence_spans, split_sentences, to_sentences
from .parties import load_parties, match_party
from .story import Story, load_story
from .statements import count_statements, describe_count, to_statements
from .actors import speakers, to_actors
from .conditions import to_conditions
from .phrasing import add_phrasing, phrasing_terms
from .terms import compare_terms, kwic
from .sentiment import add_sentiment, party_sentiment
from .tone import add_tone
from .analysis import Analysis, analyze, analyze_text
from .report import make_report
from . import summaries
from .config import VERSION as __version__

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
