"""Words of the command line's own lines (``avs_geo.cli``): hints, labels, the last words.

French by default; ``--langue en`` writes them in English, with the library's messages.
"""

from __future__ import annotations

__all__ = ["MESSAGES"]

MESSAGES: dict[str, dict[str, str]] = {
    "fr": {
        "error": "Erreur",
        "warning": "Attention",
        "colon": " : ",
        "inputs_read": "Données lues :",
        "embedded": "données embarquées",
        "line_qpv": "  QPV        : {n} QPV ({source})",
        "line_communes": "  Communes   : {n} communes ({source})",
        "line_structures": "  Structures : {n} structures{active} ({source})",
        "active": ", dont {n} agréées au {date}",
        "active_no_zone": ", dont {n} agréées au {date} ({without} sans zone d'intervention)",
        "line_projection": "  Projection : {crs}{imposed}",
        "imposed": " (imposée par --crs)",
        "line_candidates": "  Candidats  : {n} sites ({source})",
        "line_indicators": "  Indicateurs: population de {n} QPV sur {total} ({source})",
        "line_weights": "               {summary} ; poids possibles (--poids) : {weights}",
        "no_weight": "aucun",
        "report_sentence": "Phrase du rapport :",
        "report_sentence_sites": "Phrase du rapport avec ces sites :",
        "files_written": "Fichiers écrits ({n}) :",
        "hint_perimeters": "Avec avs-geo : --perimetres FICHIER donne les périmètres dessinés.",
        "hint_thresholds": (
            "Avec avs-geo : --seuils TOTAL_MIN AUCUN_MAX (full_min = TOTAL_MIN, none_max = "
            "AUCUN_MAX), ex. --seuils 0.95 0.05."
        ),
        "hint_dates": "Avec avs-geo : --avant DATE --apres DATE, dans l'ordre du temps.",
        "hint_date": "Avec avs-geo : --date JJ/MM/AAAA, par ex. --date 31/12/2022.",
        "hint_dates_list": ("Avec avs-geo : --dates 31/12/2021 31/12/2022 (chaque date une fois)."),
        "hint_basemap": (
            'Avec avs-geo : --fond-xyz "https://tile.openstreetmap.org/{{z}}/{{x}}/{{y}}.png" '
            '--fond-attribution "© les contributeurs d\'OpenStreetMap".'
        ),
        "hint_communes": (
            "Avec avs-geo : --communes FICHIER, un fichier de communes qui couvre tous les "
            "départements des zones."
        ),
        "hint_qpv": (
            "Avec avs-geo : --qpv FICHIER, les QPV de la même génération que les codes des zones."
        ),
        "hint_maps": "Ou relancez avec --sans-cartes : tout sauf les cartes.",
        "hint_optimisation": "Ou relancez avec --methode glouton, qui n'en a pas besoin.",
        "permission": (
            "{error}. Le fichier est-il ouvert dans un autre logiciel (Excel, QGIS) ? "
            "Fermez-le puis relancez."
        ),
        "unexpected": (
            "erreur inattendue ({kind} : {error}). Relancez avec --debug pour voir le "
            "détail, et joignez-le à un signalement."
        ),
        "interrupted": (
            "Interrompu (Ctrl+C) : aucun fichier n'a été remplacé{where} ; les résultats "
            "précédents sont intacts."
        ),
        "interrupted_where": " dans {folder}",
        "attribution_alone": "--fond-attribution ne sert qu'avec --fond-xyz (l'adresse du service de tuiles).",
    },
    "en": {
        "error": "Error",
        "warning": "Warning",
        "colon": ": ",
        "inputs_read": "Inputs read:",
        "embedded": "embedded data",
        "line_qpv": "  QPV        : {n} QPV ({source})",
        "line_communes": "  Communes   : {n} communes ({source})",
        "line_structures": "  Structures : {n} structures{active} ({source})",
        "active": ", of which {n} agreed at {date}",
        "active_no_zone": ", of which {n} agreed at {date} ({without} with no intervention zone)",
        "line_projection": "  Projection : {crs}{imposed}",
        "imposed": " (imposed by --crs)",
        "line_candidates": "  Candidates : {n} sites ({source})",
        "line_indicators": "  Indicators: population of {n} QPV out of {total} ({source})",
        "line_weights": "               {summary}; possible weights (--poids): {weights}",
        "no_weight": "none",
        "report_sentence": "Report sentence:",
        "report_sentence_sites": "Report sentence with these sites:",
        "files_written": "Files written ({n}):",
        "hint_perimeters": "With avs-geo: --perimetres FICHIER gives the drawn perimeters.",
        "hint_thresholds": (
            "With avs-geo: --seuils TOTAL_MIN AUCUN_MAX (full_min = TOTAL_MIN, none_max = "
            "AUCUN_MAX), e.g. --seuils 0.95 0.05."
        ),
        "hint_dates": "With avs-geo: --avant DATE --apres DATE, in time order.",
        "hint_date": "With avs-geo: --date DD/MM/YYYY, e.g. --date 31/12/2022.",
        "hint_dates_list": "With avs-geo: --dates 31/12/2021 31/12/2022 (each date once).",
        "hint_basemap": (
            'With avs-geo: --fond-xyz "https://tile.openstreetmap.org/{{z}}/{{x}}/{{y}}.png" '
            '--fond-attribution "© OpenStreetMap contributors".'
        ),
        "hint_communes": (
            "With avs-geo: --communes FICHIER, a communes file that covers every department "
            "of the zones."
        ),
        "hint_qpv": "With avs-geo: --qpv FICHIER, the QPV of the generation of the zone codes.",
        "hint_maps": "Or run again with --sans-cartes: everything but the maps.",
        "hint_optimisation": "Or run again with --methode glouton, which does not need it.",
        "permission": (
            "{error}. Is the file open in another program (Excel, QGIS)? Close it and run again."
        ),
        "unexpected": (
            "unexpected error ({kind}: {error}). Run again with --debug to see the details, "
            "and attach them to a report."
        ),
        "interrupted": (
            "Interrupted (Ctrl+C): no file was replaced{where}; the previous results are intact."
        ),
        "interrupted_where": " in {folder}",
        "attribution_alone": "--fond-attribution is used only with --fond-xyz (the address of the tile service).",
    },
}
"""Message templates of the command line, by language."""
