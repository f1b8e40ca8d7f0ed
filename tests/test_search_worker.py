"""Each Material internal our search relies on (hooks/casebook/engine/internals.py),
checked against the installed Material: a failure names the version it was written for."""

from __future__ import annotations

import json
import re
from pathlib import Path

import material
import pytest

from casebook.engine.internals import OUR_SEARCH_WORKER as WORKER, SUPPORTED, InternalChanged
from casebook.engine.internals import use_our_search_worker as use_our_worker

THEME = Path(material.__file__).parent / "templates"
CHANGED = f"Material's internals changed: our search was written for mkdocs-material {SUPPORTED['mkdocs-material']}"


def _sources(bundle: str) -> dict[str, str]:
    folder = THEME / "assets" / "javascripts" / ("workers" if bundle == "search" else "")
    source_map = next(folder.glob(f"{bundle}.*.min.js.map"))
    data = json.loads(source_map.read_text(encoding="utf-8"))
    return dict(zip(data["sources"], data["sourcesContent"]))


def _source(bundle: str, ending: str) -> str:
    found = [text for name, text in _sources(bundle).items() if name.endswith(ending)]
    assert found, f"{CHANGED}: no {ending} in its {bundle} bundle"
    return found[0]


def test_the_worker_messages_are_setup_ready_query_result():
    text = _source("bundle", "integrations/search/worker/message/index.ts")
    names = re.findall(r"^\s+(SETUP|READY|QUERY|RESULT),?\s", text.split("enum SearchMessageType", 1)[1], re.M)
    assert names == ["SETUP", "READY", "QUERY", "RESULT"], f"{CHANGED}: SearchMessageType is {names}"


def test_the_worker_gets_the_index_config_and_the_result_shape_is_ours():
    setup = _source("bundle", "integrations/search/worker/_/index.ts")
    assert "({ config, docs }) => worker$.next" in setup, f"{CHANGED}: SETUP no longer carries the index's config"
    render = _source("bundle", "templates/search/index.tsx")
    for field in ("document.terms", "document.location", "document.score", "document.title", "document.text"):
        assert field in render, f"{CHANGED}: a result no longer reads {field}"


def test_the_index_is_fetched_from_search_folder_and_from_file_urls_as_a_script():
    text = _source("bundle", "javascripts/bundle.ts")
    for needle in ('"search/search_index.js"', "__index", '"search/search_index.json"'):
        assert needle in text, f"{CHANGED}: the index is no longer loaded from {needle}"


def test_base_html_names_the_worker_in_its_config_script():
    base = (THEME / "base.html").read_text(encoding="utf-8")
    assert re.search(r'"search": "assets/javascripts/workers/search\.[0-9a-f]+\.min\.js" \| url', base), \
        f"{CHANGED}: base.html no longer sets config.search"


@pytest.mark.build
def test_our_worker_replaces_materials_in_a_built_page(built_site):
    page = (built_site / "zh" / "cases" / "index.html").read_text(encoding="utf-8")
    assert f'"search": "../../{WORKER}"' in page
    assert "workers/search." not in page


def test_a_page_without_the_config_script_says_which_material_is_supported():
    with pytest.raises(InternalChanged, match=re.escape(f"mkdocs-material {SUPPORTED['mkdocs-material']}")):
        use_our_worker("<html><body>no config</body></html>")
    with pytest.raises(InternalChanged, match="no search worker URL"):
        use_our_worker('<script id="__config" type="application/json">{"search": "x.js"}</script>')
