"""Give English words their dictionary form, so a lexicon entry matches every inflection of it.

The lemmas come from simplemma (a dictionary of English word forms shipped
inside the package: nothing is downloaded). A dictionary lemmatiser keeps
words apart that a stemmer would merge ("security" and "secure", "normal" and
"normalization") and still maps "threatened" to "threaten", "terrorists" to
"terrorist" and "talks" to "talk". Words the dictionary does not know are
their own lemma.
"""
from __future__ import annotations

import simplemma

__all__ = ["lemma", "lemmatize"]

#: Lemmas already looked up: a dictionary read is much cheaper than asking simplemma again.
_SEEN: dict[str, str] = {}
_MAX_SEEN = 200_000  # an archive's vocabulary; past that, start afresh rather than grow without end


def lemma(word: str) -> str:
    """Return the dictionary form of one lowercased word.

    Parameters
    ----------
    word : str
        A token as :func:`parley.terms.tokenize` folds it ("threatened").

    Returns
    -------
    str
        Its lemma ("threaten"); the word itself when the dictionary does not
        know it, or when it holds no letter.
    """
    found = _SEEN.get(word)
    if found is None:
        if len(_SEEN) >= _MAX_SEEN:
            _SEEN.clear()
        found = _SEEN[word] = _lookup(word)
    return found


def lemmatize(words) -> list[str]:
    """Return the lemma of each lowercased word, in order.

    Parameters
    ----------
    words : iterable of str

    Returns
    -------
    list of str
    """
    seen = _SEEN
    return [seen.get(w) or lemma(w) for w in words]


def _lookup(word: str) -> str:
    if not any(c.isalpha() for c in word):
        return word
    if "-" in word:  # "de-escalation", "self-defence": the last part carries the inflection
        head, _, last = word.rpartition("-")
        return f"{head}-{_lookup(last)}" if last else word
    found = simplemma.lemmatize(word, lang="en")
    return found.lower() if found else word
