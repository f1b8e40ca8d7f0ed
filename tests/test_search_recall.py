"""A query finds cases however large the casebook: each term lists only its heaviest
pages (POSTINGS_CAP), so at thousands of cases no page may be on the list of every pair
of characters of a Chinese phrase. The worker then ranks the pages by how many of the
phrase's pairs they hold, instead of finding nothing (found at 10,000 cases, where
基层妇联干部 gave no result). Runs the worker's own search() in node over a real index."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from casebook.site.search.documents import SearchDoc
from casebook.site.search.parts import write_index
from test_search_index import WORKER, _docs
from needs import need


def worker_search(folder, manifest: dict, queries: list[str]) -> list[list[str]]:
    """The locations the worker's search() returns for each query, reading the parts
    from ``folder`` as importScripts would."""
    need(shutil.which("node"), "node", "install Node.js (make setup needs it for npm)")
    script = f"""
const vm = require("vm"), fs = require("fs"), path = require("path");
const folder = {json.dumps(str(folder))};
const context = {{ self: {{}}, addEventListener() {{}}, postMessage() {{}}, URL, console }};
context.importScripts = (...urls) => urls.forEach(url =>
  vm.runInContext(fs.readFileSync(path.join(folder, url.split("?")[0]), "utf8"), context));
vm.createContext(context);
vm.runInContext(fs.readFileSync({json.dumps(str(WORKER))}, "utf8") +
  ";this.search = search; index = " + JSON.stringify({json.dumps(manifest["config"]["casebook"])}) + "; base = '';",
  context);
context.casebookPart = context.self.casebookPart;
(async () => {{
  const out = [];
  for (const q of {json.dumps(queries, ensure_ascii=False)}) out.push((await context.search(q)).items.map(i => i[0].location));
  console.log(JSON.stringify(out));
}})();
"""
    out = subprocess.run(["node", "-e", script], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.mark.parametrize("lang, queries", [
    ("zh", ["基层妇联干部", "妇联干部培训", "基层组织建设"]),
    ("vi", ["hoi phu nu co so", "can bo hoi"]),
    ("en", ["women's federation grassroots"]),
])
def test_common_phrases_find_cases_at_thousands_of_cases(tmp_path, lang, queries):
    manifest = write_index(tmp_path, "search/", _docs(3000, lang), {"separator": "[\\s]+"})
    for query, found in zip(queries, worker_search(tmp_path, manifest, queries)):
        assert len(found) >= 10, (query, found)
        assert all(location.startswith("cases/") for location in found)


def test_a_query_of_nothing_indexed_still_finds_nothing(tmp_path):
    manifest = write_index(tmp_path, "search/", _docs(300, "zh"), {"separator": "[\\s]+"})
    assert worker_search(tmp_path, manifest, ["犇猋骉", "zzzqqq"]) == [[], []]


def _doc(location: str, title: str, text: str = "", kind: str = "case", boost: float = 1.0) -> SearchDoc:
    return SearchDoc(location, title, kind, boost, [(8, title), (1, text)], text[:100])


def test_a_reader_ranks_what_they_typed_first(tmp_path):
    """Marks typed mean the words written so; words next to each other outrank the same
    words apart; when no page holds every word, the pages holding most (the rarer first)
    come; a page for developers comes after the cases."""
    filler = [_doc(f"cases/f{n}/", f"Hội Phụ nữ xã {n}", "phụ nữ hội viên " * 3) for n in range(12)]
    docs = filler + [
        _doc("cases/apart/", "Sơn Tây làm lá", "Đó là con đường sơn. Là lá la đà. Sơn sơn là là."),
        _doc("cases/son-la/", "Hội Phụ nữ tỉnh Sơn La", "Tỉnh Sơn La có nhiều bản."),
        _doc("cases/savings/", "Savings groups in Viet Nam", "Women save together in Viet Nam."),
        _doc("glossary/", "Glossary", "savings loans Viet Nam federation union " * 3, kind="glossary"),
        _doc("performance/", "Performance", "savings Viet Nam figures " * 5, kind="page", boost=0.4),
    ]
    manifest = write_index(tmp_path, "search/", docs, {"separator": "[\\s]+"})
    typed, bare, partial = worker_search(tmp_path, manifest, ["Sơn La", "son la", "savings Vietnam thriftiness"])
    assert typed[0] == "cases/son-la/" and bare[0] == "cases/son-la/", (typed, bare)
    assert partial[0] == "cases/savings/", partial
    assert partial.index("performance/") > partial.index("cases/savings/"), partial

