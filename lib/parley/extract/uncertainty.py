"""Say which statements rest on an uncertain decision, so an analyst can check them first.

A statement's government is uncertain when its speaker was found through a
pronoun or "the latter", when a close second antecedent of another government
was possible, when nothing was found, or when the cue that made it a statement
is a weak one (a participle, a quote read as a document's). The rules are data:
``lib/parley/lexicons/uncertainty.csv`` (``rule,field,pattern,reason``): a regular
expression matched against the statement's ``party_evidence`` or ``rule``, and
the reason shown (which may name a group of the match, ``\\1``).
"""
from __future__ import annotations

import functools
import re

from ..core.lexicons import built_from, read_lexicon

__all__ = ["uncertainty"]


@built_from("uncertainty.csv")
def _rules() -> tuple[tuple[str, str, re.Pattern, str], ...]:
    return tuple((row["rule"].strip(), row["field"].strip(), re.compile(row["pattern"].strip()),
                  row["reason"].strip()) for row in read_lexicon("uncertainty.csv"))


def uncertainty(rule: str | None, evidence: str | None) -> str | None:
    """Return why a statement's government is uncertain ("U03 resolved through a pronoun; ..."), or None.

    Parameters
    ----------
    rule : str or None
        The rule that found the statement (``rule`` column).
    evidence : str or None
        How its party was decided (``party_evidence`` column).

    Returns
    -------
    str or None
        Each matching rule's id and reason, joined by "; "; None when the
        decision rests on the speaker's own words and a firm cue.
    """
    return _uncertainty(rule or "", evidence or "", _rules())


@functools.lru_cache(maxsize=8192)
def _uncertainty(rule: str, evidence: str, rules) -> str | None:
    reasons = []
    for rid, field, pattern, reason in rules:
        m = pattern.search(evidence if field == "evidence" else rule)
        if m:
            reasons.append(f"{rid} {m.expand(reason) if m.groups() else reason}")
    return "; ".join(reasons) or None
