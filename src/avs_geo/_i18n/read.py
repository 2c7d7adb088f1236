"""Words of the readers' messages (``avs_geo.read``): French by default, English on request.

The error classes and their fields (``file``, ``columns``, ``problems``...) are the
contract; the message text is for the planner. :func:`read_message` fills a template.
"""

from __future__ import annotations

from avs_geo._language import Language, get_language

__all__ = [
    "COLUMN_REPORT",
    "FILE_NAMES",
    "READ_MESSAGES",
    "ROLE_WORDS",
    "file_name",
    "read_message",
]

FILE_NAMES: dict[str, dict[str, str]] = {
    "fr": {
        "structures": "des structures",
        "communes": "des communes",
        "QPV": "des QPV",
        "candidates": "des candidats",
        "zones": "des périmètres",
        "QPV indicators": "des indicateurs des QPV",
        "territoires": "des territoires",
    },
    "en": {
        "structures": "structures",
        "communes": "communes",
        "QPV": "QPV",
        "candidates": "candidates",
        "zones": "perimeters",
        "QPV indicators": "QPV indicators",
        "territoires": "territories",
    },
}
"""How a message names a kind of file ("le fichier des structures")."""

_FRENCH_KINDS = {french: kind for kind, french in FILE_NAMES["fr"].items()}

READ_MESSAGES: dict[str, dict[str, str]] = {
    "fr": {
        "not_found": (
            "Fichier {what} introuvable : '{path}'. Vérifiez le chemin (dossier courant : '{cwd}')."
        ),
        "folder": (
            "'{path}' est un dossier ; donnez le fichier {what} lui-même (.geojson, .gpkg, "
            ".shp, .zip, .csv, .xlsx)."
        ),
        "vector": (
            "Impossible de lire le fichier {what} '{path}' comme couche géographique ({exc}). "
            "Attendu : GeoJSON, GeoPackage, shapefile (avec ses .shx/.dbf/.prj) ou shapefile "
            "zippé."
        ),
        "empty_layer": "Le fichier {what} '{path}' ne contient aucun objet (couche vide).",
        "excel": (
            "Impossible de lire le fichier {what} '{path}' comme classeur Excel ({exc}). "
            "Enregistrez-le à nouveau en .xlsx, ou exportez la feuille en CSV."
        ),
        "empty": "Le fichier {what} '{path}' est vide.",
        "file_label": "Le fichier {what} '{path}'",
        "summary_read": "colonnes lues : {read}",
        "summary_unread": "non lues : {columns}",
        "summary_sheet": "feuille {sheet}",
        "summary_skipped": "lignes écartées : {lines}",
        "summary_join": " ; ",
        "postcode_entry": "{served} : {ids}",
        "several_layers": (
            "Le fichier {what} '{path}' contient {n} couches géographiques : {layers}. "
            "avs_geo n'en lit qu'une et ne choisit pas à votre place : {how}, ou "
            "réunissez-les en une seule couche (QGIS : Vecteur > Outils de gestion de "
            "données > Fusionner des couches vecteur)."
        ),
        "no_such_layer": (
            "Le fichier {what} '{path}' n'a pas de couche {layer} ; ses couches "
            "géographiques : {layers}."
        ),
        "no_layer_at_all": "aucune",
        "layer_how": "choisissez-la avec layer={example} (Python)",
        "layer_how_cli": " ou {option} {name} (avs-geo)",
        "layer_objects": " ({n} objet{s})",
        "csv": (
            "Impossible de lire le fichier {what} '{path}' comme CSV ({exc}). Attendu : une "
            "ligne d'en-tête et une ligne par élément, séparées par ';' ou ','."
        ),
        "no_row": "Le fichier {what} '{path}' a un en-tête mais aucune ligne de données.",
        "no_crs": (
            "Le fichier {what} '{path}' n'a pas de système de coordonnées (pas de .prj pour "
            "un shapefile). Ajoutez-le, par ex. dans QGIS « Définir la projection », ou avec "
            "geopandas : gdf.set_crs('EPSG:2154') pour des mètres Lambert-93, "
            "gdf.set_crs('EPSG:4326') pour des longitudes/latitudes ; ou déclarez-le à la "
            "lecture : --crs-fichiers 2154 (source_crs=...)."
        ),
        "outside_france": (
            "{n} objet(s) du fichier {what} '{path}' sont hors de France une fois lus dans "
            "leur système de coordonnées déclaré ({crs}) : {ids}. Vérifiez le système "
            "déclaré (mètres Lambert-93 déclarés en degrés, ou l'inverse) et que x/longitude "
            "et y/latitude ne sont pas inversées."
        ),
        "unknown_codes": (
            "{n} structure(s) du fichier '{source}' nomment des codes de {layer} (colonne "
            "{column}) absents de la couche des {layer} : {shown}{more}. Vérifiez les codes "
            "(codes INSEE du Code officiel géographique ; codes QPV de la même génération que "
            "la couche des QPV) ou chargez les {layer} de tous les départements que les "
            "zones touchent."
        ),
        "not_points": (
            "Le fichier des structures '{source}' doit situer chaque structure par un point, "
            "mais {n} lignes portent d'autres formes : {ids}. Mettez les zones dessinées dans "
            "un fichier de périmètres à part (load_structures(..., "
            "perimeters='perimetres.gpkg'), --perimetres)."
        ),
        "perimeters_no_id": (
            "Les périmètres '{name}' n'ont pas la colonne structure_id qui relie chaque "
            "polygone à sa structure ; colonnes présentes : {columns}."
        ),
        "perimeters_unknown": (
            "Les périmètres '{name}' nomment des structure_id absents du fichier des "
            "structures : {ids}. Ajoutez ces structures ou corrigez les identifiants."
        ),
        "absurd_coordinates": (
            "{n} objet(s) du fichier {what} '{path}' ont des coordonnées hors de portée de "
            "tout système de coordonnées (au-delà de ±{limit} ou infinies) : objets {rows} "
            "(comptés à partir de 1, dans l'ordre du fichier). Corrigez ou supprimez ces "
            "objets (QGIS : Vecteur > Outils de géométrie > Vérifier la validité)."
        ),
        "no_departement_communes": (
            "Aucune commune du département {wanted} dans '{source}' ; il contient {have}."
        ),
        "embedded_communes": (
            "Les communes embarquées ne couvrent pas le département {unknown} ; elles couvrent "
            "{have}. Donnez le chemin d'un fichier Admin Express de l'IGN pour les autres."
        ),
        "bad_insee": (
            "Le fichier des communes '{path}' contient des codes qui ne sont pas des codes "
            "INSEE de commune (5 caractères, par ex. '59350', '2A004') dans la colonne "
            "code_insee : {codes}."
        ),
        "duplicate_insee": (
            "'{source}' contient {n} code(s) INSEE plusieurs fois : {codes}. Fusionnez les "
            "morceaux d'une commune en un seul objet (geopandas : gdf.dissolve('code_insee'))."
        ),
        "communes_layer": "fichier des communes {path}",
        "communes_layer_reprojected": "fichier des communes {path} (après reprojection)",
        "qpv_layer": "fichier des QPV {path}",
        "qpv_layer_reprojected": "fichier des QPV {path} (après reprojection)",
        "qpv_no_code": (
            "Le fichier des QPV '{source}' a {n} objet(s) sans code (colonne code_qpv, objets "
            "{rows}). Chaque QPV a besoin de son code officiel."
        ),
        "bad_qpv_codes": (
            "Le fichier des QPV '{source}' contient des codes qui ne sont pas des codes QPV "
            "(QP + 6 caractères pour 2015, QN + 6 pour 2024) : {codes}."
        ),
        "qpv_file": "Le fichier des QPV '{source}'",
        "duplicate_qpv": (
            "Le fichier des QPV '{source}' contient {n} code(s) plusieurs fois : {codes}. "
            "Fusionnez les morceaux d'un QPV en un seul objet (un QPV peut être un "
            "multipolygone)."
        ),
        "no_departement_qpv": (
            "Aucun QPV du département {wanted} dans '{source}' ; il contient les départements "
            "{have}."
        ),
        "indicators_columns": (
            "Il manque au tableau des indicateurs '{name}' {missing} (attendu : le code QPV "
            "en code_qp et la population en pop_mun) ; il a {columns}."
        ),
        "no_population": (
            "Pas de population pour {n} QPV dans '{name}' : {codes}. Leur population reste "
            "vide (NaN) : les tableaux de population les comptent à part."
        ),
        "structures_label": "Fichier des structures '{source}'",
        "postcode_both": "{code} : code INSEE de {own}, code postal de {others}",
        "p_postcode_both": (
            "code à la fois code INSEE et code postal, dans un fichier qui emploie des "
            "codes postaux"
        ),
        "f_postcode_both": "Écrivez le code INSEE (ou le nom) de chaque commune voulue.",
        "postcodes_widened": (
            "{label} : code(s) postal(aux) lu(s) comme zone, chacun pour toutes les communes "
            "qu'il dessert : {shown}. Écrivez les codes INSEE des communes voulues si la zone "
            "n'en couvre qu'une partie."
        ),
        "hidden_sheets": (
            "{label} : feuille(s) masquée(s) non lue(s) : {sheets}. Pour en lire une, donnez "
            "son nom : sheet='...' (Python) ou --feuille '...' (avs-geo)."
        ),
        "totals": "{label} : ligne(s) de total ignorée(s) : {lines}.",
        "unnamed_headers": "{label} : {n} cellule(s) d'en-tête sans nom ({cells}) sur la ligne {line}, alors que la colonne a des valeurs : cellules fusionnées ou vides. Gardez une ligne d'en-tête avec un nom par colonne (défusionnez). Colonnes lues : {columns}.",
        "did_you_mean": "pour {role}, voulez-vous dire {close} ? (columns={{{first!r}: {role!r}}} ou renommez l'en-tête)",
        "sheets": " Feuilles du classeur : {sheets} (lue : '{sheet}' ; choisissez-en une avec sheet=... ou --feuille).",
        "missing_columns": "{label} : il manque la ou les colonne(s) {missing} ; en-tête lu ligne {line} : {columns}.{did_you_mean}{sheets} Colonnes attendues : structure_id, nom, type, lat et lon (ou x et y en Lambert-93, ou commune), date_agrement, date_fin, zone_communes, zone_qpv, zone_rayon_m (README, « Fichier des structures »).",
        "p_no_id": "ligne sans identifiant",
        "f_no_id": "Donnez un identifiant à chaque structure.",
        "p_repeated_id": "identifiant répété",
        "f_repeated_id": "Chaque structure a besoin de son propre identifiant ; fusionnez les doublons.",
        "line_id": "ligne {line}",
        "p_type": "type inconnu",
        "f_type": "Écrivez 'CS', 'Centre social', 'EVS' ou 'Espace de vie sociale'.",
        "p_date": "date illisible ({reason})",
        "f_date": "Écrivez les dates {forms} ; une date_fin vide ou 31/12/9999 veut dire sans fin.",
        "p_inverted": "agrément qui finit avant de commencer (date_fin < date_agrement)",
        "f_inverted": "Inversez ou corrigez les dates.",
        "p_bad_codes": "{what} mal formés",
        "f_bad_codes": "Écrivez les {what} séparés par ';', par ex. {example} (un code INSEE a 5 caractères : gardez le zéro initial), ou les noms.",
        "p_names_no_layer": "noms de {layer} à la place des codes, sans couche des {layer} pour les lire",
        "f_names_no_layer": "Passez la couche ({argument}=...) ou écrivez les {what}.",
        "p_unknown_name": "nom de {layer} inconnu de la couche des {layer}",
        "f_unknown_name": "Corrigez le nom ou écrivez le code ({what}).",
        "p_ambiguous_name": "nom porté par plusieurs {layer}",
        "f_ambiguous_name": "Écrivez le code de celle que vous voulez ({what}).",
        "did_you_mean_name": " (vouliez-vous dire {name} ?)",
        "codes_insee": "codes INSEE",
        "codes_qpv": "codes QPV",
        "codes_twice": "{label} : codes écrits deux fois dans la colonne {column}, comptés une fois : {shown}.",
        "p_radius": "rayon qui n'est pas un nombre de mètres supérieur à 0",
        "f_radius": "Écrivez le rayon en mètres, supérieur à 0 (ex. 500, 1 000 ou 250,5), ou laissez la cellule vide.",
        "no_location": "{label} : des structures n'ont pas de localisation : {ids}. Donnez un point ou lat/lon.",
        "p_coordinate": "coordonnée qui n'est pas un nombre",
        "f_coordinate": "Écrivez des degrés WGS84 (lat 50,6292 ; lon 3,0573) ou des mètres Lambert-93 dans x et y.",
        "p_unlocated": "structure sans localisation",
        "f_unlocated": "Donnez lat et lon (degrés WGS84), x et y (Lambert-93), ou la commune de la structure (colonne commune ou code_insee) pour la situer au centre de sa commune.",
        "p_degrees_range": "coordonnées hors des degrés (latitude de -90 à 90, longitude de -180 à 180)",
        "f_degrees_range": "Des mètres Lambert-93 ? Mettez-les dans des colonnes x et y.",
        "p_lambert_range": "x/y qui ne sont pas des mètres Lambert-93 de la métropole",
        "f_lambert_range": "x va de 0 à 1 300 000 et y de 6 000 000 à 7 200 000 ; des degrés ? Mettez-les dans lat et lon.",
        "p_swapped": "lat et lon inversées sur cette ligne (en France la latitude va de 41 à 51 et la longitude de -5 à 10)",
        "f_swapped": "Échangez lat et lon sur ces lignes seulement.",
        "low_score": "{label} : adresse mal reconnue par le géocodeur de la Base adresse nationale (result_score < {limit}) pour {n} structure(s) : {shown}. Vérifiez leur position (colonne result_label) ou donnez lat et lon.",
        "p_commune_no_layer": "structure sans coordonnées, à situer par sa commune, mais sans couche des communes",
        "f_commune_no_layer": "Passez la couche des communes (communes=load_communes(...)) ou donnez lat et lon.",
        "p_unknown_commune": "commune inconnue de la couche des communes",
        "f_unknown_commune": "Écrivez le code INSEE (5 caractères) ou le nom exact de la commune.",
        "approximate": "{label} : {n} structure(s) sans coordonnées placée(s) au centre de leur commune : {ids} (colonne position_approchee). Les distances et la carte sont approximatives pour elles ; donnez lat et lon pour les préciser.",
        "perimeters_layer": "zones {name}",
        "problems_head": (
            "{label} : {n} {problem_word} de {kinds} {kind_word} ; corrigez-les puis "
            "relancez (la liste complète est dans error.problems)."
        ),
        "problem_one": "problème",
        "problem_many": "problèmes",
        "kind_one": "sorte",
        "kind_many": "sortes",
        "problems_line": "ligne {line} : {value}",
        "problems_kind": "- {problem} (colonne {column}) : {shown}{more}. {fix}",
        "problems_more": " (+{n} autres)",
        "empty_cell": "(vide)",
        "case_clash_file": "Le fichier '{source}'",
        "case_clash_table": "Le tableau",
        "case_clash": "{where} a des colonnes qui ne diffèrent que par les majuscules ou les accents ({pairs}) : avs_geo ne peut pas choisir. Gardez une seule de ces colonnes, ou renommez l'autre (par exemple en ajoutant _2).",
        "unused_column": "{column!r} (ressemble à {roles} ; pour la lire : columns={{{column!r}: {role!r}}})",
        "unused_columns": "{label} : colonne(s) non lue(s) : {parts}. Vérifiez qu'elles ne changent pas le résultat.",
        "vintage": "Millésime de communes inconnu : {got!r}. Millésimes disponibles : {vintages} (ou None pour garder les codes du fichier).",
        "not_in_vintage": "{n} code(s) de commune de '{source}' ne sont ni des communes du millésime {vintage} ni d'anciennes communes fusionnées dans l'une d'elles : {codes}. Vérifiez les codes INSEE du fichier ou choisissez un autre millésime.",
        "no_contour": "{n} commune(s) du millésime {vintage} dans les départements de '{source}' n'ont pas de contour dans ce fichier : {codes}. Elles manquent aux communes chargées (zones, zones blanches) : utilisez une couche de communes qui les contient.",
        "territories_table": "Le fichier des territoires '{source}' doit être un tableau CSV ou Excel (colonnes code et territoire).",
        "territories_bad_codes": "codes qui ne sont ni un code INSEE de commune (5 caractères, ex. '59350') ni un SIREN d'EPCI (9 chiffres) : {cells}",
        "territories_cell": "ligne {line} : {value}",
        "territories_no_name": "lignes sans territoire : {lines}",
        "territories_cells": "Le fichier des territoires '{source}' a des cellules à corriger : {problems}.",
        "territories_unknown": "Le fichier des territoires '{source}' a {n} code(s) qui ne sont ni une commune ni un EPCI du millésime {years} : {cells}. Vérifiez les codes (SIREN de l'EPCI, code INSEE de la commune).",
        "territories_or": " ou ",
        "territories_and": " et ",
        "territories_twice": "{code} (lignes {lines}) dans {names}",
        "territories_via_epci": "commune {code} (ligne {line}) dans {territory} et, par son EPCI {siren}, dans {other}",
        "territories_conflicts": "Le fichier des territoires '{source}' place {n} commune(s) ou EPCI dans deux territoires : {shown}{more}. Chaque commune appartient à un seul territoire : corrigez ces lignes.",
        "territories_no_siren": "Les territoires sont donnés par EPCI mais les communes n'ont pas de colonne epci_siren : chargez les communes d'un millésime, avs_geo.load_communes(..., vintage=2022).",
        "line_one": "ligne",
        "line_many": "lignes",
        "cells_shown": "{lines} : {items}",
        "candidates_label": "Fichier des candidats '{source}'",
        "candidates_frame": "Tableau 'candidates'",
        "candidates_codes": "Liste des communes candidates",
        "candidates_unlocated": "{label} ne situe aucun candidat : il faut les colonnes lat et lon (degrés WGS84), une géométrie point ou polygone, ou zone_communes (codes INSEE) ; colonnes présentes : {columns}.",
        "candidates_frame_unlocated": "{label} : un DataFrame sans localisation ; donnez lat et lon (degrés WGS84) ou zone_communes (codes INSEE), ou passez un GeoDataFrame. Colonnes présentes : {columns}.",
        "candidates_type": "'candidates' doit être un GeoDataFrame de points ou de polygones, un chemin de fichier, un DataFrame avec lat/lon ou zone_communes, ou une liste de codes INSEE ; reçu : {got}.",
        "candidates_none": "'candidates' ne contient aucun candidat : rien à évaluer.",
        "candidates_no_id": "{label} : il manque la colonne candidat_id (ou id, identifiant) ; colonnes présentes : {columns}. Donnez un identifiant à chaque candidat : les choix de sites les nomment par leur identifiant.",
        "f_no_id_candidate": "Donnez un identifiant à chaque candidat.",
        "f_repeated_id_candidate": "Chaque candidat a besoin de son propre identifiant ; fusionnez les doublons.",
        "p_candidate_codes": "codes INSEE mal formés",
        "f_candidate_codes": "Écrivez les codes de 5 caractères séparés par ';', par ex. '31555;31069' (gardez le zéro initial).",
        "p_candidate_latlon": "candidat sans lat/lon ou avec une lat/lon non numérique",
        "f_candidate_latlon": "Donnez des degrés WGS84, par ex. lat 43.6045, lon 1.4440, ou des communes.",
        "p_candidate_range": "lat/lon qui ne sont pas des degrés (latitude de -90 à 90, longitude de -180 à 180)",
        "f_candidate_range": "Des mètres (Lambert-93) ? Donnez des degrés WGS84, ou un GeoPackage avec son système de coordonnées.",
        "candidates_no_zone": "{label} : des candidats n'ont ni localisation ni zone_communes ({cells}). Donnez un point, un polygone ou des communes.",
        "candidates_geometry": "{label} devrait contenir des points ou des polygones, mais les candidats {ids} ont d'autres géométries (lignes, collections).",
        "candidates_empty_codes": "{label} : des codes sont vides (positions {positions} de la liste).",
        "no_geometry": "Le fichier {what} '{path}' n'a pas de géométrie (un tableau, CSV ou Excel ?) : donnez une couche de contours (GeoJSON, GeoPackage, shapefile ou shapefile zippé).",
        "no_header_row": "Le fichier {what} '{path}' n'a pas de ligne {row} (header_row, --ligne-entete) : il a {n} lignes.",
        "in_sheet": " (feuille '{sheet}' ; feuilles du classeur : {sheets})",
        "header_no_data": "Le fichier {what} '{path}' a un en-tête (ligne {line}) mais aucune ligne de données{in_sheet}.",
        "shifted_line": "ligne {line} (+{n} {cells})",
        "cell_one": "cellule",
        "cell_many": "cellules",
        "shifted": "Le fichier {what} '{path}' a des lignes plus longues que l'en-tête : {shown}. Une cellule contient sans doute le séparateur du fichier (par ex. « 59360 ; 59350 » sans guillemets dans un CSV séparé par ';'), ce qui décale les colonnes suivantes. Mettez la cellule entre guillemets (\"59360 ; 59350\") ou séparez les codes par des virgules ou des espaces.",
        "ids_missing": "{source} : des lignes n'ont pas d'identifiant (colonne {name}, {cells}). Donnez un identifiant à chaque {noun}.",
        "ids_repeated": "{source} : le même identifiant sert plusieurs fois (colonne {name}) : {shown} ({cells}). Chaque {noun} a besoin de son propre identifiant ; fusionnez les lignes en double.",
        "bad_radius": "{source} : des rayons ne sont pas des nombres de mètres supérieurs à 0 (colonne {name}, {cells}). Écrivez le rayon en mètres, supérieur à 0 (ex. 500, 1 000 ou 250,5), ou laissez la cellule vide.",
        "no_latlon": "{source} : des {noun}s n'ont pas de lat/lon ou une lat/lon non numérique (colonnes lat et lon, {cells}). Donnez des degrés WGS84, par ex. lat 43.6045, lon 1.4440.",
        "latlon_range": "{source} : des lat/lon ne sont pas des degrés (colonnes lat et lon, {cells}) : la latitude va de -90 à 90 et la longitude de -180 à 180. Des mètres (Lambert-93) ? Donnez des degrés WGS84, ou un fichier GeoPackage avec son système de coordonnées.",
        "latlon_swapped": "{source} : lat et lon semblent inversées pour des {noun}s (colonnes lat et lon, {cells}) : en France la latitude va de 41 à 51 et la longitude de -5 à 10. Échangez les deux colonnes.",
        "mixed_encodings": "{label} mélange deux encodages : {n} ligne(s) en Windows-1252 (Latin-1), lignes {shown}{more}, les autres en UTF-8. Chaque ligne a été lue dans son encodage ; vérifiez les accents de ces lignes, puis enregistrez le fichier en « CSV UTF-8 » pour ne plus avoir ce message.",
        "not_a_workbook": "Impossible de lire le fichier {what} '{path}' comme classeur Excel ({exc}). Enregistrez-le à nouveau en .xlsx, ou exportez la feuille en CSV.",
        "no_worksheet": "Le classeur {what} '{path}' n'a aucune feuille de calcul.",
        "glued_header": "{label} : la ligne d'en-tête (ligne {line}) a moins de cellules que chacune des lignes de données, et ses cellules {glued} contiennent un autre séparateur que {name}, celui du fichier. Séparez ces en-têtes par {name} (un nom de colonne par cellule), puis relancez.",
        "merged_refused": "{where} : cellules fusionnées sur plusieurs colonnes ou sur la ligne d'en-tête (ligne {line}) : {blocks}. Seule la première cellule d'un bloc fusionné porte une valeur : les autres seraient lues vides. Défusionnez ces cellules (Accueil > Fusionner et centrer), puis donnez à chaque colonne son en-tête et à chaque ligne sa valeur.",
        "merged_filled": "{where} : cellules fusionnées sur plusieurs lignes : {blocks}. La valeur de la première cellule de chaque bloc est reprise sur chaque ligne du bloc ; vérifiez que c'est voulu, sinon défusionnez ces cellules et remplissez chaque ligne.",
        "uncomputed_formulas": "{where} : {n} cellule(s) contiennent une formule sans valeur calculée enregistrée : {cells}. Elles sont lues vides. Le classeur a sans doute été écrit par un programme sans être ouvert dans un tableur : ouvrez-le dans Excel ou LibreOffice, enregistrez-le, puis relancez.",
        "excel_errors": "{where} : {n} cellule(s) affichent une erreur Excel : {cells}. Elles sont lues vides. Corrigez les formules ou les valeurs, puis relancez.",
        "no_sheet_number": "Le classeur '{path}' n'a pas de feuille n° {sheet} ; feuilles : {sheets}.",
        "no_sheet_name": "Le classeur '{path}' n'a pas de feuille '{sheet}' ; feuilles : {sheets}. Donnez l'une d'elles (sheet=..., ou --feuille).",
        "unread_code_column": "{label} : {role} est lu dans la colonne {used!r} ; colonne(s) non lue(s) qui portent aussi des codes : {parts}. Vérifiez que c'est la bonne.",
        "to_read_it": "{column!r} (pour la lire : columns={{{column!r}: {role!r}}})",
        "mean_close": " Voulez-vous dire {close} ?",
        "no_insee_column": "Le fichier des communes '{path}' n'a pas de colonne de code INSEE (attendu : code_insee, INSEE_COM ou code) ; il a {columns}.{hint}",
        "infinite_population": "Le fichier '{name}' a {n} population(s) infinie(s) (colonne population) : {shown}. Écrivez le nombre d'habitants (ex. 1 250), ou laissez la cellule vide si elle est inconnue.",
        "no_qpv_column": "Le fichier des QPV '{source}' n'a pas de colonne de code de QPV (attendu : CODE_QP, code_qp ou code_qpv) ; il a {columns}.{hint} Est-ce un fichier de QPV ?",
        "indicators_no_code": "La table des indicateurs des QPV '{name}' n'a pas de colonne de code de QPV (attendu : code_qp, code_qpv, CODGEO, « Code QPV »...) ; elle a {columns}.{hint} Pour lire une autre colonne : columns={{'En-tête': 'code_qpv'}}.",
        "indicators_bad_codes": "La table des indicateurs des QPV '{name}' : {n} cellule(s) de la colonne {column!r} ne sont pas des codes de QPV (QP + 6 caractères pour 2015, QN + 6 pour 2024) : {shown}. Corrigez-les ou retirez ces lignes.",
        "indicators_no_population": "La table des indicateurs des QPV '{name}' n'a pas de colonne de population (attendu : pop_mun, population, « Population municipale »...) ; elle a {columns}.{hint} Pour lire une autre colonne : columns={{'En-tête': 'population'}}.",
        "indicators_duplicates": "La table des indicateurs des QPV '{name}' donne plusieurs lignes pour {n} QPV : {ids}. La première ligne de chacun est gardée ; retirez les autres.",
        "indicators_no_population_for": "Pas de population pour {n} QPV dans la table des indicateurs '{name}' : {ids}. Leur population reste vide : les tableaux les comptent à part, et ils ne pèsent rien dans un choix de sites par population. Vérifiez les codes (même génération de QPV que la couche).",
        "indicators_unread_codes": "Table des indicateurs des QPV '{name}' : le code de QPV est lu dans la colonne {used!r} ; colonne(s) non lue(s) qui portent aussi des codes de QPV : {parts}. Vérifiez que c'est la bonne (QPV 2015 « QP... » ou 2024 « QN... »).",
        "indicators_format": "La table des indicateurs des QPV '{source}' n'est ni un CSV ni un classeur Excel (.csv, .xlsx) : enregistrez-la dans l'un de ces formats.",
        "territories_columns": "Le fichier des territoires '{source}' n'a pas la colonne {missing} ; il a {columns}.{hint} Colonnes attendues : code (code INSEE de commune ou SIREN d'EPCI ; aussi code_insee, siren, epci) et territoire.",
        "more_lines": " (+{n} autres)",
        "tab": "la tabulation",
        "merged_columns": "{name} (colonnes {columns})",
        "merged_value": "{name} (colonne {column}, valeur {value})",
        "line_value": "ligne {line} ({value!r})",
        "code_value": "{code} ({value!r})",
        "to_read_as_code": "{column!r} (pour la lire comme code : columns={{{column!r}: 'code_qpv'}})",
        "no_header": "{letter} sans en-tête",
        "qpv_file_label": "Fichier des QPV '{source}'",
    },
    "en": {
        "not_found": "{what} file not found: '{path}'. Check the path (current folder: '{cwd}').",
        "folder": (
            "'{path}' is a folder; give the {what} file itself (.geojson, .gpkg, .shp, .zip, "
            ".csv, .xlsx)."
        ),
        "vector": (
            "Cannot read the {what} file '{path}' as a vector layer ({exc}). Expected a "
            "GeoJSON, GeoPackage, shapefile (with its .shx/.dbf/.prj) or a zipped shapefile."
        ),
        "empty_layer": "The {what} file '{path}' holds no feature (empty layer).",
        "excel": (
            "Cannot read the {what} file '{path}' as an Excel workbook ({exc}). Save it again "
            "as .xlsx, or export the sheet to CSV."
        ),
        "empty": "The {what} file '{path}' is empty.",
        "file_label": "The {what} file '{path}'",
        "summary_read": "columns read: {read}",
        "summary_unread": "not read: {columns}",
        "summary_sheet": "sheet {sheet}",
        "summary_skipped": "lines left out: {lines}",
        "summary_join": "; ",
        "postcode_entry": "{served}: {ids}",
        "several_layers": (
            "The {what} file '{path}' holds {n} geographic layers: {layers}. avs_geo reads "
            "only one and does not choose for you: {how}, or merge them into one layer "
            "(QGIS: Vector > Data Management Tools > Merge Vector Layers)."
        ),
        "no_such_layer": (
            "The {what} file '{path}' has no layer {layer}; its geographic layers: {layers}."
        ),
        "no_layer_at_all": "none",
        "layer_how": "choose it with layer={example} (Python)",
        "layer_how_cli": " or {option} {name} (avs-geo)",
        "layer_objects": " ({n} feature{s})",
        "csv": (
            "Cannot read the {what} file '{path}' as CSV ({exc}). Expected one header line "
            "and one row per item, separated by ';' or ','."
        ),
        "no_row": "The {what} file '{path}' holds a header but no row.",
        "no_crs": (
            "The {what} file '{path}' has no CRS (no .prj for a shapefile). Add it, e.g. in "
            "QGIS 'Assign projection', or with geopandas: gdf.set_crs('EPSG:2154') when the "
            "coordinates are Lambert-93 metres, gdf.set_crs('EPSG:4326') for "
            "longitude/latitude."
        ),
        "outside_france": (
            "{n} features of the {what} file '{path}' lie outside France once read in its "
            "declared CRS ({crs}): {ids}. Check the declared CRS (Lambert-93 metres declared "
            "as degrees, or the reverse) and that x/longitude and y/latitude are not swapped."
        ),
        "unknown_codes": (
            "{n} structures of '{source}' name {layer} codes (column {column}) that the "
            "{layer} layer does not hold: {shown}{more}. Check the codes (INSEE codes of the "
            "Code officiel géographique; QPV codes of the same generation as the QPV layer) "
            "or load the {layer} of every department the zones reach."
        ),
        "not_points": (
            "The structures file '{source}' should locate each structure by a point, but {n} "
            "rows hold other shapes: {ids}. Put drawn zones in a separate perimeters file "
            "(load_structures(..., perimeters='perimetres.gpkg'))."
        ),
        "perimeters_no_id": (
            "The perimeters '{name}' lack the column structure_id that links each polygon to "
            "its structure; they have {columns}."
        ),
        "perimeters_unknown": (
            "The perimeters '{name}' name structure_id values absent from the structures "
            "file: {ids}. Add these structures or correct the ids."
        ),
        "absurd_coordinates": (
            "{n} features of the {what} file '{path}' have coordinates out of reach of any "
            "coordinate system (beyond ±{limit} or infinite): features {rows} (counted from "
            "1, in the order of the file). Correct or delete these features (QGIS: Vector > "
            "Geometry Tools > Check Validity)."
        ),
        "no_departement_communes": (
            "No commune of departement {wanted} in '{source}'; it holds {have}."
        ),
        "embedded_communes": (
            "The embedded communes do not cover departement {unknown}; they cover {have}. "
            "Give the path of an IGN Admin Express file for the others."
        ),
        "bad_insee": (
            "The communes file '{path}' holds codes that are not INSEE commune codes (5 "
            "characters, e.g. '59350', '2A004') in column code_insee: {codes}."
        ),
        "duplicate_insee": (
            "'{source}' holds {n} INSEE codes more than once: {codes}. Dissolve the pieces of "
            "a commune into one feature (geopandas: gdf.dissolve('code_insee'))."
        ),
        "communes_layer": "communes file {path}",
        "communes_layer_reprojected": "communes file {path} (after reprojection)",
        "qpv_layer": "QPV file {path}",
        "qpv_layer_reprojected": "QPV file {path} (after reprojection)",
        "qpv_no_code": (
            "The QPV file '{source}' has {n} features with no code (column code_qpv, "
            "features {rows}). Every QPV needs its official code."
        ),
        "bad_qpv_codes": (
            "The QPV file '{source}' holds codes that are not QPV codes (QP + 6 characters "
            "for 2015, QN + 6 for 2024): {codes}."
        ),
        "qpv_file": "The QPV file '{source}'",
        "duplicate_qpv": (
            "The QPV file '{source}' holds {n} codes more than once: {codes}. Dissolve the "
            "pieces of one QPV into one feature (a QPV may be a multipolygon)."
        ),
        "no_departement_qpv": (
            "No QPV of departement {wanted} in '{source}'; it holds the departements {have}."
        ),
        "indicators_columns": (
            "The indicators table '{name}' lacks {missing} (expected the QPV code as code_qp "
            "and the population as pop_mun); it has {columns}."
        ),
        "no_population": (
            "No population for {n} QPV in '{name}': {codes}. Their population stays empty "
            "(NaN): population tables count them apart."
        ),
        "structures_label": "Structures file '{source}'",
        "postcode_both": "{code}: INSEE code of {own}, postcode of {others}",
        "p_postcode_both": "code that is both an INSEE code and a postcode, in a file that uses postcodes",
        "f_postcode_both": "Write the INSEE code (or the name) of each commune meant.",
        "postcodes_widened": (
            "{label}: postcode(s) read as a zone, each for every commune it serves: "
            "{shown}. Write the INSEE codes of the communes meant if the zone covers only "
            "some of them."
        ),
        "hidden_sheets": (
            "{label}: hidden sheet(s) not read: {sheets}. To read one, give its name: "
            "sheet='...' (Python) or --feuille '...' (avs-geo)."
        ),
        "totals": "{label}: total line(s) left out: {lines}.",
        "unnamed_headers": "{label}: {n} header cell(s) with no name ({cells}) on line {line}, though the column holds values: merged or empty cells. Keep one header line with a name per column (unmerge). Columns read: {columns}.",
        "did_you_mean": "for {role}, did you mean {close}? (columns={{{first!r}: {role!r}}} or rename the header)",
        "sheets": " Sheets of the workbook: {sheets} (read: '{sheet}'; choose one with sheet=... or --feuille).",
        "missing_columns": "{label}: the column(s) {missing} are missing; header read on line {line}: {columns}.{did_you_mean}{sheets} Expected columns: structure_id, nom, type, lat and lon (or x and y in Lambert-93, or commune), date_agrement, date_fin, zone_communes, zone_qpv, zone_rayon_m (README, 'Fichier des structures').",
        "p_no_id": "row with no id",
        "f_no_id": "Give each structure an id.",
        "p_repeated_id": "repeated id",
        "f_repeated_id": "Each structure needs an id of its own; merge the duplicates.",
        "line_id": "line {line}",
        "p_type": "unknown type",
        "f_type": "Write 'CS', 'Centre social', 'EVS' or 'Espace de vie sociale'.",
        "p_date": "unreadable date ({reason})",
        "f_date": "Write the dates {forms}; an empty date_fin or 31/12/9999 means no end.",
        "p_inverted": "agreement that ends before it starts (date_fin < date_agrement)",
        "f_inverted": "Swap or correct the dates.",
        "p_bad_codes": "malformed {what}",
        "f_bad_codes": "Write the {what} separated by ';', e.g. {example} (an INSEE code has 5 characters: keep the leading zero), or the names.",
        "p_names_no_layer": "{layer} names instead of codes, with no {layer} layer to read them",
        "f_names_no_layer": "Pass the layer ({argument}=...) or write the {what}.",
        "p_unknown_name": "{layer} name unknown to the {layer} layer",
        "f_unknown_name": "Correct the name or write the code ({what}).",
        "p_ambiguous_name": "name shared by several {layer}",
        "f_ambiguous_name": "Write the code of the one you mean ({what}).",
        "did_you_mean_name": " (did you mean {name}?)",
        "codes_insee": "INSEE codes",
        "codes_qpv": "QPV codes",
        "codes_twice": "{label}: codes written twice in column {column}, counted once: {shown}.",
        "p_radius": "radius that is not a number of metres above 0",
        "f_radius": "Write the radius in metres, above 0 (e.g. 500, 1 000 or 250,5), or leave the cell empty.",
        "no_location": "{label}: structures with no location: {ids}. Give a point or lat/lon.",
        "p_coordinate": "coordinate that is not a number",
        "f_coordinate": "Write WGS84 degrees (lat 50,6292; lon 3,0573) or Lambert-93 metres in x and y.",
        "p_unlocated": "structure with no location",
        "f_unlocated": "Give lat and lon (WGS84 degrees), x and y (Lambert-93), or the commune of the structure (column commune or code_insee) to place it at the centre of its commune.",
        "p_degrees_range": "coordinates outside degrees (latitude from -90 to 90, longitude from -180 to 180)",
        "f_degrees_range": "Lambert-93 metres? Put them in columns x and y.",
        "p_lambert_range": "x/y that are not Lambert-93 metres of metropolitan France",
        "f_lambert_range": "x goes from 0 to 1 300 000 and y from 6 000 000 to 7 200 000; degrees? Put them in lat and lon.",
        "p_swapped": "lat and lon swapped on this row (in France the latitude goes from 41 to 51 and the longitude from -5 to 10)",
        "f_swapped": "Swap lat and lon on these rows only.",
        "low_score": "{label}: address poorly recognised by the national address base geocoder (result_score < {limit}) for {n} structure(s): {shown}. Check their position (column result_label) or give lat and lon.",
        "p_commune_no_layer": "structure with no coordinates, to be placed by its commune, but no communes layer",
        "f_commune_no_layer": "Pass the communes layer (communes=load_communes(...)) or give lat and lon.",
        "p_unknown_commune": "commune unknown to the communes layer",
        "f_unknown_commune": "Write the INSEE code (5 characters) or the exact name of the commune.",
        "approximate": "{label}: {n} structure(s) with no coordinates placed at the centre of their commune: {ids} (column position_approchee). Distances and the map are approximate for them; give lat and lon to make them exact.",
        "perimeters_layer": "perimeters {name}",
        "problems_head": (
            "{label}: {n} {problem_word} of {kinds} {kind_word}; correct them and run again "
            "(the whole list is in error.problems)."
        ),
        "problem_one": "problem",
        "problem_many": "problems",
        "kind_one": "kind",
        "kind_many": "kinds",
        "problems_line": "line {line}: {value}",
        "problems_kind": "- {problem} (column {column}): {shown}{more}. {fix}",
        "problems_more": " (+{n} more)",
        "empty_cell": "(empty)",
        "case_clash_file": "The file '{source}'",
        "case_clash_table": "The table",
        "case_clash": "{where} has columns that differ only by case or accents ({pairs}): avs_geo cannot choose. Keep one of these columns, or rename the other (for example by adding _2).",
        "unused_column": "{column!r} (looks like {roles}; to read it: columns={{{column!r}: {role!r}}})",
        "unused_columns": "{label}: column(s) not read: {parts}. Check that they do not change the result.",
        "vintage": "Unknown commune vintage: {got!r}. Vintages available: {vintages} (or None to keep the codes of the file).",
        "not_in_vintage": "{n} commune code(s) of '{source}' are neither communes of the vintage {vintage} nor former communes merged into one of them: {codes}. Check the INSEE codes of the file or choose another vintage.",
        "no_contour": "{n} commune(s) of the vintage {vintage} in the departments of '{source}' have no outline in this file: {codes}. They are missing from the communes loaded (zones, white zones): use a communes layer that holds them.",
        "territories_table": "The territories file '{source}' should be a CSV or Excel table (columns code and territoire).",
        "territories_bad_codes": "codes that are neither an INSEE commune code (5 characters, e.g. '59350') nor an EPCI SIREN (9 digits): {cells}",
        "territories_cell": "line {line}: {value}",
        "territories_no_name": "lines with no territory: {lines}",
        "territories_cells": "The territories file '{source}' has cells to correct: {problems}.",
        "territories_unknown": "The territories file '{source}' has {n} code(s) that are neither a commune nor an EPCI of the vintage {years}: {cells}. Check the codes (SIREN of the EPCI, INSEE code of the commune).",
        "territories_or": " or ",
        "territories_and": " and ",
        "territories_twice": "{code} (lines {lines}) in {names}",
        "territories_via_epci": "commune {code} (line {line}) in {territory} and, through its EPCI {siren}, in {other}",
        "territories_conflicts": "The territories file '{source}' places {n} commune(s) or EPCI in two territories: {shown}{more}. Each commune belongs to one territory only: correct these lines.",
        "territories_no_siren": "The territories are given by EPCI but the communes have no column epci_siren: load the communes of a vintage, avs_geo.load_communes(..., vintage=2022).",
        "line_one": "line",
        "line_many": "lines",
        "cells_shown": "{lines}: {items}",
        "candidates_label": "Candidates file '{source}'",
        "candidates_frame": "Frame 'candidates'",
        "candidates_codes": "List of candidate communes",
        "candidates_unlocated": "{label} locates no candidate: it needs the columns lat and lon (WGS84 degrees), a point or polygon geometry, or zone_communes (INSEE codes); columns present: {columns}.",
        "candidates_frame_unlocated": "{label}: a DataFrame with no location; give lat and lon (WGS84 degrees) or zone_communes (INSEE codes), or pass a GeoDataFrame. Columns present: {columns}.",
        "candidates_type": "'candidates' should be a GeoDataFrame of points or polygons, a file path, a DataFrame with lat/lon or zone_communes, or a list of INSEE codes; got: {got}.",
        "candidates_none": "'candidates' holds no candidate: nothing to score.",
        "candidates_no_id": "{label}: the column candidat_id (or id, identifiant) is missing; columns present: {columns}. Give each candidate an id: the site choices name them by their id.",
        "f_no_id_candidate": "Give each candidate an id.",
        "f_repeated_id_candidate": "Each candidate needs an id of its own; merge the duplicates.",
        "p_candidate_codes": "malformed INSEE codes",
        "f_candidate_codes": "Write the 5-character codes separated by ';', e.g. '31555;31069' (keep the leading zero).",
        "p_candidate_latlon": "candidate with no lat/lon or a non-numeric lat/lon",
        "f_candidate_latlon": "Give WGS84 degrees, e.g. lat 43.6045, lon 1.4440, or communes.",
        "p_candidate_range": "lat/lon that are not degrees (latitude from -90 to 90, longitude from -180 to 180)",
        "f_candidate_range": "Metres (Lambert-93)? Give WGS84 degrees, or a GeoPackage with its coordinate system.",
        "candidates_no_zone": "{label}: candidates with neither location nor zone_communes ({cells}). Give a point, a polygon or communes.",
        "candidates_geometry": "{label} should hold points or polygons, but the candidates {ids} hold other geometries (lines, collections).",
        "candidates_empty_codes": "{label}: empty codes (positions {positions} of the list).",
        "no_geometry": "The {what} file '{path}' has no geometry (a table, CSV or Excel?): give a layer of outlines (GeoJSON, GeoPackage, shapefile or zipped shapefile).",
        "no_header_row": "The {what} file '{path}' has no line {row} (header_row, --ligne-entete): it has {n} lines.",
        "in_sheet": " (sheet '{sheet}'; sheets of the workbook: {sheets})",
        "header_no_data": "The {what} file '{path}' has a header (line {line}) but no data row{in_sheet}.",
        "shifted_line": "line {line} (+{n} {cells})",
        "cell_one": "cell",
        "cell_many": "cells",
        "shifted": "The {what} file '{path}' has rows longer than the header: {shown}. A cell probably holds the separator of the file (e.g. '59360 ; 59350' without quotes in a CSV separated by ';'), which shifts the next columns. Put the cell in quotes (\"59360 ; 59350\") or separate the codes by commas or spaces.",
        "ids_missing": "{source}: rows have no id (column {name}, {cells}). Give each {noun} an id.",
        "ids_repeated": "{source}: the same id is used several times (column {name}): {shown} ({cells}). Each {noun} needs its own id; merge the duplicate rows.",
        "bad_radius": "{source}: radii are not numbers of metres above 0 (column {name}, {cells}). Write the radius in metres, above 0 (e.g. 500, 1 000 or 250,5), or leave the cell empty.",
        "no_latlon": "{source}: some {noun} rows have no lat/lon or a non-numeric lat/lon (columns lat and lon, {cells}). Give WGS84 degrees, e.g. lat 43.6045, lon 1.4440.",
        "latlon_range": "{source}: some lat/lon are not degrees (columns lat and lon, {cells}): latitude goes from -90 to 90 and longitude from -180 to 180. Metres (Lambert-93)? Give WGS84 degrees, or a GeoPackage file with its coordinate system.",
        "latlon_swapped": "{source}: lat and lon look swapped for some {noun} rows (columns lat and lon, {cells}): in France latitude goes from 41 to 51 and longitude from -5 to 10. Swap the two columns.",
        "mixed_encodings": "{label} mixes two encodings: {n} line(s) in Windows-1252 (Latin-1), lines {shown}{more}, the others in UTF-8. Each line was read in its encoding; check the accents of these lines, then save the file as 'CSV UTF-8' to stop this message.",
        "not_a_workbook": "The {what} file '{path}' cannot be read as an Excel workbook ({exc}). Save it again as .xlsx, or export the sheet to CSV.",
        "no_worksheet": "The {what} workbook '{path}' has no worksheet.",
        "glued_header": "{label}: the header line (line {line}) has fewer cells than each data line, and its cells {glued} hold another separator than {name}, the file's one. Separate these headers with {name} (one column name per cell), then run again.",
        "merged_refused": "{where}: cells merged over several columns or on the header line (line {line}): {blocks}. Only the first cell of a merged block holds a value: the others would be read empty. Unmerge these cells (Home > Merge & Center), then give each column its header and each row its value.",
        "merged_filled": "{where}: cells merged over several rows: {blocks}. The value of the first cell of each block is repeated on each row of the block; check that this is meant, or else unmerge these cells and fill each row.",
        "uncomputed_formulas": "{where}: {n} cell(s) hold a formula with no saved computed value: {cells}. They are read empty. The workbook was probably written by a program without being opened in a spreadsheet: open it in Excel or LibreOffice, save it, then run again.",
        "excel_errors": "{where}: {n} cell(s) show an Excel error: {cells}. They are read empty. Correct the formulas or the values, then run again.",
        "no_sheet_number": "The workbook '{path}' has no sheet number {sheet}; sheets: {sheets}.",
        "no_sheet_name": "The workbook '{path}' has no sheet '{sheet}'; sheets: {sheets}. Give one of them (sheet=..., or --feuille).",
        "unread_code_column": "{label}: {role} is read from the column {used!r}; unread column(s) that also hold codes: {parts}. Check that it is the right one.",
        "to_read_it": "{column!r} (to read it: columns={{{column!r}: {role!r}}})",
        "mean_close": " Did you mean {close}?",
        "no_insee_column": "The communes file '{path}' has no INSEE code column (expected code_insee, INSEE_COM or code); it has {columns}.{hint}",
        "infinite_population": "The file '{name}' has {n} infinite population(s) (column population): {shown}. Write the number of inhabitants (e.g. 1 250), or leave the cell empty if it is unknown.",
        "no_qpv_column": "The QPV file '{source}' has no QPV code column (expected CODE_QP, code_qp or code_qpv); it has {columns}.{hint} Is it a QPV file?",
        "indicators_no_code": "The QPV indicators table '{name}' has no QPV code column (expected code_qp, code_qpv, CODGEO, 'Code QPV'...); it has {columns}.{hint} To read another column: columns={{'Header': 'code_qpv'}}.",
        "indicators_bad_codes": "The QPV indicators table '{name}': {n} cell(s) of the column {column!r} are not QPV codes (QP + 6 characters for 2015, QN + 6 for 2024): {shown}. Correct them or remove these rows.",
        "indicators_no_population": "The QPV indicators table '{name}' has no population column (expected pop_mun, population, 'Population municipale'...); it has {columns}.{hint} To read another column: columns={{'Header': 'population'}}.",
        "indicators_duplicates": "The QPV indicators table '{name}' gives several rows for {n} QPV: {ids}. The first row of each is kept; remove the others.",
        "indicators_no_population_for": "No population for {n} QPV in the indicators table '{name}': {ids}. Their population stays empty: the tables count them apart, and they weigh nothing in a choice of sites by population. Check the codes (same QPV generation as the layer).",
        "indicators_unread_codes": "QPV indicators table '{name}': the QPV code is read from the column {used!r}; unread column(s) that also hold QPV codes: {parts}. Check that it is the right one (2015 QPV 'QP...' or 2024 'QN...').",
        "indicators_format": "The QPV indicators table '{source}' is neither a CSV nor an Excel workbook (.csv, .xlsx): save it in one of these formats.",
        "territories_columns": "The territories file '{source}' lacks the column {missing}; it has {columns}.{hint} Expected columns: code (INSEE code of a commune or SIREN of an EPCI; also code_insee, siren, epci) and territoire.",
        "more_lines": " (+{n} more)",
        "tab": "the tab",
        "merged_columns": "{name} (columns {columns})",
        "merged_value": "{name} (column {column}, value {value})",
        "line_value": "line {line} ({value!r})",
        "code_value": "{code} ({value!r})",
        "to_read_as_code": "{column!r} (to read it as the code: columns={{{column!r}: 'code_qpv'}})",
        "no_header": "{letter} with no header",
        "qpv_file_label": "QPV file '{source}'",
    },
}
"""Message templates of the readers, by language."""


def file_name(what: str, language: Language | None = None) -> str:
    """How a message names a kind of file: ``'structures'`` -> ``'des structures'``.

    Examples
    --------
    >>> file_name("candidates"), file_name("candidates", "en"), file_name("autre")
    ('des candidats', 'candidates', 'autre')
    >>> file_name("des candidats", "en")
    'candidates'
    """
    key = _FRENCH_KINDS.get(what, what)  # "des structures" as well as "structures"
    return FILE_NAMES[language or get_language()].get(key, what)


def read_message(key: str, language: Language | None = None, **values: object) -> str:
    """A reader's message in ``language`` (default: the current one), with ``what``
    named as a file kind.

    Examples
    --------
    >>> read_message("empty", what="structures", path="s.csv")
    "Le fichier des structures 's.csv' est vide."
    >>> read_message("empty", "en", what="structures", path="s.csv")
    "The structures file 's.csv' is empty."
    """
    language = language or get_language()
    if "what" in values:
        values["what"] = file_name(str(values["what"]), language)
    return READ_MESSAGES[language][key].format(**values)


ROLE_WORDS: dict[str, dict[str, str]] = {
    "fr": {
        "structure_id": "identifiant de la structure",
        "candidat_id": "identifiant du candidat",
        "nom": "nom",
        "type": "type (CS ou EVS)",
        "lat": "latitude (degrés WGS84)",
        "lon": "longitude (degrés WGS84)",
        "x": "X Lambert-93 (mètres)",
        "y": "Y Lambert-93 (mètres)",
        "date_agrement": "début d'agrément",
        "date_fin": "fin d'agrément (incluse)",
        "zone_communes": "zone : communes",
        "zone_qpv": "zone : QPV",
        "zone_rayon_m": "zone : rayon en mètres",
        "commune": "commune de la structure (localisation si pas de coordonnées)",
        "adresse": "adresse (non lue pour situer : géocodez-la)",
        "result_score": "score du géocodeur de la BAN",
        "code_qpv": "code du QPV",
        "population": "population municipale du QPV",
        "nom_qpv": "nom du QPV",
        "communes": "commune(s) du QPV (noms)",
        "code_insee": "code INSEE de la commune",
        "departement": "département",
        "code": "code de commune ou SIREN d'EPCI",
        "territoire": "territoire",
    },
    "en": {
        "structure_id": "structure id",
        "candidat_id": "candidate id",
        "nom": "name",
        "type": "type (CS or EVS)",
        "lat": "latitude (WGS84 degrees)",
        "lon": "longitude (WGS84 degrees)",
        "x": "X Lambert-93 (metres)",
        "y": "Y Lambert-93 (metres)",
        "date_agrement": "start of approval",
        "date_fin": "end of approval (included)",
        "zone_communes": "zone: communes",
        "zone_qpv": "zone: QPV",
        "zone_rayon_m": "zone: radius in metres",
        "commune": "commune of the structure (location when no coordinates)",
        "adresse": "address (not read to locate: geocode it)",
        "result_score": "score of the BAN geocoder",
        "code_qpv": "QPV code",
        "population": "municipal population of the QPV",
        "nom_qpv": "QPV name",
        "communes": "commune(s) of the QPV (names)",
        "code_insee": "INSEE code of the commune",
        "departement": "department",
        "code": "commune code or EPCI SIREN",
        "territoire": "territory",
    },
}
"""What each standard column is used for, as the column report says it."""

COLUMN_REPORT: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Colonnes lues dans '{file}'{where} (en-tête ligne {line}) :",
        "where": ", feuille '{sheet}'",
        "unread_line": "  non lues : {columns}",
        "ignored_line": "  lignes ignorées : {lines}",
        "unread_cell": "non lue",
        "html_title": "Colonnes lues dans",
        "header": "En-tête",
        "column": "Colonne",
        "use": "Usage",
    },
    "en": {
        "title": "Columns read in '{file}'{where} (header line {line}):",
        "where": ", sheet '{sheet}'",
        "unread_line": "  not read: {columns}",
        "ignored_line": "  lines ignored: {lines}",
        "unread_cell": "not read",
        "html_title": "Columns read in",
        "header": "Header",
        "column": "Column",
        "use": "Use",
    },
}
"""Words of the column report (``ColumnReport``): shown in a notebook, printed by the CLI."""
