"""Benchmark of the Beyond Empathy build: `nox -s bench`, or
`python benchmarks/bench.py [--runs N] [--quick] [--json FILE]`.

Every build runs as `sys.executable -m sphinx` on a fresh temporary copy of the
sources, into temporary output folders; nothing is written into the repository
except the JSON result. See benchmarks/README.md for what each row means.

It is a benchmark, not a test: it prints medians of several runs and says which
targets hold, and it exits non-zero only when a build it needs fails.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.metadata
import importlib.util
import io
import json
import logging
import multiprocessing
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

sys.dont_write_bytecode = True  # importing compassion_kit must leave no __pycache__ in the repo

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import yaml  # noqa: E402  (pinned by the project)
from pypdf import PdfReader  # noqa: E402  (pinned by the project)

from compassion_kit.printing import pool as renderpool  # noqa: E402

SOURCES = ("conf.py", "index.md", "docs", "exercises", "references.bib", "compassion_kit")
STRICT = ("-n", "-W", "--keep-going")
PLAIN = ("-D", "kit_pdfs=0")  # the site and catalog.json only: a plain Sphinx HTML build
KIT_LINE = re.compile(r"kit: (\d+) PDFs rendered, (\d+) unchanged \((\d+) workers\)")
ENV_LINE = re.compile(r"(\d+) added, (\d+) changed, (\d+) removed")
PEER = "sphinx-simplepdf"
PEER_EXTENSIONS = "compassion_kit,sphinxcontrib.bibtex,sphinx_simplepdf"
TOUCHED = "self-compassion-break"  # the exercise the touch and edit rebuilds change
KB = 1000  # bytes; the decimal kilobyte makes the weight target a little stricter

TARGETS = {
    "cold_ratio": 2.0,  # full cold build / plain HTML build
    "nochange_ratio": 1.2,  # our no-change rebuild / Sphinx's own no-change rebuild
    "parallel_speedup": 1.7,  # serial / parallel PDF stage, on 2 cores
    "growth_slack": 1.1,  # time(kx) / time(1x) <= k * 1.1
    "page_weight_kb": 200.0,  # first page view, every byte uncompressed
}


class BuildFailed(RuntimeError):
    pass


# -- Running builds --------------------------------------------------------------------------


@dataclass
class Build:
    wall: float
    cpu: float  # user + system seconds of the build and every process it started
    log: str
    rendered: int | None = None
    unchanged: int | None = None
    workers: int | None = None
    changed_docs: int | None = None


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def subprocess_env() -> dict[str, str]:
    env = dict(os.environ)
    # sphinx-simplepdf runs the `weasyprint` command: find the one beside this Python.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def sphinx(src: Path, out: Path, doctrees: Path, *options: str, builder: str = "html",
           strict: bool = True) -> Build:
    """Run one build of ``src``; raise BuildFailed (with the log's tail) if it fails."""
    command = [sys.executable, "-m", "sphinx", *(STRICT if strict else ()), "-b", builder,
               str(src), str(out), "-d", str(doctrees), *options]
    cpu, start = child_cpu(), time.perf_counter()
    done = subprocess.run(command, cwd=src, env=subprocess_env(), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, check=False)
    wall, cpu = time.perf_counter() - start, child_cpu() - cpu
    if done.returncode != 0:
        tail = "\n".join(done.stdout.splitlines()[-25:])
        raise BuildFailed(f"{' '.join(command)} exited {done.returncode}:\n{tail}")
    build = Build(wall, cpu, done.stdout)
    if match := KIT_LINE.search(done.stdout):
        build.rendered, build.unchanged, build.workers = map(int, match.groups())
    if match := ENV_LINE.search(done.stdout):
        build.changed_docs = int(match.group(1)) + int(match.group(2))
    return build


def copy_sources(dest: Path) -> Path:
    dest.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in SOURCES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=ignore)
        else:
            shutil.copy2(source, dest / name)
    return dest


def exercise_files(src: Path) -> list[Path]:
    return sorted(path for path in (src / "exercises").glob("*.md") if path.name != "index.md")


# -- Changing the sources ------------------------------------------------------------------


def split_front_matter(text: str) -> tuple[str, str]:
    if not text.startswith("---\n"):
        raise ValueError("no front matter")
    end = text.index("\n---\n", 4)
    return text[4:end + 1], text[end + 5:]


def is_paragraph_line(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not re.match(r"[#\-*>|:`{(]|\d+\.", stripped)


def change_exercise(src: Path, appended: str) -> Path:
    """Append ``appended`` to the first paragraph line of one exercise's body."""
    path = src / "exercises" / f"{TOUCHED}.md"
    if not path.is_file():
        path = exercise_files(src)[0]
    text = path.read_text(encoding="utf-8")
    front, body = split_front_matter(text)
    lines = body.split("\n")
    index = next(i for i, line in enumerate(lines) if is_paragraph_line(line))
    lines[index] += appended
    path.write_text(f"---\n{front}---\n" + "\n".join(lines), encoding="utf-8")
    return path


def copy_title(title: str, copy: int, taken: set[str]) -> str:
    suffix = f" (copy {copy})"
    new = title[:70 - len(suffix)].rstrip() + suffix
    if new in taken or len(new) > 70:
        raise ValueError(f"cannot make a unique title of at most 70 characters from {title!r}")
    taken.add(new)
    return new


def multiply_exercises(src: Path, factor: int) -> int:
    """Add factor-1 copies of every exercise (new id and title); return the exercise count."""
    originals = exercise_files(src)
    taken = {yaml.safe_load(split_front_matter(p.read_text("utf-8"))[0])["title"]
             for p in originals}
    for path in originals:
        front, body = split_front_matter(path.read_text(encoding="utf-8"))
        data = yaml.safe_load(front)
        for copy in range(1, factor):
            new_id = f"{data['id']}-copy{copy}"
            title = copy_title(data["title"], copy, taken)
            lines = front.split("\n")
            for i, line in enumerate(lines):
                if line.startswith("id:"):
                    lines[i] = f"id: {new_id}"
                elif line.startswith("title:"):
                    lines[i] = f"title: {json.dumps(title, ensure_ascii=False)}"
            (path.parent / f"{new_id}.md").write_text(
                "---\n" + "\n".join(lines) + "---\n" + body, encoding="utf-8")
    return len(exercise_files(src))


# -- The PDF stage alone -------------------------------------------------------------------


def print_jobs(src: Path, out: Path, doctrees: Path) -> list[renderpool.Job]:
    """Every job of the build's PDF stage, from the saved print HTML and catalog.json."""
    catalog = json.loads((out / "catalog.json").read_text(encoding="utf-8"))
    roots = (str(src), str(out))
    jobs = []
    for entry in catalog["items"]:
        html = (doctrees / "kit-print" / f"{entry['id']}.html").read_text(encoding="utf-8")
        base_url = (out / entry["url"].split("#")[0]).as_uri()
        for paper in sorted(entry["pdfs"]):
            jobs.append(renderpool.Job(html, base_url, paper, roots))
    return jobs


def _spin(_job: int) -> float:
    start, total = time.perf_counter(), 0
    for number in range(10_000_000):
        total += number
    return time.perf_counter() - start


def effective_cores(workers: int) -> float:
    """How many cores ``workers`` CPU-bound Python processes really get here: the same loop
    once alone, then once in each of ``workers`` forked processes at the same time."""
    if workers < 2:
        return 1.0
    alone = _spin(0)
    context = multiprocessing.get_context("fork" if "fork" in
                                          multiprocessing.get_all_start_methods() else None)
    with context.Pool(workers) as pool:
        start = time.perf_counter()
        pool.map(_spin, range(workers), chunksize=1)
        together = time.perf_counter() - start
    return workers * alone / together


def pages_of(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def render_stage(jobs: list[renderpool.Job], workers: int) -> tuple[float, float, list[bytes]]:
    """Wall and CPU seconds (this process and its reaped workers) of one PDF stage."""
    cpu, start = time.process_time() + child_cpu(), time.perf_counter()
    results = list(renderpool.render_all(jobs, workers))  # the pool is shut down and reaped
    elapsed, cpu = time.perf_counter() - start, time.process_time() + child_cpu() - cpu
    errors = [error for _data, error in results if error is not None]
    if errors:
        raise BuildFailed(f"{len(errors)} handouts failed to render, first: {errors[0]}")
    return elapsed, cpu, [data for data, _error in results]


# -- The peer: sphinx-simplepdf ------------------------------------------------------------


def peer_version() -> str | None:
    try:
        return importlib.metadata.version(PEER)
    except importlib.metadata.PackageNotFoundError:
        return None


def peer_missing() -> str | None:
    """Why the peer cannot run here, or None."""
    for module in ("sphinx_simplepdf", "sass"):
        try:
            if importlib.util.find_spec(module) is None:
                return f"Python module {module!r} is not installed (pip install {PEER})"
        except ImportError as error:
            return f"Python module {module!r} cannot be imported: {error}"
    return None


def render_peer_html(index: Path) -> tuple[float, int]:
    """WeasyPrint on sphinx-simplepdf's single HTML, in this process, as its API mode does."""
    import weasyprint

    quiet = logging.getLogger("weasyprint")
    quiet.addHandler(logging.NullHandler())
    quiet.propagate = False  # its theme trips dozens of CSS and anchor messages
    try:
        start = time.perf_counter()
        data = weasyprint.HTML(filename=str(index)).write_pdf()
        return time.perf_counter() - start, pages_of(data)
    finally:
        quiet.propagate = True


def run_peer(src: Path, work: Path) -> dict:
    """One -b simplepdf build of the same sources: wall time, pages, and render-only time."""
    out = work / "simplepdf"
    build = sphinx(src, out, work / "simplepdf-doctrees", "-D", f"extensions={PEER_EXTENSIONS}",
                   *PLAIN, builder="simplepdf", strict=False)  # its theme warns; never strict
    pdfs = sorted(out.glob("*.pdf"))
    if len(pdfs) != 1:
        raise BuildFailed(f"expected one PDF from {PEER}, found {[p.name for p in pdfs]}")
    pages = len(PdfReader(pdfs[0]).pages)
    render, render_pages = render_peer_html(out / "index.html")
    return {"wall": build.wall, "cpu": build.cpu, "pages": pages, "bytes": pdfs[0].stat().st_size,
            "render": render, "render_pages": render_pages}


# -- First page view and handout size ------------------------------------------------------


class _Links(HTMLParser):
    LOADED_RELS = {"stylesheet", "preload", "modulepreload", "icon", "shortcut", "apple-touch-icon"}

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, str]] = []  # (kind, url)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and set((attrs.get("rel") or "").split()) & self.LOADED_RELS:
            rel = (attrs.get("rel") or "").split()
            kind = "css" if "stylesheet" in rel else attrs.get("as") or "image"
            self.found.append((kind, attrs.get("href") or ""))
        elif tag == "script" and attrs.get("src"):
            self.found.append(("js", attrs["src"]))
        elif tag in ("img", "source", "video", "audio", "embed", "iframe") and attrs.get("src"):
            self.found.append(("image", attrs["src"]))


CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]([^'"]+)['"]""")
FONT_SUFFIXES = {".woff2", ".woff", ".ttf", ".otf", ".eot"}


def _local(base: Path, url: str, out: Path) -> Path | None:
    """The file a same-site relative URL names, or None for data:, external or missing."""
    parts = urlsplit(url)
    if not url or parts.scheme or parts.netloc or url.startswith("#"):
        return None
    path = (base.parent / unquote(parts.path)).resolve()
    return path if path.is_file() and path.is_relative_to(out.resolve()) else None


def page_weight(out: Path, page: str = "index.html") -> dict:
    """Bytes a first view of ``page`` loads: the HTML, its CSS (and @imports), scripts, images,
    and every font file that a loaded stylesheet references (all of them, to be safe)."""
    html_path = out / page
    parser = _Links()
    parser.feed(html_path.read_text(encoding="utf-8"))
    files: dict[Path, str] = {html_path.resolve(): "html"}
    external = [url for _kind, url in parser.found
                if urlsplit(url).scheme in ("http", "https") or url.startswith("//")]
    queue = []
    for kind, url in parser.found:
        path = _local(html_path, url, out)
        if path and path not in files:
            files[path] = kind
            if kind == "css":
                queue.append(path)
    while queue:
        css = queue.pop()
        text = re.sub(r"/\*.*?\*/", "", css.read_text(encoding="utf-8"), flags=re.S)
        for url in CSS_IMPORT.findall(text):
            path = _local(css, url, out)
            if path and path not in files:
                files[path] = "css"
                queue.append(path)
        for _quote, url in CSS_URL.findall(text):
            path = _local(css, url, out)
            if path and path not in files:
                files[path] = "font" if path.suffix.lower() in FONT_SUFFIXES else "image"
    by_kind: dict[str, int] = {}
    for path, kind in files.items():
        by_kind[kind] = by_kind.get(kind, 0) + path.stat().st_size
    total = sum(by_kind.values())
    gzipped = sum(len(gzip.compress(path.read_bytes(), 9)) for path, kind in files.items()
                  if kind in ("html", "css", "js"))
    gzipped += sum(path.stat().st_size for path, kind in files.items()
                   if kind not in ("html", "css", "js"))
    return {"page": page, "bytes": total, "kb": total / KB, "by_kind_bytes": by_kind,
            "gzip_kb": gzipped / KB, "external_requests": external,
            "files": sorted(str(path.relative_to(out.resolve())) for path in files)}


def largest_one_page(out: Path, paper: str = "letter") -> dict:
    sizes = []
    for path in sorted((out / "handouts" / paper).glob("*.pdf")):
        sizes.append((path.stem, len(PdfReader(path).pages), path.stat().st_size))
    one_page = [entry for entry in sizes if entry[1] == 1]
    if one_page:
        name, pages, size = max(one_page, key=lambda entry: entry[2])
        rule = "largest one-page handout"
    else:
        name, pages, size = max(sizes, key=lambda entry: entry[2] / entry[1])
        rule = "no handout has one page: the largest per page"
    pages_hist: dict[int, int] = {}
    for _name, count, _size in sizes:
        pages_hist[count] = pages_hist.get(count, 0) + 1
    return {"paper": paper, "rule": rule, "id": name, "pages": pages, "bytes": size,
            "kb": size / KB, "kb_per_page": size / pages / KB,
            "handouts_by_page_count": {str(k): v for k, v in sorted(pages_hist.items())}}


# -- One run -------------------------------------------------------------------------------


@dataclass
class Samples:
    values: dict[str, list] = field(default_factory=dict)

    def add(self, name: str, value) -> None:
        self.values.setdefault(name, []).append(value)

    def median(self, name: str) -> float | None:
        values = [v for v in self.values.get(name, []) if v is not None]
        return statistics.median(values) if values else None


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def one_run(run: int, work: Path, samples: Samples, results: dict, args) -> None:
    src = copy_sources(work / "src")
    plain_out, plain_dt = work / "plain" / "html", work / "plain" / "doctrees"
    full_out, full_dt = work / "full" / "html", work / "full" / "doctrees"

    build = sphinx(src, plain_out, plain_dt, *PLAIN)
    samples.add("plain", build.wall)
    samples.add("plain_cpu", build.cpu)
    say(f"run {run}: plain HTML build {build.wall:.1f} s")

    build = sphinx(src, plain_out, plain_dt, *PLAIN)
    samples.add("sphinx_nochange", build.wall)
    samples.add("sphinx_nochange_cpu", build.cpu)
    say(f"run {run}: Sphinx no-change rebuild {build.wall:.1f} s")

    build = sphinx(src, full_out, full_dt)
    samples.add("cold", build.wall)
    samples.add("cold_cpu", build.cpu)
    samples.add("cold_rendered", build.rendered)
    say(f"run {run}: full cold build {build.wall:.1f} s, {build.rendered} PDFs rendered "
        f"({build.workers} workers)")

    build = sphinx(src, full_out, full_dt)
    samples.add("nochange", build.wall)
    samples.add("nochange_cpu", build.cpu)
    samples.add("nochange_rendered", build.rendered)
    samples.add("nochange_docs", build.changed_docs)
    say(f"run {run}: no-change rebuild {build.wall:.1f} s, {build.rendered} PDFs rendered")

    if run == 1:
        results["page_weight"] = page_weight(full_out)
        results["largest_handout"] = largest_one_page(full_out)

    jobs = print_jobs(src, full_out, full_dt)
    samples.add("effective_cores", effective_cores(renderpool.workers_for(0)))
    serial, serial_cpu, serial_pdfs = render_stage(jobs, 1)
    workers = renderpool.workers_for(0)
    parallel, parallel_cpu, parallel_pdfs = render_stage(jobs, workers)
    pages = sum(map(pages_of, serial_pdfs))
    samples.add("stage_serial", serial)
    samples.add("stage_serial_cpu", serial_cpu)
    samples.add("stage_parallel", parallel)
    samples.add("stage_parallel_cpu", parallel_cpu)
    samples.add("stage_pages", pages)
    samples.add("stage_parallel_identical", serial_pdfs == parallel_pdfs)
    results["stage"] = {"jobs": len(jobs), "pages": pages, "workers": workers,
                        "parallel_output_identical": serial_pdfs == parallel_pdfs}
    say(f"run {run}: PDF stage {len(jobs)} PDFs, {pages} pages: serial {serial:.1f} s, "
        f"{workers} workers {parallel:.1f} s")

    if not args.no_peer:
        peer = results.setdefault("peer", {"name": PEER, "version": peer_version()})
        reason = peer.get("unavailable") or peer_missing()
        if reason is None:
            try:
                measured = run_peer(src, work)
            except (BuildFailed, OSError, ValueError) as error:
                reason = f"{PEER} failed: {error}"
            else:
                for key in ("wall", "render"):
                    samples.add(f"peer_{key}", measured[key])
                peer.update(pages=measured["pages"], bytes=measured["bytes"],
                            render_pages=measured["render_pages"])
                say(f"run {run}: {PEER} build {measured['wall']:.1f} s, {measured['pages']} "
                    f"pages; WeasyPrint alone on its HTML {measured['render']:.1f} s")
        if reason is not None:
            peer["unavailable"] = reason
            say(f"run {run}: {PEER} unavailable: {reason.splitlines()[0]}")

    changed = change_exercise(src, " ")
    build = sphinx(src, full_out, full_dt)
    samples.add("touch", build.wall)
    samples.add("touch_rendered", build.rendered)
    samples.add("touch_docs", build.changed_docs)
    say(f"run {run}: touched {changed.name} (a space): {build.wall:.1f} s, "
        f"{build.rendered} PDFs rendered")

    change_exercise(src, " Take your time.")
    build = sphinx(src, full_out, full_dt)
    samples.add("edit", build.wall)
    samples.add("edit_rendered", build.rendered)
    say(f"run {run}: edited {changed.name} (new words): {build.wall:.1f} s, "
        f"{build.rendered} PDFs rendered")
    results["touched"] = changed.stem

    for factor in args.growth:
        if run > args.growth_runs:
            break
        grown = copy_sources(work / f"grow{factor}" / "src")
        count = multiply_exercises(grown, factor)
        build = sphinx(grown, work / f"grow{factor}" / "html", work / f"grow{factor}" / "doctrees")
        samples.add(f"grow{factor}", build.wall)
        samples.add(f"grow{factor}_rendered", build.rendered)
        results.setdefault("growth_exercises", {})[str(factor)] = count
        say(f"run {run}: growth {factor}x ({count} exercises): {build.wall:.1f} s, "
            f"{build.rendered} PDFs rendered")
        shutil.rmtree(work / f"grow{factor}")


# -- Judging and reporting -----------------------------------------------------------------


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def judge(samples: Samples, results: dict, args) -> list[dict]:
    """The table: name, median, unit, runs, target, holds (True, False or None for n/a)."""
    m = samples.median
    runs = {name: len([v for v in values if v is not None])
            for name, values in samples.values.items()}
    rows: list[dict] = []

    def row(name, value, unit, runs_of=None, target="", holds=None, key=None):
        rows.append({"name": name, "value": value, "unit": unit,
                     "runs": runs.get(runs_of, 1) if runs_of else 1,
                     "target": target, "holds": holds, "key": key})

    plain, cold = m("plain"), m("cold")
    cold_ratio = ratio(cold, plain)
    row("plain sphinx-build -b html (baseline)", plain, "s", "plain", key="plain")
    row("full build, cold (site + all PDFs)", cold, "s", "cold", key="cold")
    row("  cold / plain", cold_ratio, "x", "cold", f"<= {TARGETS['cold_ratio']}",
        cold_ratio is not None and cold_ratio <= TARGETS["cold_ratio"], key="cold_ratio")
    row("  cold / plain, in CPU seconds (info)", ratio(m("cold_cpu"), m("plain_cpu")), "x",
        "cold_cpu", key="cold_ratio_cpu")

    sphinx_nc, nochange = m("sphinx_nochange"), m("nochange")
    nc_ratio = ratio(nochange, sphinx_nc)
    rendered = [v for v in samples.values.get("nochange_rendered", []) if v is not None]
    row("Sphinx's own no-change rebuild", sphinx_nc, "s", "sphinx_nochange", key="sphinx_nochange")
    row("no-change rebuild", nochange, "s", "nochange", key="nochange")
    row("  no-change / Sphinx no-change", nc_ratio, "x", "nochange",
        f"<= {TARGETS['nochange_ratio']}",
        nc_ratio is not None and nc_ratio <= TARGETS["nochange_ratio"], key="nochange_ratio")
    row("  the same in CPU seconds (info)", ratio(m("nochange_cpu"), m("sphinx_nochange_cpu")),
        "x", "nochange_cpu", key="nochange_ratio_cpu")
    row("  PDFs rendered on no-change rebuild", max(rendered) if rendered else None, "PDFs",
        "nochange_rendered", "0", bool(rendered) and max(rendered) == 0, key="nochange_rendered")
    row(f"rebuild after a space in {results.get('touched')}", m("touch"), "s", "touch",
        key="touch")
    row("  PDFs rendered", m("touch_rendered"), "PDFs", "touch_rendered", key="touch_rendered")
    row(f"rebuild after new words in {results.get('touched')}", m("edit"), "s", "edit",
        key="edit")
    row("  PDFs rendered", m("edit_rendered"), "PDFs", "edit_rendered", key="edit_rendered")

    stage = results.get("stage", {})
    pages = m("stage_pages") or stage.get("pages")  # the same every run, unless layout varies
    serial, parallel = m("stage_serial"), m("stage_parallel")
    speedup = ratio(serial, parallel)
    workers = stage.get("workers", 1)
    row(f"PDF stage, serial ({stage.get('jobs')} PDFs, {pages:g} pages)", serial, "s",
        "stage_serial", key="stage_serial")
    row(f"PDF stage, {workers} workers", parallel, "s", "stage_parallel", key="stage_parallel")
    row("  serial throughput", ratio(pages, serial), "pages/s", "stage_serial",
        key="pps_serial")
    row(f"  {workers}-worker throughput", ratio(pages, parallel), "pages/s", "stage_parallel",
        key="pps_parallel")
    on_two = (os.cpu_count() or 1) >= 2
    row("  parallel speedup", speedup, "x", "stage_parallel",
        f">= {TARGETS['parallel_speedup']} (2 cores)",
        (speedup is not None and speedup >= TARGETS["parallel_speedup"]) if on_two else None,
        key="parallel_speedup")
    row(f"  machine: cores {workers} busy Python processes get (info)", m("effective_cores"),
        "", "effective_cores", key="effective_cores")
    row(f"  CPU seconds, {workers} workers / serial (info)",
        ratio(m("stage_parallel_cpu"), m("stage_serial_cpu")), "x", "stage_parallel_cpu",
        key="parallel_cpu_ratio")

    if args.growth:
        base_count = len(exercise_files(REPO))
        row(f"growth 1x ({base_count} exercises) = full cold build", cold, "s", "cold",
            key="grow1")
        row("  per exercise", ratio(cold, base_count), "s", "cold", key="grow1_per")
        for factor in args.growth:
            time_k = m(f"grow{factor}")
            count = results.get("growth_exercises", {}).get(str(factor))
            limit = factor * TARGETS["growth_slack"]
            growth = ratio(time_k, cold)
            row(f"growth {factor}x ({count} exercises)", time_k, "s", f"grow{factor}",
                key=f"grow{factor}")
            row("  per exercise", ratio(time_k, count), "s", f"grow{factor}",
                key=f"grow{factor}_per")
            row(f"  time {factor}x / time 1x", growth, "x", f"grow{factor}",
                f"<= {limit:.1f}", growth is not None and growth <= limit,
                key=f"grow{factor}_ratio")

    peer = results.get("peer")
    if peer is not None:
        if peer.get("unavailable"):
            row(f"{PEER}: unavailable (reason below the table)", None, "", key="peer")
            row("  ours serial / theirs (per page)", None, "x", target="> 1", key="peer_vs_ours")
        else:
            peer_wall, peer_render = m("peer_wall"), m("peer_render")
            pdf_part = peer_wall - plain if peer_wall is not None and plain else None
            ours = ratio(pages, serial)
            theirs = ratio(peer.get("render_pages"), peer_render)
            row(f"{PEER} {peer.get('version')} build ({peer.get('pages')} pages, one PDF)",
                peer_wall, "s", "peer_wall", key="peer_wall")
            row("  its build minus the plain HTML build", ratio(peer.get("pages"), pdf_part),
                "pages/s", "peer_wall", key="peer_pps_build")
            row("  WeasyPrint alone on its HTML (serial)", theirs, "pages/s", "peer_render",
                key="peer_pps_render")
            row("  ours serial / theirs (per page)", ratio(ours, theirs), "x", "peer_render",
                "> 1", ours is not None and theirs is not None and ours > theirs,
                key="peer_vs_ours")

    weight = results.get("page_weight")
    if weight:
        row("first page view (index.html + CSS, JS, fonts, images)", weight["kb"], "KB",
            target=f"< {TARGETS['page_weight_kb']:.0f}",
            holds=weight["kb"] < TARGETS["page_weight_kb"], key="page_weight")
        row("  the same, text files gzipped", weight["gzip_kb"], "KB", key="page_weight_gzip")
    largest = results.get("largest_handout")
    if largest:
        label = ("largest one-page handout" if largest["pages"] == 1
                 else "largest handout per page")
        row(f"{label} ({largest['paper']}: {largest['id']}, {largest['pages']} p.)",
            largest["kb"] if largest["pages"] == 1 else largest["kb_per_page"], "KB",
            key="largest_handout")
    return rows


def format_value(value, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "PDFs":
        return f"{value:g}"
    return f"{value:.2f} {unit}" if unit else f"{value:.2f}"


def print_table(rows: list[dict]) -> None:
    header = ("measure", "median", "runs", "target", "holds")
    holds = {True: "yes", False: "NO", None: ""}
    lines = [(r["name"], format_value(r["value"], r["unit"]), str(r["runs"]), r["target"],
              holds[r["holds"]]) for r in rows]
    widths = [max(len(line[i]) for line in [header, *lines]) for i in range(len(header))]
    print()
    for i, line in enumerate([header, *lines]):
        print("  ".join(cell.ljust(widths[j]) if j == 0 else cell.rjust(widths[j])
                        for j, cell in enumerate(line)).rstrip())
        if i == 0:
            print("  ".join("-" * width for width in widths))
    print()


def versions() -> dict[str, str | None]:
    found = {}
    for package in ("sphinx", "myst-parser", "furo", "weasyprint", "pydyf", "fonttools",
                    "pypdf", PEER, "libsass"):
        try:
            found[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            found[package] = None
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Benchmark the Beyond Empathy build (see benchmarks/README.md).")
    parser.add_argument("--runs", type=int, default=3, help="runs of each measure (median)")
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: 1 run, growth only 2x")
    parser.add_argument("--growth", default=None,
                        help="corpus multiples to build, comma-separated, empty for none "
                             "(default: 2,4,8; with --quick: 2)")
    parser.add_argument("--growth-runs", type=int, default=None,
                        help="runs of the growth builds (default: --runs)")
    parser.add_argument("--no-peer", action="store_true", help=f"skip {PEER}")
    parser.add_argument("--json", type=Path, default=None, help="write the results here")
    args = parser.parse_args(argv)
    if args.quick:
        args.runs = 1
    if args.growth is None:
        args.growth = "2" if args.quick else "2,4,8"
    args.growth = [int(part) for part in args.growth.split(",") if part.strip()]
    args.growth_runs = min(args.growth_runs or args.runs, args.runs)
    if args.runs < 1 or any(factor < 2 for factor in args.growth):
        parser.error("--runs must be at least 1 and growth factors at least 2")

    samples, results = Samples(), {}
    loads = []
    started = time.time()
    say(f"{args.runs} run(s), growth {args.growth or 'off'} ({args.growth_runs} run(s)), "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
    try:
        for run in range(1, args.runs + 1):
            loads.append(os.getloadavg()[0])
            with tempfile.TemporaryDirectory(prefix="kit-bench-") as work:
                one_run(run, Path(work), samples, results, args)
            loads.append(os.getloadavg()[0])
    except BuildFailed as error:
        print(f"bench: a build failed, no result:\n{error}", file=sys.stderr)
        return 1

    rows = judge(samples, results, args)
    print_table(rows)
    if results.get("peer", {}).get("unavailable"):
        print(f"{PEER} unavailable: {results['peer']['unavailable']}\n")
    if loads and max(loads) > (os.cpu_count() or 1) * 1.5:
        print(f"note: load average reached {max(loads):.1f} on {os.cpu_count()} cores during "
              "the runs; other processes shared the machine, so times are noisy.\n")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        document = {
            "meta": {"started": time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(started)),
                     "seconds": round(time.time() - started, 1), "runs": args.runs,
                     "growth": args.growth, "growth_runs": args.growth_runs,
                     "python": platform.python_version(), "platform": platform.platform(),
                     "cores": os.cpu_count(), "load_averages_1min": loads,
                     "versions": versions(), "targets": TARGETS},
            "table": rows,
            "samples": samples.values,
            "details": results,
        }
        args.json.write_text(json.dumps(document, indent=1, default=str) + "\n",
                             encoding="utf-8")
        say(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
