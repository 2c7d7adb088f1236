"""A corpus of hostile inputs: the files and accidents a planner's office produces.

Each :class:`Case` is one file (written by :func:`write_case`, so the corpus is
generated, never edited by hand) with what avs_geo must do with it: raise an exact
error class whose French or English message matches a regex, or load an exact number
of rows. ``tests/test_hostile.py`` runs every case; ``python tests/hostile/corpus.py
DIR`` writes the files to look at them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
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

    ``loader`` is ``structures``, ``candidates``, ``qpv``, ``communes``, ``perimeters``
    (a structures file with this file as drawn perimeters) or ``indicators`` (the
    embedded QPV with this file as the population table). ``error`` is the exact class
    name expected (None: the file loads), ``match`` a regex searched in the message,
    ``rows`` the number of rows loaded when it loads.
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
    warns: str = ""  # a regex one warning of the loader must match


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


DUP_HEADER = r"ne diffèrent que par les majuscules ou les accents \({}\)"
NOT_DEGREES = r"(coordonnées hors des degrés|lat/lon qui ne sont pas des degrés)"
RADIUS = (
    r"rayon qui n'est pas un nombre de mètres supérieur à 0 \(colonne zone_rayon_m\) : ligne {}"
)
NO_GEOMETRY = r"n'a pas de géométrie \(un tableau, CSV ou Excel \?\)"
OUT_OF_RANGE = r"coordinates outside the range of any coordinate system"

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
         "GeometryError", OUT_OF_RANGE + r".*features 1, 2"),
    Case("q_coordinates_1e12.gpkg", "qpv", vector(lambda: scaled(1e6)),
         "GeometryError", OUT_OF_RANGE),
    Case("q_coordinates_inf.geojson", "qpv", text(
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":'
        '{"code_qp":"QP031001"},"geometry":{"type":"Polygon","coordinates":'
        '[[[0,0],[1e400,0],[1,1],[0,0]]]}}]}'), "GeometryError|InputFileError",
        r"coordinates outside the range|Impossible de lire le fichier des QPV"),
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
        "GeometryError", r"should hold polygons, but 1 rows hold Point: 'QP031001'"),
    Case("q_lines.gpkg", "qpv", vector(lambda: gpd.GeoDataFrame(
        {"code_qp": ["QP031001"]},
        geometry=[shapely.LineString([(574000, 6278000), (575000, 6279000)])], crs=2154)),
        "GeometryError", r"1 rows hold LineString"),
    Case("q_no_code.gpkg", "qpv", vector(lambda: _qpv().drop(columns="code_qp")),
         "SchemaError", r"n.a pas de colonne de code de QPV"),
    Case("q_bad_code.gpkg", "qpv", vector(lambda: _qpv(code_qp=["XX", "QP031002"])),
         "SchemaError", r"not QPV codes .*'XX'"),
    Case("q_mixed_generations.gpkg", "qpv",
         vector(lambda: _qpv(code_qp=["QP031001", "QN03101M"])),
         "InputFileError", r"mixes the 2015 generation"),
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
