"""Link every mention of an article to an actor, and every statement's speaker to its actor and party.

Names join the actor with the same name or surname ("Mr Brown" -> Gordon
Brown). Definite descriptions ("the ministry", "the foreign secretary") join
the most recent actor with that role. Documents ("the statement") join the
author of the most recent statement made in one. Pronouns join the most
salient compatible actor: recent, a sentence subject, a speaker, and of the
right kind and gender ("he" a person, "they" a group, "it" a body) — including
actors introduced in narration who had not spoken yet. What cannot be decided
is left unresolved and says so; a close second candidate of another party is
named in the evidence.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import replace

from ..core.lexicons import alternation, built_from, read_lexicon, word_lists
from ..core.words import HYPHENATED, PLAIN
from .actors import Actor, ActorMention, Describer, actor_lexicon, scan_mentions
from .mentions import Mention, speaker_lexicon, strip_article
from .article import Article
from .statements import Statement

__all__ = ["resolve"]

_WINDOW = 8          # sentences a pronoun looks back
_ROLE_WINDOW = 30    # sentences a definite description looks back
_RECENCY = (8, 5, 4, 3, 2, 1)  # salience by sentence distance: the same sentence, the one before, ...
_CONJUNCTS = re.compile(r"\s+and\s+|,\s+")  # "X's office and Y", "A, B and C"
_APPOSITION_BREAK = re.compile(r",|\(|\s[—–-]{1,2}\s")  # where a description's apposition begins


def resolve(found: list[Statement], article: Article, parties: dict,
            describe: Describer | None = None) -> tuple[list[ActorMention], list[Actor]]:
    """Resolve each statement's speaker to an actor and decide its party, in place.

    Parameters
    ----------
    found : list of Statement
        The article's statements, in text order.
    article : Article
        The article: its text, sentences and quotes.
    parties : dict
        Resolved parties.
    describe : Describer, optional
        A describer for ``parties`` (made when not given).

    Returns
    -------
    tuple
        The article's mentions and actors.
    """
    text = article.text
    describe = describe or Describer(parties)
    mentions = scan_mentions(article, describe)
    speakers = _speaker_mentions(found, describe, text)
    taken = sorted((m.start, m.end) for m in speakers)
    starts = [s for s, _ in taken]
    reach = [-1]
    for _, e in taken:
        reach.append(max(reach[-1], e))
    mentions = [m for m in mentions if not _overlaps(reach, starts, m)] + speakers
    _gender_from_own_words(found, text, speakers, describe)
    mentions.sort(key=lambda m: (m.start, m.end))
    links = _Links(mentions, found, describe, _made_in_documents(found, article), text)
    _link(links)
    for n, f in enumerate(found):
        if f.continues is not None:
            prev = found[f.continues]
            f.resolved, f.party, f.parties, f.actor = prev.resolved, prev.party, prev.parties, prev.actor
            f.via = f.via or prev.via
            f.evidence = f"continues #{f.continues}" + (f" ({prev.evidence})" if prev.evidence else "")
            continue
        _decide(links, n, f, bool(parties))
        other = links.lex.reciprocal.match(text, f.cue.end) if len(f.parties) > 1 and f.cue is not None else None
        if other:
            f.reciprocal = True  # each accuses the other: a statement of each government
            f.evidence = f"reciprocal ({other.group(0).strip()!r}): {f.evidence}"
    return mentions, links.actors


def _gender_from_own_words(found: list[Statement], text: str, speakers: list[ActorMention], describe) -> None:
    """Give a named speaker the gender of the pronoun that opens their indirect speech, in place.

    "Sheinbaum told reporters that she had reached out": a reported clause that opens with "she" is
    mostly the speaker speaking of herself, so a later "she" may prefer her to someone whose gender is
    unknown. Only a name without a gender of its own gets one.
    """
    lex = actor_lexicon()
    by_span = {(m.start, m.end): m for m in speakers}
    for f in found:
        m = by_span.get((f.speaker.start, f.speaker.end))
        if m is None or m.form != "name" or m.desc.gender or m.desc.kind not in ("person", "unknown"):
            continue
        first = PLAIN.match(text, f.content[0], f.content[1])
        gender = lex.genders.get(first.group(0).lower()) if first and f.mode == "indirect" else None
        if gender and first.group(0).lower() in speaker_lexicon().pronouns:
            m.desc = _with_gender(m.desc, gender)


def _with_gender(desc, gender: str):
    """Return a copy of a (shared, cached) description with a gender."""
    return replace(desc, gender=gender)


def _made_in_documents(found: list[Statement], article: Article) -> frozenset[int]:
    """Return the statements made in a document: "said in a statement", "a statement issued by X says",
    "X posted a statement ..., noting that"; a later "the statement" or "it" may stand for the document."""
    text, sents, quotes = article.text, article.sents, article.quotes
    issued = speaker_lexicon().issued
    out = set()
    for n, f in enumerate(found):
        if f.document:
            out.add(n)
            continue
        sent = sents[f.sentence]
        if any(not quotes.around(m.start()) for m in issued.finditer(text, sent.start, sent.end)):
            out.add(n)
    return frozenset(out)


def _overlaps(reach: list[int], starts: list[int], m: ActorMention) -> bool:
    """Say whether mention ``m`` overlaps a speaker span (a speaker supersedes a narration mention).

    ``starts`` are the sorted span starts and ``reach[k]`` the furthest end among the first ``k`` spans.
    """
    return reach[bisect.bisect_left(starts, m.end)] > m.start


def _speaker_mentions(found: list[Statement], describe: Describer, text: str) -> list[ActorMention]:
    """Return one mention per speaker span (a speaker of several statements is one mention).

    A speaker is its sentence's subject unless it speaks inside another statement ("the ministry said
    Tokyo had promised ...") or in a subordinate clause ("X, speaking after Y announced the truce, said").
    """
    by_span: dict[tuple[int, int], ActorMention] = {}
    subordinators = speaker_lexicon().subordinators
    for n, f in enumerate(found):
        if f.continues is not None:
            continue
        sp: Mention = f.speaker
        known = by_span.get((sp.start, sp.end))
        if known is not None:
            known.statements.append(n)  # "Austin said A and added B"
            continue
        if sp.antecedent is not None:
            desc = describe(sp.antecedent.text)
            form = "relative"
        else:
            desc = describe(sp.text)
            form = _form(desc)
        before = text[max(0, sp.start - 20):sp.start].split()
        embedded = bool(before) and before[-1].lower() in subordinators or any(
            g is not f and g.content[0] <= sp.start < g.content[1] for g in found[max(0, n - 3):n + 3])
        by_span[(sp.start, sp.end)] = ActorMention(sp.start, sp.end, sp.text, f.sentence, form, desc, speaker=True,
                                                   subject=not embedded, statements=[n])
    return list(by_span.values())


def _form(desc) -> str:
    if desc.kind == "pronoun":
        return "pronoun"
    if desc.kind == "joint" or desc.joint:
        return "joint"
    if desc.kind == "document" and not desc.name:
        return "document"
    if desc.name:
        return "name"
    return "description"


class _Links:
    """The actors of an article's mentions, as they are linked in text order, and how each mention was linked."""

    def __init__(self, mentions: list[ActorMention], found: list[Statement], describe: Describer,
                 in_document: frozenset[int] = frozenset(), text: str = ""):
        self.mentions = mentions
        self.text = text
        self.found = found
        self.in_document = in_document  # statements made in a document
        self.describe = describe
        self.actors: list[Actor] = []
        self.lex = actor_lexicon()
        self.spk = speaker_lexicon()
        self.note: dict[int, str] = {}       # mention index -> how it was linked
        self.by_name: dict[str, list[int]] = {}     # lower-case name -> actors
        self.by_surname: dict[str, list[int]] = {}  # surname -> person actors
        self.by_statement: dict[int, int] = {}

    def new(self, i: int, m: ActorMention) -> None:
        """Make mention ``i`` a new actor."""
        d = m.desc
        a = Actor(len(self.actors), d.kind, _canonical(d, d.text),
                  role=d.role, gender=d.gender, plural=d.plural)
        self.actors.append(a)
        self.attach(i, m, a.id, "")
        if a.name and m.form in ("name", "relative", "description"):
            self.index(a, a.name)

    def attach(self, i: int, m: ActorMention, actor: int, how: str) -> None:
        """Link mention ``i`` to ``actor`` (``how`` says why) and let what it says complete the actor."""
        m.actor = actor
        a = self.actors[actor]
        a.mentions.append(i)
        if m.form in ("name", "relative") and m.desc.name:
            self.index(a, m.desc.name)
        if how:
            self.note[i] = how
        d = m.desc
        if m.form == "pronoun":
            if d.gender and not a.gender:
                a.gender = d.gender
            return
        if d.name and a.kind in ("person", "body") and len(d.name) > len(a.name) and m.form == "name":
            a.name = d.name
            self.index(a, a.name)
        a.role = a.role or d.role
        a.gender = a.gender or d.gender
        if d.blocked:
            if not a.blocked:
                a.blocked = d.blocked
                a.evidence = d.evidence
            a.parties = ()
            return
        if a.blocked:
            return
        if d.parties:
            merged = tuple(dict.fromkeys(a.parties + d.parties))
            if d.joint:
                a.joint, a.kind = True, "joint"
            if len(merged) > 1 and not a.joint:
                a.evidence = "ambiguous: described as " + " and as ".join(merged)
                a.parties = merged
            elif merged != a.parties:
                a.parties = merged
                a.evidence = d.evidence if not a.evidence else a.evidence
            if not a.evidence:
                a.evidence = d.evidence
        elif not a.evidence and d.evidence:
            a.evidence = d.evidence

    def recent(self, i: int, window: int):
        """Yield earlier mentions (nearest first) within ``window`` sentences, outside quotes."""
        here = self.mentions[i].sentence
        for k in range(i - 1, -1, -1):
            c = self.mentions[k]
            if here - c.sentence > window:
                return
            if c.actor is None:
                continue
            yield k, c

    def conjunct(self, joint: str, d):
        """Return the description of the conjunct of ``joint`` ("X's office and Y") whose role holds ``d``'s head."""
        for piece in _CONJUNCTS.split(joint):
            part = self.describe(piece)
            if part.role and d.head in part.role.split() and not part.joint:
                return part
        return None

    def is_place(self, c: ActorMention) -> bool:
        """Say whether a mention follows a preposition of place ("met Salas in Lima"): a place, not an actor."""
        before = self.text[max(0, c.start - 12):c.start].split()
        return bool(before) and before[-1].lower() in ("in", "at", "to", "from", "near", "into")

    def described_as(self, a: Actor, gender: str | None) -> bool:
        """Say whether the actor's own words (a title, a role, its reported "she") give it this gender;
        a gender only taken from an earlier pronoun does not count, or one guess would confirm the next."""
        return bool(gender) and a.gender == gender and any(
            self.mentions[j].form != "pronoun" and self.mentions[j].desc.gender == gender for j in a.mentions)

    def same_words(self, m: ActorMention) -> int | None:
        """Return the latest actor described in the same words, or None."""
        key = _canonical(m.desc, m.desc.text).lower()
        for a in reversed(self.actors):
            if a.name.lower() == key and a.kind == m.desc.kind:
                return a.id
        return None

    def index(self, a: Actor, name: str) -> None:
        """Index an actor by a name and, for a person, its surname."""
        ids = self.by_name.setdefault(name.lower(), [])
        if a.id not in ids:
            ids.append(a.id)
        if a.kind in ("person", "unknown"):
            ids = self.by_surname.setdefault(name.split()[-1].lower(), [])
            if a.id not in ids:
                ids.append(a.id)


def _link(links: _Links) -> None:
    """Link every mention of an article to an actor, in text order, by the kind of mention it is."""
    for i, m in enumerate(links.mentions):
        for n in m.statements:
            links.by_statement[n] = i
        d = m.desc
        if m.form == "pronoun":
            _link_pronoun(links, i, m)
        elif m.form == "joint":
            links.new(i, m)
        elif not d.parties and (_names_joint(d.text, d.head in links.lex.government_roles or d.kind == "document")
                                or d.kind == "document" and "joint" in d.text.lower().split()):
            _link_generic_joint(links, i, m)  # "both governments", "a joint statement": the two named last
        elif m.form == "document":
            _link_document(links, i, m)
        elif m.form == "name" or (m.form == "relative" and d.name):
            _link_name(links, i, m)
        elif not d.parties and not d.blocked and _country_possessor().match(d.text):
            _link_country_office(links, i, m)
        elif d.definite and (d.role or d.head):
            _link_definite(links, i, m)
        else:
            same = links.same_words(m)
            if same is not None:
                links.attach(i, m, same, "same description")
            elif d.kind in ("person", "group") and not d.parties and not d.blocked and d.role:
                _link_serving(links, i, m)
            else:
                links.new(i, m)


def _link_name(links: _Links, i: int, m: ActorMention) -> None:
    name = m.desc.name or ""
    parts = name.split()
    # the most recently mentioned actor with this name, or a person with this surname
    candidates = list(links.by_name.get(name.lower(), ()))
    if parts and m.desc.kind in ("person", "unknown"):
        candidates += [a for a in links.by_surname.get(parts[-1].lower(), ()) if a not in candidates]
    matching = []
    for a_id in candidates:
        a = links.actors[a_id]
        if m.desc.parties and a.parties and not set(m.desc.parties) & set(a.parties):
            continue  # "Iraqi envoy Tom Brown" is not "Russian delegate Tom Brown"
        other = a.name.split()
        if a.name.lower() == name.lower() or (
                a.kind == "person" and other and other[-1].lower() == parts[-1].lower()
                and (len(parts) == 1 or len(other) == 1 or other[0] == parts[0])):
            matching.append(a_id)
    full = [a for a in matching if " " in links.actors[a].name] if len(parts) == 1 and len(matching) > 1 else []
    if len({links.actors[a].name.lower() for a in full}) > 1:
        # people who share a surname ("Pablo Mena ... his father, Miguel Mena ... Mena said"): a bare
        # surname is the one introduced first; the others are written out in full
        best = min(full, key=lambda a: links.actors[a].mentions[0])
        links.attach(i, m, best, "same name")
        others = [links.actors[a].name for a in full if a != best and links.actors[a].party != links.actors[best].party]
        links.note[i] = "same name" + (f"|also {others[0]!r}" if others else "")
        return
    best = max(matching, key=lambda a: links.actors[a].mentions[-1], default=None)
    if best is not None:
        links.attach(i, m, best, "same name")
        return
    if m.desc.kind == "unknown" and not m.speaker and not m.desc.parties:
        return  # a lone capitalised word in narration that names nobody known: not an actor
    links.new(i, m)
    if m.speaker and links.actors[m.actor].kind == "unknown":
        links.actors[m.actor].kind = "person"  # "Austin said": a speaker named by one word is taken as a person


def _link_definite(links: _Links, i: int, m: ActorMention) -> None:
    d = m.desc
    words = set((d.role or d.head).split())
    for _, c in links.recent(i, _ROLE_WINDOW):
        a = links.actors[c.actor]
        if not a.role or a.kind in ("document",) or a.plural != d.plural:
            continue
        if d.head not in a.role.split() or not words <= set(a.role.split()):
            continue
        if d.parties and a.parties and not set(d.parties) & set(a.parties):
            continue
        if a.joint and not d.plural:
            # "X's office and Y have both denied ... the office said": the conjunct with that role, not both
            part = links.conjunct(c.text, d)
            if part is None:
                continue
            b = Actor(len(links.actors), part.kind, _canonical(part, part.text), role=part.role,
                      gender=part.gender, parties=part.parties, blocked=part.blocked,
                      evidence=f"{part.evidence}, one of {c.text!r}" if part.evidence else "")
            links.actors.append(b)
            links.attach(i, m, b.id, "anaphor")
            return
        links.attach(i, m, a.id, "anaphor")
        return
    if d.kind == "document":
        _link_document(links, i, m)
        return
    if d.kind == "body" and not d.parties and not d.blocked:
        # "the customs authority" after "the Chinese customs office": a body sharing a modifier
        mods = set(HYPHENATED.findall(d.text.lower())) - {d.head} - links.spk.determiners
        for _, c in links.recent(i, _ROLE_WINDOW):
            a = links.actors[c.actor]
            if a.kind == "body" and a.parties and not a.blocked and mods & set(HYPHENATED.findall(a.name.lower())):
                links.attach(i, m, a.id, "anaphor")
                return
    links.new(i, m)


def _link_serving(links: _Links, i: int, m: ActorMention) -> None:
    """A role named after a body ("a military spokesman", "an embassy official") speaks for that body's
    government when the body was just named with one ("the Israeli military said ...")."""
    links.new(i, m)
    d = m.desc
    bodies = [w for w in (d.role or "").split()[:-1] if w in links.spk.bodies]
    if not bodies:
        return
    for k, c in links.recent(i, _ROLE_WINDOW):
        a = links.actors[c.actor]
        if a.kind == "body" and a.parties and not a.blocked and len(a.parties) == 1 and a.role \
                and a.role.split()[-1] in bodies:
            mine = links.actors[m.actor]
            mine.parties = a.parties
            mine.evidence = f"{m.text!r} serves {c.text!r}, {a.evidence}"
            links.note[i] = "serves"
            return


def _link_country_office(links: _Links, i: int, m: ActorMention) -> None:
    """An office of "the country" ("the country's foreign minister") serves the government of the country
    named last: a name of one government, not a person's, and not one after a preposition ("reopen the
    consulate in Peru": the clause is about its subject)."""
    links.new(i, m)
    prepositions = word_lists("attribution.csv")["preposition"]
    for _, c in links.recent(i, _WINDOW):
        a = links.actors[c.actor]
        before = links.text[max(0, c.start - 12):c.start].split()
        if before and before[-1].lower() in prepositions:
            continue
        if c.form == "name" and a.kind in ("body", "unknown") and len(a.parties) == 1 and not a.blocked:
            mine = links.actors[m.actor]
            mine.parties = a.parties
            mine.evidence = f"{m.text!r}: the country is {c.text!r}, {a.evidence}"
            links.note[i] = "serves"
            return


def _link_document(links: _Links, i: int, m: ActorMention) -> None:
    """A document that speaks: its author, or the speaker of the last statement made in a document."""
    d = m.desc
    if d.parties or d.blocked or not d.definite:
        links.new(i, m)  # "a statement from Sudani’s office": the author is in the description
        return
    here = m.statements[0] if m.statements else sum(f.speaker.start < m.start for f in links.found)
    for n in range(here - 1, max(-1, here - 13), -1):
        f = links.found[n]
        if n in links.in_document and n in links.by_statement:
            c = links.mentions[links.by_statement[n]]
            if c.actor is not None:
                links.attach(i, m, c.actor, "anaphor")
                return
    for _, c in links.recent(i, _ROLE_WINDOW):
        a = links.actors[c.actor]
        if a.kind == "document" and a.parties:
            links.attach(i, m, a.id, "anaphor")
            return
    m.actor = None
    links.note[i] = f"unresolved {m.text!r}: no earlier document or statement made in one"


def _link_generic_joint(links: _Links, i: int, m: ActorMention) -> None:
    """ "both governments", "the two countries": the two governments last named."""
    seen: list[str] = []
    for _, c in links.recent(i, _ROLE_WINDOW):
        for p in links.actors[c.actor].parties:
            if p not in seen:
                seen.append(p)
        if len(seen) >= 2:
            break
    if len(seen) < 2:
        links.new(i, m)
        return
    a = Actor(len(links.actors), "joint", _canonical(m.desc, m.desc.text), parties=tuple(reversed(seen[:2])),
              joint=True, evidence=f"joint: {m.text!r} -> the two governments last named")
    links.actors.append(a)
    m.actor = a.id
    a.mentions.append(i)


def _link_ordinal(links: _Links, i: int, m: ActorMention) -> None:
    """ "the latter", "the former": the last or the one before of the two actors named last."""
    here = links.mentions[i].sentence
    seen: list[int] = []
    for k in range(i - 1, -1, -1):
        c = links.mentions[k]
        if here - c.sentence > 2 or len(seen) == 2:
            break
        if c.actor is None or c.actor in seen or links.actors[c.actor].joint or links.is_place(c):
            continue
        seen.append(c.actor)
    if len(seen) < 2:
        m.actor = None
        links.note[i] = f"unresolved {m.text!r}: fewer than two actors named before it"
        return
    pick = seen[0] if links.spk.ordinals[m.desc.head] == -1 else seen[1]
    k = next(k for k in range(i - 1, -1, -1) if links.mentions[k].actor == pick)
    links.attach(i, m, pick, "anaphor")
    links.note[i] = f"anaphor@{k}"


def _link_pronoun(links: _Links, i: int, m: ActorMention) -> None:
    word, gender = m.desc.head, m.desc.gender
    if word in links.spk.ordinals:
        _link_ordinal(links, i, m)
        return
    kind = links.spk.pronouns.get(word)
    if word in ("i", "we"):
        m.actor = None
        links.note[i] = f"unresolved {m.text!r}: first person outside a quote"
        return
    scored: dict[int, tuple] = {}
    for k, c in links.recent(i, _WINDOW):
        a = links.actors[c.actor]
        if not _compatible(a, kind, gender) and not (kind == "body" and c.form == "document"):
            continue  # "it" may be the document that stood for its author ("the statement adds")
        if a.blocked == "media" and kind != "body":
            continue  # "..., Reuters reported. They said": the outlet only passes on what others said
        if a.kind == "unknown" and links.is_place(c):
            continue  # "talks in Lima": a place, not who speaks
        dist = m.sentence - c.sentence
        recency = _RECENCY[min(dist, len(_RECENCY) - 1)] if dist or c.subject else _RECENCY[3]
        score = recency + 2 * c.subject + c.speaker + (c.form == "name") - 2 * (a.kind == "unknown") \
            + 3 * (gender == "f" and links.described_as(a, gender)) \
            + 2 * (kind == "group" and (a.plural or a.joint))
        # only "she" prefers a woman known as one: most people of unknown gender in political news are
        # men, so a known man is no better a "he" than a nearer unknown
        if a.id not in scored or scored[a.id][0] < score:
            scored[a.id] = (score, c.start, k)
    if not scored:
        m.actor = None
        links.note[i] = f"unresolved {m.text!r}: no earlier compatible actor"
        return
    ranked = sorted(scored.items(), key=lambda kv: (kv[1][0], kv[1][1]), reverse=True)
    best, (score, _, k) = ranked[0]
    links.attach(i, m, best, "anaphor")
    links.note[i] = f"anaphor@{k}"
    if len(ranked) > 1 and ranked[1][1][0] >= score - 1:
        other = links.actors[ranked[1][0]]
        if other.party != links.actors[best].party:
            links.note[i] += f"|also {other.name!r}"


def _decide(links: _Links, n: int, f: Statement, with_parties: bool) -> None:
    """Set a statement's resolved speaker, party and evidence from its mention's actor."""
    i = links.by_statement.get(n)
    m = links.mentions[i] if i is not None else None
    mention_text = f.speaker.antecedent.text if f.speaker.antecedent else f.speaker.text
    if m is None or m.actor is None:
        f.resolved, f.party, f.actor = None, None, None
        note = links.note.get(i, "") if i is not None else ""
        f.evidence = note or f"unresolved {mention_text!r}"
        return
    a = links.actors[m.actor]
    f.actor = a.id
    f.resolved = a.name or None
    f.parties = a.parties if (a.joint or len(a.parties) == 1) and not a.blocked else ()
    f.party = f.parties[0] if f.parties else None
    note = links.note.get(i, "")
    own = m.desc.evidence if (m.desc.parties or m.desc.blocked) else ""
    if note.startswith("anaphor"):
        ref = _antecedent(links, note, m, a)
        why = f"anaphor {mention_text!r} -> {ref}"
        if "|also " in note:
            why += f" (also possible: {note.split('|also ', 1)[1]})"
        f.evidence = why + (f", {a.evidence}" if a.evidence else "")
    elif note == "serves":
        f.evidence = a.evidence
    elif note.startswith("same name") and "|also " in note:  # people who share a surname
        f.evidence = (f"surname {mention_text!r} -> {a.name} (also possible: {note.split('|also ', 1)[1]})"
                      + (f", {a.evidence}" if a.evidence else ""))
    elif own and (m.desc.parties == a.parties and not a.blocked or m.desc.blocked and a.blocked):
        f.evidence = own  # the mention's own description decided the actor's party
    elif a.evidence:
        f.evidence = f"same actor as {_first_ref(links, a, i)}: {a.evidence}"
    else:
        f.evidence = m.desc.evidence
    if not f.evidence:
        f.evidence = "no alias matched" if with_parties else "no parties given"


def _antecedent(links: _Links, note: str, m: ActorMention, a: Actor) -> str:
    """Name the antecedent of an anaphor: its statement (#n) or its narration mention."""
    k = None
    if "@" in note:
        k = int(note.split("@", 1)[1].split("|", 1)[0])
    else:
        earlier = [j for j in a.mentions if links.mentions[j].start < m.start]
        k = earlier[-1] if earlier else None
    if k is None:
        return f"({a.name})"
    c = links.mentions[k]
    if c.statements:
        return f"#{c.statements[-1]} ({a.name})"
    return f"{c.text!r} in narration ({a.name})"


def _first_ref(links: _Links, a: Actor, i: int) -> str:
    for j in a.mentions:
        c = links.mentions[j]
        if j != i and (c.desc.parties or c.desc.blocked):
            return f"#{c.statements[0]}" if c.statements else repr(c.text)
    return repr(a.name)


@built_from("actors.csv")
def _country_possessor() -> re.Pattern:
    """Match "the country's", "the kingdom’s": a possessor that stands for the country named last."""
    nouns = [row["word"].strip() for row in read_lexicon("actors.csv") if row["kind"].strip() == "country_noun"]
    return re.compile(rf"(?i)the\s+(?:{alternation(nouns)})(?:’s|'s)\s")


@functools.lru_cache(maxsize=4096)
def _names_joint(text: str, serves: bool) -> bool:
    """Say whether a description names governments together: "both governments", "the two countries", or,
    for a role or document (``serves``), "the foreign ministers of the two countries", "statements by both
    sides". Cached, as descriptions recur."""
    lex = actor_lexicon()
    text = text.strip()
    return bool(lex.joint.fullmatch(text) or serves and lex.joint_after.search(text))


def _compatible(a: Actor, kind: str | None, gender: str | None) -> bool:
    """Say whether actor ``a`` can be what a pronoun of ``kind`` (person, group, body) and ``gender`` refers to."""
    if kind == "person":  # he, him, she; a one-word name in narration ("Austin met ...") may be a person too
        return a.kind in ("person", "unknown") and not a.plural and (
            a.gender is None or gender is None or a.gender == gender)
    if kind == "group":
        return a.plural or a.kind in ("group", "joint", "body")
    if kind == "body":
        return a.kind in ("body", "document") and not a.plural
    return False


def _canonical(desc, mention: str) -> str:
    """Return a speaker's name: the name without titles ("Lloyd Austin"), else the description
    without its article and appositions ("the US official" -> "US official")."""
    if desc.name and desc.kind in ("person",):
        return desc.name
    head = _APPOSITION_BREAK.split(mention, maxsplit=1)[0].strip() or mention
    return strip_article(head)
