"""The per-QPV table: one row per QPV, readable headers and labels."""

from __future__ import annotations

import pandas as pd

from avs_geo._codes import departement_codes
from avs_geo._departements import departement_names
from avs_geo._i18n import STATUS_LABELS, TYPE_LABELS, YES_NO, Language, _check_language
from avs_geo._i18n.report import NO_ZONE_HEADERS, POPULATION_UNKNOWN, QPV_HEADERS
from avs_geo._table import FormatKind, Table, with_formats
from avs_geo._typography import hectares, rounded_percent, whole_numbers
from avs_geo._validate import check_columns
from avs_geo.coverage._frame import check_coverage

QPV_FORMATS: dict[str, FormatKind] = {
    "population": "integer",
    "qpv_area_m2": "decimal2",
    "covered_area_m2": "decimal2",
    "coverage_ratio": "percent1",
    "n_structures": "integer",
    "covered_population": "integer",
}
"""Format of each numeric column of :func:`qpv_table` (keys of QPV_HEADERS)."""

__all__ = ["QPV_HEADERS", "no_zone_table", "qpv_table"]


def qpv_table(
    coverage: pd.DataFrame,
    *,
    zones: pd.DataFrame | None = None,
    language: Language = "fr",
    sort: bool = True,
) -> Table:
    """One row per QPV, sorted by department then code, with readable headers and labels.

    Parameters
    ----------
    coverage : DataFrame
        Per-QPV coverage (:func:`avs_geo.compute_coverage`); columns of the contract
        that are absent are left out of the table.
    zones : DataFrame, optional
        Zones (``structure_id``, ``nom``): structures are then named
        ``"nom (structure_id)"`` instead of by their id.
    language : {"fr", "en"}, default "fr"
    sort : bool, default True
        Rows sorted by department (when ``coverage`` has ``departement``), then QPV
        code; ``False`` keeps the order of ``coverage``.

    Returns
    -------
    Table
        A DataFrame declaring its number formats (``formats``). Areas in hectares (2
        decimals), the coverage rate in percent (1 decimal, see
        ``avs_geo._typography.rounded_percent``), populations as whole numbers (they
        are area-weighted estimates) and ``"non connue"`` (``"unknown"``) when not
        known, the class as a label, structures as one ``", "``-separated string, the
        department's name (INSEE COG) next to its code. ``coverage`` keeps the
        unrounded values.

    Examples
    --------
    >>> import pandas as pd
    >>> coverage = pd.DataFrame({
    ...     "code_qpv": ["QP059001", "QP059002"],
    ...     "coverage_ratio": [1.0, 0.25],
    ...     "coverage_status": ["full", "partial"],
    ...     "structure_ids": [("CS01", "EVS02"), ("CS01",)],
    ... })
    >>> print(qpv_table(coverage).to_string(index=False))
    Code QPV  Taux de couverture (%)            Couverture  Structures
    QP059001                   100.0   Couvert en totalité CS01, EVS02
    QP059002                    25.0 Couvert partiellement        CS01
    """
    _check_language(language)
    check_coverage(coverage)
    names: dict[str, str] = {}
    if zones is not None:
        check_columns(zones, ["structure_id", "nom"], "zones")
        names = {
            str(i): f"{n} ({i})" for i, n in zip(zones["structure_id"], zones["nom"], strict=True)
        }
    headers = QPV_HEADERS[language]
    if sort:
        keys = [c for c in ("departement", "code_qpv") if c in coverage.columns]
        order = coverage[keys].astype(str).assign(_row=range(len(coverage)))
        if "departement" in keys:
            order["departement"] = departement_codes(coverage["departement"].fillna("").tolist())
        coverage = coverage.iloc[order.sort_values([*keys, "_row"])["_row"].to_numpy()]
    table = pd.DataFrame(index=pd.RangeIndex(len(coverage)))
    for column, header in headers.items():
        if column == "nom_departement" and "departement" in coverage.columns:
            table[header] = departement_names(coverage["departement"])
            continue
        if column not in coverage.columns:
            continue
        values = coverage[column].reset_index(drop=True)
        if column in ("qpv_area_m2", "covered_area_m2"):
            values = pd.Series(hectares(pd.to_numeric(values)))
        elif column == "coverage_ratio":
            values = pd.Series(rounded_percent(pd.to_numeric(values)))
        elif column in ("population", "covered_population"):
            values = pd.Series(whole_numbers(pd.to_numeric(values)))
            if values.isna().any():
                unknown = POPULATION_UNKNOWN[language]
                values = values.astype(object).where(values.notna(), unknown)
        elif column == "coverage_status":
            values = values.map(STATUS_LABELS[language])
        elif column == "structure_ids":
            values = values.map(
                lambda ids: (
                    ", ".join(names.get(str(i), str(i)) for i in ids)
                    if isinstance(ids, tuple | list)
                    else ""
                )
            )
        table[header] = values
    return with_formats(table, {headers[c]: kind for c, kind in QPV_FORMATS.items()})


def no_zone_table(structures: pd.DataFrame, *, language: Language = "fr") -> pd.DataFrame:
    """The structures left without a zone (the "Sans zone" table): listed, not counted.

    A structure whose zone is "à définir" or empty counts in no QPV's coverage; the
    run goes on and this table names each one, so that none is dropped in silence.

    Parameters
    ----------
    structures : DataFrame
        The structures without a zone (``structure_id``, ``nom``, ``type``, and when
        present ``commune`` and ``position_approchee``).
    language : {"fr", "en"}, default "fr"

    Returns
    -------
    DataFrame
        One row per structure: id, name, type label, commune and approximate location
        when known, and a note.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"structure_id": ["59-EVS-05"], "nom": ["EVS en projet"],
    ...                   "type": ["evs"]})
    >>> no_zone_table(s).iloc[0, :3].tolist()
    ['59-EVS-05', 'EVS en projet', 'Espace de vie sociale']
    """
    _check_language(language)
    check_columns(structures, ["structure_id"], "structures")
    headers = NO_ZONE_HEADERS[language]
    rows = structures.reset_index(drop=True)
    table = pd.DataFrame({headers["structure_id"]: rows["structure_id"].astype(str)})
    if "nom" in rows.columns:
        table[headers["nom"]] = rows["nom"].astype(object).where(rows["nom"].notna(), "")
    if "type" in rows.columns:
        table[headers["type"]] = [
            TYPE_LABELS[language].get(t, t) if isinstance(t, str) else "" for t in rows["type"]
        ]
    if "commune" in rows.columns:
        table[headers["commune"]] = (
            rows["commune"].astype(object).where(rows["commune"].notna(), "")
        )
    if "position_approchee" in rows.columns:
        table[headers["position_approchee"]] = [
            YES_NO[language][bool(v)] for v in rows["position_approchee"].fillna(False)
        ]
    table[headers["note"]] = headers["note_value"]
    return table
