"""Structures without a zone in a table of their own, and structures placed at their
commune's centre marked approximate in the tables and the map (issue 13)."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import pandas as pd
import pytest

import avs_geo
from avs_geo.errors import AvsGeoWarning
from avs_geo.report.tables import no_zone_table
from avs_geo.workflows import Inputs
from avs_geo.workflows.coverage import structures_without_zone
from tests.nord_qpv import write_nord_qpv

openpyxl = pytest.importorskip("openpyxl")

STRUCTURES = (
    "Identifiant;Nom;Type;Code INSEE;Latitude;Longitude;Communes d'intervention\n"
    "A;CS Roubaix;CS;59512;50.6900;3.1800;59512\n"
    "B;EVS Villeneuve;EVS;59009;;;59009\n"
    "C;EVS en projet;EVS;59350;50.6300;3.0600;à définir\n"
)


def _run(tmp_path: Path, *, maps: bool = False) -> avs_geo.CoverageRun:
    path = tmp_path / "structures.csv"
    path.write_text(STRUCTURES, encoding="utf-8")
    qpv = write_nord_qpv(tmp_path / "qpv.geojson")
    with pytest.warns(AvsGeoWarning) as caught:
        run = avs_geo.run_coverage(
            tmp_path / "out", structures=path, qpv=qpv, date="31/12/2022", maps=maps
        )
    messages = " ".join(str(w.message) for w in caught)
    assert "1 structure(s) sans zone d'intervention" in messages and "'C'" in messages
    assert "1 structure(s) sans coordonnées placée(s) au centre de leur commune : 'B'" in messages
    return run


def _csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, sep=";", dtype=str, encoding="utf-8-sig", keep_default_na=False)


def test_structures_without_zone_get_their_table_and_the_run_goes_on(tmp_path: Path) -> None:
    run = _run(tmp_path)
    # Known answer: A covers Roubaix's QPV, B Villeneuve-d'Ascq's; C counts nowhere.
    status = run.coverage.set_index("code_qpv")["coverage_status"].to_dict()
    assert status == {"QP059901": "full", "QP059902": "none", "QP059903": "full"}
    assert run.zones["structure_id"].tolist() == ["A", "B"]
    table = _csv(run.files["no_zone"])
    assert table["Identifiant"].tolist() == ["C"]
    assert table["Nom"].tolist() == ["EVS en projet"]
    assert table["Type"].tolist() == ["Espace de vie sociale"]
    assert table["Remarque"].str.contains("hors de la couverture").all()
    book = openpyxl.load_workbook(run.files["workbook"])
    assert book.sheetnames == ["Synthèse", "QPV", "Structures", "Sans zone", "Méthode"]
    rows = list(book["Sans zone"].values)
    assert rows[0][0] == "Identifiant" and rows[1][:2] == ("C", "EVS en projet")


def test_every_structure_with_a_zone_gives_an_empty_table(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text(STRUCTURES.rsplit("\n", 2)[0] + "\n", encoding="utf-8")  # A and B
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AvsGeoWarning)
        run = avs_geo.run_coverage(
            tmp_path / "out",
            structures=path,
            qpv=write_nord_qpv(tmp_path / "q.geojson"),
            date="31/12/2022",
            maps=False,
        )
    assert len(_csv(run.files["no_zone"])) == 0
    assert "Sans zone" not in openpyxl.load_workbook(run.files["workbook"]).sheetnames
    assert len(structures_without_zone(run.inputs, run.zones, run.date)) == 0


def test_a_closed_structure_without_zone_is_not_listed() -> None:
    """Only the structures agreed at the date: a closed one is out for its dates."""
    structures = pd.DataFrame(
        {
            "structure_id": ["C", "D"],
            "nom": ["ouvert", "fermé"],
            "type": ["evs", "evs"],
            "date_agrement": pd.to_datetime(["2020-01-01", "2019-01-01"]),
            "date_fin": pd.to_datetime([None, "2021-12-31"]),
        }
    )
    inputs = Inputs(qpv=None, all_qpv=None, communes=None, structures=structures, sources={})  # type: ignore[arg-type]
    zones = pd.DataFrame({"structure_id": pd.Series([], dtype=str)})
    listed = structures_without_zone(inputs, zones, dt.date(2022, 12, 31))  # type: ignore[arg-type]
    assert listed["structure_id"].tolist() == ["C"]
    assert no_zone_table(listed, language="en").columns[-1] == "Note"


def test_approximate_location_in_the_tables(tmp_path: Path) -> None:
    run = _run(tmp_path)
    table = _csv(run.files["structures"])
    assert table.columns[:4].tolist() == [
        "Identifiant",
        "Nom",
        "Type",
        "Localisation approximative",
    ]
    assert table["Localisation approximative"].tolist() == ["non", "oui"]
    sheet = openpyxl.load_workbook(run.files["workbook"])["Structures"]
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert "Localisation approximative" in header


def test_approximate_location_on_the_web_map(tmp_path: Path) -> None:
    pytest.importorskip("folium")
    run = _run(tmp_path)
    structures = run.inputs.structures[run.inputs.structures["structure_id"].isin(["A", "B"])]
    shown = avs_geo.coverage_map(run.coverage, zones=run.zones, structures=structures)
    path = tmp_path / "carte.html"
    avs_geo.save_map(shown, path)
    html = path.read_text(encoding="utf-8")
    assert html.count("Localisation approximative : placée au centre de sa commune") == 1
    assert '"evs_approx"' in html and "avs-structure-approx" in html
    assert "Localisation approximative (1)" in html  # the legend's row for hollow symbols


@pytest.mark.parametrize(
    ("langue", "expected"),
    [
        (
            "fr",
            [
                "Données lues :",
                "3 structures, dont 3 agréées au 31/12/2022 (1 sans zone d'intervention)",
                "Phrase du rapport :",
                "Fichiers écrits (",
                "tableau par QPV (CSV pour Excel)",
                "colonnes lues : 'Identifiant' -> structure_id",
            ],
        ),
        (
            "en",
            [
                "Inputs read:",
                "3 structures, of which 3 agreed at 31/12/2022 (1 with no intervention zone)",
                "Report sentence:",
                "Files written (",
                "table by QPV (CSV for Excel)",
                "columns read: 'Identifiant' -> structure_id",
            ],
        ),
    ],
)
def test_the_command_counts_a_structure_without_zone_as_agreed(
    tmp_path: Path, langue: str, expected: list[str]
) -> None:
    """C is agreed at the date but has no zone: the inputs line counts it among the
    agreed structures (as the network table does) and says it has no zone."""
    import contextlib
    import io

    from avs_geo import cli

    path = tmp_path / "structures.csv"
    path.write_text(STRUCTURES, encoding="utf-8")
    qpv = write_nord_qpv(tmp_path / "qpv.geojson")
    out, err = io.StringIO(), io.StringIO()
    argv = ["couverture", "--structures", str(path), "--qpv", str(qpv), "--date", "31/12/2022"]
    argv += ["--sans-cartes", "--langue", langue, "--sortie", str(tmp_path / "out")]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        assert cli.main(argv) == 0, err.getvalue()
    for text in expected:
        assert text in out.getvalue(), out.getvalue()
    warning = (
        "Attention : 1 structure(s) sans zone" if langue == "fr" else "Warning: 1 structure(s)"
    )
    assert warning in err.getvalue()
