"""The command line fails loudly and early on bad inputs, and ends a good run with a summary."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from parley import config
from parley.views import report
from parley.__main__ import main
from parley.run.inputs import statements_per_party

SEED = "000_ed59ce91eebbf266"
ONE_SIDE = ("Iraq says talks go on\n"
            "Iraq's foreign ministry said on Monday that the talks would continue next week.\n"
            "The Iraqi government said it wanted a timetable for the withdrawal.\n")


def _run(tmp_path, *args):
    """Run ``python -m parley report`` with ``args``; return (exit code, stdout + stderr)."""
    env = {**os.environ, "PYTHONPATH": str(Path(config.__file__).parents[2]), "PARLEY_CACHE": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-m", "parley", "report", "--out", str(tmp_path / "out"), *args],
                          capture_output=True, text=True, env=env, cwd=tmp_path, check=False)
    return done.returncode, done.stdout + done.stderr


def _parties(tmp_path, text):
    path = tmp_path / "parties.toml"
    path.write_text(text, encoding="utf-8")
    return ["--parties", str(path)]


def _empty_folder(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "notes.bin").write_bytes(b"\x00\x01")
    return ["--articles", str(folder)]


@pytest.mark.parametrize(("case", "expected"), [
    (lambda t: ["--articles", str(t / "does-not-exist")], ["articles path", "does-not-exist", "does not exist",
                                                           "--articles"]),
    (_empty_folder, ["No article could be loaded", "unsupported file type '.bin'", "--articles"]),
    (lambda t: _parties(t, '[parties."Iraq"\naliases = ["Iraq"]\n'), ["parties file", "not valid TOML", "line 1",
                                                                       "--parties"]),
    (lambda t: _parties(t, '[parties."Iraq"]\ncolor = "#c0392b"\n'), ["parties file", "aliases", "--parties"]),
    (lambda t: ["--parties", str(t / "missing.toml")], ["parties file", "missing.toml", "does not exist"]),
    (lambda t: ["--parties", str(t / "out")], ["parties file", "is a folder"]),
], ids=["no-articles-path", "nothing-loadable", "toml-syntax", "party-without-aliases", "no-parties-file",
        "parties-is-folder"])
def test_bad_input_fails_early_with_one_message(tmp_path, case, expected):
    (tmp_path / "out" / "figures").mkdir(parents=True)
    old = tmp_path / "out" / "figures" / "old-chart.png"
    old.write_bytes(b"previous run")
    code, output = _run(tmp_path, *case(tmp_path))
    assert code == 2
    assert "Traceback" not in output
    assert len(output.strip().splitlines()) == 1, output  # one paragraph, nothing else
    for words in expected:
        assert words in output, output
    # nothing written, and the previous report left alone
    assert sorted(p.name for p in (tmp_path / "out").rglob("*")) == ["figures", "old-chart.png"]
    assert old.read_bytes() == b"previous run"


def test_missing_output_folder_is_not_created_on_bad_input(tmp_path):
    code, output = _run(tmp_path, "--articles", str(tmp_path / "nope"))
    assert code == 2 and "does not exist" in output
    assert not (tmp_path / "out").exists()


def test_output_path_that_is_a_file_fails_early(tmp_path):
    (tmp_path / "out").write_text("not a folder")
    code, output = _run(tmp_path)
    assert code == 2 and "Traceback" not in output and "is a file" in output and "--out" in output
    assert (tmp_path / "out").read_text() == "not a folder"


def _fake_notebooks(monkeypatch, tmp_path):
    monkeypatch.setattr(config, "CACHE", tmp_path / "cache")
    monkeypatch.setattr(report, "run_notebooks", lambda *args, **kwargs: [])
    monkeypatch.chdir(tmp_path)


def test_good_run_ends_with_a_summary(tmp_path, monkeypatch, capsys):
    _fake_notebooks(monkeypatch, tmp_path)
    articles = tmp_path / "articles"
    articles.mkdir()
    for path in config.ARTICLES.glob(f"{SEED}*"):
        shutil.copy(path, articles)
    (articles / "notes.bin").write_bytes(b"\x00\x01")
    code = main(["report", "--articles", str(articles), "--parties", str(config.PARTIES), "--out", "out"])
    lines = capsys.readouterr().out.strip().splitlines()
    assert code == 0
    corrections = f"corrections ({config.CORRECTIONS}): 5 applied, 0 not applied"  # the bundled review
    assert lines[-5:] == ["articles: 1 loaded, 1 skipped",
                          "  skipped articles/notes.bin: unsupported file type '.bin'",
                          "statements: United States 2, Iraq 3",
                          corrections,
                          "report: out/report.html"]
    assert (tmp_path / "out" / "report.html").is_file()


def test_summary_counts_a_reprinted_quote_once(tmp_path, monkeypatch, capsys):
    _fake_notebooks(monkeypatch, tmp_path)
    articles = tmp_path / "articles"
    articles.mkdir()
    shutil.copy(config.ARTICLES / f"{SEED}.txt", articles)
    lines = (config.ARTICLES / f"{SEED}.txt").read_text(encoding="utf-8").splitlines()
    (articles / "reprint.txt").write_text("\n".join(["Another outlet's headline on the talks", *lines[1:]]) + "\n",
                                          encoding="utf-8")
    assert main(["report", "--articles", str(articles), "--parties", str(config.PARTIES), "--out", "out"]) == 0
    out = capsys.readouterr().out
    # 5 reports in the seed, 4 in the reprint (its own headline quotes no one)
    assert "statements: United States 2, Iraq 3; a quote several articles carry counts once (9 reports)" in out


def test_one_government_is_a_warning(tmp_path, monkeypatch, capsys):
    _fake_notebooks(monkeypatch, tmp_path)
    (tmp_path / "iraq.txt").write_text(ONE_SIDE, encoding="utf-8")
    code = main(["report", "--articles", "iraq.txt", "--parties", str(config.PARTIES), "--out", "out"])
    output = capsys.readouterr()
    assert code == 0
    assert "statements: United States 0, Iraq 3" in output.out
    assert "warning: only Iraq has attributed statements" in output.out + output.err
    assert (tmp_path / "out" / "report.html").is_file()


def test_joint_statement_counts_once_per_government():
    import pandas as pd

    statements = pd.DataFrame({"statement_id": ["a", "b", "c", "d"], "joint": ["j", "j", None, None],
                               "party": ["Iraq", "United States", "Iraq", None]})
    assert statements_per_party(statements, {"United States": {}, "Iraq": {}, "Iran": {}}) == {
        "United States": 1, "Iraq": 2, "Iran": 0, "(no party)": 1}


def test_slowest_notebooks_of_the_last_run_start_first(tmp_path, monkeypatch):
    executed = tmp_path / "out" / "notebooks"
    executed.mkdir(parents=True)
    for name, took in [("00-a", 5.0), ("10-b", 30.0), ("20-c", None)]:
        (executed / f"{name}.ipynb").write_text(json.dumps({"metadata": {"papermill": {"duration": took}}}))
    (executed / "30-d.ipynb").write_text("not json")
    assert report._durations(executed) == {"00-a": 5.0, "10-b": 30.0}
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for name in ["00-a", "10-b", "20-c", "40-new"]:
        (notebooks / f"{name}.ipynb").write_text("{}")
    started = []
    monkeypatch.setattr(report, "_execute", lambda source, target, parameters: started.append(source.stem))
    runs = report.run_notebooks(tmp_path, tmp_path, tmp_path / "out", notebooks=notebooks, jobs=1,
                                seconds=report._durations(executed))
    assert [r.notebook for r in runs] == ["00-a", "10-b", "20-c", "40-new"]  # results stay in name order
    assert started == ["20-c", "40-new", "10-b", "00-a"]  # not timed last time (new, or failed) first


def _cache_command(tmp_path, *args):
    env = {**os.environ, "PYTHONPATH": str(Path(config.__file__).parents[2]), "PARLEY_CACHE": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-m", "parley", "cache", *args], capture_output=True, text=True, env=env,
                          cwd=tmp_path, check=False)
    return done.returncode, done.stdout + done.stderr


def test_cache_command_shows_prunes_and_clears(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    shutil.copy(config.ARTICLES / f"{SEED}.txt", articles)
    (articles / "gone.txt").write_text(ONE_SIDE, encoding="utf-8")
    env_cache = tmp_path / "cache"
    code, output = _cache_command(tmp_path)
    assert (code, output.strip()) == (0, f"parley cache: {env_cache} holds 0.0 MB")
    subprocess.run([sys.executable, "-W", "ignore", "-c", f"import parley; parley.analyze({str(articles)!r})"],
                   env={**os.environ, "PARLEY_CACHE": str(env_cache), "TQDM_DISABLE": "1"}, check=True)
    (articles / "gone.txt").unlink()
    code, output = _cache_command(tmp_path, "--prune", "--articles", str(articles))
    assert code == 0 and output.startswith("parley cache: pruned ") and f"{env_cache} now holds" in output
    code, output = _cache_command(tmp_path, "--prune", "--articles", str(tmp_path / "nowhere"))
    assert code == 2 and "does not exist; nothing was pruned" in output
    code, output = _cache_command(tmp_path, "--clear")
    assert code == 0 and output.startswith("parley cache: cleared ")
    assert _cache_command(tmp_path)[1].strip() == f"parley cache: {env_cache} holds 0.0 MB"


def test_an_empty_parley_cache_variable_means_the_default_cache_not_the_working_folder(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(Path(config.__file__).parents[2]), "PARLEY_CACHE": ""}
    done = subprocess.run([sys.executable, "-c", "from parley import config; print(config.CACHE)"],
                          capture_output=True, text=True, env=env, cwd=tmp_path, check=True)
    assert Path(done.stdout.strip()) == Path(config.ROOT) / ".cache" / "parley"
