from __future__ import annotations

import os
from pathlib import Path

import pytest

from compassion_kit.testing import REPO, build_all


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
