"""The CRS guard: areas and distances measured only in a CRS fit for them (issue 16).

Known answers worked on paper: a 1 km × 1 km QPV with a structure at its centre whose
zone is a 500 m radius. The zone is a 64-gon (``BUFFER_QUAD_SEGS`` = 16 segments per
quarter) inscribed in the circle: its area is ``32 · sin(π/32) · 500²`` = 784,137 m², so
the ratio is 0.784137, 0.16 % under π/4 = 0.785398 (the disc). In 0.1 on such a QPV at
La Réunion the ratio came out 0.224 (Lambert-93, ×1.88 there).
"""

from __future__ import annotations

import math
import re
import warnings
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyproj import Transformer
from shapely import Point, box

import avs_geo
from avs_geo import _crs
from avs_geo.datasets import get_path
from avs_geo.errors import AvsGeoWarning, CRSError

POLYGON_SHARE = 32 * math.sin(math.pi / 32) * 500**2 / 1e6  # 0.784137...
DISC_SHARE = math.pi * 0.25  # 0.785398...

# territory -> (department, official EPSG, a town's lon/lat, the UTM zone of that town)
PLACES = {
    "reunion": ("974", 2975, (55.45, -20.90), 32740),
    "guyane": ("973", 2972, (-52.33, 4.93), 32622),
    "mayotte": ("976", 4471, (45.23, -12.78), 32738),
    "martinique": ("972", 5490, (-61.07, 14.61), 32620),
    "guadeloupe": ("971", 5490, (-61.53, 16.24), 32620),
    "metropole": ("31", 2154, (1.44, 43.60), 32631),
}
OVERSEAS = ["reunion", "guyane", "mayotte", "martinique", "guadeloupe"]


def centre(territory: str, epsg: int | None = None) -> tuple[float, float]:
    """The town of ``territory`` in ``epsg`` (its official CRS by default)."""
    _, official, (lon, lat), _ = PLACES[territory]
    t = Transformer.from_crs("EPSG:4326", epsg or official, always_xy=True)
    x, y = t.transform(lon, lat)
    return float(x), float(y)


def qpv_code(territory: str, n: int = 1) -> str:
    dep = PLACES[territory][0]
    return f"QN{dep.zfill(3)}{n:02d}A"


def square_qpv(territory: str, n: int = 1, dx: float = 0.0) -> gpd.GeoDataFrame:
    """A 1 km² QPV (in the territory's official CRS) centred on its town, moved ``dx`` m."""
    _dep, epsg, _, _ = PLACES[territory]
    x, y = centre(territory)
    x += dx
    return gpd.GeoDataFrame(
        {"code_qpv": [qpv_code(territory, n)], "nom_qpv": [f"QPV {territory} {n}"]},
        geometry=[box(x - 500, y - 500, x + 500, y + 500)],
        crs=f"EPSG:{epsg}",
    )


def structures_frame(points: list[tuple[float, float]], crs: object) -> gpd.GeoDataFrame:
    """Structures as load_structures gives them, each with a 500 m radius zone."""
    n = len(points)
    frame = pd.DataFrame(
        {
            "structure_id": [f"S{i + 1}" for i in range(n)],
            "nom": ["X"] * n,
            "type": ["centre_social"] * n,
            "date_agrement": pd.to_datetime([pd.NaT] * n),
            "date_fin": pd.to_datetime([pd.NaT] * n),
            "zone_communes": [()] * n,
            "zone_qpv": [()] * n,
            "zone_rayon_m": [500.0] * n,
        }
    )
    return gpd.GeoDataFrame(frame, geometry=[Point(p) for p in points], crs=crs)


def no_communes(crs: object) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"code_insee": pd.Series([], dtype=str)}, geometry=[], crs=crs)


def write_inputs(folder: Path, territories: list[str]) -> dict[str, Path]:
    """QPV GeoJSON (lon/lat), structures CSV (lat/lon, 500 m) and communes of ``territories``."""
    qpv = pd.concat([square_qpv(t).to_crs("EPSG:4326") for t in territories], ignore_index=True)
    communes = []
    rows = []
    for i, t in enumerate(territories):
        dep, epsg, (lon, lat), _ = PLACES[t]
        x, y = centre(t)
        code = f"{dep}{'001' if len(dep) == 2 else '01'}"
        communes.append(
            gpd.GeoDataFrame(
                {"code_insee": [code], "nom": [f"Commune {t}"]},
                geometry=[box(x - 3000, y - 3000, x + 3000, y + 3000)],
                crs=f"EPSG:{epsg}",
            ).to_crs("EPSG:4326")
        )
        rows.append(f"S{i + 1};Centre {t};Centre social;{lat};{lon};2020-01-01;;500")
    paths = {
        "qpv": folder / "qpv.geojson",
        "communes": folder / "communes.geojson",
        "structures": folder / "structures.csv",
    }
    gpd.GeoDataFrame(qpv, crs="EPSG:4326").to_file(paths["qpv"])
    gpd.GeoDataFrame(pd.concat(communes, ignore_index=True), crs="EPSG:4326").to_file(
        paths["communes"]
    )
    header = "structure_id;nom;type;lat;lon;date_agrement;date_fin;zone_rayon_m"
    paths["structures"].write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return paths


# --- the territory and the working CRS -----------------------------------------------


@pytest.mark.parametrize("territory", sorted(PLACES))
def test_each_territory_gets_its_official_projection(territory: str) -> None:
    dep, epsg, (lon, lat), _ = PLACES[territory]
    by_code = gpd.GeoDataFrame({"departement": [dep]}, geometry=[None], crs="EPSG:4326")
    by_place = gpd.GeoDataFrame(geometry=[Point(lon, lat)], crs="EPSG:4326")
    assert _crs.territories_of(by_code).tolist() == [territory]
    assert _crs.territories_of(by_place).tolist() == [territory]
    assert avs_geo.to_working_crs(by_place).crs.to_epsg() == epsg


def test_codes_say_the_territory_before_the_place() -> None:
    frame = pd.DataFrame(
        {"code_insee": ["97411", "31555", None], "code_qpv": [None, None, "QN97601M"]}
    )
    gdf = gpd.GeoDataFrame(frame, geometry=[None] * 3, crs="EPSG:2154")
    assert _crs.territories_of(gdf).tolist() == ["reunion", "metropole", "mayotte"]


@pytest.mark.parametrize(
    ("crs", "box", "words"),
    [
        ("EPSG:2154", (1.3, 43.5, 1.5, 43.7), None),
        ("EPSG:2975", (55.2, -21.4, 55.8, -20.9), None),
        ("EPSG:32631", (1.3, 43.5, 1.5, 43.7), None),  # UTM 31N at Toulouse: fit
        ("EPSG:3857", (1.3, 43.5, 1.5, 43.7), r"Web-Mercator .*×1,38 ici.*\(×1,91\)"),
        ("EPSG:3857", (-52.4, 4.8, -52.2, 5.0), r"Web-Mercator"),  # even where it is ×1.004
        ("EPSG:2154", (55.2, -21.4, 55.8, -20.9), r"déforme les distances de 89 %.*×1,89"),
        ("EPSG:3035", (1.3, 43.5, 1.5, 43.7), r"ne conserve pas les angles"),
        ("EPSG:4326", None, r"système géographique : ses coordonnées sont des degrés"),
        ("EPSG:2249", None, r"a pour unité « US survey foot », pas le mètre"),
    ],
)
def test_crs_problem_says_why_in_french(crs: str, box: object, words: str | None) -> None:
    problem = _crs.crs_problem(crs, box)  # type: ignore[arg-type]
    if words is None:
        assert problem is None
    else:
        assert problem is not None
        assert re.search(words, problem), problem


# --- known answers -------------------------------------------------------------------


@pytest.mark.parametrize("territory", OVERSEAS)
def test_radius_zone_covers_500_true_metres_overseas(tmp_path: Path, territory: str) -> None:
    paths = write_inputs(tmp_path, [territory])
    inputs = avs_geo.workflows.load_inputs(**paths)
    assert inputs.qpv.crs.to_epsg() == PLACES[territory][1]
    zones = avs_geo.build_zones(inputs.structures, communes=inputs.communes)
    cov = avs_geo.compute_coverage(inputs.qpv, zones)
    assert cov["qpv_area_m2"].iloc[0] == pytest.approx(1e6, rel=1e-9)
    assert cov["coverage_ratio"].iloc[0] == pytest.approx(POLYGON_SHARE, rel=1e-9)
    assert cov["coverage_ratio"].iloc[0] == pytest.approx(DISC_SHARE, rel=2e-3)


@pytest.mark.parametrize("territory", OVERSEAS)
def test_overseas_layer_kept_in_lambert93_is_measured_in_its_projection(territory: str) -> None:
    # The 0.1 situation: the layers in Lambert-93 (×1.13 to ×1.88 overseas).
    qpv = square_qpv(territory).to_crs("EPSG:2154")
    x, y = centre(territory, 2154)
    structures = structures_frame([(x, y)], "EPSG:2154")
    zones = avs_geo.build_zones(structures, communes=no_communes("EPSG:2154"))
    cov = avs_geo.compute_coverage(qpv, zones)
    assert cov.crs.to_epsg() == 2154  # the frames stay as given; the measure is in the official
    # (to 1e-7: the layers went through Lambert-93 and back, ×1.88 at La Réunion)
    assert cov["coverage_ratio"].iloc[0] == pytest.approx(POLYGON_SHARE, rel=1e-7)
    assert cov["qpv_area_m2"].iloc[0] == pytest.approx(1e6, rel=1e-7)
    table = avs_geo.structure_table(cov, zones)
    assert table.iloc[0, 0] == "S1"
    reach = avs_geo.coverage.structures.structure_reach(cov, zones)
    assert reach["area_m2"].iloc[0] == pytest.approx(POLYGON_SHARE * 1e6, rel=1e-7)


def test_mixed_territories_are_measured_each_in_its_projection(tmp_path: Path) -> None:
    order = ["reunion", "metropole", "guyane", "mayotte", "martinique", "guadeloupe"]
    paths = write_inputs(tmp_path, order)
    inputs = avs_geo.workflows.load_inputs(**paths)
    assert inputs.qpv.crs.to_epsg() == 2154  # kept in Lambert-93, metropolitan France first
    zones = avs_geo.build_zones(inputs.structures, communes=inputs.communes)
    cov = avs_geo.compute_coverage(inputs.qpv, zones)
    assert cov["code_qpv"].tolist() == [qpv_code(t) for t in order]  # none dropped, same order
    np.testing.assert_allclose(cov["coverage_ratio"], POLYGON_SHARE, rtol=1e-7)
    np.testing.assert_allclose(cov["qpv_area_m2"], 1e6, rtol=1e-7)
    assert cov.geometry.geom_equals_exact(inputs.qpv.geometry, 0).all()
    assert [t for t in cov["structure_ids"]] == [(f"S{i + 1}",) for i in range(6)]
    where = _crs.measured_in(cov)
    assert "EPSG:2154 (Lambert-93) en France métropolitaine" in where
    assert "EPSG:2975 (RGR92 / UTM 40S) à La Réunion" in where
    assert "EPSG:5490 (RGAF09 / UTM 20N) en Guadeloupe, à Martinique" in where
    sens = avs_geo.coverage_sensitivity(inputs.qpv, zones, thresholds=[0.0])
    assert sens["n_partial"].tolist() == [6]


@pytest.mark.slow
def test_mixed_run_writes_every_qpv_and_says_where_it_measured(tmp_path: Path) -> None:
    paths = write_inputs(tmp_path, ["metropole", "reunion", "guyane"])
    run = avs_geo.run_coverage(tmp_path / "sortie", **paths, maps=False)
    np.testing.assert_allclose(run.coverage["coverage_ratio"], POLYGON_SHARE, rtol=1e-7)
    layer = gpd.read_file(run.files["geopackage"], layer="qpv_couverture")
    assert layer.crs.to_epsg() == 2154 and len(layer) == 3
    method = pd.read_excel(run.files["workbook"], sheet_name="Méthode")
    text = " ".join(method.astype(str).to_numpy().ravel())
    assert "surfaces mesurées en EPSG:2154 (Lambert-93) en France métropolitaine" in text
    assert "EPSG:2972 (RGFG95 / UTM 22N) en Guyane" in text


# --- Web-Mercator --------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_2154() -> gpd.GeoDataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AvsGeoWarning)  # the 32 QPV contours repaired
        inputs = avs_geo.workflows.load_inputs(
            structures=get_path("structures_exemple_occitanie"),
            perimeters=get_path("zones_exemple_occitanie"),
        )
        zones = avs_geo.build_zones(inputs.structures, communes=inputs.communes, qpv=inputs.qpv)
        return avs_geo.compute_coverage(inputs.qpv, zones)


@pytest.mark.slow
def test_demo_qpv_in_web_mercator_give_the_lambert93_answers(
    tmp_path: Path, demo_2154: gpd.GeoDataFrame
) -> None:
    path = tmp_path / "qpv_3857.gpkg"
    gpd.read_file(get_path("qpv_occitanie")).to_crs("EPSG:3857").to_file(path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        inputs = avs_geo.workflows.load_inputs(
            structures=get_path("structures_exemple_occitanie"),
            perimeters=get_path("zones_exemple_occitanie"),
            qpv=path,
        )
        zones = avs_geo.build_zones(inputs.structures, communes=inputs.communes, qpv=inputs.qpv)
        cov = avs_geo.compute_coverage(inputs.qpv, zones)
    said = [str(w.message) for w in caught if "Web-Mercator" in str(w.message)]
    assert len(said) == 1, said
    assert "reprojetée en EPSG:2154 (Lambert-93)" in said[0]
    assert inputs.qpv.crs.to_epsg() == 2154
    assert cov["code_qpv"].tolist() == demo_2154["code_qpv"].tolist()
    assert cov["coverage_status"].tolist() == demo_2154["coverage_status"].tolist()
    np.testing.assert_allclose(cov["coverage_ratio"], demo_2154["coverage_ratio"], atol=1e-9)
    np.testing.assert_allclose(cov["qpv_area_m2"], demo_2154["qpv_area_m2"], rtol=1e-3)


def test_web_mercator_frames_are_refused_by_the_measuring_functions() -> None:
    qpv = square_qpv("metropole").to_crs("EPSG:3857")
    zones = qpv.rename(columns={"code_qpv": "structure_id"})[["structure_id", "geometry"]]
    with pytest.raises(
        CRSError,
        match=r"'qpv' : EPSG:3857 .* Web-Mercator .*×1,38 ici.*qpv\.to_crs\('EPSG:2154'\)",
    ):
        avs_geo.compute_coverage(qpv, zones)
    with pytest.raises(CRSError, match=r"'structures' : EPSG:3857 .*Web-Mercator"):
        avs_geo.build_zones(structures_frame([(0, 0)], "EPSG:3857"), communes=no_communes(3857))


def test_frames_given_to_a_job_in_web_mercator_are_reprojected_with_a_word() -> None:
    qpv = square_qpv("reunion").to_crs("EPSG:3857")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        got = avs_geo.workflows.load_inputs(
            structures=structures_frame([centre("reunion", 3857)], "EPSG:3857"),
            qpv=qpv,
            communes=no_communes("EPSG:2975"),
        )
    said = [str(w.message) for w in caught]
    assert len(said) == 2, said
    for name, message in zip(["qpv", "structures"], said, strict=True):
        assert re.fullmatch(
            rf"La couche '{name}' : EPSG:3857 \(WGS 84 / Pseudo-Mercator\) est le Web-Mercator "
            r"des fonds de carte : il agrandit les distances \(×1,07 ici\) et les surfaces "
            r"\(×1,15\)\. Elle a été reprojetée en EPSG:2975 \(RGR92 / UTM 40S\) pour mesurer "
            r"les surfaces et les distances en mètres vrais\.",
            message,
        ), message
    assert got.qpv.crs.to_epsg() == 2975 and got.structures.crs.to_epsg() == 2975


# --- any accepted CRS gives the same answers -------------------------------------------


@st.composite
def scenes(draw: st.DrawFn) -> tuple[str, list[tuple[float, float, float]], list[tuple]]:
    """A territory, QPV squares (dx, dy, side) and zones: discs (dx, dy, r) or squares."""
    territory = draw(st.sampled_from(sorted(PLACES)))
    offsets = st.floats(-3000, 3000, allow_nan=False)
    qpv = draw(st.lists(st.tuples(offsets, offsets, st.floats(200, 2000)), min_size=1, max_size=4))
    zones = draw(
        st.lists(
            st.tuples(st.sampled_from(["disc", "square"]), offsets, offsets, st.floats(100, 1500)),
            min_size=1,
            max_size=4,
        )
    )
    return territory, qpv, zones


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scene=scenes(), crs=st.sampled_from(["official", "EPSG:3857", "EPSG:4326", "utm"]))
def test_same_data_in_any_accepted_crs_gives_the_same_ratios(scene: tuple, crs: str) -> None:
    territory, qpv_specs, zone_specs = scene
    _dep, official, _, utm = PLACES[territory]
    x0, y0 = centre(territory)
    qpv = gpd.GeoDataFrame(
        {"code_qpv": [qpv_code(territory, i + 1) for i in range(len(qpv_specs))]},
        geometry=[
            box(x0 + dx - s / 2, y0 + dy - s / 2, x0 + dx + s / 2, y0 + dy + s / 2)
            for dx, dy, s in qpv_specs
        ],
        crs=official,
    )
    discs = [(x0 + dx, y0 + dy, r) for kind, dx, dy, r in zone_specs if kind == "disc"]
    structures = structures_frame([(x, y) for x, y, _ in discs], official)
    structures["zone_rayon_m"] = [r for _, _, r in discs]
    squares = gpd.GeoDataFrame(
        {"structure_id": [f"P{i}" for i in range(len(zone_specs))]},
        geometry=[
            box(x0 + dx - r, y0 + dy - r, x0 + dx + r, y0 + dy + r)
            for kind, dx, dy, r in zone_specs
        ],
        crs=official,
    )
    squares = squares[[kind == "square" for kind, *_ in zone_specs]]

    def measure(q: gpd.GeoDataFrame, s: gpd.GeoDataFrame, p: gpd.GeoDataFrame) -> pd.DataFrame:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", AvsGeoWarning)  # Web-Mercator: said, reprojected
            q = avs_geo.to_working_crs(q)
            s, p = (avs_geo.to_working_crs(f, crs=q.crs) for f in (s, p))
        zones = avs_geo.build_zones(s, communes=no_communes(s.crs))
        zones = pd.concat([zones, p.to_crs(zones.crs).assign(nom="P", type="evs")])
        zones = gpd.GeoDataFrame(zones, crs=q.crs)
        return avs_geo.compute_coverage(q, zones)

    reference = measure(qpv, structures, squares)
    target = {"official": official, "utm": utm}.get(crs, crs)
    got = measure(qpv.to_crs(target), structures.to_crs(target), squares.to_crs(target))
    assert got.crs.to_epsg() == official
    np.testing.assert_allclose(got["coverage_ratio"], reference["coverage_ratio"], atol=1e-9)
    np.testing.assert_allclose(got["qpv_area_m2"], reference["qpv_area_m2"], rtol=1e-3)
    np.testing.assert_allclose(
        got["covered_area_m2"], reference["covered_area_m2"], rtol=1e-3, atol=1e-3
    )


# --- forcing a CRS, and what is refused ----------------------------------------------


def test_a_forced_fit_crs_is_used(tmp_path: Path) -> None:
    paths = write_inputs(tmp_path, ["metropole"])
    inputs = avs_geo.workflows.load_inputs(**paths, crs=32631)
    assert inputs.qpv.crs.to_epsg() == 32631
    assert inputs.communes.crs.to_epsg() == 32631 and inputs.structures.crs.to_epsg() == 32631


@pytest.mark.parametrize(
    ("crs", "territory", "message"),
    [
        (
            "EPSG:2154",
            "reunion",
            r"demandé \(EPSG:2154 \(Lambert-93\)\) ne convient pas .*La Réunion : EPSG:2154 "
            r"\(Lambert-93\) déforme les distances de 87 %.*Retirez l'option --crs",
        ),
        ("EPSG:5490", "guyane", r"Guyane : EPSG:5490 .* déforme les distances de 1,7 %"),
        ("EPSG:32631", "reunion", r"La Réunion : EPSG:32631 .* déforme les distances de 49 %"),
        ("3857", "metropole", r"Web-Mercator"),
        ("EPSG:4326", "metropole", r"système géographique"),
        ("EPSG:99999", "metropole", r"Système de coordonnées inconnu : 'EPSG:99999'"),
        ("Lambert", "metropole", r"Système de coordonnées inconnu : 'Lambert'.*EPSG:2154"),
    ],
)
def test_an_unfit_forced_crs_is_refused_in_french(
    tmp_path: Path, crs: str, territory: str, message: str
) -> None:
    paths = write_inputs(tmp_path, [territory])
    with pytest.raises(CRSError, match=message) as caught:
        avs_geo.workflows.load_inputs(**paths, crs=crs)
    assert caught.value.parameters in ((), ("crs",))


def test_a_layer_out_of_every_territory_in_an_unfit_crs_is_refused() -> None:
    gdf = gpd.GeoDataFrame(geometry=[Point(-8e6, 5e6)], crs="EPSG:3857")
    with pytest.raises(CRSError, match=r"aucun territoire français connu .*Web-Mercator"):
        avs_geo.to_working_crs(gdf)


def test_functions_that_measure_one_territory_refuse_a_mixed_layer() -> None:
    qpv = pd.concat([square_qpv("metropole").to_crs(2154), square_qpv("reunion").to_crs(2154)])
    cov = avs_geo.compute_coverage(
        gpd.GeoDataFrame(qpv, crs=2154),
        gpd.GeoDataFrame({"structure_id": []}, geometry=[], crs=2154),
    )
    with pytest.raises(
        CRSError,
        match=r"'coverage' mêle des territoires que EPSG:2154 \(Lambert-93\) ne mesure pas tous "
        r"juste \(France métropolitaine, La Réunion\).*La Réunion : EPSG:2975",
    ):
        avs_geo.candidate_grid(cov, spacing_m=500)


# --- the command line ----------------------------------------------------------------


def _run(argv: list[str]) -> tuple[int, str, str]:
    import contextlib
    import io

    from avs_geo import cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(argv)
    return code, out.getvalue(), err.getvalue()


def test_cli_measures_overseas_in_the_official_projection(tmp_path: Path) -> None:
    paths = write_inputs(tmp_path, ["reunion"])
    argv = ["couverture", "--sortie", str(tmp_path / "out"), "--sans-cartes"]
    for key, path in paths.items():
        argv += [f"--{key}", str(path)]
    code, out, err = _run(argv)
    assert code == 0, err
    assert "Projection : EPSG:2975 (RGR92 / UTM 40S)" in out
    table = pd.read_csv(tmp_path / "out" / "couverture_qpv.csv", sep=";", encoding="utf-8-sig")
    assert len(table) == 1
    # the GeoPackage in the territory's projection, as its IGN and ANCT data are
    for layer in ("qpv_couverture", "zones", "structures", "communes"):
        got = gpd.read_file(tmp_path / "out" / "couverture.gpkg", layer=layer)
        assert got.crs.to_epsg() == 2975, layer


def test_cli_crs_option_forces_or_is_refused_in_french(tmp_path: Path) -> None:
    paths = write_inputs(tmp_path, ["reunion"])
    base = ["couverture", "--sans-cartes"]
    for key, path in paths.items():
        base += [f"--{key}", str(path)]
    code, out, err = _run([*base, "--sortie", str(tmp_path / "a"), "--crs", "32740"])
    assert code == 0, err
    assert "Projection : EPSG:32740 (WGS 84 / UTM zone 40S) (imposée par --crs)" in out
    code, out, err = _run([*base, "--sortie", str(tmp_path / "b"), "--crs", "2154"])
    assert code == 2
    assert "La Réunion : EPSG:2154 (Lambert-93) déforme les distances de 87 %" in err, err
    assert not (tmp_path / "b" / "couverture_qpv.csv").exists()
    help_code, help_out, _ = _run(["couverture", "--help"])
    assert help_code == 0 and "--crs EPSG" in help_out and "projection officielle" in help_out


def test_white_zones_of_mixed_communes_are_measured_per_territory(tmp_path: Path) -> None:
    paths = write_inputs(tmp_path, ["metropole", "reunion", "mayotte"])
    inputs = avs_geo.workflows.load_inputs(**paths)
    assert inputs.communes.crs.to_epsg() == 2154
    zones = avs_geo.build_zones(inputs.structures, communes=inputs.communes)
    white = avs_geo.commune_coverage(inputs.communes, zones)
    # each commune a 6 km square around the town, the 500 m zone inside it
    np.testing.assert_allclose(white["coverage_ratio"], POLYGON_SHARE / 36, rtol=1e-7)
    np.testing.assert_allclose(white["commune_area_m2"], 36e6, rtol=1e-7)
    assert white["code_insee"].tolist() == inputs.communes["code_insee"].tolist()


def test_explaining_an_overseas_qpv_of_a_mixed_layer_measures_it_in_its_projection() -> None:
    qpv = gpd.GeoDataFrame(
        pd.concat(
            [square_qpv("metropole").to_crs(2154), square_qpv("reunion").to_crs(2154)],
            ignore_index=True,
        ),
        crs=2154,
    )
    points = [centre("metropole", 2154), centre("reunion", 2154)]
    zones = avs_geo.build_zones(structures_frame(points, 2154), communes=no_communes(2154))
    cov = avs_geo.compute_coverage(qpv, zones)
    why = avs_geo.explain_qpv(qpv_code("reunion"), cov, zones)  # no warning: same ratio
    assert why.coverage_ratio == pytest.approx(POLYGON_SHARE, rel=1e-7)
    assert why.qpv_area_m2 == pytest.approx(1e6, rel=1e-7)
    assert why.structures.crs.to_epsg() == 2154
    assert why.structures["structure_id"].tolist() == ["S2"]
    left = gpd.GeoSeries([why.uncovered], crs=2154).to_crs(2975).area.iloc[0]
    assert left == pytest.approx((1 - POLYGON_SHARE) * 1e6, rel=1e-6)


# --- declaring the CRS of a file that has none ---------------------------------------


def _shapefile_without_prj(folder: Path) -> Path:
    path = folder / "qpv.shp"
    square_qpv("reunion").rename(columns={"code_qpv": "code_qp"}).to_file(path)
    path.with_suffix(".prj").unlink()
    return path


def test_a_file_without_crs_takes_the_declared_one(tmp_path: Path) -> None:
    path = _shapefile_without_prj(tmp_path)
    with pytest.raises(CRSError, match=r"n'a pas de système de coordonnées .*--crs-fichiers 2154"):
        avs_geo.load_qpv(path)
    qpv = avs_geo.load_qpv(path, source_crs=2975)
    assert qpv.crs.to_epsg() == 2975
    assert qpv.geometry.area.iloc[0] == pytest.approx(1e6, rel=1e-9)
    # a file that declares its CRS keeps it: the declared one is for files without
    declared = avs_geo.load_qpv(path.with_suffix(".shp"), source_crs="EPSG:2975")
    geojson = tmp_path / "qpv.geojson"
    square_qpv("reunion").to_crs(4326).to_file(geojson)
    assert avs_geo.load_qpv(geojson, source_crs=2154).crs.to_epsg() == 2975
    assert declared.geometry.area.iloc[0] == pytest.approx(1e6, rel=1e-9)


def test_cli_crs_fichiers_declares_the_files_crs(tmp_path: Path) -> None:
    paths = write_inputs(tmp_path, ["reunion"])
    paths["qpv"] = _shapefile_without_prj(tmp_path)
    base = ["couverture", "--sans-cartes"]
    for key, path in paths.items():
        base += [f"--{key}", str(path)]
    code, _, err = _run([*base, "--sortie", str(tmp_path / "a")])
    assert code == 2 and "--crs-fichiers" in err, err
    code, out, err = _run([*base, "--sortie", str(tmp_path / "b"), "--crs-fichiers", "2975"])
    assert code == 0, err
    assert "Projection : EPSG:2975 (RGR92 / UTM 40S)" in out


def test_to_working_crs_refuses_an_unfit_crs_to_work_in() -> None:
    gdf = square_qpv("reunion")
    with pytest.raises(
        CRSError,
        match=r"demandé \(EPSG:3857 .*\) ne convient pas .*Web-Mercator.*"
        r"projection officielle \(La Réunion EPSG:2975",
    ):
        avs_geo.to_working_crs(gdf, crs=3857)
    assert avs_geo.to_working_crs(gdf, crs=32740).crs.to_epsg() == 32740
