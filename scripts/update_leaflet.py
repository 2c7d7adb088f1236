"""Refresh the Leaflet files kept in src/avs_geo/maps/static/leaflet/ from the npm package.

avs_geo maps inline Leaflet so that they open offline. The files come from the official
``leaflet`` npm package: this script packs ``leaflet@VERSION`` with npm, checks the
tarball against the integrity hash the registry publishes (``npm view ... dist.integrity``),
extracts ``dist/leaflet.js``, ``dist/leaflet.css``, the images ``leaflet.css`` refers to
(they are inlined as ``data:`` URIs) and ``LICENSE`` (BSD-2-Clause), and writes
``manifest.json`` with the version, the tarball integrity and the sha256 of each file;
:mod:`avs_geo.maps.assets` refuses files that do not match it. Run from the repository
root (needs ``npm`` and the npm registry):

    python scripts/update_leaflet.py            # the version of the manifest (1.9.4)
    python scripts/update_leaflet.py 1.9.5      # another version
    python scripts/update_leaflet.py --check    # exit 1 if the kept files differ from npm

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
from pathlib import Path

__all__ = ["fetch", "main", "manifest_for"]

TARGET = Path(__file__).resolve().parents[1] / "src" / "avs_geo" / "maps" / "static" / "leaflet"
MANIFEST = "manifest.json"
# the files taken from the tarball, as (path in the tarball, path under TARGET)
BASE_FILES = (
    ("package/dist/leaflet.js", "leaflet.js"),
    ("package/dist/leaflet.css", "leaflet.css"),
)
LICENSE = ("package/LICENSE", "LICENSE")
_CSS_IMAGE = re.compile(r"url\((['\"]?)(images/[A-Za-z0-9_.-]+\.png)\1\)")


def _npm(*args: str, cwd: Path | None = None) -> str:
    done = subprocess.run(
        ["npm", *args], cwd=cwd, check=True, capture_output=True, text=True, timeout=300
    )
    return done.stdout.strip()


def _integrity(data: bytes) -> str:
    """The npm ``dist.integrity`` form of ``data``: ``sha512-<base64>``."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def fetch(version: str) -> tuple[dict[str, bytes], str]:
    """Pack ``leaflet@version`` and return ``({name: bytes}, integrity)``, tarball checked."""
    spec = f"leaflet@{version}"
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

            files = {name: member(path) for path, name in (*BASE_FILES, LICENSE)}
            css = files["leaflet.css"].decode("utf-8")
            for image in sorted({m.group(2) for m in _CSS_IMAGE.finditer(css)}):
                files[image] = member(f"package/dist/{image}")
    head = files["leaflet.js"][:300].decode("utf-8", errors="replace")
    if f"Leaflet {version}" not in head:
        raise SystemExit(f"dist/leaflet.js of {spec} does not say 'Leaflet {version}'")
    return files, expected


def manifest_for(version: str, integrity: str, files: dict[str, bytes]) -> str:
    """The text of ``manifest.json``: version, tarball integrity, sha256 of each file."""
    manifest = {
        "package": "leaflet",
        "version": version,
        "license": "BSD-2-Clause",
        "source": f"npm pack leaflet@{version}",
        "integrity": integrity,
        "sha256": {name: hashlib.sha256(files[name]).hexdigest() for name in sorted(files)},
    }
    return json.dumps(manifest, indent=2) + "\n"


def _kept_version() -> str:
    return str(json.loads((TARGET / MANIFEST).read_text(encoding="utf-8"))["version"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("version", nargs="?", help="Leaflet version (default: the manifest's)")
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    version = args.version or _kept_version()
    files, integrity = fetch(version)
    manifest = manifest_for(version, integrity, files)
    if args.check:
        stale = [n for n, data in files.items() if not (TARGET / n).is_file()]
        stale += [
            n for n, data in files.items() if n not in stale and (TARGET / n).read_bytes() != data
        ]
        if (TARGET / MANIFEST).read_text(encoding="utf-8") != manifest:
            stale.append(MANIFEST)
        if stale:
            print(f"Leaflet {version}: differs from npm: {', '.join(sorted(stale))}")
            return 1
        print(f"Leaflet {version}: the kept files match npm ({integrity}).")
        return 0
    for old in TARGET.rglob("*"):
        if old.is_file() and old.relative_to(TARGET).as_posix() not in files:
            old.unlink()
    for name, data in files.items():
        (TARGET / name).parent.mkdir(parents=True, exist_ok=True)
        (TARGET / name).write_bytes(data)
    (TARGET / MANIFEST).write_text(manifest, encoding="utf-8", newline="\n")
    print(f"Leaflet {version} written to {TARGET} ({len(files)} files + {MANIFEST}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
