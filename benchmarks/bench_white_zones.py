"""Benchmark: commune coverage (white zones) of metropolitan France against plain geopandas.

Run with ``.venv/bin/python benchmarks/bench_white_zones.py``. It reads the national communes
file (``../shared/data/communes/communes_2018_france.gpkg``, layer ``communes``); without
it, it says so and stops.

The zones are those of ``bench_coverage``: 3,700 generated structures whose zones
``build_zones`` makes from communes, generated QPV and radii. Both ways measure, for
each of the ~34,900 communes of metropolitan France, the share of its area inside at
least one zone (overlaps counted once):

* avs_geo: :func:`avs_geo.coverage.communes.commune_coverage` (the overlay kernel);
* plain geopandas, pairwise: ``gpd.overlay(communes, zones, how="intersection")``
  (pairwise pieces, spatial index inside), the pieces dissolved by commune (overlaps
  merged), their area divided by the commune's;
* plain geopandas, dissolved (``--dissolve``, the way of ``bench_coverage``): all zones
  dissolved into one geometry, ``overlay`` of the communes with it, area ratio. It takes
  minutes at this scale, hence opt-in.

All run in the same process; the ratios must agree to 1e-9.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from avs_geo import build_zones, load_communes
from avs_geo.coverage.communes import commune_coverage

try:  # run as a script or as part of the package
    from benchmarks.bench_coverage import NATIONAL, generate_qpv, generate_structures, timed
except ImportError:  # pragma: no cover
    from bench_coverage import (  # type: ignore[no-redef]
        NATIONAL,
        generate_qpv,
        generate_structures,
        timed,
    )


def plain_geopandas(communes: gpd.GeoDataFrame, zones: gpd.GeoDataFrame) -> np.ndarray:
    """Pairwise overlay, pieces dissolved by commune, area ratio: the way without avs_geo."""
    pieces = gpd.overlay(
        communes[["code_insee", "geometry"]],
        zones[["structure_id", "geometry"]],
        how="intersection",
        keep_geom_type=True,  # pairs that only touch give lines: dropped (area 0)
    )
    covered = pieces.dissolve("code_insee").geometry.area
    covered_area = covered.reindex(communes.code_insee.to_numpy()).fillna(0.0).to_numpy()
    return np.clip(covered_area / communes.geometry.area.to_numpy(), 0.0, 1.0)


def plain_dissolved(communes: gpd.GeoDataFrame, zones: gpd.GeoDataFrame) -> np.ndarray:
    """Dissolve the zones into one geometry, overlay, area ratio (as ``bench_coverage``)."""
    dissolved = zones[["geometry"]].dissolve()
    inter = gpd.overlay(
        communes[["code_insee", "geometry"]], dissolved, how="intersection", keep_geom_type=True
    )
    covered = inter.geometry.area.groupby(inter.code_insee.to_numpy()).sum()
    covered_area = covered.reindex(communes.code_insee.to_numpy()).fillna(0.0).to_numpy()
    return np.clip(covered_area / communes.geometry.area.to_numpy(), 0.0, 1.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communes", type=Path, default=NATIONAL)
    parser.add_argument("--dissolve", action="store_true", help="also the dissolved way")
    args = parser.parse_args(argv)
    if not args.communes.exists():
        print(f"bench_white_zones: skipped, {args.communes} not found.")
        return 0
    t_read, communes = timed(lambda: load_communes(args.communes, layer="communes"))
    assert isinstance(communes, gpd.GeoDataFrame)
    communes = communes[~communes.departement.str.startswith("97")].reset_index(drop=True)
    print(f"read {len(communes)} communes of metropolitan France in {t_read:.1f} s")
    rng = np.random.default_rng(2022)
    qpv = generate_qpv(communes, rng)
    structures = generate_structures(communes, qpv, rng)
    zones = build_zones(structures, communes=communes, qpv=qpv)
    assert isinstance(zones, gpd.GeoDataFrame)
    t_ours, cov = timed(lambda: commune_coverage(communes, zones), repeat=3)
    assert isinstance(cov, gpd.GeoDataFrame)
    ours = cov.coverage_ratio.to_numpy()
    ways = {"overlay pairwise + dissolve by commune": plain_geopandas}
    if args.dissolve:
        ways["dissolve all zones + overlay"] = plain_dissolved
    rows, diff = [], 0.0
    for name, way in ways.items():
        t_plain, plain = timed(lambda way=way: way(communes, zones))  # type: ignore[misc]
        assert isinstance(plain, np.ndarray)
        d = float(np.max(np.abs(ours - plain)))
        diff = max(diff, d)
        rows.append(
            {
                "plain way": name,
                "communes": len(communes),
                "zones": len(zones),
                "no_offer": int(cov.no_offer.sum()),
                "avs_geo_s": round(t_ours, 2),
                "plain_s": round(t_plain, 2),
                "speed_up": round(t_plain / t_ours, 1),
                "max_ratio_diff": f"{d:.1e}",
            }
        )
    print(pd.DataFrame(rows).to_string(index=False))
    return 0 if diff <= 1e-9 else 1


if __name__ == "__main__":
    sys.exit(main())
