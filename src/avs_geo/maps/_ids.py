"""Deterministic element ids, so that the same input gives a byte-identical HTML file.

branca gives every element a random 32-hex id (``os.urandom``) that ends up in the
JavaScript variable names (``map_3f2a...``). branca has no public way to set an id,
but its public :meth:`~branca.element.Element.to_dict` lists every element of a tree
with its id (a Figure with its ``header``, ``html`` and ``script`` sections too).
So ids are replaced in the rendered HTML rather than on the elements:
:func:`number_elements` records, when :func:`~avs_geo.maps.coverage_map` has built a
map, the id of each element in tree order as ``{prefix}{n}``; :func:`normalise_ids`
then writes, in the rendered HTML, those names for the recorded ids and ``r1``,
``r2``... for any other random id of the tree (an element a user added after
:func:`~avs_geo.maps.coverage_map` returned), in order of appearance. Only ids of the
map's own elements are touched, never data values.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any
from weakref import WeakKeyDictionary

from branca.element import Element

__all__ = ["element_ids", "normalise_ids", "number_elements"]

_RANDOM_ID = re.compile(r"^[0-9a-f]{32}$")
_HEX_RUN = re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")
# The names given by number_elements, per root element (dropped with the map).
_NUMBERED: WeakKeyDictionary[Element, dict[str, str]] = WeakKeyDictionary()


def element_ids(root: Element) -> list[str]:
    """The id of every element under ``root`` (itself included), depth first.

    A Figure's ``header``, ``html`` and ``script`` sections come before its children.

    Examples
    --------
    >>> from branca.element import Element, Figure
    >>> figure, child = Figure(), Element()
    >>> _ = figure.add_child(child)
    >>> ids = element_ids(figure)
    >>> len(ids)  # the figure, its 3 sections, the <meta> branca puts in the header, child
    6
    >>> ids[0] == figure.to_dict()["id"], ids[-1] == child.to_dict()["id"]
    (True, True)
    """
    return list(_ids_in(root.to_dict()))


def _ids_in(tree: Mapping[str, Any]) -> Iterator[str]:
    yield str(tree["id"])
    for section in ("header", "html", "script"):  # the sections of a branca Figure
        if section in tree:
            yield from _ids_in(tree[section])
    for child in tree.get("children", {}).values():
        yield from _ids_in(child)


def number_elements(root: Element, *, prefix: str = "avs") -> None:
    """Name every element under ``root`` ``{prefix}{n}``, n counted in tree order.

    The names are used by :func:`normalise_ids` when the map is rendered.
    """
    _NUMBERED[root] = {id_: f"{prefix}{n}" for n, id_ in enumerate(element_ids(root))}


def normalise_ids(html: str, root: Element) -> str:
    """Replace, in ``html``, the random ids of the elements under ``root``.

    Ids recorded by :func:`number_elements` get their ``{prefix}{n}`` name, the others
    ``r1``, ``r2``... in order of appearance.

    Examples
    --------
    >>> from branca.element import Element
    >>> root, child = Element(), Element()
    >>> _ = root.add_child(child)
    >>> r, c = element_ids(root)
    >>> normalise_ids(f"var e_{c}; var e_{r}; e_{c}", root)
    'var e_r1; var e_r2; e_r1'
    >>> number_elements(root)
    >>> normalise_ids(f"var e_{c}; var e_{r}; e_{c}", root)
    'var e_avs1; var e_avs0; e_avs1'
    """
    names = dict(_NUMBERED.get(root, {}))
    random_ids = {i for i in element_ids(root) if _RANDOM_ID.match(i)}
    n_named = len(names)

    def replace(match: re.Match[str]) -> str:
        found = match.group(0)
        if found not in random_ids:
            return found
        if found not in names:
            names[found] = f"r{len(names) - n_named + 1}"
        return names[found]

    return _HEX_RUN.sub(replace, html)
