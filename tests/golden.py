"""The golden end-to-end build: tests/fixtures/sites/basic → tests/expected/basic.

Regenerate after an intended change, then review the diff:
    make golden        (= .venv/bin/python -m tests.golden)
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "tests" / "fixtures" / "sites" / "basic"
EXPECTED = ROOT / "tests" / "expected" / "basic"


def build_golden(output: Path) -> int:
    from tests.conftest import build_site
    return build_site(SITE, output, "--base-url", "/")


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def main() -> int:
    with tempfile.TemporaryDirectory() as temp:
        output = Path(temp) / "site"
        if build_golden(output) != 0:
            return 1
        shutil.rmtree(EXPECTED, ignore_errors=True)
        shutil.copytree(output, EXPECTED)
    print(f"regenerated {EXPECTED.relative_to(ROOT)}: review with `git diff --stat tests/expected`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
