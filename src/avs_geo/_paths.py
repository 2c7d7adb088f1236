"""File paths handed to GDAL taken literally, never as GDAL virtual paths.

pyogrio reads a path as a URI (``zip://``, ``s3://``), an archive member
(``a.zip!b.shp``) or a GDAL virtual path (``/vsizip/...``, ``/vsimem/...``). A planner's
folder named ``rapport!2022`` would then write into ``2022/``, and a file whose path
holds ``!`` could not be read. :func:`gdal_literal` tells whether GDAL would take a
path as it is; :func:`literal_copy` gives GDAL a copy under a plain temporary name when
it would not.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["gdal_literal", "literal_copy"]


def gdal_literal(path: Path) -> bool:
    """True if GDAL, through pyogrio, would take ``path`` (made absolute) as it is.

    Examples
    --------
    >>> from pathlib import Path
    >>> gdal_literal(Path("/data/qpv.gpkg")), gdal_literal(Path("/data/rapport!2022/qpv.gpkg"))
    (True, False)
    >>> gdal_literal(Path("/vsimem/qpv.gpkg")), gdal_literal(Path("/data/qpv.zip"))
    (False, False)
    """
    return _plain(path) and path.suffix.lower() != ".zip"


def _plain(path: Path) -> bool:
    """No ``!`` and no ``/vsi`` prefix: a path that pyogrio's ``zip://`` form keeps too."""
    text = path.absolute().as_posix()
    return "!" not in text and not text.startswith("/vsi")


@contextlib.contextmanager
def literal_copy(path: Path) -> Iterator[Path]:
    """``path`` itself if GDAL takes it literally, else a copy under a plain temporary name.

    The copy holds the file and its companions (same name, other extensions: the
    ``.shx``, ``.dbf``, ``.prj`` of a shapefile), or the whole folder of a file
    geodatabase; it is removed on exit.
    """
    if gdal_literal(path) or (path.suffix.lower() == ".zip" and _plain(path)):
        yield path
        return
    folder = Path(tempfile.mkdtemp(prefix="avs_geo_"))
    try:
        copy = folder / ("couche" + path.suffix.lower())
        if path.is_dir():
            shutil.copytree(path, copy)
        else:
            for companion in path.parent.glob("*"):
                if companion.is_file() and companion.stem == path.stem:
                    shutil.copyfile(companion, folder / ("couche" + companion.suffix.lower()))
        yield copy
    finally:
        shutil.rmtree(folder, ignore_errors=True)
