"""A labelled corpus of our own (tests/data/reasons.jsonl): verdict and resolution per reason.

Each line was written for these tests and its expected verdict and resolution checked by
hand against the cancellation guide; add lines when a phrasing is found that goes wrong.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import reasonlint

ROWS = [json.loads(line) for line in
        (Path(__file__).parent / "data" / "reasons.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()]


def test_corpus_is_not_empty():
    assert len(ROWS) >= 100


@pytest.mark.parametrize("row", ROWS, ids=[r["text"][:24] for r in ROWS])
def test_verdict_and_resolution(row):
    kw = {k: row[k] for k in ("mode", "complaint", "channel") if k in row}
    r = reasonlint.check(row["text"], **kw)
    assert (r.verdict, r.resolution) == (row["verdict"], row["resolution"])
