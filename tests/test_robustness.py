"""Bad input across the public functions: each case gets a precise error or a warning.

One table of cases per stage (zones, coverage, tables); the loaders' cases live in
tests/test_read_*.py and the command line's in tests/test_cli.py. Where a result is
still possible (warning cases), the test checks that no input row vanished.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely import box

import avs_geo

X, Y = 574_000, 6_280_000
L93 = "EPSG:2154"
BOWTIE = shapely.Polygon([(X, Y), (X + 100, Y + 100), (X + 100, Y), (X, Y + 100)])
SELF_TOUCHING = shapely.Polygon(
    [(X, Y), (X + 100, Y), (X + 100, Y + 100), (X + 50, Y), (X, Y + 100)]
)


def qpv(geoms: list[object] | None = None, codes: list[str] | None = None, crs: object = L93):
    geoms = geoms if geoms is not None else [box(X, Y, X + 100, Y + 100)]
    codes = codes or [f"QP031{i:03d}" for i in range(1, len(geoms) + 1)]
    return gpd.GeoDataFrame(
        {"code_qpv": codes, "nom_qpv": "Q", "population": 100.0}, geometry=geoms, crs=crs
    )


def zones(geoms: list[object] | None = None, ids: list[str] | None = None, crs: object = L93):
    geoms = geoms if geoms is not None else [box(X, Y, X + 50, Y + 100)]
    ids = ids or [f"S{i}" for i in range(1, len(geoms) + 1)]
    return gpd.GeoDataFrame(
        {"structure_id": ids, "nom": "Z", "type": "evs"}, geometry=geoms, crs=crs
    )


def communes() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"code_insee": ["31555", "31069"], "nom": ["Toulouse", "Blagnac"]},
        geometry=[box(X, Y, X + 1000, Y + 1000), box(X + 1000, Y, X + 2000, Y + 1000)],
        crs=L93,
    )


def structures(**columns: object) -> gpd.GeoDataFrame:
    data: dict[str, object] = {
        "structure_id": ["A"],
        "nom": ["n"],
        "type": ["evs"],
        "zone_communes": [("31555",)],
        "zone_qpv": [()],
        "zone_rayon_m": [np.nan],
        "date_agrement": [pd.Timestamp("2020-01-01")],
        "date_fin": [pd.NaT],
    }
    data.update(columns)
    n = len(data["structure_id"])  # type: ignore[arg-type]
    return gpd.GeoDataFrame(data, geometry=[shapely.Point(X + 10, Y + 10)] * n, crs=L93)


def coverage_frame(statuses: list[str]) -> pd.DataFrame:
    ratio = {"full": 1.0, "partial": 0.5, "none": 0.0}
    return pd.DataFrame(
        {
            "code_qpv": [f"QP059{i:03d}" for i in range(1, len(statuses) + 1)],
            "coverage_status": statuses,
            "coverage_ratio": [ratio.get(s, 0.5) for s in statuses],
            "population": 1000.0,
        }
    )


def site_zones() -> gpd.GeoDataFrame:
    return zones([box(X, Y, X + 500, Y + 1000)])


def site_coverage() -> gpd.GeoDataFrame:
    layer = qpv([box(X, Y, X + 1000, Y + 1000), box(X + 3000, Y, X + 4000, Y + 1000)])
    return avs_geo.compute_coverage(layer.assign(population=[1000.0, 500.0]), site_zones())


def candidates() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"candidat_id": ["C1", "C2"], "nom": ["a", "b"]},
        geometry=[shapely.Point(X + 800, Y + 500), shapely.Point(X + 3500, Y + 500)],
        crs=L93,
    )


@dataclass(frozen=True)
class Case:
    call: Callable[[], object]
    error: type[Exception]
    match: str


ERRORS: dict[str, Case] = {
    # --- build_zones ---
    "zones: structures not a GeoDataFrame": Case(
        lambda: avs_geo.build_zones(pd.DataFrame(structures()), communes=communes()),
        avs_geo.InputTypeError,
        r"'structures' doit être un GeoDataFrame, reçu DataFrame",
    ),
    "zones: structures without CRS": Case(
        lambda: avs_geo.build_zones(
            structures().set_crs(None, allow_override=True), communes=communes()
        ),
        avs_geo.CRSError,
        r"'structures' n'a pas de système de coordonnées",
    ),
    "zones: layers in degrees": Case(
        lambda: avs_geo.build_zones(structures().to_crs(4326), communes=communes().to_crs(4326)),
        avs_geo.CRSError,
        r"'structures' : EPSG:4326 \(WGS 84\) est un système géographique",
    ),
    "zones: two CRS": Case(
        lambda: avs_geo.build_zones(structures(), communes=communes().to_crs(3857)),
        avs_geo.CRSError,
        r"'structures': EPSG:2154; 'communes': EPSG:3857",
    ),
    "zones: missing column": Case(
        lambda: avs_geo.build_zones(structures().drop(columns="type"), communes=communes()),
        avs_geo.SchemaError,
        r"Il manque à 'structures' la ou les colonnes 'type' ; elle a 'structure_id'",
    ),
    "zones: duplicate structure ids": Case(
        lambda: avs_geo.build_zones(
            structures(
                structure_id=["A", "A"],
                nom=["n", "m"],
                type=["evs"] * 2,
                zone_communes=[("31555",)] * 2,
                zone_qpv=[()] * 2,
                zone_rayon_m=[np.nan] * 2,
                date_agrement=[pd.NaT] * 2,
                date_fin=[pd.NaT] * 2,
            ),
            communes=communes(),
        ),
        avs_geo.DuplicateIdError,
        r"valeurs de structure_id en double : 'A'",
    ),
    "zones: unknown commune code": Case(
        lambda: avs_geo.build_zones(
            structures(zone_communes=[("31555", "99999")]), communes=communes()
        ),
        avs_geo.UnknownCodeError,
        r"'A: 99999'",
    ),
    "zones: unknown QPV code": Case(
        lambda: avs_geo.build_zones(
            structures(zone_communes=[()], zone_qpv=[("QP031999",)]), communes=communes(), qpv=qpv()
        ),
        avs_geo.UnknownCodeError,
        r"'A: QP031999'",
    ),
    "zones: malformed commune code": Case(
        lambda: avs_geo.build_zones(structures(zone_communes=[("3155",)]), communes=communes()),
        avs_geo.UnknownCodeError,
        r"'A: 3155'",
    ),
    "zones: QPV zone without QPV layer": Case(
        lambda: avs_geo.build_zones(
            structures(zone_communes=[()], zone_qpv=[("QP031001",)]), communes=communes()
        ),
        avs_geo.ParameterError,
        r"Les structures 'A' nomment des QPV .* aucune couche 'qpv'",
    ),
    "zones: date that is not a date": Case(
        lambda: avs_geo.build_zones(structures(), communes=communes(), at="demain"),
        avs_geo.ParameterError,
        r"at='demain' n'est pas une date \(forme non reconnue\)",
    ),
    "zones: impossible date": Case(
        lambda: avs_geo.build_zones(structures(), communes=communes(), at="2022-02-30"),
        avs_geo.ParameterError,
        r"at='2022-02-30' n'est pas une date \(ce jour n'existe pas\)",
    ),
    "zones: unknown type": Case(
        lambda: avs_geo.build_zones(structures(type=["crèche"]), communes=communes()),
        avs_geo.SchemaError,
        r"type\(s\) inconnu\(s\) .*A: 'crèche'",
    ),
    "zones: radius without location": Case(
        lambda: avs_geo.build_zones(
            structures(zone_communes=[()], zone_rayon_m=[500.0]).set_geometry(
                gpd.GeoSeries([None], crs=L93)
            ),
            communes=communes(),
        ),
        avs_geo.SchemaError,
        r"'A' ont un zone_rayon_m mais pas de point",
    ),
    # --- compute_coverage ---
    "coverage: DataFrame instead of GeoDataFrame": Case(
        lambda: avs_geo.compute_coverage(pd.DataFrame(qpv()), zones()),
        avs_geo.InputTypeError,
        r"'qpv' doit être un GeoDataFrame, reçu DataFrame",
    ),
    "coverage: empty QPV layer": Case(
        lambda: avs_geo.compute_coverage(qpv([]), zones()),
        avs_geo.SchemaError,
        r"'qpv' est vide \(0 ligne\)",
    ),
    "coverage: QPV without CRS": Case(
        lambda: avs_geo.compute_coverage(qpv(crs=None), zones()),
        avs_geo.CRSError,
        r"'qpv' n'a pas de système de coordonnées",
    ),
    "coverage: layers in degrees": Case(
        lambda: avs_geo.compute_coverage(qpv().to_crs(4326), zones().to_crs(4326)),
        avs_geo.CRSError,
        r"'qpv' : EPSG:4326 \(WGS 84\) est un système géographique",
    ),
    "coverage: two CRS": Case(
        lambda: avs_geo.compute_coverage(qpv(), zones().to_crs(3857)),
        avs_geo.CRSError,
        r"'qpv': EPSG:2154; 'zones': EPSG:3857.*zones.to_crs\(qpv.crs\)",
    ),
    "coverage: missing code column": Case(
        lambda: avs_geo.compute_coverage(qpv().drop(columns="code_qpv"), zones()),
        avs_geo.SchemaError,
        r"Il manque à 'qpv' la ou les colonnes 'code_qpv'",
    ),
    "coverage: null geometry": Case(
        lambda: avs_geo.compute_coverage(qpv([None, box(X, Y, X + 1, Y + 1)]), zones()),
        avs_geo.GeometryError,
        r"1 géométrie\(s\) vide\(s\) ou absente\(s\) : 'QP031001'",
    ),
    "coverage: empty geometry": Case(
        lambda: avs_geo.compute_coverage(qpv([shapely.Polygon()]), zones()),
        avs_geo.GeometryError,
        r"vide\(s\) ou absente\(s\) : 'QP031001'",
    ),
    "coverage: lines instead of polygons": Case(
        lambda: avs_geo.compute_coverage(
            qpv([shapely.LineString([(X, Y), (X + 9, Y + 9)])]), zones()
        ),
        avs_geo.GeometryError,
        r"doit contenir des polygones.*LineString : 'QP031001'",
    ),
    "coverage: points as zones": Case(
        lambda: avs_geo.compute_coverage(qpv(), zones([shapely.Point(X, Y)])),
        avs_geo.GeometryError,
        r"'zones' doit contenir des polygones.*Point : 'S1'",
    ),
    "coverage: duplicate QPV codes": Case(
        lambda: avs_geo.compute_coverage(
            qpv([box(X, Y, X + 1, Y + 1)] * 2, ["QP031001"] * 2), zones()
        ),
        avs_geo.DuplicateIdError,
        r"valeurs de code_qpv en double : 'QP031001'",
    ),
    "coverage: duplicate structure ids": Case(
        lambda: avs_geo.compute_coverage(qpv(), zones([box(X, Y, X + 1, Y + 1)] * 2, ["S", "S"])),
        avs_geo.DuplicateIdError,
        r"valeurs de structure_id en double : 'S'",
    ),
    "coverage: 2015 and 2024 QPV mixed": Case(
        lambda: avs_geo.compute_coverage(
            qpv([box(X, Y, X + 9, Y + 9), box(X + 20, Y, X + 29, Y + 9)], ["QP031001", "QN03101M"]),
            zones(),
        ),
        avs_geo.SchemaError,
        r"mélange la génération 2015 \(1 codes QP.*celle de 2024 \(1 codes QN",
    ),
    "coverage: threshold above 1": Case(
        lambda: avs_geo.compute_coverage(qpv(), zones(), full_min=95),
        avs_geo.ParameterError,
        r"full_min doit être entre 0 et 1, reçu 95.*pas des pourcentages",
    ),
    "coverage: negative threshold": Case(
        lambda: avs_geo.compute_coverage(qpv(), zones(), none_max=-0.1),
        avs_geo.ParameterError,
        r"none_max doit être entre 0 et 1, reçu -0.1",
    ),
    "coverage: inverted thresholds": Case(
        lambda: avs_geo.compute_coverage(qpv(), zones(), full_min=0.2, none_max=0.5),
        avs_geo.ParameterError,
        r"none_max \(0.5\) doit être inférieur à full_min \(0.2\)",
    ),
    "sensitivity: tolerance above 0.5": Case(
        lambda: avs_geo.coverage_sensitivity(qpv(), zones(), thresholds=[0.7]),
        avs_geo.ParameterError,
        r"0.7",
    ),
    "explain: unknown QPV": Case(
        lambda: avs_geo.explain_qpv("QP031999", avs_geo.compute_coverage(qpv(), zones()), zones()),
        avs_geo.UnknownCodeError,
        r"Le QPV 'QP031999' n'est pas dans 'coverage'",
    ),
    # --- tables ---
    "summary: missing status column": Case(
        lambda: avs_geo.coverage_summary(pd.DataFrame({"code_qpv": ["QP031001"]})),
        avs_geo.SchemaError,
        r"la ou les colonnes 'coverage_status'",
    ),
    "summary: unknown status": Case(
        lambda: avs_geo.coverage_summary(coverage_frame(["full", "oui"])),
        avs_geo.SchemaError,
        r"1 QPV portent 'oui' : 'QP059002'",
    ),
    "summary: group column absent": Case(
        lambda: avs_geo.coverage_summary(coverage_frame(["full"]), by="epci"),
        avs_geo.SchemaError,
        r"epci",
    ),
    "summary: duplicate QPV": Case(
        lambda: avs_geo.coverage_summary(
            pd.concat([coverage_frame(["full"]), coverage_frame(["none"])], ignore_index=True)
        ),
        avs_geo.DuplicateIdError,
        r"QP059001",
    ),
    "sentence: not a summary": Case(
        lambda: avs_geo.coverage_sentence(pd.DataFrame({"a": [1]})),
        avs_geo.SchemaError,
        r"'summary' doit être le tableau rendu par avs_geo.coverage_summary",
    ),
    # --- sites ---
    "sites: k larger than the candidates": Case(
        lambda: avs_geo.select_sites(candidates(), site_coverage(), zones=site_zones(), k=5),
        avs_geo.ParameterError,
        r"entre 1 et le nombre de candidats \(2\), reçu k=5",
    ),
    "sites: k of 0": Case(
        lambda: avs_geo.select_sites(candidates(), site_coverage(), zones=site_zones(), k=0),
        avs_geo.ParameterError,
        r"reçu k=0",
    ),
    "sites: fixed id unknown": Case(
        lambda: avs_geo.select_sites(
            candidates(), site_coverage(), zones=site_zones(), k=1, fixed=["C9"]
        ),
        avs_geo.UnknownCodeError,
        r"pas des candidats : 'C9'",
    ),
    "sites: weight column absent": Case(
        lambda: avs_geo.score_sites(
            candidates(), site_coverage(), zones=site_zones(), weight="tp60"
        ),
        avs_geo.SchemaError,
        r"Le poids weight='tp60' \(--poids\) n'est pas une colonne des QPV",
    ),
    "sites: negative weights": Case(
        lambda: avs_geo.score_sites(
            candidates(), site_coverage().assign(population=-1.0), zones=site_zones()
        ),
        avs_geo.SchemaError,
        r"valeurs négatives pour les QPV 'QP031001', 'QP031002'",
    ),
    "sites: duplicate candidate ids": Case(
        lambda: avs_geo.score_sites(
            candidates().assign(candidat_id="C1"), site_coverage(), zones=site_zones()
        ),
        avs_geo.DuplicateIdError,
        r"'C1'",
    ),
    "sites: candidates without CRS": Case(
        lambda: avs_geo.score_sites(
            candidates().set_crs(None, allow_override=True), site_coverage(), zones=site_zones()
        ),
        avs_geo.CRSError,
        r"'candidates' n'a pas de système de coordonnées",
    ),
    "sites: candidates in degrees": Case(
        lambda: avs_geo.score_sites(candidates().to_crs(4326), site_coverage(), zones=site_zones()),
        avs_geo.CRSError,
        r"'candidates': EPSG:4326",
    ),
    "sites: negative radius": Case(
        lambda: avs_geo.score_sites(candidates(), site_coverage(), zones=site_zones(), radius_m=-3),
        avs_geo.ParameterError,
        r"radius_m doit être un nombre de mètres positif",
    ),
    "sites: unknown method": Case(
        lambda: avs_geo.select_sites(
            candidates(), site_coverage(), zones=site_zones(), k=1, method="magic"
        ),
        avs_geo.ParameterError,
        r"method doit être 'greedy' ou 'exact', reçu 'magic'",
    ),
    "sites: grid spacing 0": Case(
        lambda: avs_geo.candidate_grid(site_coverage(), spacing_m=0),
        avs_geo.ParameterError,
        r"spacing_m doit être un nombre de mètres positif",
    ),
    "sites: candidates file missing": Case(
        lambda: avs_geo.load_candidates("absent.csv"),
        avs_geo.MissingFileError,
        r"Fichier des candidats introuvable : 'absent.csv'",
    ),
    # --- maps ---
    "map: DataFrame": Case(
        lambda: avs_geo.coverage_map(pd.DataFrame(site_coverage())),
        avs_geo.InputTypeError,
        r"'coverage' doit être un GeoDataFrame",
    ),
    "map: no CRS": Case(
        lambda: avs_geo.coverage_map(site_coverage().set_crs(None, allow_override=True)),
        avs_geo.CRSError,
        r"'coverage' n'a pas de système de coordonnées",
    ),
    "map: missing class column": Case(
        lambda: avs_geo.coverage_map(site_coverage().drop(columns="coverage_status")),
        avs_geo.SchemaError,
        r"la ou les colonnes 'coverage_status'",
    ),
    "map: unknown language": Case(
        lambda: avs_geo.coverage_map(site_coverage(), language="de"),
        avs_geo.ParameterError,
        r"language doit être l'une de \['en', 'fr'\], reçu 'de'",
    ),
    "figure: missing ratio column": Case(
        lambda: avs_geo.coverage_figure(site_coverage().drop(columns="coverage_ratio")),
        avs_geo.SchemaError,
        r"la ou les colonnes 'coverage_ratio'",
    ),
}


@pytest.mark.parametrize("case", list(ERRORS.values()), ids=list(ERRORS))
def test_bad_input_gets_a_precise_error(case: Case) -> None:
    with pytest.raises(case.error, match=case.match):
        case.call()


def test_every_error_is_an_avs_geo_error_and_a_builtin() -> None:
    for case in ERRORS.values():
        assert issubclass(case.error, avs_geo.AvsGeoError)
        assert issubclass(case.error, (ValueError, TypeError, FileNotFoundError))


# --- problems that still allow a result: a warning with the ids, and no row lost ----------


@pytest.mark.parametrize(
    "geometry, name",
    [(BOWTIE, "bow-tie"), (SELF_TOUCHING, "self-touching ring")],
)
def test_invalid_qpv_repaired_with_warning_and_kept(geometry: shapely.Polygon, name: str) -> None:
    layer = qpv([geometry, box(X + 200, Y, X + 300, Y + 100)])
    with pytest.warns(
        avs_geo.AvsGeoWarning, match=r"1 géométrie\(s\) invalide\(s\) de 'qpv'.*'QP031001'"
    ):
        cov = avs_geo.compute_coverage(layer, zones([box(X, Y, X + 300, Y + 100)]))
    assert cov["code_qpv"].tolist() == ["QP031001", "QP031002"]
    assert cov["coverage_ratio"].tolist() == [1.0, 1.0]


def test_zero_area_qpv_reported_after_repair() -> None:
    flat = shapely.Polygon([(X, Y), (X + 1, Y), (X + 2, Y), (X, Y)])
    with (
        pytest.warns(avs_geo.AvsGeoWarning, match=r"réparées.*'QP031001'"),
        pytest.raises(
            avs_geo.GeometryError, match=r"1 géométrie\(s\) de surface nulle : 'QP031001'"
        ),
    ):
        avs_geo.compute_coverage(qpv([flat]), zones())


def test_comparing_two_generations_warns_and_keeps_every_qpv() -> None:
    before = coverage_frame(["full", "none"])
    after = coverage_frame(["full"]).assign(code_qpv="QN05901M")
    with pytest.warns(
        avs_geo.AvsGeoWarning, match=r"seulement avant \('QP059001'.*générations de QPV diffèrent"
    ):
        result = avs_geo.compare_coverage(before, after)
    codes = set(result.qpv.iloc[:, 0]) | set(result.qpv.get("code_qpv", []))
    assert {"QP059001", "QP059002", "QN05901M"} <= codes


def test_duplicated_points_are_harmless() -> None:
    ring = [(X, Y), (X, Y), (X + 100, Y), (X + 100, Y + 100), (X + 100, Y + 100), (X, Y + 100)]
    cov = avs_geo.compute_coverage(qpv([shapely.Polygon(ring)]), zones())
    assert cov["coverage_ratio"].tolist() == [0.5]


def test_invalid_zone_repaired_with_warning() -> None:
    with pytest.warns(avs_geo.AvsGeoWarning, match=r"'S1'"):
        cov = avs_geo.compute_coverage(qpv(), zones([BOWTIE]))
    assert len(cov) == 1 and cov["coverage_ratio"].iloc[0] == pytest.approx(0.5)


def test_no_structure_active_at_the_date_warns_and_every_qpv_stays() -> None:
    with pytest.warns(
        avs_geo.AvsGeoWarning, match=r"Aucune des 1 structures n'est active au 31/12/2019"
    ):
        z = avs_geo.build_zones(structures(), communes=communes(), at="2019-12-31")
    cov = avs_geo.compute_coverage(qpv(), z)
    assert cov["code_qpv"].tolist() == ["QP031001"] and cov["coverage_status"].tolist() == ["none"]


def test_unknown_population_warns_with_codes_and_keeps_the_qpv() -> None:
    cov = coverage_frame(["full", "none"])
    cov.loc[1, "population"] = np.nan
    with pytest.warns(avs_geo.AvsGeoWarning, match=r"QP059002"):
        summary = avs_geo.coverage_summary(cov)
    assert int(summary.iloc[-1]["Nombre de QPV"]) == 2


# --- invariants over generated layers -------------------------------------------------------

squares = st.builds(
    lambda x, y, w, h: box(X + x, Y + y, X + x + w, Y + y + h),
    st.integers(0, 400),
    st.integers(0, 400),
    st.integers(5, 200),
    st.integers(5, 200),
)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(squares, min_size=1, max_size=6),
    st.lists(squares, min_size=0, max_size=5),
    st.sampled_from(["default", "int", "str"]),
    st.randoms(use_true_random=False),
)
def test_coverage_and_summary_do_not_depend_on_row_order_or_index(
    qpvs: list[shapely.Polygon], zs: list[shapely.Polygon], index_kind: str, rnd: object
) -> None:
    layer = qpv(qpvs)
    order = list(range(len(layer)))
    rnd.shuffle(order)  # type: ignore[attr-defined]
    shuffled = layer.iloc[order]
    if index_kind == "int":
        shuffled = shuffled.set_axis([10 * i + 7 for i in range(len(shuffled))])
    elif index_kind == "str":
        shuffled = shuffled.set_axis([f"r{i}" for i in range(len(shuffled))])
    elif index_kind == "default":
        shuffled = shuffled.reset_index(drop=True)
    base = avs_geo.compute_coverage(layer, zones(zs) if zs else zones([]))
    other = avs_geo.compute_coverage(shuffled, zones(zs) if zs else zones([]))
    # every input QPV once, on the input's own index and order
    assert list(other.index) == list(shuffled.index)
    merged = base.set_index("code_qpv").loc[other["code_qpv"]]
    assert np.allclose(merged["coverage_ratio"].to_numpy(), other["coverage_ratio"].to_numpy())
    assert merged["structure_ids"].tolist() == other["structure_ids"].tolist()
    s1, s2 = avs_geo.coverage_summary(base), avs_geo.coverage_summary(other)
    pd.testing.assert_frame_equal(s1, s2)
    counts = s1["Nombre de QPV"].to_numpy()
    assert counts[:-1].sum() == counts[-1] == len(layer)
    assert round(float(s1["Part des QPV (%)"].iloc[:-1].sum()), 6) == 100.0


@settings(max_examples=30, deadline=None)
@given(
    st.lists(squares, min_size=1, max_size=4),
    st.lists(squares, min_size=1, max_size=3),
    squares,
    st.lists(st.tuples(st.integers(0, 600), st.integers(0, 600)), min_size=1, max_size=4),
)
def test_adding_a_structure_never_lowers_coverage_nor_raises_a_gain(
    qpvs: list[shapely.Polygon],
    zs: list[shapely.Polygon],
    new_zone: shapely.Polygon,
    points: list[tuple[int, int]],
) -> None:
    layer = qpv(qpvs)
    before_zones = zones(zs)
    after_zones = zones([*zs, new_zone])
    before = avs_geo.compute_coverage(layer, before_zones)
    after = avs_geo.compute_coverage(layer, after_zones)
    assert (after["coverage_ratio"].to_numpy() >= before["coverage_ratio"].to_numpy() - 1e-12).all()
    sites = gpd.GeoDataFrame(
        {"candidat_id": [f"C{i}" for i in range(len(points))]},
        geometry=[shapely.Point(X + px, Y + py) for px, py in points],
        crs=L93,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", avs_geo.AvsGeoWarning)  # candidates adding nothing
        g1 = avs_geo.score_sites(sites, before, zones=before_zones, radius_m=150, skip_full=False)
        g2 = avs_geo.score_sites(sites, after, zones=after_zones, radius_m=150, skip_full=False)
    g1 = g1.set_index("candidat_id").loc[sites["candidat_id"]]
    g2 = g2.set_index("candidat_id").loc[sites["candidat_id"]]
    assert len(g1) == len(g2) == len(sites)  # no candidate dropped
    assert (g2["gain_area_m2"].to_numpy() <= g1["gain_area_m2"].to_numpy() + 1e-6).all()
