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
    r"colonne|fichier|aucun|aucune|ou|et|en|au|aux|par|pour|utilisez|passez|chargez|choisissez|parmi|inconnu|inconnue|reçu|sans|plusieurs|liste|avec)\b",
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
    assert len(_planner_texts()) > 5  # the library's own sites are read too


def test_every_text_of_a_raise_or_warn_site_is_french() -> None:
    english = [
        f"{path}:{line}: {text[:90]!r}"
        for path, line, text in _planner_texts()
        if _not_french(text)
    ]
    assert english == [], "\n".join(english)


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
                r"Code officiel|géographique|Non renseigné|Réunion", plain
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
