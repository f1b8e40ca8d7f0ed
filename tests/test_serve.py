"""`casebook serve` (what `make serve` runs): the preview a contributor watches while editing.

The real server runs in a copy of the project; the tests fetch pages over HTTP, edit a
record as a contributor would, and wait (without asserting a time) for the change.
"""

from __future__ import annotations

import json
import re
import signal
import tempfile
from pathlib import Path

import pytest

from conftest import copy_project
from serve_support import Server, fetch, wait_for

pytestmark = pytest.mark.build

CASE = "wanzhou-grassroots-federation-reform"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = Server(copy_project(tmp_path_factory.mktemp("serve")))
    yield running
    running.stop()


@pytest.mark.parametrize("path, lang", [("", "en"), ("zh/", "zh"), ("vi/", "vi"),
                                        (f"zh/cases/{CASE}/", "zh"), (f"vi/cases/{CASE}/", "vi")])
def test_every_language_is_served(server, path, lang):
    status, html = fetch(server.url + path)
    assert status == 200 and f'<html lang="{lang}"' in html
    assert "livereload" in html  # the page reloads itself after a rebuild


def test_each_language_has_its_search_index(server):
    for prefix in ("", "zh/", "vi/"):
        status, text = fetch(f"{server.url}{prefix}search/search_index.json")
        assert status == 200 and '"docs":[' in text, prefix


def test_unknown_page_gets_the_404_page(server):
    status, html = fetch(server.url + "no/such/page/")
    assert status == 404 and "404" in html


def edit(record: Path, pattern: str, replacement: str) -> None:
    text = record.read_text(encoding="utf-8")
    new = re.sub(pattern, replacement, text, count=1, flags=re.M)
    assert new != text, pattern
    record.write_text(new, encoding="utf-8")


def assert_search_indexes_whole(server) -> None:
    """After a rebuild of some pages, each language's index still has every case page,
    each section once, with locations relative to that language's folder."""
    cases = sorted(path.stem for path in (server.project / "cases").glob("*.yaml"))
    for prefix in ("", "zh/", "vi/"):
        ours = json.loads(fetch(f"{server.url}{prefix}search/search_index.json")[1])["config"]["casebook"]
        locations = [row[0] for n in range(-(-ours["count"] // ours["per"]))
                     for row in _part(fetch(f"{server.url}{prefix}search/d/{n}.js")[1])]
        assert len(locations) == len(set(locations)), (prefix, sorted(l for l in locations if locations.count(l) > 1)[:5])
        assert {f"cases/{case}/" for case in cases} <= set(locations), prefix
        assert not any(l.startswith(("zh/", "vi/")) for l in locations), prefix


def _indexes_whole(server) -> bool:
    try:
        assert_search_indexes_whole(server)
    except (AssertionError, ValueError, KeyError):
        return False
    return True


def _part(script: str):
    return json.loads(script[script.index(",") + 1:script.rindex(");")])


def test_an_edited_record_shows_then_an_invalid_one_keeps_the_last_good_site(server):
    record = server.project / "cases" / f"{CASE}.yaml"
    edit(record, r"^    title: Wanzhou District", "    title: Edited in the preview, Wanzhou District")  # en
    wait_for(lambda: "Edited in the preview" in fetch(f"{server.url}cases/{CASE}/")[1], "the edited title")
    assert "Edited in the preview" in fetch(f"{server.url}cases/")[1], "the case list is rebuilt too"
    # zh pages show the Chinese title; the zh process rebuilt them all the same
    assert fetch(f"{server.url}zh/cases/{CASE}/")[0] == 200
    # (the index is written after the pages, in parts: wait until this build has written it)
    wait_for(lambda: _indexes_whole(server), "every language's search index to hold every case")
    assert_search_indexes_whole(server)

    edit(record, r"^country: .*$", "country: XX")
    wait_for(lambda: f"cases/{CASE}.yaml:" in server.text(), "the record's problem to be reported")
    assert "country" in server.text().split(f"cases/{CASE}.yaml:", 1)[1][:300]
    status, html = fetch(f"{server.url}cases/{CASE}/")
    assert status == 200 and "Edited in the preview" in html, "the last good build stays"

    edit(record, r"^country: XX$", "country: CN")
    edit(record, r"Edited in the preview, ", "Fixed, ")
    wait_for(lambda: "Fixed, " in fetch(f"{server.url}cases/{CASE}/")[1], "the fixed record")


def search_locations(server, prefix: str) -> set[str]:
    ours = json.loads(fetch(f"{server.url}{prefix}search/search_index.json")[1])["config"]["casebook"]
    return {row[0] for n in range(-(-ours["count"] // ours["per"]))
            for row in _part(fetch(f"{server.url}{prefix}search/d/{n}.js")[1])}


def test_a_deleted_record_leaves_every_languages_search(server):
    gone = "beitang-village-wechat-groups"
    record = server.project / "cases" / f"{gone}.yaml"
    kept = record.read_text(encoding="utf-8")

    def left_the_search() -> bool:
        try:
            return all(f"cases/{gone}/" not in search_locations(server, prefix) for prefix in ("", "zh/", "vi/"))
        except (ValueError, KeyError):  # a part being written
            return False

    record.unlink()
    try:
        wait_for(left_the_search, "the deleted case to leave every language's search")
    finally:
        record.write_text(kept, encoding="utf-8")
    wait_for(lambda: _indexes_whole(server), "the case back in every language's search")


def test_ctrl_c_stops_the_server_and_removes_its_files(tmp_path):
    before = set(Path(tempfile.gettempdir()).glob("casebook-serve-*"))
    running = Server(copy_project(tmp_path / "p"))
    made = set(Path(tempfile.gettempdir()).glob("casebook-serve-*")) - before
    assert made, "the preview is built in a temporary folder"
    assert running.stop() == 0
    assert fetch(running.url)[0] == 0, "nothing answers on the port"
    assert not any(path.exists() for path in made)


def children_of(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (Linux /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_sigterm_stops_the_server_its_language_processes_and_removes_its_files(tmp_path):
    before = set(Path(tempfile.gettempdir()).glob("casebook-serve-*"))
    running = Server(copy_project(tmp_path / "p"))
    made = set(Path(tempfile.gettempdir()).glob("casebook-serve-*")) - before
    languages = children_of(running.process.pid)
    assert len(languages) >= 3, "one process per language"
    running.process.send_signal(signal.SIGTERM)
    assert running.process.wait(timeout=30) == 0, running.text()
    wait_for(lambda: not any(alive(pid) for pid in languages), "the language processes to end", 30)
    assert fetch(running.url)[0] == 0, "nothing answers on the port"
    assert not any(path.exists() for path in made)
