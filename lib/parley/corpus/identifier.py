"""Load py3langid's language identifier with its byte walk done for a whole sample at once.

py3langid finds an article's features by walking a byte automaton one byte
at a time in Python: about 0.1 ms of the 0.25 ms an article's language takes
on a quiet machine, 0.35 ms of 0.55 ms in a whole analysis, where the 40 MB
automaton is seldom in the processor's cache. The automaton is an Aho-Corasick one whose states are strings of at
most :data:`_DEPTH` bytes, so the state after a byte depends only on the bytes
before it within that depth: every state is found at once by walking each
window of the sample from the start state, with numpy, in :data:`_DEPTH` steps.
The walk is then checked against the automaton (each state is the step from
the one before it); the features, their counts and their order (first seen
first, as ``collections.Counter`` keeps them) are then exactly py3langid's,
and so are the scores. A sample the check refuses is walked by py3langid
itself.

The walk reads private parts of py3langid, so it is used only with the
version it was written for (:data:`PINNED`); any other version identifies
languages by itself.
"""
from __future__ import annotations

from collections import Counter
from importlib.metadata import PackageNotFoundError, version

import numpy as np
from py3langid.langid import MODEL_FILE, LanguageIdentifier

__all__ = ["PINNED", "identifier"]

#: The py3langid version whose automaton the walk reads (requirements.txt pins it).
PINNED = "0.4.0"
#: The longest string a state of the model's automaton stands for (checked on every walk).
_DEPTH = 6


def identifier(installed=version) -> LanguageIdentifier:
    """Return py3langid's identifier with normalised probabilities, walking samples at once when it can."""
    try:
        walks = installed("py3langid") == PINNED
    except PackageNotFoundError:
        walks = False
    kind = _Identifier if walks else LanguageIdentifier
    return kind.from_model_file(MODEL_FILE, norm_probs=True)


class _Identifier(LanguageIdentifier):
    """py3langid's identifier whose feature counts come from :func:`_visits`."""

    __slots__ = ("_moves", "_rows", "_outputs")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._moves = np.frombuffer(self.tk_nextmove, dtype=np.dtype(self.tk_nextmove.typecode))  # no copy
        self._rows = np.asarray(self._rowbase, dtype=np.int64)
        self._outputs = np.asarray(self.tk_output, dtype=np.int64)

    def _raw_score(self, text):
        visits = _visits(self, text)
        if not visits:  # no feature, or a walk the check refused: py3langid decides
            return super()._raw_score(text)
        return self._sparse_score(visits, self.nb_ptc)


def _visits(walker: _Identifier, data: bytes) -> Counter | None:
    """Return ``{feature: count}`` in the order features are first met, as py3langid's walk counts them.

    None when the sample has no byte or the window walk disagrees with the automaton.
    """
    sample = np.frombuffer(data, dtype=np.uint8).astype(np.int64)
    if not len(sample):
        return None
    moves, rows = walker._moves, walker._rows
    states = np.zeros(len(sample), dtype=np.int64)
    for back in range(min(_DEPTH, len(sample)) - 1, -1, -1):  # the byte `back` places before each position, oldest first
        states[back:] = moves[rows[states[back:]] + sample[:len(sample) - back]]
    if not np.array_equal(moves[rows[states[:-1]] + sample[1:]], states[1:]):  # each state one step on
        return None
    features = walker._outputs[states]
    features = features[features >= 0]
    if not len(features):
        return None
    return Counter(features.tolist())  # first met first, as py3langid's Counter keeps them
