"""Ports of TextBlob's and VADER's scoring loops for string input, bit for bit the libraries' scores.

The libraries' own loops cost about a quarter of the analysis of a corpus, so
they are ported here: TextBlob's tokenizer (pattern's ``find_tokens``) and
pattern's ``Sentiment.assessments``, as ``TextBlob(content).sentiment`` runs
them, and VADER's ``polarity_scores`` word loop with its negation, idiom and
"least" checks. The ports read the libraries' own lexicons, constants and
regular expressions; they compile regular expressions once, pass plain words
through the tokenizer without testing each punctuation mark, lowercase each
word once instead of once per rule, look words up in the lexicon dict
directly, find sentence ends without walking every token, score only the
words VADER knows (none: a compound of 0.0, as the library's sum of zeros
gives), and keep every floating-point operation in the libraries' order, so
the scores are bit-for-bit the libraries' scores (tests/test_sentiment.py
compares them on sentences reaching every rule). VADER's "but" rule and final
scoring are the library's own functions; a text with an emoji is scored by the
library itself.

The ports read private parts of the libraries, so they hold only for the
versions they were written for (:data:`parley.measures.sentiment.PINNED`): :mod:`parley.measures.sentiment`
imports this module only when exactly those versions are installed, and calls
the libraries themselves otherwise (slower, never wrong).
"""
from __future__ import annotations

import re
import string
from functools import cache

from textblob import _text as _pattern
from textblob.en import sentiment as _pattern_sentiment
from vaderSentiment import vaderSentiment as _vs

__all__ = ["pattern_score", "vader_compound"]


def _emoticon_polarity(emoticons: dict) -> dict:
    """Map each lowercased emoticon to its polarity, from pattern's ``{(mood, polarity): emoticons}``.

    pattern tests a token against every lowercased emoticon of every mood and the
    first mood that has it wins, so the first mood is kept.
    """
    polarity = {}
    for (_mood, score), faces in emoticons.items():
        for face in faces:
            polarity.setdefault(face.lower(), score)
    return polarity


_EMOTICON_POLARITY = _emoticon_polarity(_pattern.EMOTICONS)
_VADER_NEGATE = frozenset(_vs.NEGATE)


@cache
def _vader():
    """Build the VADER analyzer once (it reads its lexicon file on creation)."""
    return _vs.SentimentIntensityAnalyzer()


@cache
def _pattern_lexicon() -> dict:
    """Load pattern's lazy sentiment lexicon and return it for plain dict lookups (the same object)."""
    len(_pattern_sentiment)  # a lazydict loads on first use
    return _pattern_sentiment


def _mean(values) -> float:
    """Average as pattern does: add left to right from 0 (not ``sum``, which compensates from Python 3.12)."""
    total = 0
    for value in values:
        total += value
    return total / float(len(values) or 1)


def _pattern_assessments(words: list) -> list:
    """Assess lowercased words as pattern's ``Sentiment.assessments`` does for untagged words.

    Returns
    -------
    list
        ``(words, polarity, subjectivity, label)`` per known word, modifier
        ("very good"), negation ("not good"), ``!``, ``(!)`` or emoticon,
        exactly as the library returns them.
    """
    lexicon = _pattern_lexicon()
    lookup, labeler = dict.get, lexicon.labeler
    negations, modifiers, is_modifier = lexicon.negations, lexicon.modifiers, lexicon.modifier
    a = []
    m = None  # preceding modifier word
    n = None  # preceding negation
    for w in words:
        entry = lookup(lexicon, w)
        if entry is not None and None in entry:
            p, s, i = entry[None]
            if m is None:
                a.append({"w": [w], "p": p, "s": s, "i": i, "n": 1, "x": labeler.get(w)})
            else:  # "really good"
                last = a[-1]
                last["w"].append(w)
                last["p"] = max(-1.0, min(p * last["i"], +1.0))
                last["s"] = max(-1.0, min(s * last["i"], +1.0))
                last["i"] = i
                last["x"] = labeler.get(w)
            if n is not None:  # "not really good"
                last = a[-1]
                last["w"].insert(0, n)
                last["i"] = 1.0 / last["i"]
                last["n"] = -1
            m = w if any(map(entry.__contains__, modifiers)) else None
            n = w if w in negations else None
        else:
            if w in negations:
                n = w
            elif n and len(w.strip("'")) > 1:  # keep a negation across small words ("not a good")
                n = None
            if n is not None and m is not None and is_modifier(m):  # "really not good"
                a[-1]["w"].append(n)
                a[-1]["n"] = -1
                n = None
            elif m is not None and len(w) > 2:  # keep a modifier across small words
                m = None
            if w == "!" and len(a) > 0:
                a[-1]["w"].append("!")
                a[-1]["p"] = max(-1.0, min(a[-1]["p"] * 1.25, +1.0))
            if w == "(!)":
                a.append({"w": [w], "p": 0.0, "s": 1.0, "i": 1.0, "n": 1, "x": _pattern.IRONY})
            if w.isalpha() is False and len(w) <= 5 and w not in _pattern.PUNCTUATION:
                p = _EMOTICON_POLARITY.get(w)
                if p is not None:
                    a.append({"w": [w], "p": p, "s": 1.0, "i": 1.0, "n": 1, "x": _pattern.MOOD})
    # "not good" = slightly bad, "not bad" = slightly good.
    return [(e["w"], e["p"] * -0.5 if e["n"] < 0 else e["p"], e["s"], e["x"]) for e in a]


# pattern's find_tokens with TextBlob's arguments, its regular expressions compiled once
_CONTRACTIONS = [(re.compile(a), b) for a, b in _pattern.replacements.items()]
_LINEBREAKS = re.compile(r"\n{2,}")
_PUNCTUATION = tuple(_pattern.PUNCTUATION.replace(".", ""))
_TRAILING = _PUNCTUATION + (".",)
_PUNCTUATION_CHARS = frozenset(_PUNCTUATION)
_TRAILING_CHARS = frozenset(_TRAILING)
_ENDS = frozenset(("...", ".", "!", "?", _pattern.EOS))  # tokens that end a sentence
_CLOSERS = _ENDS | {"”", "’", ")"}  # and those that stay with it after its end (straight quotes do not)


def _join_emoticon(match) -> str:
    """Close up an emoticon that tokenizing spread out (": )" is ":)"), as pattern does."""
    return match.group(1).replace(" ", "") + match.group(2)


def _pattern_tokens(string: str) -> list:
    """Split a string into sentences of space-separated tokens as TextBlob's tokenizer (``find_tokens``) does.

    Tokens that neither start nor end with punctuation are kept whole at once;
    the others go through pattern's own splitting of punctuation, ellipses and
    abbreviations.
    """
    replace, eos = _pattern.replacements, _pattern.EOS
    if "'" in string:  # every contraction pattern has an apostrophe
        for pattern, contraction in _CONTRACTIONS:
            string = pattern.sub(contraction, string)
    string = (string.replace("“", " “ ").replace("”", " ” ").replace("‘", " ‘ ").replace("’", " ’ ")
              .replace("'", " ' ").replace('"', ' " '))
    string = string.replace("\r\n", "\n")
    if "\n\n" in string:
        string = _LINEBREAKS.sub(" %s " % eos, string)
    tokens = []
    # pattern folds whitespace into single spaces and finds the tokens followed by one: the words split() finds
    for t in string.split():
        if t[0] not in _PUNCTUATION_CHARS and t[-1] not in _TRAILING_CHARS:  # nothing to split
            tokens.append(t)
            continue
        tail = []
        while t.startswith(_PUNCTUATION) and t not in replace:  # leading punctuation
            tokens.append(t[0])
            t = t[1:]
        while t.endswith(_TRAILING) and t not in replace:  # trailing punctuation
            if t.endswith(_PUNCTUATION):
                tail.append(t[-1])
                t = t[:-1]
            if t.endswith("..."):  # an ellipsis before a period
                tail.append("...")
                t = t[:-3].rstrip(".")
            if t.endswith("."):  # a period, unless an abbreviation
                if (t in _pattern.ABBREVIATIONS or _pattern.RE_ABBR1.match(t) is not None
                        or _pattern.RE_ABBR2.match(t) is not None or _pattern.RE_ABBR3.match(t) is not None):
                    break
                tail.append(t[-1])
                t = t[:-1]
        if t != "":
            tokens.append(t)
        tokens.extend(reversed(tail))
    sentences, i, j, n = [], 0, 0, len(tokens)
    for k in [k for k, t in enumerate(tokens) if t in _ENDS]:  # pattern walks every token to find these
        if k < j:  # taken into the sentence before
            continue
        j = k
        # citations, trailing parentheses and repeated punctuation (!?) stay with the sentence; pattern counts
        # a quote in the sentence so far, which it has not filled yet: any straight quote ends the sentence
        while j < n and tokens[j] in _CLOSERS:
            j += 1
        sentences.append([t for t in tokens[i:j] if t != eos])
        i = j
        j += 1
    sentences.append(tokens[i:])
    sentences = (" ".join(s) for s in sentences if len(s) > 0)
    sentences = (_pattern.RE_SARCASM.sub("(!)", s) for s in sentences)
    return [_pattern.RE_EMOTICONS.sub(_join_emoticon, s) for s in sentences]


def _pattern_score(content: str) -> tuple:
    """Return TextBlob's polarity, subjectivity and assessments of a string, as ``TextBlob(content)`` gives them."""
    words = [w.lower() for w in " ".join(_pattern_tokens(content)).split()]
    assessments = _pattern_assessments(words)
    return (_mean([p for _w, p, _s, _x in assessments]), _mean([s for _w, _p, s, _x in assessments]),
            assessments)


def _vader_negation(valence: float, lower: list, start_i: int, i: int) -> float:
    """Apply VADER's ``_negation_check`` to the word ``start_i + 1`` before word ``i``, on lowercased words."""
    before = lower[i - (start_i + 1)].lower()  # as vaderSentiment.negated does
    negated = before in _VADER_NEGATE or "n't" in before
    if start_i == 0:
        if negated:
            valence = valence * _vs.N_SCALAR
    if start_i == 1:
        if lower[i - 2] == "never" and (lower[i - 1] == "so" or lower[i - 1] == "this"):
            valence = valence * 1.25
        elif lower[i - 2] == "without" and lower[i - 1] == "doubt":
            pass
        elif negated:
            valence = valence * _vs.N_SCALAR
    if start_i == 2:
        if lower[i - 3] == "never" and (lower[i - 2] == "so" or lower[i - 2] == "this") or \
                (lower[i - 1] == "so" or lower[i - 1] == "this"):
            valence = valence * 1.25
        elif lower[i - 3] == "without" and (lower[i - 2] == "doubt" or lower[i - 1] == "doubt"):
            pass
        elif negated:
            valence = valence * _vs.N_SCALAR
    return valence


def _vader_idioms(valence: float, lower: list, i: int) -> float:
    """Apply VADER's ``_special_idioms_check`` around word ``i`` (``i > 2``), on lowercased words."""
    onezero = f"{lower[i - 1]} {lower[i]}"
    twoonezero = f"{lower[i - 2]} {lower[i - 1]} {lower[i]}"
    twoone = f"{lower[i - 2]} {lower[i - 1]}"
    threetwoone = f"{lower[i - 3]} {lower[i - 2]} {lower[i - 1]}"
    threetwo = f"{lower[i - 3]} {lower[i - 2]}"
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in _vs.SPECIAL_CASES:
            valence = _vs.SPECIAL_CASES[seq]
            break
    if len(lower) - 1 > i:
        zeroone = f"{lower[i]} {lower[i + 1]}"
        if zeroone in _vs.SPECIAL_CASES:
            valence = _vs.SPECIAL_CASES[zeroone]
    if len(lower) - 1 > i + 1:
        zeroonetwo = f"{lower[i]} {lower[i + 1]} {lower[i + 2]}"
        if zeroonetwo in _vs.SPECIAL_CASES:
            valence = _vs.SPECIAL_CASES[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):  # booster bigrams such as "kind of"
        if n_gram in _vs.BOOSTER_DICT:
            valence = valence + _vs.BOOSTER_DICT[n_gram]
    return valence


def _vader_valence(words: list, lower: list, in_lexicon: list, i: int, is_cap_diff: bool) -> float:
    """Return the valence of lexicon word ``i`` as VADER's ``sentiment_valence`` does."""
    lexicon = _vader().lexicon
    item, item_lowercase, last = words[i], lower[i], len(words) - 1
    valence = lexicon[item_lowercase]
    # "no" negates an adjacent lexicon word rather than scoring itself
    if item_lowercase == "no" and i != last and in_lexicon[i + 1]:
        valence = 0.0
    if (i > 0 and lower[i - 1] == "no") or (i > 1 and lower[i - 2] == "no") \
            or (i > 2 and lower[i - 3] == "no" and lower[i - 1] in ["or", "nor"]):
        valence = lexicon[item_lowercase] * _vs.N_SCALAR
    if item.isupper() and is_cap_diff:
        if valence > 0:
            valence += _vs.C_INCR
        else:
            valence -= _vs.C_INCR
    for start_i in range(0, 3):
        j = i - (start_i + 1)
        if i > start_i and not in_lexicon[j]:
            # a word outside the booster list scales by 0.0, but the addition is kept (-0.0 + 0.0 is 0.0)
            s = _vs.scalar_inc_dec(words[j], valence, is_cap_diff) if lower[j] in _vs.BOOSTER_DICT else 0.0
            if start_i == 1 and s != 0:
                s = s * 0.95
            if start_i == 2 and s != 0:
                s = s * 0.9
            valence = valence + s
            valence = _vader_negation(valence, lower, start_i, i)
            if start_i == 2:
                valence = _vader_idioms(valence, lower, i)
    # "least" negates, unless "at least" or "very least"
    if i > 1 and not in_lexicon[i - 1] and lower[i - 1] == "least":
        if lower[i - 2] != "at" and lower[i - 2] != "very":
            valence = valence * _vs.N_SCALAR
    elif i > 0 and not in_lexicon[i - 1] and lower[i - 1] == "least":
        valence = valence * _vs.N_SCALAR
    return valence


def _vader_compound(content: str) -> float:
    """Return VADER's compound score of a string, as ``polarity_scores(content)["compound"]`` gives it."""
    analyzer = _vader()
    if not analyzer.emojis.keys().isdisjoint(content):  # emojis become their descriptions: the library does it
        return analyzer.polarity_scores(content)["compound"]
    text = content.strip()
    # VADER's SentiText: split on whitespace, strip punctuation unless that leaves two characters or fewer
    words = [stripped if len(stripped := token.strip(string.punctuation)) > 2 else token for token in text.split()]
    lower = [w.lower() for w in words]
    in_lexicon = [w in analyzer.lexicon for w in lower]
    scored = [i for i, known in enumerate(in_lexicon) if known]
    if not scored:  # no word VADER knows: every sentiment is 0, and so is the compound score
        return 0.0
    is_cap_diff = _vs.allcap_differential(words)
    last = len(words) - 1
    sentiments = [0] * len(words)
    for i in scored:
        item_lowercase = lower[i]
        # boosters and "kind of" only modify other words
        if item_lowercase in _vs.BOOSTER_DICT or (i < last and item_lowercase == "kind" and lower[i + 1] == "of"):
            continue
        sentiments[i] = _vader_valence(words, lower, in_lexicon, i, is_cap_diff)
    if not any(sentiments):  # the library sums zeros to a compound score of 0.0
        return 0.0
    if "but" in lower:  # the library's "but" rule looks for the lowercased word
        sentiments = analyzer._but_check(words, sentiments)
    return analyzer.score_valence(sentiments, text)["compound"]


pattern_score = _pattern_score
vader_compound = _vader_compound
