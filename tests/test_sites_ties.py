"""Exact site selection returns the same set whatever the order of the candidate rows:
ties between optimal sets are broken by id, as greedy does (issue 16)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
from shapely import box

from avs_geo import compute_coverage, select_sites

pytest.importorskip("pulp")


def candidates() -> gpd.GeoDataFrame:
    # One QPV of 100 x 100 m. Four halves, two left (A, L) and two right (B, R): any
    # left + right pair covers it all; M (the middle 60 m) alone covers the most.
    halves = {
        "L": box(0, 0, 50, 100),
        "R": box(50, 0, 100, 100),
        "M": box(20, 0, 80, 100),
        "B": box(50, 0, 100, 100),
        "A": box(0, 0, 50, 100),
        "Z": box(0, 0, 10, 10),
    }
    return gpd.GeoDataFrame(
        {"candidat_id": list(halves), "nom": [f"Site {i}" for i in halves]},
        geometry=list(halves.values()),
        crs="EPSG:2154",
    )


def choose(cands: gpd.GeoDataFrame, method: str) -> tuple[str, ...]:
    qpv = gpd.GeoDataFrame(
        {"code_qpv": ["QP031001"], "population": [800.0]},
        geometry=[box(0, 0, 100, 100)],
        crs="EPSG:2154",
    )
    zones = gpd.GeoDataFrame({"structure_id": []}, geometry=[], crs="EPSG:2154")
    return select_sites(cands, compute_coverage(qpv, zones), zones=zones, k=2, method=method).chosen  # type: ignore[arg-type]


@pytest.mark.parametrize("seed", range(9))
def test_exact_picks_the_same_tied_optimum_in_any_row_order(seed: int) -> None:
    cands = candidates()
    order = np.random.default_rng(seed).permutation(len(cands))
    shuffled = cands.iloc[order].reset_index(drop=True)
    assert sorted(choose(shuffled, "exact")) == ["A", "B"]


def test_greedy_too_is_independent_of_row_order() -> None:
    cands = candidates()
    first = choose(cands, "greedy")
    assert choose(cands.iloc[::-1].reset_index(drop=True), "greedy") == first


def test_candidates_and_structures_numbered_alike_do_not_clash(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import warnings

    import avs_geo
    from avs_geo import workflows

    structures = tmp_path / "structures.csv"
    structures.write_text(
        "structure_id;nom;type;lat;lon;date_agrement;date_fin;zone_communes;zone_qpv;zone_rayon_m\n"
        "1;Centre A;CS;42.9650;1.6070;2019-01-01;;;;500\n"
        "2;Centre B;EVS;43.1170;1.6090;2019-01-01;;;;300\n",
        encoding="utf-8",
    )
    candidates = tmp_path / "candidats.csv"
    candidates.write_text(
        "candidat_id;nom;lat;lon\n1;Salle 1;42.9850;1.1470\n2;Salle 2;43.1170;1.6100\n"
        "3;Salle 3;42.9660;1.6080\n",
        encoding="utf-8",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", avs_geo.AvsGeoWarning)
        run = workflows.run_sites(
            tmp_path / "sortie", candidates=candidates, k=1, structures=structures,
            departement="09", maps=False,
        )  # fmt: skip
    (chosen,) = run.selection.chosen
    # With the site, the coverage counts the structures' zones and the site's, by id.
    ids = {i for ids in run.with_sites["structure_ids"] for i in ids}
    assert f"CAND:{chosen}" in ids
    assert ids - {f"CAND:{chosen}"} <= {"1", "2"}
