"""Run the notebooks headlessly and assemble their charts into one HTML report.

:func:`make_report` executes every ``notebooks/NN-*.ipynb`` with papermill on
the given articles and parties (checked first with :func:`parley.inputs.check_inputs`;
the notebooks run a few at a time), then writes ``<out>/report.html``: each chart
saved with :func:`parley.plots.save_figure` beside the evidence behind it, then
the article list and the load report. The page is self-contained (charts are
embedded as PNG) and shows no code.
"""
from __future__ import annotations

import base64
import functools
import html
import json
import os
import tempfile
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from . import config
from .analysis import analyze
from .inputs import Inputs, check_inputs
from .render import STYLE, evidence_table
from .statements import describe_count
from .summaries import conditionality, count_conditions

__all__ = ["JOBS", "NOTEBOOKS", "NotebookRun", "Report", "make_report", "run_notebooks", "write_report"]

#: Where the notebook suite lives.
NOTEBOOKS = config.NOTEBOOKS
#: Seconds one notebook cell may run before the notebook counts as failed (a hung kernel must not hang the report).
CELL_TIMEOUT = 300
#: Notebooks run at once: kernel start and imports dominate a notebook's time, so two overlap well even on
#: two cores (the analysis cache is warmed before, so the notebooks only read it).
JOBS = 3 if os.name == "posix" else 1  # elsewhere the figure manifest cannot be locked
#: How kernels talk to papermill: over local sockets (IPC) where there are any, so that nothing listens on the
#: network and ipykernel does not warn that TCP traffic is unencrypted.
TRANSPORT = "ipc" if os.name == "posix" else "tcp"
_FIGURE_FILES = ("*.png", "*.svg", "*.pdf", "*.evidence.csv", "*.evidence.html", "manifest.json")


@dataclass
class NotebookRun:
    """The outcome of executing one notebook."""

    notebook: str
    output: Path
    error: str | None = None


@dataclass
class Report:
    """What :func:`make_report` did."""

    html: Path
    runs: list[NotebookRun] = field(default_factory=list)
    inputs: Inputs | None = None

    @property
    def failed(self) -> list[NotebookRun]:
        """Return the notebooks that raised an error."""
        return [r for r in self.runs if r.error]


def make_report(articles=config.ARTICLES, parties=config.PARTIES, out=config.REPORTS, *,
                notebooks=NOTEBOOKS, jobs: int | None = None) -> Report:
    """Execute every notebook on the inputs and write ``<out>/report.html``.

    Parameters
    ----------
    articles : str or Path
        Articles folder or file, passed to the notebooks as ``ARTICLES``.
    parties : str or Path
        The parties file (``PARTIES``).
    out : str or Path
        The report folder (``OUTPUT``): executed notebooks go to
        ``<out>/notebooks``, charts to ``<out>/figures``.
    notebooks : str or Path
        The folder of ``NN-topic.ipynb`` notebooks, listed in name order.
    jobs : int, optional
        Notebooks run at once (default :data:`JOBS`).

    Returns
    -------
    Report
        The HTML path, every notebook's outcome and the checked inputs. A
        failing notebook does not stop the others; it is listed in the report
        page and in ``Report.failed``.

    Raises
    ------
    parley.inputs.InputError
        When an input is missing or invalid (see
        :func:`parley.inputs.check_inputs`); nothing is written then.
    """
    inputs = check_inputs(articles, parties, out)
    out = Path(out).resolve()
    seconds = _durations(out / "notebooks")  # before the executed copies are cleared
    _clear(out)
    out.mkdir(parents=True, exist_ok=True)
    runs = run_notebooks(inputs.articles, inputs.parties, out, notebooks=notebooks, jobs=jobs, seconds=seconds)
    return Report(write_report(out, articles=inputs.articles, parties=inputs.parties, runs=runs), runs, inputs)


def run_notebooks(articles, parties, out, *, notebooks=NOTEBOOKS, jobs: int | None = None,
                  seconds: dict[str, float] | None = None) -> list[NotebookRun]:
    """Execute each notebook with papermill, saving the executed copy to ``<out>/notebooks``.

    Parameters
    ----------
    articles, parties, out : str or Path
        The notebook parameters ``ARTICLES``, ``PARTIES``, ``OUTPUT`` (made absolute).
    notebooks : str or Path
        The notebooks folder.
    jobs : int, optional
        Notebooks run at once, each in its own kernel (default :data:`JOBS`).
        They must not depend on each other's output.
    seconds : dict, optional
        How long each notebook (by name) took last time: the slowest start
        first, and notebooks not listed before them, so the last to finish
        is not a long one started late. Default: name order.

    Returns
    -------
    list of NotebookRun
        One per notebook in name order, with the error (``"ExceptionName: message"``) if it failed.
    """
    folder = Path(notebooks).resolve()
    (Path(out) / "notebooks").mkdir(parents=True, exist_ok=True)
    parameters = {"ARTICLES": str(Path(articles).resolve()), "PARTIES": str(Path(parties).resolve()),
                  "OUTPUT": str(Path(out).resolve())}
    runs = [NotebookRun(source.stem, Path(out).resolve() / "notebooks" / source.name)
            for source in sorted(folder.glob("[0-9]*.ipynb"))]
    seconds = seconds or {}
    start = sorted(runs, key=lambda r: -seconds.get(r.notebook, float("inf"))) if seconds else runs
    with ThreadPoolExecutor(max_workers=max(1, jobs or JOBS)) as pool:
        for run, error in zip(start, pool.map(lambda r: _execute(folder / r.output.name, r.output, parameters),
                                              start)):
            run.error = error
    return runs


def _execute(source: Path, target: Path, parameters: dict) -> str | None:
    """Execute one notebook; return its error (``"ExceptionName: message (cell N)"``) or None."""
    import papermill
    from traitlets.config import Config

    with tempfile.TemporaryDirectory(prefix="parley-kernel-") as sockets:  # each kernel its own socket files
        manager = {"transport": TRANSPORT}
        if TRANSPORT == "ipc":
            manager["ip"] = os.path.join(sockets, "ipc")
        try:
            # The kernel starts in the notebooks folder through ``resources``: papermill's ``cwd`` would chdir this
            # whole process, which threads running side by side cannot share.
            papermill.execute_notebook(str(source), str(target), parameters=parameters, kernel_name="python3",
                                       progress_bar=False, log_output=False, execution_timeout=CELL_TIMEOUT,
                                       resources={"metadata": {"path": str(source.parent)}},
                                       config=Config({"KernelManager": manager}),
                                       kernel_manager_class=_quiet_kernel_manager())
        except papermill.PapermillExecutionError as exc:
            line = next(iter(str(exc.evalue).strip().splitlines()), "")  # brief: the first line of the message
            return f"{exc.ename}: {line} (cell {exc.exec_count})"
        except Exception as exc:  # a dead kernel or unreadable notebook must not stop the others
            return f"{type(exc).__name__}: {exc}"
    return None


def write_report(out, *, articles, parties, runs: list[NotebookRun] = ()) -> Path:
    """Write ``<out>/report.html`` from the figure manifest and the articles.

    Parameters
    ----------
    out : str or Path
        The report folder holding ``figures/manifest.json``.
    articles, parties : str or Path
        The inputs, for the article list and load report.
    runs : list of NotebookRun
        Notebook outcomes; failures are listed at the top of the page.

    Returns
    -------
    Path
        The written HTML file.
    """
    out = Path(out)
    figures = out / "figures"
    order = {r.notebook: n for n, r in enumerate(runs)}
    entries = _manifest(figures)
    entries.sort(key=lambda e: order.get(e.get("notebook"), len(order)))  # stable: save order within a notebook
    # The summary notebook's headline charts open the page; a later chart with the same title is the same
    # chart drawn again, so it links back instead of repeating the picture.
    summary = [e for e in entries if str(e.get("notebook") or "").startswith(_SUMMARY)]
    entries = summary + [e for e in entries if e not in summary]
    first: dict[str, str] = {}
    for entry in entries:
        first.setdefault(entry.get("title") or entry["name"], entry["name"])
    with warnings.catch_warnings():  # skipped files are shown in the load report below, not as warnings
        warnings.simplefilter("ignore")
        analysis = analyze(articles, parties=parties)
    body = [_header(articles, parties, analysis, runs)]
    if entries:
        links = "".join(f"<li><a href='#{html.escape(e['name'])}'>{html.escape(e.get('title') or e['name'])}</a></li>"
                        for e in entries if first[e.get("title") or e["name"]] == e["name"])
        body.append(f"<nav><ol class='toc'>{links}</ol></nav>")
    for n, entry in enumerate(entries):
        if n == 0 and summary:
            body.append("<h2 class='part'>Headline charts</h2>")
        if n == len(summary) and summary and len(entries) > len(summary):
            body.append("<h2 class='part'>All charts, notebook by notebook</h2>")
        same = first[entry.get("title") or entry["name"]]
        body.append(_chart(figures, entry) if same == entry["name"] else _again(entry, same))
    if not entries:
        body.append("<p class='note'>No charts were saved by the notebooks.</p>")
    listing = analysis.articles[["title", "source", "published", "path"]]
    body.append(f"<section id='articles'><h2>Articles ({len(listing)})</h2>{evidence_table(listing)}</section>")
    body.append(f"<section id='load-report'><h2>Load report</h2>{evidence_table(analysis.load_report)}</section>")
    page = _PAGE.format(style=STYLE, css=_CSS, body="\n".join(body), version=html.escape(config.VERSION))
    target = out / "report.html"
    target.write_text(page, encoding="utf-8")
    return target


def _clear(out: Path) -> None:
    """Remove the charts and executed notebooks of a previous run, so the report shows only this run."""
    for pattern in _FIGURE_FILES:
        for path in (out / "figures").glob(pattern):
            path.unlink()
    for path in (out / "notebooks").glob("*.ipynb"):
        path.unlink()


@functools.cache
def _quiet_kernel_manager() -> type:
    """Return a kernel manager that asks a finished kernel to stop without interrupting it first.

    jupyter_client sends SIGINT before the shutdown request; a kernel still
    answering its last message then logs "KeyboardInterrupt caught in kernel",
    noise after a notebook that ran well. A kernel that does not stop is still
    killed after ``shutdown_wait_time``.
    """
    from jupyter_client import AsyncKernelManager

    class QuietShutdown(AsyncKernelManager):
        async def _async_interrupt_kernel(self) -> None:
            if not self.shutting_down:
                await super()._async_interrupt_kernel()

    return QuietShutdown


def _durations(executed: Path) -> dict[str, float]:
    """Return the seconds each notebook took in the previous run, from papermill's note in its executed copy."""
    seconds = {}
    for path in executed.glob("*.ipynb"):
        try:
            took = json.loads(path.read_text(encoding="utf-8"))["metadata"]["papermill"]["duration"]
        except (OSError, ValueError, KeyError, TypeError):  # unreadable, or stopped before papermill noted it
            continue
        if isinstance(took, (int, float)):
            seconds[path.stem] = float(took)
    return seconds


def _manifest(figures: Path) -> list[dict]:
    try:
        return json.loads((figures / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []


def _header(articles, parties, analysis, runs) -> str:
    e = html.escape
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    failed = [r for r in runs if r.error]
    conditions, narration = count_conditions(analysis.conditions, analysis.statements)
    parts = [f"<h1>parley report</h1><p class='meta'>{len(analysis.articles)} article(s) from <code>{e(str(articles))}"
             f"</code>; parties from <code>{e(str(parties))}</code>; {e(describe_count(analysis.statements))} "
             f"attributed, {conditions} conditions ({narration} in the journalists' own text; a joint statement's "
             f"once); parley {e(config.VERSION)}; {stamp}.</p>", _how_sure(analysis)]
    if failed:
        items = "".join(f"<li><b>{e(r.notebook)}</b>: {e(r.error)} (executed copy: "
                        f"<code>{e(str(r.output))}</code>)</li>" for r in failed)
        parts.append(f"<div class='failed'><b>{len(failed)} notebook(s) failed</b>; their charts are missing "
                     f"or incomplete:<ul>{items}</ul></div>")
    return "\n".join(parts)


def _how_sure(analysis) -> str:
    """Return the paragraph on small numbers: which governments have too few statements, and the noise rule."""
    table = conditionality(analysis.statements, analysis.conditions, include_unattributed=False)
    small = [n for n in table["note"] if n]
    items = "".join(f"<li>{html.escape(n)}</li>" for n in small)
    return ("<div class='sure'><b>How sure these numbers are.</b> Every share below shows its counts (“1 of 3”) and a "
            "95% Wilson interval, every mean a 95% bootstrap interval. A difference between two governments is "
            "<i>within noise</i> when their two intervals overlap: these data do not show it. With fewer than 5 "
            "statements on a side a comparison is not made" + (f":<ul>{items}</ul>" if small else ".") + "</div>")


def _again(entry: dict, first: str) -> str:
    """Return a short section for a chart already shown under another name."""
    e = html.escape
    return (f"<section class='chart' id='{e(entry['name'])}'><h3>{e(entry.get('title', entry['name']))}</h3>"
            f"<p class='meta'>from notebook {e(str(entry.get('notebook')))}: the same chart as "
            f"<a href='#{e(first)}'>above</a>.</p></section>")


def _chart(figures: Path, entry: dict) -> str:
    e = html.escape
    png = figures / entry.get("files", {}).get("png", "")
    if not png.is_file():
        return f"<section><h2>{e(entry.get('title', ''))}</h2><p class='note'>Chart file missing.</p></section>"
    data = base64.b64encode(png.read_bytes()).decode("ascii")
    evidence_file = figures / (entry.get("evidence") or "")
    if entry.get("evidence") and evidence_file.is_file():
        evidence = evidence_file.read_text(encoding="utf-8")  # written by save_figure from escaped HTML
    else:
        evidence = "<p class='note'>No evidence table was saved with this chart.</p>"
    links = " · ".join(f"<a href='figures/{e(name)}'>{e(kind.upper())}</a>"
                       for kind, name in entry.get("files", {}).items())
    return (f"<section class='chart' id='{e(entry['name'])}'><h2>{e(entry.get('title', entry['name']))}</h2>"
            f"<p class='meta'>from notebook {e(str(entry.get('notebook')))} · {links}</p>"
            f"<div class='pair'><figure><img alt='{e(entry.get('title', ''))}' src='data:image/png;base64,{data}'>"
            f"</figure><div class='evidence'><h3>Behind this chart</h3>{evidence}</div></div></section>")


_SUMMARY = "90-"
_CSS = """<style>
h2.part{font-size:1.7em;border-bottom:3px solid #333;margin-top:2em}
body{font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;margin:2em auto;max-width:1600px;color:#222;padding:0 1em}
h1{margin-bottom:.2em} h2{margin-top:1.6em;border-bottom:1px solid #ddd;padding-bottom:.2em}
h3{font-size:1em;margin:.2em 0 .5em} .meta,.note{color:#666;font-size:.9em}
.pair{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1.5em;align-items:start}
.pair figure{margin:0}
.pair img{width:100%;max-width:900px;height:auto;border:1px solid #eee}
.evidence{max-height:40em;overflow:auto;font-size:.85em}
.evidence .parley-text{min-width:20em;font-size:1.05em;line-height:1.45}
.toc{columns:2;font-size:.9em}
.parley-table{border-collapse:collapse;font-size:.85em}
.parley-table th{background:#f3f3f3;position:sticky;top:0}
.parley-table td,.parley-table th{border-bottom:1px solid #eee}
.sure{background:#fff8e6;border:1px solid #e8c77a;padding:.6em 1em;margin:1em 0;font-size:.92em}
.sure ul{margin:.3em 0 0 0}
.failed{background:#fdecea;border:1px solid #e6a19a;padding:.6em 1em;margin:1em 0}
@media (max-width:900px){.pair{grid-template-columns:1fr}}
</style>"""

_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="generator" content="parley {version}">
<title>parley report</title>{style}{css}</head>
<body>
{body}
</body></html>
"""
