"""Choose articles and two parties to compare: a pure selection and notebook controls.

Each notebook applies :func:`select` to its frames with its parameters
``ARTICLE_IDS``, ``PARTY_A`` and ``PARTY_B`` (so a papermill run reproduces a
choice) and ends with :func:`controls`, which start from the same values.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd


def select(frame: pd.DataFrame, *, article_ids: Iterable[str] | str | None = None,
           pair: Iterable[str | None] = (None, None)) -> pd.DataFrame:
    """Keep the rows of the chosen articles and parties.

    Parameters
    ----------
    frame : pandas.DataFrame
        Any parley frame with an ``article_id`` column and, optionally, ``party``.
    article_ids : iterable of str, or str, optional
        The articles to keep; None keeps all, an empty collection none.
    pair : iterable of str or None
        The parties to keep (usually two); None entries are ignored, so
        ``(None, None)`` keeps every party, rows without a party included. A
        frame without a ``party`` column is filtered by articles only.

    Returns
    -------
    pandas.DataFrame
        A copy of the kept rows, in their original order and index.

    Raises
    ------
    ValueError
        If the pair names the same government twice (see :func:`check_pair`).
    """
    check_pair(*pair)
    keep = pd.Series(True, index=frame.index)
    if article_ids is not None:
        # papermill passes a single `-p ARTICLE_IDS abc` as a string, not a list
        ids = [article_ids] if isinstance(article_ids, str) else list(article_ids)
        keep &= frame["article_id"].isin(ids)
    parties = [p for p in pair if p]
    if parties and "party" in frame.columns:
        keep &= frame["party"].isin(parties)
    return frame[keep].copy()


def check_pair(party_a: str | None = None, party_b: str | None = None, *more) -> None:
    """Refuse a comparison of a government with itself.

    Parameters
    ----------
    party_a, party_b : str or None
        The notebook parameters ``PARTY_A`` and ``PARTY_B`` (None: not chosen).

    Raises
    ------
    ValueError
        If both name the same government, with a message saying what to change.
    """
    chosen = [p for p in (party_a, party_b, *more) if p]
    repeated = [p for p in dict.fromkeys(chosen) if chosen.count(p) > 1]
    if repeated:
        raise ValueError(f"PARTY_A and PARTY_B are both {repeated[0]!r}: a government cannot be compared with itself. "
                         "Choose two different governments (or set one of them to None).")


def controls(articles: pd.DataFrame, parties: Iterable[str], *, article_ids: Iterable[str] | str | None = None,
             party_a: str | None = None, party_b: str | None = None,
             draw: Callable[[tuple, tuple], object]):
    """Build widgets that choose articles and two parties and redraw charts on every change.

    Parameters
    ----------
    articles : pandas.DataFrame
        Columns ``article_id`` and ``title`` (``path`` labels an untitled article).
    parties : iterable of str
        The party names offered, e.g. ``analysis.parties``.
    article_ids : iterable of str, or str, optional
        The articles chosen at first; None chooses all.
    party_a, party_b : str, optional
        The parties chosen at first; None takes the first party not already chosen.
    draw : callable
        Called as ``draw(article_ids, (party_a, party_b))`` (a tuple of ids and a
        tuple of two names) inside the widgets' output area whenever a control
        changes. It is not called when the widgets are built: a headless run
        (papermill) never writes into an output widget, where nbclient can block
        (jupyter/nbclient#312).

    Returns
    -------
    ipywidgets.VBox
        The article picker, the "Party A" and "Party B" dropdowns and the output area.

    Raises
    ------
    ValueError
        If an initial article or party is not among those offered.
    """
    import ipywidgets as widgets  # here, so that `import parley` does not load the widget stack

    parties = list(parties)
    ids = articles["article_id"].tolist()
    chosen, (party_a, party_b) = _first_choice(ids, parties, article_ids, party_a, party_b)
    picker = widgets.SelectMultiple(options=list(zip(_labels(articles), ids)), value=tuple(chosen),
                                    description="Articles", rows=min(max(len(ids), 2), 8),
                                    layout=widgets.Layout(width="60%"))
    first = widgets.Dropdown(options=parties, value=party_a, description="Party A")
    second = widgets.Dropdown(options=parties, value=party_b, description="Party B")
    output = widgets.Output()

    def redraw(change):
        with output:
            output.clear_output(wait=True)
            try:
                check_pair(first.value, second.value)
            except ValueError as error:
                print(error)  # shown in place of the charts until two different governments are chosen
                return
            draw(tuple(picker.value), (first.value, second.value))

    for control in (picker, first, second):
        control.observe(redraw, names="value")
    return widgets.VBox([widgets.HBox([picker, widgets.VBox([first, second])]), output])


def _first_choice(ids: list[str], parties: list[str], article_ids: Iterable[str] | str | None,
                  party_a: str | None, party_b: str | None) -> tuple[list[str], tuple[str | None, str | None]]:
    """Return the articles and the two parties the controls start from, filling in a party not chosen.

    Parameters
    ----------
    ids : list of str
        The articles offered.
    parties : list of str
        The parties offered.
    article_ids : iterable of str, or str, optional
        The articles chosen at first; None chooses all.
    party_a, party_b : str, optional
        The parties chosen at first; None takes the first party not already chosen.

    Returns
    -------
    tuple
        The chosen article ids and the pair of parties.

    Raises
    ------
    ValueError
        If an article or party is not among those offered, or the pair names one government twice.
    """
    chosen = [article_ids] if isinstance(article_ids, str) else list(ids if article_ids is None else article_ids)
    unknown = ({party_a, party_b} - {None} - set(parties)) | (set(chosen) - set(ids))
    if unknown:
        raise ValueError(f"not among the articles or parties offered: {sorted(unknown)}")
    check_pair(party_a, party_b)
    party_a = party_a or next((p for p in parties if p != party_b), None)
    party_b = party_b or next((p for p in parties if p != party_a), None)
    return chosen, (party_a, party_b)


def _labels(articles: pd.DataFrame) -> list[str]:
    """Return each article's title, else its path, else its id."""
    label = articles["article_id"].astype(str)
    for column in ("path", "title"):  # later columns win where present
        if column in articles.columns:
            text = articles[column].astype("string").str.strip()
            label = text.where(text.notna() & (text != ""), label)
    return label.tolist()
