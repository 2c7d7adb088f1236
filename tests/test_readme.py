"""The README keeps up with the code, and the package runs as a Windows planner runs it.

The header spellings listed in the README are generated from the one vocabulary of the
readers (``scripts/readme_vocabulary.py``), so that the list cannot drift. The command
line runs without make or a shell, into a folder whose name has spaces and accents, on
a console that cannot show every character (cp1252, a Windows console redirected to a
file).
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from avs_geo.read._vocabulary import VOCABULARY, fold, match_headers

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "readme_vocabulary", ROOT / "scripts" / "readme_vocabulary.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_readme_lists_the_vocabulary_as_generated() -> None:
    script = _script()
    assert script.updated(README) == README, "python scripts/readme_vocabulary.py"


def test_the_generated_list_has_every_spelling_once_per_role() -> None:
    text = _script().render()
    for kind, roles in VOCABULARY.items():
        for role, names in roles.items():
            lines = [line for line in text.splitlines() if line.startswith(f"- `{role}` : ")]
            listed = {n for line in lines for n in line.split(" : ", 1)[1].split(", ") if n != "—"}
            assert set(names) - {role} <= listed, (kind, role)


@pytest.mark.parametrize("kind", sorted(VOCABULARY))
def test_every_listed_spelling_is_read_as_its_role(kind: str) -> None:
    """What the README promises, the reader does: each spelling maps to its role."""
    for role, names in VOCABULARY[kind].items():
        for name in names:
            first = next(r for r, ns in VOCABULARY[kind].items() if fold(name) in map(fold, ns))
            assert match_headers([name], kind) == {name: first}, (role, name)


def test_the_readme_gives_the_route_without_make() -> None:
    for words in (
        "py -m venv",
        ".venv\\Scripts\\activate",
        'pip install "',
        "avs-geo demo --sortie",
        "avs-geo modele",
        'avs_geo.language("en")',
    ):
        assert words in README, words


@pytest.mark.slow
def test_the_demo_runs_into_a_folder_with_spaces_and_accents(tmp_path: Path) -> None:
    """``python -m avs_geo demo`` as a Windows planner runs it: no make, no shell, a
    folder named with spaces and accents, a cp1252 console."""
    folder = tmp_path / "Mes données" / "sortie é"
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    result = subprocess.run(
        [sys.executable, "-m", "avs_geo", "demo", "--sortie", str(folder)],
        capture_output=True,
        cwd=tmp_path,
        env=env,
        check=False,
    )
    out = result.stdout.decode("cp1252")
    err = result.stderr.decode("cp1252")
    assert result.returncode == 0, err
    assert "Erreur" not in err
    assert "Fichiers écrits" in out
    manifest = json.loads((folder / "manifeste.json").read_text(encoding="utf-8"))
    names = [entry["nom"] for entry in manifest["fichiers"]]
    assert len(names) > 20
    assert all((folder / name).is_file() for name in names)
    assert any(name.endswith(".html") for name in names)
    assert any(name.endswith(".xlsx") for name in names)
    assert str(folder.name) in out or "sortie" in out


def test_a_console_without_the_character_shows_a_question_mark(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io

    from avs_geo import cli

    raw = io.BytesIO()
    console = io.TextIOWrapper(raw, encoding="cp1252")
    monkeypatch.setattr(sys, "stdout", console)
    cli._tolerant_streams()
    sys.stdout.write("taux ≥ 95 % → couvert, é\n")
    console.flush()
    assert raw.getvalue().decode("cp1252") == "taux ? 95 % ? couvert, é\n"
