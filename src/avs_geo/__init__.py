"""avs_geo: coverage of the priority neighbourhoods (QPV) by the social-life offer.

Read the QPV, the communes and the structures (centres sociaux, EVS), build their
intervention zones, measure which share of each QPV they cover, and turn that into
the tables, maps and site scores a departmental family-services plan (Sdsf) needs.
"""

from importlib.metadata import PackageNotFoundError, version

from avs_geo._i18n import language, set_language, status_label, type_label
from avs_geo._language import get_language
from avs_geo._table import Table
from avs_geo.coverage.classify import classify_coverage
from avs_geo.coverage.communes import commune_coverage
from avs_geo.coverage.explain import QpvExplanation, explain_qpv
from avs_geo.coverage.measure import compute_coverage, coverage_sensitivity
from avs_geo.coverage.qpv_places import attach_epci, attach_territories, qpv_communes
from avs_geo.coverage.series import coverage_series
from avs_geo.coverage.structures import structure_table
from avs_geo.errors import (
    AvsGeoError,
    AvsGeoWarning,
    CRSError,
    DuplicateIdError,
    GeometryError,
    InputFileError,
    InputTypeError,
    MissingDependencyError,
    MissingFileError,
    OutputFolderError,
    ParameterError,
    SchemaError,
    UnknownCodeError,
)
from avs_geo.maps import coverage_figure, coverage_map, network_figure, save_map, sites_map
from avs_geo.read import (
    load_communes,
    load_qpv,
    load_structures,
    load_territories,
    to_working_crs,
)
from avs_geo.report.comparison import CoverageComparison, compare_coverage
from avs_geo.report.sentence import coverage_sentence
from avs_geo.report.summary import CoverageSummary, coverage_summary
from avs_geo.report.tables import qpv_table
from avs_geo.report.territories import (
    commune_table,
    network_table,
    territory_table,
    white_zone_sentence,
)
from avs_geo.sites import (
    SiteSelection,
    candidate_grid,
    load_candidates,
    score_sites,
    select_sites,
    sites_table,
)
from avs_geo.workflows import (
    ComparisonRun,
    CoverageRun,
    DemoRun,
    EvolutionRun,
    SitesRun,
    run_comparison,
    run_coverage,
    run_demo,
    run_evolution,
    run_sites,
)
from avs_geo.write.excel import to_excel
from avs_geo.write.gis import coverage_geopackage, to_geopackage
from avs_geo.write.template import write_template
from avs_geo.write.text import to_csv, to_markdown
from avs_geo.write.workbook import method_table, write_report
from avs_geo.zones import build_zones

try:
    __version__ = version("avs_geo")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = [
    "AvsGeoError",
    "AvsGeoWarning",
    "CRSError",
    "ComparisonRun",
    "CoverageComparison",
    "CoverageRun",
    "CoverageSummary",
    "DemoRun",
    "DuplicateIdError",
    "EvolutionRun",
    "GeometryError",
    "InputFileError",
    "InputTypeError",
    "MissingDependencyError",
    "MissingFileError",
    "OutputFolderError",
    "ParameterError",
    "QpvExplanation",
    "SchemaError",
    "SiteSelection",
    "SitesRun",
    "Table",
    "UnknownCodeError",
    "__version__",
    "attach_epci",
    "attach_territories",
    "build_zones",
    "candidate_grid",
    "classify_coverage",
    "commune_coverage",
    "commune_table",
    "compare_coverage",
    "compute_coverage",
    "coverage_figure",
    "coverage_geopackage",
    "coverage_map",
    "coverage_sensitivity",
    "coverage_sentence",
    "coverage_series",
    "coverage_summary",
    "explain_qpv",
    "get_language",
    "language",
    "load_candidates",
    "load_communes",
    "load_qpv",
    "load_structures",
    "load_territories",
    "method_table",
    "network_figure",
    "network_table",
    "qpv_communes",
    "qpv_table",
    "run_comparison",
    "run_coverage",
    "run_demo",
    "run_evolution",
    "run_sites",
    "save_map",
    "score_sites",
    "select_sites",
    "set_language",
    "sites_map",
    "sites_table",
    "status_label",
    "structure_table",
    "territory_table",
    "to_csv",
    "to_excel",
    "to_geopackage",
    "to_markdown",
    "to_working_crs",
    "type_label",
    "white_zone_sentence",
    "write_report",
    "write_template",
]
