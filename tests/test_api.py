"""The public API: verbs and result types at the top, the 0.1 import paths as shims."""

from __future__ import annotations

import importlib
import subprocess
import sys
import warnings

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
    with pytest.warns(DeprecationWarning, match=rf"{old} est obsolète depuis avs_geo 0\.2.*{new}"):
        module = importlib.import_module(old)
    assert getattr(module, name) is getattr(importlib.import_module(new), name)
    assert name in module.__all__


# Every public name of the 0.1 modules (their __all__, else their public functions, classes
# and constants), as of 0.1.0: each must still import in 0.2, from the same path.
NAMES_01 = {
    "avs_geo.classify": "DEFAULT_FULL_MIN DEFAULT_NONE_MAX DEFAULT_SENSITIVITY_THRESHOLDS check_thresholds check_tolerances classify_coverage",
    "avs_geo.explain": "QpvExplanation explain_qpv",
    "avs_geo.reach": "REACH_COLUMNS STRUCTURE_HEADERS structure_reach structure_table",
    "avs_geo.compare": "CHANGE_LABELS CoverageComparison DEFAULT_NAMES compare_coverage",
    "avs_geo.tables": "GROUP_HEADERS MISSING_GROUP MULTI_VALUED SUMMARY_HEADERS TOTAL_LABEL coverage_summary",
    "avs_geo.listing": "QPV_HEADERS qpv_table",
    "avs_geo.sentence": "OFFER coverage_sentence",
    "avs_geo.export": "FORMULA_PREFIXES METHOD_HEADERS METHOD_SHEET cell_value column_format escape_formula flat_table method_frame to_excel",
    "avs_geo.export_text": "to_csv to_markdown",
    "avs_geo.labels": "STATUSES STATUS_COLORS STATUS_LABELS STRUCTURE_TYPES TYPE_COLORS TYPE_LABELS YES_NO status_label type_label",
    "avs_geo.pipeline": "COMPARISON_FILES COVERAGE_FILES ComparisonRun CoverageRun DEMO_BEFORE DEMO_DATE DEMO_K DemoRun EMBEDDED_SOURCES GEOPACKAGE_LAYERS Inputs Progress SITES_FILES SitesRun comparison_step_count coverage_step_count demo_step_count load_inputs parse_date run_comparison run_coverage run_demo run_sites sites_step_count",
    "avs_geo.pipeline_sites": "SITES_FILES SitesRun run_sites sites_step_count",
    "avs_geo.report": "method_table write_report",
    "avs_geo.write": "LIST_SEPARATOR freeze_xlsx gis_ready to_geopackage",
    "avs_geo.coverage": "AREA_TOLERANCE_M2 OUTPUT_COLUMNS RATIO_SNAP compute_coverage coverage_sensitivity",
    "avs_geo.zones": "BUFFER_QUAD_SEGS STRUCTURE_COLUMNS build_zones",
    "avs_geo.sites.gain": "AREA_TOLERANCE_M2 AREA_WEIGHT DemandUnits RATIO_CHECK RATIO_SNAP SiteRelation UNIT_MIN_AREA_M2 build_relation demand_units polygonal sparse uncovered_parts",
    "avs_geo.sites.candidates": "CANDIDATE_COLUMNS DEFAULT_GRID_SPACING_M DEFAULT_RADIUS_M as_candidates candidate_grid candidate_zones load_candidates",
    "avs_geo.sites.score": "NETWORK_ROW REASONS SCORE_COLUMNS SITE_HEADERS score_sites sites_table",
    "avs_geo.sites.select": "DEFAULT_TIME_LIMIT_S GAP_NOISE METHOD_LABELS MclpSolution SUMMARY_WORDS SiteSelection exact_mclp greedy_mclp select_sites",
    "avs_geo.read.structures": "STRUCTURE_COLUMNS check_zone_codes load_structures zone_summary",
    "avs_geo.read.qpv": "QPV_COLUMNS departement_from_code load_qpv",
    "avs_geo.read.communes": "INSEE_CODE departement_of_commune load_communes",
    "avs_geo.maps.webmap": "coverage_map save_map",
    "avs_geo.maps.figure": "SMALL_SCALE_RATIO coverage_figure",
    "avs_geo.datasets": "COMMUNE_FILES_BY_DEPARTEMENT OCCITANIE_DEPARTEMENTS available data_dir get_path",
}
# Gone on purpose in 0.2, each replaced by something else (said in the changelog note).
REMOVED_01 = {
    "avs_geo.write": {"freeze_xlsx"},  # to_excel writes reproducible bytes itself
    "avs_geo.export": {"column_format"},  # formats are declared by each table (Table)
    "avs_geo.sites.gain": {"sparse"},  # scipy is a core dependency, imported plainly
}


@pytest.mark.parametrize("module", sorted(NAMES_01))
def test_every_public_name_of_01_still_imports(module: str) -> None:
    missing = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        mod = importlib.import_module(module)
        for name in NAMES_01[module].split():
            if name in REMOVED_01.get(module, set()):
                continue
            try:
                getattr(mod, name)
            except AttributeError:
                missing.append(name)
    assert not missing, f"{module}: {missing}"


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
