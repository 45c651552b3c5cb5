"""Resolve speaker mentions within an article and decide their parties."""
from __future__ import annotations

import re

from .mentions import SpeakerLexicon, speaker_lexicon
from .parties import match_party
from .statements import Statement

__all__ = ["resolve"]


def resolve(found: list[Statement], text: str, parties: dict) -> None:
    """Resolve each speaker mention within the article and assign parties, in place."""
    lex = speaker_lexicon()
    history: list[Statement] = []
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


def _mention_kind(mention: str, lex: SpeakerLexicon) -> tuple[str, str]:
    """Classify a speaker mention: pronoun, document, definite (role/body), name or group."""
    words = _head_part(mention).split()
    low = [w.lower().strip(",.") for w in words]
    if len(words) == 1 and low[0] in lex.pronouns:
        return "pronoun_" + lex.pronouns[low[0]], low[0]
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


def _antecedent(history: list[Statement], kind: str, key: str, lex: SpeakerLexicon) -> Statement | None:
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


def _canonical(mention: str, kind: str, lex: SpeakerLexicon) -> str:
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


def _same_entity(history: list[Statement], name: str, kind: str) -> Statement | None:
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
