"""The one header vocabulary of every reader: which spellings mean which column.

A planner's spreadsheet says ``Nom de la structure``, ``Fin d'agrément``, ``Codes INSEE``;
avs_geo works with ``nom``, ``date_fin``, ``zone_communes``. :data:`VOCABULARY` lists, for
each kind of file, each standard column (a *role*) and the headers read as it. Headers are
compared folded (:func:`fold`): case, accents, punctuation and the small French and
English words (``de``, ``la``, ``l'``, ``d'``, ``du``, ``des``, ``of``, ``the``) are
ignored, so ``Date de fin d'agrément``, ``date_fin_agrement`` and ``DATE FIN AGREMENT``
are one spelling. The README lists this table ("Fichier des structures").

:func:`match_headers` maps the headers of a file to roles and returns a
:class:`ColumnReport`: the column used for each role, the columns left unread (with a
warning for those that look like a date, an id, a name or a zone), and "did you mean"
suggestions for the roles that matched no header.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from avs_geo._dates import parse_date_column
from avs_geo._i18n import message
from avs_geo._i18n.read import COLUMN_REPORT, ROLE_WORDS, read_message
from avs_geo._language import get_language
from avs_geo.errors import SchemaError, UnusedColumnsWarning

__all__ = [
    "ROLE_LABELS",
    "VOCABULARY",
    "ColumnReport",
    "check_case_clashes",
    "fold",
    "header_score",
    "looks_like",
    "match_headers",
    "read_columns",
    "suggest",
    "warn_unused",
]

_SMALL_WORDS = frozenset({"de", "du", "des", "la", "le", "les", "l", "d", "of", "the", "en"})

_IDS = ("id", "identifiant", "code", "numero", "n", "no", "num", "ref", "reference", "matricule")
_LAT = ("latitude", "lat_wgs84", "y_wgs84", "lat_gps", "gps_lat")
_LON = ("longitude", "lng", "long", "lon_wgs84", "x_wgs84", "lon_gps", "gps_lon")
_X = ("x_l93", "x_lambert", "x_lambert93", "x_lambert_93", "coord_x", "coordonnee_x", "xl93")
_Y = ("y_l93", "y_lambert", "y_lambert93", "y_lambert_93", "coord_y", "coordonnee_y", "yl93")
_RADIUS = (
    "rayon_m",
    "rayon",
    "rayon_metres",
    "rayon_en_metres",
    "zone_rayon",
    "radius",
    "rayon_action",
    "rayon_intervention",
)
_ZONE_COMMUNES = (
    "communes",
    "codes_insee",
    "codes_communes",
    "zone_insee",
    "communes_intervention",
    "zone_intervention",
    "territoire_intervention",
    "communes_zone",
    "zone_communes_insee",
    "communes_couvertes",
    "perimetre_communes",
)
_ADDRESS = ("adresse", "address", "adresse_postale", "result_label", "libelle_adresse")
_COMMUNE = (
    "commune",
    "code_insee",
    "code_commune",
    "insee",
    "ville",
    "result_citycode",
    "commune_implantation",
    "commune_structure",
    "citycode",
    "code_insee_commune",
)
_SCORE = ("result_score",)

VOCABULARY: dict[str, dict[str, tuple[str, ...]]] = {
    "structures": {
        "structure_id": (
            "structure_id",
            *_IDS,
            "id_structure",
            "code_structure",
            "numero_structure",
            "n_structure",
            "identifiant_structure",
            "num_structure",
            "code_equipement",
            "id_equipement",
        ),
        "nom": (
            "nom",
            "name",
            "nom_structure",
            "raison_sociale",
            "libelle",
            "denomination",
            "structure",
            "nom_equipement",
            "libelle_structure",
            "nom_centre",
        ),
        "type": (
            "type",
            "type_structure",
            "categorie",
            "kind",
            "nature",
            "type_equipement",
            "type_agrement",
        ),
        "lat": ("lat", *_LAT, "latitude_wgs84"),
        "lon": ("lon", *_LON, "longitude_wgs84"),
        "x": ("x", *_X),
        "y": ("y", *_Y),
        "date_agrement": (
            "date_agrement",
            "date_debut",
            "debut_agrement",
            "agrement",
            "date_debut_agrement",
            "debut",
            "date_effet",
            "date_ouverture",
            "ouverture",
            "start_date",
            "date_start",
            "debut_validite",
            "date_debut_validite",
        ),
        "date_fin": (
            "date_fin",
            "fin_agrement",
            "date_fin_agrement",
            "fin",
            "echeance",
            "date_echeance",
            "echeance_agrement",
            "end_date",
            "date_end",
            "date_fermeture",
            "fermeture",
            "fin_validite",
            "date_fin_validite",
        ),
        "zone_communes": ("zone_communes", *_ZONE_COMMUNES),
        "zone_qpv": (
            "zone_qpv",
            "qpv",
            "codes_qpv",
            "quartiers",
            "quartiers_prioritaires",
            "qpv_concernes",
            "qpv_couverts",
            "zone_quartiers",
            "code_qpv",
        ),
        "zone_rayon_m": ("zone_rayon_m", *_RADIUS),
        "commune": _COMMUNE,
        "adresse": _ADDRESS,
        "result_score": _SCORE,
    },
    "candidates": {
        "candidat_id": (
            "candidat_id",
            *_IDS,
            "candidate_id",
            "id_candidat",
            "id_site",
            "site_id",
            "code_site",
            "numero_site",
        ),
        "nom": ("nom", "name", "nom_site", "libelle", "site", "nom_candidat", "denomination"),
        "lat": ("lat", *_LAT),
        "lon": ("lon", *_LON),
        "x": ("x", *_X),
        "y": ("y", *_Y),
        "zone_communes": ("zone_communes", *_ZONE_COMMUNES, "communes_candidates"),
        "zone_rayon_m": ("zone_rayon_m", *_RADIUS),
        "commune": _COMMUNE,
        "adresse": _ADDRESS,
        "result_score": _SCORE,
    },
    "qpv_indicators": {
        "code_qpv": (
            "code_qpv",
            "code_qp",
            "code_quartier",
            "codgeo",
            "code_geographique",
            "code_qpv_2024",
            "code_qpv_2015",
            "code_qp_2024",
            "code_qp_2015",
            "qpv",
            "qp",
            "identifiant_qpv",
        ),
        "population": (
            "population",
            "pop_mun",
            "pop",
            "population_municipale",
            "pop_municipale",
            "population_qpv",
            "pop_qpv",
            "pop_qp",
            "nombre_habitants",
            "nb_habitants",
            "habitants",
            "p18_pop",
            "p19_pop",
            "p20_pop",
            "p21_pop",
            "p22_pop",
        ),
    },
    # The official layers and the planner's territories: a role takes its first
    # spelling present in the file (priority order), see :func:`read_columns`.
    "qpv": {
        "code_qpv": ("code_qpv", "code_qp", "code_quartier"),
        "nom_qpv": ("nom_qpv", "nom_qp", "lib_qp", "libelle_qp", "nom_quartier"),
        "communes": ("communes", "commune_qp", "lib_com", "nom_commune", "nom_com", "commune"),
        "code_insee": ("code_insee", "code_commune", "insee_com", "code_com", "depcom"),
        "departement": ("departement", "code_departement", "insee_dep", "code_dep", "dep",
                        "departement_qp"),
        "population": ("population", "pop_mun", "pop", "population_municipale"),
    },
    "communes": {
        "code_insee": ("code_insee", "code", "insee_com", "codgeo", "code_commune", "com",
                       "depcom"),
        "nom": ("nom", "nom_com", "libgeo", "nom_commune", "libelle"),
        "departement": ("departement", "insee_dep", "code_dep", "dep", "code_departement"),
    },
    "territories": {
        "code": ("code", "code_insee", "insee", "code_commune", "commune", "siren", "siren_epci",
                 "epci_siren", "code_epci", "epci", "code_siren"),
        "territoire": ("territoire", "territory", "nom_territoire", "territoire_caf", "secteur",
                       "zone"),
    },
}  # fmt: skip
"""Kind of file -> standard column -> headers read as it (folded with :func:`fold`).

The first spelling of each role is its standard name. A header matches the first role
that lists it, in this order; a role takes the first header of the file that matches.
"""

ROLE_LABELS: dict[str, str] = ROLE_WORDS["fr"]
"""What each role is used for, as the column report says it (French; English in
``ROLE_WORDS["en"]``)."""

# Words of a header that make an unread column worth a warning, with the role it may be.
_HINTS: tuple[tuple[str, str], ...] = (
    ("date", "date_agrement|date_fin"),
    ("fin", "date_fin"),
    ("echeance", "date_fin"),
    ("debut", "date_agrement"),
    ("agrement", "date_agrement|date_fin"),
    ("id", "id"),
    ("identifiant", "id"),
    ("code", "id|zone_communes"),
    ("numero", "id"),
    ("nom", "nom"),
    ("libelle", "nom"),
    ("zone", "zone_communes|zone_qpv|zone_rayon_m"),
    ("commune", "zone_communes"),
    ("communes", "zone_communes"),
    ("insee", "zone_communes"),
    ("qpv", "zone_qpv"),
    ("quartier", "zone_qpv"),
    ("quartiers", "zone_qpv"),
    ("rayon", "zone_rayon_m"),
    ("territoire", "zone_communes"),
    ("perimetre", "zone_communes"),
)


def fold(header: object) -> str:
    """A header folded for matching: lower case, no accents, no small words, ``_`` between words.

    Examples
    --------
    >>> fold("Date de fin d'agrément"), fold("Fin de l'agrément"), fold("Commune(s)")
    ('date_fin_agrement', 'fin_agrement', 'communes')
    >>> fold("Nom de la structure"), fold("N° structure"), fold("Rayon (m)")
    ('nom_structure', 'n_structure', 'rayon_m')
    """
    text = str(header).replace("(s)", "s").replace("°", " ").replace("º", " ")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = [w for w in re.split(r"[^a-z0-9]+", text) if w]
    kept = [w for w in words if w not in _SMALL_WORDS] or words
    return "_".join(kept)


def _spellings(kind: str) -> dict[str, str]:
    """Folded spelling -> role, first role first."""
    out: dict[str, str] = {}
    for role, names in VOCABULARY[kind].items():
        for name in names:
            out.setdefault(fold(name), role)
    return out


@dataclass(frozen=True)
class ColumnReport:
    """How the columns of a file were read: shown in a notebook, printed by the CLI.

    Attributes
    ----------
    file : str
        The file read.
    used : dict
        Standard column (role) -> header of the file read as it.
    unused : tuple of str
        Headers of the file that no role reads (kept as extra columns).
    sheet : str or None
        The Excel sheet read (None for a CSV or a vector file).
    sheets : tuple of str
        The sheets of the workbook.
    header_line : int
        Spreadsheet line of the header (1 unless title rows sit above it).
    skipped_lines : tuple of int
        Spreadsheet lines left out: title rows above the header, total rows below.
    """

    file: str
    used: dict[str, str]
    unused: tuple[str, ...] = ()
    sheet: str | None = None
    header_line: int = 1
    skipped_lines: tuple[int, ...] = field(default=())
    sheets: tuple[str, ...] = field(default=())

    def table(self) -> list[tuple[str, str, str]]:
        """``(header, standard column, use)`` for every header read, in file order."""
        words = ROLE_WORDS[get_language()]
        return [(h, r, words.get(r, r)) for r, h in self.used.items()]

    def summary(self) -> str:
        """One line per fact, for the command line: the headers read, unread, skipped.

        Examples
        --------
        >>> ColumnReport("s.csv", {"nom": "Nom de la structure", "type": "type"},
        ...     unused=("Commentaire",)).summary()
        "colonnes lues : 'Nom de la structure' -> nom, type ; non lues : 'Commentaire'"
        """
        read = ", ".join(h if h == r else f"{h!r} -> {r}" for r, h in self.used.items())
        parts = [read_message("summary_read", read=read)]
        if self.unused:
            unread = ", ".join(repr(c) for c in self.unused)
            parts.append(read_message("summary_unread", columns=unread))
        if self.sheet is not None:
            parts.insert(0, read_message("summary_sheet", sheet=repr(self.sheet)))
        if self.skipped_lines:
            lines = ", ".join(map(str, self.skipped_lines))
            parts.append(read_message("summary_skipped", lines=lines))
        return read_message("summary_join").join(parts)

    def __str__(self) -> str:
        where = message(COLUMN_REPORT, "where", sheet=self.sheet) if self.sheet is not None else ""
        title = message(COLUMN_REPORT, "title", file=self.file, where=where, line=self.header_line)
        lines = [title] + [f"  {h!r} -> {r} ({use})" for h, r, use in self.table()]
        if self.unused:
            unused = ", ".join(repr(c) for c in self.unused)
            lines.append(message(COLUMN_REPORT, "unread_line", columns=unused))
        if self.skipped_lines:
            skipped = ", ".join(map(str, self.skipped_lines))
            lines.append(message(COLUMN_REPORT, "ignored_line", lines=skipped))
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from html import escape

        rows = "".join(
            f"<tr><td>{escape(h)}</td><td><code>{escape(r)}</code></td><td>{escape(u)}</td></tr>"
            for h, r, u in self.table()
        )
        w = COLUMN_REPORT[get_language()]
        rows += "".join(
            f"<tr><td>{escape(c)}</td><td>—</td><td>{escape(w['unread_cell'])}</td></tr>"
            for c in self.unused
        )
        head = "".join(f"<th>{escape(w[k])}</th>" for k in ("header", "column", "use"))
        return (
            f"<p>{escape(w['html_title'])} <code>{escape(self.file)}</code></p>"
            f"<table><tr>{head}</tr>{rows}</table>"
        )


def check_case_clashes(
    headers: Iterable[object], known: Callable[[str], str | None], *, source: object = None
) -> None:
    """Refuse headers that differ only by case, accents or spaces and name a column read.

    ``known(header)`` gives the normalised form of a header avs_geo reads, None for
    another one. Which of ``nom`` and ``Nom``, or ``lat`` and ``LAT``, to take is the
    planner's call: an error names them all, with the fix.

    Raises
    ------
    SchemaError
        Two such headers, or more.
    """
    same: dict[str, list[str]] = {}
    for header in headers:
        key = known(str(header)) if str(header) != "geometry" else None
        if key is not None:
            same.setdefault(key, []).append(str(header))
    clashes = [names for names in same.values() if len(names) > 1]
    if clashes:
        where = (
            read_message("case_clash_file", source=source)
            if source is not None
            else read_message("case_clash_table")
        )
        both = read_message("territories_and")
        pairs = " ; ".join(both.join(repr(n) for n in names) for names in clashes)
        raise SchemaError(
            read_message("case_clash", where=where, pairs=pairs),
            file=None if source is None else str(source),
            columns=[n for names in clashes for n in names],
        )


def match_headers(
    headers: Iterable[object],
    kind: str,
    *,
    columns: Mapping[str, str] | None = None,
    source: object = None,
) -> dict[str, str]:
    """Map headers to roles: ``{header: role}``, one header per role.

    ``columns`` (header -> role) is the planner's own choice and wins over the table.
    A header is read as the first role whose spellings hold its folded form.

    Examples
    --------
    >>> match_headers(["Nom de la structure", "Fin d'agrément", "Codes INSEE",
    ...     "Code INSEE"], "structures")
    {'Nom de la structure': 'nom', "Fin d'agrément": 'date_fin', 'Codes INSEE': 'zone_communes', 'Code INSEE': 'commune'}
    """
    spellings = _spellings(kind)
    roles = VOCABULARY[kind]
    listed = [str(h) for h in headers if str(h) != "geometry"]
    chosen = set(columns or {})
    check_case_clashes(
        [h for h in listed if h not in chosen],
        lambda h: (fold(h) or None) if fold(h) in spellings else None,
        source=source,
    )
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for header, role in (columns or {}).items():
        if header in listed and role in roles:
            mapping[header] = role
            taken.add(role)
    # Exact standard names first, so a file with 'nom' and 'libelle' reads 'nom' as nom.
    for exact in (True, False):
        for header in listed:
            if header in mapping:
                continue
            found = spellings.get(fold(header))
            if found is None or found in taken:
                continue
            role = found
            if exact and fold(header) != fold(roles[role][0]):
                continue
            mapping[header] = role
            taken.add(role)
    return {h: mapping[h] for h in listed if h in mapping}


def read_columns(
    table: pd.DataFrame, kind: str, *, source: object
) -> tuple[pd.DataFrame, ColumnReport]:
    """Rename the columns of an official layer or a small table to their roles.

    Unlike :func:`match_headers` (the planner's lists, read in file order), a role takes
    its *first spelling* present in the file, in the order of :data:`VOCABULARY`: a QPV
    file holding ``commune_qp`` and ``nom_commune`` reads ``commune_qp``, whatever the
    order of its columns. Headers differing only by case or accents are refused as
    everywhere. Returns the renamed table and its :class:`ColumnReport` (``used``:
    role -> header; ``unused``: the other headers).

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame(columns=["nom_commune", "CODE_QP", "commune_qp", "Autre"])
    >>> renamed, report = read_columns(table, "qpv", source="qpv.shp")
    >>> report.used, report.unused
    ({'code_qpv': 'CODE_QP', 'communes': 'commune_qp'}, ('nom_commune', 'Autre'))
    >>> renamed.columns.tolist()
    ['nom_commune', 'code_qpv', 'communes', 'Autre']
    """
    headers = [str(h) for h in table.columns if str(h) != "geometry"]
    spellings = _spellings(kind)
    check_case_clashes(
        headers,
        lambda h: (fold(h) or None) if fold(h) in spellings else None,
        source=source,
    )
    by_fold: dict[str, str] = {}
    for header in headers:
        by_fold.setdefault(fold(header), header)
    used: dict[str, str] = {}
    for role, names in VOCABULARY[kind].items():
        for name in names:
            found = by_fold.get(fold(name))
            if found is not None and found not in used.values():
                used[role] = found
                break
    report = ColumnReport(
        file=str(source),
        used=used,
        unused=tuple(h for h in headers if h not in used.values()),
    )
    renamed = table.rename(columns={h: r for r, h in used.items()})
    return renamed, report


def warn_unused_codes(
    table: pd.DataFrame, report: ColumnReport, label: str, pattern: re.Pattern[str], role: str
) -> None:
    """Warn about an unread column whose cells are mostly codes of ``role`` (a second
    code column: ``Code QPV 2024`` beside ``code_qp``), naming it and the ``columns=``."""
    looking = []
    for column in report.unused:
        filled = table[column].dropna().astype(str).str.strip().str.upper()
        if len(filled) and filled.str.match(pattern.pattern).mean() > 0.5:
            looking.append(column)
    if not looking:
        return
    parts = [read_message("to_read_it", column=c, role=role) for c in looking]
    warnings.warn(
        UnusedColumnsWarning(
            read_message(
                "unread_code_column",
                label=label,
                role=role,
                used=report.used.get(role),
                parts=" ; ".join(parts),
            ),
            report=report,
        ),
        stacklevel=4,
    )


def header_score(cells: Iterable[object], kind: str) -> int:
    """How many cells of a row are known headers of ``kind`` (to find the header row)."""
    spellings = _spellings(kind)
    return sum(1 for c in cells if isinstance(c, str) and fold(c) in spellings)


def looks_like(header: object) -> str | None:
    """The roles an unread header may be meant for (``'date_fin'``...), or None.

    Examples
    --------
    >>> looks_like("Fin validité"), looks_like("Commentaire")
    ('date_fin', None)
    """
    words = set(fold(header).split("_"))
    for word, role in _HINTS:
        if word in words:
            return role
    return None


def suggest(role: str, headers: Iterable[object], kind: str) -> list[str]:
    """Headers of the file close to a spelling of ``role`` ("did you mean").

    Examples
    --------
    >>> suggest("type", ["Typ", "Nom"], "structures")
    ['Typ']
    """
    names = [fold(n) for n in VOCABULARY[kind][role]]
    found = []
    for header in headers:
        folded = fold(header)
        if folded and difflib.get_close_matches(folded, names, n=1, cutoff=0.75):
            found.append(str(header))
    return found


def warn_unused(table: pd.DataFrame, report: ColumnReport, label: str, kind: str) -> None:
    """Warn about unread columns that look like a date, an id, a name or a zone.

    The warning (an ``UnusedColumnsWarning`` carrying ``report``) names each column,
    what it looks like and the ``columns=`` that would read it.
    """
    roles = VOCABULARY[kind]
    shown: list[tuple[str, list[str]]] = []
    for column in report.unused:
        hint = looks_like(column)
        if hint is None and _mostly_dates(table[column]):
            hint = "date_agrement|date_fin"
        if hint is None:
            continue
        wanted = [
            next((r for r in roles if r.endswith("_id")), "id") if r == "id" else r
            for r in hint.split("|")
        ]
        wanted = [r for r in wanted if r in roles]
        if wanted:
            shown.append((column, wanted))
    if not shown:
        return
    parts = [
        read_message(
            "unused_column", column=c, roles=read_message("territories_or").join(r), role=r[-1]
        )
        for c, r in shown
    ]
    warnings.warn(
        UnusedColumnsWarning(
            read_message("unused_columns", label=label, parts=" ; ".join(parts)),
            report=report,
        ),
        stacklevel=4,
    )


def _mostly_dates(column: pd.Series) -> bool:
    filled = column.dropna()
    if len(filled) == 0 or filled.map(lambda v: isinstance(v, int | float)).all():
        return False
    parsed = parse_date_column(filled.reset_index(drop=True))
    return len(parsed.failed) == 0 and bool(parsed.values.notna().any())
