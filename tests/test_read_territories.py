"""load_territories: the example grouping of the Nord, French headers, every problem at once."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import avs_geo
from avs_geo.datasets import get_path
from avs_geo.read.territories import TERRITORY_COLUMNS, territory_of_communes


def _write(tmp_path: Path, text: str, name: str = "t.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_example_nord_groups_the_17_epci_into_four_territories() -> None:
    territories = avs_geo.load_territories(get_path("territoires_exemple_nord"), vintage=2022)
    assert list(territories.columns) == list(TERRITORY_COLUMNS)
    assert len(territories) == 17 and set(territories["niveau"]) == {"epci"}
    assert set(territories["territoire"]) == {
        "Flandre",
        "Métropole européenne de Lille",
        "Pévèle-Bassin minier",
        "Cambrésis-Sambre-Avesnois",
    }
    nord = avs_geo.load_communes(departement="59", vintage=2022)
    by_commune = territory_of_communes(territories, nord)
    assert by_commune.notna().all()  # every commune of the Nord in one territory
    mel = nord.loc[(by_commune == "Métropole européenne de Lille").to_numpy()]
    assert len(mel) == 95 and int(mel["population"].sum()) == 1_182_250
    # the 2026 EPCI keep their SIREN: the example reads for both vintages
    assert len(avs_geo.load_territories(get_path("territoires_exemple_nord"))) == 17


def test_french_headers_communes_and_former_codes(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "Code INSEE;Territoire;commentaire\n59350;Lille centre\n5001;Ain\n62210;Ternois\n",
    )
    got = avs_geo.load_territories(path)
    assert got["code"].tolist() == ["59350", "05001", "62210"]
    assert got["niveau"].tolist() == ["commune"] * 3 and got["ligne"].tolist() == [2, 3, 4]
    communes = pd.DataFrame(
        {"code_insee": ["62154", "59350"], "anciens_codes": [("62210",), ("59355",)]}
    )
    assert territory_of_communes(got, communes).tolist() == ["Ternois", "Lille centre"]


def test_excel_file(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    pd.DataFrame({"SIREN": [200093201], "Nom du territoire": ["MEL"]}).rename(
        columns={"Nom du territoire": "nom_territoire"}
    ).to_excel(path, index=False)
    got = avs_geo.load_territories(path, vintage=2026)
    assert got[["code", "territoire"]].values.tolist() == [["200093201", "MEL"]]


def test_every_cell_problem_at_once(tmp_path: Path) -> None:
    path = _write(tmp_path, "code;territoire\n59350;\n12;Nord\nabc;Sud\n200093201;MEL\n")
    with pytest.raises(
        avs_geo.SchemaError,
        match=r"ligne 3 : '12', ligne 4 : 'ABC'.*lignes sans territoire : 2",
    ):
        avs_geo.load_territories(path)


def test_unknown_codes_named_with_their_rows(tmp_path: Path) -> None:
    path = _write(tmp_path, "code;territoire\n59999;A\n200093201;B\n999999999;C\n")
    with pytest.raises(
        avs_geo.UnknownCodeError, match=r"2 code\(s\).*2022 ou 2026.*ligne 2 : 59999, ligne 4"
    ):
        avs_geo.load_territories(path)


def test_commune_in_two_territories(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "code;territoire\n59350;A\n59350;B\n200093201;C\n59360;D\n59001;E\n59001;E\n",
    )
    with pytest.raises(
        avs_geo.DuplicateIdError,
        match=r"4 commune\(s\) ou EPCI.*59350 \(lignes 2, 3\) dans A et B ; .*commune 59360 "
        r"\(ligne 5\) dans D et, par son EPCI 200093201, dans C\.",
    ):
        avs_geo.load_territories(path)


def test_missing_columns_bad_vintage_and_format(tmp_path: Path) -> None:
    with pytest.raises(avs_geo.SchemaError, match=r"pas la colonne 'territoire'.*'code'"):
        avs_geo.load_territories(_write(tmp_path, "code;nom\n59350;Lille\n"))
    with pytest.raises(avs_geo.ParameterError, match="Millésime de communes inconnu"):
        avs_geo.load_territories(get_path("territoires_exemple_nord"), vintage=2018)
    with pytest.raises(avs_geo.SchemaError, match="CSV ou Excel"):
        avs_geo.load_territories(_write(tmp_path, "{}", "t.geojson"))
    with pytest.raises(avs_geo.MissingFileError):
        avs_geo.load_territories(tmp_path / "absent.csv")


def test_epci_territories_need_epci_column() -> None:
    territories = avs_geo.load_territories(get_path("territoires_exemple_nord"))
    with pytest.raises(avs_geo.SchemaError, match=r"epci_siren.*vintage=2022"):
        territory_of_communes(territories, pd.DataFrame({"code_insee": ["59350"]}))
