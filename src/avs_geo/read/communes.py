"""Read commune contours (IGN Admin Express and its derivatives) into one schema."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable
from functools import lru_cache

import geopandas as gpd
import pandas as pd
from pyproj import CRS

from avs_geo._codes import departement_codes
from avs_geo._i18n.read import read_message
from avs_geo._validate import check_polygons, repair_geometries
from avs_geo.datasets import (
    COMMUNE_FILES_BY_DEPARTEMENT,
    COMMUNE_VINTAGES,
    OCCITANIE_DEPARTEMENTS,
    get_path,
)
from avs_geo.errors import (
    AvsGeoWarning,
    DuplicateIdError,
    ParameterError,
    SchemaError,
    UnknownCodeError,
    format_ids,
)
from avs_geo.read._files import (
    PathLike,
    describe_columns,
    existing_path,
    read_vector,
)
from avs_geo.read._geo import to_target_crs
from avs_geo.read._vocabulary import ColumnReport, read_columns, suggest

__all__ = [
    "INSEE_CODE",
    "VINTAGE_COLUMNS",
    "commune_metadata",
    "current_code_map",
    "departement_of_commune",
    "load_communes",
    "postcode_communes",
    "read_communes",
]

VINTAGE_COLUMNS = (
    "code_insee",
    "nom",
    "departement",
    "epci_siren",
    "epci_nom",
    "population",
    "anciens_codes",
    "geometry",
)
"""Columns of :func:`load_communes` with a ``vintage``, in this order."""

INSEE_CODE = re.compile(r"^(\d{5}|2[AB]\d{3})$")


def departement_of_commune(code: str) -> str:
    """Department of an INSEE commune code: ``'59350'`` -> ``'59'``, ``'97411'`` -> ``'974'``.

    Examples
    --------
    >>> departement_of_commune("2A004"), departement_of_commune("97105")
    ('2A', '971')
    """
    return code[:3] if code.startswith("97") else code[:2]


def load_communes(
    path: PathLike | None = None,
    *,
    departement: str | Iterable[str] | None = None,
    layer: str | int | None = None,
    crs: str | CRS | None = None,
    source_crs: str | CRS | None = None,
    vintage: int | None = None,
) -> gpd.GeoDataFrame:
    """Read commune contours with their INSEE code, in their territory's projection.

    With a ``vintage`` (2022 or 2026), the current communes of that year: the contours
    read (COG 2018 for the embedded ones) are dissolved by the code of the commune they
    belong to in that year (a merged commune takes the contours of its former communes,
    found in the ``anciens_codes`` of the Etalab metadata and in its communes déléguées
    and associées), with the name, EPCI and municipal population of that year.

    Parameters
    ----------
    path
        A GeoJSON, GeoPackage, shapefile or zipped shapefile of communes (IGN Admin
        Express ``INSEE_COM``/``NOM``, or ``code``/``nom``). ``None`` reads the embedded
        2018 communes of Occitanie and of the Nord, Pas-de-Calais and Val-d'Oise.
    departement
        Keep the communes of these departments (``"59"`` or ``["31", "34"]``); with the
        embedded data only the needed files are read.
    layer
        The layer to read when the file holds several (a GeoPackage, a zip of several
        shapefiles): its name, or its position from 0. Without it such a file is an
        error that lists its layers.
    crs
        The working CRS of the result, as for :func:`avs_geo.load_qpv` (None: the
        official projection of the layer's territory).
    source_crs
        The CRS of the coordinates of a file that declares none (a shapefile without
        its .prj): ``--crs-fichiers``. Never used for a file that declares its CRS.
    vintage
        ``None`` (the codes of the file as they are), ``2022`` or ``2026``: the
        communes of that year, with the columns of :data:`VINTAGE_COLUMNS`.

    Returns
    -------
    geopandas.GeoDataFrame
        ``code_insee`` (str, unique), ``nom``, ``departement`` and geometry; with a
        ``vintage`` also ``epci_siren``, ``epci_nom`` (NA for the few communes outside
        any EPCI, such as the islands of Bréhat, Sein, Ouessant and Yeu), ``population``
        (Int64) and ``anciens_codes`` (tuple of the codes that name a part of it: former
        communes merged into it, communes déléguées and associées; a structure or
        candidate zone naming one takes this commune, with a warning).

    Raises
    ------
    UnknownCodeError
        With a ``vintage``, a code of the file is neither a commune of that year nor a
        former code of one (the message lists them).

    Warns
    -----
    AvsGeoWarning
        With a ``vintage``, communes of that year in the departments of the file that
        have no contour in it (their codes are listed).

    Examples
    --------
    >>> nord = load_communes(departement="59")
    >>> len(nord), nord.crs.to_epsg()
    (648, 2154)
    >>> nord.loc[nord.code_insee == "59350", "nom"].item()
    'Lille'
    >>> nord22 = load_communes(departement="59", vintage=2022)
    >>> len(nord22), int(nord22.population.sum()), nord22.epci_siren.nunique()
    (648, 2607746, 17)
    """
    return read_communes(
        path, departement=departement, layer=layer, crs=crs, source_crs=source_crs, vintage=vintage
    )[0]


def read_communes(
    path: PathLike | None = None,
    *,
    departement: str | Iterable[str] | None = None,
    layer: str | int | None = None,
    crs: str | CRS | None = None,
    source_crs: str | CRS | None = None,
    vintage: int | None = None,
) -> tuple[gpd.GeoDataFrame, ColumnReport | None]:
    """:func:`load_communes`, and the report of the columns it read.

    The report is None for the embedded communes (several files).

    The report says which header was read as what; the command line prints it.
    """
    if vintage is not None:
        _check_vintage(vintage)
    wanted = None if departement is None else departement_codes(departement)
    if path is None:
        frames = [
            _read_one(get_path(name), layer=None, crs=crs)[0] for name in _embedded_files(wanted)
        ]
        gdf = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs=frames[0].crs)
        source = "embedded communes"
        report = None
    else:
        source = str(path)
        gdf, report = _read_one(
            existing_path(path, what="communes"), layer=layer, crs=crs, source_crs=source_crs
        )
    _check_unique(gdf, source)
    if wanted is not None:
        kept = gdf[gdf["departement"].isin(wanted)]
        if len(kept) == 0:
            have = sorted(gdf["departement"].unique())
            raise ParameterError(
                read_message(
                    "no_departement_communes",
                    wanted=format_ids(wanted),
                    source=source,
                    have=format_ids(have),
                )
            )
        gdf = kept.reset_index(drop=True)
    if vintage is not None:
        gdf = _to_vintage(gdf, vintage, source)
    return gdf, report


def _check_vintage(vintage: object) -> int:
    if isinstance(vintage, bool) or vintage not in COMMUNE_VINTAGES:
        raise ParameterError(
            read_message(
                "vintage", got=vintage, vintages=", ".join(str(v) for v in COMMUNE_VINTAGES)
            ),
            parameters=("vintage",),
        )
    return int(vintage)


@lru_cache(maxsize=4)
def _metadata(vintage: int) -> pd.DataFrame:
    table = pd.read_csv(
        get_path(f"communes_{vintage}_metadonnees"), dtype=str, keep_default_na=False
    )
    table = table.replace("", pd.NA)
    return table.assign(
        population=pd.to_numeric(table["population"]).astype("Int64"),
        anciens_codes=table["anciens_codes"].map(
            lambda v: () if pd.isna(v) else tuple(v.split(";"))
        ),
        codes_postaux=table["codes_postaux"].map(
            lambda v: () if pd.isna(v) else tuple(v.split(";"))
        ),
    )


@lru_cache(maxsize=4)
def _delegated(vintage: int) -> pd.DataFrame:
    return pd.read_csv(
        get_path(f"communes_{vintage}_deleguees_associees"), dtype=str, keep_default_na=False
    )


def commune_metadata(vintage: int) -> pd.DataFrame:
    """The current communes of a vintage (Etalab metadata), without contours.

    Parameters
    ----------
    vintage
        ``2022`` or ``2026``.

    Returns
    -------
    pandas.DataFrame
        One row per commune of that year: ``code_insee``, ``nom``, ``departement``,
        ``epci_siren``, ``epci_nom``, ``population`` (Int64, municipal population of
        the year), ``codes_postaux`` (tuple of its postcodes) and ``anciens_codes``
        (tuple of the former codes merged into it).

    Examples
    --------
    >>> meta = commune_metadata(2022)
    >>> nord = meta[meta.departement == "59"]
    >>> len(nord), int(nord.population.sum()), nord.epci_siren.nunique()
    (648, 2607746, 17)
    """
    return _metadata(_check_vintage(vintage)).copy()


def postcode_communes(
    vintage: int | None = None,
) -> dict[str, tuple[tuple[str, str, tuple[str, ...]], ...]]:
    """Postcode -> the communes it serves: ``(code, name, codes of its parts)`` each.

    A postcode often serves several communes (``59780``: Baisieux, Camphin-en-
    Pévèle...), and a big city has several postcodes. The parts of a commune are its
    own code and the codes of the former communes merged into it, so that a zone on
    contours older than the vintage (the embedded 2018 ones) gets every piece.

    Parameters
    ----------
    vintage
        ``2022`` or ``2026`` (default: the latest).

    Examples
    --------
    >>> codes = postcode_communes()
    >>> [c[:2] for c in codes["59350"]]
    [('59527', 'Saint-André-lez-Lille')]
    >>> sorted(c[0] for c in codes["59000"])
    ['59350']
    """
    return dict(_postcodes(_check_vintage(COMMUNE_VINTAGES[-1] if vintage is None else vintage)))


@lru_cache(maxsize=4)
def _postcodes(vintage: int) -> dict[str, tuple[tuple[str, str, tuple[str, ...]], ...]]:
    meta = _metadata(vintage)
    parts = _former_by_current(vintage)
    found: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {}
    for code, name, postcodes in zip(
        meta["code_insee"], meta["nom"], meta["codes_postaux"], strict=True
    ):
        entry = (str(code), str(name), (str(code), *parts.get(code, ())))
        for postcode in postcodes:
            found.setdefault(postcode, []).append(entry)
    return {k: tuple(v) for k, v in found.items()}


def current_code_map(vintage: int) -> pd.Series:
    """Every commune code known to a vintage -> the code of its commune in that year.

    Current codes map to themselves; the ``anciens_codes`` of a commune and its communes
    déléguées, associées and municipal arrondissements map to it.

    Parameters
    ----------
    vintage
        ``2022`` or ``2026``.

    Returns
    -------
    pandas.Series
        Indexed by code (str, unique), values the current code (str).

    Examples
    --------
    >>> codes = current_code_map(2022)
    >>> codes["59350"], codes["59355"], codes["75101"]
    ('59350', '59350', '75056')
    """
    return _code_map(_check_vintage(vintage)).copy()


@lru_cache(maxsize=4)
def _code_map(vintage: int) -> pd.Series:
    meta = _metadata(vintage)
    delegated = _delegated(vintage)
    former = meta[["code_insee", "anciens_codes"]].explode("anciens_codes").dropna()
    pairs = pd.concat(
        [
            pd.Series(meta["code_insee"].to_numpy(), index=meta["code_insee"].to_numpy()),
            pd.Series(former["code_insee"].to_numpy(), index=former["anciens_codes"].to_numpy()),
            pd.Series(
                delegated["commune_parente"].to_numpy(), index=delegated["code_insee"].to_numpy()
            ),
        ]
    )
    # a current code first: a commune déléguée that kept its parent's code maps to it
    return pairs[~pairs.index.duplicated(keep="first")].astype(str)


@lru_cache(maxsize=4)
def _former_by_current(vintage: int) -> pd.Series:
    """Current code -> tuple of the codes that name a part of it: the ``anciens_codes``
    of the metadata and its communes déléguées and associées (not the municipal
    arrondissements, which were never communes: a zone naming one is not widened to
    the whole city)."""
    meta = _metadata(vintage)
    delegated = _delegated(vintage)
    delegated = delegated[delegated["type"] != "arrondissement-municipal"]
    former = meta[["code_insee", "anciens_codes"]].explode("anciens_codes").dropna()
    pairs = pd.DataFrame(
        {
            "current": [*former["code_insee"], *delegated["commune_parente"]],
            "code": [*former["anciens_codes"], *delegated["code_insee"]],
        }
    )
    pairs = pairs[pairs["current"] != pairs["code"]].drop_duplicates()
    grouped = pairs.sort_values("code").groupby("current")["code"].agg(tuple)
    return grouped.reindex(meta["code_insee"]).map(lambda v: v if isinstance(v, tuple) else ())


def _to_vintage(gdf: gpd.GeoDataFrame, vintage: int, source: str) -> gpd.GeoDataFrame:
    """Dissolve the contours by their code of ``vintage`` and attach its metadata."""
    meta = _metadata(vintage).set_index("code_insee")
    current = gdf["code_insee"].astype(str).map(_code_map(vintage))
    unmapped = gdf.loc[current.isna(), "code_insee"].astype(str)
    if len(unmapped):
        raise UnknownCodeError(
            read_message(
                "not_in_vintage",
                n=len(unmapped),
                source=source,
                vintage=vintage,
                codes=format_ids(sorted(unmapped)),
            ),
            file=source if source != "embedded communes" else None,
            columns=("code_insee",),
            layer="communes",
        )
    grouped = gpd.GeoDataFrame(
        {"code_insee": current.to_numpy()}, geometry=gdf.geometry.to_numpy(), crs=gdf.crs
    )
    several = grouped["code_insee"].duplicated(keep=False).to_numpy()
    merged = grouped[several].dissolve(by="code_insee", as_index=False)
    out = pd.concat([grouped[~several], merged], ignore_index=True)
    out = out.sort_values("code_insee", kind="stable").reset_index(drop=True)
    info = meta.loc[out["code_insee"]]
    result = gpd.GeoDataFrame(
        {
            "code_insee": out["code_insee"].astype("string").to_numpy(),
            "nom": info["nom"].astype("string").to_numpy(),
            "departement": info["departement"].astype("string").to_numpy(),
            "epci_siren": info["epci_siren"].astype("string").to_numpy(),
            "epci_nom": info["epci_nom"].astype("string").to_numpy(),
            "population": info["population"].to_numpy(),
            "anciens_codes": out["code_insee"].map(_former_by_current(vintage)).to_numpy(),
        },
        geometry=out.geometry.to_numpy(),
        crs=gdf.crs,
    )
    result["population"] = result["population"].astype("Int64")
    result["code_insee"] = result["code_insee"].astype("string")
    _warn_missing(result, meta, gdf, vintage, source)
    return result


def _warn_missing(
    result: pd.DataFrame, meta: pd.DataFrame, read: pd.DataFrame, vintage: int, source: str
) -> None:
    """Warn about communes of the vintage, in the departments read, with no contour."""
    departements = set(read["departement"].astype(str))
    in_scope = meta.index[meta["departement"].isin(departements)]
    missing = sorted(set(in_scope) - set(result["code_insee"].astype(str)))
    if missing:
        warnings.warn(
            read_message(
                "no_contour",
                n=len(missing),
                vintage=vintage,
                source=source,
                codes=format_ids(missing),
            ),
            AvsGeoWarning,
            stacklevel=4,
        )


def _embedded_files(wanted: list[str] | None) -> list[str]:
    if wanted is None:
        return ["communes_occitanie", *COMMUNE_FILES_BY_DEPARTEMENT.values()]
    names = [COMMUNE_FILES_BY_DEPARTEMENT[d] for d in wanted if d in COMMUNE_FILES_BY_DEPARTEMENT]
    if any(d in OCCITANIE_DEPARTEMENTS for d in wanted):
        names.insert(0, "communes_occitanie")
    unknown = [
        d
        for d in wanted
        if d not in COMMUNE_FILES_BY_DEPARTEMENT and d not in OCCITANIE_DEPARTEMENTS
    ]
    if unknown:
        have = sorted([*OCCITANIE_DEPARTEMENTS, *COMMUNE_FILES_BY_DEPARTEMENT])
        raise ParameterError(
            read_message("embedded_communes", unknown=format_ids(unknown), have=format_ids(have))
        )
    return names


def _read_one(
    path: PathLike,
    *,
    layer: str | int | None,
    crs: str | CRS | None,
    source_crs: str | CRS | None = None,
) -> tuple[gpd.GeoDataFrame, ColumnReport]:
    raw = read_vector(existing_path(path, what="communes"), what="communes", layer=layer)
    gdf, report = read_columns(raw, "communes", source=path)
    if "code_insee" not in gdf.columns:
        close = suggest("code_insee", report.unused, "communes")
        hint = read_message("mean_close", close=format_ids(close)) if close else ""
        raise SchemaError(
            read_message("no_insee_column", path=path, columns=describe_columns(raw), hint=hint),
            file=str(path),
            columns=["code_insee"],
        )
    codes = gdf["code_insee"].astype("string").str.strip().str.upper()
    codes = codes.where(~codes.str.fullmatch(r"\d{4}").fillna(False), codes.str.zfill(5))
    bad = sorted({str(c) for c in codes if pd.isna(c) or not INSEE_CODE.match(str(c))})
    if bad:
        raise SchemaError(read_message("bad_insee", path=path, codes=format_ids(bad)))
    gdf = gdf.assign(code_insee=codes)
    if "nom" not in gdf.columns:
        gdf["nom"] = gdf["code_insee"]
    gdf["nom"] = gdf["nom"].astype("string")
    gdf["departement"] = gdf["code_insee"].map(departement_of_commune).astype("string")
    check_polygons(gdf, read_message("communes_layer", path=path), id_column="code_insee")
    gdf, _ = repair_geometries(
        gdf, read_message("communes_layer", path=path), id_column="code_insee"
    )
    gdf = to_target_crs(
        gdf, path=path, crs=crs, what="communes", id_column="code_insee", source_crs=source_crs
    )
    gdf, _ = repair_geometries(
        gdf, read_message("communes_layer_reprojected", path=path), id_column="code_insee"
    )
    out = gpd.GeoDataFrame(
        gdf[["code_insee", "nom", "departement", "geometry"]], geometry="geometry", crs=gdf.crs
    )
    return out, report


def _check_unique(gdf: pd.DataFrame, source: str) -> None:
    dup = gdf.loc[gdf["code_insee"].duplicated(keep=False), "code_insee"]
    if len(dup):
        raise DuplicateIdError(
            read_message(
                "duplicate_insee",
                source=source,
                n=dup.nunique(),
                codes=format_ids(sorted(dup.unique())),
            )
        )
