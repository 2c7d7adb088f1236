"""run_coverage and avs-geo couverture grouped by EPCI, territory, commune, department."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import avs_geo
from avs_geo import workflows
from tests.test_cli import EXAMPLE, read_csv, run

TOULOUSE_METROPOLE = "243100518"


def _territories(tmp_path: Path) -> Path:
    path = tmp_path / "territoires.csv"
    path.write_text(
        f"siren;territoire\n{TOULOUSE_METROPOLE};Agglomération toulousaine\n"
        "31395;Volvestre\n",  # Muret, a commune
        encoding="utf-8",
    )
    return path


def test_couverture_par_epci_every_qpv_in_an_epci(tmp_path: Path) -> None:
    argv = ["couverture", *EXAMPLE, "--date", "31/12/2022", "--departement", "31"]
    argv += ["--par", "epci", "--sans-cartes", "--sortie", str(tmp_path)]
    code, out, err = run(argv)
    assert code == 0, err
    assert "| Toulouse Métropole | Total | 16 |" in out
    assert "Non renseigné" not in out
    # the example file names a commune merged since 2018 (Corbès, 30094): a warning
    assert "30094 -> 30329 Thoiras-Corbès" in err
    summary = read_csv(tmp_path / "synthese.csv")
    assert summary.loc[summary["Couverture"] == "Total", "Nombre de QPV"].sum() == 19
    qpv = read_csv(tmp_path / "couverture_qpv.csv")
    assert qpv["EPCI"].notna().all()
    book = openpyxl.load_workbook(tmp_path / "rapport_couverture.xlsx")
    by_epci = book["Synthèse par EPCI"]
    assert any(row[0] == "Toulouse Métropole" for row in by_epci.iter_rows(values_only=True))


def test_couverture_par_territoire_with_a_territories_file(tmp_path: Path) -> None:
    argv = ["couverture", *EXAMPLE, "--date", "31/12/2022", "--departement", "31"]
    argv += ["--territoires", str(_territories(tmp_path)), "--par", "territoire"]
    argv += ["--millesime", "2022", "--sans-cartes", "--sortie", str(tmp_path / "out")]
    code, out, err = run(argv)
    assert code == 0, err
    assert "| Agglomération toulousaine | Total | 16 |" in out
    assert "| Volvestre | Total | 2 |" in out  # the two QPV of Muret, a commune
    # the QPV of Saint-Gaudens: named once, then in "Non renseigné"
    assert err.count("'QP031003'") == 1 and "| Non renseigné | Total | 1 |" in out


def test_run_coverage_by_commune_and_departement(tmp_path: Path) -> None:
    import warnings

    from avs_geo.datasets import get_path

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", avs_geo.AvsGeoWarning)
        run_ = workflows.run_coverage(
            tmp_path,
            structures=get_path("structures_exemple_occitanie"),
            perimeters=get_path("zones_exemple_occitanie"),
            date="2022-12-31",
            departement=["31", "34"],
            by="departement",
            maps=False,
        )
    assert run_.summary.by == ("departement",)
    assert set(run_.summary["Département"]) == {"31", "34"}
    assert "epci" not in run_.coverage.columns  # no vintage: nothing attached


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"by": "region"}, r"Regroupement inconnu : 'region'.*epci, territoire"),
        ({"by": "territoire"}, r"territoire demande le fichier des territoires"),
    ],
)
def test_grouping_errors(tmp_path: Path, kwargs: dict[str, str], message: str) -> None:
    with pytest.raises(avs_geo.ParameterError, match=message):
        workflows.run_coverage(tmp_path, structures=EXAMPLE[1], **kwargs)


def test_cli_rejects_unknown_grouping_and_vintage(tmp_path: Path) -> None:
    for option, value in (("--par", "region"), ("--millesime", "2018")):
        code, _, err = run(["couverture", *EXAMPLE, option, value, "--sortie", str(tmp_path)])
        assert code == 2 and value in err


def test_load_inputs_with_vintage_names_it_on_the_method_sheet(tmp_path: Path) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", avs_geo.AvsGeoWarning)
        inputs = workflows.load_inputs(
            structures=EXAMPLE[1], perimeters=EXAMPLE[3], vintage=2026,
            territories=_territories(tmp_path),
        )  # fmt: skip
    assert inputs.vintage == 2026 and "epci_siren" in inputs.communes.columns
    assert isinstance(inputs.territories, pd.DataFrame) and len(inputs.territories) == 2
    assert "1er janvier 2026" in inputs.sources["Millésime des communes"]
    assert inputs.sources["Territoires"] == "fichier territoires.csv"


def test_couverture_with_a_vintage_writes_the_white_zones(tmp_path: Path) -> None:
    import re
    import sqlite3

    from avs_geo.coverage.communes import commune_coverage

    argv = ["couverture", *EXAMPLE, "--date", "31/12/2022", "--departement", "31"]
    argv += ["--territoires", str(_territories(tmp_path)), "--par", "territoire"]
    out_dir = tmp_path / "sortie"
    code, out, err = run([*argv, "--sortie", str(out_dir)])
    assert code == 0, err
    for name in (
        "couverture_communes.csv",
        "territoires.csv",
        "reseau.csv",
        "carte_reseau_territoires.png",
    ):
        assert name in out and (out_dir / name).stat().st_size > 0
    # the white zones, measured independently on the same communes and zones
    with pytest.warns(avs_geo.AvsGeoWarning):  # the 32 QPV contours repaired, a former code
        run_ = workflows.run_coverage(
            tmp_path / "api",
            structures=EXAMPLE[1],
            perimeters=EXAMPLE[3],
            date="31/12/2022",
            departement="31",
            vintage=2022,
            maps=False,
        )
    assert run_.communes is not None
    communes = run_.inputs.communes
    direct = commune_coverage(communes[communes["departement"] == "31"], run_.zones)
    assert run_.communes["no_offer"].tolist() == direct["no_offer"].tolist()
    n_white = int(direct["no_offer"].sum())
    table = read_csv(out_dir / "couverture_communes.csv")
    assert len(table) == len(direct) == (communes["departement"] == "31").sum()
    assert (table["Couverture"] == "Commune sans offre AVS").sum() == n_white
    territories = read_csv(out_dir / "territoires.csv").set_index("Territoire")
    assert territories.loc["Total", "Communes sans offre AVS"] == n_white
    assert {"Agglomération toulousaine", "Volvestre", "Non renseigné"} <= set(territories.index)
    note = (out_dir / "synthese.md").read_text(encoding="utf-8")
    assert re.search(rf"{n_white} communes \([\d\u00a0]+ habitants\) ne sont couvertes", note)
    book = openpyxl.load_workbook(out_dir / "rapport_couverture.xlsx")
    assert {"Communes", "Territoires", "Réseau"} <= set(book.sheetnames)
    with sqlite3.connect(out_dir / "couverture.gpkg") as db:
        (n,) = db.execute("SELECT COUNT(*) FROM communes_couverture").fetchone()
        (white,) = db.execute(
            "SELECT COUNT(*) FROM communes_couverture WHERE commune_class = 'no_offer'"
        ).fetchone()
    assert (n, white) == (len(direct), n_white)
    html = (out_dir / "carte_couverture.html").read_text(encoding="utf-8")
    assert "Communes sans offre AVS" in html and "Agglomération toulousaine" in html


def test_couverture_without_a_vintage_writes_no_white_zones(tmp_path: Path) -> None:
    argv = ["couverture", *EXAMPLE, "--date", "31/12/2022", "--departement", "09"]
    code, out, err = run([*argv, "--sans-cartes", "--sortie", str(tmp_path)])
    assert code == 0, err
    assert not (tmp_path / "couverture_communes.csv").exists()
    assert "couverture_communes.csv" not in out


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"candidates": None}, r"Aucun site candidat"),
        ({"grid": "points"}, r"Grille de candidats inconnue : 'points'"),
        ({"candidates": "c.csv", "grid": "communes"}, r"pas les deux"),
        ({"grid": "communes", "grid_communes": 0}, r"doit être un entier ≥ 1, reçu 0"),
        ({"candidates": "c.csv", "demand": "rural"}, r"Demande inconnue : 'rural'"),
        (
            {"candidates": "c.csv", "demand": "both", "communes_weight": float("nan")},
            r"Le poids \(communes_weight=, --poids-communes\) doit être un nombre ≥ 0",
        ),
        ({"candidates": "c.csv", "qpv_weight": 2.0}, r"sans effet avec la demande 'qpv'"),
        (
            {"candidates": "c.csv", "demand": "both", "weight": "area"},
            r"un QPV ne peut pas y peser sa surface",
        ),
    ],
)
def test_site_options_are_checked_before_any_file_is_read(
    tmp_path: Path, options: dict[str, object], message: str
) -> None:
    kwargs: dict[str, object] = {"candidates": None, "k": 2, "structures": "absent.csv"}
    kwargs.update(options)
    with pytest.raises(avs_geo.ParameterError, match=message):
        workflows.run_sites(tmp_path, **kwargs)  # type: ignore[arg-type]
    assert not any(tmp_path.iterdir())  # nothing written, not even the folder's lock


def test_site_demand_defaults() -> None:
    from avs_geo.workflows.sites import check_site_options

    common = {"qpv_weight": 1.0, "communes_weight": 1.0, "grid_communes": 1}
    assert check_site_options(candidates="c.csv", demand=None, grid=None, **common) == "qpv"
    assert check_site_options(candidates=None, demand=None, grid="communes", **common) == "communes"
    assert check_site_options(candidates=None, demand="both", grid="communes", **common) == "both"
