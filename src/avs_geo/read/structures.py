"""Read the list of structures (centres sociaux, EVS) a CAF keeps in a spreadsheet.

One row per structure: id, name, type, location, agreement dates and its zone of
intervention (communes, QPV, a radius, and/or a drawn perimeter from a separate file).
The schema is in the README; every problem is reported with the file, the column and
the structure ids, and nothing is dropped.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS

from avs_geo._codes import current_code_lists, split_codes
from avs_geo._dates import DATE_FORMS, parse_date_column
from avs_geo._deprecated import perimeters_argument
from avs_geo._validate import LAMBERT_93, check_polygons, repair_geometries
from avs_geo.errors import (
    AvsGeoWarning,
    GeometryError,
    SchemaError,
    UnknownCodeError,
    format_ids,
)
from avs_geo.read._cells import (
    check_coordinates,
    check_ids,
    check_radii,
    parse_coordinates,
    parse_ids,
)
from avs_geo.read._files import (
    TABLE_SUFFIXES,
    PathLike,
    describe_columns,
    existing_path,
    read_table,
    read_vector,
    rename_columns,
    simplify_name,
    unnamed_columns,
)
from avs_geo.read._geo import to_target_crs
from avs_geo.read.communes import INSEE_CODE

__all__ = [
    "STRUCTURE_COLUMNS",
    "check_zone_codes",
    "load_structures",
    "zone_summary",
]

STRUCTURE_COLUMNS = (
    "structure_id",
    "nom",
    "type",
    "date_agrement",
    "date_fin",
    "zone_communes",
    "zone_qpv",
    "zone_rayon_m",
    "zone_polygon",
)
"""The columns of the structures frame, in this order, before the columns of the file."""

_ALIASES: dict[str, tuple[str, ...]] = {
    "structure_id": ("id", "identifiant", "id_structure", "code_structure", "numero"),
    "nom": ("name", "nom_structure", "raison_sociale", "libelle"),
    "type": ("type_structure", "categorie", "kind"),
    "lat": ("latitude", "y_wgs84"),
    "lon": ("longitude", "lng", "long", "x_wgs84"),
    "date_agrement": ("date_debut", "debut_agrement", "date_d_agrement", "agrement"),
    "date_fin": ("fin_agrement", "date_fin_agrement", "fin"),
    "zone_communes": ("communes", "codes_insee", "zone_insee", "communes_intervention"),
    "zone_qpv": ("qpv", "codes_qpv", "quartiers"),
    "zone_rayon_m": ("rayon_m", "rayon", "rayon_metres", "zone_rayon"),
}

_TYPES = {
    "cs": "centre_social",
    "centre_social": "centre_social",
    "centres_sociaux": "centre_social",
    "centre_sociaux": "centre_social",
    "csx": "centre_social",
    "social_centre": "centre_social",
    "evs": "evs",
    "espace_de_vie_sociale": "evs",
    "espaces_de_vie_sociale": "evs",
    "espace_vie_sociale": "evs",
}
_QPV_CODE = re.compile(r"^Q[PN][0-9A-Z]{6}$")


def load_structures(
    path: PathLike,
    *,
    perimeters: PathLike | gpd.GeoDataFrame | None = None,
    communes: gpd.GeoDataFrame | None = None,
    qpv: gpd.GeoDataFrame | None = None,
    sheet: str | int = 0,
    crs: str | CRS = LAMBERT_93,
    zones: PathLike | gpd.GeoDataFrame | None = None,
) -> gpd.GeoDataFrame:
    """Read the structures file of a CAF: CSV, Excel, GeoJSON or GeoPackage.

    Parameters
    ----------
    path
        One row per structure. Columns (case and accents ignored, usual French
        spellings accepted): ``structure_id`` (unique), ``nom``, ``type`` (``CS``,
        ``Centre social``, ``EVS``, ``Espace de vie sociale``...), location as ``lat``
        and ``lon`` (WGS84 degrees) or a point geometry, optional ``date_agrement`` and
        ``date_fin`` (``31/12/2022``, ``2022-12-31``, ``31 décembre 2022`` or an Excel
        date; a ``date_fin`` after 2262, such as ``31/12/9999``, means no end), and the
        zone of intervention as any combination of ``zone_communes`` (INSEE codes separated by ``;``),
        ``zone_qpv`` (QPV codes separated by ``;``) and ``zone_rayon_m`` (metres
        around the structure).
    perimeters
        Optional drawn perimeters, polygons keyed by ``structure_id`` (a file or a
        GeoDataFrame); several polygons of one structure are merged.
    communes, qpv
        Reference layers: when given, every code of the zones is checked against them.
        With communes of a vintage (``load_communes(..., vintage=2022)``), a former
        commune code is replaced by its current commune, with a warning naming both.
    sheet
        Sheet of an Excel workbook.
    crs
        Projected CRS of the result.
    zones
        Deprecated name of ``perimeters`` (avs_geo 0.1), removed in 0.3: warns.

    Returns
    -------
    geopandas.GeoDataFrame
        The columns of :data:`STRUCTURE_COLUMNS` (``zone_communes`` and ``zone_qpv``
        as tuples of codes, ``zone_polygon`` a second geometry column), the other
        columns of the file, and the point geometry of each structure.

    Examples
    --------
    >>> from avs_geo.datasets import get_path
    >>> s = load_structures(get_path("structures_exemple_nord_2022"))
    >>> s[["structure_id", "type"]].head(2).values.tolist()
    [['NORD-2022-01', 'centre_social'], ['NORD-2022-02', 'evs']]
    """
    perimeters = perimeters_argument("load_structures", perimeters, zones)
    source = existing_path(path, what="structures")
    table = _read(source, sheet=sheet)
    df, _ = rename_columns(table, _ALIASES)
    _check_required(df, table, source)
    df = df.assign(structure_id=_ids(df, source))
    df = df.assign(
        nom=df["nom"].astype("string").str.strip() if "nom" in df else df["structure_id"],
        type=_types(df, source),
        **_dates(df, source),
        zone_communes=_codes(df, "zone_communes", source),
        zone_qpv=_codes(df, "zone_qpv", source),
        zone_rayon_m=_radius(df, source),
    )
    _check_dates(df, source)
    gdf = _locate(df, source, crs)
    gdf["zone_polygon"] = _zone_polygons(gdf, perimeters, crs)
    _check_has_zone(gdf, source)
    if communes is not None:
        gdf["zone_communes"] = current_code_lists(
            gdf["zone_communes"],
            ids=gdf["structure_id"].astype(str).to_numpy(),
            communes=communes,
            source=str(source),
            stacklevel=3,
        )
        check_zone_codes(gdf, communes=communes, source=str(source))
    if qpv is not None:
        check_zone_codes(gdf, qpv=qpv, source=str(source))
    extra = [c for c in gdf.columns if c not in (*STRUCTURE_COLUMNS, "geometry", "lat", "lon")]
    out = gdf[[*STRUCTURE_COLUMNS, *extra, "geometry"]].reset_index(drop=True)
    return gpd.GeoDataFrame(out, geometry="geometry", crs=gdf.crs)


def check_zone_codes(
    structures: pd.DataFrame,
    *,
    communes: pd.DataFrame | None = None,
    qpv: pd.DataFrame | None = None,
    source: str = "structures",
) -> None:
    """Raise :class:`UnknownCodeError` if a zone names a commune or QPV not in the reference.

    The message lists each structure id with its unknown codes.
    """
    checks = []
    if communes is not None:
        checks.append(("zone_communes", set(communes["code_insee"].astype(str)), "communes"))
    if qpv is not None:
        checks.append(("zone_qpv", set(qpv["code_qpv"].astype(str)), "QPV"))
    for column, known, what in checks:
        unknown = {
            sid: sorted(set(codes) - known)
            for sid, codes in zip(structures["structure_id"], structures[column], strict=True)
            if set(codes) - known
        }
        if unknown:
            shown = "; ".join(f"{sid}: {', '.join(c)}" for sid, c in list(unknown.items())[:20])
            more = f" (+{len(unknown) - 20} more structures)" if len(unknown) > 20 else ""
            raise UnknownCodeError(
                f"{len(unknown)} structures of '{source}' name {what} codes (column {column}) "
                f"that the {what} layer does not hold: {shown}{more}. Check the codes (INSEE "
                "codes of the Code officiel géographique; QPV codes of the same generation as "
                f"the QPV layer) or load the {what} of every department the zones reach.",
                columns=(column,),
                layer=what.lower(),
            )


def _read(source: Path, *, sheet: str | int) -> pd.DataFrame:
    if source.suffix.lower() in TABLE_SUFFIXES:
        df = read_table(source, what="structures", sheet=sheet)
        blank = unnamed_columns(df)
        if blank:
            raise SchemaError(
                f"The structures file '{source}' has {len(blank)} header cells with no name "
                f"({format_ids(blank)}): merged or empty header cells. Keep one header row "
                f"with one name per column (unmerge the cells). Columns read: "
                f"{describe_columns(df)}."
            )
        return df
    return read_vector(source, what="structures")


def _check_required(df: pd.DataFrame, raw: pd.DataFrame, source: Path) -> None:
    missing = [c for c in ("structure_id", "type") if c not in df.columns]
    has_point = isinstance(df, gpd.GeoDataFrame) or {"lat", "lon"} <= set(df.columns)
    if not has_point:
        missing += [c for c in ("lat", "lon") if c not in df.columns]
    if missing:
        raise SchemaError(
            f"The structures file '{source}' lacks the column(s) {format_ids(missing)}; it "
            f"has {describe_columns(raw)}. Expected columns: structure_id, nom, type, lat, "
            "lon, date_agrement, date_fin, zone_communes, zone_qpv, zone_rayon_m (see the "
            "README, 'Fichier des structures')."
        )


def _label(source: Path) -> str:
    """How messages name the structures file."""
    return f"Fichier des structures '{source}'"


def _ids(df: pd.DataFrame, source: Path) -> pd.Series:
    ids = check_ids(
        df["structure_id"], source=_label(source), name="structure_id", noun="structure"
    )
    return pd.Series(ids, index=df.index, dtype="string")


def _types(df: pd.DataFrame, source: Path) -> pd.Series:
    folded = df["type"].map(lambda v: simplify_name(v) if isinstance(v, str) else "")
    types = folded.map(_TYPES)
    bad = types.isna()
    if bad.any():
        shown = sorted(
            {
                f"{sid}: {t!r}"
                for sid, t in zip(df.loc[bad, "structure_id"], df.loc[bad, "type"], strict=True)
            }
        )
        raise SchemaError(
            f"The structures file '{source}' has an unknown type (column type) for "
            f"{int(bad.sum())} structures: {', '.join(shown[:20])}. Accepted: 'CS', "
            "'Centre social', 'EVS', 'Espace de vie sociale'."
        )
    return types.astype("string")


def _dates(df: pd.DataFrame, source: Path) -> dict[str, pd.Series]:
    """``date_agrement`` and ``date_fin`` read at once; every cell that is not a date is
    reported in one error (``date_fin`` after 2262, such as 31/12/9999, means no end)."""
    columns: dict[str, pd.Series] = {}
    problems: list[str] = []
    for column in ("date_agrement", "date_fin"):
        if column not in df.columns:
            columns[column] = pd.Series(pd.NaT, index=df.index, dtype="datetime64[ns]")
            continue
        parsed = parse_date_column(df[column], open_end=column == "date_fin")
        columns[column] = parsed.values
        cells, ids = df[column].to_numpy(dtype=object), df["structure_id"].to_numpy(dtype=object)
        problems += [
            f"{column} ligne {pos + 2} ({ids[pos]}) : {cells[pos]!r}, {reason}"
            for pos, reason in zip(parsed.failed, parsed.reasons, strict=True)
        ]
    if problems:
        shown = " ; ".join(problems[:30])
        more = f" (et {len(problems) - 30} autres)" if len(problems) > 30 else ""
        raise SchemaError(
            f"Le fichier des structures '{source}' a {len(problems)} cellule(s) de date "
            f"illisible(s) : {shown}{more}. Écrivez les dates {DATE_FORMS} ; une date_fin "
            "vide ou 31/12/9999 veut dire sans fin."
        )
    return columns


def _check_dates(df: pd.DataFrame, source: Path) -> None:
    inverted = (
        df["date_fin"].notna()
        & df["date_agrement"].notna()
        & (df["date_fin"] <= df["date_agrement"])
    )
    if inverted.any():
        shown = [
            f"{sid}: {a.date()} -> {f.date()}"
            for sid, a, f in zip(
                df.loc[inverted, "structure_id"],
                df.loc[inverted, "date_agrement"],
                df.loc[inverted, "date_fin"],
                strict=True,
            )
        ]
        raise SchemaError(
            f"Le fichier des structures '{source}' a des agréments qui finissent avant de "
            f"commencer (date_fin <= date_agrement) : {', '.join(shown[:20])}. Inversez ou "
            "corrigez les dates."
        )


def _codes(df: pd.DataFrame, column: str, source: Path) -> pd.Series:
    if column not in df.columns:
        return pd.Series([()] * len(df), index=df.index, dtype=object)
    pattern = INSEE_CODE if column == "zone_communes" else _QPV_CODE
    lists, malformed, duplicated = [], {}, {}
    for sid, value in zip(df["structure_id"], df[column], strict=True):
        codes = split_codes(value, pad_insee=column == "zone_communes")
        wrong = [c for c in codes if not pattern.match(c)]
        if wrong:
            malformed[sid] = wrong
        if len(set(codes)) < len(codes):
            duplicated[sid] = sorted({c for c in codes if codes.count(c) > 1})
        lists.append(tuple(dict.fromkeys(codes)))
    if malformed:
        shown = "; ".join(f"{sid}: {', '.join(c)}" for sid, c in list(malformed.items())[:20])
        example = "'31555;31069'" if column == "zone_communes" else "'QP031001;QP031002'"
        raise SchemaError(
            f"The structures file '{source}' has malformed codes in column {column}: {shown}. "
            f"Write the codes separated by ';', e.g. {example}."
        )
    if duplicated:
        shown = "; ".join(f"{sid}: {', '.join(c)}" for sid, c in duplicated.items())
        warnings.warn(
            f"Codes listed twice in column {column} of '{source}' were counted once: {shown}.",
            AvsGeoWarning,
            stacklevel=4,
        )
    return pd.Series(lists, index=df.index, dtype=object)


def _radius(df: pd.DataFrame, source: Path) -> pd.Series:
    if "zone_rayon_m" not in df.columns:
        return pd.Series(np.nan, index=df.index, dtype=float)
    ids = df["structure_id"].to_numpy(dtype=object)
    values = check_radii(df["zone_rayon_m"], source=_label(source), ids=ids)
    return pd.Series(values, index=df.index, dtype=float)


def _locate(df: pd.DataFrame, source: Path, crs: str | CRS) -> gpd.GeoDataFrame:
    if isinstance(df, gpd.GeoDataFrame) and not {"lat", "lon"} <= set(df.columns):
        gdf = df
        types = shapely.get_type_id(gdf.geometry.to_numpy())
        not_point = (types != 0) & ~shapely.is_missing(gdf.geometry.to_numpy())
        if not_point.any():
            raise GeometryError(
                f"The structures file '{source}' should locate each structure by a point, but "
                f"{int(not_point.sum())} rows hold other shapes: "
                f"{format_ids(gdf.loc[not_point, 'structure_id'])}. Put drawn zones in a "
                "separate perimeters file (load_structures(..., perimeters='perimetres.gpkg')).",
                file=source,
                parameters=("perimeters",),
            )
    else:
        coords = parse_coordinates(df["lat"], df["lon"])
        ids = df["structure_id"].to_numpy(dtype=object)
        check_coordinates(coords, source=_label(source), ids=ids, noun="structure")
        lat, lon = coords.lat, coords.lon
        geometry = gpd.points_from_xy(lon, lat, crs="EPSG:4326")
        gdf = gpd.GeoDataFrame(df.drop(columns=["lat", "lon"]), geometry=geometry)
    missing = shapely.is_missing(gdf.geometry.to_numpy()) | shapely.is_empty(
        gdf.geometry.to_numpy()
    )
    if missing.any():
        raise GeometryError(
            f"The structures file '{source}' has structures with no location: "
            f"{format_ids(gdf.loc[missing, 'structure_id'])}. Give a point or lat/lon."
        )
    return to_target_crs(gdf, path=source, crs=crs, what="structures", id_column="structure_id")


def _zone_polygons(
    structures: gpd.GeoDataFrame, zones: PathLike | gpd.GeoDataFrame | None, crs: str | CRS
) -> gpd.GeoSeries:
    empty = gpd.GeoSeries([None] * len(structures), index=structures.index, crs=structures.crs)
    if zones is None:
        return empty
    if isinstance(zones, gpd.GeoDataFrame):
        name, raw = "zones", zones
        if raw.crs is None:
            from avs_geo._validate import check_geodataframe

            check_geodataframe(raw, "zones")
    else:
        src = existing_path(zones, what="zones")
        name, raw = str(src), read_vector(src, what="zones")
    gdf, _ = rename_columns(raw, {"structure_id": _ALIASES["structure_id"]})
    if "structure_id" not in gdf.columns:
        raise SchemaError(
            f"The zones '{name}' lack the column structure_id that links each polygon to its "
            f"structure; they have {describe_columns(raw)}."
        )
    gdf = gdf.assign(structure_id=pd.array(parse_ids(gdf["structure_id"]).values, dtype="string"))
    check_polygons(gdf, f"zones {name}", id_column="structure_id")
    gdf, _ = repair_geometries(gdf, f"zones {name}", id_column="structure_id")
    gdf = to_target_crs(gdf, path=name, crs=crs, what="zones", id_column="structure_id")
    unknown = sorted(set(gdf["structure_id"]) - set(structures["structure_id"]))
    if unknown:
        raise UnknownCodeError(
            f"The zones '{name}' name structure_id values absent from the structures file: "
            f"{format_ids(unknown)}. Add these structures or correct the ids."
        )
    merged = gdf.dissolve(by="structure_id").geometry
    values = structures["structure_id"].map(merged)
    return gpd.GeoSeries(values.to_numpy(), index=structures.index, crs=structures.crs)


def _check_has_zone(gdf: gpd.GeoDataFrame, source: Path) -> None:
    has = (
        gdf["zone_communes"].map(len).gt(0)
        | gdf["zone_qpv"].map(len).gt(0)
        | gdf["zone_rayon_m"].gt(0)
        | gdf["zone_polygon"].notna()
    )
    if not has.all():
        raise SchemaError(
            f"The structures file '{source}' has structures with no zone of intervention: "
            f"{format_ids(gdf.loc[~has, 'structure_id'])}. Fill zone_communes, zone_qpv or "
            "zone_rayon_m, or give their polygon in a perimeters file.",
            file=source,
            parameters=("perimeters",),
        )


def zone_summary(structures: pd.DataFrame) -> pd.Series:
    """How each structure's zone is described, e.g. ``'communes + rayon'``.

    Examples
    --------
    >>> import pandas as pd
    >>> zone_summary(pd.DataFrame({"zone_communes": [("31555",)], "zone_qpv": [()],
    ...     "zone_rayon_m": [500.0], "zone_polygon": [None]})).tolist()
    ['communes + rayon']
    """
    parts: Sequence[tuple[str, pd.Series]] = (
        ("communes", structures["zone_communes"].map(len).gt(0)),
        ("QPV", structures["zone_qpv"].map(len).gt(0)),
        ("rayon", structures["zone_rayon_m"].gt(0)),
        ("périmètre", structures["zone_polygon"].notna()),
    )
    return pd.Series(
        [" + ".join(name for name, mask in parts if mask.iloc[i]) for i in range(len(structures))],
        index=structures.index,
    )
