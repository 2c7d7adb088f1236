"""A short fuzz run of the loaders (the long one is ``make fuzz``)."""

from __future__ import annotations

from tests import fuzz_loaders


def test_fuzz_structures_tables() -> None:
    fuzz_loaders.fuzz_structures()


def test_fuzz_qpv_layers() -> None:
    fuzz_loaders.fuzz_qpv()


def test_fuzz_garbage_bytes() -> None:
    fuzz_loaders.fuzz_bytes()
