"""File formats: CSV and Markdown, Excel with reproducible bytes, GeoPackage.

Every writer takes the data first, then the path.
"""

from avs_geo.write.excel import to_excel
from avs_geo.write.gis import LIST_SEPARATOR as LIST_SEPARATOR
from avs_geo.write.gis import coverage_geopackage, gis_ready, to_geopackage
from avs_geo.write.template import write_template
from avs_geo.write.text import to_csv, to_markdown
from avs_geo.write.workbook import write_report

__all__ = [
    "coverage_geopackage",
    "gis_ready",
    "to_csv",
    "to_excel",
    "to_geopackage",
    "to_markdown",
    "write_report",
    "write_template",
]
