"""Benchmark: many zones over one QPV, and one very detailed QPV (issue 16, costs).

Run with ``make bench`` or ``.venv/bin/python -m benchmarks.bench_dense``. Generated
data, in Lambert-93 metres, no file needed:

* ``zones over one QPV``: a 2 km square QPV and ``m`` discs of 500 m radius drawn
  around it (``m`` = 100, 200, 400, 800). ``structure_reach`` (what each structure
  alone covers, the per-structure table) against the way of avs_geo 0.1 (a union of
  the other pieces for each piece, ``bench_coverage.reach_by_loop``), same process,
  up to 200 zones (beyond, the 0.1 way takes minutes); the areas only each structure
  covers must agree to 1e-9 (relative, or 1e-6 m²). avs_geo 0.1 took 19 s for 200
  zones and 85 s for 400 (issue 16): quadratic.
* ``detailed QPV``: a QPV of 1,000,000 vertices (a wavy ring, 1 km radius) and 10,
  then 40 discs of 300 m radius across its boundary: ``compute_coverage`` and
  ``structure_reach`` against the plain geopandas way (``overlay`` of the QPV with
  the dissolved zones), same process; the ratios must agree to 1e-9. What one more
  zone costs is the difference of the two runs over 30 zones (avs_geo 0.1: about 1 s
  a zone, issue 16).
"""

from __future__ import annotations

import argparse
import sys

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from avs_geo import compute_coverage
from avs_geo.coverage.structures import structure_reach
from benchmarks._timing import timed
from benchmarks.bench_coverage import reach_by_loop

X0, Y0 = 574_000.0, 6_278_000.0


def zones_over_one_qpv(
    m: int, *, size: float = 2000.0, radius: float = 500.0, seed: int = 0
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """One square QPV and ``m`` discs drawn over it and around it."""
    rng = np.random.default_rng(seed)
    qpv = gpd.GeoDataFrame(
        {"code_qpv": ["QP031001"], "nom_qpv": ["Q"], "population": [5000.0]},
        geometry=[shapely.box(X0, Y0, X0 + size, Y0 + size)],
        crs="EPSG:2154",
    )
    centres = shapely.points(
        X0 + rng.uniform(-radius / 2, size + radius / 2, m),
        Y0 + rng.uniform(-radius / 2, size + radius / 2, m),
    )
    return qpv, _zones(shapely.buffer(centres, radius, quad_segs=16))


def detailed_qpv(n: int, m: int, *, seed: int = 0) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """A QPV of ``n`` vertices and ``m`` discs across its boundary."""
    rng = np.random.default_rng(seed)
    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    radius = 1000 * (1 + 0.05 * np.sin(40 * t)) + rng.uniform(-0.3, 0.3, n)
    ring = np.c_[X0 + radius * np.cos(t), Y0 + radius * np.sin(t)]
    qpv = gpd.GeoDataFrame(
        {"code_qpv": ["QP031001"], "nom_qpv": ["Q"], "population": [5000.0]},
        geometry=[shapely.Polygon(ring)],
        crs="EPSG:2154",
    )
    angle = rng.uniform(0, 2 * np.pi, m)
    centres = shapely.points(X0 + 1000 * np.cos(angle), Y0 + 1000 * np.sin(angle))
    return qpv, _zones(shapely.buffer(centres, 300, quad_segs=16))


def _zones(geoms: np.ndarray) -> gpd.GeoDataFrame:
    ids = [f"S{i:04d}" for i in range(len(geoms))]
    return gpd.GeoDataFrame(
        {"structure_id": ids, "nom": ids, "type": ["CS"] * len(ids)},
        geometry=geoms,
        crs="EPSG:2154",
    )


def plain_ratio(qpv: gpd.GeoDataFrame, zones: gpd.GeoDataFrame) -> float:
    """The plain geopandas way: overlay the QPV with the dissolved zones."""
    cut = gpd.overlay(qpv, zones[["geometry"]].dissolve(), how="intersection")
    return float(cut.area.sum() / qpv.area.sum())


def run_dense(sizes: tuple[int, ...], loop_up_to: int) -> pd.DataFrame:
    rows = []
    for m in sizes:
        qpv, zones = zones_over_one_qpv(m)
        coverage = compute_coverage(qpv, zones)
        t_ours, reach = timed(lambda: structure_reach(coverage, zones))  # noqa: B023
        assert isinstance(reach, pd.DataFrame)
        row: dict[str, object] = {"zones": m, "avs_geo_s": round(t_ours, 3)}
        if m <= loop_up_to:
            t_loop, loop = timed(lambda: reach_by_loop(coverage, zones))  # noqa: B023
            assert isinstance(loop, np.ndarray)
            ours = reach.lost_area_m2.to_numpy()
            diff = np.abs(ours - loop) / np.maximum(np.abs(loop), 1e3)
            row.update({"loop_0.1_s": round(t_loop, 2), "max_rel_diff": f"{diff.max():.1e}"})
        rows.append(row)
    return pd.DataFrame(rows)


def run_detailed(n: int, counts: tuple[int, ...]) -> pd.DataFrame:
    rows = []
    for m in counts:
        qpv, zones = detailed_qpv(n, m)
        t_cov, coverage = timed(lambda: compute_coverage(qpv, zones))  # noqa: B023
        assert isinstance(coverage, gpd.GeoDataFrame)
        t_reach, _ = timed(lambda: structure_reach(coverage, zones))  # noqa: B023
        t_plain, ratio = timed(lambda: plain_ratio(qpv, zones))  # noqa: B023
        assert isinstance(ratio, float)
        diff = abs(float(coverage.coverage_ratio.iloc[0]) - ratio)
        rows.append(
            {
                "vertices": n,
                "zones": m,
                "coverage_s": round(t_cov, 2),
                "reach_s": round(t_reach, 2),
                "plain_geopandas_s": round(t_plain, 2),
                "ratio_diff": f"{diff:.1e}",
            }
        )
    table = pd.DataFrame(rows)
    if len(table) > 1:  # what one more zone costs, the fixed cost (cells, checks) aside
        spent = table.coverage_s + table.reach_s
        extra = (spent.iloc[-1] - spent.iloc[0]) / (table.zones.iloc[-1] - table.zones.iloc[0])
        table["per_extra_zone_s"] = round(float(extra), 3)
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 200, 400, 800])
    parser.add_argument("--loop-up-to", type=int, default=200)
    parser.add_argument("--vertices", type=int, default=1_000_000)
    parser.add_argument("--detailed-zones", type=int, nargs="+", default=[10, 40])
    args = parser.parse_args(argv)
    dense = run_dense(tuple(args.sizes), args.loop_up_to)
    print(dense.to_string(index=False))
    detailed = run_detailed(args.vertices, tuple(args.detailed_zones))
    print(detailed.to_string(index=False))
    agree = dense.get("max_rel_diff", pd.Series(dtype=str)).dropna().astype(float)
    ok = bool((agree <= 1e-9).all()) and bool((detailed.ratio_diff.astype(float) <= 1e-9).all())
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
