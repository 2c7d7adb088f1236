"""Read the official QPV contours (2015 and 2024 generations) into one schema."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
from pyproj import CRS

from avs_geo._codes import departement_codes
from avs_geo._i18n.read import read_message
from avs_geo._validate import (
    check_polygons,
    mixed_generations_message,
    repair_geometries,
)
from avs_geo.datasets import get_path
from avs_geo.errors import (
    DuplicateIdError,
    InputFileError,
    ParameterError,
    SchemaError,
    format_ids,
)
from avs_geo.read._cells import parse_numbers, refuse_infinite_populations
from avs_geo.read._files import (
    PathLike,
    SheetPath,
    describe_columns,
    existing_path,
    read_vector,
)
from avs_geo.read._geo import to_target_crs
from avs_geo.read._vocabulary import ColumnReport, read_columns, suggest, warn_unused_codes
from avs_geo.read.indicators import join_indicators

__all__ = ["QPV_COLUMNS", "departement_from_code", "load_qpv", "read_qpv"]

QPV_COLUMNS = ("code_qpv", "nom_qpv", "communes", "code_insee", "departement", "population")

# Official spellings (2015 shapefile CODE_QP, NOM_QP, COMMUNE_QP; 2024 files code_qp,
# lib_qp, insee_com, lib_com, insee_dep): VOCABULARY["qpv"] of the shared vocabulary.
_CODE = re.compile(r"^Q[PN][0-9A-Z]{6}$")


def load_qpv(
    path: PathLike | SheetPath | None = None,
    *,
    departement: str | Iterable[str] | None = None,
    indicators: PathLike | pd.DataFrame | None = None,
    layer: str | int | None = None,
    crs: str | CRS | None = None,
    source_crs: str | CRS | None = None,
) -> gpd.GeoDataFrame:
    """Read QPV contours as published by the State, in one schema and a metric CRS.

    Parameters
    ----------
    path
        A GeoJSON, GeoPackage, shapefile or zipped shapefile of QPV contours: the 2015
        generation (``CODE_QP``, ``NOM_QP``, ``COMMUNE_QP``) or the 2024 one
        (``code_qp``, ``lib_qp``, ...). ``None`` reads the embedded 2015 QPV of Occitanie
        with their INSEE population.
    departement
        Keep the QPV of these departments (``"31"`` or ``["31", "34"]``).
    indicators
        A table (CSV, Excel or DataFrame) with the QPV code and its population
        (``code_qp`` / ``pop_mun``, as INSEE publishes), joined on the code
        (``avs_geo.read.indicators.load_indicators``: shared header vocabulary, French
        numbers). Its other numeric columns are joined too, as weights for a site
        selection (``weight="tp60"``).
    layer
        The layer to read when the file holds several (a GeoPackage, a zip of several
        shapefiles): its name, or its position from 0. Without it such a file is an
        error that lists its layers (never "the first layer" without a word).
    crs
        The working CRS of the result. None (default): the official projection of the
        layer's territory (Lambert-93 in metropolitan France, EPSG:5490 in Guadeloupe
        and Martinique, 2972 in Guyane, 2975 at La Réunion, 4471 in Mayotte; a layer
        spanning several is kept in the first's and measured per territory). A CRS given
        must be fit to measure: projected, in metres, conformal, not Web-Mercator.
    source_crs
        The CRS of the coordinates of a file that declares none (a shapefile without
        its .prj): ``--crs-fichiers``. Never used for a file that declares its CRS.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``code_qpv``, ``nom_qpv``, ``communes``, ``code_insee``,
        ``departement``, ``population`` and geometry; valid polygons. Invalid ones are
        repaired and reported in an :class:`~avs_geo.AvsGeoWarning` with their codes.
        ``attrs["columns"]`` says which header of the file was read as what (the
        shared header vocabulary, ``avs_geo.read._vocabulary``); an unread column of
        QPV codes beside the one read gets a warning.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     qpv = load_qpv()
    >>> len(qpv), qpv.crs.to_epsg(), bool(qpv.is_valid.all())
    (105, 2154, True)
    >>> qpv.loc[qpv.code_qpv == "QP031001", ["nom_qpv", "departement"]].iloc[0].tolist()
    ['Saint Jean', '31']
    """
    return read_qpv(
        path,
        departement=departement,
        indicators=indicators,
        layer=layer,
        crs=crs,
        source_crs=source_crs,
    )[0]


def read_qpv(
    path: PathLike | SheetPath | None = None,
    *,
    departement: str | Iterable[str] | None = None,
    indicators: PathLike | pd.DataFrame | None = None,
    layer: str | int | None = None,
    crs: str | CRS | None = None,
    source_crs: str | CRS | None = None,
) -> tuple[gpd.GeoDataFrame, ColumnReport]:
    """:func:`load_qpv`, and the report of the columns it read.

    The report says which header was read as what; the command line prints it.
    """
    source = get_path("qpv_occitanie") if path is None else existing_path(path, what="QPV")
    given = indicators is not None
    if path is None and indicators is None:
        indicators = get_path("qpv_occitanie_indicateurs")
    if isinstance(path, SheetPath) and layer is None:
        layer = path.layer
    raw = read_vector(source, what="QPV", layer=layer, option="--couche")
    gdf, report = read_columns(raw, "qpv", source=source)
    if "code_qpv" not in gdf.columns:
        close = suggest("code_qpv", report.unused, "qpv")
        hint = read_message("mean_close", close=format_ids(close)) if close else ""
        raise SchemaError(
            read_message("no_qpv_column", source=source, columns=describe_columns(raw), hint=hint),
            file=source,
            columns=["code_qpv"],
        )
    warn_unused_codes(raw, report, read_message("qpv_file_label", source=source), _CODE, "code_qpv")
    gdf = gdf.assign(code_qpv=gdf["code_qpv"].astype("string").str.strip().str.upper())
    _check_codes(gdf, source)
    gdf = _fill_columns(gdf, source)
    check_polygons(gdf, read_message("qpv_layer", path=source), id_column="code_qpv")
    # Validity is judged as published, then once more after reprojection.
    gdf, _ = repair_geometries(gdf, read_message("qpv_layer", path=source), id_column="code_qpv")
    gdf = to_target_crs(
        gdf, path=source, crs=crs, what="QPV", id_column="code_qpv", source_crs=source_crs
    )
    gdf, _ = repair_geometries(
        gdf, read_message("qpv_layer_reprojected", path=source), id_column="code_qpv"
    )
    if departement is not None:
        gdf = _filter_departement(gdf, departement, source)
    if indicators is not None:
        gdf = join_indicators(gdf, indicators, weights=path is not None or given)
    extra = [c for c in gdf.columns if c not in (*QPV_COLUMNS, "geometry")]
    out = gdf[[*QPV_COLUMNS, *extra, "geometry"]].reset_index(drop=True)
    result = gpd.GeoDataFrame(out, geometry="geometry", crs=gdf.crs)
    return result, report


def departement_from_code(code: str) -> str:
    """Department of a QPV code: ``QP059001`` -> ``'59'``, ``QP971001`` -> ``'971'``.

    Examples
    --------
    >>> departement_from_code("QP059001"), departement_from_code("QP02A001")
    ('59', '2A')
    """
    dep = code[2:5]
    return dep[1:] if dep.startswith("0") else dep


def _check_codes(gdf: pd.DataFrame, source: Path) -> None:
    codes = gdf["code_qpv"]
    missing = codes.isna()
    if missing.any():
        rows = [int(i) + 1 for i in np.flatnonzero(missing.to_numpy())]
        raise SchemaError(
            read_message("qpv_no_code", source=source, n=int(missing.sum()), rows=format_ids(rows))
        )
    bad = sorted({c for c in codes if not _CODE.match(str(c))})
    if bad:
        raise SchemaError(read_message("bad_qpv_codes", source=source, codes=format_ids(bad)))
    mixed = mixed_generations_message(codes, read_message("qpv_file", source=source))
    if mixed:
        raise InputFileError(mixed)
    dup = codes[codes.duplicated(keep=False)]
    if len(dup):
        raise DuplicateIdError(
            read_message(
                "duplicate_qpv",
                source=source,
                n=dup.nunique(),
                codes=format_ids(sorted(dup.unique())),
            )
        )


def _fill_columns(gdf: gpd.GeoDataFrame, source: object = "QPV") -> gpd.GeoDataFrame:
    out = gdf.copy()
    for column in ("nom_qpv", "communes", "code_insee"):
        if column not in out.columns:
            out[column] = pd.Series(pd.NA, index=out.index, dtype="string")
        out[column] = out[column].astype("string").str.strip()
    derived = out["code_qpv"].map(departement_from_code)
    if "departement" in out.columns:
        dep = out["departement"].astype("string").str.strip()
        out["departement"] = dep.fillna(derived)
    else:
        out["departement"] = derived.astype("string")
    out["nom_qpv"] = out["nom_qpv"].fillna(out["code_qpv"])
    if "population" in out.columns:
        cells = parse_numbers(out["population"])
        refuse_infinite_populations(cells.bad, out["code_qpv"], out["population"], source)
        out["population"] = cells.values
    else:
        out["population"] = np.nan
    return out


def _filter_departement(
    gdf: gpd.GeoDataFrame, departement: str | Iterable[str], source: Path
) -> gpd.GeoDataFrame:
    wanted = departement_codes(departement)
    kept = gdf[gdf["departement"].isin(wanted)]
    if len(kept) == 0:
        have = sorted(gdf["departement"].dropna().unique())
        raise ParameterError(
            read_message(
                "no_departement_qpv",
                wanted=format_ids(wanted),
                source=source,
                have=format_ids(have),
            )
        )
    return kept
