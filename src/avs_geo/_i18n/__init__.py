"""Words and colours a planner reads: French by default, English on request.

Data keep short English codes (``"full"``, ``"partial"``, ``"none"``; ``"centre_social"``,
``"evs"``); tables, maps and reports turn them into labels with :func:`status_label`
and :func:`type_label`.
"""

from __future__ import annotations

from typing import Literal

__all__ = [
    "COMMUNE_COLOR",
    "METHOD_HEADERS",
    "METHOD_SHEET",
    "NO_OFFER_COLOR",
    "QPV_OPACITY",
    "STATUSES",
    "STATUS_COLORS",
    "STATUS_LABELS",
    "STRUCTURE_TYPES",
    "TYPE_COLORS",
    "TYPE_LABELS",
    "YES_NO",
    "ZONE_OPACITY",
    "Language",
    "status_label",
    "type_label",
]

Language = Literal["fr", "en"]

STATUSES: tuple[str, ...] = ("full", "partial", "none")
"""Coverage classes, from best to worst (the order of every table and legend)."""

STRUCTURE_TYPES: tuple[str, ...] = ("centre_social", "evs")

STATUS_LABELS: dict[str, dict[str, str]] = {
    "fr": {
        "full": "Couvert en totalité",
        "partial": "Couvert partiellement",
        "none": "Non couvert",
    },
    "en": {"full": "Fully covered", "partial": "Partly covered", "none": "Not covered"},
}

TYPE_LABELS: dict[str, dict[str, str]] = {
    "fr": {"centre_social": "Centre social", "evs": "Espace de vie sociale"},
    "en": {"centre_social": "Social centre", "evs": "Social-life space (EVS)"},
}

YES_NO: dict[str, dict[bool, str]] = {
    "fr": {True: "oui", False: "non"},
    "en": {True: "yes", False: "no"},
}
"""How a table shows a true/false column."""

# ColorBrewer RdBu (colour-blind safe, ordered in lightness too): blue = covered,
# light salmon = partly, dark red = not covered.
STATUS_COLORS: dict[str, str] = {"full": "#2166ac", "partial": "#f4a582", "none": "#b2182b"}

# ColorBrewer Dark2 (colour-blind safe pair) for the two kinds of structure.
TYPE_COLORS: dict[str, str] = {"centre_social": "#7570b3", "evs": "#1b9e77"}

# How the maps and the GIS styles draw the layers (web map, figure, GeoPackage styles).
COMMUNE_COLOR = "#555555"
NO_OFFER_COLOR = "#762a83"
"""Colour of the communes without any AVS offer (white zones), on every map and layer."""
QPV_OPACITY = 0.75
ZONE_OPACITY = 0.18


def _check_language(language: str) -> None:
    if language not in STATUS_LABELS:
        from avs_geo.errors import ParameterError

        raise ParameterError(
            f"language should be one of {sorted(STATUS_LABELS)}, got {language!r}."
        )


def status_label(status: str, language: Language = "fr") -> str:
    """The label of a coverage class.

    Examples
    --------
    >>> status_label("partial")
    'Couvert partiellement'
    >>> status_label("none", "en")
    'Not covered'
    """
    _check_language(language)
    return STATUS_LABELS[language][status]


def type_label(structure_type: str, language: Language = "fr") -> str:
    """The label of a structure type.

    Examples
    --------
    >>> type_label("evs")
    'Espace de vie sociale'
    """
    _check_language(language)
    return TYPE_LABELS[language][structure_type]


METHOD_SHEET = {"fr": "Méthode", "en": "Method"}
"""Name of the sheet that says how the figures were made."""

METHOD_HEADERS = {"fr": ("Élément", "Valeur"), "en": ("Item", "Value")}
"""Headers of the method table."""
