"""Planner tables keep their declared formats and their fields through concat and merge."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from shapely import box

import avs_geo
from avs_geo._table import Table, with_formats


def _coverage() -> pd.DataFrame:
    import geopandas as gpd

    qpv = gpd.GeoDataFrame(
        {"code_qpv": ["QP059001", "QP059002", "QP059003"], "population": [1000.0, 2000.0, 0.0]},
        geometry=[box(0, 0, 100, 100), box(200, 0, 300, 100), box(400, 0, 500, 100)],
        crs="EPSG:2154",
    )
    zones = gpd.GeoDataFrame(
        {"structure_id": ["S1", "S2"]},
        geometry=[box(0, 0, 100, 100), box(200, 0, 250, 100)],
        crs="EPSG:2154",
    )
    return avs_geo.compute_coverage(qpv, zones)


def test_formats_survive_concat_and_merge() -> None:
    table = with_formats(pd.DataFrame({"Taux": [33.333], "n": [1]}), {"Taux": "percent1"})
    joined = pd.concat([table, table.tail(1)])
    merged = table.merge(pd.DataFrame({"n": [1], "x": ["a"]}))
    for frame in (joined, merged):
        assert isinstance(frame, Table)
        assert dict(frame.formats) == {"Taux": "percent1"}
    other = with_formats(pd.DataFrame({"Autre": [1.234]}), {"Autre": "decimal2"})
    both = pd.concat([table, other])
    assert dict(both.formats) == {"Taux": "percent1", "Autre": "decimal2"}


def test_summary_after_concat_prints_as_before(tmp_path) -> None:
    summary = avs_geo.coverage_summary(_coverage(), date="01/02/2022")
    before = avs_geo.to_markdown(summary)
    after = avs_geo.to_markdown(pd.concat([summary, summary.tail(0)]))
    assert after == before
    assert "33,3" in before and "33,30" not in before


def test_sentence_after_merge_keeps_its_date() -> None:
    summary = avs_geo.coverage_summary(_coverage(), date="01/02/2022")
    merged = summary.merge(summary[[summary.columns[0]]])
    assert merged.date == dt.date(2022, 2, 1)
    assert avs_geo.coverage_sentence(merged).startswith("Au 1er février 2022")


@pytest.mark.parametrize("how", ["concat", "merge"])
def test_a_plain_frame_brings_no_format(how: str) -> None:
    table = with_formats(pd.DataFrame({"Taux": [1.0], "n": [1]}), {"Taux": "percent1"})
    plain = pd.DataFrame({"Taux": [2.0], "n": [2]})
    out = pd.concat([plain, table]) if how == "concat" else plain.merge(table, how="outer")
    # pandas builds the result from the first frame: a plain DataFrame stays plain
    assert not isinstance(out, Table) or dict(out.formats) == {"Taux": "percent1"}
