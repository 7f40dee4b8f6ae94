"""Lighthouse (mobile) on the built site, served from this machine: `nox -s lighthouse`.

Scores are noisy from run to run, so this is a report, not a test: it prints the
four category scores of each page and exits 1 when one is below the target
(95), so a person can see and act on it. It needs Node.js and the system
Chromium; nox installs the pinned Lighthouse from the npm registry.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PAGES = ("index.html", "exercises/index.html", "docs/chapters/self-compassion.html",
         "exercises/self-compassion-break.html")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGET = 95


def serve(site: Path, port: int) -> subprocess.Popen:
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind",
                               "127.0.0.1", "--directory", str(site)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    return server


def scores(lighthouse: str, url: str, chrome: str) -> dict[str, int]:
    with tempfile.TemporaryDirectory() as out:
        report = Path(out, "report.json")
        subprocess.run([lighthouse, url, "--quiet", "--output=json", f"--output-path={report}",
                        "--form-factor=mobile", "--chrome-flags=--headless=new --no-sandbox",
                        f"--only-categories={','.join(CATEGORIES)}"],
                       check=True, env={**os.environ, "CHROME_PATH": chrome})
        data = json.loads(report.read_text(encoding="utf-8"))
    return {name: round(100 * data["categories"][name]["score"]) for name in CATEGORIES}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default="_build/html", type=Path)
    parser.add_argument("--lighthouse", required=True, help="path of the lighthouse command")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    chrome = shutil.which("chromium") or shutil.which("chromium-browser") or ""
    if not chrome or not (args.site / "index.html").is_file():
        print("lighthouse: needs the system Chromium and a built site (nox -s build)")
        return 2
    server = serve(args.site, args.port)
    low = []
    try:
        print(f"{'page':45} " + " ".join(f"{name:>15}" for name in CATEGORIES))
        for page in PAGES:
            found = scores(args.lighthouse, f"http://127.0.0.1:{args.port}/{page}", chrome)
            print(f"{page:45} " + " ".join(f"{found[name]:>15}" for name in CATEGORIES))
            low += [f"{page}: {name} {value}" for name, value in found.items() if value < TARGET]
    finally:
        server.terminate()
    if low:
        print(f"below {TARGET}: " + "; ".join(low))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
