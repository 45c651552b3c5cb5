"""Write charts to files: PNG, SVG and PDF with provenance, the evidence behind each, and the manifest.

:func:`save_figure` writes a chart into ``<out>/figures`` with its evidence
table and records it in ``<out>/figures/manifest.json``, which
:mod:`parley.views.report` reads; :func:`drop_figures` removes charts a
rerun no longer draws; :func:`show_figure` saves and displays in a notebook.
Notebooks run side by side, so the manifest is read and written under a lock
on the folder (where ``fcntl`` exists).
"""
from __future__ import annotations

import contextlib
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

import matplotlib.pyplot as plt
import pandas as pd

from ..core import config
from ..corpus.articles import mark_output
from .render import evidence_table, show_table
from .style import style

__all__ = ["drop_figures", "read_manifest", "save_figure", "show_figure"]



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
    drawn = _drawn(fig, title, facts)
    files = _write_evidence(folder, name, evidence, evidence_html)
    with _locked(folder):  # notebooks run in parallel: look for the same chart and record ours in one step
        # A chart another notebook already saved (notebook 90 draws the headline charts of 20, 30 and 40 again) is
        # not written twice: the entry points at the first one's files. The PNG decides: SVG and PDF carry a date.
        same = _same_chart(folder, name, drawn["png"])
        for ext, data in drawn.items():
            files[ext] = folder / (same["files"][ext] if same else f"{name}.{ext}")
            if not same:
                files[ext].write_bytes(data)
        _record(folder / "manifest.json", {
            "name": name, "title": title, "notebook": notebook, "saved": datetime.now(timezone.utc).isoformat(),
            "files": {k: p.name for k, p in files.items() if k in drawn},
            "evidence": files["html"].name if "html" in files else None,
            "evidence_csv": files["csv"].name if "csv" in files else None,
            "same_as": same["name"] if same else None,
            "provenance": facts,
        })
    return files


def _drawn(fig, title: str, facts: dict[str, str]) -> dict[str, bytes]:
    """Draw a figure as PNG, SVG and PDF bytes, each with its title and provenance in the format's metadata.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    title : str
        The chart's title.
    facts : dict of str to str
        The provenance: the version of parley and what the chart was made from.

    Returns
    -------
    dict of str to bytes
        ``png``, ``svg`` and ``pdf``, in that order.
    """
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
    return drawn


def _write_evidence(folder: Path, name: str, evidence: pd.DataFrame | None,
                    evidence_html: str | None) -> dict[str, Path]:
    """Write a chart's evidence: the rows as CSV, and the given HTML or else the rows as an escaped HTML table.

    Parameters
    ----------
    folder : Path
        The figures folder.
    name : str
        The chart's file stem.
    evidence : pandas.DataFrame, optional
        The rows behind the chart.
    evidence_html : str, optional
        An HTML fragment shown instead of the plain table.

    Returns
    -------
    dict of str to Path
        ``csv`` (with rows) and ``html`` (with either), for what was written.
    """
    files = {}
    if evidence is not None:
        files["csv"] = folder / f"{name}.evidence.csv"
        evidence.to_csv(files["csv"], index=False)
    if evidence is not None or evidence_html is not None:
        files["html"] = folder / f"{name}.evidence.html"
        files["html"].write_text(evidence_html if evidence_html is not None else evidence_table(evidence),
                                 encoding="utf-8")
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


def read_manifest(figures: str | Path) -> list[dict]:
    """Return the manifest's entries of a figures folder, one per saved chart, in the order they were saved.

    Parameters
    ----------
    figures : str or Path
        The ``<out>/figures`` folder.

    Returns
    -------
    list of dict
        ``name``, ``title``, ``notebook``, ``files`` (kind to file name),
        ``evidence``, ``evidence_csv``, ``same_as``, ``provenance``; empty
        when there is no manifest.
    """
    return _read_manifest(Path(figures) / "manifest.json")


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
