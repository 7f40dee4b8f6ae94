"""Every developer and CI command. `nox -s build` and `nox -s tests` do everything."""

from __future__ import annotations

import argparse
import json
import os
import shutil
from pathlib import Path

import nox

nox.options.sessions = ["build", "tests"]
nox.options.reuse_venv = "yes"
nox.options.error_on_missing_interpreters = False

PYTHON = "3"  # any Python 3.11+ on PATH
STRICT = ["-n", "-W", "--keep-going"]
SOURCES = ["compassion_kit", "tests", "benchmarks", "conf.py", "noxfile.py"]


def install(session: nox.Session, lock: str = "build") -> None:
    """The locked dependencies (requirements/<lock>.txt: build, test or dev),
    then the kit itself, editable, so every session imports the working tree."""
    session.install("-r", f"requirements/{lock}.txt")
    session.install("--no-deps", "-e", ".")


REGIONS = ["us", "ca", "uk", "ie", "au", "nz", "intl"]


def region_options(posargs: list[str]) -> list[str]:
    """`--region uk` -> `-D kit_handout_region=uk`; other arguments go to sphinx-build."""
    parser = argparse.ArgumentParser(prog="nox -s build --", add_help=False)
    parser.add_argument("--region", choices=REGIONS,
                        help="crisis lines every handout prints (default: US on US Letter and "
                             "large print, international on A4)")
    args, rest = parser.parse_known_args(posargs)
    return ([*rest, "-D", f"kit_handout_region={args.region}"] if args.region else rest)


LOCALES = Path("locales")  # conf.py's locale_dirs: locales/<lang>/LC_MESSAGES/*.po


def translations_present() -> list[str]:
    """The languages with catalogues (the Spanish edition: es)."""
    if not LOCALES.is_dir():
        return []
    return sorted(folder.name for folder in LOCALES.iterdir()
                  if (folder / "LC_MESSAGES").is_dir() and folder.name != "en")


def build_site(session: nox.Session, options: list[str], language: str = "") -> None:
    """One edition: English into _build/html, another language into
    _build/html/<lang> (its PDFs into _build/html/handouts/<lang>/)."""
    if not language:
        session.run("sphinx-build", *STRICT, "-b", "html", ".", "_build/html",
                    "-d", "_build/doctrees", *options)
    else:
        session.run("sphinx-build", *STRICT, "-b", "html", "-D", f"language={language}", ".",
                    f"_build/html/{language}", "-d", f"_build/doctrees-{language}", *options)


@nox.session(python=PYTHON)
def build(session: nox.Session) -> None:
    """The whole site and every PDF, strictly, into _build/html: English, then
    every translation (Spanish: _build/html/es) [-- --region uk]."""
    options = region_options(session.posargs)
    install(session)
    build_site(session, options)
    for language in translations_present():
        build_site(session, options, language)
    session.log("Site: _build/html/index.html (Spanish: _build/html/es/)  "
                "Handouts: _build/html/handouts/ (Spanish: _build/html/handouts/es/)  "
                "Book, EPUB, offline site: _build/html/downloads/")


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """All tests; they build the kit and the fixture projects themselves.

    One test process per core (pytest-xdist); a module's tests stay together
    on one (its module fixtures are made once), in the order tests/conftest.py
    gives: the tests that need the real build last, so they overlap its build.
    `-- -n 0` runs them all in this one process."""
    install(session, "test")
    session.run("pytest", "-n", "auto", "--dist", "loadscope", "--no-loadscope-reorder",
                *session.posargs)


@nox.session(python=PYTHON)
def pack(session: nox.Session) -> None:
    """One PDF of chosen handouts: nox -s pack -- ID ID ... [--paper a4] [--out FILE]."""
    parser = argparse.ArgumentParser(prog="nox -s pack --")
    parser.add_argument("ids", nargs="+", help="handout ids, in the order you want them")
    parser.add_argument("--paper", default="letter",
                        choices=["letter", "a4", "large-print", "large-print-a4"])
    parser.add_argument("--region", choices=REGIONS, help="crisis lines the pack prints")
    parser.add_argument("--language", default="en", choices=["en", *translations_present()],
                        help="the edition the handouts come from (es: the Spanish ones)")
    parser.add_argument("--out", default="_build/pack.pdf",
                        help="where to write the PDF: a .pdf name outside the sources (or "
                             "under _build/); an existing file there must be a PDF")
    args = parser.parse_args(session.posargs)
    install(session)
    options = ["-D", f"kit_pack={','.join(args.ids)}", "-D", f"kit_pack_paper={args.paper}",
               "-D", f"kit_pack_out={os.path.abspath(args.out)}",
               *(["-D", f"kit_handout_region={args.region}"] if args.region else [])]
    build_site(session, options, "" if args.language == "en" else args.language)
    session.log(f"Pack: {args.out}")


@nox.session(python=PYTHON)
def translations(session: nox.Session) -> None:
    """After the English changed: extract every message (pages, front matter, data
    files, templates), update the catalogues that exist (changed strings turn
    fuzzy, new ones empty: the translated build fails until they are done), and
    the kit's own words. [-- --add DOCNAME ...] starts a document's catalogue
    (it joins the edition); [-- --language es] only that language."""
    parser = argparse.ArgumentParser(prog="nox -s translations --")
    parser.add_argument("--add", action="append", default=[], metavar="DOCNAME",
                        help="start the catalogue of a document, e.g. docs/chapters/index")
    parser.add_argument("--language", action="append", default=[],
                        help="only this language (default: every one in locales/)")
    args = parser.parse_args(session.posargs)
    languages = args.language or translations_present()
    if not languages:
        session.error("no language in locales/: create locales/<lang>/LC_MESSAGES/ first")
    install(session)
    gettext = Path("_build/gettext")
    session.run("sphinx-build", *STRICT, "-b", "gettext", ".", str(gettext),
                "-d", "_build/doctrees-gettext")
    for language in languages:
        catalogues = LOCALES / language / "LC_MESSAGES"
        # Only the catalogues that exist (never a new document by surprise),
        # and the ones asked for with --add.
        wanted = {po.relative_to(catalogues).with_suffix("").as_posix()
                  for po in catalogues.rglob("*.po")} | set(args.add)
        chosen = Path("_build/gettext-update") / language
        shutil.rmtree(chosen, ignore_errors=True)
        for domain in sorted(wanted):
            pot = gettext / f"{domain}.pot"
            if not pot.is_file():
                session.warn(f"{domain}: nothing to translate (no {pot}); left as it is")
                continue
            (chosen / pot.relative_to(gettext)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(pot, chosen / pot.relative_to(gettext))
        session.run("sphinx-intl", "update", "-p", str(chosen), "-l", language,
                    "-d", str(LOCALES))
        session.run("sphinx-intl", "stat", "-l", language, "-d", str(LOCALES))
    session.run("python", "-m", "compassion_kit.i18n.translation", "update")
    session.log("Translate every empty or fuzzy entry, then run: nox -s build")


@nox.session(python=PYTHON)
def serve(session: nox.Session) -> None:
    """Live preview at http://127.0.0.1:8000 while you write."""
    install(session, "dev")
    session.run("sphinx-autobuild", "-n", "--keep-going", "-b", "html", ".",
                "_build/serve", "--watch", "compassion_kit", "--ignore", "_build/*",
                "--port", "8000", *session.posargs)


@nox.session(python=PYTHON)
def linkcheck(session: nox.Session) -> None:
    """External links (needs the network; never part of `tests`)."""
    install(session)
    session.run("sphinx-build", "-b", "linkcheck", ".", "_build/linkcheck",
                "-d", "_build/doctrees-linkcheck")


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """Static checks of the Python code: ruff, mypy, and the layers contract
    (a layer of compassion_kit imports only the layers below it)."""
    install(session, "dev")
    session.run("ruff", "check", *SOURCES)
    session.run("mypy")
    session.run("lint-imports")


@nox.session(python=PYTHON)
def review(session: nox.Session) -> None:
    """What is due for review (next_review of items and crisis lines); never fails on dates."""
    install(session)
    session.run("python", "-m", "compassion_kit.review", *session.posargs)


@nox.session(python=PYTHON)
def lighthouse(session: nox.Session) -> None:
    """Lighthouse mobile scores of four pages of _build/html (a report, not a test)."""
    tool = os.path.abspath("_build/lighthouse-tool")
    session.run("npm", "install", "--silent", "--prefix", tool, "lighthouse@12.2.3",
                external=True)
    session.run("python", "benchmarks/lighthouse.py", "--lighthouse",
                os.path.join(tool, "node_modules", ".bin", "lighthouse"), *session.posargs)


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Build benchmark, medians of 3 runs, into _build/bench.json (slow; -- --quick to smoke)."""
    install(session, "test")
    try:  # the peer; without it the bench still runs and reports it unavailable
        session.install("sphinx-simplepdf==1.7.0")
    except nox.command.CommandFailed as error:
        session.warn(f"sphinx-simplepdf not installed ({error}); the bench reports it unavailable")
    session.run("python", "benchmarks/bench.py", "--runs", "3", "--json", "_build/bench.json",
                *session.posargs)


LOCKS = {"build": "", "test": "[test]", "dev": "[dev]"}


@nox.session(python=PYTHON)
def lock(session: nox.Session) -> None:
    """Regenerate requirements/*.txt from the pins in pyproject.toml (needs the
    network): build (all Read the Docs installs), test and dev on top of it."""
    session.install("pip>=24")
    resolved = {}
    for name, extra in LOCKS.items():
        report = Path(session.create_tmp()) / f"{name}.json"
        session.run("pip", "install", "--quiet", "--dry-run", "--ignore-installed",
                    "--report", str(report), f".{extra}", silent=True)
        resolved[name] = {entry["metadata"]["name"]: entry["metadata"]["version"]
                          for entry in json.loads(report.read_text())["install"]
                          if entry["metadata"]["name"] != "beyond-empathy"}
    for name, packages in resolved.items():
        extra = {} if name == "build" else resolved["build"]
        lines = [f"{package}=={version}" for package, version in
                 sorted(packages.items(), key=lambda pair: pair[0].lower()) if package not in extra]
        header = (f"# Lock of requirements/{name}.txt (Python 3.11+), every version exact.\n"
                  "# Direct pins live in pyproject.toml; regenerate with: nox -s lock\n"
                  + ("" if name == "build" else "-r build.txt\n"))
        Path("requirements", f"{name}.txt").write_text(header + "\n".join(lines) + "\n",
                                                      encoding="utf-8")
    if os.environ.get("CI"):
        session.run("git", "diff", "--exit-code", "requirements", external=True)
