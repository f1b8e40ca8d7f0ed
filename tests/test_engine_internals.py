"""The plugin internals the engine uses are there in the installed versions.

Each is one function of casebook/engine/internals.py; when a release of MkDocs, Material
or mkdocs-static-i18n renames one, these tests fail with a message naming what moved and
the versions this code supports.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.config import load_config

from casebook.engine import internals

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def config():
    os.environ.pop("CASEBOOK_LANGUAGE", None)
    loaded = load_config(str(ROOT / "mkdocs.yml"))
    return loaded.plugins.on_config(loaded)  # as a build starts: Material's search makes its index


def test_every_internal_is_there(config):
    assert internals.check(config) == []


def test_material_speaks_chinese_through_its_partials(config):
    assert internals.material_translation(config, "zh", "search.config.pipeline") is not None
    assert internals.material_translation(config, "zh", "search.placeholder") != \
        internals.material_translation(config, "en", "search.placeholder")


def test_the_search_plugin_entries_are_read_not_copied(config):
    settings, entries = internals.search_entries(config)
    assert set(settings) == set(internals.SEARCH_INDEX_KEYS) and isinstance(entries, list)


def test_a_moved_internal_is_named_with_the_supported_versions():
    plugins = {"i18n": SimpleNamespace(current_language="en")}  # no `building`
    stub = SimpleNamespace(plugins=plugins)
    with pytest.raises(internals.InternalChanged) as err:
        internals.start_language_pass(stub, "zh")
    message = str(err.value)
    assert "mkdocs-static-i18n's plugin has no attribute 'building'" in message
    assert "supported: mkdocs 1.6, mkdocs-material 9.6-9.8, mkdocs-static-i18n 1.3" in message
    assert "installed: mkdocs 1." in message


def test_skip_copying_refuses_a_file_without_copy_file():
    with pytest.raises(internals.InternalChanged, match="File has no copy_file"):
        internals.skip_copying([object()])
