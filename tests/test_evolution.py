"""The evolution job (avs-geo evolution): the coverage at several dates, written to a folder.

Known answers: the example network of Occitanie (embedded) at the end of 2021 and of
2022 gives the classes of the comparison job's docstring (36/6/63 then 35/10/60: four
QPV go from none to partial, QP034018 from full to none); the small case of
test_series.py (squares by hand) is checked through the job's files.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import warnings
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import avs_geo
from avs_geo import cli, workflows
from avs_geo.coverage.series import class_changes, coverage_series
from avs_geo.datasets import get_path
from avs_geo.errors import ParameterError
from avs_geo.workflows.evolution import run_evolution
from avs_geo.workflows.progress import evolution_plan
from tests.test_series import COMMUNES, QPV, _structures

STRUCTURES = str(get_path("structures_exemple_occitanie"))
ZONES = str(get_path("zones_exemple_occitanie"))
EXAMPLE = {"structures": STRUCTURES, "perimeters": ZONES}
MOVED = {"QP066002", "QP081003", "QP031014", "QP030004", "QP034018"}


def read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig", dtype=str)


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> workflows.EvolutionRun:
    seen: list[tuple[str, int, int]] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", avs_geo.AvsGeoWarning)
        run = run_evolution(
            tmp_path_factory.mktemp("evolution"),
            dates=["31/12/2022", "2021-12-31"],
            territory="d'Occitanie",
            progress=lambda *step: seen.append(step),
            **EXAMPLE,
        )
    assert [s[1:] for s in seen] == [(i, 8) for i in range(1, 9)]
    assert seen[3][0] == "Zones et couverture au 31/12/2021"
    return run


def test_example_classes_at_each_date(example: workflows.EvolutionRun) -> None:
    assert example.dates == (dt.date(2021, 12, 31), dt.date(2022, 12, 31))
    assert example.series[["n_full", "n_partial", "n_none", "n_qpv"]].values.tolist() == [
        [36, 6, 63, 105],
        [35, 10, 60, 105],
    ]
    changed = example.changes[example.changes["change"] != "same"]
    assert set(changed["code_qpv"]) == MOVED
    assert changed.set_index("code_qpv").loc["QP034018", "change"] == "worse"
    assert (changed["change"] == "better").sum() == 4
    assert example.headline.endswith(
        "QPV mieux couverts : 4 ; moins bien couverts : 1 ; de classe inchangée : 100."
    )


def test_example_files_csv_xlsx_chart_map(example: workflows.EvolutionRun) -> None:
    files = example.files
    assert sorted(p.name for p in files.values()) == sorted(workflows.EVOLUTION_FILES.values())
    series = read_csv(files["series"])
    assert series["Date"].tolist() == ["31/12/2021", "31/12/2022"]
    assert series["QPV couverts partiellement"].tolist() == ["6", "10"]
    per_qpv = read_csv(files["qpv"])
    change = "Évolution du 31/12/2021 au 31/12/2022"
    # better covered first, then less covered, then unchanged; codes as text
    assert per_qpv[change].tolist()[:5] == ["Mieux couvert"] * 4 + ["Moins bien couvert"]
    assert set(per_qpv["Code QPV"].head(5)) == MOVED
    assert per_qpv.loc[4, "Couverture au 31/12/2021"] == "Couvert en totalité"
    book = openpyxl.load_workbook(files["workbook"])
    assert book.sheetnames[:2] == ["Dates", "QPV"]
    cells = [c for row in book["Dates"].iter_rows(values_only=True) for c in row if c]
    assert any(str(c).startswith("Évolution de la couverture des QPV d'Occitanie") for c in cells)
    for key in ("chart", "map_png"):
        assert files[key].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert files[key].stat().st_size > 20_000
    manifest = json.loads((files["series"].parent / "manifeste.json").read_text("utf-8"))
    assert manifest["options"]["commande"] == "evolution"


def test_the_job_gives_coverage_series_on_a_case_by_hand(tmp_path: Path) -> None:
    dates = ["2022-03-31", "31/12/2019", "2021-12-31", "2022-12-31"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", avs_geo.AvsGeoWarning)  # no structure in 2019
        expected = coverage_series(QPV, _structures(), communes=COMMUNES, dates=dates)
        run = run_evolution(
            tmp_path, dates=dates, structures=_structures(), qpv=QPV, communes=COMMUNES, maps=False
        )
    pd.testing.assert_frame_equal(run.series, expected)
    # QPV 2: none, none, partial, none -> unchanged from first to last, but it moved
    row = run.changes.set_index("code_qpv").loc["QP031002"]
    assert (row["change"], bool(row["changed_between"])) == ("same", True)
    assert run.changes.set_index("code_qpv").loc["QP009001", "change"] == "better"
    assert sorted(p.name for p in run.files.values()) == [
        "evolution.csv",
        "evolution.md",
        "evolution.xlsx",
        "evolution_qpv.csv",
    ]
    per_qpv = read_csv(run.files["qpv"])
    assert per_qpv["A changé de classe entre deux dates"].tolist() == ["oui", "oui"]


def test_class_changes_refuses_different_qpv() -> None:
    a = pd.DataFrame(
        {"code_qpv": ["Q1"], "nom_qpv": ["A"], "coverage_status": ["none"], "coverage_ratio": [0.0]}
    )
    b = a.assign(code_qpv="Q2")
    with pytest.raises(ParameterError, match=r"ne porte pas sur les mêmes QPV"):
        class_changes({dt.date(2021, 1, 1): a, dt.date(2022, 1, 1): b})


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        ([], r"Il faut une date ou plus"),
        (["2021-12-31", "demain"], r"'demain' n'est pas une date.*31/12/2022"),
        (["2021-12-31", "31/12/2021"], r"2021-12-31 est donnée 2 fois.*Retirez les doublons"),
        ("2021-12-31", r"dates doit être une liste de dates"),
    ],
)
def test_bad_dates_are_refused_before_reading(tmp_path: Path, dates: object, message: str) -> None:
    with pytest.raises(ParameterError, match=message):
        run_evolution(tmp_path / "out", dates=dates, **EXAMPLE)  # type: ignore[arg-type]
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_plan_counts_each_date() -> None:
    assert evolution_plan(4)[3:7] == ("zones_at",) * 4
    assert evolution_plan(4, maps=False)[-1] == "series_tables"


def _cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(argv)
    return code, out.getvalue(), err.getvalue()


def test_cli_evolution(tmp_path: Path) -> None:
    argv = ["evolution", "--structures", STRUCTURES, "--perimetres", ZONES, "--dates",
            "2022-12-31", "31/12/2021", "--sortie", str(tmp_path), "--sans-cartes"]  # fmt: skip
    code, out, err = _cli(argv)
    assert code == 0, err
    assert "QPV mieux couverts : 4 ; moins bien couverts : 1" in out
    assert "| 31/12/2021 | 36 | 6 | 63 |" in out
    assert "evolution_qpv.csv" in out and "classe de chaque QPV à chaque date" in out
    assert (tmp_path / "evolution.xlsx").exists()


def test_cli_evolution_bad_date(tmp_path: Path) -> None:
    argv = ["evolution", "--structures", STRUCTURES, "--dates", "2021-12-31", "2021-13-45",
            "--sortie", str(tmp_path / "out")]  # fmt: skip
    code, _out, err = _cli(argv)
    assert code == 2
    assert "'2021-13-45' n'est pas une date" in err
