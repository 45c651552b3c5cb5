"""Read the parties file once into the setup every stage of an analysis receives.

The parties file says who counts as which government (:mod:`parley.core.parties`)
and, in optional sections, which framing families and condition categories fit
the story (:mod:`parley.core.story`). :func:`resolve_setup` reads it once, at the
entry point (``parley.analyze``, ``analyze_text``, ``to_statements``, ...); the
stages after it, in this process, a process pool or on Dask workers, receive
the :class:`Setup` and never read the file again.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from . import config
from .parties import checked_parties, read_document, resolve_parties
from .story import Story, story_of

__all__ = ["Setup", "load_setup", "resolve_setup"]


@dataclass(frozen=True)
class Setup:
    """What an analysis needs from the parties file: its parties and its story, read once.

    Attributes
    ----------
    parties : dict
        Party name to its settings (``aliases``, ``exclude``, ``generic``,
        ``color``), as :func:`parley.load_parties` returns them; empty without
        parties. Read it, never change it: :attr:`key` hashes it.
    story : Story
        The story's framing families and condition categories, or the defaults.
    """

    parties: dict = field(default_factory=dict, hash=False)
    story: Story = field(default_factory=Story)

    @property
    def key(self) -> str:
        """Return the hash of the parties and the story that keys the cached frames (a change redoes them)."""
        blob = json.dumps([self.parties, self.story.key], sort_keys=True, default=str).encode()
        return "parties-" + hashlib.sha256(blob).hexdigest()[:12]


def load_setup(path: str | Path = config.PARTIES) -> Setup:
    """Read a parties file, once, into its parties and its story.

    Parameters
    ----------
    path : str or Path
        A parties TOML file (see :func:`parley.load_parties` and
        :mod:`parley.core.story`).

    Returns
    -------
    Setup

    Raises
    ------
    ValueError
        If the file is not valid TOML, its parties table or a story section
        is malformed; the message starts with the file's path.
    """
    path = Path(path)
    document = read_document(path)
    return Setup(checked_parties(document.get("parties"), str(path)), story_of(document, str(path), path.parent))


def resolve_setup(parties) -> Setup:
    """Return the setup of what ``parties=`` accepts: a Setup, a parties file, a dict, or None.

    Parameters
    ----------
    parties : Setup, str, Path, dict or None
        A setup (returned as it is); a parties file; the parsed TOML
        document (a dict with a ``parties`` table, and optionally ``framing``
        and ``conditions``); a bare parties table as :func:`parley.load_parties`
        returns it (the default families and categories); or None (no
        parties, the defaults).

    Returns
    -------
    Setup
    """
    if isinstance(parties, Setup):
        return parties
    if isinstance(parties, (str, Path)):
        return load_setup(parties)
    if isinstance(parties, dict) and isinstance(parties.get("parties"), dict):  # a whole parsed file
        return Setup(resolve_parties(parties), story_of(parties, "story", config.ROOT))
    return Setup(resolve_parties(parties))  # a bare table, {} or None; raises TypeError for anything else
