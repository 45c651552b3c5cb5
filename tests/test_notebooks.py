"""Every notebook is stored clean, is parameterised, and runs top to bottom headless."""
import json

import nbformat
import pytest

import parley
from parley import config
from parley.views import report

NOTEBOOKS = sorted((config.ROOT / "notebooks").glob("[0-9]*.ipynb"))
IDS = [p.stem for p in NOTEBOOKS]


def test_the_suite_has_its_notebooks():
    # The owned notebooks must exist, so the parametrised tests below can never pass vacuously.
    assert {"40-sentiment", "90-report"} <= set(IDS)
    assert IDS == sorted(IDS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_stored_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: cell has stored output"
    assert "widgets" not in nb.metadata, f"{path.name}: stored widget state"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_first_code_cell_is_tagged_parameters(path):
    nb = nbformat.read(path, as_version=4)
    first = next(c for c in nb.cells if c.cell_type == "code")
    assert "parameters" in first.metadata.get("tags", [])
    names = {}
    exec(first.source, {}, names)  # the parameters cell is plain assignments
    assert names["ARTICLES"] == "../data/articles"
    assert names["PARTIES"] == "../data/parties.toml"
    assert names["OUTPUT"] == "../reports"
    assert names["CORRECTIONS"] == "../data/corrections.csv"
    assert "sys.path" not in "".join(c.source for c in nb.cells)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_executes_top_to_bottom(path, tmp_path, monkeypatch):
    import papermill

    monkeypatch.setenv("PARLEY_CACHE", str(tmp_path / "cache"))  # the kernel inherits the environment
    out = tmp_path / "reports"
    before = _listing(config.FIGURES)
    papermill.execute_notebook(
        str(path), str(tmp_path / path.name), cwd=str(path.parent), kernel_name="python3", progress_bar=False,
        execution_timeout=report.CELL_TIMEOUT,
        parameters={"ARTICLES": str(config.ARTICLES), "PARTIES": str(config.PARTIES), "OUTPUT": str(out)})
    executed = nbformat.read(tmp_path / path.name, as_version=4)
    errors = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    # Widget callbacks (interactive_output) swallow their errors into the widget state: look there too.
    assert '"output_type": "error"' not in json.dumps(executed.metadata.get("widgets", {}))
    assert _listing(config.FIGURES) == before, "the notebook wrote into the project's reports/figures"
    assert (tmp_path / "cache").is_dir()  # the analysis used the test's cache, not the project's
    if path.stem in report.INTERACTIVE:
        return  # for a person at the keyboard: it draws no chart for the report
    # Every other notebook saves charts, and they went to OUTPUT (tmp), not into the project's reports/.
    manifest = out / "figures" / "manifest.json"
    assert manifest.is_file(), f"{path.name} saved no chart into OUTPUT"
    entries = json.loads(manifest.read_text())
    assert entries
    for entry in entries:
        assert entry["notebook"] in (path.stem, None)
        assert all((out / "figures" / name).is_file() for name in entry["files"].values())


def _listing(folder):
    """Return every file under a folder with its size and modification time (empty if there is no folder)."""
    return {p: (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}


def test_a_government_compared_with_itself_is_refused(tmp_path, monkeypatch):
    import papermill

    monkeypatch.setenv("PARLEY_CACHE", str(tmp_path / "cache"))
    path = config.ROOT / "notebooks" / "40-sentiment.ipynb"
    with pytest.raises(papermill.PapermillExecutionError) as error:
        papermill.execute_notebook(
            str(path), str(tmp_path / path.name), cwd=str(path.parent), kernel_name="python3", progress_bar=False,
            execution_timeout=report.CELL_TIMEOUT,
            parameters={"ARTICLES": str(config.ARTICLES), "PARTIES": str(config.PARTIES),
                        "OUTPUT": str(tmp_path / "reports"), "PARTY_A": "Iraq", "PARTY_B": "Iraq"})
    assert error.value.ename == "ValueError"
    assert "PARTY_A and PARTY_B are both 'Iraq'" in error.value.evalue


def test_the_review_notebook_shows_the_review_and_writes_nothing(tmp_path, monkeypatch):
    import papermill

    from parley.run.corrections import correct

    monkeypatch.setenv("PARLEY_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(config, "CACHE", tmp_path / "cache")
    analysis = parley.analyze(config.ARTICLES, parties=config.PARTIES)
    corrections = tmp_path / "corrections.csv"
    for row in analysis.statements.itertuples():
        correct(corrections, analysis.articles, article_id=row.article_id, start=row.content_start,
                end=row.content_end, kind="right", sample="random")
    written = corrections.read_bytes()
    path = config.ROOT / "notebooks" / "05-review.ipynb"
    papermill.execute_notebook(
        str(path), str(tmp_path / path.name), cwd=str(path.parent), kernel_name="python3", progress_bar=False,
        execution_timeout=report.CELL_TIMEOUT,
        parameters={"ARTICLES": str(config.ARTICLES), "PARTIES": str(config.PARTIES), "OUTPUT": str(tmp_path),
                    "CORRECTIONS": str(corrections)})
    shown = json.dumps(nbformat.read(tmp_path / path.name, as_version=4).cells)
    n = len(analysis.statements)
    assert f"Reviewed {n} of {n} statements" in shown and "application/vnd.jupyter.widget-view+json" in shown
    assert corrections.read_bytes() == written


def test_the_report_does_not_run_the_interactive_notebooks(tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    for name in report.INTERACTIVE:
        (folder / f"{name}.ipynb").write_text((config.ROOT / "notebooks" / f"{name}.ipynb").read_text())
    assert report.run_notebooks(config.ARTICLES, config.PARTIES, tmp_path / "out", notebooks=folder) == []
