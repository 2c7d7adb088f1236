"""Tests of avs_geo.zones.build_zones: unions on squares, dates, errors, real data."""

from __future__ import annotations

import datetime as dt
import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely import Point, Polygon, box

from avs_geo import (
    AvsGeoWarning,
    CRSError,
    DuplicateIdError,
    GeometryError,
    InputTypeError,
    ParameterError,
    SchemaError,
    UnknownCodeError,
)
from avs_geo.zones import build_zones

L93 = "EPSG:2154"
NAN = float("nan")

# Three communes of 100 x 100 m side by side, and one QPV across the first two.
COMMUNES = gpd.GeoDataFrame(
    {"code_insee": ["09001", "09002", "09003"], "nom": ["A", "B", "C"]},
    geometry=[box(0, 0, 100, 100), box(100, 0, 200, 100), box(200, 0, 300, 100)],
    crs=L93,
)
QPV = gpd.GeoDataFrame({"code_qpv": ["QP009001"]}, geometry=[box(50, 50, 150, 150)], crs=L93)


def structures(*rows: dict[str, object], polygons: bool = True) -> gpd.GeoDataFrame:
    """A structures frame as load_structures gives it; each row overrides the defaults."""
    base: dict[str, object] = {
        "nom": "X",
        "type": "evs",
        "date_agrement": pd.NaT,
        "date_fin": pd.NaT,
        "zone_communes": (),
        "zone_qpv": (),
        "zone_rayon_m": NAN,
        "zone_polygon": None,
        "geometry": Point(50, 50),
    }
    records = [{**base, "structure_id": f"S{i + 1}", **row} for i, row in enumerate(rows)]
    frame = pd.DataFrame.from_records(records)
    frame["date_agrement"] = pd.to_datetime(frame["date_agrement"])
    frame["date_fin"] = pd.to_datetime(frame["date_fin"])
    frame["zone_polygon"] = gpd.GeoSeries(frame["zone_polygon"], crs=L93)
    if not polygons:
        frame = frame.drop(columns="zone_polygon")
    return gpd.GeoDataFrame(frame, geometry="geometry", crs=L93)


def test_union_of_communes_is_one_polygon() -> None:
    zones = build_zones(structures({"zone_communes": ("09001", "09002")}), communes=COMMUNES)
    assert list(zones.columns) == ["structure_id", "nom", "type", "geometry"]
    assert zones.crs == COMMUNES.crs
    geom = zones.geometry.iloc[0]
    assert geom.geom_type == "Polygon"
    assert geom.area == 20_000
    assert geom.equals(box(0, 0, 200, 100))


def test_disjoint_parts_give_a_multipolygon() -> None:
    zones = build_zones(structures({"zone_communes": ("09001", "09003")}), communes=COMMUNES)
    assert zones.geometry.iloc[0].geom_type == "MultiPolygon"
    assert zones.area.iloc[0] == 20_000


def test_qpv_radius_and_polygon_are_merged_without_double_counting() -> None:
    row = {
        "zone_communes": ("09001",),
        "zone_qpv": ("QP009001",),
        "zone_rayon_m": 10.0,
        "geometry": Point(50, 50),  # the circle lies inside commune 09001
        "zone_polygon": box(250, 0, 350, 100),  # half inside commune 09003 (not in the zone)
    }
    zones = build_zones(structures(row), communes=COMMUNES, qpv=QPV)
    # 10,000 (09001) + 7,500 (QPV outside 09001) + 10,000 (polygon) = 27,500
    assert zones.area.iloc[0] == pytest.approx(27_500, abs=1e-6)


def test_radius_is_a_circle() -> None:
    zones = build_zones(structures({"zone_rayon_m": 500.0}), communes=COMMUNES)
    assert zones.area.iloc[0] == pytest.approx(math.pi * 500**2, rel=2e-3)
    assert zones.geometry.iloc[0].centroid.distance(Point(50, 50)) < 1e-6


def test_zone_polygon_column_may_be_absent() -> None:
    frame = structures({"zone_communes": ("09002",)}, polygons=False)
    zones = build_zones(frame, communes=COMMUNES)
    assert zones.area.tolist() == [10_000]


def test_one_row_per_structure_on_the_input_index_and_input_untouched() -> None:
    frame = structures(
        {"zone_communes": ("09001",), "nom": "CS Centre", "type": "centre_social"},
        {"zone_qpv": ("QP009001",)},
        {"zone_rayon_m": 5.0},
    )
    frame.index = [7, 3, 5]
    before = frame.copy()
    zones = build_zones(frame, communes=COMMUNES, qpv=QPV)
    pd.testing.assert_frame_equal(frame, before)
    assert zones.index.tolist() == [7, 3, 5]
    assert zones.structure_id.tolist() == ["S1", "S2", "S3"]
    assert zones.nom.tolist() == ["CS Centre", "X", "X"]
    assert zones["type"].tolist() == ["centre_social", "evs", "evs"]
    assert zones.is_valid.all()


# ---------------------------------------------------------------- at a date


DATED = (
    {"structure_id": "always", "zone_communes": ("09001",)},
    {"structure_id": "from2022", "zone_communes": ("09001",), "date_agrement": "2022-12-31"},
    {"structure_id": "to2022", "zone_communes": ("09001",), "date_fin": "2022-12-31"},
    {
        "structure_id": "2020-2023",
        "zone_communes": ("09001",),
        "date_agrement": "2020-01-01",
        "date_fin": "2023-01-01",
    },
    {"structure_id": "from2023", "zone_communes": ("09001",), "date_agrement": "2023-01-01"},
)


@pytest.mark.parametrize(
    "at",
    [
        "2022-12-31",
        dt.date(2022, 12, 31),
        dt.datetime(2022, 12, 31),
        pd.Timestamp("2022-12-31"),
        np.datetime64("2022-12-31"),
    ],
    ids=type,
)
def test_active_at_a_date(at: object) -> None:
    zones = build_zones(structures(*DATED), communes=COMMUNES, at=at)  # type: ignore[arg-type]
    # date_agrement <= at <= date_fin: starting that day counts, ending that day counts.
    assert zones.structure_id.tolist() == ["always", "from2022", "to2022", "2020-2023"]


def test_date_fin_is_the_last_day_included() -> None:
    """An agreement "au 31/12/2021" counts on 31/12/2021 and not on 01/01/2022."""
    frame = structures(
        {
            "structure_id": "A",
            "zone_communes": ("09001",),
            "date_agrement": "2019-01-01",
            "date_fin": "2021-12-31",
        }
    )
    assert build_zones(frame, communes=COMMUNES, at="31/12/2021").structure_id.tolist() == ["A"]
    with pytest.warns(AvsGeoWarning, match="No structure of 1 is active at 2022-01-01"):
        assert len(build_zones(frame, communes=COMMUNES, at="01/01/2022")) == 0
    assert build_zones(frame, communes=COMMUNES, at="2019-01-01").structure_id.tolist() == ["A"]
    with pytest.warns(AvsGeoWarning, match="No structure of 1 is active at 2018-12-31"):
        assert len(build_zones(frame, communes=COMMUNES, at="2018-12-31")) == 0


def test_without_a_date_every_structure_is_kept() -> None:
    assert len(build_zones(structures(*DATED), communes=COMMUNES)) == 5


def test_no_structure_active_warns_and_gives_an_empty_frame() -> None:
    with pytest.warns(AvsGeoWarning, match="No structure of 1 is active at 2010-01-01"):
        zones = build_zones(structures(DATED[1]), communes=COMMUNES, at="2010-01-01")
    assert len(zones) == 0
    assert list(zones.columns) == ["structure_id", "nom", "type", "geometry"]
    assert zones.crs == COMMUNES.crs


@pytest.mark.parametrize(
    ("at", "match"),
    [
        ("12/31/2022", r"at='12/31/2022' n'est pas une date \(ce jour n'existe pas\)"),
        (2022, r"at doit être une date, pas un int"),
        (pd.NaT, r"at est une date manquante"),
        (pd.Timestamp("2022-12-31", tz="Europe/Paris"), r"fuseau horaire"),
        ("31/12/9999", r"at='31/12/9999' est hors de la plage 22/09/1677 - 11/04/2262"),
    ],
)
def test_bad_dates(at: object, match: str) -> None:
    with pytest.raises(ParameterError, match=match):
        build_zones(structures(*DATED), communes=COMMUNES, at=at)  # type: ignore[arg-type]


def test_date_columns_must_be_dates() -> None:
    frame = structures(*DATED)
    expected = build_zones(frame, communes=COMMUNES, at="2022-12-31")
    frame["date_fin"] = frame["date_fin"].astype(str)  # text dates are read, as in files
    pd.testing.assert_frame_equal(build_zones(frame, communes=COMMUNES, at="2022-12-31"), expected)
    frame["date_fin"] = "bientôt"
    with pytest.raises(SchemaError, match=r"'date_fin' .* ne sont pas des dates : .*'bientôt'"):
        build_zones(frame, communes=COMMUNES, at="2022-12-31")
    frame["date_fin"] = pd.to_datetime(["2030-01-01"] * len(frame)).tz_localize("UTC")
    with pytest.raises(SchemaError, match=r"'date_fin' .* fuseau horaire"):
        build_zones(frame, communes=COMMUNES, at="2022-12-31")
    with pytest.raises(SchemaError, match=r"lacks the column\(s\) 'date_agrement'"):
        build_zones(
            structures(*DATED).drop(columns="date_agrement"), communes=COMMUNES, at="2022-12-31"
        )


# ---------------------------------------------------------------- errors, named


def test_unknown_codes_are_named_with_their_structures() -> None:
    frame = structures(
        {"zone_communes": ("09001", "9002")},
        {"zone_communes": ("99999",)},
        {"zone_communes": ("09003",)},
    )
    with pytest.raises(UnknownCodeError, match=r"2 code\(s\).*'S1: 9002', 'S2: 99999'.*leading"):
        build_zones(frame, communes=COMMUNES)
    with pytest.raises(UnknownCodeError, match=r"'S1: QP009999'.*'qpv' layer"):
        build_zones(structures({"zone_qpv": ("QP009999",)}), communes=COMMUNES, qpv=QPV)


def test_qpv_layer_needed() -> None:
    with pytest.raises(ParameterError, match=r"'S2'.*name QPV.*qpv=avs_geo.load_qpv"):
        build_zones(
            structures({"zone_communes": ("09001",)}, {"zone_qpv": ("QP009001",)}),
            communes=COMMUNES,
        )


def test_structures_without_zone_are_listed_and_left_out() -> None:
    frame = structures({"zone_communes": ("09001",)}, {}, {})
    with pytest.warns(AvsGeoWarning, match=r"2 structure\(s\) sans zone .*: 'S2', 'S3'"):
        zones = build_zones(frame, communes=COMMUNES)
    assert zones["structure_id"].tolist() == ["S1"]


@pytest.mark.parametrize("radius", [0.0, -10.0])
def test_radius_must_be_positive(radius: float) -> None:
    with pytest.raises(SchemaError, match=r"positive number of metres.*'S1'"):
        build_zones(structures({"zone_rayon_m": radius}), communes=COMMUNES)


def test_radius_needs_a_location() -> None:
    frame = structures({"zone_rayon_m": 100.0, "geometry": None})
    with pytest.raises(SchemaError, match=r"'S1' have a zone_rayon_m but no Point"):
        build_zones(frame, communes=COMMUNES)


def test_zone_polygon_must_be_a_polygon() -> None:
    frame = structures({"zone_polygon": Point(1, 1)})
    with pytest.raises(GeometryError, match=r"zone_polygon should hold polygons.*'S1'"):
        build_zones(frame, communes=COMMUNES)


def test_invalid_zone_polygon_repaired_with_a_warning() -> None:
    bowtie = Polygon([(0, 0), (100, 100), (100, 0), (0, 100)])
    with pytest.warns(AvsGeoWarning, match=r"1 invalid geometries in 'zone_polygon'.*'S1'"):
        zones = build_zones(structures({"zone_polygon": bowtie}), communes=COMMUNES)
    assert zones.area.iloc[0] == pytest.approx(5_000)


def test_duplicates() -> None:
    frame = structures({"zone_communes": ("09001",)}, {"zone_communes": ("09001",)})
    frame["structure_id"] = ["S1", "S1"]
    with pytest.raises(DuplicateIdError, match=r"duplicate structure_id values: 'S1'"):
        build_zones(frame, communes=COMMUNES)
    communes = pd.concat([COMMUNES, COMMUNES.iloc[[0]]])
    with pytest.raises(DuplicateIdError, match=r"duplicate code_insee values: '09001'"):
        build_zones(structures({"zone_communes": ("09001",)}), communes=communes)


def test_crs_checks() -> None:
    frame = structures({"zone_communes": ("09001",)})
    with pytest.raises(CRSError, match=r"CRS\) différents.*communes.to_crs\(structures.crs\)"):
        build_zones(frame, communes=COMMUNES.set_crs("EPSG:3857", allow_override=True))
    geographic = frame.set_crs("EPSG:4326", allow_override=True)
    with pytest.raises(CRSError, match=r"'structures' : EPSG:4326 .* système géographique"):
        build_zones(geographic, communes=COMMUNES.set_crs("EPSG:4326", allow_override=True))
    with pytest.raises(InputTypeError, match=r"'communes' should be a GeoDataFrame"):
        build_zones(frame, communes=pd.DataFrame(COMMUNES))  # type: ignore[arg-type]


def test_missing_columns_listed() -> None:
    frame = structures({"zone_communes": ("09001",)}).drop(columns=["zone_qpv", "zone_rayon_m"])
    with pytest.raises(SchemaError, match=r"lacks the column\(s\) 'zone_qpv', 'zone_rayon_m'"):
        build_zones(frame, communes=COMMUNES)


# ---------------------------------------------------------------- real data (EXAMPLE network)


def test_real_example_network(
    qpv_occitanie: gpd.GeoDataFrame,
    communes_all: gpd.GeoDataFrame,
    structures_occitanie: gpd.GeoDataFrame,
) -> None:
    zones = build_zones(structures_occitanie, communes=communes_all, qpv=qpv_occitanie)
    assert zones.structure_id.tolist() == structures_occitanie.structure_id.tolist()
    assert zones.is_valid.all()
    assert shapely.get_type_id(zones.geometry.to_numpy()).tolist() == [
        3 if g.geom_type == "Polygon" else 6 for g in zones.geometry
    ]
    by_id = zones.set_index("structure_id").geometry
    # OCC-01 serves exactly QPV QP031007.
    reynerie = qpv_occitanie.set_index("code_qpv").geometry["QP031007"]
    assert by_id["OCC-01"].equals(reynerie)
    # OCC-06 serves exactly commune 31069.
    commune = communes_all.set_index("code_insee").geometry["31069"]
    assert by_id["OCC-06"].equals(commune)
    # OCC-03: QPV QP031010 plus 450 m around its location.
    assert by_id["OCC-03"].area > qpv_occitanie.set_index("code_qpv").area["QP031010"]
    at = build_zones(
        structures_occitanie, communes=communes_all, qpv=qpv_occitanie, at="2022-12-31"
    )
    assert "OCC-15" not in set(at.structure_id)  # closed on 2022-06-30
    assert "OCC-12" not in set(at.structure_id)  # agreed on 2023-03-01
    assert len(at) == 33


def test_unknown_type_refused_with_ids() -> None:
    from avs_geo import SchemaError

    structures = _robust_structures(type=["crèche"])
    with pytest.raises(SchemaError, match=r"unknown types in column 'type' \(A: 'crèche'\)"):
        build_zones(structures, communes=_robust_communes())


def test_codes_given_as_a_string_are_split() -> None:
    structures = _robust_structures(zone_communes=["31555;31069"])
    zones = build_zones(structures, communes=_robust_communes())
    assert zones.geometry.iloc[0].area == pytest.approx(2_000_000)


def _robust_communes() -> gpd.GeoDataFrame:
    x, y = 574_000, 6_280_000
    return gpd.GeoDataFrame(
        {"code_insee": ["31555", "31069"]},
        geometry=[box(x, y, x + 1000, y + 1000), box(x + 1000, y, x + 2000, y + 1000)],
        crs="EPSG:2154",
    )


def _robust_structures(**columns: object) -> gpd.GeoDataFrame:
    data: dict[str, object] = {
        "structure_id": ["A"],
        "nom": ["n"],
        "type": ["evs"],
        "zone_communes": [("31555",)],
        "zone_qpv": [()],
        "zone_rayon_m": [float("nan")],
    }
    data.update(columns)
    return gpd.GeoDataFrame(data, geometry=[Point(574_010, 6_280_010)], crs="EPSG:2154")
