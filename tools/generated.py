"""What the lexicon generators share: write the file, or check that it is up to date."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable, Optional, Sequence


def run(out: Path, build: Callable[[], str], doc: str, argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 when the file is not what would be written")
    args = ap.parse_args(argv)
    text = build()
    name = f"{out.parent.name}/{out.name}"
    if args.check:
        if (out.read_text(encoding="utf-8") if out.exists() else "") != text:
            print(f"{name} is stale: run python {Path(sys.argv[0]).as_posix()}", file=sys.stderr)
            return 1
        return 0
    out.write_text(text, encoding="utf-8")
    print(f"wrote {name}")
    return 0
