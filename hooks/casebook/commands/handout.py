"""``casebook handout``: training packs as PDF files, printed by headless Chromium.

The PDF is the pack page of the offline build (``packs/index.html``, with the chosen
cases in its address) printed with the site's print stylesheet, so the PDF and a
reader's own printout are the same document.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlencode

from .. import lang_prefix
from .bundle import build_identity, build_site

# Flags that keep chromium quiet and offline: no sync, updates or first-run calls.
CHROMIUM_FLAGS = ["--headless", "--disable-gpu", "--no-first-run", "--disable-sync",
                  "--disable-background-networking", "--disable-component-update",
                  "--no-pdf-header-footer", "--virtual-time-budget=10000"]
# fontconfig's language tags: a system without these prints boxes instead of letters.
FONT_LANGUAGES = {"zh": "zh-cn", "vi": "vi"}


def find_chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    raise FileNotFoundError("chromium is not installed (Debian: make browser-deps)")


def missing_fonts(lang: str) -> bool:
    """True when fontconfig knows no font for ``lang`` (False if it cannot tell)."""
    if lang not in FONT_LANGUAGES or not shutil.which("fc-list"):
        return False
    out = subprocess.run(["fc-list", f":lang={FONT_LANGUAGES[lang]}", "family"], capture_output=True, text=True)
    return out.returncode == 0 and not out.stdout.strip()


def pack_address(site: Path, lang: str, theme: str | None, cases: list[str]) -> str:
    query = {key: value for key, value in (("theme", theme), ("cases", ",".join(cases))) if value}
    return (site / lang_prefix(lang) / "packs" / "index.html").as_uri() + (f"?{urlencode(query)}" if query else "")


def print_pdf(address: str, target: Path) -> None:
    flags = CHROMIUM_FLAGS + (["--no-sandbox"] if os.geteuid() == 0 else [])  # root needs it
    target.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([find_chromium(), *flags, f"--print-to-pdf={target}", address],
                          capture_output=True, text=True, timeout=300)
    if done.returncode != 0 or not target.is_file() or target.stat().st_size == 0:
        raise RuntimeError(f"chromium could not print {address}:\n{done.stderr[-2000:]}")


def handout_name(lang: str, theme: str | None, cases: list[str]) -> str:
    chosen = theme or ("-".join(cases) if len(cases) <= 3 else f"{len(cases)}-cases") or "all"
    return f"reform-casebook-pack-{chosen}-{lang}.pdf"


def make_handouts(root: Path, languages: tuple[str, ...], theme: str | None, cases: list[str],
                  out_dir: Path) -> list[Path]:
    """Build the offline site once, print one PDF per language; returns the PDFs."""
    written = []
    with tempfile.TemporaryDirectory(prefix="casebook-handout-") as work:
        site = build_site(root, Path(work), languages, build_identity(root))
        for lang in languages:
            target = out_dir / handout_name(lang, theme, cases)
            print_pdf(pack_address(site, lang, theme, cases), target)
            written.append(target)
    return written
