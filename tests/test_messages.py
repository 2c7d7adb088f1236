"""Every error and warning a planner can read is French, with an English version on request.

The library's raise and warn sites are read with ``ast``: the text they pass must be a
message of an ``avs_geo._i18n`` table (built by ``message``/``read_message``) or French.
Every message id has a French and an English template with the same placeholders.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import string
import threading
from pathlib import Path

import pandas as pd
import pytest

import avs_geo
import avs_geo._i18n
import avs_geo.errors
from avs_geo._i18n import message
from avs_geo._language import get_language

SRC = Path(avs_geo.__file__).parent

# Words that are English and never French; a French message holds none of them.
ENGLISH = re.compile(
    r"\b(the|should|got|is|are|has|have|lacks|must|cannot|with|and|not|of|only|"
    r"file(?!:)|column|rows?|missing|given|expected|found|holds?|use|give|pass)\b",
    re.IGNORECASE,
)
# A French message holds at least one of these (accents, articles, usual verbs).
FRENCH = re.compile(
    r"[éèêàùçôî]|\b(le|la|les|des|du|de|un|une|est|sont|doit|donnez|vérifiez|ajoutez|"
    r"colonne|fichier|aucun|aucune|ou|et|en|au|aux|par|pour|utilisez|passez|chargez|choisissez|parmi|inconnu|inconnue|reçu|sans|plusieurs|liste|avec|pas|ce)\b",
    re.IGNORECASE,
)

_CLASSES = {
    name
    for name, obj in vars(avs_geo.errors).items()
    if isinstance(obj, type)
    and (issubclass(obj, avs_geo.errors.AvsGeoError) or issubclass(obj, Warning))
}
_KEYWORDS = {"fix", "hint", "problem"}  # texts handed to a message builder
# Shared checks whose positional arguments (the name of a layer...) end up in a message.
_HELPERS = {
    "check_columns",
    "check_geodataframe",
    "check_polygons",
    "check_present",
    "check_projected",
    "check_unique",
    "mixed_generations_message",
    "repair_geometries",
}


def _texts(node: ast.AST) -> str:
    """The literal text of an expression: its strings and f-string parts, joined."""
    if isinstance(node, ast.Call):  # message(...), read_message(...), format_ids(...)
        return ""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return " ".join(_texts(v) for v in node.values if isinstance(v, ast.Constant))
    if isinstance(node, ast.BinOp):
        return _texts(node.left) + " " + _texts(node.right)
    if isinstance(node, ast.IfExp):
        return _texts(node.body) + " " + _texts(node.orelse)
    return ""


def _not_french(text: str) -> bool:
    """English words, or four words or more and none of them French."""
    words = re.findall(r"[A-Za-zÀ-ÿ]{2,}", text)
    return bool(ENGLISH.search(text)) or (len(words) >= 4 and not FRENCH.search(text))


def _call_name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _planner_texts() -> list[tuple[str, int, str]]:
    """(file, line, text) of every text a raise or warn site of the library passes."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if "_i18n" in path.parts:
            continue
        name = str(path.relative_to(SRC))
        found += [(name, line, text) for line, text in _source_texts(path.read_text("utf-8"))]
    return found


def _source_texts(source: str) -> list[tuple[int, str]]:
    """(line, text) of the texts the raise and warn sites of ``source`` pass."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node)
        args: list[ast.AST] = []
        if name in _CLASSES or name == "warn":
            args = node.args[:1]
        elif name in _HELPERS:
            args = [a for a in node.args if _texts(a).count(" ") >= 1]
        args += [k.value for k in node.keywords if k.arg in _KEYWORDS]
        for arg in args:
            text = _texts(arg).strip()
            if re.search(r"[A-Za-zÀ-ÿ]{3,}", text):
                found.append((node.lineno, text))
    return found


def _tables() -> dict[str, dict[str, dict[str, str]]]:
    """Every message table of ``avs_geo._i18n``: ``{"module.NAME": {lang: {id: text}}}``."""
    tables = {}
    modules = [avs_geo._i18n] + [
        importlib.import_module(f"avs_geo._i18n.{m.name}")
        for m in pkgutil.iter_modules(avs_geo._i18n.__path__)
    ]
    for module in modules:
        for name, value in vars(module).items():
            if name.endswith("MESSAGES") and isinstance(value, dict):
                tables[f"{module.__name__}.{name}"] = value
    return tables


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


def test_the_scan_finds_english_at_raise_warn_and_hint_sites() -> None:
    """The scan would catch an English message written at any kind of site."""
    source = """
raise SchemaError(f"'{name}' lacks the column {column}.")
warnings.warn(f"{n} invalid geometries were repaired", AvsGeoWarning)
check_columns(df, ["a"], "qpv", hint="Use avs_geo.load_qpv().")
repair_geometries(gdf, f"QPV file {path}", id_column="code_qpv")
raise SchemaError(message(MESSAGES, "missing_columns", name=name))
raise SchemaError(f"Il manque la colonne {column} au fichier {name}.")
"""
    texts = _source_texts(source)
    assert [line for line, text in texts if _not_french(text)] == [2, 3, 4, 5]
    assert [line for line, _ in texts] == [2, 3, 4, 5, 7]
    assert len(_sites()) > 200  # the library's own sites are read too


def _sites() -> list[tuple[str, int]]:
    """(file, line) of every raise and warn site of the library (with or without text)."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if "_i18n" in path.parts:
            continue
        name = str(path.relative_to(SRC))
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and (
                _call_name(node) in _CLASSES or _call_name(node) == "warn"
            ):
                found.append((name, node.lineno))
    return found


def test_every_raise_or_warn_text_comes_from_a_message_table() -> None:
    """No raise or warn site writes its own words: they come from a table of ``_i18n``,
    in French and in English (so ``avs_geo.language("en")`` reaches every message)."""
    written = [f"{path}:{line}: {text[:90]!r}" for path, line, text in _planner_texts()]
    assert written == [], "\n".join(written)


def _language_lookups(source: str) -> list[int]:
    """Lines of ``TABLE["fr"]`` / ``TABLE["en"]`` lookups of a message table."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Subscript)
        and isinstance(node.value, ast.Name)
        and node.value.id.endswith("MESSAGES")
        and isinstance(node.slice, ast.Constant)
        and node.slice.value in ("fr", "en")
    ]


def test_no_message_table_is_read_in_a_fixed_language() -> None:
    """``GUARD_MESSAGES["fr"][key]`` would stay French under ``language("en")``."""
    assert _language_lookups('GUARD_MESSAGES["fr"]["k"].format()\nmessage(MESSAGES, "k")') == [1]
    fixed = [
        f"{path.relative_to(SRC)}:{line}"
        for path in sorted(SRC.rglob("*.py"))
        if "_i18n" not in path.parts
        for line in _language_lookups(path.read_text("utf-8"))
    ]
    assert fixed == []


def _used_strings() -> tuple[set[str], set[str], set[str]]:
    """The string constants of the library outside the message tables themselves, and the
    prefixes and suffixes of the f-strings that build a message id (``f"reason_{code}"``,
    ``f"{key}_dates"``)."""
    strings: set[str] = set()
    prefixes: set[str] = set()
    suffixes: set[str] = set()
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        table_keys = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Dict):
                table_keys |= {id(k) for k in node.keys if k is not None}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if "_i18n" not in path.parts or id(node) not in table_keys:
                    strings.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values:
                first, last = node.values[0], node.values[-1]
                if isinstance(first, ast.Constant) and str(first.value).endswith("_"):
                    prefixes.add(str(first.value))
                if isinstance(last, ast.Constant) and str(last.value).startswith("_"):
                    suffixes.add(str(last.value))
    return strings, prefixes, suffixes


def test_every_message_id_is_used() -> None:
    strings, prefixes, suffixes = _used_strings()
    unused = [
        f"{name}[{key!r}]"
        for name, table in _tables().items()
        for key in table["fr"]
        if key not in strings
        and not any(key.startswith(p) for p in prefixes)
        and not any(key.endswith(x) for x in suffixes)
    ]
    assert unused == []
    assert "geographic_crs" not in _tables()["avs_geo._i18n.common.MESSAGES"]["fr"]


def test_the_english_detector_works() -> None:
    assert ENGLISH.search("'qpv' should be a GeoDataFrame, got DataFrame.")
    assert not ENGLISH.search("'qpv' doit être un GeoDataFrame, reçu DataFrame.")
    assert FRENCH.search("Le fichier des structures est vide.")


def test_every_message_id_has_both_languages_with_the_same_fields() -> None:
    tables = _tables()
    assert len(tables) >= 8
    for name, table in tables.items():
        assert set(table) == {"fr", "en"}, name
        assert set(table["fr"]) == set(table["en"]), name
        for key, french in table["fr"].items():
            english = table["en"][key]
            assert _fields(french) == _fields(english), f"{name}[{key!r}]"


def test_french_templates_are_french_and_english_ones_english() -> None:
    bad = []
    for name, table in _tables().items():
        for key, french in table["fr"].items():
            if _not_french(re.sub(r"\{[^}]*\}", " ", french)):
                bad.append(f"{name}[{key!r}] fr: {french[:80]!r}")
        for key, english in table["en"].items():
            plain = re.sub(r"\{[^}]*\}", " ", english)
            if re.search(r"[éèêàù]", plain) and not re.search(
                r"Code officiel|géographique|Non renseigné|Réunion|décembre|à définir", plain
            ):
                bad.append(f"{name}[{key!r}] en: {english[:80]!r}")
    assert bad == [], "\n".join(bad)


def test_language_switch_is_scoped_and_checked() -> None:
    assert get_language() == "fr"
    with avs_geo.language("en"):
        assert get_language() == "en"
    assert get_language() == "fr"
    with pytest.raises(ValueError, match="Langue inconnue"):
        avs_geo.set_language("de")  # type: ignore[arg-type]


def test_set_language_stays_in_its_thread() -> None:
    seen = []

    def other() -> None:
        avs_geo.set_language("en")
        seen.append(get_language())

    thread = threading.Thread(target=other)
    thread.start()
    thread.join()
    assert seen == ["en"]
    assert get_language() == "fr"


def test_a_message_is_french_by_default_and_english_on_request() -> None:
    table = {"fr": {"k": "{n} QPV vides."}, "en": {"k": "{n} empty QPV."}}
    assert message(table, "k", n=2) == "2 QPV vides."
    with avs_geo.language("en"):
        assert message(table, "k", n=2) == "2 empty QPV."


def test_format_ids_counts_the_rest_in_the_language() -> None:
    assert avs_geo.errors.format_ids(range(5), limit=2) == "0, 1 (+3 autres)"
    with avs_geo.language("en"):
        assert avs_geo.errors.format_ids(range(5), limit=2) == "0, 1 (+3 more)"


# --- a sample of real messages, in both languages ------------------------------------------


def _square_coverage(**kwargs: object) -> None:
    import geopandas as gpd
    import shapely

    qpv = gpd.GeoDataFrame(
        {"code_qpv": ["QP031001"]}, geometry=[shapely.box(0, 0, 10, 10)], crs="EPSG:2154"
    )
    zones = gpd.GeoDataFrame(
        {"structure_id": ["S1"]}, geometry=[shapely.box(0, 0, 5, 10)], crs="EPSG:2154"
    )
    avs_geo.compute_coverage(qpv, zones, **kwargs)  # type: ignore[arg-type]


SAMPLES = [
    # (call, error class, French regex, English regex)
    (
        lambda: avs_geo.load_structures("absent.csv"),
        avs_geo.MissingFileError,
        r"^Fichier des structures introuvable : 'absent.csv'",
        r"^structures file not found: 'absent.csv'",
    ),
    (
        lambda: avs_geo.load_qpv("absent.gpkg"),
        avs_geo.MissingFileError,
        r"^Fichier des QPV introuvable",
        r"^QPV file not found",
    ),
    (
        lambda: _square_coverage(full_min=95),
        avs_geo.ParameterError,
        r"full_min doit être entre 0 et 1, reçu 95.*pas des pourcentages",
        r"full_min should be in \[0, 1\], got 95.*not percentages",
    ),
    (
        lambda: _square_coverage(full_min=0.2, none_max=0.5),
        avs_geo.ParameterError,
        r"none_max \(0.5\) doit être inférieur à full_min \(0.2\)",
        r"none_max \(0.5\) should be smaller than full_min \(0.2\)",
    ),
    (
        lambda: avs_geo.compute_coverage(pd.DataFrame(), pd.DataFrame()),  # type: ignore[arg-type]
        avs_geo.InputTypeError,
        r"'qpv' doit être un GeoDataFrame, reçu DataFrame",
        r"'qpv' should be a GeoDataFrame, got DataFrame",
    ),
    (
        lambda: avs_geo.datasets.get_path("nope"),
        avs_geo.MissingFileError,
        r"Aucune donnée embarquée nommée 'nope'",
        r"No embedded data named 'nope'",
    ),
]


def _indicators_without_code() -> None:
    from avs_geo.read.indicators import load_indicators

    load_indicators(pd.DataFrame({"nom": ["A"], "pop_mun": [10]}))


def _dates(*dates: str) -> None:
    from avs_geo.coverage.series import check_dates

    check_dates(list(dates))


def _demand(demand: str) -> None:
    from avs_geo.workflows.sites import check_site_options

    check_site_options(
        candidates="c.csv",
        demand=demand,
        qpv_weight=1.0,
        communes_weight=1.0,
        grid=None,
        grid_communes=1,
    )


def _weight_without_population() -> None:
    from avs_geo.workflows.guards import check_weight

    check_weight(pd.DataFrame({"code_qpv": ["QP059001"], "population": [None]}), "population")


def _basemap(url: str) -> None:
    from avs_geo.maps.basemap import TileSource

    TileSource(url, "© OpenStreetMap")


# Messages moved into the tables with their English version (guards, indicators, readers,
# series, maps, workflows, dates).
SAMPLES += [
    (
        _indicators_without_code,
        avs_geo.SchemaError,
        r"^La table des indicateurs des QPV 'tableau' n'a pas de colonne de code de QPV",
        r"^The QPV indicators table 'tableau' has no QPV code column",
    ),
    (
        _weight_without_population,
        avs_geo.ParameterError,
        r"^Aucun des 1 QPV n'a de population",
        r"^None of the 1 QPV has a population",
    ),
    (
        lambda: _basemap("https://example.org/tiles.png"),
        avs_geo.ParameterError,
        r"doit contenir \{z\}, \{x\} et \{y\}.*pas 'https://example.org/tiles.png'",
        r"should hold \{z\}, \{x\} and \{y\}.*not 'https://example.org/tiles.png'",
    ),
    (
        lambda: _dates("2022-12-31", "31/12/2022"),
        avs_geo.ParameterError,
        r"Les dates doivent être distinctes : 2022-12-31",
        r"The dates should be distinct: 2022-12-31",
    ),
    (
        _dates,
        avs_geo.ParameterError,
        r"^Il faut une date ou plus, chacune lisible \(2022-12-31 ou 31/12/2022\)\.$",
        r"^One date or more is needed, each readable \(2022-12-31 or 31/12/2022\)\.$",
    ),
    (
        lambda: _demand("tout"),
        avs_geo.ParameterError,
        r"^Demande inconnue : 'tout'",
        r"^Unknown demand: 'tout'",
    ),
    (
        lambda: avs_geo._dates.parse_date("31/12/22"),
        avs_geo.ParameterError,
        r"année sur deux chiffres : écrivez ses quatre chiffres.*jour/mois/année",
        r"two-digit year: write its four digits.*day/month/year",
    ),
]


@pytest.mark.parametrize(("call", "error", "french", "english"), SAMPLES)
def test_sample_messages_in_both_languages(
    call: object, error: type[Exception], french: str, english: str
) -> None:
    with pytest.raises(error, match=french) as caught_fr:
        call()  # type: ignore[operator]
    with avs_geo.language("en"), pytest.raises(error, match=english) as caught_en:
        call()  # type: ignore[operator]
    # The contract is the class and its fields, the same in both languages.
    for field in ("file", "columns", "parameters", "layer"):
        assert getattr(caught_fr.value, field, None) == getattr(caught_en.value, field, None)
    assert type(caught_fr.value) is type(caught_en.value)


def test_moved_warnings_in_both_languages() -> None:
    import datetime as dt

    from avs_geo._deprecated import data_then_path
    from avs_geo.workflows.guards import warn_generation

    qpv = pd.DataFrame({"code_qpv": ["QP059001"]})
    with pytest.warns(avs_geo.AvsGeoWarning, match=r"^Les 1 QPV lus sont de la génération 2015"):
        warn_generation(qpv, dt.date(2024, 12, 31))
    with (
        avs_geo.language("en"),
        pytest.warns(avs_geo.AvsGeoWarning, match=r"^The 1 QPV read are of the 2015 generation"),
    ):
        warn_generation(qpv, dt.date(2024, 12, 31))
    with pytest.warns(DeprecationWarning, match=r"to_csv\(chemin, données\) est obsolète"):
        data_then_path("t.csv", [1], "to_csv")
    with (
        avs_geo.language("en"),
        pytest.warns(DeprecationWarning, match=r"to_csv\(path, data\) is deprecated"),
    ):
        data_then_path("t.csv", [1], "to_csv")


def test_a_warning_in_both_languages() -> None:
    import geopandas as gpd
    import shapely

    bow_tie = shapely.Polygon([(0, 0), (10, 10), (10, 0), (0, 10)])
    qpv = gpd.GeoDataFrame({"code_qpv": ["QP031001"]}, geometry=[bow_tie], crs="EPSG:2154")
    zones = gpd.GeoDataFrame(
        {"structure_id": ["S1"]}, geometry=[shapely.box(0, 0, 5, 10)], crs="EPSG:2154"
    )
    with pytest.warns(avs_geo.AvsGeoWarning, match=r"1 géométrie\(s\) invalide\(s\) de 'qpv'"):
        avs_geo.compute_coverage(qpv, zones)
    with (
        avs_geo.language("en"),
        pytest.warns(avs_geo.AvsGeoWarning, match=r"1 invalid geometries in 'qpv' were repaired"),
    ):
        avs_geo.compute_coverage(qpv, zones)


def test_reader_problems_in_both_languages(tmp_path: Path) -> None:
    """A problem of a structures file, in French and in English, with the same table."""
    path = tmp_path / "s.csv"
    path.write_text("structure_id;type;lat;lon;zone_communes\nA;crèche;43.6;1.44;31555\n")
    with pytest.raises(avs_geo.SchemaError) as french:
        avs_geo.load_structures(path)
    with avs_geo.language("en"), pytest.raises(avs_geo.SchemaError) as english:
        avs_geo.load_structures(path)
    where = ["ligne", "colonne", "valeur"]
    assert french.value.problems[where].equals(english.value.problems[where])
    assert french.value.columns == english.value.columns
    assert str(french.value).endswith(
        "- type inconnu (colonne type) : ligne 2 : 'crèche' (A). Écrivez 'CS', "
        "'Centre social', 'EVS' ou 'Espace de vie sociale'."
    )
    assert str(english.value).startswith("Structures file '")
    assert str(english.value).endswith(
        "- unknown type (column type): line 2: 'crèche' (A). Write 'CS', 'Centre social', "
        "'EVS' or 'Espace de vie sociale'."
    )
    assert english.value.problems["probleme"].tolist() == ["unknown type"]


def test_the_command_line_speaks_the_language_of_langue(tmp_path: Path) -> None:
    import contextlib
    import io

    from avs_geo import cli

    def run(*extra: str, structures: str = "absent.csv") -> str:
        err = io.StringIO()
        argv = ["couverture", "--structures", structures, "--sans-cartes"]
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = cli.main([*argv, "--sortie", str(tmp_path), *extra])
        assert code == 2
        return err.getvalue()

    assert "Erreur : Fichier des structures introuvable : 'absent.csv'" in run()
    assert "Error: structures file not found: 'absent.csv'" in run("--langue", "en")
    assert get_language() == "fr"  # the command line leaves the language as it found it
    example = str(avs_geo.datasets.get_path("structures_exemple_occitanie"))
    french = run("--seuils", "95", "5", structures=example)
    english = run("--seuils", "95", "5", "--langue", "en", structures=example)
    assert "Erreur : full_min doit être entre 0 et 1, reçu 95.0" in french
    assert "Error: full_min should be in [0, 1], got 95.0" in english
    assert "Avec avs-geo : --seuils TOTAL_MIN AUCUN_MAX" in french
    assert "With avs-geo: --seuils TOTAL_MIN AUCUN_MAX" in english


def test_the_column_report_in_both_languages() -> None:
    from avs_geo.read._vocabulary import ColumnReport

    report = ColumnReport(
        "s.xlsx", {"nom": "Nom", "type": "type"}, unused=("Commentaire",), sheet="Feuil1"
    )
    assert report.summary() == (
        "feuille 'Feuil1' ; colonnes lues : 'Nom' -> nom, type ; non lues : 'Commentaire'"
    )
    assert str(report).splitlines()[2] == "  'type' -> type (type (CS ou EVS))"
    with avs_geo.language("en"):
        assert report.summary() == (
            "sheet 'Feuil1'; columns read: 'Nom' -> nom, type; not read: 'Commentaire'"
        )
        assert str(report).startswith("Columns read in 's.xlsx', sheet 'Feuil1' (header line 1):")
        assert "<th>Header</th>" in report._repr_html_()
    assert "<th>En-tête</th>" in report._repr_html_()


def test_date_reasons_and_forms_follow_the_language() -> None:
    from avs_geo._dates import parse_date_column

    cells = pd.Series(["31/02/2021", "bientôt"])
    assert parse_date_column(cells).reasons == ("ce jour n'existe pas", "forme non reconnue")
    with avs_geo.language("en"):
        assert parse_date_column(cells).reasons == ("this day does not exist", "unrecognised form")


def test_warnings_of_a_planner_workbook_in_both_languages(tmp_path: Path) -> None:
    """Hidden sheet, postcode zone, zone « à définir », QPV 2024 at a 2022 date: each
    warning in French, and in English under ``language("en")``."""
    import datetime as dt

    import openpyxl

    from avs_geo.workflows.guards import warn_generation

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Structures"
    sheet.append(["Identifiant", "Type", "Latitude", "Longitude", "Communes"])
    sheet.append(["S1", "EVS", 50.61, 3.24, "59780"])
    sheet.append(["S2", "EVS", 50.63, 3.06, "à définir"])
    hidden = book.create_sheet("Ancienne liste")
    hidden.append(["Identifiant"])
    hidden.sheet_state = "hidden"
    path = tmp_path / "structures.xlsx"
    book.save(path)
    communes = avs_geo.load_communes(departement="59")
    qpv = pd.DataFrame({"code_qpv": ["QN05901M"]})
    expected = {
        "fr": [
            r"Le fichier des structures '.*' : feuille\(s\) masquée\(s\) non lue\(s\) : "
            r"'Ancienne liste'",
            r"code\(s\) postal\(aux\) lu\(s\) comme zone.*59780 -> Baisieux",
            r"1 structure\(s\) sans zone d'intervention .* : 'S2'",
            r"Les 1 QPV lus sont de la génération 2024",
        ],
        "en": [
            r"The structures file '.*': hidden sheet\(s\) not read: 'Ancienne liste'",
            r"postcode\(s\) read as a zone, each for every commune it serves: 59780 -> Baisieux "
            r"\(59044\), Camphin-en-Pévèle \(59124\), Willems \(59660\): 'S1'\.",
            r"1 structure\(s\) with no intervention zone .*: 'S2'",
            r"The 1 QPV read are of the 2024 generation",
        ],
    }
    for lang, patterns in expected.items():
        with avs_geo.language(lang), pytest.warns(avs_geo.AvsGeoWarning) as caught:  # type: ignore[arg-type]
            structures = avs_geo.load_structures(path, communes=communes)
            avs_geo.build_zones(structures, communes=communes)
            warn_generation(qpv, dt.date(2022, 12, 31))
        texts = [str(w.message) for w in caught]
        for pattern in patterns:
            assert [t for t in texts if re.search(pattern, t)], (pattern, texts)


def test_a_file_of_several_layers_in_both_languages(tmp_path: Path) -> None:
    """A QPV GeoPackage with two layers is refused, with the layers, in either language."""
    import geopandas as gpd
    import shapely

    path = tmp_path / "qpv.gpkg"
    for name, n in (("nord", 2), ("sud", 1)):
        gpd.GeoDataFrame(
            {"code_qpv": [f"QN0590{i}M" for i in range(n)]},
            geometry=[shapely.box(i, 0, i + 1, 1) for i in range(n)],
            crs="EPSG:2154",
        ).to_file(path, layer=name)
    with pytest.raises(
        avs_geo.InputFileError,
        match=r"Le fichier des QPV '.*qpv.gpkg' contient 2 couches géographiques : 'nord' "
        r"\(2 objets\), 'sud' \(1 objet\)\. avs_geo n'en lit qu'une .*layer='nord' \(Python\)",
    ):
        avs_geo.load_qpv(path)
    with (
        avs_geo.language("en"),
        pytest.raises(
            avs_geo.InputFileError,
            match=r"The QPV file '.*qpv.gpkg' holds 2 geographic layers: 'nord' \(2 features\), "
            r"'sud' \(1 feature\)\. avs_geo reads only one .*choose it with layer='nord'",
        ),
    ):
        avs_geo.load_qpv(path)
    with avs_geo.language("en"), pytest.raises(avs_geo.InputFileError, match=r"has no layer 'est'"):
        avs_geo.load_qpv(path, layer="est")


def test_every_output_file_is_described_in_both_languages() -> None:
    from avs_geo._i18n.workflows import FILE_DESCRIPTIONS, FILE_DESCRIPTIONS_EN

    assert FILE_DESCRIPTIONS.keys() == FILE_DESCRIPTIONS_EN.keys()
    french = [k for k, v in FILE_DESCRIPTIONS_EN.items() if re.search(r"[éèàù]|\bdes\b", v)]
    assert french == []


def test_a_web_mercator_layer_warns_in_english_with_decimal_points() -> None:
    import geopandas as gpd
    import shapely

    qpv = gpd.GeoDataFrame(
        {"code_qpv": ["QN05901M"]},
        geometry=[shapely.box(340000, 6540000, 341000, 6541000)],
        crs="EPSG:3857",
    )
    with pytest.warns(avs_geo.AvsGeoWarning, match=r"agrandit les distances \(×1,\d\d ici\)"):
        avs_geo.to_working_crs(qpv)
    with (
        avs_geo.language("en"),
        pytest.warns(
            avs_geo.AvsGeoWarning,
            match=r"^The .* layer: EPSG:3857 .* enlarges distances \(×1\.\d\d here\) and areas "
            r"\(×\d\.\d\d\)\. It was reprojected",
        ),
    ):
        avs_geo.to_working_crs(qpv)


def test_the_indicators_line_in_both_languages(tmp_path: Path) -> None:
    import contextlib
    import io

    from avs_geo import cli

    table = tmp_path / "insee.csv"
    table.write_text("Code QPV;Population municipale\nQP031001;1 200\n", encoding="utf-8")
    example = str(avs_geo.datasets.get_path("structures_exemple_occitanie"))
    for langue, expected in (
        ("fr", "  Indicateurs: population de 1 QPV sur 105 (" + str(table) + ")"),
        ("en", "  Indicators: population of 1 QPV out of 105 (" + str(table) + ")"),
    ):
        out = io.StringIO()
        argv = ["couverture", "--structures", example, "--indicateurs", str(table)]
        argv += ["--sans-cartes", "--langue", langue, "--sortie", str(tmp_path / langue)]
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            assert cli.main(argv) == 0
        assert expected in out.getvalue(), out.getvalue()
        weights = "poids possibles (--poids) : aucun" if langue == "fr" else "(--poids): none"
        assert weights in out.getvalue()


def test_every_message_id_asked_for_exists() -> None:
    """``message(TABLE, "id")``, ``read_message("id")``, ``crs_message("id")``: the id is in a
    table (a KeyError would replace the planner's message)."""
    from avs_geo._i18n.read import COLUMN_REPORT

    known = set(COLUMN_REPORT["fr"]).union(*(table["fr"] for table in _tables().values()))
    missing = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name, args = _call_name(node), node.args
            key = args[1] if name == "message" and len(args) >= 2 else None
            if name in ("read_message", "crs_message") and args:
                key = args[0]
            if isinstance(key, ast.Constant) and key.value not in known:
                missing.append(f"{path.relative_to(SRC)}:{node.lineno}: {key.value}")
    assert missing == []
