"""French and English words of the coverage stage (:mod:`avs_geo.coverage`): headers, labels, phrases."""

from __future__ import annotations

__all__ = ["EXPLANATION_SUMMARY", "STRUCTURE_HEADERS"]

# used by avs_geo/coverage/structures.py
STRUCTURE_HEADERS: dict[str, dict[str, str]] = {
    "fr": {
        "structure_id": "Identifiant",
        "nom": "Nom",
        "type": "Type",
        "n_qpv": "Nombre de QPV touchés",
        "qpv": "QPV touchés",
        "area": "Surface de QPV couverte (ha)",
        "population": "Population couverte (estimée)",
        "n_alone": "Nombre de QPV couverts par elle seule",
        "alone": "QPV couverts par elle seule",
        "lost_area": "Surface perdue en cas de fermeture (ha)",
        "lost_population": "Population perdue en cas de fermeture (estimée)",
        "position_approchee": "Localisation approximative",
    },
    "en": {
        "structure_id": "Structure id",
        "nom": "Name",
        "type": "Type",
        "n_qpv": "Number of QPV reached",
        "qpv": "QPV reached",
        "area": "QPV area covered (ha)",
        "population": "Covered population (estimated)",
        "n_alone": "Number of QPV covered by it alone",
        "alone": "QPV covered by it alone",
        "lost_area": "Area lost if it closed (ha)",
        "lost_population": "Population lost if it closed (estimated)",
        "position_approchee": "Approximate location",
    },
}
"""Headers of :func:`structure_table`, by language."""

# used by avs_geo/coverage/explain.py
EXPLANATION_SUMMARY: dict[str, dict[str, str]] = {
    "fr": {
        "qpv": "{code} : {ratio} de la surface couverte ({status}), soit {covered} m² sur "
        "{area} m² ; {uncovered} m² non couverts.",
        "structure": "  {id} : {area} m² ({share}), dont {own} m² couverts par elle seule",
    },
    "en": {
        "qpv": "{code}: {ratio} covered ({status}), {covered} of {area} m²; "
        "{uncovered} m² uncovered.",
        "structure": "  {id}: {area} m² ({share}), {own} m² by it alone",
    },
}
