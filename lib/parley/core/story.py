"""Read a story's own framing families and condition categories (the story setup).

The parties file may say, next to who counts as which government, which
framing families and which condition categories fit the story; the general
defaults (``lib/parley/lexicons/framing.csv``, ``condition_categories.csv``) are
used for whatever it leaves out::

    [framing]                      # family = [terms]; replaces framing.csv
    "export controls / security" = ["export controls", "national security"]
    "retaliation / pressure" = ["retaliation", "retaliatory", "countermeasures"]

    [conditions]                   # category = [terms]; replaces condition_categories.csv
    "reciprocity" = ["Seoul", "Tokyo", "the other side"]
    "legal or court rulings" = ["court", "ruling", "compensation"]

Either section may instead name a CSV file with the default's columns,
relative to the parties file: ``framing = "framing-japan-korea.csv"``
(``term,family``) or ``conditions = "categories.csv"``
(``term,category,case_sensitive``). Terms match whole words (framing terms in
every inflection, :mod:`parley.core.lemmas`); condition terms
ignore case except short all-caps acronyms ("IS", "EU"), as party aliases do.
"""
from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from . import config
from .parties import read_document

__all__ = ["DEFAULTS", "Story", "load_story", "resolve_story", "story_of"]

#: What a story without its own section uses, as shown in :attr:`Story.framing_source`.
DEFAULTS = "defaults"


@dataclass(frozen=True)
class Story:
    """A story's framing families and condition categories, or None for the defaults.

    Attributes
    ----------
    framing : tuple of (term, family), or None
        The framing terms; None uses ``lib/parley/lexicons/framing.csv``.
    conditions : tuple of (term, category, case_sensitive), or None
        The condition category keywords; None uses
        ``lib/parley/lexicons/condition_categories.csv``.
    framing_source, conditions_source : str
        Where each came from: the file's path, or ``"defaults"``.
    """

    framing: tuple | None = None
    conditions: tuple | None = None
    framing_source: str = DEFAULTS
    conditions_source: str = DEFAULTS

    @property
    def key(self) -> str:
        """Return a short hash of the families and categories (part of the analysis cache key)."""
        blob = json.dumps([self.framing, self.conditions]).encode()
        return hashlib.sha256(blob).hexdigest()[:12]

    def families(self) -> list[str]:
        """Return the story's framing families in file order (empty for the defaults)."""
        return list(dict.fromkeys(family for _, family in self.framing or ()))

    def categories(self) -> list[str]:
        """Return the story's condition categories in file order (empty for the defaults)."""
        return list(dict.fromkeys(category for _, category, _ in self.conditions or ()))

    def __str__(self) -> str:
        return (f"framing families: {self._describe(self.framing_source, config.LEXICONS / 'framing.csv')}\n"
                f"condition categories: "
                f"{self._describe(self.conditions_source, config.LEXICONS / 'condition_categories.csv')}")

    @staticmethod
    def _describe(source: str, default: Path) -> str:
        return f"defaults ({default})" if source == DEFAULTS else source


def load_story(path: str | Path = config.PARTIES) -> Story:
    """Read the ``[framing]`` and ``[conditions]`` sections of a parties file.

    Parameters
    ----------
    path : str or Path
        A parties TOML file (see :func:`parley.load_parties`); sections it
        does not have fall back to the defaults.

    Returns
    -------
    Story
        With the sources set to ``path`` (or the CSV a section names) for
        each section found.

    Raises
    ------
    ValueError
        If the file is not valid TOML or a section is malformed; the message
        starts with the file's path.
    """
    path = Path(path)
    return story_of(read_document(path), str(path), path.parent)


def resolve_story(story) -> Story:
    """Return a Story from a Story, a parties file, a parsed parties document, or None (defaults).

    Parameters
    ----------
    story : Story, str, Path, dict or None
        A loaded story; a parties file with optional ``[framing]`` and
        ``[conditions]`` sections; the parsed TOML document (a dict with
        ``framing`` / ``conditions`` keys); or None for the defaults.

    Returns
    -------
    Story
    """
    if story is None:
        return Story()
    if isinstance(story, Story):
        return story
    if isinstance(story, (str, Path)):
        return load_story(story)
    if isinstance(story, dict):
        return story_of(story, "story", config.ROOT)
    raise TypeError(f"story must be a Story, a path, a dict or None, not {type(story).__name__}")


def story_of(data: dict, where: str, folder: Path) -> Story:
    """Return the story of a parsed parties file: its ``[framing]`` and ``[conditions]`` sections, or the defaults.

    Parameters
    ----------
    data : dict
        The parsed TOML document.
    where : str
        What error messages start with: the file's path.
    folder : Path
        Where CSV files that a section names are found.

    Returns
    -------
    Story
    """
    framing, framing_source = _section(data.get("framing"), where, folder, "framing", "family")
    conditions, conditions_source = _section(data.get("conditions"), where, folder, "conditions", "category")
    if framing is not None:
        framing = tuple((term, label) for term, label, _ in framing)
    return Story(framing, conditions, framing_source, conditions_source)


def _section(value, where: str, folder: Path, name: str, column: str) -> tuple[tuple | None, str]:
    """Return a section's ``(term, label, case_sensitive)`` rows and its source, or (None, defaults)."""
    if value is None:
        return None, DEFAULTS
    if isinstance(value, str):
        return _csv(folder / value, column), str(folder / value)
    if not isinstance(value, dict) or not value:
        raise ValueError(f"{where}: [{name}] must map each {column} to a list of terms, or name a CSV file")
    rows = []
    for label, terms in value.items():
        if not isinstance(terms, list) or not terms or not all(isinstance(t, str) and t.strip() for t in terms):
            raise ValueError(f"{where}: [{name}] {label!r} needs a non-empty list of terms")
        rows += [(t.strip(), str(label).strip(), _acronym(t.strip())) for t in terms]
    return tuple(rows), where


def _csv(path: Path, column: str) -> tuple:
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = [r for r in csv.DictReader(handle) if (r.get("term") or "").strip()]
    except OSError as exc:
        raise ValueError(f"{path}: cannot read: {exc}") from exc
    if rows and column not in rows[0]:
        raise ValueError(f"{path}: needs the columns term,{column}")
    return tuple((r["term"].strip(), r[column].strip(),
                  (r.get("case_sensitive") or "").strip().lower() in ("yes", "true", "1")) for r in rows)


def _acronym(term: str) -> bool:
    """Say whether a term is a short all-caps acronym, matched case-sensitively ("IS" is not "is")."""
    return term.isupper() and len(term) <= 4
