"""`casebook validate --format markdown`: what a pull request's record gets wrong, as a
Markdown list a maintainer pastes into a comment, read back by a CommonMark renderer (GitHub's
Markdown is CommonMark)."""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser

from markdown_it import MarkdownIt

from conftest import ROOT, copy_project

CASE = "ruili-cross-border-women-children-centre"
HOSTILE = '@octocat <script>alert(1)</script> [x](javascript:y) **loud** #12 `code`'


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.items: list[str] = []
        self._li: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "li":
            self._li = []

    def handle_endtag(self, tag):
        if tag == "li" and self._li is not None:
            self.items.append("".join(self._li))
            self._li = None

    def handle_data(self, data):
        if self._li is not None:
            self._li.append(data)


def validate_markdown(project, *files):
    return subprocess.run([sys.executable, "-m", "casebook", "validate", "--format", "markdown", *files],
                          cwd=project, capture_output=True, text=True, timeout=120)


def test_the_problems_are_a_markdown_list_of_file_lines_and_typed_text_stays_text(tmp_path):
    project = copy_project(tmp_path / "p", with_cases=False)
    record = (ROOT / "cases" / f"{CASE}.yaml").read_text(encoding="utf-8")
    record = record.replace("\nlevel: city\n", "\nlevel: town\n", 1)
    record = record.replace("\nthemes:\n", f'\nthemes:\n  - "{HOSTILE}"\n', 1)
    path = project / "cases" / f"{CASE}.yaml"
    path.write_text(record, encoding="utf-8")
    result = validate_markdown(project, f"cases/{CASE}.yaml")
    assert result.returncode == 1, result.stderr
    text = result.stdout
    lines = text.splitlines()
    assert lines[0].startswith("**2 problems to fix")
    html = MarkdownIt("commonmark").render(text)  # GitHub's comments are CommonMark
    parsed = Tags()
    parsed.feed(html)
    assert set(parsed.tags) <= {"p", "strong", "ul", "li", "code"}, parsed.tags  # no link, no script
    assert len(parsed.items) == 2
    level_line = next(line for line in lines if "level" in line)
    theme_line = next(line for line in lines if "themes" in line)
    assert level_line.startswith(f"- `cases/{CASE}.yaml:") and "use 'township'" in parsed.items[1] + parsed.items[0]
    assert theme_line.startswith(f"- `cases/{CASE}.yaml:")
    # the contributor's text reads as typed, but mentions no one
    shown = next(item for item in parsed.items if "octocat" in item)
    assert "<script>alert(1)</script> [x](javascript:y) **loud** #12 `code`" in shown
    assert "@\u2060octocat" in shown and "@octocat" not in shown


def test_a_valid_record_says_so(tmp_path):
    project = copy_project(tmp_path / "p", with_cases=False)
    (project / "cases" / f"{CASE}.yaml").write_text((ROOT / "cases" / f"{CASE}.yaml").read_text(encoding="utf-8"),
                                                    encoding="utf-8")
    result = validate_markdown(project, f"cases/{CASE}.yaml")
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("**The case records are valid.**")
