"""A short fuzz run of the loaders (the long one is ``make fuzz``)."""

from __future__ import annotations

from tests import fuzz_loaders


def test_fuzz_structures_tables() -> None:
    fuzz_loaders.fuzz_structures()


def test_fuzz_workbooks() -> None:
    fuzz_loaders.fuzz_workbooks()


def test_fuzz_qpv_layers() -> None:
    fuzz_loaders.fuzz_qpv()


def test_fuzz_garbage_bytes() -> None:
    fuzz_loaders.fuzz_bytes()


def test_fuzz_mutated_corpus() -> None:
    findings = fuzz_loaders.fuzz_corpus(150, seed=16)
    assert not findings, "\n".join(f"{f.case}: {f.error}" for f in findings)
