"""Benchmark: what the CRS guard costs (issue 16), in the same process.

Run with ``make bench`` or ``.venv/bin/python -m benchmarks.bench_crs``. It reads the
national communes file (``../shared/data/communes/communes_2018_france.gpkg``: 35,357
communes of 2018 in longitude/latitude, 129 of them overseas), then:

* reading: the guard's step of every reader (France check, territory of each feature,
  working CRS, reprojection: ``avs_geo.read._geo.to_target_crs``) against the plain
  ``GeoDataFrame.to_crs("EPSG:2154")`` of 0.1;
* coverage of a mixed layer: 1,500 QPV in metropolitan France and 100 overseas, stored in
  Lambert-93, with 3,000 radius zones (300-1,500 m): ``build_zones`` + ``compute_coverage``,
  each territory measured in its own projection, against the same calls on the same
  frames with the guard switched off (everything measured in Lambert-93, as 0.1 did),
  and what the guard changes in the overseas ratios.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path
from unittest import mock

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from avs_geo import AvsGeoWarning, build_zones, compute_coverage
from avs_geo.read._geo import to_target_crs
from benchmarks._timing import timed

ROOT = Path(__file__).resolve().parents[1]
NATIONAL = ROOT.parent / "shared" / "data" / "communes" / "communes_2018_france.gpkg"
N_METROPOLE, N_OVERSEAS, N_STRUCTURES = 1_500, 100, 3_000


def mixed_layers(
    communes: gpd.GeoDataFrame, rng: np.random.Generator
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """QPV squares (200-800 m) in random communes of each territory, drawn in the
    territory's projection, and structures with a radius near them; all in Lambert-93."""
    overseas = communes["code_insee"].str.startswith("97").to_numpy()
    picked = np.concatenate(
        [
            rng.choice(np.flatnonzero(~overseas), N_METROPOLE, replace=False),
            rng.choice(np.flatnonzero(overseas), N_OVERSEAS, replace=True),
        ]
    )
    frames, points = [], []
    local = {"971": 5490, "972": 5490, "973": 2972, "974": 2975, "976": 4471}
    codes = communes["code_insee"].to_numpy()[picked]
    for epsg in sorted({2154, *local.values()}):
        here = np.array([local.get(c[:3], 2154) == epsg for c in codes])
        if not here.any():
            continue
        part = communes.iloc[picked[here]].to_crs(epsg)
        centres = shapely.get_coordinates(shapely.point_on_surface(part.geometry.to_numpy()))
        half = rng.uniform(100, 400, size=(len(part), 1))
        squares = shapely.box(*(centres - half).T, *(centres + half).T)
        frames.append(
            gpd.GeoDataFrame(
                {"code_qpv": [f"QN{c[:3] if c.startswith('97') else '0' + c[:2]}" for c in codes[here]],
                 "departement": [c[:3] if c.startswith("97") else c[:2] for c in codes[here]]},
                geometry=squares, crs=epsg,
            ).to_crs(2154)
        )  # fmt: skip
        near = centres[
            rng.integers(0, len(centres), max(1, N_STRUCTURES * len(part) // len(picked)))
        ]
        near = near + rng.normal(0, 400, size=near.shape)
        points.append(gpd.GeoSeries(shapely.points(near), crs=epsg).to_crs(2154))
    qpv = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs=2154)
    qpv["code_qpv"] = [f"{c}{i:05d}" for i, c in enumerate(qpv["code_qpv"])]
    where = pd.concat(points, ignore_index=True)
    n = len(where)
    structures = gpd.GeoDataFrame(
        {
            "structure_id": [f"S{i:05d}" for i in range(n)],
            "nom": "S",
            "type": "evs",
            "date_agrement": pd.NaT,
            "date_fin": pd.NaT,
            "zone_communes": [()] * n,
            "zone_qpv": [()] * n,
            "zone_rayon_m": rng.uniform(300, 1500, size=n),
        },
        geometry=where.to_numpy(),
        crs=2154,
    )
    return qpv, structures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communes", type=Path, default=NATIONAL)
    args = parser.parse_args(argv)
    if not args.communes.exists():
        print(f"bench_crs: skipped, {args.communes} not found.")
        return 0
    raw = pyogrio.read_dataframe(args.communes, layer="communes")
    print(f"communes: {len(raw)} ({raw.crs}), "
          f"{int(raw['code_insee'].astype(str).str.startswith('97').sum())} overseas")  # fmt: skip

    plain, _ = timed(lambda: raw.to_crs("EPSG:2154"), repeat=5)
    guard, read = timed(
        lambda: to_target_crs(raw, path=args.communes, crs=None, what="communes", id_column=None),
        repeat=5,
    )
    assert isinstance(read, gpd.GeoDataFrame) and read.crs.to_epsg() == 2154
    print(f"reading: guard {guard:.3f} s, plain to_crs {plain:.3f} s, ratio {guard / plain:.2f}")

    communes = raw.to_crs("EPSG:2154").assign(code_insee=raw["code_insee"].astype(str))
    qpv, structures = mixed_layers(communes, np.random.default_rng(16))
    empty = communes.iloc[:0][["code_insee", "geometry"]]

    overseas = qpv["departement"].str.startswith("97").to_numpy()
    metropole = qpv[~overseas]
    x, y = structures.geometry.x, structures.geometry.y  # the Lambert-93 box of France
    in_metropole = structures[(x > -1e5) & (x < 1.3e6) & (y > 6.0e6) & (y < 7.2e6)]

    def run(q: gpd.GeoDataFrame = qpv, s: gpd.GeoDataFrame = structures) -> gpd.GeoDataFrame:
        zones = build_zones(s, communes=empty)
        return compute_coverage(q, zones)

    off = (
        mock.patch("avs_geo.coverage.measure.split_by_territory", return_value=None),
        mock.patch("avs_geo.zones.territory_groups", return_value=None),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AvsGeoWarning)
        guarded, right = timed(run, repeat=5)
        one, _ = timed(lambda: run(metropole, in_metropole), repeat=5)
        with off[0], off[1]:
            unguarded, wrong = timed(run, repeat=5)
            one_off, _ = timed(lambda: run(metropole, in_metropole), repeat=5)
    print(
        f"coverage, metropolitan France only ({len(metropole)} QPV x {len(in_metropole)} "
        f"zones): guard {one:.3f} s, guard off {one_off:.3f} s, ratio {one / one_off:.2f}"
    )
    assert isinstance(right, gpd.GeoDataFrame) and isinstance(wrong, gpd.GeoDataFrame)
    change = np.abs(right["coverage_ratio"] - wrong["coverage_ratio"]).to_numpy()
    area = (wrong["qpv_area_m2"] / right["qpv_area_m2"]).to_numpy()
    print(
        f"coverage, {len(qpv)} QPV ({int(overseas.sum())} overseas) x {len(structures)} radius "
        f"zones: per territory {guarded:.3f} s, all in Lambert-93 {unguarded:.3f} s, "
        f"ratio {guarded / unguarded:.2f}"
    )
    print(
        f"  metropolitan ratios equal: max |diff| {change[~overseas].max():.1e}; overseas "
        f"ratios moved by up to {change[overseas].max():.3f} (median "
        f"{np.median(change[overseas]):.3f}), Lambert-93 areas x{area[overseas].min():.2f} "
        f"to x{area[overseas].max():.2f} overseas"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
