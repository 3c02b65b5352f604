"""`make demo` and `make test` install quietly and say so: no deprecation warning from the
build (the license as an SPDX string needs setuptools >= 77), a line saying it takes time."""

from __future__ import annotations

import re
import tomllib

from helpers import ROOT


def test_the_license_is_an_spdx_string_with_a_setuptools_that_reads_it() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert isinstance(project["project"]["license"], str)  # a table is deprecated
    setuptools = next(r for r in project["build-system"]["requires"]
                      if r.startswith("setuptools"))
    found = re.search(r">=\s*(\d+)", setuptools)
    assert found and int(found[1]) >= 77, setuptools


def test_the_install_step_says_it_takes_about_a_minute() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    install = makefile.split("$(STAMP):", 1)[1].split("\n\n", 1)[0]
    assert "about a minute" in install
    assert install.index("about a minute") < install.index("pip install")
