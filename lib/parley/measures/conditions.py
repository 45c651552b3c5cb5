"""Find the conditions statements attach to their commitments.

A condition is what a statement makes an action, commitment or outcome depend
on: "the timeline would be contingent on evaluating the threat", "troops will
stay until Iraqi forces are ready", "based on factors including ...". Every
word list lives in ``lib/parley/lexicons``:

* ``condition_markers.csv`` — the markers (``marker, rule, kind, takes,
  position, needs``); a marker's rows are its readings, tried in order, and
  each condition names the ``rule`` that found it. ``takes`` says what the
  condition is: the clause ("if the talks fail") or noun phrase ("contingent
  on the threat") after the marker, the phrase before it ("X as a condition
  for Y", "must first X before Y", "X is a prerequisite for Y"), the sentence
  before it ("… withdraw first. Only then can we talk"), what a copula after it
  names ("the only way to peace is through talks"), or the marker itself
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
  collective prepositions, prepositions, asides between commas).
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
among Iraq, the United States and coalition partners"). Reliance is no
condition ("herders, most of whom depend on the grazing land"). A condition has its
statement's government: a joint statement's rows give one condition row per
government, and a condition that opens a sentence right before a statement's
speaker ("If the talks fail, | the minister said | …") is that statement's.
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
from ..core.words import WORD, WORD_CHAR
from .terms import normalize

__all__ = ["CONDITION_COLUMNS", "condition_category", "to_conditions"]

CONDITION_COLUMNS = [
    "condition_id", "article_id", "statement_id", "sentence_id", "party",
    "marker", "marker_start", "marker_end", "condition", "start", "end",
    "target", "target_start", "target_end", "category", "rule",
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
        sentence they are in; the sentence text before a content (rather
        than the cue alone) is what the exclusions see before its first words;
        and a condition that opens a sentence right before a statement's
        speaker ("If the talks fail, | the minister said | troops will stay")
        is that statement's.
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
        ``condition_categories.csv`` ("other" when no keyword matches);
        ``rule`` is the id of the marker's reading that found it.
    """
    lex = _lexicon()
    rows_of_story = resolve_story(story).conditions
    if rows_of_story is not None:
        lex = replace(lex, categories=_categories(rows_of_story))
    has_sentences = sentences is not None and len(sentences) > 0
    texts = ({(a, i): (int(s), t) for a, i, s, t in zip(*(sentences[c].tolist() for c in (
        "article_id", "sentence_id", "start", "text")))} if has_sentences else {})
    rows, covered, heads = _in_statements(statements, texts, lex)
    if has_sentences:
        rows = _in_narration(_locate(rows, texts), covered, heads, texts, lex)
    return _frame(rows, texts)


def _in_statements(statements: pd.DataFrame | None, texts: dict, lex) -> tuple[list[dict], dict, dict]:
    """Find the conditions in the statements' contents.

    Returns the rows, the spans each article's contents cover, and by article
    where each statement's "X said" report starts -> its (content start,
    statement_id, party).
    """
    rows: list[dict] = []
    covered: dict = {}
    heads: dict = {}
    if statements is None or not len(statements):
        return rows, covered, heads
    cols = [statements[c].tolist() if c in statements else [default] * len(statements) for c, default in (
        ("statement_id", None), ("article_id", None), ("sentence_id", None), ("party", None),
        ("content", None), ("content_start", 0), ("cue", None), ("cue_start", None), ("speaker_start", None))]
    memo: dict = {}  # a joint statement's rows share their content
    for sid, aid, sent, party, content, base, cue, cue_start, speaker_start in zip(*cols):
        if not isinstance(content, str) or pd.isna(base):
            continue
        base = int(base)
        party = None if pd.isna(party) else party
        covered.setdefault(aid, []).append((base, base + len(content)))
        head = min((int(x) for x in (speaker_start, cue_start) if x is not None and not pd.isna(x)), default=None)
        if head is not None and head < base:
            heads.setdefault(aid, {}).setdefault(head, []).append((base, sid, party))
        lead = _lead(texts.get((aid, sent)), base, cue, cue_start)
        if (content, lead) not in memo:
            memo[content, lead] = _find(content, lex, lead=lead)
        for found in memo[content, lead]:
            rows.append({"article_id": aid, "statement_id": sid, "sentence_id": sent,
                         "party": party, **_shift(found, base)})
    return rows, covered, heads


def _in_narration(rows: list[dict], covered: dict, heads: dict, texts: dict, lex) -> list[dict]:
    """Add the conditions in the parts of sentences no statement content covers to ``rows`` (in place; returned)."""
    covered = {aid: _Spans(spans) for aid, spans in covered.items()}
    nothing = _Spans([])
    for (aid, sent), (start, text) in texts.items():
        for s, e in covered.get(aid, nothing).uncovered(start, start + len(text)):
            for found in _find(text[s - start:e - start], lex, lead=text[:s - start]):
                found = _shift(found, s)
                # "If the union says no, | the mayor said | the depots will close": a condition that opens the
                # sentence of a statement whose report follows it is that statement's
                gap = _GAP.match(text, found["end"] - start).end() + start
                owners = heads.get(aid, {}).get(gap) if _OPENING.fullmatch(text, 0, found["marker_start"] - start) else None
                nearest = min(base for base, _, _ in owners) if owners else None  # a joint statement's rows
                for sid, party in ([(sid, party) for base, sid, party in owners if base == nearest] if owners
                                   else [(None, None)]):
                    rows.append({"article_id": aid, "statement_id": sid, "sentence_id": sent,
                                 "party": party, **found})
    return rows


_GAP = re.compile(r"[\s,]*")
_OPENING = re.compile(r"[\s\"“‘']*")  # what may stand before a marker that opens its sentence


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
class _Rule:
    """One reading of a marker (a row of ``condition_markers.csv``) with its exclusions compiled."""
    rule: str
    kind: str
    takes: str
    position: str
    needs: str
    before: re.Pattern | None       # matched at the end of the text before the marker: rejects
    after: re.Pattern | None        # matched at the start of the text after it: rejects
    need_before: re.Pattern | None  # must match at the end of the text before it
    need_after: re.Pattern | None   # must match at the start of the text after it


@dataclass(frozen=True)
class _Lexicon:
    markers: re.Pattern
    folded_markers: re.Pattern | None  # the markers without case or look-behind, for lowered text (see _markers)
    info: dict            # normalised marker -> its rules (_Rule), in file order: the first that applies wins
    modal: re.Pattern
    contracted: re.Pattern  # "'ll" after its word
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
    joins: frozenset      # "between", "and": a noun phrase before them belongs to the one after (reversed conditions)
    aside: re.Pattern     # ", of course,", ", including X,": a parenthetical between two commas, at the first
    lead_aside: re.Pattern  # the same right after a marker, with a "that" after it ("provided, of course, that")
    relatives: frozenset  # "which", "who": a boundary, but not after a preposition ("in which")
    prepositions: frozenset
    stops: frozenset      # words no noun phrase runs back over: prepositions, pronouns, copulas, complementizers
    weak: re.Pattern      # " and " / " or "
    strong: re.Pattern    # " as well as "
    categories: list      # [(regex, {normalised term: category})]


@built_from("condition_markers.csv", "condition_exclusions.csv", "condition_syntax.csv",
            "condition_categories.csv", "modals.csv", "abbreviations.csv")
def _lexicon() -> _Lexicon:
    markers = read_lexicon("condition_markers.csv")
    # an exclusion row names a marker (then it holds for every rule of that marker) or, in ``rule``, one rule
    sides: dict = {}
    for r in read_lexicon("condition_exclusions.csv"):
        rule = (r.get("rule") or "").strip()
        sides.setdefault(("rule", rule) if rule else ("marker", normalize(r["marker"])), {}).setdefault(
            r["side"], []).append(r["pattern"])
    info: dict = {}
    for r in markers:
        key = normalize(r["marker"])
        own, every = sides.get(("rule", r["rule"]), {}), sides.get(("marker", key), {})
        patterns = {side: every.get(side, []) + own.get(side, []) for side in ("before", "after", "need_before", "need_after")}
        info.setdefault(key, []).append(_Rule(r["rule"], r["kind"], r["takes"], r["position"], r.get("needs", ""),
                                              **{side: _side(side, p) for side, p in patterns.items()}))
    info = {key: tuple(rules) for key, rules in info.items()}
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
        # \b lets the engine skip the letters inside words; the hyphen the look-behind also rejects is checked later
        folded_markers=(re.compile(rf"\b(?:{alternation(r['marker'] for r in markers)})(?![\w-])")
                        if all(r["marker"].isascii() and r["marker"] == r["marker"].lower() for r in markers)
                        else None),
        info=info,
        complementizers=frozenset(syntax.get("complementizer", []) + syntax.get("reporting", []) + syntax.get("wh", [])),
        collective=re.compile(_alternation(syntax.get("collective", [])), re.I),
        clause_break=re.compile(rf"[;!?]|\.(?:\s|$)|\s(?:{alternation(syntax.get('clause_break', []))})(?![\w-])", re.I),
        titles=frozenset(r["abbreviation"].lower() for r in read_lexicon("abbreviations.csv") if r["kind"] == "title"),
        modal=re.compile(r"(?!(?-i:May)\b)" + _alternation(m for m in modals if m[0] not in "'’"), re.I),  # "in May"
        # a contraction ("we'll") follows its word with no space; a pattern of its own keeps ``modal`` fast
        contracted=re.compile(rf"['’](?<=\w['’])(?:{alternation(m[1:] for m in modals if m[0] in chr(39) + '’')})"
                              r"(?![\w-])", re.I),
        main=re.compile(rf"(?:{alternation(syntax.get('pronoun', []))}|(?:{alternation(syntax.get('determiner', []))})"
                        rf"(?:\s+(?!(?:{alternation(function)})(?![\w-])){WORD_CHAR}+){{1,3}}"
                        rf"|(?-i:[A-Z]){WORD_CHAR}*(?:\s+(?-i:[A-Z]){WORD_CHAR}*){{0,2}})"
                        rf"\s+(?:{alternation(modals)})(?![\w-])", re.I),
        boundary=re.compile(_alternation(syntax.get("boundary", [])), re.I),
        reporting=re.compile(_alternation(syntax.get("reporting", [])), re.I),
        determiners=frozenset(syntax.get("determiner", [])),
        pronouns=frozenset(syntax.get("pronoun", [])),
        copulas=frozenset(syntax.get("copula", [])),
        wh=frozenset(syntax.get("wh", [])),
        links=frozenset(syntax.get("link", [])),
        aside=re.compile(_aside(syntax), re.I),
        lead_aside=re.compile(rf"\s*{_aside(syntax)}(?:\s*that(?![\w-]))?", re.I),
        relatives=frozenset(syntax.get("relative", [])),
        prepositions=frozenset(syntax.get("preposition", [])),
        joins=frozenset(syntax.get("collective", []) + syntax.get("coordinator", [])),
        stops=frozenset(syntax.get("preposition", []) + syntax.get("pronoun", []) + syntax.get("copula", [])
                        + syntax.get("complementizer", []) + syntax.get("reporting", []) + modals),
        weak=re.compile(rf"\s+(?:{'|'.join(map(_phrase, syntax.get('coordinator', [])))})\s+", re.I),
        strong=re.compile(rf",?\s+(?:{'|'.join(map(_phrase, syntax.get('strong_coordinator', [])))})\s+", re.I),
        categories=categories,
    )


def _aside(syntax: dict) -> str:
    """Return the regex of a parenthetical between commas: a set phrase (", of course,") or an opener
    and its noun phrase (", such as the lender's own staff,")."""
    fixed, opener = alternation(syntax.get("aside", [])), alternation(syntax.get("aside_opener", []))
    return rf",\s*(?:(?:{fixed})|(?:{opener})(?![\w-])[^,;:.!?—–()“”\"]{{1,60}}?)\s*,"


def _side(side: str, patterns: list[str]) -> re.Pattern | None:
    """Compile one side's exclusion patterns: "before" sides match at the end of the text before a
    marker, "after" sides are used with ``.match(text, pos)``, which anchors them at its end."""
    if not patterns:
        return None
    if side.endswith("before"):
        return re.compile(rf"(?<![\w-])(?:{'|'.join(patterns)})[\s,]*$", re.I)
    return re.compile(rf"[\s,]*(?:{'|'.join(patterns)})(?![\w])", re.I)


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
    candidates = [(m, rules) for m in _markers(text, lex) if (rules := _accept(text, m, lex, lead))]
    found = []
    for i, (m, rules) in enumerate(candidates):
        limit = candidates[i + 1][0].start() if i + 1 < len(candidates) else len(text)
        for rule in rules:  # the first reading that yields a condition
            rows = _read_rule(text, m, rule, limit, lead, lex)
            if rows:
                found.extend(rows)
                break
    return found


def _read_rule(text: str, m: re.Match, rule: _Rule, limit: int, lead: str, lex: _Lexicon) -> list[dict]:
    """Return the conditions one reading of a marker gives (offsets local to ``text``), or none."""
    takes, needs = rule.takes, rule.needs
    if takes == "self":  # "Otherwise it would ...": the condition is what came before, named by the marker
        end, items = m.end(), [(m.start(), m.end())]
    elif takes == "preceding":  # "strengthen it as a condition for lifting the embargo"
        end = m.start()
        # "X is a prerequisite for": a predicate, whose subject is the condition
        items = [p for p in [_preceding(text, m.start(), lex, subject=rule.kind == "predicate")] if p]
    elif takes == "complement":  # "the only way to peace is | through talks": what the copula names
        copula = _COMPLEMENT.search(text, m.end(), _clause_end(text, m.end(), lex))
        if not copula:
            return []
        end = _span_end(text, copula.end(), limit, lex)
        items = _items(text, copula.end(), end, "phrase", lex)
    elif takes == "antecedent":  # "They must withdraw first. Only then can we talk": the sentence before, else the marker
        end = m.end()
        items = [p for p in [_antecedent(text, m.start(), lex)] if p] or [(m.start(), m.end())]
    else:
        head = text[max(0, m.start() - 60):m.start()]
        leading = _opens_clause(head.rstrip(), comma=True, lex=lex)
        fronted = leading or _opens_clause(head[:len(head) - len(_LEADING_SKIP.search(head).group())], comma=True)
        aside = lex.lead_aside.match(text, m.end(), limit)  # "provided, of course, that | the shelling stops"
        begin = aside.end() if aside else m.end()
        if rule.kind == "free-relative":  # "Whoever attacks our ships | will pay": it is the main clause's subject
            end = _span_end(text, begin, limit, lex)
            first = WORD.search(text, begin, end)
            verb = lex.modal.search(text, first.end(), end) if first else None
            end = verb.start() if verb else end
        else:
            end = _span_end(text, begin, limit, lex, leading=leading, fronted=fronted)
        items = _items(text, begin, end, takes, lex)
    if not items:
        return []
    if needs == "modal" and not (_modal(text, 0, m.start(), lex) or _modal(text, end, _clause_end(text, end, lex), lex)):
        return []  # "he worked there until he retired": narrative time, nothing depends on it
    if needs == "modal-before" and not _decided(text, m.start(), lead, lex):
        return []  # "the study was based on interviews": describes, decides nothing
    if takes == "complement":  # "the only way | the region can see peace | is through ..."
        target = _trim(text, m.end(), copula.start())
    elif takes in ("preceding", "antecedent"):
        after = _span_end(text, m.end(), limit, lex)
        target = _trim(text, m.end(), after)
    else:
        target = _target(text, m.start(), end, lex)
    return [{"marker": text[m.start():m.end()], "marker_start": m.start(), "marker_end": m.end(),
             "condition": text[s:e], "start": s, "end": e,
             "target": None if target is None else text[target[0]:target[1]],
             "target_start": None if target is None else target[0],
             "target_end": None if target is None else target[1],
             "category": _category(text[s:e], lex), "rule": rule.rule} for s, e in items]


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


def _modal(text: str, start: int, end: int, lex: _Lexicon) -> bool:
    """Say whether a modal or future verb stands in ``text[start:end]`` ("would", "we'll")."""
    return bool(lex.modal.search(text, start, end) or lex.contracted.search(text, start, end))


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


def _preceding(text: str, pos: int, lex: _Lexicon, *, subject: bool = False) -> tuple[int, int] | None:
    """Return the condition before a reversed marker.

    With ``subject`` (the marker is a predicate: "a halt to the strikes | was a
    | prerequisite for") the clause's subject, after a reporting verb or "that",
    up to its copula.
    Otherwise the verb phrase after the last infinitive "to", modal, adverb
    "first" or complementizer "that" ("to | strengthen the code as a
    pre-condition of", "must first | hand back the airfield before", "demanded
    that | the neighbour withdraw as a condition for"), else its last noun
    phrase with what it links ("demanded | the withdrawal of troops", "direct
    talks between A and B"), else its clause.
    """
    start = _clause_start(text, pos)
    words = [(w.group(), w.start(), w.end()) for w in WORD.finditer(text, start, pos)]
    if not words:
        return None
    lowered = [w[0].lower() for w in words]
    if subject:  # from a reporting verb or "that" to the copula ("would be a key | prerequisite for")
        cop = next((j for j in range(len(words) - 1, max(-1, len(words) - 6), -1)
                    if lowered[j] in lex.copulas or lowered[j] in ("become", "becomes")), len(words))
        while cop and lex.modal.fullmatch(words[cop - 1][0]):
            cop -= 1
        k = max((j + 1 for j, w in enumerate(lowered[:cop]) if w in lex.complementizers), default=0)
        return _trim(text, words[k][1], words[cop - 1][2]) if k < cop else None
    opener = None
    for j, w in enumerate(lowered[:-1]):
        after = lowered[j + 1]
        if ((w == "to" and after not in lex.determiners and after not in lex.pronouns)  # "to the strikes": a preposition
                or (w == "first" and (not j or lowered[j - 1] not in lex.determiners))  # "the first phase": an ordinal
                or lex.modal.fullmatch(words[j][0])
                or (w == "that" and j and (lowered[j - 1].endswith("ed") or lowered[j - 1] in lex.complementizers))):
            opener = j + 1
    if opener is not None:
        return _trim(text, words[opener][1], pos)
    begin = _np_start(words, lowered, lex)
    if begin is None:
        return _trim(text, start, pos)
    return _trim(text, words[_np_back(lowered, begin, lex)][1], pos)


def _np_back(lowered: list, k: int, lex: _Lexicon) -> int:
    """Return where a noun phrase starting at word ``k`` begins once its head is included: back over a
    link, a collective preposition or a coordinator to the noun before it ("direct talks | between the
    two sides", "the army | and the police"), then over up to three bare modifiers."""
    joins = lex.links | lex.joins
    while k >= 2 and lowered[k - 1] in joins:
        j = k - 1
        bare = 0
        while j and bare < 3 and lowered[j - 1] not in lex.stops and not lowered[j - 1].endswith(("ing", "ed")):
            j -= 1
            bare += 1
            if lowered[j] in lex.determiners:
                break
        if j == k - 1:
            break
        k = j
    return k


_COMPLEMENT = re.compile(r"(?<![\w-])(?:is|remains|would\s+be|will\s+be)\s+[\"“‘]?"
                         r"(?:(?:through|by|via|if|to)(?![\w-])\s*[\"“‘]?)?", re.I)


# what may stand between a clause's start and a condition that leads it ("But if", "''If", "because if")
_LEADING_SKIP = re.compile(r"(?:[\s'\"“‘]|(?<![\w-])(?:but|and|or|so|yet|because|since)(?![\w-]))*$", re.I)
_TRAILING_LINK = re.compile(r"(?:[\s,;:—–-]|(?<![\w-])(?:and|but)(?![\w-]))*$", re.I)


def _antecedent(text: str, pos: int, lex: _Lexicon) -> tuple[int, int] | None:
    """Return the clause or sentence an anaphoric marker points back to ("They must withdraw first. |
    Only then", "withdraw first, and | only then"): back to the previous sentence stop, semicolon or colon."""
    end = pos - len(_TRAILING_LINK.search(text[:pos]).group())
    if end > 0 and text[end - 1] in ".!?":
        end -= 1
    start = max(0, end - 400)
    for i, ch, depth in _depths(text, start, end):
        if depth < 0:
            start = i + 1
        elif depth == 0 and (ch in ";:!?" or (ch == "." and _full_stop(text, i, lex))):
            start = i + 1
    return _trim(text, start, end)


def _accept(text: str, m: re.Match, lex: _Lexicon, lead: str = "") -> tuple:
    """Return the rules of a marker match whose context allows a conditional use (none: not a condition).

    The exclusions before the marker also see ``lead``, the text before ``text``
    ("Reporters asked" before the content "if the troops would leave"); the
    clause-start rule does not, as a content begins a clause of its own.
    """
    context = None
    accepted = []
    for rule in lex.info[normalize(m.group())]:
        # the cheap anchored checks first: most "had", "should", "after" fail one of them
        if rule.position in ("clause-start", "opening") and not _opens_clause(
                text[max(0, m.start() - 60):m.start()].rstrip(), comma=rule.position == "clause-start",
                lex=lex if rule.kind in ("inversion", "counterfactual", "free-relative") else None):  # "said that had they ..."
            continue
        if rule.after is not None and rule.after.match(text, m.end()):
            continue
        if rule.need_after is not None and not rule.need_after.match(text, m.end()):
            continue
        if context is None:
            context = (lead + text[max(0, m.start() - 160):m.start()])[-160:]
        if rule.before is not None and rule.before.search(context):
            continue
        if rule.need_before is not None and not rule.need_before.search(context):
            continue
        accepted.append(rule)
    return tuple(accepted)


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
_LAST_WORD = re.compile(rf"{WORD_CHAR}+$")
_LAST_WORD_OR_NONE = re.compile(rf"{WORD_CHAR}*$")
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


def _span_end(text: str, pos: int, limit: int, lex: _Lexicon, *, leading: bool = False,
              fronted: bool = False) -> int:
    """Return where the condition after a marker ends (exclusive).

    It ends at a clause break (a stop, semicolon, dash, a boundary word such as
    "but" or "said"), at a comma unless a list goes on ("if we, the Israelis,
    or the world allow it"), and where the main clause starts without a comma
    ("If it is lifted | we will end up ...", "unless it was agreed | the EU would") when the
    condition is ``leading``, opening its sentence or clause: after a main clause ("he left when
    he worried | they would ...") the words after are the condition's own. ``fronted`` (the
    condition comes before its main clause, perhaps after "But" or a quote mark) keeps ", and …"
    in it: after a main clause that opens a new clause.
    """
    while pos < limit and (text[pos].isspace() or text[pos] == ","):
        pos += 1  # "if, and only if, their customers request it"
    commas = []
    end = limit
    words = 0
    aside_end = -1
    # "If Iran expects the West will back down, it is mistaken": with a comma ahead, only a pronoun
    # ("..., they could") opens the main clause early
    comma_ahead = "," in text[pos:limit]
    for i, ch, depth in _depths(text, pos, limit):
        if depth < 0:
            end = i
            break
        if depth:
            # 'if the rebels "cross that line again, our answer will be …"': a quote opened inside the
            # condition runs on into the main clause or the next sentence
            if depth == 1 and ((ch == "," and _clause_after(text, i, limit, lex))
                               or (ch == "." and _full_stop(text, i, lex))):
                end = i
                break
            continue
        if ch in ";:?!" or (ch == "." and _full_stop(text, i, lex)):
            end = i
            break
        if ch in "—–" or text.startswith("--", i):
            end = i
            break
        if ch == "," and not _thousands(text, i):
            if i >= aside_end and (aside := lex.aside.match(text, i, limit)) and not _clause_after(
                    text, aside.end() - 1, limit, lex):
                aside_end = aside.end()  # ", including itself," goes on with the phrase around it
            elif i >= aside_end:
                commas.append(i)
        elif ch.isspace():
            words += 1
            if ((b := lex.boundary.match(text, i + 1)) and b.start() > pos
                    and not (b.group().lower() in lex.relatives and _word_before(text, i) in lex.prepositions)):
                end = i
                break
            if (leading and words and not commas and (main := lex.main.match(text, i + 1))
                    and (not comma_ahead or main.group().split()[0].lower() in lex.pronouns)
                    and not _complement(text, i, lex)):
                end = i
                break
    if commas:
        end = _list_end(text, commas, end, lex, fronted=fronted)
    return end


_NEXT_PART = re.compile(r"[^,;:.!?\"“”]*")


def _clause_after(text: str, i: int, limit: int, lex: _Lexicon) -> bool:
    """Say whether the part after the comma at ``i`` is a clause (a pronoun subject or a modal verb)."""
    part = _NEXT_PART.match(text, i + 1, limit).group()
    words = part.split()
    return bool(words) and _clause_like(part, words, lex)


def _word_before(text: str, i: int) -> str:
    """Return the lowered word that ends at or just before ``i``."""
    return _LAST_WORD_OR_NONE.search(text[max(0, i - 20):i].rstrip()).group().lower()


def _full_stop(text: str, i: int, lex: _Lexicon) -> bool:
    """Say whether the stop at ``i`` ends a sentence: not an initial ("George W.") or a title ("Mr.")."""
    if i + 1 < len(text) and not text[i + 1].isspace():
        return False
    word = _LAST_WORD_OR_NONE.search(text[max(0, i - 12):i]).group()
    return not ((len(word) == 1 and word.isupper()) or word.lower() in lex.titles)


def _complement(text: str, i: int, lex: _Lexicon) -> bool:
    """Say whether the words at ``i`` open a complement ("suggesting | the election may", "that | it will"),
    not a main clause."""
    word = re.search(rf"({WORD_CHAR}+)\W*$", text[max(0, i - 30):i])
    if not word:
        return False
    w = word.group(1).lower()  # after a determiner the words go on with its noun phrase
    return w in lex.complementizers or w in lex.determiners or w.endswith("ing")


def _thousands(text: str, i: int) -> bool:
    """Say whether the comma at ``i`` separates digits (2,500) rather than phrases."""
    return 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()


def _list_end(text: str, commas: list[int], end: int, lex: _Lexicon, *, fronted: bool = False) -> int:
    """Keep comma-separated parts only while they form a list closed by and/or ("A, B and C"); after a
    main clause (not ``fronted``) a first part opening with and/or is a new clause ("…, and the allies")."""
    bounds = commas + [end]
    closed = None
    for k in range(len(commas)):
        part = text[bounds[k] + 1:bounds[k + 1]]
        words = part.split()
        if not words or _clause_like(part, words, lex):
            break
        if not k and not fronted and words[0].lower() in ("and", "or"):
            break  # "… if it responded, and the allies demanded ...": after its main clause, a new clause
        if lex.weak.search(" " + part + " ") or words[0].lower() in ("and", "or"):
            closed = bounds[k + 1]
    return closed if closed is not None else commas[0]


def _clause_like(part: str, words: list[str], lex: _Lexicon) -> bool:
    """Say whether a comma-separated part is a new clause rather than a list item."""
    first = re.split("['’]", words[0].strip("“‘\"").lower())[0]  # "there’s", "we’re"
    return first in lex.pronouns or _modal(part, 0, len(part), lex) or bool(lex.reporting.search(part))


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
    asides = _aside_commas(text, [i for i in top if text[i] == ","], e, lex)
    commas = [i for i in top if text[i] == "," and not _thousands(text, i) and i < inner and i not in asides]
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


def _aside_commas(text: str, commas: list[int], e: int, lex: _Lexicon) -> set[int]:
    """Return the commas that enclose a parenthetical (", of course,", ", such as its own staff,") that no
    clause follows (", for example, | you have ..." ends the condition at its first comma)."""
    out: set[int] = set()
    for i in commas:
        if i not in out and (aside := lex.aside.match(text, i, e)) and not _clause_after(text, aside.end() - 1, e, lex):
            out.update((i, aside.end() - 1))
    return out


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
    word = re.match(rf"[“‘\"]|{WORD_CHAR}+", text[b:e])
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
    words = [(w.group(), w.start(), w.end()) for w in WORD.finditer(text, clause, m_start)]
    if not words:
        return _subject_after(text, end, lex)
    lowered = [w[0].lower() for w in words]
    if lowered[-1] in lex.complementizers:  # "said that | if the talks fail, the troops will stay"
        return _subject_after(text, end, lex)
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
    words = [(w.group(), w.start(), w.end()) for w in WORD.finditer(text, start, min(len(text), start + 80))]
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


def _locate(rows: list[dict], texts: dict) -> list[dict]:
    """Give each statement condition the id of the sentence its span starts in (``texts``: (article,
    sentence id) -> (start, text))."""
    index: dict = {}
    for (aid, sid), (start, _) in texts.items():
        index.setdefault(aid, []).append((start, sid))
    index = {aid: sorted(spans, key=lambda x: x[0]) for aid, spans in index.items()}
    for row in rows:
        spans = index.get(row["article_id"])
        if spans:
            k = bisect_right([s for s, _ in spans], row["start"]) - 1
            if k >= 0:
                row["sentence_id"] = spans[k][1]
    return rows


def _frame(rows: list[dict], texts: dict) -> pd.DataFrame:
    if not rows:
        return _empty().copy()
    order: dict = {}  # articles in the order of the sentences (they cover every article), else of the rows
    for aid in [*(aid for aid, _ in texts), *(r["article_id"] for r in rows)]:
        order.setdefault(aid, len(order))
    rows.sort(key=lambda r: (order.get(r["article_id"], 0), r["start"], r["marker_start"]))
    counters: dict = {}
    for row in rows:
        n = counters[row["article_id"]] = counters.get(row["article_id"], 0) + 1
        row["condition_id"] = f"{row['article_id']}-c{n}"
    return from_rows([tuple(r[c] for c in CONDITION_COLUMNS) for r in rows], CONDITION_COLUMNS, nullable_ints=_OFFSETS)


@lru_cache(maxsize=1)
def _empty() -> pd.DataFrame:
    """Return the empty conditions frame, built once (most texts have no condition); callers copy it."""
    return from_rows([], CONDITION_COLUMNS, nullable_ints=_OFFSETS)
