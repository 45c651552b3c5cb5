"""Find what was said: the content span of a reporting cue.

Content follows the cue ("said (that) ...", "said: “...”", "said, “...”") or
comes before it ("“...,” X said"), may be split around the cue, and may run on
over sentences and paragraphs of quotation. Spans are ``(start, end)`` offsets
into the article text; the function words the rules use are data
(``lib/parley/lexicons/attribution.csv``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.lexicons import alternation, built_from, read_lexicon, word_lists
from ..core.words import NOT_IN_WORD, WORD_CHAR
from .article import Article, Span
from .cues import cue_lexicon, find_cues, reduced_relative
from .quotes import NL, OPENING_QUOTES, Quotes, line_end, opens_quote

__all__ = ["Clause", "Span", "content_after", "content_before", "adverbials_then_comma", "adverbials_to_end", "extend_quote", "next_paragraph", "trim", "mode_of",
           "according_content", "after_quote", "continuation_span", "as_parenthetical", "relative_aside"]

_MERGE_REPORT = 1.0  # a report ("he said") no longer than the quotes it splits stays inside the span

_ON = re.compile(r"\s+(?:on|upon|for)\s+")
_COLON = re.compile(r"\s*:\s*")
_AS = re.compile(r"\s+as\s+")
_BEFORE_QUOTE = re.compile(r"\s*,?\s*(?=[“\"‘]|'')")
_THAT = re.compile(r"\s*that\b")
_ASIDE_AFTER_THAT = re.compile(r",\s*[^,.;:“\"]{1,60},\s*\S")  # "that, like him, she ..."
_CLAUSE_GOES_ON = re.compile(rf"[^,.;“\"{NL}]{{0,40}}?,\s+(?=[a-z])")  # "X says, is ...": a lower-case word after
_REPORT_COMMA = re.compile(rf"[^,.;“\"{NL}]{{0,40}}?,\s+")
_INTRODUCES = re.compile(r"(?:[:;(]|\s[—–-]|\s--)\s*$")  # a colon or dash that introduces a quote
_REPORT_BEFORE_QUOTE = re.compile(rf"[^“\"{NL}]{{0,60}}?,\s*(?=[“\"]|'')")
# "said in a video posted by state TV": the participle describes the medium, it is no content
_MEDIUM_PARTICIPLE = re.compile(r"\s*(?:[a-z]{3,}ed|shown|broadcast|aired)\s+(?:by|on|to)\s+[^,;:.“\"]{1,60}?(?=\s*(?:[,;:.“\"]|that\b|$))")
_RELATIVE_TAIL = re.compile(r",\s*(?:which|who|whom)$")
_NEXT_PARAGRAPH = re.compile(rf"\s*[{NL}]\s*(?P<p>[^{NL}]+)")


@dataclass(frozen=True)
class _Grammar:
    addressee: re.Pattern
    lead_adverbial: re.Pattern
    content_stop: re.Pattern
    narration: re.Pattern
    narration_after_quote: re.Pattern
    verb_phrase_after_object: re.Pattern
    past: re.Pattern
    that_near: re.Pattern
    that_after_addressee: re.Pattern
    tell_cue: re.Pattern
    intro: re.Pattern
    this_clause: re.Pattern
    title_adverbial: re.Pattern
    title: re.Pattern
    leading_conjunction: re.Pattern
    clause_rest: re.Pattern
    subordinate: re.Pattern
    main_clause: re.Pattern
    frame_rest: re.Pattern


@built_from("attribution.csv", "reporting_verbs.csv")
def _grammar() -> _Grammar:
    w = word_lists("attribution.csv")
    a = alternation
    days = a(w["weekday"])
    months = a(w["month"])
    tell = [row["form"] for row in read_lexicon("reporting_verbs.csv") if row["lemma"] == "tell"]
    return _Grammar(
        addressee=re.compile(
            rf"\s*(?:(?:the\s+)?[A-Z][\w’'.-]*(?:\s+(?:(?:with|of|on|the|and)\s+)?[A-Z][\w’'.-]*){{0,4}}"
            rf"|{a(w['addressee'])}|"
            r"the\s+\w+(?:\s+\w+)?|an?\s+\w+(?:\s+\w+)?)(?=\s|,|:|$)"),
        # Time and place phrases between a cue and its content ("said on Monday that", "said after the vote he").
        lead_adverbial=re.compile(
            rf"(?:\s*,)?\s*(?:(?:{a(w['time_preposition'])})\s+(?:(?:{a(w['frame_determiner'])})\s+)?"
            rf"(?:{WORD_CHAR}+\s+){{0,3}}?(?:{days}|{a(w['occasion'])})\b"
            rf"|(?:{days}|{a(w['relative_day'])}|{a(w['cue_adverb'])})\b"
            # a date: "said July 21, 2024", "said on 5 March"
            rf"|(?:on\s+|in\s+)?(?:(?:{months})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
            rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{months})(?:,?\s+\d{{4}})?|(?:{months})\s+\d{{4}})\b"
            # whom it was said to: "confirmed to Reuters", "said to reporters"
            rf"|to\s+(?:(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){{0,3}}|{a(w['addressee'])})(?=[\s,.;:]|$)"
            rf"|(?:{a(w['place_preposition'])})\s+(?!least\b)(?:[\w’'.-]+\s+){{1,5}}?"
            rf"(?=(?:{a(w['clause_opener'])}|[A-Z]{WORD_CHAR}*)\s)"
            rf"|(?:{a(w['place_preposition'])}|of)\s+(?:[\w’'.-]+\s+){{0,4}}[\w’'.-]+(?=\s*:))"
            rf"(?:\s+(?:{a(w['day_part'])}))?,?"),
        # where a content clause ends: "; ", ", but they ...", " - ", "and (also, has) said ..."
        # (but not an elliptical clause, which has no verb to be the reporter's: "..., but the other side is not.")
        content_stop=re.compile(rf";\s|,\s+(?:{a(w['contrast'])})\s+(?!that\b)(?=(?:{a(w['clause_opener'])})\b|[A-Z])"
                                rf"(?!(?:{WORD_CHAR}+\s+){{1,4}}(?:is|are|was|were|has|have|had|do|does|did|will|would|can|could)"
                                r"\s+not\s*[.!?\n])"
                                rf"|\s[—–-]\s|,\s+(?:and|but)\s+(?:then\s+|later\s+|also\s+)?[a-z]+ed\s"
                                rf"|,?\s+(?:and|but)\s+(?:(?:also|has|have|had|then|later)\s+)?"
                                rf"(?:{a(cue_lexicon().verbs)})\b"
                                r"|\s--\s"
                                r"|,\s+which\s+(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+(?:\w+ly\s+)?[a-z]+(?:ed|en)"
                                rf"(?:\s+{WORD_CHAR}+){{0,6}}?\s+by\b"
                                rf"|,\s+and\s+(?:the\s+)?[A-Z][\w’'.-]*(?:(?:,\s+|\s+and\s+|\s+)(?:the\s+)?[A-Z][\w’'.-]*){{0,6}}"
                                rf"\s+(?:{a(cue_lexicon().verbs)})\b"
                                # the reporter's own clause: ", deepening a dispute ...", ", with X reaffirming ...",
                                # " -prompting ..."
                                rf"|,\s+(?:with\s+(?:[\w’'.-]+\s+){{1,5}}?)?(?!(?:{a(w['not_participle'])})\b)"
                                rf"[a-z]{{2,}}ing\s+(?:{a(w['noun_determiner'])})\s|\s[—–-][a-z]+ing\b"
                                # ", without acknowledging ...", " after saying ...": what the speaker did (not) say
                                r"|,\s+without\s+(?:\w+ly\s+)?[a-z]{2,}ing\b"
                                rf"|\s+(?:{a(w['narrative_conjunction'] + w['quote_conjunction'])})\s+"
                                rf"(?:{a(f for f, (kind, _) in cue_lexicon().verbs.items() if kind == 'participle')})\b"),
        # a past event the reporter adds to a content in the present or future: "... it would defend itself
        # after air strikes killed two soldiers"
        narration=re.compile(rf",?\s+(?:(?:{a(w['time_distance'])})\s+)?(?:{a(w['narrative_conjunction'])})\s+"
                             rf"(?:(?!(?:{a(cue_lexicon().verbs)})\b)[\w’'.-]+\s+){{1,10}}?"
                             rf"(?:(?!(?:{a(cue_lexicon().verbs)})\b)[a-z]{{3,}}ed|{a(w['past_irregular'])})\b"),
        narration_after_quote=re.compile(
            rf",?\s+(?:(?:{a(w['time_distance'])})\s+)?(?:{a(w['narrative_conjunction'] + w['quote_conjunction'])})\s+"
            rf"(?:(?!(?:{a(cue_lexicon().verbs)})\b)[\w’'.-]+\s+){{1,10}}?"
            rf"(?:(?!(?:{a(cue_lexicon().verbs)})\b)[a-z]{{3,}}ed|{a(w['past_irregular'])})\b"),
        # after an object ("accused X of ...", "called X a ..."), "and has ..." is the subject's next act
        verb_phrase_after_object=re.compile(r"\s+and\s+(?:has|have|had|is|was|were|will)\s+(?:\w+ly\s+)?[a-z]+(?:ed|en)\b"),
        past=re.compile(rf"\b(?:was|were|had|did|[a-z]{{3,}}ed|{a(w['past_irregular'])})\b"),
        that_near=re.compile(rf"(?:\s+{WORD_CHAR}+){{0,4}}?\s+that\b"
                             # a long stretch of time, place and company: "said on Monday at a news
                             # conference with the visiting minister that"
                             rf"|\s+(?:{a(w['stretch_preposition'])})\s+(?:(?!(?:{a(w['relative'])})\b"
                             rf"|to\s+(?!(?:{a(w['frame_determiner'] + w['addressee'])})\b)[a-z])"
                             rf"[^\s,;:“”\"{NL}]+\s+){{1,14}}?that\b"
                             rf"|(?:\s+{WORD_CHAR}+){{0,2}}?\s+(?:{a(w['that_frame_preposition'])})\s[^.;:“\"{NL}]{{0,60}}?"
                             r",\s+that\b"
                             rf"|,\s+{WORD_CHAR}+(?:\s+{WORD_CHAR}+)?,\s+that\b"),
        # an addressee and its adverbials before "that": no quote, clause stop or relative pronoun on the way
        that_after_addressee=re.compile(rf"(?:\s+(?!(?:{a(w['relative'])})\b)[^\s“”\";:]+){{1,14}}?\s+that\b"),
        # the forms of "tell", participle included ("telling voters ... that")
        tell_cue=re.compile(rf"{NOT_IN_WORD}(?:{a(tell)})$"),
        intro=re.compile(rf"(?:{a(w['frame_intro'])})\b", re.I),
        # "said this was not enough": "this" opens the content, not an adverbial of time ("said this week")
        this_clause=re.compile(rf"(?:this|that)\s+(?:{a(w['clause_verb'])})\b"),
        # an adverbial naming a programme or publication opens with an intro word or a day
        title_adverbial=re.compile(rf"(?:{a(w['frame_intro'] + w['weekday'])})\b", re.I),
        # a title in quotes: capitalised words, small words between ("Face the Nation", "Make Your Kid a Millionaire")
        title=re.compile(r"[“\"‘']+[A-Z][\w’'.-]*(?:\s+(?:[A-Z0-9][\w’'.-]*|a|an|the|of|in|on|to|for|and|with|at)){0,7}"
                         r"[,.]?[”\"’']+"),
        leading_conjunction=re.compile(rf"^(?:{a(w['leading_conjunction'])})\s+"),
        # after "A, X said," a verb or auxiliary continues the clause that A began
        clause_rest=re.compile(rf",\s+(?:{a(w['clause_verb'])})\b"),
        # a sentence that opens with a subordinate clause not yet closed by a comma: "While X has said ..."
        subordinate=re.compile(rf"(?i)(?:(?:{a(w['leading_conjunction'])})\s+)?(?:{a(w['subordinator'])})\s[^,;:{NL}]*$"),
        # the comma after which the main clause begins: a subject follows it
        main_clause=re.compile(rf",\s+(?=(?:{a(w['clause_opener'] + w['determiner'])})\b|[A-Z])"),
        # what follows an interrupting report and belongs to it, not to the clause: "..., he said, adding ...",
        # "..., she said, according to ...", "..., he said, on condition of anonymity"
        frame_rest=re.compile(rf"(?:\w+ly\s+)?{WORD_CHAR}+ing\b|(?:{a(w['time_distance'])})\s+(?:after|before)\b|(?:{a(w['frame_rest'])})\b", re.I),
    )


@dataclass(frozen=True, slots=True)
class Clause:
    """Where a cue's content is looked for: a sentence of an article, or the part of it that holds the cue.

    Attributes
    ----------
    article : Article
        The article (content before a cue may run on into its next sentences).
    start, end : int
        The span searched (the sentence, or its clause that holds the cue).
    index : int
        The index of this sentence in ``article.sents`` (-1: content after the cue only, which stays inside it).
    """

    article: Article
    start: int
    end: int
    index: int = -1


def content_after(clause: Clause, report_end: int, kind: str, nxt: int | None, *,
                  plain: bool = False) -> tuple[int, int] | None:
    """Return the content that follows a cue, or None.

    Parameters
    ----------
    clause : Clause
        Where the cue stands.
    report_end : int
        Where the cue (or an inverted speaker) ends.
    kind : str
        The cue's kind; after "told" an addressee may come first.
    nxt : int or None
        Where the sentence's next cue starts: a content clause ends before it.
    plain : bool
        The content is everything after the cue ("described the plan as ...",
        "called on X to ..."): no addressee or adverbial of time is skipped.
    """
    g = _grammar()
    text, e, quotes = clause.article.text, clause.end, clause.article.quotes
    p = _past_addressee(clause, report_end, kind, plain, g)
    m = _COLON.match(text, p, e)
    if m:
        if not text[m.end():e].strip():
            return next_paragraph(clause)
        return extend_quote(trim(text, m.end(), e), quotes)
    m = _BEFORE_QUOTE.match(text, p, e)
    if m:  # said, “...”
        q = quotes.starting_at(m.end())
        if q:
            end = max(q[1], trim(text, m.end(), e)[1] if q[1] < e else q[1])
            if q[1] < end:
                end = _clause_end(clause.article, Span(q[1], end), g, after_quote=True)
            return extend_quote(trim(text, m.end(), max(q[1], end)), quotes)
    that, p, floor = _after_that(clause, p)
    rest = text[p:e].lstrip()
    if not rest or rest[0] in ",.;" or (not that and g.intro.match(rest) and not g.this_clause.match(rest)):
        return None
    if len(rest.split()) < 3 and not that:
        return None
    end = _content_end(clause, p, floor, report_end, nxt, g)
    if plain:
        m = g.verb_phrase_after_object.search(text, p, end)
        if m:
            end = m.start()  # "accused X of harbouring them and has conducted raids": the subject's next act
    return extend_quote(trim(text, p, end), quotes)


def _past_addressee(clause: Clause, report_end: int, kind: str, plain: bool, g: _Grammar) -> int:
    """Return where the content after a cue ending at ``report_end`` may start: past an addressee ("told reporters
    that") and adverbials of time, place and medium ("said on Monday", "said in a video posted by state TV")."""
    text, e = clause.article.text, clause.end
    p = report_end
    that = None if plain else g.that_near.match(text, p, e)
    inner = cue_lexicon().cue_re.search(text, p, that.end() - 4) if that else None
    if inner and not (inner.group(0).endswith("ed") and reduced_relative(text, p, inner.start())):
        that = None  # "said after the minister claimed that": the "that" is the other cue's
    if not that and not plain and (kind == "tell" or g.tell_cue.search(text, max(0, p - 10), p)):
        that = g.that_after_addressee.match(text, p, e)
        if that and cue_lexicon().cue_re.search(text, p, that.end()):
            that = None
    if plain:
        m = _ON.match(text, p, e) or _AS.match(text, p, e)  # "called on X to": X is part of what was asked;
        # "what it described as a strike": the strike is the content
        p = m.end() if m else p
    elif that:  # "told reporters that", "warned voters on Monday that"
        p = that.end() - 4
    elif kind == "tell":
        m = g.addressee.match(text, p, e)
        if m:
            p = m.end()
    while not plain:
        m = g.lead_adverbial.match(text, p, e) or (_MEDIUM_PARTICIPLE.match(text, p, e) if p > report_end else None)
        if not m or m.end() == p:
            break
        p = m.end()
    return p


def _after_that(clause: Clause, p: int) -> tuple[re.Match | None, int, int]:
    """Step over a "that" at ``p``: return it (or None), where the content starts, and the first offset
    where a comma may end the content (after an aside: "said that, if elected, he would ...")."""
    text, e, quotes = clause.article.text, clause.end, clause.article.quotes
    that = _THAT.match(text, p, e)
    floor = p
    if that:
        p = floor = that.end()
        m = _BEFORE_QUOTE.match(text, p, e)
        if m and quotes.starting_at(m.end()):
            p = m.end()  # "stated that, “...”"
        else:
            m = _ASIDE_AFTER_THAT.match(text, p, e)
            if m:  # "said that, if elected, he would ...": the aside is content, and so is what follows it
                p += 1 + len(text[p + 1:e]) - len(text[p + 1:e].lstrip())
                floor = m.end() - 1
    return that, p, floor


def _content_end(clause: Clause, p: int, floor: int, report_end: int, nxt: int | None, g: _Grammar) -> int:
    """Return where content that starts at ``p`` ends: before the next cue's clause, the main clause after a
    subordinate one, a stop or the reporter's own clause."""
    text, s, e, quotes = clause.article.text, clause.start, clause.end, clause.article.quotes
    end = e
    if nxt is not None and nxt > p:
        comma = max(text.rfind(",", floor, nxt), text.rfind(";", floor, nxt))
        if comma > max(p, floor):
            end = comma
            m = _RELATIVE_TAIL.search(text, p, end)
            if m:
                end = m.start()  # "... the army, which, he said, had ...": the relative clause is the next cue's
    if g.subordinate.fullmatch(text, s, report_end):
        m = g.main_clause.search(text, p, end)
        while m and quotes.around(m.start()):
            m = g.main_clause.search(text, m.end(), end)
        if m:
            end = m.start()  # "While X has said he opposes it, his administration ...": the main clause is not said
    return _clause_end(clause.article, Span(p, end), g, after_quote=bool(quotes.starting_at(p)))  # 'that “...” as ...'


def _clause_end(article: Article, span: Span, g: _Grammar, *, after_quote: bool = False) -> int:
    """Return where a content clause that starts at ``span.start`` ends, by ``span.end``: before a stop or the
    reporter's own clause."""
    text, quotes, (p, end) = article.text, article.quotes, span
    stop = g.content_stop.search(text, p, end)
    while stop and (quotes.around(stop.start()) or _aside(text, stop, end)):
        stop = g.content_stop.search(text, _aside(text, stop, end) or stop.end(), end)
    if stop:
        end = stop.start()
    narration = g.narration_after_quote if after_quote else g.narration
    m = narration.search(text, p, end)
    while m and quotes.around(m.start()):
        m = narration.search(text, m.end(), end)
    if m and (after_quote or not g.past.search(text, p, m.start())):
        end = m.start()
    return end


def adverbials_then_comma(clause: Clause, report_end: int) -> bool:
    """Say whether only adverbials of time, place and audience and then a comma follow the end of a report.

    "..., the minister said on Thursday, reaffirming ...": what follows the
    comma is the reporter's, and the content is the clause before the speaker.
    """
    text, e = clause.article.text, clause.end
    g = _grammar()
    p = report_end
    while True:
        m = g.lead_adverbial.match(text, p, e)
        if not m or m.end() == p:
            break
        p = m.end()
    rest = text[p:e]
    if text[p - 1] == ",":
        rest = "," + rest
    return bool(re.match(r"\s*,\s*(?![“\"‘]|'')\S", rest))


_SHORT_END = re.compile(rf"\s*(?:[\w’'.-]+\s+){{0,5}}{WORD_CHAR}+\s*[.!?]?[”\"’]?\s*")  # "told a news conference."


def adverbials_to_end(clause: Clause, p: int, *, tell: bool = False) -> bool:
    """Say whether only adverbials of time, place and audience follow ``p`` to the clause's end ("said on Monday.").

    After "told" (``tell``) an addressee may come first ("told a news conference.").
    """
    text, e = clause.article.text, clause.end
    if tell and _SHORT_END.fullmatch(text, p, e):
        return True
    g = _grammar()
    start = p
    while True:
        m = g.lead_adverbial.match(text, p, e) or (_MEDIUM_PARTICIPLE.match(text, p, e) if p > start else None)
        if not m or m.end() == p:
            break
        p = m.end()
    return not text[p:e].strip(" \t.!?”\"’")


def _aside(text: str, stop: re.Match, end: int) -> int | None:
    """Return where a dash-paired aside that opens at ``stop`` closes ("X — a rebuttal — was"), or None."""
    dash = stop.group(0).strip()
    if dash not in ("—", "–", "-", "--"):
        return None
    close = text.find(f" {dash}", stop.end(), end)
    if close < 0 or close - stop.end() > 120:
        return None
    return close + len(dash) + 1


def content_before(clause: Clause, report: Span, earlier: list[tuple[tuple[int, int], int]], *,
                   inverted: bool = False) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
    """Return the content before a cue ("Y, X said." / "“Y,” said X") and its continuation after the report.

    Parameters
    ----------
    clause : Clause
        Where the cue stands (with the article's sentences and this one's index).
    report : Span
        The reporting clause ("X said", "said X") between the content and any continuation.
    earlier : list of tuple
        ``(content, speaker_end)`` of the statements already found in this sentence.
    inverted : bool
        Whether the report is "said X": what follows it is then most often the speaker's apposition.

    Returns
    -------
    tuple or None
        ``(span, tail)``: the content span, and the span of a quote that
        continues after the report when that report is too long to sit inside
        one content span (else None); None when there is no content before.
    """
    g = _grammar()
    text, e, quotes = clause.article.text, clause.end, clause.article.quotes
    span = trim(text, _start_before(clause, report.start, earlier), report.start)
    if not span:
        return None
    cs, ce = span
    piece = text[cs:ce]
    quoted = piece[:1] in OPENING_QUOTES or bool(quotes.within(cs, ce))
    verdict = _report_inside(clause, Span(cs, ce), report.end, quoted, inverted, g)
    if verdict == "none":
        return None
    if verdict == "clause":
        return trim(text, cs, e), None
    main = extend_quote((cs, ce), quotes, backward=True)
    last = quotes.within(*main)[-1] if quoted and piece[:1] not in OPENING_QUOTES else None
    if last and last[0] > main[0] and last[1] >= main[1] and _INTRODUCES.search(text[main[0]:last[0]]):
        main = (last[0], main[1])  # "Neither man was impressed - ''Born with a silver spoon,''": the quote alone
    tail = _quote_after(clause, report.end)
    if tail is None or tail[1] <= main[1]:
        return main, None
    tail = extend_quote(trim(text, *tail), quotes)
    between = tail[0] - main[1]
    if between <= _MERGE_REPORT * ((main[1] - main[0]) + (tail[1] - tail[0])):
        return (main[0], tail[1]), None  # a short report stays inside one content span
    return main, tail  # a long report ("said X, a lawyer who ...") would swamp the content: two statements


def _start_before(clause: Clause, report_start: int, earlier: list[tuple[tuple[int, int], int]]) -> int:
    """Return where content before a report may start: after earlier statements and speakers of the sentence,
    or where a quote that opened in an earlier sentence opens."""
    start, e = clause.start, clause.end
    for content, speaker_end in earlier:  # content before this report starts after earlier statements and speakers
        if content[1] <= report_start:
            start = max(start, content[1])
        if speaker_end <= report_start:
            start = max(start, speaker_end)  # "According to Reuters, “Yes,” said Austin": not Reuters' words
    q = clause.article.quotes.around(start + 1) if start < e else None
    if q and q[0] < start:
        start = q[0]  # a quote that opened in an earlier sentence
    return start


def _report_inside(clause: Clause, span: Span, report_end: int, quoted: bool, inverted: bool, g: _Grammar) -> str:
    """Say what the words before a report are: "none" (an adverbial of time, place or programme, no content),
    "clause" (the report interrupts one clause, which is the content), or "" (the content, before it)."""
    text, e, quotes = clause.article.text, clause.end, clause.article.quotes
    cs, ce = span
    piece = text[cs:ce]
    words = len(piece.split())
    if quoted and piece[:1] not in OPENING_QUOTES and words < 8 and g.intro.match(piece):
        return "none"  # "Citing “obligations in Tennessee,” the spokeswoman told ...": an adverbial, not content
    last = quotes.within(cs, ce)[-1] if quoted and piece[:1] not in OPENING_QUOTES else None
    if last and last[1] >= ce and g.title_adverbial.match(piece) and g.title.fullmatch(text, last[0], ce):
        return "none"  # "On CBS's “Face the Nation,” Ryan said ...": a programme, not content
    if not quoted and (words < 3 or g.intro.match(g.leading_conjunction.sub("", piece))):
        # The report interrupts a clause ("Climate change, X says, is ...") or follows an
        # adverbial ("During his years in office, X said, ..."): the content is the whole clause.
        if _CLAUSE_GOES_ON.match(text, report_end, e):
            return "clause"
        if words < 8:
            return "none"  # "In a statement, X said ..." has no content before the speaker
    if not quoted and g.clause_rest.match(text, report_end, e):
        return "clause"  # "The good news, Woolson said, is that ...": one clause around the report
    m = _REPORT_COMMA.match(text, report_end, e)
    if not quoted and not inverted and m and len(text[m.end():e].split()) >= 3 \
            and not g.frame_rest.match(text, m.end(), e) and not cue_lexicon().cue_re.search(text, report_end, m.end() + 40):
        return "clause"  # "Unless countries act, the experts say, the world could suffer ..."
    return ""


def _quote_after(clause: Clause, report_end: int) -> tuple[int, int] | None:
    """Return the quote that continues content after its report: a split quote (“Y,” he said, “Z.”) and the
    quote sentences after it without a cue of their own; None without one."""
    text, quotes, sents = clause.article.text, clause.article.quotes, clause.article.sents
    e, i = clause.end, clause.index
    tail = None
    m = _REPORT_BEFORE_QUOTE.match(text, report_end, e)
    if m and cue_lexicon().cue_re.search(text, report_end, m.end()):
        m = None  # “Y,” he said, adding, “Z”: Z belongs to the other cue
    q = quotes.starting_at(m.end()) if m else None
    if q:
        tail = q
    j = i + 1
    while j < len(sents) and sents[j].block_index == sents[i].block_index:
        ns, ne = sents[j].start, sents[j].end
        if not opens_quote(text, ns) or find_cues(clause.article, sents[j]):
            break
        tail = (tail[0] if tail else ns, max(ne, tail[1] if tail else ne))
        j += 1
    return tail


def extend_quote(span, quotes: Quotes, backward: bool = False) -> tuple[int, int] | None:
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


def next_paragraph(clause: Clause) -> tuple[int, int] | None:
    """Return the paragraph after a clause whose cue ends it ("X said:")."""
    text = clause.article.text
    m = _NEXT_PARAGRAPH.match(text, clause.end)
    if not m:
        return None
    return extend_quote(trim(text, m.start("p"), m.end("p")), clause.article.quotes)


def continuation_span(article: Article, i: int, prev_end: int, prev_block_index: int) -> tuple[int, int] | None:
    """Return the span of a cue-less quote paragraph that continues the statement just before it.

    Parameters
    ----------
    article : Article
        The article.
    i : int
        This sentence's index in ``article.sents``.
    prev_end, prev_block_index : int
        Where the previous statement's content ends and the paragraph it was found in.
    """
    text, sents, quotes = article.text, article.sents, article.quotes
    sent = sents[i]
    if sent.block != "body" or not opens_quote(text, sent.start):
        return None
    if i > 0 and sents[i - 1].block_index == sent.block_index:
        return None  # only a paragraph that opens with a quote continues a speaker
    if prev_end > sent.start:
        return None  # already inside the previous statement (a quote running on)
    earlier = [x for x in sents[:i] if x.block != "caption"]
    if not earlier or earlier[-1].block_index != prev_block_index:
        return None
    para_end = line_end(text, sent.start)
    q = quotes.starting_at(sent.start)
    end = min(q[1], para_end) if q else sent.end
    span = trim(text, sent.start, end)
    if not span or len(text[span[0]:span[1]].split()) < 3:
        return None
    return span


_AS_BEFORE = re.compile(r"(?i)(?:^|[,(]\s*|\b(?:and|but|yet)\s+)as\s+$")
_AS_AFTER = re.compile(r"[^,.;:“\"]{0,40}?,\s+(?=\S)")
_OWN_COMPLEMENT = re.compile(r"\s+(?:to\s+[a-z]|that\b)")  # "As Iraq has threatened to close the border, ...": no aside


def as_parenthetical(clause: Clause, report: Span) -> tuple[int, int] | None:
    """Return the clause that a parenthetical report ("as X noted,") introduces ("As Comey noted, people
    involved ..."), or None."""
    text, e, (speaker_start, report_end) = clause.article.text, clause.end, report
    before = text[clause.start:speaker_start]
    if not _ends_in_as(before) or not _AS_BEFORE.search(before):
        return None
    m = _AS_AFTER.match(text, report_end, e)
    if not m or len(text[m.end():e].split()) < 3 or _OWN_COMPLEMENT.match(text, report_end, e):
        return None
    return trim(text, m.end(), e)


_RELATIVE_BEFORE = re.compile(r",\s*(?:which|who)\s*,\s*$")
_RELATIVE_AFTER = re.compile(r"\s*,\s+(?=[a-z])")


def relative_aside(clause: Clause, report: Span) -> tuple[int, int] | None:
    """Return the rest of a relative clause that a report ("he said") interrupts ("the army, which, he said, had
    broken the truce"): what the speaker said of the noun, without the pronoun; None for any other report."""
    text, e, (speaker_start, report_end) = clause.article.text, clause.end, report
    if not _RELATIVE_BEFORE.search(text, max(clause.start, speaker_start - 12), speaker_start):
        return None
    m = _RELATIVE_AFTER.match(text, report_end, e)
    if not m:
        return None
    span = trim(text, m.end(), e)
    if span is None or len(text[span[0]:span[1]].split()) < 2:
        return None
    return trim(text, span[0], _clause_end(clause.article, Span(*span), _grammar()))


def _ends_in_as(piece: str) -> bool:
    """Say whether ``piece`` ends in "as" and spaces, as ``_AS_BEFORE`` needs (a cheap test before it).

    re.IGNORECASE also takes a long s ("ſ") for an "s", which str.lower() keeps.
    """
    word = piece.rstrip()
    return len(word) < len(piece) and word[-2:].lower() in ("as", "aſ")


def after_quote(clause: Clause, pos: int) -> bool:
    """Say whether a speaker starting at ``pos`` follows a closing quote (as in "“Y,” X said")."""
    left = clause.article.text[clause.start:pos].rstrip().rstrip(",—–- ")
    return bool(left) and left[-1] in "”\"’'"


def according_content(clause: Clause, report: Span) -> tuple[int, int] | None:
    """Return the content of a report "according to X": the rest of the clause, on the side that holds it."""
    text = clause.article.text
    before = trim(text, clause.start, report.start)
    after = trim(text, report.end, clause.end)
    words = len(text[before[0]:before[1]].split()) if before else 0
    if words >= 3 and not (words < 6 and _grammar().intro.match(text, before[0]) and after
                           and len(text[after[0]:after[1]].split()) >= 3):
        return before  # but "At the same time, according to X, ..." is an adverbial, and what follows is the content
    if after and len(text[after[0]:after[1]].split()) >= 3:
        return after
    return None


def trim(text: str, s: int, e: int) -> tuple[int, int] | None:
    """Strip spaces and the commas, colons, dashes and full stops that frame a span."""
    while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:.—–-"):
        e -= 1
    return (s, e) if e > s else None


def mode_of(article: Article, content: tuple[int, int], report: Span | None) -> str:
    """Classify a content span as direct, mixed or indirect by how much of it is quoted.

    Parameters
    ----------
    article : Article
        The article.
    content : tuple of int
        The content span.
    report : Span or None
        The span of the cue and speaker when it sits inside the content (a
        split quote): it is not counted as content.
    """
    text, (cs, ce) = article.text, content
    quoted = [(max(qs, cs), min(qe, ce)) for qs, qe in article.quotes.within(cs, ce)]
    if not quoted:
        return "indirect"
    letters = _alnum_count(text, cs, ce)
    in_quotes = sum(_alnum_count(text, qs, qe) for qs, qe in quoted)
    if report:  # the "he said" inside a split quote is not content
        letters -= _alnum_count(text, *report)
    return "direct" if in_quotes >= letters - 2 else "mixed"


_NOT_ALNUM = re.compile(r"[\W_]+")  # \w is str.isalnum() and "_"


def _alnum_count(text: str, s: int, e: int) -> int:
    """Count the letters and digits of ``text[s:e]`` (what is left once the runs of anything else are cut)."""
    return len(_NOT_ALNUM.sub("", text[s:e]))
