"""`casebook handout`: training packs printed to PDF by headless chromium.

The PDFs are read back with poppler (pdftotext, pdfinfo, pdftoppm): the chosen cases,
and only those, in Chinese and Vietnamese as written, on A4. Missing glyphs ("tofu"
boxes) leave no trace a PDF tool can see reliably (chromium embeds the box as a glyph
with the right Unicode mapping), so the same page is also checked in chromium itself:
every character drawn must differ from the box chromium draws for a character no font
has.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml

from browser import browser, outside_requests, require_chromium
from conftest import ROOT
from needs import need

pytestmark = [pytest.mark.build, pytest.mark.browser]  # prints with chromium

pytestmark = [pytest.mark.build, pytest.mark.browser]  # prints with chromium

RECORDS = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "cases").glob("*.yaml"))}
THEME = "migrants"  # a theme with some of the seed cases, not all
CHOSEN = [case for case, data in RECORDS.items() if THEME in data["themes"]]
OTHERS = [case for case in RECORDS if case not in CHOSEN]


def title(case: str, lang: str) -> str:
    texts = RECORDS[case]["text"]
    return unicodedata.normalize("NFC", ((texts.get(lang) or {}).get("title") or texts["en"]["title"]))


def poppler(tool: str, *args: str) -> str:
    need(shutil.which(tool), tool, "run: make browser-deps (Debian's poppler-utils)")
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def handouts(tmp_path_factory) -> dict[str, Path]:
    require_chromium()
    out = tmp_path_factory.mktemp("handouts")
    done = subprocess.run([sys.executable, "-m", "casebook", "handout", "--theme", THEME, "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    pdfs = {lang: out / f"reform-casebook-pack-{THEME}-{lang}.pdf" for lang in ("en", "zh", "vi")}
    for pdf in pdfs.values():
        assert f"Wrote " in done.stdout and pdf.is_file(), done.stdout
    return pdfs


def test_chosen_cases_only_as_written_on_a4(handouts):
    assert CHOSEN and OTHERS
    for lang, pdf in handouts.items():
        text = unicodedata.normalize("NFC", " ".join(poppler("pdftotext", str(pdf), "-").split()))
        flat = text.replace(" ", "")
        for case in CHOSEN:  # (pdftotext may break a line inside a title)
            assert title(case, lang).replace(" ", "") in flat, (lang, case)
        for case in OTHERS:
            assert title(case, lang).replace(" ", "") not in flat, (lang, case)
        info = poppler("pdfinfo", str(pdf))
        width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
        assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2, info
        assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= len(CHOSEN)


def test_pages_render_with_ink(handouts, tmp_path):
    for lang, pdf in handouts.items():
        poppler("pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-gray", str(pdf), str(tmp_path / lang))
        (image,) = tmp_path.glob(f"{lang}-*.pgm")
        data = image.read_bytes()
        pixels = data[-(len(data) // 2):]  # the lower half of the file: past the header
        assert sum(1 for b in pixels if b < 128) > 500, f"{lang}: page 1 is blank"


# Draws each distinct character of the article and of `extra`, and the box chromium draws
# for U+10FFFD (a private-use code point no font covers); returns the characters drawn
# exactly like that box.
MISSING_GLYPHS = r"""extra => {
  const article = document.querySelector('article');
  const font = getComputedStyle(article).fontFamily;
  const canvas = document.createElement('canvas'); canvas.width = 48; canvas.height = 48;
  const ctx = canvas.getContext('2d', {willReadFrequently: true});
  const draw = ch => { ctx.clearRect(0, 0, 48, 48); ctx.font = `32px ${font}`;
    ctx.fillText(ch, 4, 36); return ctx.getImageData(0, 0, 48, 48).data.join(','); };
  const box = draw('\u{10FFFD}');
  const chars = new Set([...(article.innerText + extra)].filter(c => c.trim()));
  return [...chars].filter(c => draw(c) === box);
}"""


@pytest.mark.browser
def test_no_missing_glyphs_in_chinese_and_vietnamese_packs(copies):
    site = copies["all"]
    with browser() as chromium:
        tab = chromium.new_page()
        blocked = outside_requests(tab, ("file://",))
        for prefix in ("zh/", "vi/"):
            tab.goto((site / prefix / "packs" / "index.html").as_uri())
            tab.emulate_media(media="print")
            # the check can fail: another uncovered code point is caught
            assert tab.evaluate(MISSING_GLYPHS, "\U0010FFFC") == ["\U0010FFFC"], prefix
        assert not blocked
