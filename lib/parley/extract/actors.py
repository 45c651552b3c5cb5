"""Who is speaking: the actors of an article, their mentions, and the government each speaks for.

An actor is a person, a body (ministry, government, company), a group
("analysts"), a document ("the statement") or several governments speaking
jointly. Each is mentioned one or more times: by name, by a description ("the
foreign secretary"), by a pronoun. This module reads what each mention *says*
about its actor and decides the party from the structure of that description,
not from any word in it:

* an alias counts as the head, a pre-modifier or the possessor ("Iraq’s
  foreign ministry", "the Iraqi prime minister", "US Defence Secretary Lloyd
  Austin"), or as the complement of a government role ("a spokesman for the
  Pentagon", "an official from the Pentagon"); a document's complement is its
  author ("a statement from Sudani’s office");
* not inside a relative clause ("who resigned over the Iraq war"), a title
  ("a new book, Brown’s Britain"), a possessor's own modifiers ("the Iraqi
  families’ lawyer") or a complement naming a client, topic or place
  ("lawyer for the families", "analysts based in Baghdad");
* modifiers that take a person out of government (former, ex-, shadow,
  opposition; ``lib/parley/lexicons/actors.csv``) give no party, with that as
  evidence; a bare role alias ("Chancellor") does not count under another
  country's name ("German Chancellor");
* aliases of several governments joined by "and" make a joint actor.

Mentions are gathered from the whole article (names and capitalised bodies in
narration as well as speakers), so a pronoun or description can be resolved to
someone who was introduced without speaking (:mod:`parley.resolution`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

import pandas as pd

from ..core.frames import from_rows
from ..core.lexicons import alternation, built_from, read_lexicon, word_lists
from ..core.parties import alias_patterns, locative, matches_of
from ..core.words import HYPHENATED, NOT_BEFORE_WORD, NOT_IN_WORD, WORD_CHAR
from .article import Article, Span
from .mentions import ROLE_PREFIX, TOKEN, speaker_lexicon, strip_article
from .quotes import Quotes

__all__ = ["ACTOR_COLUMNS", "SPEAKER_COLUMNS", "Description", "Describer", "ActorMention", "Actor", "scan_mentions",
           "speakers", "actor_rows", "actor_frame"]

#: One row per mention of an actor. Offsets are into the article text.
ACTOR_COLUMNS = [
    "article_id", "actor_id", "sentence_id", "start", "end", "text",
    "form", "kind", "name", "role", "speaker", "party", "party_evidence",
]

_POSSESSIVE = re.compile(r"(?:[’']s|s[’'])$")
_POSSESSIVE_ENDINGS = ("’s", "'s", "s’", "s'")  # the same, for one token (no line break)
_NAME_PARTICLE = re.compile(r"(?:al|el|ad|as|ash|abu|bin|ibn|de|da|di|du|van|von|der|le|la)-[A-Z]")  # al-Sudani


@dataclass(frozen=True)
class ActorLexicon:
    modifiers: dict[str, str]             # word -> why it gives no party ("former")
    government_roles: frozenset[str]
    genders: dict[str, str]
    joint: re.Pattern                     # "both governments", "the two African countries": governments together
    joint_after: re.Pattern               # "... of the two countries", "... by both sides": a complement naming them
    joint_complement: re.Pattern          # the same after a description in narration
    reciprocal: re.Pattern                # "each other": governments speaking of one another, not together
    media: frozenset[str]
    media_heads: frozenset[str]           # "state news agency", "local media": outlets by their head word
    outlets: dict[str, tuple[tuple[str, ...], ...]]      # last word -> outlet head phrases ("news agency")
    media_names: dict[str, tuple[tuple[str, ...], ...]]  # first word -> outlet names ("al jazeera"), as words
    data: dict[str, frozenset[str]]       # heads that name numbers ("customs figures") -> words that make them people
    relations: frozenset[str]             # "Iran's neighbours", "its ally": others, named by their tie to a party
    nationalities: dict[str, str]         # lower-case word -> country
    honorifics: frozenset[str]
    not_names: frozenset[str]             # capitalised only because they open a sentence ("The", "But")
    calendar: frozenset[str]              # weekdays and months: capitalised, never actors
    definite: frozenset[str]              # determiners that make a description an anaphor ("the ministry")
    prepositions: frozenset[str]          # where a description's complement begins
    participles: frozenset[str]           # "based in", "sent to": a complement that is not who speaks
    relative: frozenset[str]              # pronouns that open a relative clause
    titles_lower: frozenset[str]
    name_run: re.Pattern
    demonym_tail: re.Pattern              # what may follow "Iraqi" in a description: "and US officials"
    role_tail: re.Pattern                 # what may follow "Iraq's" in a description: "foreign ministry"
    definite_run: re.Pattern


@built_from("actors.csv", "nationalities.csv", "speakers.csv", "attribution.csv")
def actor_lexicon() -> ActorLexicon:
    """Build the actor lexicon from ``actors.csv``, ``nationalities.csv`` and ``speakers.csv``."""
    rows = read_lexicon("actors.csv")
    by_kind: dict[str, dict[str, str]] = {}
    for row in rows:
        by_kind.setdefault(row["kind"].strip(), {})[row["word"].strip()] = (row.get("value") or "").strip()
    nationalities = {row["word"].strip().lower(): row["country"].strip() for row in read_lexicon("nationalities.csv")}
    spk = speaker_lexicon()
    w = word_lists("attribution.csv")
    joints = [row for row in rows if row["kind"].strip() == "joint"]
    joint = (rf"(?:{alternation([r['word'].strip() for r in joints if r['value'].strip() == 'determiner'])})\s+"
             rf"(?:{WORD_CHAR}+\s+){{0,2}}?(?:{alternation([r['word'].strip() for r in joints if r['value'].strip() == 'head'])})")
    cap = rf"(?:[A-Z][\w’'.&-]*|(?:al|el|bin|ibn|abu)-[A-Z]{WORD_CHAR}*|[0-9]+[A-Z][\w]*)"
    link = r"(?:of|for|the|de|del|da|du|bin|ibn|van|von|der|al|el|la|le|y)"
    return ActorLexicon(
        modifiers={k.lower(): v for k, v in by_kind.get("modifier", {}).items()},
        government_roles=frozenset(k.lower() for k in by_kind.get("government_role", {})),
        genders={k.lower(): v for k, v in by_kind.get("gender", {}).items()},
        joint=re.compile(rf"(?i)(?:the\s+)?{joint}"),
        joint_after=re.compile(rf"(?i)\s(?:of|from|for|by)\s+(?:the\s+)?{joint}$"),
        reciprocal=re.compile(rf"(?i)\s*(?:{alternation(list(by_kind.get('reciprocal', {})))}){NOT_BEFORE_WORD}"),
        joint_complement=re.compile(rf"(?i)\s+(?:of|from)\s+(?:the\s+)?{joint}{NOT_BEFORE_WORD}"),
        media=frozenset(k.lower() for k in by_kind.get("media", {})),
        media_heads=frozenset(k.lower() for k in by_kind.get("media_head", {})),
        outlets=_index_phrases(by_kind.get("outlet", {}), -1),
        media_names=_index_phrases(by_kind.get("media", {}), 0),
        data={k.lower(): frozenset(v.lower().split()) for k, v in by_kind.get("data", {}).items()},
        relations=frozenset(k.lower() for k in by_kind.get("relation", {})),
        nationalities=nationalities,
        honorifics=frozenset(k.lower() for k in by_kind.get("honorific", {})),
        not_names=spk.stop | spk.determiners | frozenset(x.lower() for x in w["discourse_opener"])
        | {"so", "if", "according"},
        calendar=frozenset(w["weekday"] + w["month"]),
        definite=frozenset(w["definite"]),
        prepositions=frozenset(w["preposition"]),
        participles=frozenset(w["complement_participle"]),
        relative=frozenset(w["relative"]),
        titles_lower=frozenset(t.lower().rstrip(".") for t in spk.titles),
        # Both run over every sentence: a cheap test of the first character comes before the look-behind
        # (the first characters ``cap`` can start with; "T" of "The"/"This"), so most positions fail at once.
        name_run=re.compile(rf"(?=[A-Zaeib0-9]){NOT_IN_WORD}{cap}(?:\s+(?:{link}\s+){{0,2}}{cap})*"),
        demonym_tail=re.compile(rf"(?:\s+and\s+[A-Z]{WORD_CHAR}*)?\s+(?:[a-z][\w-]*\s+){{0,2}}?"
                                rf"(?:{alternation(sorted(spk.roles | spk.bodies))}){NOT_BEFORE_WORD}"),
        role_tail=re.compile(rf"\s+(?:[a-z][\w-]*\s+){{0,2}}?(?:{alternation(sorted(spk.roles | spk.bodies))}){NOT_BEFORE_WORD}"),
        definite_run=re.compile(rf"[Tt](?<!{WORD_CHAR}[Tt])h(?:e|is)\s+(?:[A-Za-z][\w-]*\s+){{0,3}}?"
                                rf"(?:{alternation(sorted(spk.roles | spk.bodies))}){NOT_BEFORE_WORD}"),
    )


def _index_phrases(phrases, at: int) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Index lower-case phrases, as word tuples, by their first (``at`` 0) or last (-1) word."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        words = tuple(phrase.lower().split())
        out.setdefault(words[at], []).append(words)
    return {k: tuple(v) for k, v in out.items()}


# --------------------------------------------------------------------------- descriptions

@dataclass(slots=True)
class Description:
    """What a mention says about its actor.

    Attributes
    ----------
    text : str
        The words described.
    kind : str
        person, body, group, document, joint, pronoun or unknown.
    name : str or None
        The proper name without titles ("Lloyd Austin").
    role : str or None
        The role or body words, lower case ("defence secretary", "foreign ministry").
    head : str
        The head word, lower case.
    definite : bool
        A definite description without a name ("the ministry"): an anaphor.
    plural : bool
        A plural head ("officials").
    gender : str or None
        "m" or "f" where a title, role or pronoun says so.
    parties : tuple of str
        The governments the description names (several for a joint actor).
    joint : bool
        Several governments joined by "and" ("the United States and Iraq").
    blocked : str or None
        Why the description gives no party although it may name one ("former").
    evidence : str
        How the parties (or their absence) were decided.
    """

    text: str
    kind: str = "unknown"
    name: str | None = None
    role: str | None = None
    head: str = ""
    definite: bool = False
    plural: bool = False
    gender: str | None = None
    parties: tuple[str, ...] = ()
    joint: bool = False
    blocked: str | None = None
    evidence: str = ""


class Token(NamedTuple):
    """A token of a mention, with its offsets into the mention's text."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Segment:
    """What one comma-separated part of a mention says (see :meth:`Describer._segment`).

    ``hits`` are the aliases that count, as (party, alias, where it sits);
    ``dropped`` says why the others do not; ``office``, ``outlet`` and
    ``data`` say the part names an office, a news outlet or numbers.
    """

    kind: str = "unknown"
    name: str | None = None
    role: str | None = None
    head: str = ""
    definite: bool = False
    plural: bool = False
    gender: str | None = None
    hits: list[tuple[str, str, str]] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    blocked: str | None = None
    coordinated: bool = False
    office: bool = False
    outlet: bool = False
    data: bool = False


@dataclass(slots=True)
class _Phrase:
    """A segment cut at its possessor ("Iraq’s") and its complement ("of the Pentagon")."""

    pre: list[Token]        # the words before the complement: possessor and rest
    possessor: list[Token]
    rest: list[Token]       # modifiers and head
    comp: list[Token]       # the complement, from its preposition
    lowered: list[str]      # ``rest`` in lower case
    lows: list[str]         # the same without apostrophes at either end


@dataclass(slots=True)
class _Head:
    """What the head words of a segment say: its role words, and whether a name closes it."""

    role_words: list[str]
    named: bool


_DESCRIPTIONS: dict[tuple, dict[str, "Description"]] = {}


class Describer:
    """Read descriptions against one parties table.

    Descriptions are cached by their words in a module-level cache shared by
    every Describer with the same parties and lexicons (mentions such as "the
    ministry" or "he" recur across articles); the cache is emptied when it
    holds more than 200,000 descriptions or eight parties tables. Cached
    descriptions are shared: treat them as read-only.

    Parameters
    ----------
    parties : dict
        Resolved parties (see :func:`parley.parties.resolve_parties`).
    """

    def __init__(self, parties: dict | None):
        self.parties = parties = parties or {}
        self.lex = actor_lexicon()
        self.spk = speaker_lexicon()
        # descriptions recur across articles ("the ministry", "he"): one cache per parties table and lexicon build
        key = (repr(sorted((n, tuple(p["aliases"]), tuple(p.get("exclude", ())), tuple(p.get("generic", ())))
                           for n, p in parties.items())), id(self.lex), id(self.spk))
        if len(_DESCRIPTIONS) > 8 or sum(len(c) for c in _DESCRIPTIONS.values()) > 200_000:
            _DESCRIPTIONS.clear()
        self._cache: dict[str, Description] = _DESCRIPTIONS.setdefault(key, {})
        self.generic = {g.lower(): name for name, spec in parties.items() for g in spec.get("generic", ())}
        self._aliases = alias_patterns(parties) if parties else None  # compiled once, not per description

    def __call__(self, text: str) -> Description:
        """Describe a mention's words (see :class:`Description`)."""
        got = self._cache.get(text)
        if got is None:
            got = self._cache[text] = self._describe(text)
        return got

    # ---------------------------------------------------------------- parsing

    def _describe(self, text: str) -> Description:
        toks = [Token(m.group(0), m.start(), m.end()) for m in TOKEN.finditer(text)]
        words = [t for t in toks if t.text[0].isalnum()]
        if not words:
            return Description(text, evidence="no words")
        short = self._without_parsing(text, toks, words)
        if short is not None:
            return short
        segments, relative = _segments(toks, self.lex.relative)
        parsed = [self._segment(seg, text) for seg in segments]
        if not parsed:
            return Description(text, evidence="no words")
        desc, used = _combine(text, parsed, len(words), self.lex)
        core = parsed[0]
        hits = [h for seg in used for h in seg.hits]
        blocked = _blocked_by(core, used)
        parties = list(dict.fromkeys(h[0] for h in hits))
        if blocked:
            return self._blocked(desc, core, blocked, parties)
        if not parties:
            return self._without_party(desc, toks, used, relative)
        return _with_parties(desc, hits, parties, used)

    def _without_parsing(self, text: str, toks: list[Token], words: list[Token]) -> Description | None:
        """Describe a pronoun, an ordinal anaphor ("the latter") or a bare name; None for anything else."""
        spk, lex = self.spk, self.lex
        first = words[0].text.lower()
        if len(words) == 1 and first in spk.pronouns:
            kind = spk.pronouns[first]
            head = {"him": "he"}.get(first, first)  # "quoted him as saying"
            return Description(text, kind="pronoun", head=head, gender=lex.genders.get(first),
                               plural=kind == "group", evidence=f"pronoun {text!r}")
        if len(words) == 2 and first in lex.definite and words[1].text.lower() in spk.ordinals:
            return Description(text, kind="pronoun", head=words[1].text.lower(), evidence=f"anaphor {text!r}")
        return self._plain_name(text, words) if len(words) == len(toks) else None

    def _blocked(self, desc: Description, core: Segment, blocked: str, parties: list[str]) -> Description:
        """Finish a description that gives no party (``blocked`` says why), unless a conjunct of it speaks."""
        text = desc.text
        if core.coordinated and " and " in text:
            # "The Israeli military and Iranian state media said": the conjunct that is not media speaks
            parts = [self(part) for part in text.split(" and ")]
            kept = [p for p in parts if not p.blocked and p.parties and p.kind != "unknown"]
            if kept and len(kept) < len(parts):
                desc.parties = tuple(dict.fromkeys(x for p in kept for x in p.parties))
                desc.joint = len(desc.parties) > 1
                desc.evidence = "; ".join(p.evidence for p in kept) + f"; {', '.join(sorted({p.blocked for p in parts if p.blocked}))} left out"
                return desc
        desc.blocked = blocked
        desc.evidence = f"{blocked}: {text!r} gives no party" + (
            f" (names {', '.join(parties)})" if parties else "")
        return desc

    def _without_party(self, desc: Description, toks: list[Token], used: list[Segment],
                       relative: bool) -> Description:
        """Finish a description no alias gave a party: a generic phrase of the parties file, or why not."""
        dropped = [d for seg in used for d in seg.dropped]
        generic = _generic(toks, self.generic)
        if generic:
            desc.parties = (generic[0],)
            desc.evidence = f"generic {generic[1]!r} (parties file)"
        elif dropped:
            desc.evidence = "; ".join(dropped)
        elif relative:
            desc.evidence = "no alias outside the relative clause"
        return desc

    def _plain_name(self, text: str, words: list[Token]) -> Description | None:
        """Describe a bare name ("Trump", "Hillary Clinton") without parsing it; None if it is not one."""
        spk, lex = self.spk, self.lex
        for w, _, _ in words:
            low = w.lower()
            if not w[:1].isupper() or low in lex.titles_lower or low in spk.roles or low in spk.bodies \
                    or low in lex.nationalities or low in lex.not_names or w.endswith(_POSSESSIVE_ENDINGS) or "." in w:
                return None
        if len(words) == 1 and _ACRONYM.fullmatch(words[0].text):
            return None  # an acronym: a body
        desc = Description(text, kind="person" if len(words) > 1 else "unknown", name=text,
                           head=words[-1].text.lower())
        if self.parties:
            hits = [h for h in self._alias_matches(text)
                    if not _inside_name(words, Span(h.start, h.end), self.lex, self.spk)]
            parties = list(dict.fromkeys(h.party for h in hits))
            if len(parties) == 1:
                desc.parties = (parties[0],)
                desc.evidence = f"alias {hits[0].alias!r}"
            elif parties:
                desc.evidence = "ambiguous: " + ", ".join(f"{h.party} ({h.alias!r})" for h in hits)
        return desc

    def _segment(self, seg: list[Token], text: str) -> Segment:
        """Parse one comma-separated part of a mention: determiner, possessor, modifiers, head, complement."""
        out = Segment()
        got = _read_segment(out, seg, text, self.lex, self.spk)
        if got is not None and self.parties:
            self._place_aliases(out, seg, *got)
        return out

    def _place_aliases(self, out: Segment, seg: list[Token], phrase: _Phrase, head: _Head) -> None:
        """Add each alias in a segment to its hits, with where it sits, or to its dropped, with why not."""
        lex, comp = self.lex, phrase.comp
        base = seg[0].start
        seg_text = _slice(seg, base)
        government = out.head in lex.government_roles or out.kind == "document" or (
            out.kind == "person" and bool(head.role_words) and any(
                w.rstrip(".") in lex.government_roles or w.rstrip(".") in lex.titles_lower for w in head.role_words))
        comp_ok = bool(comp) and comp[0].text.lower() in ("of", "for", "from", "at", "by") and (
            out.head in lex.government_roles or out.kind == "document" or (government and not head.named))
        for hit in self._alias_matches(seg_text):
            outcome, what = self._alias_place(hit, Span(hit.start + base, hit.end + base), phrase, comp_ok, seg_text,
                                              out.office)
            if outcome == "hit":
                out.hits.append((hit.party, hit.alias, what))
            elif outcome == "dropped":
                out.dropped.append(what)
            elif outcome == "blocked":
                out.blocked = what

    def _alias_place(self, hit, alias: Span, phrase: _Phrase, comp_ok: bool, seg_text: str,
                     office: bool) -> tuple[str, str]:
        """Decide what an alias (at ``alias`` in the mention) says, by where it sits.

        Returns ("hit", where), ("dropped", why), ("blocked", why the whole
        part gives no party) or ("", "") for an alias outside every part.
        """
        lex, (s, e) = self.lex, alias
        possessor, rest, comp = phrase.possessor, phrase.rest, phrase.comp
        in_comp = bool(comp) and comp[0].start <= s
        # "an official from the Pentagon" names whom the official serves; "the embassy in Baghdad" a place
        first_after = in_comp and not any(t.text.lower() in lex.prepositions and comp[0].start < t.start < s
                                          for t in comp)
        if locative(seg_text, hit.start) and not (first_after and comp_ok and comp[0].text.lower() != "in"):
            return "dropped", f"{hit.alias!r} is a place, not who speaks"
        poss_end = possessor[-1].end if possessor else None
        if possessor and possessor[0].start <= s < poss_end < e:
            return "hit", "head"  # the alias is the whole phrase: "India’s foreign ministry" listed as it is written
        if possessor and possessor[0].start <= s and e <= poss_end:
            if any(low in lex.relations for low in phrase.lows):
                return "dropped", f"{hit.alias!r} names whom they are tied to, not whom they speak for"
            if e >= poss_end - 2 or _POSSESSIVE.search(hit.alias):
                return "hit", "possessor"
            return "dropped", f"{hit.alias!r} describes the possessor, not the speaker"
        if rest and rest[0].start <= s and e <= rest[-1].end:
            names = [hit.party.lower(), *(a.lower() for a in self.parties[hit.party]["aliases"])]
            if _foreign(hit, rest, s, names, lex, self.spk):
                return "dropped", f"{hit.alias!r} is another country's office here"
            if _inside_name(rest, alias, lex, self.spk):
                return "dropped", f"{hit.alias!r} is part of another name here"
            return "hit", "head"
        if in_comp:
            group = next((lex.modifiers[t.text.lower()] for t in comp
                          if lex.modifiers.get(t.text.lower()) in _NOT_STATE), None)
            if group and office:
                return "blocked", group  # "the leader of an Iraqi militia" leads the militia, not Iraq
            if comp_ok and not _after_relative(comp, s, lex.relative):
                return "hit", f"complement '{comp[0].text}'"
            return "dropped", f"{hit.alias!r} is in a complement ('{comp[0].text} ...') naming a client, topic or place"
        return "", ""

    def _alias_matches(self, text: str) -> list:
        """Return ``alias_matches(text, self.parties)`` (see :func:`parley.parties.alias_matches`)."""
        return matches_of(text, self._aliases) if self._aliases and text else []

def _generic(toks: list[Token], generic: dict[str, str]) -> tuple[str, str] | None:
    """Return the party a generic phrase of the parties file ("the government") names, and the phrase; or None."""
    if not generic:
        return None
    phrase = " ".join(t.text for t in toks).lower()
    bare = strip_article(phrase)
    for key in (phrase, bare):
        if key in generic:
            return generic[key], key
    return None


def _foreign(hit, rest: list[Token], alias_start: int, names: list[str], lex, spk) -> bool:
    """Say whether a bare role alias ("Chancellor") stands under another country's name ("German").

    ``names`` are the alias's party and its aliases, lower case.
    """
    words = hit.alias.split()
    if not all(w.lower().rstrip(".") in lex.titles_lower or w.lower() in spk.roles
               or w.lower() in spk.bodies for w in words):
        return False
    for t in rest:
        if t.end <= alias_start:
            low = _POSSESSIVE.sub("", t.text.lower())
            country = lex.nationalities.get(low)
            if country and not any(low in n or country.lower() in n for n in names):
                return True
    return False


def _inside_name(rest: list[Token], alias: Span, lex, spk) -> bool:
    """Say whether an alias is only part of a longer proper name ("Amnesty International UK", "Iraq Body Count").

    An alias may open a name when titles or government words follow ("US Defence Secretary Lloyd
    Austin", "Iraqi Army"), and may be a person's surname, but not sit among other capitalised words.
    """
    inside = [n for n, t in enumerate(rest) if alias.start <= t.start and t.end <= alias.end]
    if not inside:
        return False

    def official(w: str) -> bool:
        low = w.lower().rstrip(".")
        return low in lex.titles_lower or low in spk.roles or low in lex.government_roles or low in lex.honorifics

    first, last = inside[0], inside[-1]
    before = rest[first - 1].text if first > 0 and rest[first - 1].text[:1].isupper() else None
    after = rest[last + 1].text if last + 1 < len(rest) and rest[last + 1].text[:1].isupper() else None
    if after is not None and not official(after) and not official(rest[last].text):
        return True  # "Iraq Body Count", "US Chamber of Commerce" (but "US Ambassador John Tefft")
    if before is not None and after is None and last == len(rest) - 1 and not official(before) and \
            lex.nationalities.get(rest[last].text.lower()) is not None:
        return True  # "Amnesty International UK": a country closing an organisation's name
    return False


def _combine(text: str, parsed: list[Segment], n_words: int, lex) -> tuple[Description, list[Segment]]:
    """Describe a mention by its first part and the appositions that describe the same actor.

    Returns the description and the parts used (the first one and those appositions).
    """
    core = parsed[0]
    desc = Description(text, kind=core.kind, name=core.name, role=core.role, head=core.head,
                       definite=core.definite and not core.name, plural=core.plural, gender=core.gender)
    bare = strip_article(text) if len(parsed) == 1 and n_words <= 4 else None
    if bare and lex.nationalities.get(bare.lower()) == bare:
        desc.kind, desc.name = "body", bare  # "Chile", "the Netherlands": a state, not a person
    # Appositions describe the same actor: roles after a name, a name after a role; after any
    # other noun ("a new book, Brown’s Britain") they are titles, not descriptions.
    used = [core]
    for seg in parsed[1:]:
        if core.kind in ("person", "body", "group") and (seg.role or seg.name) and seg.kind != "unknown":
            used.append(seg)
            desc.name = desc.name or seg.name
            desc.role = desc.role or seg.role
            desc.gender = desc.gender or seg.gender
    if core.kind in ("group", "body") and desc.name and any(s.kind == "person" for s in used[1:]):
        desc.kind = "person"  # "The head of the delegation, Vladimir Medinsky"
    return desc, used


def _blocked_by(core: Segment, used: list[Segment]) -> str | None:
    """Return why a mention gives no party ("former", "media", "data"), or None."""
    # an apposition's "former" ("Lloyd Austin, a former general") counts only when the core names no office
    # and no government of its own
    blocked = core.blocked or next((seg.blocked for seg in used[1:] if seg.blocked
                                    and not core.office and not core.hits), None)
    if core.outlet and not blocked:
        blocked = "media"  # news outlets, state media included, report; they do not speak for a government
    elif core.data and not blocked:
        blocked = "data"  # "according to Japanese customs figures": numbers, not a government speaking
    return blocked


def _with_parties(desc: Description, hits: list[tuple[str, str, str]], parties: list[str],
                  used: list[Segment]) -> Description:
    """Finish a description whose aliases name ``parties``: one party, a joint actor, or ambiguous."""
    if len(parties) > 1:
        if any(seg.coordinated for seg in used):
            desc.parties = tuple(parties)
            desc.joint = True
            desc.kind = "joint"
            desc.evidence = "joint: " + ", ".join(f"{p} ({a!r})" for p, a, _ in _first_hits(hits))
        else:
            desc.evidence = "ambiguous: " + ", ".join(f"{p} ({a!r})" for p, a, _ in _first_hits(hits))
        return desc
    party, alias, where = hits[0]
    desc.parties = (party,)
    desc.evidence = f"alias {alias!r}" + (f" ({where})" if where != "head" else "")
    return desc


# --------------------------------------------------------------------------- the grammar of one part

def _read_segment(out: Segment, seg: list[Token], text: str, lex, spk) -> tuple[_Phrase, _Head] | None:
    """Fill in what one part of a mention says apart from its aliases; return its parts, or None if empty."""
    toks = [t for t in seg if t.text not in ("(", ")")]
    while toks and toks[0].text.lower() in spk.determiners and toks[0].text.lower() not in spk.pronouns:
        out.definite = out.definite or toks[0].text.lower() in lex.definite
        toks = toks[1:]
    if toks and toks[0].text.lower() == "both":
        out.coordinated = True
        toks = toks[1:]
    if not toks:
        return None
    phrase = _cut(toks, lex)
    blocked = _modifier(phrase.lowered, lex)
    # "former" takes a person out of an office only when the phrase names one ("a former minister",
    # "ex-home secretary"); "a former lawyer" says nothing about government
    out.office = any(_office(low, lex) for low in phrase.lowered)
    if blocked and out.office:
        out.blocked = blocked
    # "the United States and Iraq", "the governments of Chile and Peru"
    comp = phrase.comp
    out.coordinated = out.coordinated or any(t.text.lower() in ("and", "&") for t in phrase.pre) or (
        bool(comp) and comp[0].text.lower() in ("of", "from") and any(t.text.lower() in ("and", "&") for t in comp))
    return phrase, _read_head(out, phrase, _name_tokens(phrase.rest, lex, spk), text, lex, spk)


def _cut(toks: list[Token], lex) -> _Phrase:
    """Cut a part of a mention at its complement (the first preposition, or "based", "close", ..., not inside a
    capitalised name) and after its possessor."""
    cut = len(toks)
    for n in range(1, len(toks)):
        low = toks[n].text.lower()
        if low in lex.participles or (low in lex.prepositions and not (
                toks[n - 1].text[:1].isupper() and n + 1 < len(toks) and toks[n + 1].text[:1].isupper()
                and low in ("of", "for", "de"))):
            cut = n
            break
    pre, comp = toks[:cut], toks[cut:]
    owner = -1
    for n in range(len(pre) - 1):
        if pre[n].text.endswith(_POSSESSIVE_ENDINGS):
            owner = n
    possessor, rest = pre[:owner + 1], pre[owner + 1:]
    if not rest:
        rest, possessor = possessor, []
    lowered = [t.text.lower() for t in rest]
    return _Phrase(pre, possessor, rest, comp, lowered, [low.strip("’'") for low in lowered])


def _modifier(lowered: list[str], lex) -> str | None:
    """Return why a modifier among the words ("former", "ex-minister", "president-elect") gives no party."""
    blocked = None
    for low in lowered:
        if low in lex.modifiers:
            blocked = lex.modifiers[low]
        elif "-" in low and low.split("-")[0] in lex.modifiers:
            blocked = lex.modifiers[low.split("-")[0]]  # ex-minister, ex-home secretary
        elif "-" in low and low.rsplit("-", 1)[1] in lex.modifiers:
            blocked = lex.modifiers[low.rsplit("-", 1)[1]]  # president-elect
    return blocked


def _name_tokens(rest: list[Token], lex, spk) -> list[Token]:
    """Return the name of a part: the capitalised words at its end that are not titles, roles or bodies."""
    name_tokens: list[Token] = []
    for t in reversed(rest):
        w = t.text
        low = w.lower().rstrip(".")
        if not (w[:1].isupper() or _NAME_PARTICLE.match(w)) or low in lex.titles_lower or low in spk.roles \
                or low in spk.bodies or low in lex.nationalities or w.endswith(_POSSESSIVE_ENDINGS):
            break
        name_tokens.insert(0, t)
    if not name_tokens and rest and rest[-1].text[:1].isupper():
        for size in (2, 1):  # "the UN", "the White House": a body by its name is no anaphor of a role
            tail = rest[-size:]
            if len(tail) == size and all(t.text[:1].isupper() for t in tail) and \
                    " ".join(_POSSESSIVE_END.sub("", t.text.lower()) for t in tail) in spk.proper_bodies:
                return list(tail)
    return name_tokens


def _read_head(out: Segment, phrase: _Phrase, name_tokens: list[Token], text: str, lex, spk) -> _Head:
    """Set a part's head, kind, name, role and gender from its words up to the complement."""
    rest, lowered, lows = phrase.rest, phrase.lowered, phrase.lows
    name_words = [t.text for t in name_tokens]
    head = _POSSESSIVE_END.sub("", lows[-1]) if lows else ""
    head = ROLE_PREFIX.sub("", head)
    out.outlet = _outlet([_POSSESSIVE_END.sub("", low) for low in lows], len(name_words), lex)
    # "customs figures" are numbers; "senior government figures" are people
    out.data = head in lex.data and not name_words and not set(lows[:-1]) & lex.data[head]
    out.head = head
    before_name = lowered[:len(rest) - len(name_words)]
    role_words = [low for low in before_name
                  if (low.rstrip(".") in lex.titles_lower or low in spk.roles or low in spk.bodies)
                  and low.rstrip(".") not in lex.honorifics and low not in lex.modifiers]
    titled = any(low.rstrip(".") in lex.titles_lower or low in spk.roles for low in before_name)
    if name_words and len(name_words) == len(rest) and len(name_words) == 1 and \
            name_words[0].lower() in lex.nationalities:
        name_words = []
    _set_kind(out, name_words, name_tokens, titled, text, spk)
    if role_words:
        out.role = " ".join(role_words)
    elif head in spk.roles or head in spk.bodies or head in spk.documents:
        out.role = head
    for low in lowered:
        g = lex.genders.get(low.rstrip("."))
        if g:
            out.gender = g
    return _Head(role_words, bool(name_words))


def _set_kind(out: Segment, name_words: list[str], name_tokens: list[Token], titled: bool, text: str, spk) -> None:
    """Set a part's kind (person, body, document, group), name and number from its head and name."""
    head = out.head
    is_body = head in spk.bodies or (name_words and name_words[-1].lower() in spk.bodies) or (
        " ".join(name_words).lower() in spk.proper_bodies) or (
        name_words and len(name_words) == 1 and _ACRONYM.fullmatch(name_words[0]))
    if name_words and not is_body:
        out.name = text[name_tokens[0].start:name_tokens[-1].end]  # as written: "Joseph R. Dunne"
        # one capitalised word with no title ("Tory", "Labour", "Blair") may be a person or not
        out.kind = "person" if len(name_words) > 1 or titled else "unknown"
    elif is_body:
        out.kind = "body"
        if name_words:
            out.name = text[name_tokens[0].start:name_tokens[-1].end]
    elif head in spk.documents:
        out.kind = "document"
    elif head in spk.roles:
        out.kind = "group" if head.endswith("s") and head not in ("press",) else "person"
        out.plural = out.kind == "group"


_NOT_STATE = frozenset({"militia", "rebels", "party"})  # modifiers naming an organisation that is not the state


def _outlet(lows: list[str], named: int, lex) -> bool:
    """Say whether a description's words name a news outlet.

    Its head (or the words before a trailing name: "state television IRIB")
    ends in an outlet phrase ("news agency", "state media"), or it holds an
    outlet's name ("Kyodo News").
    """
    for end in {len(lows), len(lows) - named}:
        if end > 0 and any(tuple(lows[end - len(p):end]) == p for p in lex.outlets.get(lows[end - 1], ())):
            return True
    return any(tuple(lows[k:k + len(m)]) == m for k, low in enumerate(lows) for m in lex.media_names.get(low, ()))


def _office(low: str, lex) -> bool:
    """Say whether a lower-case word names an office: a government role or a title ("minister"), not "lawyer"."""
    low = low.removeprefix("ex-") if low.startswith("ex-") else low.removeprefix("former-")
    low = low.rstrip(".")
    return low in lex.government_roles or (low in lex.titles_lower and low not in lex.honorifics
                                           and low not in lex.modifiers)


def _slice(seg, base) -> str:
    """Rebuild a segment's text with its original spacing (offsets relative to ``base``)."""
    out = []
    pos = base
    for w, s, e in seg:
        out.append(" " * (s - pos))
        out.append(w)
        pos = e
    return "".join(out)


def _after_relative(comp, alias_start: int, relative) -> bool:
    """Say whether a relative pronoun ("who", "which") stands in a complement before an alias."""
    return any(t[0].lower() in relative and t[1] < alias_start for t in comp[1:])


def _first_hits(hits):
    seen = {}
    for h in hits:
        seen.setdefault(h[0], h)
    return list(seen.values())


def _segments(toks, relative) -> tuple[list[list[tuple]], bool]:
    """Split a mention at commas and brackets into its parts; drop relative clauses and asides.

    Returns the parts and whether a relative clause was dropped.
    """
    segments: list[list[tuple]] = [[]]
    dropped = skipping = False
    depth = 0
    for t in toks:
        w = t[0]
        if w == "(":
            depth += 1
            continue
        if w == ")":
            depth = max(0, depth - 1)
            continue
        if depth:
            continue  # "(R-Wis.)", "(PCO)": asides
        if w in ",;:—–":
            segments.append([])
            skipping = False
            continue
        low = w.lower()
        # ", who resigned ...", and "officials who spoke on condition of anonymity" ("that" only after a comma)
        if low in relative and (not segments[-1] or low != "that"):
            dropped = skipping = True
            continue
        if skipping:
            continue
        if w[0].isalnum() or w in ("&",):
            segments[-1].append(t)
    return [s for s in segments if s], dropped


# --------------------------------------------------------------------------- mentions and actors

@dataclass(slots=True)
class ActorMention:
    """One mention of an actor in an article."""

    start: int
    end: int
    text: str
    sentence: int
    form: str                 # name | description | pronoun | relative | document | joint
    desc: Description
    speaker: bool = False
    subject: bool = False
    actor: int | None = None
    statements: list[int] = field(default_factory=list)  # the statements this mention is the speaker of


@dataclass(slots=True)
class Actor:
    """One actor of an article, with its mentions (indices into the article's mention list)."""

    id: int
    kind: str
    name: str
    role: str | None = None
    gender: str | None = None
    plural: bool = False
    parties: tuple[str, ...] = ()
    joint: bool = False
    blocked: str | None = None
    evidence: str = ""
    mentions: list[int] = field(default_factory=list)

    @property
    def party(self) -> str | None:
        """The actor's government, or None (no party, or a joint actor: see ``parties``)."""
        return self.parties[0] if len(self.parties) == 1 else None


@dataclass(slots=True)
class _Scan:
    """An article being scanned for mentions (its text and quotes, read in the hot loop), with what reads them."""

    text: str
    quotes: Quotes
    describe: Describer
    lex: ActorLexicon
    spk: object                # SpeakerLexicon
    midcaps: dict[str, bool]   # word -> whether the article writes it capitalised mid-sentence


@dataclass(slots=True)
class _Clause:
    """A sentence being scanned: its index and span, and where its first words are."""

    index: int
    start: int
    end: int
    intro_end: int   # after an introductory phrase ("On Monday,")
    lead_end: int    # after that and any opening quotes: a mention starting by here opens the sentence


class _NameRun(NamedTuple):
    """A run of capitalised words trimmed to a name, and the role its possessive owns ("Peru's foreign ministry")."""

    start: int
    end: int
    words: list[str]
    owned: re.Match | None


def scan_mentions(article: Article, describe: Describer) -> list[ActorMention]:
    """Find names and capitalised bodies in the narration of an article (not inside quotes, not captions).

    Parameters
    ----------
    article : Article
        The article. Mentions inside its quotes are the speaker's words, not
        the narrator's, and are left out.
    describe : Describer
        Reads each mention.

    Returns
    -------
    list of ActorMention
        In text order: form "name" (people and bodies by name, with titles,
        lower-case roles and appositions: "shadow home secretary David
        Davis") and form "description" ("the prime minister").
    """
    # A lone capitalised word opening a sentence ("Earlier", "Speaking") is a name only if the
    # article also writes it capitalised mid-sentence (looked up once per word).
    scan = _Scan(article.text, article.quotes, describe, actor_lexicon(), speaker_lexicon(), {})
    text, quotes = article.text, article.quotes
    out: list[ActorMention] = []
    for i, sent in enumerate(article.sents):
        if sent.block in ("caption", "headline"):
            continue
        s, e = sent.start, sent.end
        inside = quotes.around(s + 1)
        if inside and inside[0] <= s and inside[1] >= e:
            continue  # a sentence of quoted speech
        intro_end = scan.spk.sentence_intro.match(text, s, e).end()
        clause = _Clause(i, s, e, intro_end, _LEAD.match(text, intro_end, e).end())
        first = len(out)
        for m in scan.lex.name_run.finditer(text, s, e):
            _add_name(scan, clause, m, out, first)
        _add_joint_names(scan, clause, out, first)
        _add_descriptions(scan, clause, out, first)
    return out


def _add_name(scan: _Scan, clause: _Clause, m: re.Match, out: list[ActorMention], first: int) -> None:
    """Add the mention a run of capitalised words makes, if any: a name with its titles and appositions.

    ``out[first:]`` are the mentions of the sentence so far; a description just
    before the name joins it.
    """
    text, lex, spk = scan.text, scan.lex, scan.spk
    if scan.quotes.around(m.start()):
        return
    run = _name_run(scan, clause, m)
    if run is None:
        return
    ms, me, words, owned = run
    if len(words) == 1 and lex.nationalities.get(words[0].lower().rstrip("."), words[0]) != words[0]:
        _add_demonym(scan, clause, run, out)  # "Iraqi" is no actor, but "Iraqi and US officials" are
        return
    if len(words) == 1 and (words[0] in spk.not_speakers or words[0] in lex.calendar):
        return  # "Iraq" may be an actor ("Iraq rejected the claim. It said ...")
    if len(words) == 1 and clause.intro_end - 1 <= ms <= clause.intro_end + 1 and _only_opens(scan, words[0]):
        return  # a lone capitalised word opening a sentence: "Earlier", "Speaking"
    # a role after a name of a body: "a senior State Department official"
    role_after = None if owned else _ROLE_AFTER.match(text, me, clause.end)
    if role_after and role_after.group("role").lower() in spk.roles:
        me = role_after.end()
    j = _titles_before(scan, clause, ms, bool(role_after))
    # a description just before joins the name: "Peruvian foreign ministry" + " spokesperson Rosa Quispe"
    prev = out[-1] if len(out) > first else None
    if prev is not None and j < ms and prev.form == "description" and prev.end == j - 1:
        out.pop()
        j = prev.start
    if j == ms and text[ms - 2:ms] == ", ":
        j = _apposition_before(scan, clause, ms)
    if text.startswith(", ", me):
        me = _apposition_after(scan, clause, me)
    mtext = text[j:me]
    desc = scan.describe(mtext)
    subject = clause.intro_end <= j <= clause.lead_end or _after_conjunction(text, max(clause.start, j - 6), j)
    out.append(ActorMention(j, me, mtext, clause.index, "name", desc, subject=subject))


def _name_run(scan: _Scan, clause: _Clause, m: re.Match) -> _NameRun | None:
    """Trim a run of capitalised words (``m``) to a name: no sentence-initial "The", "But", no closing full stop."""
    text, lex, (ms, me) = scan.text, scan.lex, m.span()
    if text[me - 1] == "." and not _NAME_END.search(text, ms, me):
        me -= 1  # a full stop ends the sentence, not the name
    words = text[ms:me].split()
    # sentence-initial capitals: "The", "But", "In" are not names
    while words and words[0].lower() in lex.not_names:
        ms = text.index(words[1], ms + len(words[0])) if len(words) > 1 else me
        words = words[1:]
    if not words:
        return None
    owned = None
    if words[-1].endswith(_POSSESSIVE_ENDINGS):
        owned = lex.role_tail.match(text, me, clause.end)
        if owned:  # "Peru's foreign ministry rejected the claims": the body the possessor owns
            me = owned.end()
        else:  # "spokesperson Lin Jian's remarks": the possessor is the one mentioned
            me -= 1 if text[me - 1] in "’'" else 2
        words = text[ms:me].split()
    return _NameRun(ms, me, words, owned)


def _add_demonym(scan: _Scan, clause: _Clause, word: _NameRun, out: list[ActorMention]) -> None:
    """Add "Iraqi and US officials" as a description when a role follows a nationality word."""
    text, lex, ms = scan.text, scan.lex, word.start
    tail = lex.demonym_tail.match(text, word.end, clause.end)
    if tail and all(w.lower() in lex.nationalities for w in _CAPITALISED.findall(tail.group(0))):
        mtext = text[ms:tail.end()]
        out.append(ActorMention(ms, tail.end(), mtext, clause.index, "description", scan.describe(mtext),
                                subject=clause.intro_end <= ms <= clause.lead_end))


def _only_opens(scan: _Scan, word: str) -> bool:
    """Say whether a lone capitalised word is capitalised only because it opens a sentence and names no party."""
    mid = scan.midcaps.get(word)
    if mid is None:
        mid = scan.midcaps[word] = _capitalised_mid_sentence(scan.text, word)
    return not mid and not scan.describe(word).parties


def _titles_before(scan: _Scan, clause: _Clause, ms: int, role_after: bool) -> int:
    """Return where the lower-case titles, roles and modifiers of a name starting at ``ms`` begin: "shadow home
    secretary David Davis"."""
    text, lex, spk = scan.text, scan.lex, scan.spk
    j = ms
    while j >= 2 and text[j - 2:j - 1].islower():
        word_start = _word_before(text, max(clause.start, j - 30), j)
        if word_start is None:
            break
        word = text[word_start:j - 1]
        low = word.lower()
        role = low in spk.roles or low in lex.modifiers or low in lex.nationalities \
            or ("-" in low and low.split("-")[0] in lex.modifiers) or low in spk.bodies \
            or (word.islower() and text[j:j + 1].islower() and _word_is_body(text, j, spk))
        if role or (low in lex.titles_lower and (j < ms or role_after) and word.islower()):
            j = word_start
            continue
        break
    return j


def _apposition_before(scan: _Scan, clause: _Clause, ms: int) -> int:
    """Return where a name starting at ``ms`` after a comma starts with the role apposition before it ("The shadow
    foreign secretary, Michael Ancram, ..."): that apposition's start, or ``ms`` without one."""
    before = _APPOSITION_BEFORE.search(scan.text, max(clause.intro_end, ms - 80), ms)
    return before.start() if before and _role_word(before.group("head"), scan.spk, scan.lex) else ms


def _apposition_after(scan: _Scan, clause: _Clause, me: int) -> int:
    """Return where a name ending at ``me`` before a comma ends with the role apposition after it ("Michael
    Ancram, the shadow foreign secretary, ..."): that apposition's end, or ``me`` without one."""
    after = _APPOSITION_AFTER.match(scan.text, me, clause.end)
    return after.end("np") if after and _role_word(after.group("head"), scan.spk, scan.lex) else me


def _add_joint_names(scan: _Scan, clause: _Clause, out: list[ActorMention], first: int) -> None:
    """Add two governments' people or bodies joined by "and" as named together: "Ruiz and Salas signed ..."."""
    text = scan.text
    for a, b in zip(out[first:], out[first + 1:]):
        if a.form == b.form == "name" and text[a.end:b.start] in (" and ", " and the "):
            desc = scan.describe(text[a.start:b.end])
            if desc.joint:
                out.append(ActorMention(a.start, b.end, text[a.start:b.end], clause.index, "description", desc,
                                        subject=a.subject))


def _add_descriptions(scan: _Scan, clause: _Clause, out: list[ActorMention], first: int) -> None:
    """Add the definite descriptions of a sentence's narration ("The prime minister shrugged off the claims.")
    and put its mentions in text order."""
    text, lex = scan.text, scan.lex
    names = out[first:]
    ordered = len(names) < 2 or all(a.start <= b.start for a, b in zip(names, names[1:]))
    for m in lex.definite_run.finditer(text, clause.start, clause.end):
        ms, me = m.span()
        if scan.quotes.around(ms) or any(o.start < me and ms < o.end for o in names):
            continue
        joint = lex.joint_complement.match(text, me, clause.end)  # "the foreign ministers of the two countries"
        if joint:
            me = joint.end()
        desc = scan.describe(text[ms:me])
        opening = clause.intro_end <= ms <= clause.lead_end
        subject = opening or _after_conjunction(text, max(clause.start, ms - 6), ms)
        out.append(ActorMention(ms, me, text[ms:me], clause.index, "description", desc, subject=subject))
        ordered = False
    if not ordered:
        out[first:] = sorted(out[first:], key=_start)


_ROLE_AFTER = re.compile(r"\s+(?P<role>[a-z][\w-]*)\b")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]+")  # fullmatch: "NATO", "AT&T" (a body)
_POSSESSIVE_END = re.compile(r"[’']s?$")
_NAME_END = re.compile(r"(?:\b[A-Z]|Jr|Sr)\.$")  # an initial or a suffix keeps its full stop
_LAST_NON_WORD = re.compile(r"(?s:.*)[^\w’'-]")  # up to the last character that is not part of a word
_LEAD = re.compile(r"[ “\"‘']*")  # spaces and opening quotes before a sentence's first words
_CAPITALISED = re.compile(rf"[A-Z]{WORD_CHAR}*")
_WORD_CHAR = re.compile(rf"{WORD_CHAR}")
_APPOSITION_BEFORE = re.compile(rf"(?:^|(?<=\s))(?:[Tt]he|[Aa]n?)\s+(?:{WORD_CHAR}+\s+){{0,5}}?(?P<head>{WORD_CHAR}+),\s+$")
_APPOSITION_AFTER = re.compile(rf",\s+(?P<np>(?:the|a|an)\s+(?:{WORD_CHAR}+\s+){{0,4}}?(?P<head>{WORD_CHAR}+))(?=,)")


def _word_is_body(text: str, j: int, spk) -> bool:
    """Say whether the word at ``j`` is a body ("ministry" in "foreign ministry spokesperson"): its modifier may join."""
    m = HYPHENATED.match(text, j)
    return bool(m) and m.group(0).lower() in spk.bodies


def _capitalised_mid_sentence(text: str, word: str) -> bool:
    """Say whether ``word`` stands whole, capitalised, after a lower-case letter, comma or semicolon and a space."""
    if not _CAPITALISED.fullmatch(word):
        return False
    end = len(word) + 1
    at = text.find(" " + word)
    while at >= 0:
        if at and text[at - 1] in _MID_SENTENCE and not _WORD_CHAR.match(text, at + end):
            return True
        at = text.find(" " + word, at + 1)
    return False


_MID_SENTENCE = frozenset("abcdefghijklmnopqrstuvwxyz,;")


def _after_conjunction(text: str, lo: int, j: int) -> bool:
    """Say whether "and", "but" or a semicolon (after ``lo``) ends the text before ``j``: "..., and Smith said"."""
    before = text[lo:j].rstrip()
    if before.endswith(";"):
        return True
    if before.endswith(("and", "but")):
        at = lo + len(before) - 3
        return at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_")  # a whole word
    return False


def _word_before(text: str, lo: int, j: int) -> int | None:
    """Return where the word before ``j`` starts (not before ``lo``), or None unless one space or tab precedes ``j``.

    Only called where the character before that space is a lower-case letter, so the
    word ends there: its start is found by one backwards scan, not a search of the window.
    """
    if j - 1 <= lo or text[j - 1] not in " \t":
        return None
    last = _LAST_NON_WORD.match(text, lo, j - 1)
    start = last.end() if last else lo
    return start if start < j - 1 else None


def _start(mention: ActorMention) -> int:
    return mention.start


def _role_word(word: str, spk, lex) -> bool:
    low = word.lower()
    return low in spk.roles or low in lex.government_roles or low.rstrip(".") in lex.titles_lower


SPEAKER_COLUMNS = ["article_id", "actor_id", "party", "name", "kind", "role", "description", "statements",
                   "mentions", "party_evidence"]


def speakers(actors: pd.DataFrame, statements: pd.DataFrame) -> pd.DataFrame:
    """Summarise the actors who speak: who they are, for which government, and why.

    Parameters
    ----------
    actors : pandas.DataFrame
        From :func:`to_actors` (``Analysis.actors``).
    statements : pandas.DataFrame
        The statements, linked by ``actor_id``.

    Returns
    -------
    pandas.DataFrame
        One row per speaking actor, columns ``SPEAKER_COLUMNS``: ``party`` is
        the government (joint actors list theirs, "A + B"; None without one),
        ``description`` the fullest way the article describes the actor,
        ``statements`` how many statements are theirs, ``mentions`` every way
        they are mentioned, ``party_evidence`` how the party was decided.
    """
    if actors is None or not len(actors) or statements is None or not len(statements):
        return from_rows([], SPEAKER_COLUMNS, ints=("statements",))
    said = statements.dropna(subset=["actor_id"])
    key = said["joint"].where(said["joint"].notna(), said["statement_id"]) if "joint" in said else said["statement_id"]
    counts = key.groupby(said["actor_id"]).nunique()
    parties = said.groupby("actor_id")["party"].agg(lambda p: " + ".join(dict.fromkeys(p.dropna())) or None)
    rows = []
    for actor_id, group in actors[actors["actor_id"].isin(counts.index)].groupby("actor_id", sort=False):
        named = group[group["form"].isin(["name", "description", "document", "joint", "relative"])]
        texts = list(dict.fromkeys(group["text"]))
        first = group.iloc[0]
        party = parties.get(actor_id)
        rows.append((first["article_id"], actor_id, party if isinstance(party, str) else None, first["name"],
                     first["kind"], first["role"],
                     max(named["text"], key=len) if len(named) else first["text"], int(counts[actor_id]),
                     "; ".join(texts), first["party_evidence"]))
    out = from_rows(rows, SPEAKER_COLUMNS, ints=("statements",))
    return out.sort_values(["party", "statements"], ascending=[True, False], na_position="last",
                           kind="stable").reset_index(drop=True)


def actor_rows(aid: str, sents, mentions: list[ActorMention], actors: list[Actor]) -> list[tuple]:
    """Return the actors frame rows of one article."""
    rows = []
    for m in mentions:
        if m.actor is None:
            continue
        a = actors[m.actor]
        rows.append((aid, f"{aid}:a{a.id}", sents[m.sentence].sentence_id, m.start, m.end, m.text, m.form,
                     a.kind, a.name, a.role, m.speaker, a.party,
                     a.evidence if not a.joint else "joint: " + " + ".join(a.parties)))
    return rows


def actor_frame(rows: list[tuple]) -> pd.DataFrame:
    """Build the actors frame with its dtypes."""
    return from_rows(rows, ACTOR_COLUMNS, ints=("start", "end"), bools=("speaker",))

