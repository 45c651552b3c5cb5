"""Run the notebooks headlessly and assemble their charts into one HTML report.

:func:`make_report` executes every ``notebooks/NN-*.ipynb`` with papermill on
the given articles and parties (checked first with :func:`parley.inputs.check_inputs`;
the notebooks run a few at a time), then writes ``<out>/report.html``: a briefing
(per government: statements, the main framing, conditions, tone, each with its
n and a warning where the numbers are too small to compare), then each chart
saved with :func:`parley.plots.save_figure` beside the evidence behind it, then
how the numbers are made and how well that works, then the article list and
the load report. The page is self-contained (charts are embedded as PNG),
shows no code and no absolute path, and prints to PDF with headings kept with
their charts and tables wrapped to the page width.
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

import jinja2
import pandas as pd
from markupsafe import Markup

from ..core import config
from ..core.parties import party_colors
from ..corpus.articles import mark_output
from ..extract.statements import count_statements, describe_count
from ..rollup import briefing
from ..rollup.reprints import unique_statements
from ..rollup.summaries import count_conditions
from ..run.analysis import analyze
from ..run.inputs import Inputs, check_inputs
from . import evidence
from .render import STYLE, document_table, readable_date
from .review import accuracy_html

__all__ = ["INTERACTIVE", "JOBS", "NOTEBOOKS", "NotebookRun", "Report", "make_report", "run_notebooks", "write_report"]

#: Where the notebook suite lives.
NOTEBOOKS = config.NOTEBOOKS
#: Notebooks for a person at the keyboard, which the report does not run (the review: its accuracy block is in the
#: report anyway, from the corrections file).
INTERACTIVE = ("05-review",)
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
                notebooks=NOTEBOOKS, jobs: int | None = None, corrections=config.CORRECTIONS) -> Report:
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
    corrections : str or Path, optional
        The analyst's corrections (``CORRECTIONS``; a missing file holds
        none, None applies none): the notebooks and the briefing use the
        corrected frames, and the report says how accurate the review found
        parley. The interactive notebooks (:data:`INTERACTIVE`) are not run.

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
    out = Path(out).resolve()
    inputs = check_inputs(articles, parties, out, corrections)
    seconds = _durations(out / "notebooks")  # before the executed copies are cleared
    _clear(out)
    mark_output(out)
    runs = run_notebooks(inputs.articles, inputs.parties, out, notebooks=notebooks, jobs=jobs, seconds=seconds,
                         corrections=inputs.corrections)
    return Report(write_report(out, articles=inputs.articles, parties=inputs.parties, runs=runs,
                               corrections=inputs.corrections), runs, inputs)


def run_notebooks(articles, parties, out, *, notebooks=NOTEBOOKS, jobs: int | None = None,
                  seconds: dict[str, float] | None = None, corrections=None) -> list[NotebookRun]:
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
    corrections : str or Path, optional
        The notebook parameter ``CORRECTIONS`` (None: no corrections).

    Returns
    -------
    list of NotebookRun
        One per notebook in name order (but those in :data:`INTERACTIVE`), with the error
        (``"ExceptionName: message"``) if it failed.
    """
    folder = Path(notebooks).resolve()
    (Path(out) / "notebooks").mkdir(parents=True, exist_ok=True)
    parameters = {"ARTICLES": str(Path(articles).resolve()), "PARTIES": str(Path(parties).resolve()),
                  "OUTPUT": str(Path(out).resolve()),
                  "CORRECTIONS": None if corrections is None else str(Path(corrections).resolve())}
    runs = [NotebookRun(source.stem, Path(out).resolve() / "notebooks" / source.name)
            for source in sorted(folder.glob("[0-9]*.ipynb")) if source.stem not in INTERACTIVE]
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


def write_report(out, *, articles, parties, runs: list[NotebookRun] = (), corrections=None) -> Path:
    """Write ``<out>/report.html``: the briefing, the evidence behind it, every statement, methods and sources.

    Parameters
    ----------
    out : str or Path
        The report folder holding ``figures/manifest.json``.
    articles, parties : str or Path
        The inputs, for the article list and load report.
    runs : list of NotebookRun
        Notebook outcomes; failures are listed at the top of the page.
    corrections : str or Path, optional
        The analyst's corrections, applied to the briefing; with them or
        without, the methods say how accurate parley is on these articles.

    Returns
    -------
    Path
        The written HTML file.
    """
    out = Path(out)
    figures = out / "figures"
    with warnings.catch_warnings():  # skipped files are shown in the load report below, not as warnings
        warnings.simplefilter("ignore")
        analysis = analyze(articles, parties=parties, corrections=corrections)
    reports = len(analysis.statements)
    analysis = _unique(analysis)
    accuracy = accuracy_html(analysis)
    order, colors = list(analysis.parties), party_colors(analysis.parties)
    sections = _sections(analysis, order, colors)
    entries = _manifest(figures)
    shown = {s.name for s in sections if s.chart}
    base = Path(articles).resolve()
    base = base.parent if base.is_file() else base
    page = _template().render(
        version=config.VERSION, style=Markup(STYLE), header=Markup(_header(articles, parties, analysis, reports)),
        failed=[{"notebook": r.notebook, "error": r.error, "file": Path(r.output).name} for r in runs if r.error],
        brief=_brief(analysis, order, colors),
        sections=[_placed(figures, entries, s) for s in sections],
        check_first=Markup(evidence.check_first(analysis.statements, order)),
        statement_list=Markup(evidence.statement_list(analysis.statements, analysis.articles, analysis.terms,
                                                      analysis.conditions, order, colors)),
        articles_count=len(analysis.articles), articles=Markup(_articles(analysis.articles, base)),
        load_summary=_load_summary(analysis.load_report), load=Markup(_load(analysis.load_report, base)),
        more_charts=_more(entries, shown), accuracy=Markup(accuracy))
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


def _relative(path, base: Path | None = None) -> str:
    """Return a path as the reader should see it: relative to the project, else to ``base``, else its name.

    The report never shows an absolute path (a temporary folder, a home directory).
    """
    if path is None or (isinstance(path, float) and path != path):
        return ""
    text = str(path)
    candidate = Path(text)
    if not candidate.is_absolute():
        return candidate.as_posix()
    candidate = candidate.resolve()
    for root in (config.ROOT, base):
        if root is not None:
            try:
                return candidate.relative_to(Path(root).resolve()).as_posix() or "."
            except ValueError:
                continue
    return candidate.name


def _plural(n: int, word: str, plural: str | None = None) -> str:
    """Return "1 article", "2 articles"."""
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _unique(analysis):
    """Keep one report of each quote that several articles carry, with its conditions and terms (narration stays)."""
    statements = unique_statements(analysis.statements, analysis.articles)
    kept = statements["statement_id"]
    conditions = analysis.conditions
    analysis.conditions = conditions[conditions["statement_id"].isin(kept) | conditions["statement_id"].isna()]
    analysis.terms = analysis.terms[analysis.terms["statement_id"].isin(kept)] if len(analysis.terms) else analysis.terms
    analysis.statements = statements
    return analysis


def _template():
    """Return the report's Jinja2 template (autoescaped: every value is escaped unless marked as HTML)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    return env.get_template("report.html.j2")


def _header(articles, parties, analysis, reports: int) -> str:
    """Return the line under the title: what was read, how much was found, when, by which parley."""
    e = html.escape
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    conditions, narration = count_conditions(analysis.conditions, analysis.statements)
    repeated = (f" (a quote that several articles carry counts once: {reports} reports in all)"
                if reports > len(analysis.statements) else "")
    return (f"{_plural(len(analysis.articles), 'article')} from <code>{e(_relative(articles))}</code>; parties from "
            f"<code>{e(_relative(parties))}</code>; {e(describe_count(analysis.statements))} attributed{repeated}, "
            f"{_plural(conditions, 'condition')} ({narration} in the journalists' own text; a joint statement's once); "
            f"parley {e(config.VERSION)}; {stamp}.")


def _sections(analysis, order: list[str], colors: dict) -> list[evidence.Section]:
    """Return the evidence, in the order of the briefing: who spoke, framing, conditions, commitment, tone, words."""
    unique, conditions = analysis.statements, analysis.conditions
    return [evidence.statements(unique, analysis.articles, order), evidence.framing(unique, analysis.terms, order),
            evidence.conditions(unique, conditions, order), evidence.condition_categories(conditions, order),
            evidence.commitment(unique, order), evidence.tone(unique, order), evidence.distinctive_terms(unique, order)]


def _placed(figures: Path, entries: list[dict], section: evidence.Section) -> dict:
    """Return what the template needs of a section: its chart (PNG embedded, files linked) beside its text."""
    entry = next((e for e in entries if e.get("name") == section.name), None) if section.chart else None
    png = figures / entry["files"]["png"] if entry and entry.get("files", {}).get("png") else None
    return {"name": section.name, "title": section.title, "caption": section.caption, "table": Markup(section.table),
            "png": base64.b64encode(png.read_bytes()).decode("ascii") if png and png.is_file() else None,
            "files": [(k.upper(), v) for k, v in (entry or {}).get("files", {}).items()],
            "missing": section.chart and not (png and png.is_file())}


def _chart_key(entry: dict) -> str:
    """Return what makes two manifest entries the same chart: the PNG file they point to, else the title."""
    return entry.get("files", {}).get("png") or entry.get("title") or entry["name"]


def _more(entries: list[dict], shown: set[str]) -> list[dict]:
    """Return the notebooks' other charts, each once (a chart two notebooks drew alike is one file), for the list."""
    seen = {_chart_key(e) for e in entries if e.get("name") in shown}
    more = []
    for entry in entries:
        if entry.get("name") in shown or _chart_key(entry) in seen:
            continue
        seen.add(_chart_key(entry))
        more.append({"name": entry["name"], "title": entry.get("title") or entry["name"],
                     "notebook": entry.get("notebook") or "", "files": [(k.upper(), v) for k, v in
                                                                        entry.get("files", {}).items()]})
    return more


def _brief(analysis, order: list[str], colors: dict) -> dict:
    """Return the briefing as the template reads it: per government its four lines in words, with quotes."""
    unique, conditions, terms = analysis.statements, analysis.conditions, analysis.terms
    table = briefing.briefing(unique, conditions, terms, articles=analysis.articles)
    shown = briefing.quotes(table, unique, terms=terms, conditions=conditions, articles=analysis.articles)
    differ = briefing.contrasts(unique, conditions, terms, order=order)
    governments = [p for p in order if p in set(table["party"])] + [
        p for p in dict.fromkeys(table["party"]) if p not in order]
    total, joint = count_statements(unique)
    unattributed = int(unique["party"].isna().sum()) if "party" in unique else 0
    tone = table.loc[table["line"] == "tone", "measure"].dropna()
    measure = tone.iloc[0] if len(tone) else briefing.TONE_MEASURES["polarity"]
    return {
        "lead": _lead(total, joint, unattributed, len(governments), analysis.articles),
        "aspects": [{"key": "statements", "title": "Said"}, {"key": "framing", "title": "Main framing"},
                    {"key": "conditions", "title": "Conditions"}, {"key": "tone", "title": "Tone"}],
        "governments": [{"party": p, "color": colors.get(p, "#999999"),
                         "lines": {r.line: _line(r, shown) for r in table[table["party"] == p].itertuples()}}
                        for p in governments],
        "silent": ", ".join(p for p in analysis.parties if p not in governments),
        "differ": " ".join(differ["sentence"]),
        "tone_measure": (f"the {measure} (negative: conflict, positive: cooperation)"
                         if measure == briefing.TONE_MEASURES["tone_score"]
                         else f"{measure} (−1…+1), a weak signal on diplomatic text"),
    }


def _lead(total: int, joint: int, unattributed: int, governments: int, articles) -> str:
    outlets = list(dict.fromkeys(s for s in articles.get("source", []) if isinstance(s, str) and s))
    dates = pd.to_datetime(articles.get("published", pd.Series(dtype=object)), errors="coerce", utc=True).dropna()
    span = "" if not len(dates) else (readable_date(dates.min()) if dates.min().date() == dates.max().date()
                                      else f"{readable_date(dates.min())} to {readable_date(dates.max())}")
    where = (", ".join(outlets) if len(outlets) <= 3 else f"{len(outlets)} outlets") if outlets else ""
    said = ", ".join(x for x in (where, span) if x)
    return (f"{_plural(total, 'statement')} by {_plural(governments, 'government')} in "
            f"{_plural(len(articles), 'article')}" + (f" ({said})" if said else "")
            + "; a quote that several articles carry counts once"
            + (f"; {joint} joint, counted for each government that made it" if joint else "")
            + (f"; {unattributed} without a government, not compared" if unattributed else "") + ".")


def _line(row, shown: pd.DataFrame) -> dict:
    """Return one briefing line of one government: its words as ``(text, bold)`` parts, a flag, the rest, quotes."""
    quotes = [{"anchor": evidence.statement_anchor(q.statement_id), "before": q.before, "marked": q.marked,
               "after": q.after, "who": ", ".join(x for x in (str(q.speaker or ""), q.outlet or "",
                                                               readable_date(q.date)) if x)}
              for q in shown[(shown["party"] == row.party) & (shown["line"] == row.line)].itertuples()]
    counts = f"{row.k} of {_plural(row.n, 'statement')}"
    interval = f" ({row.value:.0%}; 95% interval {row.low:.0%}–{row.high:.0%})" if pd.notna(row.value) else ""
    line = {"parts": [], "flag": "", "also": "", "words": "", "quotes": quotes}
    if row.line == "statements":
        where = ", ".join(row.outlets[:3]) + (f" and {len(row.outlets) - 3} more" if len(row.outlets) > 3 else "")
        dates = "" if pd.isna(row.first) else (readable_date(row.first) if row.first == row.last
                                               else f"{readable_date(row.first)} to {readable_date(row.last)}")
        line["parts"] = [(_plural(row.n, "statement"), True), (f" in {_plural(row.articles, 'article')}", False)]
        line["also"] = "; ".join(x for x in (where, dates) if x)
    elif row.line == "framing":
        line["parts"] = [(row.label, True), (f" in {counts}{interval} with framing words", False)] if isinstance(
            row.label, str) else [("no framing word", False)]
        line["words"] = row.words if isinstance(row.label, str) else ""
        line["flag"] = f"from {_plural(row.k, 'statement')} only" if row.few else ""
        line["also"] = "also " + _listed(row.also) if row.also else ""
    elif row.line == "conditions":
        line["parts"] = [(counts, True), (f"{interval} attach a condition", False)] if row.k else [
            (f"none of {_plural(row.n, 'statement')} attaches a condition", False)]
        if isinstance(row.label, str):  # what the conditions are about, with the statements behind each
            line["also"] = "about " + _listed([(row.label, row.label_k), *row.also])
    else:
        line["parts"] = _tone_words(row)
    return line


def _listed(counts, most: int = 4) -> str:
    """Return "a (3), b (2) and 5 more": page one names the first few, the evidence lists them all."""
    shown = ", ".join(f"{name} ({k})" for name, k in counts[:most])
    return shown + (f" and {len(counts) - most} more" if len(counts) > most else "")


def _tone_words(row) -> list[tuple[str, bool]]:
    """Return the tone line's parts: the leaning (or the most common tone class), the mean and its interval."""
    if not row.n or pd.isna(row.value):
        return [("no statement to score", False)]
    interval = (f"95% interval {_signed(row.low)} to {_signed(row.high)}" if pd.notna(row.low)
                else f"n={row.n}: too few for an interval")
    if isinstance(row.label, str):  # the cooperation–conflict score and its classes
        return [(row.label, True), (f" in {row.k} of {_plural(row.n, 'statement')}; mean score {_signed(row.value)} "
                                    f"({interval})", False)]
    leaning = "positive" if row.value > 0.05 else "negative" if row.value < -0.05 else "neutral"
    return [(leaning, True), (f": mean polarity {_signed(row.value)} ({interval})", False)]


def _signed(value: float) -> str:
    """Return "+0.12" or "−0.05" (a minus sign, not a hyphen)."""
    return f"{value:+.2f}".replace("-", "−")


def _articles(articles: pd.DataFrame, base: Path) -> str:
    listing = articles.assign(path=[_relative(p, base.parent) for p in articles["path"]],
                              published=pd.to_datetime(articles["published"], errors="coerce", utc=True))
    return document_table(listing, {"title": "Title", "source": "Outlet", "published": "Date", "path": "File"})


def _load_summary(load: pd.DataFrame) -> str:
    if load is None or not len(load) or "status" not in load:
        return "No file was read."
    skipped = int((load["status"] != "loaded").sum())
    return (f"{_plural(len(load), 'file')} read: {len(load) - skipped} loaded"
            + (f", {skipped} skipped (below, with the reason)." if skipped else ", none skipped."))


def _load(load: pd.DataFrame, base: Path) -> str:
    """Return the files that were skipped, with the reason (the loaded ones are the article list)."""
    if load is None or not len(load) or "status" not in load:
        return ""
    load = load[load["status"] != "loaded"]
    if not len(load):
        return ""
    frame = load.assign(path=[_relative(p, base.parent) for p in load["path"]]) if "path" in load else load
    columns = {c: name for c, name in {"path": "File", "status": "Status", "format": "Format",
                                       "encoding": "Encoding", "articles": "Articles", "reason": "Reason"}.items()
               if c in frame}
    return document_table(frame, columns)
