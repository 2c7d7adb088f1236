"""Deterministic element ids, so that the same input gives a byte-identical HTML file.

branca gives every element a random 32-hex id (``os.urandom``) that ends up in the
JavaScript variable names (``map_3f2a...``). :func:`number_elements` replaces them
with a counter in tree order, seeded per map; :func:`normalise_ids` then replaces, in
the rendered HTML, any random id still left (an element a user added after
:func:`~avs_geo.maps.coverage_map` returned) by ``r1``, ``r2``... in order of
appearance. Only ids of the map's own elements are touched, never data values.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from branca.element import Element, Figure

_RANDOM_ID = re.compile(r"^[0-9a-f]{32}$")


def walk(root: Element) -> Iterator[Element]:
    """Every element under ``root`` (itself included), depth first, in child order."""
    yield root
    if isinstance(root, Figure):
        for section in (root.header, root.html, root.script):
            yield from walk(section)
    for child in list(root._children.values()):
        yield from walk(child)


def number_elements(root: Element, *, prefix: str = "avs") -> None:
    """Give every element under ``root`` the id ``{prefix}{n}``, n counted in tree order."""
    for n, element in enumerate(walk(root)):
        element._id = f"{prefix}{n}"


def normalise_ids(html: str, root: Element) -> str:
    """Replace the random ids of elements under ``root`` left in ``html``, in order.

    Examples
    --------
    >>> from branca.element import Element
    >>> root, child = Element(), Element()
    >>> root._id, child._id = "0" * 32, "f" * 32
    >>> _ = root.add_child(child)
    >>> normalise_ids(f"var e_{'f' * 32}; var e_{'0' * 32}; e_{'f' * 32}", root)
    'var e_r1; var e_r2; e_r1'
    """
    random_ids = {e._id for e in walk(root) if _RANDOM_ID.match(e._id)}
    if not random_ids:
        return html
    pattern = re.compile("|".join(sorted(random_ids)))
    seen: dict[str, str] = {}

    def replace(match: re.Match[str]) -> str:
        return seen.setdefault(match.group(0), f"r{len(seen) + 1}")

    return pattern.sub(replace, html)
