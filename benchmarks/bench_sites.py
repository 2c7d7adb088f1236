"""Benchmark: avs_geo.sites (score_sites, select_sites) at national scale, and spopt's MCLP.

Run with ``make bench`` or ``.venv/bin/python -m benchmarks.bench_sites``. Needs
nothing but the bench extra (``spopt``): the case is generated, in Lambert-93.

* National case: 1,500 QPV (star-shaped polygons of 10-300 ha around 300 towns of
  metropolitan France, no two overlapping, 3,000-12,000 inhabitants per km²), 3,700
  existing zones (discs of 300-1,500 m and squares of 1-4 km around the QPV) and
  10,000 candidate points with a 500 m radius (85 % within a few hundred metres of a
  QPV, 15 % anywhere). Targets: ``score_sites`` under 5 s; greedy for k = 20 under 1 s.
* Department case: the QPV and candidates of a 120 km square holding the most QPV,
  a few hundred candidates. Target: ``method="exact"`` for k = 20 under 30 s. The same
  demand units and weights go to ``spopt.locate.MCLP.from_cost_matrix`` (a dense 0/1
  cost matrix, service radius 0.5), solved by the same CBC: objective and time side by
  side.
* Stress case: a 250 m ``candidate_grid`` over the uncovered parts of the national QPV
  (about 14,000 points, many overlapping discs per QPV).

Times are the best of ``--repeat`` runs, in one process.
"""

from __future__ import annotations

import argparse
import platform
import sys
import warnings
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from avs_geo import AvsGeoWarning, compute_coverage
from avs_geo.sites import candidate_grid, exact_mclp, greedy_mclp, score_sites, select_sites
from avs_geo.sites.relation import build_relation, demand_units
from benchmarks._timing import timed

L93 = "EPSG:2154"
BBOX = (150_000.0, 6_200_000.0, 1_050_000.0, 7_050_000.0)  # metropolitan France, roughly
N_TOWNS, N_QPV, N_ZONES, N_CANDIDATES = 300, 1_500, 3_700, 10_000
RADIUS_M = 500.0
K = 20
DEPARTMENT_SIZE_M = 120_000.0


def generate(
    rng: np.random.Generator,
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """(qpv, zones, candidates) of the national case."""
    towns = np.column_stack(
        [rng.uniform(BBOX[0], BBOX[2], N_TOWNS), rng.uniform(BBOX[1], BBOX[3], N_TOWNS)]
    )
    kept: list[shapely.Geometry] = []
    while len(kept) < N_QPV:
        n = 2 * (N_QPV - len(kept))
        centres = towns[rng.integers(0, N_TOWNS, n)] + rng.normal(0, 2_500, (n, 2))
        area = rng.uniform(10, 300, n) * 10_000  # 10-300 ha
        angles = np.sort(rng.uniform(0, 2 * np.pi, (n, 32)), axis=1)
        radii = rng.uniform(0.7, 1.0, (n, 32))
        star = np.stack([radii * np.cos(angles), radii * np.sin(angles)], axis=2)
        scale = np.sqrt(area / shapely.area(shapely.polygons(star)))
        polys = shapely.polygons(centres[:, None, :] + star * scale[:, None, None])
        # keep the valid stars that overlap no QPV kept so far
        tree = shapely.STRtree(np.array(kept, dtype=object))
        fresh: list[shapely.Geometry] = []
        for poly in polys[shapely.is_valid(polys)]:
            if len(kept) + len(fresh) == N_QPV:
                break
            if len(tree.query(poly, predicate="intersects")) or any(
                shapely.intersects(poly, other) for other in fresh
            ):
                continue
            fresh.append(poly)
        kept.extend(fresh)
    qgeoms = np.array(kept, dtype=object)
    density = rng.uniform(3_000, 12_000, N_QPV) / 1e6  # inhabitants per m²
    qpv = gpd.GeoDataFrame(
        {
            "code_qpv": [f"QP{i:06d}" for i in range(N_QPV)],
            "population": np.round(shapely.area(qgeoms) * density),
        },
        geometry=qgeoms,
        crs=L93,
    )
    centroids = shapely.get_coordinates(shapely.centroid(qgeoms))
    # Existing zones: most around QPV (discs), some large squares (communes-like).
    at = centroids[rng.integers(0, N_QPV, N_ZONES)] + rng.normal(0, 1_200, (N_ZONES, 2))
    square = rng.random(N_ZONES) < 0.25
    discs = shapely.buffer(shapely.points(at), rng.uniform(300, 1_500, N_ZONES), quad_segs=16)
    half = rng.uniform(500, 2_000, N_ZONES)
    squares = shapely.box(at[:, 0] - half, at[:, 1] - half, at[:, 0] + half, at[:, 1] + half)
    zones = gpd.GeoDataFrame(
        {"structure_id": [f"S{i:05d}" for i in range(N_ZONES)]},
        geometry=np.where(square, squares, discs),
        crs=L93,
    )
    near = rng.random(N_CANDIDATES) < 0.85
    xy = np.where(
        near[:, None],
        centroids[rng.integers(0, N_QPV, N_CANDIDATES)] + rng.normal(0, 700, (N_CANDIDATES, 2)),
        np.column_stack(
            [
                rng.uniform(BBOX[0], BBOX[2], N_CANDIDATES),
                rng.uniform(BBOX[1], BBOX[3], N_CANDIDATES),
            ]
        ),
    )
    candidates = gpd.GeoDataFrame(
        {
            "candidat_id": [f"C{i:05d}" for i in range(N_CANDIDATES)],
            "nom": [f"Candidat {i}" for i in range(N_CANDIDATES)],
        },
        geometry=shapely.points(xy),
        crs=L93,
    )
    return qpv, zones, candidates


def department(
    qpv: gpd.GeoDataFrame, zones: gpd.GeoDataFrame, candidates: gpd.GeoDataFrame
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """The 120 km square (on a 60 km lattice) holding the most QPV."""
    xy = shapely.get_coordinates(shapely.centroid(qpv.geometry.to_numpy()))
    step = DEPARTMENT_SIZE_M / 2
    best, best_box = -1, None
    for x0 in np.arange(BBOX[0], BBOX[2], step):
        for y0 in np.arange(BBOX[1], BBOX[3], step):
            inside = (
                (xy[:, 0] >= x0)
                & (xy[:, 0] < x0 + DEPARTMENT_SIZE_M)
                & (xy[:, 1] >= y0)
                & (xy[:, 1] < y0 + DEPARTMENT_SIZE_M)
            )
            if inside.sum() > best:
                best, best_box = (
                    int(inside.sum()),
                    (x0, y0, x0 + DEPARTMENT_SIZE_M, y0 + DEPARTMENT_SIZE_M),
                )
    assert best_box is not None
    area = shapely.box(*best_box)
    pick = lambda gdf: gdf.loc[gdf.geometry.intersects(area).to_numpy()].reset_index(drop=True)  # noqa: E731
    return pick(qpv), pick(zones), pick(candidates)


def spopt_mclp(matrix: Any, weights: np.ndarray, k: int) -> tuple[float, float, int]:
    """(objective, seconds, n_chosen) of spopt's MCLP on the same units (dense cost matrix)."""
    import pulp
    from spopt.locate import MCLP

    def run() -> Any:
        cost = 1 - matrix.toarray().T.astype(float)  # units x candidates: 0 = covered
        model = MCLP.from_cost_matrix(cost, weights, service_radius=0.5, p_facilities=k)
        return model.solve(pulp.PULP_CBC_CMD(msg=False))

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PuLP 4 deprecations inside spopt
        seconds, model = timed(run)
    chosen = [j for j, var in enumerate(model.fac_vars) if (var.value() or 0) > 0.5]
    covered = (
        (matrix[chosen].toarray() > 0).any(axis=0) if chosen else np.zeros(matrix.shape[1], bool)
    )
    return float(weights[covered].sum()), seconds, len(chosen)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore", AvsGeoWarning)  # "candidates add nothing": expected here
    rng = np.random.default_rng(args.seed)
    t_gen, (qpv, zones, candidates) = timed(lambda: generate(rng))
    t_cov, coverage = timed(lambda: compute_coverage(qpv, zones))
    counts = coverage.coverage_status.value_counts()
    print(
        f"generated {len(qpv)} QPV, {len(zones)} zones, {len(candidates)} candidates in "
        f"{t_gen:.1f} s; compute_coverage {t_cov:.2f} s (full/partial/none "
        f"{'/'.join(str(counts.get(s, 0)) for s in ('full', 'partial', 'none'))}); "
        f"{platform.processor() or platform.machine()}, Python {platform.python_version()}"
    )
    rows: list[dict[str, object]] = []

    def row(case: str, step: str, seconds: float, target: float | None, note: str = "") -> None:
        ok = "" if target is None else ("yes" if seconds < target else "NO")
        rows.append(
            {
                "case": case,
                "step": step,
                "seconds": round(seconds, 3),
                "target_s": target or "",
                "met": ok,
                "note": note,
            }
        )

    t, scores = timed(
        lambda: score_sites(candidates, coverage, zones=zones, radius_m=RADIUS_M), args.repeat
    )
    useful = int((~scores.adds_nothing).sum())
    row("national", "score_sites, 10,000 candidates", t, 5.0, f"{useful} add something")
    t, relation = timed(
        lambda: build_relation(candidates, coverage, zones=zones, radius_m=RADIUS_M), args.repeat
    )
    row(
        "national",
        "build_relation (gains, sparse pairs)",
        t,
        None,
        f"{len(relation.pair_cand)} pairs",
    )
    t, units = timed(lambda: demand_units(relation), args.repeat)
    row("national", "demand_units (atoms)", t, None, f"{units.matrix.shape[1]} units")
    t, greedy = timed(lambda: greedy_mclp(units.matrix, units.weight, K), args.repeat)
    row("national", f"greedy k={K} on the CSR", t, 1.0, f"objective {greedy.objective:,.0f}")
    t, selection = timed(
        lambda: select_sites(candidates, coverage, zones=zones, k=K, radius_m=RADIUS_M)
    )
    row(
        "national",
        f"select_sites greedy k={K}, end to end",
        t,
        None,
        f"{selection.curve.share_covered_pct.iloc[0]:.1f} % -> "
        f"{selection.curve.share_covered_pct.iloc[-1]:.1f} % of QPV population",
    )

    t, national_exact = timed(lambda: exact_mclp(units.matrix, units.weight, K), args.repeat)
    row(
        "national",
        f"exact_mclp k={K} on the same units (model + CBC)",
        t,
        None,
        f"objective {national_exact.objective:,.0f}, {national_exact.status}; spopt not run "
        f"(dense {units.matrix.shape[1]} x {len(candidates)} cost matrix)",
    )

    # A 250 m grid over the uncovered parts: many overlapping discs per QPV (stress case).
    grid = candidate_grid(coverage, spacing_m=250, zones=zones)
    case = f"national, 250 m grid ({len(grid)} candidates)"
    t, gscores = timed(lambda: score_sites(grid, coverage, zones=zones, radius_m=RADIUS_M))
    row(case, "score_sites", t, 5.0, f"{int((~gscores.adds_nothing).sum())} add something")
    grel = build_relation(grid, coverage, zones=zones, radius_m=RADIUS_M)
    t, gunits = timed(lambda: demand_units(grel))
    row(case, "demand_units (atoms)", t, None, f"{gunits.matrix.shape[1]} units")
    t, ggreedy = timed(lambda: greedy_mclp(gunits.matrix, gunits.weight, K), args.repeat)
    row(case, f"greedy k={K} on the CSR", t, 1.0, f"objective {ggreedy.objective:,.0f}")
    t, gexact = timed(lambda: exact_mclp(gunits.matrix, gunits.weight, K, time_limit_s=300))
    gap = (gexact.objective - ggreedy.objective) / gexact.objective
    gap = 0.0 if abs(gap) < 1e-12 else gap  # floating-point noise of equal objectives
    row(
        case,
        f"exact_mclp k={K} (model + CBC)",
        t,
        None,
        f"objective {gexact.objective:,.0f}, {gexact.status}, greedy gap {100 * gap:.3f} %",
    )

    dq, dz, dc = department(qpv, zones, candidates)
    dcov = compute_coverage(dq, dz)
    t, exact = timed(
        lambda: select_sites(dc, dcov, zones=dz, k=K, method="exact", radius_m=RADIUS_M)
    )
    case = f"department ({len(dq)} QPV, {len(dc)} candidates)"
    row(
        case,
        f"select_sites exact k={K}, end to end",
        t,
        30.0,
        f"objective {exact.objective:,.1f}, {exact.solver_status}, greedy gap "
        f"{100 * (exact.greedy_gap or 0):.3f} %",
    )
    drel = build_relation(dc, dcov, zones=dz, radius_m=RADIUS_M)
    dunits = demand_units(drel)
    t, ours = timed(lambda: exact_mclp(dunits.matrix, dunits.weight, K), args.repeat)
    row(
        case, f"avs_geo exact_mclp k={K} (model + CBC)", t, None, f"objective {ours.objective:,.1f}"
    )
    objective, t, n_chosen = spopt_mclp(dunits.matrix, dunits.weight, K)
    row(
        case,
        f"spopt MCLP.from_cost_matrix k={K} (model + CBC)",
        t,
        None,
        f"objective {objective:,.1f} ({n_chosen} sites, {dunits.matrix.shape[1]} units)",
    )
    table = pd.DataFrame(rows)
    try:
        print(table.to_markdown(index=False))
    except ImportError:
        print(table.to_string(index=False))
    same = abs(objective - ours.objective) <= 1e-6 * max(1.0, objective)
    print(f"spopt and avs_geo exact objectives agree: {same}")
    met = all(r["met"] != "NO" for r in rows)
    return 0 if met and same else 1


if __name__ == "__main__":
    sys.exit(main())
