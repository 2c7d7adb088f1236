"""Words of the CRS guard's messages (``avs_geo._crs``): French, as every message a
planner reads; English on request (``avs_geo.language("en")``)."""

from __future__ import annotations

from avs_geo._i18n import message

__all__ = ["CRS_MESSAGES", "crs_message"]

_FRENCH: dict[str, str] = {
    # Why a CRS is not fit to measure areas and distances ({crs}: 'EPSG:3857').
    "geographic": "{crs} est un système géographique : ses coordonnées sont des degrés",
    "unit": "{crs} a pour unité « {unit} », pas le mètre",
    "web_mercator": (
        "{crs} est le Web-Mercator des fonds de carte : il agrandit les distances "
        "(×{scale} ici) et les surfaces (×{areal})"
    ),
    "not_conformal": (
        "{crs} ne conserve pas les angles : un rayon n'y couvre pas la même distance dans "
        "toutes les directions"
    ),
    "scale": (
        "{crs} déforme les distances de {percent} à cet endroit (échelle ×{scale}, surfaces "
        "×{areal})"
    ),
    "unknown_place": (
        "{crs} : la couche ne se situe dans aucun territoire français connu (métropole, "
        "971, 972, 973, 974, 976), sa projection officielle ne peut être choisie"
    ),
    # A layer reprojected by a reader or a job (a warning).
    "reprojected": (
        "La couche {what} : {reason}. Elle a été reprojetée en {target} pour mesurer les "
        "surfaces et les distances en mètres vrais{where}."
    ),
    # A working CRS forced by the planner (crs=..., --crs) that does not fit.
    "forced_unfit": (
        "Le système de coordonnées demandé ({crs}) ne convient pas aux calculs de {what} : "
        "{reasons}. Retirez l'option --crs (crs=None) : chaque territoire est alors mesuré "
        "dans sa projection officielle ({official})."
    ),
    "forced_invalid": (
        "Système de coordonnées inconnu : {crs!r} ({exc}). Donnez un code EPSG, par ex. "
        "EPSG:2154 (Lambert-93) ou 2975 (La Réunion)."
    ),
    # A library function given a frame in an unfit CRS (an error: never used as it is).
    "unfit_frame": (
        "'{name}' : {reason}. Les surfaces et distances y seraient fausses. "
        "Reprojetez la couche dans la projection officielle de son territoire, par ex. "
        "{name}.to_crs('{target}'), ou avec avs_geo.to_working_crs({name})."
    ),
    "no_crs_layer": "La couche {what} n'a pas de système de coordonnées.",
    # Pieces of the messages above: what a forced CRS would measure, and where.
    "what_layer": "la couche {what}",
    "what_areas": "surfaces et distances",
    "what_qpv_coverage": "couverture des QPV",
    "what_data": "donnée",
    "official_metropole": "Lambert-93 en métropole",
    "no_crs_frame": "'{name}' n'a pas de système de coordonnées (CRS).",
    "mixed_frame": (
        "'{name}' mêle des territoires que {crs} ne mesure pas tous juste ({territories}). "
        "Mesurez chaque territoire dans sa projection officielle : filtrez la couche par "
        "département et reprojetez chaque partie ({targets})."
    ),
}

_ENGLISH: dict[str, str] = {
    "geographic": "{crs} is a geographic system: its coordinates are degrees",
    "unit": "{crs} has the unit '{unit}', not the metre",
    "web_mercator": (
        "{crs} is the Web-Mercator of base maps: it enlarges distances (×{scale} here) and "
        "areas (×{areal})"
    ),
    "not_conformal": (
        "{crs} does not keep angles: a radius does not cover the same distance in every direction"
    ),
    "scale": (
        "{crs} distorts distances by {percent} at this place (scale ×{scale}, areas ×{areal})"
    ),
    "unknown_place": (
        "{crs}: the layer lies in no known French territory (metropolitan France, 971, 972, "
        "973, 974, 976), its official projection cannot be chosen"
    ),
    "reprojected": (
        "The {what} layer: {reason}. It was reprojected to {target} to measure areas and "
        "distances in true metres{where}."
    ),
    "forced_unfit": (
        "The coordinate system asked for ({crs}) does not fit the computation of {what}: "
        "{reasons}. Remove the option --crs (crs=None): each territory is then measured in "
        "its official projection ({official})."
    ),
    "forced_invalid": (
        "Unknown coordinate system: {crs!r} ({exc}). Give an EPSG code, e.g. EPSG:2154 "
        "(Lambert-93) or 2975 (La Réunion)."
    ),
    "unfit_frame": (
        "'{name}': {reason}. Areas and distances would be wrong in it. Reproject the layer "
        "into the official projection of its territory, e.g. {name}.to_crs('{target}'), or "
        "with avs_geo.to_working_crs({name})."
    ),
    "no_crs_layer": "The layer {what} has no coordinate system.",
    "what_layer": "the layer {what}",
    "what_areas": "areas and distances",
    "what_qpv_coverage": "QPV coverage",
    "what_data": "data",
    "official_metropole": "Lambert-93 in metropolitan France",
    "no_crs_frame": "'{name}' has no coordinate system (CRS).",
    "mixed_frame": (
        "'{name}' mixes territories that {crs} does not all measure right ({territories}). "
        "Measure each territory in its official projection: filter the layer by department "
        "and reproject each part ({targets})."
    ),
}

CRS_MESSAGES: dict[str, dict[str, str]] = {"fr": _FRENCH, "en": _ENGLISH}
"""Message templates of the CRS guard, by language."""


def crs_message(key: str, **fields: object) -> str:
    """The message ``key`` in the current language, filled with ``fields``."""
    return message(CRS_MESSAGES, key, **fields)
