"""A corpus of hostile inputs: the files and accidents a planner's office produces.

Each :class:`Case` is one file (written by :func:`write_case`, so the corpus is
generated, never edited by hand) with what avs_geo must do with it: raise an exact
error class whose French or English message matches a regex, or load an exact number
of rows. ``tests/test_hostile.py`` runs every case; ``python tests/hostile/corpus.py
DIR`` writes the files to look at them.
"""

from __future__ import annotations

import re
import shutil
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from shapely import box

H = "structure_id;nom;type;lat;lon;date_agrement;date_fin;zone_communes;zone_qpv;zone_rayon_m"
A = "A;Centre A;CS;43.6;1.44;2019-01-01;;;;500"
B = "B;Centre B;EVS;43.61;1.45;2019-01-01;;;;300"
C = "candidat_id;nom;lat;lon"
C1 = "C1;Salle 1;43.6;1.44"
C2 = "C2;Salle 2;43.61;1.45"


@dataclass(frozen=True)
class Case:
    """One hostile file and what avs_geo must do with it.

    ``loader`` is ``structures``, ``candidates``, ``qpv``, ``communes``, ``territories``,
    ``perimeters`` (a structures file with this file as drawn perimeters) or
    ``indicators`` (the embedded QPV with this file as the population table). ``error``
    is the exact class name expected (None: the file loads), ``match`` a regex searched
    in the message, ``rows`` the number of rows loaded when it loads, ``warns`` a regex
    that one of the warnings must match.
    """

    name: str
    loader: str
    content: bytes | Callable[[Path], None]
    error: str | None = None
    match: str = ""
    rows: int | None = None
    absent: str | None = None  # a text the message must not hold (raw control characters)
    crs: str | None = None  # the working CRS forced on the loader (crs=...)
    epsg: int | None = None  # the CRS of the layer loaded (the guard's choice)
    warns: str = ""  # a regex one warning of the loader must match (a file that loads)


def text(*lines: str, encoding: str = "utf-8", end: str = "\n") -> bytes:
    return (end.join(lines) + end).encode(encoding)


def _qpv(**columns: object) -> gpd.GeoDataFrame:
    base = {"code_qp": ["QP031001", "QP031002"], "nom_qp": ["Quartier 1", "Quartier 2"]}
    base.update(columns)  # type: ignore[arg-type]
    return gpd.GeoDataFrame(
        base,
        geometry=[box(572000, 6278000, 573000, 6279000), box(574000, 6278000, 575000, 6279000)],
        crs="EPSG:2154",
    )


def vector(frame: Callable[[], gpd.GeoDataFrame], driver: str = "GPKG") -> Callable[[Path], None]:
    def write(path: Path) -> None:
        # Written under a plain name, then renamed: GDAL would read '!' in the path.
        plain = path.with_name("plain" + path.suffix)
        frame().to_file(plain, driver=driver, engine="pyogrio")
        plain.rename(path)

    return write


def scaled(factor: float) -> gpd.GeoDataFrame:
    gdf = _qpv()
    gdf.geometry = shapely.transform(gdf.geometry.to_numpy(), lambda xy: xy * factor)
    return gdf


HX: list[object] = H.split(";")
AX: list[object] = ["A", "Centre A", "CS", 43.6, 1.44, "2019-01-01", None, None, None, 500]
BX: list[object] = ["B", "Centre B", "EVS", 43.61, 1.45, "2019-01-01", None, None, None, 300]
CX: list[object] = ["C", "Centre C", "CS", 43.62, 1.46, "2019-01-01", None, None, None, 400]
CANDIDATES_X: list[list[object]] = [
    ["candidat_id", "nom", "lat", "lon"],
    ["C1", "Salle 1", 43.6, 1.44],
    ["C2", None, 43.61, 1.45],
]
TERRITORIES_X: list[list[object]] = [["code", "territoire"], ["59350", "Métropole"],
                                     ["59512", None], ["59599", None]]  # fmt: skip


def workbook(
    sheets: dict[str, list[list[object]]],
    *,
    merges: dict[str, list[str]] | None = None,
    states: dict[str, str] | None = None,
    cached: dict[str, tuple[str, str]] | None = None,
) -> Callable[[Path], None]:
    """An xlsx writer: sheets of rows, merged ranges and state ('hidden', 'veryHidden')
    by sheet, and the saved values of formulas of the first sheet (cell -> (value, XML
    type)), written into the XML as Excel saves them (openpyxl saves none)."""

    def write(path: Path) -> None:
        from openpyxl import Workbook

        book = Workbook()
        book.remove(book.active)
        for name, rows in sheets.items():
            sheet = book.create_sheet(name)
            for row in rows:
                sheet.append(row)
            for block in (merges or {}).get(name, []):
                sheet.merge_cells(block)
            sheet.sheet_state = (states or {}).get(name, "visible")
        book.save(path)
        if cached:
            _save_formula_values(path, cached)

    return write


def _save_formula_values(path: Path, cached: dict[str, tuple[str, str]]) -> None:
    with zipfile.ZipFile(path) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    xml = entries["xl/worksheets/sheet1.xml"].decode()
    for cell, (value, kind) in cached.items():
        typed = f' t="{kind}"' if kind else ""
        xml = re.sub(
            rf'<c r="{cell}"([^>]*)><f>(.*?)</f>(<v\s*/>|<v></v>)?',
            rf'<c r="{cell}"\1{typed}><f>\2</f><v>{value}</v>',
            xml,
        )
    entries["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)


def _qpv_part(code: str) -> gpd.GeoDataFrame:
    gdf = _qpv()
    return gdf[gdf["code_qp"] == code]


def zipped(
    layers: dict[str, Callable[[], gpd.GeoDataFrame]], *, folder: str = "", junk: bool = False
) -> Callable[[Path], None]:
    """A zip of shapefiles (in ``folder`` inside the zip), with macOS junk if asked."""

    def write(path: Path) -> None:
        parts = path.with_name(path.stem + "_parts")
        parts.mkdir()
        with zipfile.ZipFile(path, "w") as archive:
            for name, frame in layers.items():
                frame().to_file(parts / f"{name}.shp", engine="pyogrio")
                for part in sorted(parts.glob(f"{name}.*")):
                    archive.write(part, f"{folder}{part.name}")
            if junk:
                archive.writestr(f"__MACOSX/{folder}._qp_a.shp", b"\x00\x05\x16\x07")
        shutil.rmtree(parts)

    return write


def geopackage(
    layers: dict[str, Callable[[], gpd.GeoDataFrame]], *, table: bool = False
) -> Callable[[Path], None]:
    """A GeoPackage of several layers, with QGIS's ``layer_styles`` table if asked."""

    def write(path: Path) -> None:
        plain = path.with_name("plain" + path.suffix)
        for name, frame in layers.items():
            frame().to_file(plain, layer=name, driver="GPKG", engine="pyogrio")
        if table:
            pyogrio.write_dataframe(pd.DataFrame({"styleQML": ["<qgis/>"]}), plain,
                                    layer="layer_styles")  # fmt: skip
        plain.rename(path)

    return write


def _structure_points(ids: list[str]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"structure_id": ids, "type": ["CS"] * len(ids), "zone_rayon_m": [500] * len(ids)},
        geometry=[shapely.Point(574000 + 100 * i, 6279000) for i in range(len(ids))],
        crs="EPSG:2154",
    )


MERGED_ROWS = r"cellules fusionnées sur plusieurs lignes : {}"
MERGED_REFUSED = r"cellules fusionnées sur plusieurs colonnes ou sur la ligne d'en-tête .*: {}"
HIDDEN = r"feuille\(s\) masquée\(s\) non lue\(s\) : {}\. Pour en lire une"
MIXED = r"mélange deux encodages : 1 ligne\(s\) en Windows-1252 \(Latin-1\), lignes {}"
LAYERS = (
    r"contient 2 couches géographiques : 'qp_a' \(1 objet\), 'qp_b' \(1 objet\)\. avs_geo "
    r"n'en lit qu'une .*layer='qp_a' \(Python\)"
)
HEADER_SEP = (
    r"la ligne d'en-tête \(ligne 1\) a moins de cellules que chacune des lignes de données, "
    r"et ses cellules {} contiennent un autre séparateur que ';'"
)


DUP_HEADER = r"ne diffèrent que par les majuscules ou les accents \({}\)"
NOT_DEGREES = r"(coordonnées hors des degrés|lat/lon qui ne sont pas des degrés)"
RADIUS = (
    r"rayon qui n'est pas un nombre de mètres supérieur à 0 \(colonne zone_rayon_m\) : ligne {}"
)
NO_GEOMETRY = r"n'a pas de géométrie \(un tableau, CSV ou Excel \?\)"
OUT_OF_RANGE = r"ont des coordonnées hors de portée de tout système de coordonnées"

CASES: list[Case] = [
    # --- headers that differ only by case or accents -----------------------------------
    Case("s_nom_Nom.csv", "structures",
         text("structure_id;nom;Nom;type;lat;lon;zone_rayon_m", "A;x;y;CS;43.6;1.44;500"),
         "SchemaError", DUP_HEADER.format("'nom' et 'Nom'")),
    Case("s_lat_LAT.csv", "structures",
         text("structure_id;nom;type;lat;LAT;lon;zone_rayon_m", "A;x;CS;43.6;43.6;1.44;500"),
         "SchemaError", DUP_HEADER.format("'lat' et 'LAT'")),
    Case("s_nom_accent.csv", "structures",
         text("structure_id;nom;nôm;type;lat;lon;zone_rayon_m", "A;x;y;CS;43.6;1.44;500"),
         "SchemaError", DUP_HEADER.format("'nom' et 'nôm'")),
    Case("s_type_TYPE_spaces.csv", "structures",
         text("structure_id;nom;type; TYPE ;lat;lon;zone_rayon_m", "A;x;CS;EVS;43.6;1.44;500"),
         "SchemaError", DUP_HEADER.format("'type' et 'TYPE'")),
    Case("s_id_twice.csv", "structures",
         text("structure_id;Structure_ID;nom;type;lat;lon;zone_rayon_m", "A;B;x;CS;43.6;1.44;500"),
         "SchemaError", DUP_HEADER.format("'structure_id' et 'Structure_ID'")),
    Case("c_nom_Nom.csv", "candidates",
         text("candidat_id;nom;Nom;lat;lon", "C1;x;y;43.6;1.44"),
         "SchemaError", DUP_HEADER.format("'nom' et 'Nom'")),
    Case("c_lon_LON.csv", "candidates",
         text("candidat_id;nom;lat;lon;Lon", "C1;x;43.6;1.44;1.44"),
         "SchemaError", DUP_HEADER.format("'lon' et 'Lon'")),
    Case("q_code_twice.geojson", "qpv",
         vector(lambda: _qpv(CODE_QP=["QP031001", "QP031002"]).to_crs(4326), "GeoJSON"),
         "SchemaError", DUP_HEADER.format("'code_qp' et 'CODE_QP'")),
    # --- infinite, NaN and absurd numbers ------------------------------------------------
    Case("s_radius_inf.csv", "structures", text(H, A.replace(";500", ";inf")),
         "SchemaError", RADIUS.format(2)),
    Case("s_radius_minus_inf.csv", "structures", text(H, A, B.replace(";300", ";-inf")),
         "SchemaError", RADIUS.format(3)),
    Case("s_radius_1e999.csv", "structures", text(H, A.replace(";500", ";1e999")),
         "SchemaError", RADIUS.format(2)),
    Case("s_radius_nan.csv", "structures", text(H, A.replace(";500", ";nan")),
         "SchemaError", RADIUS.format(2)),
    Case("s_radius_negative.csv", "structures", text(H, A.replace(";500", ";-500")),
         "SchemaError", RADIUS.format(2)),
    Case("s_radius_zero.csv", "structures", text(H, A.replace(";500", ";0")),
         "SchemaError", RADIUS.format(2)),
    Case("s_radius_text.csv", "structures", text(H, A.replace(";500", ";cinq cents")),
         "SchemaError", RADIUS.format(2)),
    Case("s_lat_1e300.csv", "structures", text(H, A.replace("43.6;", "1e300;")),
         "GeometryError", NOT_DEGREES),
    Case("s_lon_1e300.csv", "structures", text(H, A.replace(";1.44;", ";1e300;")),
         "GeometryError", NOT_DEGREES),
    Case("s_lat_inf.csv", "structures", text(H, A.replace("43.6;", "inf;")),
         "SchemaError|GeometryError", r"lat"),
    Case("s_lat_lambert.csv", "structures", text(H, A.replace("43.6;1.44", "6279000;574000")),
         "GeometryError", NOT_DEGREES),
    Case("s_lat_lon_swapped.csv", "structures", text(H, A.replace("43.6;1.44", "1.44;43.6")),
         "GeometryError", r"lat et lon inversées sur cette ligne .*ligne 2 : '1.44, 43.6' \(A\)"),
    Case("c_radius_inf.csv", "candidates",
         text("candidat_id;nom;lat;lon;zone_rayon_m", "C1;x;43.6;1.44;inf"),
         "SchemaError", RADIUS.format(2)),
    Case("c_lat_1e300.csv", "candidates", text(C, "C1;x;1e300;1.44"), "GeometryError", NOT_DEGREES),
    Case("c_lon_minus_1e300.csv", "candidates", text(C, "C1;x;43.6;-1e300"),
         "GeometryError", NOT_DEGREES),
    Case("q_population_inf.gpkg", "qpv", vector(lambda: _qpv(population=[1000.0, np.inf])),
         "SchemaError", r"1 population\(s\) infinie\(s\) \(colonne population\) : QP031002 \(inf\)"),
    Case("q_population_minus_inf.gpkg", "qpv",
         vector(lambda: _qpv(population=[-np.inf, 10.0])),
         "SchemaError", r"population\(s\) infinie\(s\) .* QP031001"),
    Case("q_population_text_inf.gpkg", "qpv", vector(lambda: _qpv(pop_mun=["1 000", "inf"])),
         "SchemaError", r"QP031002 \('inf'\)"),
    Case("i_population_inf.csv", "indicators",
         text("code_qp;pop_mun", "QP031001;1 000", "QP031002;Infinity"),
         "SchemaError", r"population\(s\) infinie\(s\) .* QP031002 \('Infinity'\)"),
    Case("q_coordinates_1e300.gpkg", "qpv", vector(lambda: scaled(1e300)),
         "GeometryError", OUT_OF_RANGE + r".*objets 1, 2"),
    Case("q_coordinates_1e12.gpkg", "qpv", vector(lambda: scaled(1e6)),
         "GeometryError", OUT_OF_RANGE),
    # within ±1e8 but outside Lambert-93's valid range: refused by the France check
    Case("q_coordinates_6e7.gpkg", "qpv", vector(lambda: scaled(10.0)),
         "GeometryError", r"hors de France une fois lus dans leur système de coordonnées "
         r"déclaré \(EPSG:2154\)"),
    Case("q_coordinates_inf.geojson", "qpv", text(
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":'
        '{"code_qp":"QP031001"},"geometry":{"type":"Polygon","coordinates":'
        '[[[0,0],[1e400,0],[1,1],[0,0]]]}}]}'), "GeometryError|InputFileError",
        OUT_OF_RANGE + r"|Impossible de lire le fichier des QPV"),
    Case("p_coordinates_1e300.gpkg", "perimeters", vector(lambda: gpd.GeoDataFrame(
        {"structure_id": ["A"]}, geometry=[box(0, 0, 1e300, 1e300)], crs="EPSG:2154")),
        "GeometryError", OUT_OF_RANGE),
    # --- a table where a vector layer is expected ----------------------------------------
    Case("q_is_a_csv.csv", "qpv", text("code_qp;nom_qp;population", "QP031001;x;10"),
         "InputFileError", NO_GEOMETRY),
    Case("p_is_a_csv.csv", "perimeters", text("structure_id;zone", "A;x"),
         "InputFileError", NO_GEOMETRY),
    Case("co_is_a_csv.csv", "communes", text("code_insee;nom", "31555;Toulouse"),
         "InputFileError", NO_GEOMETRY),
    Case("q_structures_csv.csv", "qpv", text(H, A), "InputFileError", NO_GEOMETRY),
    Case("q_garbage.geojson", "qpv", b"\x00\x01\x02 ceci n'est pas du GeoJSON",
         "InputFileError", r"Impossible de lire le fichier des QPV .* comme couche géographique"),
    Case("q_empty.geojson", "qpv", text('{"type":"FeatureCollection","features":[]}'),
         "InputFileError", r"ne contient aucun objet \(couche vide\)"),
    Case("q_zero_bytes.gpkg", "qpv", b"", "InputFileError", r"Impossible de lire le fichier des QPV"),
    Case("q_text_as.gpkg", "qpv", text("ceci n'est pas un GeoPackage"), "InputFileError",
         r"Impossible de lire le fichier des QPV"),
    Case("p_garbage.geojson", "perimeters", b"{", "InputFileError", r"Impossible de lire le fichier des périmètres"),
    # --- ids and names that carry markup or control characters ---------------------------
    Case("s_ansi_duplicate_id.csv", "structures",
         text(H, A.replace("A;", "CS\x1b[2J\x1b[HOK;", 1), A.replace("A;", "CS\x1b[2J\x1b[HOK;", 1)),
         "DuplicateIdError", r"\\x1b\[2J\\x1b\[HOK", absent="\x1b"),
    Case("s_bidi_duplicate_id.csv", "structures",
         text(H, A.replace("A;", "CS\u202e01;", 1), A.replace("A;", "CS\u202e01;", 1)),
         "DuplicateIdError", r"\\u202e", absent="\u202e"),
    Case("c_ansi_duplicate_id.csv", "candidates",
         text(C, C1.replace("C1", "C\x1b[31m1"), C2.replace("C2", "C\x1b[31m1")),
         "DuplicateIdError", r"\\x1b\[31m", absent="\x1b"),
    Case("s_formula_name.csv", "structures",
         # quoted as a spreadsheet exports it (unquoted, its ';' would shift the columns)
         text(H, A.replace("Centre A", '"=HYPERLINK(""http://x"";""clic"")"')), rows=1),
    Case("s_html_name.csv", "structures",
         text(H, A.replace("Centre A", "<img src=x onerror=alert(1)>")), rows=1),
    Case("s_newline_name.csv", "structures", text(H, A.replace("Centre A", '"Centre\n# A"')),
         rows=1),
    Case("c_markdown_name.csv", "candidates",
         text(C, C1.replace("Salle 1", "[clic](javascript:alert(1))"), C2), rows=2),
    Case("c_pipe_name.csv", "candidates", text(C, C1.replace("Salle 1", "a | b"), C2), rows=2),
    # --- ids -----------------------------------------------------------------------------
    Case("s_duplicate_id.csv", "structures", text(H, A, A.replace("Centre A", "Autre")),
         "DuplicateIdError", r"'A'"),
    Case("s_blank_id.csv", "structures", text(H, A, B.replace("B;", ";", 1)),
         "SchemaError", r"ligne sans identifiant \(colonne structure_id\) : ligne 3"),
    Case("c_duplicate_id.csv", "candidates", text(C, C1, C1), "DuplicateIdError", r"'C1'"),
    Case("q_duplicate_code.gpkg", "qpv", vector(lambda: _qpv(code_qp=["QP031001", "QP031001"])),
         "DuplicateIdError", r"QP031001"),
    # --- structure of the table ----------------------------------------------------------
    Case("s_missing_type.csv", "structures",
         text("structure_id;nom;lat;lon;zone_rayon_m", "A;x;43.6;1.44;500"),
         "SchemaError", r"il manque la ou les colonne\(s\) 'type'"),
    Case("s_unknown_type.csv", "structures", text(H, A.replace(";CS;", ";crèche;")),
         "SchemaError", r"type inconnu \(colonne type\) : ligne 2 : 'crèche'"),
    Case("s_unnamed_header.csv", "structures",
         text("structure_id;nom;;type;lat;lon;zone_rayon_m", "A;x;y;CS;43.6;1.44;500"),
         "SchemaError", r"cellule\(s\) d'en-tête sans nom"),
    Case("s_bad_date.csv", "structures", text(H, A.replace("2019-01-01", "31/02/2019")),
         "SchemaError", r"date"),
    Case("s_garbage.csv", "structures", bytes(range(256)) * 4,
         "InputFileError|SchemaError", r"structures"),
    Case("s_zero_bytes.csv", "structures", b"", "InputFileError|SchemaError", r"structures"),
    Case("s_xlsx_that_is_text.xlsx", "structures", text(H, A), "InputFileError", r"structures"),
    Case("c_missing_position.csv", "candidates", text("candidat_id;nom", "C1;x"),
         "SchemaError", r"lat|lon|zone"),
    # --- files that must load ------------------------------------------------------------
    Case("s_utf8_bom.csv", "structures", b"\xef\xbb\xbf" + text(H, A, B), rows=2),
    Case("s_latin1.csv", "structures", text(H, A.replace("Centre A", "Crèche Émile"),
                                            encoding="latin-1"), rows=2 - 1),
    Case("s_comma_separated.csv", "structures", text(H.replace(";", ","), A.replace(";", ",")),
         rows=1),
    Case("s_crlf.csv", "structures", text(H, A, B, end="\r\n"), rows=2),
    Case("s_extra_fid_geom.csv", "structures", text(H + ";fid;geom", A + ";1;x"), rows=1),
    Case("s_remarque_twice.csv", "structures", text(H + ";remarque;Remarque", A + ";a;b"),
         rows=1),
    Case("s_french_decimals.csv", "structures", text(H, A.replace("43.6;1.44", "43,6;1,44")),
         rows=1),
    Case("s_thousands_radius.csv", "structures", text(H, A.replace(";500", ";1 000")), rows=1),
    Case("s_path!with!bang.csv", "structures", text(H, A, B), rows=2),
    Case("c_path!bang.csv", "candidates", text(C, C1, C2), rows=2),
    Case("q_path!bang.gpkg", "qpv", vector(_qpv), rows=2),
    Case("q_wgs84.geojson", "qpv", vector(lambda: _qpv().to_crs(4326), driver="GeoJSON"),
         rows=2),
    Case("q_population_secret.gpkg", "qpv", vector(lambda: _qpv(pop_mun=["1 000", "secret"])),
         rows=2),
    # --- more tables that must load or be refused clearly -------------------------------
    Case("s_radius_decimal_comma.csv", "structures", text(H, A.replace(";500", ";250,5")), rows=1),
    Case("s_tab_separated.csv", "structures", text(H.replace(";", "\t"), A.replace(";", "\t")),
         rows=1),
    Case("s_quoted_separator.csv", "structures", text(
        H, '"A";"Centre; A";"CS";"43.6";"1.44";"2019-01-01";"";"";"";"500"'), rows=1),
    Case("s_only_header.csv", "structures", text(H), "InputFileError", r"a un en-tête \(ligne 1\) mais aucune ligne de données"),
    Case("s_blank_lines.csv", "structures", text(H, A, "", B, ""), rows=2),
    Case("s_type_lowercase_evs.csv", "structures", text(H, A.replace(";CS;", ";evs;")), rows=1),
    Case("s_date_fin_9999.csv", "structures",
         text(H, A.replace("2019-01-01;;", "2019-01-01;31/12/9999;")), rows=1),
    Case("s_date_year_1000.csv", "structures", text(H, A.replace("2019-01-01", "01/01/1000")),
         "SchemaError", r"date illisible .*\(colonne date_agrement\) : ligne 2 : '01/01/1000' \(A\)"),
    Case("s_end_before_start.csv", "structures",
         text(H, A.replace("2019-01-01;;", "2019-01-01;2018-01-01;")),
         "SchemaError", r"agrément qui finit avant de commencer"),
    Case("c_utf8_bom.csv", "candidates", b"\xef\xbb\xbf" + text(C, C1, C2), rows=2),
    Case("c_latin1.csv", "candidates",
         text(C, C1.replace("Salle 1", "Salle Émile"), encoding="latin-1"), rows=1),
    Case("c_crlf.csv", "candidates", text(C, C1, C2, end="\r\n"), rows=2),
    Case("c_radius_negative.csv", "candidates", text(C + ";zone_rayon_m", C1 + ";-5"),
         "SchemaError", RADIUS.format(2)),
    Case("c_radius_zero.csv", "candidates", text(C + ";zone_rayon_m", C1 + ";0"),
         "SchemaError", RADIUS.format(2)),
    Case("c_lat_text.csv", "candidates", text(C, "C1;x;quarante;1.44"), "GeometryError",
         r"lat/lon non numérique \(colonne lat/lon\) : ligne 2 : 'quarante' \(C1\)"),
    Case("c_blank_id.csv", "candidates", text(C, C1, ";x;43.6;1.44"), "SchemaError",
         r"ligne sans identifiant \(colonne candidat_id\) : ligne 3"),
    Case("c_zero_bytes.csv", "candidates", b"", "InputFileError", r"est vide"),
    Case("c_only_header.csv", "candidates", text(C), "InputFileError",
         r"a un en-tête \(ligne 1\) mais aucune ligne de données"),
    Case("q_points.gpkg", "qpv", vector(lambda: gpd.GeoDataFrame(
        {"code_qp": ["QP031001"]}, geometry=[shapely.Point(574000, 6278000)], crs=2154)),
        "GeometryError", r"doit contenir des polygones, mais 1 ligne\(s\) portent des Point : 'QP031001'"),
    Case("q_lines.gpkg", "qpv", vector(lambda: gpd.GeoDataFrame(
        {"code_qp": ["QP031001"]},
        geometry=[shapely.LineString([(574000, 6278000), (575000, 6279000)])], crs=2154)),
        "GeometryError", r"1 ligne\(s\) portent des LineString"),
    Case("q_no_code.gpkg", "qpv", vector(lambda: _qpv().drop(columns="code_qp")),
         "SchemaError", r"n.a pas de colonne de code de QPV"),
    Case("q_bad_code.gpkg", "qpv", vector(lambda: _qpv(code_qp=["XX", "QP031002"])),
         "SchemaError", r"pas des codes QPV .*'XX'"),
    Case("q_mixed_generations.gpkg", "qpv",
         vector(lambda: _qpv(code_qp=["QP031001", "QN03101M"])),
         "InputFileError", r"mélange la génération 2015"),
    Case("co_garbage.geojson", "communes", b"{{{{", "InputFileError",
         r"Impossible de lire le fichier des communes"),
    Case("co_empty.geojson", "communes", text('{"type":"FeatureCollection","features":[]}'),
         "InputFileError", r"ne contient aucun objet \(couche vide\)"),
    Case("i_missing_population.csv", "indicators", text("code_qp;nom", "QP031001;x"),
         "SchemaError", r"n'a pas de colonne de population .* elle a 'code_qp', 'nom'"),
    Case("i_no_code_column.csv", "indicators", text("code;pop_mun", "QP031001;10"),
         "SchemaError", r"n'a pas de colonne de code de QPV .* elle a 'code', 'pop_mun'"),
    Case("i_commune_codes_as_qpv.csv", "indicators", text("code_qp;pop_mun", "31555;10"),
         "SchemaError", r"ne sont pas des codes de QPV .* ligne 2 \('31555'\)"),
    Case("i_title_total_latin1.csv", "indicators",
         text("Population des QPV d'Occitanie (INSEE);", "Code QPV;Population municipale",
              "QP031001;6 950", "Total;6 950", encoding="cp1252", end="\r\n"),
         rows=105),
    Case("q_two_code_columns.gpkg", "qpv",
         vector(lambda: _qpv(code_qpv_2024=["QN03101M", "QN03102M"])), rows=2),
    Case("i_population_minus_1e999.csv", "indicators",
         text("code_qp;pop_mun", "QP031001;-1e999"), "SchemaError",
         r"population\(s\) infinie\(s\) .* QP031001 \('-1e999'\)"),
    # --- Excel: merged cells, hidden sheets, formulas (issue 16) -------------------------
    Case("s_merged_type_rows.xlsx", "structures",
         workbook({"Liste": [HX, AX, BX]}, merges={"Liste": ["C2:C3"]}),
         rows=2, warns=MERGED_ROWS.format(r"C2:C3 \(colonne 'type', valeur 'CS'\)")),
    Case("s_merged_date_rows.xlsx", "structures",
         workbook({"Liste": [HX, AX, BX, CX]}, merges={"Liste": ["F2:F4"]}),
         rows=3, warns=MERGED_ROWS.format(r"F2:F4 \(colonne 'date_agrement', valeur '2019-01-01'\)")),
    Case("s_merged_two_blocks.xlsx", "structures",
         workbook({"Liste": [HX, AX, BX, CX]}, merges={"Liste": ["C3:C4", "J2:J3"]}),
         rows=3, warns=MERGED_ROWS.format(r"J2:J3 \(colonne 'zone_rayon_m', valeur 500\), C3:C4")),
    Case("s_merged_across_zones.xlsx", "structures",
         workbook({"Liste": [HX, [*AX[:7], "31555", "QP031001", 500], BX]},
                  merges={"Liste": ["H2:I2"]}),
         "SchemaError", MERGED_REFUSED.format(r"H2:I2 \(colonnes 'zone_communes', 'zone_qpv'\)")),
    Case("s_merged_header_two_lines.xlsx", "structures",
         workbook({"Liste": [HX, AX, BX]}, merges={"Liste": ["A1:A2"]}),
         "SchemaError", MERGED_REFUSED.format(r"A1:A2 \(colonnes 'structure_id'\)")),
    Case("s_merged_header_block.xlsx", "structures",
         workbook({"Liste": [[*HX[:3], "Position", None, *HX[5:]], AX]},
                  merges={"Liste": ["D1:E1"]}),
         "SchemaError", MERGED_REFUSED.format(r"D1:E1 \(colonnes 'Position', E sans en-tête\)")),
    Case("s_merged_title_above.xlsx", "structures",
         workbook({"Liste": [["Structures agréées au 31/12/2022"], HX, AX, BX]},
                  merges={"Liste": ["A1:J1"]}), rows=2),
    Case("s_merged_note_beyond.xlsx", "structures",
         workbook({"Liste": [HX, [*AX, None, "vu", None], BX]}, merges={"Liste": ["L2:M2"]}),
         rows=2),
    Case("c_merged_name_rows.xlsx", "candidates",
         workbook({"Sites": CANDIDATES_X}, merges={"Sites": ["B2:B3"]}),
         rows=2, warns=MERGED_ROWS.format(r"B2:B3 \(colonne 'nom', valeur 'Salle 1'\)")),
    Case("t_merged_territory_rows.xlsx", "territories",
         workbook({"Territoires": TERRITORIES_X}, merges={"Territoires": ["B2:B4"]}),
         rows=3, warns=MERGED_ROWS.format(r"B2:B4 \(colonne 'territoire', valeur 'Métropole'\)")),
    Case("s_hidden_first_sheet.xlsx", "structures",
         workbook({"Ancienne liste": [HX, AX, BX, CX], "Liste": [HX, AX, BX]},
                  states={"Ancienne liste": "hidden"}),
         rows=2, warns=HIDDEN.format("'Ancienne liste'")),
    Case("s_very_hidden_sheet.xlsx", "structures",
         workbook({"Liste": [HX, AX], "Archive": [HX, AX, BX, CX]},
                  states={"Archive": "veryHidden"}),
         rows=1, warns=HIDDEN.format("'Archive'")),
    Case("c_hidden_first_sheet.xlsx", "candidates",
         workbook({"2019": [*CANDIDATES_X, ["C3", "x", 43.62, 1.46]], "Sites": CANDIDATES_X},
                  states={"2019": "hidden"}),
         rows=2, warns=HIDDEN.format("'2019'")),
    Case("t_hidden_first_sheet.xlsx", "territories",
         workbook({"Ancien": [["code", "territoire"], ["59350", "Lille"]],
                   "Territoires": [["code", "territoire"], ["59350", "Métropole"],
                                   ["59512", "Métropole"]]},
                  states={"Ancien": "hidden"}),
         rows=2, warns=HIDDEN.format("'Ancien'")),
    Case("s_formula_no_value.xlsx", "structures",
         workbook({"Liste": [HX, [*AX[:9], "=250*2"]]}),
         rows=1, warns=r"1 cellule\(s\) contiennent une formule sans valeur calculée "
         r"enregistrée : J2\. Elles sont lues vides"),
    Case("s_formula_saved_value.xlsx", "structures",
         workbook({"Liste": [HX, [*AX[:9], "=250*2"]]}, cached={"J2": ("500", "")}), rows=1),
    Case("s_formula_saved_error.xlsx", "structures",
         workbook({"Liste": [HX, [AX[0], "=1/0", *AX[2:]]]}, cached={"B2": ("#DIV/0!", "e")}),
         rows=1, warns=r"1 cellule\(s\) affichent une erreur Excel : B2 '#DIV/0!'"),
    Case("s_error_cell.xlsx", "structures", workbook({"Liste": [HX, [AX[0], "#N/A", *AX[2:]]]}),
         rows=1, warns=r"affichent une erreur Excel : B2 '#N/A'"),
    # --- CSV: encodings, Excel's sep= line, trailing separators, separators in headers ---
    Case("s_mixed_utf8_latin1.csv", "structures",
         text(H, A.replace("Centre A", "Crèche Émile")) + text(B.replace("Centre B", "Maison Été"),
                                                              encoding="latin-1"),
         rows=2, warns=MIXED.format(3)),
    Case("c_mixed_utf8_latin1.csv", "candidates",
         text(C, C1.replace("Salle 1", "Salle Élan"), encoding="latin-1")
         + text(C2.replace("Salle 2", "Salle Été")), rows=2, warns=MIXED.format(2)),
    Case("s_utf16_bom.csv", "structures", text(H, A, B, encoding="utf-16"), rows=2),
    Case("s_utf16be_bom.csv", "structures", b"\xfe\xff" + text(H, A, B, encoding="utf-16-be"),
         rows=2),
    Case("s_utf16le_tab.txt", "structures", b"\xff\xfe" + text(
        H.replace(";", "\t"), A.replace(";", "\t"), B.replace(";", "\t"),
        encoding="utf-16-le", end="\r\n"), rows=2),
    Case("s_utf16_no_bom.csv", "structures", text(H, A, B, encoding="utf-16-le"), rows=2),
    Case("c_utf16_bom.csv", "candidates", text(C, C1, C2, encoding="utf-16"), rows=2),
    Case("i_utf16_bom.csv", "indicators",
         text("code_qp;pop_mun", "QP031001;1 000", encoding="utf-16"), rows=105),
    Case("s_sep_line.csv", "structures", text("sep=;", H, A, B), rows=2),
    Case("s_sep_line_comma.csv", "structures",
         text("sep=,", H.replace(";", ","), A.replace(";", ",")), rows=1),
    Case("s_sep_line_numbers.csv", "structures",
         text("sep=;", H, A, B.replace(";300", ";-300")), "SchemaError", RADIUS.format(3)),
    Case("s_trailing_sep_all.csv", "structures", text(H + ";", A + ";", B + ";"), rows=2),
    Case("s_trailing_sep_rows.csv", "structures", text(H, A + ";", B + ";"), rows=2),
    Case("s_trailing_sep_crlf.csv", "structures", text(H, A + ";", B + ";", end="\r\n"),
         rows=2),
    Case("s_trailing_sep_one_shifted.csv", "structures",
         text(H, A + ";", B.replace("Centre B", "Centre; B") + ";"),
         "SchemaError", r"lignes plus longues que l'en-tête : ligne 3 \(\+1 cellule\)"),
    Case("i_trailing_sep_rows.csv", "indicators",
         text("code_qp;pop_mun", "QP031001;1 000;", "QP031002;500;"), rows=105),
    Case("t_trailing_sep_rows.csv", "territories",
         text("code;territoire", "59350;Métropole;", "59512;Métropole;"), rows=2),
    Case("s_comma_in_header.csv", "structures", text(H.replace("type;lat", "type,lat"), A, B),
         "SchemaError", HEADER_SEP.format("'type,lat'")),
    Case("c_comma_in_header.csv", "candidates", text("candidat_id;nom,lat;lon", C1, C2),
         "SchemaError", HEADER_SEP.format("'nom,lat'")),
    Case("s_comma_in_header_name.csv", "structures",
         text(H + ";Remarque, suivi", A + ";vu, ok", B + ";"), rows=2),
    Case("s_commas_in_cells.csv", "structures",
         text("structure_id;nom;type;lat;lon;zone_communes",
              "A;Centre A;CS;43.6;1.44;31555, 31069, 31044, 31003",
              "B;Centre B;EVS;43.61;1.45;31555, 31069"), rows=2),
    # --- vector files with several layers ----------------------------------------------
    Case("q_two_shapefiles.zip", "qpv",
         zipped({"qp_a": lambda: _qpv_part("QP031001"), "qp_b": lambda: _qpv_part("QP031002")},
                folder="QPV/"), "InputFileError", LAYERS + r" ou --couche qp_a \(avs-geo\)"),
    Case("q_two_layers.gpkg", "qpv",
         geopackage({"qp_a": lambda: _qpv_part("QP031001"),
                     "qp_b": lambda: _qpv_part("QP031002")}), "InputFileError", LAYERS),
    Case("q_zip_in_folder.zip", "qpv", zipped({"qp": _qpv}, folder="QP_2015/"), rows=2),
    Case("q_zip_macos_junk.zip", "qpv", zipped({"qp_a": _qpv}, junk=True), rows=2),
    Case("q_gpkg_styles_table.gpkg", "qpv", geopackage({"qpv": _qpv}, table=True), rows=2),
    Case("co_two_layers.gpkg", "communes",
         geopackage({"qp_a": lambda: _qpv_part("QP031001"),
                     "qp_b": lambda: _qpv_part("QP031002")}),
         "InputFileError", LAYERS, absent="--couche"),
    Case("s_two_layers.gpkg", "structures",
         geopackage({"a": lambda: _structure_points(["A"]),
                     "b": lambda: _structure_points(["B", "C"])}),
         "InputFileError", r"contient 2 couches géographiques : 'a' \(1 objet\), 'b' \(2 objets\)"),
]  # fmt: skip


# --- the CRS guard: each layer in the official projection of its territory -------------

# A town of each territory (lon/lat) and a 1 km² QPV around it, written in a given CRS.
TOWNS = {
    "974": (55.45, -20.90),
    "973": (-52.33, 4.93),
    "976": (45.23, -12.78),
    "972": (-61.07, 14.61),
    "971": (-61.53, 16.24),
    "31": (1.44, 43.60),
}
LOCAL = {"974": 2975, "973": 2972, "976": 4471, "972": 5490, "971": 5490, "31": 2154}


def _town_qpv(*departements: str, crs: object = "EPSG:4326") -> gpd.GeoDataFrame:
    frames = []
    for i, dep in enumerate(departements):
        lon, lat = TOWNS[dep]
        point = gpd.GeoSeries([shapely.Point(lon, lat)], crs=4326).to_crs(LOCAL[dep])
        x, y = point.x.iloc[0], point.y.iloc[0]
        frames.append(
            gpd.GeoDataFrame(
                {"code_qp": [f"QN{dep.zfill(3)}{i:02d}M"], "nom_qp": [f"Quartier {dep}"]},
                geometry=[box(x - 500, y - 500, x + 500, y + 500)],
                crs=LOCAL[dep],
            ).to_crs(crs)
        )
    return gpd.GeoDataFrame(
        np.concatenate([f.to_numpy() for f in frames]),
        columns=frames[0].columns,
        geometry="geometry",
        crs=crs,
    )


def _town_rows(*departements: str) -> list[str]:
    return [
        f"S{dep};Centre {dep};CS;{TOWNS[dep][1]};{TOWNS[dep][0]};2019-01-01;;;;500"
        for dep in departements
    ]


MERCATOR = r"Web-Mercator des fonds de carte .* reprojetée en EPSG:{}"

CASES += [
    Case("crs_q_web_mercator.gpkg", "qpv", vector(lambda: _qpv().to_crs(3857)), rows=2,
         epsg=2154, warns=MERCATOR.format(r"2154 \(Lambert-93\)")),
    Case("crs_q_reunion_wgs84.geojson", "qpv", vector(lambda: _town_qpv("974"), "GeoJSON"),
         rows=1, epsg=2975),
    Case("crs_q_reunion_lambert93.gpkg", "qpv", vector(lambda: _town_qpv("974", crs=2154)),
         rows=1, epsg=2975,
         warns=r"EPSG:2154 \(Lambert-93\) déforme les distances de 87 % .*reprojetée en "
         r"EPSG:2975 \(RGR92 / UTM 40S\)"),
    Case("crs_q_reunion_web_mercator.gpkg", "qpv", vector(lambda: _town_qpv("974", crs=3857)),
         rows=1, epsg=2975, warns=MERCATOR.format("2975")),
    Case("crs_q_guyane_utm22_wgs84.gpkg", "qpv", vector(lambda: _town_qpv("973", crs=32622)),
         rows=1, epsg=2972),
    Case("crs_q_guyane_web_mercator.gpkg", "qpv", vector(lambda: _town_qpv("973", crs=3857)),
         rows=1, epsg=2972, warns=r"Web-Mercator .*\(×1,00 ici\)"),
    Case("crs_q_mayotte_lambert93.gpkg", "qpv", vector(lambda: _town_qpv("976", crs=2154)),
         rows=1, epsg=4471, warns=r"déforme les distances de 61 %"),
    Case("crs_q_martinique_rraf91.gpkg", "qpv", vector(lambda: _town_qpv("972", crs=4559)),
         rows=1, epsg=5490),
    Case("crs_q_guadeloupe_wgs84.geojson", "qpv", vector(lambda: _town_qpv("971"), "GeoJSON"),
         rows=1, epsg=5490),
    Case("crs_q_all_territories.gpkg", "qpv",
         vector(lambda: _town_qpv("974", "31", "973", "976", "972", "971", crs=4326)),
         rows=6, epsg=2154),
    Case("crs_q_overseas_only.gpkg", "qpv",
         vector(lambda: _town_qpv("976", "974", crs=4326)), rows=2, epsg=2975),
    Case("crs_q_laea_europe.gpkg", "qpv", vector(lambda: _qpv().to_crs(3035)), rows=2,
         epsg=2154, warns=r"EPSG:3035 .* ne conserve pas les angles"),
    Case("crs_q_us_feet.gpkg", "qpv", vector(lambda: _qpv().to_crs(2249)), rows=2, epsg=2154,
         warns=r"a pour unité « US survey foot », pas le mètre"),
    Case("crs_q_lambert2_etendu.gpkg", "qpv", vector(lambda: _qpv().to_crs(27572)), rows=2,
         epsg=2154),
    Case("crs_q_cc43.gpkg", "qpv", vector(lambda: _qpv().to_crs(3943)), rows=2, epsg=2154),
    Case("crs_q_forced_cc43.gpkg", "qpv", vector(_qpv), rows=2, crs="EPSG:3943", epsg=3943),
    Case("crs_q_forced_web_mercator.gpkg", "qpv", vector(_qpv), crs="EPSG:3857",
         error="CRSError", match=r"demandé \(EPSG:3857 .*\) ne convient pas .*Web-Mercator"),
    Case("crs_q_forced_degrees.gpkg", "qpv", vector(_qpv), crs="EPSG:4326", error="CRSError",
         match=r"ne convient pas .*système géographique"),
    Case("crs_q_forced_unknown.gpkg", "qpv", vector(_qpv), crs="EPSG:99999", error="CRSError",
         match=r"Système de coordonnées inconnu : 'EPSG:99999'"),
    Case("crs_s_reunion.csv", "structures", text(H, *_town_rows("974")), rows=1, epsg=2975),
    Case("crs_s_guyane_mayotte.csv", "structures", text(H, *_town_rows("976", "973")),
         rows=2, epsg=2972),
    Case("crs_s_metropole_and_overseas.csv", "structures",
         text(H, *_town_rows("971", "31", "974")), rows=3, epsg=2154),
    Case("crs_c_reunion_candidates.csv", "candidates",
         text(C, "C1;Salle;-20.9;55.45"), rows=1, epsg=2975),
    Case("crs_co_guadeloupe_communes.geojson", "communes", vector(lambda: gpd.GeoDataFrame(
        {"insee_com": ["97101"], "nom": ["Les Abymes"]},
        geometry=[_town_qpv("971").geometry.iloc[0]], crs=4326), "GeoJSON"), rows=1, epsg=5490),
]  # fmt: skip


def load_case(case: Case, path: Path) -> object:
    """Load ``path`` with the loader of ``case``."""
    import avs_geo
    from avs_geo.datasets import get_path

    if case.loader == "structures":
        return avs_geo.load_structures(path, crs=case.crs)
    if case.loader == "candidates":
        return avs_geo.load_candidates(path, crs=case.crs)
    if case.loader == "qpv":
        return avs_geo.load_qpv(path, crs=case.crs)
    if case.loader == "communes":
        return avs_geo.load_communes(path, crs=case.crs)
    if case.loader == "territories":
        return avs_geo.load_territories(path)
    if case.loader == "indicators":
        return avs_geo.load_qpv(get_path("qpv_occitanie"), indicators=path)
    if case.loader == "perimeters":
        return avs_geo.load_structures(get_path("structures_exemple_occitanie"), perimeters=path)
    raise AssertionError(case.loader)


def write_case(case: Case, folder: Path) -> Path:
    """Write the file of ``case`` in ``folder`` and return its path."""
    path = folder / case.name
    if callable(case.content):
        case.content(path)
    else:
        path.write_bytes(case.content)
    return path


if __name__ == "__main__":  # pragma: no cover - a tool
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile")
    out.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        write_case(case, out)
