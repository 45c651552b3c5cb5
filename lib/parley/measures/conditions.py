"""Find the conditions statements attach to their commitments.

A condition is what a statement makes an action, commitment or outcome depend
on: "the timeline would be contingent on evaluating the threat", "troops will
stay until Iraqi forces are ready", "based on factors including ...". Every
word list lives in ``lib/parley/lexicons``:

* ``condition_markers.csv`` — the markers (``marker, kind, takes, position,
  needs``). ``takes`` says what the condition is: the clause ("if the talks
  fail") or noun phrase ("contingent on the threat") after the marker, the
  phrase before it ("X as a condition for Y"), or the marker itself
  ("Otherwise ..."). ``position`` accepts some markers only where a clause
  opens ("Provided the truce holds", not "the US provided weapons"; "Should
  talks fail"; "Had they stayed"). ``needs`` asks for a modal or future verb
  around the marker: temporal markers (once, until, when, as soon as, only
  after) count only with one ("troops will stay until ..." is a condition, "he
  worked there until he retired" is narrative), and "based on" only with a
  modal or infinitive before it (a decision's criterion, not a description).
* ``condition_exclusions.csv`` — non-conditional uses (``marker, side,
  pattern``): a regular expression that, matched right before or right after
  the marker, rejects it ("asked if", "once-powerful", "until 2019",
  "subject to criticism", "based on interviews"); ``need_before`` and
  ``need_after`` rows must match instead (a subject after "Should"). "Before"
  reaches back into the statement's frame: in "Reporters asked if the troops
  would leave" the content is "if the troops would leave", and "asked" still
  rejects the "if".
* ``condition_syntax.csv`` — the few function words the span rules use
  (determiners, copulas, clause boundaries, coordinators, complementizers,
  collective prepositions).
* ``condition_categories.csv`` — keyword -> category (the general defaults; a
  story's own categories come from the ``[conditions]`` section of its parties
  file, see :mod:`parley.story`).
* ``modals.csv`` — the modal and future verbs ``needs`` looks for.

Decisions: "even if" is concessive (the outcome holds whatever happens, so
nothing depends on it) and is not a condition; "as if" neither. "based on" is a
criterion of a decision ("would be decided based on the outcomes of the
dialogue") but not a description ("the film is based on a novel") or a source
("based on interviews"). "in line with" and "in accordance with" state
conformity, not dependency, and are no markers. A condition is split into the
conjuncts of the condition itself ("if the talks fail and the truce
collapses"), never inside a noun phrase's own coordination ("consultations
among Iraq, the United States and coalition partners").
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate

import pandas as pd

from ..core.frames import from_rows
from ..core.lexicons import alternation, built_from, read_lexicon
from ..core.story import resolve_story
from .terms import normalize

__all__ = ["CONDITION_COLUMNS", "condition_category", "to_conditions"]

CONDITION_COLUMNS = [
    "condition_id", "article_id", "statement_id", "sentence_id", "party",
    "marker", "marker_start", "marker_end", "condition", "start", "end",
    "target", "target_start", "target_end", "category",
]
_OFFSETS = ["marker_start", "marker_end", "start", "end", "target_start", "target_end"]


def to_conditions(statements: pd.DataFrame, *, sentences: pd.DataFrame | None = None, story=None) -> pd.DataFrame:
    """Find every condition in statements and, optionally, in the narration around them.

    Parameters
    ----------
    statements : pandas.DataFrame
        Columns ``statement_id``, ``article_id``, ``sentence_id``, ``party``,
        ``content`` and ``content_start`` (the content's offset in the article),
        optionally ``cue`` and ``cue_start``. Only the content is searched,
        never the "X said" frame; but the frame is read to reject a marker
        ("Reporters asked | if the troops would leave": ``if`` = whether).
    sentences : pandas.DataFrame, optional
        Columns ``article_id``, ``sentence_id``, ``start``, ``text``. When
        given, the parts of sentences no statement content covers are searched
        too and their conditions returned with ``statement_id`` and ``party``
        None (narration); conditions in statements then get the id of the
        sentence they are in; and the sentence text before a content (rather
        than the cue alone) is what the exclusions see before its first words.
    story : Story, str, Path, dict or None
        The story setup whose ``[conditions]`` categories to use (a
        :class:`parley.story.Story`, a parties file or its parsed document);
        None, or a setup without that section, uses ``condition_categories.csv``.

    Returns
    -------
    pandas.DataFrame
        One row per condition, columns :data:`CONDITION_COLUMNS`, in article
        and text order. Offsets are absolute (into the article text); a
        coordinated list ("the threat, operational requirements and the
        capability of Iraq's forces") gives one row per conjunct, all with the
        same marker and target; ``target`` is None where none was found;
        ``category`` comes from the story's categories, else
        ``condition_categories.csv`` ("other" when no keyword matches).
    """
    lex = _lexicon()
    rows_of_story = resolve_story(story).conditions
    if rows_of_story is not None:
        lex = replace(lex, categories=_categories(rows_of_story))
    rows: list[dict] = []
    covered: dict = {}
    has_sentences = sentences is not None and len(sentences) > 0
    texts = ({(a, i): (int(s), t) for a, i, s, t in zip(*(sentences[c].tolist() for c in (
        "article_id", "sentence_id", "start", "text")))} if has_sentences else {})
    if statements is not None and len(statements):
        cols = [statements[c].tolist() if c in statements else [default] * len(statements) for c, default in (
            ("statement_id", None), ("article_id", None), ("sentence_id", None), ("party", None),
            ("content", None), ("content_start", 0), ("cue", None), ("cue_start", None))]
        for sid, aid, sent, party, content, base, cue, cue_start in zip(*cols):
            if not isinstance(content, str) or pd.isna(base):
                continue
            base = int(base)
            covered.setdefault(aid, []).append((base, base + len(content)))
            lead = _lead(texts.get((aid, sent)), base, cue, cue_start)
            for found in _find(content, lex, lead=lead):
                rows.append({"article_id": aid, "statement_id": sid, "sentence_id": sent,
                             "party": None if pd.isna(party) else party, **_shift(found, base)})
    if has_sentences:
        rows = _locate(rows, sentences)
        covered = {aid: _Spans(spans) for aid, spans in covered.items()}
        nothing = _Spans([])
        for (aid, sent), (start, text) in texts.items():
            for s, e in covered.get(aid, nothing).uncovered(start, start + len(text)):
                for found in _find(text[s - start:e - start], lex, lead=text[:s - start]):
                    rows.append({"article_id": aid, "statement_id": None, "sentence_id": sent,
                                 "party": None, **_shift(found, s)})
    return _frame(rows, sentences)


def condition_category(condition: str, *, story=None) -> str:
    """Return the category of a condition's text, as :func:`to_conditions` gives it.

    Parameters
    ----------
    condition : str
        The condition ("if the other side lifts its export controls").
    story : Story, str, Path, dict or None
        The story setup whose ``[conditions]`` categories to use; None uses
        ``condition_categories.csv``.

    Returns
    -------
    str
        The category with the most keyword hits, "other" when none matches.
    """
    lex = _lexicon()
    rows_of_story = resolve_story(story).conditions
    if rows_of_story is not None:
        lex = replace(lex, categories=_categories(rows_of_story))
    return _category(condition, lex)


def _lead(sentence: tuple | None, base: int, cue, cue_start) -> str:
    """Return the text before a content that the exclusions see: its sentence's start, else a cue before it."""
    if sentence is not None and sentence[0] <= base <= sentence[0] + len(sentence[1]):
        return sentence[1][:base - sentence[0]]
    if isinstance(cue, str) and (cue_start is None or pd.isna(cue_start) or int(cue_start) < base):
        return cue + " "
    return ""


# --------------------------------------------------------------------------- lexicons

def _phrase(term: str) -> str:
    """Return a regex for a literal term: flexible whitespace, straight or curly apostrophe."""
    return r"\s+".join(re.sub("['’]", "['’]", re.escape(w)) for w in term.split())


def _alternation(terms) -> str:
    """Return a whole-word regex alternation of terms, longest first (so phrases beat their words)."""
    return rf"(?<![\w-])(?:{alternation(terms)})(?![\w-])"


@dataclass(frozen=True)
class _Lexicon:
    markers: re.Pattern
    folded_markers: re.Pattern | None  # the markers without case or look-behind, for lowered text (see _markers)
    info: dict            # normalised marker -> (kind, takes, position, needs)
    before: dict          # marker -> regex matched at the end of the text before it
    after: dict           # marker -> regex matched at the start of the text after it
    need_before: dict     # marker -> regex that must match at the end of the text before it
    need_after: dict      # marker -> regex that must match at the start of the text after it
    modal: re.Pattern
    main: re.Pattern      # the subject and modal verb that open a main clause ("we would", "the EU will")
    titles: frozenset     # "mr", "dr": their stop ends no sentence
    complementizers: frozenset  # "that", "said", "whether": the clause after them is a complement
    collective: re.Pattern  # "among", "between": the list after them is one noun phrase
    clause_break: re.Pattern  # a sentence stop or ", but": a main clause's modal is looked for before it
    boundary: re.Pattern
    reporting: re.Pattern
    determiners: frozenset
    pronouns: frozenset
    copulas: frozenset
    wh: frozenset
    links: frozenset
    weak: re.Pattern      # " and " / " or "
    strong: re.Pattern    # " as well as "
    categories: list      # [(regex, {normalised term: category})]


@built_from("condition_markers.csv", "condition_exclusions.csv", "condition_syntax.csv",
            "condition_categories.csv", "modals.csv", "abbreviations.csv")
def _lexicon() -> _Lexicon:
    markers = read_lexicon("condition_markers.csv")
    info = {normalize(r["marker"]): (r["kind"], r["takes"], r["position"], r.get("needs", "")) for r in markers}
    sides: dict = {"before": {}, "after": {}, "need_before": {}, "need_after": {}}
    for r in read_lexicon("condition_exclusions.csv"):
        sides[r["side"]].setdefault(normalize(r["marker"]), []).append(r["pattern"])
    # "before" patterns match at the end of the text before a marker; "after" patterns are used
    # with .match(text, pos), which anchors them at the marker's end
    before, need_before, after, need_after = (
        {m: re.compile(rf"(?<![\w-])(?:{'|'.join(p)})[\s,]*$" if side.endswith("before")
                       else rf"[\s,]*(?:{'|'.join(p)})(?![\w])", re.I) for m, p in sides[side].items()}
        for side in ("before", "need_before", "after", "need_after"))
    syntax: dict = {}
    for r in read_lexicon("condition_syntax.csv"):
        syntax.setdefault(r["role"], []).append(r["term"].strip().lower())
    categories = _categories(tuple(
        (r["term"].strip(), r["category"].strip(), r.get("case_sensitive", "").strip().lower() in ("yes", "true", "1"))
        for r in read_lexicon("condition_categories.csv")))
    modals = [r["term"] for r in read_lexicon("modals.csv")]
    function = syntax.get("pronoun", []) + syntax.get("determiner", [])  # never inside a subject's noun phrase
    return _Lexicon(
        markers=re.compile(_alternation(r["marker"] for r in markers), re.I),
        folded_markers=(re.compile(rf"(?:{alternation(r['marker'] for r in markers)})(?![\w-])")
                        if all(r["marker"].isascii() and r["marker"] == r["marker"].lower() for r in markers)
                        else None),
        info=info, before=before, after=after, need_before=need_before, need_after=need_after,
        complementizers=frozenset(syntax.get("complementizer", []) + syntax.get("reporting", []) + syntax.get("wh", [])),
        collective=re.compile(_alternation(syntax.get("collective", [])), re.I),
        clause_break=re.compile(rf"[;!?]|\.(?:\s|$)|\s(?:{alternation(syntax.get('clause_break', []))})(?![\w-])", re.I),
        titles=frozenset(r["abbreviation"].lower() for r in read_lexicon("abbreviations.csv") if r["kind"] == "title"),
        modal=re.compile(r"(?!(?-i:May)\b)" + _alternation(modals), re.I),  # "in May" is the month
        main=re.compile(rf"(?:{alternation(syntax.get('pronoun', []))}|(?:{alternation(syntax.get('determiner', []))})"
                        rf"(?:\s+(?!(?:{alternation(function)})(?![\w-]))[\w’'-]+){{1,3}}"
                        rf"|(?-i:[A-Z])[\w’'-]*(?:\s+(?-i:[A-Z])[\w’'-]*){{0,2}})"
                        rf"\s+(?:{alternation(modals)})(?![\w-])", re.I),
        boundary=re.compile(_alternation(syntax.get("boundary", [])), re.I),
        reporting=re.compile(_alternation(syntax.get("reporting", [])), re.I),
        determiners=frozenset(syntax.get("determiner", [])),
        pronouns=frozenset(syntax.get("pronoun", [])),
        copulas=frozenset(syntax.get("copula", [])),
        wh=frozenset(syntax.get("wh", [])),
        links=frozenset(syntax.get("link", [])),
        weak=re.compile(rf"\s+(?:{'|'.join(map(_phrase, syntax.get('coordinator', [])))})\s+", re.I),
        strong=re.compile(rf",?\s+(?:{'|'.join(map(_phrase, syntax.get('strong_coordinator', [])))})\s+", re.I),
        categories=categories,
    )


@lru_cache(maxsize=32)
def _categories(rows: tuple) -> list:
    """Compile ``(term, category, case_sensitive)`` rows into ``[(regex, {term: category})]``."""
    by_case: dict = {True: {}, False: {}}
    for term, category, sensitive in rows:
        by_case[sensitive][term if sensitive else normalize(term)] = category
    return [(re.compile(_alternation(terms), 0 if sensitive else re.I), terms)
            for sensitive, terms in by_case.items() if terms]


# --------------------------------------------------------------------------- finding

def _find(text: str, lex: _Lexicon, *, lead: str = "") -> list[dict]:
    """Return the conditions in one text, offsets local to it; ``lead`` is the text just before it."""
    candidates = [m for m in _markers(text, lex) if _accept(text, m, lex, lead)]
    found = []
    for i, m in enumerate(candidates):
        _, takes, _, needs = lex.info[normalize(m.group())]
        limit = candidates[i + 1].start() if i + 1 < len(candidates) else len(text)
        if takes == "self":  # "Otherwise it would ...": the condition is what came before, named by the marker
            end, items = m.end(), [(m.start(), m.end())]
        elif takes == "preceding":  # "strengthen it as a condition for lifting the embargo"
            end = m.start()
            items = [p for p in [_preceding(text, m.start(), lex)] if p]
        else:
            leading = _opens_clause(text[max(0, m.start() - 60):m.start()].rstrip(), comma=True, lex=lex)
            end = _span_end(text, m.end(), limit, lex, leading=leading)
            items = _items(text, m.end(), end, takes, lex)
        if not items:
            continue
        if needs == "modal" and not (lex.modal.search(text, 0, m.start())
                                     or lex.modal.search(text, end, _clause_end(text, end, lex))):
            continue  # "he worked there until he retired": narrative time, nothing depends on it
        if needs == "modal-before" and not _decided(text, m.start(), lead, lex):
            continue  # "the study was based on interviews": describes, decides nothing
        if takes == "preceding":
            after = _span_end(text, m.end(), limit, lex)
            target = _trim(text, m.end(), after)
        else:
            target = _target(text, m.start(), end, lex)
        for s, e in items:
            found.append({"marker": text[m.start():m.end()], "marker_start": m.start(), "marker_end": m.end(),
                          "condition": text[s:e], "start": s, "end": e,
                          "target": None if target is None else text[target[0]:target[1]],
                          "target_start": None if target is None else target[0],
                          "target_end": None if target is None else target[1],
                          "category": _category(text[s:e], lex)})
    return found


_WORD_CHAR = re.compile(r"[\w-]")  # what the markers' look-behind rejects


def _markers(text: str, lex: _Lexicon) -> list[re.Match]:
    """Return the matches of ``lex.markers`` in a text, found in its lowered copy where that is the same.

    A case-insensitive pattern with a look-behind is tried at every position;
    a lowered copy lets the case-sensitive pattern skip ahead to the letters
    that open a marker, and the look-behind is checked here only on what it
    finds. The matches' offsets are those of ``text``, their ``group()`` lower case.
    """
    # İ, ı and ſ are the only characters re.IGNORECASE takes for an ASCII letter but str.lower() does not
    # lower to it (checked over all of Unicode)
    if lex.folded_markers is None or "ı" in text or "ſ" in text or "İ" in text:
        return list(lex.markers.finditer(text))
    low = text.lower()
    out = []
    m = lex.folded_markers.search(low)
    while m:
        start = m.start()
        if start and _WORD_CHAR.match(low, start - 1):
            m = lex.folded_markers.search(low, start + 1)  # inside a word: look on from the next letter
        else:
            out.append(m)
            m = lex.folded_markers.search(low, m.end())
    return out


def _clause_end(text: str, pos: int, lex: _Lexicon) -> int:
    """Return where the clause going on at ``pos`` ends: a sentence stop or a contrast ("..., but")."""
    found = lex.clause_break.search(text, pos)
    return found.start() if found else len(text)


def _decided(text: str, pos: int, lead: str, lex: _Lexicon) -> bool:
    """Say whether a modal or an infinitive governs the clause before ``pos`` ("would be based on", "to discuss")."""
    head = (lead + text[:pos])[-200:]
    head = re.split(r"[.;:!?]\s", head)[-1]
    head = re.sub(r",\s*(?:which|who)\b[^,]*,", ",", head)  # "The film, which will open soon, is based on"
    return bool(lex.modal.search(head) or re.search(r"(?<![\w-])to\s+[a-z]+\b", head))


def _preceding(text: str, pos: int, lex: _Lexicon) -> tuple[int, int] | None:
    """Return the condition before a reversed marker: from the verb after the last "to", else its
    last noun phrase, else its clause ("strengthen it | as a condition for", "demanded the withdrawal |")."""
    start = _clause_start(text, pos)
    to = [m.end() for m in re.finditer(r"(?<![\w-])to\s+", text[start:pos])]
    if to:
        return _trim(text, start + to[-1], pos)
    words = [(w.group(), w.start(), w.end()) for w in _WORD.finditer(text, start, pos)]
    begin = _np_start(words, [w[0].lower() for w in words], lex) if words else None  # "demanded | the withdrawal"
    return _trim(text, start if begin is None else words[begin][1], pos)


def _accept(text: str, m: re.Match, lex: _Lexicon, lead: str = "") -> bool:
    """Say whether a marker match is a conditional use (not excluded by its context).

    The exclusions before the marker also see ``lead``, the text before ``text``
    ("Reporters asked" before the content "if the troops would leave"); the
    clause-start rule does not, as a content begins a clause of its own.
    """
    key = normalize(m.group())
    kind, _, position, _ = lex.info[key]
    # the cheap anchored checks first: most "had", "should", "after" fail one of them
    if position in ("clause-start", "opening") and not _opens_clause(
            text[max(0, m.start() - 60):m.start()].rstrip(), comma=position == "clause-start",
            lex=lex if kind in ("inversion", "counterfactual") else None):  # "said that had they ..."
        return False
    if key in lex.after and lex.after[key].match(text, m.end()):
        return False
    if key in lex.need_after and not lex.need_after[key].match(text, m.end()):
        return False
    context = (lead + text[max(0, m.start() - 160):m.start()])[-160:]
    if key in lex.before and lex.before[key].search(context):
        return False
    return not (key in lex.need_before and not lex.need_before[key].search(context))


def _opens_clause(before: str, *, comma: bool, lex: _Lexicon | None = None) -> bool:
    """Say whether a marker after ``before`` opens a clause: at the start, after a break or an
    opening quote; after a comma too when ``comma`` ("..., should talks fail"); after a
    complementiser ("said that", "said") when ``lex`` is given."""
    if not before or before.endswith(tuple(".!?;:(“‘—–-")) or (comma and before.endswith(",")):
        return True
    if before.endswith('"'):  # an opening straight quote stands after a space
        return len(before) == 1 or before[-2].isspace()
    word = _LAST_WORD.search(before)
    return bool(lex and word and word.group().lower() in lex.complementizers)


_NON_WORD = re.compile(r"\W")
_LAST_WORD = re.compile(r"[\w’'-]+$")
_LAST_WORD_OR_NONE = re.compile(r"[\w’'-]*$")
_AND_OR = re.compile(r"(?:and|or)\s+", re.I)


_MARK_CHARS = frozenset('"“([”)]‘’')  # the quotes and brackets _depths counts


def _depths(text: str, start: int, end: int):
    """Yield ``(index, char, depth)``, depth being the quotes and brackets opened since ``start``.

    A closing mark with nothing open yields depth -1 and stops: the quote began
    before ``start``. An apostrophe (Iraq’s, forces’) is not a quote. Only
    spaces and punctuation are yielded: the callers look for nothing else, and
    skipping the letters makes the walk several times cheaper.
    """
    stack: list[str] = []
    for found in _NON_WORD.finditer(text, start, end):
        i = found.start()
        ch = text[i]
        if ch not in _MARK_CHARS:  # most are spaces and stops
            yield i, ch, len(stack)
            continue
        prev_alnum = i > 0 and text[i - 1].isalnum()
        if ch == '"':
            if stack and stack[-1] == '"':
                stack.pop()
            elif i > 0 and not text[i - 1].isspace() and (i + 1 == len(text) or not text[i + 1].isalnum()):
                yield i, ch, -1  # a closing straight quote opened before the span
                return
            else:
                stack.append(ch)
        elif ch in "“([" or (ch == "‘" and not prev_alnum):
            stack.append(ch)
        elif ch in "”)]":
            if not stack:
                yield i, ch, -1
                return
            stack.pop()
        elif ch == "’" and not (prev_alnum and i + 1 < len(text) and text[i + 1].isalnum()):
            if "‘" in stack:
                while stack.pop() != "‘":
                    pass
            elif not prev_alnum:
                yield i, ch, -1
                return
        yield i, ch, len(stack)


def _span_end(text: str, pos: int, limit: int, lex: _Lexicon, *, leading: bool = False) -> int:
    """Return where the condition after a marker ends (exclusive).

    It ends at a clause break (a stop, semicolon, dash, a boundary word such as
    "but" or "said"), at a comma unless a list goes on ("if we, the Israelis,
    or the world allow it"), and where the main clause starts without a comma
    ("If it is lifted | we will end up ...", "unless it was agreed | the EU would") when the
    condition is ``leading``, opening its sentence or clause: after a main clause ("he left when
    he worried | they would ...") the words after are the condition's own.
    """
    while pos < limit and (text[pos].isspace() or text[pos] == ","):
        pos += 1  # "if, and only if, their customers request it"
    commas = []
    end = limit
    words = 0
    # "If Iran expects the West will back down, it is mistaken": with a comma ahead, only a pronoun
    # ("..., they could") opens the main clause early
    comma_ahead = "," in text[pos:limit]
    for i, ch, depth in _depths(text, pos, limit):
        if depth < 0:
            end = i
            break
        if depth:
            continue
        if ch in ";:?!" or (ch == "." and _full_stop(text, i, lex)):
            end = i
            break
        if ch in "—–" or text.startswith("--", i):
            end = i
            break
        if ch == "," and not _thousands(text, i):
            commas.append(i)
        elif ch.isspace():
            words += 1
            if (b := lex.boundary.match(text, i + 1)) and b.start() > pos:
                end = i
                break
            if (leading and words and not commas and (main := lex.main.match(text, i + 1))
                    and (not comma_ahead or main.group().split()[0].lower() in lex.pronouns)
                    and not _complement(text, i, lex)):
                end = i
                break
    if commas:
        end = _list_end(text, commas, end, lex)
    return end


def _full_stop(text: str, i: int, lex: _Lexicon) -> bool:
    """Say whether the stop at ``i`` ends a sentence: not an initial ("George W.") or a title ("Mr.")."""
    if i + 1 < len(text) and not text[i + 1].isspace():
        return False
    word = _LAST_WORD_OR_NONE.search(text[max(0, i - 12):i]).group()
    return not ((len(word) == 1 and word.isupper()) or word.lower() in lex.titles)


def _complement(text: str, i: int, lex: _Lexicon) -> bool:
    """Say whether the words at ``i`` open a complement ("suggesting | the election may", "that | it will"),
    not a main clause."""
    word = re.search(r"([\w’'-]+)\W*$", text[max(0, i - 30):i])
    if not word:
        return False
    w = word.group(1).lower()  # after a determiner the words go on with its noun phrase
    return w in lex.complementizers or w in lex.determiners or w.endswith("ing")


def _thousands(text: str, i: int) -> bool:
    """Say whether the comma at ``i`` separates digits (2,500) rather than phrases."""
    return 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()


def _list_end(text: str, commas: list[int], end: int, lex: _Lexicon) -> int:
    """Keep comma-separated parts only while they form a list closed by and/or ("A, B and C")."""
    bounds = commas + [end]
    closed = None
    for k in range(len(commas)):
        part = text[bounds[k] + 1:bounds[k + 1]]
        words = part.split()
        if not words or _clause_like(part, words, lex):
            break
        if lex.weak.search(" " + part + " ") or words[0].lower() in ("and", "or"):
            closed = bounds[k + 1]
    return closed if closed is not None else commas[0]


def _clause_like(part: str, words: list[str], lex: _Lexicon) -> bool:
    """Say whether a comma-separated part is a new clause rather than a list item."""
    first = re.split("['’]", words[0].strip("“‘\"").lower())[0]  # "there’s", "we’re"
    return (first in lex.pronouns or bool(lex.modal.search(part)) or bool(lex.reporting.search(part)))


def _items(text: str, s: int, e: int, takes: str, lex: _Lexicon) -> list[tuple[int, int]]:
    """Split a condition span into the conjuncts of the condition itself and trim each.

    A noun phrase's own coordination stays whole: a list after a collective
    preposition ("consultations among Iraq, the United States and coalition
    partners"), and the list inside a clause ("if we, the Israelis, or the
    world allow it").
    """
    cuts = []  # (start, end) of separators outside quotes
    top = [i for i, _, depth in _depths(text, s, e) if depth == 0]
    top_set = set(top)
    for sep in lex.strong.finditer(text, s, e):
        if sep.start() in top_set:
            cuts.append((sep.start(), sep.end()))
    inner = _collective(text, s, e, top_set, lex)  # from here on, commas and and/or belong to a noun phrase
    commas = [i for i in top if text[i] == "," and not _thousands(text, i) and i < inner]
    if takes != "phrase" and commas:
        return [p for p in (_trim(text, a, b) for a, b in _pieces(s, e, cuts)) if p]
    cuts += [(i, i + 1) for i in commas]
    closer = None  # in "A, B and C" the first "and" after the last comma closes the list: always split
    for sep in lex.weak.finditer(text, s, min(e, inner)):
        if sep.start() not in top_set:
            continue
        if commas and closer is None and sep.start() > commas[-1]:
            closer = sep.start()
            cuts.append((sep.start(), sep.end()))
        elif _new_phrase(text, sep.start(), sep.end(), e, lex) or (
                takes == "phrase" and not commas and len(text[s:sep.start()].split()) >= 3
                and len(text[sep.end():e].split()) >= 2):
            cuts.append((sep.start(), sep.end()))  # "conditions on the ground | and | consultations among ..."
    return [p for p in (_trim(text, a, b) for a, b in _pieces(s, e, cuts)) if p]


def _pieces(s: int, e: int, cuts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the parts of ``[s, e)`` between separators (the longer of two overlapping ones wins)."""
    pieces, pos = [], s
    for a, b in sorted(cuts, key=lambda c: (c[0], -c[1])):
        if a >= pos:
            pieces.append((pos, a))
            pos = b
    pieces.append((pos, e))
    return pieces


def _collective(text: str, s: int, e: int, top: set, lex: _Lexicon) -> int:
    """Return where the first top-level collective preposition ("among", "between") in a span ends, else ``e``."""
    for m in lex.collective.finditer(text, s, e):
        if m.start() - 1 in top and m.start() > s:  # the space before it is outside quotes
            return m.end()
    return e


def _new_phrase(text: str, a: int, b: int, e: int, lex: _Lexicon) -> bool:
    """Say whether "and"/"or" joins two noun phrases or clauses (split) rather than two words (keep)."""
    before = text[:a].rstrip()
    if before.endswith(("”", '"', "’")):
        return True
    word = re.match(r"[“‘\"]|[\w’'-]+", text[b:e])
    if not word:
        return False
    w = word.group().lower()
    return (w[0] in "“‘\"" or w in lex.determiners or w in lex.pronouns or w.endswith(("’s", "'s"))
            or w[0].isdigit())


def _trim(text: str, s: int, e: int) -> tuple[int, int] | None:
    """Trim whitespace, commas, stops, a leading and/or and unbalanced quote marks."""
    while True:
        old = (s, e)
        while s < e and (text[s].isspace() or text[s] in ",.;"):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in ",.;") and not _abbreviation(text, s, e):
            e -= 1
        lead = _AND_OR.match(text[s:e])
        if lead:
            s += lead.end()
        part = text[s:e]
        if part and part[0] in "“‘\"" and not _closes(part):
            s += 1
        elif part and part[-1] in "”’\"" and not _opens(part):
            e -= 1
        if (s, e) == old:
            return (s, e) if s < e else None


def _abbreviation(text: str, s: int, e: int) -> bool:
    """Say whether the text ends in a dotted abbreviation ("the U.S."), whose last stop belongs to it."""
    return e - s >= 3 and text[e - 1] == "." and text[e - 2].isupper() and text[e - 3] == "."


def _closes(part: str) -> bool:
    """Say whether an opening quote at ``part[0]`` is closed inside ``part``."""
    close = {"“": "”", "‘": "’", '"': '"'}[part[0]]
    return close in part[1:]


def _opens(part: str) -> bool:
    """Say whether a closing quote at ``part[-1]`` was opened inside ``part``."""
    opener = {"”": "“", "’": "‘", '"': '"'}[part[-1]]
    return opener in part[:-1]


# --------------------------------------------------------------------------- targets

_WORD = re.compile(r"[\w’'-]+")


def _target(text: str, m_start: int, end: int, lex: _Lexicon) -> tuple[int, int] | None:
    """Return the span of what the condition attaches to, or None.

    In order: an embedded question before the marker ("how the mission will
    evolve on a timeline"); the subject of a predicate ("the timeline would be
    contingent on"); a modal clause from its subject ("US troops must leave by
    the end of 2025 if"); the last noun phrase before the marker ("to discuss
    the transition of the coalition based on"); for a condition that opens its
    clause, the subject after it ("If the talks fail, the coalition will stay").
    """
    clause = _clause_start(text, m_start)
    words = [(w.group(), w.start(), w.end()) for w in _WORD.finditer(text, clause, m_start)]
    if not words:
        return _subject_after(text, end, lex)
    lowered = [w[0].lower() for w in words]
    for k in range(len(words) - 1, -1, -1):
        if lowered[k] in lex.wh:
            return _trim(text, words[k][1], m_start)
    k = len(words)
    while k and (lowered[k - 1] in lex.copulas or lex.modal.fullmatch(words[k - 1][0])):
        k -= 1
    if k < len(words):  # a predicate ("would be contingent on"): its subject is the target
        begin = _subject(words, lowered, k, lex)
        return None if begin is None else _trim(text, words[begin][1], words[k - 1][2])
    modals = [j for j, (w, _, _) in enumerate(words) if lex.modal.fullmatch(w)]
    if modals:  # a modal clause ("troops must leave by the end of 2025"): from its subject to the marker
        begin = _subject(words, lowered, modals[-1], lex)
        return _trim(text, words[modals[-1] if begin is None else begin][1], m_start)
    begin = _np_start(words, lowered, lex)
    return None if begin is None else _trim(text, words[begin][1], m_start)


def _subject(words: list, lowered: list, k: int, lex: _Lexicon) -> int | None:
    """Return the index of the first word of the subject ending before word ``k``, or None."""
    if not k:
        return None
    begin = _np_start(words[:k], lowered[:k], lex)
    return begin if begin is not None else (0 if k <= 4 else None)


def _clause_start(text: str, pos: int) -> int:
    """Return the start of the clause that ends at ``pos`` (after the last top-level , ; : or dash)."""
    start = max(0, pos - 400)  # a clause is shorter; scanning from 0 for every marker is quadratic
    for i, ch, depth in _depths(text, start, pos):
        if depth < 0:
            return i + 1
        if depth == 0 and ch in ",;:—–" and not _thousands(text, i):
            start = i + 1
    return start


def _np_start(words: list, lowered: list, lex: _Lexicon) -> int | None:
    """Return the index of the word that starts the last determiner noun phrase, over "of" links."""
    dets = [i for i, w in enumerate(lowered) if w in lex.determiners or w.endswith(("’s", "'s"))]
    if not dets:
        return None
    k = dets[-1]
    while k and (lowered[k - 1] in lex.determiners):
        k -= 1
    while k >= 2 and lowered[k - 1] in lex.links:
        prior = [i for i in dets if k - 6 <= i < k - 1]
        if not prior:
            break
        k = prior[-1]
        while k and lowered[k - 1] in lex.determiners:
            k -= 1
    return k


def _subject_after(text: str, end: int, lex: _Lexicon) -> tuple[int, int] | None:
    """Return the subject of the main clause after a leading condition, when a verb group follows it."""
    rest = re.match(r"[\s,]*", text[end:])
    start = end + rest.end()
    words = [(w.group(), w.start(), w.end()) for w in _WORD.finditer(text, start, min(len(text), start + 80))]
    for k, (w, _, _) in enumerate(words[:7]):
        if k and (lex.modal.fullmatch(w) or w.lower() in lex.copulas):
            return _trim(text, words[0][1], words[k - 1][2])
    return None


# --------------------------------------------------------------------------- rows

def _category(condition: str, lex: _Lexicon) -> str:
    """Return the category with the most keyword hits in a condition (ties: the earliest hit)."""
    hits: dict[str, list] = {}
    for pattern, terms in lex.categories:
        for m in pattern.finditer(condition):
            word = m.group()
            category = terms.get(word) or terms.get(normalize(word))
            if category:
                hits.setdefault(category, []).append(m.start())
    if not hits:
        return "other"
    return max(hits, key=lambda c: (len(hits[c]), -min(hits[c])))


def _shift(found: dict, base: int) -> dict:
    out = dict(found)
    for col in _OFFSETS:
        if out[col] is not None:
            out[col] += base
    return out


class _Spans:
    """An article's statement spans, sorted once for the parts of each sentence they leave uncovered."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = sorted(spans)
        self.reach = list(accumulate((e for _, e in self.spans), max))  # the farthest end so far

    def uncovered(self, start: int, end: int) -> list[tuple[int, int]]:
        """Return the parts of ``[start, end)`` outside every span."""
        parts, pos = [], start
        # the spans before the first that reaches past start cover none of it
        for s, e in self.spans[bisect_right(self.reach, start):]:
            if s >= end:
                break  # sorted: the rest start later still
            if e <= pos:
                continue
            if s > pos:
                parts.append((pos, s))
            pos = max(pos, e)
        if pos < end:
            parts.append((pos, end))
        return parts


def _locate(rows: list[dict], sentences: pd.DataFrame) -> list[dict]:
    """Give each statement condition the id of the sentence its span starts in."""
    index: dict = {}
    for aid, sid, start in zip(*(sentences[c].tolist() for c in ("article_id", "sentence_id", "start"))):
        index.setdefault(aid, []).append((int(start), sid))
    index = {aid: sorted(spans, key=lambda x: x[0]) for aid, spans in index.items()}
    for row in rows:
        spans = index.get(row["article_id"])
        if spans:
            k = bisect_right([s for s, _ in spans], row["start"]) - 1
            if k >= 0:
                row["sentence_id"] = spans[k][1]
    return rows


def _frame(rows: list[dict], sentences) -> pd.DataFrame:
    if not rows:
        return from_rows([], CONDITION_COLUMNS, nullable_ints=_OFFSETS)
    order: dict = {}  # articles in the order of the sentences (they cover every article), else of the rows
    source = sentences["article_id"] if sentences is not None and len(sentences) else []
    for aid in [*source, *(r["article_id"] for r in rows)]:
        order.setdefault(aid, len(order))
    rows.sort(key=lambda r: (order.get(r["article_id"], 0), r["start"], r["marker_start"]))
    counters: dict = {}
    for row in rows:
        n = counters[row["article_id"]] = counters.get(row["article_id"], 0) + 1
        row["condition_id"] = f"{row['article_id']}-c{n}"
    return from_rows([tuple(r[c] for c in CONDITION_COLUMNS) for r in rows], CONDITION_COLUMNS, nullable_ints=_OFFSETS)
