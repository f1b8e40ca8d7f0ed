"""What a large build does not hold in memory (#29): built HTML waits on disk
(casebook/site/spool.py), the open data is written piece by piece, the search index lets
each document's text go once its terms are counted."""

from __future__ import annotations

import shutil
import sys

import pytest

from casebook.site.spool import Spool, Spooled
from conftest import FIXTURE, FIXTURE_ID, ROOT, copy_project


def test_a_spooled_text_reads_back_the_same_and_holds_no_copy_of_it_in_memory():
    spool = Spool()
    texts = ["<p>short</p>", "<p>妇联 · Hội Liên hiệp</p>" * 5000, ""]
    kept = [spool.put(text) for text in texts]
    assert [str(k) for k in reversed(kept)] == texts[::-1]  # (read in any order)
    # what stays in memory is where the text is, whatever its length
    assert {sys.getsizeof(k) for k in kept} == {sys.getsizeof(kept[0])} and sys.getsizeof(kept[0]) < 100
    assert spool.size < len(texts[1].encode("utf-8")) // 10  # compressed on disk
    spool.close()
    assert spool.size == 0


@pytest.mark.build
def test_a_real_build_keeps_pages_html_on_disk_until_it_is_read(tmp_path, monkeypatch):
    """MkDocs converts every page before it renders any: the hooks hand it back a
    Spooled, read again just before the theme (and the search plugin) read the page."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from casebook.engine.hooks import CasebookHooks

    project = copy_project(tmp_path / "project", with_cases=False)
    for name in ("ruili-cross-border-women-children-centre.yaml",):
        shutil.copy(ROOT / "cases" / name, project / "cases" / name)
    shutil.copy(FIXTURE, project / "cases" / f"{FIXTURE_ID}.yaml")
    seen: dict[str, str] = {}
    original = CasebookHooks.on_page_context

    def noting(self, context, page, config):
        seen[page.url] = type(page.content).__name__  # as MkDocs hands it over after converting
        return original(self, context, page, config)

    monkeypatch.setattr(CasebookHooks, "on_page_context", noting)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.chdir(project)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
        hooks = config.hooks["hooks/casebook_hooks.py"]._hooks
        kept = dict(hooks.cases.pages)
        on_disk = hooks.cases.spool.size
        texts = {key: str(html) for key, (html, _) in kept.items()}
    finally:
        config.plugins.on_shutdown()

    assert len(seen) > 40 and set(seen.values()) == {"Spooled"}
    # each case page, in each language, kept for the pack and the comparison
    assert set(kept) == {(lang, case) for lang in ("en", "zh", "vi")
                         for case in ("ruili-cross-border-women-children-centre", FIXTURE_ID)}
    assert all(isinstance(html, Spooled) for html, _ in kept.values())
    assert on_disk > 0
    assert all('id="background"' in text for text in texts.values())
    # the page as printed in the pack: sanitised, with its share block, before the tooltips
    built = (tmp_path / "site" / "cases" / "ruili-cross-border-women-children-centre" / "index.html").read_text(encoding="utf-8")
    assert 'class="cb-term"' not in texts[("en", "ruili-cross-border-women-children-centre")]
    assert texts[("en", "ruili-cross-border-women-children-centre")].split('id="background"')[0][-200:] in built


def test_the_open_data_is_written_in_pieces_and_an_unchanged_file_is_left_alone(tmp_path):
    from casebook.pages.writer import write_pages

    pieces = iter(["[\n", ' "妇联",\n', ' "Hội"\n', "]\n"])
    assert write_pages(tmp_path, [("data/cases.json", pieces)], ("data",)) == ["data/cases.json"]
    assert next(pieces, None) is None  # every piece read
    assert (tmp_path / "data" / "cases.json").read_text(encoding="utf-8") == '[\n "妇联",\n "Hội"\n]\n'
    before = (tmp_path / "data" / "cases.json").stat().st_mtime_ns
    again = iter(["[\n", ' "妇联",\n', ' "Hội"\n', "]\n"])
    assert write_pages(tmp_path, [("data/cases.json", again)], ("data",)) == []  # (casebook serve: no loop)
    assert (tmp_path / "data" / "cases.json").stat().st_mtime_ns == before
    assert [p.name for p in (tmp_path / "data").iterdir()] == ["cases.json"]  # no temporary file left


def test_the_open_data_s_pieces_make_the_text_it_always_was():
    """cases.json and the CSVs as pieces join into json.dumps(indent=1) of every case and
    the CSV written whole: nothing else changes for a reader of the files."""
    import csv
    import io
    import json

    from casebook.pages.open_data import CSV_COLUMNS, _record, _row, cases_csv_pieces, cases_json_pieces, cell
    from casebook.records.load import load_casebook

    book = load_casebook(ROOT / "cases")
    whole = {"schema": "case.schema.json", "languages": ["en", "zh", "vi"],
             "cases": [_record(case, "https://example.org/", book) for case in book.sorted_cases()]}
    pieces = list(cases_json_pieces(book, "https://example.org/"))
    assert len(pieces) == len(book.cases) + 2
    assert "".join(pieces) == json.dumps(whole, ensure_ascii=False, indent=1) + "\n"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for case in book.sorted_cases():
        writer.writerow({key: cell(value) for key, value in _row(case, "vi", book, "https://example.org/").items()})
    assert "".join(cases_csv_pieces(book, "vi", "https://example.org/")) == "\ufeff" + out.getvalue()


def test_the_search_index_reads_its_documents_one_at_a_time(tmp_path):
    """write_index takes the documents as they are made and keeps of each only the row
    its part shows: a document's text is let go before the next is made."""
    import gc
    import weakref

    from casebook.site.search.documents import SearchDoc
    from casebook.site.search.parts import read_part, write_index

    alive = []

    def documents():
        for number in range(5):
            doc = SearchDoc(f"cases/c{number}/", f"Case {number}", "case",
                            fields=[(8, f"Case {number}"), (1, "women's union reform " * 200)], snippet="s")
            alive.append(weakref.ref(doc))
            yield doc
            del doc
            gc.collect()
            assert sum(ref() is not None for ref in alive) <= 1, "documents before this one are still held"

    manifest = write_index(tmp_path, "search/", documents(), {"separator": "[\\s]+"})
    assert manifest["config"]["casebook"]["count"] == 5
    assert read_part(tmp_path / "d" / "1.js") == [["cases/c4/", "Case 4", "s", "case"]]
