"""Words and colours a planner reads: French by default, English on request.

Data keep short English codes (``"full"``, ``"partial"``, ``"none"``; ``"centre_social"``,
``"evs"``); tables, maps and reports turn them into labels with :func:`status_label`
and :func:`type_label`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from avs_geo._language import CURRENT, LANGUAGES, Language, get_language

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
    "language",
    "message",
    "set_language",
    "status_label",
    "type_label",
]

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


Messages = Mapping[str, Mapping[str, str]]
"""A stage's message templates: language -> message id -> template."""


def message(table: Messages, key: str, /, **values: object) -> str:
    """The message ``key`` of a stage's ``table``, in the current language, filled in.

    Every error and warning a planner can read is built here, from the ``MESSAGES``
    table of its stage (one per module of ``avs_geo._i18n``), in French unless the
    caller asked for English with :func:`avs_geo.language` or :func:`avs_geo.set_language`.

    Examples
    --------
    >>> table = {"fr": {"k": "{n} QPV vides."}, "en": {"k": "{n} empty QPV."}}
    >>> message(table, "k", n=2)
    '2 QPV vides.'
    >>> from avs_geo._i18n import language
    >>> with language("en"):
    ...     message(table, "k", n=2)
    '2 empty QPV.'
    """
    return table[get_language()][key].format(**values)


def _check_language(language: str) -> None:
    if language not in STATUS_LABELS:
        from avs_geo.errors import ParameterError

        raise ParameterError(
            message(_MESSAGES, "language", choices=sorted(STATUS_LABELS), got=language)
        )


_MESSAGES: Messages = {
    "fr": {"language": "language doit être l'une de {choices}, reçu {got!r}."},
    "en": {"language": "language should be one of {choices}, got {got!r}."},
}


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


def _checked_language(value: object) -> Language:
    """``value`` if it is a language of the messages, else a bilingual ParameterError."""
    if value not in LANGUAGES:
        from avs_geo.errors import ParameterError

        # Which language to answer in is the question itself: both, on purpose.
        raise ParameterError(
            f"Langue inconnue / unknown language: {value!r}. Choisissez / choose 'fr' or 'en'.",
            parameters=("language",),
        )
    return value  # type: ignore[return-value]


def set_language(value: Language) -> None:
    """Set the language of error and warning messages for the current context.

    Parameters
    ----------
    value : {"fr", "en"}
        French (the default, for planners) or English (for code and developers).
        ``avs_geo.language`` does the same for a ``with`` block only.
    """
    CURRENT.set(_checked_language(value))


@contextmanager
def language(value: Language) -> Iterator[None]:
    """Write the error and warning messages in ``value`` inside a ``with`` block.

    Parameters
    ----------
    value : {"fr", "en"}
        French (the default) or English.

    Examples
    --------
    >>> import avs_geo
    >>> with avs_geo.language("en"):
    ...     try:
    ...         avs_geo.load_structures("absent.csv")
    ...     except avs_geo.MissingFileError as error:
    ...         print(str(error).split(":")[0])
    structures file not found
    >>> try:
    ...     avs_geo.load_structures("absent.csv")
    ... except avs_geo.MissingFileError as error:
    ...     print(str(error).split(" :")[0])
    Fichier des structures introuvable
    """
    token = CURRENT.set(_checked_language(value))
    try:
        yield
    finally:
        CURRENT.reset(token)
