"""What leaves the site, and what the site is told: case ids that become folders on a
trainer's computer, the site's address that every page names, and the classes by which
the site's scripts find their elements."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from casebook.site.sanitize import CLASSES, sanitize
from test_hostile import valid
from validation_support import make_casedir, write

ROOT = Path(__file__).resolve().parents[1]
RESERVED = ["con", "nul", "aux", "prn", "com1", "com9", "lpt1", "index"]


# --- case ids ------------------------------------------------------------------------

def validate(project: Path, *files: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "casebook", "validate", *files], cwd=project,
                          capture_output=True, text=True, timeout=120)


def test_reserved_names_are_refused_as_case_ids_with_file_and_line(tmp_path):
    cases, _ = make_casedir(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    for name in RESERVED:
        write(cases, f"{name}.yaml", valid(name))
    write(cases, "con-cuong-savings.yaml", valid("con-cuong-savings"))  # a prefix is fine
    run = validate(tmp_path)
    assert run.returncode == 1
    lines = [line for line in run.stdout.splitlines() if ": id: " in line]
    assert sorted(line.split(":")[0] for line in lines) == sorted(f"cases/{n}.yaml" for n in RESERVED)
    for line in lines:
        assert re.match(r"cases/[a-z0-9]+\.yaml:1:5: id: '[a-z0-9]+' cannot be a case id", line), line
    assert "cases/con-cuong-savings.yaml" not in run.stdout


def test_the_json_schema_refuses_the_same_ids():
    schema = json.loads((ROOT / "docs" / "data" / "case.schema.json").read_text(encoding="utf-8"))
    id_schema = schema["properties"]["id"]
    for name in RESERVED:
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(name, id_schema)
    jsonschema.validate("con-cuong-savings", id_schema)


# --- the site's address ---------------------------------------------------------------

@pytest.mark.build
@pytest.mark.parametrize("address", ["javascript://example.org/%0aalert(1)", 'https://example.org/"><b>x</b>',
                                     "ftp://example.org/", "https://example.org/a b/"])
def test_only_an_http_address_can_be_the_sites(tmp_path, monkeypatch, address):
    from conftest import copy_project, mkdocs_build

    project = copy_project(tmp_path / "project", with_cases=False)
    write(project / "cases", "field-test.yaml", valid())
    monkeypatch.setenv("CASEBOOK_SITE_URL", address)
    run = mkdocs_build(project)
    assert run.returncode != 0
    assert "CASEBOOK_SITE_URL" in run.stderr and address in run.stderr, run.stderr[-2000:]
    assert not (project / "site").exists()


# --- classes the site's scripts look for ------------------------------------------------

def script_classes() -> set[str]:
    """Every class a script of the site (ours and Material's) finds elements by."""
    ours = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs" / "assets").glob("*.js"))
    found = set(re.findall(r"\.((?:cb|md)-[A-Za-z0-9_-]+)", ours))
    found |= set(re.findall(r'classList\.\w+\("([^"]+)"', ours))
    found |= set(re.findall(r'className\s*=\s*"([^"]+)"', ours))
    return found


def test_the_scripts_classes_were_found():
    assert {"cb-print", "cb-pack-case", "md-select__link", "cb-term", "cb-pack-choice"} <= script_classes()


def test_no_class_a_script_looks_for_survives_in_a_case_page():
    hooks = script_classes()
    assert hooks & CLASSES == set()
    for name in sorted(hooks | {"md-nav__link", "md-search__input", "md-header", "cb-pack-first"}):
        html = f'<p class="{name}">a</p><span class="cb-status {name}">b</span><a class="{name}" href="#x">c</a>'
        assert name not in sanitize(html), name
        assert 'class="cb-status"' in sanitize(html)


def test_classes_for_looks_stay():
    html = '<div class="admonition info"><p class="admonition-title">x</p></div>'
    assert sanitize(html) == html
