"""The command line killed mid-run, and two runs at once, over a folder holding a
previous complete run: afterwards the folder holds exactly one complete set, old or new,
that matches its manifest (issue 16).

Each run is a real ``python -m avs_geo couverture`` process; SIGINT (Ctrl+C) and
SIGKILL come at seeded random moments spread over a whole run.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from avs_geo.datasets import get_path
from avs_geo.workflows.outputs import MANIFEST, check_manifest, finish_pending

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals"),
]

KILLS = 20  # 10 SIGINT, 10 SIGKILL
SEED = 16


def command(folder: Path, date: str, *extra: str) -> list[str]:
    return [
        sys.executable, "-m", "avs_geo", "couverture",
        "--structures", str(get_path("structures_exemple_occitanie")),
        "--perimetres", str(get_path("zones_exemple_occitanie")),
        "--departement", "09", "--date", date, "--sortie", str(folder), *extra,
    ]  # fmt: skip


def environment() -> dict[str, str]:
    src = str(Path(__file__).resolve().parents[1] / "src")
    return {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}


def complete_set(folder: Path) -> str:
    """Check the folder holds exactly one complete set; return the date of its run."""
    manifest = check_manifest(folder)
    names = {entry["nom"] for entry in manifest["fichiers"]}
    shown = {p.name for p in folder.iterdir() if not p.name.startswith(".avs_geo")}
    assert shown == names | {MANIFEST}
    return str(manifest["options"]["date"])


def test_killed_runs_leave_one_complete_set_old_or_new(tmp_path: Path) -> None:
    folder = tmp_path / "sortie"
    env = environment()
    start = time.monotonic()
    subprocess.run(command(folder, "2021-12-31"), env=env, check=True, capture_output=True)
    duration = time.monotonic() - start
    assert complete_set(folder) == "2021-12-31"
    rng = random.Random(SEED)
    outcomes: dict[str, int] = {"old": 0, "new": 0, "pending": 0}
    signals = [signal.SIGINT, signal.SIGKILL] * (KILLS // 2)
    for number, sig in enumerate(signals):
        # Alternate the date so that each run's set differs from the one before it.
        date = "2022-12-31" if number % 2 == 0 else "2021-12-31"
        before = complete_set(folder)
        process = subprocess.Popen(
            command(folder, date), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        time.sleep(rng.uniform(0.0, 1.1 * duration))
        process.send_signal(sig)
        _, err = process.communicate(timeout=120)
        if process.returncode == 130:  # Ctrl+C seen by the command line: one French line
            assert err.decode().splitlines()[-1].startswith("Interrompu (Ctrl+C) : aucun fichier")
        if (folder / ".avs_geo_a_installer").exists():  # killed between commit and install
            outcomes["pending"] += 1
            assert finish_pending(folder)
            assert complete_set(folder) == date
            continue
        after = complete_set(folder)
        assert after in (before, date)
        outcomes["new" if after == date else "old"] += 1
        finish_pending(folder)  # as the next run does: abandoned temporary folders removed
        assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == []
    assert sum(outcomes.values()) == KILLS
    # The seeded moments cover the whole run: some kills land before the end, some after.
    assert outcomes["old"] > 0
    assert outcomes["new"] > 0, outcomes


def test_two_runs_at_once_one_is_refused_the_other_completes(tmp_path: Path) -> None:
    folder = tmp_path / "sortie"
    env = environment()
    subprocess.run(command(folder, "2021-12-31"), env=env, check=True, capture_output=True)
    for _ in range(3):  # the second run must reach the lock while the first holds it
        first = subprocess.Popen(
            command(folder, "2022-12-31"), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )  # with maps: it holds the lock for several seconds
        while first.poll() is None and not list(folder.glob(".avs_geo_en_cours_*")):
            time.sleep(0.02)
        second = subprocess.run(
            command(folder, "2020-12-31", "--sans-cartes"), env=env, capture_output=True
        )
        first.communicate(timeout=300)
        assert first.returncode == 0
        if second.returncode == 0:  # the first had already finished: try again
            continue
        assert second.returncode == 2
        assert "Un autre calcul avs_geo écrit déjà dans" in second.stderr.decode()
        assert complete_set(folder) == "2022-12-31"
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        assert manifest["options"]["cartes"] is True
        return
    pytest.fail("the second run never met the first one's lock")
