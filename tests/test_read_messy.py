"""The planner's own files, as a CAF keeps them (issue 13): one load, every problem at once.

The messy Nord workbook: a "Notice" sheet first, a title row above French headers, dates
as dd/mm/yyyy text and as Excel dates, commune names (with accents, articles, "St")
instead of INSEE codes, "E.V.S." as a type, a zone "à définir", an unread column that
looks like a date, and a total row at the bottom. Its Latin-1 ";" CSV export reads the
same. A second file holds nine distinct problems: one load reports all nine, with the
lines as the spreadsheet numbers them.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

import avs_geo
from avs_geo.errors import AvsGeoWarning, UnusedColumnsWarning
from avs_geo.read._vocabulary import VOCABULARY, fold, match_headers
from avs_geo.read.structures import structures_columns
from tests.nord_qpv import write_nord_qpv

openpyxl = pytest.importorskip("openpyxl")

TITLE = "Structures agréées par la CAF du Nord - situation au 31/12/2022"
HEADERS = [
    "N° structure",
    "Nom de la structure",
    "Type",
    "Latitude",
    "Longitude",
    "Date d'effet",
    "Fin d'agrément",
    "Communes d'intervention",
    "Date de dernière visite",
    "Commentaire",
]
ROWS = [
    [
        "59-CS-01",
        "Centre social Les Trois Villes",
        "Centre social",
        "50,6942",
        "3,1746",
        "01/01/2019",
        "31/12/2022",
        "Roubaix ; Tourcoing",
        "12/03/2022",
        "",
    ],
    [
        "59-EVS-02",
        "EVS Le Pont",
        "E.V.S.",
        "50,6519",
        "3,1100",
        dt.datetime(2020, 9, 1),
        "31/12/2021",
        "Marcq-en-Barœul",
        "",
        "fermé",
    ],
    [
        "59-CS-03",
        "Centre social du Triolo",
        "CS",
        "50,6310",
        "3,1450",
        "01/07/2018",
        "",
        "VILLENEUVE D'ASCQ, Croix",
        "",
        "",
    ],
    [
        "59-EVS-04",
        "EVS Saint-André",
        "Espace de vie sociale",
        "50,6575",
        "3,0470",
        "01/01/2022",
        "",
        "St-André-lez-Lille",
        "",
        "",
    ],
    [
        "59-EVS-05",
        "EVS en projet",
        "EVS",
        "50,7000",
        "3,1600",
        "01/01/2022",
        "",
        "à définir",
        "",
        "zone en discussion",
    ],
]
TOTAL = ["Total", "5 structures", None, None, None, None, None, None, None, None]
EXPECTED_ZONES = {
    "59-CS-01": ("59512", "59599"),
    "59-EVS-02": ("59378",),
    "59-CS-03": ("59009", "59163"),
    "59-EVS-04": ("59527",),
    "59-EVS-05": (),
}


@pytest.fixture(scope="module")
def communes() -> gpd.GeoDataFrame:
    return avs_geo.load_communes(departement="59")


def messy_workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    notice = book.active
    notice.title = "Notice"
    notice.append(["Mode d'emploi : une ligne par structure, dates au format jj/mm/aaaa."])
    notice.append(["Mise à jour : service Action sociale."])
    sheet = book.create_sheet("Structures 2022")
    sheet.append([TITLE])
    sheet.append([])
    sheet.append(HEADERS)
    for row in ROWS:
        sheet.append(row)
    sheet.append(TOTAL)
    book.save(path)
    return path


def messy_csv(path: Path) -> Path:
    """The same sheet saved by a spreadsheet as "CSV (séparateur : point-virgule)"."""
    lines = [TITLE + ";" * (len(HEADERS) - 1), ";" * (len(HEADERS) - 1), ";".join(HEADERS)]
    for row in ROWS:
        cells = [c.strftime("%d/%m/%Y") if isinstance(c, dt.datetime) else str(c) for c in row]
        lines.append(";".join(f'"{c}"' if ";" in c else c for c in cells))
    lines.append(";".join("" if c is None else c for c in TOTAL))
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


@pytest.mark.parametrize("maker", [messy_workbook, messy_csv], ids=["xlsx", "csv-latin1"])
def test_messy_nord_file_loads_in_one_call(
    tmp_path: Path, communes: gpd.GeoDataFrame, maker: object
) -> None:
    suffix = ".xlsx" if maker is messy_workbook else ".csv"
    path = maker(tmp_path / f"structures nord été{suffix}")  # type: ignore[operator]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        s = avs_geo.load_structures(path, communes=communes)
    messages = [str(w.message) for w in caught]
    assert len(messages) == 2, messages
    assert any("ligne(s) de total ignorée(s) : 9" in m for m in messages)
    unused = [w.message for w in caught if isinstance(w.message, UnusedColumnsWarning)]
    assert len(unused) == 1
    assert "'Date de dernière visite'" in str(unused[0])
    assert "columns={'Date de dernière visite': 'date_fin'}" in str(unused[0])
    assert "Commentaire" not in str(unused[0])

    assert s["structure_id"].tolist() == list(EXPECTED_ZONES)
    assert s["nom"].tolist()[:2] == ["Centre social Les Trois Villes", "EVS Le Pont"]
    assert s["type"].tolist() == ["centre_social", "evs", "centre_social", "evs", "evs"]
    assert dict(zip(s["structure_id"], s["zone_communes"], strict=True)) == EXPECTED_ZONES
    assert s["date_agrement"].tolist() == [
        pd.Timestamp(d)
        for d in ("2019-01-01", "2020-09-01", "2018-07-01", "2022-01-01", "2022-01-01")
    ]
    assert s["date_fin"].tolist()[:2] == [pd.Timestamp("2022-12-31"), pd.Timestamp("2021-12-31")]
    assert s["date_fin"].iloc[2:].isna().all()
    assert s.crs.to_epsg() == 2154
    assert not s["position_approchee"].any()

    # At the report date: 59-EVS-02 ended on 31/12/2021 (its last day counts then, not
    # after); 59-EVS-05 has no zone yet: listed, left out, the run goes on.
    with pytest.warns(AvsGeoWarning, match=r"1 structure\(s\) sans zone .*'59-EVS-05'"):
        zones = avs_geo.build_zones(s, communes=communes, at="31/12/2022")
    assert zones["structure_id"].tolist() == ["59-CS-01", "59-CS-03", "59-EVS-04"]
    zones = avs_geo.build_zones(s, communes=communes, at="31/12/2021")
    assert zones["structure_id"].tolist() == ["59-CS-01", "59-EVS-02", "59-CS-03"]


def test_column_report_says_what_was_read(tmp_path: Path) -> None:
    path = messy_workbook(tmp_path / "s.xlsx")
    report = structures_columns(path)
    assert report.sheet == "Structures 2022" and report.sheets == ("Notice", "Structures 2022")
    assert report.header_line == 3
    assert report.skipped_lines == (1, 2, 9)
    assert report.used == {
        "structure_id": "N° structure",
        "nom": "Nom de la structure",
        "type": "Type",
        "lat": "Latitude",
        "lon": "Longitude",
        "date_agrement": "Date d'effet",
        "date_fin": "Fin d'agrément",
        "zone_communes": "Communes d'intervention",
    }
    assert report.unused == ("Date de dernière visite", "Commentaire")
    text = str(report)
    assert "\"Fin d'agrément\" -> date_fin (fin d'agrément (incluse))" in text
    assert "<table>" in report._repr_html_()


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Nom de la structure", "nom"),
        ("Fin d'agrément", "date_fin"),
        ("Date de fin", "date_fin"),
        ("Fin de l'agrément", "date_fin"),
        ("Date de fin d'agrément", "date_fin"),
        ("Échéance", "date_fin"),
        ("Date de début", "date_agrement"),
        ("Début d'agrément", "date_agrement"),
        ("Date d'effet", "date_agrement"),
        ("Codes INSEE", "zone_communes"),
        ("Commune(s)", "zone_communes"),
        ("Code INSEE", "commune"),
        ("CODE_INSEE", "commune"),
        ("Rayon (m)", "zone_rayon_m"),
        ("QPV concernés", "zone_qpv"),
        ("X (Lambert 93)", "x"),
    ],
)
def test_vocabulary_spellings(header: str, role: str) -> None:
    assert match_headers([header], "structures") == {header: role}


def test_every_spelling_is_listed_in_the_readme() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    for kind in VOCABULARY:
        for role, names in VOCABULARY[kind].items():
            assert f"`{role}`" in readme, role
            for name in names:
                assert fold(name) in readme, (role, name)


def test_the_file_column_is_the_structure_commune_and_only_a_fallback(
    tmp_path: Path, communes: gpd.GeoDataFrame
) -> None:
    """'Code INSEE' (the structure's commune) is no zone; without coordinates it places the
    structure at a point inside its commune, marked approximate, with a warning."""
    path = tmp_path / "s.csv"
    path.write_text(
        "Identifiant;Type;Code INSEE;Codes INSEE;Latitude;Longitude\n"
        "A;CS;59350;59350,59009;50.63;3.06\n"
        "B;EVS;Roubaix;59512;;\n",
        encoding="utf-8",
    )
    with pytest.warns(AvsGeoWarning, match=r"1 structure\(s\) sans coordonnées .*'B'"):
        s = avs_geo.load_structures(path, communes=communes)
    assert s["zone_communes"].tolist() == [("59350", "59009"), ("59512",)]
    assert s["position_approchee"].tolist() == [False, True]
    roubaix = communes.set_index("code_insee").geometry.loc["59512"]
    assert roubaix.contains(s.geometry.iloc[1])


def test_lambert_93_columns(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("id;type;x;y;rayon\nA;CS;704000;7059000;500\n", encoding="utf-8")
    s = avs_geo.load_structures(path)
    assert s.geometry.iloc[0].x == pytest.approx(704000)
    assert s.geometry.iloc[0].y == pytest.approx(7059000)


def test_missing_column_suggests_and_names_the_sheets(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Notice"
    book.active.append(["Lisez-moi"])
    book.active.append(["Une ligne par structure."])
    sheet = book.create_sheet("Liste")
    sheet.append(["Identifiant", "Typ", "Latitude", "Longitude"])
    sheet.append(["A", "CS", 50.6, 3.1])
    book.save(tmp_path / "s.xlsx")
    with pytest.raises(avs_geo.SchemaError) as error:
        avs_geo.load_structures(tmp_path / "s.xlsx", sheet="Notice")
    assert "Feuilles du classeur : 'Notice', 'Liste'" in str(error.value)
    with pytest.raises(
        avs_geo.SchemaError,
        match=r"pour type, voulez-vous dire 'Typ' \? \(columns=\{'Typ': 'type'\}",
    ):
        avs_geo.load_structures(tmp_path / "s.xlsx")
    s = avs_geo.load_structures(tmp_path / "s.xlsx", columns={"Typ": "type"}, header_row=1)
    assert s["type"].tolist() == ["centre_social"]


def test_unquoted_separator_in_a_cell_is_named(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text(
        "id;type;lat;lon;communes;rayon\nA;CS;50.6;3.1;59360 ; 59350;\nB;EVS;50.6;3.1;59350;\n",
        encoding="utf-8",
    )
    with pytest.raises(avs_geo.SchemaError, match=r"ligne 2 \(\+1 cellule\).*59360 ; 59350"):
        avs_geo.load_structures(path)


def test_nine_problems_in_one_report(tmp_path: Path, communes: gpd.GeoDataFrame) -> None:
    path = tmp_path / "s.csv"
    path.write_text(
        "id;type;lat;lon;date_agrement;date_fin;communes;rayon\n"
        "A;CS;50.6;3.1;01/01/2020;;59350;\n"  # 2 fine
        ";CS;50.6;3.1;;;59350;\n"  # 3 no id
        "A2;Crèche;50.6;3.1;;;59350;\n"  # 4 unknown type
        "A3;CS;50.6;3.1;hier;;59350;\n"  # 5 date not a date
        "A4;CS;50.6;3.1;01/01/2022;01/01/2021;59350;\n"  # 6 ends before it starts
        "A5;CS;3.1;50.6;;;59350;\n"  # 7 lat/lon swapped
        "A6;CS;50.6;3.1;;;;-5\n"  # 8 negative radius
        "A7;CS;50.6;3.1;;;315;\n"  # 9 malformed code
        "A8;CS;50.6;3.1;;;Villeneuve;\n"  # 10 ambiguous name? no: unknown in Nord
        "A;EVS;50.6;3.1;;;59350;\n",  # 11 repeated id (with line 2)
        encoding="utf-8",
    )
    with pytest.raises(avs_geo.SchemaError) as error:
        avs_geo.load_structures(path, communes=communes)
    problems = error.value.problems
    assert problems["ligne"].tolist() == [2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
    assert problems["probleme"].nunique() == 9
    assert list(problems.columns) == ["ligne", "colonne", "valeur", "probleme", "correction"]
    message = str(error.value)
    assert "10 problèmes de 9 sortes" in message
    assert error.value.file == str(path)
    for text in (
        "ligne sans identifiant",
        "type inconnu",
        "date illisible",
        "finit avant",
        "inversées",
        "rayon",
        "codes INSEE mal formés",
        "inconnu de la couche",
        "identifiant répété",
    ):
        assert text in message


def test_ambiguous_commune_name_lists_the_candidates(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("id;type;lat;lon;communes\nA;CS;43.6;1.44;Villeneuve\n", encoding="utf-8")
    with pytest.raises(avs_geo.UnknownCodeError, match=r"plusieurs communes .*09335 Villeneuve"):
        avs_geo.load_structures(path, communes=avs_geo.load_communes())


def _cli(argv: list[str]) -> tuple[int, str, str]:
    import contextlib
    import io

    from avs_geo import cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(argv)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.slow
def test_messy_workbook_in_one_command_line_run(tmp_path: Path) -> None:
    """One run, no option: the sheet, the header and the commune names are found; the
    planner reads the warnings (in French) and the run goes on."""
    path = messy_workbook(tmp_path / "structures nord.xlsx")
    qpv = write_nord_qpv(tmp_path / "qpv nord.geojson")
    argv = ["couverture", "--structures", str(path), "--qpv", str(qpv), "--date", "31/12/2022"]
    argv.append("--sans-cartes")
    code, out, err = _cli([*argv, "--sortie", str(tmp_path / "a")])
    assert code == 0, err
    # Known answer: Roubaix (59-CS-01, its last day) and Villeneuve-d'Ascq (59-CS-03)
    # covered; Marcq-en-Barœul's EVS closed on 31/12/2021.
    assert re.search(r"sur les 3 QPV, 2 \(66,7\W%\) sont couverts en totalité .* et 1 "
                     r"\(33,3\W%\) n'est pas couvert", out)  # fmt: skip
    assert "feuille 'Structures 2022' ; colonnes lues : 'N° structure' -> structure_id" in out
    assert "non lues : 'Date de dernière visite', 'Commentaire' ; lignes écartées : 1, 2, 9" in out
    assert "ligne(s) de total ignorée(s) : 9" in err
    assert "'Date de dernière visite'" in err
    assert "sans zone d'intervention" in err and "'59-EVS-05'" in err
    options = ["--feuille", "Structures 2022", "--ligne-entete", "3"]
    code, _, err = _cli([*argv, *options, "--sortie", str(tmp_path / "b")])
    assert code == 0, err
    code, _, err = _cli([*argv, "--feuille", "Absente", "--sortie", str(tmp_path / "c")])
    assert code == 2 and "feuilles : 'Notice', 'Structures 2022'" in err


def test_address_geocoder_output_is_read_and_low_scores_warn(tmp_path: Path) -> None:
    """The CSV returned by the BAN geocoder (adresse.data.gouv.fr/csv): its columns are read."""
    path = tmp_path / "geocode.csv"
    path.write_text(
        "id,type,adresse,rayon,latitude,longitude,result_label,result_score,result_citycode\n"
        "A,CS,1 rue de Paris Lille,500,50.6365,3.0635,1 Rue de Paris 59000 Lille,0.97,59350\n"
        "B,EVS,rue inconnue Roubaix,500,50.6900,3.1800,Roubaix,0.31,59512\n",
        encoding="utf-8",
    )
    with pytest.warns(
        AvsGeoWarning, match=r"result_score < 0.5\) pour 1 structure\(s\) : 'B' \(0.31\)"
    ):
        s = avs_geo.load_structures(path)
    assert s["structure_id"].tolist() == ["A", "B"]
    assert s["zone_rayon_m"].tolist() == [500.0, 500.0]
    report = structures_columns(path)
    assert report.used["commune"] == "result_citycode"
    assert report.used["adresse"] == "adresse"
    assert "result_label" in report.unused


@pytest.mark.filterwarnings("ignore:32 géométrie")
def test_qpv_named_in_the_zone_are_found_by_name(tmp_path: Path) -> None:
    qpv = avs_geo.load_qpv()
    path = tmp_path / "s.csv"
    path.write_text(
        'id;type;lat;lon;QPV concernés\nA;CS;43.6;1.44;"LA CONTE - OZANAM ; QP030016"\n',
        encoding="utf-8",
    )
    s = avs_geo.load_structures(path, qpv=qpv)
    assert s["zone_qpv"].iloc[0] == ("QP011002", "QP030016")
    path.write_text("id;type;lat;lon;qpv\nA;CS;43.6;1.44;Quartier Imaginaire\n", encoding="utf-8")
    with pytest.raises(avs_geo.UnknownCodeError, match=r"nom de QPV inconnu .*Quartier Imaginaire"):
        avs_geo.load_structures(path, qpv=qpv)
    with pytest.raises(avs_geo.SchemaError, match=r"noms de QPV .*sans couche des QPV"):
        avs_geo.load_structures(path)


def test_candidate_town_column_is_not_its_zone(tmp_path: Path) -> None:
    from avs_geo.sites import load_candidates

    path = tmp_path / "c.csv"
    path.write_text(
        "Identifiant;Nom du site;Commune;Latitude;Longitude\nC1;Salle;59350;50.63;3.06\n",
        encoding="utf-8",
    )
    c = load_candidates(path)
    assert c["zone_communes"].tolist() == [()]
    assert c["nom"].tolist() == ["Salle"]
    assert c["commune"].tolist() == ["59350"]
    path.write_text("Identifiant;Commune\nC1;59350\nC2;59009\n", encoding="utf-8")
    assert load_candidates(path)["zone_communes"].tolist() == [("59350",), ("59009",)]


def test_candidates_unread_zone_like_column_warns(tmp_path: Path) -> None:
    from avs_geo.sites import load_candidates

    path = tmp_path / "c.csv"
    path.write_text(
        "id;lat;lon;Communes voisines\nC1;50.63;3.06;59009\n",
        encoding="utf-8",
    )
    with pytest.warns(
        UnusedColumnsWarning,
        match=r"'Communes voisines' \(ressemble à zone_communes ; pour la lire : "
        r"columns=\{'Communes voisines': 'zone_communes'\}\)",
    ) as record:
        c = load_candidates(path)
    assert record[0].message.report.used == {"candidat_id": "id", "lat": "lat", "lon": "lon"}
    assert c["zone_communes"].tolist() == [()]
