"""Draw parley's charts in one house style and save them with provenance.

Every ``plot_*`` function takes a frame first, draws on ``ax`` (a new figure
when None) with object-oriented matplotlib only, and returns the Axes. The
house style (:data:`STYLE`) is applied with :func:`style` inside each
function, never to the global rcParams. Empty inputs draw a "no data" note
instead of failing, so a notebook runs on any article.

:func:`save_figure` writes PNG (300 dpi), SVG and PDF into ``<out>/figures``
with provenance metadata, the evidence table behind the chart, and an entry in
``<out>/figures/manifest.json`` that :mod:`parley.report` reads.
"""
from __future__ import annotations

import contextlib
import functools
import io
import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: notebooks there run one at a time (see parley.report.JOBS)
    fcntl = None

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import cycler
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import PercentFormatter
from matplotlib.transforms import ScaledTranslation

from ..core import config
from ..corpus.articles import mark_output
from ..core.parties import NO_PARTY, PALETTE
from ..extract.statements import count_statements
from ..rollup import summaries
from ..rollup.summaries import NARRATION
from .render import evidence_table, show_table

__all__ = [
    "STYLE", "style", "save_figure", "show_figure", "drop_figures", "plot_statement_counts", "plot_sentiment", "plot_lexicons",
    "plot_framing", "plot_phrasing", "plot_commitment", "plot_distinctive_terms",
    "plot_condition_share", "plot_condition_categories",
]

#: Colour of :data:`parley.parties.NO_PARTY` and narration, which are not a government.
NEUTRAL = "#9e9e9e"
MODES = ["direct", "mixed", "indirect", "according_to"]
_MODE_COLORS = {"direct": "#264653", "mixed": "#2a9d8f", "indirect": "#8ab17d", "according_to": "#e9c46a"}
_MODE_NAMES = {"direct": "direct: full quote", "mixed": "mixed: partial quote", "indirect": "indirect: paraphrase",
               "according_to": "according to: attribution phrase"}

#: The house style. PDF fonts are embedded as TrueType (Type 42), so text stays
#: text (selectable, editable in Illustrator/Inkscape). SVG text is drawn as
#: paths, so an SVG looks the same on any machine and in any browser whether or
#: not it has DejaVu Sans; the PDF is the editable-text format.
STYLE = {
    "figure.figsize": (7.5, 4.2),
    "figure.dpi": 100,
    "figure.facecolor": "white",
    "figure.constrained_layout.use": True,
    "savefig.facecolor": "white",
    "font.family": "DejaVu Sans",
    "font.size": 9.5,
    "axes.titlesize": 11.5,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.titlepad": 10,
    "axes.labelsize": 9.5,
    "axes.labelcolor": "#333333",
    "axes.edgecolor": "#888888",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "axes.prop_cycle": cycler(color=PALETTE),
    "grid.color": "#e3e3e3",
    "grid.linewidth": 0.7,
    "xtick.color": "#444444",
    "ytick.color": "#444444",
    "legend.frameon": False,
    "legend.fontsize": 8.5,
    "pdf.fonttype": 42,
    "svg.fonttype": "path",
}


def style():
    """Return a context manager that applies the house style temporarily.

    Returns
    -------
    contextlib.AbstractContextManager
        ``matplotlib.rc_context(STYLE)``; use it around ``plt.subplots()`` to
        draw your own axes in the house style.
    """
    return mpl.rc_context(STYLE)


def _styled(func):
    """Run a plot function inside the house style."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with style():
            return func(*args, **kwargs)
    return wrapper


# --------------------------------------------------------------------------- helpers

def _axes(ax, rows: int | None = None, figsize=None):
    """Return ``ax``, or the axes of a new figure whose height fits ``rows`` horizontal bars or rows."""
    if ax is not None:
        return ax
    if rows is not None:
        figsize = (STYLE["figure.figsize"][0], min(max(2.8, 1.7 + 0.32 * rows), 11))
    _fig, ax = plt.subplots(figsize=figsize)
    return ax


def _empty(frame: pd.DataFrame | None, columns: list[str]) -> bool:
    """Say whether there is nothing to draw; a non-empty frame without the columns is an error."""
    if frame is None or len(frame) == 0:
        return True
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"frame lacks column(s) {missing}; it has {list(frame.columns)}")
    return False


def _no_data(ax, title: str, note: str = "No data: no statements in the selected articles.") -> plt.Axes:
    ax.set_title(title)
    ax.text(0.5, 0.5, note, ha="center", va="center", transform=ax.transAxes, color="#666666", wrap=True)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    return ax


def _count(frame: pd.DataFrame | None, column: str) -> int:
    """Count the distinct values of a column (missing counts as one), 1 when there is none."""
    if frame is None or column not in frame or frame.empty:
        return 1
    return max(frame[column].nunique(dropna=False), 1)


def _count_parties(frame: pd.DataFrame | None) -> int:
    return _count(frame, "party")


def _parties(series: pd.Series, none_label: str = NO_PARTY) -> pd.Series:
    """Return party names with missing parties labelled, as plain strings."""
    return series.astype(object).where(series.notna(), none_label).astype(str)


def _order(labels, colors: dict | None) -> list[str]:
    """Order parties as in the parties file (colour dict), others by first appearance, unattributed last."""
    seen = list(dict.fromkeys(labels))
    known = [p for p in (colors or {}) if p in seen]
    rest = [p for p in seen if p not in known and p not in (NO_PARTY, "narration")]
    return known + rest + [p for p in (NO_PARTY, "narration") if p in seen]


def _color_map(parties: list[str], colors: dict | None) -> dict[str, str]:
    colors = dict(colors or {})
    spare = iter(c for c in PALETTE * 3 if c not in colors.values())
    return {p: NEUTRAL if p in (NO_PARTY, "narration") else colors.get(p) or next(spare) for p in parties}


def _legend_below(ax, handles=None, ncol=4, **kwargs):
    """Put the legend under the x label, a fixed distance in inches whatever the axes' height."""
    lines = ax.get_xlabel().count("\n") + 1 if ax.get_xlabel() else 0
    below = ax.transAxes + ScaledTranslation(0, -(0.32 + 0.17 * lines), ax.figure.dpi_scale_trans)
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0), bbox_transform=below, ncol=ncol,
              **kwargs)


#: Colour of the notes on small numbers under a chart's title.
_NOTE_COLOR = "#9c3d1f"
#: Hatch of denied framing terms ("this is not a withdrawal"): drawn apart, never as use.
_DENIED_HATCH = "////"


def _once(statements: pd.DataFrame) -> str:
    """Say under a chart that repeated quotes count once, when the statements were made unique and some were."""
    if "reports" not in statements or not (statements["reports"] > 1).any():
        return ""
    return "\nA quote that several articles carry counts once (parley.reprints)"


def _interval_bars(ax, bars: pd.DataFrame, *, xmax: float | None = None, fontsize: float = 7.5,
                   height: float = 0.8) -> None:
    """Draw horizontal bars with interval whiskers and a label after each, in groups.

    ``bars`` has one row per bar: ``group`` (a y tick), ``bar`` (its slot in
    the group), ``value``, ``low``, ``high``, ``label``, ``color`` and,
    optionally, ``hatch`` (a hatched bar is drawn in outline). ``xmax`` fixes
    the scale's end (1 for shares); the axis extends past it for the labels.
    """
    groups, slots = list(dict.fromkeys(bars["group"])), list(dict.fromkeys(bars["bar"]))
    size = height / max(len(slots), 1)
    ends = np.fmax(bars["value"].to_numpy(float), bars["high"].to_numpy(float))
    top = xmax if xmax is not None else float(np.nanmax(ends)) if np.isfinite(ends).any() else 0
    top = top if top > 0 else 1
    hatches = bars["hatch"].tolist() if "hatch" in bars else [None] * len(bars)
    for (_, row), end, hatch in zip(bars.iterrows(), ends, hatches):
        y = groups.index(row["group"]) - height / 2 + size * (slots.index(row["bar"]) + 0.5)
        value = 0.0 if pd.isna(row["value"]) else float(row["value"])
        if isinstance(hatch, str):
            ax.barh(y, value, height=size * 0.88, facecolor="white", edgecolor=row["color"], hatch=hatch, lw=1)
        else:
            ax.barh(y, value, height=size * 0.88, color=row["color"])
        if pd.notna(row["low"]) and pd.notna(row["high"]):
            ax.errorbar(value, y, xerr=[[value - row["low"]], [row["high"] - value]], fmt="none",
                        ecolor="#222222", elinewidth=1, capsize=2.5, capthick=1, zorder=3)
        ax.text((0 if np.isnan(end) else end) + top * 0.015, y, row["label"], va="center", fontsize=fontsize,
                color="#333333")
    ax.set_yticks(range(len(groups)), groups)
    ax.set_ylim(len(groups) - 0.5, -0.5)
    ax.grid(axis="y", visible=False)
    ax.set_xlim(0, top * 1.6)
    # Ticks only under the bars: the room on the right is for the labels.
    ax.set_xticks(np.linspace(0, xmax, 5) if xmax is not None else [t for t in ax.get_xticks() if t <= top * 1.001])


def _share_label(k, n, share, low, high, unit: str = "statement") -> str:
    """Return "k of n units · share [low–high]", the counts first: a share is never shown without them."""
    words = unit if n == 1 else unit + "s"
    if not n:
        return f"0 of 0 {words}"
    return f"{int(k)} of {int(n)} {words} · {share:.0%} [{low:.0%}–{high:.0%}]"


def _has_interval(n, low) -> bool:
    """Say whether a mean's bootstrap interval is drawn: from fewer than 5 values it is only their range."""
    return bool(n) and n >= summaries.SMALL and pd.notna(low)


def _mean_label(mean, low, high, n) -> str:
    """Return "mean [low–high] n=…", or why there is no interval ("n=3: no interval")."""
    if not n or pd.isna(mean):
        return "no data (n=0)"
    if not _has_interval(n, low):
        return f"{mean:.2f} (n={int(n)}: no interval)"
    return f"{mean:.2f} [{low:.2f}–{high:.2f}] n={int(n)}"


def _title(ax, title: str, notes: pd.Series | None = None, order: list[str] | None = None) -> None:
    """Set the title and, in the lines under it, the notes on small numbers ("Ukraine: 1 statement — …").

    ``notes`` is a summary table's ``note`` column indexed by party; each
    party's first note is shown (one line per government, however many
    rows), in the chart's ``order`` of parties.
    """
    first = pd.Series(dtype=object) if notes is None else notes[notes.astype(str) != ""].groupby(level=0).first()
    notes = [first[p] for p in (order or list(first.index)) if p in first.index]
    ax.set_title(title, pad=STYLE["axes.titlepad"] + (11 * len(notes) + 4 if notes else 0))
    for line, note in enumerate(reversed(notes)):
        ax.annotate(note, xy=(0, 1), xycoords="axes fraction", xytext=(0, 5 + 11 * line), textcoords="offset points",
                    ha="left", va="bottom", fontsize=8, color=_NOTE_COLOR, style="italic")


def _comparison(diffs: pd.DataFrame, within: str | None = None) -> str:
    """Return one caption line saying which differences between the governments are within noise."""
    if diffs is None or diffs.empty:
        return ""
    compared = diffs[~diffs["small"].astype(bool)]
    if compared.empty:
        return "Too few statements on a side to compare the governments (see the note under the title)."
    beyond = compared[~compared["within_noise"].astype(bool)]
    rest = "; other pairs: too few statements" if len(compared) < len(diffs) else ""
    if within is None and len(compared) <= 2:  # a pair or two: say it with the values
        return "; ".join(compared["note"]) + rest + "."
    if beyond.empty:
        return f"Within noise (the 95% intervals overlap): every difference between the governments{rest}."
    where = "; ".join((f"{r[within]}: " if within else "") + f"{r['party_a']} vs {r['party_b']}"
                      for _, r in beyond.iterrows())
    others = "; every other difference is within noise" if len(beyond) < len(compared) else ""
    return f"Beyond noise (95% intervals apart): {where}{others}{rest}."


def _in_order(table: pd.DataFrame, colors: dict | None) -> tuple[list[str], dict[str, str]]:
    """Return a summary table's parties in chart order and their colours."""
    order = _order(table["party"].astype(str), colors)
    return order, _color_map(order, colors)


# --------------------------------------------------------------------------- statements

@_styled
def plot_statement_counts(statements: pd.DataFrame, *, ax=None, colors: dict | None = None) -> plt.Axes:
    """Draw the number of statements per party, stacked by mode of speech.

    Parameters
    ----------
    statements : pandas.DataFrame
        Columns ``party`` and ``mode``; statements without a party appear as
        "(no party)".
    ax : matplotlib.axes.Axes, optional
    colors : dict, optional
        Party to colour; only used to order the parties (as in the parties file).

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax, rows=2 * _count_parties(statements))
    title = "Statements per government, by how they were reported"
    if _empty(statements, ["party", "mode"]):
        return _no_data(ax, title)
    parties = _parties(statements["party"])
    table = pd.crosstab(parties, statements["mode"].fillna("unknown"))
    table = table.reindex(_order(parties, colors))
    modes = [m for m in MODES if m in table] + [m for m in table if m not in MODES]
    left = np.zeros(len(table))
    for mode in modes:
        ax.barh(table.index, table[mode], left=left, color=_MODE_COLORS.get(mode, NEUTRAL),
                label=_MODE_NAMES.get(mode, mode), height=0.6)
        left += table[mode].to_numpy()
    for y, total in enumerate(left):
        ax.text(total + max(left) * 0.01, y, f"{int(total)}", va="center", fontsize=8.5)
    ax.invert_yaxis()
    ax.set_xlim(0, max(left) * 1.12)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="y", visible=False)
    ax.set_title(title)
    n, joint = count_statements(statements)
    ax.set_xlabel(f"Number of attributed statements ({n} in all" +
                  (f"; {joint} joint, counted for each government)" if joint else ")") + _once(statements))
    _legend_below(ax, title="How the statement was reported", title_fontsize=8.5)
    return ax


_MEASURES = {
    "polarity": ("TextBlob polarity", (-1, 1), "−1 negative · 0 neutral · +1 positive"),
    "subjectivity": ("TextBlob subjectivity", (0, 1), "0 factual · 1 opinionated"),
    "vader": ("VADER compound score", (-1, 1), "−1 negative · 0 neutral · +1 positive"),
    "tone_score": ("Cooperation–conflict tone", (-10, 10), "−10 conflict · 0 neutral · +10 cooperation (Goldstein)"),
}


@_styled
def plot_sentiment(summary: pd.DataFrame, *, ax=None, measure: str = "polarity",
                   colors: dict | None = None) -> plt.Axes:
    """Draw each party's mean sentiment with its bootstrap confidence interval.

    Parameters
    ----------
    summary : pandas.DataFrame
        Output of :func:`parley.party_sentiment` (``party``, ``n``,
        ``<measure>``, ``<measure>_ci_low``, ``<measure>_ci_high``).
    ax : matplotlib.axes.Axes, optional
    measure : {"polarity", "subjectivity", "vader", "tone_score"}
        ``tone_score`` draws :func:`parley.summaries.tone` with ``mean``,
        ``low`` and ``high`` renamed ``tone_score``, ``tone_score_ci_low`` and
        ``tone_score_ci_high``.
    colors : dict, optional
        Party to colour.

    Returns
    -------
    matplotlib.axes.Axes
        A party with one statement is drawn as a hollow point without an
        interval and labelled so.
    """
    name, limits, scale = _MEASURES[measure]
    ax = _axes(ax, rows=2 * _count_parties(summary))
    title = f"{name} by government: mean with 95% interval"
    low, high = f"{measure}_ci_low", f"{measure}_ci_high"
    if _empty(summary, ["party", "n", measure, low, high]):
        return _no_data(ax, title)
    order = _order(_parties(summary["party"]), colors)
    rows = summary.assign(party=_parties(summary["party"])).set_index("party").loc[order]
    cmap = _color_map(order, colors)
    for y, (party, row) in enumerate(rows.iterrows()):
        color = cmap[party]
        if _has_interval(row["n"], row[low]):
            ax.errorbar(row[measure], y, xerr=[[row[measure] - row[low]], [row[high] - row[measure]]],
                        fmt="o", color=color, ms=8, capsize=5, lw=2)
            note = f"n={int(row['n'])}  [{row[low]:+.2f}, {row[high]:+.2f}]"
        else:
            ax.plot(row[measure], y, "o", mfc="white", mec=color, mew=2, ms=8)
            note = (f"n={int(row['n'])}: one statement, no interval" if row["n"] == 1
                    else f"n={int(row['n'])}: no interval")
        ax.annotate(note, (row[measure], y), xytext=(0, 9), textcoords="offset points", ha="center",
                    fontsize=8, color="#333333", bbox={"fc": "white", "ec": "none", "alpha": 0.85, "pad": 1})
    drawn = [c for c in (measure, low, high) if c == measure or rows["n"].ge(summaries.SMALL).any()]
    spread = np.nanmax(np.abs(rows[drawn].to_numpy(float))) if len(rows) else 0
    top = limits[1]  # 1 for the lexicons, 10 for the Goldstein scale
    half = min(max(0.25 * top, spread * 1.25), 1.05 * top)
    pad = 0.05 * top
    ax.set_xlim(max(limits[0] - pad, -half), min(limits[1] + pad, half) if limits[0] < 0 else max(half, 0.5))
    ax.axvline(0, color="#555555", lw=1)
    ax.set_yticks(range(len(rows)), rows.index)
    ax.set_ylim(len(rows) - 0.4, -0.6)
    ax.grid(axis="y", visible=False)
    flagged = summaries.flag_small(summary.assign(party=_parties(summary["party"])))
    _title(ax, title, flagged.set_index("party")["note"], order)
    diffs = summaries.differences(flagged, value=measure, low=low, high=high, percent=False)
    ax.set_xlabel(f"Mean {name} of what each government said ({scale})\n"
                  f"bars: 95% percentile-bootstrap interval of the mean; hollow point: fewer than {summaries.SMALL} "
                  "statements, no interval (it would only be their range)\n"
                  + _comparison(diffs))
    return ax


@_styled
def plot_lexicons(statements: pd.DataFrame, *, ax=None, colors: dict | None = None,
                  label: int = 3) -> plt.Axes:
    """Draw TextBlob polarity against VADER's compound score for every statement.

    Parameters
    ----------
    statements : pandas.DataFrame
        Columns ``party``, ``polarity``, ``vader`` and ``content`` (from
        :func:`parley.add_sentiment`).
    ax : matplotlib.axes.Axes, optional
    colors : dict, optional
        Party to colour.
    label : int
        How many of the statements the two lexicons disagree on most (by
        absolute difference, at least 0.2) to number 1, 2, ... in that order.

    Returns
    -------
    matplotlib.axes.Axes
        Points off the diagonal are statements the two lexicons score differently.
    """
    ax = _axes(ax, figsize=(6.4, 5.6))
    title = "Two sentiment lexicons on the same statements"
    if _empty(statements, ["party", "polarity", "vader"]):
        return _no_data(ax, title)
    frame = statements.assign(_party=_parties(statements["party"])).dropna(subset=["polarity", "vader"])
    order = _order(frame["_party"], colors)
    cmap = _color_map(order, colors)
    ax.plot([-1, 1], [-1, 1], ls="--", color="#999999", lw=1, zorder=1)
    ax.axhline(0, color="#555555", lw=0.8, zorder=1)
    ax.axvline(0, color="#555555", lw=0.8, zorder=1)
    # Statements with identical scores (often 0, 0) hide each other: a point shared by several governments is
    # drawn in neutral grey, not in the colour of whichever government was drawn last.
    point = list(zip(frame["polarity"].round(3), frame["vader"].round(3)))
    frame = frame.assign(_point=point)
    mixed = frame.groupby("_point")["_party"].nunique()
    frame = frame.assign(_mixed=frame["_point"].map(mixed).gt(1).to_numpy())
    for party in order:
        part = frame[frame["_party"] == party]
        alone = part[~part["_mixed"]]
        ax.scatter(alone["polarity"], alone["vader"], s=46, color=cmap[party], alpha=0.85, edgecolor="white",
                   label=f"{party} (n={len(part)})", zorder=3)
    shared = frame[frame["_mixed"]]
    if len(shared):
        ax.scatter(shared["polarity"], shared["vader"], s=46, color=NEUTRAL, alpha=0.95, edgecolor="white",
                   label="statements of several governments on one point", zorder=4)
    stacked = frame.groupby([frame["polarity"].round(3), frame["vader"].round(3)]).size()
    for (x, y), count in stacked[stacked > 1].items():
        ax.annotate(f"×{count}", (x, y), xytext=(5, -11), textcoords="offset points", fontsize=8, color="#333333")
    gap = (frame["vader"] - frame["polarity"]).abs().sort_values(ascending=False, kind="stable")
    for rank, i in enumerate(gap[gap >= 0.2].index[:label], 1):
        ax.annotate(str(rank), (frame.at[i, "polarity"], frame.at[i, "vader"]), xytext=(5, 4),
                    textcoords="offset points", fontsize=8, fontweight="bold", color="#333333")
    ax.set_xlim(-1.05, 1.05)
    ax.set_ylim(-1.05, 1.05)
    ax.set_aspect("equal")
    ax.set_title(title)
    ax.set_xlabel("TextBlob polarity (−1 negative … +1 positive)"
                  + (f"\nnumbers: the {label} statements the lexicons disagree on most, largest first" if label else ""))
    ax.set_ylabel("VADER compound score (−1 … +1)")
    handles, _ = ax.get_legend_handles_labels()
    handles.append(Line2D([], [], ls="--", color="#999999", label="lexicons agree"))
    if (stacked > 1).any():
        handles.append(Line2D([], [], ls="", label="×n: n statements on one point"))
    _legend_below(ax, handles=handles, ncol=2)  # three columns would be wider than the square axes
    return ax


# --------------------------------------------------------------------------- phrasing

@_styled
def plot_framing(terms: pd.DataFrame, *, ax=None, colors: dict | None = None) -> plt.Axes:
    """Draw the share of each party's statements that use each framing family, with Wilson intervals.

    The numbers are those of :func:`parley.summaries.framing`: each bar is
    the share of the government's statements with framing terms that use a
    family (a statement counts once, however many terms it has), its whisker
    the 95% Wilson interval, its label the counts. Statements that deny a
    family ("this is not a withdrawal") are drawn apart, hatched, and never
    counted as use.

    Parameters
    ----------
    terms : pandas.DataFrame
        One row per term found: ``statement_id``, ``party``, ``kind``,
        ``family``, ``term`` and, optionally, ``denied``; only rows with
        ``kind == "framing"`` are used. Terms outside attributed statements
        are left out.
    ax : matplotlib.axes.Axes, optional
    colors : dict, optional
        Party to colour.

    Returns
    -------
    matplotlib.axes.Axes
        A note under the title names each government with fewer than 5
        statements behind its terms; the caption says which differences are
        within noise (the two 95% intervals overlap).
    """
    framing = terms[terms["kind"] == "framing"] if terms is not None and "kind" in terms else None
    denying = (framing["denied"].fillna(False).astype(bool) & framing["party"].notna()
               if framing is not None and "denied" in framing else None)
    slots = _count_parties(framing) + (framing.loc[denying, "party"].nunique() if denying is not None else 0)
    ax = _axes(ax, rows=_count(framing, "family") * slots + 1)
    title = "Framing: which words each government uses for the same events"
    if _empty(terms, ["party", "kind", "family", "term"]):
        return _no_data(ax, title, "No data: no framing terms in the selected articles.")
    table = summaries.framing(terms)
    if table.empty:
        return _no_data(ax, title, "No framing terms in attributed statements.")
    order, cmap = _in_order(table, colors)
    denied = set(table.loc[table["denied"] > 0, "party"])
    rows = []
    for party in order:
        mine = table[table["party"] == party]
        for _, r in mine.iterrows():
            rows.append({"group": r["family"], "bar": party, "value": r["share"], "low": r["low"],
                         "high": r["high"], "color": cmap[party], "hatch": None,
                         "label": _share_label(r["statements"], r["n"], r["share"], r["low"], r["high"])})
            if r["denied"] > 0:  # a hatched bar only where the government denied the frame
                rows.append({"group": r["family"], "bar": f"{party} (denied)", "value": r["denied_share"],
                             "low": r["denied_low"], "high": r["denied_high"], "color": cmap[party],
                             "hatch": _DENIED_HATCH,
                             "label": (f"denied: {int(r['denied'])} of {int(r['n'])} · {r['denied_share']:.0%} "
                                       f"[{r['denied_low']:.0%}–{r['denied_high']:.0%}]")})
    _interval_bars(ax, pd.DataFrame(rows), xmax=1)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    _title(ax, title, table.set_index("party")["note"], order)
    ax.set_xlabel("Share of the government's statements with framing terms that use this family; "
                  "whiskers: 95% Wilson interval\n"
                  "label: statements using the family of the government's statements with framing terms\n"
                  + _comparison(summaries.differences(table), "family"))
    handles = [Patch(color=cmap[p], label=p) for p in order]
    if denied:
        handles.append(Patch(facecolor="white", edgecolor="#555555", hatch=_DENIED_HATCH,
                             label="denied (“this is not a withdrawal”): not counted as use"))
    _legend_below(ax, handles=handles, ncol=3)
    return ax


@_styled
def plot_phrasing(statements: pd.DataFrame, *, ax=None, colors: dict | None = None) -> plt.Axes:
    """Draw per party the mean hedges and boosters per statement and the mean modal strength, with intervals.

    One Axes with three groups of bars (one bar per party), each with its
    95% percentile-bootstrap interval and labelled with its mean, interval
    and the number of statements it is over; the numbers are those of
    :func:`parley.summaries.phrasing`.

    Parameters
    ----------
    statements : pandas.DataFrame
        Columns ``party``, ``hedges``, ``boosters``, ``modal_strength``
        (statements without modal verbs may hold NaN modal strength; they are
        left out of that mean, and its n says so). Statements without a party
        are left out.
    ax : matplotlib.axes.Axes, optional
    colors : dict, optional
        Party to colour.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax, rows=3 * _count_parties(statements) + 1)
    title = "Hedging, boosting and modal strength by government"
    columns = ["hedges", "boosters", "modal_strength"]
    if _empty(statements, ["party", *columns]):
        return _no_data(ax, title)
    table = summaries.phrasing(statements, include_unattributed=False)
    table = table[table["measure"].isin(columns)]
    if table.empty:
        return _no_data(ax, title, "No statements attributed to a government.")
    order, cmap = _in_order(table, colors)
    names = {"hedges": "hedges per statement", "boosters": "boosters per statement",
             "modal_strength": "modal strength\n(statements with a modal verb)"}
    table = table.assign(_m=table["measure"].map(columns.index), _p=table["party"].map(order.index))
    table = table.sort_values(["_m", "_p"], kind="stable")
    shown = table["n"] >= summaries.SMALL  # from fewer values a bootstrap "interval" is only their range
    bars = pd.DataFrame({"group": table["measure"].map(names), "bar": table["party"], "value": table["mean"],
                         "low": table["low"].where(shown), "high": table["high"].where(shown),
                         "color": table["party"].map(cmap),
                         "label": [_mean_label(m, lo, hi, n) for m, lo, hi, n in
                                   zip(table["mean"], table["low"], table["high"], table["n"])]})
    _interval_bars(ax, bars)
    _title(ax, title, table.set_index("party")["note"], order)
    ax.set_xlabel(f"Mean per statement; whiskers: 95% bootstrap interval of the mean (none for n < {summaries.SMALL}); "
                  "n: statements it is over.\n"
                  "Hedges: “possibly”, “likely”…; boosters: “clearly”, “certainly”…\n"
                  "modal strength of the strongest modal verb: will/must 1.0 > would/should 0.7 > could/may 0.4\n"
                  + _comparison(summaries.differences(table), "measure"))
    _legend_below(ax, handles=[Patch(color=cmap[p], label=p) for p in order], ncol=4)
    return ax


@_styled
def plot_commitment(statements: pd.DataFrame, *, ax=None, colors: dict | None = None) -> plt.Axes:
    """Draw every statement's commitment strength per party, with the party mean and its interval.

    Parameters
    ----------
    statements : pandas.DataFrame
        Columns ``party`` and ``commitment`` (0 to 1); statements without a
        party appear as "(no party)".
    ax : matplotlib.axes.Axes, optional
    colors : dict, optional
        Party to colour.

    Returns
    -------
    matplotlib.axes.Axes
        Means and 95% bootstrap intervals are those of
        :func:`parley.summaries.phrasing`; a single statement gets no mean bar.
    """
    ax = _axes(ax, rows=2 * _count_parties(statements) + 1)
    title = "Commitment strength of each statement, by government"
    if _empty(statements, ["party", "commitment"]):
        return _no_data(ax, title)
    frame = statements.assign(_party=_parties(statements["party"]),
                              _c=pd.to_numeric(statements["commitment"], errors="coerce")).dropna(subset=["_c"])
    if frame.empty:
        return _no_data(ax, title, "No statement has a commitment score.")
    table = summaries.phrasing(frame.assign(commitment=frame["_c"]))
    table = table[table["measure"] == "commitment"].set_index("party")
    order = _order(frame["_party"], colors)
    cmap = _color_map(order, colors)
    rng = np.random.default_rng(0)  # fixed jitter: the same chart on every run
    for y, party in enumerate(order):
        values = frame.loc[frame["_party"] == party, "_c"].to_numpy(float)
        ax.scatter(values, y + rng.uniform(-0.15, 0.15, len(values)), s=40, color=cmap[party], alpha=0.75,
                   edgecolor="white", zorder=3)
        row = table.loc[party]
        if row["n"] > 1:  # the mean of one statement is that statement: no bar over its dot
            ax.plot([row["mean"]] * 2, [y - 0.3, y + 0.3], color="#222222", lw=2, zorder=2)
            if _has_interval(row["n"], row["low"]):
                ax.plot([row["low"], row["high"]], [y, y], color="#222222", lw=1, marker="|", ms=9, zorder=2)
                label = f"mean {row['mean']:.2f} [{row['low']:.2f}–{row['high']:.2f}] (n={int(row['n'])})"
            else:
                label = f"mean {row['mean']:.2f} (n={int(row['n'])}: no interval)"
        else:
            label = f"one statement: {row['mean']:.2f}"
        ax.annotate(label, (row["mean"], y - 0.3), xytext=(0, 2), textcoords="offset points", ha="center",
                    va="bottom", fontsize=8)
    ax.set_yticks(range(len(order)), order)
    ax.set_ylim(len(order) - 0.5, -0.7)
    ax.set_xlim(-0.03, 1.03)
    ax.grid(axis="y", visible=False)
    _title(ax, title, table["note"], order)
    ax.set_xlabel("Commitment score, a heuristic: strongest modal verb (none: 0.5), +0.1 per booster, +0.05 per "
                  "specific detail,\n−0.1 per hedge and per condition found; a conditional statement can still score "
                  "high (a condition costs only 0.1)\n"
                  + _comparison(summaries.differences(table.reset_index(), within=None)))
    _legend_below(ax, handles=[Line2D([], [], marker="o", ls="", color=NEUTRAL, label="one statement"),
                               Line2D([], [], color="#222222", lw=2.5, label="party mean"),
                               Line2D([], [], color="#222222", lw=1, marker="|", ms=9,
                                      label=f"95% bootstrap interval of the mean (n ≥ {summaries.SMALL})")],
                  ncol=3)
    return ax


@_styled
def plot_distinctive_terms(terms: pd.DataFrame, *, ax=None, n: int = 15, colors: dict | None = None) -> plt.Axes:
    """Draw the terms that most distinguish two parties as diverging bars.

    Parameters
    ----------
    terms : pandas.DataFrame
        Output of :func:`parley.compare_terms`: ``term``, ``z`` (log-odds
        z-score, positive favours the first group) and the group names in
        ``group_a``/``group_b`` columns or ``attrs``; count columns
        ``count_a``/``count_b``, when present, label the bars.
    ax : matplotlib.axes.Axes, optional
    n : int
        Terms to show on each side.
    colors : dict, optional
        Party to colour.

    Returns
    -------
    matplotlib.axes.Axes
    """
    bars = _shown_terms(terms, n)
    ax = _axes(ax, rows=None if bars is None else int(bars * 0.75))  # terms need less room than bar groups
    title = "Distinctive words of each government"
    if _empty(terms, ["term", "z"]):
        return _no_data(ax, title, "No data: fewer than two governments with statements.")
    a = terms["group_a"].iloc[0] if "group_a" in terms else terms.attrs.get("group_a", "first group")
    b = terms["group_b"].iloc[0] if "group_b" in terms else terms.attrs.get("group_b", "second group")
    cmap = _color_map([str(a), str(b)], colors)
    shown, ties = _top_terms(terms, n)
    y = np.arange(len(shown))
    ax.barh(y, shown["z"], color=[cmap[str(a)] if z > 0 else cmap[str(b)] for z in shown["z"]], height=0.7)
    counts = ["count_a", "count_b"] if {"count_a", "count_b"} <= set(shown.columns) else None
    for yy, (_, row) in zip(y, shown.iterrows()):
        text = row["term"] + (f"  ({row['count_a']}:{row['count_b']})" if counts else "")
        ax.text(-0.1 if row["z"] > 0 else 0.1, yy, text, ha="right" if row["z"] > 0 else "left",
                va="center", fontsize=8)
    for edge in (-1.96, 1.96):
        ax.axvline(edge, color="#555555", ls=":", lw=1.2)
    ax.axvline(0, color="#555555", lw=1)
    ax.set_yticks([])
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    top = float(shown["z"].abs().max()) if len(shown) else 2
    ax.set_xlim(-max(top, 2.5) * 1.6, max(top, 2.5) * 1.6)
    ax.set_title(title)
    note = "" if top >= 1.96 else "\nNo term reaches |z| = 1.96: on this little text no difference is reliable"
    note += "".join(f"\n{count} terms tie at z = {z:+.2f}: the {kept} most frequent shown" for z, count, kept in ties)
    ax.set_xlabel(f"log-odds z-score (informative Dirichlet prior): ← favours {b} · favours {a} →\n"
                  "dotted lines: |z| = 1.96" + (f"; labels: term (count {a}:{b})" if counts else "") + note)
    _legend_below(ax, handles=[Patch(color=cmap[str(a)], label=f"used more by {a}"),
                               Patch(color=cmap[str(b)], label=f"used more by {b}")], ncol=2)
    return ax


def _top_terms(terms: pd.DataFrame, n: int) -> tuple[pd.DataFrame, list[tuple[float, int, int]]]:
    """Return the n terms on each side with the largest |z|, ties broken by count, and the ties cut at the edge.

    Many terms of a short text share one z; ``nlargest`` would keep the alphabetically first. Here a tie
    goes to the term used most by the side it favours, then by both sides; each cut tie is returned as
    ``(z, terms at that z, shown of them)`` for the caption.
    """
    sides, ties = [], []
    for positive in (True, False):
        side = terms[terms["z"] > 0] if positive else terms[terms["z"] < 0]
        mine, other = ("count_a", "count_b") if positive else ("count_b", "count_a")
        keys = ["_abs"] + ([mine, other] if {mine, other} <= set(side.columns) else [])
        ranked = side.assign(_abs=side["z"].abs()).sort_values(keys, ascending=False, kind="stable")
        top = ranked.head(n)
        if len(ranked) > n and len(top):
            edge = top["_abs"].iloc[-1]
            tied = int((ranked["_abs"] == edge).sum())
            if tied > int((top["_abs"] == edge).sum()):
                ties.append((float(top["z"].iloc[-1]), tied, int((top["_abs"] == edge).sum())))
        top = top.drop(columns="_abs")
        sides.append(top if positive else top[::-1])
    return pd.concat(sides), ties


def _shown_terms(terms: pd.DataFrame | None, n: int) -> int | None:
    """Count the bars :func:`plot_distinctive_terms` draws (n per side at most)."""
    if terms is None or "z" not in terms:
        return None
    return int(min((terms["z"] > 0).sum(), n) + min((terms["z"] < 0).sum(), n))


# --------------------------------------------------------------------------- conditions

@_styled
def plot_condition_share(statements: pd.DataFrame, conditions: pd.DataFrame, *, ax=None,
                         colors: dict | None = None) -> plt.Axes:
    """Draw the share of each party's statements that attach at least one condition, with its interval.

    The numbers are those of :func:`parley.summaries.conditionality`: a joint
    statement counts for each government that made it; the whisker is the 95%
    Wilson interval, so "1 of 1" shows as the wide range it is, not as a
    confident 100%.

    Parameters
    ----------
    statements : pandas.DataFrame
        Columns ``statement_id`` and ``party``, optionally ``joint``.
    conditions : pandas.DataFrame
        Columns ``statement_id`` (None for narration, which is not counted).
    ax : matplotlib.axes.Axes, optional
    colors : dict, optional
        Party to colour.

    Returns
    -------
    matplotlib.axes.Axes
        A note under the title names each government with fewer than 5
        statements ("Ukraine: 1 statement — too few to compare"); the caption
        says whether the difference is within noise (the two 95% intervals
        overlap).
    """
    ax = _axes(ax, rows=2 * _count_parties(statements) + 1)
    title = "Conditional statements: share of each government's statements with a condition"
    if _empty(statements, ["statement_id", "party"]):
        return _no_data(ax, title)
    table = summaries.conditionality(statements, conditions)
    order, cmap = _in_order(table, colors)
    table = table.set_index("party").loc[order].reset_index()
    bars = pd.DataFrame({"group": table["party"], "bar": "share", "value": table["share"], "low": table["low"],
                         "high": table["high"], "color": table["party"].map(cmap),
                         "label": [_share_label(*r) for r in zip(table["conditional"], table["n"], table["share"],
                                                                 table["low"], table["high"])]})
    _interval_bars(ax, bars, xmax=1, fontsize=8.5, height=0.6)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    _title(ax, title, table.set_index("party")["note"], order)
    ax.set_xlabel("Share of the government's statements with at least one condition "
                  "(“contingent on”, “based on”, “if”…)\nwhiskers: 95% Wilson interval; label: statements with a "
                  "condition of all its statements\n" + _comparison(summaries.differences(table))
                  + _once(statements))
    return ax


def _time_title(ax, title: str, periods: list) -> None:
    """Set the title; say plainly under it when everything falls in one period: there is no trend to read."""
    note = f"One period only ({periods[0]}): nothing to follow over time yet; add dated articles."
    _title(ax, title, pd.Series({"period": note}) if len(periods) == 1 else None)


@_styled
def plot_timeline(counts: pd.DataFrame, *, ax=None, colors: dict | None = None, unique: bool = True,
                  undated: int = 0) -> plt.Axes:
    """Draw each government's statements per period.

    Parameters
    ----------
    counts : pandas.DataFrame
        Output of :func:`parley.timeline.statement_counts`.
    ax : matplotlib.axes.Axes, optional
    colors : dict, optional
        Party to colour.
    unique : bool
        Whether the bars count unique statements (a quote carried by several
        articles once) or every report; said in the caption.
    undated : int
        Articles without a date, named in the caption (they are in no period).

    Returns
    -------
    matplotlib.axes.Axes
    """
    periods = list(dict.fromkeys(counts["period"])) if len(counts) else []
    ax = _axes(ax, rows=max(2, len(counts)))
    title = "Statements per government over time"
    if not periods:
        return _no_data(ax, title, "No dated statements: no article has a date (see the undated articles).")
    order, cmap = _in_order(counts.drop_duplicates("party"), colors)
    table = counts.assign(_rank=counts["party"].map({p: i for i, p in enumerate(order)})).sort_values(
        ["period", "_rank"], kind="stable")
    value = "statements" if unique else "reports"
    bars = pd.DataFrame({"group": table["period"], "bar": table["party"], "value": table[value], "low": np.nan,
                         "high": np.nan, "color": table["party"].map(cmap),
                         "label": [f"{r.statements} unique · {r.reports} report{'s' * int(r.reports != 1)} in "
                                   f"{r.articles} article{'s' * int(r.articles != 1)}"
                                   for r in table.itertuples()]})
    _interval_bars(ax, bars, fontsize=8)
    top = int(table[value].max())
    ax.set_xticks(range(0, top + 1, max(1, top // 5 or 1)))  # whole statements only
    _time_title(ax, title, periods)
    what = ("unique statements: a quote carried by several articles counts once" if unique
            else "every report: a quote carried by several articles counts once per article")
    ax.set_xlabel(f"Number of statements ({what})" +
                  (f"\n{undated} article{'s' * (undated != 1)} without a date: in no period" if undated else ""))
    _legend_below(ax, handles=[plt.Rectangle((0, 0), 1, 1, color=cmap[p]) for p in order], labels=order)
    return ax


@_styled
def plot_reprints(provenance: pd.DataFrame, *, ax=None, colors: dict | None = None) -> plt.Axes:
    """Draw each government's unique quotes beside all the reports of them: how much repetition adds.

    Parameters
    ----------
    provenance : pandas.DataFrame
        Output of :func:`parley.reprints.provenance` (one row per quote:
        ``party``, ``reports``, ``statements``).
    ax : matplotlib.axes.Axes, optional
    colors : dict, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    title = "One quote, many reports: unique quotes and all their reports"
    frame = provenance[provenance["party"].notna()] if len(provenance) else provenance
    ax = _axes(ax, rows=2 * max(1, frame["party"].nunique() if len(frame) else 1))
    if not len(frame):
        return _no_data(ax, title)
    table = frame.groupby("party", sort=False).agg(quotes=("quote_id", "size"), reports=("statements", "sum"),
                                                   repeated=("reports", lambda r: int((r > 1).sum())))
    order, cmap = _in_order(table.reset_index(), colors)
    table = table.loc[order]
    rows = []
    table = table.astype(int)
    for party, row in table.iterrows():
        rows.append({"group": party, "bar": "quotes", "value": row["quotes"], "color": cmap[party],
                     "label": f"{row['quotes']} unique quote{'s' * int(row['quotes'] != 1)}"})
        rows.append({"group": party, "bar": "reports", "value": row["reports"], "color": cmap[party],
                     "hatch": _DENIED_HATCH, "label": f"{row['reports']} report{'s' * int(row['reports'] != 1)}; "
                     f"{row['repeated']} quote{'s' * int(row['repeated'] != 1)} in more than one article"})
    bars = pd.DataFrame(rows).assign(low=np.nan, high=np.nan)
    _interval_bars(ax, bars, fontsize=8, height=0.7)
    top = int(bars["value"].max())
    ax.set_xticks(range(0, top + 1, max(1, top // 5 or 1)))
    ax.set_title(title)
    ax.set_xlabel("Solid: unique quotes (each counted once); hatched: every article's report of them\n"
                  "(the other charts count unique quotes)")
    return ax


@_styled
def plot_share_over_time(table: pd.DataFrame, *, ax=None, colors: dict | None = None, title: str | None = None,
                         unit: str = "statement", xlabel: str = "") -> plt.Axes:
    """Draw a per-period share for each government with its 95% Wilson interval and counts.

    Parameters
    ----------
    table : pandas.DataFrame
        A per-period summary (:func:`parley.timeline.conditionality`, or
        :func:`parley.timeline.framing` rows of one family): ``period``,
        ``party``, ``share``, ``low``, ``high``, ``n``, ``note`` and the count
        column (``conditional`` or ``statements``).
    ax : matplotlib.axes.Axes, optional
    colors : dict, optional
    title : str, optional
    unit : str
        What ``n`` counts, for the labels ("statement", "statement with framing").
    xlabel : str
        What the share is.

    Returns
    -------
    matplotlib.axes.Axes
    """
    title = title or "Share per government over time"
    table = table[~table["party"].isin([NO_PARTY, summaries.NARRATION])] if len(table) else table
    periods = list(dict.fromkeys(table["period"])) if len(table) else []
    ax = _axes(ax, rows=max(2, len(table)))
    if not periods:
        return _no_data(ax, title, "No dated statements: no article has a date (see the undated articles).")
    k = "conditional" if "conditional" in table else "statements"
    order, cmap = _in_order(table.drop_duplicates("party"), colors)
    table = table.assign(_rank=table["party"].map({p: i for i, p in enumerate(order)})).sort_values(
        ["period", "_rank"], kind="stable")
    bars = pd.DataFrame({"group": table["period"], "bar": table["party"], "value": table["share"],
                         "low": table["low"], "high": table["high"], "color": table["party"].map(cmap),
                         "label": [_share_label(*r, unit=unit) for r in zip(table[k], table["n"], table["share"],
                                                                            table["low"], table["high"])]})
    _interval_bars(ax, bars, xmax=1, fontsize=7.5)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    small = table[table["small"].astype(bool)] if "small" in table else table.iloc[:0]
    _time_title(ax, title, periods)
    ax.set_xlabel(xlabel + "\nwhiskers: 95% Wilson interval" +
                  (f"; {len(small)} of {len(table)} bars rest on fewer than {summaries.SMALL} statements: too few "
                   "to compare" if len(small) else ""))
    _legend_below(ax, handles=[plt.Rectangle((0, 0), 1, 1, color=cmap[p]) for p in order], labels=order)
    return ax


@_styled
def plot_condition_categories(conditions: pd.DataFrame, *, ax=None, colors: dict | None = None,
                              narration: bool = True) -> plt.Axes:
    """Draw the share of each party's conditions per category, with counts and Wilson intervals.

    The numbers are those of :func:`parley.summaries.condition_categories`;
    the total in the caption counts a joint statement's conditions once
    (:func:`parley.summaries.count_conditions`).

    Parameters
    ----------
    conditions : pandas.DataFrame
        Columns ``party``, ``statement_id`` and ``category``. Conditions in
        narration (no statement) are drawn as "narration", conditions in
        statements without a party as "(no party)".
    ax : matplotlib.axes.Axes, optional
    colors : dict, optional
        Party to colour.
    narration : bool
        Show conditions in the journalist's narration (default True); the
        caption says whether they are shown.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax, rows=_count(conditions, "category") * (_count_parties(conditions) + 1) + 1)
    title = "What governments make their commitments depend on: conditions by category"
    if _empty(conditions, ["party", "statement_id", "category"]):
        return _no_data(ax, title, "No data: no conditions found in the selected articles.")
    table = summaries.condition_categories(conditions, narration=narration)
    if table.empty:
        return _no_data(ax, title, "No conditions in attributed statements.")
    order, cmap = _in_order(table, colors)
    categories = list(dict.fromkeys(table["category"]))  # most conditions first
    table = table.assign(_c=table["category"].map(categories.index), _p=table["party"].map(order.index))
    table = table.sort_values(["_c", "_p"], kind="stable")
    bars = pd.DataFrame({"group": table["category"], "bar": table["party"], "value": table["share"],
                         "low": table["low"], "high": table["high"], "color": table["party"].map(cmap),
                         "label": [_share_label(*r, unit="condition") for r in zip(
                             table["conditions"], table["n"], table["share"], table["low"], table["high"])]})
    _interval_bars(ax, bars, xmax=1)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    _title(ax, title, table.set_index("party")["note"], order)
    total, in_narration = summaries.count_conditions(conditions)
    if not narration:
        total -= in_narration
        shown = "conditions in the journalist's own text left out"
    elif NARRATION in order:
        shown = "grey “narration”: conditions in the journalist's own text"
    else:
        shown = "none in the journalist's own text"
    ax.set_xlabel("Share of the government's conditions in this category; whiskers: 95% Wilson interval\n"
                  f"label: conditions in the category of all its conditions ({total} in all, a joint statement's "
                  f"once; {shown})\n" + _comparison(summaries.differences(table), "category"))
    _legend_below(ax, handles=[Patch(color=cmap[p], label=p) for p in order], ncol=5)
    return ax


# --------------------------------------------------------------------------- saving

def save_figure(fig, name: str, *, evidence: pd.DataFrame | None = None, evidence_html: str | None = None,
                out: str | Path | None = None, notebook: str | None = None, title: str | None = None,
                provenance: dict | None = None) -> dict[str, Path]:
    """Write a figure as PNG, SVG and PDF with provenance, and record it in the manifest.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    name : str
        File stem, e.g. ``"sentiment-polarity"``.
    evidence : pandas.DataFrame, optional
        The rows behind the chart; written as ``<name>.evidence.csv`` and, as
        an escaped HTML table, ``<name>.evidence.html``.
    evidence_html : str, optional
        An HTML fragment to show instead of the plain table (already escaped,
        e.g. built with :func:`parley.render.evidence_table`).
    out : str or Path, optional
        The report folder (default ``config.REPORTS``); files go to ``<out>/figures``.
    notebook : str, optional
        The notebook that drew the chart; the report orders charts by it.
    title : str, optional
        The chart's title (default: the first axes' title).
    provenance : dict, optional
        What the chart was made from, e.g. ``{"articles": ..., "parties": ...}``;
        recorded in the files' metadata and the manifest.

    Returns
    -------
    dict of str to Path
        ``png``, ``svg``, ``pdf`` and, with evidence, ``csv`` and ``html``.
        A chart whose PNG is byte-identical to one already in the manifest
        (another notebook drew the same chart) is not written again: its
        ``png``, ``svg`` and ``pdf`` are that chart's files, and the manifest
        entry names it in ``same_as``; the evidence is still its own.
    """
    folder = Path(config.REPORTS if out is None else out) / "figures"
    mark_output(folder)  # charts and evidence tables are never read back as articles
    title = title or next((t for a in fig.axes for loc in ("left", "center", "right") if (t := a.get_title(loc))),
                          name)
    facts = {"parley": config.VERSION, **{k: str(v) for k, v in (provenance or {}).items()}}
    description = "; ".join(f"{k}: {v}" for k, v in facts.items())
    creator = f"parley {config.VERSION}"
    metadata = {
        "png": {"Title": title, "Software": creator, "Description": description},
        "svg": {"Title": title, "Creator": creator, "Description": description},
        "pdf": {"Title": title, "Creator": creator, "Subject": description},
    }
    drawn = {}
    with style():  # font embedding is read at save time
        for ext, meta in metadata.items():
            buffer = io.BytesIO()
            fig.savefig(buffer, format=ext, dpi=300, bbox_inches="tight", metadata=meta)
            drawn[ext] = buffer.getvalue()
    # A chart another notebook already saved (notebook 90 draws the headline charts of 20, 30 and 40 again) is
    # not written twice: the entry points at the first one's files. The PNG decides: SVG and PDF carry a date.
    files = {}
    if evidence is not None:
        files["csv"] = folder / f"{name}.evidence.csv"
        evidence.to_csv(files["csv"], index=False)
    if evidence is not None or evidence_html is not None:
        files["html"] = folder / f"{name}.evidence.html"
        files["html"].write_text(evidence_html if evidence_html is not None else evidence_table(evidence),
                                 encoding="utf-8")
    with _locked(folder):  # notebooks run in parallel: look for the same chart and record ours in one step
        same = _same_chart(folder, name, drawn["png"])
        for ext, data in drawn.items():
            files[ext] = folder / (same["files"][ext] if same else f"{name}.{ext}")
            if not same:
                files[ext].write_bytes(data)
        _record(folder / "manifest.json", {
            "name": name, "title": title, "notebook": notebook, "saved": datetime.now(timezone.utc).isoformat(),
            "files": {k: p.name for k, p in files.items() if k in metadata},
            "evidence": files["html"].name if "html" in files else None,
            "evidence_csv": files["csv"].name if "csv" in files else None,
            "same_as": same["name"] if same else None,
            "provenance": facts,
        })
    return files


def show_figure(fig, name: str, *, evidence: pd.DataFrame | None = None, evidence_html: str | None = None,
                table: bool = True, **options) -> None:
    """Save a chart with :func:`save_figure`, then display it in the notebook with its evidence below.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    name : str
        File stem, as for :func:`save_figure`.
    evidence, evidence_html : optional
        As for :func:`save_figure`; the evidence HTML (else the evidence as an
        escaped table) is what is displayed below the chart.
    table : bool
        Display the evidence (default True); False when the notebook shows its
        own tables after the chart.
    **options
        ``out``, ``notebook``, ``title``, ``provenance``: passed to :func:`save_figure`.
        Nothing is returned, so a notebook cell ending in this call shows no
        stray value; call :func:`save_figure` for the paths.
    """
    from IPython.display import HTML, display  # here, so that `import parley` does not need IPython

    save_figure(fig, name, evidence=evidence, evidence_html=evidence_html, **options)
    display(fig)
    plt.close(fig)  # else the inline backend shows it a second time at the end of the cell
    if table and evidence_html is not None:
        display(HTML(evidence_html))
    elif table and evidence is not None:
        show_table(evidence)


def drop_figures(names, *, out: str | Path | None = None) -> list[str]:
    """Remove saved charts that this run no longer draws, with their files and manifest entries.

    A notebook that draws a varying number of charts ("the two framing
    families used most": two on one story, one on the next) calls this for the
    names it did not draw this time, so a rerun in JupyterLab does not leave a
    chart from an earlier run in the report.

    Parameters
    ----------
    names : iterable of str
        File stems, as given to :func:`save_figure`; names never saved are ignored.
    out : str or Path, optional
        The report folder (default ``config.REPORTS``).

    Returns
    -------
    list of str
        The names that were removed.
    """
    folder = Path(config.REPORTS if out is None else out) / "figures"
    names = set(names)
    if not folder.is_dir() or not names:
        return []
    with _locked(folder):
        manifest = folder / "manifest.json"
        entries = _read_manifest(manifest)
        gone = [e for e in entries if e.get("name") in names]
        # another chart may point at a dropped chart's files (same_as): those files stay
        shared = {f for e in entries if e.get("name") not in names for f in (e.get("files") or {}).values()}
        for entry in gone:
            for file in [*(entry.get("files") or {}).values(), entry.get("evidence"), entry.get("evidence_csv")]:
                if file and file not in shared:
                    (folder / file).unlink(missing_ok=True)
        if gone:
            _write_manifest(manifest, [e for e in entries if e.get("name") not in names])
    return [e["name"] for e in gone]


def _same_chart(folder: Path, name: str, png: bytes) -> dict | None:
    """Return the manifest entry of another chart whose PNG has exactly these bytes, if one was saved."""
    for entry in _read_manifest(folder / "manifest.json"):
        files = entry.get("files") or {}
        if entry.get("name") == name or not all(files.get(k) for k in ("png", "svg", "pdf")):
            continue
        path = folder / files["png"]
        if files["png"] != f"{name}.png" and path.is_file() and path.stat().st_size == len(png) \
                and path.read_bytes() == png and all((folder / files[k]).is_file() for k in ("svg", "pdf")):
            return entry
    return None


@contextlib.contextmanager
def _locked(folder: Path):
    """Hold the figures folder's lock (where ``fcntl`` exists) while the block runs."""
    fd = os.open(folder, os.O_RDONLY) if fcntl is not None else None
    try:
        if fd is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        if fd is not None:
            os.close(fd)  # releases the lock


def _record(manifest: Path, entry: dict) -> None:
    """Add or replace the manifest entry of one figure, writing atomically (call with the folder locked)."""
    entries = _read_manifest(manifest)
    _write_manifest(manifest, [e for e in entries if e.get("name") != entry["name"]] + [entry])


def _read_manifest(manifest: Path) -> list[dict]:
    """Return the manifest's entries; none when there is no manifest yet, or a broken one from a crashed run."""
    try:
        return json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []


def _write_manifest(manifest: Path, entries: list) -> None:
    """Write the manifest atomically (call with the folder locked)."""
    fd, tmp = tempfile.mkstemp(dir=manifest.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(entries, handle, indent=1)
    os.chmod(tmp, 0o644)  # mkstemp makes the file private; the manifest is an ordinary output file
    os.replace(tmp, manifest)
