"""Inputs that used to break the next run or pass silently and mislead, tried through the command line.

A folder of only an empty file, a report folder inside the articles folder, an
article in another language, parties that share an alias or carry stray
spaces, and a government that never speaks: each gives an exit status, one
paragraph or one line, and no traceback; and no run leaves anything that breaks
the next.
"""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from parley import config, load_parties
from parley.__main__ import main
from parley.run.inputs import silent_party_advice
from parley.views import report

SEED = "000_ed59ce91eebbf266"
NOTEBOOKS = Path(config.NOTEBOOKS)
# Invented for these tests (not a real report): Spanish, with the parties' names in it.
SPANISH = ("Irak y Estados Unidos hablan de la retirada\n"
           "El ministerio de Asuntos Exteriores de Irak dijo el lunes que las conversaciones continuarán la "
           "próxima semana. El portavoz del Pentágono afirmó que no hay un calendario fijo para la salida de las "
           "tropas y que todo dependerá de la situación en el terreno.\n")
ONE_SIDE = ("Iraq says talks go on\n"
            "Iraq's foreign ministry said on Monday that the talks would continue next week.\n"
            "The Iraqi government said it wanted a timetable for the withdrawal.\n")


def _cli(tmp_path, *args, cache="cache"):
    """Run ``python -m parley ...`` as a user does; return (exit code, stdout + stderr)."""
    env = {**os.environ, "PYTHONPATH": str(Path(config.__file__).parents[2]), "PARLEY_CACHE": str(tmp_path / cache),
           "TQDM_DISABLE": "1"}
    done = subprocess.run([sys.executable, "-m", "parley", *args], capture_output=True, text=True, env=env,
                          cwd=tmp_path, check=False)
    return done.returncode, done.stdout + done.stderr


def _seed_folder(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for path in config.ARTICLES.glob(f"{SEED}*"):
        shutil.copy(path, folder)
    return folder


def _one_notebook(tmp_path) -> Path:
    """The articles notebook alone: enough to read the cache, draw and write a report, in seconds."""
    folder = tmp_path / "notebooks"
    folder.mkdir(exist_ok=True)
    shutil.copy(NOTEBOOKS / "00-articles.ipynb", folder)
    return folder


def _page(html: Path) -> str:
    """The report page without what changes from run to run (times, run folders)."""
    text = html.read_text(encoding="utf-8")
    return re.sub(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d)?(\.\d+)?( ?UTC|[+-]\d\d:?\d\d|Z)?", "<time>", text)


def test_a_run_on_only_an_empty_file_does_not_break_the_next(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "note.txt").write_bytes(b"")
    code, output = _cli(tmp_path, "report", "--articles", str(empty), "--out", "bad")
    assert code == 2 and "No article could be loaded" in output and "empty file" in output
    seed = _seed_folder(tmp_path / "seed")
    notebooks = _one_notebook(tmp_path)
    code, output = _cli(tmp_path, "report", "--articles", str(seed), "--out", "warm", "--notebooks", str(notebooks))
    assert code == 0, output
    assert "Traceback" not in output and "statements: United States 2, Iraq 3" in output
    code, output = _cli(tmp_path, "report", "--articles", str(seed), "--out", "cold", "--notebooks", str(notebooks),
                        cache="fresh-cache")
    assert code == 0, output
    assert _page(tmp_path / "warm" / "report.html") == _page(tmp_path / "cold" / "report.html")
    code, output = _cli(tmp_path, "cache", "--prune", "--articles", str(seed))
    assert code == 0 and "Traceback" not in output and output.startswith("parley cache: pruned"), output


def test_output_inside_the_articles_folder_is_never_read_as_articles(tmp_path):
    story = _seed_folder(tmp_path / "story")
    notebooks = _one_notebook(tmp_path)
    for run in (1, 2):  # the second run finds the first one's report, charts and evidence tables beside the articles
        code, output = _cli(tmp_path, "report", "--articles", "story", "--out", "story/report", "--notebooks",
                            str(notebooks))
        assert code == 0, output
        assert "articles: 1 loaded, 0 skipped" in output, output
    assert (story / "report" / "report.html").is_file() and list((story / "report" / "figures").glob("*.png"))
    load_report = (story / "report" / "report.html").read_text(encoding="utf-8")
    assert "manifest.json" not in load_report and "evidence.csv" not in load_report


def test_output_folder_that_is_the_articles_folder_is_refused(tmp_path):
    _seed_folder(tmp_path / "story")
    code, output = _cli(tmp_path, "report", "--articles", "story", "--out", "story")
    assert code == 2 and "Traceback" not in output and len(output.strip().splitlines()) == 1
    assert "is the articles folder" in output and "--out" in output


def test_evidence_tables_copied_among_articles_are_listed_not_read(tmp_path, monkeypatch, capsys):
    _fake_notebooks(monkeypatch, tmp_path)
    story = _seed_folder(tmp_path / "story")
    (story / "conditions.evidence.csv").write_text("party,condition\nIraq,the threat\n", encoding="utf-8")
    assert main(["report", "--articles", "story", "--parties", str(config.PARTIES), "--out", "out"]) == 0
    out = capsys.readouterr().out
    assert "articles: 1 loaded, 1 skipped" in out
    assert "skipped story/conditions.evidence.csv: an evidence table parley wrote beside a chart" in out


def _fake_notebooks(monkeypatch, tmp_path):
    monkeypatch.setattr(config, "CACHE", tmp_path / "cache")
    monkeypatch.setattr(report, "run_notebooks", lambda *args, **kwargs: [])
    monkeypatch.chdir(tmp_path)


def test_an_article_in_another_language_is_listed_not_analysed(tmp_path, monkeypatch, capsys):
    _fake_notebooks(monkeypatch, tmp_path)
    story = _seed_folder(tmp_path / "story")
    (story / "es.txt").write_text(SPANISH, encoding="utf-8")
    assert main(["report", "--articles", "story", "--parties", str(config.PARTIES), "--out", "out"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "articles: 1 loaded, 1 skipped" in lines
    assert "es: parley reads English news; 1 article not analysed" in lines
    assert "  skipped story/es.txt: es: parley reads English news; not analysed" in lines
    assert "statements: United States 2, Iraq 3" in lines  # the English article alone


def test_only_articles_in_another_language_stop_the_run_saying_why(tmp_path):
    (tmp_path / "es").mkdir()
    (tmp_path / "es" / "a.txt").write_text(SPANISH, encoding="utf-8")
    code, output = _cli(tmp_path, "report", "--articles", "es", "--out", "out")
    assert code == 2 and "Traceback" not in output and len(output.strip().splitlines()) == 1
    assert "es: parley reads English news" in output


@pytest.mark.parametrize(("parties", "expected"), [
    ('[parties."Japan"]\naliases = ["Japan", "Tokyo"]\n[parties."South Korea"]\naliases = ["Seoul", "Tokyo"]\n',
     ["parties file", "'Tokyo' in 'Japan' and 'South Korea'", "one party only", "--parties"]),
    ('[parties."Japan"]\naliases = ["Japan"]\n[parties."Japan "]\naliases = ["Japanese"]\n',
     ["parties file", "two parties are named 'Japan'", "--parties"]),
    ('[parties."Japan"]\naliases = ["Japan", "Tokyo"]\n[parties."Nippon"]\naliases = ["japan", "TOKYO"]\n',
     ["'Japan' in 'Japan' and 'Nippon'", "'Tokyo' in 'Japan' and 'Nippon'", "every alias belongs to another"]),
], ids=["shared alias", "same name twice", "all aliases another's"])
def test_overlapping_parties_are_refused_before_the_run(tmp_path, parties, expected):
    _seed_folder(tmp_path / "story")
    (tmp_path / "parties.toml").write_text(parties, encoding="utf-8")
    code, output = _cli(tmp_path, "report", "--articles", "story", "--parties", "parties.toml", "--out", "out")
    assert code == 2 and "Traceback" not in output
    assert len(output.strip().splitlines()) == 1, output
    for words in expected:
        assert words in output, output
    assert not (tmp_path / "out").exists()


def test_party_name_with_stray_spaces_is_trimmed_with_a_warning(tmp_path, monkeypatch, capsys):
    _fake_notebooks(monkeypatch, tmp_path)
    _seed_folder(tmp_path / "story")
    (tmp_path / "parties.toml").write_text(
        '[parties." Iraq "]\naliases = ["Iraq", "Iraqi", "foreign ministry"]\n'
        '[parties."United States"]\naliases = ["US", "Lloyd Austin", "Austin"]\n', encoding="utf-8")
    assert main(["report", "--articles", "story", "--parties", "parties.toml", "--out", "out"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "warning: party name ' Iraq ' has stray spaces; read as 'Iraq'" in lines
    assert any(line.startswith("statements: Iraq ") for line in lines)


def test_advice_for_a_silent_government_says_whether_it_is_named_at_all(tmp_path, monkeypatch, capsys):
    _fake_notebooks(monkeypatch, tmp_path)
    (tmp_path / "iraq.txt").write_text(ONE_SIDE + "Washington has not commented on the talks.\n", encoding="utf-8")
    (tmp_path / "parties.toml").write_text(
        '[parties."Iraq"]\naliases = ["Iraq", "Iraqi"]\n[parties."United States"]\naliases = ["Washington"]\n'
        '[parties."Iran"]\naliases = ["Iran", "Tehran"]\n', encoding="utf-8")
    assert main(["report", "--articles", "iraq.txt", "--parties", "parties.toml", "--out", "out"]) == 0
    output = capsys.readouterr().out
    assert "warning: only Iraq has attributed statements in these articles" in output
    assert ("warning: United States: named in 1 sentence(s) (first: \"Washington has not commented on the talks.\"), "
            "but no statement there has a speaker of United States") in output
    assert "warning: Iran: none of its aliases ('Iran', 'Tehran') occurs in these articles" in output


@pytest.mark.parametrize(("sentences", "expected"), [
    ([], "none of its aliases"),
    (["The talks in Baghdad went on."], "none of its aliases"),
    (["Washington's envoy arrived."], "named in 1 sentence(s)"),
    (["Washington's envoy arrived.", "Officials in Washington waited."], "named in 2 sentence(s)"),
])
def test_silent_party_advice(sentences, expected):
    import pandas as pd

    parties = {"United States": {"aliases": ["Washington"]}}
    advice = silent_party_advice(pd.DataFrame({"text": sentences}), parties, "United States")
    assert expected in advice


def test_make_lab_passes_allow_root_only_as_root():
    dry = subprocess.run(["make", "-n", "lab", "STAMP=/dev/null"], capture_output=True, text=True,
                         cwd=config.ROOT, check=True).stdout
    line = next(line for line in dry.splitlines() if "jupyter lab" in line)
    assert ("--allow-root" in line) == (os.geteuid() == 0)


def test_parties_files_of_the_project_still_load():
    for path in [config.PARTIES, *Path(__file__).parent.glob("fixtures/*/parties.toml")]:
        assert load_parties(path)
