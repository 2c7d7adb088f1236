"""The public API: verbs and result types at the top, the 0.1 import paths as shims."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import avs_geo

# 0.1 module -> (new module, one public name it re-exports)
SHIMS = {
    "avs_geo.classify": ("avs_geo.coverage.classify", "classify_coverage"),
    "avs_geo.explain": ("avs_geo.coverage.explain", "explain_qpv"),
    "avs_geo.reach": ("avs_geo.coverage.structures", "structure_table"),
    "avs_geo.compare": ("avs_geo.report.comparison", "compare_coverage"),
    "avs_geo.tables": ("avs_geo.report.summary", "coverage_summary"),
    "avs_geo.listing": ("avs_geo.report.tables", "qpv_table"),
    "avs_geo.sentence": ("avs_geo.report.sentence", "coverage_sentence"),
    "avs_geo.export": ("avs_geo.write.excel", "to_excel"),
    "avs_geo.export_text": ("avs_geo.write.text", "to_csv"),
    "avs_geo.labels": ("avs_geo._i18n", "status_label"),
    "avs_geo.pipeline": ("avs_geo.workflows", "run_coverage"),
    "avs_geo.pipeline_sites": ("avs_geo.workflows", "run_sites"),
}


@pytest.mark.parametrize("old", sorted(SHIMS))
def test_old_import_path_warns_and_gives_the_same_object(old: str) -> None:
    new, name = SHIMS[old]
    sys.modules.pop(old, None)
    with pytest.warns(DeprecationWarning, match=rf"{old} is deprecated since avs_geo 0\.2.*{new}"):
        module = importlib.import_module(old)
    assert getattr(module, name) is getattr(importlib.import_module(new), name)
    assert name in module.__all__


def test_public_names_resolve_and_are_sorted() -> None:
    assert avs_geo.__all__ == sorted(avs_geo.__all__, key=str)
    for name in avs_geo.__all__:
        assert getattr(avs_geo, name) is not None, name


def test_importing_the_new_paths_warns_of_nothing() -> None:
    code = "import avs_geo, avs_geo.cli, avs_geo.workflows, avs_geo.maps, avs_geo.sites"
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_errors_live_in_avs_geo_errors() -> None:
    from avs_geo import errors

    for name in errors.__all__:
        obj = getattr(errors, name)
        if isinstance(obj, type) and issubclass(obj, Warning):
            assert issubclass(obj, errors.AvsGeoWarning), name
        elif isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, errors.AvsGeoError), name
            assert getattr(avs_geo, name) is obj, f"{name} is not exported by avs_geo"
