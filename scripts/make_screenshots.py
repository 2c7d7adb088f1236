"""Write the README pictures of the evolution and of an EPCI atlas page (docs/img).

    PYTHONPATH=src python scripts/make_screenshots.py

- ``docs/img/evolution.png`` and ``docs/img/carte_evolution.png``: the line chart and the
  map of the QPV whose class changed, as ``avs-geo evolution`` writes them for the
  EXAMPLE network of Occitanie from 2019 to 2022;
- ``docs/img/atlas_epci.png``: the atlas page of Toulouse Métropole (communes of the 2026
  vintage give the EPCI), drawn by ``avs_geo.maps.atlas.atlas_pages`` as in the PDF.

The sites map picture (``docs/img/carte_sites.png``) is a Chromium screenshot taken by
``tests/test_browser.py::test_sites_map_in_chromium`` with ``AVS_GEO_WRITE_SCREENSHOT=1``.
Every picture is saved in 256 colours (a third of the size, the same colours).
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import warnings
from pathlib import Path

from PIL import Image

import avs_geo
from avs_geo.datasets import get_path
from avs_geo.maps.atlas import atlas_pages
from avs_geo.workflows.evolution import run_evolution

IMG = Path(__file__).resolve().parents[1] / "docs" / "img"
EXAMPLE = {
    "structures": get_path("structures_exemple_occitanie"),
    "perimeters": get_path("zones_exemple_occitanie"),
}
TOULOUSE_METROPOLE = "243100518"


def save_256(source: Path, target: Path) -> None:
    with Image.open(source) as image:
        image.convert("RGB").quantize(colors=256, method=Image.Quantize.FASTOCTREE).save(
            target, optimize=True
        )
    print(f"{target} ({target.stat().st_size // 1024} Ko)")


def evolution(folder: Path) -> None:
    run = run_evolution(
        folder,
        dates=["2019-12-31", "2020-12-31", "2021-12-31", "2022-12-31"],
        territory="d'Occitanie",
        **EXAMPLE,
    )
    save_256(run.files["chart"], IMG / "evolution.png")
    save_256(run.files["map_png"], IMG / "carte_evolution.png")


def epci_page(folder: Path) -> None:
    run = avs_geo.run_coverage(
        folder,
        departement="31",
        date="2022-12-31",
        territory="de la Haute-Garonne",
        vintage=2026,
        maps=False,
        **EXAMPLE,
    )
    communes = run.inputs.communes
    communes = communes[communes["departement"] == "31"]
    for name, page in atlas_pages(
        run.coverage,
        zones=run.zones,
        communes=communes,
        territory="de la Haute-Garonne",
        date=run.date,
        sources=run.inputs.sources,
        today=dt.date(2026, 1, 1),
    ):
        if name == f"epci-{TOULOUSE_METROPOLE}":
            page.savefig(folder / "atlas_epci.png", dpi=110)
            save_256(folder / "atlas_epci.png", IMG / "atlas_epci.png")
            return
    raise SystemExit("Toulouse Métropole has no atlas page")


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="avs_geo_img_"))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", avs_geo.AvsGeoWarning)
            evolution(folder / "evolution")
            epci_page(folder / "epci")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
