"""The hostile-input corpus (tests/hostile/corpus.py): each file gets its exact error
class and message, or loads with its exact number of rows (issue 16)."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest

import avs_geo
from tests.hostile.corpus import CASES, Case, load_case, write_case


def test_the_corpus_is_large_and_named_once() -> None:
    names = [case.name for case in CASES]
    assert len(names) == len(set(names))
    assert len(CASES) >= 100


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_hostile_file(case: Case, tmp_path: Path) -> None:
    path = write_case(case, tmp_path)
    with warnings.catch_warnings(record=True) as caught_warnings:
        warnings.simplefilter("always", avs_geo.AvsGeoWarning)
        if case.error is None:
            result = load_case(case, path)
            assert len(result) == case.rows  # type: ignore[arg-type]
            if case.epsg is not None:
                assert result.crs.to_epsg() == case.epsg  # type: ignore[attr-defined]
            said = [str(w.message) for w in caught_warnings]
            if case.warns:
                assert any(re.search(case.warns, m) for m in said), said
            elif case.epsg is not None:  # a fit CRS is projected without a word
                assert not [m for m in said if "reprojetée" in m], said
            return
        with pytest.raises(avs_geo.AvsGeoError, match=case.match) as caught:
            load_case(case, path)
    assert type(caught.value).__name__ in case.error.split("|")
    if case.absent is not None:
        assert case.absent not in str(caught.value)


def test_the_corpus_writes_and_reads_nothing_outside_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A 'q_path!bang.gpkg' once written straight through GDAL left 'bang.gpkg' in the
    # current folder ('!' is GDAL's archive syntax): paths are taken literally.
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    bang = [case for case in CASES if "!" in case.name]
    assert len(bang) >= 3
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", avs_geo.AvsGeoWarning)
        for case in bang:
            folder = tmp_path / case.name.replace("!", "_")
            folder.mkdir()
            load_case(case, write_case(case, folder))
    assert list(here.iterdir()) == []
