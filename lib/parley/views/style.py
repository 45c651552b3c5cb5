"""The house style of parley's charts, applied inside each drawing, never to the global rcParams."""
from __future__ import annotations

import matplotlib as mpl
from matplotlib import cycler

from ..core.parties import PALETTE

__all__ = ["STYLE", "style"]

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
