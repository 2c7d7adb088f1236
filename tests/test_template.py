"""The fill-in structures workbook (``avs-geo modele``, ``avs_geo.write_template``).

The readers accept it as written (the notice is passed, the structures sheet found by its
headers), and a copy filled in as a planner would (three structures, dates typed in the
date cells, zones in the three forms) loads with the values typed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import avs_geo
from avs_geo import cli
from avs_geo.read._vocabulary import match_headers
from avs_geo.read.structures import structures_columns
from avs_geo.write.template import TEMPLATE_COLUMNS, TEMPLATE_ROWS, TEMPLATE_TYPES


@pytest.fixture
def template(tmp_path: Path) -> Path:
    return avs_geo.write_template(tmp_path / "modele.xlsx")


def test_the_template_loads_as_written_with_its_example(template: Path) -> None:
    structures = avs_geo.load_structures(template)
    assert structures["structure_id"].tolist() == ["EXEMPLE-01"]
    row = structures.iloc[0]
    assert row["type"] == "centre_social"
    assert row["date_agrement"] == pd.Timestamp("2022-01-01")
    assert row["date_fin"] == pd.Timestamp("2025-12-31")
    assert tuple(row["zone_communes"]) == ("59350", "59009")
    assert structures.crs == "EPSG:2154"
    # Lille, about (704 061, 7 059 137) in Lambert-93
    assert abs(row.geometry.x - 704_061) < 5 and abs(row.geometry.y - 7_059_137) < 5


def test_the_reader_passes_the_notice_and_reads_every_column(template: Path) -> None:
    report = structures_columns(template)
    assert report.sheet == "Structures"
    assert report.sheets == ("Notice", "Structures")
    assert report.header_line == 1
    assert report.unused == ()
    assert {role: report.used[role] for _, role in TEMPLATE_COLUMNS} == {
        role: header for header, role in TEMPLATE_COLUMNS
    }


def test_every_header_is_a_spelling_of_the_vocabulary() -> None:
    headers = [header for header, _ in TEMPLATE_COLUMNS]
    assert match_headers(headers, "structures") == dict(TEMPLATE_COLUMNS)


def test_the_workbook_has_notice_comments_list_and_date_cells(template: Path) -> None:
    book = openpyxl.load_workbook(template)
    assert book.sheetnames == ["Notice", "Structures"]
    assert book.active.title == "Notice"
    notice = " ".join(
        str(c.value) for row in book["Notice"].iter_rows() for c in row if c.value is not None
    )
    for words in ("JJ/MM/AAAA", "codes INSEE", "QPV", "Rayon", "inclus", "EXEMPLE-01"):
        assert words in notice, words
    sheet = book["Structures"]
    headers = [c.value for c in sheet[1]]
    assert headers == [header for header, _ in TEMPLATE_COLUMNS]
    assert all(c.comment is not None and c.comment.text.strip() for c in sheet[1])
    lists = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert len(lists) == 1
    assert lists[0].formula1 == '"' + ",".join(TEMPLATE_TYPES) + '"'
    assert str(lists[0].sqref) == f"C2:C{TEMPLATE_ROWS + 1}"
    date_rules = [v for v in sheet.data_validations.dataValidation if v.type == "date"]
    assert {str(r) for v in date_rules for r in v.sqref.ranges} == {
        f"F2:F{TEMPLATE_ROWS + 1}",
        f"G2:G{TEMPLATE_ROWS + 1}",
    }
    assert sheet["F2"].number_format == "DD/MM/YYYY"
    assert sheet[f"G{TEMPLATE_ROWS + 1}"].number_format == "DD/MM/YYYY"
    assert sheet["F2"].value == dt.datetime(2022, 1, 1)


@pytest.mark.filterwarnings("ignore:32 géométrie")
def test_a_filled_copy_with_three_structures(template: Path, tmp_path: Path) -> None:
    """The example replaced by three structures, typed as a planner types them."""
    book = openpyxl.load_workbook(template)
    sheet = book["Structures"]
    rows = [
        # Identifiant, Nom, Type, Lat, Lon, Début, Fin, Communes, QPV, Rayon
        ("CS-031-01", "Centre social Bagatelle", "Centre social", 43.5797, 1.4060,
         dt.datetime(2019, 1, 1), dt.datetime(2026, 12, 31), "31555", None, None),
        ("EVS-031-02", "EVS des Izards", "EVS", "43,6344", "1,4447",
         "01/07/2021", None, None, None, 800),
        ("CS-031-03", "Centre social Empalot", "Centre social", 43.5800, 1.4500,
         None, "31/12/2024", None, "QP031011 ; QP031012", "1 200,5"),
    ]  # fmt: skip
    for i, values in enumerate(rows, start=2):
        for j, value in enumerate(values, start=1):
            sheet.cell(row=i, column=j, value=value)
    filled = tmp_path / "rempli.xlsx"
    book.save(filled)

    s = avs_geo.load_structures(filled)
    assert s["structure_id"].tolist() == ["CS-031-01", "EVS-031-02", "CS-031-03"]
    assert s["type"].tolist() == ["centre_social", "evs", "centre_social"]
    assert s["nom"].tolist() == [r[1] for r in rows]
    assert s["date_agrement"].tolist()[:2] == [
        pd.Timestamp("2019-01-01"),
        pd.Timestamp("2021-07-01"),
    ]
    assert pd.isna(s["date_agrement"].iloc[2])
    assert s["date_fin"].iloc[0] == pd.Timestamp("2026-12-31")
    assert pd.isna(s["date_fin"].iloc[1])
    assert s["date_fin"].iloc[2] == pd.Timestamp("2024-12-31")
    assert [tuple(z) for z in s["zone_communes"]] == [("31555",), (), ()]
    assert [tuple(z) for z in s["zone_qpv"]] == [(), (), ("QP031011", "QP031012")]
    assert s["zone_rayon_m"].tolist()[1:] == [800.0, 1200.5]
    assert pd.isna(s["zone_rayon_m"].iloc[0])
    # The three structures give zones over the embedded Occitanie layers, at a date.
    zones = avs_geo.build_zones(
        s,
        communes=avs_geo.load_communes(departement="31"),
        qpv=avs_geo.load_qpv(departement="31"),
        at="31/12/2022",
    )
    assert sorted(zones["structure_id"]) == ["CS-031-01", "CS-031-03", "EVS-031-02"]
    assert (zones.area > 0).all()


def test_a_structure_with_only_its_commune_in_the_template(template: Path, tmp_path: Path) -> None:
    """No latitude or longitude: the template's Commune column places the structure at
    the centre of its commune, with the warning, and the notice says so."""
    book = openpyxl.load_workbook(template)
    notice = " ".join(str(c) for row in book["Notice"].values for c in row if c)
    assert "à défaut, sa commune (colonne Commune" in notice
    assert "Commune où se trouve la structure (code INSEE ou nom), pas sa zone" in notice
    sheet = book["Structures"]
    column = [c.value for c in sheet[1]].index("Commune") + 1
    for j, value in enumerate(
        ("CS-059-05", "Centre social Bourgogne", "Centre social", None, None), start=1
    ):
        sheet.cell(row=2, column=j).value = value  # cell(value=None) would keep the example
    sheet.cell(row=2, column=8, value="Tourcoing")
    sheet.cell(row=2, column=column, value="Tourcoing")
    filled = tmp_path / "commune.xlsx"
    book.save(filled)
    with pytest.warns(
        avs_geo.AvsGeoWarning,
        match=r"1 structure\(s\) sans coordonnées placée\(s\) au centre de leur commune : "
        r"'CS-059-05'",
    ):
        communes = avs_geo.load_communes(departement="59")
        s = avs_geo.load_structures(filled, communes=communes)
    tourcoing = communes.loc[communes["code_insee"] == "59599"].to_crs(s.crs).geometry.iloc[0]
    assert tourcoing.contains(s.geometry.iloc[0])
    assert s["position_approchee"].tolist() == [True]


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(argv)
    return code, out.getvalue(), err.getvalue()


def test_cli_modele_writes_the_workbook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "Mes données" / "modèle structures.xlsx"
    code, out, err = _run(["modele", "--sortie", str(target)])
    assert (code, err) == (0, "")
    assert f"Modèle écrit : {target}" in out
    assert avs_geo.load_structures(target)["structure_id"].tolist() == ["EXEMPLE-01"]
    monkeypatch.chdir(tmp_path)
    code, out, _ = _run(["modele"])
    assert code == 0 and (tmp_path / "modele_structures.xlsx").is_file()


def test_cli_modele_refuses_another_suffix(tmp_path: Path) -> None:
    code, _, err = _run(["modele", "--sortie", str(tmp_path / "modele.csv")])
    assert code == 2
    assert "Erreur : write_template écrit des classeurs .xlsx ; " in err
