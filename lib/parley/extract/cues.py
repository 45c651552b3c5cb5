"""Find reporting cues in a sentence: "said", "told", "according to", "warned that", ...

The cue forms live in ``lib/parley/lexicons/reporting_verbs.csv``; the function words
that tell a cue from a noun or a passive ("the claims", "was said to") live in
``lib/parley/lexicons/attribution.csv``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.lexicons import alternation, built_from, read_lexicon, word_lists
from ..core.words import NOT_BEFORE_WORD, NOT_IN_WORD, WORD_CHAR
from .article import Article, Sentence

__all__ = ["Cue", "CueLexicon", "cue_lexicon", "find_cues", "reduced_relative"]

_SPACES = re.compile(r"\s+")
_ENDS = re.compile(r"\s*(?:[.,;]|$)")  # nothing after the cue but a stop
_WITHOUT = re.compile(r"\bwithout\s+(?:\w+ly\s+)?(?:[\w-]+ing\s+(?:or|nor)\s+)?$", re.I)
_WHAT = re.compile(r"(?:^|[^,]\s)what\s+(?:the\s+)?(?:[\w’'.-]+\s+){1,4}(?:has\s+|had\s+|have\s+)?$", re.I)
_PASSIVE_BY = re.compile(r"\s+by\s+[^,;:“\"]{2,60}?\s+to\s+[a-z]")  # "said by aides to be", "reported by X to have"
_GERUND = re.compile(r"\s+(?:\w+ly\s+)?[a-z]{3,}ing\s+[\w“\"]")  # "admits backing the rebels"
_SHORT_SUBJECT = re.compile(r"(?:^|,\s)(?:[\w.’'-]+\s+){1,4}$")  # a short subject opens the clause


@dataclass(frozen=True, slots=True)
class Cue:
    """A reporting cue: its span, its form as written (lower case) and its kind."""

    start: int
    end: int
    form: str
    kind: str  # speech | tell | participle | according_to | document | passive | noun


@dataclass(frozen=True)
class CueLexicon:
    verbs: dict[str, tuple[str, bool]]   # form -> (kind, strict)
    after: dict[str, re.Pattern]          # form -> what must follow it ("described X as")
    objects: frozenset[str]               # forms whose content is their object and what follows ("called X a Y")
    not_after: dict[str, re.Pattern]      # form -> what may not follow it ("pledged delegates")
    cue_re: re.Pattern
    title_cue_re: re.Pattern
    opening_cue_re: re.Pattern
    negation: re.Pattern
    passive: re.Pattern
    by_agent: re.Pattern
    noun_before: re.Pattern
    strict_after: re.Pattern
    bare_clause: re.Pattern
    infinitive: re.Pattern
    inverted_before: re.Pattern
    after_quote: re.Pattern
    gerund_forms: frozenset[str]          # forms whose content may be a gerund ("admits backing the rebels")


@built_from("reporting_verbs.csv", "attribution.csv")
def cue_lexicon() -> CueLexicon:
    """Build the cue lexicon from ``reporting_verbs.csv`` and ``attribution.csv``."""
    rows = read_lexicon("reporting_verbs.csv")
    verbs = {row["form"].strip(): (row["kind"].strip(), row.get("strict", "no").strip() == "yes") for row in rows}
    after = {row["form"].strip(): re.compile(row["after"]) for row in rows if (row.get("after") or "").strip()}
    not_after = {row["form"].strip(): re.compile(row["not_after"]) for row in rows
                 if (row.get("not_after") or "").strip()}
    objects = frozenset(row["form"].strip() for row in rows if (row.get("content") or "").strip() == "object")
    words = word_lists("attribution.csv")
    forms = alternation(verbs)
    clause_verbs = alternation(words["clause_verb"])
    # Lower-case forms only ("States" in a name is no cue), but "According to X, ...", "As per X, ..." and
    # "Said X: ..." open sentences, so those are allowed capitalised.
    cue_re = re.compile(rf"{NOT_IN_WORD}(?:{forms}|According\s+to|As\s+per|Said(?=\s+[A-Z])){NOT_BEFORE_WORD}")
    capitalised = "|".join(re.escape(f[:1].upper() + f[1:]) for f in verbs if " " not in f and f.endswith(("s", "ed")))
    title_cue_re = re.compile(rf"(?i){NOT_IN_WORD}(?:{forms}){NOT_BEFORE_WORD}")
    return CueLexicon(
        verbs=verbs,
        after=after,
        objects=objects,
        not_after=not_after,
        cue_re=cue_re,
        title_cue_re=title_cue_re,
        # "Observes Mr Hadi: “...”": an inverted cue opening the sentence, before a name and a colon or comma
        opening_cue_re=re.compile(rf"(?:{capitalised})(?=\s+(?:[A-Z][\w’'.-]*\s+){{0,4}}[A-Z][\w’'.-]*\s*[:,])"),
        negation=re.compile(rf"(?:\b(?:{alternation(words['negation'])})|n[’']t)(?:\s+\w+ly)?\s+$", re.I),
        passive=re.compile(rf"\b(?:{alternation(words['copula'])})"
                           rf"(?:\s+(?:\w+ly|{alternation(words['passive_adverb'])}))?\s+$", re.I),
        by_agent=re.compile(r"\s+by\b"),
        noun_before=re.compile(rf"(?:\b(?:{alternation(words['noun_determiner'])})|\w[’']s)\s+$", re.I),
        strict_after=re.compile(r"\s*(?:that\b|whether\b|if\b|how\b|why\b|what\b|:|[“\"‘]|,\s*[“\"])"
                                rf"|(?:\s+{WORD_CHAR}+){{1,3}}?\s+that\b"),
        # a bare content clause, a subject and a finite verb: "claims his net worth is", "insists it does not"
        bare_clause=re.compile(
            rf"\s+(?:(?:{alternation(words['clause_subject_pronoun'])})\s+(?:\w+ly\s+)?(?:{clause_verbs}|\w+(?:s|ed))"
            rf"|(?:the|a|an|his|her|their|its|[A-Z][\w’'.-]*)(?:\s+[\w’'.-]+){{0,4}}?\s+(?:{clause_verbs}))\b"),
        # "went on to say", "took to Twitter to say": the speaker is the subject of the verb before
        infinitive=re.compile(rf"\b(?:{alternation(words['infinitive_matrix'], escape=False)})\s+to\s+$", re.I),
        # a strict cue in the inverted position is a cue: "..., insists Mr Hadi." / "“...,” he concluded."
        inverted_before=re.compile(r"[,”\"’]\s*$"),
        after_quote=re.compile(r"[,”\"’]\s*(?:[\w.’'-]+\s+){1,5}$"),
        gerund_forms=frozenset(row["form"].strip() for row in rows if row["lemma"].strip() in words["gerund_cue"]),
    )


def find_cues(article: Article, sent: Sentence, *, title_case: bool = False,
              standfirst: bool = False) -> list[Cue]:
    """List the reporting cues of a sentence outside quotes.

    Headlines are often in title case ("Graham Says Trump Could ..."), so there
    capitalised cues count too, and the strict forms need no "that".

    Parameters
    ----------
    article : Article
        The article; a cue inside one of its quotes belongs to the quoted speech.
    sent : Sentence
        The sentence.
    title_case : bool
        Whether the sentence is a headline.
    standfirst : bool
        Whether it is a standfirst, written like a headline: the strict forms need no "that" there either
        ("Peru warns boats will be seized").

    Returns
    -------
    list of Cue
        In text order.
    """
    lex = cue_lexicon()
    text, quotes, s, e = article.text, article.quotes, sent.start, sent.end
    out = []
    first = None if title_case else lex.opening_cue_re.match(text, s, e)
    if first and not text.startswith("Said", s):
        form = first.group(0).lower()
        out.append(Cue(first.start(), first.end(), form, lex.verbs[form][0]))
    for m in (lex.title_cue_re if title_case else lex.cue_re).finditer(text, s, e):
        if quotes.around(m.start()):
            continue
        form = _SPACES.sub(" ", m.group(0)).lower()
        kind, strict = lex.verbs.get(form, ("according_to", False))
        if kind != "according_to":
            kind = _verb_kind(text, sent, m, form, kind, lex, strict=strict and not title_case and not standfirst)
            if kind is None:
                continue
        out.append(Cue(m.start(), m.end(), form, kind))
    return out


def _verb_kind(text: str, sent: Sentence, verb: re.Match, form: str, kind: str, lex: CueLexicon, *,
               strict: bool) -> str | None:
    """Return the kind of a reporting verb as used in its sentence, or None where it reports nothing.

    ``verb`` is where the verb matched, ``form`` the verb as written (lower case), ``kind`` the kind its lexicon
    gives it; ``strict``: the verb is a strict form outside a headline, which needs "that" or another sign of
    speech.
    """
    s, e, (cs, ce) = sent.start, sent.end, verb.span()
    left = text[max(s, cs - 24):cs]
    if _ends_in_to(left) and lex.infinitive.search(left):
        return "participle"  # its speaker is found like a participle's
    if form in ("said", "reported") and lex.passive.search(left) and _PASSIVE_BY.match(text, ce, e):
        return "passive"  # "is said by aides to be ...": the aides speak
    wide = text[max(s, cs - 60):cs]
    if ("without" in wide and _WITHOUT.search(wide)) or (
            "hat " in wide and form not in lex.objects and _WHAT.search(wide)):  # substrings first: cheap
        return None  # "without confirming or denying", "what the minister said": nothing is reported
    if form.endswith("ed") and reduced_relative(text, max(s, cs - 40), cs):
        return None  # "in a video posted to X": the participle describes the video
    if lex.negation.search(left) or lex.noun_before.search(left) or (
            not form.endswith("ing") and (lex.passive.search(left) or lex.by_agent.match(text, ce, e))):
        return None  # "declined to say", "was said to", "the report": not a statement
    if form in lex.not_after and lex.not_after[form].match(text, ce, e):
        return None  # "pledged delegates", "added 292,000 jobs"
    need = lex.after.get(form)
    if need is not None:
        if not need.match(text, ce, e):
            return None  # "called for an inquiry", "described" without "as"
    elif strict and not lex.strict_after.match(text, ce, e) \
            and not lex.bare_clause.match(text, ce, e) \
            and not (form in lex.gerund_forms and _GERUND.match(text, ce, e)) and not (
            lex.inverted_before.search(left) or (
                lex.after_quote.search(text[max(s, cs - 60):cs]) and _ENDS.match(text[ce:e]))
            or (_ENDS.match(text[ce:e]) and _SHORT_SUBJECT.search(text[s:cs]))):
        return None
    return kind


_MEDIUM_BEFORE = re.compile(rf"\b(?:in|on|via|through|from)\s+(?:a|an|the|its|his|her|their)\s+(?:{WORD_CHAR}+\s+){{1,3}}$", re.I)


def reduced_relative(text: str, lo: int, cs: int) -> bool:
    """Say whether the "-ed" word at ``cs`` describes the noun of a phrase before it ("in a statement released")."""
    return bool(_MEDIUM_BEFORE.search(text, lo, cs))


def _ends_in_to(left: str) -> bool:
    """Say whether ``left`` ends in " to ", as the infinitive frames do (a cheap test before their pattern)."""
    word = left.rstrip()
    return len(word) < len(left) and word[-3:-2].isspace() and word[-2:].lower() == "to"
