"""French and English words of the maps stage (:mod:`avs_geo.maps`): headers, labels, phrases."""

from __future__ import annotations

__all__ = ["ATLAS_TEXTS", "MESSAGES", "TEXTS"]

# used by avs_geo/maps/symbology.py
TEXTS: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Couverture des quartiers prioritaires par l'offre d'animation de la vie sociale",
        "title_of": (
            "Couverture des quartiers prioritaires{territory} par l'offre d'animation "
            "de la vie sociale{date}"
        ),
        "title_date": " au {date}",
        "cluster": "{n} structures (centres sociaux et EVS)",
        "territory_departement": "du département {code}",
        "pages_title": "Cartes par département",
        "pages_index": "Carte d'ensemble",
        "legend_title": "Couverture des QPV par l'offre AVS",
        "layer_qpv": "Quartiers prioritaires (QPV)",
        "layer_zones": "Zones d'intervention",
        "layer_structures": "Centres sociaux et EVS",
        "layer_communes": "Communes",
        "layer_candidates": "Sites candidats",
        "legend_zones": "Zones d'intervention",
        "legend_structures": "Structures",
        "legend_approximate": "Localisation approximative",
        "legend_candidates": "Sites candidats (score)",
        "legend_communes": "Limites communales",
        "layer_white": "Communes sans offre AVS",
        "layer_territories": "Territoires",
        "legend_territories": "Limites des territoires",
        "no_offer_tip": "aucune zone d'intervention ne l'atteint",
        "white_count": "{n} commune(s) sans offre",
        "network_title": "Centres sociaux et EVS par territoire{date}",
        "network_label": "{cs} CS · {evs} EVS",
        "network_legend": "CS : centres sociaux en activité ; EVS : espaces de vie sociale",
        "qpv_count": "QPV",
        "communes": "Commune(s)",
        "population": "Population",
        "population_unknown": "non connue",
        "coverage": "Couverture",
        "share": "Part couverte",
        "covered_population": "Population couverte",
        "structures": "Structures",
        "none": "aucune",
        "zone_of": "Zone d'intervention",
        "id": "Identifiant",
        "agreement": "Agrément",
        "approximate": "Localisation approximative : placée au centre de sa commune, faute "
        "de coordonnées (symbole creux)",
        "since": "depuis le {start}",
        "until": "fin le {end}",
        "from_to": "depuis le {start}, fin le {end}",
        "dates_unknown": "dates non renseignées",
        "qpv_reached": "QPV atteints",
        "candidate": "Site candidat",
        "rank": "n°{NBSP}{rank}",
        "score": "Score",
        "fullscreen": "Plein écran",
        "scale_km": "km",
        "threshold_full": "≥{NBSP}{value}",
        "threshold_none": "≤{NBSP}{value}",
        "sites_title_of": (
            "Sites proposés ({n}) et couverture des quartiers prioritaires{territory}{date}"
        ),
        "layer_qpv_before": "QPV : réseau actuel",
        "layer_qpv_after": "QPV : avec les sites proposés",
        "layer_sites": "Sites proposés (ordre du choix)",
        "layer_site_zones": "Zones des sites proposés",
        "toggle_label": "Couverture des QPV",
        "toggle_before": "Avant",
        "toggle_after": "Après",
        "toggle_before_title": "Couverture par le réseau actuel",
        "toggle_after_title": "Couverture avec les sites proposés",
        "site": "Site n°{NBSP}{rank}",
        "site_zone": "Zone proposée",
        "gain": "Population gagnée",
        "inhabitants": "{n}{NBSP}habitants",
        "inhabitants_short": "{n}{NBSP}hab.",
        "not_measured": "non mesurée",
        "nearest": "Structure existante la plus proche",
        "km": "{d}{NBSP}km",
        "legend_qpv_change": "QPV par classe : avant → après",
        "legend_sites": "Sites proposés, dans l'ordre du choix",
        "legend_sites_range": "n°{NBSP}1 à n°{NBSP}{n} (voir les fenêtres des sites)",
        "legend_site_zone": "Zone d'un site proposé",
        "changes_title": "QPV{territory} dont la classe de couverture a changé du {first} au {last}",
        "changes_legend": "Évolution (couleur : classe au {last})",
        "change_better": "Mieux couvert",
        "change_worse": "Moins bien couvert",
        "change_same": "Classe inchangée",
    },
    "en": {
        "title": "Coverage of the priority neighbourhoods by the social-life offer",
        "title_of": "Coverage of the priority neighbourhoods{territory} by the social-life offer{date}",
        "title_date": " on {date}",
        "cluster": "{n} structures (social centres and EVS)",
        "territory_departement": "of département {code}",
        "pages_title": "Maps by département",
        "pages_index": "Overview map",
        "legend_title": "QPV coverage by the AVS offer",
        "layer_qpv": "Priority neighbourhoods (QPV)",
        "layer_zones": "Intervention zones",
        "layer_structures": "Social centres and EVS",
        "layer_communes": "Communes",
        "layer_candidates": "Candidate sites",
        "legend_zones": "Intervention zones",
        "legend_structures": "Structures",
        "legend_approximate": "Approximate location",
        "legend_candidates": "Candidate sites (score)",
        "legend_communes": "Commune boundaries",
        "layer_white": "Municipalities without AVS offer",
        "layer_territories": "Territories",
        "legend_territories": "Territory boundaries",
        "no_offer_tip": "no intervention zone reaches it",
        "white_count": "{n} municipality(ies) without offer",
        "network_title": "Social centres and EVS by territory{date}",
        "network_label": "{cs} SC · {evs} EVS",
        "network_legend": "SC: active social centres; EVS: social-life spaces",
        "qpv_count": "QPV",
        "communes": "Commune(s)",
        "population": "Population",
        "population_unknown": "unknown",
        "coverage": "Coverage",
        "share": "Share covered",
        "covered_population": "Population covered",
        "structures": "Structures",
        "none": "none",
        "zone_of": "Intervention zone",
        "id": "Identifier",
        "agreement": "Agreement",
        "approximate": "Approximate location: placed at the centre of its municipality, for "
        "want of coordinates (hollow symbol)",
        "since": "since {start}",
        "until": "ends on {end}",
        "from_to": "since {start}, ends on {end}",
        "dates_unknown": "dates not given",
        "qpv_reached": "QPV reached",
        "candidate": "Candidate site",
        "rank": "no.{NBSP}{rank}",
        "score": "Score",
        "fullscreen": "Full screen",
        "scale_km": "km",
        "threshold_full": "≥{NBSP}{value}",
        "threshold_none": "≤{NBSP}{value}",
        "sites_title_of": (
            "Proposed sites ({n}) and coverage of the priority neighbourhoods{territory}{date}"
        ),
        "layer_qpv_before": "QPV: current network",
        "layer_qpv_after": "QPV: with the proposed sites",
        "layer_sites": "Proposed sites (order of choice)",
        "layer_site_zones": "Zones of the proposed sites",
        "toggle_label": "QPV coverage",
        "toggle_before": "Before",
        "toggle_after": "After",
        "toggle_before_title": "Coverage by the current network",
        "toggle_after_title": "Coverage with the proposed sites",
        "site": "Site no.{NBSP}{rank}",
        "site_zone": "Proposed zone",
        "gain": "Population gained",
        "inhabitants": "{n}{NBSP}inhabitants",
        "inhabitants_short": "{n}{NBSP}inh.",
        "not_measured": "not measured",
        "nearest": "Nearest existing structure",
        "km": "{d}{NBSP}km",
        "legend_qpv_change": "QPV by class: before → after",
        "legend_sites": "Proposed sites, in the order of choice",
        "legend_sites_range": "no.{NBSP}1 to no.{NBSP}{n} (see each site's popup)",
        "legend_site_zone": "Zone of a proposed site",
        "changes_title": "QPV{territory} whose coverage class changed from {first} to {last}",
        "changes_legend": "Change (colour: class on {last})",
        "change_better": "Better covered",
        "change_worse": "Less covered",
        "change_same": "Class unchanged",
    },
}
"""Map texts (title, legend, popups) by language; fill one with :func:`fill`."""

# used by avs_geo/maps/atlas.py (the report map and its atlas)
ATLAS_TEXTS: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Couverture des quartiers prioritaires par l'offre d'animation de la vie sociale",
        "subtitle_place_date": "QPV {territory}, situation au {date}",
        "subtitle_place": "QPV {territory}",
        "subtitle_date": "Situation au {date}",
        "inset": "Zoom {n}{NBSP}: {name}",
        "inset_short": "{n}",
        "epci_page": "EPCI{NBSP}: {name} ({n}{NBSP}QPV)",
        "basemap": "Fond de carte{NBSP}: {attribution}.",
        "north": "N",
        "sources": "Sources{NBSP}: {sources}.",
        "made": "Réalisation{NBSP}: avs_geo {version}, le {today}. Données ouvertes sous Licence Ouverte / Open Licence 2.0 (Etalab).",
        "page": "page {n}/{total}",
        "department_outline": "Limites départementales",
        "epci_outline": "Limite de l'EPCI",
        "unlabelled": "{n} étiquette(s) de QPV non placée(s) faute de place : voir les zooms",
    },
    "en": {
        "title": "Coverage of the priority neighbourhoods by the social-life offer",
        "subtitle_place_date": "QPV {territory}, situation at {date}",
        "subtitle_place": "QPV {territory}",
        "subtitle_date": "Situation at {date}",
        "inset": "Inset {n}: {name}",
        "inset_short": "{n}",
        "epci_page": "EPCI: {name} ({n}{NBSP}QPV)",
        "basemap": "Base map: {attribution}.",
        "north": "N",
        "sources": "Sources: {sources}.",
        "made": "Made with avs_geo {version}, on {today}. Open data under the Licence Ouverte / Open Licence 2.0 (Etalab).",
        "page": "page {n}/{total}",
        "department_outline": "Department boundaries",
        "epci_outline": "EPCI boundary",
        "unlabelled": "{n} QPV label(s) left out for lack of room: see the insets",
    },
}
"""Texts of the report map (:func:`avs_geo.maps.atlas.report_figure`) by language."""

# used by every module of avs_geo/maps
MESSAGES: dict[str, dict[str, str]] = {
    "fr": {
        "coverage_hint": "Construisez-le avec avs_geo.compute_coverage.",
        "zones_hint": "Construisez-les avec avs_geo.build_zones.",
        "structures_hint": "Chargez-les avec avs_geo.load_structures.",
        "communes_hint": "Chargez-les avec avs_geo.load_communes.",
        "candidates_hint": "Notez d'abord les sites (score_sites).",
        "locate": "Retirez ces lignes ou situez-les.",
        "no_qpv": "'coverage' n'a aucune ligne : il n'y a pas de QPV à cartographier.",
        "bad_codes": (
            "La colonne '{column}' de '{name}' contient {shown}, attendu l'une de "
            "{allowed} ; lignes : {ids}."
        ),
        "not_points": (
            "'{name}' doit contenir des points (l'emplacement de chaque structure), mais {n} "
            "ligne(s) portent d'autres géométries : {ids}."
        ),
        "clusters": ("distance_m doit être > 0 et min_qpv >= 2, reçu {distance!r} et {min_qpv!r}."),
        "paper": "paper doit être l'un de {choices}, reçu {got!r}.",
        "simplify": "simplify_m doit être un nombre de mètres >= 0, reçu {got!r}.",
        "decimals": (
            "decimals doit être un entier de 3 à 8 (5 fait environ un mètre), reçu {got!r}."
        ),
        "map_type": "'map' doit être une folium.Map (de avs_geo.coverage_map), reçu {got}.",
        "no_folder": (
            "Impossible d'écrire la carte dans {target} : le dossier {folder} n'existe pas. "
            "Créez-le d'abord."
        ),
        "no_pages_folder": (
            "Impossible d'écrire les pages de carte dans {target} : le dossier n'existe pas. "
            "Créez-le d'abord."
        ),
        "split_column": (
            "'coverage' n'a pas de colonne {by!r} pour découper les pages de carte ; elle a "
            "{columns}."
        ),
        "symbol": "Symbole de carte inconnu : {got!r}. Choisissez 'circle', 'diamond' ou 'star'.",
        "geometry_kind": "Une carte ne peut pas dessiner une géométrie de type {kind} : seuls les points, les lignes et les polygones (simples ou multiples) sont acceptés.",
        "code_in_tag": "Le code à insérer dans la carte contient '</{tag}' : il ne peut pas être placé dans un élément <{tag}>. Retirez ou échappez cette séquence.",
        "vendored_fix": "Réinstallez avs_geo (pip install --force-reinstall avs_geo), ou, dans le dépôt, relancez python scripts/update_leaflet.py.",
        "vendored_unlisted": "Le fichier {where} n'est pas listé dans manifest.json. {fix}",
        "vendored_missing": "Le fichier {where} manque à l'installation. {fix}",
        "vendored_changed": "Le fichier {where} a été modifié : son sha256 diffère de celui de manifest.json ({package}). {fix}",
        "basemap_placeholders": "L'adresse du fond de carte doit contenir {{z}}, {{x}} et {{y}} (un service de tuiles XYZ, par exemple https://tile.openstreetmap.org/{{z}}/{{x}}/{{y}}.png), pas {url!r}.",
        "basemap_scheme": "L'adresse du fond de carte doit commencer par http://, https:// ou file:, pas {url!r}.",
        "basemap_attribution": "Le fond de carte a besoin de son attribution (ex. « © les contributeurs d'OpenStreetMap »), imprimée au pied de la carte comme sa licence le demande.",
        "basemap_not_loaded": "Fond de carte non chargé (tuile {url} : {error}) : la carte est dessinée sans fond, à partir des seules données embarquées.",
        "sites_other_qpv": "Les couvertures 'before' et 'after' ne portent pas sur les mêmes QPV : seulement avant {before} ; seulement après {after}. Mesurez les deux sur les mêmes QPV (compute_coverage avec le même fichier de QPV).",
        "sites_no_rank": "'sites' n'a pas de colonne 'rank' (l'ordre du choix, à partir de 1) ; elle a {columns}. Passez SiteSelection.sites.",
        "sites_bad_rank": "'sites' colonne 'rank' : rangs manquants ou répétés aux lignes {ids}. Chaque site doit avoir un rang distinct (1, 2, 3...).",
        "sites_no_location": "'sites' : site(s) sans localisation : {ids}. Localisez-les ou retirez-les.",
    },
    "en": {
        "coverage_hint": "Build it with avs_geo.compute_coverage.",
        "zones_hint": "Build it with avs_geo.build_zones.",
        "structures_hint": "Load it with avs_geo.load_structures.",
        "communes_hint": "Load it with avs_geo.load_communes.",
        "candidates_hint": "Score the sites first.",
        "locate": "Remove these rows or locate them.",
        "no_qpv": "'coverage' has no rows: there is no QPV to map.",
        "bad_codes": (
            "'{name}' column '{column}' holds {shown}, expected one of {allowed}; rows: {ids}."
        ),
        "not_points": (
            "'{name}' should hold points (the location of each structure), but {n} rows hold "
            "other geometries: {ids}."
        ),
        "clusters": "distance_m should be > 0 and min_qpv >= 2, got {distance!r} and {min_qpv!r}.",
        "paper": "paper should be one of {choices}, got {got!r}.",
        "simplify": "simplify_m should be a number of metres >= 0, got {got!r}.",
        "decimals": "decimals should be an integer from 3 to 8 (5 is about a metre), got {got!r}.",
        "map_type": "'map' should be a folium.Map (from avs_geo.coverage_map), got {got}.",
        "no_folder": (
            "Cannot write the map to {target}: the folder {folder} does not exist. Create it first."
        ),
        "no_pages_folder": (
            "Cannot write the map pages to {target}: the folder does not exist. Create it first."
        ),
        "split_column": (
            "'coverage' has no column {by!r} to split the map pages by; it has {columns}."
        ),
        "symbol": "Unknown map symbol: {got!r}. Choose 'circle', 'diamond' or 'star'.",
        "geometry_kind": "A map cannot draw a geometry of type {kind}: only points, lines and polygons (single or multiple) are accepted.",
        "code_in_tag": "The code to put in the map holds '</{tag}': it cannot be placed in a <{tag}> element. Remove or escape this sequence.",
        "vendored_fix": "Reinstall avs_geo (pip install --force-reinstall avs_geo), or, in the repository, run python scripts/update_leaflet.py again.",
        "vendored_unlisted": "The file {where} is not listed in manifest.json. {fix}",
        "vendored_missing": "The file {where} is missing from the installation. {fix}",
        "vendored_changed": "The file {where} was changed: its sha256 differs from the one of manifest.json ({package}). {fix}",
        "basemap_placeholders": "The base map address should hold {{z}}, {{x}} and {{y}} (an XYZ tile service, e.g. https://tile.openstreetmap.org/{{z}}/{{x}}/{{y}}.png), not {url!r}.",
        "basemap_scheme": "The base map address should start with http://, https:// or file:, not {url!r}.",
        "basemap_attribution": "The base map needs its attribution (e.g. '© OpenStreetMap contributors'), printed at the foot of the map as its licence asks.",
        "basemap_not_loaded": "Base map not loaded (tile {url}: {error}): the map is drawn without it, from the embedded data only.",
        "sites_other_qpv": "The 'before' and 'after' coverages are not about the same QPV: only before {before}; only after {after}. Measure both on the same QPV (compute_coverage with the same QPV file).",
        "sites_no_rank": "'sites' has no 'rank' column (the order of the choice, from 1); it has {columns}. Pass SiteSelection.sites.",
        "sites_bad_rank": "'sites' column 'rank': missing or repeated ranks at rows {ids}. Each site needs its own rank (1, 2, 3...).",
        "sites_no_location": "'sites': site(s) with no location: {ids}. Locate them or remove them.",
    },
}
"""Message templates of the maps stage, by language."""
