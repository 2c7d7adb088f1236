"""Excel, CSV and Markdown exports, and the coverage workbook, read back cell by cell."""

from __future__ import annotations

import sys
import zipfile

import geopandas as gpd
import numpy as np
import openpyxl
import pandas as pd
import pytest
import shapely

import avs_geo
from avs_geo import AvsGeoWarning, InputTypeError, ParameterError
from avs_geo._i18n import STATUS_LABELS
from avs_geo._table import Table, check_formats, dtype_kind, with_formats
from avs_geo.coverage.structures import structure_table
from avs_geo.report.summary import coverage_summary
from avs_geo.report.tables import qpv_table
from avs_geo.write.excel import escape_formula, to_excel
from avs_geo.write.text import to_csv, to_markdown
from avs_geo.write.workbook import method_table, write_report

NBSP = "\u00a0"
INJECTION = '=HYPERLINK("x")'
L93 = "EPSG:2154"


def nord_2022(**columns):
    n = 91
    frame = pd.DataFrame(
        {
            "code_qpv": [f"QP059{i:03d}" for i in range(n)],
            "nom_qpv": [f"Quartier {i}" for i in range(n)],
            "communes": ["Lille, Lomme"] + ["Roubaix"] * (n - 1),
            "code_insee": ["59350;59360"] + ["59512"] * (n - 1),
            "departement": "59",
            "population": np.arange(n, dtype=float) * 100 + 1000,
            "coverage_status": ["full"] * 70 + ["partial"] * 8 + ["none"] * 13,
        }
    )
    for name, values in columns.items():
        frame[name] = values
    return frame


def squares():
    """QPV A (1 ha, 1000 inhabitants) covered by CS01 and a structure named like a formula."""
    coverage = gpd.GeoDataFrame(
        {
            "code_qpv": ["QP059001", "QP059002"],
            "nom_qpv": ["Quartier A", "+Quartier B"],
            "population": [1000.0, 500.0],
            "qpv_area_m2": [10_000.0, 10_000.0],
            "covered_area_m2": [10_000.0, 0.0],
            "coverage_ratio": [1.0, 0.0],
            "coverage_status": ["full", "none"],
            "structure_ids": [("CS01", "EVS02"), ()],
            "n_structures": [2, 0],
            "covered_population": [1000.0, 0.0],
        },
        geometry=[shapely.box(0, 0, 100, 100), shapely.box(200, 0, 300, 100)],
        crs=L93,
    )
    zones = gpd.GeoDataFrame(
        {
            "structure_id": ["CS01", "EVS02"],
            "nom": ["Centre social Lazare Garreau", INJECTION],
            "type": ["centre_social", "evs"],
        },
        geometry=[shapely.box(0, 0, 60, 100), shapely.box(40, 0, 100, 100)],
        crs=L93,
    )
    return coverage, zones


def rows_of(sheet):
    return [[c.value for c in row] for row in sheet.iter_rows()]


# --- to_excel -----------------------------------------------------------------------


def test_excel_sheets_headers_values_and_formats(tmp_path):
    summary = coverage_summary(nord_2022(), date="2022-12-31")
    path = to_excel({"Synthèse": summary}, tmp_path / "t.xlsx", method={"Seuil": "95 %"})
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Synthèse", "Méthode"]
    sheet = book["Synthèse"]
    assert rows_of(sheet) == [
        [
            "Couverture",
            "Nombre de QPV",
            "Part des QPV (%)",
            "Population des QPV",
            "Part de la population (%)",
        ],
        *[list(r) for r in summary.itertuples(index=False)],
    ]
    assert sheet["A1"].font.b
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:E5"
    assert sheet["B2"].number_format == "#,##0"
    assert sheet["C2"].number_format == "0.0"
    assert sheet["D2"].number_format == "#,##0"
    assert sheet.column_dimensions["A"].width >= len("Couvert partiellement")
    assert rows_of(book["Méthode"]) == [["Élément", "Valeur"], ["Seuil", "95 %"]]


def test_formula_injection_stays_text_in_excel(tmp_path):
    table = pd.DataFrame(
        {
            "Nom": [INJECTION, "+33 3 20 00 00 00", "-", "@SUM(A1)", "Centre"],
            "Nombre": [1, 2, 3, 4, 5],
        }
    )
    path = to_excel({INJECTION[1:10]: table}, tmp_path / "t.xlsx")
    sheet = openpyxl.load_workbook(path).active
    cells = [sheet.cell(row=i, column=1) for i in range(2, 7)]
    assert [c.value for c in cells] == table["Nom"].tolist()
    assert {c.data_type for c in cells} == {"s"}
    assert cells[0].quotePrefix and not cells[4].quotePrefix
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml  # no formula anywhere
    assert "HYPERLINK" in xml


def test_excel_handles_missing_values_tuples_index_and_dates(tmp_path):
    table = pd.DataFrame(
        {
            "ids": [("CS01", "EVS02"), ()],
            "Population": pd.array([1200, None], dtype="Int64"),
            "Taux (%)": [np.nan, 12.5],
            "Date": pd.to_datetime(["2022-12-31", None]),
            "Code": ["01", "2A"],
        },
        index=pd.Index(["a", "b"], name="clé"),
    )
    sheet = openpyxl.load_workbook(to_excel({"T": table}, tmp_path / "t.xlsx")).active
    assert rows_of(sheet)[0] == ["clé", "ids", "Population", "Taux (%)", "Date", "Code"]
    first, second = rows_of(sheet)[1:]
    assert first[:4] == ["a", "CS01, EVS02", 1200, None]
    assert first[4].date().isoformat() == "2022-12-31"
    assert first[5] == "01"  # codes keep their leading zero
    assert second[:5] == ["b", None, None, 12.5, None]


def test_excel_errors(tmp_path):
    table = pd.DataFrame({"a": [1]})
    with pytest.raises(ParameterError, match=r"\.xlsx"):
        to_excel({"A": table}, tmp_path / "t.xls")
    with pytest.raises(ParameterError, match="31 caractères"):
        to_excel({"x" * 32: table}, tmp_path / "t.xlsx")
    with pytest.raises(ParameterError, match=r"contient l'un de"):
        to_excel({"A/B": table}, tmp_path / "t.xlsx")
    with pytest.raises(ParameterError, match="employé deux fois"):
        to_excel({"QPV": table, "Méthode": table}, tmp_path / "t.xlsx", method={"a": 1})
    with pytest.raises(InputTypeError, match="dictionnaire non vide"):
        to_excel({}, tmp_path / "t.xlsx")
    with pytest.raises(InputTypeError, match="tableau 'A' doit être un DataFrame"):
        to_excel({"A": [1, 2]}, tmp_path / "t.xlsx")  # type: ignore[dict-item]


def test_excel_format_override_and_method_frame(tmp_path):
    table = with_formats(pd.DataFrame({"Taux (%)": [12.345]}), {"Taux (%)": "percent1"})
    method = pd.DataFrame({"Source": ["INSEE"], "Millésime": [2018]})
    path = to_excel(
        {"T": table}, tmp_path / "t.xlsx", method=method, formats={"Taux (%)": "+decimal2"}
    )
    book = openpyxl.load_workbook(path)
    assert book["T"]["A2"].number_format == "+#,##0.00;-#,##0.00;#,##0.00"
    assert rows_of(book["Méthode"]) == [["Source", "Millésime"], ["INSEE", 2018]]
    with pytest.raises(
        ParameterError, match=r"formats donne des sortes inconnues : 'Taux \(%\)': '0\.00'"
    ):
        to_excel({"T": table}, tmp_path / "t.xlsx", formats={"Taux (%)": "0.00"})


def test_excel_without_openpyxl_names_the_extra(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(ImportError, match=r'pip install "avs_geo\[excel\]"'):
        to_excel({"T": pd.DataFrame({"a": [1]})}, tmp_path / "t.xlsx")


def test_declared_formats_not_header_words(tmp_path):
    """The table's declaration decides; header words ("(%)", "Écart", "(ha)") never do."""
    frame = pd.DataFrame(
        {
            "Taux bizarre": [76.94],  # no "(%)", declared a percent
            "Part (%)": [3.0],  # a "(%)" header, declared a whole number
            "Écart": [1.25],  # "Écart" but undeclared: no sign, by its dtype
            "Surface (ha)": [2.0],  # undeclared, whole: an integer
        }
    )
    table = with_formats(frame, {"Taux bizarre": "percent1", "Part (%)": "integer"})
    sheet = openpyxl.load_workbook(to_excel({"T": table}, tmp_path / "t.xlsx"))["T"]
    assert [sheet[c].number_format for c in ("A2", "B2", "C2", "D2")] == [
        "0.0",
        "#,##0",
        "#,##0.00",
        "#,##0",
    ]
    assert to_markdown(table).split("\n")[2] == "| 76,9 | 3 | 1,25 | 2 |"
    # the declaration survives a selection, and is overridden by formats=
    assert table[table["Part (%)"] > 0].formats == table.formats
    assert (
        to_markdown(table, formats={"Taux bizarre": "+integer"}).split("\n")[2].startswith("| 77 |")
    )


def test_dtype_kinds_and_checks():
    assert dtype_kind(pd.Series([2.0, 3.0])) == "integer"
    assert dtype_kind(pd.Series([2.25])) == "decimal2"
    assert dtype_kind(pd.Series(["a"])) == "text"
    assert dtype_kind(pd.Series([True])) == "text"
    assert dtype_kind(pd.Series(pd.to_datetime(["2022-12-31"]))) == "date"
    with pytest.raises(ParameterError, match="sortes inconnues"):
        check_formats({"a": "percent"})
    with pytest.raises(ParameterError, match="doit être un dictionnaire"):
        check_formats(["a"])  # type: ignore[arg-type]


def test_report_tables_declare_their_formats():
    summary = coverage_summary(nord_2022())
    assert isinstance(summary, Table)
    assert summary.formats == {
        "Nombre de QPV": "integer",
        "Part des QPV (%)": "percent1",
        "Population des QPV": "integer",
        "Part de la population (%)": "percent1",
    }
    coverage, zones = squares()
    assert qpv_table(coverage).formats["Taux de couverture (%)"] == "percent1"
    assert structure_table(coverage, zones).formats["Surface de QPV couverte (ha)"] == "decimal2"
    after = coverage.assign(coverage_ratio=[1.0, 1.0], coverage_status=["full", "full"])
    comparison = avs_geo.compare_coverage(coverage, after)
    assert comparison.summary.formats["Écart de part (points)"] == "+percent1"
    assert comparison.qpv.formats["Écart de population couverte"] == "+integer"


# --- to_csv -------------------------------------------------------------------------


def test_csv_for_french_excel(tmp_path):
    summary = coverage_summary(nord_2022())
    path = to_csv(summary, tmp_path / "s.csv")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == (
        "Couverture;Nombre de QPV;Part des QPV (%);Population des QPV;Part de la population (%)"
    )
    assert lines[1].startswith("Couvert en totalité;70;76,9;")
    back = pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig")
    assert back["Part des QPV (%)"].tolist() == [76.9, 8.8, 14.3, 100.0]
    assert back["Nombre de QPV"].tolist() == [70, 8, 13, 91]
    assert back["Population des QPV"].tolist() == summary["Population des QPV"].tolist()


def test_csv_escapes_formulas_owasp(tmp_path):
    table = pd.DataFrame(
        {"Nom": [INJECTION, "-2", "\tx", "Centre;social", None], "n": [-1, 2, 3, 4, 5]}
    )
    path = to_csv(table, tmp_path / "t.csv")
    back = pd.read_csv(path, sep=";", encoding="utf-8-sig", keep_default_na=False)
    assert back["Nom"].tolist() == ["'" + INJECTION, "'-2", "'\tx", "Centre;social", ""]
    assert back["n"].tolist() == [-1, 2, 3, 4, 5]  # numbers are never prefixed
    raw = to_csv(table, tmp_path / "raw.csv", escape_formulas=False)
    assert pd.read_csv(raw, sep=";", encoding="utf-8-sig")["Nom"][0] == INJECTION
    assert escape_formula("@x") == "'@x"
    with pytest.raises(ParameterError, match="différer"):
        to_csv(table, tmp_path / "x.csv", sep=",", decimal=",")


# --- to_markdown --------------------------------------------------------------------


def test_markdown_table(tmp_path):
    summary = coverage_summary(nord_2022())
    text = to_markdown(summary, tmp_path / "s.md")
    lines = text.split("\n")
    assert lines[0] == (
        "| Couverture | Nombre de QPV | Part des QPV (%) | Population des QPV "
        "| Part de la population (%) |"
    )
    assert lines[1] == "|:---|---:|---:|---:|---:|"
    pop = summary["Population des QPV"].tolist()
    fr = [f"{p:,}".replace(",", NBSP) for p in pop]
    # populations 1000, 1100, ... 10000: the 70 first are fully covered
    assert pop[0] == sum(1000 + 100 * i for i in range(70)) == 311_500
    assert lines[2] == f"| Couvert en totalité | 70 | 76,9 | {fr[0]} | 62,2 |"
    assert lines[5] == f"| Total | 91 | 100,0 | {fr[3]} | 100,0 |"
    assert (tmp_path / "s.md").read_text(encoding="utf-8") == text + "\n"
    english = to_markdown(summary, language="en")
    assert f"| {pop[3]:,} |" in english
    pipes = to_markdown(pd.DataFrame({"a|b": ["x|y", None]}))
    assert pipes.split("\n") == ["| a\\|b |", "|:---|", "| x\\|y |", "|  |"]


# --- the workbook -------------------------------------------------------------------


def test_write_report_sheets_headers_values(tmp_path):
    coverage, zones = squares()
    path = write_report(
        coverage,
        tmp_path / "couverture.xlsx",
        zones,
        date="2022-12-31",
        territory="du département",
        sources={"Population": "INSEE, recensement 2018", "QPV": "ANCT, SIG Ville"},
    )
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Synthèse", "QPV", "Structures", "Méthode"]
    summary = rows_of(book["Synthèse"])
    # A title naming the territory and the date, a blank row, then the table.
    assert summary[0][0] == (
        "Couverture des QPV du département par l'offre d'animation de la vie sociale"
    )
    assert summary[1][0] == "Situation au 31 décembre 2022"
    assert summary[2] == [None] * 5
    assert summary[3][:2] == ["Couverture", "Nombre de QPV"]
    assert summary[4] == ["Couvert en totalité", 1, 50.0, 1000, 66.7]
    assert summary[6] == ["Non couvert", 1, 50.0, 500, 33.3]
    assert book["Synthèse"].freeze_panes == "A5"
    assert book["Synthèse"].auto_filter.ref == "A4:E8"
    qpv = rows_of(book["QPV"])
    assert qpv[0][:3] == ["Code QPV", "Nom du QPV", "Population"]
    assert qpv[2][1] == "+Quartier B"
    assert book["QPV"]["B3"].data_type == "s"
    structures = book["Structures"]
    header = [c.value for c in structures[1]]
    assert header[:4] == ["Identifiant", "Nom", "Type", "Nombre de QPV touchés"]
    name = structures["B3"]
    assert (name.value, name.data_type) == (INJECTION, "s")
    assert [c.value for c in structures[2]][:5] == [
        "CS01",
        "Centre social Lazare Garreau",
        "Centre social",
        1,
        "QP059001",
    ]
    method = dict(rows_of(book["Méthode"])[1:])
    assert method["Phrase de synthèse"] == (
        "Au 31 décembre 2022, sur les 2 QPV du département, 1 (50,0\u00a0%) est couvert en "
        "totalité par une offre d'animation de la vie sociale et 1 (50,0\u00a0%) n'est pas "
        "couvert."
    )
    assert method["Date de la situation"] == "31 décembre 2022"
    assert method["Population"] == "INSEE, recensement 2018"
    assert method["QPV"] == "2 QPV, génération 2015 (codes QP...). Source\u00a0: ANCT, SIG Ville"
    assert method["Classe «\u00a0Couvert en totalité\u00a0»"] == "taux ≥ 95\u00a0%"
    assert method["Structures"] == "2 zones d'intervention"
    assert "surfaces mesurées en EPSG:2154 (Lambert-93)" in method["Taux de couverture"]
    assert "Hamilton" in method["Parts (%)"]
    with zipfile.ZipFile(path) as archive:
        for member in archive.namelist():
            if member.startswith("xl/worksheets/"):
                assert "<f>" not in archive.read(member).decode()


def test_write_report_by_commune_and_english(tmp_path):
    path = write_report(nord_2022(), tmp_path / "r.xlsx", by="commune")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Synthèse", "Synthèse par Commune", "QPV", "Méthode"]
    method = dict(rows_of(book["Méthode"])[1:])
    assert "la somme des blocs dépasse le total" in method["Regroupement"]
    english = write_report(nord_2022(), tmp_path / "e.xlsx", language="en")
    book = openpyxl.load_workbook(english)
    assert book.sheetnames == ["Summary", "QPV", "Method"]
    assert [c.value for c in book["Summary"][4]][:2] == ["Coverage", "Number of QPV"]
    assert book["Summary"]["A2"].value == "Every structure, no date of situation"


def test_write_report_warns_once_for_unknown_population(tmp_path):
    coverage = nord_2022()
    coverage.loc[3, "population"] = np.nan
    with pytest.warns(AvsGeoWarning, match="population de 1 des 91") as record:
        write_report(coverage, tmp_path / "r.xlsx", by="departement")
    assert len(record) == 1
    method = dict(rows_of(openpyxl.load_workbook(tmp_path / "r.xlsx")["Méthode"])[1:])
    assert method["QPV de population inconnue"] == "QP059003"


def test_method_table_thresholds_are_arguments():
    coverage = nord_2022()
    table = method_table(coverage, language="en")
    values = dict(zip(table["Item"], table["Value"], strict=True))
    assert values["Class 'Fully covered'"] == "rate ≥ 95%"
    assert values["QPV"] == "91 QPV, 2015 generation (codes 'QP...')"
    measured = coverage.assign(coverage_ratio=[1.0] * 70 + [0.5] * 8 + [0.0] * 13)
    table = method_table(measured, full_min=0.99, none_max=0.01)
    values = dict(zip(table["Élément"], table["Valeur"], strict=True))
    assert values["Classe «\u00a0Couvert en totalité\u00a0»"] == "taux ≥ 99\u00a0%"
    wrong = measured.assign(coverage_ratio=[0.97] * 70 + [0.5] * 8 + [0.0] * 13)
    with pytest.raises(ParameterError, match="70 QPV de 'coverage' ne sont pas classés comme"):
        method_table(wrong, full_min=0.99, none_max=0.01)


# --- on the embedded Occitanie data, through the coverage engine ----------------------


def test_workbook_on_embedded_data(tmp_path, qpv_occitanie, communes_all, structures_occitanie):
    zones = avs_geo.build_zones(structures_occitanie, communes=communes_all, qpv=qpv_occitanie)
    coverage = avs_geo.compute_coverage(qpv_occitanie, zones)
    summary = avs_geo.coverage_summary(coverage, by="departement")
    codes = {label: code for code, label in STATUS_LABELS["fr"].items()}
    for (dep, label), n in summary.set_index(["Département", "Couverture"])[
        "Nombre de QPV"
    ].items():
        in_dep = coverage[coverage["departement"] == dep]
        expected = (
            len(in_dep)
            if label == "Total"
            else int((in_dep["coverage_status"] == codes[label]).sum())
        )
        assert n == expected
    structures = avs_geo.structure_table(coverage, zones)
    assert len(structures) == len(zones)
    assert structures["Nombre de QPV touchés"].sum() == coverage["n_structures"].sum()
    assert structures["Nombre de QPV couverts par elle seule"].sum() == int(
        (coverage["n_structures"] == 1).sum()
    )
    lost = structures["Surface perdue en cas de fermeture (ha)"]
    assert (lost <= structures["Surface de QPV couverte (ha)"] + 1e-9).all()
    # areas only one structure covers never overlap: at most the covered total
    assert lost.sum() <= coverage["covered_area_m2"].sum() / 10_000 + 1e-6
    path = avs_geo.write_report(coverage, tmp_path / "occitanie.xlsx", zones, by="departement")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [
        "Synthèse",
        "Synthèse par Département",
        "QPV",
        "Structures",
        "Méthode",
    ]
    assert book["QPV"].max_row == len(coverage) + 1
    assert book["Structures"].max_row == len(zones) + 1


# --- one argument order, reproducible bytes --------------------------------------------


def test_old_argument_order_still_works_with_a_deprecation_warning(tmp_path):
    """avs_geo 0.1 took the path first; 0.2 takes the data first and warns on the old order."""
    coverage, zones = squares()
    table = pd.DataFrame({"a": [1]})
    with pytest.warns(DeprecationWarning, match=r"to_csv\(chemin, données\) est obsolète"):
        old = to_csv(tmp_path / "old.csv", table)
    assert old.read_bytes() == to_csv(table, tmp_path / "new.csv").read_bytes()
    with pytest.warns(DeprecationWarning, match=r"to_excel\(données, chemin\)"):
        to_excel(tmp_path / "old.xlsx", {"T": table})
    with pytest.warns(DeprecationWarning, match=r"write_report\(chemin, données\)"):
        write_report(tmp_path / "old_report.xlsx", coverage, zones)
    with pytest.warns(DeprecationWarning, match=r"to_geopackage\(chemin, données\)"):
        avs_geo.to_geopackage(tmp_path / "old.gpkg", {"qpv": coverage})
    same = (tmp_path / "old.xlsx").read_bytes()
    assert same == to_excel({"T": table}, tmp_path / "new.xlsx").read_bytes()


def test_excel_bytes_are_reproducible_without_a_separate_call(tmp_path):
    import datetime as dt

    coverage, zones = squares()
    when = dt.datetime(2022, 12, 31)
    first = write_report(coverage, tmp_path / "a.xlsx", zones, when=when).read_bytes()
    second = write_report(coverage, tmp_path / "b.xlsx", zones, when=when).read_bytes()
    assert first == second
    with zipfile.ZipFile(tmp_path / "a.xlsx") as book:
        assert {info.date_time for info in book.infolist()} == {(2022, 12, 31, 0, 0, 0)}
        assert book.read("docProps/core.xml").decode().count("2022-12-31T00:00:00Z") == 2
    other = to_excel({"T": pd.DataFrame({"a": [1]})}, tmp_path / "c.xlsx", when=dt.date(2021, 1, 2))
    with zipfile.ZipFile(other) as book:
        assert {info.date_time for info in book.infolist()} == {(2021, 1, 2, 0, 0, 0)}


def test_write_report_uses_the_thresholds_given(tmp_path):
    coverage, zones = squares()
    coverage["coverage_ratio"] = [0.97, 0.0]
    path = write_report(coverage, tmp_path / "r.xlsx", zones, full_min=0.96, none_max=0.02)
    method = dict(rows_of(openpyxl.load_workbook(path)["Méthode"])[1:])
    assert method["Classe «\u00a0Couvert en totalité\u00a0»"] == "taux ≥ 96\u00a0%"
    assert method["Classe «\u00a0Non couvert\u00a0»"] == "taux ≤ 2\u00a0%"
    with pytest.raises(ParameterError, match=r"QP059001 \(0.9700, full\)"):
        write_report(coverage, tmp_path / "r.xlsx", zones, full_min=0.98)


def test_method_table_says_date_fin_is_included():
    coverage = nord_2022()
    summary = avs_geo.coverage_summary(coverage, date="31/12/2022")
    values = dict(zip(*method_table(coverage, summary=summary).T.to_numpy(), strict=True))
    assert "le premier et le dernier jour de l'agrément inclus" in values["Structures comptées"]
    undated = method_table(coverage)
    assert "Structures comptées" not in undated["Élément"].tolist()


def test_to_csv_writes_declared_columns_with_their_decimals(tmp_path):
    from avs_geo._table import with_formats

    table = with_formats(
        pd.DataFrame(
            {
                "Part (%)": [70.855478, np.nan],
                "Habitants": [191916.0, 3.4],
                "Surface (ha)": [1.23456, 2.0],
                "ratio": [0.123456789, 1.0],
            }
        ),
        {"Part (%)": "percent1", "Habitants": "integer", "Surface (ha)": "decimal2"},
    )
    rows = to_csv(table, tmp_path / "t.csv").read_text(encoding="utf-8-sig").splitlines()
    # declared: the decimals of the kind; undeclared: as they are
    assert rows == [
        "Part (%);Habitants;Surface (ha);ratio",
        "70,9;191916;1,23;0,123456789",
        ";3;2,0;1,0",
    ]
    # formats= over the declaration
    rows = to_csv(table, tmp_path / "u.csv", formats={"ratio": "percent1"})
    assert rows.read_text(encoding="utf-8-sig").splitlines()[1].endswith(";0,1")


def test_to_excel_interrupted_mid_sheet_leaves_no_traceback_at_exit(tmp_path):
    """Ctrl+C while a streamed sheet is written: the row writers are closed, so Python
    prints nothing when it collects them at exit (the CLI's last line stays its own)."""
    import subprocess
    import textwrap

    script = textwrap.dedent(
        f"""
        import pandas as pd
        from avs_geo import to_excel

        def stop(done, total):
            raise KeyboardInterrupt

        tables = {{"A": pd.DataFrame({{"x": range(5)}}), "B": pd.DataFrame({{"y": [1]}})}}
        try:
            to_excel(tables, {str(tmp_path / "t.xlsx")!r}, progress=stop)
        except KeyboardInterrupt:
            print("interrompu")
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip() == "interrompu"
    assert "Exception ignored" not in done.stderr, done.stderr
    assert not (tmp_path / "t.xlsx").exists()
