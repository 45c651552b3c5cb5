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
#: The charts the report shows, each with its caption and table: notebook 90's, and notebook 40's tone (the measure
#: the briefing reads).
HEADLINE = ["90-statements", "90-framing", "90-condition-share", "90-condition-categories", "90-commitment",
            "40-tone"]


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
    expected = [p.stem for p in sorted(report.NOTEBOOKS.glob("[0-9]*.ipynb")) if p.stem not in report.INTERACTIVE]
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


def test_report_embeds_the_headline_charts_lists_the_others_and_shows_no_code(runs):
    html = runs.html
    entries = {e["name"]: e for e in _manifest(runs.out)}
    embedded = {name for name, e in entries.items()
                if base64.b64encode((runs.out / "figures" / e["files"]["png"]).read_bytes()).decode("ascii") in html}
    assert set(HEADLINE) <= embedded  # the page is self-contained: the headline charts are in it
    twins = {name: {name, e.get("same_as")} | {o for o, f in entries.items() if f.get("same_as") == name}
             for name, e in entries.items()}  # a chart two notebooks drew is one file: shown or listed once
    for name in entries:  # every other chart is embedded or listed with its files, itself or its twin
        assert any(n in embedded or f'<li id="{n}">' in html for n in twins[name] if n), name
    assert len(re.findall(r"<img ", html)) == len(HEADLINE)  # each headline chart once
    assert "<script" not in html.lower() and "import parley" not in html and "<link" not in html
    assert 'class="content"' in html  # the statement list highlights what was said
    for name in HEADLINE:
        assert html.index('id="briefing"') < html.index(f'id="{name}"') < html.index('id="statements"')
    assert html.index('id="statements"') < html.index("id='methods'") < html.index('id="articles"')
    assert html.index('id="articles"') < html.index('id="load-report"') < html.index('id="more-charts"')


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
    assert "<b>How sure.</b>" in page and "difference is stated only where the two intervals do not overlap" in page
    # The seed gives Iraq 3 statements and the US 2 (the standfirst repeats one): too few, said once.
    assert page.count("Too few to compare") == 1
    assert "Too few to compare: United States 2 statements and Iraq 3 statements." in page
    assert "The chart is missing" in page  # no notebook ran: the sections say so instead of failing


def _text(html: str) -> str:
    """Return the page without its embedded pictures (base64 may spell anything, "/tmp" included)."""
    return re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "data:", html)


def test_briefing_opens_the_report_in_the_governments_own_words(runs):
    from parley import analyze, reprints, summaries

    html = runs.before.html
    assert html.index("<h1>parley report</h1>") < html.index('id="briefing"') < html.index('id="evidence"')
    briefing = html[html.index('id="briefing"'):html.index('id="evidence"')]
    analysis = analyze(config.ARTICLES, parties=config.PARTIES)
    unique = reprints.unique_statements(analysis.statements, analysis.articles)
    share = summaries.conditionality(unique, analysis.conditions, include_unattributed=False).set_index("party")
    for party in ("United States", "Iraq"):
        row = share.loc[party]
        assert f'<th class="gov" style="border-top:5px solid' in briefing and f">{party}</th>" in briefing
        assert f"<b>{row.n} statements</b> in 1 article" in briefing  # unique statements, as summaries count them
        assert f"<b>{row.conditional} of {row.n} statements</b> ({row.share:.0%}; 95% interval" in briefing
    # the main framing counts statements, says when a family rests on one or two, and quotes the words
    assert "<b>withdrawal / reduction</b> in 2 of 3 statements (67%; 95% interval 21%–94%)" in briefing
    assert "<b>transition / evolution</b> in 2 of 2 statements" in briefing
    assert '<span class="flag">from 2 statements only</span>' in briefing
    assert "<mark>gradual reduction</mark>" in briefing and "<mark>transition</mark>" in briefing
    assert "Lloyd Austin, South China Morning Post, 25 Jan 2024" in briefing
    assert re.search(r'<a href="#st-[^"]+">“', briefing)  # each quote links to its statement in the list
    for anchor in re.findall(r'<a href="#(st-[^"]+)">', briefing):
        assert f"<a id='{anchor}'></a>" in html
    # the forum's name is no framing of the US's: no "security cooperation", no "dialogue"
    assert "cooperation / partnership" not in briefing and "de-escalation / dialogue" not in briefing
    assert "<h3>How they differ</h3>" in briefing and briefing.count("Too few to compare") == 1
    assert "the cooperation–conflict score (negative: conflict, positive: cooperation)" in briefing
    assert "TextBlob" not in briefing  # the weak signal is not the one the briefing reads
    assert "n=3: too few for an interval" in briefing


def test_methods_and_limits_give_the_measured_accuracy(runs):
    methods = " ".join(runs.html[runs.html.index("id='methods'"):runs.html.index('id="articles"')].split())
    for figure in ("F1 0.873 on PolNeAR dev", "F1 0.844 on PolNeAR train", "accuracy 0.884", "0.943", "F1 0.977",
                   "span recall 0.944", "none of 65 look-alikes", "a weak signal", "not a validated scale",
                   "Spearman 0.650", "macro-F1 0.703", "10 of 12 stories"):
        assert figure in methods


def test_report_shows_relative_paths_only(runs):
    for html in (runs.before.html, runs.html):
        text = _text(html)
        assert "/tmp" not in text and "/work" not in text and str(runs.out.parent) not in text
        assert str(config.ROOT) not in text
    header = runs.html[:runs.html.index('id="briefing"')]
    assert "2 articles from <code>articles</code>; parties from <code>data/parties.toml</code>" in header
    assert '<td class="col-path">articles/report_second_article.txt</td>' in runs.html  # the article list


def test_print_css_keeps_the_briefing_on_its_page_and_headings_with_charts(runs):
    css = runs.html[runs.html.index("@media print"):]
    for rule in (".briefing{break-after:page}", "h1,h2,h3{break-after:avoid}", ".keep,figure,tr,blockquote{break-inside:avoid}",
                 ".chart img{width:100%"):
        assert rule in css
    # words wrap whole: a cell breaks a word only when the word alone is wider than the cell
    assert "overflow-wrap:break-word;word-break:normal" in runs.html and "overflow-wrap:anywhere" not in runs.html
    # the heading, its picture and its caption are one block that a printed page does not split
    assert re.search(r'<div class="keep"><h2>[^<]+</h2>\s*<figure><img', runs.html)


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
        assert f'<a href="figures/{first}.png">PNG</a>' in runs.html  # the report links the one file
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
                assert len(images) == len(HEADLINE)  # every headline chart, once
                assert all(b["loaded"] and b["width"] > 0.5 * min(width, 1000) for b in images), images
                tables = [b for b in boxes if b["what"].startswith("TABLE")]
                assert len(tables) > len(images)  # briefing, every chart's table, statements, methods, articles
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


# --------------------------------------------------------------------------- printed

#: Pages the printed report may take (issue 21): the bundled article, and a story of 20 articles.
PAGES = {"seed": 8, "story": 20}
#: An A4 page's text width in CSS pixels (210 mm less the print margins of 13 mm on each side).
A4_TEXT = 695

_BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll('td, th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/[^\\s\u2013\u2014\\/-]{2,}/g)) {  // a word; a dash or slash may end a line
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""

_ONLY_THE_BRIEFING = """() => {
  for (const el of document.body.children) {
    if (el.tagName !== 'HEADER' && el.id !== 'briefing') el.style.display = 'none';
  }
}"""


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    """Run the report on the invented 20-article story (two invented governments, six outlets, three months)."""
    root = tmp_path_factory.mktemp("story")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PARLEY_CACHE", str(root / "cache"))
        mp.setattr(config, "CACHE", root / "cache")
        made = report.make_report(FIXTURES / "story_twenty" / "articles", FIXTURES / "story_twenty" / "parties.toml",
                                  root / "out")
    assert made.failed == [], [f"{r.notebook}: {r.error}" for r in made.failed]
    return made.html


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize("which", ["seed", "story"])
def test_printed_report_fits_its_pages_with_the_briefing_on_page_one(which, runs, story, tmp_path):
    from playwright.sync_api import sync_playwright

    executable = _chromium()
    html = tmp_path / "report.html"
    html.write_text(runs.before.html if which == "seed" else story.read_text(encoding="utf-8"), encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": A4_TEXT, "height": 1000})
            page.goto(html.as_uri())
            page.emulate_media(media="print")
            whole = page.pdf(format="A4", print_background=True)
            assert whole.startswith(b"%PDF") and 2 < _pages(whole) <= PAGES[which], _pages(whole)
            broken = page.evaluate(_BROKEN_WORDS)
            assert not broken, f"table cells break these words: {broken[:20]}"
            page.evaluate(_ONLY_THE_BRIEFING)  # the title, the line under it and the briefing: one page
            first = page.pdf(format="A4", print_background=True)
            assert _pages(first) == 1
            shown = page.evaluate("() => document.getElementById('briefing').innerText")
            assert "How they differ" in shown and "How sure" in shown
        finally:
            browser.close()


def test_the_story_briefing_states_the_differences_beyond_noise(story):
    page = story.read_text(encoding="utf-8")
    briefing = page[page.index('id="briefing"'):page.index('id="evidence"')]
    assert "Velmora attached a condition to more of its statements than Ostrand: 14 of 20 (70%" in briefing
    assert "Velmora framed more of its statements as sovereignty / territory than Ostrand: 6 of 14" in briefing
    assert "Too few to compare" not in briefing  # 20 statements each
    assert "<h3>Check these first</h3>" in page and "<ul class='check-first'>" in page
    # the evidence reads the tone the briefing reads: the cooperation–conflict chart and score, lexicons below
    tone = page[page.index('<section class="chart" id="40-tone"'):page.index('id="20-distinctive-terms"')]
    assert "Cooperation–conflict score (−10…+10)" in tone and "+1.40 (+0.08 to +2.55), n=20" in tone
    assert tone.index("Cooperation–conflict score") < tone.index("TextBlob polarity")  # lexicons for comparison
    assert "20 articles (6 outlets, 4 Mar 2024 to 19 May 2024)" in briefing
    # "the Joint River Cooperation Commission" is a name: that statement frames nothing as cooperation
    framed = re.search(r"Joint River Cooperation Commission.*?<td class=\"col-framing\">([^<]*)</td>", page, re.S)
    assert framed and "cooperation" not in framed.group(1)
