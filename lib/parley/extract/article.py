"""One article as the attribution reads it: its text, its sentences and its quotes, made once.

Every step of the attribution (:mod:`.cues`, :mod:`.content`,
:mod:`.statements`, :mod:`.actors`, :mod:`.resolution`) asks the same article
the same questions, so :func:`parley.extract.pipeline.analyze_articles` builds
one :class:`Article` per article and passes it on; offsets that go together
travel as a :class:`Span`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from .quotes import Quotes

__all__ = ["Article", "Sentence", "Span"]


class Span(NamedTuple):
    """A span of the article text: ``text[start:end]``."""

    start: int
    end: int


class Sentence(NamedTuple):
    """One sentence of an article, as the extractor reads it."""

    sentence_id: str
    block: str
    block_index: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Article:
    """An article being attributed.

    Attributes
    ----------
    text : str
        The article text exactly as loaded: every offset points into it.
    sents : tuple of Sentence
        Its sentences in text order (a body paragraph's first one starts after its dateline).
    quotes : Quotes
        Its quotes, paired over the whole text.
    """

    text: str
    sents: tuple[Sentence, ...]
    quotes: Quotes
