"""Read the list of structures (centres sociaux, EVS) a CAF keeps in a spreadsheet.

One row per structure: id, name, type, location, agreement dates and its zone of
intervention (communes, QPV, a radius, and/or a drawn perimeter from a separate file).
The schema is in the README; every problem is reported with the file, the column and
the structure ids, and nothing is dropped.
"""

from __future__ import annotations

import difflib
import re
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS

from avs_geo._codes import current_code_lists, split_codes
from avs_geo._dates import date_forms, parse_date_column
from avs_geo._deprecated import perimeters_argument
from avs_geo._i18n.read import read_message
from avs_geo._validate import LAMBERT_93, check_polygons, repair_geometries
from avs_geo.errors import (
    AvsGeoWarning,
    DuplicateIdError,
    GeometryError,
    SchemaError,
    UnknownCodeError,
    format_ids,
)
from avs_geo.read._cells import (
    Coordinates,
    duplicated,
    parse_coordinates,
    parse_ids,
    parse_numbers,
    parse_radii,
)
from avs_geo.read._files import (
    TABLE_SUFFIXES,
    PathLike,
    SheetPath,
    describe_columns,
    existing_path,
    read_sheet,
    read_vector,
    rename_columns,
    shifted_problem,
    simplify_name,
    unnamed_columns,
)
from avs_geo.read._geo import to_target_crs
from avs_geo.read._problems import Problems
from avs_geo.read._vocabulary import (
    VOCABULARY,
    ColumnReport,
    match_headers,
    suggest,
    warn_unused,
)
from avs_geo.read.communes import INSEE_CODE, postcode_communes

__all__ = [
    "STRUCTURE_COLUMNS",
    "check_zone_codes",
    "commune_codes",
    "fold_place",
    "has_zone",
    "load_structures",
    "structures_columns",
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

_ALIASES: dict[str, tuple[str, ...]] = VOCABULARY["structures"]

_TYPES = {
    "cs": "centre_social",
    "centre_social": "centre_social",
    "centres_sociaux": "centre_social",
    "centre_sociaux": "centre_social",
    "csx": "centre_social",
    "social_centre": "centre_social",
    "evs": "evs",
    "e_v_s": "evs",
    "c_s": "centre_social",
    "centre_social_cs": "centre_social",
    "espace_de_vie_sociale_evs": "evs",
    "espace_de_vie_sociale": "evs",
    "espaces_de_vie_sociale": "evs",
    "espace_vie_sociale": "evs",
}
_QPV_CODE = re.compile(r"^Q[PN][0-9A-Z]{6}$")


def load_structures(
    path: PathLike | SheetPath,
    *,
    perimeters: PathLike | gpd.GeoDataFrame | None = None,
    communes: gpd.GeoDataFrame | None = None,
    qpv: gpd.GeoDataFrame | None = None,
    sheet: str | int | None = None,
    crs: str | CRS | None = None,
    source_crs: str | CRS | None = None,
    zones: PathLike | gpd.GeoDataFrame | None = None,
    header_row: int | None = None,
    columns: Mapping[str, str] | None = None,
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
        date; ``date_fin`` is the last day, included; a ``date_fin`` after 2262, such as ``31/12/9999``, means no end), and the
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
        Sheet of an Excel workbook (name or position); by default the sheet whose header
        holds the most known column names (a "Notice" sheet first is passed over).
    crs
        The working CRS of the result, as for :func:`avs_geo.load_qpv` (None: the
        official projection of the layer's territory).
    source_crs
        The CRS of the coordinates of a vector file that declares none (a shapefile or
        perimeters without .prj: ``--crs-fichiers``). Never used for a file that
        declares its CRS; ``x``/``y`` columns are Lambert-93 metres.
    zones
        Deprecated name of ``perimeters`` (avs_geo 0.1), removed in 0.3: warns.
    header_row
        Spreadsheet line of the header; by default the line among the first 15 that
        holds the most known column names (title rows above it are skipped).
    columns
        Your own reading of headers, ``{header: standard column}``, e.g.
        ``{"Fin validité": "date_fin"}``; it wins over the vocabulary
        (``avs_geo.read._vocabulary``, listed in the README).

    Warns
    -----
    AvsGeoWarning
        A column that looks like a date, an id, a name or a zone is not read (the
        warning names it and the ``columns=`` that would read it); total rows below the
        data are left out. Structures without a zone ("à définir", empty) are kept
        here; :func:`avs_geo.build_zones` lists them in a warning and leaves them out
        of the coverage.

    Raises
    ------
    SchemaError, DuplicateIdError, GeometryError
        Every problem of the file at once: the message groups them by kind, and
        ``error.problems`` holds them all (line, column, value, problem, fix).

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
    if isinstance(path, SheetPath):
        sheet = path.sheet if sheet is None else sheet
        header_row = path.header_row if header_row is None else header_row
    source = existing_path(path, what="structures")
    table, lines, report = _read(source, sheet=sheet, header_row=header_row, columns=columns)
    df = table.rename(columns={h: r for r, h in report.used.items()})
    df = df.drop(columns=[c for c in ("adresse",) if c in df.columns and c not in table])
    _check_required(df, table, source, report)
    warn_unused(table, report, _label(source), "structures")
    totals = report.skipped_lines[report.header_line - 1 :]
    if totals:
        warnings.warn(
            read_message("totals", label=_label(source), lines=", ".join(map(str, totals))),
            AvsGeoWarning,
            stacklevel=2,
        )
    problems = Problems(source=_label(source), file=str(source))
    ids = _ids(df, lines, problems)
    df = df.assign(structure_id=pd.Series(ids, index=df.index, dtype="string"))
    df = df.assign(
        nom=df["nom"].astype("string").str.strip() if "nom" in df else df["structure_id"],
        type=_types(df, lines, problems),
        **_dates(df, lines, problems),
        zone_communes=_codes(df, "zone_communes", lines, problems, source, communes),
        zone_qpv=_codes(df, "zone_qpv", lines, problems, source, qpv),
        zone_rayon_m=_radius(df, lines, problems),
    )
    df = df.assign(nom=df["nom"].fillna(df["structure_id"]))
    _check_dates(df, lines, problems)
    gdf = _locate(df, source, crs, lines, problems, source_crs)
    _warn_low_scores(df, source)
    if gdf["position_approchee"].any():
        gdf = _at_commune_centre(gdf, communes, lines, problems, source)
    problems.raise_if_any()
    gdf["zone_polygon"] = _zone_polygons(gdf, perimeters, gdf.crs, source_crs)
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
    extra = [
        c for c in gdf.columns if c not in (*STRUCTURE_COLUMNS, "geometry", "lat", "lon", "x", "y")
    ]
    out = gdf[[*STRUCTURE_COLUMNS, *extra, "geometry"]].reset_index(drop=True)
    return gpd.GeoDataFrame(out, geometry="geometry", crs=gdf.crs)


def structures_columns(
    path: PathLike,
    *,
    sheet: str | int | None = None,
    header_row: int | None = None,
    columns: Mapping[str, str] | None = None,
) -> ColumnReport:
    """How :func:`load_structures` reads the columns of a file, without checking the cells.

    Returns a ``ColumnReport`` (``avs_geo.read._vocabulary``; shown as a table in a
    notebook): the sheet and header line used, the header read for each standard
    column, the columns not read, the title and total lines left out.
    """
    source = existing_path(path, what="structures")
    return _read(source, sheet=sheet, header_row=header_row, columns=columns)[2]


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
            more = f" (+{len(unknown) - 20} autres)" if len(unknown) > 20 else ""
            raise UnknownCodeError(
                read_message(
                    "unknown_codes",
                    n=len(unknown),
                    source=source,
                    layer=what,
                    column=column,
                    shown=shown,
                    more=more,
                ),
                columns=(column,),
                layer=what.lower(),
            )


def _read(
    source: Path,
    *,
    sheet: str | int | None,
    header_row: int | None,
    columns: Mapping[str, str] | None,
) -> tuple[pd.DataFrame, np.ndarray, ColumnReport]:
    """The table, the spreadsheet line of each row, and how its columns are read."""
    if source.suffix.lower() in TABLE_SUFFIXES:
        read = read_sheet(
            source, what="des structures", kind="structures", sheet=sheet, header_row=header_row
        )
        shifted_problem(read.shifted, source, "des structures")
        table, lines = read.frame, read.lines
        sheet_name, header_line = read.sheet, read.header_line
        skipped = (*read.skipped, *read.totals)
        blank = unnamed_columns(table)
        if blank:
            raise SchemaError(
                read_message(
                    "unnamed_headers",
                    label=_label(source),
                    n=len(blank),
                    cells=format_ids(blank),
                    line=header_line,
                    columns=describe_columns(table),
                ),
                file=source,
            )
        sheets = read.sheets
    else:
        table = read_vector(source, what="structures")
        lines = np.arange(len(table)) + 2
        sheet_name, header_line, skipped, sheets = None, 1, (), ()
    mapping = match_headers(table.columns, "structures", columns=columns, source=source)
    used = {role: header for header, role in mapping.items()}
    unused = tuple(c for c in table.columns if c not in mapping and c != "geometry")
    report = ColumnReport(
        file=str(source),
        used=used,
        unused=unused,
        sheet=sheet_name,
        header_line=header_line,
        skipped_lines=tuple(skipped),
        sheets=sheets,
    )
    return table, lines, report


def _check_required(
    df: pd.DataFrame, raw: pd.DataFrame, source: Path, report: ColumnReport
) -> None:
    missing = [c for c in ("structure_id", "type") if c not in df.columns]
    located = (
        isinstance(df, gpd.GeoDataFrame)
        or {"lat", "lon"} <= set(df.columns)
        or {"x", "y"} <= set(df.columns)
        or "commune" in df.columns
    )
    if not located:
        missing += [c for c in ("lat", "lon") if c not in df.columns]
    if missing:
        hints = []
        for role in missing:
            close = suggest(role, report.unused, "structures")
            if close:
                hints.append(
                    read_message("did_you_mean", role=role, close=format_ids(close), first=close[0])
                )
        did_you_mean = (" " + " ; ".join(hints) + ".") if hints else ""
        sheets = (
            read_message("sheets", sheets=format_ids(report.sheets), sheet=report.sheet)
            if len(report.sheets) > 1
            else ""
        )
        raise SchemaError(
            read_message(
                "missing_columns",
                label=_label(source),
                missing=format_ids(missing),
                line=report.header_line,
                columns=describe_columns(raw),
                did_you_mean=did_you_mean,
                sheets=sheets,
            ),
            file=source,
            columns=missing,
        )


def _label(source: Path) -> str:
    """How messages name the structures file."""
    return read_message("structures_label", source=source)


def _ids(df: pd.DataFrame, lines: np.ndarray, problems: Problems) -> np.ndarray:
    cells = parse_ids(df["structure_id"])
    column = "structure_id"
    problems.add(
        problem=read_message("p_no_id"),
        column=column,
        fix=read_message("f_no_id"),
        lines=lines[cells.bad],
        values=df["structure_id"].to_numpy(dtype=object)[cells.bad],
    )
    repeated = duplicated(cells.values)
    problems.add(
        problem=read_message("p_repeated_id"),
        column=column,
        fix=read_message("f_repeated_id"),
        lines=lines[repeated],
        values=cells.values[repeated],
        error=DuplicateIdError,
    )
    return np.where(cells.bad, [read_message("line_id", line=n) for n in lines], cells.values)


def _types(df: pd.DataFrame, lines: np.ndarray, problems: Problems) -> pd.Series:
    folded = df["type"].map(lambda v: simplify_name(v) if isinstance(v, str) else "")
    types = folded.map(_TYPES)
    bad = types.isna().to_numpy()
    problems.add(
        problem=read_message("p_type"),
        column="type",
        fix=read_message("f_type"),
        lines=lines[bad],
        values=df["type"].to_numpy(dtype=object)[bad],
        ids=df["structure_id"].to_numpy(dtype=object)[bad],
    )
    return types.astype("string")


def _dates(df: pd.DataFrame, lines: np.ndarray, problems: Problems) -> dict[str, pd.Series]:
    """``date_agrement`` and ``date_fin``; every cell that is not a date is a problem
    (``date_fin`` after 2262, such as 31/12/9999, means no end)."""
    columns: dict[str, pd.Series] = {}
    for column in ("date_agrement", "date_fin"):
        if column not in df.columns:
            columns[column] = pd.Series(pd.NaT, index=df.index, dtype="datetime64[ns]")
            continue
        parsed = parse_date_column(df[column], open_end=column == "date_fin")
        columns[column] = parsed.values
        cells = df[column].to_numpy(dtype=object)
        ids = df["structure_id"].to_numpy(dtype=object)
        for reason in dict.fromkeys(parsed.reasons):
            where = parsed.failed[np.asarray(parsed.reasons) == reason]
            problems.add(
                problem=read_message("p_date", reason=reason),
                column=column,
                fix=read_message("f_date", forms=date_forms()),
                lines=lines[where],
                values=cells[where],
                ids=ids[where],
            )
    return columns


def _check_dates(df: pd.DataFrame, lines: np.ndarray, problems: Problems) -> None:
    inverted = (
        df["date_fin"].notna()
        & df["date_agrement"].notna()
        & (df["date_fin"] < df["date_agrement"])
    ).to_numpy()
    values = [
        f"{a:%d/%m/%Y} -> {f:%d/%m/%Y}"
        for a, f in zip(
            df.loc[inverted, "date_agrement"], df.loc[inverted, "date_fin"], strict=True
        )
    ]
    problems.add(
        problem=read_message("p_inverted"),
        column="date_fin",
        fix=read_message("f_inverted"),
        lines=lines[inverted],
        values=values,
        ids=df["structure_id"].to_numpy(dtype=object)[inverted],
    )


def _codes(
    df: pd.DataFrame,
    column: str,
    lines: np.ndarray,
    problems: Problems,
    source: Path,
    layer: pd.DataFrame | None = None,
) -> pd.Series:
    """Codes of a zone column; names (of communes or QPV) are looked up in ``layer``."""
    if column not in df.columns:
        return pd.Series([()] * len(df), index=df.index, dtype=object)
    communes = column == "zone_communes"
    pattern = INSEE_CODE if communes else _QPV_CODE
    what = read_message("codes_insee" if communes else "codes_qpv")
    names = _name_index(
        layer, "code_insee" if communes else "code_qpv", "nom" if communes else "nom_qpv"
    )
    lists: list[tuple[str, ...]] = []
    bad: list[tuple[int, object, object]] = []
    no_layer: list[tuple[int, object, object]] = []
    unknown: list[tuple[int, object, object]] = []
    ambiguous: list[tuple[int, object, object]] = []
    duplicated_codes: dict[object, list[str]] = {}
    # The codes written as codes on each row (not found from a name): only they can be
    # postcodes.
    typed: list[set[str]] = []
    for pos, (sid, value) in enumerate(zip(df["structure_id"], df[column], strict=True)):
        if _undefined(value):
            lists.append(())
            typed.append(set())
            continue
        codes = split_codes(value, pad_insee=communes)
        typed.append(set(codes))
        if any(not pattern.match(c) for c in codes) and isinstance(value, str):
            # Not only codes: parts separated by ';' ',' '|' '/' are codes or names.
            codes = []
            typed[-1] = set()
            for part in (p.strip() for p in re.split(r"[;,|/]+", value) if p.strip()):
                code = (
                    part.zfill(5) if communes and part.isdigit() and len(part) == 4 else part
                ).upper()
                if pattern.match(code):
                    codes.append(code)
                    typed[-1].add(code)
                elif _code_like(part, communes):
                    bad.append((pos, part, sid))
                elif names is None:
                    no_layer.append((pos, part, sid))
                else:
                    hits = names.get(fold_place(part), [])
                    if len(hits) == 1:
                        codes.append(hits[0][0])
                    elif len(hits) > 1:
                        ambiguous.append(
                            (pos, f"{part} : " + ", ".join(f"{c} {n}" for c, n in hits), sid)
                        )
                    else:
                        close = difflib.get_close_matches(fold_place(part), list(names), n=1)
                        hint = (
                            read_message("did_you_mean_name", name=names[close[0]][0][1])
                            if close
                            else ""
                        )
                        unknown.append((pos, f"{part}{hint}", sid))
        elif any(not pattern.match(c) for c in codes):
            bad.append((pos, value, sid))
        if len(set(codes)) < len(codes):
            duplicated_codes[sid] = sorted({c for c in codes if codes.count(c) > 1})
        lists.append(tuple(dict.fromkeys(codes)))
    example = "'59350;59360'" if communes else "'QN05901M;QN05902M'"
    layer_name = "communes" if communes else "QPV"
    argument = layer_name.lower()
    for rows, problem, fix in (
        (
            bad,
            read_message("p_bad_codes", what=what),
            read_message("f_bad_codes", what=what, example=example),
        ),
        (
            no_layer,
            read_message("p_names_no_layer", layer=layer_name),
            read_message("f_names_no_layer", argument=argument, what=what),
        ),
        (
            unknown,
            read_message("p_unknown_name", layer=layer_name),
            read_message("f_unknown_name", what=what),
        ),
        (
            ambiguous,
            read_message("p_ambiguous_name", layer=layer_name),
            read_message("f_ambiguous_name", what=what),
        ),
    ):
        problems.add(
            problem=problem,
            column=column,
            fix=fix,
            lines=[lines[p] for p, _, _ in rows],
            values=[v for _, v, _ in rows],
            ids=[i for _, _, i in rows],
            error=SchemaError if rows is bad or rows is no_layer else UnknownCodeError,
        )
    if communes and layer is not None:
        lists = _postcode_zones(
            lists, typed, df["structure_id"].tolist(), lines, problems, layer, source
        )
    if duplicated_codes:
        shown = "; ".join(f"{sid}: {', '.join(c)}" for sid, c in duplicated_codes.items())
        warnings.warn(
            read_message("codes_twice", label=_label(source), column=column, shown=shown),
            AvsGeoWarning,
            stacklevel=4,
        )
    return pd.Series(lists, index=df.index, dtype=object)


def _postcode_zones(
    lists: list[tuple[str, ...]],
    typed: list[set[str]],
    ids: list[object],
    lines: np.ndarray,
    problems: Problems,
    layer: pd.DataFrame,
    source: Path,
) -> list[tuple[str, ...]]:
    """Postcodes written as zones, replaced by the communes they serve.

    A 5-digit code that the communes layer does not hold but La Poste gives as a
    postcode stands for every commune of that postcode (a warning names them). In a
    file that writes postcodes, a code that is both the INSEE code of a commune of the
    layer and the postcode of other communes cannot be read either way: it is a problem
    listing the candidates. Only the codes written as codes (``typed``, per row) are
    read as possible postcodes: a commune written by its name is never ambiguous.
    """
    if "code_insee" not in layer.columns or "nom" not in layer.columns:
        return lists
    known = dict(zip(layer["code_insee"].astype(str), layer["nom"].astype(str), strict=True))
    postcodes = postcode_communes()
    if not any(c not in known and c in postcodes for codes in typed for c in codes):
        return lists  # the usual file: INSEE codes only
    # The codes the layer reads as INSEE codes: its own, and with communes of a vintage
    # the former codes merged into one (replaced by it further on, with a warning).
    insee: dict[str, str] = {c: c for c in known}
    if "anciens_codes" in layer.columns:
        pairs = zip(layer["code_insee"].astype(str), layer["anciens_codes"], strict=True)
        for code, former in pairs:
            insee.update(dict.fromkeys(former if isinstance(former, tuple) else (), code))
    used = {c for codes in typed for c in codes if c not in insee and c in postcodes}
    if not used:
        return lists
    ambiguous: list[tuple[int, str, object]] = []
    widened: dict[str, list[str]] = {}
    out: list[tuple[str, ...]] = []
    for pos, codes in enumerate(lists):
        new: list[str] = []
        for code in codes:
            served = postcodes.get(code, ())
            if (
                code in typed[pos]
                and code in insee
                and served
                and {c for c, _, _ in served} - {code, insee[code]}
            ):
                others = ", ".join(f"{c} {n}" for c, n, _ in served)
                own = known.get(code) or known.get(insee[code]) or insee[code]
                ambiguous.append(
                    (
                        pos,
                        read_message("postcode_both", code=code, own=own, others=others),
                        ids[pos],
                    )
                )
            if code in used:
                parts = [p for _, _, pieces in served for p in pieces if p in known]
                if parts:
                    new += parts
                    if len(served) > 1:
                        names = ", ".join(f"{n} ({c})" for c, n, _ in served)
                        widened.setdefault(f"{code} -> {names}", []).append(str(ids[pos]))
                    continue
            new.append(code)
        out.append(tuple(dict.fromkeys(new)))
    problems.add(
        problem=read_message("p_postcode_both"),
        column="zone_communes",
        fix=read_message("f_postcode_both"),
        lines=[lines[p] for p, _, _ in ambiguous],
        values=[v for _, v, _ in ambiguous],
        ids=[i for _, _, i in ambiguous],
        error=UnknownCodeError,
    )
    if widened:
        shown = read_message("summary_join").join(
            read_message("postcode_entry", served=k, ids=format_ids(v)) for k, v in widened.items()
        )
        warnings.warn(
            read_message("postcodes_widened", label=_label(source), shown=shown),
            AvsGeoWarning,
            stacklevel=5,
        )
    return out


def _code_like(part: str, communes: bool) -> bool:
    """A part that is a (malformed) code rather than a name: digits, or ``QP``/``QN`` and digits."""
    text = part.strip().upper()
    if not re.search(r"[A-Z]", text) or re.fullmatch(r"[\d\s]+", text):
        return True
    return not communes and bool(re.fullmatch(r"Q[PN][0-9A-Z]*\d[0-9A-Z]*", text))


def _name_index(
    layer: pd.DataFrame | None, code: str, name: str
) -> dict[str, list[tuple[str, str]]] | None:
    """Folded name -> [(code, name)] of a reference layer (None without a layer)."""
    if layer is None or code not in layer.columns or name not in layer.columns:
        return None
    index: dict[str, list[tuple[str, str]]] = {}
    for c, n in zip(layer[code].astype(str), layer[name].astype(str), strict=True):
        entries = index.setdefault(fold_place(n), [])
        if c not in (e[0] for e in entries):
            entries.append((c, n))
    return index


_UNDEFINED = frozenset(
    {
        "a_definir",
        "a_preciser",
        "a_venir",
        "aucune",
        "aucun",
        "en_cours",
        "nd",
        "n_a",
        "na",
        "inconnu",
        "inconnue",
        "tbd",
        "to_be_defined",
        "sans",
        "sans_zone",
        "non_defini",
        "non_definie",
        "x",
        "?",
        "",
    }
)


def _undefined(value: object) -> bool:
    """A zone cell that says the zone is not known yet ("à définir", "?", "-")."""
    if not isinstance(value, str):
        return False
    text = value.strip()
    return text in {"-", "?", "--", "/"} or simplify_name(text) in _UNDEFINED


def _radius(df: pd.DataFrame, lines: np.ndarray, problems: Problems) -> pd.Series:
    if "zone_rayon_m" not in df.columns:
        return pd.Series(np.nan, index=df.index, dtype=float)
    raw = df["zone_rayon_m"].map(lambda v: None if _undefined(v) else v)
    cells = parse_radii(raw)
    problems.add(
        problem=read_message("p_radius"),
        column="zone_rayon_m",
        fix=read_message("f_radius"),
        lines=lines[cells.bad],
        values=df["zone_rayon_m"].to_numpy(dtype=object)[cells.bad],
        ids=df["structure_id"].to_numpy(dtype=object)[cells.bad],
    )
    return pd.Series(cells.values, index=df.index, dtype=float)


def _locate(
    df: pd.DataFrame,
    source: Path,
    crs: str | CRS | None,
    lines: np.ndarray,
    problems: Problems,
    source_crs: str | CRS | None = None,
) -> gpd.GeoDataFrame:
    ids = df["structure_id"].to_numpy(dtype=object)
    if isinstance(df, gpd.GeoDataFrame) and not {"lat", "lon"} <= set(df.columns):
        gdf = df
        types = shapely.get_type_id(gdf.geometry.to_numpy())
        not_point = (types != 0) & ~shapely.is_missing(gdf.geometry.to_numpy())
        if not_point.any():
            raise GeometryError(
                read_message(
                    "not_points",
                    source=source,
                    n=int(not_point.sum()),
                    ids=format_ids(gdf.loc[not_point, "structure_id"]),
                ),
                file=source,
                parameters=("perimeters",),
            )
        gdf = gdf.assign(position_approchee=False)
    else:
        lat, lon, approx = _coordinates(df, ids, lines, problems)
        ok = ~np.isnan(lat) & ~np.isnan(lon)
        points = shapely.points(np.where(ok, lon, 0.0), np.where(ok, lat, 0.0))
        drop = [c for c in ("lat", "lon", "x", "y") if c in df.columns]
        lambert = not {"lat", "lon"} <= set(df.columns) and {"x", "y"} <= set(df.columns)
        gdf = gpd.GeoDataFrame(
            df.drop(columns=drop).assign(position_approchee=approx),
            geometry=list(np.where(ok, points, None)),
            crs="EPSG:4326",
        )
        if lambert:
            gdf = gdf.set_crs(LAMBERT_93, allow_override=True)
        if problems:
            return gdf
    geoms = gdf.geometry.to_numpy()
    missing = (shapely.is_missing(geoms) | shapely.is_empty(geoms)) & ~gdf[
        "position_approchee"
    ].to_numpy(dtype=bool)
    if missing.any():
        raise GeometryError(
            read_message(
                "no_location",
                label=_label(source),
                ids=format_ids(gdf.loc[missing, "structure_id"]),
            ),
            file=source,
        )
    return to_target_crs(
        gdf, path=source, crs=crs, what="structures", id_column="structure_id",
        source_crs=source_crs,
    )  # fmt: skip


def _coordinates(
    df: pd.DataFrame, ids: np.ndarray, lines: np.ndarray, problems: Problems
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Latitude, longitude (WGS84) and the approximate-location mask of each row."""
    n = len(df)
    nan = pd.Series([None] * n, index=df.index, dtype=object)
    if {"lat", "lon"} <= set(df.columns):
        coords = parse_coordinates(df["lat"], df["lon"])
        names = ("lat", "lon")
    elif {"x", "y"} <= set(df.columns):
        coords = _from_lambert(df["x"], df["y"])
        names = ("x", "y")
    else:
        coords = parse_coordinates(nan, nan)
        names = ("lat", "lon")
    column = f"{names[0]}/{names[1]}"
    problems.add(
        problem=read_message("p_coordinate"),
        column=column,
        fix=read_message("f_coordinate"),
        lines=lines[coords.bad],
        values=np.asarray(df.get(names[0], nan), dtype=object)[coords.bad],
        ids=ids[coords.bad],
        error=GeometryError,
    )
    lat, lon = coords.lat.copy(), coords.lon.copy()
    approx = np.zeros(n, dtype=bool)
    missing = coords.missing.copy()
    if missing.any() and "commune" in df.columns:
        approx = missing.copy()
        missing = np.zeros(n, dtype=bool)
    problems.add(
        problem=read_message("p_unlocated"),
        column=column,
        fix=read_message("f_unlocated"),
        lines=lines[missing],
        values=[None] * int(missing.sum()),
        ids=ids[missing],
        error=GeometryError,
    )
    problems.add(
        problem=read_message("p_degrees_range" if names[0] == "lat" else "p_lambert_range"),
        column=column,
        fix=read_message("f_degrees_range" if names[0] == "lat" else "f_lambert_range"),
        lines=lines[coords.out_of_range],
        values=[
            f"{a}, {o}"
            for a, o in zip(lat[coords.out_of_range], lon[coords.out_of_range], strict=True)
        ],
        ids=ids[coords.out_of_range],
        error=GeometryError,
    )
    problems.add(
        problem=read_message("p_swapped"),
        column=column,
        fix=read_message("f_swapped"),
        lines=lines[coords.swapped],
        values=[f"{a}, {o}" for a, o in zip(lat[coords.swapped], lon[coords.swapped], strict=True)],
        ids=ids[coords.swapped],
        error=GeometryError,
    )
    if approx.any():
        lat[approx], lon[approx] = np.nan, np.nan
    return lat, lon, approx


LOW_SCORE = 0.5
"""Below this ``result_score`` of the national address base geocoder, a point is doubtful."""


def _warn_low_scores(df: pd.DataFrame, source: Path) -> None:
    """Warn about the structures the address geocoder placed with a low score."""
    if "result_score" not in df.columns:
        return
    scores = parse_numbers(df["result_score"]).values
    low = ~np.isnan(scores) & (scores < LOW_SCORE)
    if low.any():
        shown = ", ".join(
            f"{sid!r} ({score:.2f})"
            for sid, score in zip(df.loc[low, "structure_id"], scores[low], strict=True)
        )
        warnings.warn(
            read_message(
                "low_score", label=_label(source), limit=LOW_SCORE, n=int(low.sum()), shown=shown
            ),
            AvsGeoWarning,
            stacklevel=3,
        )


def _at_commune_centre(
    gdf: gpd.GeoDataFrame,
    communes: gpd.GeoDataFrame | None,
    lines: np.ndarray,
    problems: Problems,
    source: Path,
) -> gpd.GeoDataFrame:
    """Place the structures without coordinates at a point inside their commune, and warn."""
    approx = gdf["position_approchee"].to_numpy(dtype=bool)
    ids = gdf["structure_id"].to_numpy(dtype=object)
    if communes is None:
        problems.add(
            problem=read_message("p_commune_no_layer"),
            column="commune",
            fix=read_message("f_commune_no_layer"),
            lines=lines[approx],
            values=gdf["commune"].to_numpy(dtype=object)[approx],
            ids=ids[approx],
            error=GeometryError,
        )
        return gdf
    found = commune_codes(gdf["commune"], communes)
    unknown = approx & pd.isna(found).to_numpy()
    problems.add(
        problem=read_message("p_unknown_commune"),
        column="commune",
        fix=read_message("f_unknown_commune"),
        lines=lines[unknown],
        values=gdf["commune"].to_numpy(dtype=object)[unknown],
        ids=ids[unknown],
    )
    if problems:
        return gdf
    layer = communes.to_crs(gdf.crs) if communes.crs != gdf.crs else communes
    centres = pd.Series(
        layer.geometry.representative_point().to_numpy(),
        index=layer["code_insee"].astype(str).to_numpy(),
    )
    centres = centres[~centres.index.duplicated()]
    geometry = gdf.geometry.to_numpy().copy()
    geometry[approx] = centres.reindex(found[approx]).to_numpy()
    out = gdf.set_geometry(gpd.GeoSeries(geometry, index=gdf.index, crs=gdf.crs))
    warnings.warn(
        read_message(
            "approximate", label=_label(source), n=int(approx.sum()), ids=format_ids(ids[approx])
        ),
        AvsGeoWarning,
        stacklevel=4,
    )
    return out


def commune_codes(values: pd.Series, communes: pd.DataFrame) -> pd.Series:
    """The INSEE code of each cell (a code, or a commune name); None when not found."""
    known = set(communes["code_insee"].astype(str))
    names: dict[str, list[str]] = {}
    if "nom" in communes.columns:
        for code, name in zip(
            communes["code_insee"].astype(str), communes["nom"].astype(str), strict=True
        ):
            names.setdefault(fold_place(name), []).append(code)
    out: list[str | None] = []
    for value in values.to_numpy(dtype=object):
        codes = split_codes(value, pad_insee=True) if not pd.isna(value) else []
        if len(codes) == 1 and codes[0] in known:
            out.append(codes[0])
            continue
        hits = names.get(fold_place(value), []) if isinstance(value, str) else []
        out.append(hits[0] if len(hits) == 1 else None)
    return pd.Series(out, index=values.index, dtype=object)


def fold_place(name: object) -> str:
    """A place name folded for matching: accents, case, hyphens, "St" and articles ignored.

    Examples
    --------
    >>> fold_place("Marcq-en-Barœul"), fold_place("MARCQ EN BAROEUL")
    ('marcq_en_baroeul', 'marcq_en_baroeul')
    >>> fold_place("St-André-lez-Lille"), fold_place("Le Quesnoy"), fold_place("Quesnoy (Le)")
    ('saint_andre_lez_lille', 'quesnoy', 'quesnoy')
    """
    text = str(name).replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae")
    words = simplify_name(text).split("_")
    words = ["saint" if w == "st" else "sainte" if w == "ste" else w for w in words if w]
    while words and words[0] in ("le", "la", "les", "l"):
        words = words[1:]
    while words and words[-1] in ("le", "la", "les", "l"):
        words = words[:-1]
    return "_".join(words)


def _from_lambert(x: pd.Series, y: pd.Series) -> Coordinates:
    """Lambert-93 metres, with the masks of :func:`parse_coordinates` (``lat`` holds y,
    ``lon`` x); values that cannot be metropolitan Lambert-93 metres are out of range."""
    xs, ys = parse_numbers(x), parse_numbers(y)
    bad = xs.bad | ys.bad
    missing = ~bad & (np.isnan(xs.values) | np.isnan(ys.values))
    present = ~bad & ~missing
    out = present & ~(
        (xs.values > 0)
        & (xs.values < 1_300_000)
        & (ys.values > 6_000_000)
        & (ys.values < 7_200_000)
    )
    return Coordinates(
        lat=ys.values,
        lon=xs.values,
        bad=bad,
        missing=missing,
        out_of_range=out,
        swapped=np.zeros(len(bad), dtype=bool),
    )


def _zone_polygons(
    structures: gpd.GeoDataFrame,
    zones: PathLike | gpd.GeoDataFrame | None,
    crs: str | CRS,
    source_crs: str | CRS | None = None,
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
            read_message("perimeters_no_id", name=name, columns=describe_columns(raw)),
            columns=("structure_id",),
        )
    gdf = gdf.assign(structure_id=pd.array(parse_ids(gdf["structure_id"]).values, dtype="string"))
    layer = read_message("perimeters_layer", name=name)
    check_polygons(gdf, layer, id_column="structure_id")
    gdf, _ = repair_geometries(gdf, layer, id_column="structure_id")
    gdf = to_target_crs(
        gdf, path=name, crs=crs, what="zones", id_column="structure_id", source_crs=source_crs
    )
    unknown = sorted(set(gdf["structure_id"]) - set(structures["structure_id"]))
    if unknown:
        raise UnknownCodeError(
            read_message("perimeters_unknown", name=name, ids=format_ids(unknown)),
            columns=("structure_id",),
        )
    merged = gdf.dissolve(by="structure_id").geometry
    values = structures["structure_id"].map(merged)
    return gpd.GeoSeries(values.to_numpy(), index=structures.index, crs=structures.crs)


def has_zone(structures: pd.DataFrame) -> pd.Series:
    """True for the structures that have a zone of intervention (codes, radius or polygon)."""
    has = (
        structures["zone_communes"].map(len).gt(0)
        | structures["zone_qpv"].map(len).gt(0)
        | structures["zone_rayon_m"].gt(0)
    )
    if "zone_polygon" in structures.columns:
        has |= structures["zone_polygon"].notna()
    return has


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
