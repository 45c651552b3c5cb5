"""The package as pip installs it: a wheel that ships the lexicons and analyzes alone, outside this checkout.

The lexicons used to live in data/ beside the package, so a non-editable
install (``pip install .``, a Dask worker) had none. Both tests run offline:
the wheel is built without build isolation and installed without an index.
"""
from __future__ import annotations

import json
import shutil
import site
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

import parley
from parley import analysis, config

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "articles" / "000_ed59ce91eebbf266.txt"
PARTIES = ROOT / "data" / "parties.toml"
COLUMNS = ["statement_id", "speaker", "cue", "content", "content_start", "content_end", "party", "rule"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Build the wheel from a copy of the sources (the build leaves nothing in the checkout)."""
    work = tmp_path_factory.mktemp("build")
    source = work / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "lib", source / "lib", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--no-build-isolation",
                    "--no-index", "--quiet", "--wheel-dir", str(work / "dist")], check=True, capture_output=True)
    return next((work / "dist").glob("parley-*.whl"))


def test_the_wheel_ships_every_lexicon_and_module(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    package = Path(parley.__file__).parent
    lexicons = {f"parley/lexicons/{p.name}" for p in config.LEXICONS.iterdir() if p.is_file()}
    modules = {f"parley/{p.relative_to(package).as_posix()}" for p in package.rglob("*.py")}
    templates = {f"parley/views/templates/{p.name}" for p in (package / "views" / "templates").iterdir()}
    assert "parley/lexicons/reporting_verbs.csv" in lexicons and "parley/lexicons/README.md" in lexicons
    assert "parley/views/templates/report.css" in templates  # the report's templates and style, too
    assert lexicons | modules | templates <= names


def test_an_installed_wheel_finds_the_same_statements(wheel, tmp_path):
    env = tmp_path / "venv"
    venv.create(env, with_pip=False, system_site_packages=False)
    python = env / "bin" / "python"
    purelib = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                             check=True, capture_output=True, text=True).stdout.strip()
    # The dependencies come from this interpreter's site-packages, as plain path entries: the editable
    # parley there is a .pth file, which a path entry does not read, so only the wheel's parley is seen.
    Path(purelib, "dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
                    "--quiet", str(wheel)], check=True, capture_output=True)
    code = ("import json, sys, parley; "
            f"a = parley.analyze_text(open({str(SEED)!r}, encoding='utf-8').read(), parties={str(PARTIES)!r}); "
            f"print(json.dumps([parley.__file__, a.statements[{COLUMNS!r}].to_dict('records')]))")
    run = subprocess.run([python, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    where, statements = json.loads(run.stdout)
    assert Path(where).is_relative_to(env)
    here = parley.analyze_text(SEED.read_text(encoding="utf-8"), parties=PARTIES).statements[COLUMNS]
    assert len(statements) == len(here) > 0
    assert statements == json.loads(here.to_json(orient="records"))


def test_the_cache_key_covers_every_module_and_lexicon(monkeypatch):
    read = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self) or real(self))
    analysis._code_version()
    package = Path(parley.__file__).parent
    assert set(read) == set(package.rglob("*.py")) | {p for p in config.LEXICONS.iterdir() if p.is_file()}
    assert package / "extract" / "statements.py" in read and config.LEXICONS / "reporting_verbs.csv" in read
