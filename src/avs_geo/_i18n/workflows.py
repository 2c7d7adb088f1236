"""Words of the whole jobs (:mod:`avs_geo.workflows`): step labels, notes, sources, files.

The file names themselves stay French in both languages (:mod:`avs_geo.workflows.outputs`).
"""

from __future__ import annotations

__all__ = [
    "CANDIDATES_SOURCE",
    "DEMO_TERRITORY",
    "DEMO_TITLE",
    "EMBEDDED_SOURCES",
    "EXAMPLE_NOTE",
    "EXAMPLE_SITES",
    "FILE_DESCRIPTIONS",
    "FILE_DESCRIPTIONS_EN",
    "FILE_SOURCE",
    "GUARD_MESSAGES",
    "INDICATORS_SOURCE",
    "MESSAGES",
    "SITES_WORDS",
    "STEPS",
    "STRUCTURES_SOURCE",
    "TERRITORIES_SOURCE",
    "TEXT",
    "VINTAGE_SOURCE",
    "VINTAGE_TEXT",
]

EMBEDDED_SOURCES: dict[str, dict[str, str]] = {
    "fr": {
        "QPV": "contours des QPV 2015 d'Occitanie, État (CGET/ANCT, SIG Ville) ; population "
        "INSEE ; Licence Ouverte (Etalab 2.0), données embarquées dans avs_geo",
        "Communes": "contours des communes, IGN Admin Express COG 2018 ; Licence Ouverte "
        "(Etalab 2.0), données embarquées dans avs_geo",
    },
    "en": {
        "QPV": "2015 QPV contours of Occitanie, French State (CGET/ANCT, SIG Ville); INSEE "
        "population; Licence Ouverte (Etalab 2.0), embedded in avs_geo",
        "Communes": "commune contours, IGN Admin Express COG 2018; Licence Ouverte (Etalab "
        "2.0), embedded in avs_geo",
    },
}
"""Attribution of the embedded data, written on the ``Méthode`` sheet (its licence asks for it)."""

STRUCTURES_SOURCE = {"fr": "Fichier des structures", "en": "Structures file"}
"""Item naming the structures' source on the ``Méthode`` sheet (its "Structures" item counts
the zones)."""

VINTAGE_SOURCE = {"fr": "Millésime des communes", "en": "Municipalities vintage"}
"""Item naming the vintage of the communes on the ``Méthode`` sheet."""

VINTAGE_TEXT = {
    "fr": "communes au 1er janvier {vintage} (codes, noms, EPCI, population municipale), "
    "Etalab / DINUM, @etalab/decoupage-administratif, d'après le COG de l'INSEE ; Licence "
    "Ouverte (Etalab 2.0), données embarquées dans avs_geo ; contours 2018 fusionnés",
    "en": "municipalities at 1 January {vintage} (codes, names, EPCI, municipal population), "
    "Etalab / DINUM, @etalab/decoupage-administratif, from INSEE's COG; Licence Ouverte "
    "(Etalab 2.0), embedded in avs_geo; 2018 contours merged",
}
"""What the ``Méthode`` sheet says of the communes of a vintage."""

TERRITORIES_SOURCE = {"fr": "Territoires", "en": "Territories"}
"""Item naming the territories file on the ``Méthode`` sheet."""

INDICATORS_SOURCE = {"fr": "Indicateurs des QPV", "en": "QPV indicators"}
"""Item naming the QPV indicators table (INSEE) on the ``Méthode`` sheet."""

CANDIDATES_SOURCE = {"fr": "Candidats", "en": "Candidates"}
"""Item naming the candidate sites' source on the ``Méthode`` sheet."""

FILE_SOURCE = {"fr": "fichier {name}", "en": "file {name}"}
"""How the ``Méthode`` sheet names a file read."""

STEPS: dict[str, dict[str, str]] = {
    "fr": {
        "qpv": "Lecture des QPV",
        "communes": "Lecture des communes",
        "structures": "Lecture des structures",
        "zones": "Zones d'intervention",
        "coverage": "Couverture des QPV",
        "tables": "Tableaux CSV et Markdown",
        "workbook": "Classeur Excel",
        "geopackage": "GeoPackage",
        "map_html": "Carte interactive",
        "map_png": "Carte PNG",
        "map_report": "Carte du rapport (PNG, SVG) et atlas PDF",
        "map_pages": "Carte par département",
        "zones_at": "Zones et couverture au {date}",
        "compare": "Comparaison des deux dates",
        "candidates": "Lecture des sites candidats",
        "scores": "Score de chaque site",
        "selection": "Choix de {k} sites ensemble",
        "with_sites": "Couverture avec les sites choisis",
        "sites_tables": "Tableaux des sites",
        "sites_map": "Carte des sites",
        "series_tables": "Tableaux de l'évolution",
        "series_chart": "Graphique de l'évolution",
        "series_map": "Carte des QPV qui changent de classe",
        "nord": "Zones blanches et EVS ruraux du Nord (exemple)",
    },
    "en": {
        "qpv": "Reading the QPV",
        "communes": "Reading the communes",
        "structures": "Reading the structures",
        "zones": "Intervention zones",
        "coverage": "Coverage of the QPV",
        "tables": "CSV and Markdown tables",
        "workbook": "Excel workbook",
        "geopackage": "GeoPackage",
        "map_html": "Interactive map",
        "map_png": "PNG map",
        "map_report": "Report map (PNG, SVG) and PDF atlas",
        "map_pages": "Map per department",
        "zones_at": "Zones and coverage at {date}",
        "compare": "Comparing the two dates",
        "candidates": "Reading the candidate sites",
        "scores": "Score of each site",
        "selection": "Choosing {k} sites together",
        "with_sites": "Coverage with the chosen sites",
        "sites_tables": "Site tables",
        "sites_map": "Map of the sites",
        "series_tables": "Tables of the change",
        "series_chart": "Chart of the change",
        "series_map": "Map of the QPV that change class",
        "nord": "White zones and rural EVS of the Nord (example)",
    },
}
"""Label of each step a job reports to its ``progress`` callback, by step key."""

TEXT: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Couverture des QPV par l'offre d'animation de la vie sociale",
        "thresholds": "Seuils : couvert en totalité si le taux ≥ {full} ; non couvert si le "
        "taux ≤ {none} ; partiellement entre les deux.",
        "sources": "Sources :",
        "all_dates": "toutes les structures du fichier, quelles que soient leurs dates",
        "date": "Structures agréées au {date}",
        "comparison": "Évolution de la couverture des QPV",
        "evolution": "Évolution de la couverture des QPV{territory} du {first} au {last}",
        "evolution_lead": (
            "Du {first} au {last}, la part de la population des QPV couverte passe de "
            "{share_first} à {share_last}. QPV mieux couverts : {better} ; moins bien "
            "couverts : {worse} ; de classe inchangée : {same}."
        ),
        "evolution_sheets": "Dates|QPV",
        "evolution_dates": "Dates",
        "situation": "Situation",
        "grouped_sheet": "Par groupe",
        "department": "du département",
        "departments": "des départements",
    },
    "en": {
        "title": "Coverage of the QPV by the social-life (AVS) offer",
        "thresholds": "Thresholds: fully covered if the rate ≥ {full}; not covered if the "
        "rate ≤ {none}; partly in between.",
        "sources": "Sources:",
        "all_dates": "every structure of the file, whatever its dates",
        "date": "Structures agreed at {date}",
        "comparison": "Change of the coverage of the QPV",
        "evolution": "Change of the coverage of the QPV{territory} from {first} to {last}",
        "evolution_lead": (
            "From {first} to {last}, the share of the QPV population covered goes from "
            "{share_first} to {share_last}. QPV better covered: {better}; less covered: "
            "{worse}; class unchanged: {same}."
        ),
        "evolution_sheets": "Dates|QPV",
        "evolution_dates": "Dates",
        "situation": "Situation",
        "grouped_sheet": "By group",
        "department": "of the department",
        "departments": "of the departments",
    },
}
"""Titles and notes of the Markdown notes written by the coverage and comparison jobs."""

SITES_WORDS: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Choix de sites pour de nouvelles structures",
        "network": "réseau actuel",
        "with": "avec les {k} sites",
        "chosen": "Sites choisis, dans l'ordre du choix :",
        "sentence": "Avec ces sites : {sentence}",
        "sheets": "Scores|Sites choisis|QPV touchés|Évolution",
        "method": "Méthode de choix",
        "method_value": "{method} ; {k} sites demandés ; poids : {weight}",
        "map": "Sites choisis ({n}) et couverture actuelle des QPV",
    },
    "en": {
        "title": "Choosing sites for new structures",
        "network": "current network",
        "with": "with the {k} sites",
        "chosen": "Chosen sites, in the order of choice:",
        "sentence": "With these sites: {sentence}",
        "sheets": "Scores|Chosen sites|QPV reached|Change",
        "method": "Method of choice",
        "method_value": "{method}; {k} sites asked; weight: {weight}",
        "map": "Chosen sites ({n}) and current coverage of the QPV",
    },
}
"""Words of the sites job: note, sheets, method row and map title."""

EXAMPLE_NOTE: dict[str, str] = {
    "fr": "réseau d'EXEMPLE fabriqué pour la démonstration (data/structures), pas le réseau "
    "réel des centres sociaux et EVS, que détient chaque CAF",
    "en": "EXAMPLE network made for the demonstration (data/structures), not the real network "
    "of centres sociaux and EVS, which each CAF holds",
}
"""Source of the demo's structures, on the ``Méthode`` sheet."""

EXAMPLE_SITES: dict[str, str] = {
    "fr": "sites candidats d'EXEMPLE fabriqués pour la démonstration (data/structures)",
    "en": "EXAMPLE candidate sites made for the demonstration (data/structures)",
}
"""Source of the demo's candidate sites, on the ``Méthode`` sheet."""

DEMO_TERRITORY = {"fr": "de la région Occitanie", "en": "of the Occitanie region"}
"""How the demo's sentence names its territory."""

DEMO_TITLE = {
    "fr": "Couverture des QPV d'Occitanie au {date} : réseau d'EXEMPLE",
    "en": "Coverage of the QPV of Occitanie at {date}: EXAMPLE network",
}
"""Title of the demo's maps."""

FILE_DESCRIPTIONS: dict[str, str] = {
    "couverture_qpv.csv": "tableau par QPV (CSV pour Excel)",
    "synthese.csv": "tableau de synthèse (CSV pour Excel)",
    "synthese.md": "phrase du rapport et tableau de synthèse (Markdown)",
    "structures_couverture.csv": "QPV touchés par chaque structure (CSV pour Excel)",
    "structures_sans_zone.csv": "structures sans zone d'intervention, hors de la couverture (CSV)",
    "rapport_couverture.xlsx": "classeur du Sdsf : synthèse, QPV, structures, méthode (et "
    "communes, territoires, réseau avec --millesime)",
    "couverture.gpkg": "couches stylées pour QGIS : qpv_couverture, zones, structures, "
    "communes (et communes_couverture, les zones blanches, avec --millesime)",
    "carte_couverture.html": "carte interactive (ouvrir dans un navigateur)",
    "carte_index.html": "carte interactive par département : page d'accueil, liens vers chaque page",
    "carte_couverture.png": "carte pour un rapport",
    "carte_rapport.png": "carte à imprimer (A4, 300 dpi) : titre, légende, échelle, nord, sources",
    "carte_rapport.svg": "la même carte en SVG (à retoucher dans Inkscape ou Illustrator)",
    "atlas_couverture.pdf": "atlas PDF : la carte du territoire, un zoom par agglomération, une page par EPCI (avec --millesime)",
    "comparaison_qpv.csv": "évolution de chaque QPV entre les deux dates (CSV)",
    "comparaison_synthese.csv": "évolution du tableau de synthèse (CSV)",
    "comparaison.md": "phrase et tableau de l'évolution (Markdown)",
    "comparaison.xlsx": "classeur de l'évolution",
    "sites_scores.csv": "score de chaque site candidat, pris seul (CSV)",
    "sites_choisis.csv": "sites choisis ensemble, dans l'ordre, et population couverte (CSV)",
    "sites_qpv.csv": "QPV touchés par les sites choisis, avant et après (CSV)",
    "sites.md": "sites choisis et couverture qu'ils donneraient (Markdown)",
    "sites.xlsx": "classeur des sites : scores, choix, QPV, évolution",
    "carte_sites.html": "carte des sites choisis (ouvrir dans un navigateur)",
    "sites.gpkg": "couches stylées pour QGIS : QPV avec les sites, sites candidats, sites "
    "proposés et leurs zones",
    "evolution.csv": "couverture des QPV à chaque date : classes, population couverte (CSV)",
    "evolution_qpv.csv": "classe de chaque QPV à chaque date et son évolution (CSV)",
    "evolution.md": "phrase et tableau de l'évolution sur plusieurs dates (Markdown)",
    "evolution.xlsx": "classeur de l'évolution sur plusieurs dates : dates, QPV, méthode",
    "evolution.png": "graphique : QPV par classe et part de la population couverte",
    "carte_evolution.png": "carte des QPV dont la classe de couverture a changé",
    "nord_zones_blanches.md": "Nord (exemple) : zones blanches par EPCI et EVS ruraux de 2022",
    "nord_communes.csv": "Nord (exemple) : couverture de chaque commune (CSV)",
    "nord_epci.csv": "Nord (exemple) : zones blanches et réseau par EPCI (CSV)",
    "nord_territoires.csv": "Nord (exemple) : zones blanches et réseau par territoire et EPCI (CSV)",
    "nord_reseau.csv": "Nord (exemple) : structures en activité, créées, fermées (CSV)",
    "nord_diagnostic.xlsx": "Nord (exemple) : classeur Communes, Territoires, Réseau",
    "nord_sites_2022.csv": "Nord (exemple) : score des six structures de 2022 (CSV)",
    "nord_communes.gpkg": "Nord (exemple) : communes_couverture (zones blanches), zones et "
    "structures, stylées pour QGIS",
    "nord_carte_reseau.png": "Nord (exemple) : carte des centres sociaux et EVS par territoire",
    "couverture_communes.csv": "couverture de chaque commune : zones blanches (CSV)",
    "territoires.csv": "communes sans offre, habitants, structures et QPV par territoire ou "
    "EPCI (CSV)",
    "reseau.csv": "centres sociaux et EVS en activité, créés, fermés, par territoire ou EPCI (CSV)",
    "carte_reseau_territoires.png": "carte des centres sociaux et EVS par territoire",
    "comparaison_par_groupe.csv": "synthèse à chaque date, par groupe (--par) (CSV)",
    "sites_par_groupe.csv": "synthèse du réseau, puis avec les sites, par groupe (--par) (CSV)",
}
"""What each file a job writes holds, by file name (the command line lists them; French)."""

FILE_DESCRIPTIONS_EN: dict[str, str] = {
    "couverture_qpv.csv": "table by QPV (CSV for Excel)",
    "synthese.csv": "summary table (CSV for Excel)",
    "synthese.md": "report sentence and summary table (Markdown)",
    "structures_couverture.csv": "QPV reached by each structure (CSV for Excel)",
    "structures_sans_zone.csv": "structures with no intervention zone, left out of the coverage (CSV)",
    "rapport_couverture.xlsx": "Sdsf workbook: summary, QPV, structures, method (and communes, "
    "territories, network with --millesime)",
    "couverture.gpkg": "styled layers for QGIS: qpv_couverture, zones, structures, communes "
    "(and communes_couverture, the white zones, with --millesime)",
    "carte_couverture.html": "interactive map (open in a browser)",
    "carte_index.html": "interactive map by department: home page, links to each page",
    "carte_couverture.png": "map for a report",
    "carte_rapport.png": "map to print (A4, 300 dpi): title, legend, scale, north, sources",
    "carte_rapport.svg": "the same map in SVG (to edit in Inkscape or Illustrator)",
    "atlas_couverture.pdf": "PDF atlas: the map of the territory, a zoom per city, a page per EPCI (with --millesime)",
    "comparaison_qpv.csv": "change of each QPV between the two dates (CSV)",
    "comparaison_synthese.csv": "change of the summary table (CSV)",
    "comparaison.md": "sentence and table of the change (Markdown)",
    "comparaison.xlsx": "workbook of the change",
    "sites_scores.csv": "score of each candidate site, taken alone (CSV)",
    "sites_choisis.csv": "sites chosen together, in order, and population covered (CSV)",
    "sites_qpv.csv": "QPV reached by the chosen sites, before and after (CSV)",
    "sites.md": "chosen sites and the coverage they would give (Markdown)",
    "sites.xlsx": "workbook of the sites: scores, choice, QPV, change",
    "carte_sites.html": "map of the chosen sites (open in a browser)",
    "sites.gpkg": "styled layers for QGIS: QPV with the sites, candidate sites, proposed "
    "sites and their zones",
    "evolution.csv": "coverage of the QPV at each date: classes, population covered (CSV)",
    "evolution_qpv.csv": "class of each QPV at each date and its change (CSV)",
    "evolution.md": "sentence and table of the change over several dates (Markdown)",
    "evolution.xlsx": "workbook of the change over several dates: dates, QPV, method",
    "evolution.png": "chart: QPV by class and share of the population covered",
    "carte_evolution.png": "map of the QPV whose coverage class changed",
    "nord_zones_blanches.md": "Nord (example): white zones by EPCI and rural EVS of 2022",
    "nord_communes.csv": "Nord (example): coverage of each commune (CSV)",
    "nord_epci.csv": "Nord (example): white zones and network by EPCI (CSV)",
    "nord_territoires.csv": "Nord (example): white zones and network by territory and EPCI (CSV)",
    "nord_reseau.csv": "Nord (example): structures active, opened, closed (CSV)",
    "nord_diagnostic.xlsx": "Nord (example): workbook Communes, Territories, Network",
    "nord_sites_2022.csv": "Nord (example): score of the six structures of 2022 (CSV)",
    "nord_communes.gpkg": "Nord (example): communes_couverture (white zones), zones and "
    "structures, styled for QGIS",
    "nord_carte_reseau.png": "Nord (example): map of the social centres and EVS by territory",
    "couverture_communes.csv": "coverage of each commune: white zones (CSV)",
    "territoires.csv": "communes without offer, inhabitants, structures and QPV by territory "
    "or EPCI (CSV)",
    "reseau.csv": "social centres and EVS active, opened, closed, by territory or EPCI (CSV)",
    "carte_reseau_territoires.png": "map of the social centres and EVS by territory",
    "comparaison_par_groupe.csv": "summary at each date, by group (--par) (CSV)",
    "sites_par_groupe.csv": "summary of the network, then with the sites, by group (--par) (CSV)",
}
"""The same descriptions in English (``--langue en``)."""

# used by every module of avs_geo/workflows
MESSAGES: dict[str, dict[str, str]] = {
    "fr": {
        "dates_needed": "before et after sont tous deux nécessaires, par ex. '2021-12-31'.",
        "dates_order": (
            "before ({first}) doit précéder after ({second}) : inversez les deux dates."
        ),
        "grouping": "Regroupement inconnu : {got!r}. Choisissez parmi {choices}.",
        "no_departement_qpv": (
            "Aucun QPV du département {wanted} ; la couche des QPV contient les départements "
            "{held}."
        ),
        "perimeters_frame": (
            "perimeters (périmètres dessinés) accompagne un fichier de structures ; avec un "
            "tableau de structures, chargez-les d'abord avec "
            "avs_geo.load_structures(chemin, perimeters=...)."
        ),
        "structures_type": (
            "structures doit être un chemin de fichier ou un GeoDataFrame, reçu {got}."
        ),
        "folder_is_file": "Le dossier de sortie '{folder}' est un fichier : donnez un nom de dossier (il est créé au besoin).",
        "folder_create": "Impossible de créer le dossier de sortie '{folder}' ({reason}) : choisissez un dossier où vous pouvez écrire, par exemple dans vos Documents.",
        "reason_file": "un élément du chemin est un fichier, pas un dossier",
        "reason_rights": "droits insuffisants",
        "reason_missing": "chemin introuvable",
        "not_written": "'{path}' n'a pas été écrit dans '{work}'.",
        "folder_named_like_file": "Le dossier de sortie '{folder}' contient un dossier nommé '{name}', le nom d'un fichier que avs_geo écrit : renommez ce dossier ou choisissez un autre dossier de sortie.",
        "folder_write": "Impossible d'écrire dans le dossier de sortie '{folder}' ({reason}) : choisissez un dossier où vous pouvez écrire.",
        "no_manifest": "Pas de manifeste lisible dans '{folder}' : les fichiers ne forment pas un jeu complet ; relancez le calcul.",
        "manifest_differs": "Dans '{folder}', {n} fichier(s) diffèrent du manifeste ({names}) : ils ont été modifiés ou remplacés depuis le calcul ; relancez-le.",
        "input_is_output": "Le fichier d'entrée '{source}' porte le nom d'un fichier que avs_geo écrit dans le dossier de sortie '{folder}' : il serait remplacé. Renommez-le (par exemple en ajoutant _entree au nom) ou choisissez un autre dossier de sortie.",
        "lock_create": "Impossible de créer le verrou '{path}' dans le dossier de sortie ({reason}) : choisissez un dossier où vous pouvez écrire.",
        "locked": "Un autre calcul avs_geo écrit déjà dans '{folder}' ({holder}) : attendez qu'il finisse, ou choisissez un autre dossier de sortie.",
        "lock_moves": "Le verrou '{path}' change sans cesse : relancez.",
        "territories_needed": "Le regroupement par territoire demande le fichier des territoires (territories=..., ou --territoires FICHIER) : code de commune ou SIREN d'EPCI -> nom du territoire.",
        "unknown_grid": "Grille de candidats inconnue : {grid!r}. Choisissez parmi {grids} (grid='communes', --grille communes : chaque commune sans offre AVS devient un site candidat).",
        "no_candidates": "Aucun site candidat : donnez le fichier des candidats (candidates=..., ou --candidats FICHIER) ou faites-les à partir des communes sans offre (grid='communes', ou --grille communes).",
        "candidates_and_grid": "Donnez soit un fichier de candidats (candidates=, --candidats), soit une grille (grid=, --grille), pas les deux : les candidats de la grille remplaceraient ceux du fichier.",
        "grid_communes": "Le nombre de communes par site candidat (grid_communes=, --communes-par-site) doit être un entier ≥ 1, reçu {got!r}.",
        "unknown_demand": "Demande inconnue : {chosen!r}. Choisissez parmi 'qpv' (habitants des QPV non couverts), 'communes' (habitants des communes sans offre) ou 'both' (les deux ; --demande les-deux en ligne de commande).",
        "demand_weight": "Le poids ({option}) doit être un nombre ≥ 0 (ce que compte un habitant), reçu {got!r}.",
        "both_area": "La demande 'both' (--demande les-deux) additionne des habitants de QPV et des habitants de communes sans offre : un QPV ne peut pas y peser sa surface (weight='area', --poids surface). Gardez --poids population, ou une colonne de personnes.",
        "unused_weights": "{options} pondère(nt) les deux demandes l'une par rapport à l'autre : sans effet avec la demande {chosen!r}. Ajoutez --demande les-deux (demand='both'), ou retirez ce poids.",
        "and": " et ",
    },
    "en": {
        "dates_needed": "before and after are both needed, e.g. '2021-12-31'.",
        "dates_order": "before ({first}) should come before after ({second}): swap the two dates.",
        "grouping": "Unknown grouping: {got!r}. Choose among {choices}.",
        "no_departement_qpv": (
            "No QPV of departement {wanted}; the QPV layer holds departements {held}."
        ),
        "perimeters_frame": (
            "perimeters (drawn perimeters) go with a structures file; with a structures "
            "frame, load them with avs_geo.load_structures(path, perimeters=...) first."
        ),
        "structures_type": "structures should be a file path or a GeoDataFrame, got {got}.",
        "folder_is_file": "The output folder '{folder}' is a file: give a folder name (it is created if needed).",
        "folder_create": "Cannot create the output folder '{folder}' ({reason}): choose a folder you can write to, for example in your Documents.",
        "reason_file": "a part of the path is a file, not a folder",
        "reason_rights": "permission denied",
        "reason_missing": "path not found",
        "not_written": "'{path}' was not written in '{work}'.",
        "folder_named_like_file": "The output folder '{folder}' holds a folder named '{name}', the name of a file avs_geo writes: rename that folder or choose another output folder.",
        "folder_write": "Cannot write in the output folder '{folder}' ({reason}): choose a folder you can write to.",
        "no_manifest": "No readable manifest in '{folder}': the files are not a complete set; run the job again.",
        "manifest_differs": "In '{folder}', {n} file(s) differ from the manifest ({names}): they were changed or replaced since the run; run it again.",
        "input_is_output": "The input file '{source}' has the name of a file avs_geo writes in the output folder '{folder}': it would be replaced. Rename it (for example by adding _entree to the name) or choose another output folder.",
        "lock_create": "Cannot create the lock '{path}' in the output folder ({reason}): choose a folder you can write to.",
        "locked": "Another avs_geo run is already writing in '{folder}' ({holder}): wait for it to end, or choose another output folder.",
        "lock_moves": "The lock '{path}' keeps changing: run again.",
        "territories_needed": "Grouping by territory needs the territories file (territories=..., or --territoires FILE): commune code or EPCI SIREN -> territory name.",
        "unknown_grid": "Unknown candidate grid: {grid!r}. Choose among {grids} (grid='communes', --grille communes: each commune without AVS offer becomes a candidate site).",
        "no_candidates": "No candidate site: give the candidates file (candidates=..., or --candidats FILE) or make them from the communes without offer (grid='communes', or --grille communes).",
        "candidates_and_grid": "Give either a candidates file (candidates=, --candidats) or a grid (grid=, --grille), not both: the grid's candidates would replace the file's.",
        "grid_communes": "The number of communes per candidate site (grid_communes=, --communes-par-site) should be an integer ≥ 1, got {got!r}.",
        "unknown_demand": "Unknown demand: {chosen!r}. Choose among 'qpv' (inhabitants of the QPV not covered), 'communes' (inhabitants of the communes without offer) or 'both' (the two; --demande les-deux on the command line).",
        "demand_weight": "The weight ({option}) should be a number ≥ 0 (what an inhabitant counts), got {got!r}.",
        "both_area": "The demand 'both' (--demande les-deux) adds inhabitants of QPV and inhabitants of communes without offer: a QPV cannot weigh its area there (weight='area', --poids surface). Keep --poids population, or a column of people.",
        "unused_weights": "{options} weigh(s) the two demands against each other: no effect with the demand {chosen!r}. Add --demande les-deux (demand='both'), or remove this weight.",
        "and": " and ",
    },
}
"""Message templates of the whole jobs, by language."""
GUARD_MESSAGES: dict[str, dict[str, str]] = {
    "fr": {
        "no_overlap": (
            "Les structures et les QPV ne se recouvrent pas : les structures ({structures}) "
            "sont dans le(s) département(s) {structure_deps}, les QPV "
            "({qpv}) dans le(s) département(s) {qpv_deps}. Aucune structure ne peut couvrir "
            "ces QPV : le résultat serait « aucun QPV couvert ». Donnez le fichier des QPV "
            "des départements de vos structures : --qpv FICHIER (avs-geo), qpv=... (Python) "
            "; les contours officiels sont publiés par l'ANCT (« Quartiers prioritaires de "
            "la politique de la ville »)."
        ),
        "embedded_qpv": (
            "les QPV 2015 d'Occitanie embarqués dans avs_geo, pris par défaut sans --qpv"
        ),
        "kept": ", gardés pour --departement {codes}",
        "no_population": (
            "Aucun des {n} QPV n'a de population : choisir des sites par population ne "
            "choisirait rien (chaque QPV pèserait 0). Donnez la table de l'INSEE par QPV "
            "(code du QPV et population municipale) : --indicateurs FICHIER (avs-geo), "
            "indicators=... (Python) ; ou pesez les QPV autrement : --poids surface "
            '(weight="area"), ou --poids COLONNE d\'un indicateur des QPV.'
        ),
        "old_generation": (
            "Les {n} QPV lus sont de la génération 2015 (codes QP..., ex. {codes}) alors que "
            "la date est le {date} : depuis le 1er janvier 2024, les QPV sont ceux de la "
            "génération 2024 (codes QN...). Les chiffres portent sur des quartiers qui "
            "n'étaient plus prioritaires à cette date. Donnez les QPV 2024 (--qpv FICHIER, "
            "qpv=...) ou une date jusqu'au 31/12/2023."
        ),
        "new_generation": (
            "Les {n} QPV lus sont de la génération 2024 (codes QN..., ex. {codes}) alors que "
            "la date est le {date} : avant le 1er janvier 2024, les QPV étaient ceux de la "
            "génération 2015 (codes QP...). Les chiffres portent sur des quartiers qui "
            "n'étaient pas encore prioritaires à cette date. Donnez les QPV 2015 (--qpv "
            "FICHIER, qpv=...) ou une date à partir du 01/01/2024."
        ),
        "python_frame": "tableau donné en Python",
        "source_file": "fichier '{path}'",
        "old_generation_dates": (
            "Les {n} QPV lus sont de la génération 2015 (codes QP..., ex. {codes}) alors que "
            "les dates sont les {date} : depuis le 1er janvier 2024, les QPV sont ceux de la "
            "génération 2024 (codes QN...). Les chiffres portent sur des quartiers qui "
            "n'étaient plus prioritaires à ces dates. Donnez les QPV 2024 (--qpv FICHIER, "
            "qpv=...) ou des dates jusqu'au 31/12/2023."
        ),
        "new_generation_dates": (
            "Les {n} QPV lus sont de la génération 2024 (codes QN..., ex. {codes}) alors que "
            "les dates sont les {date} : avant le 1er janvier 2024, les QPV étaient ceux de la "
            "génération 2015 (codes QP...). Les chiffres portent sur des quartiers qui "
            "n'étaient pas encore prioritaires à ces dates. Donnez les QPV 2015 (--qpv "
            "FICHIER, qpv=...) ou des dates à partir du 01/01/2024."
        ),
    },
    "en": {
        "no_overlap": (
            "The structures and the QPV do not overlap: the structures ({structures}) "
            "are in department(s) {structure_deps}, the QPV ({qpv}) in department(s) "
            '{qpv_deps}. No structure can cover these QPV: the result would be "no QPV '
            "covered\". Give the QPV file of your structures' departments: --qpv FILE "
            "(avs-geo), qpv=... (Python)."
        ),
        "embedded_qpv": "the 2015 QPV of Occitanie embedded in avs_geo, the default without --qpv",
        "kept": ", kept for --departement {codes}",
        "no_population": (
            "None of the {n} QPV has a population: choosing sites by population would choose "
            "nothing (every QPV would weigh 0). Give the INSEE table by QPV (QPV code and "
            "municipal population): --indicateurs FILE (avs-geo), indicators=... (Python); "
            'or weigh the QPV otherwise: --poids surface (weight="area") or --poids '
            "COLUMN of a QPV indicator."
        ),
        "old_generation": (
            "The {n} QPV read are of the 2015 generation (codes QP..., e.g. {codes}) but the "
            "date is {date}: from 1 January 2024 the QPV are those of the 2024 generation "
            "(codes QN...). Give the 2024 QPV (--qpv FILE, qpv=...) or a date up to 31/12/2023."
        ),
        "new_generation": (
            "The {n} QPV read are of the 2024 generation (codes QN..., e.g. {codes}) but the "
            "date is {date}: before 1 January 2024 the QPV were those of the 2015 generation "
            "(codes QP...). Give the 2015 QPV (--qpv FILE, qpv=...) or a date from 01/01/2024."
        ),
        "python_frame": "table given in Python",
        "source_file": "file '{path}'",
        "old_generation_dates": (
            "The {n} QPV read are of the 2015 generation (codes QP..., e.g. {codes}) but the "
            "dates are {date}: from 1 January 2024 the QPV are those of the 2024 generation "
            "(codes QN...). Give the 2024 QPV (--qpv FILE, qpv=...) or dates up to 31/12/2023."
        ),
        "new_generation_dates": (
            "The {n} QPV read are of the 2024 generation (codes QN..., e.g. {codes}) but the "
            "dates are {date}: before 1 January 2024 the QPV were those of the 2015 generation "
            "(codes QP...). Give the 2015 QPV (--qpv FILE, qpv=...) or dates from 01/01/2024."
        ),
    },
}
"""Messages of the guard rails (``avs_geo.workflows.guards``): layers that do not overlap,
a QPV generation that does not match the date."""
