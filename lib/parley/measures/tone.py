"""Score each statement on the cooperation–conflict scale of international event data.

Lexicon sentiment reads adjectives; diplomats threaten with positive words ("a
decisive response") and refuse politely. Analysts of international relations
measure tone instead as a cooperation–conflict scale over speech acts: each act
is coded with its CAMEO event category (and the PLOVER category that replaces
CAMEO) and weighted by the Goldstein (1992) scale, from −10 (war) to +10. This
module does that for a statement: the act of its cue ("warned", "accused",
"welcomed") and the acts in its content ("will respond decisively", "ready to
resume talks"), each a row of ``lexicons/tone.csv`` with its category and
weight. An event the content only mentions (``kind = topic``: "the attack",
"the talks") weighs :data:`TOPIC_SHARE` of its category's weight: the speaker
reports it, it does not do it.

Words are written once in the lexicon and matched in their regular inflections
("threaten" matches threatens, threatened, threatening), generated from the
lexicon when it is read: no dictionary to load, and no stemming that would
merge "position" with "positive". The cue and the content are read as one
("rejected | the claims that ...", "called | for talks").

An act under negation ("did not threaten") or denied ("denied threatening",
"rejected claims it had agreed") is not performed and weighs nothing; a
negated cooperative act ("will not negotiate", "refused to sign") is a
rejection (CAMEO 120), a negated conflict act after a future or an intention
("will not attack", "has no intention of attacking") a reassurance (CAMEO
030). The negators, denial verbs and claim nouns are those of
``negation.csv``. An appeal is coded by what it asks for ("called for talks":
CAMEO 026), what a demand asks for is not done. A statement with a condition
marker of ``condition_markers.csv`` ("if", "unless", "in exchange for") flags
its threats as conditional threats and its offers as conditional offers; a
conditional offer weighs half, since its condition is a demand.

An act is counted once, as CAMEO codes it: what an accusation accuses of is not
a second event ("accused X of shelling"), an act after an intention ("ready to
sign") weighs as the intention and a refused intention's act is not done ("not
prepared to sign"). A clause after a contrast that only negates ("..., but the
other side is not") negates the cooperative acts before it; a cooperative event
said to have failed ("the talks collapsed") or negated in the passive ("was not
discussed") is a pessimistic comment (CAMEO 012), not a rejection.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

import pandas as pd

from ..core.lexicons import built_from, read_lexicon

__all__ = ["TONE_COLUMNS", "TONES", "TOPIC_SHARE", "add_tone"]

#: Columns that :func:`add_tone` adds.
TONE_COLUMNS = ["tone_score", "tone", "tone_acts", "tone_category", "conditional_threat", "conditional_offer"]
_DTYPES = (float, object, object, object, bool, bool)
_STATES = {"conditional": "conditional offer", "asked": "asked for", "accused": "what is accused", "elided": "negated after a contrast",
           "failed": "failed", "unhappened": "negated, passive", "unmeant": "its intention negated"}  # as the evidence says them
#: The three classes, from conflict to cooperation.
TONES = ("confrontational", "neutral", "cooperative")
#: What a mentioned event weighs, as a share of the weight of an act the speaker performs.
TOPIC_SHARE = 0.25
#: A score at or beyond this (either sign) leaves the neutral class: the CAMEO "make a public
#: statement" codes (010-017) weigh between -0.4 and +0.4, verbal conflict starts at -2.
THRESHOLD = 1.0
#: The score is kept on the Goldstein scale.
_LIMIT = 10.0
#: A conditional offer weighs this share: its condition is a demand on the other side.
_CONDITIONAL_OFFER = 0.5
#: PLOVER categories whose acts make a conditional statement a conditional threat or offer.
_THREATS = frozenset({"THREATEN", "SANCTION", "COERCE", "ASSAULT", "MOBILIZE", "DEMAND"})
_OFFERS = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "REQUEST"})
#: The act a negated cooperative act becomes: CAMEO 120, reject.
_REJECT = ("120", "REJECT", -4.0, "reject")
#: What an appeal for something cooperative is ("called for talks"): CAMEO 026.
_APPEAL = ("026", "REQUEST", 4.0, "appeal to meet, negotiate or settle")
#: The act a negated optimistic comment becomes ("no progress"): CAMEO 012.
_PESSIMISTIC = ("012", "", -0.4, "make a pessimistic comment")
#: Comments and praise: negated ("no progress", "not constructive"), a pessimistic comment, not a rejection.
_COMMENTS = frozenset({"012", "013", "019", "051"})
#: The act a renounced conflict act becomes ("has no intention of attacking", "will not attack"): CAMEO 030.
_RENOUNCE = ("030", "AGREE", 4.0, "express intent to cooperate")
#: Words between a negator and the act it negates: "did not", "has no intention of", "will never again".
_NEGATION_WINDOW = 5
_DENIAL_WINDOW = 8

_NOTHING = (0.0, "neutral", "", "", False, False)
_TOKEN = re.compile(r"[a-z0-9]+(?:['\-][a-z0-9]+)*|[^\sa-z0-9]")
_BREAK = frozenset(",;:!?()[]{}—–…\"“”")


@dataclass(frozen=True)
class _Row:
    rule: str
    words: str
    kind: str
    cameo: str
    plover: str
    goldstein: float
    name: str


@dataclass(frozen=True)
class _Lexicon:
    first: dict        # key of a phrase's first word -> [(keys, row)], longest first
    forms: dict        # an inflected form -> the lexicon word it inflects ("threatened" -> "threaten")
    letters: dict      # key -> negation.csv letter
    phrases: dict      # first key of a multiword negation.csv phrase -> [(keys, letter)]
    markers: dict      # first key of a condition marker -> [keys]
    future: frozenset  # future modals and words of intention ("will", "intention"): negated, they renounce
    passive: frozenset  # forms of "be" before an act: it is suffered ("would not be intimidated"), not renounced
    needed: frozenset  # the forms of the one word each content phrase needs (its longest)
    negators: frozenset  # the keys of negation.csv's negators
    breaks: frozenset  # what ends a clause: punctuation and negation.csv's boundary words
    cues: dict = field(default_factory=dict)  # each cue seen: its words, and whether it holds an act


_VOWELS = frozenset("aeiou")


def _inflections(word: str) -> set[str]:
    """Return the regular inflections of a word: plural and third person, past, participles.

    Over-generation is harmless (the forms are only looked up), so both a doubled and a
    single final consonant are produced ("banned", "baned"); irregular forms ("met",
    "struck") are lexicon rows of their own.
    """
    if len(word) < 3:  # "on", "no", "to": function words are not inflected ("only" is no form of "on")
        return {word}
    forms = {word, word + "s", word + "ing", word + "ed"}
    if word.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(word + "es")
    if word.endswith("e"):
        forms |= {word + "d", word[:-1] + "ing"}
        if word.endswith("ie"):
            forms.add(word[:-2] + "ying")
    if len(word) > 1 and word.endswith("y") and word[-2] not in _VOWELS:
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if len(word) > 2 and word[-1] not in _VOWELS | {"w", "x", "y"} and word[-2] in _VOWELS:
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    # adverbs of adjectives: "recklessly", "irresponsibly", "hostilely"
    if len(word) > 4:
        forms.add(word[:-1] + "y" if word.endswith("le") else word[:-1] + "ily" if word.endswith("y") else word + "ly")
    return forms


def _tokens(text: str) -> list[str]:
    text = text.lower()
    if "’" in text or "‘" in text:
        text = text.replace("’", "'").replace("‘", "'")
    return _TOKEN.findall(text)


# Letters of negation.csv kinds; "w" is any other word, "|" a clause break.
_LETTERS = {"negator": "n", "negative_determiner": "n", "contrast": "n", "contrast_in_clause": "n",
            "denial_verb": "D", "rejection_verb": "r", "claim_noun": "k", "not_negation": "x",
            "scope": "s", "auxiliary": "a", "determiner": "d", "pronoun": "p", "preposition": "i",
            "complementizer": "h", "boundary": "|", "coordinator": "o", "conjunction": "o"}
#: What may stand between a negator and its act: "did not", "has no plans to", "will never again", and
#: after "not to" a verb of one or two words and its preposition ("pledged not to engage in attacks").
_NEGATED = re.compile(r"n(?:[sadpho]*(?:w[sadp]*)?|[adpho]*s(?:w[sadpi]*){1,2})$")
#: A clause after a contrast that only negates ("..., but they are not", "but the other side did not"):
#: it negates what came before the contrast.
_ELLIPSIS = re.compile(r"[wdp]{1,4}a+n")
#: "denied threatening", "denied that it had threatened", "rejected claims that it had agreed".
_DENIED = re.compile(r"(?:D|rd?w?k)[sadphoiw]*$")
#: The kinds of negation.csv that are function words, never inflected.
_FUNCTION_WORDS = frozenset({"negator", "negative_determiner", "contrast", "contrast_in_clause", "not_negation",
                             "auxiliary", "determiner", "pronoun", "preposition", "complementizer", "boundary",
                             "coordinator", "conjunction"})
_CONDITION_KINDS = frozenset({"conditional", "exchange"})


@built_from("tone.csv", "negation.csv", "condition_markers.csv")
def _lexicon() -> _Lexicon:
    rows = read_lexicon("tone.csv")
    words = {w for row in rows for w in _tokens(row["phrase"]) if w != "*"}
    forms = {}
    # words written out in every form: modals and intentions ("willing" is no form of "will") and the
    # function words of negation.csv ("noting" is no form of "not")
    fixed = {w for row in rows if row["kind"].strip() in ("future", "passive") for w in _tokens(row["phrase"])}
    fixed |= {w for row in read_lexicon("negation.csv") if row["kind"].strip() in _FUNCTION_WORDS
              for w in _tokens(row["term"])}
    for word in sorted(words, key=lambda w: (len(w), w)):  # "consequences" is a form of "consequence"
        base = forms.get(word, word)
        for form in ({word} if word in fixed else _inflections(word)):
            forms.setdefault(form, base)
    first: dict = {}
    future = frozenset(w for row in rows if row["kind"].strip() == "future" for w in _tokens(row["phrase"]))
    passive = frozenset(w for row in rows if row["kind"].strip() == "passive" for w in _tokens(row["phrase"]))
    for row in rows:
        if row["kind"].strip() in ("future", "passive", "prevention"):
            continue
        keys = tuple(forms.get(w, w) for w in _tokens(row["phrase"]))
        entry = _Row(row["rule"].strip(), row["phrase"].strip(), row["kind"].strip(), row["cameo"].strip(),
                     row["plover"].strip(), float(row["goldstein"]), row["name"].strip())
        first.setdefault(keys[0], []).append((keys, entry))
    for options in first.values():
        options.sort(key=lambda option: -len(option[0]))
    letters, phrases = {}, {}
    for row in read_lexicon("negation.csv"):
        keys = tuple(forms.get(w, w) for w in _tokens(row["term"]))
        letter = _LETTERS.get(row["kind"].strip())
        if letter is None or not keys:
            continue
        if len(keys) == 1:
            letters.setdefault(keys[0], letter)
        else:
            phrases.setdefault(keys[0], []).append((keys, letter))
    for row in rows:  # "to avoid", "to prevent": what they prevent is not done, as what a negator negates
        if row["kind"].strip() == "prevention":
            for form in _inflections(_tokens(row["phrase"])[0]):
                letters.setdefault(forms.get(form, form), "n")
    markers: dict = {}
    for row in read_lexicon("condition_markers.csv"):
        if _is_condition(row):
            keys = tuple(forms.get(w, w) for w in _tokens(row["marker"]))
            markers.setdefault(keys[0], []).append(keys)
    # every phrase that weighs needs its longest word: a content with none of them has no act
    needed = {max((k for k in keys if k != "*"), key=lambda k: (k not in letters and k not in future, len(k)))
              for options in first.values() for keys, row in options if row.kind not in ("contrast", "neutral")}
    needed = frozenset([form for form, key in forms.items() if key in needed] + list(needed))
    return _Lexicon(first, forms, letters, phrases, markers, future, passive, needed,
                    frozenset(k for k, letter in letters.items() if letter == "n"),
                    _BREAK | {k for k, letter in letters.items() if letter == "|"})


def _is_condition(row: dict) -> bool:
    """Keep the markers that make a statement conditional wherever they stand ("if", "unless", "only once")."""
    marker, kind = row["marker"].strip(), row["kind"].strip()
    if row.get("position", "any").strip() != "any":  # "provided", "should": conditions only at a clause start
        return False
    return kind in _CONDITION_KINDS or marker.startswith("only ")


@dataclass
class _Act:
    words: str
    row: _Row
    start: int
    state: str = ""     # "", "negated", "renounced", "denied", "elided", "asked", "intended", "unmeant",
    #                     "failed" or "conditional"
    weight: float = 0.0
    factor: float = 1.0  # the "but" rule: 0.5 before a contrast, 1.5 after it
    cue: bool = False    # an act of the reporting verb, not of the content
    clause: int = 0      # clauses before it in its text

    def describe(self) -> str:
        notes = [_STATES.get(self.state, self.state)] if self.state else []
        if self.row.kind in ("topic", "intent"):
            notes.append("mentioned" if self.row.kind == "topic" else "intention")
        if self.factor != 1.0:
            notes.append("before a contrast" if self.factor < 1 else "after a contrast")
        label = self.row.plover or "CAMEO"
        return (f"{self.words}: {self.row.name} ({label} {self.row.cameo}, {self.weight:+.1f}"
                + "".join(f", {n}" for n in notes) + ")")


def _letters(keys: list[str], lexicon: _Lexicon) -> list[str]:
    """Return the negation.csv letter of each word ("w" for others, "|" for a clause break)."""
    get, phrases = lexicon.letters.get, lexicon.phrases
    letters = [get(k, "|" if k in _BREAK else "w") for k in keys]
    for i in [i for i, k in enumerate(keys) if k in phrases]:
        for phrase, letter in phrases[keys[i]]:
            n = len(phrase)
            if tuple(keys[i:i + n]) == phrase:
                letters[i:i + n] = ["x"] * (n - 1) + [letter]
    return letters


def _match(keys: list[str], i: int, phrase: tuple) -> int:
    """Return the end of ``phrase`` matched at word ``i`` (``*`` takes up to three words of the clause), or 0."""
    j = i
    for n, key in enumerate(phrase):
        if key == "*":
            continue
        if n and phrase[n - 1] == "*":
            for gap in range(4):
                if j + gap >= len(keys) or keys[j + gap] in _BREAK:
                    return 0
                if keys[j + gap] == key:
                    j += gap + 1
                    break
            else:
                return 0
        elif j < len(keys) and keys[j] == key:
            j += 1
        else:
            return 0
    return j


def _find(keys: list[str], first: dict) -> list[tuple]:
    """Return ``(start, end, row)`` of the phrases in ``keys``, left to right, longest first, not overlapping."""
    found, end, last = [], 0, len(keys) - 1
    for i in [i for i, k in enumerate(keys) if k in first]:
        if i < end:
            continue
        following = keys[i + 1] if i < last else None
        for phrase, row in first[keys[i]]:
            if len(phrase) == 1:
                stop = i + 1
            elif phrase[1] != following and phrase[1] != "*":  # most phrases fail on their second word
                continue
            else:
                stop = _match(keys, i, phrase)
            if stop:
                found.append((i, stop, row))
                end = stop
                break
    return found


def _state(letters: list[str], keys: list[str], start: int, lexicon: _Lexicon) -> str:
    """Say whether the act starting at word ``start`` is negated, renounced or denied by the words before it."""
    clause = "".join(letters[:start]).rsplit("|", 1)[-1]
    near = clause[-_NEGATION_WINDOW - 1:]
    if _NEGATED.search(near):
        # a negated future or intention ("will not attack", "has no intention of attacking") renounces the act
        # unless the act is passive ("would not be intimidated"): the speaker suffers it, renounces nothing
        renounced = (not lexicon.future.isdisjoint(keys[start - len(near):start])
                     and not (start and keys[start - 1] in lexicon.passive))
        return "renounced" if renounced else "negated"
    wide = clause[-_DENIAL_WINDOW - 1:]
    if _DENIED.search(wide):
        cue = max(wide.rfind("D"), wide.rfind("r"))
        return "" if _NEGATED.search(wide[:cue]) else "denied"  # "did not deny": nothing is denied
    return ""


def _acts(cue, content, lexicon: _Lexicon) -> tuple[list[_Act], list[str]]:
    """Return the acts of a statement, read as its cue followed by its content, and the content's keys.

    Reading them as one ("rejected | the claims that", "denied | threatening", "called |
    for talks") lets phrases and negation span the two.
    """
    if cue not in lexicon.cues:  # a few cues ("said", "told") head most statements
        words = _tokens(cue) if isinstance(cue, str) else []
        lexicon.cues[cue] = (words, bool(_find(list(map(lexicon.forms.get, words, words)), lexicon.first)))
    cue_words, cue_acts = lexicon.cues[cue]
    words = _tokens(content) if isinstance(content, str) else []
    if not cue_acts and lexicon.needed.isdisjoint(words):  # most contents hold no act: skip them fast
        return [], []
    n = len(cue_words)
    words = cue_words + words
    keys = list(map(lexicon.forms.get, words, words))
    found = _find(keys, lexicon.first)
    if not found:
        return [], keys[n:]
    stops = lexicon.breaks
    breaks = [i for i, k in enumerate(keys) if k in stops]
    plain = keys
    if any(e - s > 1 for s, e, _ in found):  # "will not hesitate to defend": the act's own "not" negates nothing
        negators = lexicon.negators
        plain = list(keys)
        for s, e, _ in found:
            if e - s > 1 and not negators.isdisjoint(keys[s:e]):
                plain[s:e] = ["\0"] * (e - s)
    acts, denied = [], False
    for s, e, row in found:
        lo = max(0, s - _DENIAL_WINDOW - 1)  # only the words just before an act can negate or deny it
        state = "denied" if denied and row.kind != "contrast" else _state(_letters(plain[lo:s], lexicon),
                                                                          plain[lo:s], s - lo, lexicon)
        if (state == "negated" and row.kind in ("act", "topic") and words[s].endswith(("ed", "en"))
                and not lexicon.passive.isdisjoint(keys[max(0, s - 3):s])):
            state = "unhappened"  # "was not discussed", "has not been signed": it did not happen, nobody refused it
        # "rejected the claims": a denial; but "will not give in to the demands" declines to yield (124)
        if row.plover == "REJECT" and row.cameo != "124" and not state and "k" in _letters(keys[e:e + 3], lexicon):
            row = _Row(row.rule, row.words, row.kind, "016", "", 0.0, "deny (rejects a claim)")
        act = _Act(" ".join(words[s:e]), row, s, state, cue=s < n, clause=bisect_left(breaks, s))
        if act.cue and row.cameo == "016":  # "denied | that ...", "rejected | the claims that ...": all denied
            denied = True
        acts.append(act)
    _elide(acts, found, keys, lexicon)
    return acts, keys[n:]


def _elide(acts: list[_Act], found: list[tuple], keys: list[str], lexicon: _Lexicon) -> None:
    """Negate the cooperative acts before a contrast whose clause only negates ("ready to sign, but they are not").

    The elided clause repeats the acts before the contrast and negates them: the
    speaker reports the other side's refusal, which is what the statement says.
    """
    contrast = next((i for i in range(len(acts) - 1, -1, -1) if acts[i].row.kind == "contrast"), None)
    if contrast is None or acts[contrast].cue:
        return
    start = found[contrast][1]
    end = next((i for i in range(start, len(keys)) if keys[i] in lexicon.breaks), len(keys))
    if contrast + 1 < len(acts) and acts[contrast + 1].start < end:  # the clause has an act of its own
        return
    if not _ELLIPSIS.fullmatch("".join(_letters(keys[start:end], lexicon))):
        return
    for act in acts[:contrast]:
        if not act.cue and not act.state and act.row.goldstein > 0 and act.row.kind not in ("contrast", "neutral"):
            act.state = "elided"


def _weigh(acts: list[_Act], conditional: bool) -> None:
    """Set each act's weight: its Goldstein weight, turned by negation, denial, a condition or a contrast."""
    contrast = max((a.start for a in acts if a.row.kind == "contrast" and not a.cue), default=None)
    _ask(acts)
    _accuse(acts)
    _fail(acts)
    for n, act in enumerate(acts):
        row, weight = act.row, (act.weight if act.state == "intended" else act.row.goldstein)
        if act.state in ("asked", "unmeant", "failed", "accused"):  # asked for, intended by a refused intention, failed:
            act.weight = 0.0                               # not done, and what asks, refuses or fails weighs
            continue
        if row.kind == "intent":  # "ready to resume talks" is an offer, "vowed to retaliate" the retaliation's
            following = next((a for a in acts[n + 1:] if a.row.kind not in ("contrast", "neutral")), None)
            if following is not None and following.row.goldstein < 0 and not following.state:
                weight = 0.0
            elif following is not None and following.row.goldstein > 0 and following.clause == act.clause \
                    and following.state in ("", "elided"):
                if act.state:  # "not ready to sign": the refusal weighs, the signing is not done
                    following.state = "unmeant"
                elif not following.state and following.row.kind == "act":  # "ready to sign": weighs as an intention
                    following.state, weight = "intended", 0.0
                    following.weight = min(following.row.goldstein, row.goldstein)
        turned = None
        if act.state in ("negated", "renounced", "elided", "unhappened") and weight > 0:  # "does not want ..."
            # "will not sign", "refused to agree": a rejection; "no progress", "was not signed": a pessimistic comment
            turned = _PESSIMISTIC if row.cameo[:3] in _COMMENTS or act.state == "unhappened" else _REJECT
        elif act.state == "renounced" and weight < 0:  # "has no intention of attacking", "will not attack"
            turned = _RENOUNCE
        if turned is not None:
            act.row = _Row(row.rule, row.words, row.kind, *turned[:3], f"{turned[3]} (negated: {row.name})")
            weight = turned[2]
        elif act.state in ("negated", "denied", "renounced", "elided", "unhappened"):  # "did not threaten", "denied ... agreed"
            weight = 0.0
        elif row.kind == "precondition":  # "will only talk once ...": the restriction is a demand
            following = next((a for a in acts[n + 1:] if a.row.kind not in ("contrast", "neutral")), None)
            if following is None or following.row.goldstein <= 0 or following.state or following.clause != act.clause:
                weight = 0.0
        elif conditional and weight > 0 and row.plover in _OFFERS:
            act.state = "conditional"
            weight *= _CONDITIONAL_OFFER
        if contrast is not None and not act.cue and act.start != contrast and row.kind != "contrast":
            act.factor = 0.5 if act.start < contrast else 1.5
        act.weight = weight * act.factor * (TOPIC_SHARE if row.kind == "topic" else 1.0)


def _fail(acts: list[_Act]) -> None:
    """Mark the cooperative events of a clause that says they failed ("the talks collapsed", "a deadlock").

    A failure is a pessimistic comment (CAMEO 012): its row weighs, the talks,
    truce or agreement it reports as failed weigh nothing.
    """
    for failure in [a for a in acts if a.row.kind == "failure" and not a.state]:
        for act in acts:
            if (act.clause == failure.clause and not act.cue and not act.state and act.row.goldstein > 0
                    and act.row.kind not in ("contrast", "neutral", "failure")):
                act.state = "failed"


def _accuse(acts: list[_Act]) -> None:
    """Mark the events an accusation accuses of ("accused X of launching strikes"): the accusation weighs.

    CAMEO codes "accuse X of Y" as an accusation (112) and nothing else: Y is
    not an event the speaker reports beside it.
    """
    for n, act in enumerate(acts):
        if act.state or act.row.kind != "act" or act.row.plover != "ACCUSE":
            continue
        for other in acts[n + 1:]:
            if other.row.kind == "topic" and not other.state and (
                    other.cue == act.cue and other.clause == act.clause or act.cue and not other.cue and other.clause == 0):
                other.state = "accused"


def _ask(acts: list[_Act]) -> None:
    """Code an appeal or a demand by what it asks for, as CAMEO does, and mark what is asked as not done.

    "called for talks" is an appeal to negotiate (CAMEO 026, +4.0), "urged X to stop the
    attacks" stays an appeal to yield (025, the attacks still count as mentioned);
    "demanded that X lift the ban" is a demand (100) whatever it asks for: the lifting is
    not done.
    """
    for n, act in enumerate(acts):
        if act.state or act.row.kind != "act" or not (act.row.plover == "REQUEST" or act.row.cameo == "100"):
            continue
        asked = [a for a in acts[n + 1:] if a.row.kind not in ("contrast", "neutral", "future")
                 and (a.cue == act.cue and a.clause == act.clause or act.cue and not a.cue and a.clause == 0)]
        if not asked or asked[0].row.goldstein <= 0 or asked[0].state:
            continue
        if act.row.plover == "REQUEST":
            row = act.row
            act.row = _Row(row.rule, row.words, row.kind, *_APPEAL[:3], _APPEAL[3])
        for other in asked:
            if other.row.goldstein > 0 and not other.state:
                other.state = "asked"


def _total(acts: list[_Act]) -> float:
    """Add up the acts performed, and the strongest event mentioned on their side.

    The acts set the direction: "called the deal illegal" is an accusation, whatever
    the deal. Naming the war three times does not make a statement three times as
    hostile, so of the events mentioned only the strongest counts; without an act, the
    strongest on each side.
    """
    done = sum(a.weight for a in acts if a.row.kind != "topic")
    mentioned = [a.weight for a in acts if a.row.kind == "topic"]
    best = max((w for w in mentioned if w > 0), default=0.0)
    worst = min((w for w in mentioned if w < 0), default=0.0)
    if done > 0:
        return done + best
    if done < 0:
        return done + worst
    return best + worst


def _conditional(keys: list[str], lexicon: _Lexicon) -> bool:
    """Tell whether a content has a condition marker ("if", "unless", "in exchange for")."""
    markers = lexicon.markers
    if markers.keys().isdisjoint(keys):
        return False
    for i in [i for i, k in enumerate(keys) if k in markers]:
        if any(tuple(keys[i:i + len(m)]) == m for m in markers[keys[i]]):
            return True
    return False


def _score(cue, content, lexicon: _Lexicon) -> tuple:
    """Score one statement: its tone score, class, the acts behind it, its main category and the two flags."""
    acts, keys = _acts(cue, content, lexicon)
    if not acts:
        return _NOTHING
    conditional = _conditional(keys, lexicon)
    live = [a for a in acts if not a.state and not a.cue]
    threat = conditional and any(a.row.plover in _THREATS and a.row.kind == "act" for a in live)
    offer = conditional and any(a.row.plover in _OFFERS and a.row.goldstein > 0 for a in live)
    _weigh(acts, conditional)
    acts = [a for a in acts if a.row.kind not in ("contrast", "neutral")]
    score = max(-_LIMIT, min(_LIMIT, float(_total(acts))))
    tone = TONES[0] if score <= -THRESHOLD else TONES[2] if score >= THRESHOLD else TONES[1]
    main = max(acts, key=lambda a: (a.row.kind != "topic" and a.weight != 0, abs(a.weight)), default=None)
    category = (main.row.plover or f"CAMEO {main.row.cameo}") if main is not None and main.weight else ""
    return score, tone, "; ".join(a.describe() for a in acts), category, threat, offer


def add_tone(statements: pd.DataFrame, *, cue: str = "cue", text: str = "content") -> pd.DataFrame:
    """Add the cooperation–conflict tone of each statement, from its speech act and the acts in its content.

    Parameters
    ----------
    statements : pandas.DataFrame
        One row per statement (see :data:`parley.statements.STATEMENT_COLUMNS`).
    cue, text : str
        The columns holding the reporting verb and what was said.

    Returns
    -------
    pandas.DataFrame
        A copy with ``tone_score`` (the Goldstein weights of the acts
        performed, added up, and of the events only mentioned the strongest
        on their side at :data:`TOPIC_SHARE` of its weight; −10 conflict to
        +10 cooperation, 0 with no act), ``tone``
        (``confrontational`` at −1 or below, ``cooperative`` at +1 or above,
        else ``neutral``), ``tone_acts`` (each act: the words, its CAMEO and
        PLOVER category and the weight it added, e.g. ``"warned: threaten
        (THREATEN 130, -4.4)"``; negated, denied and mentioned acts say so),
        ``tone_category`` (the PLOVER category of the act weighing most),
        ``conditional_threat`` and ``conditional_offer`` (a threat or an
        offer in a statement with a condition marker: "will respond if
        attacked", "ready to talk if the shelling stops").
    """
    cues = statements[cue].tolist() if cue in statements else [None] * len(statements)
    lexicon = _lexicon()
    scores = list(zip(*[_score(c, t, lexicon) for c, t in zip(cues, statements[text].tolist())])) or [()] * 6
    values = {column: pd.Series(list(column_values), index=statements.index, dtype=dtype)
              for column, column_values, dtype in zip(TONE_COLUMNS, scores, _DTYPES)}
    return pd.concat([statements.drop(columns=[c for c in TONE_COLUMNS if c in statements]), pd.DataFrame(values)],
                     axis=1)
