"""Fixtures every folder of tests/ shares: the real build of the whole kit
(``site``) and its catalogue.

The folders say what a test needs (tests/README.md): unit/ nothing built,
fixtures/ builds of its own, site/ the one real build below, browser/ that
build in Chromium. Helper modules: tests/helpers/ (``from helpers import ...``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from pathlib import Path

import pytest
from helpers import sitebuild
from helpers.pdfcheck.memo import FOLDER as PDF_FACTS

from compassion_kit.testing import load_catalog

# The folder of this run's shared site build; the first process (pytest, or
# xdist's controller) chooses it and its workers inherit it.
SHARED_SITE = "KIT_SITE_SHARED"
_builder: list[threading.Thread] = []


def pytest_configure(config: pytest.Config) -> None:
    """The run's folder: the shared build (unless KIT_SITE names one) and
    what the PDF readers found (helpers/pdfcheck/memo.py)."""
    if hasattr(config, "workerinput") or os.environ.get(SHARED_SITE):
        return
    folder = tempfile.mkdtemp(prefix="kit-site-")
    os.environ[SHARED_SITE] = folder
    facts = Path(folder, "pdf-facts")
    facts.mkdir()
    os.environ[PDF_FACTS] = str(facts)

    def remove() -> None:
        os.environ.pop(SHARED_SITE, None)
        os.environ.pop(PDF_FACTS, None)
        shutil.rmtree(folder, ignore_errors=True)
    config.add_cleanup(remove)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests that need the real build run last, and their build starts now,
    so the minutes it takes overlap the tests that do not need it (a module
    stays whole: with ``--dist loadscope`` xdist gives it to one worker)."""
    def modules(fixture: str) -> set[str]:
        return {item.module.__name__ for item in items
                if item.module is not None and fixture in item.fixturenames}
    needs_site, own_kit = modules("site"), modules("kit_copy")

    def order(item: pytest.Item) -> int:
        name = item.module.__name__ if item.module is not None else ""
        # First the module that builds a whole kit of its own (its minutes
        # overlap the shared build too), last the ones that need the shared one.
        return 0 if name in own_kit else 2 if name in needs_site else 1
    items.sort(key=order)
    folder = os.environ.get(SHARED_SITE)
    if needs_site and folder and not os.environ.get("KIT_SITE") \
            and not config.option.collectonly:
        _start_site_build(Path(folder))


def _start_site_build(folder: Path) -> None:
    """Start the shared build, unless a process has already: this process
    then waits for it at the end of the run."""
    thread = sitebuild.start(folder)
    if thread is not None:
        _builder.append(thread)


def pytest_unconfigure(config: pytest.Config) -> None:
    """The process that builds the site waits for it: its sphinx-build
    processes must not outlive the run."""
    for thread in _builder:
        thread.join()


@pytest.fixture(scope="session")
def site() -> Path:
    """The whole kit, built strictly once per test run, like `nox -s build`:
    English into html/, then the Spanish edition into html/es/ (its PDFs in
    html/handouts/es/). One build for every test process (helpers/sitebuild.py).

    KIT_SITE=path/to/html checks an existing build instead (quicker while writing).
    """
    if os.environ.get("KIT_SITE"):
        return Path(os.environ["KIT_SITE"])
    folder = Path(os.environ[SHARED_SITE])
    _start_site_build(folder)  # started already, unless asked for some other way
    record = sitebuild.wait(folder)
    assert record.returncodes and all(code == 0 for code in record.returncodes), \
        record.output_tail
    assert not record.warnings, "\n".join(record.warnings)
    return record.outdir


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
