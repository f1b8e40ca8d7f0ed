"""``casebook lighthouse``: Lighthouse scores of the built site, as a reader's phone sees it.

Builds the site in a temporary copy, serves it on 127.0.0.1 with gzip (as GitHub Pages
does), and runs Lighthouse (npm, pinned in package-lock.json) with Debian's chromium
(CHROME_PATH) on the home, a case and the explore page in every language: mobile form
factor, simulated slow 4G. Prints the four scores and every audit that is not passed.
Figures only, like ``casebook bench``: performance scores vary from run to run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from .. import LANGUAGES, lang_prefix
from .bundle import build_copy
from .static_server import serve

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def pages(case_id: str) -> list[str]:
    paths = []
    for prefix in map(lang_prefix, LANGUAGES):
        paths += [prefix, f"{prefix}cases/{case_id}/", f"{prefix}explore/"]
    return paths


def run_lighthouse(root: Path, url: str) -> dict:
    binary = root / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        raise FileNotFoundError("node_modules/.bin/lighthouse is missing: run make setup (npm ci)")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    flags = "--headless=new --disable-gpu --no-first-run" + (" --no-sandbox" if os.geteuid() == 0 else "")
    done = subprocess.run([str(binary), url, "--quiet", "--output=json", "--output-path=stdout",
                           f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}"],
                          capture_output=True, text=True, env=env, timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout)


def failures(report: dict) -> list[str]:
    out = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                value = audit.get("displayValue") or ""
                out.append(f"{category}: {ref['id']} {audit['score']:.2f} {value}".rstrip())
    return out


def lighthouse(root: Path) -> int:
    from ..records.load import load_casebook

    case_id = next(iter(load_casebook(root / "cases").cases))
    with tempfile.TemporaryDirectory(prefix="casebook-lighthouse-") as work:
        site = build_copy(root, Path(work))
        print(f"{'page':44} {'perf':>5} {'a11y':>5} {'bp':>5} {'seo':>5}")
        with serve(site, gzip=True) as base:
            for path in pages(case_id):
                report = run_lighthouse(root, base + path)
                scores = [round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES]
                print(f"/{path:43} " + " ".join(f"{s:5d}" for s in scores))
                for line in failures(report):
                    print(f"    {line}")
                sys.stdout.flush()
    return 0
