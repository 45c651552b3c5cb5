"""Attribute statements in news text: who said what, to whom it is resolved, and for which party.

The extractor is rule based and runs offline. For each sentence it finds
reporting cues (``said``, ``told``, ``according to``, ``:`` in headlines, ...
from ``data/lexicons/reporting_verbs.csv``), the speaker mention next to the
cue, and the content: the quote or clause that was said. Quotes are paired over
the whole article, so quotes that run over several sentences or paragraphs are
one content span, and quote paragraphs without a cue continue the previous
speaker. Speakers are then resolved within the article (names, titles, bodies,
documents, pronouns and roles; see ``data/lexicons/speakers.csv``) and matched
to parties by alias. Where it cannot decide, a statement says so
(``speaker`` None, ``party_evidence`` "unresolved ...") rather than guessing.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import config
from .lexicons import built_from, read_lexicon
from .parties import match_party, resolve_parties

__all__ = ["STATEMENT_COLUMNS", "to_statements"]

#: One row per attributed statement. Offsets are into the article text.
STATEMENT_COLUMNS = [
    "statement_id", "article_id", "sentence_id", "block",
    "speaker", "speaker_mention", "speaker_start", "speaker_end",
    "cue", "cue_start", "cue_end",
    "content", "content_start", "content_end",
    "mode", "party", "party_evidence",
]

# --------------------------------------------------------------------------- lexicons


@dataclass(frozen=True)
class _Lexicon:
    verbs: dict[str, tuple[str, bool]]   # form -> (kind, strict)
    cue_re: re.Pattern
    title_cue_re: re.Pattern
    titles: frozenset[str]
    roles: frozenset[str]
    bodies: frozenset[str]
    documents: frozenset[str]
    not_speakers: frozenset[str]


@built_from("reporting_verbs.csv", "speakers.csv")
def _lexicon() -> _Lexicon:
    verbs = {row["form"].strip(): (row["kind"].strip(), row.get("strict", "no").strip() == "yes")
             for row in read_lexicon("reporting_verbs.csv")}
    forms = sorted(verbs, key=len, reverse=True)
    alternation = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms)
    # Lower-case forms only ("States" in a name is no cue), but "According to X, ..." and
    # "Said X: ..." open sentences, so those two are allowed capitalised.
    cue_re = re.compile(rf"(?<![\w’'-])(?:{alternation}|According\s+to|Said(?=\s+[A-Z]))(?![\w’'-])")
    title_cue_re = re.compile(rf"(?i)(?<![\w’'-])(?:{alternation})(?![\w’'-])")
    kinds: dict[str, set[str]] = {}
    for row in read_lexicon("speakers.csv"):
        kinds.setdefault(row["kind"].strip(), set()).add(row["word"].strip())
    return _Lexicon(
        verbs=verbs,
        cue_re=cue_re,
        title_cue_re=title_cue_re,
        titles=frozenset(kinds.get("title", ())),
        roles=frozenset(w.lower() for w in kinds.get("role", ())),
        bodies=frozenset(w.lower() for w in kinds.get("body", ())),
        documents=frozenset(w.lower() for w in kinds.get("document", ())),
        not_speakers=frozenset(kinds.get("not_speaker", ())),
    )


# Function words that end a speaker noun phrase when walking away from the cue.
_STOP = frozenset("""
that which who whom whose and but or nor as because while when whereas after before if than so since where
although though whether to in on at with by from into about over under during against between through per
not no also said says say told tells saying telling would will could should can may might must shall do does
did is are was were be been being has have had having this these those there here what how why it its
yet then thus however meanwhile moreover furthermore indeed even just only still already again once
""".split())
_DETERMINERS = frozenset("the a an his her their its our your my these those some many several two three four one".split())
_PRONOUNS = {"he": "person", "she": "person", "they": "group", "it": "body", "we": "group", "i": "person"}
# Words between a speaker and a cue that belong to neither ("Austin has also said").
_AUX = frozenset("""has have had is are was were also later earlier previously then again repeatedly publicly
recently once already still further separately too reportedly would will did does do privately first initially
subsequently since last often frequently long now together never ever""".split())
_NEGATION = re.compile(r"(?:\b(?:not|never|to)|n[’']t)(?:\s+\w+ly)?\s+$", re.I)
_PASSIVE = re.compile(r"\b(?:is|was|were|are|be|been|being)(?:\s+(?:\w+ly|first|also|widely|later|not))?\s+$", re.I)
_BY_AGENT = re.compile(r"\s+by\b")  # "was first reported by X": passive, the agent is not a speaker of content
_NOUN_BEFORE = re.compile(r"(?:\b(?:the|a|an|his|her|their|its|this|these|those|such|our|your|my)|\w[’']s)\s+$", re.I)
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w[\w’'&-]*|[^\w\s]")
_WORD = re.compile(r"\w")
# Words that open a frame (time, place, manner), not a content clause.
_INTRO = re.compile(r"(?:in|on|at|during|via|through|before|after|late|early|earlier|later|last|this|today|"
                    r"yesterday|tonight|when|while|as|from|of|about|over|with|under|outside|inside|shortly|recently|"
                    r"afterwards|then|however|meanwhile|instead|asked|responding|speaking|writing)\b", re.I)
# What may follow an inverted speaker ("..., said the minister in a statement").
_AFTER_SPEAKER = re.compile(r"(?:in|on|at|during|after|before|as|when|while|who|whose|which|"
                            r"earlier|later|last|this|today|yesterday|Monday|Tuesday|Wednesday|Thursday|Friday|"
                            r"Saturday|Sunday)\b")
_OPENING_QUOTES = "“\"«„‘"
_SPACE = re.compile(r"\s*")


# --------------------------------------------------------------------------- quotes

_NL = config.LINE_BREAKS
_BREAK = re.compile(f"[{_NL}]")
_MARKS = re.compile(f"''|[“”\"«»„{_NL}]|(?<![\\w’'])‘|’(?![\\w’'])")


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Pair quotation marks over a whole article into (start, end) spans, marks included.

    Curly and straight double quotes (and the doubled apostrophes some papers
    use) are paired separately, so sloppy mixed quoting cannot join distant
    quotes. By news convention an unclosed quote continues when the next
    paragraph opens with a quote mark, and otherwise ends with its paragraph.
    Single curly quotes are paired within a paragraph; an apostrophe inside a
    word is never a quote.
    """
    spans: list[tuple[int, int]] = []
    open_curly = open_straight = open_single = None
    carried = False  # a straight quote carried over a paragraph break absorbs the next opening mark
    for m in _MARKS.finditer(text):
        ch, pos = m.group(0), m.start()
        if ch in _NL:
            open_single = None
            nxt = _SPACE.match(text, pos).end()
            first = text[nxt:nxt + 2] if nxt < len(text) else ""
            if open_curly is not None and first[:1] not in "“«„":
                spans.append((open_curly, pos))
                open_curly = None
            if open_straight is not None:
                if first[:1] == '"' or first == "''":
                    carried = True
                else:
                    spans.append((open_straight, pos))
                    open_straight = None
            continue
        if ch == "‘":
            if open_single is None:
                open_single = pos
        elif ch == "’":
            if open_single is not None:
                spans.append((open_single, pos + 1))
                open_single = None
        elif ch in "“«„":
            if open_curly is None:
                open_curly = pos
        elif ch in "”»":
            if open_curly is not None:
                spans.append((open_curly, pos + 1))
                open_curly = None
        elif carried:
            carried = False
        elif open_curly is not None and open_straight is None and not _closes_later(text, pos):
            spans.append((open_curly, pos + len(ch)))  # sloppy “...": a straight mark closes a curly quote
            open_curly = None
        elif open_straight is None:
            open_straight = pos
        else:
            spans.append((open_straight, pos + len(ch)))
            open_straight = None
    for left in (open_curly, open_straight):
        if left is not None:
            spans.append((left, len(text)))
    spans.sort()
    return spans


def _closes_later(text: str, pos: int) -> bool:
    """Say whether a curly closing quote follows ``pos`` in the same paragraph."""
    return text.find("”", pos, _line_end(text, pos)) >= 0


class _Quotes:
    """Fast lookups over an article's quote spans."""

    def __init__(self, text: str):
        self.spans = _quote_spans(text)
        merged: list[list[int]] = []
        for s, e in self.spans:
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.merged = [tuple(x) for x in merged]
        self.starts = [s for s, _ in self.merged]

    def around(self, pos: int) -> tuple[int, int] | None:
        """Return the merged quote span strictly containing ``pos`` (inside the marks)."""
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0:
            s, e = self.merged[i]
            if s < pos < e:
                return s, e
        return None

    def within(self, start: int, end: int) -> list[tuple[int, int]]:
        """Return the merged spans that overlap [start, end)."""
        i = max(bisect.bisect_right(self.starts, start) - 1, 0)
        out = []
        for s, e in self.merged[i:]:
            if s >= end:
                break
            if e > start:
                out.append((s, e))
        return out

    def starting_at(self, pos: int) -> tuple[int, int] | None:
        """Return the merged span that opens at ``pos``."""
        i = bisect.bisect_left(self.starts, pos)
        if i < len(self.starts) and self.starts[i] == pos:
            return self.merged[i]
        return None


# --------------------------------------------------------------------------- data

@dataclass
class _Mention:
    start: int
    end: int
    text: str
    antecedent: "_Mention | None" = None  # what a relative pronoun ("officials, who said") stands for


@dataclass
class _Found:
    sentence: int                 # index into the article's sentence list
    speaker: _Mention
    cue: tuple[int, int] | None
    content: tuple[int, int]
    mode: str
    document: bool = False        # said "in a statement" and the like
    continues: int | None = None  # index of the statement this one continues
    resolved: str | None = None
    party: str | None = None
    evidence: str = ""
    kind: str = ""


# --------------------------------------------------------------------------- public

def to_statements(sentences: pd.DataFrame, *, parties=None, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Find who said what in each article, resolve speakers and assign parties.

    Parameters
    ----------
    sentences : pandas.DataFrame
        From :func:`parley.to_sentences` (``article_id``, ``sentence_id``,
        ``block``, ``block_index``, ``start``, ``end``, ``text``).
    parties : str, Path, dict or None
        The parties file or dict; None leaves ``party`` empty.
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
        matched, or the statement an anaphor was resolved to).
    """
    table = resolve_parties(parties)
    texts = dict(zip(articles["article_id"].tolist(), articles["text"].tolist())) if articles is not None else {}
    # Plain lists, grouped by hand: pandas groupby costs more than the extraction on short articles.
    columns = ("article_id", "sentence_id", "block", "block_index", "start", "end", "text")
    by_article: dict[str, list[tuple]] = {}
    for row in zip(*(sentences[c].tolist() for c in columns)):
        by_article.setdefault(row[0], []).append(row[1:])
    rows: list[tuple] = []
    for aid, sents in by_article.items():
        text = texts.get(aid)
        if text is None:
            text = _rebuild(sents)
        rows.extend(_article_rows(aid, text, [x[:5] for x in sents], table))
    return _frame(rows)


def _frame(rows: list[tuple]) -> pd.DataFrame:
    """Build the statements frame column by column with its dtypes (cheaper than astype)."""
    cols = list(zip(*rows)) if rows else [()] * len(STATEMENT_COLUMNS)
    data = {}
    for name, values in zip(STATEMENT_COLUMNS, cols):
        if name in ("speaker_start", "speaker_end", "content_start", "content_end"):
            data[name] = np.asarray(values, dtype="int64")
        elif name in ("cue_start", "cue_end"):
            data[name] = pd.array(list(values), dtype="Int64")
        else:
            data[name] = pd.Series(list(values), dtype=object)
    return pd.DataFrame(data, columns=STATEMENT_COLUMNS)


def _rebuild(sents: list[tuple]) -> str:
    """Rebuild an article text from its sentences, at their offsets."""
    end = max((x[4] for x in sents), default=0)
    chars = [" "] * end
    last_block = None
    for _, _, b, s, e, t in sents:
        if last_block is not None and b != last_block and s > 0:
            chars[s - 1] = "\n"
        chars[s:e] = t
        last_block = b
    return "".join(chars)


def _article_rows(aid: str, text: str, sents: list[tuple], parties: dict) -> list[tuple]:
    found = _extract(text, sents)
    _resolve(found, text, parties)
    rows = []
    for n, f in enumerate(found):
        sid, block = sents[f.sentence][0], sents[f.sentence][1]
        cs, ce = f.content
        evidence = re.sub(r"#(\d+)", lambda m: f"{aid}:q{m.group(1)}", f.evidence)  # ids exist only now
        rows.append((
            f"{aid}:q{n}", aid, sid, block,
            f.resolved, f.speaker.text, f.speaker.start, f.speaker.end,
            text[f.cue[0]:f.cue[1]] if f.cue else None, f.cue[0] if f.cue else None, f.cue[1] if f.cue else None,
            text[cs:ce], cs, ce,
            f.mode, f.party, evidence,
        ))
    return rows


# --------------------------------------------------------------------------- extraction

def _extract(text: str, sents: list[tuple]) -> list[_Found]:
    """Find the statements of one article, in text order."""
    lex = _lexicon()
    quotes = _Quotes(text)
    found: list[_Found] = []
    done = 0  # end of the last special form: its other sentences are already attributed
    for i, (_, block, _, s, e) in enumerate(sents):
        if block == "caption" or s < done:
            continue  # captions describe photos; they are not anybody's statement
        before = len(found)
        first_line = i == 0 and (e == len(text) or text[e] in _NL) and len(text[s:e].split()) <= 20
        special = _headline(text, s, e, lex) if block == "headline" or first_line else None
        special = special or _special_form(text, s, e, block, lex)
        if special:
            found.append(_with(special, i))
            done = special.content[1]
            continue
        cues = _cues(text, s, e, quotes, lex, title_case=block == "headline" or first_line)
        for n, (cue, kind) in enumerate(cues):
            nxt = cues[n + 1][0][0] if n + 1 < len(cues) else None
            for got in _attribute(text, s, e, cue, kind, quotes, found[before:], sents, i, lex, nxt):
                if got.continues == -1:
                    got.continues = len(found) - 1
                found.append(_with(got, i))
        if len(found) == before:
            cont = _continuation(text, sents, i, quotes, found)
            if cont:
                found.append(cont)
    return _dedupe(found)


def _with(f: _Found, i: int) -> _Found:
    f.sentence = i
    return f


def _dedupe(found: list[_Found]) -> list[_Found]:
    """Drop statements whose content repeats an earlier one's exactly (two cues, one quote)."""
    seen = set()
    out = []
    for f in found:
        if f.content in seen:
            continue
        seen.add(f.content)
        out.append(f)
    for f in out:  # continuation indices point into the list before deduplication
        if f.continues is not None:
            target = found[f.continues]
            f.continues = out.index(target) if target in out else None
    return out


def _cues(text: str, s: int, e: int, quotes: _Quotes, lex: _Lexicon,
          title_case: bool = False) -> list[tuple[tuple[int, int], str]]:
    """List the reporting cues of sentence [s, e) outside quotes, with their kind.

    Headlines are often in title case ("Graham Says Trump Could ..."), so there
    capitalised cues count too, and the strict forms need no "that".
    """
    out = []
    for m in (lex.title_cue_re if title_case else lex.cue_re).finditer(text, s, e):
        cs, ce = m.span()
        if quotes.around(cs):
            continue  # a cue inside a quote belongs to the quoted speech
        form = re.sub(r"\s+", " ", m.group(0)).lower()
        kind, strict = lex.verbs.get(form, ("according_to", False))
        if kind != "according_to":
            left = text[max(s, cs - 24):cs]
            if _NEGATION.search(left) or _NOUN_BEFORE.search(left) or (
                    not form.endswith("ing") and (_PASSIVE.search(left) or _BY_AGENT.match(text, ce, e))):
                continue  # "declined to say", "was said to", "the report": not a statement
            if strict and not title_case and not _STRICT_AFTER.match(text, ce, e):
                continue
        out.append(((cs, ce), kind))
    return out


# What may follow a cue that is also a common noun or adjective ("warned that", "argues:").
_STRICT_AFTER = re.compile(r"\s*(?:that\b|whether\b|if\b|how\b|why\b|what\b|:|[“\"‘]|,\s*[“\"])")

_HEADLINE_TAIL = re.compile(r"(?P<content>.+?\S)\s*:\s*(?P<speaker>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})\s*$")
_HEADLINE_HEAD = re.compile(r"(?P<speaker>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)?)\s*:\s+(?P<content>\S.*)$")


def _headline(text: str, s: int, e: int, lex: _Lexicon) -> _Found | None:
    """Read a headline's attribution: "Content: Speaker" or "Speaker: content"."""
    line = text[s:e]
    m = _HEADLINE_TAIL.fullmatch(line)
    if m and len(m["content"].split()) >= 3 and m["speaker"] not in lex.not_speakers:
        colon = s + line.rindex(":", m.end("content"), m.start("speaker"))
        return _Found(0, _Mention(s + m.start("speaker"), s + m.end("speaker"), m["speaker"]), (colon, colon + 1),
                      _trim(text, s + m.start("content"), s + m.end("content")), "indirect")
    m = _HEADLINE_HEAD.match(line)
    if m and len(m["content"].split()) >= 3 and m["speaker"].upper() not in lex.not_speakers:
        colon = s + line.index(":", m.end("speaker"))
        content = _trim(text, s + m.start("content"), e)
        return _Found(0, _Mention(s + m.start("speaker"), s + m.end("speaker"), m["speaker"]), (colon, colon + 1),
                      content, "indirect")
    return None


_TRANSCRIPT = re.compile(r"[\"“]?(?P<speaker>[A-Z][A-Z.’'-]+(?:\s+[A-Z][A-Z.’'-]+){0,2})\s*:\s+(?P<content>\S)")
_DASH = re.compile(rf"(?P<quote>[”\"])\s*(?P<cue>[―—–]|--?)\s*(?P<speaker>[A-Z][^{_NL}“”\"]{{1,60}}?)\s*$")


def _special_form(text: str, s: int, e: int, block: str, lex: _Lexicon) -> _Found | None:
    """Read a transcript line ("SMITH: ...") or a dash attribution (“...” ― Name)."""
    line_start, line_end = _line_start(text, s), _line_end(text, s)
    if block == "body" and not text[line_start:s].strip():
        m = _TRANSCRIPT.match(text, s, e)
        if m and len(m["speaker"]) > 1 and m["speaker"] not in lex.not_speakers:
            colon = text.index(":", m.end("speaker"))
            return _Found(0, _Mention(m.start("speaker"), m.end("speaker"), m["speaker"]), (colon, colon + 1),
                          _trim(text, m.start("content"), line_end), "direct")
    if not text[line_start:s].strip() and (_opens_quote(text, s) or text[s] == "”"):
        # a quote paragraph signed at its end: “...” ― Name (the opening mark is sometimes the wrong way round)
        end = _trim(text, s, line_end)[1]
        m = _DASH.search(text, s, end)
        if m and m.end() == end:
            return _Found(0, _Mention(m.start("speaker"), m.end("speaker"), m["speaker"]),
                          (m.start("cue"), m.end("cue")), (s, m.end("quote")), "direct")
    return None


def _attribute(text, s, e, cue, kind, quotes, same_sentence, sents, i, lex, nxt) -> list[_Found]:
    """Attribute one cue: find its speaker and content within sentence [s, e) (two statements for a long split quote)."""
    cs, ce = cue
    if kind == "according_to":
        speaker = _right_np(text, ce, e, lex, inverted=False)
        found = _according(text, s, e, cue, speaker) if speaker else None
        return [found] if found else []
    if kind == "participle":
        speaker = _clause_subject(text, s, cs, same_sentence, lex)
        content = _content_after(text, s, e, ce, kind, quotes, nxt) if speaker else None
        return [_Found(i, speaker, cue, content, _mode(text, content, quotes, cue, speaker))] if content else []
    j = cs
    while j > s and text[j - 1].isspace():
        j -= 1
    speaker = None
    if j == s or text[j - 1] in ",”\"’'—:;(":
        speaker = _right_np(text, ce, e, lex, inverted=True)
    inverted = speaker is not None
    if speaker is None:
        speaker = _left_speaker(text, s, cs, same_sentence, lex)
    if speaker is None:
        return []
    frame_end = speaker.end if inverted else ce

    def after():
        # inverted at the start of a sentence ("Said Ellis: “...”"): the content follows the speaker
        start = None if inverted and j > s else (speaker.end if inverted else ce)
        span = None if start is None else _content_after(text, s, e, start, kind, quotes, nxt)
        return (span, None) if span else None

    def before():
        return _content_before(text, s, e, cs if inverted else speaker.start, frame_end, quotes,
                               same_sentence, sents, i)

    if inverted or _after_quote(text, s, speaker.start):
        pair = before() or after()  # "“Y,” X said": the quote before is the content
    else:
        pair = after() or before()
    if pair is None:
        return []
    content, tail = pair
    document = bool(_DOCUMENT.search(text, s, e))
    out = [_Found(i, speaker, cue, content, _mode(text, content, quotes, cue, speaker), document=document)]
    if tail:  # continues the statement just made (its index is set by the caller)
        out.append(_Found(i, speaker, None, tail, _mode(text, tail, quotes, None, speaker), continues=-1))
    return out


_DOCUMENT = re.compile(r"(?i)\b(?:in|via|through)\s+(?:a|an|the|its|his|her|their)\s+(?:joint\s+|written\s+)?"
                       r"(?:statement|communiqu[eé]|readout|release|letter|post|tweet)\b")


def _after_quote(text: str, s: int, pos: int) -> bool:
    """Say whether a speaker starting at ``pos`` follows a closing quote (as in "“Y,” X said")."""
    left = text[s:pos].rstrip().rstrip(",—–- ")
    return bool(left) and left[-1] in "”\"’'"


def _according(text, s, e, cue, speaker) -> _Found | None:
    """Content of "according to X": the rest of the sentence, on the side that holds it."""
    before = _trim(text, s, cue[0])
    after = _trim(text, speaker.end, e)
    if before and len(text[before[0]:before[1]].split()) >= 3:
        content = before
    elif after and len(text[after[0]:after[1]].split()) >= 3:
        content = after
    else:
        return None
    return _Found(0, speaker, cue, content, "according_to")


_SENTENCE_INTRO = re.compile(
    r"(?:(?:Meanwhile|However|Later|Earlier|Separately|Still|Yet|But|And|Also|Instead|Then|"
    r"(?:On|In|At|During|After|Before|Following|Speaking|Asked)\s+[\w’'-]+(?:\s+[\w’'-]+){0,9}),\s*)?")


def _clause_subject(text, s, cs, same_sentence, lex) -> _Mention | None:
    """Return the speaker of a participle or coordinated cue: an earlier speaker or the sentence subject."""
    for f in reversed(same_sentence):
        if f.speaker.end <= cs and f.speaker.start >= s:
            return f.speaker
    start = _SENTENCE_INTRO.match(text, s, cs).end()
    tokens = list(_TOKEN.finditer(text, start, cs))
    n = 0
    while n < len(tokens) and (tokens[n].group(0).lower() in _DETERMINERS or tokens[n].group(0) in lex.titles):
        n += 1
    if n < len(tokens) and tokens[n].group(0).lower() in _PRONOUNS and n == 0:
        t = tokens[0]
        return _Mention(t.start(), t.end(), t.group(0))
    last = None
    while n < len(tokens):
        w = tokens[n].group(0)
        low = w.lower()
        if w[0].isupper() and low not in _STOP or low in lex.roles or low in lex.bodies or w in lex.titles:
            last = n
        elif last is not None or not _WORD.match(w) or low in _STOP:
            break
        n += 1
    if last is None:
        return None
    first = tokens[0] if tokens else None
    return _Mention(first.start(), tokens[last].end(), text[first.start():tokens[last].end()])


_TIME_BEFORE = re.compile(
    r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday)|"
    r"\s+(?:last|this|earlier this|late last|early last)\s+(?:week|month|year|weekend|spring|summer|fall|autumn|winter)|"
    r"\s+in\s+(?:\d{4}|January|February|March|April|May|June|July|August|September|October|November|December))"
    r"(?:\s+(?:morning|afternoon|evening|night))?\s+$")


def _left_speaker(text: str, s: int, cs: int, same_sentence, lex: _Lexicon) -> _Mention | None:
    """Walk left from a cue to its speaker ("Iraq’s foreign ministry said", "Smith, 45, said")."""
    m = _TIME_BEFORE.search(text, max(s, cs - 40), cs)
    if m:
        cs = m.start()
    tokens = list(_TOKEN.finditer(text, max(s, cs - 240), cs))
    k = len(tokens) - 1
    while k >= 0 and (tokens[k].group(0) in _AUX or tokens[k].group(0).endswith("ly") and tokens[k].group(0).islower()):
        k -= 1
    if k < 0:
        return None
    end = None
    if tokens[k].group(0) == ")":  # "Rep. Stephen Lynch (D-Mass.) said": keep the parenthesis
        depth, m = 0, k
        while m >= 0:
            depth += {")": 1, "(": -1}.get(tokens[m].group(0), 0)
            if depth == 0:
                break
            m -= 1
        if m <= 0:
            return None
        end, k = tokens[k].end(), m - 1
    word = tokens[k].group(0).lower()
    if word in ("who", "which"):  # "officials, who said ...": the mention is "who", standing for "officials"
        rel = tokens[k]
        k -= 1
        if k >= 0 and tokens[k].group(0) == ",":
            k -= 1
        antecedent = _collect_left(text, tokens, k, lex)
        if antecedent is None:
            return None
        mention = _Mention(rel.start(), rel.end(), rel.group(0), antecedent)
    elif word in ("and", "but"):  # "Cruz exhorted ... and said": the subject of the first verb
        return _clause_subject(text, s, cs, same_sentence, lex)
    elif word == ",":
        return _appositive(text, tokens, k, lex)
    else:
        mention = _collect_left(text, tokens, k, lex)
    if mention and end:
        mention = _Mention(mention.start, end, text[mention.start:end])
    return mention


def _appositive(text, tokens, k, lex) -> _Mention | None:
    """Read "Smith, a spokesman for the ministry, said" or "Jones, 25, said": a name and its appositions."""
    last = k - 1
    j = k
    for _ in range(3):
        m = j - 1
        while m >= 0 and tokens[m].group(0) not in ",;:“”\"()" and j - m <= 30:
            m -= 1
        if m < 0 or tokens[m].group(0) != "," or m == j - 1:
            return None
        head = _collect_left(text, tokens, m - 1, lex)
        if head and (any(ch.isupper() for ch in head.text) or head.text.split()[-1].lower() in lex.roles
                     or head.text.split()[-1].lower() in lex.bodies):
            end = tokens[last].end()
            return _Mention(head.start, end, text[head.start:end])
        j = m
    return None


def _collect_left(text, tokens, k, lex) -> _Mention | None:
    """Collect the noun phrase that ends at token ``k``, walking leftwards."""
    if k < 0:
        return None
    last, first, n = k, None, 0
    while k >= 0 and n < 12:
        w = tokens[k].group(0)
        low = w.lower()
        if not _WORD.match(w):
            if w == "." and k > 0 and tokens[k - 1].group(0) + "." in lex.titles:
                k -= 1  # the dot of a title abbreviation ("Gen. Smith")
                continue
            break
        if low in _PRONOUNS:
            if first is None:
                first = k
            break
        if low in _DETERMINERS:
            if first is not None:
                first = k
            break
        if low in ("of", "for", "at", "with", "to", "in", "from") and first is not None:
            # "a spokesman for the ministry", "officials familiar with the talks", "a source close to"
            j = k - 1
            if j >= 0 and tokens[j].group(0).lower() in ("familiar", "close", "based"):
                j -= 1
            prev = tokens[j].group(0) if j >= 0 else ""
            if prev.lower() in lex.roles or prev.lower() in lex.bodies or prev in lex.titles:
                first = k = j
                n += 2
                k -= 1
                continue
            break
        if low == "and" and first is not None and k > 0 and tokens[first].group(0)[:1].isupper() \
                and tokens[k - 1].group(0)[:1].isupper():
            k -= 1  # "Austin and Sudani said"
            n += 1
            continue
        if low in _STOP or (first is not None and not w[0].isupper() and low.endswith("ly")):
            break
        first = k
        k -= 1
        n += 1
    if first is None:
        return None
    start, end = tokens[first].start(), tokens[last].end()
    mention = text[start:end]
    if not any(ch.isalpha() for ch in mention) or mention.lower() in _DETERMINERS:
        return None
    return _Mention(start, end, mention)


def _right_np(text: str, ce: int, e: int, lex: _Lexicon, *, inverted: bool) -> _Mention | None:
    """Read the speaker noun phrase after a cue ("..., said the minister", "according to officials")."""
    tokens = list(_TOKEN.finditer(text, ce, min(e, ce + 200)))
    words: list[re.Match] = []
    n = 0
    while n < len(tokens) and len(words) < 14:
        t = tokens[n]
        w = t.group(0)
        low = w.lower()
        if not _WORD.match(w):
            if w == "." and words and words[-1].group(0) + "." in lex.titles:
                n += 1
                continue
            break
        if low in _PRONOUNS and not words:
            words.append(t)
            n += 1
            break
        if low in ("of", "for") and words and n + 1 < len(tokens) and _WORD.match(tokens[n + 1].group(0)):
            words.append(t)
        elif low == "and" and words and words[-1].group(0)[0].isupper() and n + 1 < len(tokens) \
                and tokens[n + 1].group(0)[:1].isupper():
            words.append(t)
        elif low in _DETERMINERS and (not words or words[-1].group(0).lower() in ("of", "for")):
            words.append(t)
        elif low in _STOP:
            break
        elif not w[0].isupper() and not words and inverted:
            return None  # a bare lowercase word after the cue is content, not a speaker
        else:
            words.append(t)
        n += 1
    while words and words[-1].group(0).lower() in _DETERMINERS | {"of", "for", "and"}:
        words.pop()
    if not words:
        return None
    if inverted:
        # "..., said the minister." / "said Smith in a statement" — but "said Republicans want ..." is content
        head = words[-1].group(0)
        if not (head[0].isupper() or head.lower() in lex.roles or head.lower() in lex.bodies
                or head.lower() in lex.documents or head.lower() in _PRONOUNS):
            return None
        rest = text[words[-1].end():e].lstrip()
        if rest and not (rest[0] in ",.;:(—–-”\"" or _AFTER_SPEAKER.match(rest)):
            return None
        if words[0].group(0).lower() in _PRONOUNS and rest and rest[0] not in ",.":
            return None
    start, end = words[0].start(), words[-1].end()
    return _Mention(start, end, text[start:end])


_ADDRESSEE = re.compile(
    r"\s*(?:(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}|reporters|journalists|lawmakers|"
    r"him|her|them|us|me|supporters|the\s+\w+(?:\s+\w+)?|an?\s+\w+(?:\s+\w+)?)(?=\s|,|:|$)")
# Time and place phrases between a cue and its content ("said on Monday that", "said after the vote he").
_LEAD_FRAME = re.compile(
    r"(?:\s*,)?\s*(?:(?:on|in|at|during|late|early|last|this|via|through)\s+(?:a\s+|an\s+|the\s+|his\s+|her\s+|"
    r"their\s+|its\s+)?(?:[\w’'-]+\s+){0,3}?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|statement|"
    r"interview|conference|briefing|speech|weekend|week|month|year|morning|afternoon|evening|night|day|Twitter|X|"
    r"television|radio|post|tweet)\b|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|"
    r"yesterday|earlier|later|separately|also|again|repeatedly|privately|publicly)\b"
    r"|(?:on|in|at|during|after|before|following|from|outside|inside)\s+(?!least\b)(?:[\w’'.-]+\s+){1,5}?"
    r"(?=(?:that|he|she|they|it|we|I|there|the|a|an|his|her|their|its|this|these|[A-Z][\w’'-]*)\s))"
    r"(?:\s+(?:morning|afternoon|evening|night))?,?")
_CONTENT_STOP = re.compile(r";\s|,\s+(?:but|while|although|even as|whereas)\s|\s[—–]\s|,?\s+(?:and|but)\s+(?:\w+ed)\s"
                           r"|\s--\s")
_THAT_NEAR = re.compile(r"(?:\s+[\w’'-]+){0,4}?\s+that\b"
                        rf"|\s+(?:at|in|on|during|after|before|from)\s[^.;:“\"{_NL}]{{0,60}}?,\s+that\b")


def _content_after(text, s, e, ce, kind, quotes, nxt) -> tuple[int, int] | None:
    """Return the content that follows a cue ("said (that) ...", "said: “...”", "said, “...”"), or None."""
    p = ce
    that = _THAT_NEAR.match(text, p, e)
    if that:  # "told reporters that", "warned voters on Monday that"
        p = that.end() - 4
    elif kind == "tell":
        m = _ADDRESSEE.match(text, p, e)
        if m:
            p = m.end()
    while True:
        m = _LEAD_FRAME.match(text, p, e)
        if not m or m.end() == p:
            break
        p = m.end()
    m = re.compile(r"\s*:\s*").match(text, p, e)
    if m:
        if not text[m.end():e].strip():
            return _next_paragraph(text, e, quotes)
        return _extend_quote(_trim(text, m.end(), e), quotes)
    m = re.compile(r"\s*,?\s*(?=[“\"‘])").match(text, p, e)
    if m:  # said, “...”
        q = quotes.starting_at(m.end())
        if q:
            return _extend_quote(_trim(text, m.end(), max(q[1], _trim(text, m.end(), e)[1] if q[1] < e else q[1])),
                                 quotes)
    that = re.compile(r"\s*that\b").match(text, p, e)
    if that:
        p = that.end()
    rest = text[p:e].lstrip()
    if not rest or rest[0] in ",.;" or (not that and _INTRO.match(rest)):
        return None
    if len(rest.split()) < 3 and not that:
        return None
    end = e
    if nxt is not None and nxt > p:
        comma = max(text.rfind(",", p, nxt), text.rfind(";", p, nxt))
        if comma > p:
            end = comma
    stop = _CONTENT_STOP.search(text, p, end)
    while stop and quotes.around(stop.start()):
        stop = _CONTENT_STOP.search(text, stop.end(), end)
    if stop:
        end = stop.start()
    return _extend_quote(_trim(text, p, end), quotes)


_LEADING_CONJUNCTION = re.compile(r"^(?:But|And|Yet|So|Still|Even)\s+")
_MERGE_FRAME = 1.0  # a frame no longer than the quotes it splits stays inside the span


def _content_before(text, s, e, frame_start, frame_end, quotes, same_sentence, sents, i):
    """Return the content before a cue ("Y, X said." / "“Y,” said X") and its continuation after the frame.

    Returns
    -------
    tuple or None
        ``(span, tail)``: the content span, and the span of a quote that
        continues after the frame when that frame is too long to sit inside
        one content span (else None); None when there is no content before.
    """
    start = s
    for f in same_sentence:
        if f.content[1] <= frame_start:
            start = max(start, f.content[1], f.speaker.end if f.speaker.end <= frame_start else start)
    q = quotes.around(start + 1) if start < e else None
    if q and q[0] < start:
        start = q[0]  # a quote that opened in an earlier sentence
    span = _trim(text, start, frame_start)
    if not span:
        return None
    cs, ce = span
    piece = text[cs:ce]
    quoted = piece[:1] in _OPENING_QUOTES or bool(quotes.within(cs, ce))
    words = len(piece.split())
    if not quoted and (words < 3 or _INTRO.match(_LEADING_CONJUNCTION.sub("", piece))):
        # The frame interrupts a clause ("Climate change, X says, is ...") or follows an
        # adverbial ("During his years in office, X said, ..."): the content is the whole clause.
        m = re.compile(rf"[^,.;“\"{_NL}]{{0,40}}?,\s+(?=[a-z])").match(text, frame_end, e)
        if m:
            return _trim(text, cs, e), None
        if words < 8:
            return None  # "In a statement, X said ..." has no content before the speaker
    main = _extend_quote((cs, ce), quotes, backward=True)
    # a split quote (“Y,” he said, “Z.”) and quote sentences after the frame without a cue of their own
    tail = None
    m = re.compile(rf"[^“\"{_NL}]{{0,60}}?,\s*(?=[“\"])").match(text, frame_end, e)
    if m and _lexicon().cue_re.search(text, frame_end, m.end()):
        m = None  # “Y,” he said, adding, “Z”: Z belongs to the other cue
    q = quotes.starting_at(m.end()) if m else None
    if q:
        tail = q
    j = i + 1
    lex = _lexicon()
    while j < len(sents) and sents[j][2] == sents[i][2]:
        ns, ne = sents[j][3], sents[j][4]
        if not _opens_quote(text, ns) or _cues(text, ns, ne, quotes, lex):
            break
        tail = (tail[0] if tail else ns, max(ne, tail[1] if tail else ne))
        j += 1
    if tail is None or tail[1] <= main[1]:
        return main, None
    tail = _extend_quote(_trim(text, *tail), quotes)
    frame = tail[0] - main[1]
    if frame <= _MERGE_FRAME * ((main[1] - main[0]) + (tail[1] - tail[0])):
        return (main[0], tail[1]), None  # a short frame stays inside one content span
    return main, tail  # a long frame ("said X, a lawyer who ...") would swamp the content: two statements


def _extend_quote(span, quotes, backward=False) -> tuple[int, int] | None:
    """Widen a content span to the whole of any quote it opens (or, backward, closes) partway."""
    if span is None:
        return None
    cs, ce = span
    for qs, qe in quotes.within(cs, ce):
        if qe > ce and qs >= cs:
            ce = qe
        if backward and qs < cs < qe:
            cs = qs
    return cs, ce


def _next_paragraph(text, e, quotes) -> tuple[int, int] | None:
    """Return the paragraph after a cue that ends its own ("X said:")."""
    m = re.compile(rf"\s*[{_NL}]\s*(?P<p>[^{_NL}]+)").match(text, e)
    if not m:
        return None
    return _extend_quote(_trim(text, m.start("p"), m.end("p")), quotes)


def _continuation(text, sents, i, quotes, found) -> _Found | None:
    """Attribute a cue-less quote paragraph to the speaker of the paragraph just before it."""
    _, block, b_index, s, e = sents[i]
    if block != "body" or not _opens_quote(text, s) or not found:
        return None
    if i > 0 and sents[i - 1][2] == b_index:
        return None  # only a paragraph that opens with a quote continues a speaker
    prev = found[-1]
    if prev.content[1] > s:
        return None  # already inside the previous statement (a quote running on)
    earlier = [x for x in sents[:i] if x[1] != "caption"]
    if not earlier or earlier[-1][2] != sents[prev.sentence][2]:
        return None
    para_end = _line_end(text, s)
    q = quotes.starting_at(s)
    end = min(q[1], para_end) if q else e
    # the quote may run over several sentences of the paragraph
    for j in range(i + 1, len(sents)):
        if sents[j][2] != b_index or sents[j][3] >= end:
            break
    span = _trim(text, s, end)
    if not span or len(text[span[0]:span[1]].split()) < 3:
        return None
    return _Found(i, prev.speaker, None, span, "direct", continues=found.index(prev))


def _line_start(text: str, pos: int) -> int:
    """Return where the line holding ``pos`` starts."""
    return max(text.rfind(ch, 0, pos) for ch in _NL) + 1


def _line_end(text: str, pos: int) -> int:
    """Return where the line holding ``pos`` ends (its line break, or the end of the text)."""
    m = _BREAK.search(text, pos)
    return m.start() if m else len(text)


def _opens_quote(text: str, pos: int) -> bool:
    return text[pos] in "“\"«„" or text.startswith("''", pos)


def _trim(text: str, s: int, e: int) -> tuple[int, int] | None:
    """Strip spaces and the commas, colons, dashes and full stops that frame a span."""
    while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:.—–-"):
        e -= 1
    return (s, e) if e > s else None


def _mode(text, content, quotes, cue, speaker) -> str:
    """Classify a content span as direct, mixed or indirect by how much of it is quoted."""
    cs, ce = content
    quoted = [(max(qs, cs), min(qe, ce)) for qs, qe in quotes.within(cs, ce)]
    if not quoted:
        return "indirect"
    letters = sum(ch.isalnum() for ch in text[cs:ce])
    in_quotes = sum(ch.isalnum() for qs, qe in quoted for ch in text[qs:qe])
    if cue and cs <= cue[0] < ce:  # the "he said" inside a split quote is not content
        lo, hi = min(cue[0], speaker.start), max(cue[1], speaker.end)
        letters -= sum(ch.isalnum() for ch in text[lo:hi])
    return "direct" if in_quotes >= letters - 2 else "mixed"


# --------------------------------------------------------------------------- resolution

def _resolve(found: list[_Found], text: str, parties: dict) -> None:
    """Resolve each speaker mention within the article and assign parties, in place."""
    lex = _lexicon()
    history: list[_Found] = []
    for f in found:
        if f.continues is not None:
            prev = found[f.continues]
            f.resolved, f.party, f.kind = prev.resolved, prev.party, prev.kind
            f.evidence = f"continues #{f.continues}" + (f" ({prev.evidence})" if prev.evidence else "")
            history.append(f)
            continue
        # a relative pronoun ("officials, who said") is resolved through the phrase it stands for
        mention = f.speaker.antecedent.text if f.speaker.antecedent else f.speaker.text
        kind, key = _mention_kind(mention, lex)
        f.kind = kind
        party, alias = match_party(mention, parties)
        antecedent = None
        if kind in ("pronoun_person", "pronoun_group", "pronoun_body", "definite", "document"):
            antecedent = _antecedent(history, kind, key, lex)
        if antecedent is not None:
            f.resolved = antecedent.resolved
            f.kind = antecedent.kind
            why = f"anaphor {mention!r} -> #{found.index(antecedent)} ({antecedent.resolved})"
            if party is None and not alias:
                f.party = antecedent.party
                f.evidence = why + (f", {antecedent.evidence}" if antecedent.evidence else "")
            else:
                f.party = party
                f.evidence = alias or why
        elif kind.startswith("pronoun") or kind == "document":
            f.resolved, f.party = None, party
            f.evidence = alias or f"unresolved {mention!r}: no earlier compatible speaker"
        else:
            f.resolved = _canonical(mention, kind, lex)
            same = _same_entity(history, f.resolved, kind)
            if same is not None:
                f.resolved = same.resolved
            f.party = party
            f.evidence = alias
            if party is None and not alias and same is not None and same.party:
                f.party = same.party
                f.evidence = f"same speaker as #{found.index(same)} ({same.evidence})"
            if kind == "definite" and same is None and party is None:
                f.evidence = alias or f"unresolved {mention!r}: no earlier speaker with that role"
        if not f.evidence:
            f.evidence = "no alias matched" if parties else "no parties given"
        history.append(f)


_HEAD_CUT = re.compile(r",|\(|\s(?:based\s+in|in|at|familiar\s+with|close\s+to|from)\s|(?<=[a-z])\s(?:of|for)\s")


def _head_part(mention: str) -> str:
    """Return the part of a mention that names the speaker ("Fuad Hussein, Iraq's foreign minister" -> "Fuad Hussein")."""
    m = _HEAD_CUT.search(mention)
    return mention[:m.start()].strip() if m and m.start() > 0 else mention


def _mention_kind(mention: str, lex: _Lexicon) -> tuple[str, str]:
    """Classify a speaker mention: pronoun, document, definite (role/body), name or group."""
    words = _head_part(mention).split()
    low = [w.lower().strip(",.") for w in words]
    if len(words) == 1 and low[0] in _PRONOUNS:
        return "pronoun_" + _PRONOUNS[low[0]], low[0]
    head = re.sub(r"[’']s?$", "", low[-1])
    capitalised = any(w[:1].isupper() for w in words[1:])
    if low[0] in ("the", "this", "that") and not capitalised:
        if head in lex.documents:
            return "document", head
        if head in lex.roles or head in lex.bodies:
            return "definite", head
    if words[-1][:1].isupper() and low[0] not in ("the", "a", "an") and not (
            len(words) == 1 and (head in lex.roles or head in lex.bodies)):
        return "name", head  # ("Analysts" opening a sentence is a role, not a name)
    if head in lex.bodies or low[0] == "the":
        return "body", head
    return "group", head


def _antecedent(history: list[_Found], kind: str, key: str, lex: _Lexicon) -> _Found | None:
    """Return the most recent earlier statement a pronoun, role or document mention refers to."""
    for f in reversed(history[-12:]):
        if f.resolved is None:
            continue
        if kind == "document":
            if f.document:
                return f
            continue
        if kind == "pronoun_person" and f.kind == "name":
            return f
        if kind in ("pronoun_group", "pronoun_body") and f.kind in ("body", "group", "definite"):
            return f
        if kind == "definite" and key in f.speaker.text.lower():
            return f
        if kind == "definite" and key in (f.resolved or "").lower():
            return f
    return None


def _canonical(mention: str, kind: str, lex: _Lexicon) -> str:
    """Return a speaker's name: titles dropped from names ("US Defence Secretary Lloyd Austin" ->
    "Lloyd Austin"), the article dropped from other mentions ("the US official" -> "US official")."""
    if kind != "name":
        head = re.split(r",|\(", mention, maxsplit=1)[0].strip() or mention
        m = re.match(r"(?i)(?:the|a|an)\s+", head)
        return head[m.end():] if m else head
    head = _head_part(mention)
    name: list[str] = []
    for w in reversed(head.split()):
        if w in lex.titles or w.rstrip(".") + "." in lex.titles or not w[:1].isupper() or w.endswith(("’s", "'s")):
            break
        name.insert(0, w)
    return " ".join(name) if name else head


def _same_entity(history: list[_Found], name: str, kind: str) -> _Found | None:
    """Find an earlier speaker with the same name, or whose name ends with this surname."""
    if kind != "name":
        for f in reversed(history):
            if f.resolved and f.resolved.lower() == name.lower():
                return f
        return None
    for f in reversed(history):
        if not f.resolved or f.kind != "name":
            continue
        if f.resolved == name or (" " not in name and f.resolved.split()[-1] == name):
            return f
    return None
