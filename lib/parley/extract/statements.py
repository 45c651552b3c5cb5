"""Attribute statements in news text: who said what, to whom it is resolved, and for which party.

The extractor is rule based and runs offline. For each sentence it finds
reporting cues (:mod:`parley.cues`), the speaker mention next to the cue
(:mod:`parley.mentions`) and the content: the quote or clause that was said
(:mod:`parley.content`). Quotes are paired over the whole article
(:mod:`parley.quotes`), so quotes that run over several sentences or
paragraphs are one content span, and quote paragraphs without a cue continue
the previous speaker. Speakers are then linked to the article's actors
(:mod:`parley.actors`, :mod:`parley.resolution`), whose descriptions decide
the party. Where it cannot decide, a statement says so (``speaker`` None,
``party_evidence`` "unresolved ...") rather than guessing. Each statement
names the rule that produced it (``rule``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ..core.frames import from_rows
from ..core.lexicons import alternation, built_from, word_lists
from ..core.words import PLAIN, WORD_CHAR
from . import content as _content
from .actors import actor_lexicon
from .article import Article, Sentence, Span
from .cues import Cue, cue_lexicon, find_cues
from .mentions import Mention, clause_subject, left_speaker, right_speaker, speaker_lexicon, strip_article
from .noun_cues import noun_cues
from .quotes import NL, line_end, opens_quote
from .uncertainty import uncertainty

__all__ = ["STATEMENT_COLUMNS", "Sentence", "Statement", "extract", "statement_frame", "statement_rows",
           "count_statements", "describe_count"]

#: One row per attributed statement. Offsets are into the article text.
STATEMENT_COLUMNS = [
    "statement_id", "article_id", "sentence_id", "block",
    "speaker", "speaker_mention", "speaker_start", "speaker_end",
    "cue", "cue_start", "cue_end",
    "content", "content_start", "content_end",
    "mode", "party", "party_evidence",
    "actor_id", "joint", "via", "rule", "repeats", "uncertain",
]


@dataclass(slots=True)
class Statement:
    """One attributed statement while an article is analyzed."""

    sentence: int                 # index into the article's sentence list
    speaker: Mention
    cue: Cue | None
    content: tuple[int, int]
    mode: str
    rule: str
    document: bool = False        # said "in a statement" and the like
    continues: "Statement | int | None" = None  # the statement this one continues (an index once extracted)
    resolved: str | None = None
    party: str | None = None
    evidence: str = ""
    actor: int | None = None
    parties: tuple[str, ...] = ()
    via: str | None = None        # the outlet that relayed it ("according to Reuters")
    reciprocal: bool = False      # "A and B accused each other": one statement per government, not a joint one


# --------------------------------------------------------------------------- public

def count_statements(statements: pd.DataFrame) -> tuple[int, int]:
    """Count distinct statements and how many of them are joint.

    A joint statement (several governments speaking together) has one row per
    government, all with the same ``joint`` id, so that every per-government
    count includes it; totals count it once.

    Parameters
    ----------
    statements : pandas.DataFrame
        With ``statement_id`` and ``joint``.

    Returns
    -------
    tuple of int
        ``(statements, joint statements)``.
    """
    if statements is None or not len(statements):
        return 0, 0
    joint = statements["joint"] if "joint" in statements else pd.Series(None, index=statements.index, dtype=object)
    key = joint.where(joint.notna(), statements["statement_id"])
    return int(key.nunique()), int(joint.dropna().nunique())


def describe_count(statements: pd.DataFrame) -> str:
    """Return "N statements" for a caption, saying how joint statements were counted."""
    n, joint = count_statements(statements)
    text = f"{n} statement{'s' if n != 1 else ''}"
    if joint:
        text += f" ({joint} joint, counted for each government)"
    return text


def statement_frame(rows: list[tuple]) -> pd.DataFrame:
    """Build the statements frame with its dtypes."""
    return from_rows(rows, STATEMENT_COLUMNS, ints=("speaker_start", "speaker_end", "content_start", "content_end"),
                     nullable_ints=("cue_start", "cue_end"))


def statement_rows(aid: str, article: Article, found: list[Statement]) -> list[tuple]:
    """Return the frame rows of one article: one per statement, one per government of a joint statement.

    A statement that a headline, standfirst or caption repeats from the body
    counts once: the body's row stays, and its ``repeats`` column keeps the
    other place ("standfirst:262-336"; several joined by ";").
    """
    text, sents = article.text, article.sents
    kept = _repeats(article, found)
    places: dict[int, list[str]] = {}
    for n, m in kept.items():
        places.setdefault(m, []).append(f"{sents[found[n].sentence].block}:{found[n].content[0]}-{found[n].content[1]}")
    rows = []
    for n, f in enumerate(found):
        if n in kept:
            continue
        sent = sents[f.sentence]
        cs, ce = f.content
        evidence = _QUOTE_REF.sub(lambda m: f"{aid}:q{kept.get(int(m.group(1)), m.group(1))}",
                          f.evidence)  # ids exist only now; a folded repeat stands for the statement it repeats
        cue = f.cue
        sid = f"{aid}:q{n}"
        joint = sid if len(f.parties) > 1 and not f.reciprocal else None
        for k, party in enumerate(f.parties if joint or f.reciprocal else (f.party,)):
            rows.append((
                sid if k == 0 else f"{sid}+{k}", aid, sent.sentence_id, sent.block,
                f.resolved, f.speaker.text, f.speaker.start, f.speaker.end,
                text[cue.start:cue.end] if cue else None, cue.start if cue else None, cue.end if cue else None,
                text[cs:ce], cs, ce,
                f.mode, party, evidence,
                f"{aid}:a{f.actor}" if f.actor is not None else None, joint, f.via, f.rule,
                ";".join(places[n]) if n in places else None, uncertainty(f.rule, evidence),
            ))
    return rows


_CONTENT_WORD = re.compile(rf"\w{WORD_CHAR}*")
_QUOTE_REF = re.compile(r"#(\d+)")  # "continues #3": another statement's number in an evidence
_MIN_WORDS = 4          # shorter contents ("yes") repeat by chance
_CONTAINED = 0.8        # share of the repeat's words found in the body statement


def _repeats(article: Article, found: list[Statement]) -> dict[int, int]:
    """Return {index of a statement outside the body: index of the body statement it repeats}.

    A repeat has the same speaker's government(s) and at least 80% of its
    content words (four or more) in the body statement's content: a
    standfirst "confirmed meetings 'in the coming days' to discuss the
    'transition'" repeats the body's longer sentence, curly or straight quotes
    alike.
    """
    text, sents = article.text, article.sents
    body = [n for n, f in enumerate(found) if sents[f.sentence].block == "body"]
    if len(body) == len(found):
        return {}  # most articles: every statement is in the body, none can be a repeat
    words = [frozenset(w.lower().replace("’", "'") for w in _CONTENT_WORD.findall(text[f.content[0]:f.content[1]]))
             for f in found]
    out = {}
    for n, f in enumerate(found):
        if sents[f.sentence].block == "body" or len(words[n]) < _MIN_WORDS:
            continue
        who = f.parties or (f.party,)
        for m in body:
            g = found[m]
            if (g.parties or (g.party,)) == who and (f.party is not None or f.resolved == g.resolved) \
                    and len(words[n] & words[m]) >= _CONTAINED * len(words[n]):
                out[n] = m
                break
    return out


# --------------------------------------------------------------------------- extraction

def extract(article: Article) -> list[Statement]:
    """Find the statements of one article, in text order.

    Parameters
    ----------
    article : Article
        The article: its text, sentences and quotes.

    Returns
    -------
    list of Statement
        Unresolved: speakers are mentions, parties are not yet decided.
    """
    text = article.text
    found: list[Statement] = []
    done = 0  # end of the last special form: its other sentences are already attributed
    for i, sent in enumerate(article.sents):
        if sent.block == "caption" or sent.start < done:
            continue  # captions describe photos; they are not anybody's statement
        before = len(found)
        title_case = sent.block == "headline" or (i == 0 and _first_line(text, sent)) or _subhead(text, sent)
        special = _headline(text, sent) if title_case else None
        special = special or _special_form(text, sent)
        if special:
            special.sentence = i
            found.append(special)
            done = special.content[1]
            continue
        cues = find_cues(article, sent, title_case=title_case, standfirst=sent.block == "standfirst")
        clause = _content.Clause(article, sent.start, sent.end, i) if cues else None
        for n, cue in enumerate(cues):
            nxt = cues[n + 1].start if n + 1 < len(cues) else None
            for got in _attribute(clause, cue, found[before:], nxt):
                if got.continues is _PREVIOUS:
                    got.continues = found[-1]
                got.sentence = i
                found.append(got)
        opening = _opening_participle(article, sent, found[before:])
        if opening:
            opening.sentence = i
            found.insert(before, opening)
        for nc in noun_cues(article, sent, [c.start for c in cues]):
            found.append(Statement(i, nc.speaker, nc.cue, nc.content, _mode(article, nc.content, nc.cue, nc.speaker),
                                   nc.rule))
        _relays(text, found, before, sent)
        if len(found) == before:
            _add_without_cue(article, i, found)
    return _dedupe(found)


def _add_without_cue(article: Article, i: int, found: list[Statement]) -> None:
    """Add the statement of sentence ``i``, which has no cue of its own: a quote paragraph that continues the
    statement before it, or a quote after "X issued a statement ..." in the sentence before."""
    if found:
        prev = found[-1]
        span = _content.continuation_span(article, i, prev.content[1], article.sents[prev.sentence].block_index)
        if span:
            found.append(Statement(i, prev.speaker, None, span, "direct", "continuation-paragraph",
                                   continues=prev))
            return
    got = _document_quote(article, i)
    if got:
        found.append(got)


@built_from("reporting_verbs.csv")
def _opening_re() -> re.Pattern:
    """Match a participle cue and "that" opening a sentence ("Noting that ...")."""
    forms = [f[:1].upper() + f[1:] for f, (kind, _) in cue_lexicon().verbs.items() if kind == "participle"]
    return re.compile(rf"(?:{alternation(forms)})\s+that\s+")


def _opening_participle(article: Article, sent: Sentence, same_sentence: list[Statement]) -> Statement | None:
    """Read "Noting that A, X said B": A is X's too, up to the comma before X."""
    text = article.text
    m = _opening_re().match(text, sent.start, sent.end) if text[sent.start:sent.start + 1].isupper() else None
    if not m:
        return None
    for f in same_sentence:
        if f.cue is not None and f.speaker.start > m.end() and f.speaker.end <= f.cue.start:
            comma = text.rfind(",", m.end(), f.speaker.start)
            span = _content.trim(text, m.end(), comma) if comma > 0 else None
            if span is None or len(text[span[0]:span[1]].split()) < 3:
                return None
            cue = Cue(m.start(), m.start() + len(m.group(0).split()[0]), m.group(0).split()[0].lower(), "participle")
            return Statement(0, f.speaker, cue, span, _mode(article, span, cue, f.speaker), "participle-opening")
    return None


def _first_line(text: str, sent: Sentence) -> bool:
    """Say whether a sentence of at most 20 words fills its line: an article's first one is then its title."""
    e = sent.end
    return (e == len(text) or text[e] in NL) and len(text[sent.start:e].split()) <= 20


def _subhead(text: str, sent: Sentence) -> bool:
    """Say whether a sentence is an all-caps subhead on a line of its own ("IRAQ VOWS TO STAND FIRM")."""
    s, e = sent.start, sent.end
    piece = text[s:e]
    if len(piece) > 120 or not piece.isupper() or len(piece.split()) < 3:
        return False  # str.isupper: some cased letter and no lower-case one
    return _opens_line(text, s) and not text[e:line_end(text, s)].strip()


def _document_quote(article: Article, i: int) -> Statement | None:
    """Read a quote that opens sentence ``i`` after "X issued a statement ..." as X's words from that document."""
    text, sents, quotes = article.text, article.sents, article.quotes
    sent = sents[i]
    if i == 0 or sent.block != "body" or not opens_quote(text, sent.start):
        return None
    prev = sents[i - 1]
    if prev.block != "body" or sent.block_index - prev.block_index > 1:
        return None
    m = speaker_lexicon().issued.search(text, prev.start, prev.end)
    if not m or quotes.around(m.start()):
        return None
    speaker = left_speaker(text, Span(prev.start, m.start()), [])
    q = quotes.starting_at(sent.start)
    span = _content.trim(text, sent.start, min(q[1], line_end(text, sent.start)) if q else sent.end)
    if speaker is None or not span or len(text[span[0]:span[1]].split()) < 3:
        return None
    return Statement(i, speaker, Cue(m.start(), m.end(), text[m.start():m.end()].lower(), "document"), span,
                     "direct", "document-quote", document=True)


def _dedupe(found: list[Statement]) -> list[Statement]:
    """Drop statements whose content repeats an earlier one's exactly (two cues, one quote); number continuations."""
    seen = set()
    out = []
    for f in found:
        if f.content in seen:
            continue
        seen.add(f.content)
        out.append(f)
    index = {id(f): n for n, f in enumerate(out)}
    for f in out:  # a continuation names the statement it continues by its index, once the list is final
        if f.continues is not None:
            f.continues = index.get(id(f.continues))
    return out


_HEADLINE_TAIL = re.compile(r"(?P<content>.+?\S)\s*:\s*(?P<speaker>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})\s*$")
_HEADLINE_HEAD = re.compile(r"(?P<speaker>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)?)\s*:\s+(?P<content>\S.*)$")


def _kicker(name: str, lex) -> bool:
    """Say whether a headline's "X:" is a kicker ("The Latest", "Delegate Update"), not a speaker."""
    return name.upper() in lex.not_speakers


def _headline(text: str, sent: Sentence) -> Statement | None:
    """Read a headline's attribution: "Content: Speaker" or "Speaker: content"."""
    s, e = sent.start, sent.end
    lex = speaker_lexicon()
    line = text[s:e]
    m = _HEADLINE_TAIL.fullmatch(line)
    if m and len(m["content"].split()) >= 3 and not _kicker(m["speaker"], lex) \
            and _content.trim(text, s + m.start("content"), s + m.end("content")):
        colon = s + line.rindex(":", m.end("content"), m.start("speaker"))
        return Statement(0, Mention(s + m.start("speaker"), s + m.end("speaker"), m["speaker"]),
                         Cue(colon, colon + 1, ":", "speech"),
                         _content.trim(text, s + m.start("content"), s + m.end("content")), "indirect",
                         "headline-tail")
    m = _HEADLINE_HEAD.match(line)
    if m and len(m["content"].split()) >= 3 and not _kicker(m["speaker"], lex) \
            and _content.trim(text, s + m.start("content"), e):
        colon = s + line.index(":", m.end("speaker"))
        return Statement(0, Mention(s + m.start("speaker"), s + m.end("speaker"), m["speaker"]),
                         Cue(colon, colon + 1, ":", "speech"),
                         _content.trim(text, s + m.start("content"), e), "indirect", "headline-head")
    return None


_TRANSCRIPT = re.compile(r"[\"“]?(?P<speaker>[A-Z][A-Z.’'-]+(?:\s+[A-Z][A-Z.’'-]+){0,2})\s*:\s+(?P<content>\S)")
_DASH = re.compile(rf"(?P<quote>[”\"])\s*(?P<cue>[―—–]|--?)\s*(?P<speaker>[A-Z][^{NL}“”\"]{{1,60}}?)\s*$")


def _opens_line(text: str, pos: int) -> bool:
    """Say whether only spaces stand between the start of the line and ``pos``."""
    while pos and text[pos - 1] not in NL and text[pos - 1].isspace():
        pos -= 1
    return not pos or text[pos - 1] in NL


def _special_form(text: str, sent: Sentence) -> Statement | None:
    """Read a transcript line ("SMITH: ...") or a dash attribution (“...” ― Name)."""
    s, e = sent.start, sent.end
    if not _opens_line(text, s):
        return None  # both forms open their line; most sentences do not
    end_of_line = line_end(text, s)
    if sent.block == "body":
        m = _TRANSCRIPT.match(text, s, e)
        span = _content.trim(text, m.start("content"), end_of_line) if m else None
        if span and len(m["speaker"]) > 1 and m["speaker"] not in speaker_lexicon().not_speakers:
            colon = text.index(":", m.end("speaker"))
            return Statement(0, Mention(m.start("speaker"), m.end("speaker"), m["speaker"]),
                             Cue(colon, colon + 1, ":", "speech"), span, "direct", "transcript")
    span = _content.trim(text, s, end_of_line)
    if span and (opens_quote(text, s) or text[s] == "”"):
        # a quote paragraph signed at its end: “...” ― Name (the opening mark is sometimes the wrong way round)
        end = span[1]
        m = _DASH.search(text, s, end)
        if m and m.end() == end:
            return Statement(0, Mention(m.start("speaker"), m.end("speaker"), m["speaker"]),
                             Cue(m.start("cue"), m.end("cue"), m["cue"], "speech"), (s, m.end("quote")), "direct",
                             "dash-signature")
    return None


def _attribute(sentence: _content.Clause, cue: Cue, same_sentence: list[Statement],
               nxt: int | None) -> list[Statement]:
    """Attribute one cue of a sentence: find its speaker and content within the sentence (two statements for a
    long split quote). ``same_sentence`` are the statements found in the sentence so far, ``nxt`` where its next
    cue starts."""
    article, i, text = sentence.article, sentence.index, sentence.article.text
    if cue.kind == "according_to":
        speaker = right_speaker(text, Span(cue.end, sentence.end), inverted=False)
        span = _content.according_content(sentence, Span(cue.start, speaker.end)) if speaker else None
        return [Statement(i, speaker, cue, span, "according_to", "according-to")] if span else []
    if cue.kind == "passive":  # "Kagame is said by aides to be furious": the agent speaks; the predicate is what
        agent = _PASSIVE_AGENT.match(text, cue.end, sentence.end)
        speaker = right_speaker(text, Span(*agent.span("agent")), inverted=False) if agent else None
        span = _content.trim(text, agent.start("to"), sentence.end) if speaker else None
        return [Statement(i, speaker, cue, span, _mode(article, span, cue, speaker), "passive-by")] if span else []
    if cue.kind == "participle":
        return _attribute_participle(sentence, cue, same_sentence, nxt)
    return _attribute_report(sentence, cue, same_sentence, nxt)


def _attribute_participle(sentence: _content.Clause, cue: Cue, same_sentence: list[Statement],
                          nxt: int | None) -> list[Statement]:
    """Attribute a participle cue: "State media quoted him as saying ...", "X, adding that ..."."""
    text, s = sentence.article.text, sentence.start
    quoted = _QUOTED_AS.search(text, max(s, cue.start - 160), cue.start)
    via = None
    if quoted and quoted["whom"]:  # "State media quoted him as saying ...": he speaks, the outlet relays
        speaker = right_speaker(text, Span(*quoted.span("whom")), inverted=False)
        via = text[s:quoted.start()].strip() or None
    else:
        speaker = clause_subject(text, Span(s, cue.start), [f.speaker for f in same_sentence])
        if quoted and quoted["by"]:  # "X was quoted by state media as saying ..."
            via = quoted["by"]
    span = _content.content_after(sentence, cue.end, cue.kind, nxt) if speaker else None
    if not span:
        return []
    return [Statement(sentence.index, speaker, cue, span, _mode(sentence.article, span, cue, speaker),
                      "quoted-as" if quoted else "participle", via=via)]


def _attribute_report(sentence: _content.Clause, cue: Cue, same_sentence: list[Statement],
                      nxt: int | None) -> list[Statement]:
    """Attribute a reporting cue ("X said", "said X", "X told Y"): its speaker, then its content on the side
    that holds it."""
    article, i, text = sentence.article, sentence.index, sentence.article.text
    s = sentence.start
    j = cue.start
    while j > s and text[j - 1].isspace():
        j -= 1
    speaker = None
    if (j == s or text[j - 1] in ",”\"’'—:;(") and cue.kind != "tell":  # after "told" comes the addressee
        speaker = right_speaker(text, Span(cue.end, sentence.end), inverted=True)
    inverted = speaker is not None
    if speaker is None:
        speaker = left_speaker(text, Span(s, cue.start), [f.speaker for f in same_sentence])
    if speaker is None:
        return []
    clause = _relative_clause(sentence, cue, speaker) if speaker.antecedent is not None else sentence
    # inverted at the start of a sentence ("Said Ellis: “...”"): the content follows the speaker
    after_start = None if inverted and j > s else (speaker.end if inverted else cue.end)
    pair = _report_content(clause, cue, speaker, inverted, after_start, same_sentence, nxt)
    if pair is None:
        span = _quote_before_sentence(article, i, speaker, cue)
        if span is None:
            return []
        pair = (span, None, "previous-quote")
    span, tail, side = pair
    rule = f"cue-{'inverted' if inverted else 'subject'}-{side}"
    document = bool(_in_document().search(text, clause.start, clause.end))
    out = [Statement(i, speaker, cue, span, _mode(article, span, cue, speaker), rule, document=document)]
    if tail:  # continues the statement just made (the caller links them)
        out.append(Statement(i, speaker, None, tail, _mode(article, tail, None, speaker), "split-quote-tail",
                             continues=_PREVIOUS))
    return out


def _relative_clause(sentence: _content.Clause, cue: Cue, speaker: Mention) -> _content.Clause:
    """Return the part of a sentence that holds a report in a relative clause: up to the comma that closes it.

    "X (R-Wis.), who told reporters that the deal was weak, voted against it": the content ends at that comma.
    ``speaker`` is the relative pronoun; without a comma before it the sentence is returned whole.
    """
    text, e = sentence.article.text, sentence.end
    if not text[:speaker.start].rstrip().endswith(","):
        return sentence
    m = _RELATIVE_END.search(text, cue.end, e)
    while m and sentence.article.quotes.around(m.start()):
        m = _RELATIVE_END.search(text, m.end(), e)
    return _content.Clause(sentence.article, sentence.start, m.start(), sentence.index) if m else sentence


def _report_content(clause: _content.Clause, cue: Cue, speaker: Mention, inverted: bool, after_start: int | None,
                    same_sentence, nxt) -> tuple | None:
    """Return a reporting cue's content as ``(span, tail, side)``: side "after" or "before" the report, "as"
    for "As X noted, ...", "relative" for "the army, which, he said, had ..."; None without content."""
    text, s = clause.article.text, clause.start
    report_end = speaker.end if inverted else cue.end
    plain = cue.form in cue_lexicon().objects

    def after():
        span = None if after_start is None else _content.content_after(clause, after_start, cue.kind, nxt, plain=plain)
        return (span, None, "after") if span else None

    def before():
        report_start = cue.start if inverted else speaker.start
        closing = _content.adverbials_to_end(clause, report_end, tell=cue.kind == "tell" and not inverted) \
            and not _outlet(speaker.text, loose=True)
        got = _content.content_before(clause, Span(report_start, report_end),
                                      [(f.content, f.speaker.end) for n, f in enumerate(same_sentence)
                                       if n or not (closing and _opens_report(f, report_start))],
                                      inverted=inverted)
        return (*got, "before") if got else None

    said = Span(speaker.start, cue.end)  # "X said", when not inverted
    as_clause = None if inverted else _content.as_parenthetical(clause, said)
    aside = None if inverted or as_clause else _content.relative_aside(clause, said)
    if as_clause:
        return as_clause, None, "as"  # "As Comey noted, people involved ... could still be sanctioned"
    if aside:
        return aside, None, "relative"  # "the army, which, he said, had broken the truce"
    if plain:
        return after()  # "described X as ...", "called on X to ...": the content follows
    if inverted or _content.after_quote(clause, speaker.start) or (
            text[s:speaker.start].rstrip().endswith(",") and _content.adverbials_then_comma(clause, cue.end)):
        # "“Y,” X said" and "Y, X said on Monday, adding ...": the clause before is the content
        return before() or after()
    return after() or before()


def _opens_report(f: Statement, report_start: int) -> bool:
    """Say whether the sentence's first statement is reported in the report that closes it ("A pledged B, she said").

    Its speaker, cue and content come in that order before the report, so the report's content is the whole
    clause, the statement inside it included; a quote, an outlet or an inverted report ("“A,” X said, ...") is not.
    """
    return f.cue is not None and f.cue.kind in ("speech", "tell") and f.speaker.end <= f.cue.start and f.cue.end <= f.content[0] and f.content[1] <= report_start


def _quote_before_sentence(article: Article, i: int, speaker: Mention, cue: Cue) -> tuple[int, int] | None:
    """Return the quote that ends the sentence before a bare report ("“... the year.” Austin said.")."""
    text, sents, sent = article.text, article.sents, article.sents[i]
    rest = text[max(speaker.end, cue.end):sent.end]
    if text[sent.start:min(speaker.start, cue.start)].strip() or not _BARE_REST.fullmatch(rest):
        return None
    if i == 0 or sents[i - 1].block_index != sent.block_index:
        return None
    end = sents[i - 1].end
    while end > sents[i - 1].start and text[end - 1].isspace():
        end -= 1
    if end == 0 or text[end - 1] not in "”\"":
        return None
    q = article.quotes.around(end - 1)
    return (q[0], end) if q and q[1] == end else None


@built_from("attribution.csv")
def _in_document() -> re.Pattern:
    """Match "in a statement", "via a readout": the statement was made in a document."""
    w = word_lists("attribution.csv")
    return re.compile(rf"(?i)\b(?:in|via|through)\s+(?:{alternation(w['frame_determiner'])})\s+(?:joint\s+|written\s+)?"
                      rf"(?:{alternation(w['medium'])})\b")


def _relays(text: str, found: list[Statement], before: int, sent: Sentence) -> None:
    """Fold an outlet that only passes on statements of the same sentence into their ``via``.

    "“...,” Austin said, according to Reuters", "Reuters reported that Austin
    said ...", "According to a video posted by state TV, he said ...": the
    outlet's "content" must be those statements and their reports and nothing
    else; an outlet that reports something of its own stays a statement.
    ", Reuters reported." after a statement gives no statement of its own
    (its content would be the other's), only the ``via``.
    """
    new = found[before:]
    if not new:
        return
    for relay in [f for f in new if _passes_on(f)] if len(new) > 1 else ():  # a relay needs what it relays
        if relay not in found:
            continue  # already passed on by another outlet
        relayed = [f for f in new if f is not relay and not _passes_on(f) and (
            f.content[0] >= relay.content[0] and f.content[1] <= relay.content[1] + 1
            or relay.cue.kind == "according_to" and _overlap(f.content, relay.content) >= 0.8)]
        covered = [(min(f.content[0], f.speaker.start), max(f.content[1], f.speaker.end, f.cue.end if f.cue else 0))
                   for f in relayed]
        rest = text[relay.content[0]:relay.content[1]]
        for cs, ce in sorted(covered, reverse=True):
            rest = rest[:max(0, cs - relay.content[0])] + rest[max(0, ce - relay.content[0]):]
        if not relayed or len(PLAIN.findall(rest)) > 2:
            continue  # it says something of its own
        found[:] = [f for f in found if f is not relay]
        for f in relayed:
            f.via = relay.speaker.text
    if len(found) <= before:
        return
    last = found[-1]
    if last.via is None and last.cue is not None and last.cue.start < last.content[0]:
        m = _OUTLET_TAIL.fullmatch(text, last.content[1], sent.end)
        if m and (m["o2"] or _outlet(m["outlet"], loose=True)):
            outlet = m["outlet"] or m["o2"]
            for f in found[before:]:
                f.via = f.via or outlet


def _outlet(name: str, *, loose: bool = False) -> bool:
    """Say whether a speaker mention names a news outlet ("Reuters", "state media", "Caliber.Az").

    Loosely, also a name that ends like an outlet's ("Kyodo News", "The Times").
    """
    lex = actor_lexicon()
    words = strip_article(name).split()
    low = [w.lower() for w in words]
    return bool(words) and (" ".join(low) in lex.media or low[0] in lex.media or low[-1] in lex.media_heads
                            or bool(_WEB_NAME.search(words[-1])) or (loose and words[-1] in _outlet_words()))


@built_from("attribution.csv")
def _outlet_words() -> frozenset[str]:
    """Return the capitalised words that end an outlet's name ("News", "Times", "Post")."""
    return frozenset(word_lists("attribution.csv")["outlet_word"])


def _passes_on(f: Statement) -> bool:
    """Say whether a statement may only pass on others: an agency's, or "according to" an outlet or a video."""
    if f.cue is None:
        return False
    if f.cue.kind != "according_to":
        return _outlet(f.speaker.text)
    first = strip_article(f.speaker.text).split()[:1]
    return _outlet(f.speaker.text, loose=True) or (bool(first) and first[0].lower() in _RELAY_MEDIA)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Return the share of the shorter span that two spans share."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return max(0, inter) / max(1, min(a[1] - a[0], b[1] - b[0]))


_PASSIVE_AGENT = re.compile(r"\s+by\s+(?P<agent>[^,;:“\"]{2,60}?)\s+(?P<to>to\s+[a-z])")
# "quoted him as saying", "was quoted by the agency as saying"
_QUOTED_AS = re.compile(r"\bquoted\s+(?:by\s+(?P<by>[^,;“\"]{2,60}?)|(?P<whom>(?!by\b)[^,;“\"]{1,60}?))\s+as\s+$")
_RELAY_MEDIA = frozenset({"video", "footage", "recording", "broadcast", "transcript"})  # "according to a video ..."
_WEB_NAME = re.compile(r"\w\.(?:[a-z]{2,3}|[A-Z][a-z])$")  # "Caliber.Az", "Al-Monitor.com"
# ", Reuters reported." / ", according to the state news agency." closing a sentence
_OUTLET_TAIL = re.compile(r"[”\"’]?\s*,?\s*(?:[”\"’]\s*)?(?:(?:according\s+to|citing|as\s+reported\s+by)\s+"
                          r"(?P<outlet>[^,;\n]{2,60}?)|(?P<o2>(?:the\s+)?[A-Z][^,;\n]{1,50}?)\s+(?:reported|reports))"
                          r"\s*[.!]?\s*")


_RELATIVE_END = re.compile(r",\s+(?=[a-z])")  # the comma that closes "X, who told reporters ...,"
_BARE_REST = re.compile(r"[\s\w’'-]{0,30}[.!?]?")  # what may follow a bare report ("Austin said.")
_PREVIOUS = object()  # marks a split quote's tail: it continues the statement found just before it


def _mode(article: Article, span: tuple[int, int], cue: Cue | None, speaker: Mention) -> str:
    """Classify a statement's content as direct, mixed or indirect, its report left out where it splits it."""
    report = None
    if cue and span[0] <= cue.start < span[1]:
        report = Span(min(cue.start, speaker.start), max(cue.end, speaker.end))
    return _content.mode_of(article, span, report)
