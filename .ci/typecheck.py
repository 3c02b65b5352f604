"""mypy over the product code, as the installed `quotetrail` package sees it.

The folders graph/, loaders/, api/ and viz/ install as subpackages of `quotetrail` through
setuptools' package-dir, which mypy cannot follow (an editable install is an import hook).
So this lays the package out as installed, in a temporary tree of symlinks, runs mypy on it
with pyproject.toml's settings, and prints the paths as they are in the repository.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUBPACKAGES = ("graph", "loaders", "api", "viz")


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="qt-typecheck-") as tmp:
        package = Path(tmp) / "quotetrail"
        package.mkdir()
        for entry in (ROOT / "quotetrail").iterdir():
            if entry.suffix == ".py":
                (package / entry.name).symlink_to(entry)
        for name in SUBPACKAGES:
            (package / name).symlink_to(ROOT / name, target_is_directory=True)
        proc = subprocess.run(
            [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"),
             "--cache-dir", str(ROOT / ".mypy_cache"), "-p", "quotetrail"],
            cwd=tmp, capture_output=True, text=True, env={**os.environ, "MYPYPATH": tmp})
        for line in (proc.stdout + proc.stderr).splitlines():
            for name in SUBPACKAGES:
                line = line.replace(f"quotetrail/{name}/", f"{name}/")
            print(line)
        return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
