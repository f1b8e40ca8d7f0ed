"""The BibTeX a researcher copies from a case page, read back by a real ``bibtex``.

A title may hold anything a contributor types; pasted into a ``.bib`` it must stay the
same text: no LaTeX command of its own (``\\input``, ``\\write18``), no brace that would
end the field or leave it open.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from casebook.pages.cite import CitedVersion, bibtex_text, render_cite
from render_support import make_case, vocab  # noqa: F401 - fixture

HOSTILE_TITLES = [
    r"\input{/etc/passwd} and \write18{rm -rf ~}",
    "An unbalanced { brace and } another } and {{{",
    r"50% of $x_1$ & #2 ~ ^ \\ \ \{ \}",
    "Tabs\tand  spaces",
    "Phụ nữ 妇联 — “quoted”",
]
# The commands bibtex_text writes; a field holding any other command ran the contributor's.
OWN_COMMANDS = {r"\textbackslash", r"\textbraceleft", r"\textbraceright", r"\textasciitilde",
                r"\textasciicircum"}
# A style of five lines: prints each entry's title, so what BibTeX read can be compared.
STYLE = """ENTRY { title author note } {} {}
FUNCTION {misc} { "TITLE " title * write$ newline$ }
FUNCTION {default.type} { misc }
READ
ITERATE {call.type$}
"""


def bibtex_of(page_html: str) -> str:
    block = re.search(r'<pre class="cb-cite__bibtex"><code>(.*?)</code></pre>', page_html, re.S)
    return html.unescape(block.group(1))


def balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


def commands(text: str) -> set[str]:
    return set(re.findall(r"\\[A-Za-z]+", text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("\\{}%&$#_~^ ax1\n")) | st.characters(), max_size=60))
def test_any_text_becomes_balanced_text_without_commands_of_its_own(text):
    value = bibtex_text(text)
    assert balanced(value)
    assert commands(value) <= OWN_COMMANDS
    assert not re.search(r"[\x00-\x1f\x7f]", value)
    # Every backslash starts one of our commands or escapes one of BibTeX's five.
    assert re.fullmatch(r"(?:[^\\]|\\(?:text[a-z]+\{\}|[%&$#_]))*", value, re.S)


def test_real_bibtex_reads_every_hostile_title_back_as_written(tmp_path, vocab):
    assert shutil.which("bibtex"), "bibtex is missing: make browser-deps installs texlive-binaries"
    entries = []
    for number, title in enumerate(HOSTILE_TITLES):
        case = make_case(vocab, id=f"hostile-{number}", text__en__title=title)
        entries.append(bibtex_of(render_cite(case, "en", "https://example.org/", "x.json", "2026-12-01")))
    (tmp_path / "cases.bib").write_text("\n\n".join(entries) + "\n", encoding="utf-8")
    (tmp_path / "min.bst").write_text(STYLE, encoding="utf-8")
    (tmp_path / "x.aux").write_text("\\citation{*}\n\\bibdata{cases}\n\\bibstyle{min}\n", encoding="utf-8")
    run = subprocess.run(["bibtex", "-terse", "x"], cwd=tmp_path, capture_output=True, text=True, timeout=60,
                         env={**os.environ, "BIBINPUTS": ".", "BSTINPUTS": "."})
    assert run.returncode == 0, run.stdout + run.stderr + (tmp_path / "x.blg").read_text()
    # BibTeX breaks long output lines at spaces; what it read is the rest.
    read = " ".join((tmp_path / "x.bbl").read_text(encoding="utf-8").split())
    titles = [" ".join(t.split()) for t in re.split(r"\s*TITLE ", read) if t]
    assert titles == [" ".join(bibtex_text(title).split()) for title in HOSTILE_TITLES]
    for title in titles:
        assert commands(title) <= OWN_COMMANDS


def test_the_entry_itself_is_balanced_and_names_only_its_fields(vocab):
    case = make_case(vocab, text__en__title=HOSTILE_TITLES[1])
    entry = bibtex_of(render_cite(case, "en", "https://example.org/", "x.json", "2026-12-01"))
    assert balanced(entry)
    assert re.findall(r"^\s+(\w+)\s+=", entry, re.M) == ["title", "author", "howpublished", "note",
                                                         "date", "url", "language"]


VERSION = CitedVersion("0123456789abcdef0123456789abcdef01234567", "2026-11-30",
                       "https://github.com/women-org/casebook/blob/0123456789abcdef0123456789abcdef01234567/cases/x.yaml")


def test_real_bibtex_reads_the_version_read_with_its_commit_and_address(tmp_path, vocab):
    """The citation of the version read goes through the same escaping: a real bibtex
    reads its title back as written, and its version, date and address as given."""
    assert shutil.which("bibtex"), "bibtex is missing: make browser-deps installs texlive-binaries"
    entries = []
    for number, title in enumerate(HOSTILE_TITLES):
        case = make_case(vocab, id=f"hostile-{number}", text__en__title=title)
        page = render_cite(case, "en", "https://example.org/", "x.json", "2026-12-01", VERSION, "x-version.json")
        living, version = re.findall(r'<pre class="cb-cite__bibtex"><code>(.*?)</code></pre>', page, re.S)
        entries.append(html.unescape(version))
        assert balanced(html.unescape(version)) and html.unescape(living) == bibtex_of(page)
    (tmp_path / "cases.bib").write_text("\n\n".join(entries) + "\n", encoding="utf-8")
    (tmp_path / "ver.bst").write_text(STYLE.replace("ENTRY { title author note }", "ENTRY { title author note version url date }")
                                      .replace('"TITLE " title * write$ newline$',
                                               '"TITLE " title * write$ newline$ "VERSION " version * " " * date * '
                                               '" " * url * write$ newline$'), encoding="utf-8")
    (tmp_path / "x.aux").write_text("\\citation{*}\n\\bibdata{cases}\n\\bibstyle{ver}\n", encoding="utf-8")
    run = subprocess.run(["bibtex", "-terse", "x"], cwd=tmp_path, capture_output=True, text=True, timeout=60,
                         env={**os.environ, "BIBINPUTS": ".", "BSTINPUTS": "."})
    assert run.returncode == 0, run.stdout + run.stderr + (tmp_path / "x.blg").read_text()
    read = " ".join((tmp_path / "x.bbl").read_text(encoding="utf-8").split())
    titles = [" ".join(t.split()) for t in re.findall(r"TITLE (.*?) VERSION ", read)]
    assert titles == [" ".join(bibtex_text(title).split()) for title in HOSTILE_TITLES]
    assert read.count(f"VERSION 0123456 2026-11-30 {VERSION.url}") == len(HOSTILE_TITLES)
    entry = entries[0]
    assert re.findall(r"^\s+(\w+)\s+=", entry, re.M) == ["title", "author", "howpublished", "note", "version",
                                                         "date", "url", "language"]
    assert entry.startswith("@misc{reformcasebook-hostile-0-en-0123456,")
