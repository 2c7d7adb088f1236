"""The territory diagnostic of a Sdsf: white zones, network and QPV classes by EPCI or territory.

From the commune coverage of :func:`avs_geo.coverage.communes.commune_coverage` and the
structures (``avs_geo.load_structures``):

* :func:`territory_table`: by EPCI, territory or department, the communes and
  inhabitants without any offer, the centres sociaux and EVS active at the date, the
  inhabitants per structure and, given a QPV coverage frame, its classes side by side;
* :func:`network_table`: the CS and EVS active at the date, created and closed during
  its year;
* :func:`commune_table`: one row per commune, for the Communes sheet;
* :func:`white_zone_sentence`: "x communes (y habitants) ne sont couvertes par aucune
  structure d'animation de la vie sociale".

No file is read or written here: the tables are :class:`avs_geo.Table` with declared
formats, for the writers.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import shapely

from avs_geo._dates import DateLike, format_date, parse_date
from avs_geo._i18n import STATUSES, Language, _check_language, message
from avs_geo._i18n.report import MESSAGES, TOTAL_LABEL
from avs_geo._i18n.territories import (
    COMMUNE_HEADERS,
    COMMUNE_STATUS_LABELS,
    GROUP_LEVEL_HEADERS,
    NETWORK_HEADERS,
    NO_OFFER_LABEL,
    TERRITORY_HEADERS,
    UNASSIGNED,
    WHITE_ZONE_SENTENCE,
)
from avs_geo._table import FormatKind, Table, with_formats
from avs_geo._typography import format_number
from avs_geo._validate import check_columns
from avs_geo.coverage._frame import check_coverage
from avs_geo.errors import AvsGeoWarning, InputTypeError, ParameterError, SchemaError, format_ids
from avs_geo.read.territories import territory_of_communes
from avs_geo.zones import _active_mask

__all__ = [
    "LEVELS",
    "commune_groups",
    "commune_table",
    "diagnostic_levels",
    "diagnostic_tables",
    "network_table",
    "structure_communes",
    "structure_counts",
    "territory_table",
    "white_zone_sentence",
]

LEVELS: tuple[str, ...] = ("territoire", "epci", "departement", "commune")
"""The groupings a table can be made by (``by=``), coarsest first."""

_QPV_COLUMNS: dict[str, tuple[str, ...]] = {
    "territoire": ("territoire",),
    "epci": ("epci_nom", "epci"),
    "departement": ("departement",),
    "commune": ("nom_commune", "commune"),
}
"""Columns of a QPV coverage frame that can hold its group, by level, in order of preference."""

TERRITORY_FORMATS: dict[str, FormatKind] = {
    **dict.fromkeys(
        (
            "n_communes",
            "population",
            "n_no_offer",
            "population_no_offer",
            "uncovered_population",
            "n_centre_social",
            "n_evs",
            "per_centre_social",
            "per_evs",
            "qpv_full",
            "qpv_partial",
            "qpv_none",
        ),
        "integer",
    ),
    "uncovered_share": "percent1",
}


def _levels(by: str | Sequence[str]) -> tuple[str, ...]:
    levels = (by,) if isinstance(by, str) else tuple(by)
    bad = [level for level in levels if level not in LEVELS]
    if bad or not levels:
        raise ParameterError(
            message(MESSAGES, "levels", levels=format_ids(LEVELS), got=by),
            parameters=("by",),
        )
    return levels


def _territory_map(territories: object) -> dict[str, str] | None:
    if territories is None or isinstance(territories, pd.DataFrame):
        return None
    if isinstance(territories, pd.Series):
        territories = territories.to_dict()
    if not isinstance(territories, Mapping):
        raise InputTypeError(message(MESSAGES, "territories_type", got=type(territories).__name__))
    return {str(k): str(v) for k, v in territories.items()}


def commune_groups(
    communes: pd.DataFrame,
    by: str | Sequence[str],
    *,
    territories: pd.DataFrame | Mapping[str, str] | pd.Series | None = None,
    language: Language = "fr",
) -> pd.DataFrame:
    """The group of each commune at each level of ``by`` (labels, "Non renseigné" when unknown).

    Parameters
    ----------
    communes : pandas.DataFrame
        ``code_insee`` and, by level, ``epci_nom`` (EPCI), ``departement``, ``nom``.
    by : str or sequence of str
        Levels among :data:`LEVELS`.
    territories : DataFrame or mapping, optional
        :func:`avs_geo.load_territories`, or a mapping commune code or EPCI SIREN ->
        territory name; needed for ``"territoire"``. A commune's own code wins over its
        EPCI's SIREN.

    Returns
    -------
    pandas.DataFrame
        One column per level (named by the level), on the communes' index.

    Examples
    --------
    >>> import pandas as pd
    >>> communes = pd.DataFrame({"code_insee": ["59001", "59002"],
    ...     "epci_siren": ["200068500", None], "epci_nom": ["CA de Cambrai", None]})
    >>> commune_groups(communes, ("territoire", "epci"),
    ...     territories={"200068500": "Cambrésis"}).to_dict("list")
    {'territoire': ['Cambrésis', 'Non renseigné'], 'epci': ['CA de Cambrai', 'Non renseigné']}
    """
    _check_language(language)
    levels = _levels(by)
    mapping = _territory_map(territories)
    check_columns(communes, ["code_insee"], "communes", hint=message(MESSAGES, "communes_hint"))
    missing = UNASSIGNED[language]
    out = pd.DataFrame(index=communes.index)
    codes = communes["code_insee"].astype(str)
    for level in levels:
        if level == "territoire" and isinstance(territories, pd.DataFrame):
            values = territory_of_communes(territories, communes).astype(object)
        elif level == "territoire":
            if mapping is None:
                raise ParameterError(
                    message(MESSAGES, "territories_needed"),
                    parameters=("territories",),
                )
            own = codes.map(mapping)
            if "epci_siren" in communes.columns:
                own = own.fillna(communes["epci_siren"].astype("string").map(mapping))
            values = own
        elif level == "epci":
            check_columns(
                communes, ["epci_nom"], "communes", hint=message(MESSAGES, "epci_vintage_hint")
            )
            values = communes["epci_nom"]
        elif level == "departement":
            values = (
                communes["departement"]
                if "departement" in communes.columns
                else codes.map(lambda c: c[:3] if c.startswith("97") else c[:2])
            )
        else:
            names = communes["nom"].astype(str) if "nom" in communes.columns else codes
            values = names + " (" + codes + ")"
        values = values.astype(object)
        out[level] = values.where(values.notna() & (values.astype(str) != ""), missing).astype(str)
    return out


def structure_communes(structures: pd.DataFrame, communes: pd.DataFrame) -> np.ndarray:
    """Position in ``communes`` of the commune each structure is in (-1 when unknown).

    The commune containing the structure's location (a point); for a structure without
    one, the first commune of its ``zone_communes`` that ``communes`` holds.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import Point, box
    >>> communes = gpd.GeoDataFrame({"code_insee": ["59001", "59002"]},
    ...     geometry=[box(0, 0, 10, 10), box(10, 0, 20, 10)], crs="EPSG:2154")
    >>> structures = gpd.GeoDataFrame({"structure_id": ["A", "B", "C"],
    ...     "zone_communes": [(), ("59002",), ()]},
    ...     geometry=[Point(15, 5), None, None], crs="EPSG:2154")
    >>> structure_communes(structures, communes).tolist()
    [1, 1, -1]
    """
    pos = np.full(len(structures), -1, dtype=np.intp)
    geometry = getattr(structures, "geometry", None)
    cgeoms = getattr(communes, "geometry", None)
    if geometry is not None and cgeoms is not None and len(structures) and len(communes):
        points = np.asarray(geometry.to_numpy(), dtype=object)
        located = np.flatnonzero(
            ~(shapely.is_missing(points) | shapely.is_empty(points))
            & (shapely.get_type_id(points) == 0)
        )
        tree = shapely.STRtree(np.asarray(cgeoms.to_numpy(), dtype=object))
        src, tgt = tree.query(points[located], predicate="intersects")
        first = np.unique(src, return_index=True)[1]
        pos[located[src[first]]] = tgt[first]
    if "zone_communes" in structures.columns:
        index = pd.Index(communes["code_insee"].astype(str))
        for i in np.flatnonzero(pos < 0):
            cell = structures["zone_communes"].iloc[i]
            codes = [str(c) for c in cell] if isinstance(cell, tuple | list) else []
            found = [index.get_loc(c) for c in codes if c in index]
            if found:
                pos[i] = int(found[0])  # type: ignore[arg-type]
    return pos


def _structure_groups(
    structures: pd.DataFrame,
    communes: pd.DataFrame,
    groups: pd.DataFrame,
    language: Language,
) -> pd.DataFrame:
    """The groups of each structure (those of its commune), warning for the unplaced ones."""
    pos = structure_communes(structures, communes)
    out = pd.DataFrame(
        {
            level: np.where(pos >= 0, groups[level].to_numpy()[np.maximum(pos, 0)], "")
            for level in groups.columns
        },
        index=structures.index,
    )
    lost = pos < 0
    if lost.any():
        out.loc[lost] = UNASSIGNED[language]
        warnings.warn(
            message(
                MESSAGES,
                "structures_outside",
                n=int(lost.sum()),
                unassigned=UNASSIGNED[language],
                ids=format_ids(structures["structure_id"].astype(str).to_numpy()[lost]),
            ),
            AvsGeoWarning,
            stacklevel=3,
        )
    return out


def _check_structures(structures: object) -> pd.DataFrame:
    if not isinstance(structures, pd.DataFrame):
        raise InputTypeError(message(MESSAGES, "structures_type", got=type(structures).__name__))
    check_columns(
        structures,
        ["structure_id", "type"],
        "structures",
        hint=message(MESSAGES, "structures_hint"),
    )
    return structures


def _check_commune_coverage(coverage: object) -> pd.DataFrame:
    if not isinstance(coverage, pd.DataFrame):
        raise InputTypeError(
            message(MESSAGES, "commune_coverage_type", got=type(coverage).__name__)
        )
    check_columns(
        coverage,
        ["code_insee", "no_offer", "coverage_ratio", "uncovered_population"],
        "communes",
        hint=message(MESSAGES, "commune_coverage_hint"),
    )
    return coverage


def _at(at: DateLike | None) -> pd.Timestamp | None:
    day = parse_date(at, "at", allow_missing=True)
    return None if day is None else pd.Timestamp(day)


def _population(frame: pd.DataFrame) -> np.ndarray:
    if "population" not in frame.columns:
        return np.full(len(frame), np.nan)
    return pd.to_numeric(frame["population"], errors="coerce").to_numpy(dtype=float)


def territory_table(
    communes: pd.DataFrame,
    *,
    by: str | Sequence[str] = "epci",
    territories: pd.DataFrame | Mapping[str, str] | pd.Series | None = None,
    structures: pd.DataFrame | None = None,
    at: DateLike | None = None,
    coverage: pd.DataFrame | None = None,
    language: Language = "fr",
) -> Table:
    """White zones, network and QPV classes by EPCI, territory or department.

    Parameters
    ----------
    communes : pandas.DataFrame
        The commune coverage (:func:`avs_geo.coverage.communes.commune_coverage`) of
        communes with ``population`` and the columns of the levels (``epci_nom``...).
    by : str or sequence of str, default "epci"
        Levels among :data:`LEVELS`; several give nested rows (territory, then EPCI).
    territories : mapping, optional
        Commune code or EPCI SIREN -> territory (needed for ``"territoire"``).
    structures : pandas.DataFrame, optional
        The structures (``load_structures``), counted in the commune of their location
        (else of the first commune of their zone); only those active at ``at``.
    at : date, optional
        Date of the network (``date_agrement <= at < date_fin``); None counts every
        structure given.
    coverage : pandas.DataFrame, optional
        A QPV coverage frame (``compute_coverage``) with a column per level
        (``territoire``, ``epci_nom`` or ``epci``, ``departement``): its classes are
        counted side by side. A QPV in several groups (tuple cell) counts in each.
    language : {"fr", "en"}, default "fr"

    Returns
    -------
    Table
        One row per group and a Total row: communes, population, communes without any
        offer and their inhabitants, inhabitants outside every zone (area-weighted
        estimate) and their share, centres sociaux and EVS (when ``structures``) with
        inhabitants per structure (empty when there is none), QPV by class (when
        ``coverage``).

    Notes
    -----
    ``population_no_offer = sum of population(c) over the communes no zone reaches``;
    ``uncovered_population = sum_c population(c) * (1 - coverage_ratio(c))`` also
    counts the uncovered parts of the communes a zone reaches in part.
    ``per_evs = population / n_evs``.

    Examples
    --------
    >>> import pandas as pd
    >>> cov = pd.DataFrame({"code_insee": ["59001", "59002", "59003"],
    ...     "epci_nom": ["CA A", "CA A", "CC B"], "population": [1000, 200, 300],
    ...     "coverage_ratio": [1.0, 0.0, 0.5], "no_offer": [False, True, False],
    ...     "uncovered_population": [0.0, 200.0, 150.0]})
    >>> territory_table(cov).iloc[:, :5].to_dict("list")  # doctest: +NORMALIZE_WHITESPACE
    {'EPCI': ['CA A', 'CC B', 'Total'], 'Nombre de communes': [2, 1, 3],
     'Population': [1200.0, 300.0, 1500.0], 'Communes sans offre AVS': [1, 0, 1],
     'Habitants des communes sans offre': [200.0, 0.0, 200.0]}
    """
    _check_language(language)
    levels = _levels(by)
    communes = _check_commune_coverage(communes)
    groups = commune_groups(communes, levels, territories=territories, language=language)
    population = _population(communes)
    no_offer = communes["no_offer"].to_numpy(dtype=bool)
    data = groups.copy()
    data["n_communes"] = 1
    data["population"] = population
    data["n_no_offer"] = no_offer.astype(np.int64)
    data["population_no_offer"] = np.where(no_offer, population, 0.0)
    data["uncovered_population"] = pd.to_numeric(communes["uncovered_population"]).to_numpy(
        dtype=float
    )
    sums = ["n_communes", "population", "n_no_offer", "population_no_offer", "uncovered_population"]
    parts = [_sum_by(data, list(levels), sums)]
    if structures is not None:
        structures = _check_structures(structures)
        active = structures.loc[_active_mask(structures, _at(at))]
        sgroups = _structure_groups(active, communes, groups, language)
        for kind in ("centre_social", "evs"):
            sgroups[f"n_{kind}"] = (active["type"].astype(str) == kind).to_numpy(dtype=np.int64)
        parts.append(_sum_by(sgroups, list(levels), ["n_centre_social", "n_evs"]))
    if coverage is not None:
        parts.append(_qpv_classes(check_coverage(coverage), levels, language))
    table = _join(parts, levels, language)
    table["uncovered_share"] = np.where(
        table["population"] > 0, table["uncovered_population"] / table["population"] * 100, np.nan
    )
    if structures is not None:
        for kind in ("centre_social", "evs"):
            n = table[f"n_{kind}"].to_numpy(dtype=float)
            table[f"per_{kind}"] = np.where(n > 0, table["population"] / np.maximum(n, 1), np.nan)
    order = [c for c in TERRITORY_HEADERS["fr"] if c in table.columns]
    return _headed(table, levels, order, TERRITORY_HEADERS[language], TERRITORY_FORMATS, language)


def _sum_by(data: pd.DataFrame, levels: list[str], columns: list[str]) -> pd.DataFrame:
    return data.groupby(levels, sort=False)[columns].sum(min_count=1).reset_index()


def _qpv_classes(
    coverage: pd.DataFrame, levels: tuple[str, ...], language: Language
) -> pd.DataFrame:
    frame = pd.DataFrame(index=coverage.index)
    for level in levels:
        column = next((c for c in _QPV_COLUMNS[level] if c in coverage.columns), None)
        if column is None:
            raise SchemaError(
                message(
                    MESSAGES,
                    "no_level_column",
                    level=level,
                    expected=format_ids(_QPV_COLUMNS[level]),
                    columns=format_ids(map(str, coverage.columns)),
                )
            )
        values = coverage[column].map(
            lambda v: tuple(str(x) for x in v) if isinstance(v, tuple | list) else v
        )
        frame[level] = values
    frame["status"] = coverage["coverage_status"].astype(str)
    # A QPV in several groups has a tuple per level, paired position by position (its
    # communes' territory and EPCI); a single value is repeated to that length.
    width = frame[list(levels)].map(lambda v: len(v) if isinstance(v, tuple) else 1).max(axis=1)
    for level in levels:
        frame[level] = [
            v if isinstance(v, tuple) and len(v) == n else (v,) * n
            for v, n in zip(frame[level], width, strict=True)
        ]
    frame = frame.explode(list(levels))
    missing = UNASSIGNED[language]
    for level in levels:
        frame[level] = frame[level].where(frame[level].notna(), missing).astype(str)
    for status in STATUSES:
        frame[f"qpv_{status}"] = (frame["status"] == status).astype(np.int64)
    return _sum_by(frame, list(levels), [f"qpv_{s}" for s in STATUSES])


def _join(parts: list[pd.DataFrame], levels: tuple[str, ...], language: Language) -> pd.DataFrame:
    keys = list(levels)
    table = parts[0]
    for part in parts[1:]:
        table = table.merge(part, on=keys, how="outer")
    counts = [c for c in table.columns if c not in keys and c != "uncovered_population"]
    counts = [c for c in counts if c not in ("population", "population_no_offer")]
    table[counts] = table[counts].fillna(0).astype(np.int64)
    missing = UNASSIGNED[language]
    table = table.sort_values(
        keys, key=lambda s: s.map(lambda v: (v == missing, str(v))), ignore_index=True
    )
    total: dict[str, object] = {
        c: table[c].sum(min_count=1) for c in table.columns if c not in keys
    }
    total.update({k: "" for k in keys})
    total[keys[0]] = TOTAL_LABEL[language]
    return pd.concat([table, pd.DataFrame([total])], ignore_index=True)


def _headed(
    table: pd.DataFrame,
    levels: tuple[str, ...],
    order: list[str],
    headers: Mapping[str, str],
    formats: Mapping[str, FormatKind],
    language: Language,
) -> Table:
    out = pd.DataFrame(
        {GROUP_LEVEL_HEADERS[language][level]: table[level].astype(str) for level in levels}
    )
    for column in order:
        out[headers[column]] = table[column].to_numpy()
    return with_formats(out, {headers[c]: kind for c, kind in formats.items() if c in headers})


def network_table(
    structures: pd.DataFrame,
    communes: pd.DataFrame,
    *,
    at: DateLike,
    by: str | Sequence[str] = "epci",
    territories: pd.DataFrame | Mapping[str, str] | pd.Series | None = None,
    language: Language = "fr",
) -> Table:
    """Centres sociaux and EVS active at ``at``, created and closed during its year.

    Parameters
    ----------
    structures : pandas.DataFrame
        ``structure_id``, ``type``, ``date_agrement``, ``date_fin`` and a location
        (``load_structures``).
    communes : pandas.DataFrame
        The communes with the columns of the levels (and their contours to place the
        structures by location).
    at : date
        The date of the network, e.g. ``"31/12/2022"``; the year is its year.
    by, territories, language
        As for :func:`territory_table`.

    Returns
    -------
    Table
        One row per group holding a structure, and a Total row: active CS and EVS,
        created (``date_agrement`` in the year) and closed (``date_fin`` in the year).

    Notes
    -----
    Active: ``date_agrement <= at < date_fin`` (as ``build_zones(..., at=)``; a
    missing date is open). Created in year ``Y``: ``date_agrement`` in ``Y``; closed
    in ``Y``: ``date_fin`` in ``Y``. A structure created and closed within the year
    counts in both.

    Examples
    --------
    >>> import geopandas as gpd
    >>> import pandas as pd
    >>> from shapely import Point, box
    >>> communes = gpd.GeoDataFrame({"code_insee": ["59001"], "epci_nom": ["CA A"]},
    ...     geometry=[box(0, 0, 10, 10)], crs="EPSG:2154")
    >>> structures = gpd.GeoDataFrame({"structure_id": ["A", "B"],
    ...     "type": ["centre_social", "evs"],
    ...     "date_agrement": pd.to_datetime(["2018-01-01", "2022-03-01"]),
    ...     "date_fin": pd.to_datetime(["2022-06-30", None])},
    ...     geometry=[Point(1, 1), Point(2, 2)], crs="EPSG:2154")
    >>> network_table(structures, communes, at="31/12/2022").iloc[0, 1:].astype(int).tolist()
    [0, 1, 0, 1, 1, 0]
    """
    _check_language(language)
    levels = _levels(by)
    structures = _check_structures(structures)
    check_columns(
        structures,
        ["date_agrement", "date_fin"],
        "structures",
        hint=message(MESSAGES, "structures_hint"),
    )
    day = parse_date(at, "at")
    assert day is not None
    stamp = pd.Timestamp(day)
    groups = commune_groups(communes, levels, territories=territories, language=language)
    sgroups = _structure_groups(structures, communes, groups, language)
    active = _active_mask(structures, stamp)
    kind = structures["type"].astype(str).to_numpy()
    start = pd.DatetimeIndex(structures["date_agrement"])
    end = pd.DatetimeIndex(structures["date_fin"])
    created = np.asarray(start.year == day.year, dtype=bool)
    closed = np.asarray(end.year == day.year, dtype=bool)
    counts = []
    for event, mask in (("active", active), ("created", created), ("closed", closed)):
        for k in ("centre_social", "evs"):
            name = f"{event}_{k}"
            sgroups[name] = (mask & (kind == k)).astype(np.int64)
            counts.append(name)
    table = _join([_sum_by(sgroups, list(levels), counts)], levels, language)
    headers = {
        c: h.format(date=format_date(day, language=language), year=day.year)
        for c, h in NETWORK_HEADERS[language].items()
    }
    return _headed(table, levels, counts, headers, dict.fromkeys(counts, "integer"), language)


def commune_table(
    communes: pd.DataFrame,
    *,
    territories: pd.DataFrame | Mapping[str, str] | pd.Series | None = None,
    language: Language = "fr",
) -> Table:
    """One row per commune: population, covered share and inhabitants, class, structures.

    The class is "Commune sans offre AVS" when no zone reaches the commune, else the
    label of its coverage class. Rows keep the order of ``communes``.

    Examples
    --------
    >>> import pandas as pd
    >>> cov = pd.DataFrame({"code_insee": ["59001"], "nom": ["A"], "population": [300],
    ...     "coverage_ratio": [0.0], "no_offer": [True], "coverage_status": ["none"],
    ...     "covered_population": [0.0], "uncovered_population": [300.0],
    ...     "structure_ids": [()]})
    >>> commune_table(cov)["Couverture"].tolist()
    ['Commune sans offre AVS']
    """
    _check_language(language)
    communes = _check_commune_coverage(communes)
    check_columns(
        communes,
        ["coverage_status"],
        "communes",
        hint=message(MESSAGES, "commune_coverage_short_hint"),
    )
    headers = COMMUNE_HEADERS[language]
    table = pd.DataFrame(index=pd.RangeIndex(len(communes)))
    labels = COMMUNE_STATUS_LABELS[language]
    for column, header in headers.items():
        if column == "territoire":
            if territories is None:
                continue
            values = commune_groups(
                communes, "territoire", territories=territories, language=language
            )["territoire"]
        elif column == "class":
            values = pd.Series(
                np.where(
                    communes["no_offer"].to_numpy(dtype=bool),
                    NO_OFFER_LABEL[language],
                    communes["coverage_status"].map(labels).to_numpy(),
                )
            )
        elif column == "structure_ids":
            values = communes[column].map(
                lambda t: ", ".join(t) if isinstance(t, tuple | list) else ""
            )
        elif column not in communes.columns:
            continue
        elif column == "coverage_ratio":
            values = pd.to_numeric(communes[column]) * 100
        else:
            values = communes[column]
        table[header] = np.asarray(values)
    formats: dict[str, FormatKind] = {
        headers["population"]: "integer",
        headers["coverage_ratio"]: "percent1",
        headers["covered_population"]: "integer",
        headers["uncovered_population"]: "integer",
    }
    return with_formats(table, formats)


def white_zone_sentence(
    communes: pd.DataFrame, *, where: str = "", language: Language = "fr"
) -> str:
    """The white-zone sentence of the report.

    Parameters
    ----------
    communes : pandas.DataFrame
        The commune coverage (:func:`avs_geo.coverage.communes.commune_coverage`).
    where : str, default ""
        How the sentence names the territory, e.g. ``" dans le département du Nord"``.

    Examples
    --------
    >>> import pandas as pd
    >>> cov = pd.DataFrame({"code_insee": ["59001", "59002", "59003"],
    ...     "population": [1200, 800, 5000], "coverage_ratio": [0.0, 0.0, 0.9],
    ...     "no_offer": [True, True, False], "uncovered_population": [1200.0, 800.0, 500.0]})
    >>> print(white_zone_sentence(cov))  # doctest: +NORMALIZE_WHITESPACE
    2 communes (2\\xa0000 habitants) ne sont couvertes par aucune structure d'animation de la
    vie sociale. Au total, 2\\xa0500 habitants (estimation au prorata de la surface) vivent
    hors de toute zone d'intervention.
    """
    _check_language(language)
    communes = _check_commune_coverage(communes)
    words = WHITE_ZONE_SENTENCE[language]
    no_offer = communes["no_offer"].to_numpy(dtype=bool)
    population = _population(communes)
    n = int(no_offer.sum())
    if n == 0:
        text = words["none"].format(where=where)
    else:
        text = words["some"].format(
            n=format_number(n, language=language),
            communes=words["one_commune" if n == 1 else "communes"],
            population=format_number(float(np.nansum(population[no_offer])), language=language),
            verb=words["verb_one" if n == 1 else "verb_many"],
            s="" if n == 1 else "s",
            where=where,
        )
    uncovered = pd.to_numeric(communes["uncovered_population"]).to_numpy(dtype=float)
    if np.nansum(uncovered) > np.nansum(np.where(no_offer, population, 0.0)) + 0.5:
        text += words["uncovered"].format(
            uncovered=format_number(float(np.nansum(uncovered)), language=language)
        )
    unknown = np.isnan(population)
    if unknown.any():
        codes = communes["code_insee"].astype(str).to_numpy()[unknown]
        text += words["unknown"].format(n=int(unknown.sum()), codes=format_ids(codes))
    return text


def diagnostic_levels(
    communes: pd.DataFrame,
    territories: pd.DataFrame | Mapping[str, str] | pd.Series | None = None,
) -> tuple[str, ...]:
    """The levels the territory diagnostic groups by, from what is known of the communes.

    Territory then EPCI with ``territories``; EPCI alone when the communes carry it
    (communes of a vintage); the department otherwise.

    Examples
    --------
    >>> import pandas as pd
    >>> communes = pd.DataFrame({"code_insee": ["59001"], "epci_nom": ["CA A"]})
    >>> diagnostic_levels(communes), diagnostic_levels(communes, {"59001": "Flandre"})
    (('epci',), ('territoire', 'epci'))
    """
    epci = ("epci",) if "epci_nom" in communes.columns else ()
    if territories is not None:
        return ("territoire", *epci)
    return epci or ("departement",)


def diagnostic_tables(
    communes: pd.DataFrame,
    *,
    structures: pd.DataFrame | None = None,
    territories: pd.DataFrame | Mapping[str, str] | pd.Series | None = None,
    at: DateLike | None = None,
    coverage: pd.DataFrame | None = None,
    language: Language = "fr",
) -> dict[str, Table]:
    """The tables of the territory diagnostic: communes, territories, network.

    Parameters
    ----------
    communes : pandas.DataFrame
        The commune coverage (:func:`avs_geo.coverage.communes.commune_coverage`).
    structures : pandas.DataFrame, optional
        The structures (``load_structures``, every date): counted in the territories
        table, and the ``"network"`` table when ``at`` is given.
    territories : DataFrame or mapping, optional
        The planner's territories: the tables are then by territory and EPCI.
    at : date, optional
        The date of the situation.
    coverage : pandas.DataFrame, optional
        The QPV coverage: its classes beside the territories when it carries their
        columns (after ``attach_epci`` / ``attach_territories``).
    language : {"fr", "en"}, default "fr"

    Returns
    -------
    dict of str to Table
        ``"communes"`` (:func:`commune_table`), ``"territories"`` (:func:`territory_table`
        by :func:`diagnostic_levels`) and, with ``structures`` and ``at``, ``"network"``
        (:func:`network_table`).

    Examples
    --------
    >>> import pandas as pd
    >>> cov = pd.DataFrame({"code_insee": ["59001", "59002"], "nom": ["A", "B"],
    ...     "epci_nom": ["CA A", "CA A"], "population": [1000, 200],
    ...     "coverage_ratio": [1.0, 0.0], "coverage_status": ["full", "none"],
    ...     "no_offer": [False, True], "covered_population": [1000.0, 0.0],
    ...     "uncovered_population": [0.0, 200.0], "structure_ids": [("S1",), ()]})
    >>> sorted(diagnostic_tables(cov))
    ['communes', 'territories']
    """
    levels = diagnostic_levels(communes, territories)
    qpv = None
    if coverage is not None and all(
        any(c in coverage.columns for c in _QPV_COLUMNS[level]) for level in levels
    ):
        qpv = coverage
    tables = {
        "communes": commune_table(communes, territories=territories, language=language),
        "territories": territory_table(
            communes,
            by=levels,
            territories=territories,
            structures=structures,
            at=at,
            coverage=qpv,
            language=language,
        ),
    }
    if structures is not None and at is not None:
        with warnings.catch_warnings():  # the structures not placed were named above
            warnings.simplefilter("ignore", AvsGeoWarning)
            tables["network"] = network_table(
                structures,
                communes,
                at=at,
                by=levels,
                territories=territories,
                language=language,
            )
    return tables


def structure_counts(
    structures: pd.DataFrame,
    communes: pd.DataFrame,
    *,
    by: str = "territoire",
    territories: pd.DataFrame | Mapping[str, str] | pd.Series | None = None,
    at: DateLike | None = None,
    language: Language = "fr",
) -> pd.DataFrame:
    """The centres sociaux and EVS active at ``at`` in each group of communes.

    Parameters
    ----------
    structures : pandas.DataFrame
        ``structure_id``, ``type`` and a location or ``zone_communes``
        (``load_structures``), counted in the commune of their location.
    communes : pandas.DataFrame
        The communes with the columns of the level (and their contours).
    by : str, default "territoire"
        One level of :data:`LEVELS`.
    territories, at, language
        As for :func:`territory_table` (``at`` None: every structure given).

    Returns
    -------
    pandas.DataFrame
        Indexed by the group of every commune (sorted, "Non renseigné" last when some
        commune or structure has no group): ``centre_social`` and ``evs`` (int).

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import Point, box
    >>> communes = gpd.GeoDataFrame({"code_insee": ["59001", "59002"]},
    ...     geometry=[box(0, 0, 10, 10), box(10, 0, 20, 10)], crs="EPSG:2154")
    >>> structures = gpd.GeoDataFrame({"structure_id": ["A", "B"],
    ...     "type": ["centre_social", "evs"]},
    ...     geometry=[Point(1, 1), Point(15, 5)], crs="EPSG:2154")
    >>> structure_counts(structures, communes,
    ...     territories={"59001": "Flandre", "59002": "Cambrésis"}).to_dict("index")
    {'Cambrésis': {'centre_social': 0, 'evs': 1}, 'Flandre': {'centre_social': 1, 'evs': 0}}
    """
    _check_language(language)
    (level,) = _levels(by)
    structures = _check_structures(structures)
    groups = commune_groups(communes, level, territories=territories, language=language)
    active = structures.loc[_active_mask(structures, _at(at))]
    sgroups = _structure_groups(active, communes, groups, language)
    kind = active["type"].astype(str).to_numpy()
    counts = pd.DataFrame(
        {
            "centre_social": (kind == "centre_social").astype(np.int64),
            "evs": (kind == "evs").astype(np.int64),
        },
        index=pd.Index(sgroups[level].to_numpy(), name=level),
    )
    names = pd.Index(sorted(set(groups[level]) | set(counts.index)), name=level)
    missing = UNASSIGNED[language]
    names = pd.Index([n for n in names if n != missing] + [n for n in names if n == missing])
    return counts.groupby(level).sum().reindex(names, fill_value=0).rename_axis(level)
