"""The exception family: MissingDependencyError for every optional package, and the
errors of the map code, all inside AvsGeoError.

A missing package is simulated with ``sys.modules[name] = None`` (an import then
raises ImportError), so that every test runs in the full test environment.
"""

from __future__ import annotations

import contextlib
import io
import pickle
import sys
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

import avs_geo
import avs_geo.errors
from avs_geo import _optional, cli, workflows
from avs_geo.datasets import get_path
from avs_geo.errors import AvsGeoError, MissingDependencyError
from avs_geo.maps import assets
from avs_geo.maps._geometry import pack
from avs_geo.maps.layers import symbol_svg
from avs_geo.sites import exact_mclp


def _check(error: pytest.ExceptionInfo[MissingDependencyError], package: str, extra: str) -> None:
    """The error is in both families and names the package and the pip command."""
    assert isinstance(error.value, ImportError)
    assert isinstance(error.value, AvsGeoError)
    assert (error.value.package, error.value.extra, error.value.name) == (package, extra, package)
    assert f"'{package}'" in str(error.value)
    assert f'pip install "avs_geo[{extra}]"' in str(error.value)


@pytest.fixture
def square() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "code_qpv": ["QP031001"],
            "nom_qpv": ["A"],
            "coverage_ratio": [1.0],
            "coverage_status": ["full"],
        },
        geometry=[shapely.box(574000, 6280000, 574500, 6280400)],
        crs="EPSG:2154",
    )


# --- the class ----------------------------------------------------------------------------


def test_missing_dependency_error_is_public_and_in_both_families() -> None:
    assert avs_geo.MissingDependencyError is avs_geo.errors.MissingDependencyError
    assert "MissingDependencyError" in avs_geo.__all__
    assert "MissingDependencyError" in avs_geo.errors.__all__
    assert issubclass(MissingDependencyError, AvsGeoError)
    assert issubclass(MissingDependencyError, ImportError)
    with pytest.raises(ImportError, match=r'pip install "avs_geo\[cli\]"'):
        raise _optional.missing("tqdm", extra="cli")


def test_missing_dependency_error_survives_pickling() -> None:
    error = _optional.missing("folium", extra="maps")
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), str(copy), copy.package, copy.extra) == (
        MissingDependencyError,
        str(error),
        "folium",
        "maps",
    )


def test_require_and_optional(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "folium", None)
    with pytest.raises(MissingDependencyError, match="Pour les cartes, avs_geo a besoin") as error:
        _optional.require("folium.plugins", extra="maps")
    _check(error, "folium", "maps")
    assert isinstance(error.value.__cause__, ImportError)
    assert _optional.optional("folium") is None
    assert _optional.optional("json") is not None


def test_every_extra_of_pyproject_has_a_purpose() -> None:
    import tomllib

    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    extras = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    assert set(_optional.EXTRAS) <= set(extras)
    assert not any("django" in d for deps in extras.values() for d in deps)


# --- every place an optional package is imported ------------------------------------------


def test_map_without_folium(monkeypatch: pytest.MonkeyPatch, square: gpd.GeoDataFrame) -> None:
    monkeypatch.setitem(sys.modules, "folium", None)
    with pytest.raises(MissingDependencyError) as error:
        avs_geo.coverage_map(square)
    _check(error, "folium", "maps")


def test_figure_without_matplotlib(
    monkeypatch: pytest.MonkeyPatch, square: gpd.GeoDataFrame
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(MissingDependencyError) as error:
        avs_geo.coverage_figure(square)
    _check(error, "matplotlib", "maps")


def test_excel_writer_without_openpyxl(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingDependencyError, match="les classeurs Excel") as error:
        avs_geo.to_excel({"T": pd.DataFrame({"a": [1]})}, tmp_path / "t.xlsx")
    _check(error, "openpyxl", "excel")


def test_excel_reader_without_openpyxl(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "structures.xlsx"
    pd.DataFrame({"structure_id": ["CS1"]}).to_excel(path, index=False)
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingDependencyError) as error:
        avs_geo.load_structures(path)
    _check(error, "openpyxl", "excel")


def _matrix() -> tuple[Any, np.ndarray]:
    import scipy.sparse as sp

    return sp.csr_array(np.array([[1, 1, 0], [1, 0, 0], [0, 0, 1]])), np.array([2.0, 2.0, 1.0])


def test_exact_selection_without_pulp(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pulp", None)
    with pytest.raises(MissingDependencyError, match='method="exact"') as error:
        exact_mclp(*_matrix(), 2)
    _check(error, "pulp", "optimisation")


def test_exact_selection_without_the_cbc_solver(monkeypatch: pytest.MonkeyPatch) -> None:
    pulp = pytest.importorskip("pulp")
    monkeypatch.setattr(pulp.COIN_CMD, "available", lambda self: False)
    with pytest.raises(MissingDependencyError, match=r"solveur CBC.*pulp\[cbc\]") as error:
        exact_mclp(*_matrix(), 2)
    _check(error, "pulp", "optimisation")


def _run_cli(argv: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = cli.main(argv)
    return code, err.getvalue()


def test_cli_reports_a_missing_extra_with_its_command(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def no_folium(*args: object, **kwargs: object) -> None:
        raise _optional.missing("folium", extra="maps")

    monkeypatch.setattr(workflows, "run_coverage", no_folium)
    structures = str(get_path("structures_exemple_occitanie"))
    code, err = _run_cli(["couverture", "--structures", structures, "--sortie", str(tmp_path)])
    assert code == cli.EXIT_UNEXPECTED  # an install to make, not a bad input (exit 2)
    assert 'pip install "avs_geo[maps]"' in err
    assert "--sans-cartes" in err
    assert "Traceback" not in err


def test_cli_progress_without_tqdm(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    steps: list[int] = []

    def job(*args: object, progress: Any = None, **kwargs: object) -> None:
        for step in (1, 2):
            progress("Étape", step, 2)  # no bar, no error
            steps.append(step)
        raise avs_geo.ParameterError("arrêt voulu")

    monkeypatch.setitem(sys.modules, "tqdm", None)
    monkeypatch.setattr(workflows, "run_coverage", job)
    structures = str(get_path("structures_exemple_occitanie"))
    code, err = _run_cli(["couverture", "--structures", structures, "--sortie", str(tmp_path)])
    assert steps == [1, 2]
    assert (code, err.strip()) == (2, "Erreur : arrêt voulu")


# --- the errors of the map code -----------------------------------------------------------


def test_unknown_map_symbol() -> None:
    with pytest.raises(avs_geo.ParameterError, match=r"Symbole de carte inconnu : 'hexagon'"):
        symbol_svg("hexagon", "#000000")


def test_geometry_that_cannot_be_packed() -> None:
    with pytest.raises(avs_geo.GeometryError, match="type GeometryCollection"):
        pack({"type": "GeometryCollection", "coordinates": []})


def test_code_that_would_close_its_element() -> None:
    with pytest.raises(avs_geo.ParameterError, match="contient '</script'"):
        assets._safe_in_tag("var a = '</SCRIPT>';", "script")
    assert assets._safe_in_tag("var a = 1;", "script") == "var a = 1;"


def test_problems_field_is_an_empty_table_by_default() -> None:
    from avs_geo.errors import PROBLEM_COLUMNS, SchemaError

    error = SchemaError("x")
    assert list(error.problems.columns) == list(PROBLEM_COLUMNS)
    assert len(error.problems) == 0
