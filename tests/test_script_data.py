"""The site's scripts, run by node, over data that looks like code: the explore page's CSV
cells against the open-data CSVs' (one rule, two implementations, the same output), and
the search worker over a query that is also the name of an Object property."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casebook.pages.open_data import cell
from conftest import ROOT

EXPLORE = ROOT / "docs" / "assets" / "explore.js"
WORKER = ROOT / "docs" / "assets" / "casebook-search.js"

# Reads one JSON list of cells a line, answers with the explore page's CSV row for it.
ROW_SERVER = """
const { csvCell } = require(%s);
require("readline").createInterface({ input: process.stdin }).on("line", line => {
  process.stdout.write(JSON.stringify(JSON.parse(line).map(csvCell).join(",")) + "\\n");
});
"""

HOSTILE = ['=HYPERLINK("https://evil.example/","click")', "+1+1", "-2+3", "@SUM(1,2)", "\t=1+1",
           "\r=1+1", "\n=1", '=IMPORTXML("https://evil.example","//a")', "a,b", 'say "hi"', "two\nlines",
           "cr\ronly", "", " =not a formula", "plain", "'=already", "=", "Hội Phụ nữ", "全国妇联",
           "https://example.org/cases/x/", "2018;2019", "$&", "\ufeff=1"]


def need_node() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed (make setup installs it with npm)")
    return node


@pytest.fixture(scope="module")
def js_row():
    """The explore page's own csvCell(), in one node process for every row."""
    process = subprocess.Popen([need_node(), "-e", ROW_SERVER % json.dumps(str(EXPLORE))],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8")

    def row(cells: list[str]) -> str:
        process.stdin.write(json.dumps(cells) + "\n")
        process.stdin.flush()
        return json.loads(process.stdout.readline())

    yield row
    process.stdin.close()
    process.wait(timeout=10)


def python_row(cells: list[str]) -> str:
    """The open-data CSVs' rule: cell() on each value, then the csv module's quoting."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow([cell(value) for value in cells])
    return out.getvalue()[:-2]


def test_explore_csv_cells_are_the_open_data_cells(js_row):
    for text in HOSTILE:
        cells = [text, "x"]  # (a row of one empty cell is written "" by the csv module)
        assert js_row(cells) == python_row(cells), repr(text)


def test_no_explore_csv_cell_starts_a_formula(js_row):
    for text in HOSTILE:
        row = next(csv.reader(io.StringIO(js_row([text, "x"]), newline="")))
        assert row[0] == cell(text) and not row[0].startswith(("=", "+", "-", "@", "\t", "\r", "\n")), repr(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from('=+-@\t\r\n",; \'a1é妇$&\ufeff\u00a0')
                        | st.characters(codec="utf-8"), max_size=12), min_size=2, max_size=4))
def test_explore_csv_rows_are_the_open_data_rows_for_any_text(js_row, cells):
    assert js_row(cells) == python_row(cells)


# --- the search worker ---------------------------------------------------------------------

def worker_search(query: str, term_part: dict, documents: list) -> list[dict]:
    """The worker's search() over one term part and one document part of our own."""
    script = f"""
const vm = require("vm"), fs = require("fs");
const context = {{ self: {{}}, addEventListener() {{}}, postMessage() {{}}, URL, importScripts() {{}} }};
vm.createContext(context);
vm.runInContext(fs.readFileSync({json.dumps(str(WORKER))}, "utf8") +
  ";this.search = search; this.setIndex = i => {{ index = i }};", context);
context.self.casebookPart("t0", {json.dumps(term_part)});
context.self.casebookPart("d0", {json.dumps(documents)});
context.setIndex({{ keys: [""], count: {len(documents)}, per: 100, version: 1 }});
context.search({json.dumps(query)}).then(r => console.log(JSON.stringify(r.items.map(i => i[0]))));
"""
    out = subprocess.run([need_node(), "-e", script], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.mark.parametrize("query", ["constructor", "tostring", "valueof", "hasownproperty", "proto"])
def test_a_query_named_like_an_object_property_finds_its_completions(query):
    # "constructors": a word of the page; the query is typed as far as an Object property's name
    word = query + "s"
    found = worker_search(query, {word: [1, 0, 5]}, [["cases/a/", f"The {word}", f"Some {word} here"]])
    assert [item["location"] for item in found] == ["cases/a/"], found
    assert "<mark>" in found[0]["title"]
