"""CSV text as French offices write it: encodings, separators, Excel's ``sep=`` line.

- **Encoding**, detected per file: UTF-16 or UTF-32 with a byte-order mark (Excel's
  "Texte Unicode"), UTF-16 without one (every other byte zero), UTF-8 with or without
  BOM, else Windows-1252 (Latin-1). A file that mixes UTF-8 lines and Windows-1252
  lines (two exports pasted together) is decoded line by line, each line in its own
  encoding, with a warning naming the Windows-1252 lines.
- **Separator**: ``;``, ``,`` or tab, the one that splits the first lines into the
  same number of cells (a comma inside a header or a cell of a ``;`` file does not
  fool it). Excel's ``sep=;`` first line names it and is not a row of the table.
"""

from __future__ import annotations

import csv
import io
import re
import warnings

from avs_geo._i18n.read import read_message
from avs_geo.errors import AvsGeoWarning

__all__ = ["SEPARATORS", "CsvText", "csv_rows", "decode"]

SEPARATORS = (";", ",", "\t")
_SAMPLE = 50
_SEP_LINE = re.compile(r"^\ufeff?\s*sep=(.)\s*$", re.IGNORECASE)
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def decode(raw: bytes, *, label: str) -> str:
    r"""The text of a CSV file, in the encoding of each of its lines.

    ``label`` names the file in the warning, e.g. ``"Fichier des structures 's.csv'"``.

    Examples
    --------
    >>> decode("é;ü\n".encode("utf-16"), label="f")
    'é;ü\n'
    >>> decode("Crèche".encode("cp1252"), label="f")
    'Crèche'
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return raw.decode(encoding, errors="replace")
    unmarked = _utf16_without_bom(raw)
    if unmarked is not None:
        return unmarked
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    lines = raw.splitlines(keepends=True)
    texts: list[str] = []
    legacy: list[int] = []
    utf8_accents = False
    for number, line in enumerate(lines, start=1):
        try:
            text = line.decode("utf-8-sig" if number == 1 else "utf-8")
            utf8_accents = utf8_accents or not text.isascii()
        except UnicodeDecodeError:
            text = _windows_1252(line)
            legacy.append(number)
        texts.append(text)
    if utf8_accents and legacy:
        shown = ", ".join(str(n) for n in legacy[:20])
        more = read_message("more_lines", n=len(legacy) - 20) if len(legacy) > 20 else ""
        warnings.warn(
            read_message("mixed_encodings", label=label, n=len(legacy), shown=shown, more=more),
            AvsGeoWarning,
            stacklevel=4,
        )
    return "".join(texts)


def _windows_1252(line: bytes) -> str:
    try:
        return line.decode("cp1252")
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
        return line.decode("latin-1")


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 text without byte-order mark: a zero byte every other byte (ASCII text)."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    even, odd = raw[0::2], raw[1::2]
    for zeros, encoding in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros) and (even if zeros is odd else odd).count(0) == 0:
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


class CsvText:
    """The rows of a CSV text, its separator, and whether a ``sep=`` line was dropped."""

    def __init__(self, rows: list[list[str]], separator: str, sep_line: bool) -> None:
        self.rows = rows
        self.separator = separator
        self.sep_line = sep_line


def csv_rows(text: str) -> CsvText:
    r"""Split a CSV text into rows of cells, the separator found as the module says.

    Examples
    --------
    >>> t = csv_rows("sep=;\nid;nom, prénom\n1;Dupont, Jean\n")
    >>> t.separator, t.sep_line, t.rows
    (';', True, [['id', 'nom, prénom'], ['1', 'Dupont, Jean']])
    """
    first, _, rest = text.partition("\n")
    declared = _SEP_LINE.match(first.rstrip("\r"))
    if declared:
        text, separator = rest, declared.group(1)
    else:
        separator = choose_separator(text)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
    return CsvText(rows or [[]], separator, declared is not None)


def choose_separator(text: str) -> str:
    r"""The separator that cuts the first lines into the most rows of one same width.

    Each candidate splits the first 50 lines (quotes respected); its score is how many
    non-empty rows share the most frequent width (of at least 2 cells). The best score
    wins; on a tie ``;`` before ``,`` before tab (French spreadsheets use ``;``).

    Examples
    --------
    >>> choose_separator("id;nom;communes\n1;a;31555, 31069\n2;b;31555, 31044, 31003\n")
    ';'
    >>> choose_separator("id,nom\n1,a\n"), choose_separator("seul\n")
    (',', ',')
    """
    sample = "\n".join(text.splitlines()[:_SAMPLE])
    best, best_score = ",", (0, 0)
    for separator in SEPARATORS:
        try:
            widths = [
                len(row)
                for row in csv.reader(io.StringIO(sample, newline=""), delimiter=separator)
                if any(cell.strip() for cell in row)
            ]
        except csv.Error:
            continue
        wide = [w for w in widths if w >= 2]
        if not wide:
            continue
        mode = max(set(wide), key=lambda w: (wide.count(w), w))
        score = (wide.count(mode), mode)
        if score > best_score:
            best, best_score = separator, score
    return best
