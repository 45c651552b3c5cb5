"""Run the attribution over every article: statements and actors from one pass.

Per article: read it once into an :class:`~.article.Article` (its text, its
sentences after their datelines, its quotes paired by :mod:`.quotes`), extract
the statements (:mod:`.statements`), gather and resolve the actors they
mention (:mod:`.actors`, :mod:`.resolution`), and build the two frames.
"""
from __future__ import annotations

import pandas as pd

from ..core.lexicons import pinned
from ..core.setup import resolve_setup
from ..corpus.sentences import dateline_end
from .actors import Describer, actor_frame, actor_rows
from .article import Article, Sentence
from .quotes import Quotes
from .resolution import resolve
from .statements import extract, statement_frame, statement_rows

__all__ = ["analyze_articles", "article_sentences", "to_actors", "to_statements"]


def to_statements(sentences: pd.DataFrame, *, parties=None, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Find who said what in each article, resolve speakers and assign parties.

    Parameters
    ----------
    sentences : pandas.DataFrame
        From :func:`parley.to_sentences` (``article_id``, ``sentence_id``,
        ``block``, ``block_index``, ``start``, ``end``, ``text``).
    parties : str, Path, dict, Setup or None
        The parties file or dict, or the :class:`parley.core.setup.Setup`
        read from it; None leaves ``party`` empty.
    articles : pandas.DataFrame, optional
        The articles the sentences came from. Contents that run over several
        sentences are cut from the article text, so pass it for exact spans;
        without it the text is rebuilt from the sentences (gaps become spaces
        within a block and newlines between blocks).

    Returns
    -------
    pandas.DataFrame
        One row per statement, columns ``STATEMENT_COLUMNS``, offsets into the
        article text. ``mode`` is direct, indirect, mixed or according_to;
        ``party_evidence`` says how the party was decided (the alias that
        matched, or the statement an anaphor was resolved to); ``actor_id``
        links the speaker to :func:`parley.to_actors`; ``via`` is the outlet
        that relayed it ("according to Reuters"); ``rule`` names the rule that
        found it. A joint statement of several governments has one row per
        government, each with its ``party`` and the same ``joint`` id (the
        first row's ``statement_id``); :func:`count_statements` counts it once.
        A statement that the headline, standfirst or a caption repeats from
        the body (same government, 80% of its words) is one row, the body's;
        ``repeats`` keeps the other place as ``"block:start-end"`` (several
        joined by ";"), None when there is none. ``uncertain`` says why the
        government rests on an uncertain decision (a pronoun, a close second
        antecedent, nothing found, a weak cue; see :mod:`parley.extract.uncertainty`),
        None when it does not.
    """
    return analyze_articles(sentences, parties=parties, articles=articles)[0]


def analyze_articles(sentences: pd.DataFrame, *, parties=None,
                     articles: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the statements and actors frames of every article, from one pass over them.

    Parameters
    ----------
    sentences : pandas.DataFrame
        From :func:`parley.to_sentences`.
    parties : str, Path, dict, Setup or None
        The parties file or dict, or its setup.
    articles : pandas.DataFrame, optional
        The articles, for exact offsets.

    Returns
    -------
    tuple of pandas.DataFrame
        ``(statements, actors)``, as :func:`to_statements` and
        :func:`parley.to_actors` return them.
    """
    table = resolve_setup(parties).parties
    rows: list[tuple] = []
    arows: list[tuple] = []
    with pinned():
        describe = Describer(table)
        for aid, text, sents in article_sentences(sentences, articles):
            article = read_article(text, sents)
            found = extract(article)
            mentions, actors = resolve(found, article, table, describe)
            rows.extend(statement_rows(aid, article, found))
            arows.extend(actor_rows(aid, article.sents, mentions, actors))
    return statement_frame(rows), actor_frame(arows)


def to_actors(sentences: pd.DataFrame, *, parties=None, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """List every mention of every actor in each article, with the actor's party and its evidence.

    Parameters
    ----------
    sentences : pandas.DataFrame
        From :func:`parley.to_sentences`.
    parties : str, Path, dict, Setup or None
        The parties file or dict, or its setup.
    articles : pandas.DataFrame, optional
        The articles, for exact offsets (as for :func:`parley.to_statements`).

    Returns
    -------
    pandas.DataFrame
        One row per mention, columns ``ACTOR_COLUMNS``: ``actor_id`` groups
        the mentions of one actor; ``form`` is name, description, pronoun,
        relative, document or joint; ``kind`` the actor's kind (person, body,
        group, document, joint, or unknown for a lone capitalised word);
        ``speaker`` whether the mention speaks a statement; ``party`` the
        actor's government (None without one, or for a joint actor, whose
        governments ``party_evidence`` lists). This runs the whole
        attribution; :func:`parley.analyze` returns both frames from one pass.
    """
    return analyze_articles(sentences, parties=parties, articles=articles)[1]


def article_sentences(sentences: pd.DataFrame, articles: pd.DataFrame | None):
    """Yield ``(article_id, text, [Sentence, ...])`` per article, the text exact when ``articles`` is given."""
    texts = dict(zip(articles["article_id"].tolist(), articles["text"].tolist())) if articles is not None else {}
    # Plain lists, grouped by hand: pandas groupby costs more than the extraction on short articles.
    columns = ("article_id", "sentence_id", "block", "block_index", "start", "end", "text")
    by_article: dict[str, list[tuple]] = {}
    for row in zip(*(sentences[c].tolist() for c in columns)):
        by_article.setdefault(row[0], []).append(row[1:])
    for aid, rows in by_article.items():
        text = texts.get(aid)
        if text is None:
            text = _rebuild(rows)
        yield aid, text, [Sentence(*r[:5]) for r in rows]


def read_article(text: str, sents: list[Sentence]) -> Article:
    """Make the article the attribution reads, once: its sentences after their datelines, its quotes paired."""
    return Article(text, tuple(without_datelines(text, sents)), Quotes(text))


def without_datelines(text: str, sents: list[Sentence]) -> list[Sentence]:
    """Start the sentences that open a body paragraph after their dateline ("ISLAMABAD (Reuters) - ")."""
    out = []
    first = True
    for n, sent in enumerate(sents):
        if sent.block == "body" and (n == 0 or sents[n - 1].block_index != sent.block_index):
            start = dateline_end(text, sent.start, sent.end, first=first)
            first = False
            if start != sent.start:
                sent = sent._replace(start=start)
        out.append(sent)
    return out


def _rebuild(rows: list[tuple]) -> str:
    """Rebuild an article text from its sentences, at their offsets."""
    end = max((x[4] for x in rows), default=0)
    chars = [" "] * end
    last_block = None
    for _, _, b, s, e, t in rows:
        if last_block is not None and b != last_block and s > 0:
            chars[s - 1] = "\n"
        chars[s:e] = t
        last_block = b
    return "".join(chars)
