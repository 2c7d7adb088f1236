"""Outputs all or nothing: staged writing, manifest, lock, input clashes, symbolic links,
literal paths, interruptions and unusable output folders (issue 16)."""

from __future__ import annotations

import json
import re
import shutil
import warnings
from pathlib import Path

import pyogrio
import pytest

import avs_geo
from avs_geo import cli, workflows
from avs_geo.datasets import get_path
from avs_geo.errors import OutputFolderError
from avs_geo.workflows.outputs import (
    MANIFEST,
    check_manifest,
    finish_pending,
    output_dir,
    staged_output,
)

STRUCTURES = get_path("structures_exemple_occitanie")
PERIMETERS = get_path("zones_exemple_occitanie")


def coverage(folder: Path, **kwargs: object) -> workflows.CoverageRun:
    """A fast coverage run (Ariège, no maps), warnings of the embedded data silenced."""
    options: dict[str, object] = {
        "structures": STRUCTURES,
        "perimeters": PERIMETERS,
        "departement": "09",
        "date": "2022-12-31",
        "maps": False,
    }
    options.update(kwargs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", avs_geo.AvsGeoWarning)
        return workflows.run_coverage(folder, **options)  # type: ignore[arg-type]


def visible(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_run_writes_a_manifest_that_matches_its_files(tmp_path: Path) -> None:
    run = coverage(tmp_path)
    manifest = check_manifest(tmp_path)
    assert sorted(entry["nom"] for entry in manifest["fichiers"]) == sorted(
        path.name for path in run.files.values()
    )
    assert visible(tmp_path) == sorted([MANIFEST, *(p.name for p in run.files.values())])
    assert all(path.parent == tmp_path for path in run.files.values())
    assert manifest["avs_geo"] == avs_geo.__version__
    assert manifest["options"]["date"] == "2022-12-31"
    assert manifest["options"]["departement"] == "09"
    assert manifest["entrees"]["structures"]["chemin"] == str(STRUCTURES)
    assert len(manifest["entrees"]["structures"]["sha256"]) == 64
    assert manifest["entrees"]["qpv"] is None  # the embedded QPV


def test_check_manifest_names_a_changed_file(tmp_path: Path) -> None:
    coverage(tmp_path)
    (tmp_path / "synthese.csv").write_text("modifié", encoding="utf-8")
    with pytest.raises(
        OutputFolderError, match=r"1 fichier\(s\) diffèrent du manifeste \(synthese\.csv\)"
    ):
        check_manifest(tmp_path)
    (tmp_path / MANIFEST).unlink()
    with pytest.raises(OutputFolderError, match="Pas de manifeste lisible"):
        check_manifest(tmp_path)


def test_an_error_mid_run_leaves_the_previous_set_untouched(tmp_path: Path) -> None:
    coverage(tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    with (
        pytest.raises(avs_geo.ParameterError, match="weight"),
        staged_output(tmp_path, names=workflows.COVERAGE_FILES.values(), inputs=()) as stage,
    ):
        (stage.work / "synthese.csv").write_text("à moitié", encoding="utf-8")
        raise avs_geo.ParameterError("weight: a failure in the middle of the job")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
    check_manifest(tmp_path)


def test_files_of_the_previous_set_not_written_again_are_removed(tmp_path: Path) -> None:
    for names in (["a.csv", "b.csv"], ["a.csv"]):
        with staged_output(tmp_path, names=["a.csv", "b.csv"], inputs=()) as stage:
            files = {name: stage.work / name for name in names}
            for path in files.values():
                path.write_text(f"{len(names)}\n", encoding="utf-8")
            stage.commit(files, inputs={}, options={})
    assert visible(tmp_path) == ["a.csv", MANIFEST]
    assert (tmp_path / "a.csv").read_text(encoding="utf-8") == "1\n"


def test_an_input_in_the_output_folder_is_never_replaced(tmp_path: Path) -> None:
    clash = tmp_path / "structures_couverture.csv"
    shutil.copyfile(STRUCTURES, clash)
    with pytest.raises(
        OutputFolderError,
        match=r"fichier d'entrée '.*structures_couverture\.csv' porte le nom d'un fichier que "
        r"avs_geo écrit .* Renommez-le",
    ) as caught:
        coverage(tmp_path, structures=clash)
    assert caught.value.file == str(clash)
    assert clash.read_bytes() == STRUCTURES.read_bytes()
    assert visible(tmp_path) == ["structures_couverture.csv"]


def test_an_input_reached_through_another_name_is_refused_too(tmp_path: Path) -> None:
    out = tmp_path / "sortie"
    out.mkdir()
    shutil.copyfile(STRUCTURES, out / "synthese.csv")
    with pytest.raises(OutputFolderError, match="porte le nom d'un fichier"):
        coverage(out, structures=tmp_path / "sortie" / ".." / "sortie" / "synthese.csv")


def test_symbolic_links_in_the_output_folder_are_replaced_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "precieux.csv"
    outside.write_text("ne pas toucher\n", encoding="utf-8")
    out = tmp_path / "sortie"
    out.mkdir()
    for name in ("synthese.csv", "couverture.gpkg", "rapport_couverture.xlsx"):
        (out / name).symlink_to(outside)
    coverage(out)
    assert outside.read_text(encoding="utf-8") == "ne pas toucher\n"
    for name in ("synthese.csv", "couverture.gpkg", "rapport_couverture.xlsx"):
        assert not (out / name).is_symlink()
    check_manifest(out)


def test_a_folder_named_like_an_output_is_refused(tmp_path: Path) -> None:
    (tmp_path / "synthese.csv").mkdir()
    with pytest.raises(OutputFolderError, match=r"contient un dossier nommé 'synthese\.csv'"):
        coverage(tmp_path)


def test_paths_with_an_exclamation_mark_are_taken_literally(tmp_path: Path) -> None:
    (tmp_path / "2022").mkdir()
    out = tmp_path / "rapport!2022"
    run = coverage(out)
    assert visible(tmp_path / "2022") == []
    assert run.files["geopackage"] == out / "couverture.gpkg"
    plain = shutil.copyfile(out / "couverture.gpkg", tmp_path / "copie.gpkg")
    layers = [name for name in pyogrio.list_layers(plain)[:, 0] if name != "layer_styles"]
    assert layers == list(workflows.GEOPACKAGE_LAYERS)  # layer_styles: the QGIS styles table
    # and an input whose path holds '!' (or starts like a GDAL virtual path) is read
    inputs = tmp_path / "entrées!2022" / "vsizip"
    inputs.mkdir(parents=True)
    perimeters = inputs / "zones!.geojson"
    shutil.copyfile(PERIMETERS, perimeters)
    again = coverage(tmp_path / "autre", perimeters=perimeters)
    assert again.summary.equals(run.summary)


@pytest.mark.parametrize(
    ("make", "match"),
    [
        (lambda tmp: tmp / "fichier.txt" / "sortie", "un élément du chemin est un fichier"),
        (lambda tmp: tmp / "fichier.txt", "est un fichier : donnez un nom de dossier"),
        (lambda tmp: Path("/proc/avs_geo_sortie"), "Impossible de créer le dossier de sortie"),
    ],
)
def test_an_unusable_output_folder_is_a_clear_error(tmp_path: Path, make, match: str) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "fichier.txt").write_text("x", encoding="utf-8")
    with pytest.raises(OutputFolderError, match=match):
        output_dir(make(tmp_path))
    code, err = run_cli(["couverture", "--structures", str(STRUCTURES), "--sans-cartes",
                         "--sortie", str(make(tmp_path))])  # fmt: skip
    assert code == cli.EXIT_BAD_INPUT
    assert err.startswith("Erreur : ") and "Traceback" not in err


def test_a_second_run_on_the_same_folder_is_refused(tmp_path: Path) -> None:
    with staged_output(tmp_path, names=["a.csv"], inputs=()):
        with pytest.raises(
            OutputFolderError, match=r"Un autre calcul avs_geo écrit déjà dans .*\(pid \d+"
        ):
            coverage(tmp_path)
        with pytest.raises(OutputFolderError, match="Un autre calcul"):
            finish_pending(tmp_path)
    coverage(tmp_path)  # the lock is released at the end of the run
    assert ".avs_geo.verrou" not in visible(tmp_path)


def test_a_committed_set_cut_short_is_finished_by_the_next_run(tmp_path: Path) -> None:
    coverage(tmp_path)
    old = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    # A run killed after its commit point: its set waits in the pending folder.
    pending = tmp_path / ".avs_geo_a_installer"
    pending.mkdir()
    (pending / "synthese.csv").write_text("nouveau\n", encoding="utf-8")
    entry = {
        "nom": "synthese.csv",
        "octets": 8,
        "sha256": __import__("hashlib").sha256(b"nouveau\n").hexdigest(),
    }
    (pending / MANIFEST).write_text(json.dumps({**old, "fichiers": [entry]}), encoding="utf-8")
    others = sorted(e["nom"] for e in old["fichiers"] if e["nom"] != "synthese.csv")
    (pending / "obsoletes.json").write_text(json.dumps(others), encoding="utf-8")
    (tmp_path / ".avs_geo_en_cours_abandonne").mkdir()  # a run killed before its commit
    assert finish_pending(tmp_path)
    assert visible(tmp_path) == [MANIFEST, "synthese.csv"]
    assert check_manifest(tmp_path)["fichiers"] == [entry]


def run_cli(argv: list[str]) -> tuple[int, str]:
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(argv)
    return code, err.getvalue()


def test_ctrl_c_prints_one_french_line_and_exits_130(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    coverage(tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def interrupted(*args: object, **kwargs: object) -> None:
        with staged_output(tmp_path, names=workflows.COVERAGE_FILES.values(), inputs=()) as stage:
            (stage.work / "synthese.csv").write_text("à moitié", encoding="utf-8")
            raise KeyboardInterrupt

    monkeypatch.setattr(workflows, "run_coverage", interrupted)
    code, err = run_cli(["couverture", "--structures", str(STRUCTURES), "--sortie", str(tmp_path)])
    assert code == 130
    assert err.splitlines() == [
        f"Interrompu (Ctrl+C) : aucun fichier n'a été remplacé dans '{tmp_path}' ; les "
        "résultats précédents sont intacts."
    ]
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_control_characters_in_an_error_reach_the_terminal_as_escapes(tmp_path: Path) -> None:
    structures = tmp_path / "structures.csv"
    text = STRUCTURES.read_text(encoding="utf-8").splitlines()
    header, first = text[0], text[1]
    # Two structures with the same id, that id carrying an ANSI "clear screen" and a fake OK.
    evil = "CS\x1b[2J\x1b[HOK"
    rest = first.split(first.split(";")[0], 1)[1] if ";" in first else first
    structures.write_text("\n".join([header, evil + rest, evil + rest]) + "\n", encoding="utf-8")
    code, err = run_cli(["couverture", "--structures", str(structures), "--sans-cartes",
                         "--sortie", str(tmp_path / "sortie")])  # fmt: skip
    assert code == cli.EXIT_BAD_INPUT
    assert "\x1b" not in err
    assert "\\x1b[2J" in err


# --- text that stays text -------------------------------------------------------------

HOSTILE_NAMES = [
    "Salle <script>alert(1)</script>",
    "[clic](javascript:alert(1))",
    "# Titre piégé",
    "ligne 1\nligne 2\r\n# ligne 3",
    "a | b | c",
    "**gras** _souligné_ `code` ~~barré~~",
    "retour\rchariot",
    "CS\x1b[2J\x1b[HOK",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_markdown_text_leaves_no_markup(name: str) -> None:
    from avs_geo.write.text import markdown_text

    text = markdown_text(name)
    assert "\n" not in text and "\r" not in text and "\x1b" not in text
    for mark in "<>[]|#`*~":
        assert text.count(mark) == text.count("\\" + mark)


def test_to_markdown_keeps_one_row_per_line_whatever_the_names() -> None:
    import pandas as pd

    table = pd.DataFrame({"nom | piégé\n": HOSTILE_NAMES, "n": range(len(HOSTILE_NAMES))})
    lines = avs_geo.to_markdown(table).split("\n")
    assert len(lines) == 2 + len(HOSTILE_NAMES)
    assert all(line.startswith("| ") and line.endswith(" |") for line in lines[2:])
    assert lines[0] == "| nom \\| piégé  | n |"
    assert lines[2 + 1] == "| \\[clic\\](javascript:alert(1)) | 1 |"


def test_sites_note_escapes_candidate_names(tmp_path: Path) -> None:
    candidates = tmp_path / "candidats.csv"
    hostile = "Salle <img src=x onerror=alert(1)> [clic](javascript:alert(1))\n# Faux titre"
    points = [(42.9650, 1.6070), (43.1170, 1.6090), (42.9850, 1.1470)]
    rows = [(f"C{i}", f"{hostile} {i}", lat, lon) for i, (lat, lon) in enumerate(points)]
    import csv

    with candidates.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["candidat_id", "nom", "lat", "lon"])
        writer.writerows(rows)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", avs_geo.AvsGeoWarning)
        run = workflows.run_sites(
            tmp_path / "sortie", candidates=candidates, k=3, structures=STRUCTURES,
            perimeters=PERIMETERS, departement="09", date="2022-12-31", maps=False,
        )  # fmt: skip
    note = run.files["summary_md"].read_text(encoding="utf-8")
    assert [line for line in note.splitlines() if line.startswith("#")] == [note.splitlines()[0]]
    assert not re.search(r"(?<!\\)<img|(?<!\\)\]\(javascript", note)
    assert "\\<img src=x onerror=alert(1)\\>" in note
    assert "\\[clic\\](javascript:alert(1)) \\# Faux titre" in note


def test_extra_columns_of_any_name_reach_the_geopackage(tmp_path: Path) -> None:
    lines = STRUCTURES.read_text(encoding="utf-8").splitlines()
    extra = [lines[0] + ";fid;geom;remarque;Remarque"]
    extra += [f"{line};x{i};g;r{i};R{i}" for i, line in enumerate(lines[1:])]
    structures = tmp_path / "structures_qgis.csv"
    structures.write_text("\n".join(extra) + "\n", encoding="utf-8")
    run = coverage(tmp_path / "sortie", structures=structures)
    plain = shutil.copyfile(run.files["geopackage"], tmp_path / "copie.gpkg")
    layer = pyogrio.read_dataframe(plain, layer="structures")
    assert {"fid_2", "geom_2", "remarque", "Remarque_2"} <= set(layer.columns)
    assert layer["Remarque_2"].str.startswith("R").all()
    assert len(layer) == len(run.zones)
