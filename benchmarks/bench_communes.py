"""Benchmark: the communes of a vintage (one dissolve) against the plain geopandas dissolve.

Run with ``make bench`` or ``.venv/bin/python benchmarks/bench_communes.py``. It reads
the national communes file (``../shared/data/communes/communes_2018_france.gpkg``,
35,357 communes of 2018) once, then turns it into the communes of 2022 and 2026:

* avs_geo: ``load_communes(..., vintage=...)``'s step (``_to_vintage``): the codes mapped
  to their current commune, one ``dissolve`` of the communes that gather several 2018
  contours only, the metadata joined;
* plain geopandas: the same code map, then ``GeoDataFrame.dissolve`` of every commune.

Both run in the same process; the areas of every commune must agree to 1e-9 (relative).
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from avs_geo import AvsGeoWarning, load_communes
from avs_geo.read.communes import _to_vintage, current_code_map

ROOT = Path(__file__).resolve().parents[1]
NATIONAL = ROOT.parent / "shared" / "data" / "communes" / "communes_2018_france.gpkg"


def plain(communes: gpd.GeoDataFrame, vintage: int) -> gpd.GeoDataFrame:
    """What one writes with geopandas alone."""
    codes = communes["code_insee"].astype(str).map(current_code_map(vintage))
    return communes.assign(code_insee=codes)[["code_insee", "geometry"]].dissolve("code_insee")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--national", type=Path, default=NATIONAL)
    national = parser.parse_args(argv).national
    if not national.exists():
        print(f"{national} is missing: nothing to measure.")
        return 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AvsGeoWarning)  # one contour repaired, 14666 missing
        communes = load_communes(national)
        rows = []
        for vintage in (2022, 2026):
            _to_vintage(communes.head(100), vintage, "warm-up")  # caches the metadata
            start = time.perf_counter()
            ours = _to_vintage(communes, vintage, str(national))
            t_ours = time.perf_counter() - start
            start = time.perf_counter()
            theirs = plain(communes, vintage)
            t_plain = time.perf_counter() - start
            a = ours.set_index("code_insee").area
            b = theirs.area.reindex(a.index)
            error = float(np.max(np.abs(a - b) / b))
            rows.append(
                {
                    "vintage": vintage,
                    "communes 2018": len(communes),
                    "communes": len(ours),
                    "avs_geo (s)": round(t_ours, 3),
                    "plain geopandas (s)": round(t_plain, 3),
                    "speed-up": round(t_plain / t_ours, 1),
                    "max relative area gap": f"{error:.1e}",
                    "agree": error <= 1e-9,
                }
            )
    table = pd.DataFrame(rows)
    print(table.to_string(index=False))
    return 0 if all(r["agree"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
