"""Benchmark: the whole coverage job at national scale, against the I/O floor.

Run with ``make bench`` or ``.venv/bin/python -m benchmarks.bench_national``. It needs
the national communes file (``../shared/data/communes/communes_2018_france.gpkg``
relative to the repository, layer ``communes``, or the file named by the environment
variable ``AVS_GEO_NATIONAL_COMMUNES``); without it, it says so and stops.

Inputs, written in the official file formats into a temporary folder (not timed):

* the 2018 communes of metropolitan France (about 34,900; the overseas communes need
  their own projections), as a GeoPackage in the IGN schema of the file above;
* 1,600 generated QPV in the 2024 schema (``code_qp`` QN..., ``lib_qp``,
  ``insee_com``, ``lib_com``, ``insee_dep``), as a GeoPackage: star-shaped polygons of
  0.1-2 km² in random communes (``benchmarks.bench_coverage.generate_qpv``);
* 3,900 structures as a CSV like the examples of ``data/structures`` (``;``, zones by
  commune list, by QPV list and by radius, agreement dates in ISO and in French
  day-first form), from ``benchmarks.bench_coverage.generate_structures``.

Then, in the same process: ``avs_geo.run_coverage`` (the ``avs-geo couverture`` job)
without maps and with maps, each step timed through its ``progress`` callback, and
the I/O floor, each ``--repeat`` times, interleaved (the fastest pass of each counts):
reading the same inputs with pyogrio and pandas, and writing outputs of the same size
(the same tables as CSV with pandas, the same layers as GeoPackage with pyogrio, the
same sheets as xlsx with pandas, the bytes of the maps). It prints each step's time
and its multiple of the floor, the ratio of each job to the floor, the size of the
national map and its load time in headless Chromium, the split map
(``save_map_pages``), and ``compute_coverage`` / ``score_sites`` with a generated
200 m population grid of 2.3 million cells (as cells and as points). ``--compare
FOLDER`` compares the tables with those of an earlier run kept with ``--keep``.
``--profile`` prints the 25 costliest functions of the job with maps (cProfile,
cumulative time).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from avs_geo import run_coverage
from avs_geo.workflows.coverage import CoverageRun
from avs_geo.workflows.progress import Progress, coverage_plan
from benchmarks import bench_coverage
from benchmarks._browser import CHROMIUM, offline_page

ROOT = Path(__file__).resolve().parents[1]
NATIONAL = Path(
    os.environ.get(
        "AVS_GEO_NATIONAL_COMMUNES",
        ROOT.parent / "shared" / "data" / "communes" / "communes_2018_france.gpkg",
    )
)
N_QPV = 1_600
N_STRUCTURES = 3_900
DATE = "2022-12-31"


def national_inputs(communes_file: Path, folder: Path, seed: int = 2024) -> dict[str, Path]:
    """Write the communes, QPV and structures files into ``folder``; return their paths."""
    raw = pyogrio.read_dataframe(communes_file, layer="communes")
    raw = raw[~raw["departement"].astype(str).str.startswith("97")].reset_index(drop=True)
    communes_path = folder / "communes_2018_metropole.gpkg"
    pyogrio.write_dataframe(raw, communes_path, layer="communes")
    communes = raw.to_crs("EPSG:2154")
    communes = communes.assign(code_insee=communes["code_insee"].astype(str))
    rng = np.random.default_rng(seed)
    with (
        mock.patch.object(bench_coverage, "N_QPV", N_QPV),
        mock.patch.object(bench_coverage, "N_STRUCTURES", N_STRUCTURES),
    ):
        qpv = bench_coverage.generate_qpv(communes, rng)
        structures = bench_coverage.generate_structures(communes, qpv, rng)
    qpv_2024, codes = _qpv_2024(qpv, communes)
    qpv_path = folder / "qpv_2024.gpkg"
    pyogrio.write_dataframe(qpv_2024.to_crs("EPSG:2154"), qpv_path, layer="qpv_2024")
    structures_path = folder / "structures.csv"
    _structures_csv(structures, codes, rng).to_csv(
        structures_path, sep=";", index=False, encoding="utf-8"
    )
    return {"communes": communes_path, "qpv": qpv_path, "structures": structures_path}


def _qpv_2024(
    qpv: gpd.GeoDataFrame, communes: gpd.GeoDataFrame
) -> tuple[gpd.GeoDataFrame, dict[str, str]]:
    """The generated QPV in the 2024 schema, with codes QN + department + number + M."""
    names = communes.set_index("code_insee")["nom"]
    deps = communes.set_index("code_insee")["departement"].astype(str)
    insee = qpv["commune"].astype(str)
    dep = deps.reindex(insee).to_numpy()
    number = pd.Series(dep).groupby(dep).cumcount().to_numpy()
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    codes = [
        f"QN{d.zfill(3)}{digits[n // 36]}{digits[n % 36]}M"
        for d, n in zip(dep, number, strict=True)
    ]
    frame = gpd.GeoDataFrame(
        {
            "code_qp": codes,
            "lib_qp": [f"Quartier {i}" for i in range(len(qpv))],
            "insee_com": insee.to_numpy(),
            "lib_com": names.reindex(insee).to_numpy(),
            "insee_dep": dep,
        },
        geometry=qpv.geometry.to_numpy(),
        crs=qpv.crs,
    )
    return frame, dict(zip(qpv["code_qpv"], codes, strict=True))


def _structures_csv(
    structures: gpd.GeoDataFrame, codes: dict[str, str], rng: np.random.Generator
) -> pd.DataFrame:
    """The structures as a planner's CSV: lat/lon, French types, dates, ``;`` lists."""
    lonlat = structures.geometry.to_crs("EPSG:4326")
    n = len(structures)
    start = pd.Timestamp("2012-01-01") + pd.to_timedelta(rng.integers(0, 3650, n), unit="D")
    iso = rng.random(n) < 0.5
    starts = np.where(iso, start.strftime("%Y-%m-%d"), start.strftime("%d/%m/%Y"))
    ends = np.where(rng.random(n) < 0.1, (start + pd.DateOffset(years=4)).strftime("%Y-%m-%d"), "")
    radius = structures["zone_rayon_m"].to_numpy()
    return pd.DataFrame(
        {
            "structure_id": structures["structure_id"].to_numpy(),
            "nom": structures["nom"].to_numpy(),
            "type": np.where(structures["type"] == "centre_social", "Centre social", "EVS"),
            "lat": np.round(lonlat.y.to_numpy(), 6),
            "lon": np.round(lonlat.x.to_numpy(), 6),
            "date_agrement": starts,
            "date_fin": ends,
            "zone_communes": [";".join(c) for c in structures["zone_communes"]],
            "zone_qpv": [";".join(codes[q] for q in z) for z in structures["zone_qpv"]],
            "zone_rayon_m": [("" if np.isnan(r) else str(round(r))) for r in radius],
        }
    )


def national_job(
    inputs: dict[str, Path], output: Path, *, maps: bool, progress: Progress | None = None
) -> CoverageRun:
    """``avs_geo.run_coverage`` (``avs-geo couverture``) on the national inputs at DATE."""
    return run_coverage(
        output,
        structures=inputs["structures"],
        qpv=inputs["qpv"],
        communes=inputs["communes"],
        date=DATE,
        maps=maps,
        progress=progress,
    )


def timed_job(
    inputs: dict[str, Path], output: Path, *, maps: bool
) -> tuple[float, dict[str, float], dict[str, Path]]:
    """Run the coverage job; return its wall time, each step's time and the files written."""
    plan = coverage_plan(maps=maps)
    marks: list[float] = []

    def progress(label: str, step: int, total: int) -> None:
        marks.append(time.perf_counter())

    start = time.perf_counter()
    run = national_job(inputs, output, maps=maps, progress=progress)
    end = time.perf_counter()
    ends = [*marks[1:], end]
    steps = {name: b - a for name, a, b in zip(plan, marks, ends, strict=True)}
    return end - start, steps, dict(run.files)


def timed_pages(inputs: dict[str, Path], folder: Path) -> tuple[float, dict[str, Path]]:
    """The job's map split in pages (``save_map_pages``), timed without the job itself."""
    from avs_geo.maps import save_map_pages
    from avs_geo.workflows.coverage import active_structures

    run = national_job(inputs, folder / "job", maps=False)
    start = time.perf_counter()
    pages = save_map_pages(
        run.coverage,
        folder,
        zones=run.zones,
        structures=active_structures(run.inputs, run.zones),
        outline=run.inputs.communes,
        date=DATE,
    )
    return time.perf_counter() - start, pages


def io_floor(inputs: dict[str, Path], files: dict[str, Path], folder: Path) -> float:
    """Read the inputs and write outputs of the same size with pyogrio and pandas (seconds).

    What is written is prepared first (not timed): the tables of the job's CSV files,
    the layers of its GeoPackage, the sheets of its workbook and the bytes of its maps.
    """
    tables = {
        k: pd.read_csv(p, sep=None, engine="python") for k, p in files.items() if p.suffix == ".csv"
    }
    layers = {
        name: pyogrio.read_dataframe(files["geopackage"], layer=name)
        for name, *_ in pyogrio.list_layers(files["geopackage"])
    }
    sheets = pd.read_excel(files["workbook"], sheet_name=None)
    blobs = {k: p.read_bytes() for k, p in files.items() if p.suffix in (".html", ".png", ".md")}
    start = time.perf_counter()
    pyogrio.read_dataframe(inputs["communes"]).to_crs("EPSG:2154")
    pyogrio.read_dataframe(inputs["qpv"])
    pd.read_csv(inputs["structures"], sep=";", dtype=str)
    for key, table in tables.items():
        table.to_csv(folder / f"{key}.csv", index=False)
    for name, layer in layers.items():
        pyogrio.write_dataframe(layer, folder / "floor.gpkg", layer=name)
    with pd.ExcelWriter(folder / "floor.xlsx") as writer:
        for name, sheet in sheets.items():
            sheet.to_excel(writer, sheet_name=name, index=False)
    for key, data in blobs.items():
        (folder / f"floor_{key}").write_bytes(data)
    return time.perf_counter() - start


def map_load_seconds(html: Path, chromium: Path = CHROMIUM) -> float | None:
    """Seconds from opening the map in headless Chromium (no network) to every QPV dot
    drawn, the page's scripts all run; None without Chromium or Playwright."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return None
    if not chromium.exists():
        return None
    errors: list[str] = []
    with offline_page(errors, chromium) as page:
        start = time.perf_counter()
        page.goto(html.as_uri(), wait_until="load")
        page.wait_for_selector("path.avs-qpv-dot", state="attached")
        seconds = time.perf_counter() - start
    if errors:
        raise RuntimeError(f"page errors: {errors}")
    return seconds


N_CELLS = 2_300_000
CELL_M = 200.0


def population_grid(
    qpv: gpd.GeoDataFrame, n: int = N_CELLS, seed: int = 2024
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A Filosofi-like 200 m grid over metropolitan France: ``n`` inhabited cells (every
    cell under a QPV, the others drawn at random), their lower-left corners and people."""
    rng = np.random.default_rng(seed)
    x0, y0, x1, y1 = 100_000.0, 6_040_000.0, 1_250_000.0, 7_120_000.0
    nx, ny = int((x1 - x0) // CELL_M), int((y1 - y0) // CELL_M)
    box = shapely.bounds(qpv.geometry.to_numpy())
    i0, i1 = ((box[:, 0] - x0) // CELL_M).astype(int), ((box[:, 2] - x0) // CELL_M).astype(int)
    j0, j1 = ((box[:, 1] - y0) // CELL_M).astype(int), ((box[:, 3] - y0) // CELL_M).astype(int)
    under = np.unique(
        np.concatenate(
            [
                (np.arange(a, b + 1)[:, None] * ny + np.arange(c, d + 1)[None, :]).ravel()
                for a, b, c, d in zip(i0, i1, j0, j1, strict=True)
            ]
        )
    )
    drawn = np.unique(rng.integers(0, nx * ny, 2 * n))
    drawn = drawn[~np.isin(drawn, under)]
    ids = np.concatenate([under, rng.permutation(drawn)[: n - len(under)]])
    xs, ys = x0 + (ids // ny) * CELL_M, y0 + (ids % ny) * CELL_M
    return xs, ys, rng.gamma(1.2, 40.0, len(ids)).round()


def _rss_mib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed_grid(inputs: dict[str, Path], folder: Path) -> list[dict[str, Any]]:
    """compute_coverage and score_sites with a 2.3-million-cell population grid, as cells
    and as points (their centres): seconds and the process's peak memory after each."""
    from avs_geo import compute_coverage
    from avs_geo.sites import score_sites

    run = national_job(inputs, folder / "job", maps=False)
    qpv, zones = run.inputs.qpv, run.zones
    xs, ys, people = population_grid(qpv)
    layers = {
        "cells": gpd.GeoDataFrame(
            {"population": people},
            geometry=shapely.box(xs, ys, xs + CELL_M, ys + CELL_M),
            crs=qpv.crs,
        ),
        "points": gpd.GeoDataFrame(
            {"population": people},
            geometry=shapely.points(xs + CELL_M / 2, ys + CELL_M / 2),
            crs=qpv.crs,
        ),
    }
    rng = np.random.default_rng(7)
    near = qpv.geometry.centroid.to_numpy()[rng.integers(0, len(qpv), 500)]
    sites = gpd.GeoDataFrame(
        {"candidat_id": [f"C{i:03d}" for i in range(len(near))]},
        geometry=shapely.points(
            shapely.get_x(near) + rng.normal(0, 400, len(near)),
            shapely.get_y(near) + rng.normal(0, 400, len(near)),
        ),
        crs=qpv.crs,
    )
    rows: list[dict[str, Any]] = []
    for name, layer in [("QPV column", None), *layers.items()]:
        start = time.perf_counter()
        cov = compute_coverage(qpv, zones, population=layer)
        cov_s = time.perf_counter() - start
        start = time.perf_counter()
        score_sites(sites, cov, zones=zones, radius_m=500, population=layer)
        rows.append(
            {
                "population": name,
                "features": 0 if layer is None else len(layer),
                "compute_coverage_s": cov_s,
                "score_sites_s": time.perf_counter() - start,
                "covered_population": float(cov["covered_population"].sum()),
                "peak_rss_mib": _rss_mib(),
            }
        )
    return rows


TABLES = ("couverture_qpv.csv", "structures_couverture.csv", "synthese.csv")


def tables_difference(before: Path, after: Path) -> tuple[bool, float]:
    """Compare the tables of two runs (CSV files and every sheet of the workbook): whether
    every text cell is the same, and the largest difference between numbers."""
    pairs = [
        (pd.read_csv(before / name, sep=None, engine="python"),
         pd.read_csv(after / name, sep=None, engine="python"))
        for name in TABLES
    ]  # fmt: skip
    sheets = [
        pd.read_excel(folder / "rapport_couverture.xlsx", sheet_name=None)
        for folder in (before, after)
    ]
    if list(sheets[0]) != list(sheets[1]):
        return False, float("nan")
    pairs += [(sheets[0][name], sheets[1][name]) for name in sheets[0]]
    same, worst = True, 0.0
    for a, b in pairs:
        if list(a.columns) != list(b.columns) or len(a) != len(b):
            return False, float("nan")
        for column in a.columns:
            x, y = a[column], b[column]
            if pd.api.types.is_numeric_dtype(x) and pd.api.types.is_numeric_dtype(y):
                same &= bool((x.isna() == y.isna()).all())
                gap = (x - y).abs().max()
                worst = max(worst, 0.0 if pd.isna(gap) else float(gap))
            else:
                same &= bool((x.astype(str).fillna("") == y.astype(str).fillna("")).all())
    return same, worst


def profile_job(inputs: dict[str, Path], output: Path, top: int = 25) -> str:
    """The ``top`` costliest functions of the job with maps (cumulative time)."""
    profiler = cProfile.Profile()
    profiler.enable()
    national_job(inputs, output, maps=True)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def _quiet(func: Callable[[], Any]) -> Any:
    import warnings

    import avs_geo

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", avs_geo.AvsGeoWarning)
        return func()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communes", type=Path, default=NATIONAL)
    parser.add_argument("--profile", action="store_true", help="profile the job with maps")
    parser.add_argument("--keep", type=Path, help="copy the inputs and outputs to this folder")
    parser.add_argument(
        "--repeat", type=int, default=2, help="passes of each job and of the floor (default 2)"
    )
    parser.add_argument("--no-grid", action="store_true", help="skip the population grid")
    parser.add_argument(
        "--compare",
        type=Path,
        help="a folder kept by an earlier run (--keep): compare the tables of both jobs",
    )
    args = parser.parse_args(argv)
    if not args.communes.exists():
        print(f"bench_national: skipped, {args.communes} not found.")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        inputs = national_inputs(args.communes, folder)
        n_rows = len(pd.read_csv(inputs["structures"], sep=";", dtype=str))
        print(f"inputs: {N_QPV} QPV (2024 schema, GeoPackage), {n_rows} structures (CSV)")
        # On a shared machine the seconds vary from one pass to the next: each job and
        # the floor run --repeat times, interleaved, and the fastest pass of each counts.
        plain, maps, floors = [], [], []
        (folder / "floor").mkdir()
        for _ in range(args.repeat):
            plain.append(_quiet(lambda: timed_job(inputs, folder / "sans_cartes", maps=False)))
            maps.append(_quiet(lambda: timed_job(inputs, folder / "cartes", maps=True)))
            floors.append(io_floor(inputs, maps[-1][2], folder / "floor"))
        t_plain, steps_plain, _ = min(plain, key=lambda run: run[0])
        t_maps, steps_maps, files = min(maps, key=lambda run: run[0])
        floor = min(floors)
        print(
            f"{args.repeat} passes: sans cartes {', '.join(f'{r[0]:.1f}' for r in plain)} s; "
            f"cartes {', '.join(f'{r[0]:.1f}' for r in maps)} s; "
            f"floor {', '.join(f'{f:.2f}' for f in floors)} s (the fastest of each below)"
        )
        rows = [
            {"step": name, "sans_cartes_s": steps_plain.get(name), "cartes_s": seconds}
            for name, seconds in steps_maps.items()
        ]
        rows.append({"step": "total", "sans_cartes_s": t_plain, "cartes_s": t_maps})
        rows.append({"step": "I/O floor", "sans_cartes_s": floor, "cartes_s": floor})
        rows.append(
            {"step": "ratio to floor", "sans_cartes_s": t_plain / floor, "cartes_s": t_maps / floor}
        )
        table = pd.DataFrame(rows)
        # each stage as a multiple of the whole I/O floor (the last row: the end-to-end ratio)
        table["sans_cartes_x_floor"] = table["sans_cartes_s"] / floor
        table["cartes_x_floor"] = table["cartes_s"] / floor
        table.loc[table["step"] == "ratio to floor", ["sans_cartes_x_floor", "cartes_x_floor"]] = (
            np.nan
        )
        print(table.round(2).to_string(index=False))
        html = files["map_html"].stat().st_size
        load = map_load_seconds(files["map_html"])
        shown = "no Chromium" if load is None else f"{load:.2f} s"
        print(f"map_html: {html:,} bytes ({html / 2**20:.2f} MiB), load in Chromium: {shown}")
        (folder / "pages").mkdir()
        t_pages, pages = _quiet(lambda: timed_pages(inputs, folder / "pages"))
        sizes = sorted(p.stat().st_size for k, p in pages.items() if k != "index")
        print(
            f"save_map_pages: {len(pages) - 1} department pages and an index in {t_pages:.1f} s; "
            f"index {pages['index'].stat().st_size:,} bytes, pages {sizes[0]:,} to "
            f"{sizes[-1]:,} bytes"
        )
        if args.compare:
            for job in ("sans_cartes", "cartes"):
                same, worst = tables_difference(args.compare / job, folder / job)
                print(
                    f"tables of {job} against {args.compare / job}: "
                    f"{'same texts' if same else 'TEXTS DIFFER'}, largest difference "
                    f"between numbers {worst:.3g}"
                )
        if not args.no_grid:
            grid = pd.DataFrame(_quiet(lambda: timed_grid(inputs, folder / "grille")))
            print(f"population grid ({N_CELLS:,} cells of {CELL_M:g} m, 500 candidate sites):")
            print(grid.round(2).to_string(index=False))
        if args.keep:
            shutil.copytree(folder, args.keep, dirs_exist_ok=True)
        if args.profile:
            print(_quiet(lambda: profile_job(inputs, folder / "profil")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
