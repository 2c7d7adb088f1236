"""The whole jobs of avs_geo.workflows: their steps, the site relation built once, and the
deprecated ``zones=`` name of the drawn perimeters."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path

import pytest

import avs_geo
from avs_geo import workflows
from avs_geo.datasets import get_path
from avs_geo.sites import relation as site_relation
from avs_geo.sites import score, select
from avs_geo.workflows.progress import (
    Steps,
    comparison_plan,
    coverage_plan,
    demo_plan,
    sites_plan,
)

STRUCTURES = get_path("structures_exemple_occitanie")
PERIMETERS = get_path("zones_exemple_occitanie")
CANDIDATES = get_path("candidats_exemple_occitanie")
EXAMPLE = {"structures": STRUCTURES, "perimeters": PERIMETERS}

Reported = list[tuple[str, int, int]]


def recorder() -> tuple[Reported, Callable[[str, int, int], None]]:
    seen: Reported = []
    return seen, lambda label, step, total: seen.append((label, step, total))


def quietly(job: Callable[..., object], *args: object, **kwargs: object) -> object:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", avs_geo.AvsGeoWarning)  # repaired QPV contours
        return job(*args, **kwargs)


def assert_counted(seen: Reported, plan: tuple[str, ...], first: str, last: str) -> None:
    """Each step reported once, in order, and the total is the number of steps reported."""
    assert [step for _, step, _ in seen] == list(range(1, len(seen) + 1))
    assert {total for _, _, total in seen} == {len(seen)}
    assert len(seen) == len(plan)
    assert (seen[0][0], seen[-1][0]) == (first, last)


@pytest.mark.parametrize(
    ("maps", "last"),
    [(True, "Carte du rapport (PNG, SVG) et atlas PDF"), (False, "GeoPackage")],
)
def test_coverage_reports_as_many_steps_as_its_total(tmp_path: Path, maps: bool, last: str) -> None:
    seen, progress = recorder()
    quietly(
        workflows.run_coverage, tmp_path, **EXAMPLE, departement="34", maps=maps,
        progress=progress,
    )  # fmt: skip
    assert_counted(seen, coverage_plan(maps=maps), "Lecture des QPV", last)
    assert len(seen) == (11 if maps else 8)


class StepsAndParts:
    """A progress callback with a ``part`` method, as the command line's bars."""

    def __init__(self) -> None:
        self.steps: Reported = []
        self.parts: Reported = []

    def __call__(self, label: str, step: int, total: int) -> None:
        self.steps.append((label, step, total))

    def part(self, label: str, done: int, total: int) -> None:
        self.parts.append((label, done, total))


@pytest.mark.slow
def test_long_steps_report_their_parts(tmp_path: Path) -> None:
    """The workbook reports each sheet, the map split per department each page."""
    progress = StepsAndParts()
    quietly(
        workflows.run_coverage, tmp_path, **EXAMPLE, departement=["31", "34"],
        map_pages=True, progress=progress,
    )  # fmt: skip
    assert_counted(
        progress.steps,
        coverage_plan(maps=True, map_pages=True),
        "Lecture des QPV",
        "Carte par département",
    )
    sheets = [p for p in progress.parts if p[0] == "Classeur Excel"]
    assert [done for _, done, _ in sheets] == list(range(1, len(sheets) + 1))
    assert {total for _, _, total in sheets} == {len(sheets)} and len(sheets) >= 4
    pages = [
        (done, total) for label, done, total in progress.parts if label.startswith("Carte par")
    ]
    assert pages == [(1, 3), (2, 3), (3, 3)]  # the index, then 31 and 34


def test_comparison_reports_as_many_steps_as_its_total(tmp_path: Path) -> None:
    seen, progress = recorder()
    quietly(
        workflows.run_comparison, tmp_path, before="31/12/2021", after="2022-12-31",
        **EXAMPLE, language="en", progress=progress,
    )  # fmt: skip
    assert_counted(seen, comparison_plan(), "Reading the QPV", "Comparing the two dates")
    assert seen[3][0] == "Zones and coverage at 2021-12-31"


@pytest.mark.parametrize(
    ("maps", "last"), [(True, "Carte des sites"), (False, "Tableaux des sites")]
)
def test_sites_reports_as_many_steps_as_its_total(tmp_path: Path, maps: bool, last: str) -> None:
    seen, progress = recorder()
    quietly(
        workflows.run_sites, tmp_path, candidates=CANDIDATES, k=2, **EXAMPLE,
        date="2022-12-31", maps=maps, progress=progress,
    )  # fmt: skip
    assert_counted(seen, sites_plan(maps=maps), "Lecture des QPV", last)
    assert ("Choix de 2 sites ensemble", 8, len(seen)) in seen


def test_demo_reports_as_many_steps_as_its_total(tmp_path: Path) -> None:
    seen, progress = recorder()
    quietly(workflows.run_demo, tmp_path, maps=False, progress=progress)
    assert_counted(
        seen,
        demo_plan(maps=False),
        "Lecture des QPV",
        "Zones blanches et EVS ruraux du Nord (exemple)",
    )
    assert len(seen) == 22
    # the inputs are read once for the three jobs
    assert [label for label, _, _ in seen].count("Lecture des QPV") == 1


def test_a_step_out_of_plan_is_a_defect() -> None:
    steps = Steps(None, ("qpv", "communes"), "fr")
    steps("qpv")
    with pytest.raises(AssertionError, match="'structures' reported out of plan"):
        steps("structures")


def test_run_sites_builds_the_site_relation_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    build = site_relation.build_relation

    def counting(*args: object, **kwargs: object) -> site_relation.SiteRelation:
        calls.append("build")
        return build(*args, **kwargs)  # type: ignore[arg-type]

    # every name the relation is built under (score and select build it through
    # relation_of, which looks it up in avs_geo.sites.relation)
    for module in (site_relation, score, select):
        if hasattr(module, "build_relation"):
            monkeypatch.setattr(module, "build_relation", counting)
    run = quietly(
        workflows.run_sites, tmp_path, candidates=CANDIDATES, k=3, **EXAMPLE,
        date="2022-12-31", maps=False,
    )  # fmt: skip
    assert calls == ["build"]
    assert isinstance(run, workflows.SitesRun)
    assert run.selection.chosen == ("CAND-11", "CAND-07", "CAND-01")
    assert run.scores["candidat_id"].iloc[0] == "CAND-11"


def test_every_file_written_is_described() -> None:
    names = [
        *workflows.COVERAGE_FILES.values(),
        *workflows.COMPARISON_FILES.values(),
        *workflows.SITES_FILES.values(),
    ]
    assert all(workflows.describe_file(Path("sortie") / name) for name in names)
    assert workflows.describe_file("autre.txt") == ""


def test_jobs_and_results_are_public() -> None:
    for name in ("CoverageRun", "ComparisonRun", "SitesRun", "DemoRun"):
        assert getattr(avs_geo, name) is getattr(workflows, name)
        assert name in avs_geo.__all__ and name in workflows.__all__
    for name in ("run_coverage", "run_comparison", "run_sites", "run_demo"):
        assert getattr(avs_geo, name) is getattr(workflows, name)


# --- zones= renamed perimeters= ---------------------------------------------------------


def test_load_inputs_zones_is_the_deprecated_name_of_perimeters() -> None:
    new = quietly(workflows.load_inputs, structures=STRUCTURES, perimeters=PERIMETERS)
    with pytest.warns(DeprecationWarning, match=r"load_inputs\(zones=\.\.\.\) est remplacé par"):
        old = quietly(workflows.load_inputs, structures=STRUCTURES, zones=PERIMETERS)
    assert isinstance(new, workflows.Inputs) and isinstance(old, workflows.Inputs)
    drawn = new.structures["zone_polygon"].notna()
    assert drawn.sum() > 0
    assert old.structures["zone_polygon"].notna().equals(drawn)
    assert (
        old.structures["zone_polygon"][drawn]
        .geom_equals(new.structures["zone_polygon"][drawn])
        .all()
    )


JOBS: dict[str, Callable[..., object]] = {
    "run_coverage": lambda out, **kw: workflows.run_coverage(out, **kw),
    "run_comparison": lambda out, **kw: workflows.run_comparison(
        out, before="2021-12-31", after="2022-12-31", **kw
    ),
    "run_sites": lambda out, **kw: workflows.run_sites(out, candidates=CANDIDATES, k=1, **kw),
}


@pytest.mark.parametrize("name", sorted(JOBS))
def test_run_zones_is_the_deprecated_name_of_perimeters(tmp_path: Path, name: str) -> None:
    job = JOBS[name]
    # the warning comes first, then the thresholds are checked: no file is read
    with (
        pytest.warns(DeprecationWarning, match=rf"{name}\(zones=\.\.\.\) .*perimeters=\.\.\."),
        pytest.raises(avs_geo.ParameterError, match="full_min"),
    ):
        job(tmp_path, structures=STRUCTURES, zones=PERIMETERS, full_min=2.0)
    with pytest.raises(avs_geo.ParameterError, match="ne donnez que perimeters="):
        job(tmp_path, structures=STRUCTURES, zones=PERIMETERS, perimeters=PERIMETERS)


def test_run_coverage_with_zones_gives_the_same_coverage(tmp_path: Path) -> None:
    new = quietly(workflows.run_coverage, tmp_path / "new", **EXAMPLE, maps=False)
    with pytest.warns(DeprecationWarning, match="run_coverage"):
        old = quietly(
            workflows.run_coverage, tmp_path / "old", structures=STRUCTURES, zones=PERIMETERS,
            maps=False,
        )  # fmt: skip
    assert isinstance(new, workflows.CoverageRun) and isinstance(old, workflows.CoverageRun)
    assert old.sentence == new.sentence
    assert (tmp_path / "old" / "synthese.md").read_bytes() == (
        tmp_path / "new" / "synthese.md"
    ).read_bytes()


def test_markdown_notes_are_separate_paragraphs_and_lists_stay_tight(tmp_path) -> None:
    import pandas as pd

    from avs_geo.workflows.outputs import write_markdown

    path = tmp_path / "n.md"
    notes = ["Au 31 décembre 2022.", "Seuils : 95 %.", "Sites :", "", "1. A", "2. B", "", "Fin."]
    write_markdown(path, title="T", lead="L", table=pd.DataFrame({"a": [1]}), notes=notes,
                   sources={}, language="fr")  # fmt: skip
    text = path.read_text(encoding="utf-8")
    assert "Au 31 décembre 2022.\n\nSeuils : 95 %.\n\nSites :\n\n1. A\n2. B\n\nFin.\n" in text
