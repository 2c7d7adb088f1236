"""Benchmark: avs_geo.compute_coverage against the plain geopandas way, national scale.

Run with ``make bench`` or ``.venv/bin/python benchmarks/bench_coverage.py``. It reads
the national communes file (``../shared/data/communes/communes_2018_france.gpkg``
relative to the repository, layer ``communes``); without it, it says so and stops.

Two coverage cases, metropolitan France in Lambert-93 (the overseas communes are left
out: they need their own projections):

* ``communes``: every commune is a zone (about 34,900 zones), 1,500 generated QPV;
* ``structures``: 3,700 structures whose zones are built by ``build_zones`` from
  communes, QPV and radii, the same 1,500 QPV.

The plain way is what one writes with geopandas alone: dissolve all zones into one
geometry, ``overlay`` the QPV with it, divide the areas. Both run in the same process;
the ratios must agree to 1e-9.

One structure-reach case, on the ``structures`` coverage: ``structure_reach`` (the
overlay kernel's own areas) against the way of avs_geo 0.1, a Python loop over the
QPV with, for each structure reaching it, the union of the other pieces
(:func:`reach_by_loop`); the areas only each structure covers must agree to 1e-9
(relative, or 1e-6 m²). The QPV are generated (star-shaped polygons of
0.1-2 km² around points drawn in communes, some straddling commune borders): the
official contours of every QPV are not shipped.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from avs_geo import build_zones, compute_coverage, load_communes
from avs_geo.coverage.structures import structure_reach
from benchmarks._timing import timed

ROOT = Path(__file__).resolve().parents[1]
NATIONAL = ROOT.parent / "shared" / "data" / "communes" / "communes_2018_france.gpkg"
N_QPV = 1_500
N_STRUCTURES = 3_700


def generate_qpv(communes: gpd.GeoDataFrame, rng: np.random.Generator) -> gpd.GeoDataFrame:
    """``N_QPV`` star-shaped polygons (valid by construction) placed in random communes."""
    picked = communes.iloc[rng.choice(len(communes), N_QPV, replace=False)]
    centres = shapely.get_coordinates(shapely.point_on_surface(picked.geometry.to_numpy()))
    centres = centres + rng.normal(0, 300, size=centres.shape)  # some cross a border
    n_vertices = 40
    angles = np.sort(rng.uniform(0, 2 * np.pi, size=(N_QPV, n_vertices)), axis=1)
    size = rng.uniform(180, 800, size=(N_QPV, 1))
    radii = size * rng.uniform(0.6, 1.0, size=(N_QPV, n_vertices))
    xs = centres[:, :1] + radii * np.cos(angles)
    ys = centres[:, 1:] + radii * np.sin(angles)
    rings = np.stack([xs, ys], axis=2)
    polygons = [shapely.Polygon(ring) for ring in rings]
    codes = [f"QP{i:06d}" for i in range(N_QPV)]
    return gpd.GeoDataFrame(
        {"code_qpv": codes, "commune": picked.code_insee.to_numpy()},
        geometry=polygons,
        crs=communes.crs,
    )


def generate_structures(
    communes: gpd.GeoDataFrame, qpv: gpd.GeoDataFrame, rng: np.random.Generator
) -> gpd.GeoDataFrame:
    """Structures as ``load_structures`` gives them: QPV, commune and radius zones."""
    n_qpv_zones, n_commune_zones = 1_700, 1_400
    n_radius = N_STRUCTURES - n_qpv_zones - n_commune_zones
    # QPV zones: one QPV, half of the time with its nearest neighbour (same town).
    qpv_codes = qpv.code_qpv.to_numpy()
    qgeoms = qpv.geometry.to_numpy()
    first = rng.integers(0, len(qpv), n_qpv_zones)
    _, nearest = shapely.STRtree(qgeoms).query_nearest(
        qgeoms[first], exclusive=True, all_matches=False
    )
    zone_qpv = [
        (qpv_codes[a], qpv_codes[b]) if rng.random() < 0.5 else (qpv_codes[a],)
        for a, b in zip(first, nearest, strict=True)
    ]
    # Commune zones: a seed commune (half of them holding a QPV) and some neighbours.
    seeds = np.where(
        rng.random(n_commune_zones) < 0.5,
        communes.index.get_indexer(rng.choice(qpv.commune.to_numpy(), n_commune_zones)),
        rng.integers(0, len(communes), n_commune_zones),
    )
    geoms = communes.geometry.to_numpy()
    si, ni = communes.sindex.query(geoms[seeds], predicate="intersects")
    neighbours = pd.Series(ni).groupby(si).agg(list)
    codes = communes.code_insee.to_numpy()
    zone_communes = []
    for k in range(n_commune_zones):
        near = np.asarray(neighbours.get(k, [seeds[k]]), dtype=np.intp)
        take = rng.choice(near, size=min(len(near), int(rng.integers(1, 7))), replace=False)
        zone_communes.append(tuple(codes[np.union1d(take, [seeds[k]])]))
    near_qpv = shapely.get_coordinates(
        shapely.centroid(qpv.geometry.to_numpy()[rng.integers(0, len(qpv), N_STRUCTURES)])
    )
    locations = near_qpv + rng.normal(0, 400, size=near_qpv.shape)
    n = N_STRUCTURES
    radius = np.full(n, np.nan)
    radius[n_qpv_zones + n_commune_zones :] = rng.uniform(300, 1500, size=n_radius)
    return gpd.GeoDataFrame(
        {
            "structure_id": [f"S{i:05d}" for i in range(n)],
            "nom": [f"Structure {i}" for i in range(n)],
            "type": np.where(rng.random(n) < 0.6, "centre_social", "evs"),
            "date_agrement": pd.NaT,
            "date_fin": pd.NaT,
            "zone_communes": [()] * n_qpv_zones + zone_communes + [()] * n_radius,
            "zone_qpv": zone_qpv + [()] * (n_commune_zones + n_radius),
            "zone_rayon_m": radius,
        },
        geometry=shapely.points(locations),
        crs=communes.crs,
    )


def plain_geopandas(qpv: gpd.GeoDataFrame, zones: gpd.GeoDataFrame) -> np.ndarray:
    """Dissolve the zones, overlay, area ratio: the way without avs_geo."""
    dissolved = zones[["geometry"]].dissolve()
    inter = gpd.overlay(qpv[["code_qpv", "geometry"]], dissolved, how="intersection")
    covered = inter.geometry.area.groupby(inter.code_qpv.to_numpy()).sum()
    covered_area = covered.reindex(qpv.code_qpv.to_numpy()).fillna(0.0).to_numpy()
    return covered_area / qpv.geometry.area.to_numpy()


def run_case(name: str, qpv: gpd.GeoDataFrame, zones: gpd.GeoDataFrame) -> dict[str, object]:
    t_ours, cov = timed(lambda: compute_coverage(qpv, zones), repeat=3)
    t_plain, plain = timed(lambda: plain_geopandas(qpv, zones))
    assert isinstance(cov, gpd.GeoDataFrame) and isinstance(plain, np.ndarray)
    ours = cov.coverage_ratio.to_numpy()
    diff = float(np.max(np.abs(ours - plain)))
    counts = cov.coverage_status.value_counts()
    return {
        "case": name,
        "qpv": len(qpv),
        "zones": len(zones),
        "avs_geo_s": round(t_ours, 3),
        "plain_s": round(t_plain, 2),
        "speed_up": round(t_plain / t_ours, 1),
        "max_ratio_diff": f"{diff:.1e}",
        "full/partial/none": "/".join(str(counts.get(s, 0)) for s in ("full", "partial", "none")),
    }


def reach_by_loop(coverage: gpd.GeoDataFrame, zones: gpd.GeoDataFrame) -> np.ndarray:
    """Area only each zone covers, the way of avs_geo 0.1: a union per piece, QPV by QPV."""
    position = {sid: j for j, sid in enumerate(zones.structure_id.astype(str))}
    pairs = [(i, position[str(sid)]) for i, ids in enumerate(coverage.structure_ids) for sid in ids]
    q, z = (np.array(side, dtype=np.intp) for side in zip(*pairs, strict=True))
    inter = shapely.intersection(coverage.geometry.to_numpy()[q], zones.geometry.to_numpy()[z])
    others = np.empty(len(q), dtype=object)
    for i in np.unique(q):
        rows = np.flatnonzero(q == i)
        for k in rows:
            rest = rows[rows != k]
            others[k] = shapely.union_all(inter[rest]) if len(rest) else None
    shared = np.array([g is not None for g in others], dtype=bool)
    lost = shapely.area(inter)
    lost[shared] = shapely.area(shapely.difference(inter[shared], others[shared]))
    return np.bincount(z, weights=lost, minlength=len(zones))


def run_reach_case(coverage: gpd.GeoDataFrame, zones: gpd.GeoDataFrame) -> dict[str, object]:
    t_ours, reach = timed(lambda: structure_reach(coverage, zones), repeat=3)
    t_loop, loop = timed(lambda: reach_by_loop(coverage, zones))
    assert isinstance(reach, pd.DataFrame) and isinstance(loop, np.ndarray)
    ours = reach.lost_area_m2.to_numpy()
    diff = np.abs(ours - loop) / np.maximum(np.abs(loop), 1e3)  # 1e-9 of 1,000 m² is 1e-6 m²
    return {
        "case": "structure reach (own areas)",
        "qpv": len(coverage),
        "zones": len(zones),
        "pairs": int(coverage.n_structures.sum()),
        "avs_geo_s": round(t_ours, 3),
        "loop_0.1_s": round(t_loop, 2),
        "speed_up": round(t_loop / t_ours, 1),
        "max_rel_diff": f"{float(diff.max()):.1e}",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communes", type=Path, default=NATIONAL)
    args = parser.parse_args(argv)
    if not args.communes.exists():
        print(f"bench_coverage: skipped, {args.communes} not found.")
        return 0
    t_read, communes = timed(lambda: load_communes(args.communes, layer="communes"))
    assert isinstance(communes, gpd.GeoDataFrame)
    print(f"read {len(communes)} communes in {t_read:.1f} s")
    communes = communes[~communes.departement.str.startswith("97")].reset_index(drop=True)
    rng = np.random.default_rng(2022)
    qpv = generate_qpv(communes, rng)
    structures = generate_structures(communes, qpv, rng)
    t_zones, zones = timed(lambda: build_zones(structures, communes=communes, qpv=qpv))
    assert isinstance(zones, gpd.GeoDataFrame)
    print(f"build_zones: {len(zones)} zones in {t_zones:.2f} s")
    commune_zones = gpd.GeoDataFrame(
        {"structure_id": communes.code_insee.to_numpy()},
        geometry=communes.geometry.to_numpy(),
        crs=communes.crs,
    )
    rows = [
        run_case("communes as zones", qpv, commune_zones),
        run_case("structures (build_zones)", qpv, zones),
    ]
    table = pd.DataFrame(rows)
    print(table.to_markdown(index=False) if _has_tabulate() else table.to_string(index=False))
    coverage = compute_coverage(qpv, zones)
    reach = pd.DataFrame([run_reach_case(coverage, zones)])
    print(reach.to_markdown(index=False) if _has_tabulate() else reach.to_string(index=False))
    ok = all(float(r["max_ratio_diff"]) <= 1e-9 for r in rows)  # type: ignore[arg-type]
    return 0 if ok and float(reach["max_rel_diff"].iloc[0]) <= 1e-9 else 1


def _has_tabulate() -> bool:
    try:
        import tabulate  # noqa: F401
    except ImportError:
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
