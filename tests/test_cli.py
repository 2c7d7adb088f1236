"""The avs-geo command line, end to end on the embedded data and on bad input.

Most tests call ``avs_geo.cli.main`` in-process (fast, output captured); a few run the
real entry points (``python -m avs_geo`` and the installed ``avs-geo`` script).
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest

import avs_geo
from avs_geo import cli, workflows
from avs_geo.datasets import get_path
from avs_geo.errors import ParameterError, UnknownCodeError
from avs_geo.workflows.outputs import check_manifest

STRUCTURES = str(get_path("structures_exemple_occitanie"))
ZONES = str(get_path("zones_exemple_occitanie"))
CANDIDATES = str(get_path("candidats_exemple_occitanie"))
EXAMPLE = ["--structures", STRUCTURES, "--perimetres", ZONES]

DEMO_FILES = sorted(
    {
        *workflows.COVERAGE_FILES.values(),
        *workflows.SITES_FILES.values(),
        *workflows.COMPARISON_FILES.values(),
        *workflows.EVOLUTION_FILES.values(),
        *workflows.NORD_FILES.values(),
    }
    - workflows.outputs.OPTIONAL_FILES  # written with --millesime, --territoires, --par
)


def run(argv: list[str]) -> tuple[int, str, str]:
    """Run the command line in-process: exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(argv)
    return code, out.getvalue(), err.getvalue()


def read_csv(path: Path) -> pd.DataFrame:
    """A CSV written for French Excel (';', decimal comma, BOM)."""
    return pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig", dtype={"Code QPV": str})


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    folder = tmp_path_factory.mktemp("demo") / "sortie"
    code, out, err = run(["demo", "--sortie", str(folder)])
    assert code == 0, err
    return folder, out, err


# --- help and usage ---------------------------------------------------------------------


@pytest.mark.parametrize("command", [[], ["couverture"], ["comparer"], ["sites"], ["demo"]])
def test_help_of_every_command_is_french(command: list[str]) -> None:
    code, out, err = run([*command, "--help"])
    assert code == 0
    assert out.startswith("Utilisation : avs-geo")
    assert "afficher cette aide et quitter" in out
    assert err == ""


def test_main_help_lists_the_commands_and_exit_codes() -> None:
    code, out, _ = run(["--help"])
    assert code == 0
    for command in ("couverture", "comparer", "sites", "demo"):
        assert f"    {command}" in out
    assert "Codes de sortie : 0 succès ; 2 données ou options à corriger" in out


def test_version() -> None:
    code, out, _ = run(["--version"])
    assert (code, out.strip()) == (0, f"avs_geo {avs_geo.__version__}")


def test_no_command_prints_help_and_fails() -> None:
    code, out, _ = run([])
    assert code == 2
    assert "COMMANDE" in out


def test_an_unknown_option_points_to_the_help_of_its_command() -> None:
    """--millesime is not an option of evolution: the help to read is that command's."""
    argv = ["evolution", *EXAMPLE, "--dates", "31/12/2022", "--millesime", "2022"]
    code, out, err = run([*argv, "--sortie", "x"])
    assert code == 2 and out == ""
    assert "Erreur : argument(s) inconnu(s) : --millesime 2022\n" in err
    assert "Aide : avs-geo evolution --help" in err
    assert "Utilisation : avs-geo evolution" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["couverture", "--sortie", "x"], "option(s) obligatoire(s) manquante(s) : --structures"),
        (["calcul"], "COMMANDE : choix 'calcul' inconnu"),
        (["couverture", *EXAMPLE, "--sortie", "x", "--seuils", "0.9"], "--seuils : 2 valeurs"),
        (
            ["couverture", *EXAMPLE, "--sortie", "x", "--seuils", "0,9", "beaucoup"],
            "--seuils : 'beaucoup' n'est pas un nombre",
        ),
        (["couverture", *EXAMPLE, "--sortie", "x", "--langue", "de"], "--langue : choix 'de'"),
        (["couverture", *EXAMPLE, "--sortie", "x", "--inconnue"], "argument(s) inconnu(s)"),
        (["sites", *EXAMPLE, "--candidats", CANDIDATES, "-k", "deux", "--sortie", "x"], "-k"),
    ],
)
def test_usage_errors_exit_2_in_french(argv: list[str], message: str) -> None:
    code, out, err = run(argv)
    assert code == 2
    assert f"Erreur : {message}" in err
    assert "Aide : avs-geo" in err
    assert "Traceback" not in err
    assert out == ""


# --- the demo -----------------------------------------------------------------------------


def test_demo_writes_every_output(demo: tuple[Path, str, str]) -> None:
    folder, _, _ = demo
    assert sorted(p.name for p in folder.iterdir()) == sorted([*DEMO_FILES, "manifeste.json"])


def test_demo_says_the_network_is_an_example_and_ends_with_sentence_and_paths(
    demo: tuple[Path, str, str],
) -> None:
    folder, out, err = demo
    assert out.startswith(f"avs_geo {avs_geo.__version__} : démonstration")
    assert "réseau d'EXEMPLE" in out.splitlines()[1]
    assert "PAS le réseau réel" in out
    sentence = (
        "Au 31 décembre 2022, sur les 105 QPV de la région Occitanie, 35 (33,3\u00a0%) sont "
        "couverts en totalité par une offre d'animation de la vie sociale, 10 (9,5\u00a0%) "
        "partiellement et 60 (57,2\u00a0%) ne sont pas couverts."
    )
    assert f"Phrase du rapport (réseau d'EXEMPLE) :\n{sentence}\n" in out
    tail = out[out.index(sentence) :]
    for name in DEMO_FILES:
        assert str(folder / name) in tail
    assert "| Couvert en totalité | 35 | 33,3 | 189\u00a0869 | 53,0 |" in out
    assert "31/12/2021 → 31/12/2022 : 4 mieux couverts, 1 moins bien couvert" in out
    assert "Avec les 5 sites choisis (méthode gloutonne)" in out
    assert (
        "Nord, zones blanches (les six structures d'EXEMPLE créées en 2022) :\n"
        "633 communes (2\u00a0513\u00a0674 habitants) ne sont couvertes par aucune structure"
    ) in out
    # The known data problems are shown once each, as plain "Attention :" lines.
    lines = err.splitlines()
    assert all(line.startswith("Attention : ") for line in lines), err
    assert any("32 géométrie(s) invalide(s)" in line for line in lines)
    assert "AvsGeoWarning" not in err and "warnings.warn" not in err


def test_demo_tables_match_the_library(
    demo: tuple[Path, str, str],
    qpv_occitanie: gpd.GeoDataFrame,
    communes_all: gpd.GeoDataFrame,
    structures_occitanie: gpd.GeoDataFrame,
) -> None:
    """Per-QPV classes and rates of the CSV, recomputed through the public API."""
    folder, _, _ = demo
    zones = avs_geo.build_zones(
        structures_occitanie, communes=communes_all, qpv=qpv_occitanie, at="2022-12-31"
    )
    computed = avs_geo.compute_coverage(qpv_occitanie, zones)
    # Rows sorted by department, then code; departments as text that Excel keeps ("09").
    expected = computed.sort_values(["departement", "code_qpv"], ignore_index=True)
    table = read_csv(folder / "couverture_qpv.csv")
    assert table["Code QPV"].tolist() == expected["code_qpv"].tolist()
    assert table["Département"].iloc[0] == '="09"'
    assert table["Nom du département"].iloc[0] == "Ariège"
    labels = expected["coverage_status"].map(avs_geo.status_label)
    assert table["Couverture"].tolist() == labels.tolist()
    # Rates in percent to 1 decimal, areas in ha to 2, populations whole (as printed);
    # a rate short of 100 % reads 99.9 at most (QP030001: 99.994 %).
    assert table["Taux de couverture (%)"].to_numpy() == pytest.approx(
        expected["coverage_ratio"].to_numpy() * 100, abs=0.1
    )
    assert table.set_index("Code QPV").loc["QP030001", "Taux de couverture (%)"] == 99.9
    assert table["Surface du QPV (ha)"].to_numpy() == pytest.approx(
        expected["qpv_area_m2"].to_numpy() / 10_000, abs=0.005
    )
    assert table["Population couverte (estimée)"].to_numpy() == pytest.approx(
        expected["covered_population"].to_numpy(), abs=0.5
    )
    with open(folder / "couverture_qpv.csv", encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file, delimiter=";"))
    for header, decimals in (
        ("Taux de couverture (%)", 1),
        ("Surface du QPV (ha)", 2),
        ("Surface couverte (ha)", 2),
        ("Population", 0),
        ("Population couverte (estimée)", 0),
    ):
        shown = {len(r[header].partition(",")[2]) for r in rows if r[header]}
        assert shown <= set(range(decimals + 1)), (header, shown)
    row = table.set_index("Code QPV").loc["QP031001"]
    assert row["Couverture"] == "Couvert en totalité"
    assert "OCC-08" in row["Structures"]
    summary = read_csv(folder / "synthese.csv")
    assert summary["Nombre de QPV"].tolist() == [35, 10, 60, 105]


def test_demo_geopackage_opens_with_its_layers_and_styles(demo: tuple[Path, str, str]) -> None:
    folder, _, _ = demo
    path = folder / "couverture.gpkg"
    layers = pyogrio.list_layers(path)
    assert [name for name, _ in layers] == [
        "qpv_couverture",
        "zones",
        "structures",
        "communes",
        "layer_styles",
    ]
    styles = gpd.read_file(path, layer="layer_styles")
    assert styles["f_table_name"].tolist() == ["qpv_couverture", "zones", "structures", "communes"]
    assert styles["useAsDefault"].tolist() == [1, 1, 1, 1]
    # The communes the QPV and zones touch (the 168 of the web map).
    assert len(gpd.read_file(path, layer="communes")) == 168
    qpv = gpd.read_file(path, layer="qpv_couverture")
    assert len(qpv) == 105 and qpv.crs.to_epsg() == 2154
    row = qpv.set_index("code_qpv").loc["QP031008"]
    assert row["structure_ids"] == "OCC-02"  # a tuple written as ';'-joined text
    assert row["coverage_label"] == "Couvert en totalité"
    structures = gpd.read_file(path, layer="structures")
    assert "zone_polygon" not in structures.columns
    assert set(structures.geom_type) == {"Point"}
    assert len(structures) == len(gpd.read_file(path, layer="zones")) == 33
    codes = structures.set_index("structure_id").loc["OCC-16", "zone_communes"]
    assert codes == "34145;34146;34294;34151"


def test_demo_workbooks_have_fixed_timestamps(demo: tuple[Path, str, str]) -> None:
    folder, _, _ = demo
    with zipfile.ZipFile(folder / "rapport_couverture.xlsx") as book:
        stamps = {info.date_time for info in book.infolist()}
        core = book.read("docProps/core.xml").decode()
    assert len(stamps) == 1
    assert stamps.pop()[3:] == (0, 0, 0)
    assert "T00:00:00Z</dcterms:created>" in core


def test_demo_outputs_carry_the_example_notice_and_the_attribution(
    demo: tuple[Path, str, str],
) -> None:
    """The Licence Ouverte asks to name the producer; the network must read as an example."""
    openpyxl = pytest.importorskip("openpyxl")
    folder, _, _ = demo
    for name in ("rapport_couverture.xlsx", "sites.xlsx", "comparaison.xlsx", "evolution.xlsx"):
        sheet = openpyxl.load_workbook(folder / name)["Méthode"]
        method = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
        assert method["Fichier des structures"].startswith("réseau d'EXEMPLE"), name
        assert "Licence Ouverte" in method["Communes"], name
    for name in ("synthese.md", "sites.md", "comparaison.md", "evolution.md"):
        text = (folder / name).read_text(encoding="utf-8")
        assert "réseau d'EXEMPLE" in text and "Licence Ouverte" in text, name


@pytest.mark.slow
def test_demo_is_reproducible(demo: tuple[Path, str, str], tmp_path: Path) -> None:
    """A second run writes byte-identical files (same day: the date is in the workbooks)."""
    first, _, _ = demo
    code, _, err = run(["demo", "--sortie", str(tmp_path)])
    assert code == 0, err
    for name in DEMO_FILES:
        assert (tmp_path / name).read_bytes() == (first / name).read_bytes(), name


# --- couverture, comparer, sites -------------------------------------------------------


def test_couverture_department_with_french_options(tmp_path: Path) -> None:
    argv = ["couverture", *EXAMPLE, "--date", "31/12/2022", "--departement", "31"]
    argv += ["--seuils", "0,99", "0,01", "--sans-cartes", "--sortie", str(tmp_path)]
    code, out, err = run(argv)
    assert code == 0, err
    assert "QPV        : 19 QPV (données embarquées)" in out
    assert "35 structures, dont 33 agréées au 31/12/2022" in out
    assert "sur les 19 QPV du département" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [
            "manifeste.json",
            *(
                name
                for key, name in workflows.COVERAGE_FILES.items()
                if not key.startswith("map")
                and name not in workflows.outputs.OPTIONAL_FILES  # with --millesime
            ),
        ]
    )
    table = read_csv(tmp_path / "couverture_qpv.csv")
    assert set(table["Département"].astype(str)) == {"31"}
    summary_md = (tmp_path / "synthese.md").read_text(encoding="utf-8")
    assert "taux ≥ 99\u00a0%" in summary_md and "taux ≤ 1\u00a0%" in summary_md


def test_help_names_perimetres_and_the_old_zones() -> None:
    code, out, _ = run(["couverture", "--help"])
    assert code == 0
    assert "--perimetres FICHIER" in out
    assert "--zones FICHIER" in out and "ancien nom de --perimetres" in out


def test_zones_is_a_deprecated_alias_of_perimetres_that_warns_once(tmp_path: Path) -> None:
    argv = ["couverture", "--structures", STRUCTURES, "--date", "31/12/2022", "--sans-cartes"]
    code, out, err = run([*argv, "--perimetres", ZONES, "--sortie", str(tmp_path / "new")])
    assert code == 0, err
    assert "--zones" not in err
    # given twice, still one warning
    old = [*argv, "--zones", ZONES, "--zones", ZONES, "--sortie", str(tmp_path / "old")]
    code, old_out, old_err = run(old)
    assert code == 0, old_err
    warning = "Attention : --zones est remplacé par --perimetres depuis avs_geo 0.2"
    assert old_err.count(warning) == 1
    assert "--perimetres FICHIER" in old_err
    assert old_out.replace(str(tmp_path / "old"), str(tmp_path / "new")) == out
    for name in ("synthese.md", "couverture_qpv.csv"):
        assert (tmp_path / "old" / name).read_bytes() == (tmp_path / "new" / name).read_bytes()
    both = [*argv, "--zones", ZONES, "--perimetres", ZONES, "--sortie", str(tmp_path / "x")]
    code, _, err = run(both)
    assert code == 2
    assert "Erreur : --zones et --perimetres : --zones est l'ancien nom" in err
    assert not (tmp_path / "x").exists()


def test_couverture_without_date_says_every_structure_counts(tmp_path: Path) -> None:
    code, out, err = run(["couverture", *EXAMPLE, "--sans-cartes", "--sortie", str(tmp_path)])
    assert code == 0, err
    assert "Sans --date, toutes les structures du fichier comptent" in out


def test_comparer_lists_the_changes(tmp_path: Path) -> None:
    argv = ["comparer", *EXAMPLE, "--avant", "2021-12-31", "--apres", "31/12/2022"]
    code, out, err = run([*argv, "--sortie", str(tmp_path)])
    assert code == 0, err
    assert "Couverture des QPV, 31/12/2021 → 31/12/2022 : 4 mieux couverts" in out
    changes = read_csv(tmp_path / "comparaison_qpv.csv").set_index("Code QPV")["Évolution"]
    changed = changes[changes != "Inchangée"]
    assert changed.to_dict() == {
        "QP066002": "Amélioration",
        "QP081003": "Amélioration",
        "QP031014": "Amélioration",
        "QP030004": "Amélioration",
        "QP034018": "Dégradation",
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [
            "manifeste.json",
            *(
                name
                for name in workflows.COMPARISON_FILES.values()
                if name not in workflows.outputs.OPTIONAL_FILES  # with --par
            ),
        ]
    )


def test_comparer_in_english_prints_thresholds_the_english_way(tmp_path: Path) -> None:
    argv = ["comparer", *EXAMPLE, "--avant", "2021-12-31", "--apres", "2022-12-31"]
    code, out, err = run(
        [*argv, "--langue", "en", "--seuils", "0.975", "0.025", "--sortie", str(tmp_path)]
    )
    assert code == 0, err
    assert "QPV coverage, 2021-12-31 → 2022-12-31: " in out
    text = (tmp_path / "comparaison.md").read_text(encoding="utf-8")
    assert "fully covered if the rate ≥ 97.5%; not covered if the rate ≤ 2.5%" in text


def test_sites_chooses_k_sites(tmp_path: Path) -> None:
    argv = ["sites", *EXAMPLE, "--candidats", CANDIDATES, "-k", "3", "--date", "2022-12-31"]
    code, out, err = run([*argv, "--sortie", str(tmp_path)])
    assert code == 0, err
    assert "Candidats  : 18 sites" in out
    assert "Avec les 3 sites choisis (méthode gloutonne)" in out
    chosen = read_csv(tmp_path / "sites_choisis.csv")
    assert chosen["Identifiant"].dropna().tolist() == ["CAND-11", "CAND-07", "CAND-01"]
    scores = read_csv(tmp_path / "sites_scores.csv")
    assert len(scores) == 18
    assert "Attention : 2 des 18 candidats n'ajoutent rien" in err
    assert (tmp_path / "carte_sites.html").stat().st_size > 0


# --- bad input ------------------------------------------------------------------------------


def rewrite_structures(path: Path, change: dict[str, object]) -> str:
    """The example structures file with a column dropped (None) or cells replaced."""
    with open(STRUCTURES, encoding="utf-8") as source:
        rows = list(csv.DictReader(source, delimiter=";"))
    for column, value in change.items():
        for row in rows:
            if value is None:
                del row[column]
            elif isinstance(value, dict) and row["structure_id"] in value:
                row[column] = value[row["structure_id"]]
    with open(path, "w", encoding="utf-8", newline="") as target:
        writer = csv.DictWriter(target, fieldnames=list(rows[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
    return str(path)


def test_missing_column_names_the_column_and_the_file(tmp_path: Path) -> None:
    bad = rewrite_structures(tmp_path / "sans_type.csv", {"type": None})
    code, out, err = run(["couverture", "--structures", bad, "--sortie", str(tmp_path / "o")])
    assert code == 2
    assert "Erreur : Fichier des structures" in err
    assert "sans_type.csv" in err and "il manque la ou les colonne(s) 'type'" in err
    assert "Traceback" not in err
    assert out == ""
    assert not (tmp_path / "o" / "couverture_qpv.csv").exists()


def test_unknown_commune_code_names_the_structure_and_the_code(tmp_path: Path) -> None:
    bad = rewrite_structures(tmp_path / "code.csv", {"zone_communes": {"OCC-06": "31999"}})
    argv = ["couverture", "--structures", bad, "--perimetres", ZONES, "--sortie", str(tmp_path)]
    code, _, err = run(argv)
    assert code == 2
    assert "OCC-06: 31999" in err
    assert "Avec avs-geo : --communes FICHIER" in err
    assert "Traceback" not in err


def test_structures_without_zone_are_listed_and_the_run_goes_on(tmp_path: Path) -> None:
    """Without their perimeters file, the structures drawn only there have no zone: the
    run warns with their ids and the option, and measures the others."""
    code, out, err = run(
        ["couverture", "--structures", STRUCTURES, "--sans-cartes", "--sortie", str(tmp_path)]
    )
    assert code == 0
    assert "sans zone d'intervention" in err and "--perimetres FICHIER" in err
    assert "Phrase du rapport" in out


@pytest.mark.parametrize(
    ("options", "messages"),
    [
        (["--structures", "absent.csv"], ["Fichier des structures introuvable", "absent.csv"]),
        ([*EXAMPLE, "--seuils", "0.2", "0.5"], ["none_max (0.5) doit être inférieur", "--seuils"]),
        ([*EXAMPLE, "--seuils", "95", "5"], ["Donnez des parts, pas des pourcentages"]),
        (
            [*EXAMPLE, "--date", "2022-13-45"],
            ["date='2022-13-45' n'est pas une date", "31/12/2022"],
        ),
        ([*EXAMPLE, "--date", "hier"], ["date='hier' n'est pas une date"]),
        ([*EXAMPLE, "--departement", "59"], ["Aucun QPV du département '59'"]),
    ],
)
def test_bad_input_exits_2_with_the_library_message(
    tmp_path: Path, options: list[str], messages: list[str]
) -> None:
    code, out, err = run(["couverture", *options, "--sans-cartes", "--sortie", str(tmp_path)])
    assert code == 2
    assert "Erreur : " in err
    for message in messages:
        assert message in err
    assert "Traceback" not in err
    assert "Phrase du rapport" not in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["comparer", *EXAMPLE, "--avant", "2022-12-31", "--apres", "2021-12-31"],
            "doit précéder after",
        ),
        (["sites", *EXAMPLE, "--candidats", CANDIDATES, "-k", "0"], "k doit être entre 1"),
        (["sites", *EXAMPLE, "--candidats", "absent.csv", "-k", "2"], "absent.csv"),
    ],
)
def test_bad_input_of_comparer_and_sites(tmp_path: Path, argv: list[str], message: str) -> None:
    code, _, err = run([*argv, "--sans-cartes", "--sortie", str(tmp_path)])
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    bad = rewrite_structures(tmp_path / "sans_type.csv", {"type": None})
    argv = ["couverture", "--structures", bad, "--sortie", str(tmp_path), "--debug"]
    code, _, err = run(argv)
    assert code == 2
    assert "Traceback (most recent call last)" in err
    assert "avs_geo.errors.SchemaError" in err
    assert err.rstrip().splitlines()[-1].startswith("Erreur : Fichier des structures")
    # --debug before the command works too
    code, _, err = run(["--debug", *argv[:-1]])
    assert code == 2 and "Traceback" in err


def test_unexpected_error_exits_1_with_a_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disque plein")

    monkeypatch.setattr(workflows, "run_coverage", broken)
    code, _, err = run(["couverture", *EXAMPLE, "--sortie", str(tmp_path)])
    assert code == 1
    assert "Erreur : erreur inattendue (RuntimeError : disque plein)" in err
    assert "Relancez avec --debug" in err
    assert "Traceback" not in err


def test_file_open_in_excel_exits_2_with_a_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def locked(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", "rapport_couverture.xlsx")

    monkeypatch.setattr(workflows, "run_coverage", locked)
    code, _, err = run(["couverture", *EXAMPLE, "--sortie", str(tmp_path)])
    assert code == 2
    assert "rapport_couverture.xlsx" in err and "ouvert dans un autre logiciel" in err


def test_missing_extra_exits_1_with_the_pip_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class MissingError(ImportError):  # the contract of avs_geo.errors.MissingDependencyError
        extra = "maps"

    def no_folium(*args: object, **kwargs: object) -> None:
        raise MissingError('The maps need folium: pip install "avs_geo[maps]".')

    monkeypatch.setattr(workflows, "run_coverage", no_folium)
    code, _, err = run(["couverture", *EXAMPLE, "--sortie", str(tmp_path)])
    assert code == 1
    assert 'Erreur : The maps need folium: pip install "avs_geo[maps]".' in err
    assert "--sans-cartes" in err
    assert "Traceback" not in err


def test_hints_come_from_error_fields_not_message_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A message that mentions full_min gives no hint; an error about full_min does."""

    def raising(error: BaseException):  # type: ignore[no-untyped-def]
        def run_coverage(*args: object, **kwargs: object) -> None:
            raise error

        return run_coverage

    argv = ["couverture", *EXAMPLE, "--sortie", str(tmp_path)]
    monkeypatch.setattr(workflows, "run_coverage", raising(ParameterError("full_min, zones file")))
    code, _, err = run(argv)
    assert code == 2 and "Avec avs-geo" not in err
    error = ParameterError("Seuils incohérents.", parameters=("full_min", "none_max"))
    monkeypatch.setattr(workflows, "run_coverage", raising(error))
    _, _, err = run(argv)
    assert err.count("--seuils TOTAL_MIN AUCUN_MAX") == 1  # one hint for both thresholds
    error = UnknownCodeError("Codes inconnus.", layer="qpv")
    monkeypatch.setattr(workflows, "run_coverage", raising(error))
    _, _, err = run(argv)
    assert "Avec avs-geo : --qpv FICHIER" in err
    monkeypatch.setattr(workflows, "run_coverage", raising(ImportError("avs_geo[maps]")))
    code, _, err = run(argv)
    assert code == 1 and "--sans-cartes" not in err


def test_output_folder_that_is_a_file(tmp_path: Path) -> None:
    target = tmp_path / "fichier.txt"
    target.write_text("x")
    code, _, err = run(["couverture", *EXAMPLE, "--sortie", str(target)])
    assert code == 2
    assert "est un fichier" in err


# --- the real entry points ------------------------------------------------------------------


def test_python_dash_m_avs_geo(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "avs_geo", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert done.stdout.startswith("Utilisation : avs-geo")
    bad = [sys.executable, "-m", "avs_geo", "couverture", "--structures", "absent.csv"]
    done = subprocess.run(
        [*bad, "--sortie", str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert "Erreur : Fichier des structures introuvable" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.slow
def test_installed_avs_geo_demo(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("avs-geo")
    if not script.exists():  # pragma: no cover - the package is not installed in this env
        found = shutil.which("avs-geo")
        if found is None:
            pytest.skip("the avs-geo script is not installed (pip install -e .)")
        script = Path(found)
    done = subprocess.run(
        [str(script), "demo", "--sortie", "sortie"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    written = sorted(p.name for p in (tmp_path / "sortie").iterdir())
    assert written == sorted([*DEMO_FILES, "manifeste.json"])
    assert "sortie/carte_couverture.html" in done.stdout
    assert "Phrase du rapport (réseau d'EXEMPLE) :\nAu 31 décembre 2022" in done.stdout


def test_couverture_base_map_offline_is_drawn_without_and_said(tmp_path: Path) -> None:
    """--fond-xyz toward a closed port: the run succeeds, without base map, with a warning."""
    argv = ["couverture", *EXAMPLE, "--departement", "09", "--date", "31/12/2022",
            "--fond-xyz", "http://127.0.0.1:9/{z}/{x}/{y}.png", "--fond-attribution", "© Test",
            "--sortie", str(tmp_path)]  # fmt: skip
    code, _out, err = run(argv)
    assert code == 0, err
    assert "Fond de carte non chargé" in err
    assert (tmp_path / "carte_rapport.png").exists() and (
        tmp_path / "atlas_couverture.pdf"
    ).exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--fond-xyz", "https://tile.example/{z}/{x}/{y}.png"], "besoin de son attribution"),
        (["--fond-attribution", "© Test"], "--fond-attribution ne sert qu'avec --fond-xyz"),
        (["--fond-xyz", "https://tile.example/carte.png", "--fond-attribution", "x"],
         r"doit contenir \{z\}, \{x\} et \{y\}"),
    ],
)  # fmt: skip
def test_couverture_base_map_options_are_checked(
    tmp_path: Path, extra: list[str], message: str
) -> None:
    code, _, err = run(["couverture", *EXAMPLE, *extra, "--sortie", str(tmp_path / "out")])
    assert code == 2
    assert re.search(message, err), err
    assert "--fond-xyz" in err  # the hint


# --- territories, white zones and rural EVS (issue 12) ---------------------------------------


def test_comparer_par_epci_writes_the_summary_of_each_date_by_epci(tmp_path: Path) -> None:
    argv = ["comparer", *EXAMPLE, "--avant", "31/12/2021", "--apres", "31/12/2022"]
    code, out, err = run([*argv, "--par", "epci", "--sortie", str(tmp_path)])
    assert code == 0, err
    grouped = read_csv(tmp_path / "comparaison_par_groupe.csv")
    assert list(grouped.columns[:3]) == ["Situation", "EPCI", "Couverture"]
    assert set(grouped["Situation"]) == {"31/12/2021", "31/12/2022"}
    assert "Non renseigné" not in set(grouped["EPCI"])  # every QPV placed in its EPCI
    totals = grouped[grouped["Couverture"] == "Total"]
    assert totals.groupby("Situation")["Nombre de QPV"].sum().tolist() == [105, 105]
    assert "comparaison_par_groupe.csv" in out
    import openpyxl

    book = openpyxl.load_workbook(tmp_path / "comparaison.xlsx")
    assert "Par groupe" in book.sheetnames


def test_comparer_par_territoire_needs_the_territories_file(tmp_path: Path) -> None:
    argv = ["comparer", *EXAMPLE, "--avant", "31/12/2021", "--apres", "31/12/2022"]
    code, _, err = run([*argv, "--par", "territoire", "--sortie", str(tmp_path)])
    assert code == 2
    assert "demande le fichier des territoires" in err and "--territoires FICHIER" in err


def test_sites_grille_communes_scores_the_white_zones(tmp_path: Path) -> None:
    argv = ["sites", *EXAMPLE, "--grille", "communes", "--communes-par-site", "3", "-k", "2"]
    code, out, err = run(
        [*argv, "--date", "31/12/2022", "--sans-cartes", "--sortie", str(tmp_path)]
    )
    assert code == 0, err
    assert "sites (--grille communes)" in out
    scores = read_csv(tmp_path / "sites_scores.csv")
    assert scores["Identifiant"].str.startswith(("COMMUNE-", "GROUPE-")).all()
    # demand "communes" by default with the grid: the score is the white-zone gain
    white = scores["Habitants sans offre gagnés (estimés)"]
    assert (scores["Score"] == white).all() and white.iloc[0] > 0
    assert (scores["Communes en zone blanche atteintes"] <= 3).all()
    note = (tmp_path / "sites.md").read_text(encoding="utf-8")
    assert "habitants sans offre" in note


def test_sites_demande_les_deux_counts_qpv_inhabitants_double(tmp_path: Path) -> None:
    base = ["sites", *EXAMPLE, "--candidats", CANDIDATES, "-k", "2", "--date", "31/12/2022"]
    code, _, err = run(
        [
            *base,
            "--demande",
            "les-deux",
            "--poids-qpv",
            "2",
            "--sans-cartes",
            "--sortie",
            str(tmp_path),
        ]
    )
    assert code == 0, err
    scores = read_csv(tmp_path / "sites_scores.csv").set_index("Identifiant")
    qpv = scores["Population gagnée (estimée)"].fillna(0)
    white = scores["Habitants sans offre gagnés (estimés)"].fillna(0)
    # the CSV rounds each column to whole inhabitants: 2 × QPV + white within rounding
    assert ((scores["Score"] - (2 * qpv + white)).abs() <= 2).all()
    assert (white > 0).any() and (qpv > 0).any()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ([], "Aucun site candidat : donnez le fichier des candidats"),
        (["--candidats", CANDIDATES, "--grille", "communes"], "pas les deux"),
        (["--candidats", CANDIDATES, "--poids-qpv", "2"], "--poids-qpv (qpv_weight) pondère"),
        (
            ["--grille", "communes", "--poids-communes", "3"],
            "sans effet avec la demande 'communes'",
        ),
        (
            ["--candidats", CANDIDATES, "--demande", "les-deux", "--poids-qpv", "-1"],
            "Le poids (qpv_weight=, --poids-qpv) doit être un nombre ≥ 0",
        ),
        (["--candidats", CANDIDATES, "--demande", "rural"], "--demande : choix 'rural'"),
        (["--grille", "points"], "--grille : choix 'points'"),
        (["--grille", "communes", "--communes-par-site", "0"], "--communes-par-site"),
    ],
)
def test_sites_demand_and_grid_errors_are_french(
    tmp_path: Path, options: list[str], message: str
) -> None:
    code, out, err = run(["sites", *EXAMPLE, "-k", "2", *options, "--sortie", str(tmp_path)])
    assert code == 2
    assert message in err
    assert "Traceback" not in err and out == ""


def test_sites_par_territoire_writes_the_summaries_by_territory(tmp_path: Path) -> None:
    territories = tmp_path / "territoires.csv"
    territories.write_text("code;territoire\n31555;Toulouse\n34172;Montpellier\n", encoding="utf-8")
    argv = ["sites", *EXAMPLE, "--candidats", CANDIDATES, "-k", "2", "--date", "31/12/2022"]
    out_dir = tmp_path / "sortie"
    code, _, err = run(
        [*argv, "--par", "territoire", "--territoires", str(territories), "--sans-cartes",
         "--sortie", str(out_dir)]
    )  # fmt: skip
    assert code == 0, err
    grouped = read_csv(out_dir / "sites_par_groupe.csv")
    assert list(grouped.columns[:2]) == ["Situation", "Territoire"]
    assert {"Toulouse", "Montpellier", "Non renseigné"} <= set(grouped["Territoire"])
    assert set(grouped["Situation"]) == {"réseau actuel", "avec les 2 sites"}


@pytest.mark.slow
def test_couverture_with_the_map_split_per_department(tmp_path: Path) -> None:
    code, out, err = run(
        ["couverture", *EXAMPLE, "--date", "31/12/2022", "--carte-par-departement",
         "--departement", "31", "34", "--sortie", str(tmp_path)]
    )  # fmt: skip
    assert code == 0, err
    pages = sorted(p.name for p in tmp_path.glob("carte_*.html"))
    assert pages == [
        "carte_couverture.html",
        "carte_departement_31.html",
        "carte_departement_34.html",
        "carte_index.html",
    ]
    index = (tmp_path / "carte_index.html").read_text(encoding="utf-8")
    assert 'href=\\"carte_departement_31.html\\"' in index
    page = (tmp_path / "carte_departement_34.html").read_text(encoding="utf-8")
    assert 'href=\\"carte_index.html\\"' in page
    listed = {f["nom"] for f in check_manifest(tmp_path)["fichiers"]}
    assert set(pages) <= listed
    assert "carte interactive par département" in out
    assert check_manifest(tmp_path)["options"]["carte_par_departement"] is True


def test_carte_par_departement_is_in_the_french_help() -> None:
    code, out, _ = run(["couverture", "--help"])
    assert code == 0
    assert "--carte-par-departement" in out and "une page par département" in " ".join(out.split())
