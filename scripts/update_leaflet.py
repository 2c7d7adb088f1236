"""Refresh the JavaScript libraries kept in src/avs_geo/maps/static/ from their npm packages.

avs_geo maps inline their JavaScript so that they open offline. Two packages are kept,
each in its own folder with its licence and a ``manifest.json``:

* ``leaflet`` (BSD-2-Clause) in ``static/leaflet/``: ``dist/leaflet.js``,
  ``dist/leaflet.css`` and the images ``leaflet.css`` refers to (inlined as ``data:``
  URIs by :mod:`avs_geo.maps.assets`);
* ``leaflet.markercluster`` (MIT) in ``static/markercluster/``:
  ``dist/leaflet.markercluster.js`` and ``dist/MarkerCluster.css`` (the animation
  rules; the cluster colours are avs_geo's own, so ``MarkerCluster.Default.css`` is
  not kept). It groups the structure markers at small scale.

For each package this script packs ``NAME@VERSION`` with npm, checks the tarball against
the integrity hash the registry publishes (``npm view ... dist.integrity``), extracts the
files and writes ``manifest.json`` with the version, the tarball integrity and the
sha256 of each file; :mod:`avs_geo.maps.assets` refuses files that do not match it. Run
from the repository root (needs ``npm`` and the npm registry):

    python scripts/update_leaflet.py                 # every package, at its manifest's version
    python scripts/update_leaflet.py leaflet 1.9.5   # one package, another version
    python scripts/update_leaflet.py --check         # exit 1 if a kept file differs from npm

A new version changes every map: run ``make test`` and look at a map before committing.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

__all__ = ["PACKAGES", "Package", "fetch", "main", "manifest_for"]

STATIC = Path(__file__).resolve().parents[1] / "src" / "avs_geo" / "maps" / "static"
MANIFEST = "manifest.json"
_CSS_IMAGE = re.compile(r"url\((['\"]?)(images/[A-Za-z0-9_.-]+\.png)\1\)")


@dataclass(frozen=True)
class Package:
    """An npm package kept under ``static/<folder>``.

    ``files`` are (path in the tarball, name under the folder); ``banner`` is a text
    the first 300 bytes of the main file must hold (``{version}`` filled in), to make
    sure the tarball holds the version asked for.
    """

    name: str
    folder: str
    license: str
    files: tuple[tuple[str, str], ...]
    licence_file: str
    css_images: str | None = None  # a kept stylesheet whose url(images/...) are kept too
    banner: str | None = None

    @property
    def target(self) -> Path:
        return STATIC / self.folder


PACKAGES: dict[str, Package] = {
    p.name: p
    for p in (
        Package(
            name="leaflet",
            folder="leaflet",
            license="BSD-2-Clause",
            files=(
                ("package/dist/leaflet.js", "leaflet.js"),
                ("package/dist/leaflet.css", "leaflet.css"),
            ),
            licence_file="package/LICENSE",
            css_images="leaflet.css",
            banner="Leaflet {version}",
        ),
        Package(
            name="leaflet.markercluster",
            folder="markercluster",
            license="MIT",
            files=(
                ("package/dist/leaflet.markercluster.js", "leaflet.markercluster.js"),
                ("package/dist/MarkerCluster.css", "MarkerCluster.css"),
            ),
            licence_file="package/MIT-LICENCE.txt",
        ),
    )
}
TARGET = PACKAGES["leaflet"].target  # where Leaflet is kept (the tests read it)


def _npm(*args: str, cwd: Path | None = None) -> str:
    done = subprocess.run(
        ["npm", *args], cwd=cwd, check=True, capture_output=True, text=True, timeout=300
    )
    return done.stdout.strip()


def _integrity(data: bytes) -> str:
    """The npm ``dist.integrity`` form of ``data``: ``sha512-<base64>``."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def fetch(package: Package, version: str) -> tuple[dict[str, bytes], str]:
    """Pack ``name@version`` and return ``({name: bytes}, integrity)``, tarball checked."""
    spec = f"{package.name}@{version}"
    expected = _npm("view", spec, "dist.integrity")
    if not expected.startswith("sha512-"):
        raise SystemExit(f"npm gives no sha512 integrity for {spec}: {expected!r}")
    with tempfile.TemporaryDirectory() as folder:
        packed = json.loads(_npm("pack", spec, "--json", cwd=Path(folder)))
        tarball = Path(folder) / packed[0]["filename"]
        data = tarball.read_bytes()
        if _integrity(data) != expected:
            raise SystemExit(
                f"{tarball.name}: sha512 {_integrity(data)} differs from the registry's "
                f"{expected}; not extracted."
            )
        with tarfile.open(tarball) as tar:

            def member(path: str) -> bytes:
                handle = tar.extractfile(path)
                if handle is None:
                    raise SystemExit(f"{tarball.name} holds no file {path}")
                return handle.read()

            files = {name: member(path) for path, name in package.files}
            files["LICENSE"] = member(package.licence_file)
            if package.css_images:
                css = files[package.css_images].decode("utf-8")
                for image in sorted({m.group(2) for m in _CSS_IMAGE.finditer(css)}):
                    files[image] = member(f"package/dist/{image}")
    if package.banner:
        main_file = package.files[0][1]
        head = files[main_file][:300].decode("utf-8", errors="replace")
        banner = package.banner.format(version=version)
        if banner not in head:
            raise SystemExit(f"{main_file} of {spec} does not say {banner!r}")
    return files, expected


def manifest_for(
    version: str, integrity: str, files: dict[str, bytes], package: str = "leaflet"
) -> str:
    """The text of ``manifest.json``: version, tarball integrity, sha256 of each file."""
    manifest = {
        "package": package,
        "version": version,
        "license": PACKAGES[package].license,
        "source": f"npm pack {package}@{version}",
        "integrity": integrity,
        "sha256": {name: hashlib.sha256(files[name]).hexdigest() for name in sorted(files)},
    }
    return json.dumps(manifest, indent=2) + "\n"


def _kept_version(package: Package) -> str:
    manifest = package.target / MANIFEST
    return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])


def _update(package: Package, version: str, check: bool) -> int:
    files, integrity = fetch(package, version)
    manifest = manifest_for(version, integrity, files, package.name)
    target = package.target
    if check:
        stale = [n for n in files if not (target / n).is_file()]
        stale += [
            n for n, data in files.items() if n not in stale and (target / n).read_bytes() != data
        ]
        if (
            not (target / MANIFEST).is_file()
            or (target / MANIFEST).read_text(encoding="utf-8") != manifest
        ):
            stale.append(MANIFEST)
        if stale:
            print(f"{package.name} {version}: differs from npm: {', '.join(sorted(stale))}")
            return 1
        print(f"{package.name} {version}: the kept files match npm ({integrity}).")
        return 0
    if target.is_dir():
        for old in target.rglob("*"):
            if old.is_file() and old.relative_to(target).as_posix() not in files:
                old.unlink()
    for name, data in files.items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_bytes(data)
    (target / MANIFEST).write_text(manifest, encoding="utf-8", newline="\n")
    print(f"{package.name} {version} written to {target} ({len(files)} files + {MANIFEST}).")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", nargs="?", choices=sorted(PACKAGES), help="one package only")
    parser.add_argument("version", nargs="?", help="its version (default: the manifest's)")
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    if args.version and not args.package:
        parser.error("a version needs a package name")
    chosen = [PACKAGES[args.package]] if args.package else list(PACKAGES.values())
    status = 0
    for package in chosen:
        version = args.version or _kept_version(package)
        status |= _update(package, version, args.check)
    return status


if __name__ == "__main__":
    sys.exit(main())
