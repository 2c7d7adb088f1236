"""Write the header spellings the readers understand into the README, from the vocabulary.

The list in README.md (between the two markers) is generated from
``avs_geo.read._vocabulary.VOCABULARY``, so that it cannot drift from what the readers
read; ``tests/test_readme.py`` checks it. After a change of the vocabulary::

    python scripts/readme_vocabulary.py          # rewrite the list in README.md
    python scripts/readme_vocabulary.py --check  # exit 1 if the README is not up to date
"""

from __future__ import annotations

import sys
from pathlib import Path

from avs_geo.read._vocabulary import VOCABULARY

README = Path(__file__).resolve().parents[1] / "README.md"
BEGIN = "<!-- en-têtes : début (généré par scripts/readme_vocabulary.py, ne pas modifier) -->"
END = "<!-- en-têtes : fin -->"
TITLES = {
    "structures": "*Fichier des structures* :",
    "candidates": "*Fichier des candidats (`avs-geo sites --candidats`)* :",
    "qpv_indicators": "*Table des indicateurs des QPV (`--indicateurs`, `indicators=`)* :",
    "qpv": "*Fichier des QPV (`--qpv`, `load_qpv`)* :",
    "communes": "*Fichier des communes (`--communes`, `load_communes`)* :",
    "territories": "*Fichier des territoires (`--territoires`, `load_territories`)* :",
}


def render() -> str:
    """The Markdown list of every kind of file, role by role (its standard name first)."""
    blocks = []
    for kind, roles in VOCABULARY.items():
        lines = [TITLES.get(kind, f"*Fichier : {kind}* :"), ""]
        for role, names in roles.items():
            others = [n for n in names if n != role]
            lines.append(f"- `{role}` : {', '.join(others) if others else '—'}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def updated(text: str) -> str:
    """``text`` (the README) with the generated list between the markers."""
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n\n{render()}\n\n{END}{tail}"


def main(argv: list[str]) -> int:
    text = README.read_text(encoding="utf-8")
    new = updated(text)
    if "--check" in argv:
        if new != text:
            print("README.md : la liste des en-têtes n'est pas à jour ; lancez "
                  "python scripts/readme_vocabulary.py")  # fmt: skip
            return 1
        return 0
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
