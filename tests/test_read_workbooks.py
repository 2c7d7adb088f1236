"""Files as offices make them (issue 16): merged cells, hidden sheets, formulas without
value, mixed encodings, UTF-16, Excel's ``sep=`` line, several layers in one file.

The hostile corpus (tests/hostile/corpus.py) checks the class, message and row count of
each case; here the values read are checked too, and the command line end to end.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import warnings
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

import avs_geo
from avs_geo import cli
from avs_geo.datasets import get_path
from avs_geo.read._csv import choose_separator, csv_rows, decode
from avs_geo.read._excel import column_letter
from tests.hostile.corpus import AX, BX, CX, HX, geopackage, workbook, zipped

pytest.importorskip("openpyxl")


def test_a_merged_date_is_filled_down_with_a_warning_naming_the_range(tmp_path: Path) -> None:
    # The 0.1 finding: the second row of a merged block had no agreement date, so it
    # counted as active before its agreement.
    rows = [HX, [*AX[:5], dt.datetime(2023, 1, 1), *AX[6:]], BX, CX]
    path = tmp_path / "s.xlsx"
    workbook({"Liste": rows}, merges={"Liste": ["F2:F3", "H3:H4"]})(path)
    with pytest.warns(avs_geo.AvsGeoWarning, match=r"F2:F3 \(colonne 'date_agrement'") as said:
        s = avs_geo.load_structures(path)
    assert "H3:H4" not in str(said[0].message)  # an empty first cell: nothing to fill
    starts = dict(zip(s["structure_id"], s["date_agrement"], strict=True))
    assert starts == {
        "A": pd.Timestamp(2023, 1, 1),
        "B": pd.Timestamp(2023, 1, 1),
        "C": pd.Timestamp(2019, 1, 1),
    }


def test_merged_communes_fill_every_row(tmp_path: Path) -> None:
    rows = [HX, [*AX[:7], "31555; 31069", None, None], [*BX[:9], None], [*CX[:9], 400]]
    path = tmp_path / "s.xlsx"
    workbook({"Liste": rows}, merges={"Liste": ["H2:H3"]})(path)
    with pytest.warns(avs_geo.AvsGeoWarning, match=r"H2:H3 \(colonne 'zone_communes'"):
        s = avs_geo.load_structures(path)
    zones = dict(zip(s["structure_id"], s["zone_communes"], strict=True))
    assert zones == {"A": ("31555", "31069"), "B": ("31555", "31069"), "C": ()}


def test_a_hidden_sheet_is_read_when_named(tmp_path: Path) -> None:
    path = tmp_path / "s.xlsx"
    workbook({"Ancienne": [HX, AX, BX, CX], "Liste": [HX, AX]}, states={"Ancienne": "hidden"})(path)
    with pytest.warns(avs_geo.AvsGeoWarning, match=r"masquée\(s\) non lue\(s\) : 'Ancienne'"):
        assert len(avs_geo.load_structures(path)) == 1
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # named: read, and no note
        assert len(avs_geo.load_structures(path, sheet="Ancienne")) == 3
        assert len(avs_geo.load_structures(path, sheet=0)) == 3


def test_a_missing_sheet_lists_the_hidden_ones(tmp_path: Path) -> None:
    path = tmp_path / "s.xlsx"
    workbook({"Ancienne": [HX, AX], "Liste": [HX, AX]}, states={"Ancienne": "veryHidden"})(path)
    with pytest.raises(
        avs_geo.InputFileError,
        match=r"pas de feuille 'Liste 2' ; feuilles : 'Ancienne' \(masquée\)",
    ):
        avs_geo.load_structures(path, sheet="Liste 2")


def test_a_saved_formula_value_is_read(tmp_path: Path) -> None:
    path = tmp_path / "s.xlsx"
    workbook({"Liste": [HX, [*AX[:9], "=250*2"]]}, cached={"J2": ("750", "")})(path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = avs_geo.load_structures(path)
    assert s["zone_rayon_m"].tolist() == [750.0]


def test_a_formula_without_value_is_named_and_read_empty(tmp_path: Path) -> None:
    path = tmp_path / "s.xlsx"
    workbook({"Liste": [HX, [*AX[:9], "=250*2"], [*BX[:9], "=A1"]]})(path)
    with pytest.warns(avs_geo.AvsGeoWarning, match=r"2 cellule\(s\) .*formule .*: J2, J3\."):
        s = avs_geo.load_structures(path)
    assert s["zone_rayon_m"].isna().all()


def test_merged_territories_fill_down(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    rows = [["code", "territoire"], ["59350", "Métropole"], ["59512", None], ["59178", "Douai"]]
    workbook({"T": rows}, merges={"T": ["B2:B3"]})(path)
    with pytest.warns(avs_geo.AvsGeoWarning, match=r"B2:B3"):
        t = avs_geo.load_territories(path)
    assert dict(zip(t["code"], t["territoire"], strict=True)) == {
        "59350": "Métropole",
        "59512": "Métropole",
        "59178": "Douai",
    }


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 9, 26, 27, 51, 52)] == ["A", "J", "AA", "AB", "AZ", "BA"]


# --- CSV text ------------------------------------------------------------------------


def test_mixed_encodings_are_read_line_by_line() -> None:
    raw = "nom;ville\nCrèche Émile;Lille\n".encode() + "Maison Été;Nîmes\n".encode("cp1252")
    with pytest.warns(avs_geo.AvsGeoWarning, match=r"mélange deux encodages .*lignes 3,"):
        text = decode(raw, label="Le fichier des structures 's.csv'")
    assert text == "nom;ville\nCrèche Émile;Lille\nMaison Été;Nîmes\n"


def test_a_latin1_file_is_not_mixed() -> None:
    raw = "nom;ville\nCrèche Émile;Nîmes\n".encode("cp1252")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert decode(raw, label="f") == "nom;ville\nCrèche Émile;Nîmes\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32", "utf-8-sig"])
def test_unicode_encodings(encoding: str) -> None:
    text = "nom;ville\nCrèche Émile;Nîmes\n"
    assert decode(text.encode(encoding), label="f") == text


def test_utf16_accents_reach_the_frame(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    lines = [";".join(str(v) for v in HX), "A;Crèche Émile;CS;43.6;1.44;;;;;500"]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-16"))
    assert avs_geo.load_structures(path)["nom"].tolist() == ["Crèche Émile"]


def test_the_separator_is_the_one_that_makes_even_rows() -> None:
    assert choose_separator("id;nom\n1;Dupont, Jean, dit « Jo », et fils\n") == ";"
    assert choose_separator('id,nom\n1,"a;b"\n2,c\n') == ","
    assert choose_separator("id\tnom, prénom\n1\tx\n") == "\t"
    assert csv_rows("SEP=,\r\na,b\r\n").rows == [["a", "b"]]


# --- several layers ------------------------------------------------------------------


@pytest.fixture(scope="module")
def qpv_layers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The embedded QPV as a GeoPackage of two layers: all of them, and an old subset."""
    qpv = gpd.read_file(get_path("qpv_occitanie"))
    path = tmp_path_factory.mktemp("layers") / "qpv.gpkg"
    geopackage({"qpv_2015": lambda: qpv, "ancien": lambda: qpv.iloc[:19]})(path)
    return path


def test_a_layer_is_chosen_by_name_or_position(qpv_layers: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", avs_geo.AvsGeoWarning)  # repaired contours
        assert len(avs_geo.load_qpv(qpv_layers, layer="ancien")) == 19
        assert len(avs_geo.load_qpv(qpv_layers, layer=0)) == 105
        with pytest.raises(avs_geo.InputFileError, match=r"pas de couche 'nouveau' ; ses"):
            avs_geo.load_qpv(qpv_layers, layer="nouveau")


def test_a_zip_of_two_shapefiles_takes_a_layer(tmp_path: Path) -> None:
    qpv = gpd.read_file(get_path("qpv_occitanie"))[["code_qp", "nom_qp", "geometry"]]
    path = tmp_path / "qpv.zip"
    zipped({"qp_31": lambda: qpv.iloc[:41], "qp_34": lambda: qpv.iloc[41:]}, folder="QPV/")(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", avs_geo.AvsGeoWarning)
        with pytest.raises(avs_geo.InputFileError, match=r"'qp_31' \(41 objets\), 'qp_34'"):
            avs_geo.load_qpv(path)
        assert len(avs_geo.load_qpv(path, layer="qp_34")) == 64


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(argv)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.slow
def test_the_command_line_lists_the_layers_then_takes_couche(
    qpv_layers: Path, tmp_path: Path
) -> None:
    structures = pd.read_csv(get_path("structures_exemple_occitanie"), sep=None, dtype=str,
                             engine="python")  # fmt: skip
    book = tmp_path / "structures.xlsx"
    with pd.ExcelWriter(book) as writer:
        structures.iloc[:3].to_excel(writer, sheet_name="Ancienne", index=False)
        structures.to_excel(writer, sheet_name="Liste", index=False)
        writer.book["Ancienne"].sheet_state = "hidden"
    base = ["couverture", "--structures", str(book), "--perimetres",
            str(get_path("zones_exemple_occitanie")), "--qpv", str(qpv_layers), "--sans-cartes"]  # fmt: skip
    code, _, err = run([*base, "--sortie", str(tmp_path / "a")])
    assert code == cli.EXIT_BAD_INPUT
    assert "contient 2 couches géographiques : 'qpv_2015' (105 objets), 'ancien' (19" in err
    assert "--couche qpv_2015 (avs-geo)" in err
    code, _, err = run([*base, "--couche", "qpv_2015", "--sortie", str(tmp_path / "b")])
    assert code == cli.EXIT_OK, err
    assert "Attention : Le fichier des structures" in err
    assert "feuille(s) masquée(s) non lue(s) : 'Ancienne'" in err


def test_couche_needs_qpv() -> None:
    code, _, err = run(["couverture", "--structures", "s.csv", "--couche", "a", "--sortie", "x"])
    assert code == cli.EXIT_BAD_INPUT
    assert "--couche choisit une couche du fichier des QPV" in err
