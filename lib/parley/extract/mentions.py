"""Find the speaker mention next to a reporting cue: "Iraq’s foreign ministry said", "..., said the minister".

A mention is the noun phrase in the text that names the speaker, with its
titles and appositions ("Fuad Hussein, Iraq’s foreign minister"). What it
refers to and which party it speaks for is decided later, by
:mod:`parley.actors` and :mod:`parley.resolution`. The words that shape a
mention are data: ``lib/parley/lexicons/speakers.csv`` (titles, roles, bodies,
documents) and ``lib/parley/lexicons/attribution.csv`` (function words).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.lexicons import alternation, built_from, read_lexicon, word_lists
from ..core.words import NOT_BEFORE_WORD, NOT_IN_WORD, WORD_CHAR
from .article import Span

__all__ = ["Mention", "SpeakerLexicon", "speaker_lexicon", "TOKEN", "ROLE_PREFIX", "strip_article",
           "left_speaker", "right_speaker", "clause_subject"]

#: "co-chairman" is a chairman, "vice-president" a president.
ROLE_PREFIX = re.compile(r"^(?:co|vice|deputy|acting)-")
_ARTICLE = re.compile(r"(?i)^(?:the|a|an)\s+")
#: Tokens of attribution: abbreviations (U.S.), words with inner apostrophes and hyphens, single marks.
# a web name is one token: "Caliber.Az", "Al-Monitor.com"
TOKEN = re.compile(rf"(?:[A-Za-z]\.){{2,}}|\w[\w’'&-]*(?:\.(?:[a-z]{{2,3}}|[A-Z][a-z]){NOT_BEFORE_WORD})?|[^\w\s]")
_WORD = re.compile(r"\w")


@dataclass(slots=True)
class Mention:
    """A speaker mention: its span and words, and for "who" the phrase it stands for."""

    start: int
    end: int
    text: str
    antecedent: "Mention | None" = None


@dataclass(frozen=True)
class SpeakerLexicon:
    titles: frozenset[str]
    roles: frozenset[str]
    bodies: frozenset[str]
    proper_bodies: frozenset[str]     # bodies written as names ("UN", "Pentagon", "White House"), lower case
    documents: frozenset[str]
    not_speakers: frozenset[str]
    pronouns: dict[str, str]          # lower-case pronoun -> person | group | body
    stop: frozenset[str]
    weekdays: frozenset[str]
    determiners: frozenset[str]
    quantifiers: frozenset[str]
    name_suffixes: frozenset[str]
    share: re.Pattern
    aux: frozenset[str]
    complement_prepositions: frozenset[str]
    source_prepositions: frozenset[str]
    complement_adjectives: frozenset[str]
    sentence_intro: re.Pattern
    frame_intro: re.Pattern
    time_before: re.Pattern
    after_speaker: re.Pattern
    leading_conjunction: re.Pattern
    clause_intro: re.Pattern
    intro_end: re.Pattern
    issued: re.Pattern                # "issued a statement", "a statement released by": a document and its issuer
    floating: frozenset[str]          # quantifiers after a subject: "Chile and Peru (have) both said"
    ordinals: dict[str, int]          # "the latter": -1, the last of the two actors named; "the former": -2
    subordinators: frozenset[str]     # "after", "when": a speaker after one speaks in a subordinate clause


@built_from("speakers.csv", "attribution.csv")
def speaker_lexicon() -> SpeakerLexicon:
    """Build the speaker lexicon from ``speakers.csv`` and ``attribution.csv``."""
    kinds: dict[str, set[str]] = {}
    for row in read_lexicon("speakers.csv"):
        kinds.setdefault(row["kind"].strip(), set()).add(row["word"].strip())
    w = word_lists("attribution.csv")
    pronouns = {}
    for kind in ("person", "group", "body"):
        for word in kinds.get(f"pronoun_{kind}", ()):
            pronouns[word.lower()] = kind
    days = alternation(w["weekday"] + w["relative_day"])
    openers = alternation(w["discourse_opener"])
    frame = alternation(w["frame_preposition"])
    return SpeakerLexicon(
        titles=frozenset(kinds.get("title", ())),
        roles=frozenset(x.lower() for x in kinds.get("role", ())),
        bodies=frozenset(x.lower() for x in kinds.get("body", ())),
        proper_bodies=frozenset(x.lower() for x in kinds.get("body", ()) if x[:1].isupper()),
        documents=frozenset(x.lower() for x in kinds.get("document", ())),
        not_speakers=frozenset(kinds.get("not_speaker", ())),
        pronouns=pronouns,
        stop=frozenset(w["stop"]),
        weekdays=frozenset(w["weekday"]),
        determiners=frozenset(w["determiner"]),
        quantifiers=frozenset(w["quantifier"]),
        name_suffixes=frozenset(kinds.get("name_suffix", ())),
        # "Two in three said", "About 4 in 10 say", "More than six in 10 said": a share of those polled
        share=re.compile(rf"(?i){NOT_IN_WORD}(?:(?:{alternation(w['approximator'])})\s+)?"
                         rf"(?:\d+|{alternation(w['number_word'])})[\s-]+(?:in|out\s+of)[\s-]+"
                         rf"(?:\d+|{alternation(w['number_word'])})\s*$"),
        aux=frozenset(w["aux"]),
        complement_prepositions=frozenset(w["complement_preposition"]),
        source_prepositions=frozenset(w["source_preposition"]),
        complement_adjectives=frozenset(w["complement_adjective"]),
        sentence_intro=re.compile(
            rf"(?:(?:{openers}|(?:{frame})\s+{WORD_CHAR}+(?:\s+{WORD_CHAR}+){{0,9}}),\s*)?"),
        frame_intro=re.compile(rf"(?:{alternation(w['frame_intro'] + w['frame_preposition'] + w['discourse_opener'])}"
                               r"|[A-Z]\w+ing|\d[\d,.]*|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten)\b", re.I),
        time_before=re.compile(
            rf"(?:\s+(?:on\s+)?(?:{days})|"
            rf"\s+(?:last|this|earlier this|late last|early last)\s+(?:{alternation(w['season'])})|"
            rf"\s+in\s+(?:\d{{4}}|{alternation(w['month'])}))"
            rf"(?:\s+(?:{alternation(w['day_part'])}))?\s+$"),
        after_speaker=re.compile(rf"(?:{alternation(w['after_speaker'] + w['weekday'])})\b"),
        leading_conjunction=re.compile(rf"(?:{alternation(w['leading_conjunction'])})\s+(?=\w)"),
        # intro phrases before a clause subject: "Like Corker, ...", "For months, ...", "Hours later, ..."
        clause_intro=re.compile(rf"(?:{alternation(w['clause_intro'])})\s", re.I),
        intro_end=re.compile(r"\b(?:later|ago|earlier),\s*$"),
        floating=frozenset(kinds.get("floating", ())),
        subordinators=frozenset(w.lower() for w in kinds.get("subordinator", ())),
        ordinals={**{w.lower(): -1 for w in kinds.get("ordinal_last", ())},
                  **{w.lower(): -2 for w in kinds.get("ordinal_first", ())}},
        issued=re.compile(
            rf"(?i)\b(?:(?:{alternation(kinds.get('issue', ()))})\s+(?:(?:a|an|the|its|his|her|their)\s+)?"
            rf"(?:[\w-]+\s+){{0,2}}?(?:{alternation(kinds.get('document', ()))})"
            rf"|(?:{alternation(kinds.get('document', ()))})\s+(?:{alternation(kinds.get('issue', ()))})"
            rf"(?:\s+[\w-]+){{0,3}}?\s+by)\b"),
    )


def strip_article(text: str) -> str:
    """Return a phrase without its leading article ("the Associated Press" -> "Associated Press")."""
    return _ARTICLE.sub("", text.strip())


def clause_subject(text: str, before: Span, earlier: list[Mention]) -> Mention | None:
    """Return the speaker of a participle or coordinated cue: an earlier speaker or the sentence subject.

    Parameters
    ----------
    text : str
        The article.
    before : Span
        The words before the cue: from where its sentence starts to where the cue starts.
    earlier : list of Mention
        Speakers already found in this sentence.
    """
    lex = speaker_lexicon()
    s, cs = before
    m = _WITH_SUBJECT.search(text, max(s, cs - 80), cs)
    if m:  # "..., with the latter saying ...", "with Peru insisting ...": the participle has its own subject
        tokens = list(TOKEN.finditer(text, m.start("np"), m.end("np")))
        got = _collect_left(text, tokens, len(tokens) - 1, lex)
        if got is not None and got.start == m.start("np"):
            return got
    for m in reversed(earlier):
        if m.end <= cs and m.start >= s:
            return m
    return _sentence_subject(text, list(TOKEN.finditer(text, _subject_start(text, before, lex), cs)), lex)


def _subject_start(text: str, before: Span, lex: SpeakerLexicon) -> int:
    """Return where a sentence's subject may start, in the words before a cue: after its introduction, dateline,
    conjunction and an introductory phrase ("Facing a revolt, ...")."""
    cs = before.end
    start = lex.sentence_intro.match(text, before.start, cs).end()
    m = _DATELINE.match(text, start, cs)  # "PARIS, Aug 31 (Reuters) - ", "Washington (AFP) - "
    if m:
        start = m.end()
    m = lex.leading_conjunction.match(text, start, cs)  # "But Trump later blamed ..."
    if m:
        start = m.end()
    m = _INTRO_PHRASE.match(text, start, cs)  # "Facing a revolt, ...", "By the end of the day, ..."
    if m and (lex.frame_intro.match(text, start) or text[start:m.end("first")].endswith("ing")
              or lex.clause_intro.match(text, start) or lex.intro_end.search(text[start:m.end()])):
        start = m.end()
    return start


def _sentence_subject(text: str, tokens: list[re.Match], lex: SpeakerLexicon) -> Mention | None:
    """Read the subject that opens ``tokens``: a pronoun, a lower-case description or a capitalised name."""
    n = 0
    while n < len(tokens) and (tokens[n].group(0).lower() in lex.determiners or tokens[n].group(0) in lex.titles
                               or tokens[n].group(0) == "." and n and tokens[n - 1].group(0) in lex.titles):
        n += 1
    if n < len(tokens) and tokens[n].group(0).lower() in lex.pronouns and n == 0:
        t = tokens[0]
        return Mention(t.start(), t.end(), t.group(0))
    d = 0
    while d < len(tokens) and tokens[d].group(0).lower() in lex.determiners:
        d += 1
    if d and n < len(tokens) and tokens[n].group(0).islower():
        # "The nurse later sued, claiming ...", "The retired neurosurgeon has ..., saying": a description
        k = n
        while k < min(len(tokens), n + 4) and _WORD.match(tokens[k].group(0)) \
                and tokens[k].group(0).lower() not in lex.stop | lex.aux \
                and (k == d or not tokens[k].group(0).endswith(("ly", "ed"))):
            k += 1
        if k > d:
            return Mention(tokens[0].start(), tokens[k - 1].end(), text[tokens[0].start():tokens[k - 1].end()])
    last = None
    while n < len(tokens):
        w = tokens[n].group(0)
        low = w.lower()
        if w[0].isupper() and low not in lex.stop or low in lex.roles or low in lex.bodies or w in lex.titles:
            last = n
        elif last is not None or not _WORD.match(w) or low in lex.stop:
            break
        n += 1
    if last is None:
        return None
    if tokens[last].group(0).endswith(("’s", "'s")):
        # "Israel’s defense minister issued a warning, saying ...": the possessor's office, not the possessor
        for k in range(last + 1, min(len(tokens), last + 4)):
            low = tokens[k].group(0).lower()
            if low in lex.roles or low in lex.bodies:
                last = k
                break
            if not tokens[k].group(0).islower() or low in lex.stop:
                break
    first = tokens[0]
    return Mention(first.start(), tokens[last].end(), text[first.start():tokens[last].end()])


_WITH_SUBJECT = re.compile(r"(?:^|[\s,(])with\s+(?P<np>[^\s,;:()“”\"]+(?:\s+[^\s,;:()“”\"]+){0,5}?)\s+$")
_DATELINE = re.compile(r"(?:[A-Z][A-Z .’'-]+(?:,\s*[A-Z][\w.]*\.?(?:\s+\d+)?)?(?:\s*\([^)]*\))?"
                       r"|[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2}(?:,\s*[A-Z][\w.]*)?\s*\([A-Z][^)]*\))\s*[—–-]+\s*")
_INTRO_PHRASE = re.compile(rf"(?P<first>{WORD_CHAR}+)(?:\s+[\w’'”\".-]+){{0,12}}?,\s+(?=[A-Z]|(?:he|she|they|it|we|the|a|an)\b)")


_DASHES = frozenset("—–-")  # spaced dashes, as tokens ("--" is two)


def left_speaker(text: str, before: Span, earlier: list[Mention]) -> Mention | None:
    """Walk left from a cue to its speaker ("Iraq’s foreign ministry said", "Smith, 45, said").

    Parameters
    ----------
    text : str
        The article.
    before : Span
        The words before the cue: from where its sentence starts to where the cue starts.
    earlier : list of Mention
        Speakers already found in this sentence (for "... and said").
    """
    lex = speaker_lexicon()
    s, cs = before
    m = lex.time_before.search(text, max(s, cs - 40), cs)
    if m:
        cs = m.start()
    tokens = list(TOKEN.finditer(text, max(s, cs - 240), cs))
    k = len(tokens) - 1
    while k >= 0 and (tokens[k].group(0) in lex.aux or tokens[k].group(0).endswith("ly") and tokens[k].group(0).islower()
                      or tokens[k].group(0) in lex.floating and k > 0 and _WORD.match(tokens[k - 1].group(0))):
        k -= 1
    if k < 0:
        return None
    m = lex.share.search(text, max(s, cs - 40), tokens[k].end())
    if m:
        return Mention(m.start(), tokens[k].end(), text[m.start():tokens[k].end()])
    end = None
    if tokens[k].group(0) in _DASHES:  # "Democrats — and some Republicans — say": keep the aside
        end = tokens[k].end()
        k = _before_dashes(tokens, k)
        if k is None:
            return None
    if tokens[k].group(0) == ")":  # "Rep. Stephen Lynch (D-Mass.) said": keep the parenthesis
        opened = _skip_parenthesis(tokens, k)  # the token before the parenthesis
        if opened < 0 or opened == k:
            return None  # nothing before the parenthesis, or it never opened
        end, k = tokens[k].end(), opened
    word = tokens[k].group(0).lower()
    if word in ("who", "which"):  # "officials, who said ...": the mention is "who", standing for "officials"
        rel = tokens[k]
        k -= 1
        if k >= 0 and tokens[k].group(0) == ",":
            k -= 1
        k = _skip_parenthesis(tokens, k)  # "Rep. Mike Gallagher (R-Wis.), who told ..."
        antecedent = _collect_left(text, tokens, k, lex)
        if antecedent is None:
            return None
        mention = Mention(rel.start(), rel.end(), rel.group(0), antecedent)
    elif word in ("and", "but"):  # "Cruz exhorted ... and said": the subject of the first verb
        return clause_subject(text, Span(s, cs), earlier)
    elif word == ",":
        return _appositive(text, tokens, k, lex)
    else:
        mention = _collect_left(text, tokens, k, lex)
    if mention and end:
        mention = Mention(mention.start, end, text[mention.start:end])
    return mention


def _before_dashes(tokens: list[re.Match], k: int) -> int | None:
    """Return the index of the token before an aside that closes with the dash at ``k``, or None if it never opened."""
    dash = tokens[k].group(0)
    m = k - 1
    if dash == "-" and tokens[m].group(0) == "-" and tokens[m].end() == tokens[k].start():
        m -= 1  # "--" is two tokens
    while m >= 0 and tokens[m].group(0) != dash and k - m <= 30:
        m -= 1
    if m > 0 and dash == "-" and tokens[m - 1].group(0) == "-" and tokens[m - 1].end() == tokens[m].start():
        m -= 1
    if m <= 0 or tokens[m].group(0) != dash:
        return None
    return m - 1


def _appositive(text, tokens, k, lex) -> Mention | None:
    """Read "Smith, a spokesman for the ministry, said" or "Jones, 25, said": a name and its appositions."""
    last = k - 1
    j = k
    for _ in range(5):
        m = j - 1
        while m >= 0 and tokens[m].group(0) not in ",;:“”\"()" and j - m <= 30:
            m -= 1
        if m < 0 or tokens[m].group(0) != "," or m == j - 1:
            return None
        head = _collect_left(text, tokens, _skip_parenthesis(tokens, m - 1), lex)
        before = tokens[head_start - 1].group(0).lower() if head and (
            head_start := _index_at(tokens, head.start)) > 0 else ""
        if head and before in ("from", "in", "at"):
            j = m  # ", from Leeds, Yorkshire,": where the speaker is from, not who
            continue
        if head and (any(ch.isupper() for ch in head.text) or head.text.split()[-1].lower() in lex.roles
                     or head.text.split()[-1].lower() in lex.bodies):
            if tokens[m + 1].group(0).lower() in ("who", "which", "whose"):
                return head  # "Umerov, who led the delegation, said": the relative clause is not the speaker
            end = tokens[last].end()
            return Mention(head.start, end, text[head.start:end])
        j = m
    return None


def _index_at(tokens, pos: int) -> int:
    """Return the index of the token starting at ``pos``."""
    for n, t in enumerate(tokens):
        if t.start() == pos:
            return n
    return -1


def _collect_left(text, tokens, k, lex) -> Mention | None:
    """Collect the noun phrase that ends at token ``k``, walking leftwards."""
    if k < 0:
        return None
    last, first, n = k, None, 0
    while k >= 0 and n < 12:
        w = tokens[k].group(0)
        low = w.lower()
        if not _WORD.match(w):
            step = _mark_step(tokens, k, first, lex)
            if step is None:
                break
            k, first, n = step[0], step[1], n + step[2]
            continue
        if low in lex.pronouns:
            if first is None:
                first = k
            break
        if low in lex.quantifiers and first is None and (k == 0 or not _WORD.match(tokens[k - 1].group(0))
                                                          or tokens[k - 1].group(0).lower() in lex.stop):
            first = k  # "Several said", "Some may recall": the quantifier is the subject
            break
        if low in lex.determiners:
            if first is None:
                break
            step = _determiner_step(tokens, k, low, lex)
            if step is None:
                first = k
                break
            k, first, n = step[0], step[1], n + step[2]
            continue
        if low in ("and", "of") and first is not None and k > 0 and tokens[first].group(0)[:1].isupper() \
                and (tokens[k - 1].group(0)[:1].isupper()
                     or low == "and" and tokens[k - 1].group(0).lower() in lex.roles | lex.bodies):
            k -= 1  # "Austin and Sudani said", "Lord Nicholls of Birkenhead said", "the ministry and Iraq said"
            n += 1
            continue
        if low in lex.complement_prepositions and first is not None:
            # "a spokesman for the ministry", "officials familiar with the talks", "a source close to"
            j = _complement_head(tokens, k, lex)
            if j is not None:
                first = k = j
                n += 2
                k -= 1
                continue
            break
        if low in lex.stop or (first is not None and not w[0].isupper() and low.endswith("ly")):
            break
        first = k
        k -= 1
        n += 1
    if first is None:
        return None
    start, end = tokens[first].start(), tokens[last].end()
    mention = text[start:end]
    if not any(ch.isalpha() for ch in mention) or (mention.lower() in lex.determiners
                                                   and mention.lower() not in lex.quantifiers):
        return None
    return Mention(start, end, mention)


def _mark_step(tokens: list[re.Match], k: int, first: int | None,
               lex: SpeakerLexicon) -> tuple[int, int | None, int] | None:
    """Step left over a mark inside a noun phrase: the dot of "Gen." or "Jr.", the "%" of "42%".

    Returns the next token, the phrase's new first token and how many tokens were taken; None where the
    mark ends the phrase.
    """
    w = tokens[k].group(0)
    if w == "." and k > 0 and tokens[k - 1].group(0) + "." in lex.titles:
        return k - 1, first, 0  # the dot of a title abbreviation ("Gen. Smith")
    if w == "." and k > 0 and (tokens[k - 1].group(0) in lex.name_suffixes or (
            len(tokens[k - 1].group(0)) == 1 and tokens[k - 1].group(0).isupper())):
        # "Joseph R. Biden Jr. said", "Apple Inc. said": a suffix or an initial
        return k - 1, k if first is None else first, 0
    if w == "%" and first is None and k > 0 and tokens[k - 1].group(0)[:1].isdigit():
        return k - 2, k - 1, 2  # "42% say": a share of those polled
    return None


def _determiner_step(tokens: list[re.Match], k: int, low: str, lex: SpeakerLexicon) -> tuple[int, int, int] | None:
    """Step left past a determiner that does not open the phrase: "an official from the Pentagon", "Chile
    and the United States". Returns as :func:`_mark_step` does; None where the determiner opens the phrase."""
    j = _complement_head(tokens, k - 1, lex)
    if j is not None:  # "an official from the Pentagon", "the head of the Russian delegation"
        return j - 1, j, 2
    if k >= 2 and tokens[k - 1].group(0).lower() == "and" and tokens[k - 2].group(0)[:1].isupper() \
            and k + 1 < len(tokens) and tokens[k + 1].group(0)[:1].isupper() and low == "the":
        return k - 2, k, 2  # "Both DR Congo and the UN say", "Chile and the United States said"
    return None


def _complement_head(tokens, k, lex) -> int | None:
    """Return the index of the role before the preposition at ``k`` ("spokesman" in "spokesman for"), or None."""
    if k < 1 or tokens[k].group(0).lower() not in lex.complement_prepositions:
        return None
    j = k - 1
    if j >= 0 and tokens[j].group(0).lower() in lex.complement_adjectives:
        j -= 1
    j = _skip_parenthesis(tokens, j)  # "the Project Office (PCO) in Baghdad"
    if j < 0:
        return None
    prev = tokens[j].group(0)
    low = ROLE_PREFIX.sub("", prev.lower())  # "the co-chairman of the party"
    if low in lex.roles or low in lex.bodies or prev in lex.titles or (
            low in lex.documents and tokens[k].group(0).lower() in ("from", "by", "of")):
        return j  # "a statement from Sudani’s office": a document's complement is its author
    return None


def _skip_parenthesis(tokens, k) -> int:
    """Return the index before a parenthesis that ends at token ``k`` ("Ryan (R-Wis.)"), or ``k`` itself."""
    if k < 0 or tokens[k].group(0) != ")":
        return k
    depth, m = 0, k
    while m >= 0:
        depth += {")": 1, "(": -1}.get(tokens[m].group(0), 0)
        if depth == 0:
            return m - 1
        m -= 1
    return k


_AFTER_CLOSING_QUOTE = re.compile(rf"[,?!](?:[”\"’]|'')\s*{WORD_CHAR}+\s*$")


def right_speaker(text: str, after: Span, *, inverted: bool) -> Mention | None:
    """Read the speaker noun phrase after a cue ("..., said the minister", "according to officials").

    Parameters
    ----------
    text : str
        The article.
    after : Span
        The words after the cue: from where the cue ends to where its sentence ends.
    inverted : bool
        Whether the cue comes before its speaker ("said the minister"); then
        the phrase must look like a speaker and end where a speaker can end.
    """
    lex = speaker_lexicon()
    ce, e = after
    tokens = list(TOKEN.finditer(text, ce, min(e, ce + 200)))
    quoted = inverted and bool(_AFTER_CLOSING_QUOTE.search(text, max(0, ce - 40), ce))
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
        if low in lex.pronouns and not words:
            words.append(t)
            n += 1
            break
        if (low in ("of", "for") or (low == "from" and words and words[-1].group(0).lower() in lex.documents)
                or (not inverted and low in lex.source_prepositions)) \
                and words and n + 1 < len(tokens) and _WORD.match(tokens[n + 1].group(0)):
            words.append(t)  # "a spokesman for the ministry", "a statement from Sudani’s office"
        elif low == "and" and words and words[-1].group(0)[0].isupper() and n + 1 < len(tokens) \
                and tokens[n + 1].group(0)[:1].isupper():
            words.append(t)
        elif low in lex.determiners and (not words or words[-1].group(0).lower() in ("of", "for", "from")
                                         or (not inverted and words[-1].group(0).lower() in lex.source_prepositions)):
            words.append(t)
        elif low in lex.stop:
            break
        elif not w[0].isupper() and not words and inverted and not quoted:
            return None  # a bare lowercase word after the cue is content, not a speaker
        else:
            words.append(t)
        n += 1
    while words and words[-1].group(0).lower() in lex.determiners | lex.source_prepositions | {"of", "for", "from", "and"}:
        words.pop()
    if not words or inverted and not _inverted_speaker(text, words, after, quoted, lex):
        return None
    start, end = words[0].start(), words[-1].end()
    return Mention(start, end, text[start:end])


def _inverted_speaker(text: str, words: list[re.Match], after: Span, quoted: bool, lex: SpeakerLexicon) -> bool:
    """Say whether the words after a cue (``after`` spans them to the sentence's end) are its speaker ("..., said
    the minister.", "said Smith in a statement"), not content ("said Republicans want ...") or a day ("“...,” X
    said Sunday")."""
    if words[0].group(0) in lex.weekdays:
        return False
    head = words[-1].group(0)
    if not (head[0].isupper() or quoted or head.lower() in lex.roles or head.lower() in lex.bodies
            or head.lower() in lex.documents or head.lower() in lex.pronouns):
        return False
    rest = text[words[-1].end():after.end].lstrip()
    if rest and not (rest[0] in ",.;:(—–-”\"" or lex.after_speaker.match(rest)):
        return False
    return not (words[0].group(0).lower() in lex.pronouns and rest and rest[0] not in ",.")
