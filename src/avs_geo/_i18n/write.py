"""French and English words of the write stage (:mod:`avs_geo.write`): headers, labels, phrases."""

from __future__ import annotations

__all__ = ["REPORT_SHEETS"]

# used by avs_geo/write/workbook.py
REPORT_SHEETS = {
    "fr": {"summary": "Synthèse", "by": "Synthèse par {by}", "qpv": "QPV", "zones": "Structures"},
    "en": {"summary": "Summary", "by": "Summary by {by}", "qpv": "QPV", "zones": "Structures"},
}
