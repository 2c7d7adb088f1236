"""Where and under which names the jobs write: the output folder, file names, notes.

The file names stay French whatever the language of the tables.

A run's outputs are all or nothing (:func:`staged_output`): the job writes into a
temporary folder inside the output folder, and the files move into place only once
every one of them is complete, with a manifest (:data:`MANIFEST`: names, sizes,
SHA-256, inputs, options, avs_geo version, date) that marks the complete set. A lock
refuses a second run on the same folder; an input inside the folder is never
replaced by an output; a symbolic link in the folder is replaced, never followed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator, Mapping
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import IO, Any

import geopandas as gpd
import pandas as pd

from avs_geo._i18n import Language, message
from avs_geo._i18n.workflows import FILE_DESCRIPTIONS, FILE_DESCRIPTIONS_EN, MESSAGES, TEXT
from avs_geo._language import get_language
from avs_geo._typography import format_threshold
from avs_geo.errors import OutputFolderError
from avs_geo.read._files import PathLike
from avs_geo.write.text import markdown_text, to_markdown

__all__ = [
    "COMPARISON_FILES",
    "COVERAGE_FILES",
    "EVOLUTION_FILES",
    "GEOPACKAGE_LAYERS",
    "LOCK",
    "MANIFEST",
    "MAP_PAGES_PREFIX",
    "OPTIONAL_FILES",
    "SITES_FILES",
    "Stage",
    "check_manifest",
    "describe_file",
    "finish_pending",
    "output_dir",
    "staged_output",
    "threshold_note",
    "write_markdown",
]

COVERAGE_FILES: dict[str, str] = {
    "qpv": "couverture_qpv.csv",
    "summary": "synthese.csv",
    "summary_md": "synthese.md",
    "structures": "structures_couverture.csv",
    "no_zone": "structures_sans_zone.csv",
    "workbook": "rapport_couverture.xlsx",
    "geopackage": "couverture.gpkg",
    "map_html": "carte_couverture.html",
    "map_png": "carte_couverture.png",
    "map_print": "carte_rapport.png",
    "map_svg": "carte_rapport.svg",
    "map_atlas": "atlas_couverture.pdf",
    "communes": "couverture_communes.csv",
    "territories": "territoires.csv",
    "network": "reseau.csv",
    "map_territories": "carte_reseau_territoires.png",
}
"""File names :func:`avs_geo.run_coverage` writes in the output folder, by key.

The last four only with communes of a vintage (population, EPCI): the commune
coverage (white zones), the table by territory or EPCI, the network at the date (with
a date), and, with the planner's territories and the maps, the map of the structures
counted by territory.
"""

MAP_PAGES_PREFIX = "carte_"
"""Start of the names of the map split per department (``run_coverage(map_pages=True)``):
``carte_index.html`` and ``carte_departement_59.html``..."""

COMPARISON_FILES: dict[str, str] = {
    "qpv": "comparaison_qpv.csv",
    "summary": "comparaison_synthese.csv",
    "summary_md": "comparaison.md",
    "workbook": "comparaison.xlsx",
    "grouped": "comparaison_par_groupe.csv",
}
"""File names :func:`avs_geo.run_comparison` writes in the output folder, by key."""

SITES_FILES: dict[str, str] = {
    "scores": "sites_scores.csv",
    "chosen": "sites_choisis.csv",
    "qpv": "sites_qpv.csv",
    "summary_md": "sites.md",
    "workbook": "sites.xlsx",
    "geopackage": "sites.gpkg",
    "map_html": "carte_sites.html",
    "grouped": "sites_par_groupe.csv",
}
"""File names :func:`avs_geo.workflows.run_sites` writes in the output folder, by key."""

EVOLUTION_FILES: dict[str, str] = {
    "series": "evolution.csv",
    "qpv": "evolution_qpv.csv",
    "summary_md": "evolution.md",
    "workbook": "evolution.xlsx",
    "chart": "evolution.png",
    "map_png": "carte_evolution.png",
}
"""File names :func:`avs_geo.workflows.evolution.run_evolution` writes, by key."""
OPTIONAL_FILES: frozenset[str] = frozenset(
    {
        COVERAGE_FILES["communes"],
        COVERAGE_FILES["territories"],
        COVERAGE_FILES["network"],
        COVERAGE_FILES["map_territories"],
        COMPARISON_FILES["grouped"],
        SITES_FILES["grouped"],
    }
)
"""Files a job writes only with some options: communes of a vintage (the white zones),
the planner's territories, a grouping (``by=``, ``--par``)."""

GEOPACKAGE_LAYERS = ("qpv_couverture", "zones", "structures", "communes")
"""Layers of the GeoPackage written by :func:`avs_geo.run_coverage`."""


MANIFEST = "manifeste.json"
"""The file that marks a complete set of outputs (names, sizes, SHA-256, inputs, options)."""

LOCK = ".avs_geo.verrou"
"""The lock file of an output folder: held by the run writing there (its pid inside)."""

_WORK_PREFIX = ".avs_geo_en_cours_"  # a run's temporary folder, inside the output folder
_PENDING = ".avs_geo_a_installer"  # a complete set being moved into place
_OBSOLETE = "obsoletes.json"  # in _PENDING: the files of the previous set to remove

_LIST_ITEM = re.compile(r"\s*(\d+\.|[-*+])\s")


def output_dir(output: PathLike) -> Path:
    """The output folder, created if needed.

    Raises
    ------
    OutputFolderError
        ``output`` names a file, lies under a file, or cannot be created (no right,
        a system folder such as ``/proc``).
    """
    folder = Path(output).expanduser()
    if folder.exists() and not folder.is_dir():
        raise OutputFolderError(
            message(MESSAGES, "folder_is_file", folder=folder),
            file=folder,
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputFolderError(
            message(MESSAGES, "folder_create", folder=folder, reason=_reason(exc)),
            file=folder,
        ) from exc
    return folder


def _reason(exc: OSError) -> str:
    """Why an OS call failed, in French."""
    if isinstance(exc, NotADirectoryError | FileExistsError):
        return message(MESSAGES, "reason_file")
    if isinstance(exc, PermissionError):
        return message(MESSAGES, "reason_rights")
    if isinstance(exc, FileNotFoundError):
        return message(MESSAGES, "reason_missing")
    return exc.strerror or type(exc).__name__


class Stage:
    """A run being written: files go to ``work``, then ``commit`` installs them.

    Made by :func:`staged_output`; ``folder`` is the output folder, ``work`` the
    temporary folder inside it that the job writes to.
    """

    def __init__(self, folder: Path, work: Path, names: frozenset[str]) -> None:
        self.folder = folder
        self.work = work
        self.names = names
        self.manifest: dict[str, Any] = {}
        self.committed = False

    def commit(
        self,
        files: Mapping[str, Path],
        *,
        inputs: Mapping[str, object],
        options: Mapping[str, object],
    ) -> dict[str, Path]:
        """Move the files written in ``work`` into the output folder, all at once.

        Writes the manifest, then renames the temporary folder (the commit point:
        before it the previous set is untouched; after it the new set is installed
        even if the process dies, by :func:`finish_pending` at the next run), then
        replaces each file and removes the files of the previous set that this run
        did not write. Ctrl+C is held back during the moves.

        Returns
        -------
        dict of str to pathlib.Path
            ``files`` with their final paths in the output folder.
        """
        written = {key: Path(path) for key, path in files.items()}
        for path in written.values():
            if path.parent != self.work or not path.is_file():
                raise OutputFolderError(message(MESSAGES, "not_written", path=path, work=self.work))
        entries = [_file_entry(path) for path in sorted(written.values())]
        self.manifest = {
            "avs_geo": _version(),
            "date": dt.date.today().isoformat(),
            "fichiers": entries,
            "entrees": {role: _input_entry(value) for role, value in inputs.items()},
            "options": {key: _jsonable(value) for key, value in options.items()},
        }
        text = json.dumps(self.manifest, ensure_ascii=False, indent=2, sort_keys=False)
        (self.work / MANIFEST).write_text(text + "\n", encoding="utf-8")
        new = {entry["nom"] for entry in entries}
        previous = _manifest_names(self.folder) | {
            name for name in self.names if _entry_exists(self.folder / name)
        }
        (self.work / _OBSOLETE).write_text(
            json.dumps(sorted(previous - new - {MANIFEST}), ensure_ascii=False), encoding="utf-8"
        )
        _fsync_folder_files(self.work)
        with _held_interrupt():
            pending = self.folder / _PENDING
            _remove(pending)
            os.replace(self.work, pending)  # the commit point
            self.committed = True
            _install(pending, self.folder)
        return {key: self.folder / path.name for key, path in written.items()}


@contextlib.contextmanager
def staged_output(
    output: PathLike, *, names: Iterable[str], inputs: Iterable[object]
) -> Iterator[Stage]:
    """Lock the output folder and give the job a temporary folder to write to.

    Parameters
    ----------
    output : path
        The output folder (created if needed, :func:`output_dir`).
    names : iterable of str
        Every file name the job may write there.
    inputs : iterable
        The inputs of the run (paths; GeoDataFrames are ignored): none may be one of
        the files the job writes.

    Yields
    ------
    Stage
        Write the files to ``stage.work``, then call ``stage.commit(...)``. Leaving the
        block without a commit (an error, Ctrl+C) removes the temporary folder and
        leaves the previous outputs untouched.

    Raises
    ------
    OutputFolderError
        The folder cannot be used: a file, not writable, in use by another run, an
        input would be replaced, or a folder has the name of an output file.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     with staged_output(folder, names=["a.csv"], inputs=[]) as stage:
    ...         _ = (stage.work / "a.csv").write_text("x;y\\n")
    ...         files = stage.commit({"a": stage.work / "a.csv"}, inputs={}, options={})
    ...     check_manifest(folder)["fichiers"][0]["nom"], files["a"].name
    ('a.csv', 'a.csv')
    """
    folder = output_dir(output)
    names = frozenset(names)
    _check_inputs(folder, names, inputs)
    with _lock(folder):
        finish_pending(folder, locked=True)
        for name in sorted(names | {MANIFEST}):
            target = folder / name
            if target.is_dir() and not target.is_symlink():
                raise OutputFolderError(
                    message(MESSAGES, "folder_named_like_file", folder=folder, name=name),
                    file=target,
                )
        try:
            work = Path(tempfile.mkdtemp(prefix=_WORK_PREFIX, dir=folder))
        except OSError as exc:
            raise OutputFolderError(
                message(MESSAGES, "folder_write", folder=folder, reason=_reason(exc)),
                file=folder,
            ) from exc
        stage = Stage(folder, work, names)
        try:
            yield stage
        finally:
            if not stage.committed:
                shutil.rmtree(work, ignore_errors=True)


def finish_pending(output: PathLike, *, locked: bool = False) -> bool:
    """Finish installing a set whose move was cut short; remove abandoned temporary folders.

    A run killed after its commit point (:meth:`Stage.commit`) leaves its complete set
    in a hidden folder of the output folder; the next run (or this function) moves it
    into place. Temporary folders of runs killed before their commit point are removed.

    Returns
    -------
    bool
        True if a set was installed.
    """
    folder = Path(output).expanduser()
    if not locked:
        with _lock(folder):
            return finish_pending(folder, locked=True)
    for leftover in folder.glob(_WORK_PREFIX + "*"):
        _remove(leftover)
    pending = folder / _PENDING
    if pending.is_symlink() or (pending.exists() and not pending.is_dir()):
        _remove(pending)
        return False
    if not pending.is_dir() or not (pending / MANIFEST).is_file():
        _remove(pending)
        return False
    _install(pending, folder)
    return True


def check_manifest(output: PathLike) -> dict[str, Any]:
    """Read the manifest of an output folder and check every file it lists.

    Returns
    -------
    dict
        The manifest.

    Raises
    ------
    OutputFolderError
        No manifest, or a file missing or different from what the manifest records.
    """
    folder = Path(output).expanduser()
    path = folder / MANIFEST
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise OutputFolderError(
            message(MESSAGES, "no_manifest", folder=folder),
            file=path,
        ) from exc
    bad = [
        entry["nom"]
        for entry in manifest.get("fichiers", [])
        if not (folder / entry["nom"]).is_file() or _file_entry(folder / entry["nom"]) != entry
    ]
    if bad:
        raise OutputFolderError(
            message(MESSAGES, "manifest_differs", folder=folder, n=len(bad), names=", ".join(bad)),
            file=path,
        )
    return manifest


def _check_inputs(folder: Path, names: frozenset[str], inputs: Iterable[object]) -> None:
    """Refuse a run whose output would replace one of its inputs."""
    for value in inputs:
        if value is None or isinstance(value, gpd.GeoDataFrame | pd.DataFrame):
            continue
        if not isinstance(value, str | os.PathLike):
            continue
        source = Path(value).expanduser()
        for name in names:
            target = folder / name
            same = source.absolute() == target.absolute()
            if not same and source.exists() and target.exists() and not target.is_symlink():
                same = os.path.samefile(source, target)
            if same or (source.resolve().parent == folder.resolve() and source.name == name):
                raise OutputFolderError(
                    message(MESSAGES, "input_is_output", source=source, folder=folder),
                    file=source,
                )


@contextlib.contextmanager
def _lock(folder: Path) -> Iterator[None]:
    """Hold the lock of ``folder``: an OS lock on :data:`LOCK`, released if the run dies.

    The lock file is removed when the run ends (POSIX), so that a later run that
    opened the old file before its removal sees it gone and locks a new one.
    """
    path = folder / LOCK
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(20):
        try:
            fd = os.open(path, flags, 0o644)
        except OSError as exc:
            raise OutputFolderError(
                message(MESSAGES, "lock_create", path=path, reason=_reason(exc)),
                file=folder,
            ) from exc
        handle = os.fdopen(fd, "r+", encoding="utf-8")
        if not _try_lock(handle):
            holder = handle.read().strip() or "?"
            handle.close()
            raise OutputFolderError(
                message(MESSAGES, "locked", folder=folder, holder=holder),
                file=folder,
            )
        if _same_file(handle, path):
            break
        handle.close()  # the file was removed by the run that just ended: lock the new one
    else:  # pragma: no cover - 20 runs ending in a row
        raise OutputFolderError(message(MESSAGES, "lock_moves", path=path), file=folder)
    with handle:
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()} sur {socket.gethostname()}\n")
        handle.flush()
        try:
            yield
        finally:
            if sys.platform != "win32":
                path.unlink(missing_ok=True)
            _unlock(handle)


def _same_file(handle: IO[str], path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(handle.fileno()), os.stat(path, follow_symlinks=False))
    except OSError:
        return False


def _try_lock(handle: IO[str]) -> bool:
    try:
        if sys.platform == "win32":  # pragma: no cover - Windows
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(handle: IO[str]) -> None:
    if sys.platform == "win32":  # pragma: no cover - Windows
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _install(pending: Path, folder: Path) -> None:
    """Move a committed set into place: files, then removals, then the manifest."""
    obsolete_path = pending / _OBSOLETE
    obsolete: list[str] = []
    if obsolete_path.is_file():
        with contextlib.suppress(ValueError, OSError):
            obsolete = [str(n) for n in json.loads(obsolete_path.read_text(encoding="utf-8"))]
    for path in sorted(pending.iterdir()):
        if path.name not in (MANIFEST, _OBSOLETE):
            os.replace(path, folder / path.name)  # replaces a symbolic link, never follows it
    for name in obsolete:
        if Path(name).name == name and name not in (MANIFEST, LOCK):
            _remove(folder / name)
    if (pending / MANIFEST).is_file():
        os.replace(pending / MANIFEST, folder / MANIFEST)
    shutil.rmtree(pending, ignore_errors=True)


def _remove(path: Path) -> None:
    """Remove a file, a symbolic link (not its target) or a folder, if present."""
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    elif path.is_dir():
        shutil.rmtree(path, ignore_errors=True)


def _entry_exists(path: Path) -> bool:
    return path.is_symlink() or path.is_file()


def _manifest_names(folder: Path) -> set[str]:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return {str(entry["nom"]) for entry in manifest["fichiers"]}
    except (OSError, ValueError, KeyError, TypeError):
        return set()


def _fsync_folder_files(folder: Path) -> None:
    """Flush the files of ``folder`` to disk, so that a power cut after the commit keeps them."""
    for path in folder.iterdir():
        with contextlib.suppress(OSError), path.open("rb") as handle:
            os.fsync(handle.fileno())


@contextlib.contextmanager
def _held_interrupt() -> Iterator[None]:
    """Hold Ctrl+C back while files move (the run then ends normally, its files in place)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, lambda signum, frame: None)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _file_entry(path: Path) -> dict[str, Any]:
    return {"nom": path.name, "octets": path.stat().st_size, "sha256": _sha256(path)}


def _input_entry(value: object) -> object:
    if value is None:
        return None
    if isinstance(value, gpd.GeoDataFrame | pd.DataFrame):
        return f"tableau en mémoire ({len(value)} lignes)"
    if isinstance(value, str | os.PathLike):
        path = Path(value).expanduser()
        if path.is_file():
            return {"chemin": str(value), "octets": path.stat().st_size, "sha256": _sha256(path)}
        return {"chemin": str(value)}
    return _jsonable(value)


def _jsonable(value: object) -> object:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    return str(value)


def _version() -> str:
    try:
        return version("avs_geo")
    except PackageNotFoundError:  # pragma: no cover - not installed
        return "0+unknown"


def describe_file(path: PathLike) -> str:
    """What a file written by a job holds, in the current language ('' for another file).

    Examples
    --------
    >>> describe_file("sortie/synthese.md")
    'phrase du rapport et tableau de synthèse (Markdown)'
    >>> from avs_geo._i18n import language
    >>> with language("en"):
    ...     describe_file("sortie/synthese.md")
    'report sentence and summary table (Markdown)'
    """
    table = FILE_DESCRIPTIONS_EN if get_language() == "en" else FILE_DESCRIPTIONS
    return table.get(Path(path).name, "")


def threshold_note(full_min: float, none_max: float, language: Language) -> str:
    """The sentence that gives the class thresholds, under a table of classes.

    Examples
    --------
    >>> threshold_note(0.95, 0.05, "en")
    'Thresholds: fully covered if the rate ≥ 95%; not covered if the rate ≤ 5%; partly in between.'
    """
    return TEXT[language]["thresholds"].format(
        full=format_threshold(full_min, language=language),
        none=format_threshold(none_max, language=language),
    )


def write_markdown(
    path: Path,
    *,
    title: str,
    lead: str,
    table: pd.DataFrame,
    notes: list[str],
    sources: Mapping[str, str],
    language: Language,
) -> None:
    """Write a note: title, lead sentence, table, notes and the sources read.

    Every text is escaped by :func:`avs_geo.write.text.markdown_text`: a name holding
    ``<script>``, a link, a ``#`` or a line break stays plain text. Each note is a
    paragraph of its own (two text lines in a row would merge; list items do not).
    """
    # Names, ids, paths and the territory end up in every line: all escaped, so that
    # none becomes markup (a link, HTML, a heading) in the note.
    text = markdown_text
    lines = [f"# {text(title)}", "", text(lead), "", to_markdown(table, language=language), ""]
    for note, following in zip(notes, [*notes[1:], ""], strict=True):
        lines.append(text(note))
        if note and following and not (_LIST_ITEM.match(note) and _LIST_ITEM.match(following)):
            lines.append("")
    lines.append("")
    if sources:
        lines += [text(TEXT[language]["sources"]), ""]
        lines += [f"- {text(item)} : {text(source)}" for item, source in sources.items()]
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
