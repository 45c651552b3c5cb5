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
import csv
import re
from dataclasses import dataclass, field
from functools import cache

import pandas as pd

from . import config
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
    verbs: dict[str, str]            # form -> kind (speech, tell, participle, according_to)
    cue_re: re.Pattern
    titles: frozenset[str]
    roles: frozenset[str]
    bodies: frozenset[str]
    documents: frozenset[str]


@cache
def _lexicon() -> _Lexicon:
    verbs = {}
    with open(config.LEXICONS / "reporting_verbs.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            verbs[row["form"].strip()] = row["kind"].strip()
    forms = sorted(verbs, key=len, reverse=True)
    alternation = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms)
    # Lower-case forms only: "Said" and "States" at the start of a name are not cues;
    # "According to" opens many sentences, so it is allowed capitalised.
    cue_re = re.compile(rf"(?<![\w’'-])(?:{alternation}|According\s+to)(?![\w’'-])")
    kinds: dict[str, set[str]] = {}
    with open(config.LEXICONS / "speakers.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            kinds.setdefault(row["kind"].strip(), set()).add(row["word"].strip())
    return _Lexicon(
        verbs=verbs,
        cue_re=cue_re,
        titles=frozenset(kinds.get("title", ())),
        roles=frozenset(w.lower() for w in kinds.get("role", ())),
        bodies=frozenset(w.lower() for w in kinds.get("body", ())),
        documents=frozenset(w.lower() for w in kinds.get("document", ())),
    )


# Function words that end a speaker noun phrase when walking away from the cue.
_STOP = frozenset("""
that which who whom whose and but or nor as because while when whereas after before if than so since where
although though whether to in on at with by from into about over under during against between through per
not no also said says say told tells saying telling would will could should can may might must shall do does
did is are was were be been being has have had having this these those there here what how why it its
yet then thus however meanwhile moreover furthermore indeed even just only still already again once
""".split())
_DETERMINERS = frozenset("the a an his her their its our your my this that these those some many several two three four".split())
_PRONOUNS = {"he": "person", "she": "person", "they": "group", "it": "body", "we": "group", "i": "person"}
_RELATIVE = frozenset({"who", "which", "that"})
# Words between a speaker and a cue that do not belong to either ("Austin has also said").
_AUX = frozenset("""has have had is are was were also later earlier previously then again repeatedly publicly
recently once already still further separately too reportedly would will did does do had later privately
first initially subsequently since last""".split())
_NEGATION = re.compile(r"(?:\b(?:not|never|to|n’t|n't|is|was|were|are|be|been|being)|n[’']t)\s+$", re.I)
_NOUN_BEFORE = re.compile(r"\b(?:the|a|an|his|her|their|its|this|that|these|those|such|our|your|my)\s+$", re.I)
_PARTICIPLE_KINDS = frozenset({"participle"})
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w[\w’'&-]*|[^\w\s]")
_WORD = re.compile(r"\w")
_PREP_TIME = re.compile(
    r"(?:in|on|at|to|during|via|through|before|after|late|early|earlier|later|last|this|today|yesterday|"
    r"tonight|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|when|while|as|from|of|about|over|"
    r"with|under|outside|inside|shortly|recently|again|also|too|afterwards|then)\b",
)
_THAT = re.compile(r"\bthat\b")
_OPENING_QUOTES = "“\"«„‘"
_CLOSING_QUOTES = "”\"»’"


# --------------------------------------------------------------------------- quotes

def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Pair quotation marks over a whole article into (start, end) spans, marks included.

    Double quotes (curly or straight) may run over several paragraphs: by news
    convention an unclosed quote continues when the next paragraph opens with a
    quote mark, and otherwise ends with its paragraph. Single curly quotes are
    paired within a paragraph; an apostrophe inside a word is never a quote.
    """
    spans: list[tuple[int, int]] = []
    open_d = open_s = None
    absorb_next_open = False
    for m in re.finditer(r"[“”\"«»„\n]|(?<![\w’'])‘|’(?![\w’'])", text):
        ch, pos = m.group(0), m.start()
        if ch == "\n":
            open_s = None
            if open_d is not None:
                nxt = re.compile(r"\s*").match(text, pos).end()
                if nxt < len(text) and text[nxt] in "“\"«„":
                    absorb_next_open = True
                else:
                    spans.append((open_d, pos))
                    open_d = None
            continue
        if ch == "‘":
            if open_s is None:
                open_s = pos
            continue
        if ch == "’":
            if open_s is not None:
                spans.append((open_s, pos + 1))
                open_s = None
            continue
        if absorb_next_open and ch in "“\"«„":
            absorb_next_open = False
            continue
        absorb_next_open = False
        opening = ch in "“«„" or (ch == '"' and open_d is None)
        if opening:
            if open_d is None:
                open_d = pos
        elif open_d is not None:
            spans.append((open_d, pos + 1))
            open_d = None
    if open_d is not None:
        spans.append((open_d, len(text)))
    spans.sort()
    return spans


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


# --------------------------------------------------------------------------- data

@dataclass
class _Mention:
    start: int
    end: int
    text: str


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
    extra: dict = field(default_factory=dict)


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
    texts = dict(zip(articles["article_id"], articles["text"])) if articles is not None else {}
    rows: list[dict] = []
    if len(sentences):
        for aid, group in sentences.groupby("article_id", sort=False):
            text = texts.get(aid)
            if text is None:
                text = _rebuild(group)
            rows.extend(_article_rows(aid, text, group, table))
    frame = pd.DataFrame(rows, columns=STATEMENT_COLUMNS)
    return frame.astype({"speaker_start": "int64", "speaker_end": "int64", "content_start": "int64",
                         "content_end": "int64", "cue_start": "Int64", "cue_end": "Int64"})


def _rebuild(group: pd.DataFrame) -> str:
    """Rebuild an article text from its sentences, at their offsets."""
    end = int(group["end"].max()) if len(group) else 0
    chars = [" "] * end
    last_block = None
    for s, e, t, b in zip(group["start"], group["end"], group["text"], group["block_index"]):
        if last_block is not None and b != last_block and s > 0:
            chars[s - 1] = "\n"
        chars[s:e] = t
        last_block = b
    return "".join(chars)


def _article_rows(aid: str, text: str, group: pd.DataFrame, parties: dict) -> list[dict]:
    sents = list(zip(group["sentence_id"], group["block"], group["block_index"], group["start"], group["end"]))
    found = _extract(text, sents)
    _resolve(found, text, parties)
    rows = []
    for n, f in enumerate(found):
        sid, block = sents[f.sentence][0], sents[f.sentence][1]
        cs, ce = f.content
        rows.append({
            "statement_id": f"{aid}:q{n}", "article_id": aid, "sentence_id": sid, "block": block,
            "speaker": f.resolved, "speaker_mention": f.speaker.text,
            "speaker_start": f.speaker.start, "speaker_end": f.speaker.end,
            "cue": text[f.cue[0]:f.cue[1]] if f.cue else None,
            "cue_start": f.cue[0] if f.cue else None, "cue_end": f.cue[1] if f.cue else None,
            "content": text[cs:ce], "content_start": cs, "content_end": ce,
            "mode": f.mode, "party": f.party, "party_evidence": f.evidence,
        })
    for row in rows:
        ref = re.search(r"#(\d+)", row["party_evidence"])
        if ref:  # name statements by id in the evidence, now that ids exist
            row["party_evidence"] = row["party_evidence"].replace(ref.group(0), f"{aid}:q{ref.group(1)}")
    return rows


# --------------------------------------------------------------------------- extraction

def _extract(text: str, sents: list[tuple]) -> list[_Found]:
    """Find the statements of one article, in text order."""
    lex = _lexicon()
    quotes = _Quotes(text)
    found: list[_Found] = []
    for i, (_, block, _, s, e) in enumerate(sents):
        before = len(found)
        if block == "caption":
            continue
        if block == "headline":
            head = _headline(text, s, e)
            if head:
                found.append(_with(head, i))
        special = _special_forms(text, s, e, block)
        if special:
            found.extend(_with(x, i) for x in special)
            continue
        for m in lex.cue_re.finditer(text, s, e):
            cue = (m.start(), m.end())
            if quotes.around(cue[0]):
                continue  # a cue inside a quote belongs to the quoted speech
            form = re.sub(r"\s+", " ", m.group(0)).lower()
            kind = lex.verbs.get(form, "according_to" if form == "according to" else "speech")
            got = _attribute(text, s, e, cue, kind, quotes, found[before:], sents, i, lex)
            if got:
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
    return out


_HEADLINE_TAIL = re.compile(r"^(?P<content>.+?\S)\s*:\s*(?P<speaker>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})\s*$")
_HEADLINE_HEAD = re.compile(r"^(?P<speaker>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})\s*:\s+(?P<content>\S.*)$")


def _headline(text: str, s: int, e: int) -> _Found | None:
    """Read a headline's attribution: "Content: Speaker" or "Speaker: content"."""
    line = text[s:e]
    m = _HEADLINE_TAIL.match(line)
    if m and len(m["content"].split()) >= 3:
        colon = s + line.rindex(":", m.end("content"), m.start("speaker"))
        return _Found(0, _Mention(s + m.start("speaker"), s + m.end("speaker"), m["speaker"]), (colon, colon + 1),
                      (s + m.start("content"), s + m.end("content")), "indirect")
    return None


_TRANSCRIPT = re.compile(r"[\"“]?(?P<speaker>[A-Z][A-Z.’'-]+(?:\s+[A-Z][A-Z.’'-]+){0,2})\s*:\s+(?P<content>\S)")
_DASH = re.compile(r"(?P<quote>[”\"])\s*(?P<cue>[―—–]|--?)\s*(?P<speaker>[A-Z][^\n“”\"]{1,60}?)\s*$")


def _special_forms(text: str, s: int, e: int, block: str) -> list[_Found]:
    """Read transcript lines ("SMITH: ...") and dash attributions (“...” ― Name)."""
    out = []
    if block == "body":
        m = _TRANSCRIPT.match(text, s, e)
        if m and (s == 0 or text[s - 1] == "\n") and len(m["speaker"]) > 1:
            line_end = text.find("\n", s)
            line_end = len(text) if line_end < 0 else line_end
            colon = text.index(":", m.end("speaker"))
            out.append(_Found(0, _Mention(m.start("speaker"), m.end("speaker"), m["speaker"]), (colon, colon + 1),
                              _trim(text, m.start("content"), line_end), "direct"))
            return out
    m = _DASH.search(text, s, e)
    if m and e == m.end() and _is_line_end(text, e):
        line_start = text.rfind("\n", 0, s) + 1
        q = _Quotes(text[line_start:m.end("quote")])
        if q.spans:
            qs = line_start + q.spans[0][0]
            out.append(_Found(0, _Mention(m.start("speaker"), m.end("speaker"), m["speaker"]),
                              (m.start("cue"), m.end("cue")), (qs, m.end("quote")), "direct"))
    return out


def _is_line_end(text: str, e: int) -> bool:
    return e >= len(text) or text[e:e + 1] == "\n" or not text[e:text.find("\n", e) if "\n" in text[e:] else len(text)].strip()


def _attribute(text, s, e, cue, kind, quotes, same_sentence, sents, i, lex) -> _Found | None:
    """Attribute one cue: find its speaker and its content within sentence [s, e)."""
    cs, ce = cue
    left_text = text[max(s, cs - 12):cs]
    if kind != "according_to" and (_NEGATION.search(left_text) or _NOUN_BEFORE.search(left_text)):
        return None  # "declined to say", "was said to", "the report": not a statement
    if kind == "according_to":
        speaker = _right_np(text, ce, e, lex)
        if not speaker:
            return None
        return _according(text, s, e, cue, speaker, quotes)
    if kind == "participle":
        speaker = _clause_subject(text, s, cs, same_sentence, lex)
        if not speaker:
            return None
        content = _content_after(text, s, e, ce, kind, quotes, sents, i)
        if not content:
            return None
        return _Found(i, speaker, cue, content, _mode(text, content, quotes, cue, speaker))
    # speech and tell verbs
    j = cs
    while j > s and text[j - 1].isspace():
        j -= 1
    after_punct = j > s and text[j - 1] in ",”\"’—:;("
    speaker = None
    inverted = False
    if after_punct or j == s:
        speaker = _right_np(text, ce, e, lex)
        inverted = speaker is not None
    if speaker is None:
        speaker = _left_np(text, s, cs, lex)
    if speaker is None:
        return None
    document = bool(re.search(r"(?i)\b(?:in|via|through)\s+(?:a|an|the|its|his|her|their)\s+(?:joint\s+|written\s+)?"
                              r"(?:statement|communiqu[eé]|readout|release|letter|post|tweet)\b",
                              text[s:e]))
    frame_end = speaker.end if inverted else ce
    content = None
    if not inverted:
        content = _content_after(text, s, e, ce, kind, quotes, sents, i)
    if content is None:
        frame_start = cs if inverted else speaker.start
        content = _content_before(text, s, e, frame_start, frame_end, quotes, same_sentence, sents, i)
    if content is None:
        return None
    found = _Found(i, speaker, cue, content, _mode(text, content, quotes, cue, speaker), document=document)
    return found


def _according(text, s, e, cue, speaker, quotes) -> _Found | None:
    """Content of "according to X": the rest of the sentence, on the side that holds it."""
    cs, ce = cue
    before = _trim(text, s, cs)
    after = _trim(text, speaker.end, e)
    if before and before[1] - before[0] > 3:
        content = before
    elif after and after[1] - after[0] > 3:
        content = after
    else:
        return None
    return _Found(0, speaker, cue, content, "according_to")


def _clause_subject(text, s, cs, same_sentence, lex) -> _Mention | None:
    """Return the speaker of a participle cue ("..., saying"): an earlier speaker or the sentence subject."""
    for f in reversed(same_sentence):
        if f.speaker.end <= cs:
            return f.speaker
    m = re.compile(r"(?:(?:Meanwhile|However|Later|Earlier|Separately|Still|Yet|But|And|Also|On \w+|In \w+(?: \w+)?),\s*)?").match(text, s)
    start = m.end()
    tokens = list(_TOKEN.finditer(text, start, cs))
    words = []
    for t in tokens:
        w = t.group(0)
        low = w.lower()
        if low in _PRONOUNS and not words:
            return _Mention(t.start(), t.end(), w)
        if w[0].isupper() or w in ("’s", "'s") or (words and low in lex.roles | lex.bodies) or (not words and low in _DETERMINERS):
            words.append(t)
            continue
        if words and not w[0].isupper() and low not in _STOP and len(words) < 6 and low not in lex.roles | lex.bodies:
            # a lowercase modifier inside the subject ("the foreign ministry"): keep going only before a head
            if any(x.group(0)[0].isupper() or x.group(0).lower() in lex.roles | lex.bodies for x in words):
                break
            words.append(t)
            continue
        break
    while words and (words[-1].group(0).lower() in _DETERMINERS or not _WORD.match(words[-1].group(0))):
        words.pop()
    if not words:
        return None
    return _Mention(words[0].start(), words[-1].end(), text[words[0].start():words[-1].end()])


def _left_np(text: str, s: int, cs: int, lex: _Lexicon) -> _Mention | None:
    """Walk left from a cue to find the speaker noun phrase ("Iraq’s foreign ministry said")."""
    window = max(s, cs - 160)
    tokens = list(_TOKEN.finditer(text, window, cs))
    k = len(tokens) - 1
    while k >= 0 and tokens[k].group(0).lower() in _AUX:
        k -= 1
    if k < 0:
        return None
    tok = tokens[k].group(0)
    if tok.lower() in ("who", "which"):
        # "officials, who said ...": the speaker is the phrase before the relative pronoun
        k -= 1
        if k >= 0 and tokens[k].group(0) == ",":
            k -= 1
        return _collect_left(text, tokens, k, lex)
    if tok == ",":
        return _appositive(text, tokens, k, lex)
    return _collect_left(text, tokens, k, lex)


def _appositive(text, tokens, k, lex) -> _Mention | None:
    """Read "Smith, a spokesman for the ministry, said": the name and its apposition."""
    j = k - 1
    while j >= 0 and tokens[j].group(0) not in (",", "“", "”", '"', ".", ";", ":", "(") and k - j <= 14:
        j -= 1
    if j < 0 or tokens[j].group(0) != "," or j == k - 1:
        return None
    first = tokens[j + 1].group(0)
    looks_appositive = (first.lower() in _DETERMINERS or first.lower() in ("who", "which") or first.isdigit()
                        or first in lex.titles or first.lower() in lex.roles or first.lower() == "whose")
    if not looks_appositive:
        return None
    head = _collect_left(text, tokens, j - 1, lex)
    if head is None:
        return None
    end = tokens[k - 1].end()
    return _Mention(head.start, end, text[head.start:end])


def _collect_left(text, tokens, k, lex) -> _Mention | None:
    """Collect a noun phrase ending at token k, walking leftwards."""
    if k < 0:
        return None
    last = k
    first = None
    n = 0
    while k >= 0 and n < 12:
        w = tokens[k].group(0)
        low = w.lower()
        if not _WORD.match(w):
            # keep the dot of a title abbreviation ("Gen. Smith") and the hyphen or ampersand of names
            if w == "." and k > 0 and tokens[k - 1].group(0) + "." in lex.titles:
                k -= 1
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
            if j >= 0 and (tokens[j].group(0).lower() in lex.roles or tokens[j].group(0).lower() in lex.bodies
                           or tokens[j].group(0) in lex.titles):
                k = j
                first = j
                n += 2
                continue
            break
        if low == "and" and first is not None and k > 0 and tokens[first].group(0)[:1].isupper() \
                and tokens[k - 1].group(0)[:1].isupper():
            k -= 1
            n += 1
            continue
        if low in _STOP and not w[0].isupper():
            break
        if w[0].isupper() and low in _STOP and k > 0 and tokens[k - 1].group(0) not in (",",):
            # a capitalised function word mid-sentence is a name part only rarely; stop
            break
        if w[0].isupper() and low in _STOP:
            break
        if not w[0].isupper() and first is not None and low.endswith("ly"):
            break
        first = k
        k -= 1
        n += 1
    if first is None:
        return None
    # an "s" token after an apostrophe is part of the possessive, not a head
    start, end = tokens[first].start(), tokens[last].end()
    mention = text[start:end]
    words = mention.split()
    if not any(ch.isalpha() for ch in mention):
        return None
    if len(words) == 1 and words[0].lower() in _DETERMINERS:
        return None
    return _Mention(start, end, mention)


def _right_np(text: str, ce: int, e: int, lex: _Lexicon) -> _Mention | None:
    """Read the speaker noun phrase after a cue ("..., said the minister")."""
    tokens = list(_TOKEN.finditer(text, ce, min(e, ce + 160)))
    words = []
    n = 0
    while n < len(tokens) and len(words) < 12:
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
            break
        if low in ("of", "for") and words and (words[-1].group(0).lower() in lex.roles | lex.bodies
                                                or words[-1].group(0) in lex.titles or words[-1].group(0)[0].isupper()):
            if n + 1 < len(tokens) and _WORD.match(tokens[n + 1].group(0)):
                words.append(t)
                n += 1
                continue
            break
        if low == "and" and words and words[-1].group(0)[0].isupper() and n + 1 < len(tokens) \
                and tokens[n + 1].group(0)[:1].isupper():
            words.append(t)
            n += 1
            continue
        if low in _DETERMINERS and (not words or words[-1].group(0).lower() in ("of", "for")):
            words.append(t)
            n += 1
            continue
        if low in _STOP:
            break
        if not w[0].isupper() and not words:
            return None  # "said the" is handled above; a bare lowercase word is content, not a speaker
        words.append(t)
        n += 1
    while words and (words[-1].group(0).lower() in _DETERMINERS or words[-1].group(0).lower() in ("of", "for", "and")):
        words.pop()
    if not words or all(x.group(0).lower() in _DETERMINERS for x in words):
        return None
    start, end = words[0].start(), words[-1].end()
    return _Mention(start, end, text[start:end])


_ADDRESSEE = re.compile(
    r"\s*(?:(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}|reporters|journalists|lawmakers|lawmaker|"
    r"him|her|them|us|me|supporters|the\s+\w+(?:\s+\w+)?|an?\s+\w+(?:\s+\w+)?(?:\s+conference|\s+briefing|\s+interview)?)"
    r"(?=\s|,|:|$)")
_LEAD_FRAME = re.compile(
    r"(?:\s*,)?\s*(?:(?:on|in|at|during|late|early|last|this|via|through)\s+(?:a\s+|an\s+|the\s+|his\s+|her\s+|their\s+|its\s+)?"
    r"(?:[\w’'-]+\s+){0,3}?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|statement|interview|"
    r"conference|briefing|speech|week|month|year|morning|afternoon|evening|night|day|Twitter|X|television|"
    r"radio|post|tweet)\b|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|"
    r"earlier|later|separately|also|again|repeatedly)\b)[,]?")


def _content_after(text, s, e, ce, kind, quotes, sents, i) -> tuple[int, int] | None:
    """Return the content that follows a cue ("said (that) ...", "said: “...”"), or None."""
    p = ce
    if kind == "tell":
        that = _THAT.search(text, p, min(e, p + 80))
        if that and "," not in text[p:that.start()]:
            p = that.end()
        else:
            m = _ADDRESSEE.match(text, p, e)
            if m:
                p = m.end()
    while True:
        m = _LEAD_FRAME.match(text, p, e)
        if not m or m.end() == p:
            break
        p = m.end()
    rest = text[p:e]
    stripped = rest.lstrip(" ,")
    if stripped.startswith(":"):
        colon = p + rest.index(":")
        if not text[colon + 1:e].strip():
            return _next_paragraph(text, e, quotes)
        return _extend_quote(text, _trim(text, colon + 1, e), quotes)
    that = re.match(r"\s*that\b", text[p:e])
    if that:
        p += that.end()
    body = text[p:e]
    words = body.split()
    if not words:
        return None
    first = words[0].strip(",")
    if not that and (first in (".", ",", ";") or body.lstrip()[:1] in ",.;"):
        return None
    if not that and not body.lstrip()[:1] in _OPENING_QUOTES and _PREP_TIME.match(body.lstrip()) and len(words) < 8:
        return None
    end = e
    nxt = re.search(r",\s+(?:adding|saying|noting|arguing|warning|insisting|stressing|claiming|explaining|"
                    r"and\s+(?:added|said|noted|warned|stressed)|but\s+(?:added|said))\b", text[p:e])
    if nxt:
        end = p + nxt.start()
    span = _trim(text, p, end)
    if not span or span[1] - span[0] < 3:
        return None
    return _extend_quote(text, span, quotes)


def _content_before(text, s, e, frame_start, frame_end, quotes, same_sentence, sents, i) -> tuple[int, int] | None:
    """Return the content before a cue ("Y, X said." / "“Y,” said X"), or None."""
    start = s
    for f in same_sentence:
        if f.content[1] <= frame_start:
            start = max(start, f.content[1], f.speaker.end if f.speaker.end <= frame_start else start)
    q = quotes.around(start + 1) if start < e else None
    if q and q[0] < start:
        start = q[0]
    span = _trim(text, start, frame_start)
    if not span or span[1] - span[0] < 3:
        return None
    cs, ce = span
    # a split quote: “Y,” he said, “Z.” — the content runs on to Z's end
    tail = text[frame_end:e]
    m = re.match(r"[^“\"\n]{0,40}?,\s*[“\"]", tail)
    if m:
        q = quotes.around(frame_end + m.end())
        if q:
            ce = max(ce, q[1])
    # quote sentences that follow in the same paragraph without a cue continue it
    j = i + 1
    while j < len(sents) and sents[j][2] == sents[i][2]:
        ns, ne = sents[j][3], sents[j][4]
        if text[ns] not in _OPENING_QUOTES or _lexicon().cue_re.search(_outside_quotes(text, ns, ne, quotes)):
            break
        ce = max(ce, _trim(text, ns, ne)[1])
        j += 1
    return _extend_quote(text, (cs, ce), quotes, backward=True)


def _outside_quotes(text, s, e, quotes) -> str:
    """Return text[s:e] with quoted parts blanked (to look for cues outside quotes)."""
    chars = list(text[s:e])
    for qs, qe in quotes.within(s, e):
        for k in range(max(qs, s), min(qe, e)):
            chars[k - s] = " "
    return "".join(chars)


def _extend_quote(text, span, quotes, backward=False) -> tuple[int, int] | None:
    """Widen a content span to the whole of any quote it opens or closes partway."""
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
    m = re.compile(r"\s*\n\s*(?P<p>[^\n]+)").match(text, e)
    if not m:
        return None
    span = _trim(text, m.start("p"), m.end("p"))
    return _extend_quote(text, span, quotes)


def _continuation(text, sents, i, quotes, found) -> _Found | None:
    """Attribute a cue-less quote paragraph to the speaker of the paragraph before it."""
    _, block, b_index, s, e = sents[i]
    if block != "body" or text[s] not in "“\"«„" or not found:
        return None
    if i > 0 and sents[i - 1][2] == b_index:
        return None  # only paragraph-initial quotes continue a speaker
    prev = found[-1]
    prev_block = sents[prev.sentence][2]
    if prev.content[1] > s:
        return None  # already inside the previous statement (a quote running on)
    # the previous statement must be in the paragraph just before this one
    earlier = [x for x in sents[:i] if x[1] != "caption"]
    if not earlier or earlier[-1][2] != prev_block:
        return None
    q = quotes.around(s + 1)
    end = q[1] if q else e
    para_end = text.find("\n", s)
    para_end = len(text) if para_end < 0 else para_end
    end = min(max(end, e), para_end) if q and q[1] <= para_end else end
    return _Found(i, prev.speaker, None, _trim(text, s, end), "direct", continues=found.index(prev))


def _trim(text: str, s: int, e: int) -> tuple[int, int] | None:
    """Strip spaces and trailing commas, colons and full stops outside quotes."""
    while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:.—–-"):
        e -= 1
    return (s, e) if e > s else None


def _mode(text, content, quotes, cue, speaker) -> str:
    """Classify a content span as direct, mixed or indirect by how much of it is quoted."""
    cs, ce = content
    inside = 0
    for qs, qe in quotes.within(cs, ce):
        inside += min(qe, ce) - max(qs, cs)
    if inside == 0:
        return "indirect"
    # the frame of a split quote ("he said") sits inside the content: do not count it
    frame = 0
    if cue and cs <= cue[0] < ce:
        lo, hi = min(cue[0], speaker.start), max(cue[1], speaker.end)
        frame = hi - lo
    letters = sum(1 for ch in text[cs:ce] if ch.isalnum())
    quoted_letters = sum(1 for qs, qe in quotes.within(cs, ce)
                         for ch in text[max(qs, cs):min(qe, ce)] if ch.isalnum())
    frame_letters = sum(1 for ch in text[cs:ce][max(0, (cue[0] if cue else 0) - cs):][:frame] if ch.isalnum()) if frame else 0
    return "direct" if quoted_letters >= letters - frame_letters - 2 else "mixed"


# --------------------------------------------------------------------------- resolution

def _resolve(found: list[_Found], text: str, parties: dict) -> None:
    """Resolve each speaker mention within the article and assign parties, in place."""
    lex = _lexicon()
    history: list[_Found] = []
    for n, f in enumerate(found):
        if f.continues is not None:
            prev = found[f.continues]
            f.resolved, f.party, f.kind = prev.resolved, prev.party, prev.kind
            f.evidence = f"continues #{f.continues}" + (f" ({prev.evidence})" if prev.evidence else "")
            history.append(f)
            continue
        mention = f.speaker.text
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
        history.append(f)


def _mention_kind(mention: str, lex: _Lexicon) -> tuple[str, str]:
    """Classify a speaker mention: pronoun, document, definite (role/body), name or group."""
    words = mention.split()
    low = [w.lower().strip(",.") for w in words]
    if len(words) == 1 and low[0] in _PRONOUNS:
        return "pronoun_" + _PRONOUNS[low[0]], low[0]
    head = low[-1]
    head = re.sub(r"[’']s?$", "", head)
    if low[0] in ("the", "this", "that") and head in lex.documents:
        return "document", head
    if low[0] in ("the", "this", "that") and (head in lex.roles or head in lex.bodies) \
            and not any(w[:1].isupper() for w in words[1:]):
        return "definite", head
    if words[-1][:1].isupper() and low[0] not in ("the", "a", "an"):
        return "name", head
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
    """Return a speaker's name without titles ("US Defence Secretary Lloyd Austin" -> "Lloyd Austin")."""
    if kind != "name":
        m = re.match(r"(?i)(?:the|a|an)\s+", mention)
        return mention[m.end():] if m and kind in ("body", "definite") else mention
    words = mention.split(",")[0].split()
    name: list[str] = []
    for w in reversed(words):
        bare = w.strip(",")
        if bare in lex.titles or bare.rstrip(".") + "." in lex.titles or not bare[:1].isupper() or bare.endswith(("’s", "'s")):
            break
        name.insert(0, bare)
    return " ".join(name) if name else mention


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
