"""Choose the k candidate sites that, together, close most of the coverage gap.

A maximal covering location problem (MCLP) with the existing network kept: the demand
is what the existing zones leave uncovered, split into demand units (see
:func:`avs_geo.sites.relation.demand_units`), so that two sites covering the same piece
count it once. :func:`greedy_mclp` and :func:`exact_mclp` are the numeric cores (a
sparse candidate x unit matrix in, positions out); :func:`select_sites` is the
geographic wrapper and returns a :class:`SiteSelection`.
"""

from __future__ import annotations

import html
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import scipy.sparse as sp

from avs_geo._i18n import Language, _check_language, message
from avs_geo._i18n.sites import MESSAGES, METHOD_LABELS, SUMMARY_WORDS
from avs_geo._typography import format_number, format_percent, format_ratio
from avs_geo.coverage._overlay import RATIO_SNAP
from avs_geo.coverage.classify import classify_coverage
from avs_geo.errors import AvsGeoWarning, ParameterError, UnknownCodeError, format_ids
from avs_geo.sites.mclp import (
    DEFAULT_TIME_LIMIT_S,
    GAP_NOISE,
    MclpSolution,
    check_time_limit,
    exact_mclp,
    greedy_mclp,
)
from avs_geo.sites.relation import (
    DemandUnits,
    SiteRelation,
    demand_units,
    relation_of,
)

Method = Literal["greedy", "exact"]


@dataclass(frozen=True, eq=False)
class SiteSelection:
    """The sites chosen by :func:`select_sites`, in pick order, and what they bring.

    Attributes
    ----------
    method : str
        ``"greedy"`` or ``"exact"``.
    k : int
        The number of sites asked for (``fixed`` ones included).
    weight : str
        What was maximised (``"population"``, ``"area"`` or a column of the coverage).
    chosen : tuple of str
        ``candidat_id`` of the chosen sites, in pick order (``fixed`` ones first).
    curve : pandas.DataFrame
        One row per number of new sites ``k = 0, 1, ...``: ``k``, ``candidat_id``,
        ``nom``, ``fixed``, ``gain`` (marginal weighted gain of that pick),
        ``gain_population``, ``population_covered`` (existing network plus the sites
        so far) and ``share_covered_pct`` (of the QPV population, in %).
    objective : float
        Weighted gain of the chosen set (each piece of QPV counted once).
    population_gain : float
        Inhabitants of the QPV newly covered by the chosen set (area weighted).
    greedy_objective, greedy_gap : float or None
        For ``"exact"``: the greedy objective and its gap to the optimum,
        ``(objective - greedy_objective) / objective`` (0 when both are 0).
    solver_status : str
        ``"greedy"`` for the greedy method; CBC's status otherwise (``"Optimal"``).
    adds_nothing : tuple of str
        Candidates that add nothing on their own (see ``score_sites``); never chosen
        unless fixed.
    sites : geopandas.GeoDataFrame
        The chosen sites for a map layer: ``rank`` (pick order), ``candidat_id``,
        ``nom``, ``score`` (marginal gain), ``gain_population`` and their geometry;
        pass it as ``coverage_map(coverage, candidates=selection.sites)``.
    zones : geopandas.GeoDataFrame
        The zones of the chosen sites in the zones contract (``structure_id``,
        ``nom``, ``type="evs"``): append them to the existing zones to recompute the
        coverage with ``compute_coverage``.
    qpv : pandas.DataFrame
        One row per QPV the chosen sites reach: ``code_qpv``, ``nom_qpv``,
        ``ratio_before``, ``status_before``, ``ratio_after``, ``status_after``,
        ``gain_population``.
    white_population_gain : float or None
        With a white-zone demand, the inhabitants without any offer the chosen set
        reaches (each counted once); then ``curve`` and ``sites`` also have a
        ``gain_white_population`` column. None for ``demand="qpv"``.
    """

    method: str
    k: int
    weight: str
    chosen: tuple[str, ...]
    curve: pd.DataFrame
    objective: float
    population_gain: float
    greedy_objective: float | None
    greedy_gap: float | None
    solver_status: str
    adds_nothing: tuple[str, ...]
    sites: gpd.GeoDataFrame = field(repr=False)
    zones: gpd.GeoDataFrame = field(repr=False)
    qpv: pd.DataFrame = field(repr=False)
    white_population_gain: float | None = None

    def headline(self, language: Language = "fr") -> str:
        """One sentence: the share of the QPV population covered before and after the sites.

        The first line of :meth:`summary` (see its example) and the lead of ``sites.md``.
        """
        _check_language(language)
        words = SUMMARY_WORDS[language]
        if not self.chosen:
            return words["none"]
        first, last = self.curve.iloc[0], self.curve.iloc[-1]
        name = METHOD_LABELS[language].get(self.method, self.method)
        method = words["method" if self.weight == "population" else "weighted"].format(
            name=name, weight=_weight_label(self.weight, language)
        )
        n = len(self.chosen)
        sites = words["one_site"] if n == 1 else words["sites"].format(n=n)
        if self.weight != "population" and self.white_population_gain is None:
            # Weighed by area (hectares) or by an indicator: the gain in that unit, then
            # the population share when the QPV have a population.
            if self.weight == "area":
                text = words["area_headline"].format(
                    sites=sites, method=method, gain=_hectares(self.objective, language)
                )
            else:
                text = words["weight_headline"].format(
                    sites=sites,
                    method=method,
                    weight=self.weight,
                    gain=format_number(self.objective, decimals=1, language=language),
                )
            before = float(first["share_covered_pct"])
            if np.isfinite(before):
                text += words["population_after"].format(
                    before=format_percent(before, language=language),
                    after=format_percent(float(last["share_covered_pct"]), language=language),
                    gain=format_number(self.population_gain, language=language),
                )
            return text
        if self.white_population_gain is not None and not np.isfinite(
            float(first["share_covered_pct"])
        ):
            text = words["white_headline"].format(
                sites=words["one_site"] if n == 1 else words["sites"].format(n=n),
                method=method,
                gain=format_number(self.white_population_gain, language=language),
            )
            return text[:1].upper() + text[1:]
        text = words["headline"].format(
            sites=words["one_site"] if n == 1 else words["sites"].format(n=n),
            method=method,
            before=format_percent(float(first["share_covered_pct"]), language=language),
            after=format_percent(float(last["share_covered_pct"]), language=language),
            gain=format_number(self.population_gain, language=language),
        )
        if self.white_population_gain is not None:
            # Demand "both": the inhabitants without any offer the sites reach as well.
            text += words["white_after"].format(
                gain=format_number(self.white_population_gain, language=language)
            )
        return text

    def site_lines(self, language: Language = "fr") -> list[str]:
        """One line per chosen site, in pick order: name, id and the inhabitants it adds.

        The lines of :meth:`summary` after the first (see its example).
        """
        _check_language(language)
        words = SUMMARY_WORDS[language]
        site = words["site"]
        if self.weight != "population" and self.white_population_gain is None:
            unit = "site_area" if self.weight == "area" else "site_weight"
            rows = self.curve.iloc[1:]
            return [
                words[unit].format(
                    k=k,
                    name=name,
                    id=cid,
                    weight=self.weight,
                    gain=_hectares(float(gain), language)
                    if self.weight == "area"
                    else format_number(float(gain), decimals=1, language=language),
                )
                for k, name, cid, gain in zip(
                    rows["k"], rows["nom"], rows["candidat_id"], rows["gain"], strict=True
                )
            ]
        if self.white_population_gain is not None:
            qpv = bool(np.isfinite(self.curve["share_covered_pct"].to_numpy(dtype=float)).any())
            site = words["site_both" if qpv else "site_white"]
        rows = self.curve.iloc[1:]
        white = rows["gain_white_population"] if "gain_white_population" in rows else rows["k"]
        return [
            site.format(
                k=k,
                name=name,
                id=cid,
                gain=format_number(float(gain), language=language),
                white=format_number(float(w), language=language),
            )
            for k, name, cid, gain, w in zip(
                rows["k"],
                rows["nom"],
                rows["candidat_id"],
                rows["gain_population"],
                white,
                strict=True,
            )
        ]

    def summary(self, language: Language = "fr") -> str:
        """A few lines for a note: :meth:`headline`, :meth:`site_lines` and the greedy gap.

        Numbers as a French report prints them (decimal comma, no-break spaces) by
        default; ``language="en"`` gives English text and ``12,345`` / ``76.9%``.

        Examples
        --------
        >>> import geopandas as gpd
        >>> from shapely import box
        >>> from avs_geo import compute_coverage
        >>> qpv = gpd.GeoDataFrame({"code_qpv": ["QP031001"], "population": [800.0]},
        ...     geometry=[box(0, 0, 100, 100)], crs="EPSG:2154")
        >>> zones = gpd.GeoDataFrame({"structure_id": []}, geometry=[], crs="EPSG:2154")
        >>> cands = gpd.GeoDataFrame({"candidat_id": ["L", "M", "R"],
        ...     "nom": ["Salle L", "Local M", "Salle R"]},
        ...     geometry=[box(0, 0, 50, 100), box(20, 0, 80, 100), box(50, 0, 100, 100)],
        ...     crs="EPSG:2154")
        >>> choice = select_sites(cands, compute_coverage(qpv, zones), zones=zones, k=2,
        ...                       method="exact")
        >>> print(choice.summary())  # doctest: +NORMALIZE_WHITESPACE
        Avec les 2 sites choisis (méthode exacte), la part de la population des QPV couverte
        passe de 0,0\\xa0% à 100,0\\xa0% (+800 habitants, estimation).
          1. Salle L (L) : +400 habitants
          2. Salle R (R) : +400 habitants
        Écart de la méthode gloutonne à l'optimum : 20,00\\xa0% (solveur : Optimal).
        >>> print(choice.summary(language="en"))  # doctest: +NORMALIZE_WHITESPACE
        With the 2 chosen sites (exact method), the share of the QPV population covered goes
        from 0.0% to 100.0% (+800 inhabitants, estimate).
          1. Salle L (L): +400 inhabitants
          2. Salle R (R): +400 inhabitants
        Gap of the greedy method to the optimum: 20.00% (solver: Optimal).
        """
        lines = [self.headline(language), *(f"  {line}" for line in self.site_lines(language))]
        if self.greedy_gap is not None:
            gap = format_ratio(self.greedy_gap, decimals=2, language=language)
            lines.append(SUMMARY_WORDS[language]["gap"].format(gap=gap, status=self.solver_status))
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        title = html.escape(
            f"SiteSelection: {len(self.chosen)} site(s), method {self.method}, weight {self.weight}"
        )
        extra = ""
        if self.greedy_gap is not None:
            extra = html.escape(
                f"Greedy gap to the optimum: {self.greedy_gap:.2%} (solver: {self.solver_status})."
            )
        nothing = (
            "<p>" + html.escape(f"Add nothing: {', '.join(self.adds_nothing)}") + "</p>"
            if self.adds_nothing
            else ""
        )
        table = self.curve.to_html(index=False, float_format=lambda v: f"{v:,.1f}", na_rep="")
        return f"<div><strong>{title}</strong><p>{extra}</p>{nothing}{table}</div>"


def _weight_label(weight: str, language: Language) -> str:
    """How a note names a weight: ``area`` is ``surface`` in French, a column its name."""
    labels = dict(pair.split("=") for pair in SUMMARY_WORDS[language]["weights"].split("|"))
    return labels.get(weight, weight)


def _hectares(area_m2: float, language: Language) -> str:
    """Square metres as hectares, one decimal: ``40000`` -> ``4,0``."""
    return format_number(area_m2 / 10_000, decimals=1, language=language)


def select_sites(
    candidates: object,
    coverage: gpd.GeoDataFrame | None,
    *,
    zones: gpd.GeoDataFrame,
    k: int,
    method: Method = "greedy",
    fixed: Iterable[str] | None = None,
    radius_m: float | None = None,
    weight: str = "population",
    communes: gpd.GeoDataFrame | None = None,
    skip_full: bool = True,
    full_min: float | None = None,
    none_max: float | None = None,
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
    relation: SiteRelation | None = None,
    demand: str = "qpv",
    qpv_weight: float = 1.0,
    communes_weight: float = 1.0,
) -> SiteSelection:
    """Choose ``k`` new sites maximising the QPV population covered, existing network kept.

    Parameters
    ----------
    candidates, coverage, zones, radius_m, weight, communes, skip_full, full_min, none_max
        As for :func:`avs_geo.sites.score_sites`.
    demand, qpv_weight, communes_weight
        As for :func:`avs_geo.sites.score_sites`: with ``"communes"`` or ``"both"``, the
        white-zone inhabitants are demand units too (each counted once in the set).
    k : int
        Number of new sites, ``fixed`` ones included (``1 <= k <= len(candidates)``).
    method : {"greedy", "exact"}, default "greedy"
        ``"greedy"`` adds, one at a time, the site with the largest marginal gain
        (ties: smallest ``candidat_id``); ``"exact"`` solves the integer programme
        with PuLP and CBC (``pip install "avs_geo[optimisation]"``) and reports the
        greedy gap.
    fixed : iterable of str, optional
        ``candidat_id`` of sites that must be opened (already decided).
    time_limit_s : float, default 60
        Time limit of CBC (``"exact"`` only); a solution not proven optimal is reported
        in ``solver_status`` with a warning.
    relation : SiteRelation, optional
        As for :func:`avs_geo.sites.score_sites`: the relation of these very inputs,
        built once by :func:`avs_geo.sites.relation.build_relation`.

    Returns
    -------
    SiteSelection

    Raises
    ------
    ParameterError
        ``k`` not an integer in ``[1, number of candidates]``, more ``fixed`` sites
        than ``k``, an unknown ``method`` or a bad ``time_limit_s``.
    UnknownCodeError
        ``fixed`` names ids that are not candidates.
    MissingDependencyError
        ``method="exact"`` without PuLP or its CBC solver (also an ImportError).
    Others
        As :func:`avs_geo.sites.score_sites` for the inputs.

    Warns
    -----
    AvsGeoWarning
        When fewer than ``k`` sites add anything (the others are not picked), and when
        CBC stops before proving optimality.

    Notes
    -----
    Demand units ``i`` (atoms of the uncovered area, weight ``w_i``), candidates ``j``
    covering unit ``i`` when ``j ∈ N_i``. The MCLP with the existing network already
    subtracted from the demand:

    ``max sum_i w_i y_i``  s.t.  ``y_i <= sum_{j ∈ N_i} x_j``,  ``sum_j x_j <= k``,
    ``x_f = 1`` for ``f`` in ``fixed``, ``x_j ∈ {0, 1}``, ``0 <= y_i <= 1``.

    ``<= k`` has the optimum of ``= k`` (weights are >= 0); sites that add nothing
    to the others are left out of ``chosen`` rather than picked at random. Greedy is
    lazy (a priority queue of upper bounds, CELF) over the CSR matrix; it keeps at
    least ``1 - 1/e`` of the optimum and is often optimal. Both methods optimise the
    same objective, so ``greedy_gap`` is meaningful. The pick order of ``"exact"`` is
    the greedy order within the chosen set.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import box
    >>> from avs_geo import compute_coverage
    >>> qpv = gpd.GeoDataFrame({"code_qpv": ["QP031001"], "population": [1000.0]},
    ...     geometry=[box(0, 0, 100, 100)], crs="EPSG:2154")
    >>> zones = gpd.GeoDataFrame({"structure_id": []}, geometry=[], crs="EPSG:2154")
    >>> cov = compute_coverage(qpv, zones)
    >>> cands = gpd.GeoDataFrame({"candidat_id": ["A", "B", "C"]},
    ...     geometry=[box(0, 0, 60, 100), box(0, 0, 50, 100), box(50, 0, 100, 100)],
    ...     crs="EPSG:2154")
    >>> greedy = select_sites(cands, cov, zones=zones, k=2)
    >>> greedy.chosen, round(greedy.objective)
    (('A', 'C'), 1000)
    >>> greedy.curve[["k", "candidat_id", "gain", "share_covered_pct"]]
       k candidat_id   gain  share_covered_pct
    0  0        None    0.0                0.0
    1  1           A  600.0               60.0
    2  2           C  400.0              100.0
    """
    if method not in ("greedy", "exact"):
        raise ParameterError(message(MESSAGES, "method", got=method))
    if method == "exact":
        check_time_limit(time_limit_s)
    relation = relation_of(
        relation,
        candidates,
        coverage,
        zones=zones,
        radius_m=radius_m,
        weight=weight,
        communes=communes,
        skip_full=skip_full,
        full_min=full_min,
        none_max=none_max,
        demand=demand,
        qpv_weight=qpv_weight,
        communes_weight=communes_weight,
    )
    n = relation.n_candidates
    if isinstance(k, bool) or not isinstance(k, int | np.integer):
        raise ParameterError(message(MESSAGES, "k_type", got=k))
    if not 1 <= int(k) <= n:
        raise ParameterError(message(MESSAGES, "k_range", n=n, k=k))
    k = int(k)
    fixed_pos = _fixed_positions(fixed, relation.ids, k)
    units = demand_units(relation)
    tie = _tie_ranks(relation.ids)
    greedy = greedy_mclp(units.matrix, units.weight, k, fixed=fixed_pos, tie=tie)
    if method == "greedy":
        solution, greedy_obj, gap = greedy, None, None
    else:
        optimum = exact_mclp(
            units.matrix, units.weight, k, fixed=fixed_pos, time_limit_s=time_limit_s, tie=tie
        )
        solution, greedy_obj = optimum, greedy.objective
        gap = (
            (optimum.objective - greedy.objective) / optimum.objective
            if optimum.objective > 0
            else 0.0
        )
        gap = 0.0 if abs(gap) < GAP_NOISE else gap
        if optimum.status != "Optimal":
            warnings.warn(
                message(MESSAGES, "not_optimal", status=optimum.status, limit=time_limit_s),
                AvsGeoWarning,
                stacklevel=2,
            )
    nothing_alone = _adds_nothing(relation)
    n_useful = len(solution.picks)
    if n_useful < k:
        warnings.warn(
            message(
                MESSAGES,
                "stops_early",
                k=k,
                n=n_useful,
                ids=format_ids(nothing_alone) or message(MESSAGES, "none"),
            ),
            AvsGeoWarning,
            stacklevel=2,
        )
    return _selection(
        relation,
        units,
        solution,
        method=method,
        k=k,
        fixed=fixed_pos,
        greedy_objective=greedy_obj,
        greedy_gap=gap,
        adds_nothing=nothing_alone,
    )


def _tie_ranks(ids: np.ndarray) -> np.ndarray:
    order = np.argsort(ids.astype(str), kind="stable")
    ranks = np.empty(len(ids), dtype=np.intp)
    ranks[order] = np.arange(len(ids))
    return ranks


def _fixed_positions(fixed: Iterable[str] | None, ids: np.ndarray, k: int) -> list[int]:
    if fixed is None:
        return []
    if isinstance(fixed, str):
        fixed = [fixed]
    wanted = [str(f) for f in fixed]
    position = {str(i): p for p, i in enumerate(ids)}
    unknown = [f for f in wanted if f not in position]
    if unknown:
        raise UnknownCodeError(
            message(
                MESSAGES,
                "fixed_unknown",
                n=len(unknown),
                ids=format_ids(unknown),
                examples=format_ids(ids[:5]),
            )
        )
    unique = list(dict.fromkeys(wanted))
    if len(unique) > k:
        raise ParameterError(
            message(MESSAGES, "fixed_too_many", n=len(unique), ids=format_ids(unique), k=k)
        )
    return [position[f] for f in unique]


def _adds_nothing(relation: SiteRelation) -> tuple[str, ...]:
    alone = relation.candidate_scores()
    return tuple(sorted(str(i) for i in relation.ids[~(alone > 0)]))


def _selection(
    relation: SiteRelation,
    units: DemandUnits,
    solution: MclpSolution,
    *,
    method: str,
    k: int,
    fixed: list[int],
    greedy_objective: float | None,
    greedy_gap: float | None,
    adds_nothing: tuple[str, ...],
) -> SiteSelection:
    picks = solution.picks
    csr = sp.csr_array(units.matrix)
    covered = np.zeros(csr.shape[1], dtype=bool)
    pop_gain: list[float] = []
    white_gain: list[float] = []
    unit_pop = np.nan_to_num(units.population)
    unit_white = units.white_population
    for j in picks:
        idx = csr.indices[csr.indptr[j] : csr.indptr[j + 1]]
        pop_gain.append(float(unit_pop[idx][~covered[idx]].sum()))
        if unit_white is not None:
            white_gain.append(float(unit_white[idx][~covered[idx]].sum()))
        covered[idx] = True
    population = relation.population
    known = ~np.isnan(population)
    total = float(population[known].sum())
    base = float((population * relation.ratio)[known].sum())
    if not known.any():
        total, base = np.nan, np.nan
    cumulative = base + np.cumsum([0.0, *pop_gain])
    ids = relation.ids
    noms = relation.candidates["nom"].astype(str).to_numpy()
    fixed_set = set(fixed)
    curve = pd.DataFrame(
        {
            "k": np.arange(len(picks) + 1, dtype=np.int64),
            "candidat_id": pd.Series([None, *(str(ids[j]) for j in picks)], dtype=object),
            "nom": pd.Series([None, *(str(noms[j]) for j in picks)], dtype=object),
            "fixed": [False, *(j in fixed_set for j in picks)],
            "gain": [0.0, *solution.gains],
            "gain_population": [0.0, *pop_gain],
            "population_covered": cumulative,
            "share_covered_pct": cumulative / total * 100 if total > 0 else np.nan,
        }
    )
    if unit_white is not None:
        curve.insert(
            list(curve.columns).index("gain_population") + 1,
            "gain_white_population",
            [0.0, *white_gain],
        )
    pos = np.array(picks, dtype=np.intp)
    geoms = np.asarray(relation.candidates.geometry.to_numpy(), dtype=object)[pos]
    sites = gpd.GeoDataFrame(
        {
            "rank": np.arange(1, len(picks) + 1, dtype=np.int64),
            "candidat_id": ids[pos],
            "nom": noms[pos],
            "score": np.array(solution.gains, dtype=float),
            "gain_population": np.array(pop_gain, dtype=float),
            **(
                {"gain_white_population": np.array(white_gain, dtype=float)}
                if unit_white is not None
                else {}
            ),
        },
        geometry=list(geoms),
        crs=relation.candidates.crs,
    )
    zones = gpd.GeoDataFrame(
        {"structure_id": ids[pos], "nom": noms[pos], "type": ["evs"] * len(pos)},
        geometry=list(relation.zones[pos]),
        crs=relation.candidates.crs,
    )
    return SiteSelection(
        method=method,
        k=k,
        weight=relation.weight_name,
        chosen=tuple(str(ids[j]) for j in picks),
        curve=curve,
        objective=float(units.weight[covered].sum()),
        population_gain=float(sum(pop_gain)),
        greedy_objective=greedy_objective,
        greedy_gap=greedy_gap,
        solver_status=solution.status,
        adds_nothing=adds_nothing,
        sites=sites,
        zones=zones,
        qpv=_qpv_changes(relation, units, covered),
        white_population_gain=float(sum(white_gain)) if unit_white is not None else None,
    )


def _qpv_changes(relation: SiteRelation, units: DemandUnits, covered: np.ndarray) -> pd.DataFrame:
    """Before/after ratio and class of each QPV the chosen sites gain area in."""
    covered = covered & (units.qpv >= 0)
    gained = np.bincount(
        units.qpv[covered], weights=units.area[covered], minlength=len(relation.qpv_codes)
    )
    q = np.flatnonzero(gained > 0)
    after = np.clip(relation.ratio[q] + gained[q] / relation.qpv_area[q], 0.0, 1.0)
    after = np.where(after >= 1.0 - RATIO_SNAP, 1.0, after)
    return pd.DataFrame(
        {
            "code_qpv": relation.qpv_codes[q],
            "nom_qpv": relation.qpv_names[q],
            "ratio_before": relation.ratio[q],
            "status_before": relation.status[q],
            "ratio_after": after,
            "status_after": classify_coverage(
                pd.Series(after), full_min=relation.full_min, none_max=relation.none_max
            ).to_numpy(),
            "gain_area_m2": gained[q],
            "gain_population": relation.population[q] * gained[q] / relation.qpv_area[q],
        }
    )


__all__ = [
    "DEFAULT_TIME_LIMIT_S",
    "GAP_NOISE",
    "METHOD_LABELS",
    "SUMMARY_WORDS",
    "MclpSolution",
    "Method",
    "SiteSelection",
    "exact_mclp",
    "greedy_mclp",
    "select_sites",
]
