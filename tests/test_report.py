"""The report run: notebooks executed headless, valid chart files, a self-contained HTML report that follows the articles."""
import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import matplotlib.image as mpimg
import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from parley import config
from parley.views import report
from parley.__main__ import main

FIXTURES = Path(__file__).parent / "fixtures"
SEED = "000_ed59ce91eebbf266"


def _manifest(out: Path) -> list[dict]:
    return json.loads((out / "figures" / "manifest.json").read_text(encoding="utf-8"))


def _evidence_rows(out: Path) -> dict[str, int]:
    return {e["name"]: len(pd.read_csv(out / "figures" / e["evidence_csv"]))
            for e in _manifest(out) if e.get("evidence_csv")}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Run the report on the seed, then again into the same folder after adding the fixture article."""
    root = tmp_path_factory.mktemp("report")
    articles, out = root / "articles", root / "out"
    articles.mkdir()
    for path in config.ARTICLES.glob(f"{SEED}*"):
        shutil.copy(path, articles)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PARLEY_CACHE", str(root / "cache"))  # for the notebook kernels
        mp.setattr(config, "CACHE", root / "cache")  # for analyze() in this process
        first = report.make_report(articles, config.PARTIES, out)
        before = SimpleNamespace(html=first.html.read_text(encoding="utf-8"), manifest=_manifest(out),
                                 rows=_evidence_rows(out),
                                 png={e["name"]: (out / "figures" / e["files"]["png"]).read_bytes()
                                      for e in _manifest(out)})
        # Leftovers of an older run that must not survive into the next report.
        (out / "figures" / "stale-chart.png").write_bytes(b"old")
        entries = _manifest(out) + [{"name": "stale-chart", "title": "Stale chart", "files": {"png": "stale-chart.png"}}]
        (out / "figures" / "manifest.json").write_text(json.dumps(entries), encoding="utf-8")
        for path in FIXTURES.glob("report_second_article*"):
            shutil.copy(path, articles)
        second = report.make_report(articles, config.PARTIES, out)
    return SimpleNamespace(first=first, before=before, second=second, out=out,
                           html=second.html.read_text(encoding="utf-8"))


def test_every_notebook_ran_and_was_saved(runs):
    expected = [p.stem for p in sorted(report.NOTEBOOKS.glob("[0-9]*.ipynb"))]
    for result in (runs.first, runs.second):
        assert [r.notebook for r in result.runs] == expected
        assert result.failed == [], [f"{r.notebook}: {r.error}" for r in result.failed]
    for name in expected:
        executed = nbformat.read(runs.out / "notebooks" / f"{name}.ipynb", as_version=4)
        assert any(c.get("outputs") for c in executed.cells if c.cell_type == "code")


def test_chart_files_are_valid(runs):
    entries = _manifest(runs.out)
    assert {"40-sentiment-polarity", "90-statements", "90-framing", "90-condition-categories", "90-commitment",
            "90-sentiment"} <= {e["name"] for e in entries}
    for entry in entries:
        files = {k: runs.out / "figures" / v for k, v in entry["files"].items()}
        assert files["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert mpimg.imread(files["png"]).ndim == 3
        assert ET.parse(files["svg"]).getroot().tag == "{http://www.w3.org/2000/svg}svg"
        pdf = files["pdf"].read_bytes()
        assert pdf.startswith(b"%PDF") and b"/FontFile" in pdf, f"{entry['name']}: fonts not embedded"
        assert entry["provenance"]["articles"] == str((runs.out.parent / "articles").resolve())


def test_report_contains_every_chart_and_no_code(runs):
    html = runs.html
    shown = {}
    for entry in _manifest(runs.out):
        png = (runs.out / "figures" / entry["files"]["png"]).read_bytes()
        assert f"id='{entry['name']}'" in html
        shown.setdefault(entry["title"], []).append(base64.b64encode(png).decode("ascii") in html)
    # every chart is embedded (the page is self-contained); a chart drawn again under the same title
    # (the summary notebook repeats the headline charts) is embedded once and linked from the repeat
    assert all(any(embedded) for embedded in shown.values())
    assert "the same chart as <a href='#90-framing'>above</a>" in html
    assert "<script" not in html.lower() and "import parley" not in html and "<link" not in html
    assert "Behind this chart" in html and "class=\"content\"" in html  # highlighted statements beside charts
    # the summary notebook's headline charts first, then the notebooks in order, then the articles
    assert html.index("id='90-sentiment'") < html.index("id='00-blocks'") < html.index("id='40-sentiment-polarity'")
    assert html.index("id='40-sentiment-polarity'") < html.index("id='articles'") < html.index("id='load-report'")


def test_second_article_updates_the_charts_and_the_report(runs):
    assert "<h2>Articles (1)</h2>" in runs.before.html
    assert "<h2>Articles (2)</h2>" in runs.html
    assert "FIXTURE (fictional): Iraq and US open talks" in runs.html
    assert "report_second_article.txt" in runs.html
    assert {e["name"] for e in runs.before.manifest} == {e["name"] for e in _manifest(runs.out)}
    rows = _evidence_rows(runs.out)
    # Statement rows grow only because statements.py attributes the fixture's statements
    # (the Iraqi spokesman, the ministry, the Pentagon spokesperson, US officials).
    assert rows["90-statements"] > runs.before.rows["90-statements"] == 5
    assert rows["40-sentiment-polarity"] > runs.before.rows["40-sentiment-polarity"]
    files = {e["name"]: e["files"] for e in _manifest(runs.out)}
    png = (runs.out / "figures" / files["90-statements"]["png"]).read_bytes()  # the chart notebook 10 saved too
    assert png != runs.before.png["90-statements"]


def test_stale_figures_are_cleared(runs):
    assert not (runs.out / "figures" / "stale-chart.png").exists()
    assert "stale-chart" not in runs.html and "Stale chart" not in runs.html


def _notebook(path: Path, body: str) -> None:
    nb = new_notebook(cells=[new_code_cell('ARTICLES = "../data/articles"\nPARTIES = "../data/parties.toml"\n'
                                           'OUTPUT = "../reports"', metadata={"tags": ["parameters"]}),
                             new_code_cell(body)],
                      metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    nbformat.write(nb, path)


def test_failing_notebook_is_reported_and_others_still_run(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(config, "CACHE", tmp_path / "cache")
    monkeypatch.setenv("PARLEY_CACHE", str(tmp_path / "cache"))
    notebooks, out = tmp_path / "notebooks", tmp_path / "out"
    notebooks.mkdir()
    _notebook(notebooks / "10-bad.ipynb", "raise ValueError('boom')")
    _notebook(notebooks / "20-good.ipynb", "from pathlib import Path\nPath(OUTPUT, 'good-ran.txt').write_text('ok')\n"
              "assert Path.cwd() == Path(OUTPUT).parent / 'notebooks', Path.cwd()")  # kernels start beside the notebooks
    monkeypatch.chdir(tmp_path)
    code = main(["report", "--articles", str(config.ARTICLES), "--parties", str(config.PARTIES), "--out", str(out),
                 "--notebooks", str(notebooks)])
    assert code == 1
    assert Path.cwd() == tmp_path  # notebooks run side by side leave this process where it was
    printed = capsys.readouterr()
    assert "10-bad" in printed.err and "FAILED  10-bad: ValueError: boom (cell " in printed.out
    assert (out / "good-ran.txt").read_text() == "ok"
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "1 notebook(s) failed" in html and "10-bad" in html and "ValueError: boom" in html
    assert (out / "notebooks" / "10-bad.ipynb").exists()  # the executed copy shows where it failed


def test_article_text_is_escaped(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "CACHE", tmp_path / "cache")
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "evil.txt").write_text("Iraq says <script>alert(1)</script> talks go on\n"
                                       "The ministry said the talks <b>would</b> continue.\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    html = report.write_report(tmp_path / "out", articles=articles, parties=config.PARTIES).read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html.lower()


@pytest.mark.parametrize(("args", "expected"), [(["--help"], "report"),
                                                (["report", "--help"], "--articles")])
def test_command_line_help(args, expected):
    done = subprocess.run([sys.executable, "-m", "parley", *args], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and expected in done.stdout


def test_header_counts_conditions_once_and_says_how_sure(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "CACHE", tmp_path / "cache")
    (tmp_path / "out").mkdir()
    page = report.write_report(tmp_path / "out", articles=config.ARTICLES, parties=config.PARTIES).read_text(
        encoding="utf-8")
    from parley import analyze, summaries

    analysis = analyze(config.ARTICLES, parties=config.PARTIES)
    total, narration = summaries.count_conditions(analysis.conditions, analysis.statements)
    assert f"{total} conditions ({narration} in the journalists' own text; a joint statement's once)" in page
    assert "How sure these numbers are" in page and "within noise</i> when their two intervals overlap" in page
    # The seed gives Iraq 3 statements and the US 2 (the standfirst repeats one): too few, and the page says so.
    assert "<li>Iraq: 3 statements — too few to compare</li>" in page
    assert "<li>United States: 2 statements — too few to compare</li>" in page


def _text(html: str) -> str:
    """Return the page without its embedded pictures (base64 may spell anything, "/tmp" included)."""
    return re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "data:", html)


def test_briefing_opens_the_report_with_n_and_warnings_per_government(runs):
    from parley import analyze, summaries

    html = runs.before.html
    assert html.index("<h1>parley report</h1>") < html.index("id='briefing'") < html.index("class='part'")
    assert html.index("id='briefing'") < html.index("id='90-statements'") < html.index("id='methods'")
    assert html.index("id='methods'") < html.index("id='articles'") < html.index("id='load-report'")
    briefing = html[html.index("id='briefing'"):html.index("<nav>")]
    analysis = analyze(config.ARTICLES, parties=config.PARTIES)
    share = summaries.conditionality(analysis.statements, analysis.conditions, include_unattributed=False)
    assert {"Iraq", "United States"} <= set(share["party"])
    for row in share.itertuples():
        n = f"{row.n} statement" + ("" if row.n == 1 else "s")
        assert f"<th scope='row'>{row.party}</th><td>{n}<br>" in briefing  # unique statements, joint once each
        assert f"{row.party}: {n} — too few to compare" in briefing  # the seed's numbers are too small
        assert f"{row.conditional} of {n} with a condition" in briefing
    assert "Too few to compare:</b> Every government here has fewer than 5 statements" in briefing
    # statements, not terms: two of Iraq's three statements with framing speak of reduction, one of the threat
    assert ("Main framing contrast:</b> Iraq mostly <b>withdrawal / reduction</b> "
            "(2 of 3 statements with framing)") in briefing
    assert "United States mostly <b>transition / evolution</b> (2 of 2 statements with framing)" in briefing
    assert "from “reduce, gradual reduction” <span class='warn'>(from 2 statements)</span>" in briefing
    assert "cooperation–conflict score" in briefing and ": no interval)" in briefing  # 3 statements: no interval
    assert "not TextBlob polarity" in briefing  # the briefing says which measure its tone is


def test_methods_and_limits_give_the_measured_accuracy(runs):
    methods = " ".join(runs.html[runs.html.index("id='methods'"):runs.html.index("id='articles'")].split())
    for figure in ("F1 0.869 on PolNeAR dev", "F1 0.843 on PolNeAR train", "accuracy 0.880", "F1 0.977",
                   "span recall 0.944", "none of 65 look-alikes", "a weak signal", "not a validated scale",
                   "Spearman 0.637", "macro-F1 0.674"):
        assert figure in methods


def test_report_shows_relative_paths_only(runs):
    for html in (runs.before.html, runs.html):
        text = _text(html)
        assert "/tmp" not in text and "/work" not in text and str(runs.out.parent) not in text
        assert str(config.ROOT) not in text
    header = runs.html[:runs.html.index("id='briefing'")]
    assert "2 articles from <code>articles</code>; parties from <code>data/parties.toml</code>" in header
    assert "<td>articles/report_second_article.txt</td>" in runs.html  # the article list, relative


def test_print_css_keeps_headings_with_charts_and_tables_whole(runs):
    css = runs.html[runs.html.index("@media print"):]
    for rule in ("break-after:avoid", ".keep,figure", "break-inside:avoid", "table-layout:fixed",
                 "overflow-wrap:anywhere", "font-size:7.5pt", ".pair{display:block}", "max-height:none"):
        assert rule in css
    # the heading, its line and its picture are one block that a printed page does not split
    assert re.search(r"<div class='keep'><h2>[^<]+</h2><p class='meta'>[^\n]*?<figure><img", runs.html)


def test_identical_charts_are_written_once_and_linked(runs):
    figures = runs.out / "figures"
    digests = {}
    for path in sorted(figures.glob("*.png")) + sorted(figures.glob("*.svg")) + sorted(figures.glob("*.pdf")):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert digest not in digests, f"{path.name} is a copy of {digests.get(digest)}"
        digests[digest] = path.name
    entries = {e["name"]: e for e in _manifest(runs.out)}
    for pair in [("90-framing", "20-framing"), ("90-condition-share", "30-condition-share"),
                 ("90-sentiment", "40-sentiment-polarity")]:
        # notebooks run in parallel: whichever saved the chart first owns the file, the other links it
        name, first = pair if entries[pair[0]].get("same_as") else pair[::-1]
        assert entries[name]["same_as"] == first
        assert entries[name]["files"]["png"] == f"{first}.png" and not (figures / f"{name}.png").exists()
        assert f"<a href='figures/{first}.png'>PNG</a>" in runs.html  # the report links the one file
    assert "1 articles" not in _text(runs.before.html)


def _chromium() -> str:
    """Return a Chromium to drive with Playwright, or skip the test saying what is missing."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("the browser check needs Playwright (pip install -r requirements.txt)")
    names = [os.environ.get("PARLEY_CHROMIUM"), "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
    found = next((shutil.which(n) for n in names if n and shutil.which(n)), None)
    if found is None:
        pytest.skip("no Chromium on this machine (Debian: apt-get install chromium; or set PARLEY_CHROMIUM): "
                    "the real-browser check of report.html is skipped")
    return found


_LAYOUT = """() => {
  const width = document.documentElement.clientWidth;
  const boxes = [...document.querySelectorAll('#briefing, section.chart img, table')].map(el => {
    const r = el.getBoundingClientRect();
    return {what: el.tagName + ' in #' + (el.closest('section') || {id: '?'}).id, left: r.left, right: r.right,
            width: r.width, height: r.height,
            loaded: el.tagName !== 'IMG' || (el.complete && el.naturalWidth > 0)};
  });
  return {width, scroll: document.documentElement.scrollWidth, boxes};
}"""


def test_report_renders_unclipped_in_a_real_browser(runs, tmp_path):
    from playwright.sync_api import sync_playwright

    executable = _chromium()
    charts = [e for e in _manifest(runs.out)]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto((runs.out / "report.html").as_uri())
            for media, width in (("screen", 1280), ("screen", 800), ("print", 700)):  # 700 px: an A4 page's text
                page.emulate_media(media=media)
                page.set_viewport_size({"width": width, "height": 900})
                layout = page.evaluate(_LAYOUT)
                boxes = layout["boxes"]
                assert boxes[0]["what"].startswith("SECTION") and boxes[0]["height"] > 100  # the briefing
                images = [b for b in boxes if b["what"].startswith("IMG")]
                assert len(images) == len({e["files"]["png"] for e in charts})  # every chart, once
                assert all(b["loaded"] and b["width"] > 0.4 * width for b in images), images
                tables = [b for b in boxes if b["what"].startswith("TABLE")]
                assert len(tables) > len(images)  # briefing, every chart's evidence, methods, articles, load report
                clipped = [b for b in boxes if b["left"] < -1 or b["right"] > layout["width"] + 1]
                assert not clipped, f"{media} at {width}px: cut off at the page width: {clipped}"
                assert layout["scroll"] <= layout["width"] + 1, f"{media} at {width}px scrolls sideways"
            pdf = tmp_path / "report.pdf"
            page.emulate_media(media="print")
            page.pdf(path=str(pdf), format="A4", print_background=True)
            data = pdf.read_bytes()
            assert data.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page[^s]", data)) >= len(images)
        finally:
            browser.close()
