"""The ``avs-geo`` command line: parse the options, call :mod:`avs_geo.workflows`, print.

No computation lives here: each command calls one job of :mod:`avs_geo.workflows` and
prints what it returns (the sentence of the report, the summary table, the files written).
Errors of the data (:class:`avs_geo.AvsGeoError`) end with exit code 2 and their message,
without a traceback unless ``--debug``; anything else ends with exit code 1.
"""

from __future__ import annotations

import argparse
import codecs
import io
import re
import sys
import traceback
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TextIO

import avs_geo
from avs_geo import workflows
from avs_geo._crs import measured_in
from avs_geo._i18n import language, message
from avs_geo._i18n.cli import MESSAGES as CLI
from avs_geo._optional import optional
from avs_geo.coverage.classify import DEFAULT_FULL_MIN, DEFAULT_NONE_MAX
from avs_geo.datasets import COMMUNE_VINTAGES
from avs_geo.errors import AvsGeoError, AvsGeoWarning, MissingDependencyError, ParameterError
from avs_geo.maps.basemap import TileSource
from avs_geo.read._files import SheetPath
from avs_geo.read.indicators import indicator_weights, read_indicators
from avs_geo.read.structures import structures_columns
from avs_geo.report.evolution import evolution_table
from avs_geo.sites.select import Method
from avs_geo.workflows.coverage import GROUPINGS
from avs_geo.write.text import to_markdown
from avs_geo.zones import active_at

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_OK",
    "build_parser",
    "main",
]

EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130

PROG = "avs-geo"

# Library errors name the Python arguments they are about (AvsGeoError.parameters) and
# the reference layer (AvsGeoError.layer); these lines give the option to use.
# (message ids of avs_geo._i18n.cli, in the language of --langue)
_PARAMETER_HINTS: dict[str, str] = {
    "zones": "hint_perimeters",
    "perimeters": "hint_perimeters",
    "full_min": "hint_thresholds",
    "none_max": "hint_thresholds",
    "date": "hint_date",
    "before": "hint_dates",
    "after": "hint_dates",
    "dates": "hint_dates_list",
    "basemap": "hint_basemap",
}
_LAYER_HINTS: dict[str, str] = {"communes": "hint_communes", "qpv": "hint_qpv"}
# A missing optional dependency names its extra (MissingDependencyError.extra).
_EXTRA_HINTS: dict[str, str] = {"maps": "hint_maps", "optimisation": "hint_optimisation"}

_EXAMPLE_BANNER = (
    "ATTENTION : les structures de cette démonstration sont un réseau d'EXEMPLE fabriqué "
    "pour montrer l'outil (data/structures/exemple_structures_occitanie.csv), PAS le réseau "
    "réel des centres sociaux et EVS, que détient chaque CAF. Les QPV 2015 et les communes "
    "d'Occitanie sont, eux, des données officielles (Licence Ouverte)."
)

# argparse's own messages, in French (the rest of the message is kept as it comes).
_ARGPARSE_FR: tuple[tuple[str, str], ...] = (
    (r"the following arguments are required: (.*)", r"option(s) obligatoire(s) manquante(s) : \1"),
    (r"unrecognized arguments: (.*)", r"argument(s) inconnu(s) : \1"),
    (r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)", r"\1 : choix \2 inconnu (possibles : \3)"),
    (r"argument (\S+): expected one argument", r"\1 : une valeur est attendue"),
    (r"argument (\S+): expected (\d+) arguments", r"\1 : \2 valeurs sont attendues"),
    (r"argument (\S+): expected at least one argument", r"\1 : au moins une valeur est attendue"),
    (r"argument (\S+): invalid (\S+) value: (.*)", r"\1 : valeur invalide \3"),
    (r"argument (\S+): (.*)", r"\1 : \2"),
    (r"ambiguous option: (\S+) could match (.*)", r"option ambiguë \1 (possibles : \2)"),
)  # fmt: skip


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """argparse's help, with French headings."""

    def add_usage(
        self,
        usage: str | None,
        actions: Any,
        groups: Any,
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "Utilisation : " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that speaks French and points to ``--help``."""

    def __init__(self, *args: Any, help_option: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False  # a French -h/--help is added below
        super().__init__(*args, **kwargs)
        self.commands: dict[str, argparse.ArgumentParser] = {}  # the top parser's commands
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        if help_option:  # parents (shared options) have none: each command adds its own
            self.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")

    def error(self, message: str) -> Any:  # argparse hook: never returns
        for pattern, french in _ARGPARSE_FR:
            if re.fullmatch(pattern, message):
                message = re.sub(pattern, french, message)
                break
        self.print_usage(sys.stderr)
        self.exit(
            EXIT_BAD_INPUT,
            f"Erreur : {message}\nAide : {self.prog} --help\n",
        )


_ZONES_DEPRECATED = (
    "--zones est remplacé par --perimetres depuis avs_geo 0.2 et sera retiré en 0.3 : "
    "écrivez --perimetres FICHIER pour les périmètres dessinés."
)


_METHODS: dict[str, Method] = {"glouton": "greedy", "exacte": "exact"}
_WEIGHTS = {"population": "population", "surface": "area"}
_DEMANDS = {"qpv": "qpv", "communes": "communes", "les-deux": "both"}


def _number(text: str) -> float:
    """A number as typed: ``0.95``, ``0,95`` or ``500``."""
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} n'est pas un nombre (écrire par exemple 0,95 ou 0.95)"
        ) from None


def _count(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} n'est pas un nombre entier") from None


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``avs-geo`` and its commands (``couverture``, ``comparer``, ``evolution``,
    ``sites``, ``demo``)."""
    debug = _Parser(help_option=False)
    debug.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="afficher le détail technique (traceback) en cas d'erreur",
    )

    inputs = _Parser(help_option=False)
    group = inputs.add_argument_group("données d'entrée")
    group.add_argument(
        "--structures",
        metavar="FICHIER",
        required=True,
        help="fichier des structures (centres sociaux, EVS) : CSV, Excel, GeoJSON ou "
        "GeoPackage, une ligne par structure",
    )
    group.add_argument(
        "--feuille",
        metavar="NOM",
        help="feuille du classeur Excel des structures (par défaut : celle qui porte les "
        "colonnes attendues)",
    )
    group.add_argument(
        "--ligne-entete",
        metavar="N",
        type=int,
        help="ligne de l'en-tête dans le fichier des structures, comptée comme dans le "
        "tableur (par défaut : trouvée seule, les lignes de titre au-dessus sont sautées)",
    )
    group.add_argument(
        "--perimetres",
        metavar="FICHIER",
        help="périmètres dessinés de certaines structures (GeoJSON, GeoPackage...), "
        "reliés par structure_id",
    )
    group.add_argument(
        "--zones",
        metavar="FICHIER",
        help="ancien nom de --perimetres (obsolète, retiré en 0.3)",
    )
    group.add_argument(
        "--qpv",
        metavar="FICHIER",
        help="contours des QPV (fichier de l'ANCT) ; par défaut les QPV 2015 d'Occitanie embarqués",
    )
    group.add_argument(
        "--indicateurs",
        metavar="FICHIER",
        help="table de l'INSEE par QPV (CSV ou Excel) : code du QPV et population "
        "municipale, jointes par code ; ses autres colonnes numériques (taux de pauvreté, "
        "allocataires...) servent de poids avec --poids COLONNE",
    )
    group.add_argument(
        "--couche",
        metavar="NOM",
        help="couche du fichier des QPV à lire quand il en a plusieurs (GeoPackage, zip de "
        "plusieurs shapefiles) ; sans elle, un tel fichier est refusé avec la liste de ses "
        "couches",
    )
    group.add_argument(
        "--communes",
        metavar="FICHIER",
        help="contours des communes (IGN Admin Express) ; par défaut les communes "
        "embarquées (Occitanie, Nord, Pas-de-Calais, Val-d'Oise)",
    )
    group.add_argument(
        "--departement",
        metavar="CODE",
        nargs="+",
        help="ne garder que les QPV de ce(s) département(s), ex. 31 ou 31 34 (toutes les "
        "structures comptent)",
    )
    group.add_argument(
        "--crs",
        metavar="EPSG",
        help="imposer la projection de travail, ex. 3949 (Lambert CC49) ; elle doit être "
        "conforme, en mètres et juste là où sont les QPV. Par défaut, chaque territoire "
        "est mesuré dans sa projection officielle : Lambert-93 (2154) en métropole, 5490 "
        "aux Antilles, 2972 en Guyane, 2975 à La Réunion, 4471 à Mayotte",
    )
    group.add_argument(
        "--crs-fichiers",
        metavar="EPSG",
        help="système de coordonnées des fichiers géographiques qui n'en déclarent pas "
        "(shapefile sans .prj), ex. 2975 ; jamais appliqué à un fichier qui déclare le sien",
    )

    method = _Parser(help_option=False)
    group = method.add_argument_group("méthode et sorties")
    group.add_argument(
        "--seuils",
        metavar=("TOTAL_MIN", "AUCUN_MAX"),
        nargs=2,
        type=_number,
        default=[DEFAULT_FULL_MIN, DEFAULT_NONE_MAX],
        help="un QPV est couvert en totalité si son taux ≥ TOTAL_MIN, non couvert si son "
        "taux ≤ AUCUN_MAX (défaut : 0.95 0.05, soit 5 %% de tolérance pour les contours "
        "qui ne se superposent pas exactement)",
    )
    group.add_argument(
        "--sortie",
        metavar="DOSSIER",
        required=True,
        help="dossier où écrire les fichiers (créé au besoin ; les fichiers de même nom "
        "sont remplacés tous ensemble, à la fin, avec un manifeste.json ; une erreur ou "
        "Ctrl+C laissent les précédents intacts)",
    )
    group.add_argument(
        "--langue",
        choices=("fr", "en"),
        default="fr",
        help="langue des tableaux, des cartes et des messages d'erreur (défaut : fr)",
    )
    group.add_argument(
        "--sans-cartes",
        action="store_true",
        help="ne pas dessiner les cartes (plus rapide ; pas besoin de l'extra maps)",
    )

    grouping = _Parser(help_option=False)
    group = grouping.add_argument_group("communes, EPCI et territoires")
    group.add_argument(
        "--millesime",
        type=int,
        choices=COMMUNE_VINTAGES,
        help="communes de cette année (codes actuels, EPCI, population) : un code de commune "
        "ancien dans le fichier des structures est remplacé par sa commune actuelle, avec un "
        "avertissement ; avec couverture, les communes sans offre (zones blanches) sont "
        "mesurées (défaut avec --par epci, --territoires ou --demande communes : le plus "
        "récent)",
    )
    group.add_argument(
        "--territoires",
        metavar="FICHIER",
        help="territoires de la CAF : CSV ou Excel, code de commune ou SIREN d'EPCI -> "
        "territoire (colonnes code et territoire)",
    )
    group.add_argument(
        "--par",
        choices=GROUPINGS,
        help="regrouper les tableaux de synthèse par EPCI, territoire, commune ou département",
    )

    parser = _Parser(
        prog=PROG,
        description=(
            "Couverture des quartiers prioritaires (QPV) par les centres sociaux et les "
            "espaces de vie sociale (EVS).\n\n"
            "Pour commencer : avs-geo demo --sortie sortie\n"
            "Aide d'une commande : avs-geo COMMANDE --help"
        ),
        epilog=(
            "Codes de sortie : 0 succès ; 2 données ou options à corriger, dossier de sortie "
            "compris (le message dit quoi) ; 1 erreur inattendue (relancer avec --debug) ; "
            "130 interrompu (Ctrl+C), les fichiers précédents intacts."
        ),
        parents=[debug],
    )
    parser.add_argument(
        "--version", action="version", version=f"avs_geo {avs_geo.__version__}",
        help="afficher la version et quitter",
    )  # fmt: skip
    commands = parser.add_subparsers(
        title="commandes", metavar="COMMANDE", dest="command", parser_class=_Parser
    )

    coverage = commands.add_parser(
        "couverture",
        parents=[inputs, method, grouping, debug],
        help="couverture des QPV à une date : tableaux, classeur Excel, cartes, GeoPackage",
        description=(
            "Mesure la part de chaque QPV couverte par les zones d'intervention des "
            "structures agréées à la date donnée, classe les QPV (couvert en totalité, "
            "partiellement, non couvert) et écrit les tableaux, le classeur Excel, les "
            "cartes et un GeoPackage pour QGIS."
        ),
        epilog=(
            "Exemple :\n  avs-geo couverture --structures structures.csv --date 31/12/2022 "
            "--sortie resultats"
        ),
    )
    coverage.add_argument(
        "--date",
        metavar="DATE",
        help="date de la situation, 2022-12-31 ou 31/12/2022 : seules les structures agréées "
        "ce jour-là comptent (par défaut : toutes les structures du fichier)",
    )
    coverage.add_argument(
        "--territoire",
        metavar="TEXTE",
        help='comment la phrase du rapport nomme le territoire, ex. "du Nord" (par défaut '
        '"du département" avec --departement)',
    )
    coverage.add_argument(
        "--carte-par-departement",
        action="store_true",
        help="écrire aussi la carte interactive découpée par département : une page par "
        "département (carte_departement_59.html...) et une page d'accueil qui les relie "
        "(carte_index.html), plus légères à ouvrir pour une région ou la France entière",
    )
    group = coverage.add_argument_group("fond de carte (facultatif, il faut le réseau)")
    group.add_argument(
        "--fond-xyz",
        metavar="URL",
        help="adresse d'un service de tuiles XYZ, avec {z}, {x} et {y}, dessiné sous la carte à "
        "imprimer et l'atlas (par défaut : aucun fond, rien n'est téléchargé ; sans réseau, "
        "la carte est faite sans fond, avec un avertissement)",
    )
    group.add_argument(
        "--fond-attribution",
        metavar="TEXTE",
        help='attribution du fond, imprimée au pied de la carte, ex. "© les contributeurs '
        "d'OpenStreetMap\" (obligatoire avec --fond-xyz)",
    )
    coverage.set_defaults(handler=_coverage)

    compare = commands.add_parser(
        "comparer",
        parents=[inputs, method, grouping, debug],
        help="comparer la couverture des QPV à deux dates",
        description=(
            "Calcule la couverture des QPV à deux dates avec le même fichier de structures "
            "(les dates d'agrément décident quelles structures comptent) et écrit "
            "l'évolution de chaque QPV et du tableau de synthèse."
        ),
        epilog=(
            "Exemple :\n  avs-geo comparer --structures structures.csv --avant 31/12/2021 "
            "--apres 31/12/2022 --sortie evolution"
        ),
    )
    compare.add_argument("--avant", metavar="DATE", required=True, help="première date")
    compare.add_argument("--apres", metavar="DATE", required=True, help="seconde date")
    compare.set_defaults(handler=_compare)

    evolution = commands.add_parser(
        "evolution",
        parents=[inputs, method, debug],
        help="couverture des QPV à plusieurs dates : tableau, graphique, carte des changements",
        description=(
            "Calcule la couverture des QPV à chaque date avec le même fichier de structures "
            "(les dates d'agrément décident quelles structures comptent) et écrit le tableau "
            "des classes et de la population couverte à chaque date (CSV et Excel), la classe "
            "de chaque QPV à chaque date, un graphique et la carte des QPV qui changent de "
            "classe entre la première et la dernière date."
        ),
        epilog=(
            "Exemple :\n  avs-geo evolution --structures structures.csv --dates 2019-12-31 "
            "2020-12-31 31/12/2021 31/12/2022 --sortie evolution"
        ),
    )
    evolution.add_argument(
        "--dates",
        metavar="DATE",
        nargs="+",
        required=True,
        help="les dates, dans n'importe quel ordre, 2022-12-31 ou 31/12/2022, chacune une fois",
    )
    evolution.add_argument(
        "--territoire",
        metavar="TEXTE",
        help='comment les titres nomment le territoire, ex. "du Nord" (par défaut "du '
        'département" avec --departement)',
    )
    evolution.set_defaults(handler=_evolution)

    sites = commands.add_parser(
        "sites",
        parents=[inputs, method, grouping, debug],
        help="choisir où implanter de nouvelles structures parmi des sites candidats",
        description=(
            "Mesure la couverture actuelle des QPV, donne à chaque site candidat son score "
            "(population des QPV non couverte qu'il couvrirait, seul ; ou, avec --demande, "
            "les habitants des communes sans offre AVS qu'il atteindrait), puis choisit K "
            "sites ensemble, le réseau existant gardé tel quel, et la couverture qu'ils "
            "donneraient. Avec --grille communes, les candidats sont les communes sans offre."
        ),
        epilog=(
            "Exemples :\n  avs-geo sites --structures structures.csv --candidats candidats.csv "
            "-k 5 --date 31/12/2022 --sortie sites\n"
            "  avs-geo sites --structures structures.csv --grille communes "
            "--communes-par-site 4 --demande les-deux --poids-qpv 2 -k 5 --date 31/12/2022 "
            "--sortie sites_ruraux"
        ),
    )
    group = sites.add_argument_group("sites candidats")
    group.add_argument(
        "--candidats",
        metavar="FICHIER",
        help="sites candidats : CSV ou Excel (candidat_id, nom, lat, lon, ou zone_communes), "
        "GeoJSON ou GeoPackage de points ou de périmètres (ou --grille communes)",
    )
    group.add_argument(
        "--grille",
        choices=("communes",),
        help="faire les sites candidats au lieu de les lire : communes = chaque commune sans "
        "offre AVS des départements des QPV devient un candidat (un EVS rural possible)",
    )
    group.add_argument(
        "--communes-par-site",
        metavar="N",
        type=_count,
        default=1,
        help="avec --grille communes : jusqu'à N communes sans offre contiguës par candidat "
        "(défaut : 1)",
    )
    group.add_argument(
        "-k", metavar="K", type=_count, required=True, help="nombre de sites à choisir"
    )
    group.add_argument(
        "--rayon",
        metavar="METRES",
        type=_number,
        help="rayon de la zone d'un site donné par un point sans zone_rayon_m (défaut : 500)",
    )
    group.add_argument(
        "--methode",
        choices=tuple(_METHODS),
        default="glouton",
        help="glouton : ajoute à chaque fois le site qui apporte le plus (rapide) ; exacte : "
        "optimum du programme linéaire (extra optimisation, PuLP) (défaut : glouton)",
    )
    group.add_argument(
        "--poids",
        metavar="POIDS",
        default="population",
        help="ce que pèse un QPV : population, surface (en hectares), ou le nom d'une "
        "colonne numérique des QPV ou de --indicateurs (défaut : population)",
    )
    group.add_argument(
        "--demande",
        choices=tuple(_DEMANDS),
        help="ce qu'un site doit couvrir : qpv = habitants des QPV non couverts ; communes = "
        "habitants des communes sans offre AVS (zones blanches, population des communes du "
        "millésime) ; les-deux = la somme, pondérée par --poids-qpv et --poids-communes "
        "(défaut : communes avec --grille communes, qpv sinon)",
    )
    group.add_argument(
        "--poids-qpv",
        metavar="POIDS",
        type=_number,
        default=1.0,
        help="avec --demande les-deux : ce que compte un habitant d'un QPV, ex. 2 pour les "
        "compter double (défaut : 1)",
    )
    group.add_argument(
        "--poids-communes",
        metavar="POIDS",
        type=_number,
        default=1.0,
        help="avec --demande les-deux : ce que compte un habitant d'une commune sans offre "
        "(défaut : 1)",
    )
    group.add_argument(
        "--imposes",
        metavar="ID",
        nargs="+",
        help="candidat_id de sites déjà décidés, toujours retenus",
    )
    sites.add_argument(
        "--date",
        metavar="DATE",
        help="date du réseau existant, 2022-12-31 ou 31/12/2022 (par défaut : toutes les "
        "structures du fichier)",
    )
    sites.set_defaults(handler=_sites)

    demo = commands.add_parser(
        "demo",
        parents=[debug],
        help="tout le travail sur les données embarquées (réseau de structures d'EXEMPLE)",
        description=(
            "Couverture au 31/12/2022 des 105 QPV 2015 d'Occitanie par un réseau d'EXEMPLE "
            "de 35 structures, choix de 5 sites parmi 18 candidats d'EXEMPLE, et évolution "
            "de la couverture depuis le 31/12/2021. Les structures ne sont PAS le réseau réel "
            "(chaque CAF détient le sien)."
        ),
    )
    demo.add_argument(
        "--sortie", metavar="DOSSIER", required=True, help="dossier où écrire les fichiers"
    )
    demo.add_argument(
        "--sans-cartes", action="store_true", help="ne pas dessiner les cartes (plus rapide)"
    )
    demo.set_defaults(handler=_demo)

    template = commands.add_parser(
        "modele",
        parents=[debug],
        help="écrire un classeur Excel à remplir avec la liste des structures",
        description=(
            "Écrit un classeur à remplir : une feuille Notice (colonnes, dates, zones), "
            "une feuille Structures avec les en-têtes commentés, une liste déroulante pour "
            "le type, des cellules de date et une ligne d'exemple. avs-geo couverture "
            "--structures le lit tel quel."
        ),
    )
    template.add_argument(
        "--sortie",
        metavar="FICHIER",
        default="modele_structures.xlsx",
        help="classeur à écrire (défaut : modele_structures.xlsx ; remplacé s'il existe)",
    )
    template.set_defaults(handler=_template)
    parser.commands = dict(commands.choices)
    return parser


class _Console:
    """Prints warnings as ``Attention : ...`` and shows a progress bar on a terminal."""

    def __init__(self, *, debug: bool, err: TextIO) -> None:
        self.debug = debug
        self.err = err
        self.bar: Any = None
        self.part_bar: Any = None
        self.seen: set[str] = set()

    def write_err(self, text: str) -> None:
        if self.bar is not None:
            self.bar.write(text, file=self.err)
        else:
            print(text, file=self.err)

    def show_warning(
        self,
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: TextIO | None = None,
        line: str | None = None,
    ) -> None:
        text = str(message)
        if issubclass(category, AvsGeoWarning):
            if text not in self.seen:
                self.seen.add(text)
                self.write_err(f"{_word('warning')}{_word('colon')}{_terminal_safe(text)}")
        elif self.debug:
            self.write_err(warnings.formatwarning(message, category, filename, lineno, line))

    def progress(self, label: str, step: int, total: int) -> None:
        if self.bar is None:
            tqdm = optional("tqdm")  # the "cli" extra; without it, no bar
            if tqdm is None:
                return
            # disable=None: no bar when stderr is not a terminal (logs, tests, CI).
            self.bar = tqdm.tqdm(
                total=total,
                desc=label,
                file=self.err,
                disable=None,
                leave=False,
                bar_format="{desc} : {percentage:3.0f} %|{bar}| étape {n_fmt}/{total_fmt} [{elapsed}]",
            )
        self.bar.total = total
        self.bar.n = step - 1
        self.bar.set_description_str(label)
        self.bar.refresh()

    def __call__(self, label: str, step: int, total: int) -> None:
        """The ``progress`` of a job: the step bar (and :meth:`part` for long steps)."""
        self.progress(label, step, total)

    def part(self, label: str, done: int, total: int) -> None:
        """A second bar under the step bar: the parts of a long step (pages, sheets)."""
        if self.bar is None or getattr(self.bar, "disable", True):
            return
        tqdm = optional("tqdm")
        if tqdm is None:
            return
        if self.part_bar is None:
            self.part_bar = tqdm.tqdm(
                total=total,
                file=self.err,
                disable=None,
                leave=False,
                position=1,
                bar_format="  {percentage:3.0f} %|{bar}| {n_fmt}/{total_fmt} [{elapsed}]",
            )
        self.part_bar.total = total
        self.part_bar.n = done
        self.part_bar.refresh()
        if done >= total:
            self.part_bar.close()
            self.part_bar = None

    def close(self) -> None:
        if self.part_bar is not None:
            self.part_bar.close()
            self.part_bar = None
        if self.bar is not None:
            self.bar.n = self.bar.total
            self.bar.close()
            self.bar = None


@contextmanager
def _console(debug: bool) -> Iterator[_Console]:
    console = _Console(debug=debug, err=sys.stderr)
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.showwarning = console.show_warning
        try:
            yield console
        finally:
            console.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``avs-geo`` with ``argv`` (default: the command line) and return the exit code.

    Examples
    --------
    >>> main(["--version"])
    avs_geo ...
    0
    """
    _tolerant_streams()
    parser = build_parser()
    try:
        args, extra = parser.parse_known_args(argv)
        if extra:  # said by the command's parser: its usage and its --help
            command = getattr(parser, "commands", {}).get(args.command, parser)
            command.error(f"unrecognized arguments: {' '.join(extra)}")
        _renamed_options(parser, args)
    except SystemExit as stop:  # --help, --version, or a usage error (already printed)
        return stop.code if isinstance(stop.code, int) else EXIT_BAD_INPUT
    if args.command is None:
        parser.print_help()
        return EXIT_BAD_INPUT
    debug = bool(getattr(args, "debug", False))
    handler: Callable[[argparse.Namespace, _Console], int] = args.handler
    with _console(debug) as console, language(getattr(args, "langue", "fr")):
        try:
            return handler(args, console)
        except MissingDependencyError as error:  # an extra to install, not a bad input
            return _fail(console, error, debug, EXIT_UNEXPECTED)
        except AvsGeoError as error:
            return _fail(console, error, debug, EXIT_BAD_INPUT)
        except PermissionError as error:
            text = message(CLI, "permission", error=error)
            return _fail(console, error, debug, EXIT_BAD_INPUT, text)
        except ImportError as error:
            return _fail(console, error, debug, EXIT_UNEXPECTED)
        except KeyboardInterrupt:  # the outputs are staged: nothing was replaced
            console.close()
            print(_interrupted(getattr(args, "sortie", None)), file=sys.stderr)
            return EXIT_INTERRUPTED
        except Exception as error:
            text = message(CLI, "unexpected", kind=type(error).__name__, error=error)
            return _fail(console, error, debug, EXIT_UNEXPECTED, text)


def _tolerant_streams() -> None:
    """Print what the console can show: a character its encoding lacks becomes ``?``.

    A Windows console redirected to a file, or an old terminal, writes in cp1252 or
    cp850, which have ``é`` but not ``→`` or ``≥``; without this, printing the summary
    would stop the run with a UnicodeEncodeError after the files are written.
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and codecs.lookup(stream.encoding).name != "utf-8":
            stream.reconfigure(errors="replace")


# Control characters (ANSI escapes, carriage returns, bidirectional overrides) that an id
# or a name in a message could carry: shown as escapes, never sent to the terminal.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")


def _terminal_safe(text: str) -> str:
    r"""``text`` with its control characters shown as escapes (newlines kept).

    Examples
    --------
    >>> _terminal_safe("CS\x1b[2J01\nOK")
    'CS\\x1b[2J01\nOK'
    """
    return _CONTROL.sub(
        lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text
    )


def _interrupted(folder: str | None) -> str:
    """The one line printed on Ctrl+C."""
    where = message(CLI, "interrupted_where", folder=_shown(folder)) if folder else ""
    return message(CLI, "interrupted", where=where)


def _shown(text: object) -> str:
    """``text`` quoted, its control characters as escapes (a terminal never runs them)."""
    return "'" + _terminal_safe(str(text)) + "'"


def _renamed_options(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """``--couche`` needs ``--qpv``; ``--zones``, the old name of ``--perimetres``: warn
    once and use it, or refuse both."""
    if getattr(args, "couche", None) is not None and args.qpv is None:
        parser.error(
            "--couche choisit une couche du fichier des QPV : donnez aussi ce fichier "
            "(--qpv FICHIER --couche NOM)."
        )
    zones = getattr(args, "zones", None)
    if zones is None:
        return
    if args.perimetres is not None:
        parser.error(
            "--zones et --perimetres : --zones est l'ancien nom de --perimetres ; ne donnez "
            "que --perimetres."
        )
    print(f"Attention : {_ZONES_DEPRECATED}", file=sys.stderr)
    args.perimetres = zones


def _fail(
    console: _Console, error: BaseException, debug: bool, code: int, text: str | None = None
) -> int:
    console.close()
    if debug:
        traceback.print_exception(error, file=sys.stderr)
    shown = _terminal_safe(text or str(error))
    print(f"{_word('error')}{_word('colon')}{shown}", file=sys.stderr)
    for hint in _hints(error):
        print(hint, file=sys.stderr)
    return code


def _hints(error: BaseException) -> list[str]:
    """The options that fix ``error``, from its fields (never from its message)."""
    hints: list[str] = []
    if isinstance(error, AvsGeoError):
        hints += [_PARAMETER_HINTS[p] for p in error.parameters if p in _PARAMETER_HINTS]
        if error.layer in _LAYER_HINTS:
            hints.append(_LAYER_HINTS[error.layer])
    extra = getattr(error, "extra", None) if isinstance(error, ImportError) else None
    if isinstance(extra, str) and extra in _EXTRA_HINTS:
        hints.append(_EXTRA_HINTS[extra])
    return [message(CLI, key) for key in dict.fromkeys(hints)]


def _word(key: str) -> str:
    """``Erreur``/``Attention`` (or ``Error``/``Warning`` with ``--langue en``)."""
    return message(CLI, key)


def _structures_file(args: argparse.Namespace) -> Any:
    """The structures file, with its sheet and header line when given."""
    if args.feuille is None and args.ligne_entete is None:
        return args.structures
    return SheetPath(args.structures, sheet=args.feuille, header_row=args.ligne_entete)


def _shared_inputs(args: argparse.Namespace, console: _Console) -> dict[str, Any]:
    """The options every analysis command passes on to its job."""
    return {
        "language": args.langue,
        "progress": console,
        "structures": _structures_file(args),
        "qpv": args.qpv if args.couche is None else SheetPath(args.qpv, layer=args.couche),
        "indicators": args.indicateurs,
        "communes": args.communes,
        "perimeters": args.perimetres,
        "departement": args.departement,
        "crs": args.crs,
        "source_crs": args.crs_fichiers,
        "full_min": args.seuils[0],
        "none_max": args.seuils[1],
    }


def _grouping(args: argparse.Namespace) -> dict[str, Any]:
    """``--par``, ``--millesime`` and ``--territoires``, as the jobs that group take them."""
    return {"by": args.par, "vintage": args.millesime, "territories": args.territoires}


def _print_headline(headline: str, table: Any, args: argparse.Namespace) -> None:
    """A job's headline, then its summary table."""
    print()
    print(headline)
    print()
    print(to_markdown(table, language=args.langue))


def _coverage(args: argparse.Namespace, console: _Console) -> int:
    run = workflows.run_coverage(
        args.sortie,
        **_shared_inputs(args, console),
        **_grouping(args),
        date=args.date,
        territory=args.territoire,
        maps=not args.sans_cartes,
        map_pages=args.carte_par_departement,
        basemap=_basemap(args),
    )
    if args.carte_par_departement and args.sans_cartes:
        print("Avec --sans-cartes, --carte-par-departement n'a rien dessiné.")
    console.close()
    _print_inputs(args, run.inputs, run.zones, run.date)
    if run.date is None:
        print(
            "Sans --date, toutes les structures du fichier comptent, quelles que soient leurs "
            "dates d'agrément."
        )
    _print_summary(run, args.langue)
    _print_files(run.files.values())
    return EXIT_OK


def _basemap(args: argparse.Namespace) -> TileSource | None:
    """The tile source of ``--fond-xyz`` and ``--fond-attribution`` (None without)."""
    if args.fond_xyz is None:
        if args.fond_attribution is not None:
            raise ParameterError(
                message(CLI, "attribution_alone"),
                parameters=("basemap",),
            )
        return None
    return TileSource(args.fond_xyz, args.fond_attribution or "")


def _compare(args: argparse.Namespace, console: _Console) -> int:
    run = workflows.run_comparison(
        args.sortie,
        before=args.avant,
        after=args.apres,
        **_shared_inputs(args, console),
        **_grouping(args),
    )
    console.close()
    _print_inputs(args, run.inputs, None, None)
    _print_headline(run.headline, run.comparison.summary, args)
    _print_files(run.files.values())
    return EXIT_OK


def _evolution(args: argparse.Namespace, console: _Console) -> int:
    run = workflows.run_evolution(
        args.sortie,
        dates=args.dates,
        **_shared_inputs(args, console),
        territory=args.territoire,
        maps=not args.sans_cartes,
    )
    console.close()
    _print_inputs(args, run.inputs, None, None)
    _print_headline(run.headline, evolution_table(run.series, language=args.langue), args)
    _print_files(run.files.values())
    return EXIT_OK


def _sites(args: argparse.Namespace, console: _Console) -> int:
    run = workflows.run_sites(
        args.sortie,
        candidates=args.candidats,
        k=args.k,
        **_shared_inputs(args, console),
        **_grouping(args),
        date=args.date,
        radius_m=args.rayon,
        method=_METHODS[args.methode],
        weight=_WEIGHTS.get(args.poids, args.poids),
        fixed=args.imposes,
        maps=not args.sans_cartes,
        demand=None if args.demande is None else _DEMANDS[args.demande],
        qpv_weight=args.poids_qpv,
        communes_weight=args.poids_communes,
        grid=args.grille,
        grid_communes=args.communes_par_site,
    )
    console.close()
    _print_inputs(args, run.inputs, run.zones, run.date)
    source = args.candidats or f"--grille {args.grille}"
    print(message(CLI, "line_candidates", n=len(run.candidates), source=source))
    _print_headline(run.headline, run.comparison.summary, args)
    print()
    print(_word("report_sentence_sites"))
    print(run.sentence)
    _print_files(run.files.values())
    return EXIT_OK


def _template(args: argparse.Namespace, console: _Console) -> int:
    path = avs_geo.write_template(args.sortie)
    print(f"Modèle écrit : {path}")
    print(
        "Remplissez la feuille « Structures » (la feuille « Notice » dit comment), puis : "
        f'avs-geo couverture --structures "{path}" --sortie resultats'
    )
    return 0


def _demo(args: argparse.Namespace, console: _Console) -> int:
    print(f"avs_geo {avs_geo.__version__} : démonstration sur les données embarquées.")
    print(_EXAMPLE_BANNER)
    print()
    run = workflows.run_demo(args.sortie, maps=not args.sans_cartes, progress=console)
    console.close()
    coverage = run.coverage
    n_all, n_active = len(coverage.inputs.structures), len(coverage.zones)
    print(
        f"Couverture des {len(coverage.coverage)} QPV 2015 d'Occitanie par {n_active} des "
        f"{n_all} structures d'EXEMPLE (celles agréées au 31/12/2022) :"
    )
    print()
    print(to_markdown(coverage.summary))
    print()
    print(f"Sites (candidats d'EXEMPLE) : {run.sites.headline}")
    print()
    print(run.comparison.headline)
    if run.evolution is not None:
        print()
        print(run.evolution.headline)
    print()
    print("Phrase du rapport (réseau d'EXEMPLE) :")
    print(coverage.sentence)
    if run.nord is not None:
        print()
        print("Nord, zones blanches (les six structures d'EXEMPLE créées en 2022) :")
        print(run.nord.sentence)
    _print_files(run.files.values())
    print()
    print(
        "Et ensuite : ouvrez carte_couverture.html dans un navigateur, rapport_couverture.xlsx "
        "dans Excel ou LibreOffice, couverture.gpkg dans QGIS. Avec vos fichiers : "
        "avs-geo couverture --help ; pas à pas : les notebooks du dossier notebooks/."
    )
    return EXIT_OK


def _print_inputs(args: argparse.Namespace, inputs: Any, zones: Any, date: Any) -> None:
    embedded = _word("embedded")
    print(_word("inputs_read"))
    print(message(CLI, "line_qpv", n=len(inputs.qpv), source=args.qpv or embedded))
    if args.qpv is not None and "qpv" in inputs.columns:
        print(f"               {inputs.columns['qpv'].summary()}")
    if args.indicateurs is not None:
        _print_indicators(args.indicateurs, inputs.qpv)
    print(message(CLI, "line_communes", n=len(inputs.communes), source=args.communes or embedded))
    if args.communes is not None and "communes" in inputs.columns:
        print(f"               {inputs.columns['communes'].summary()}")
    active = ""
    if zones is not None and date is not None:
        # Agreed at the date, as the network table counts them: those without a zone too.
        agreed = int(active_at(inputs.structures, date).sum())
        without = agreed - len(zones)
        active = message(
            CLI,
            "active_no_zone" if without > 0 else "active",
            n=agreed,
            date=f"{date:%d/%m/%Y}",
            without=without,
        )
    print(
        message(
            CLI,
            "line_structures",
            n=len(inputs.structures),
            active=active,
            source=args.structures,
        )
    )
    print(f"               {structures_columns(_structures_file(args)).summary()}")
    imposed = _word("imposed") if args.crs else ""
    print(message(CLI, "line_projection", crs=measured_in(inputs.qpv), imposed=imposed))


def _print_indicators(path: str, qpv: Any) -> None:
    """The line under QPV: how many have a population, the columns read, the weights."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # said once, when the QPV were read
        table, report = read_indicators(path)
    n = int(qpv["population"].notna().sum())
    weights = ", ".join(repr(w) for w in indicator_weights(table)) or _word("no_weight")
    print(message(CLI, "line_indicators", n=n, total=len(qpv), source=path))
    print(message(CLI, "line_weights", summary=report.summary(), weights=weights))


def _print_summary(run: workflows.CoverageRun, language: str) -> None:
    print()
    print(to_markdown(run.summary, language=language))  # type: ignore[arg-type]
    print()
    print(_word("report_sentence"))
    print(run.sentence)


def _print_files(paths: Any) -> None:
    files = list(paths)
    if not files:
        return
    print()
    print(message(CLI, "files_written", n=len(files)))
    width = max(len(str(p)) for p in files)
    for path in files:
        print(f"  {path!s:<{width}}  {workflows.describe_file(path)}".rstrip())
