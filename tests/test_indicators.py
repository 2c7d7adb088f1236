"""The INSEE table of the QPV (issue 13): read on the shared vocabulary, French numbers,
attached by the command line (--indicateurs), weights for the sites; a selection by
population with no population stops; area weights in hectares."""

from __future__ import annotations

import contextlib
import io
import warnings
from pathlib import Path

import pandas as pd
import pytest

import avs_geo
from avs_geo import cli
from avs_geo.errors import AvsGeoWarning, ParameterError, SchemaError, UnusedColumnsWarning
from avs_geo.read.indicators import (
    indicator_weights,
    indicators_columns,
    join_indicators,
    load_indicators,
    read_indicators,
)
from tests.nord_qpv import nord_qpv

NBSP = "\xa0"


def _cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(argv)
    return code, out.getvalue(), err.getvalue()


def insee_table(path: Path) -> Path:
    """As a planner saves the INSEE table: a title row, French headers and numbers,
    Latin-1 ';' CSV, a total row at the bottom."""
    lines = [
        "Population des quartiers prioritaires - Nord;;;",
        "Code QPV;Libellé du quartier;Population municipale;Taux de pauvreté (%)",
        "QP059901;Quartier test Roubaix;6 950;40,2",
        "QP059902;Quartier test Marcq;1 200;30",
        "QP059903;Quartier test Villeneuve;12 345;25,5",
        "Total;;20 495;",
    ]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


def qpv_without_population(folder: Path) -> Path:
    path = folder / "qpv nord.geojson"
    nord_qpv().drop(columns="pop_mun").to_file(path, driver="GeoJSON")
    return path


# --- the reader ----------------------------------------------------------------------------


def test_insee_table_reads_french_numbers_title_and_total(tmp_path: Path) -> None:
    table, report = read_indicators(insee_table(tmp_path / "insee.csv"))
    assert table["code_qpv"].tolist() == ["QP059901", "QP059902", "QP059903"]
    assert table["population"].tolist() == [6950.0, 1200.0, 12345.0]
    assert table["Taux de pauvreté (%)"].tolist() == [40.2, 30.0, 25.5]
    assert report.used == {"code_qpv": "Code QPV", "population": "Population municipale"}
    assert report.unused == ("Libellé du quartier",)
    assert report.header_line == 2 and report.skipped_lines == (1, 6)
    assert indicator_weights(table) == ("Taux de pauvreté (%)",)
    assert indicators_columns(tmp_path / "insee.csv").used == report.used


@pytest.mark.parametrize(
    ("code", "population"),
    [("code_qp", "pop_mun"), ("CODGEO", "P19_POP"), ("Code du quartier", "Nombre d'habitants")],
)
def test_insee_spellings(code: str, population: str) -> None:
    table = load_indicators(pd.DataFrame({code: ["qn05901m"], population: ["1 000"]}))
    assert table[["code_qpv", "population"]].to_dict("records") == [
        {"code_qpv": "QN05901M", "population": 1000.0}
    ]


def test_missing_code_column_suggests(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("cod_qp;pop_mun\nQP059901;10\n", encoding="utf-8")
    with pytest.raises(
        SchemaError,
        match=r"n'a pas de colonne de code de QPV .* elle a 'cod_qp', 'pop_mun'\. Voulez-vous "
        r"dire 'cod_qp' \?",
    ):
        load_indicators(path)
    table = load_indicators(path, columns={"cod_qp": "code_qpv"})
    assert table["population"].tolist() == [10.0]


def test_missing_population_and_bad_codes_are_errors(tmp_path: Path) -> None:
    with pytest.raises(SchemaError, match=r"n'a pas de colonne de population"):
        load_indicators(pd.DataFrame({"code_qp": ["QP059901"], "nom": ["x"]}))
    path = tmp_path / "t.csv"
    path.write_text("code_qp;pop_mun\nQP059901;10\n59350;20\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"1 cellule\(s\) .* ne sont pas des codes de QPV .* "
                       r"ligne 3 \('59350'\)"):  # fmt: skip
        load_indicators(path)


def test_second_code_column_and_duplicates_warn() -> None:
    table = pd.DataFrame(
        {
            "code_qp": ["QP059901", "QP059901"],
            "Code QPV 2024": ["QN05901M", "QN05902M"],
            "pop_mun": ["10", "20"],
        }
    )
    with pytest.warns(AvsGeoWarning) as caught:
        out = load_indicators(table)
    messages = {type(w.message): str(w.message) for w in caught}
    assert "plusieurs lignes pour 1 QPV : 'QP059901'" in messages[AvsGeoWarning]
    assert (
        "codes de QPV : 'Code QPV 2024' (pour la lire comme code : columns="
        in (messages[UnusedColumnsWarning])
    )
    assert out["population"].tolist() == [10.0]


def test_join_names_the_qpv_without_population() -> None:
    qpv = pd.DataFrame({"code_qpv": ["QP059901", "QP059902"], "population": [None, 50.0]})
    table = pd.DataFrame({"code_qp": ["QP059901"], "pop_mun": ["secret"], "tp60": ["40,2"]})
    with pytest.warns(AvsGeoWarning, match=r"Pas de population pour 1 QPV .*'QP059901'"):
        out = join_indicators(qpv, table)
    assert out["population"].tolist()[1] == 50.0  # the layer's own kept where the table has none
    assert out["tp60"].tolist()[0] == 40.2


# --- the jobs and the command line -------------------------------------------------------


def _structures(folder: Path) -> Path:
    path = folder / "structures.csv"
    path.write_text(
        "structure_id;type;lat;lon;zone_communes\nA;CS;50.6900;3.1800;59512\n", encoding="utf-8"
    )
    return path


def _candidates(folder: Path) -> Path:
    path = folder / "candidats.csv"
    path.write_text(
        "candidat_id;nom;lat;lon;zone_communes\nC1;Site Marcq;50.67;3.09;59378\n"
        "C2;Site Lille;50.63;3.06;59350\n",
        encoding="utf-8",
    )
    return path


def test_cli_attaches_the_population(tmp_path: Path) -> None:
    """Known answer: the Roubaix structure covers QP059901 (6 950 inhabitants) only."""
    qpv = qpv_without_population(tmp_path)
    argv = ["couverture", "--structures", str(_structures(tmp_path)), "--qpv", str(qpv)]
    argv += ["--indicateurs", str(insee_table(tmp_path / "insee.csv")), "--sans-cartes"]
    code, out, err = _cli([*argv, "--date", "31/12/2022", "--sortie", str(tmp_path / "a")])
    assert code == 0, err
    assert "Indicateurs: population de 3 QPV sur 3" in out
    assert "'Code QPV' -> code_qpv, 'Population municipale' -> population" in out
    assert "poids possibles (--poids) : 'Taux de pauvreté (%)'" in out
    assert f"| Couvert en totalité | 1 | 33,3 | 6{NBSP}950 | 33,9 |" in out
    assert f"| Non couvert | 2 | 66,7 | 13{NBSP}545 | 66,1 |" in out
    method = (tmp_path / "a" / "rapport_couverture.xlsx").exists()
    assert method


def test_sites_by_population_without_population_stop(tmp_path: Path) -> None:
    qpv = qpv_without_population(tmp_path)
    argv = ["sites", "--structures", str(_structures(tmp_path)), "--qpv", str(qpv)]
    argv += ["--candidats", str(_candidates(tmp_path)), "-k", "1", "--sans-cartes"]
    code, out, err = _cli([*argv, "--sortie", str(tmp_path / "a")])
    assert code == 2 and out == ""
    assert "Erreur : Aucun des 3 QPV n'a de population" in err
    assert "--indicateurs FICHIER" in err and "--poids surface" in err
    with pytest.raises(ParameterError, match=r"Aucun des 3 QPV n'a de population"):
        avs_geo.run_sites(
            tmp_path / "b",
            structures=_structures(tmp_path),
            qpv=qpv,
            candidates=_candidates(tmp_path),
            k=1,
            maps=False,
        )
    # Weighed by area: the hectares gained, in French.
    code, out, err = _cli([*argv, "--poids", "surface", "--sortie", str(tmp_path / "c")])
    assert code == 0, err
    assert "Avec le site choisi (méthode gloutonne, poids : surface), 4,0 ha de QPV de plus" in out
    assert "passe de  à" not in out and "+0 habitants" not in out


def test_sites_weighed_by_an_indicator(tmp_path: Path) -> None:
    """--poids with a column of the INSEE table; the population share follows."""
    qpv = qpv_without_population(tmp_path)
    argv = ["sites", "--structures", str(_structures(tmp_path)), "--qpv", str(qpv)]
    argv += ["--candidats", str(_candidates(tmp_path)), "-k", "1", "--sans-cartes"]
    argv += ["--indicateurs", str(insee_table(tmp_path / "insee.csv"))]
    code, out, err = _cli(
        [*argv, "--poids", "Taux de pauvreté (%)", "--sortie", str(tmp_path / "a")]
    )
    assert code == 0, err
    assert "les QPV couverts gagnent 30,0 en Taux de pauvreté (%)" in out
    # Marcq's QPV: 1 200 of 20 495 inhabitants.
    assert f"passe de 33,9{NBSP}% à 39,8{NBSP}% (+1{NBSP}200 habitants, estimation)" in out
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AvsGeoWarning)
        run = avs_geo.run_sites(
            tmp_path / "b",
            structures=_structures(tmp_path),
            qpv=qpv,
            indicators=insee_table(tmp_path / "insee.csv"),
            candidates=_candidates(tmp_path),
            k=1,
            maps=False,
        )
    assert run.selection.chosen == ("C1",)
    assert run.selection.population_gain == pytest.approx(1200.0)
