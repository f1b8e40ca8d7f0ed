"""The search index's parts: the same terms in Python and in the browser's worker, and
what a query reads stays bounded as the casebook grows (synthetic cases)."""

from __future__ import annotations

import bisect
import json
import shutil
import subprocess

import pytest
import yaml

from casebook.commands.bench import synthetic_records
from casebook.site.search.documents import SearchDoc
from casebook.site.search.parts import POSTINGS_CAP, SHARD_BYTES, read_part, write_index
from casebook.pages.words import as_typed, fold, tokens
from casebook.site.search.terms import query_extras, query_terms
from conftest import ROOT
from needs import need

WORKER = ROOT / "docs" / "assets" / "casebook-search.js"
EXPLORE = ROOT / "docs" / "assets" / "explore.js"
SAMPLES = ["Đỡ đó độ do", "Sơn La", "第21号指示", "三峡移民", "Hội Phụ nữ tỉnh Bình Dương", "hoi phu nu binh duong", "Đồng Nai",
           "Five-One scheme", "women's federations", "ＡＣＷＦ １２３", "2018—2023年", "cán bộ Hội cơ sở",
           "妇联 WeChat 群", "ủy viên ban chấp hành", "Nghị quyết số 6"]


def worker_terms(queries: list[str], what: str = "words.flatMap(w => w.terms)") -> list:
    """The worker's own queryWords(), run by node on each query (``what`` of its words)."""
    need(shutil.which("node"), "node", "install Node.js (make setup needs it for npm)")
    script = f"""
const vm = require("vm"), fs = require("fs");
const context = {{ self: {{}}, addEventListener() {{}}, postMessage() {{}}, URL }};
vm.createContext(context);
vm.runInContext(fs.readFileSync({json.dumps(str(WORKER))}, "utf8") +
  ";this.queryWords = queryWords; this.phrases = phrases; this.fold = fold;", context);
const queries = {json.dumps(queries, ensure_ascii=False)};
const explore = require({json.dumps(str(EXPLORE))});
console.log(JSON.stringify(queries.map(q => {{ const words = context.queryWords(q); return {what}; }})));
"""
    out = subprocess.run(["node", "-e", script], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_worker_makes_the_same_terms_as_the_index():
    for query, theirs in zip(SAMPLES, worker_terms(SAMPLES)):
        assert list(dict.fromkeys(theirs)) == query_terms(query), query


def test_worker_makes_the_same_exact_forms_and_phrases_as_the_index():
    found = worker_terms(SAMPLES, "[words.flatMap(w => w.exact ? [w.exact] : []), context.phrases(words).map(p => p.term)]")
    for query, (exact, phrases) in zip(SAMPLES, found):
        assert list(dict.fromkeys(exact)) == query_extras(query)["exact"], query
        assert list(dict.fromkeys(phrases)) == query_extras(query)["phrases"], query


def test_one_folding_for_the_index_the_worker_and_explore():
    """Explore's word filter folds as the search does (pages/words.py): the same folded
    and as-typed words, the same words of a query."""
    found = worker_terms(SAMPLES, "[context.fold(q), explore.fold(q), "
                                  "explore.queryWords(q, 'vi').map(w => [w.folded, w.typed])]")
    for query, (worker, explore, words) in zip(SAMPLES, found):
        assert worker == explore == fold(query), query
        ours = [(folded, typed) for folded, is_han, typed in tokens(query)]
        assert [tuple(w) for w in words] == ours, query
        assert all(typed == as_typed(typed) for _, typed in ours)


def _docs(count: int, lang: str) -> list[SearchDoc]:
    seeds = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "cases").glob("*.yaml"))]
    docs = []
    for record in synthetic_records(seeds, count):
        text = record["text"][lang]
        narrative = " ".join(text.get(f, "") for f in ("background", "reform", "results"))
        docs.append(SearchDoc(f"cases/{record['id']}/", text["title"], "case",
                              fields=[(8, text["title"]), (3, text.get("summary", "")), (1, narrative)],
                              snippet=text.get("summary", "")[:300]))
    return docs


def parts_read(search_dir, manifest: dict, query: str) -> list[str]:
    """The term parts a query reads, found as the worker finds them (the last part whose
    first term is not after the term; a last word also its next part, for completions)."""
    keys = manifest["config"]["casebook"]["keys"]
    part = lambda term: max(0, bisect.bisect_right(keys, term) - 1)  # noqa: E731
    terms = query_terms(query)
    names = {part(t) for t in terms}
    if terms and not any("\u4e00" <= c <= "\u9fff" for c in terms[-1]):
        names.add(min(part(terms[-1]) + 1, len(keys) - 1))
    return [search_dir / "t" / f"{n}.js" for n in sorted(names)]


@pytest.mark.parametrize("lang, query", [("en", "Wanzhou women's federation grassroots"),
                                         ("zh", "基层妇联干部培训"), ("vi", "hoi phu nu co so")])
def test_a_query_reads_a_bounded_number_of_small_parts(tmp_path, lang, query):
    """At 200 and at 2,000 synthetic cases a query reads one term part per term (and
    one more for a word being typed), each at most SHARD_BYTES plus one term's postings,
    and no term lists more than POSTINGS_CAP documents: what a query reads does not grow
    with the number of cases (the manifest grows by a few bytes per part)."""
    read = {}
    for count in (200, 2000):
        folder = tmp_path / f"{lang}-{count}"
        manifest = write_index(folder, "search/", _docs(count, lang), {"separator": "[\\s]+"})
        paths = parts_read(folder, manifest, query)
        assert len(paths) <= len(query_terms(query)) + 1
        for path in paths:
            postings = read_part(path)
            assert path.stat().st_size <= SHARD_BYTES + max(len(json.dumps(p)) for p in postings.values()) + 100
            assert all(len(p) <= 1 + 2 * POSTINGS_CAP for p in postings.values())
        read[count] = sum(p.stat().st_size for p in paths)
        assert max(p.stat().st_size for p in (folder / "d").glob("*.js")) < 8_000, "a document part holds 4 snippets"
    assert read[2000] <= 2.5 * read[200] + 20_000, read
    assert read[2000] <= 250_000, read
