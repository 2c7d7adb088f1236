"""The hostile-input corpus (tests/hostile/corpus.py): each file gets its exact error
class and message, or loads with its exact number of rows (issue 16)."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest

import avs_geo
from avs_geo.datasets import get_path
from tests.hostile.corpus import CASES, Case, write_case


def load(case: Case, path: Path) -> object:
    if case.loader == "structures":
        return avs_geo.load_structures(path, crs=case.crs)
    if case.loader == "candidates":
        return avs_geo.load_candidates(path, crs=case.crs)
    if case.loader == "qpv":
        return avs_geo.load_qpv(path, crs=case.crs)
    if case.loader == "communes":
        return avs_geo.load_communes(path, crs=case.crs)
    if case.loader == "indicators":
        return avs_geo.load_qpv(get_path("qpv_occitanie"), indicators=path)
    if case.loader == "perimeters":
        return avs_geo.load_structures(get_path("structures_exemple_occitanie"), perimeters=path)
    raise AssertionError(case.loader)


def test_the_corpus_is_large_and_named_once() -> None:
    names = [case.name for case in CASES]
    assert len(names) == len(set(names))
    assert len(CASES) >= 100


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_hostile_file(case: Case, tmp_path: Path) -> None:
    path = write_case(case, tmp_path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", avs_geo.AvsGeoWarning)
        if case.error is None:
            result = load(case, path)
            assert len(result) == case.rows  # type: ignore[arg-type]
            if case.epsg is not None:
                assert result.crs.to_epsg() == case.epsg  # type: ignore[attr-defined]
            said = [str(w.message) for w in caught]
            if case.warns:
                assert any(re.search(case.warns, m) for m in said), said
            elif case.epsg is not None:  # a fit CRS is projected without a word
                assert not [m for m in said if "reprojetée" in m], said
            return
        with pytest.raises(avs_geo.AvsGeoError, match=case.match) as caught:
            load(case, path)
    assert type(caught.value).__name__ in case.error.split("|")
    if case.absent is not None:
        assert case.absent not in str(caught.value)
