"""Draw parley's charts in one house style.

Every ``plot_*`` function takes the table it draws first (a table of
:mod:`parley.summaries` wherever there is one, so every number in a chart is
in a table), draws on ``ax`` (a new figure when None) with object-oriented
matplotlib only, and returns the Axes. The house style
(:data:`parley.views.style.STYLE`) is applied inside each function, never to
the global rcParams. Empty inputs draw a "no data" note instead of failing,
so a notebook runs on any article. Governments keep one colour and one order
(the parties file's) in every chart; statements without a government
("(no party)") and the journalist's narration have colours of their own.

Saving charts, with their evidence and the manifest the report reads, is
:mod:`parley.views.figures` (:func:`save_figure`, :func:`show_figure` and
:func:`drop_figures` are importable from here too).
"""
from __future__ import annotations

import functools

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import PercentFormatter
from matplotlib.transforms import ScaledTranslation

from ..core.parties import NO_PARTY, PALETTE
from ..extract.statements import count_statements
from ..rollup import summaries
from ..rollup.summaries import NARRATION
from .figures import drop_figures, save_figure, show_figure
from .style import STYLE, style

__all__ = [
    "STYLE", "style", "save_figure", "show_figure", "drop_figures", "plot_statement_counts", "plot_sentiment",
    "plot_lexicons", "plot_framing", "plot_phrasing", "plot_commitment", "plot_distinctive_terms",
    "plot_condition_share", "plot_condition_categories",
]

#: Colour of statements without a government, "(no party)".
NEUTRAL = "#8c8c8c"
#: Colour of the journalist's narration (conditions outside any statement): not a government, not "(no party)".
NARRATION_COLOR = "#d8c38f"
MODES = ["direct", "mixed", "indirect", "according_to"]
_MODE_COLORS = {"direct": "#264653", "mixed": "#2a9d8f", "indirect": "#8ab17d", "according_to": "#e9c46a"}
_MODE_NAMES = {"direct": "direct: full quote", "mixed": "mixed: partial quote", "indirect": "indirect: paraphrase",
               "according_to": "according to: attribution phrase"}


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
    return {p: NEUTRAL if p == NO_PARTY else NARRATION_COLOR if p == NARRATION else colors.get(p) or next(spare)
            for p in parties}


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
    ax.set_xlabel(f"{name}: mean of what each government said ({scale})\n"
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
def plot_framing(table: pd.DataFrame, *, ax=None, colors: dict | None = None) -> plt.Axes:
    """Draw the share of each government's statements that use each framing family, with Wilson intervals.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`parley.summaries.framing`: per government and family the
        statements that use it (a statement counts once, however many of the
        family's words it has) of the government's statements with framing
        terms, with the Wilson interval. Statements that deny a family ("this
        is not a withdrawal") are drawn apart, hatched, and never counted as
        use. Families nobody uses or denies are left out.
    ax : matplotlib.axes.Axes, optional
    colors : dict, optional
        Party to colour.

    Returns
    -------
    matplotlib.axes.Axes
        A note under the title names each government with fewer than 5
        statements; the caption says which differences are within noise (the
        two 95% intervals overlap).
    """
    used = table
    if table is not None and len(table) and {"family", "statements", "denied"} <= set(table.columns):
        used = table[table.groupby("family")["statements"].transform("sum")
                     + table.groupby("family")["denied"].transform("sum") > 0]
    denials = int((used["denied"] > 0).sum()) if used is not None and "denied" in used else 0
    ax = _axes(ax, rows=_count(used, "family") * (_count_parties(used) + 1) + denials + 1)
    title = "Framing: which words each government uses for the same events"
    if _empty(used, ["party", "family", "statements", "denied", "n", "share", "low", "high"]):
        return _no_data(ax, title, "No data: no framing terms in attributed statements.")
    order, cmap = _in_order(used, colors)
    used = used.assign(_p=used["party"].map(order.index)).sort_values("_p", kind="stable")
    rows = []
    for family in dict.fromkeys(used["family"]):
        for _, r in used[used["family"] == family].iterrows():
            rows.append({"group": family, "bar": r["party"], "value": r["share"], "low": r["low"], "high": r["high"],
                         "color": cmap[r["party"]], "hatch": None,
                         "label": _share_label(r["statements"], r["n"], r["share"], r["low"], r["high"])})
            if r["denied"] > 0:  # a hatched bar only where the government denied the frame
                rows.append({"group": family, "bar": f"{r['party']} (denied)", "value": r["denied_share"],
                             "low": r["denied_low"], "high": r["denied_high"], "color": cmap[r["party"]],
                             "hatch": _DENIED_HATCH,
                             "label": (f"denied: {int(r['denied'])} of {int(r['n'])} · {r['denied_share']:.0%} "
                                       f"[{r['denied_low']:.0%}–{r['denied_high']:.0%}]")})
    _interval_bars(ax, pd.DataFrame(rows), xmax=1)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    _title(ax, title, used.set_index("party")["note"], order)
    ax.set_xlabel("Share of the government's statements with framing terms that use this family; "
                  "whiskers: 95% Wilson interval\n"
                  "label: statements using the family of the government's statements with framing terms\n"
                  + _comparison(summaries.differences(used), "family"))
    handles = [Patch(color=cmap[p], label=p) for p in order]
    if denials:
        handles.append(Patch(facecolor="white", edgecolor="#555555", hatch=_DENIED_HATCH,
                             label="denied (“this is not a withdrawal”): not counted as use"))
    _legend_below(ax, handles=handles, ncol=3)
    return ax


@_styled
def plot_phrasing(table: pd.DataFrame, *, ax=None, colors: dict | None = None) -> plt.Axes:
    """Draw per government the mean hedges and boosters per statement and the mean modal strength, with intervals.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`parley.summaries.phrasing` (one row per government and
        measure); the rows of hedges, boosters and modal strength are drawn,
        each bar with its 95% percentile-bootstrap interval (none for fewer
        than 5 values) and labelled with its mean, interval and n.
        "(no party)" rows are left out.
    ax : matplotlib.axes.Axes, optional
    colors : dict, optional
        Party to colour.

    Returns
    -------
    matplotlib.axes.Axes
    """
    columns = ["hedges", "boosters", "modal_strength"]
    if table is not None and len(table) and {"measure", "party"} <= set(table.columns):
        table = table[table["measure"].isin(columns) & (table["party"] != NO_PARTY)]
    ax = _axes(ax, rows=3 * _count_parties(table) + 1)
    title = "Hedging, boosting and modal strength by government"
    if _empty(table, ["party", "measure", "n", "mean", "low", "high"]):
        return _no_data(ax, title, "No data: no statements attributed to a government.")
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
def plot_commitment(table: pd.DataFrame, statements: pd.DataFrame, *, ax=None,
                    colors: dict | None = None) -> plt.Axes:
    """Draw every statement's commitment strength per government, with the government's mean and its interval.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`parley.summaries.phrasing` of the same statements: its
        ``commitment`` rows give the means and 95% bootstrap intervals drawn,
        and the governments (with ``include_unattributed=True``, "(no
        party)" too).
    statements : pandas.DataFrame
        Columns ``party`` and ``commitment`` (0 to 1): one dot each.
    ax : matplotlib.axes.Axes, optional
    colors : dict, optional
        Party to colour.

    Returns
    -------
    matplotlib.axes.Axes
        A single statement gets no mean bar.
    """
    if table is not None and len(table) and "measure" in table:
        table = table[table["measure"] == "commitment"]
    ax = _axes(ax, rows=2 * _count_parties(table) + 1)
    title = "Commitment strength of each statement, by government"
    if _empty(statements, ["party", "commitment"]) or _empty(table, ["party", "n", "mean", "low", "high"]):
        return _no_data(ax, title)
    frame = statements.assign(_party=_parties(statements["party"]),
                              _c=pd.to_numeric(statements["commitment"], errors="coerce")).dropna(subset=["_c"])
    order, cmap = _in_order(table, colors)
    table = table.set_index("party")
    rng = np.random.default_rng(0)  # fixed jitter: the same chart on every run
    for y, party in enumerate(order):
        values = frame.loc[frame["_party"] == party, "_c"].to_numpy(float)
        ax.scatter(values, y + rng.uniform(-0.15, 0.15, len(values)), s=40, color=cmap[party], alpha=0.75,
                   edgecolor="white", zorder=3)
        row = table.loc[party]
        if pd.isna(row["mean"]):
            continue
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
def plot_condition_share(table: pd.DataFrame, *, ax=None, colors: dict | None = None) -> plt.Axes:
    """Draw the share of each government's statements that attach at least one condition, with its interval.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`parley.summaries.conditionality`: a joint statement counts for
        each government that made it; the whisker is the 95% Wilson
        interval, so "1 of 1" shows as the wide range it is, not as a
        confident 100%.
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
    ax = _axes(ax, rows=2 * _count_parties(table) + 1)
    title = "Conditional statements: share of each government's statements with a condition"
    if _empty(table, ["party", "n", "conditional", "share", "low", "high"]):
        return _no_data(ax, title)
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
                  "condition of all its statements\n" + _comparison(summaries.differences(table)))
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
def plot_condition_categories(table: pd.DataFrame, *, ax=None, colors: dict | None = None,
                              total: int | None = None) -> plt.Axes:
    """Draw the share of each party's conditions per category, with counts and Wilson intervals.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`parley.summaries.condition_categories`; its "narration" rows
        (conditions in the journalist's own text; left out with
        ``narration=False``) and "(no party)" rows are drawn in colours of
        their own, named in the legend.
    ax : matplotlib.axes.Axes, optional
    colors : dict, optional
        Party to colour.
    total : int, optional
        The number of distinct conditions, a joint statement's once
        (:func:`parley.summaries.count_conditions`), for the caption.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax, rows=_count(table, "category") * (_count_parties(table) + 1) + 1)
    title = "What governments make their commitments depend on: conditions by category"
    if _empty(table, ["party", "category", "conditions", "n", "share", "low", "high"]):
        return _no_data(ax, title, "No data: no conditions found in the selected articles.")
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
    shown = ("“narration”: conditions in the journalist's own text" if NARRATION in order
             else "none in the journalist's own text shown")
    counted = f"{total} in all, a joint statement's once; " if total is not None else ""
    ax.set_xlabel("Share of the government's conditions in this category; whiskers: 95% Wilson interval\n"
                  f"label: conditions in the category of all its conditions ({counted}{shown})\n"
                  + _comparison(summaries.differences(table), "category"))
    _legend_below(ax, handles=[Patch(color=cmap[p], label=p) for p in order], ncol=5)
    return ax
