"""Fixtures every folder of tests/ shares: the real build of the whole kit
(``site``) and its catalogue.

The folders say what a test needs (tests/README.md): unit/ nothing built,
fixtures/ builds of its own, site/ the one real build below, browser/ that
build in Chromium. Helper modules: tests/helpers/ (``from helpers import ...``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from compassion_kit.testing import REPO, build_all, load_catalog


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The whole kit, built strictly once per test run, like `nox -s build`:
    English into html/, then the Spanish edition into html/es/ (its PDFs in
    html/handouts/es/).

    KIT_SITE=path/to/html checks an existing build instead (quicker while writing).
    """
    if os.environ.get("KIT_SITE"):
        return Path(os.environ["KIT_SITE"])
    outdir = tmp_path_factory.mktemp("site") / "html"
    for build in build_all(REPO, outdir):
        assert build.returncode == 0, build.output[-4000:]
        assert not build.warnings, "\n".join(build.warnings)
    return outdir


@pytest.fixture(scope="session")
def catalogue(site) -> list[dict]:
    """The items of the site's (English) catalog.json, in its order."""
    return load_catalog(site)


@pytest.fixture(scope="session")
def catalogue_by_id(catalogue) -> dict[str, dict]:
    """The items of the English catalog.json by id."""
    return {entry["id"]: entry for entry in catalogue}


@pytest.fixture(scope="session")
def catalogue_pdfs(site, catalogue) -> list[tuple[dict, str, Path]]:
    """(catalogue entry, paper, path) of every PDF the English catalogue lists."""
    return [(entry, paper, site / path) for entry in catalogue
            for paper, path in sorted(entry["pdfs"].items())]
