"""Every notebook of notebooks/ runs top to bottom on the embedded data, so none rots.

The notebooks are executed with nbclient in a temporary working folder (their
``resultats/`` folder lands there), by a kernel that runs this interpreter. They are
also checked against their source, scripts/make_notebooks.py, and for outputs left in.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
KERNEL = "avs-geo-tests"

# Text each notebook must print or display once run (its main result).
EXPECTED = {
    "01_charger_mes_donnees": [
        "105 QPV",
        "il manque la ou les colonne(s) 'type'",
        "3 problèmes dans le fichier",
        "date illisible (ce jour n'existe pas)",
    ],
    "02_couverture_et_tableau_sdsf": [
        "sur les 105 QPV de la région Occitanie, 35 (33,3\u00a0%) sont couverts en totalité",
        "resultats/couverture/couverture.gpkg",
    ],
    "03_cartes": ["105 QPV, 33 structures agréées"],
    "04_choisir_des_sites": [
        "37 (35,2\u00a0%) sont couverts en totalité",
        "Avec les 5 sites choisis (méthode gloutonne)",
        "633 communes (2\u00a0513\u00a0674 habitants) ne sont couvertes par aucune structure",
        "Pas de contours de QPV du Nord dans les données",
        "Les 3 sites choisis (méthode gloutonne) atteignent",
    ],
    "05_comparer_deux_dates": [
        "Fermées entre les deux dates : Centre social Sète Centre",
        "4 mieux couverts, 1 moins bien couvert",
    ],
}


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_notebooks", ROOT / "scripts" / "make_notebooks.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def kernel_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A kernelspec that runs this very interpreter (the venv's), whatever the user has."""
    root = tmp_path_factory.mktemp("jupyter")
    spec = root / "kernels" / KERNEL
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    spec.joinpath("kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "avs_geo tests", "language": "python"})
    )
    return root


def test_the_five_notebooks_are_there() -> None:
    assert [p.stem for p in NOTEBOOKS] == sorted(EXPECTED)


def test_notebooks_match_their_source_and_have_no_outputs() -> None:
    generator = load_generator()
    for path, text in generator.texts().items():
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.name} differs from scripts/make_notebooks.py: run that script"
        )
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, path.name


def test_notebooks_call_only_the_public_api() -> None:
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
        assert "avs_geo._" not in code, path.name
        assert "avs_geo.sites." not in code and "avs_geo.maps." not in code, path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_top_to_bottom(
    path: Path, kernel_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JUPYTER_PATH", str(kernel_path))
    notebook = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=300,
        kernel_name=KERNEL,
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()  # raises CellExecutionError, with the cell, on any error

    texts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            texts.append(output.get("text", ""))
            texts.extend(str(v) for v in output.get("data", {}).values())
    printed = "\n".join(texts)
    for expected in EXPECTED[path.stem]:
        assert expected in printed, f"{path.name}: {expected!r} not in the outputs"
    assert (tmp_path / "resultats").is_dir()
    assert not (path.parent / "resultats").exists()
