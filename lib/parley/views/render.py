"""Render text with highlighted spans as escaped HTML (for notebooks and the report)."""
from __future__ import annotations

import datetime
import html
import re
from collections.abc import Callable, Iterable

import pandas as pd

from ..rollup.summaries import SMALL

__all__ = ["STYLE", "article_html", "document_table", "evidence_table", "highlight", "in_context", "readable_date",
           "show_table", "summary_table"]

#: CSS shared by notebooks and the report; classes name what a span is.
STYLE = """<style>
.parley-text{font-family:Georgia,serif;line-height:1.6;max-width:60em}
.parley-text mark{background:none;padding:0 .1em;border-radius:.2em}
.parley-text .speaker{font-weight:bold;border-bottom:2px solid var(--party,#777)}
.parley-text .cue{font-style:italic;text-decoration:underline dotted}
.parley-text .content{background:color-mix(in srgb,var(--party,#999) 14%,transparent)}
.parley-text .marker{background:#f5c542;font-weight:bold}
.parley-text .condition{background:#fbe7a1;border-bottom:2px solid #d4a017}
.parley-text .term{background:#d6eaf8;border-bottom:1px solid #2e86c1}
/* JupyterLab right-aligns output cells with a two-class selector: the second pair matches it */
.parley-table td,.parley-table th,.jp-RenderedHTMLCommon .parley-table td,.jp-RenderedHTMLCommon .parley-table th{
 text-align:left;vertical-align:top;padding:.2em .5em}
/* a widget's HTML sets a tall line height (one widget row): the review card's facts keep the text's */
.widget-html-content .parley-review{line-height:1.35}
.parley-block-headline{font-size:1.3em;font-weight:bold;margin:.3em 0}
.parley-block-standfirst{font-style:italic;margin:.2em 0 .2em 1em}
.parley-block-caption{font-size:.85em;color:#555;margin:.2em 0 .2em 1em}
.parley-block-body{margin:.5em 0}
.parley-notes{color:#9c3d1f;margin:.4em 0 1em 1.2em;padding:0}
</style>"""


def highlight(text: str, spans: Iterable[tuple], *, start: int = 0, end: int | None = None) -> str:
    """Return ``text[start:end]`` as escaped HTML with spans wrapped in ``<mark>``.

    Parameters
    ----------
    text : str
        The text the offsets point into (an article text, say).
    spans : iterable of tuples
        ``(start, end, css_class)`` or ``(start, end, css_class, title)`` or
        ``(start, end, css_class, title, color)``, absolute offsets into
        ``text``. Spans may nest; partly overlapping spans are clipped to the
        enclosing one so the HTML stays well formed. A span with a missing
        offset is skipped; a missing title or colour (None or NaN) is left out.
    start, end : int
        The window of ``text`` to render.

    Returns
    -------
    str
        HTML in which every character of the text is escaped (so ``<script>``
        shows as text).
    """
    end = len(text) if end is None else end
    items = []
    for span in spans:
        s, e, cls, *rest = span
        if _missing(s) or _missing(e):
            continue
        s, e = max(int(s), start), min(int(e), end)
        if s < e:
            title = rest[0] if rest and not _missing(rest[0]) else None
            color = rest[1] if len(rest) > 1 and not _missing(rest[1]) else None
            items.append((s, e, str(cls), title, color))
    items.sort(key=lambda x: (x[0], -x[1]))
    out: list[str] = []
    stack: list[int] = []  # end offsets of open marks
    pos = start
    for s, e, cls, title, color in items:
        while stack and stack[-1] <= s:
            out.append(html.escape(text[pos:stack[-1]]) + "</mark>")
            pos = stack.pop()
        if stack:
            e = min(e, stack[-1])  # clip a partial overlap into the enclosing mark
        out.append(html.escape(text[pos:s]))
        attrs = f' class="{html.escape(cls)}"'
        if title:
            attrs += f' title="{html.escape(str(title))}"'
        if color:
            attrs += f' style="--party:{html.escape(str(color))}"'
        out.append(f"<mark{attrs}>")
        stack.append(e)
        pos = s
    while stack:
        out.append(html.escape(text[pos:stack[-1]]) + "</mark>")
        pos = stack.pop()
    out.append(html.escape(text[pos:end]))
    return '<div class="parley-text">' + "".join(out).replace("\n", "<br>") + "</div>"


def evidence_table(frame: pd.DataFrame, columns: list[str] | None = None, *, html_columns: Iterable[str] = ()) -> str:
    """Return a frame as an HTML table with every cell escaped except ``html_columns``.

    Parameters
    ----------
    frame : pandas.DataFrame
        The rows to show.
    columns : list of str, optional
        The columns to show, in order (default: all).
    html_columns : iterable of str
        Columns that already hold escaped HTML (from :func:`highlight`).

    Returns
    -------
    str
        An HTML ``<table>``.
    """
    columns = list(frame.columns) if columns is None else columns
    trusted = set(html_columns)
    # Each header names its column in a class (col-sentence, col-party...), so a style can size it.
    head = "".join(f'<th class="col-{_slug(c)}">{html.escape(str(c)).replace("_", "_<wbr>")}</th>' for c in columns)
    body = []
    for row in frame[columns].itertuples(index=False):
        cells = []
        for col, value in zip(columns, row):
            shown = "" if _missing(value) else value
            cells.append(f"<td>{shown if col in trusted else html.escape(str(shown))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f'<table class="parley-table"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def document_table(frame: pd.DataFrame, columns: dict[str, str], *, html_columns: Iterable[str] = (),
                   css: str = "") -> str:
    """Return a frame as a table to read in a document: human column names, no index, dates as dates, numbers rounded.

    Parameters
    ----------
    frame : pandas.DataFrame
        The rows to show.
    columns : dict of str to str
        The columns to show, in order, each with the name the reader sees
        ("speaker": "Speaker").
    html_columns : iterable of str
        Columns that already hold escaped HTML; every other cell is escaped.
    css : str
        Extra classes of the table (each column's cells also carry
        ``col-<column>``, so a style can size it).

    Returns
    -------
    str
        An HTML ``<table>``: a date or timestamp shows as "25 Jan 2024", a
        float with two decimals, a missing value as an empty cell.
    """
    trusted = set(html_columns)
    head = "".join(f'<th class="col-{_slug(c)}">{html.escape(name)}</th>' for c, name in columns.items())
    body = []
    for row in frame[list(columns)].itertuples(index=False):
        cells = "".join(f'<td class="col-{_slug(c)}">{v if c in trusted else html.escape(_readable(v))}</td>'
                        for c, v in zip(columns, row))
        body.append(f"<tr>{cells}</tr>")
    return (f'<table class="parley-table document {html.escape(css)}"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


def readable_date(value) -> str:
    """Return a date as "25 Jan 2024" ("" when missing or not a date)."""
    stamp = pd.to_datetime(value, errors="coerce") if not isinstance(value, pd.Timestamp) else value
    return "" if _missing(stamp) else f"{stamp.day} {stamp:%b %Y}"


def _readable(value) -> str:
    """Return a cell as the reader should see it."""
    if _missing(value):
        return ""
    if isinstance(value, (pd.Timestamp, datetime.date)):
        return readable_date(value)
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def summary_table(table: pd.DataFrame, differences: pd.DataFrame | None = None) -> str:
    """Return a summary table of :mod:`parley.summaries` as escaped HTML, with its notes and comparisons below.

    Parameters
    ----------
    table : pandas.DataFrame
        A table from :mod:`parley.summaries`; shares (and their intervals)
        are written as percentages, means with two decimals (no interval for
        a mean of fewer than 5 values: "n=3: no interval"), ``small`` as
        "yes", and each distinct ``note`` once below the table.
    differences : pandas.DataFrame, optional
        Output of :func:`parley.summaries.differences`; its notes (which
        differences are within noise) are listed below the table; those that
        rest on too few statements are already named by the table's notes.

    Returns
    -------
    str
        The table and a list of plain sentences.
    """
    shown = table.drop(columns=["note"], errors="ignore").copy()
    shares = table.attrs.get("value") == "share"
    for column in shown.columns:
        if column in ("share", "low", "high", "denied_share", "denied_low", "denied_high") and shares:
            shown[column] = [None if _missing(v) else f"{v:.0%}" for v in shown[column]]
        elif column in ("mean", "low", "high", "per_statement"):
            shown[column] = [None if _missing(v) else f"{v:.2f}" for v in shown[column]]
    if not shares and {"low", "high", "n"} <= set(shown.columns):
        # A bootstrap "interval" of fewer than SMALL values is only their range: none is shown.
        few = pd.to_numeric(table["n"], errors="coerce").fillna(0).to_numpy() < SMALL
        shown.loc[few, "low"] = [f"n={int(n)}: no interval" for n in table.loc[few, "n"]]
        shown.loc[few, "high"] = ""
    if "small" in shown:
        shown["small"] = ["yes: too few to compare" if v else "" for v in shown["small"]]
    notes = list(dict.fromkeys(n for n in table.get("note", []) if isinstance(n, str) and n))
    # A comparison resting on too few statements is already named by its rows' notes.
    compared = (differences[~differences["small"].astype(bool)] if differences is not None and len(differences)
                else pd.DataFrame(columns=["note"]))
    notes += [n for n in dict.fromkeys(compared["note"]) if n not in notes]
    items = "".join(f"<li>{html.escape(n)}</li>" for n in notes)
    rule = ("<li>Within noise: the two 95% intervals overlap; these data do not show a difference.</li>"
            if len(compared) else "")
    body = evidence_table(shown) if len(shown) else "<p><i>No rows.</i></p>"
    return body + (f"<ul class='parley-notes'>{items}{rule}</ul>" if items or rule else "")


def article_html(text: str, blocks: pd.DataFrame, spans: Iterable[tuple]) -> str:
    """Return an article as escaped HTML, block by block, with spans highlighted.

    Parameters
    ----------
    text : str
        The article text the offsets point into.
    blocks : pandas.DataFrame
        The article's rows of :func:`parley.to_blocks` (``block``, ``start``,
        ``end``, ``credit``); image URLs and placeholders between blocks are
        not shown.
    spans : iterable of tuples
        As for :func:`highlight`.

    Returns
    -------
    str
        One ``<div>`` per block; captions end with their photo credit.
    """
    spans = list(spans)
    parts = []
    for b in blocks.itertuples():
        inner = highlight(text, spans, start=int(b.start), end=int(b.end))
        credit = b.credit if isinstance(b.credit, str) and b.credit else None
        if credit:
            inner += f" <span class=\"parley-credit\">(Photo: {html.escape(credit)})</span>"
        parts.append(f'<div class="parley-block-{html.escape(b.block)}">{inner}</div>')
    return '<div class="parley-text">' + "".join(parts) + "</div>"


def in_context(frame: pd.DataFrame, articles: pd.DataFrame, spans: Callable[[tuple], Iterable[tuple]], *,
               sentences: pd.DataFrame | None = None) -> pd.Series:
    """Render each row's sentence as escaped HTML with the row's spans highlighted.

    Parameters
    ----------
    frame : pandas.DataFrame
        Rows with ``article_id`` and, optionally, ``sentence_id`` (statements,
        conditions, phrasing terms, keyword-in-context lines...).
    articles : pandas.DataFrame
        Columns ``article_id`` and ``text``, e.g. ``analysis.articles``.
    spans : callable
        Called with each row (a namedtuple of ``frame.itertuples()``); returns
        the row's spans as for :func:`highlight`, offsets into the article.
    sentences : pandas.DataFrame, optional
        Columns ``sentence_id``, ``start`` and ``end``, e.g.
        ``analysis.sentences``. The window shown is the row's sentence, widened
        to cover every span; for a row whose sentence is unknown (or without
        ``sentences``), the spans alone.

    Returns
    -------
    pandas.Series
        HTML per row, named ``"sentence"``, with the frame's index; ``""`` for
        a row with neither a known sentence nor a span.
    """
    texts = dict(zip(articles["article_id"], articles["text"]))
    bounds = {} if sentences is None else dict(zip(sentences["sentence_id"], zip(sentences["start"], sentences["end"])))
    out = []
    for row in frame.itertuples():
        marks = [s for s in spans(row) if not (_missing(s[0]) or _missing(s[1]))]
        window = [(int(s[0]), int(s[1])) for s in marks]
        sentence = getattr(row, "sentence_id", None)
        if not _missing(sentence) and sentence in bounds:
            window.append((int(bounds[sentence][0]), int(bounds[sentence][1])))
        text = texts.get(row.article_id)
        out.append(highlight(text, marks, start=min(s for s, _ in window), end=max(e for _, e in window))
                   if window and isinstance(text, str) else "")
    return pd.Series(out, index=frame.index, name="sentence", dtype=object)


def show_table(frame: pd.DataFrame, *, html_columns: Iterable[str] = (), empty: str = "No rows.") -> None:
    """Display a frame in a notebook as an escaped HTML table (see :func:`evidence_table`).

    Parameters
    ----------
    frame : pandas.DataFrame
        The rows to show.
    html_columns : iterable of str
        Columns that already hold escaped HTML (from :func:`in_context`).
    empty : str
        The note shown instead of a frame without rows.
    """
    from IPython.display import HTML, display  # here, so that `import parley` does not need IPython

    shown = evidence_table(frame, html_columns=html_columns) if len(frame) else f"<p><i>{html.escape(empty)}</i></p>"
    display(HTML(shown))


def _slug(name) -> str:
    """Return a column name as a CSS class suffix: lower case letters, digits and hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", str(name).lower()).strip("-") or "column"


def _missing(value) -> bool:
    """Say whether a cell is missing (None, NaN, NA); frames from a cache may hold NaN where others hold None."""
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))
