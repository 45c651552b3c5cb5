"""Find statements reported by a noun: "Peru's demand to reopen the port", "comments by the minister that ...".

A noun of speech with a content clause ("that ...") or an infinitive ("to
...") reports a statement when its speaker is named with it: as its possessor
("Chile's allegations that"), as its agent ("remarks by the envoy that"), or,
for nouns that are never verbs, as a name or demonym before it ("Chilean
allegations that"). The nouns are ``lib/parley/lexicons/noun_cues.csv``; the
three shapes, each with its rule id, are ``noun_cue_rules.csv``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.lexicons import alternation, built_from, read_lexicon, word_lists
from ..core.words import WORD_CHAR
from . import content as _content
from .article import Article, Sentence, Span
from .cues import Cue
from .mentions import Mention, speaker_lexicon

__all__ = ["NounCue", "noun_cues"]


@dataclass(frozen=True, slots=True)
class NounCue:
    """A statement reported by a noun: its speaker mention, the noun as its cue, its content and rule id."""

    speaker: Mention
    cue: Cue
    content: tuple[int, int]
    rule: str


@built_from("noun_cues.csv", "noun_cue_rules.csv", "attribution.csv", "speakers.csv")
def _rules() -> tuple[tuple[str, re.Pattern], ...]:
    """Compile the shapes of ``noun_cue_rules.csv`` over the nouns of ``noun_cues.csv``: ``(rule, pattern)``."""
    nouns = read_lexicon("noun_cues.csv")
    fill = {
        "noun": alternation([r["form"].strip() for r in nouns]),
        "adjunct": alternation([r["form"].strip() for r in nouns if r["adjunct"].strip() == "yes"]),
        "adjective": alternation(word_lists("attribution.csv")["noun_cue_adjective"]),
        "body": alternation(sorted(speaker_lexicon().bodies | speaker_lexicon().roles)),
    }
    out = []
    for row in read_lexicon("noun_cue_rules.csv"):
        pattern = re.sub(r"\{(\w+)\}", lambda m: fill[m.group(1)], row["pattern"].strip())
        out.append((row["rule"].strip(), re.compile(pattern)))
    return tuple(out)


@built_from("noun_cues.csv")
def _near() -> re.Pattern:
    """Match a noun of speech before what every shape needs after it (a cheap test before the shapes)."""
    nouns = alternation([r["form"].strip() for r in read_lexicon("noun_cues.csv")])
    return re.compile(rf"(?<![\w-])(?:{nouns})\s+(?:that|to|by|made)\s")


@built_from("noun_cues.csv")
def _takes() -> dict[str, frozenset[str]]:
    """Return what each noun takes: {"demand": {"that", "to"}, "threat": {"to"}, ...}."""
    return {r["form"].strip(): frozenset(r["takes"].split()) for r in read_lexicon("noun_cues.csv")}


def noun_cues(article: Article, sent: Sentence, cue_starts: list[int]) -> list[NounCue]:
    """List the statements that nouns of speech report in a sentence, outside quotes.

    Parameters
    ----------
    article : Article
        The article; a noun inside one of its quotes is the quoted speaker's.
    sent : Sentence
        The sentence.
    cue_starts : list of int
        Where the sentence's verb cues start: a content ends before the next one.

    Returns
    -------
    list of NounCue
        In text order.
    """
    text, quotes, s, e = article.text, article.quotes, sent.start, sent.end
    if not _near().search(text, s, e):
        return []  # most sentences have no noun of speech before "that", "to" or "by"
    takes = _takes()
    lex = speaker_lexicon()
    found: dict[int, NounCue] = {}
    for rule, pattern in _rules():
        for m in pattern.finditer(text, s, e):
            ns, ne = m.span("noun")
            if ns in found or m["link"] not in takes[m["noun"]] or quotes.around(ns):
                continue
            speaker = _trim_speaker(text, sent, Span(*m.span("speaker")), lex)
            if speaker is None:
                continue
            after = max(ne, m.end("speaker"))
            nxt = next((c for c in cue_starts if c > after), None)
            plain = m["link"] == "to"
            span = _content.content_after(_content.Clause(article, s, e), m.start("link") - 1 if plain else after,
                                          "speech", nxt, plain=plain)
            if span:
                found[ns] = NounCue(speaker, Cue(ns, ne, m["noun"].lower(), "noun"), span, rule)
    return [found[k] for k in sorted(found)]


def _trim_speaker(text: str, sent: Sentence, phrase: Span, lex) -> Mention | None:
    """Return a sentence's speaker phrase without capitalised function words before it ("On Monday Peru" -> "Peru").

    None when nothing is left, or when the phrase opens its clause: "Iraq's threat to retaliate was taken
    seriously" has no end to its content but the sentence's main verb, which a pattern cannot find.
    """
    start, end = phrase
    words = list(re.finditer(r"\S+", text[start:end]))
    while words and _function_word(words[0].group(0), lex) and (len(words) == 1 or words[0].group(0).lower() != "the"):
        words.pop(0)
    if not words or all(_function_word(w.group(0), lex) for w in words):
        return None
    before = _WORD_BEFORE.search(text, sent.start, start + words[0].start())
    if not before or not before.group(1).islower():
        return None
    begin = start + words[0].start()
    return Mention(begin, end, text[begin:end])


def _function_word(word: str, lex) -> bool:
    low = word.lower()
    return low in lex.stop or low in lex.determiners or word in lex.weekdays or low in lex.weekdays


_WORD_BEFORE = re.compile(rf"({WORD_CHAR}+)\s+(?:the\s+)?$")
