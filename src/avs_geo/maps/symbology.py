"""What the maps draw and say: colours, symbols, score classes and words.

Shared by the web map (:mod:`avs_geo.maps.webmap`) and the static figure
(:mod:`avs_geo.maps.figure`) so that both show the same classes, colours and legend.
Coverage classes and structure types take their labels and colour-blind-safe colours
from ``avs_geo._i18n``; structure types also differ by shape (circle for a centre
social, diamond for an EVS) so that they read without colour.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from avs_geo._i18n import (
    COMMUNE_COLOR,
    NO_OFFER_COLOR,
    QPV_OPACITY,
    ZONE_OPACITY,
    Language,
    _check_language,
)
from avs_geo._i18n.maps import TEXTS

__all__ = [
    "COMMUNE_COLOR",
    "MPL_MARKERS",
    "NO_OFFER_COLOR",
    "NO_OFFER_OPACITY",
    "QPV_OPACITY",
    "SCORE_COLORS",
    "STRUCTURE_SHAPES",
    "TERRITORY_COLOR",
    "ZONE_OPACITY",
    "ScoreClasses",
    "fill",
    "score_classes",
    "words",
]

NO_OFFER_OPACITY = 0.35
"""Fill opacity of the communes without any offer: light, the QPV and zones read above."""
TERRITORY_COLOR = "#111111"
"""Outline of the planner's territories: darker and thicker than the commune outlines."""

SCORE_COLORS: tuple[str, ...] = ("#440154", "#3b528b", "#21918c", "#5ec962", "#fde725")
"""Viridis in five steps (colour-blind safe, ordered in lightness): dark = low score."""


STRUCTURE_SHAPES: dict[str, str] = {"centre_social": "circle", "evs": "diamond"}
"""Symbol of each structure type; matplotlib markers in :data:`MPL_MARKERS`."""

MPL_MARKERS: dict[str, str] = {"circle": "o", "diamond": "D", "star": "*"}
"""Matplotlib marker of each symbol of :data:`STRUCTURE_SHAPES`."""


def words(language: Language) -> dict[str, str]:
    """The words of the maps in ``language`` (``"fr"`` or ``"en"``).

    Examples
    --------
    >>> words("fr")["legend_title"]
    "Couverture des QPV par l'offre AVS"
    >>> words("de")
    Traceback (most recent call last):
    ...
    avs_geo.errors.ParameterError: language should be one of ['en', 'fr'], got 'de'.
    """
    _check_language(language)
    return TEXTS[language]


@dataclass(frozen=True)
class ScoreClasses:
    """Equal-interval classes of candidate scores.

    ``edges`` has one more value than ``colors``; class ``i`` holds the scores in
    ``[edges[i], edges[i + 1])``, the last class including its upper edge.
    """

    edges: tuple[float, ...]
    colors: tuple[str, ...]

    def classify(self, scores: pd.Series) -> np.ndarray:
        """Class index (0 = lowest) of each score; -1 when the score is missing."""
        values = pd.to_numeric(scores, errors="coerce").to_numpy(dtype=float)
        inner = np.asarray(self.edges[1:-1], dtype=float)
        idx = np.searchsorted(inner, values, side="right")
        return np.where(np.isnan(values), -1, idx)


def score_classes(scores: pd.Series, *, n_classes: int = 5) -> ScoreClasses:
    """Up to ``n_classes`` equal-interval classes between the lowest and highest score.

    One class when every score is equal; the colours are spread over
    :data:`SCORE_COLORS` so that the best class is always the lightest.

    Examples
    --------
    >>> c = score_classes(pd.Series([0.0, 0.5, 1.0]))
    >>> c.edges
    (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
    >>> c.classify(pd.Series([0.0, 0.59, 1.0])).tolist()
    [0, 2, 4]
    >>> score_classes(pd.Series([3.0, 3.0])).colors
    ('#fde725',)
    """
    values = pd.to_numeric(scores, errors="coerce").dropna().to_numpy(dtype=float)
    if values.size == 0:
        return ScoreClasses(edges=(0.0, 0.0), colors=(SCORE_COLORS[-1],))
    low, high = float(values.min()), float(values.max())
    n = 1 if high <= low else max(1, min(n_classes, len(SCORE_COLORS)))
    edges = tuple(float(round(e, 12)) for e in np.linspace(low, high, n + 1))
    picks = np.linspace(0, len(SCORE_COLORS) - 1, n).round().astype(int) if n > 1 else [-1]
    return ScoreClasses(edges=edges, colors=tuple(SCORE_COLORS[i] for i in picks))


def fill(template: str, **values: str) -> str:
    """Fill a text of ``avs_geo._i18n.maps.TEXTS`` (``{NBSP}`` is the no-break space).

    Examples
    --------
    >>> fill(words("en")["since"], start="2024-01-01")
    'since 2024-01-01'
    """
    return template.format(NBSP="\u00a0", **values)
